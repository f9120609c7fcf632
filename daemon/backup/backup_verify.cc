// Backups::Verify: a structural check of a target against its manifest and
// the vault's own key files.
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "daemon/backup/backups.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/command.h"
#include "daemon/platform/fs.h"

namespace kluis::backup {

absl::StatusOr<kluis::v1::TargetCheck> Backups::Verify(
    const std::string& name) {
  std::string dir, target_id, head;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<kluis::v1::BackupTarget> t = Find(name);
    if (!t.ok()) return t.status();
    dir = t->path();
    target_id = t->target_id();
    head = t->head();
  }
  absl::MutexLock run(&run_mu_);  // not while a run writes
  // Another drive where this one was is not checked (nor recorded as
  // damaged): it is not this target.
  if (platform::PathExists(dir)) {
    absl::Status identity =
        CheckIdentity(dir, target_id, ReadManifest(dir), head);
    if (!identity.ok()) {
      kluis::v1::TargetCheck other;
      other.set_target(name);
      other.add_problems(std::string(identity.message()));
      return other;
    }
  }
  absl::StatusOr<kluis::v1::TargetCheck> check =
      Check(dir, CheckDepth::kFull, nullptr);
  if (check.ok()) check->set_target(name);
  if (check.ok() && !check->ok()) {
    absl::MutexLock lock(&mu_);
    RecordDamage(name);
  }
  return check;
}

absl::Status Backups::WithMirror(
    const std::string& name,
    const std::function<absl::Status(const std::string&)>& read) {
  std::string dir, target_id, head;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<kluis::v1::BackupTarget> t = Find(name);
    if (!t.ok()) return t.status();
    dir = t->path();
    target_id = t->target_id();
    head = t->head();
  }
  absl::MutexLock run(&run_mu_);
  if (!platform::PathExists(MirrorOf(dir))) {
    return absl::FailedPreconditionError(
        absl::StrCat("target ", name, ": not mounted"));
  }
  // The deep check reads the drive too: only this target's drive.
  absl::Status guard = CheckIdentity(dir, target_id, ReadManifest(dir), head);
  if (guard.ok()) guard = CheckDriveRepository(MirrorOf(dir));
  if (!guard.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("target ", name, ": ", guard.message()));
  }
  return read(MirrorOf(dir));
}

absl::StatusOr<kluis::v1::TargetCheck> Backups::Check(
    const std::string& dir, CheckDepth depth,
    std::set<std::string>* packs_checked) {
  const bool full = depth != CheckDepth::kQuick;
  kluis::v1::TargetCheck out;
  auto problem = [&](std::string p) { out.add_problems(std::move(p)); };
  if (!platform::PathExists(MirrorOf(dir))) {
    problem("target: not mounted");
    return out;
  }
  absl::Status guard = CheckDriveRepository(MirrorOf(dir));
  if (!guard.ok()) {
    problem(std::string(guard.message()));
    return out;
  }
  absl::StatusOr<kluis::v1::BackupManifest> read = ReadManifest(dir);
  if (!read.ok()) {
    problem("manifest: missing or unreadable (run kluis backup run)");
  }
  const kluis::v1::BackupManifest m =
      read.value_or(kluis::v1::BackupManifest());
  if (full) {
    // Every object present, intact and hashing to its id; every ref sound.
    if (!Git(MirrorOf(dir),
             {"fsck", "--full", "--strict", "--no-dangling", "--no-progress"},
             kDriveGitSlowTimeout)
             .ok()) {
      problem("repository: git fsck found missing or damaged objects");
    }
  } else {
    // Every byte of every pack as git wrote it.
    const uint64_t damaged = DamagedPackFiles(MirrorOf(dir), packs_checked);
    if (damaged > 0) {
      problem(absl::StrCat("repository: ", damaged,
                           " pack files damaged (checksum) or half missing"));
    }
  }
  absl::StatusOr<std::string> head = Git(MirrorOf(dir), {"rev-parse", "main"});
  if (!head.ok() || *head != m.head()) {
    problem("refs: main is not what the manifest says");
  }
  absl::StatusOr<std::string> journal =
      Git(MirrorOf(dir), {"rev-parse", "--verify", "-q", "refs/kluis/journal"});
  if (journal.value_or("") != m.journal_head()) {
    problem("refs: the journal is not what the manifest says");
  }
  std::map<std::string, uint64_t> ours, theirs;
  if (!KeyFiles(vault_dir_ + "/keys", &ours).ok()) {
    problem("keys: cannot list the vault's key files");
  }
  // Links on the drive are never followed (one into the vault would
  // "match" the vault's own file).
  absl::Status listed = KeyFiles(KeysOf(dir), &theirs);
  if (!listed.ok()) problem(absl::StrCat("keys: ", listed.message()));
  // A key for every dossier; every key file as the vault has it (in a
  // quick check only the few that change: vault, recovery, signing).
  absl::StatusOr<MainContents> contents =
      full ? ContentsOfMain(MirrorOf(dir))
           : absl::StatusOr<MainContents>(absl::NotFoundError("quick"));
  out.set_records(m.records());
  std::set<std::string> missing;
  uint64_t differ = 0;
  if (contents.ok()) {
    out.set_records(contents->records);
    for (const std::string& id : contents->dossier_ids) {
      const std::string rel = absl::StrCat("dossiers/", id, ".age");
      if (theirs.count(rel) == 0) missing.insert(rel);
    }
  }
  for (const auto& [rel, size] : ours) {
    const bool dossier_key = absl::StartsWith(rel, "dossiers/");
    if (depth == CheckDepth::kQuick && dossier_key) continue;
    // A drive behind the vault lacks its newer keys, and may hold the
    // vault.age of an older passphrase: the next run writes those.
    if (depth == CheckDepth::kAdopt &&
        (!dossier_key || theirs.count(rel) == 0)) {
      continue;
    }
    absl::StatusOr<std::string> there =
        listed.ok() && theirs.count(rel) > 0
            ? ReadDriveFile(absl::StrCat(KeysOf(dir), "/", rel), kMaxKeyFile)
            : absl::StatusOr<std::string>(absl::NotFoundError("missing"));
    if (!there.ok()) {
      missing.insert(rel);
      continue;
    }
    absl::StatusOr<std::string> mine =
        platform::ReadFile(absl::StrCat(vault_dir_, "/keys/", rel));
    if (mine.ok() && *mine != *there) ++differ;
  }
  if (!missing.empty()) {
    problem(absl::StrCat("keys: ", missing.size(), " key files missing"));
  }
  if (differ > 0) {
    problem(absl::StrCat("keys: ", differ,
                         " key files differ from the vault's (damaged?)"));
  }
  out.set_objects(PackedObjects(MirrorOf(dir)));
  out.set_ok(out.problems_size() == 0);
  return out;
}

}  // namespace kluis::backup
