// RemoveDamagedLooseObjects on a real repository: what a power cut leaves
// of an unsynced loose object (an empty file, a file cut short, a writer's
// temporary file) is removed at open; sound objects, and the history that
// reaches them, stay; stock git's fsck is clean afterwards.
#include "daemon/store/loose_objects.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "daemon/store/git_store.h"
#include "tests/support/test_support.h"

namespace kluis::store {
namespace {

using kluis::testing::FileExists;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

std::string LoosePath(const std::string& repo, const std::string& id) {
  return absl::StrCat(repo, "/objects/", id.substr(0, 2), "/", id.substr(2));
}

TEST(LooseObjectsTest, DamagedAndTemporaryObjectFilesGoAndSoundOnesStay) {
  TempDir dir;
  const std::string repo = dir.File("r.git");
  {
    auto st = *GitStore::Create(repo, {0});
    ASSERT_TRUE(st->Commit({{"a.age", "eerste"}}, "first").ok());
  }
  // Three unreachable objects as a power cut leaves them.
  auto hash = [&](const std::string& text) {
    WriteFileOrDie(dir.File("in"), text);
    std::string id = RunCommand({"git", "--git-dir=" + repo, "hash-object",
                                 "-w", dir.File("in")})
                         .out;
    while (!id.empty() && id.back() == '\n') id.pop_back();
    return id;
  };
  const std::string empty = hash("leeg na stroomuitval");
  const std::string cut = hash("afgebroken object met wat meer inhoud erin");
  WriteFileOrDie(LoosePath(repo, empty), "");
  const std::string whole = ReadFileOrDie(LoosePath(repo, cut));
  WriteFileOrDie(LoosePath(repo, cut), whole.substr(0, whole.size() / 2));
  const std::string temp =
      LoosePath(repo, cut).substr(0, LoosePath(repo, cut).rfind('/')) +
      "/tmp_object_git2_AbCdEf";
  WriteFileOrDie(temp, "x");
  ASSERT_NE(
      RunCommand({"git", "--git-dir=" + repo, "fsck", "--full"}).exit_code, 0);

  absl::StatusOr<int> removed = RemoveDamagedLooseObjects(repo);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 3);
  EXPECT_FALSE(FileExists(LoosePath(repo, empty)));
  EXPECT_FALSE(FileExists(LoosePath(repo, cut)));
  EXPECT_FALSE(FileExists(temp));
  kluis::testing::ProcessResult fsck =
      RunCommand({"git", "--git-dir=" + repo, "fsck", "--full", "--strict"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.out << fsck.err;
  // The history is whole, and opening (which sweeps) writes again.
  auto st = *GitStore::Open(repo, {0});
  EXPECT_EQ(*st->Read("a.age"), "eerste");
  EXPECT_TRUE(st->Commit({{"b.age", "tweede"}}, "second").ok());
  EXPECT_EQ(*RemoveDamagedLooseObjects(repo), 0);
}

}  // namespace
}  // namespace kluis::store
