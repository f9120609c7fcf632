// How a thin client finds and reaches kluisd: the socket from --socket, else
// $KLUIS_SOCKET, else $XDG_RUNTIME_DIR/kluis/kluisd.sock (or
// /tmp/kluis-$UID/kluisd.sock without XDG_RUNTIME_DIR), the same rule as the
// daemon's default. Clients hold no keys and never touch the vault's files.
#ifndef KLUIS_CLIENT_COMMON_CONNECTION_H_
#define KLUIS_CLIENT_COMMON_CONNECTION_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "kluis/v1/errors.pb.h"

namespace kluis::client {

std::string ResolveSocketPath(const std::string& flag_value);

// Connects to the socket itself and checks, with SO_PEERCRED, that the
// process serving it runs as this user before gRPC sends a byte: a
// passphrase never goes to a socket someone else put in our path.
// Errors: kUnavailable when nothing answers; kPermissionDenied when another
// user serves the socket.
absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectToDaemon(
    const std::string& socket_path);

// A channel by path without that check, that reconnects by itself; for
// tests that restart the daemon under their clients.
std::shared_ptr<grpc::Channel> Connect(const std::string& socket_path);

// Exit codes of the kluis CLI (documented in the README).
enum ExitCode : int {
  kExitOk = 0,
  kExitError = 1,        // anything else
  kExitInvalid = 2,      // bad input or usage
  kExitLocked = 3,       // vault locked or not initialised
  kExitNotFound = 4,     // no such dossier or record
  kExitUnreachable = 5,  // daemon not running, or refused us
  kExitDenied = 6,       // wrong passphrase
  kExitConflict = 7,     // already exists, or changed since read
};
// By the refusal's kind when kluisd sent one (a refused rule is 2, a record
// changed since read 7, a locked vault 3), else by the status code.
int ExitCodeFor(const grpc::Status& status);

// The machine-readable refusal kluisd put in the status's error details
// (errors.proto), if any: which fields broke which rules.
std::optional<kluis::v1::Refusal> RefusalOf(const grpc::Status& status);

}  // namespace kluis::client

#endif  // KLUIS_CLIENT_COMMON_CONNECTION_H_
