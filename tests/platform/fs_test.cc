// The durability helpers on a real file system in a temp dir: an atomic
// write leaves no visible temporary file, and what an interrupted one left
// (dot-named) is shredded at start while everything else stays.
#include "daemon/platform/fs.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/test_support.h"

namespace kluis::platform {
namespace {

using kluis::testing::FileExists;
using kluis::testing::ReadFileOrDie;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

TEST(FsTest, AnAtomicWriteReplacesTheFileAndLeavesNothingElse) {
  TempDir dir;
  const std::string path = dir.File("vault.age");
  ASSERT_TRUE(WriteFileAtomic(path, "eerste").ok());
  ASSERT_TRUE(WriteFileAtomic(path, "tweede").ok());
  EXPECT_EQ(ReadFileOrDie(path), "tweede");
  absl::StatusOr<std::vector<std::string>> names = ListDir(dir.path());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"vault.age"});
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(FsTest, LeftoversOfAnInterruptedWriteAreShreddedAndNothingElse) {
  TempDir dir;
  ASSERT_EQ(::mkdir(dir.File("dossiers").c_str(), 0700), 0);
  // What a crash between mkostemp and rename leaves, at two depths.
  WriteFileOrDie(dir.File(".vault.age.tmp-a1b2c3"), "oude sleutel");
  WriteFileOrDie(dir.File("dossiers/.0123.age.tmp-XyZ987"), "oude sleutel");
  // Files that must stay: real keys, and dot files of another shape.
  WriteFileOrDie(dir.File("vault.age"), "sleutel");
  WriteFileOrDie(dir.File("dossiers/0123.age"), "sleutel");
  WriteFileOrDie(dir.File(".hidden"), "blijft");
  absl::StatusOr<int> n = ShredTempLeftovers(dir.path());
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 2);
  EXPECT_FALSE(FileExists(dir.File(".vault.age.tmp-a1b2c3")));
  EXPECT_FALSE(FileExists(dir.File("dossiers/.0123.age.tmp-XyZ987")));
  EXPECT_TRUE(FileExists(dir.File("vault.age")));
  EXPECT_TRUE(FileExists(dir.File("dossiers/0123.age")));
  EXPECT_TRUE(FileExists(dir.File(".hidden")));
  EXPECT_EQ(*ShredTempLeftovers(dir.File("missing")), 0);
}

}  // namespace
}  // namespace kluis::platform
