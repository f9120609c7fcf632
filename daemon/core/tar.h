// A POSIX ustar archive in memory: what `tar -x` on any system unpacks.
// Regular files only, mode 0600, owned by nobody in particular.
//
// Thread-safety: pure function.
#ifndef KLUIS_DAEMON_CORE_TAR_H_
#define KLUIS_DAEMON_CORE_TAR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kluis::core {

struct TarFile {
  std::string path;  // relative, at most 100 bytes
  std::string data;
};

// Errors: kInvalidArgument "path: …" for a path that is empty, absolute,
// longer than 100 bytes, or holds "..".
absl::StatusOr<std::string> TarArchive(const std::vector<TarFile>& files,
                                       int64_t mtime);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_TAR_H_
