#include "client/common/connection.h"

#include <unistd.h>

#include <cstdlib>

namespace kluis::client {

std::string ResolveSocketPath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* s = std::getenv("KLUIS_SOCKET"); s != nullptr && *s) return s;
  if (const char* r = std::getenv("XDG_RUNTIME_DIR"); r != nullptr && *r) {
    return std::string(r) + "/kluis/kluisd.sock";
  }
  return "/tmp/kluis-" + std::to_string(::getuid()) + "/kluisd.sock";
}

std::shared_ptr<grpc::Channel> Connect(const std::string& socket_path) {
  grpc::ChannelArguments args;
  // Fail fast when nobody is there, instead of retrying for 20 s.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return grpc::CreateCustomChannel("unix:" + socket_path,
                                   grpc::InsecureChannelCredentials(), args);
}

int ExitCodeFor(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kExitInvalid;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return status.error_message().find("changed since") != std::string::npos
                 ? kExitConflict
                 : kExitLocked;
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
      return kExitError;
  }
}

}  // namespace kluis::client
