// GitStore: core::Store over a bare git repository (no working tree, no
// index). Every commit builds its blobs and trees straight into the object
// database (git_tree_create_updated rewrites only the trees on the changed
// paths), makes a commit whose parent is the current head, and moves
// refs/heads/main with a compare-and-swap, retried on conflict. Durability
// is ordered (ref_update.h): one barrier (syncfs) puts the objects and the
// new ref's bytes on disk before main moves, and main's folder is fsynced
// before Commit returns. A failed barrier is never retried: that write is
// refused, and so is every later one until the daemon restarts
// (WriteHealth). A commit of many changes (a
// bulk import) writes its objects as one pack. Loose objects are packed in the
// background every `pack_every_commits` commits with `git repack -d`.
//
// Thread-safety: safe for concurrent use; one mutex serialises libgit2 use
// (a git_repository is not thread-safe).
#ifndef KLUIS_DAEMON_STORE_GIT_STORE_H_
#define KLUIS_DAEMON_STORE_GIT_STORE_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "daemon/core/store.h"
#include "daemon/store/git_handles.h"

namespace kluis::store {

inline constexpr absl::string_view kMainRef = "refs/heads/main";
// From this many changes on, a commit's objects are written as one pack.
inline constexpr size_t kPackedCommitThreshold = 64;

struct GitStoreOptions {
  int pack_every_commits = 200;  // 0: never pack automatically
  // Reads only: no lock is cleared at open and every write is refused
  // (kFailedPrecondition). For a copy that is not ours to change, such as a
  // backup drive's mirror under a deep check.
  bool read_only = false;
};

class GitStore : public core::Store {
 public:
  // Creates a new bare repository with `main` as its initial branch.
  // Errors: kAlreadyExists, kUnavailable.
  static absl::StatusOr<std::unique_ptr<GitStore>> Create(
      const std::string& path, GitStoreOptions options = {});
  // Errors: kNotFound, kUnavailable.
  static absl::StatusOr<std::unique_ptr<GitStore>> Open(
      const std::string& path, GitStoreOptions options = {});
  ~GitStore() override;

  absl::StatusOr<std::string> Commit(
      const std::vector<core::StoreChange>& changes,
      absl::string_view message) override;
  absl::StatusOr<std::string> Read(absl::string_view path) override;
  absl::StatusOr<std::vector<std::string>> List(absl::string_view dir) override;
  absl::StatusOr<std::string> Head() override;
  void SetSigner(core::CommitSigner signer) override;
  absl::Status WalkHistory(
      const std::function<bool(const core::CommitRecord&)>& visit) override;
  absl::Status History(
      absl::string_view path, const MessageFilter& may_change,
      const std::function<bool(const core::HistoryEntry&)>& visit) override;
  absl::StatusOr<std::string> ReadBlob(absl::string_view blob_id) override;
  absl::StatusOr<std::map<std::string, std::string>> FilesAt(
      absl::string_view commit, absl::string_view dir) override;
  absl::StatusOr<std::vector<std::string>> DirsAt(
      absl::string_view commit, absl::string_view dir) override;
  absl::Status AppendLog(absl::string_view ref,
                         absl::string_view data) override;
  absl::Status WalkLog(
      absl::string_view ref,
      const std::function<bool(const core::LogEntry&)>& visit) override;
  absl::StatusOr<uint64_t> PruneLog(absl::string_view ref, int64_t before,
                                    int64_t oldest_before) override;
  absl::StatusOr<std::string> ReadAt(absl::string_view commit,
                                     absl::string_view path) override;
  absl::StatusOr<std::unique_ptr<core::BlobWriter>> NewBlob() override;
  absl::StatusOr<Purged> PurgeFromHistory(
      const std::vector<std::string>& paths) override;
  absl::StatusOr<std::unique_ptr<core::ByteSource>> OpenBlob(
      absl::string_view path) override;

  // OK, or why no write is accepted any more (a barrier failed).
  absl::Status WriteHealth() override;

  // Packs loose objects now (git repack -d -q) and waits for it.
  absl::Status Pack();
  // Waits for a background repack.
  void WaitForMaintenance();

 private:
  // FilesAt and DirsAt: the entries of one git_object_t type.
  absl::StatusOr<std::map<std::string, std::string>> EntriesAt(
      absl::string_view commit, absl::string_view dir, int type);
  GitStore(std::string path, RepoPtr repo, GitStoreOptions options, int dir_fd,
           absl::Status broken = absl::OkStatus())
      : path_(std::move(path)),
        dir_fd_(dir_fd),
        repo_(std::move(repo)),
        options_(options),
        broken_(std::move(broken)) {}
  // Everything written so far is on disk (syncfs on the repository's file
  // system, through a descriptor held since open so that no writeback error
  // goes unreported). Errors: kDataLoss (IsBarrierFailure).
  absl::Status Barrier();
  // Returns `s`; a failed barrier also makes every later write fail with
  // broken_ (kDataLoss) until the daemon restarts.
  absl::Status Sticky(absl::Status s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // One attempt of AppendLog (kAborted: the ref moved or is locked).
  absl::Status AppendLogOnce(absl::string_view ref, absl::string_view data)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The commits that changed `path`, newest first (see History).
  absl::Status CollectHistory(const std::string& path,
                              const MessageFilter& may_change,
                              std::vector<core::HistoryEntry>* found);
  absl::StatusOr<core::CommitRecord> ReadCommitRecord(const git_oid& oid)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The id of the blob at `path` in the head. Errors: kNotFound.
  absl::StatusOr<git_oid> BlobIdAt(absl::string_view path)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The head commit's tree (cached per head), or nullptr when unborn.
  absl::StatusOr<git_tree*> HeadTree() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::string> CommitOnce(
      const std::vector<core::StoreChange>& changes, absl::string_view message)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::string> CommitPacked(
      const std::vector<core::StoreChange>& changes, absl::string_view message)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MaybePackInBackground() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Rewrites every pack without what no ref reaches, and deletes
  // unreachable loose objects older than an hour (younger ones may be an
  // upload in progress). Writes wait meanwhile.
  absl::Status PurgeNow() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  const int dir_fd_;  // the repository directory, for syncfs
  absl::Mutex mu_;
  RepoPtr repo_ ABSL_GUARDED_BY(mu_);
  const GitStoreOptions options_;
  git_oid cached_head_ ABSL_GUARDED_BY(mu_) = {};
  TreePtr cached_tree_ ABSL_GUARDED_BY(mu_);
  int commits_since_pack_ ABSL_GUARDED_BY(mu_) = 0;
  core::CommitSigner signer_ ABSL_GUARDED_BY(mu_);
  std::thread packer_ ABSL_GUARDED_BY(mu_);
  // OK until a barrier fails (or, read only, from the start).
  absl::Status broken_ ABSL_GUARDED_BY(mu_);
};

// Runs `git --git-dir=PATH repack -d -q`. Errors: kUnavailable.
absl::Status RepackRepository(const std::string& path);
// git repack -a -d, then git prune of what is older than an hour: objects
// no ref reaches are gone from disk afterwards.
absl::Status PurgeRepository(const std::string& path);

}  // namespace kluis::store

#endif  // KLUIS_DAEMON_STORE_GIT_STORE_H_
