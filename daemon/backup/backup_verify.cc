// Backups::Verify: a structural check of a target against its manifest and
// the vault's own key files.
#include <google/protobuf/util/json_util.h>

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
  std::string dir;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<kluis::v1::BackupTarget> t = Find(name);
    if (!t.ok()) return t.status();
    dir = t->path();
  }
  absl::MutexLock run(&run_mu_);  // not while a run writes
  absl::StatusOr<kluis::v1::TargetCheck> check = Check(dir);
  if (check.ok()) check->set_target(name);
  return check;
}

absl::Status Backups::WithMirror(
    const std::string& name,
    const std::function<absl::Status(const std::string&)>& read) {
  std::string dir;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<kluis::v1::BackupTarget> t = Find(name);
    if (!t.ok()) return t.status();
    dir = t->path();
  }
  absl::MutexLock run(&run_mu_);
  if (!platform::PathExists(MirrorOf(dir))) {
    return absl::FailedPreconditionError(
        absl::StrCat("target ", name, ": not mounted"));
  }
  return read(MirrorOf(dir));
}

absl::StatusOr<kluis::v1::TargetCheck> Backups::Check(const std::string& dir) {
  kluis::v1::TargetCheck out;
  auto problem = [&](std::string p) { out.add_problems(std::move(p)); };
  if (!platform::PathExists(MirrorOf(dir))) {
    problem("target: not mounted");
    return out;
  }
  kluis::v1::BackupManifest m;
  absl::StatusOr<std::string> json = platform::ReadFile(ManifestOf(dir));
  if (!json.ok() ||
      !google::protobuf::util::JsonStringToMessage(*json, &m).ok()) {
    problem("manifest: missing or unreadable (run kluis backup run)");
  }
  // Every object present, intact and hashing to its id; every ref sound.
  if (!Git(MirrorOf(dir),
           {"fsck", "--full", "--strict", "--no-dangling", "--no-progress"})
           .ok()) {
    problem("repository: git fsck found missing or damaged objects");
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
  // A key for every dossier, and every key as the vault has it.
  absl::StatusOr<MainContents> contents = ContentsOfMain(MirrorOf(dir));
  uint64_t missing = 0, differ = 0;
  if (contents.ok()) {
    out.set_records(contents->records);
    for (const std::string& id : contents->dossier_ids) {
      const std::string rel = absl::StrCat("dossiers/", id, ".age");
      absl::StatusOr<std::string> there =
          platform::ReadFile(absl::StrCat(KeysOf(dir), "/", rel));
      if (!there.ok()) {
        ++missing;
        continue;
      }
      absl::StatusOr<std::string> ours =
          platform::ReadFile(absl::StrCat(vault_dir_, "/keys/", rel));
      if (ours.ok() && *ours != *there) ++differ;
    }
  }
  for (const char* rel : {"vault.age", "vault.recovery.age", "signing.age"}) {
    absl::StatusOr<std::string> there =
        platform::ReadFile(absl::StrCat(KeysOf(dir), "/", rel));
    absl::StatusOr<std::string> ours =
        platform::ReadFile(absl::StrCat(vault_dir_, "/keys/", rel));
    if (!there.ok() && ours.ok()) ++missing;
    if (there.ok() && ours.ok() && *there != *ours) ++differ;
  }
  if (missing > 0) {
    problem(absl::StrCat("keys: ", missing, " key files missing"));
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
