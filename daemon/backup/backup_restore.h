// Restoring a whole vault from a backup target into a new folder; then
// start kluisd on it and unlock with the passphrase.
#ifndef KLUIS_DAEMON_BACKUP_BACKUP_RESTORE_H_
#define KLUIS_DAEMON_BACKUP_BACKUP_RESTORE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace kluis::backup {

inline constexpr char kTargetFolderName[] = "kluis-backup";

struct RestoreSummary {
  std::string head;       // main of the restored vault
  uint64_t dossiers = 0;  // in it
  uint64_t erased = 0;    // of those, erased (their key is gone)
};

// `target` is the drive folder given to `kluis backup add` (or its
// kluis-backup folder). `at`: empty for the latest, a commit id, or a day
// (YYYY-MM-DD: as it was at the end of that day). Errors: kInvalidArgument
// "from: …" / "at: …", kAlreadyExists "vault: …".
absl::StatusOr<RestoreSummary> RestoreVault(const std::string& target,
                                            const std::string& vault_dir,
                                            const std::string& at);

}  // namespace kluis::backup

#endif  // KLUIS_DAEMON_BACKUP_BACKUP_RESTORE_H_
