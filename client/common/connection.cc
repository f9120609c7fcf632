#include "client/common/connection.h"

#include <fcntl.h>
#include <grpcpp/create_channel_posix.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kluis::client {

std::string ResolveSocketPath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* s = std::getenv("KLUIS_SOCKET"); s != nullptr && *s) return s;
  if (const char* r = std::getenv("XDG_RUNTIME_DIR"); r != nullptr && *r) {
    return std::string(r) + "/kluis/kluisd.sock";
  }
  return "/tmp/kluis-" + std::to_string(::getuid()) + "/kluisd.sock";
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectToDaemon(
    const std::string& socket_path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(addr.sun_path)) {
    return absl::InvalidArgumentError("socket: path longer than 107 bytes");
  }
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::UnavailableError("socket: cannot create");
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) !=
      0) {
    ::close(fd);
    return absl::UnavailableError("kluisd is not reachable");
  }
  ucred cred{};
  socklen_t len = sizeof(cred);
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
      cred.uid != ::getuid()) {
    ::close(fd);
    return absl::PermissionDeniedError(
        "the socket is served by another user, not your own kluisd; nothing "
        "was sent");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
  return grpc::CreateInsecureChannelFromFd("kluisd", fd);
}

std::shared_ptr<grpc::Channel> Connect(const std::string& socket_path) {
  grpc::ChannelArguments args;
  // Fail fast when nobody is there, instead of retrying for 20 s.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return grpc::CreateCustomChannel("unix:" + socket_path,
                                   grpc::InsecureChannelCredentials(), args);
}

std::optional<kluis::v1::Refusal> RefusalOf(const grpc::Status& status) {
  if (status.error_details().empty()) return std::nullopt;
  kluis::v1::Refusal refusal;
  if (!refusal.ParseFromString(status.error_details())) return std::nullopt;
  return refusal;
}

int ExitCodeFor(const grpc::Status& status) {
  if (std::optional<kluis::v1::Refusal> refusal = RefusalOf(status)) {
    switch (refusal->kind()) {
      case kluis::v1::Refusal::KIND_INVALID:
      case kluis::v1::Refusal::KIND_RULE:
        return kExitInvalid;
      case kluis::v1::Refusal::KIND_CONFLICT:
        return kExitConflict;
      case kluis::v1::Refusal::KIND_LOCKED:
      case kluis::v1::Refusal::KIND_NO_VAULT:
        return kExitLocked;
      default:
        break;  // a kind newer than this client: go by the code
    }
  }
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kExitInvalid;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnreachable;
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
      return kExitDenied;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return kExitConflict;
    default:
      // FAILED_PRECONDITION without a refusal: a state of the machine (a
      // drive not mounted, a backup never run), not of the vault's lock.
      return kExitError;
  }
}

}  // namespace kluis::client
