// The quick check of a mirror on a drive: git's pack and index checksums
// read back (a flipped bit, a missing half), packs the last run listed,
// and the record count carried over from the last run by a diff.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/backup/git_cli.h"
#include "tests/support/test_support.h"

namespace kluis::backup {
namespace {

using kluis::testing::ListDir;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

class PackCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = dir_.File("work");
    repo_ = work_ + "/.git";
    ASSERT_EQ(RunCommand({"git", "init", "-q", "-b", "main", work_}).exit_code,
              0);
    Commit({"dossiers/ab/d1/dossier.age", "dossiers/ab/d1/r1.age",
            "dossiers/ab/d1/r2.data.age"});
  }
  void Commit(const std::vector<std::string>& files) {
    for (const std::string& f : files) {
      const std::string path = work_ + "/" + f;
      ASSERT_EQ(RunCommand({"mkdir", "-p", path.substr(0, path.rfind('/'))})
                    .exit_code,
                0);
      WriteFileOrDie(path, absl::StrCat("ciphertext of ", f, "\n"));
    }
    ASSERT_EQ(RunCommand({"git", "-C", work_, "add", "-A"}).exit_code, 0);
    ASSERT_EQ(RunCommand({"git", "-C", work_, "-c", "user.name=t", "-c",
                          "user.email=t@example.org", "commit", "-qm", "c"})
                  .exit_code,
              0);
  }
  std::vector<std::string> Packs(const std::string& ending) {
    std::vector<std::string> out;
    for (const std::string& f : ListDir(repo_ + "/objects/pack")) {
      if (absl::EndsWith(f, ending)) out.push_back(f);
    }
    return out;
  }

  TempDir dir_;
  std::string work_, repo_;
};

TEST_F(PackCheckTest, AFlippedBitOrAMissingHalfIsDamage) {
  ASSERT_EQ(
      RunCommand({"git", "-C", work_, "repack", "-a", "-d", "-q"}).exit_code,
      0);
  ASSERT_EQ(Packs(".pack").size(), 1u);
  std::set<std::string> checked;
  EXPECT_EQ(DamagedPackFiles(repo_, &checked), 0u);
  EXPECT_EQ(checked.size(), 2u);  // the pack and its index
  const std::string pack = repo_ + "/objects/pack/" + Packs(".pack")[0];
  std::string bytes = ReadFileOrDie(pack);
  chmod(pack.c_str(), 0600);
  bytes[bytes.size() / 2] ^= 0x01;
  WriteFileOrDie(pack, bytes);
  EXPECT_EQ(DamagedPackFiles(repo_, nullptr), 1u);
  // Known sound already: not read again.
  EXPECT_EQ(DamagedPackFiles(repo_, &checked), 0u);
  bytes[bytes.size() / 2] ^= 0x01;
  WriteFileOrDie(pack, bytes);
  EXPECT_EQ(DamagedPackFiles(repo_, nullptr), 0u);
  const std::string idx = repo_ + "/objects/pack/" + Packs(".idx")[0];
  ASSERT_EQ(unlink(idx.c_str()), 0);
  EXPECT_EQ(DamagedPackFiles(repo_, nullptr), 1u);  // a pack without index
}

TEST_F(PackCheckTest, APackTheLastRunListedIsMissed) {
  ASSERT_EQ(
      RunCommand({"git", "-C", work_, "repack", "-a", "-d", "-q"}).exit_code,
      0);
  kluis::v1::BackupManifest last;
  for (const std::string& p : Packs(".pack")) last.add_packs(p);
  EXPECT_EQ(LostPacks(repo_, last), 0u);
  last.add_packs("pack-0000000000000000000000000000000000000000.pack");
  last.add_packs("../../keys/vault.age");  // never a path out of the folder
  EXPECT_EQ(LostPacks(repo_, last), 2u);
}

TEST_F(PackCheckTest, RecordsAreCountedFromTheLastRunsCommit) {
  const std::string first =
      RunCommand({"git", "--git-dir=" + repo_, "rev-parse", "main"}).out;
  absl::StatusOr<MainContents> all = ContentsOfMain(repo_);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->records, 2u);  // not the attachment's contents
  Commit({"dossiers/ab/d1/r3.age", "dossiers/cd/d2/dossier.age",
          "dossiers/cd/d2/scan.data.age"});
  ASSERT_EQ(
      RunCommand({"git", "-C", work_, "rm", "-q", "dossiers/ab/d1/r1.age"})
          .exit_code,
      0);
  Commit({});
  absl::StatusOr<int64_t> delta = RecordsAddedSince(
      repo_, std::string(absl::StripTrailingAsciiWhitespace(first)));
  ASSERT_TRUE(delta.ok()) << delta.status();
  EXPECT_EQ(*delta, 1);  // two added, one deleted
  EXPECT_EQ(ContentsOfMain(repo_)->records, 3u);
  EXPECT_FALSE(
      RecordsAddedSince(repo_, "0123456789012345678901234567890123456789")
          .ok());
}

}  // namespace
}  // namespace kluis::backup
