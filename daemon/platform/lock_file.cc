#include "daemon/platform/lock_file.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>

#include "daemon/platform/fs.h"

namespace kluis::platform {

absl::StatusOr<LockFile> LockFile::Acquire(const std::string& path) {
  ScopedFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd.valid()) return ErrnoStatus(errno, "open lock file");
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return absl::AlreadyExistsError(
          "vault: another kluisd is already running on it");
    }
    return ErrnoStatus(errno, "lock");
  }
  return LockFile(std::move(fd));
}

}  // namespace kluis::platform
