// What git says on stderr while it sends or receives a pack ("Writing
// objects:  45% (450/1000), 1.20 MiB | 2.40 MiB/s"), turned into numbers
// for the backup's progress. Lines end in '\r' while they update and in
// '\n' when done; the size is printed only now and then.
#ifndef KLUIS_DAEMON_BACKUP_GIT_PROGRESS_H_
#define KLUIS_DAEMON_BACKUP_GIT_PROGRESS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace kluis::backup {

struct TransferProgress {
  uint64_t objects_done = 0;
  uint64_t objects_total = 0;
  uint64_t bytes = 0;  // as git rounds it (two decimals of its unit)
  bool done = false;   // git's last line of the transfer ("…, done.")
};

class GitProgressParser {
 public:
  // Feeds a chunk of stderr; true when a transfer line changed progress().
  bool Feed(absl::string_view chunk);
  const TransferProgress& progress() const { return progress_; }

 private:
  bool ParseLine(absl::string_view line);

  std::string partial_;
  TransferProgress progress_;
};

}  // namespace kluis::backup

#endif  // KLUIS_DAEMON_BACKUP_GIT_PROGRESS_H_
