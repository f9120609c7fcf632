// Backups: the registry of targets (backups.json in the vault folder), adding
// a target, and the state of each.
#include "daemon/backup/backups.h"

#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/command.h"
#include "daemon/platform/fs.h"
#include "daemon/platform/log.h"

namespace kluis::backup {

using kluis::v1::BackupRegistry;
using kluis::v1::BackupTarget;

namespace {

constexpr char kRestoreText[] = R"(KLUIS BACKUP

This folder is a backup of a kluis vault: an encrypted dossier vault.
Everything in it is encrypted; without the passphrase or the recovery key
nobody can read it. Keep this drive as safe as the computer itself.

  repo.git/       every version of every record, and the access journal
                  (a git repository; each record is an age-encrypted file)
  keys/           the vault's keys, each wrapped (encrypted) to the
                  passphrase and to the recovery key
  manifest.json   when this backup was made, of which vault, up to which
                  change (no personal data)

RESTORING WITH KLUIS, ON A NEW COMPUTER
  1. Install kluis, plug in this drive, and run
         kluis restore --from THE-DRIVE-FOLDER
     (add --at YYYY-MM-DD for the vault as it was at the end of that day).
     It writes a new vault (default ~/.local/share/kluis) and never
     overwrites one that is there.
  2. Start kluisd and run `kluis unlock` with your passphrase. Forgotten
     it? `kluis unlock --recovery-key recovery.txt` sets a new one.
  3. Run `kluis audit verify`: every change is signed and must verify.
  By hand instead of step 1: git clone --mirror --no-local THIS/repo.git
  into VAULT/repo.git, and copy THIS/keys to VAULT/keys.

READING A RECORD WITH ONLY GIT AND AGE (kluis gone)
  D is a dossier id (the folder names under dossiers/ in the repository):
      git --git-dir=repo.git ls-tree -r --name-only main
      git --git-dir=repo.git cat-file blob main:dossiers/XX/D/dossier.age > record.age
      age -d -i recovery.txt -o dossier-key.txt keys/dossiers/D.age
      age -d -i dossier-key.txt record.age
  recovery.txt holds the RECOVERY KEY you wrote down when the vault was
  made (one line starting with AGE-SECRET-KEY-). With the passphrase
  instead: age -d -o vault-key.txt keys/vault.age, then use vault-key.txt
  where recovery.txt stands above.
)";

}  // namespace

absl::Status WriteRestoreText(const std::string& dir) {
  const std::string path = dir + "/RESTORE.txt";
  absl::StatusOr<std::string> there = ReadDriveFile(path, 1 << 20);
  if (there.ok() && *there == kRestoreText) return absl::OkStatus();
  return WriteDriveFile(path, kRestoreText);
}

absl::StatusOr<std::string> Git(const std::string& repo,
                                std::vector<std::string> args,
                                absl::Duration timeout) {
  return RunDriveGit(repo, args, timeout);
}

std::string MirrorOf(const std::string& dir) { return dir + "/repo.git"; }
std::string KeysOf(const std::string& dir) { return dir + "/keys"; }
std::string ManifestOf(const std::string& dir) {
  return dir + "/manifest.json";
}

namespace {
// A record's file (not an attachment's contents).
bool IsRecordFile(absl::string_view path) {
  return absl::EndsWith(path, ".age") && !absl::EndsWith(path, ".data.age");
}
}  // namespace

absl::StatusOr<MainContents> ContentsOfMain(const std::string& repo) {
  absl::StatusOr<std::string> files =
      Git(repo, {"ls-tree", "-r", "--name-only", "main"});
  if (!files.ok()) return files.status();
  MainContents out;
  for (absl::string_view f : absl::StrSplit(*files, '\n')) {
    if (IsRecordFile(f)) ++out.records;
    // dossiers/<shard>/<id>/dossier.age
    std::vector<absl::string_view> parts = absl::StrSplit(f, '/');
    if (parts.size() == 4 && parts[3] == "dossier.age") {
      out.dossier_ids.emplace_back(parts[2]);
    }
  }
  return out;
}

absl::StatusOr<int64_t> RecordsAddedSince(const std::string& repo,
                                          const std::string& since) {
  if (!IsCommitId(since))
    return absl::InvalidArgumentError("since: not a commit");
  absl::StatusOr<std::string> diff =
      Git(repo,
          {"diff-tree", "-r", "--no-renames", "--name-status", since, "main"});
  if (!diff.ok()) return diff.status();
  int64_t delta = 0;
  for (absl::string_view line : absl::StrSplit(*diff, '\n')) {
    if (line.size() < 3 || line[1] != '\t' || !IsRecordFile(line.substr(2))) {
      continue;
    }
    if (line[0] == 'A') ++delta;
    if (line[0] == 'D') --delta;
  }
  return delta;
}

namespace {
// erased/<2>/<id>.age: a destroyed key; erased/<2>/<dossier>/<record>.age:
// one record.
void CountTombstone(absl::string_view path, ErasuresSince* out) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  if (parts.size() == 3 && absl::EndsWith(parts[2], ".age")) {
    out->keys.emplace_back(parts[2].substr(0, parts[2].size() - 4));
  } else if (parts.size() == 4) {
    ++out->records;
  }
}
}  // namespace

absl::StatusOr<ErasuresSince> ErasedSince(const std::string& repo,
                                          const std::string& head,
                                          absl::Time since) {
  // Exact while the vault still has the commit of the last good run.
  absl::StatusOr<std::string> diff =
      !IsCommitId(head)
          ? absl::StatusOr<std::string>(
                absl::InvalidArgumentError("head: not a commit"))
          : Git(repo, {"diff-tree", "-r", "--no-renames", "--name-only",
                       "--diff-filter=A", head, "main", "--", "erased"});
  if (diff.ok()) {
    ErasuresSince out;
    for (absl::string_view line :
         absl::StrSplit(*diff, '\n', absl::SkipEmpty())) {
      CountTombstone(line, &out);
    }
    return out;
  }
  // After a compaction it is gone: by the time each tombstone came.
  absl::StatusOr<std::string> log =
      Git(repo,
          {"log", "--format=%x01%ct", "--name-only", "--diff-filter=A",
           "--no-renames", "main", "--", "erased"},
          kDriveGitSlowTimeout);
  if (!log.ok()) return log.status();
  ErasuresSince out;
  bool after = false;
  for (absl::string_view line : absl::StrSplit(*log, '\n', absl::SkipEmpty())) {
    int64_t when = 0;
    if (absl::ConsumePrefix(&line, "\x01")) {
      after =
          absl::SimpleAtoi(line, &when) && absl::FromUnixSeconds(when) >= since;
      continue;
    }
    if (after) CountTombstone(line, &out);
  }
  return out;
}

absl::StatusOr<kluis::v1::BackupManifest> ReadManifest(const std::string& dir) {
  absl::StatusOr<std::string> json = ReadDriveFile(ManifestOf(dir), 1 << 20);
  if (!json.ok()) return json.status();
  kluis::v1::BackupManifest m;
  if (!google::protobuf::util::JsonStringToMessage(*json, &m).ok()) {
    return absl::DataLossError("manifest: unreadable");
  }
  // The drive is not trusted: these go to git command lines, where text
  // such as "--output=FILE" would be an option. Only commit ids pass.
  for (const std::string* id : {&m.vault_id(), &m.head(), &m.journal_head()}) {
    if (!id->empty() && !IsCommitId(*id)) {
      return absl::DataLossError("manifest: a commit id that is not one");
    }
  }
  return m;
}

uint64_t PackedObjects(const std::string& repo) {
  absl::StatusOr<std::string> out = Git(repo, {"count-objects", "-v"});
  if (!out.ok()) return 0;
  for (absl::string_view line : absl::StrSplit(*out, '\n')) {
    uint64_t n = 0;
    if (absl::ConsumePrefix(&line, "in-pack: ") && absl::SimpleAtoi(line, &n)) {
      return n;
    }
  }
  return 0;
}

absl::Status ConfigureMirror(const std::string& repo) {
  // No include, no hooks path, no program: only what kluis sets.
  const absl::string_view config = DriveRepositoryConfig();
  absl::StatusOr<std::string> there = ReadDriveFile(repo + "/config", 1 << 16);
  absl::Status s = there.ok() && *there == config
                       ? absl::OkStatus()
                       : WriteDriveFile(repo + "/config", config);
  if (!s.ok()) return s;
  // A plain `git clone` of the drive then checks out the vault's branch.
  constexpr char kHead[] = "ref: refs/heads/main\n";
  there = ReadDriveFile(repo + "/HEAD", 1 << 16);
  if (there.ok() && *there == kHead) return absl::OkStatus();
  return WriteDriveFile(repo + "/HEAD", kHead);
}

Backups::Backups(std::string vault_dir, BackupsOptions options)
    : vault_dir_(std::move(vault_dir)), options_(options) {}

absl::StatusOr<BackupRegistry> Backups::Load() {
  BackupRegistry registry;
  absl::StatusOr<std::string> json =
      platform::ReadFile(vault_dir_ + "/backups.json");
  if (absl::IsNotFound(json.status())) return registry;
  if (!json.ok()) return json.status();
  if (!google::protobuf::util::JsonStringToMessage(*json, &registry).ok()) {
    return absl::DataLossError("backups.json: not in form");
  }
  return registry;
}

absl::Status Backups::Save(const BackupRegistry& registry) {
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  if (!google::protobuf::util::MessageToJsonString(registry, &json, opts)
           .ok()) {
    return absl::InternalError("backups.json: cannot encode");
  }
  return platform::WriteFileAtomic(vault_dir_ + "/backups.json", json);
}

absl::StatusOr<BackupTarget> Backups::Find(const std::string& name) {
  absl::StatusOr<BackupRegistry> registry = Load();
  if (!registry.ok()) return registry.status();
  for (const BackupTarget& t : registry->targets()) {
    if (t.name() == name) return t;
  }
  return absl::NotFoundError("name: no such backup target");
}

absl::StatusOr<std::vector<BackupTarget>> Backups::List() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<BackupRegistry> registry = Load();
  if (!registry.ok()) return registry.status();
  const absl::Time now = absl::Now();
  std::vector<BackupTarget> out;
  for (BackupTarget t : registry->targets()) {
    t.set_mounted(platform::PathExists(t.path()));
    absl::Time last;
    std::string err;
    const bool ever =
        !t.head().empty() &&
        absl::ParseTime(absl::RFC3339_full, t.last_good_run(), &last, &err);
    t.set_age_hours(ever ? absl::ToInt64Hours(now - last) : -1);
    t.set_overdue(!ever || now - last > options_.interval);
    if (ever) {
      // Tombstones newer than the last good run: their keys are still on
      // the drive. An error is said, never taken for "nothing pending".
      absl::StatusOr<ErasuresSince> pending =
          ErasedSince(vault_dir_ + "/repo.git", t.head(), last);
      if (pending.ok()) {
        for (std::string& id : pending->keys) t.add_keys_pending(std::move(id));
        t.set_records_pending(pending->records);
      } else {
        platform::Log(platform::LogLevel::kWarning, "backup_pending",
                      {{"status", pending.status()}});
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

void Backups::RunDue(
    const std::function<void(const std::string&, const absl::Status&)>& done) {
  absl::StatusOr<std::vector<BackupTarget>> all = List();
  if (!all.ok()) return;
  const absl::Time now = absl::Now();
  for (const BackupTarget& t : *all) {
    if (!t.mounted() || !t.overdue()) continue;
    absl::Time tried;
    std::string err;
    if (t.last_result() != "ok" &&
        absl::ParseTime(absl::RFC3339_full, t.last_run(), &tried, &err) &&
        now - tried < absl::Hours(1)) {
      continue;  // failed a moment ago: not again at every poll
    }
    done(t.name(), Run(t.name(), [](const kluis::v1::BackupProgress&) {}));
  }
}

void Backups::RecordDamage(const std::string& name) {
  absl::StatusOr<BackupRegistry> registry = Load();
  if (!registry.ok()) return;
  for (BackupTarget& t : *registry->mutable_targets()) {
    if (t.name() == name) t.set_damage_found(true);
  }
  (void)Save(*registry);
}

void Backups::Record(const std::string& name, const absl::Status& result,
                     const std::string& head) {
  absl::StatusOr<BackupRegistry> registry = Load();
  if (!registry.ok()) return;
  const std::string now =
      absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone());
  for (BackupTarget& t : *registry->mutable_targets()) {
    if (t.name() != name) continue;
    t.set_last_run(now);
    t.set_last_result(result.ok() ? "ok" : std::string(result.message()));
    if (result.ok()) {
      t.set_head(head);
      t.set_last_good_run(now);
      t.set_damage_found(false);  // the run checked and healed everything
    }
  }
  (void)Save(*registry);
}

}  // namespace kluis::backup
