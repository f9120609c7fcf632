// The git command line as the backup uses it, and the layout of a target.
#ifndef KLUIS_DAEMON_BACKUP_GIT_CLI_H_
#define KLUIS_DAEMON_BACKUP_GIT_CLI_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kluis::backup {

// git --git-dir=REPO args… → its standard output, trailing newline trimmed.
absl::StatusOr<std::string> Git(const std::string& repo,
                                std::vector<std::string> args);

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

// PATH/kluis-backup/RESTORE.txt, written when it is missing or older.
absl::Status WriteRestoreText(const std::string& dir);

// Objects in the packs of `repo` (0 when git cannot tell).
uint64_t PackedObjects(const std::string& repo);

// Settings of a mirror: git fsyncs objects and refs; received objects stay
// packed; no automatic gc; ciphertext is never delta-compressed.
absl::Status ConfigureMirror(const std::string& repo);

}  // namespace kluis::backup

#endif  // KLUIS_DAEMON_BACKUP_GIT_CLI_H_
