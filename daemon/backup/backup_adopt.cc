// Backups::Adopt: `kluis backup add` on a folder that holds a kluis backup
// already takes it on when it is this vault's own (after a restore, the
// practice's own drive). The drive is untrusted until it has verified: its
// main is read as a file and looked up in the vault's own signed history
// before anything on the drive is written or any git runs there, so that
// another vault's drive, even one whose manifest claims this vault, is
// refused untouched.
#include <sys/stat.h>

#include <map>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "daemon/backup/backups.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/fs.h"

namespace kluis::backup {

using kluis::v1::BackupManifest;
using kluis::v1::BackupRegistry;
using kluis::v1::BackupTarget;

namespace {

// Add's refusal: the drive and the registry are as they were.
absl::Status Refuse(absl::string_view what) {
  return absl::AlreadyExistsError(
      absl::StrCat("path: holds ", what, "; nothing was changed there"));
}

constexpr char kNotOurHistory[] =
    "history that is not this vault's (the backup of another vault, or one "
    "newer than this vault): choose an empty folder";

// What git needs before it may run on the drive's repository: nothing that
// reads elsewhere, and kluis's own settings written afresh (nothing planted
// in them reaches git), read back as written. Refuses the drive otherwise.
absl::Status PrepareDriveRepository(const std::string& mirror) {
  absl::Status s =
      CheckDriveRepository(mirror, DriveConfigCheck::kAboutToRewrite);
  if (s.ok()) s = ConfigureMirror(mirror);
  if (s.ok()) s = CheckDriveConfig(mirror);
  if (s.ok()) return s;
  return Refuse(absl::StrCat("a kluis backup kluis cannot use safely (",
                             s.message(), ")"));
}

// `count-objects -v`: loose and packed objects of a repository.
absl::StatusOr<uint64_t> ObjectsIn(const std::string& repo) {
  absl::StatusOr<std::string> out = Git(repo, {"count-objects", "-v"});
  if (!out.ok()) return out.status();
  uint64_t total = 0;
  for (absl::string_view line : absl::StrSplit(*out, '\n')) {
    uint64_t n = 0;
    if ((absl::ConsumePrefix(&line, "count: ") ||
         absl::ConsumePrefix(&line, "in-pack: ")) &&
        absl::SimpleAtoi(line, &n)) {
      total += n;
    }
  }
  return total;
}

}  // namespace

namespace {

// What a drive's main names: a commit id, or nothing. Anything else (a
// symbolic ref, "--output=…") never reaches a git command line, where it
// would be read as an option.
absl::StatusOr<std::string> CommitIdOrNothing(absl::string_view ref) {
  if (ref.empty() || IsCommitId(ref)) return std::string(ref);
  return absl::DataLossError("refs/heads/main: not a commit id");
}

}  // namespace

absl::StatusOr<std::string> DriveMainId(const std::string& repo) {
  absl::StatusOr<std::string> loose =
      ReadDriveFile(repo + "/refs/heads/main", 4096);
  if (loose.ok()) return CommitIdOrNothing(absl::StripAsciiWhitespace(*loose));
  if (!absl::IsNotFound(loose.status()) &&
      !absl::IsFailedPrecondition(loose.status())) {  // ENOTDIR: no refs/
    return loose.status();
  }
  absl::StatusOr<std::string> packed =
      ReadDriveFile(repo + "/packed-refs", 1 << 20);
  if (absl::IsNotFound(packed.status())) return std::string();
  if (!packed.ok()) return packed.status();
  for (absl::string_view line : absl::StrSplit(*packed, '\n')) {
    if (absl::ConsumeSuffix(&line, " refs/heads/main")) {
      return CommitIdOrNothing(line);
    }
  }
  return std::string();
}

bool Backups::VaultContains(const std::string& id) {
  return IsCommitId(id) && Git(vault_dir_ + "/repo.git",
                               {"merge-base", "--is-ancestor", id, "main"})
                               .ok();
}

absl::StatusOr<BackupTarget> Backups::Adopt(const std::string& dir,
                                            const BackupRegistry& registry) {
  const std::string mirror = MirrorOf(dir);
  absl::StatusOr<BackupManifest> m = ReadManifest(dir);
  if (!m.ok()) {
    return Refuse(
        "a repository without a readable kluis manifest (not a kluis backup, "
        "or one whose manifest was removed): choose an empty folder");
  }
  if (m->vault_id().empty()) {
    return Refuse("a kluis backup that names no vault: choose an empty folder");
  }
  if (!IsThisVault(m->vault_id())) {
    return Refuse("the backup of another vault: choose an empty folder");
  }
  absl::StatusOr<std::string> main = DriveMainId(mirror);
  if (!main.ok()) {
    return Refuse(
        absl::StrCat("a kluis backup whose repository cannot be "
                     "read (",
                     main.status().message(), ")"));
  }
  // Never run to the end (an add or a first run cut short).
  absl::StatusOr<BackupTarget> out = m->head().empty()
                                         ? AdoptUnused(dir, *main)
                                         : AdoptWithHistory(dir, *m, *main);
  if (!out.ok()) return out.status();
  // The drive keeps its identity; a copy of a drive added already (or one
  // whose id is not kluis's form) gets its own, in its manifest.
  std::string id = m->target_id();
  for (const BackupTarget& t : registry.targets()) {
    if (t.target_id() == id) id.clear();
  }
  if (id.size() != 32 || !absl::c_all_of(id, absl::ascii_isxdigit)) {
    absl::StatusOr<std::string> fresh = NewTargetId();
    if (!fresh.ok()) return fresh.status();
    id = *fresh;
    m->set_target_id(id);
    absl::Status s = WriteManifestFile(dir, *m);
    if (!s.ok()) return s;
  }
  out->set_target_id(id);
  return out;
}

absl::StatusOr<BackupTarget> Backups::AdoptWithHistory(
    const std::string& dir, const BackupManifest& m, const std::string& main) {
  const std::string mirror = MirrorOf(dir);
  if (main.empty()) {
    return Refuse("a kluis backup whose repository has no main (damaged)");
  }
  // The drive's history must be the vault's (a drive behind it is fine),
  // or one a compaction of the vault rewrote: checked in the vault alone.
  const bool compacted_vault =
      Git(vault_dir_ + "/repo.git",
          {"cat-file", "-e", "main:compaction/former-roots"})
          .ok();
  const std::string newer =
      "a backup newer than this vault (changes the vault does not have: "
      "was the vault restored from an older backup, or with --at?); keep "
      "that drive as it is and back up to another";
  if (!VaultContains(main) && !compacted_vault) {
    // Only a drive whose settings are kluis's own is asked which it is.
    absl::StatusOr<std::string> roots =
        CheckDriveRepository(mirror).ok()
            ? Git(mirror, {"rev-list", "--max-parents=0", main})
            : absl::StatusOr<std::string>(absl::NotFoundError("unknown"));
    if (roots.ok() && !roots->empty() && IsThisVault(*roots)) {
      return Refuse(newer);
    }
    return Refuse(kNotOurHistory);
  }
  absl::Status s = PrepareDriveRepository(mirror);
  if (!s.ok()) return s;
  // Not in the vault's history: its first commit must be one the vault
  // had before a compaction.
  if (!VaultContains(main)) {
    absl::StatusOr<std::string> roots =
        Git(mirror, {"rev-list", "--max-parents=0", "main"});
    if (!roots.ok() || roots->empty() || !IsThisVault(*roots)) {
      return Refuse(
          "history that is not this vault's (the backup of another vault "
          "whose manifest names this one): choose an empty folder");
    }
  }
  absl::StatusOr<bool> compacted = HistoryCompacted(dir);
  if (!compacted.ok()) {
    return absl::IsFailedPrecondition(compacted.status()) ? Refuse(newer)
                                                          : compacted.status();
  }
  absl::StatusOr<kluis::v1::TargetCheck> check =
      Check(dir, CheckDepth::kAdopt, nullptr);
  if (!check.ok()) return check.status();
  if (!check->ok()) {
    return Refuse(absl::StrCat("a backup of this vault that does not verify (",
                               check->problems(0),
                               "): choose an empty folder"));
  }
  BackupTarget out;
  // Its last good run, as the vault's registry would have it: no earlier
  // than the change it holds, and never in the future (a drive that says
  // so would never fall due).
  absl::StatusOr<std::string> made =
      Git(mirror, {"log", "-1", "--format=%ct", m.head()});
  int64_t made_at = 0;
  absl::Time last = absl::Now();
  if (made.ok() && absl::SimpleAtoi(*made, &made_at)) {
    last = absl::FromUnixSeconds(made_at);
  }
  absl::Time said;
  std::string err;
  if (absl::ParseTime(absl::RFC3339_full, m.last_backup(), &said, &err) &&
      said > last && said <= absl::Now()) {
    last = said;
  }
  const std::string when =
      absl::FormatTime(absl::RFC3339_sec, last, absl::UTCTimeZone());
  out.set_head(m.head());
  out.set_last_good_run(when);
  out.set_last_run(when);
  out.set_last_result("ok");
  return out;
}

absl::StatusOr<BackupTarget> Backups::AdoptUnused(const std::string& dir,
                                                  const std::string& main) {
  const std::string mirror = MirrorOf(dir);
  BackupTarget out;
  struct stat st;
  if (lstat(mirror.c_str(), &st) != 0) {
    // An add cut short before its repository: finish it.
    absl::Status s = InitMirror(dir);
    if (!s.ok()) return s;
    return out;
  }
  if (!main.empty() && !VaultContains(main)) {
    return Refuse(kNotOurHistory);
  }
  absl::Status s = PrepareDriveRepository(mirror);
  if (!s.ok()) return s;
  absl::StatusOr<uint64_t> objects = ObjectsIn(mirror);
  if (!objects.ok()) return objects.status();
  // A run's objects arrive with its refs (git receives into quarantine):
  // objects without a main are none of kluis's.
  if (main.empty() && *objects > 0) {
    return Refuse(
        "a kluis backup that no run finished, with objects no run wrote: "
        "choose an empty folder");
  }
  std::map<std::string, uint64_t> keys;
  s = KeyFiles(KeysOf(dir), &keys);
  if (!s.ok()) return Refuse(s.message());
  // What a first run cut short left is compared byte for byte by the next
  // run (and its key files are written afresh where they differ).
  out.set_damage_found(!main.empty() || !keys.empty());
  return out;
}

}  // namespace kluis::backup
