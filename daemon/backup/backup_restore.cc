// RestoreVault: a whole vault, into a new folder, from a backup target —
// as it was at the last backup or at an earlier commit or day.
#include "daemon/backup/backup_restore.h"

#include <sys/stat.h>

#include <set>

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
  struct stat st;
  absl::Status guard =
      lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)
          ? CheckDriveRepository(MirrorOf(dir))
          : absl::FailedPreconditionError(
                "the kluis-backup folder is a link or not a folder");
  if (!guard.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("from: ", guard.message()));
  }
  if (platform::PathExists(vault_dir + "/repo.git") ||
      platform::PathExists(vault_dir + "/keys")) {
    return absl::AlreadyExistsError(
        "vault: a vault is there already; restore into a new folder");
  }
  // The last good run: a main beyond it is a run cut short.
  absl::StatusOr<kluis::v1::BackupManifest> manifest = ReadManifest(dir);
  if (!manifest.ok() || manifest->head().empty()) {
    return absl::InvalidArgumentError(
        "from: the backup has no readable manifest.json (its first run did "
        "not finish)");
  }
  absl::Status s = platform::MakePrivateDirs(vault_dir);
  if (!s.ok()) return s;
  const std::string repo = vault_dir + "/repo.git";
  // What a failed restore leaves: nothing.
  auto fail = [&](absl::Status why) {
    (void)platform::RunCommand({"rm", "-rf", repo, vault_dir + "/keys"});
    return why;
  };
  absl::StatusOr<std::string> clone = RunDriveGit(
      "",
      {"clone", "--mirror", "--no-local", "-q", "--template=",
       "--upload-pack=" + DriveRemoteGit("upload-pack"), MirrorOf(dir), repo},
      kDriveGitSlowTimeout);
  if (!clone.ok()) return fail(clone.status());
  if (!Git(repo, {"rev-parse", "--verify", "-q",
                  absl::StrCat(manifest->head(), "^{commit}")})
           .ok()) {
    return fail(absl::DataLossError(
        "from: the change the manifest names is not in the backup's "
        "repository"));
  }
  s = Git(repo, {"update-ref", "refs/heads/main", manifest->head()}).status();
  if (!s.ok()) return fail(s);
  // Erased up to the last good run: a dossier erased after an earlier
  // --at has its tombstone only there.
  absl::StatusOr<std::set<std::string>> erased = Tombstones(repo);
  if (!erased.ok()) return fail(erased.status());
  RestoreSummary out;
  if (!at.empty()) {
    absl::StatusOr<std::string> commit =
        IsDay(at)
            ? Git(repo, {"rev-list", "-1",
                         absl::StrCat("--before=", at, " 23:59:59"), "main"})
            : Git(repo, {"rev-parse", "--verify", "-q",
                         absl::StrCat(at, "^{commit}")});
    if (!commit.ok() || commit->empty()) {
      return fail(absl::InvalidArgumentError(
          "at: no such version in the backup (a commit id from kluis "
          "history, or a day as YYYY-MM-DD)"));
    }
    s = Git(repo, {"update-ref", "refs/heads/main", *commit}).status();
    if (!s.ok()) return fail(s);
  }
  absl::StatusOr<std::string> head = Git(repo, {"rev-parse", "main"});
  if (!head.ok()) return fail(head.status());
  out.head = *head;
  s = CopyDriveKeys(KeysOf(dir), vault_dir + "/keys");
  if (!s.ok()) return fail(s);
  if (!platform::PathExists(vault_dir + "/keys/vault.age")) {
    return fail(absl::DataLossError(
        "keys: the backup holds no vault.age; nothing was restored"));
  }
  s = platform::RunCommand({"chmod", "-R", "go-rwx", vault_dir}).status();
  if (s.ok()) s = platform::SyncFilesystem(vault_dir);
  if (!s.ok()) return fail(s);
  absl::StatusOr<MainContents> contents = ContentsOfMain(repo);
  if (!contents.ok()) return fail(contents.status());
  absl::StatusOr<std::set<std::string>> erased_then = Tombstones(repo);
  if (erased_then.ok())
    erased->insert(erased_then->begin(), erased_then->end());
  // A dossier without its key is erased (its tombstone says so) or lost:
  // a lost one fails the restore loudly, never passes as erased.
  out.dossiers = contents->dossier_ids.size();
  uint64_t missing = 0;
  for (const std::string& id : contents->dossier_ids) {
    if (platform::PathExists(
            absl::StrCat(vault_dir, "/keys/dossiers/", id, ".age"))) {
      continue;
    }
    if (erased->count(id) > 0) {
      ++out.erased;
    } else {
      ++missing;
    }
  }
  if (missing > 0) {
    return fail(absl::DataLossError(absl::StrCat(
        "keys: ", missing,
        " dossier keys are missing from the backup (not erased); nothing "
        "was restored: try another backup drive")));
  }
  return out;
}

}  // namespace kluis::backup
