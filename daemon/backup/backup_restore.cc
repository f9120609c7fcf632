// RestoreVault: a whole vault, into a new folder, from a backup target —
// as it was at the last backup or at an earlier commit or day.
#include "daemon/backup/backup_restore.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/command.h"
#include "daemon/platform/fs.h"

namespace kluis::backup {

namespace {

bool IsDay(absl::string_view at) {
  return at.size() == 10 && at[4] == '-' && at[7] == '-';
}

}  // namespace

absl::StatusOr<RestoreSummary> RestoreVault(const std::string& target,
                                            const std::string& vault_dir,
                                            const std::string& at) {
  const std::string dir = platform::PathExists(MirrorOf(target))
                              ? target
                              : absl::StrCat(target, "/", kTargetFolderName);
  if (!platform::PathExists(MirrorOf(dir))) {
    return absl::InvalidArgumentError(
        "from: not a kluis backup (no kluis-backup/repo.git there)");
  }
  absl::Status guard = CheckDriveRepository(MirrorOf(dir));
  if (!guard.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("from: ", guard.message()));
  }
  if (platform::PathExists(vault_dir + "/repo.git") ||
      platform::PathExists(vault_dir + "/keys")) {
    return absl::AlreadyExistsError(
        "vault: a vault is there already; restore into a new folder");
  }
  absl::Status s = platform::MakePrivateDirs(vault_dir);
  if (!s.ok()) return s;
  const std::string repo = vault_dir + "/repo.git";
  absl::StatusOr<std::string> clone = RunDriveGit(
      "",
      {"clone", "--mirror", "--no-local", "-q", "--template=",
       "--upload-pack=" + DriveRemoteGit("upload-pack"), MirrorOf(dir), repo},
      kDriveGitSlowTimeout);
  if (!clone.ok()) return clone.status();
  RestoreSummary out;
  if (!at.empty()) {
    absl::StatusOr<std::string> commit =
        IsDay(at)
            ? Git(repo, {"rev-list", "-1",
                         absl::StrCat("--before=", at, " 23:59:59"), "main"})
            : Git(repo, {"rev-parse", "--verify", "-q",
                         absl::StrCat(at, "^{commit}")});
    if (!commit.ok() || commit->empty()) {
      (void)platform::RunCommand({"rm", "-rf", repo});
      return absl::InvalidArgumentError(
          "at: no such version in the backup (a commit id from kluis "
          "history, or a day as YYYY-MM-DD)");
    }
    s = Git(repo, {"update-ref", "refs/heads/main", *commit}).status();
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::string> head = Git(repo, {"rev-parse", "main"});
  if (!head.ok()) return head.status();
  out.head = *head;
  s = platform::RunCommand({"cp", "-r", KeysOf(dir), vault_dir + "/keys"})
          .status();
  if (s.ok())
    s = platform::RunCommand({"chmod", "-R", "go-rwx", vault_dir}).status();
  if (s.ok()) s = platform::SyncFilesystem(vault_dir);
  if (!s.ok()) return s;
  // Dossiers whose key was erased stay unreadable: count them.
  absl::StatusOr<MainContents> contents = ContentsOfMain(repo);
  if (!contents.ok()) return contents.status();
  out.dossiers = contents->dossier_ids.size();
  for (const std::string& id : contents->dossier_ids) {
    if (!platform::PathExists(
            absl::StrCat(vault_dir, "/keys/dossiers/", id, ".age"))) {
      ++out.erased;
    }
  }
  return out;
}

}  // namespace kluis::backup
