// Backups::Run: mirror, keys, manifest, verify — in that order, each
// durable before the next — and one rebuild of the mirror when the check
// after the run fails (a damaged pack on the drive is healed by writing
// the mirror afresh from the vault).
#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "daemon/backup/backups.h"
#include "daemon/backup/git_cli.h"
#include "daemon/platform/command.h"
#include "daemon/platform/fs.h"
#include "daemon/platform/log.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::backup {

using kluis::v1::BackupProgress;

namespace {

constexpr char kJournalRefName[] = "refs/kluis/journal";

// Less than this free on the drive after a failed step: it was full.
constexpr uint64_t kFullBelow = 1 << 20;

bool DriveFull(const std::string& dir) {
  struct statvfs st;
  return statvfs(dir.c_str(), &st) == 0 &&
         static_cast<uint64_t>(st.f_bavail) * st.f_frsize < kFullBelow;
}

absl::Status OnTarget(absl::Status s, absl::string_view step,
                      const std::string& dir) {
  if (s.ok()) return s;
  if (absl::IsResourceExhausted(s) || DriveFull(dir)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        step, ": the drive is full; the previous backup on it is intact"));
  }
  return absl::Status(s.code(), absl::StrCat(step, ": ", s.message(),
                                             "; the previous backup on the "
                                             "drive is intact"));
}

}  // namespace

absl::Status Backups::WriteManifest(const std::string& dir,
                                    const std::string& target_id,
                                    const kluis::v1::BackupManifest* last) {
  const std::string mirror = MirrorOf(dir);
  kluis::v1::BackupManifest m;
  m.set_target_id(target_id);
  absl::StatusOr<std::string> head = Git(mirror, {"rev-parse", "main"});
  if (!head.ok()) return head.status();
  m.set_head(*head);
  absl::StatusOr<std::string> root =
      Git(mirror, {"rev-list", "--max-parents=0", "main"});
  if (!root.ok()) return root.status();
  m.set_vault_id(*root);
  absl::StatusOr<std::string> journal =
      Git(mirror, {"rev-parse", "--verify", "-q", "refs/kluis/journal"});
  if (journal.ok()) m.set_journal_head(*journal);
  // Records: what changed since the last run, when it is known (listing
  // 100,000 files each week costs more than the push).
  absl::StatusOr<int64_t> delta =
      last != nullptr && !last->head().empty()
          ? RecordsAddedSince(mirror, last->head())
          : absl::StatusOr<int64_t>(absl::NotFoundError("no last run"));
  if (delta.ok() && static_cast<int64_t>(last->records()) + *delta >= 0) {
    m.set_records(static_cast<uint64_t>(last->records() + *delta));
  } else {
    absl::StatusOr<MainContents> contents = ContentsOfMain(mirror);
    if (!contents.ok()) return contents.status();
    m.set_records(contents->records);
  }
  m.set_objects(PackedObjects(mirror));
  absl::StatusOr<std::vector<std::string>> names =
      platform::ListDir(mirror + "/objects/pack");
  if (!names.ok()) return names.status();
  for (const std::string& n : *names) {
    if (absl::EndsWith(n, ".pack")) m.add_packs(n);
  }
  m.set_last_backup(
      absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone()));
  m.set_tool_version(KLUIS_VERSION);
  // The instructions follow the version of kluis that writes the backup.
  absl::Status s = WriteRestoreText(dir);
  if (!s.ok()) return s;
  return WriteManifestFile(dir, m);
}

bool Backups::IsThisVault(const std::string& id) {
  const std::string vault = vault_dir_ + "/repo.git";
  if (vault_id_.empty() || vault_id_ != id) {
    // Compaction may have rewritten the first commit: ask again.
    vault_id_ =
        Git(vault, {"rev-list", "--max-parents=0", "main"}).value_or("");
  }
  // A vault with no main yet has no backup anywhere.
  if (vault_id_.empty() || id.empty()) return false;
  if (vault_id_ == id) return true;
  // The first commits the vault had before its compactions.
  absl::StatusOr<std::string> former =
      Git(vault, {"cat-file", "blob", "main:compaction/former-roots"});
  return former.ok() && absl::StrContains(absl::StrCat("\n", *former, "\n"),
                                          absl::StrCat("\n", id, "\n"));
}

absl::Status Backups::Run(
    const std::string& name,
    const std::function<void(const BackupProgress&)>& progress) {
  absl::MutexLock run(&run_mu_);
  std::string dir, target_id, registered_head;
  bool full = false;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<kluis::v1::BackupTarget> t = Find(name);
    if (!t.ok()) return t.status();
    dir = t->path();
    target_id = t->target_id();
    registered_head = t->head();
    // A verify found damage: this run compares everything.
    full = t->damage_found();
  }
  std::string phase_now;
  // Milliseconds spent per phase, for the log (where a slow drive shows).
  std::map<std::string, int64_t> phase_ms;
  absl::Time phase_start = absl::Now();
  auto report = [&](const std::string& phase) {
    const absl::Time now = absl::Now();
    if (!phase_now.empty()) {
      phase_ms[phase_now] += absl::ToInt64Milliseconds(now - phase_start);
    }
    phase_start = now;
    phase_now = phase;
    BackupProgress p;
    p.set_target(name);
    p.set_phase(phase);
    p.set_objects(PackedObjects(MirrorOf(dir)));
    progress(p);
  };
  // Objects and bytes on their way, at most four times a second, and
  // always the last one (a run's whole transfer).
  absl::Time last_sent = absl::InfinitePast();
  auto transfer = [&](const TransferProgress& t) {
    const absl::Time now = absl::Now();
    if (!t.done && now - last_sent < absl::Milliseconds(250)) {
      return;
    }
    last_sent = now;
    BackupProgress p;
    p.set_target(name);
    p.set_phase(phase_now);
    p.set_objects_sent(t.objects_done);
    p.set_objects_to_send(t.objects_total);
    p.set_bytes_sent(t.bytes);
    p.set_transfer_done(t.done);
    progress(p);
  };
  auto finish = [&](absl::Status s) {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<std::string> head =
        s.ok() ? Git(MirrorOf(dir), {"rev-parse", "main"})
               : absl::StatusOr<std::string>("");
    Record(name, s, head.value_or(""));
    if (!phase_now.empty()) {
      phase_ms[phase_now] +=
          absl::ToInt64Milliseconds(absl::Now() - phase_start);
    }
    platform::Log(
        s.ok() ? platform::LogLevel::kInfo : platform::LogLevel::kWarning,
        "backup_run",
        {{"status", s},
         {"mirror_ms", phase_ms["mirror"]},
         {"keys_ms", phase_ms["keys"]},
         {"manifest_ms", phase_ms["manifest"]},
         {"verify_ms", phase_ms["verify"]},
         {"rebuild_ms", phase_ms["rebuild"]}});
    // A failed helper is a failed run, not an unreachable daemon.
    if (absl::IsUnavailable(s)) return absl::AbortedError(s.message());
    return s;
  };
  if (!platform::PathExists(dir)) {
    return finish(absl::FailedPreconditionError(
        absl::StrCat("target ", name, ": not mounted (", dir, " is missing)")));
  }
  // What the last good run left; the check compares against it.
  absl::StatusOr<kluis::v1::BackupManifest> last = ReadManifest(dir);
  // Another drive where this target was (a drive swapped at the same
  // mount point, another vault's backup): never written to.
  absl::Status identity = CheckIdentity(dir, target_id, last, registered_head);
  if (!identity.ok()) {
    return finish(
        absl::Status(identity.code(),
                     absl::StrCat("target ", name, ": ", identity.message())));
  }
  if (target_id.empty()) {
    // Added before drives had ids: this run gives it one.
    absl::StatusOr<std::string> id = AssignTargetId(name);
    if (!id.ok()) return finish(id.status());
    target_id = *id;
  }
  // The vault's keys as they are now: when they cannot be read, the run
  // stops before it writes anything (a run must never take a missing
  // key folder for erased keys).
  absl::StatusOr<std::map<std::string, uint64_t>> ours = VaultKeys();
  if (!ours.ok()) return finish(ours.status());
  // One writer per target. Close-on-exec: no helper (git, or another
  // program the daemon starts) carries it away; a daemon killed mid-run
  // leaves a push that the next run's leftover cleanup and checks handle.
  const int fd = open((dir + "/.kluis-run.lock").c_str(),
                      O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return finish(
        OnTarget(platform::ErrnoStatus(errno, "lock the target"), "lock", dir));
  }
  platform::ScopedFd run_lock(fd);
  for (int waited = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; ++waited) {
    if (waited >= 600) {
      return finish(absl::AbortedError(absl::StrCat(
          "target ", name, ": another backup run is still writing to it")));
    }
    usleep(100 * 1000);
  }
  // A rebuild cut short: its leftovers, or the mirror it had moved aside.
  absl::Status recovered = RecoverMirror(dir);
  if (!recovered.ok()) return finish(OnTarget(recovered, "recover", dir));
  if (!platform::PathExists(MirrorOf(dir))) {
    return finish(absl::FailedPreconditionError(
        absl::StrCat("target ", name, ": not mounted (", dir, " is missing)")));
  }
  // Nothing on the drive reads through to elsewhere (the vault!).
  absl::Status guard =
      CheckDriveRepository(MirrorOf(dir), DriveConfigCheck::kAboutToRewrite);
  if (!guard.ok()) {
    return finish(absl::FailedPreconditionError(absl::StrCat(
        "target ", name, ": ", guard.message(), "; nothing was written")));
  }
  // The mirror's settings follow the version of kluis that writes it, and
  // are written afresh before any git reads them: a planted setting (a
  // promisor remote git would fetch a missing object from, running its
  // program) never reaches git. Then they must read back as written.
  absl::Status s = OnTarget(ConfigureMirror(MirrorOf(dir)), "mirror", dir);
  if (!s.ok()) return finish(s);
  guard = CheckDriveConfig(MirrorOf(dir));
  if (!guard.ok()) {
    return finish(absl::FailedPreconditionError(
        absl::StrCat("target ", name, ": ", guard.message())));
  }
  // A drive ahead of the vault (the vault rolled back) is never pruned,
  // nor rebuilt over.
  absl::StatusOr<bool> compacted = HistoryCompacted(dir);
  if (!compacted.ok()) {
    return finish(absl::Status(
        compacted.status().code(),
        absl::StrCat("target ", name, ": ", compacted.status().message())));
  }
  // What a run cut short left: git's lock files (nobody writes now).
  (void)platform::RunCommand(
      {"find", MirrorOf(dir), "-name", "*.lock", "-type", "f", "-delete"});
  report("keys");
  // Damage already on the drive (a bad pack, a lost one) is healed by a
  // rebuild below; a push onto it could fail, or build on it.
  std::set<std::string> packs_checked;
  // A pack the last run listed is gone: a run cut short between its
  // repack and its manifest, or a lost file; git tells which.
  const bool damaged_before =
      s.ok() &&
      (DamagedPackFiles(MirrorOf(dir), &packs_checked) > 0 ||
       (last.ok() && LostPacks(MirrorOf(dir), *last) > 0 &&
        !Git(MirrorOf(dir),
             {"fsck", "--connectivity-only", "--no-dangling", "--no-progress"},
             kDriveGitSlowTimeout)
             .ok()));
  // Keys first: a drive pulled out mid-run never holds a main whose
  // dossiers lack their keys. Erased keys go only after the push.
  if (s.ok() && !damaged_before) {
    s = OnTarget(CopyKeys(dir, *ours, full), "keys", dir);
  }
  // The journal the drive holds now: when the vault removed old entries
  // (journal retention rewrites the chain), they leave the drive too.
  const std::string journal_before =
      Git(MirrorOf(dir), {"rev-parse", "-q", "--verify", kJournalRefName})
          .value_or("");
  bool journal_rewritten = false;
  if (s.ok() && !damaged_before) {
    report("mirror");
    s = OnTarget(Mirror(dir, /*rebuild=*/false, *compacted, transfer), "mirror",
                 dir);
    journal_rewritten = s.ok() && !journal_before.empty() &&
                        !Git(MirrorOf(dir), {"merge-base", "--is-ancestor",
                                             journal_before, kJournalRefName})
                             .ok();
  }
  // The manifest names the new head before an erased key goes: a run cut
  // short in between leaves a restorable drive with an erasure pending
  // (the next run finishes it), never a head whose dossier lacks its key.
  if (s.ok() && !damaged_before) {
    report("manifest");
    s = OnTarget(WriteManifest(dir, target_id, last.ok() ? &*last : nullptr),
                 "manifest", dir);
  }
  if (s.ok() && !damaged_before) {
    s = OnTarget(ShredErasedKeys(dir), "keys", dir);
  }
  if (s.ok() && !damaged_before && (*compacted || journal_rewritten)) {
    s = OnTarget(PruneDropped(dir), "mirror", dir);
  }
  if (!s.ok()) return finish(s);
  absl::StatusOr<kluis::v1::TargetCheck> check = kluis::v1::TargetCheck();
  if (!damaged_before) {
    report("verify");
    check = Check(dir, full ? CheckDepth::kFull : CheckDepth::kQuick,
                  &packs_checked);
  }
  if (!check.ok()) return finish(check.status());
  if (damaged_before || !check->ok()) {
    // Damage on the drive that an incremental push cannot see (it trusts
    // what the mirror says it has): write the mirror afresh.
    report("rebuild");
    s = OnTarget(CopyKeys(dir, *ours, /*full=*/true), "keys", dir);
    if (s.ok()) {
      s = OnTarget(Mirror(dir, /*rebuild=*/true, false, transfer), "rebuild",
                   dir);
    }
    if (s.ok()) {
      s = OnTarget(WriteManifest(dir, target_id, nullptr), "manifest", dir);
    }
    if (s.ok()) s = OnTarget(ShredErasedKeys(dir), "keys", dir);
    if (!s.ok()) return finish(s);
    check = Check(dir, CheckDepth::kFull, nullptr);
    if (!check.ok()) return finish(check.status());
    if (!check->ok()) {
      return finish(
          absl::DataLossError(absl::StrCat("verify: ", check->problems(0))));
    }
  }
  report("done");
  return finish(absl::OkStatus());
}

}  // namespace kluis::backup
