// Store: the versioned, durable key-value space the domain keeps its
// encrypted records in (implemented over a bare git repository by
// daemon/store). Paths are '/'-separated and carry no personal data; values
// are ciphertext.
//
// Thread-safety: implementations are safe for concurrent use.
#ifndef KLUIS_DAEMON_CORE_STORE_H_
#define KLUIS_DAEMON_CORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/core/byte_stream.h"

namespace kluis::core {

// Signs a commit's raw bytes; returns the armored signature.
using CommitSigner =
    std::function<absl::StatusOr<std::string>(absl::string_view commit)>;

// One commit of the history, for audits.
struct CommitRecord {
  std::string id;
  std::vector<std::string> parents;
  int64_t time = 0;         // committer time, Unix seconds
  std::string signed_data;  // the commit without its signature header
  std::string signature;    // "" when unsigned
  std::string message;      // ids and operations only
};

// What one commit did to a path (a file, or the files of a directory).
struct PathChange {
  std::string path;
  std::string old_blob, new_blob;  // "" when absent before / after
};
struct HistoryEntry {
  std::string commit;
  int64_t time = 0;     // committer time, Unix seconds
  std::string message;  // ids and operations only, never personal data
  std::vector<PathChange> changes;
};

// One entry of an append-only log kept under its own ref (the access
// journal): the stored bytes, and what chains it to the one before.
struct LogEntry {
  std::string commit;
  std::vector<std::string> parents;
  int64_t time = 0;
  uint64_t seq = 0;                    // 1 for the first entry
  std::string blob_id;                 // of `data`
  std::string prev_blob_id;            // the entry before ("" for the first)
  std::string data;                    // ciphertext
  std::string signed_data, signature;  // signature "" when made unsigned
  // The first entry kept when older ones were removed under retention (its
  // commit says so, and is signed).
  bool after_pruning = false;
};

struct StoreChange {
  std::string path;
  std::optional<std::string> data;  // nullopt removes the path…
  std::string blob_id = {};  // …unless this names a blob from NewBlob()
};

class Store {
 public:
  virtual ~Store() = default;
  // Applies every change as one commit on top of the current head and
  // returns only once it is durable. `message` must hold no personal data.
  // Returns the new commit id. Errors: kResourceExhausted (disk full),
  // kUnavailable, kAborted after repeated concurrent-update conflicts,
  // kDataLoss when a disk barrier failed (the change may be lost; from then
  // on every write fails with WriteHealth()'s kDataLoss).
  virtual absl::StatusOr<std::string> Commit(
      const std::vector<StoreChange>& changes, absl::string_view message) = 0;
  // OK, or why the store accepts no more writes (a disk barrier failed
  // earlier; only a restart clears it). For `kluis status`.
  virtual absl::Status WriteHealth() { return absl::OkStatus(); }
  // The value at `path` in the head. Errors: kNotFound.
  virtual absl::StatusOr<std::string> Read(absl::string_view path) = 0;
  // Names directly under directory `dir` in the head; empty when absent.
  virtual absl::StatusOr<std::vector<std::string>> List(
      absl::string_view dir) = 0;
  // The head commit id, or "" before the first commit.
  virtual absl::StatusOr<std::string> Head() = 0;
  // Signs every commit from now on (an empty signer: none). Set while the
  // vault is unlocked.
  virtual void SetSigner(CommitSigner signer) = 0;
  // Every commit reachable from the head, newest first; `visit` returns
  // false to stop. Errors: kUnavailable.
  virtual absl::Status WalkHistory(
      const std::function<bool(const CommitRecord&)>& visit) = 0;
  // The commits that changed `path` (a file, or any file directly in that
  // directory), newest first, found by comparing tree ids rather than
  // contents, along the first-parent line from the head. Only commits whose
  // message `may_change` accepts are looked into (empty: all); the caller
  // promises that the others left `path` alone. `visit` returns false to
  // stop. Errors: kUnavailable.
  using MessageFilter = std::function<bool(absl::string_view message)>;
  virtual absl::Status History(
      absl::string_view path, const MessageFilter& may_change,
      const std::function<bool(const HistoryEntry&)>& visit) = 0;
  // Appends `data` (no personal data in clear) as the next entry of the log
  // at `ref`, durably, signed when the signer can sign (an entry written
  // while locked is not). Its commit message names its sequence number and
  // the previous entry's blob id. Errors: kUnavailable, kResourceExhausted.
  virtual absl::Status AppendLog(absl::string_view ref,
                                 absl::string_view data) = 0;
  // The log's entries, newest first. Errors: kUnavailable, kDataLoss for an
  // entry that is not in the log's form.
  virtual absl::Status WalkLog(
      absl::string_view ref,
      const std::function<bool(const LogEntry&)>& visit) = 0;
  // Removes the log's entries committed before `before` (Unix seconds),
  // but only when its oldest is older than `oldest_before`, so that the log
  // is rewritten rarely; the newest entry always stays. The rest is written
  // again as a new chain, signed, each entry with its time, sequence number
  // and link to the previous entry's blob id; the first one's commit says
  // that entries before it were removed. The removed entries are then
  // deleted from disk by a full repack in the background. Returns how many
  // were removed. Errors: kFailedPrecondition without a signer.
  virtual absl::StatusOr<uint64_t> PruneLog(absl::string_view ref,
                                            int64_t before,
                                            int64_t oldest_before) = 0;
  // The value at `path` as of commit `commit`. Errors: kNotFound.
  virtual absl::StatusOr<std::string> ReadAt(absl::string_view commit,
                                             absl::string_view path) = 0;
  // The files directly in directory `dir` as of `commit` (the head when
  // empty): name → blob id; empty when the directory was absent. Errors:
  // kNotFound for an unknown commit.
  virtual absl::StatusOr<std::map<std::string, std::string>> FilesAt(
      absl::string_view commit, absl::string_view dir) = 0;
  // The directories directly in `dir` as of `commit` (the head when
  // empty), sorted. Errors: kNotFound for an unknown commit.
  virtual absl::StatusOr<std::vector<std::string>> DirsAt(
      absl::string_view commit, absl::string_view dir) = 0;
  // A value by blob id, as History names it. Errors: kNotFound.
  virtual absl::StatusOr<std::string> ReadBlob(absl::string_view blob_id) = 0;
  // Compaction: rewrites the history of main without `paths` (files or
  // whole directories) in any commit, keeping each commit's message and
  // time and signing it anew; the commits before the first that held one
  // keep their ids. Then the dropped objects leave the disk. Returns the
  // old root commit and how many commits were rewritten (0: none held
  // them). Errors: kFailedPrecondition without a signer (locked),
  // kAborted when main moved meanwhile.
  struct Purged {
    uint64_t commits_rewritten = 0;
    std::string old_root, new_root;
  };
  virtual absl::StatusOr<Purged> PurgeFromHistory(
      const std::vector<std::string>& paths) {
    (void)paths;
    return absl::UnimplementedError("store: no history rewrite");
  }
  // A large value written in pieces, to be committed by blob id. A blob
  // that no commit names is garbage, never visible in the head.
  virtual absl::StatusOr<std::unique_ptr<BlobWriter>> NewBlob() = 0;
  // The value at `path` in the head, read in pieces. Errors: kNotFound.
  virtual absl::StatusOr<std::unique_ptr<ByteSource>> OpenBlob(
      absl::string_view path) = 0;
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_STORE_H_
