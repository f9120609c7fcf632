// What an atomic write does when the file system refuses its chmod, as a
// FAT-family drive does for modes its mount's fmask does not allow (the
// kernel's vfat and exfat are not available to the tests; exfat-fuse
// accepts chmod silently). This binary interposes fchmod(2): while
// `g_fchmod_errno` is set, every fchmod fails with it. Only a backup
// drive's writes tolerate EPERM/ENOTSUP (mode_may_fail); the vault's never.
#include <dlfcn.h>
#include <errno.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "daemon/platform/fs.h"
#include "tests/support/test_support.h"

namespace {
int g_fchmod_errno = 0;
int g_fchmod_calls = 0;
}  // namespace

extern "C" int fchmod(int fd, mode_t mode) {
  using Real = int (*)(int, mode_t);
  static Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "fchmod"));
  ++g_fchmod_calls;
  if (g_fchmod_errno != 0) {
    errno = g_fchmod_errno;
    return -1;
  }
  return real(fd, mode);
}

namespace kluis::platform {
namespace {

using kluis::testing::ReadFileOrDie;
using kluis::testing::TempDir;

class FsChmodTest : public ::testing::Test {
 protected:
  void TearDown() override { g_fchmod_errno = 0; }
  std::vector<std::string> Names() {
    absl::StatusOr<std::vector<std::string>> names = ListDir(dir_.path());
    EXPECT_TRUE(names.ok());
    return names.ok() ? *names : std::vector<std::string>{};
  }
  TempDir dir_;
};

TEST_F(FsChmodTest, ADriveThatRefusesModesStillGetsItsFile) {
  for (int refusal : {EPERM, ENOTSUP}) {
    const int calls = g_fchmod_calls;
    g_fchmod_errno = refusal;
    AtomicWriteOptions options;
    options.mode_may_fail = true;
    const std::string path = dir_.File("manifest");
    absl::Status s = WriteFileAtomic(path, "inhoud", options);
    g_fchmod_errno = 0;
    ASSERT_TRUE(s.ok()) << s;
    EXPECT_GT(g_fchmod_calls, calls);  // the write did ask for the mode
    EXPECT_EQ(ReadFileOrDie(path), "inhoud");
    EXPECT_EQ(Names(), std::vector<std::string>{"manifest"});
  }
}

TEST_F(FsChmodTest, TheVaultNeverWritesAFileItCouldNotMakePrivate) {
  const std::string path = dir_.File("vault.age");
  g_fchmod_errno = EPERM;
  absl::Status s = WriteFileAtomic(path, "sleutel");
  g_fchmod_errno = 0;
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("chmod"), absl::string_view::npos) << s;
  EXPECT_TRUE(Names().empty()) << "the temporary file must go too";
}

TEST_F(FsChmodTest, OnlyARefusalIsTolerated) {
  AtomicWriteOptions options;
  options.mode_may_fail = true;
  g_fchmod_errno = EIO;  // a failing disk is not a FAT mount's fmask
  absl::Status s = WriteFileAtomic(dir_.File("manifest"), "inhoud", options);
  g_fchmod_errno = 0;
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Names().empty());
}

}  // namespace
}  // namespace kluis::platform
