// The daemon's listening Unix socket: created under umask 077 as a 0600
// socket in a 0700 directory, a stale socket from a crash replaced only when
// no daemon answers on it. Accepted connections come with the peer's uid
// (SO_PEERCRED), which the caller checks before handing the fd to gRPC.
#ifndef KLUIS_DAEMON_PLATFORM_UNIX_SOCKET_H_
#define KLUIS_DAEMON_PLATFORM_UNIX_SOCKET_H_

#include <sys/types.h>

#include <string>

#include "absl/status/statusor.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::platform {

// Errors: kAlreadyExists when a live daemon answers on `path`;
// kInvalidArgument for a path too long for sockaddr_un; kUnavailable.
absl::StatusOr<ScopedFd> ListenUnix(const std::string& path);

// True when something accepts connections on `path`.
bool SocketIsLive(const std::string& path);

struct Accepted {
  ScopedFd fd;
  uid_t uid;
};
// Blocks for the next connection. Errors: kCancelled when `listen_fd` was
// shut down; kUnavailable.
absl::StatusOr<Accepted> AcceptWithPeer(int listen_fd);

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_UNIX_SOCKET_H_
