// Backups of the vault to folders on external drives ("targets"): each is
// a bare git mirror of the repository (every ref: history and the access
// journal), a copy of the wrapped key files, a manifest and RESTORE.txt.
// Everything copied is ciphertext, so a run needs no keys and works while
// the vault is locked. Several targets are each written from the vault,
// never from one another.
//
// Order on disk, so that a drive pulled out mid-run leaves the previous
// good state readable: new and changed keys (synced), then objects and
// refs (git, core.fsync), then the manifest naming the new head, then the
// keys of erased dossiers shredded, each durable before the next starts. A
// drive key is removed only when the vault's main holds its tombstone;
// vault.age, the recovery wrap and the signing key never. A vault whose keys/
// cannot be read stops the run before anything on the drive changes.
//
// Thread-safety: one run at a time; all methods may be called from any
// thread.
#ifndef KLUIS_DAEMON_BACKUP_BACKUPS_H_
#define KLUIS_DAEMON_BACKUP_BACKUPS_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/backup/git_cli.h"
#include "daemon/backup/git_progress.h"
#include "kluis/v1/backup.pb.h"

namespace kluis::backup {

inline constexpr char kTargetFolder[] = "kluis-backup";  // on the drive

struct BackupsOptions {
  absl::Duration interval = absl::Hours(24 * 7);  // overdue after this
};

class Backups {
 public:
  // `vault_dir` holds repo.git and keys/; the registry is kept there too.
  Backups(std::string vault_dir, BackupsOptions options = {});

  // A folder that holds a repo.git or a manifest already is refused unless
  // it is this vault's own backup, which is taken on ("adopted") with its
  // target id, its head and the time of its last run (the returned target's
  // last_good_run is set then): after a restore the practice's own drive
  // goes on as before. Its own means: a manifest naming this vault, a main
  // that the vault's signed history contains (or a compaction of the vault
  // explains) whose first commit is the vault's, and a clean full verify
  // (git fsck --full, refs as the manifest says, a key for every dossier,
  // dossier keys equal to the vault's). A drive behind the vault is taken
  // on; the next run brings it up to date. A drive whose add was cut short
  // (a manifest without a head, an empty repository) is taken on too.
  // Write order of a new target: the folder, the manifest (its ids), the
  // repository, then the registry: a crash anywhere leaves a drive that a
  // second add takes on. Whatever is refused is left as it was, the
  // registry too. Errors: kInvalidArgument "path: …" / "name: …",
  // kAlreadyExists "path: holds …" (not this vault's sound backup).
  absl::StatusOr<kluis::v1::BackupTarget> Add(absl::string_view path,
                                              absl::string_view name);
  // Every target with its state now (mounted, overdue).
  absl::StatusOr<std::vector<kluis::v1::BackupTarget>> List();
  // Mirrors onto target `name`, then verifies (and rebuilds the mirror
  // once when the check fails). Reports each phase. Errors: kNotFound,
  // kFailedPrecondition "target …: not mounted", kResourceExhausted,
  // kUnavailable; the target then keeps its previous good state.
  absl::Status Run(
      const std::string& name,
      const std::function<void(const kluis::v1::BackupProgress&)>& progress);
  // Structural check: every object present and hashing to its id (git
  // fsck), refs as the manifest says, a key file for every dossier, and
  // key files equal to the vault's. Errors: kNotFound.
  absl::StatusOr<kluis::v1::TargetCheck> Verify(const std::string& name);
  // Calls `read` with the path of target `name`'s mirror while no run
  // writes to it. Errors: kNotFound, kFailedPrecondition (not mounted).
  absl::Status WithMirror(
      const std::string& name,
      const std::function<absl::Status(const std::string& mirror)>& read);
  // Runs every target that is mounted and overdue (one that failed is
  // tried again after an hour); `done` hears how each went. For the
  // daemon's own schedule: a drive plugged in gets its backup by itself.
  void RunDue(const std::function<void(const std::string& name,
                                       const absl::Status& result)>& done);
  absl::Duration interval() const { return options_.interval; }

 private:
  absl::StatusOr<kluis::v1::BackupRegistry> Load()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Save(const kluis::v1::BackupRegistry& registry)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<kluis::v1::BackupTarget> Find(const std::string& name)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Whether the drive's main, which the vault's main does not continue,
  // is explained by a compaction of the vault (then the run prunes what
  // the compaction dropped). Errors: kFailedPrecondition "this drive is
  // newer than the vault…" when it is not (nothing may be written then).
  absl::StatusOr<bool> HistoryCompacted(const std::string& dir);
  // Pushes every ref onto the drive's mirror (without its usual repack
  // when `compacted`), or writes it afresh (`rebuild`) and swaps it in
  // atomically. `on_transfer` sees git's progress as objects travel.
  absl::Status Mirror(
      const std::string& dir, bool rebuild, bool compacted,
      const std::function<void(const TransferProgress&)>& on_transfer);
  // After a compaction, or a journal retention that removed old entries,
  // once the manifest names the new head: what no ref reaches any more
  // leaves the drive (reflog expire, repack -a -d, prune).
  absl::Status PruneDropped(const std::string& dir);
  // The vault's key files by relative path, with sizes. Errors:
  // kFailedPrecondition when keys/ (vault.age, dossiers/) is missing or
  // unreadable: a run then stops before it writes anything.
  absl::StatusOr<std::map<std::string, uint64_t>> VaultKeys();
  // Copies `ours` (from VaultKeys) that the drive lacks or holds otherwise,
  // then syncs them: before the push. `full`: compare every key file's
  // bytes; otherwise dossier keys (which never change) only by presence
  // and size.
  absl::Status CopyKeys(const std::string& dir,
                        const std::map<std::string, uint64_t>& ours, bool full);
  // Shreds the drive's dossier keys whose tombstone is in the vault's
  // main: after the push. Nothing else is ever removed.
  absl::Status ShredErasedKeys(const std::string& dir);
  // `last`: the manifest of the last good run, when there is one.
  absl::Status WriteManifest(const std::string& dir,
                             const std::string& target_id,
                             const kluis::v1::BackupManifest* last);
  // Gives target `name` (added before targets had ids) a random id.
  absl::StatusOr<std::string> AssignTargetId(const std::string& name);
  // How much Check compares.
  enum class CheckDepth {
    // The check that ends a run, whose push had git check every new object
    // and its connectivity, after the run checked the packs already there:
    // the checksum of every pack and index not in `packs_checked` (sound
    // ones are added), the refs against the manifest, and the key files
    // that can change (the run has just brought the others in line).
    kQuick,
    // kluis backup verify, and after a rebuild: git fsck --full hashes
    // every object, every dossier in main has its key, and every key file
    // is compared with the vault's.
    kFull,
    // A drive backup add takes on, which may be behind the vault: as kFull,
    // but only the dossier keys the drive holds are compared (the vault's
    // newer keys, and a vault.age of an older passphrase, are the next
    // run's to write).
    kAdopt,
  };
  absl::StatusOr<kluis::v1::TargetCheck> Check(
      const std::string& dir, CheckDepth depth,
      std::set<std::string>* packs_checked);
  // The drive at `dir` is the one registered with `target_id`, of this
  // vault, and its folder is no link. A target added before ids (empty
  // `target_id`) takes any drive with this vault's id; one without a
  // manifest only when no good run was recorded (`registered_head` empty:
  // such drives got their manifest at their first run) or when the vault's
  // history holds the drive's main (a drive from before manifests): a
  // drive whose manifest was deleted holds nothing else kluis would write
  // to. Errors: kFailedPrecondition naming which.
  absl::Status CheckIdentity(
      const std::string& dir, const std::string& target_id,
      const absl::StatusOr<kluis::v1::BackupManifest>& manifest,
      const std::string& registered_head)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // A new target in `dir`: its manifest, then an empty mirror. Returns the
  // target as the registry will keep it, without name and path.
  absl::StatusOr<kluis::v1::BackupTarget> StartTarget(const std::string& dir);
  // The legacy rule of CheckIdentity for a drive without a manifest.
  bool LegacyDriveWithoutManifest(const std::string& dir,
                                  const std::string& registered_head);
  // Takes on a folder that already holds this vault's own backup (see
  // Add); returns the target as the registry will keep it, without name
  // and path. Errors: kAlreadyExists "path: holds …", kUnavailable.
  absl::StatusOr<kluis::v1::BackupTarget> Adopt(
      const std::string& dir, const kluis::v1::BackupRegistry& registry)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // Adopt for a drive whose manifest names a head; `main` is the drive's
  // as read by DriveMainId. Returns head and times (no id).
  absl::StatusOr<kluis::v1::BackupTarget> AdoptWithHistory(
      const std::string& dir, const kluis::v1::BackupManifest& m,
      const std::string& main) ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // Adopt for a drive no run has finished on (an add cut short, or added
  // and never run): its repository is made, or must hold no objects, or a
  // main from the vault's history (a first run cut short: the next run
  // then compares every byte).
  absl::StatusOr<kluis::v1::BackupTarget> AdoptUnused(const std::string& dir,
                                                      const std::string& main)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // Whether the vault's main contains commit `id` (read from a drive: no
  // git runs on the drive for this).
  bool VaultContains(const std::string& id);
  // True when `id` (a manifest's vault_id, or a drive's first commit) is
  // this vault's first commit, now or before a compaction. False while the
  // vault has no main.
  bool IsThisVault(const std::string& id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // A verify found damage on the target: the next run compares everything.
  void RecordDamage(const std::string& name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Record(const std::string& name, const absl::Status& result,
              const std::string& head) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string vault_dir_;
  const BackupsOptions options_;
  absl::Mutex run_mu_;  // one run at a time
  // The vault's first commit, once known (it never changes).
  std::string vault_id_ ABSL_GUARDED_BY(run_mu_);
  absl::Mutex mu_;  // the registry
};

}  // namespace kluis::backup

#endif  // KLUIS_DAEMON_BACKUP_BACKUPS_H_
