// An exclusive advisory lock on a file (flock), held for the daemon's life,
// so that a second kluisd on the same vault refuses to start. The kernel
// drops it when the process dies, so a crash leaves no stale lock.
#ifndef KLUIS_DAEMON_PLATFORM_LOCK_FILE_H_
#define KLUIS_DAEMON_PLATFORM_LOCK_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::platform {

class LockFile {
 public:
  // Errors: kAlreadyExists when another process holds it; kUnavailable.
  static absl::StatusOr<LockFile> Acquire(const std::string& path);

 private:
  explicit LockFile(ScopedFd fd) : fd_(std::move(fd)) {}
  ScopedFd fd_;
};

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_LOCK_FILE_H_
