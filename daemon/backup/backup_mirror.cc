// Backups::Mirror and what keeps it from losing anything: a drive whose
// history the vault does not contain is written only when a compaction
// of the vault explains it; a rebuilt mirror is swapped in atomically;
// leftovers of a swap cut short are recovered before a run.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "daemon/backup/backups.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/command.h"
#include "daemon/platform/fs.h"

namespace kluis::backup {

bool IsCommitId(absl::string_view s) {
  if (s.size() != 40) return false;
  for (char c : s) {
    if (!absl::ascii_isxdigit(c) || absl::ascii_isupper(c)) return false;
  }
  return true;
}

namespace {

// The message of a commit (after the header's blank line).
absl::StatusOr<std::string> MessageOf(const std::string& repo,
                                      const std::string& commit) {
  absl::StatusOr<std::string> raw = Git(repo, {"cat-file", "commit", commit});
  if (!raw.ok()) return raw.status();
  const size_t at = raw->find("\n\n");
  return at == std::string::npos ? std::string() : raw->substr(at + 2);
}

// True when the vault's main holds a rewritten form of `commit` of the
// drive: compaction (git_compact.cc) keeps each commit's message and time
// and re-signs it. A vault rolled back holds no such commit for a newer
// drive's head: the drive has changes made after the vault's state.
bool VaultHoldsRewrittenFormOf(const std::string& vault,
                               const std::string& mirror,
                               const std::string& commit) {
  absl::StatusOr<std::string> when =
      Git(mirror, {"log", "-1", "--format=%ct", commit});
  absl::StatusOr<std::string> message = MessageOf(mirror, commit);
  if (!when.ok() || !message.ok() || when->empty()) return false;
  absl::StatusOr<std::string> candidates =
      Git(vault, {"rev-list", absl::StrCat("--min-age=", *when),
                  absl::StrCat("--max-age=", *when), "main"});
  if (!candidates.ok()) return false;
  for (absl::string_view c :
       absl::StrSplit(*candidates, '\n', absl::SkipEmpty())) {
    absl::StatusOr<std::string> theirs = MessageOf(vault, std::string(c));
    if (theirs.ok() && *theirs == *message) return true;
  }
  return false;
}

// renameat2(RENAME_EXCHANGE): both names exist at every instant.
bool Exchange(const std::string& a, const std::string& b) {
  return renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) ==
         0;
}

}  // namespace

absl::StatusOr<bool> Backups::HistoryCompacted(const std::string& dir) {
  const std::string vault = vault_dir_ + "/repo.git";
  absl::StatusOr<std::string> before =
      Git(MirrorOf(dir), {"rev-parse", "-q", "--verify", "main^{commit}"});
  if (!before.ok() || before->empty()) return false;  // a new mirror
  if (!IsCommitId(*before)) {
    return absl::DataLossError("refs: main on the drive is not a commit id");
  }
  if (Git(vault, {"merge-base", "--is-ancestor", *before, "main"}).ok()) {
    return false;  // the vault's history continues the drive's
  }
  if (VaultHoldsRewrittenFormOf(vault, MirrorOf(dir), *before)) return true;
  return absl::FailedPreconditionError(
      "this drive is newer than the vault: it holds changes the vault does "
      "not have (was the vault restored from an older backup?); nothing "
      "was written or pruned");
}

absl::Status Backups::PruneDropped(const std::string& dir) {
  absl::Status s =
      Git(MirrorOf(dir), {"reflog", "expire", "--expire=now", "--all"})
          .status();
  if (s.ok()) {
    s = Git(MirrorOf(dir), {"repack", "-a", "-d", "-q"}, kDriveGitSlowTimeout)
            .status();
  }
  if (s.ok()) {
    s = Git(MirrorOf(dir), {"prune", "--expire=now"}, kDriveGitSlowTimeout)
            .status();
  }
  return s;
}

absl::Status Backups::Mirror(
    const std::string& dir, bool rebuild, bool compacted,
    const std::function<void(const TransferProgress&)>& on_transfer) {
  const std::string vault_repo = vault_dir_ + "/repo.git";
  GitProgressParser parser;
  auto seen = [&](absl::string_view chunk) {
    if (parser.Feed(chunk)) on_transfer(parser.progress());
  };
  if (!rebuild) {
    // Only what the mirror lacks travels; all refs, and refs gone from the
    // vault go from the mirror too.
    absl::StatusOr<std::string> push = RunDriveGit(
        vault_repo,
        {"push", "--mirror", "--progress",
         "--receive-pack=" + DriveRemoteGit("receive-pack"), MirrorOf(dir)},
        kDriveGitSlowTimeout, seen);
    if (!push.ok()) return push.status();
    // After a compaction, what the vault dropped leaves the drive only once
    // the manifest names the new head (PruneDropped): until then a restore
    // needs the old one.
    if (compacted) return absl::OkStatus();
    // Packs stay few on the drive (nobody else reads this repository).
    return Git(MirrorOf(dir), {"repack", "-d", "-q", "--geometric=2"},
               kDriveGitSlowTimeout)
        .status();
  }
  const std::string fresh = dir + "/repo.git.new";
  (void)platform::RunCommand({"rm", "-rf", fresh});
  absl::StatusOr<std::string> clone =
      RunDriveGit("",
                  {"clone", "--mirror", "--no-local",
                   "--template=", "--progress", vault_repo, fresh},
                  kDriveGitSlowTimeout, seen);
  if (!clone.ok()) return clone.status();
  absl::Status s = ConfigureMirror(fresh);
  if (s.ok()) s = platform::SyncFilesystem(fresh);
  if (!s.ok()) return s;
  if (Exchange(fresh, MirrorOf(dir))) {
    // The old mirror is now at repo.git.new.
    s = platform::FsyncDir(dir);
    (void)platform::RunCommand({"rm", "-rf", fresh});
    return s;
  }
  // No RENAME_EXCHANGE here (FUSE, FAT): two renames, undone on failure;
  // a crash between them is repaired by RecoverMirror.
  const std::string old = dir + "/repo.git.old";
  (void)platform::RunCommand({"rm", "-rf", old});
  if (rename(MirrorOf(dir).c_str(), old.c_str()) != 0) {
    return platform::ErrnoStatus(errno, "replace the mirror");
  }
  if (rename(fresh.c_str(), MirrorOf(dir).c_str()) != 0) {
    const int err = errno;
    (void)rename(old.c_str(), MirrorOf(dir).c_str());
    return platform::ErrnoStatus(err, "replace the mirror");
  }
  s = platform::FsyncDir(dir);
  (void)platform::RunCommand({"rm", "-rf", old});
  return s;
}

absl::Status RecoverMirror(const std::string& dir) {
  const std::string old = dir + "/repo.git.old";
  const std::string fresh = dir + "/repo.git.new";
  struct stat st;
  // Cut between the two renames: the previous mirror goes back.
  if (lstat(MirrorOf(dir).c_str(), &st) != 0 && errno == ENOENT &&
      lstat(old.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (rename(old.c_str(), MirrorOf(dir).c_str()) != 0) {
      return platform::ErrnoStatus(errno, "recover the mirror");
    }
    absl::Status s = platform::FsyncDir(dir);
    if (!s.ok()) return s;
  }
  // A half-made rebuild, or the old mirror after a swap: never needed.
  for (const std::string& left : {old, fresh}) {
    if (lstat(left.c_str(), &st) == 0) {
      absl::StatusOr<std::string> rm =
          platform::RunCommand({"rm", "-rf", left});
      if (!rm.ok()) return rm.status();
    }
  }
  return absl::OkStatus();
}

}  // namespace kluis::backup
