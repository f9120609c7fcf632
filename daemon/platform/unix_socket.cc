#include "daemon/platform/unix_socket.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

#include "daemon/platform/fs.h"

namespace kluis::platform {
namespace {

absl::StatusOr<sockaddr_un> Address(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof(addr.sun_path)) {
    return absl::InvalidArgumentError("socket: path longer than 107 bytes");
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

}  // namespace

bool SocketIsLive(const std::string& path) {
  absl::StatusOr<sockaddr_un> addr = Address(path);
  if (!addr.ok()) return false;
  ScopedFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return false;
  return ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&*addr),
                   sizeof(*addr)) == 0;
}

absl::StatusOr<ScopedFd> ListenUnix(const std::string& path) {
  absl::StatusOr<sockaddr_un> addr = Address(path);
  if (!addr.ok()) return addr.status();
  if (PathExists(path)) {
    if (SocketIsLive(path)) {
      return absl::AlreadyExistsError("socket: another kluisd answers on it");
    }
    struct stat st;
    if (::lstat(path.c_str(), &st) == 0 && !S_ISSOCK(st.st_mode)) {
      return absl::FailedPreconditionError(
          "socket: path exists and is not a socket");
    }
    ::unlink(path.c_str());  // stale, left by a crash
  }
  ScopedFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return ErrnoStatus(errno, "socket");
  const mode_t old = ::umask(077);
  const int rc = ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&*addr),
                        sizeof(*addr));
  const int bind_errno = errno;
  ::umask(old);
  if (rc != 0) return ErrnoStatus(bind_errno, "bind");
  if (::chmod(path.c_str(), 0600) != 0)
    return ErrnoStatus(errno, "chmod socket");
  if (::listen(fd.get(), 64) != 0) return ErrnoStatus(errno, "listen");
  return fd;
}

absl::StatusOr<Accepted> AcceptWithPeer(int listen_fd) {
  while (true) {
    ScopedFd fd(::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd.valid()) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EINVAL || errno == EBADF) {
        return absl::CancelledError("accept: listener shut down");
      }
      return ErrnoStatus(errno, "accept");
    }
    ucred cred{};
    socklen_t len = sizeof(cred);
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
      continue;  // peer gone already
    }
    return Accepted{std::move(fd), cred.uid};
  }
}

}  // namespace kluis::platform
