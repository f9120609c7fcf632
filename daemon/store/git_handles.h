// RAII owners for libgit2 handles, and the one place that turns a libgit2
// error code into an absl::Status. libgit2's messages can name paths (ids
// only, in our tree) but are not shown to users: the status names the
// operation that failed.
#ifndef KLUIS_DAEMON_STORE_GIT_HANDLES_H_
#define KLUIS_DAEMON_STORE_GIT_HANDLES_H_

#include <git2.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/core/store.h"

namespace kluis::store {

template <typename T, void (*Free)(T*)>
struct GitFree {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitFree<T, Free>>;

using RepoPtr = GitPtr<git_repository, git_repository_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using TreeEntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using RefPtr = GitPtr<git_reference, git_reference_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using SignaturePtr = GitPtr<git_signature, git_signature_free>;
using ConfigPtr = GitPtr<git_config, git_config_free>;
using OdbPtr = GitPtr<git_odb, git_odb_free>;
using PackbuilderPtr = GitPtr<git_packbuilder, git_packbuilder_free>;
using RevwalkPtr = GitPtr<git_revwalk, git_revwalk_free>;

// kNotFound for GIT_ENOTFOUND, kResourceExhausted when the disk is full,
// kAborted for a lost compare-and-swap, kUnavailable otherwise.
absl::Status GitError(int code, absl::string_view what);

// As GitError, for a failed object write. When the object's fan-out folder
// vanished under the write (a background `git repack -d` removes the folders
// it empties), the status carries a payload that IsObjectDirRace sees: that
// race, and only it, may be retried.
absl::Status ObjectWriteError(int code, absl::string_view what);
bool IsObjectDirRace(const absl::Status& s);

// A walk over the history of refs/heads/main, newest first (topological);
// nullptr when main does not exist yet. Errors: kUnavailable.
absl::StatusOr<RevwalkPtr> WalkMain(git_repository* repo);

// Writes a commit by kluisd of `tree` on `parent` (nullptr: a root). With a
// signer, the commit carries its SSH signature in a gpgsig header; when the
// signer fails, the commit is refused, or with `unsigned_ok` written
// unsigned. Does not move any ref. Errors: kUnavailable, the signer's.
absl::StatusOr<git_oid> WriteCommit(git_repository* repo, git_tree* tree,
                                    const git_commit* parent,
                                    const std::string& message,
                                    const core::CommitSigner& signer,
                                    bool unsigned_ok, int64_t when = 0);

// Process-wide libgit2 setup: init, no per-file fsync (ref_update.h: two
// barriers per ref update), and a tree cache large enough for the sharded
// dossier tree. Idempotent.
void InitLibgit2();

}  // namespace kluis::store

#endif  // KLUIS_DAEMON_STORE_GIT_HANDLES_H_
