// GitStore on a real bare repository in a temp dir: commits are visible to
// stock git, trees are sharded and pruned, two writers on one repository
// never lose a commit (compare-and-swap with retry), and packing works.
#include "daemon/store/git_store.h"

#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/support/test_support.h"

namespace kluis::store {
namespace {

using kluis::testing::ListDir;
using kluis::testing::ProcessResult;
using kluis::testing::RunCommand;
using kluis::testing::TempDir;

ProcessResult Git(const std::string& repo, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "--git-dir=" + repo});
  return RunCommand(args);
}

TEST(GitStoreTest, CommitsAreOrdinaryGitHistory) {
  TempDir dir;
  const std::string repo = dir.File("repo.git");
  absl::StatusOr<std::unique_ptr<GitStore>> st = GitStore::Create(repo);
  ASSERT_TRUE(st.ok()) << st.status();
  EXPECT_EQ(*(*st)->Head(), "");
  absl::StatusOr<std::string> c1 = (*st)->Commit(
      {{"dossiers/ab/abcd/dossier.age", "cipher-1"}}, "dossier abcd: create");
  ASSERT_TRUE(c1.ok()) << c1.status();
  absl::StatusOr<std::string> c2 =
      (*st)->Commit({{"dossiers/ab/abcd/n1.age", "cipher-2"},
                     {"dossiers/cd/cdef/dossier.age", "x"}},
                    "two files");
  ASSERT_TRUE(c2.ok());
  EXPECT_EQ(*(*st)->Head(), *c2);
  EXPECT_EQ(*(*st)->Read("dossiers/ab/abcd/n1.age"), "cipher-2");
  EXPECT_EQ(*(*st)->List("dossiers"), (std::vector<std::string>{"ab", "cd"}));
  EXPECT_TRUE(
      absl::IsNotFound((*st)->Read("dossiers/ab/abcd/nope.age").status()));
  EXPECT_TRUE((*st)->List("dossiers/zz").value().empty());

  EXPECT_EQ(Git(repo, {"symbolic-ref", "HEAD"}).out, "refs/heads/main\n");
  EXPECT_EQ(
      absl::StripTrailingAsciiWhitespace(Git(repo, {"rev-parse", "main"}).out),
      *c2);
  EXPECT_EQ(
      Git(repo, {"cat-file", "blob", "main:dossiers/ab/abcd/dossier.age"}).out,
      "cipher-1");
  EXPECT_EQ(Git(repo, {"rev-list", "--count", "main"}).out, "2\n");
  EXPECT_EQ(Git(repo, {"log", "-1", "--format=%s", "main~1"}).out,
            "dossier abcd: create\n");
  ProcessResult fsck = Git(repo, {"fsck", "--full", "--strict"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.err;
  // A bare repository: no working tree, no index.
  EXPECT_EQ(Git(repo, {"rev-parse", "--is-bare-repository"}).out, "true\n");
  EXPECT_FALSE(kluis::testing::FileExists(repo + "/index"));
}

TEST(GitStoreTest, RemovingTheLastFileRemovesItsDirectories) {
  TempDir dir;
  auto st = *GitStore::Create(dir.File("r.git"));
  ASSERT_TRUE(st->Commit({{"dossiers/ab/abcd/a.age", "1"}}, "add").ok());
  ASSERT_TRUE(st->Commit({{"dossiers/ab/abcd/a.age", std::nullopt},
                          {"dossiers/ab/abcd/missing.age", std::nullopt}},
                         "remove")
                  .ok());
  EXPECT_TRUE(st->List("dossiers").value().empty());
  EXPECT_EQ(Git(dir.File("r.git"), {"ls-tree", "-r", "main"}).out, "");
}

// A lost drive's assessment walks the dossiers of an old commit.
TEST(GitStoreTest, DirsAtListsTheDirectoriesOfAnyCommit) {
  TempDir dir;
  auto st = *GitStore::Create(dir.File("r.git"));
  const std::string first =
      *st->Commit({{"dossiers/ab/abcd/a.age", "1"},
                   {"dossiers/cd/cdef/b.age", "2"},
                   {"dossiers/README", "not a directory"}},
                  "add");
  ASSERT_TRUE(
      st->Commit({{"dossiers/cd/cdef/b.age", std::nullopt}}, "remove").ok());
  EXPECT_EQ(*st->DirsAt(first, "dossiers"),
            (std::vector<std::string>{"ab", "cd"}));
  EXPECT_EQ(*st->DirsAt("", "dossiers"), std::vector<std::string>{"ab"});
  EXPECT_EQ(*st->DirsAt(first, "dossiers/cd"),
            std::vector<std::string>{"cdef"});
  EXPECT_TRUE(st->DirsAt(first, "nowhere")->empty());
  EXPECT_EQ(st->FilesAt(first, "dossiers")->size(), 1u);  // README only
  EXPECT_TRUE(
      absl::IsNotFound(st->DirsAt(std::string(40, 'e'), "dossiers").status()));
}

TEST(GitStoreTest, TwoWritersOnOneRepositoryLoseNothing) {
  TempDir dir;
  const std::string repo = dir.File("r.git");
  auto a = *GitStore::Create(repo, {0});
  auto b = *GitStore::Open(repo, {0});
  // Different handles, different mutexes: only the ref's compare-and-swap
  // keeps them from overwriting each other's commits.
  constexpr int kEach = 40;
  auto writer = [](GitStore* st, const std::string& tag) {
    for (int i = 0; i < kEach; ++i) {
      absl::StatusOr<std::string> c = st->Commit(
          {{absl::StrCat("dossiers/", tag, "/", i, ".age"), "x"}}, "w");
      ASSERT_TRUE(c.ok()) << c.status();
    }
  };
  std::thread ta(writer, a.get(), "aa"), tb(writer, b.get(), "bb");
  ta.join();
  tb.join();
  EXPECT_EQ(Git(repo, {"rev-list", "--count", "main"}).out,
            absl::StrCat(2 * kEach, "\n"));
  const std::string files =
      Git(repo, {"ls-tree", "-r", "--name-only", "main"}).out;
  EXPECT_EQ(std::count(files.begin(), files.end(), '\n'), 2 * kEach);
  EXPECT_EQ(Git(repo, {"fsck", "--full"}).exit_code, 0);
}

std::vector<core::LogEntry> Entries(GitStore& st, const std::string& ref) {
  std::vector<core::LogEntry> out;
  EXPECT_TRUE(st.WalkLog(ref, [&](const core::LogEntry& e) {
                  out.push_back(e);
                  return true;
                }).ok());
  return out;
}

TEST(GitStoreTest, PruningALogKeepsTheChainAndDeletesWhatItRemoved) {
  TempDir dir;
  const std::string repo = dir.File("r.git");
  auto st = *GitStore::Create(repo, {0});
  const std::string ref = "refs/kluis/journal";
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(st->AppendLog(ref, absl::StrCat("entry ", i)).ok());
  }
  const std::vector<core::LogEntry> before = Entries(*st, ref);
  ASSERT_EQ(before.size(), 4u);
  const int64_t later = before[0].time + 1000;
  // Unsigned, retention refuses to rewrite.
  EXPECT_TRUE(
      absl::IsFailedPrecondition(st->PruneLog(ref, later, later).status()));
  st->SetSigner([](absl::string_view) -> absl::StatusOr<std::string> {
    return std::string(
        "-----BEGIN SSH SIGNATURE-----\nc2lnbmF0dXJl\n"
        "-----END SSH SIGNATURE-----");
  });
  ASSERT_TRUE(st->Pack().ok());  // the old entries sit in a pack
  // Not yet: the oldest is not older than `oldest_before`.
  EXPECT_EQ(*st->PruneLog(ref, later, before[3].time), 0u);
  absl::StatusOr<uint64_t> removed = st->PruneLog(ref, later, later);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 3u);  // the newest always stays
  ASSERT_TRUE(st->AppendLog(ref, "entry 5").ok());
  const std::vector<core::LogEntry> after = Entries(*st, ref);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].seq, 5u);
  EXPECT_EQ(after[0].prev_blob_id, before[0].blob_id);
  EXPECT_FALSE(after[0].after_pruning);
  EXPECT_EQ(after[1].seq, 4u);
  EXPECT_TRUE(after[1].after_pruning);
  EXPECT_TRUE(after[1].parents.empty());
  EXPECT_FALSE(after[1].signature.empty());
  EXPECT_EQ(after[1].time, before[0].time);  // its own time, not the prune's
  EXPECT_EQ(after[1].blob_id, before[0].blob_id);
  EXPECT_EQ(after[1].prev_blob_id, before[1].blob_id);  // the link stays
  // What was removed is gone from disk, not only from the chain.
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_NE(Git(repo, {"cat-file", "-e", before[i].blob_id}).exit_code, 0)
        << i;
    EXPECT_NE(Git(repo, {"cat-file", "-e", before[i].commit}).exit_code, 0)
        << i;
  }
  EXPECT_EQ(Git(repo, {"cat-file", "-e", before[0].blob_id}).exit_code, 0);
  EXPECT_EQ(Git(repo, {"fsck", "--full", "--strict"}).exit_code, 0);
}

TEST(GitStoreTest, PackingLeavesNoLooseObjectsAndKeepsEverything) {
  TempDir dir;
  const std::string repo = dir.File("r.git");
  auto st = *GitStore::Create(repo, {0});
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(
        st->Commit({{absl::StrCat("dossiers/aa/", i, ".age"), absl::StrCat(i)}},
                   "c")
            .ok());
  }
  ASSERT_TRUE(st->Pack().ok());
  const std::string counts = Git(repo, {"count-objects", "-v"}).out;
  EXPECT_NE(counts.find("count: 0\n"), std::string::npos) << counts;
  EXPECT_EQ(*st->Read("dossiers/aa/7.age"), "7");
  ASSERT_TRUE(st->Commit({{"dossiers/aa/new.age", "n"}}, "after pack").ok());
  EXPECT_EQ(Git(repo, {"fsck", "--full"}).exit_code, 0);
}

TEST(GitStoreTest, ABulkCommitIsOnePackNotLooseFiles) {
  TempDir dir;
  const std::string repo = dir.File("r.git");
  auto st = *GitStore::Create(repo, {0});
  ASSERT_TRUE(st->Commit({{"dossiers/aa/first.age", "small"}}, "one").ok());
  std::vector<core::StoreChange> bulk;
  for (int i = 0; i < 500; ++i) {
    bulk.push_back({absl::StrCat("dossiers/", i % 7, "/", i, ".age"),
                    absl::StrCat("v", i)});
  }
  ASSERT_GE(bulk.size(), kPackedCommitThreshold);
  absl::StatusOr<std::string> c = st->Commit(bulk, "import 500");
  ASSERT_TRUE(c.ok()) << c.status();
  // Our handle sees it at once; so does stock git.
  EXPECT_EQ(*st->Read("dossiers/2/499.age"), "v499");
  EXPECT_EQ(Git(repo, {"cat-file", "blob", "main:dossiers/3/10.age"}).out,
            "v10");
  const std::string counts = Git(repo, {"count-objects", "-v"}).out;
  // Only the first, small commit left loose objects (blob, 3 trees, commit).
  EXPECT_NE(counts.find("count: 5\n"), std::string::npos) << counts;
  EXPECT_NE(counts.find("packs: 1\n"), std::string::npos) << counts;
  EXPECT_EQ(Git(repo, {"rev-list", "--count", "main"}).out, "2\n");
  EXPECT_EQ(Git(repo, {"fsck", "--full", "--strict"}).exit_code, 0);
  // Normal commits after a bulk one are unaffected.
  ASSERT_TRUE(st->Commit({{"dossiers/aa/after.age", "x"}}, "after").ok());
  EXPECT_EQ(*st->Read("dossiers/aa/after.age"), "x");
}

TEST(GitStoreTest, OpenClearsAMainLockLeftByACrash) {
  TempDir dir;
  const std::string repo = dir.File("r.git");
  {
    auto st = *GitStore::Create(repo);
    ASSERT_TRUE(st->Commit({{"a.age", "1"}}, "first").ok());
  }
  // What a crash between taking main's lock and renaming it leaves behind.
  kluis::testing::WriteFileOrDie(repo + "/refs/heads/main.lock", "");
  auto st = *GitStore::Open(repo);
  absl::StatusOr<std::string> c = st->Commit({{"b.age", "2"}}, "second");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(kluis::testing::FileExists(repo + "/refs/heads/main.lock"));
}

TEST(GitStoreTest, CreateRefusesAnExistingRepositoryAndOpenAMissingOne) {
  TempDir dir;
  ASSERT_TRUE(GitStore::Create(dir.File("r.git")).ok());
  EXPECT_TRUE(
      absl::IsAlreadyExists(GitStore::Create(dir.File("r.git")).status()));
  EXPECT_FALSE(GitStore::Open(dir.File("none.git")).ok());
  EXPECT_FALSE(kluis::testing::FileExists(dir.File("none.git")));
}

}  // namespace
}  // namespace kluis::store
