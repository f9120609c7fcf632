// ScopedFd: owns a file descriptor and closes it once.
#ifndef KLUIS_DAEMON_PLATFORM_SCOPED_FD_H_
#define KLUIS_DAEMON_PLATFORM_SCOPED_FD_H_

#include <unistd.h>

#include <utility>

namespace kluis::platform {

class ScopedFd {
 public:
  ScopedFd() = default;
  explicit ScopedFd(int fd) : fd_(fd) {}
  ScopedFd(ScopedFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  ScopedFd& operator=(ScopedFd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  ~ScopedFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() { return std::exchange(fd_, -1); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_SCOPED_FD_H_
