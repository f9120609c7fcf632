// The git command line as the backup uses it, and the layout of a target.
#ifndef KLUIS_DAEMON_BACKUP_GIT_CLI_H_
#define KLUIS_DAEMON_BACKUP_GIT_CLI_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "daemon/backup/drive_git.h"
#include "kluis/v1/backup.pb.h"

namespace kluis::backup {

// git --git-dir=REPO args… → its standard output, trailing newline trimmed.
// Always as on a drive (drive_git.h): no hooks, no program-running config,
// killed after `timeout`.
absl::StatusOr<std::string> Git(const std::string& repo,
                                std::vector<std::string> args,
                                absl::Duration timeout = kDriveGitTimeout);

// A full lowercase commit id (40 hex digits).
bool IsCommitId(absl::string_view s);

// The commit id `main` has in a drive repository, read as a file (a loose
// ref, else packed-refs) without running git there: it is checked against
// the vault before anything on the drive is written or run. "" when the
// repository has no main. Errors: kDataLoss (a link, too large, not a
// regular file), kUnavailable.
absl::StatusOr<std::string> DriveMainId(const std::string& repo);

// PATH/kluis-backup/… of a target.
std::string MirrorOf(const std::string& dir);    // repo.git
std::string KeysOf(const std::string& dir);      // keys
std::string ManifestOf(const std::string& dir);  // manifest.json

// What `main` of a repository holds: records (not attachment contents)
// and the ids of its dossiers.
struct MainContents {
  uint64_t records = 0;
  std::vector<std::string> dossier_ids;
};
absl::StatusOr<MainContents> ContentsOfMain(const std::string& repo);

// The files under `root` (a keys folder), recursively, by relative path,
// with their sizes; none when it is missing. Temp files of a write (dot
// files, name.tmp-…) are left out. Errors: kFailedPrecondition when
// `root` or anything in it is a symbolic link (never followed).
absl::Status KeyFiles(const std::string& root,
                      std::map<std::string, uint64_t>* out);

// Ids whose key must be gone: the tombstones erased/<2 hex>/<id>.age in
// main of `repo`.
absl::StatusOr<std::set<std::string>> Tombstones(const std::string& repo);

// A file on a drive, read without following a link, only when it is a
// regular file of at most `max` bytes. Errors: kNotFound, kDataLoss
// "…: too large" / "…: not a regular file", kUnavailable.
absl::StatusOr<std::string> ReadDriveFile(const std::string& path,
                                          uint64_t max);
inline constexpr uint64_t kMaxKeyFile = 1 << 20;

// Replaces a file on a drive atomically (durably when `sync`); a chmod the
// drive's file system refuses (FAT-family, fmask) is not an error there.
absl::Status WriteDriveFile(const std::string& path, absl::string_view data,
                            bool sync = true);

// Copies the key files under `from` (a drive's keys/) to `to`, links
// refused, each at most kMaxKeyFile, then syncs. Errors: as KeyFiles,
// kDataLoss for a file too large.
absl::Status CopyDriveKeys(const std::string& from, const std::string& to);

// A new random target id (32 hex digits). Errors: kInternal.
absl::StatusOr<std::string> NewTargetId();

// Makes the mirror of a new target in `dir` (PATH/kluis-backup): an empty
// bare repository with kluis's settings, and RESTORE.txt.
absl::Status InitMirror(const std::string& dir);

// PATH/kluis-backup/RESTORE.txt, written when it is missing or older.
absl::Status WriteRestoreText(const std::string& dir);

// Records `main` of `repo` gained since commit `since` (negative when it
// lost some). Errors: kUnavailable when `since` is not in the repository.
absl::StatusOr<int64_t> RecordsAddedSince(const std::string& repo,
                                          const std::string& since);

// Erasures made in `repo` since the last good run of a target, which saw
// main at `head` at time `since`: the tombstones main gained since `head`
// or, when a compaction removed that commit, those added at or after
// `since` (compaction keeps commit times; a second's precision, so one in
// the same second as the run counts rather than be missed). The ids whose
// keys were destroyed (dossiers, fiscal years), and the number of single
// records erased: the target holds them until its next run. Errors:
// kUnavailable (git).
struct ErasuresSince {
  std::vector<std::string> keys;
  uint64_t records = 0;
};
absl::StatusOr<ErasuresSince> ErasedSince(const std::string& repo,
                                          const std::string& head,
                                          absl::Time since);

// Writes PATH/kluis-backup/manifest.json atomically and durably.
absl::Status WriteManifestFile(const std::string& dir,
                               const kluis::v1::BackupManifest& m);

// PATH/kluis-backup/manifest.json. Errors: kNotFound, kDataLoss.
absl::StatusOr<kluis::v1::BackupManifest> ReadManifest(const std::string& dir);

// Pack and index files of `repo` whose checksum (git's SHA-1 trailer)
// fails, or whose other half is missing. Names in `checked` (when not
// null) are skipped, and those found sound are added.
uint64_t DamagedPackFiles(const std::string& repo,
                          std::set<std::string>* checked);

// Packs the last run's manifest lists that are gone from `repo` (only a
// run removes packs, when it repacks, before it writes the manifest).
uint64_t LostPacks(const std::string& repo,
                   const kluis::v1::BackupManifest& last);

// Objects in the packs of `repo` (0 when git cannot tell).
uint64_t PackedObjects(const std::string& repo);

// What a rebuild cut short left in PATH/kluis-backup: repo.git missing
// with repo.git.old there (renamed back), repo.git.new / repo.git.old
// (removed). Errors: kUnavailable.
absl::Status RecoverMirror(const std::string& dir);

// Settings of a mirror: git fsyncs objects and refs; received objects stay
// packed; no automatic gc; ciphertext is never delta-compressed. The whole
// config file (and HEAD) is written afresh, so that nothing planted in it
// (an include, a hooks path, a program) survives a run.
absl::Status ConfigureMirror(const std::string& repo);

}  // namespace kluis::backup

#endif  // KLUIS_DAEMON_BACKUP_GIT_CLI_H_
