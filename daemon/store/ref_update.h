// Moving a ref so that the move survives a power cut. libgit2 1.5 reads its
// fsync option only when a repository handle first loads its ref database,
// and renames `<ref>.lock` over the ref without syncing either the file or
// its directory; so kluis writes its own refs, in git's own lock-file
// protocol (any git or libgit2 writer of the same repository sees the lock):
//
//   1. create `<ref>.lock` exclusively (another writer holds it: kAborted);
//   2. compare the ref's current value with the expected one (kAborted);
//   3. write the new id into the lock file;
//   4. the barrier: one syncfs of the repository's file system makes the
//      lock file's bytes, and every object written before, durable;
//   5. rename the lock file over the ref;
//   6. fsync the ref's directory: the rename itself is durable.
//
// Only after 6 may a write be acknowledged. A crash before 5 leaves the old
// ref (and a stale lock that ClearStaleLocks removes); after 5, the ref
// names a commit whose objects are on disk.
//
// Thread-safety: a function of the repository directory; callers serialise
// writers of one ref (GitStore's mutex).
#ifndef KLUIS_DAEMON_STORE_REF_UPDATE_H_
#define KLUIS_DAEMON_STORE_REF_UPDATE_H_

#include <git2.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::store {

// Moves `ref` (e.g. "refs/heads/main") of the bare repository `git_dir`,
// read through `repo`, to `target` if it still points at `*expected`, or, with
// `expected` null, if it does not exist yet. `dir_fd` is an open descriptor
// in the repository (for syncfs).
// Errors: kAborted (the ref moved or is locked: build again and retry);
// kDataLoss when a barrier (syncfs or fsync) failed: the write must not be
// acknowledged (before the rename it is not in the vault; after it, it is,
// but may not survive a power cut: the message says which);
// kResourceExhausted, kUnavailable.
absl::Status UpdateRefDurably(git_repository* repo, const std::string& git_dir,
                              int dir_fd, absl::string_view ref,
                              const git_oid& target, const git_oid* expected);

// Removes lock files a crash left under `git_dir`: refs/**.lock,
// packed-refs.lock, HEAD.lock and config.lock; and syncs the repository
// folder and every folder under refs/ (one a crash left unsynced is durable
// before a ref update relies on it). Only safe while no other process
// writes the repository (kluisd holds the vault's flock).
// Returns how many it removed. Errors: kUnavailable.
absl::StatusOr<int> ClearStaleLocks(const std::string& git_dir);

// syncfs on the file system of the repository `dir_fd` is in. Errors:
// kDataLoss (a barrier failure, see IsBarrierFailure).
absl::Status SyncRepository(int dir_fd);

// True when `s` is the kDataLoss of a failed barrier from this file.
bool IsBarrierFailure(const absl::Status& s);

}  // namespace kluis::store

#endif  // KLUIS_DAEMON_STORE_REF_UPDATE_H_
