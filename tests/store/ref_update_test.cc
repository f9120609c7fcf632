// UpdateRefDurably and ClearStaleLocks on a real bare repository: the
// compare-and-swap holds against a moved ref and a held lock, a failed
// update leaves neither the ref nor a lock changed, a new ref's folder is
// made, stock git reads what was written, and stale locks go at open.
#include "daemon/store/ref_update.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "daemon/store/git_handles.h"
#include "daemon/store/git_store.h"
#include "tests/support/test_support.h"

namespace kluis::store {
namespace {

using kluis::testing::FileExists;
using kluis::testing::ReadFileOrDie;
using kluis::testing::RunCommand;
using kluis::testing::TempDir;
using kluis::testing::WriteFileOrDie;

class RefUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitLibgit2();
    path_ = dir_.File("r.git");
    auto store = GitStore::Create(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Commit({{"a.age", "1"}}, "first").ok());
    ASSERT_TRUE((*store)->Commit({{"b.age", "2"}}, "second").ok());
    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_open_bare(&raw, path_.c_str()), 0);
    repo_.reset(raw);
    ASSERT_EQ(git_reference_name_to_id(&second_, raw, "refs/heads/main"), 0);
    git_commit* c = nullptr;
    ASSERT_EQ(git_commit_lookup(&c, raw, &second_), 0);
    first_ = *git_commit_parent_id(c, 0);
    git_commit_free(c);
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(fd_, 0);
  }
  void TearDown() override { ::close(fd_); }
  std::string Main() { return ReadFileOrDie(path_ + "/refs/heads/main"); }

  TempDir dir_;
  std::string path_;
  RepoPtr repo_;
  git_oid first_{}, second_{};
  int fd_ = -1;
};

TEST_F(RefUpdateTest, MovesTheRefOnlyFromTheExpectedValue) {
  const std::string before = Main();
  // Expecting the old value: refused, nothing changed, no lock left.
  absl::Status stale = UpdateRefDurably(repo_.get(), path_, fd_,
                                        "refs/heads/main", first_, &first_);
  EXPECT_TRUE(absl::IsAborted(stale)) << stale;
  EXPECT_EQ(Main(), before);
  EXPECT_FALSE(FileExists(path_ + "/refs/heads/main.lock"));
  // Expecting that it does not exist: refused too.
  EXPECT_TRUE(absl::IsAborted(UpdateRefDurably(
      repo_.get(), path_, fd_, "refs/heads/main", first_, nullptr)));
  // From the right value: moved, and stock git agrees.
  ASSERT_TRUE(UpdateRefDurably(repo_.get(), path_, fd_, "refs/heads/main",
                               first_, &second_)
                  .ok());
  EXPECT_EQ(Main(), std::string(git_oid_tostr_s(&first_)) + "\n");
  auto rev = RunCommand({"git", "--git-dir=" + path_, "rev-parse", "main"});
  EXPECT_EQ(rev.out, Main());
}

TEST_F(RefUpdateTest, AHeldLockIsAConflictAndIsLeftToItsOwner) {
  WriteFileOrDie(path_ + "/refs/heads/main.lock", "");
  const std::string before = Main();
  absl::Status s = UpdateRefDurably(repo_.get(), path_, fd_, "refs/heads/main",
                                    first_, &second_);
  EXPECT_TRUE(absl::IsAborted(s)) << s;
  EXPECT_EQ(Main(), before);
  EXPECT_TRUE(FileExists(path_ + "/refs/heads/main.lock"));
}

TEST_F(RefUpdateTest, ANewRefGetsItsFolder) {
  ASSERT_FALSE(FileExists(path_ + "/refs/kluis"));
  ASSERT_TRUE(UpdateRefDurably(repo_.get(), path_, fd_, "refs/kluis/journal",
                               first_, nullptr)
                  .ok());
  EXPECT_EQ(ReadFileOrDie(path_ + "/refs/kluis/journal"),
            std::string(git_oid_tostr_s(&first_)) + "\n");
  // A second creation of the same ref is a conflict.
  EXPECT_TRUE(absl::IsAborted(UpdateRefDurably(
      repo_.get(), path_, fd_, "refs/kluis/journal", second_, nullptr)));
}

TEST_F(RefUpdateTest, StaleLocksAreClearedAndCounted) {
  ASSERT_EQ(::mkdir((path_ + "/refs/kluis").c_str(), 0755), 0);
  WriteFileOrDie(path_ + "/refs/kluis/journal.lock", "");
  WriteFileOrDie(path_ + "/refs/heads/main.lock", "");
  WriteFileOrDie(path_ + "/packed-refs.lock", "");
  absl::StatusOr<int> n = ClearStaleLocks(path_);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 3);
  EXPECT_FALSE(FileExists(path_ + "/refs/kluis/journal.lock"));
  EXPECT_FALSE(FileExists(path_ + "/packed-refs.lock"));
  EXPECT_TRUE(FileExists(path_ + "/refs/heads/main"));
  EXPECT_EQ(*ClearStaleLocks(path_), 0);
}

TEST_F(RefUpdateTest, AReadOnlyOpenClearsNoLockAndRefusesWrites) {
  WriteFileOrDie(path_ + "/refs/heads/main.lock", "");
  auto st = GitStore::Open(path_, {0, /*read_only=*/true});
  ASSERT_TRUE(st.ok()) << st.status();
  EXPECT_TRUE(FileExists(path_ + "/refs/heads/main.lock"));
  EXPECT_EQ(*(*st)->Read("a.age"), "1");
  const std::string before = Main();
  EXPECT_TRUE(absl::IsFailedPrecondition(
      (*st)->Commit({{"c.age", "3"}}, "third").status()));
  EXPECT_TRUE(
      absl::IsFailedPrecondition((*st)->AppendLog("refs/kluis/journal", "x")));
  EXPECT_EQ(Main(), before);
}

TEST(BarrierFailureTest, OnlyABarrierFailureIsOne) {
  EXPECT_FALSE(IsBarrierFailure(absl::DataLossError("x")));
  EXPECT_FALSE(IsBarrierFailure(absl::OkStatus()));
  // A descriptor that cannot sync: the error carries the marker.
  absl::Status s = SyncRepository(-1);
  EXPECT_TRUE(absl::IsDataLoss(s)) << s;
  EXPECT_TRUE(IsBarrierFailure(s));
}

}  // namespace
}  // namespace kluis::store
