#include "daemon/store/git_handles.h"

#include <cerrno>
#include <cstring>
#include <mutex>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace kluis::store {

absl::Status GitError(int code, absl::string_view what) {
  const git_error* e = git_error_last();
  const bool disk_full = e != nullptr && e->message != nullptr &&
                         (absl::StrContains(e->message, "No space left") ||
                          absl::StrContains(e->message, "Disk quota"));
  const std::string msg = absl::StrCat("repository: ", what, " failed");
  if (code == GIT_ENOTFOUND) return absl::NotFoundError(msg);
  if (code == GIT_EMODIFIED || code == GIT_EEXISTS || code == GIT_ELOCKED) {
    return absl::AbortedError(absl::StrCat(msg, " (concurrent update)"));
  }
  if (disk_full)
    return absl::ResourceExhaustedError(absl::StrCat(msg, ": disk full"));
  return absl::UnavailableError(msg);
}

namespace {
constexpr char kDirRacePayload[] = "kluis.store/object-dir-vanished";
}  // namespace

absl::Status ObjectWriteError(int code, absl::string_view what) {
  // libgit2 appends strerror(errno) to an OS error's message; ENOENT while
  // writing an object means its fan-out folder vanished under it.
  const git_error* e = git_error_last();
  const bool vanished = e != nullptr && e->klass == GIT_ERROR_OS &&
                        e->message != nullptr &&
                        absl::StrContains(e->message, std::strerror(ENOENT));
  absl::Status s = GitError(code, what);
  if (vanished) s.SetPayload(kDirRacePayload, absl::Cord(what));
  return s;
}

bool IsObjectDirRace(const absl::Status& s) {
  return s.GetPayload(kDirRacePayload).has_value();
}

void InitLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Durability comes from two explicit barriers per ref update
    // (ref_update.h: one syncfs for the objects and the new ref's bytes
    // before the rename, the ref's folder fsynced after it), not from
    // libgit2 fsyncing every object file and its directory: that is about
    // fourteen journal commits per note instead of two.
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
    // Trees of the sharded layout (256 shards × dossiers) exceed the 4 KiB
    // default, and reloading them on every read costs a parse each time.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
                     static_cast<size_t>(4) << 20);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(256)
                                                     << 20);
  });
}

absl::StatusOr<git_oid> WriteCommit(git_repository* repo, git_tree* tree,
                                    const git_commit* parent,
                                    const std::string& message,
                                    const core::CommitSigner& signer,
                                    bool unsigned_ok, int64_t when) {
  git_signature* sig_raw = nullptr;
  int rc =
      git_signature_new(&sig_raw, "kluisd", "kluisd@localhost",
                        when != 0 ? when : absl::ToUnixSeconds(absl::Now()), 0);
  if (rc != 0) return GitError(rc, "signature");
  SignaturePtr sig(sig_raw);
  const git_commit* parents[] = {parent};
  git_buf buf = GIT_BUF_INIT;
  rc = git_commit_create_buffer(&buf, repo, sig.get(), sig.get(), "UTF-8",
                                message.c_str(), tree, parent ? 1 : 0, parents);
  if (rc != 0) return ObjectWriteError(rc, "write commit");
  const std::string content(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  absl::StatusOr<std::string> signature =
      signer ? signer(content)
             : absl::StatusOr<std::string>(
                   absl::FailedPreconditionError("commit: no signer"));
  if (!signature.ok() && !unsigned_ok && signer) return signature.status();
  git_oid oid;
  if (signature.ok()) {
    rc = git_commit_create_with_signature(&oid, repo, content.c_str(),
                                          signature->c_str(), nullptr);
  } else {
    git_odb* odb = nullptr;
    rc = git_repository_odb(&odb, repo);
    if (rc == 0) {
      OdbPtr owner(odb);
      rc = git_odb_write(&oid, odb, content.data(), content.size(),
                         GIT_OBJECT_COMMIT);
    }
  }
  if (rc != 0) return ObjectWriteError(rc, "write commit");
  return oid;
}

absl::StatusOr<RevwalkPtr> WalkMain(git_repository* repo) {
  git_oid head;
  int rc = git_reference_name_to_id(&head, repo, "refs/heads/main");
  if (rc == GIT_ENOTFOUND) return RevwalkPtr();
  if (rc != 0) return GitError(rc, "read head");
  git_revwalk* raw = nullptr;
  rc = git_revwalk_new(&raw, repo);
  if (rc != 0) return GitError(rc, "walk history");
  RevwalkPtr walk(raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL);
  rc = git_revwalk_push(walk.get(), &head);
  if (rc != 0) return GitError(rc, "walk history");
  return walk;
}

}  // namespace kluis::store
