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
  // it is this vault's own backup (same vault id, history the vault
  // continues, a clean full verify), which is taken on. Errors:
  // kInvalidArgument "path: …" / "name: …", kAlreadyExists.
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
  // `full` (kluis backup verify, and after a rebuild): git fsck --full
  // hashes every object, every dossier in main has its key, and every key
  // file is compared with the vault's. Otherwise (the check that ends a
  // run, whose push had git check every new object and its connectivity,
  // after the run checked the packs already there): the checksum of every
  // pack and index not in `packs_checked` (sound ones are added), the refs
  // against the manifest, and the key files that can change (the run has
  // just brought the others in line).
  absl::StatusOr<kluis::v1::TargetCheck> Check(
      const std::string& dir, bool full, std::set<std::string>* packs_checked);
  // The drive at `dir` is the one registered with `target_id` (any with
  // this vault's id when empty: a target added before ids), of this vault,
  // and its folder is no link. Errors: kFailedPrecondition naming which.
  absl::Status CheckIdentity(
      const std::string& dir, const std::string& target_id,
      const absl::StatusOr<kluis::v1::BackupManifest>& manifest)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // Takes on a folder that already holds this vault's own backup, after
  // the checks of a run and a full verify; returns its target id (written
  // into its manifest). Errors: kAlreadyExists "path: …".
  absl::StatusOr<std::string> Adopt(const std::string& dir,
                                    const kluis::v1::BackupRegistry& registry)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(run_mu_);
  // True when `id` (a manifest's vault_id) is this vault's first commit,
  // now or before a compaction.
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
