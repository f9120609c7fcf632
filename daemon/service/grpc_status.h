// The one translation from absl::Status to grpc::Status (the codes are the
// same numbers; the message is passed on as is: it names the field and the
// rule, never a value; a kluis.v1.Refusal payload becomes the status's
// error details, for the client to pick its exit code and its words).
#ifndef KLUIS_DAEMON_SERVICE_GRPC_STATUS_H_
#define KLUIS_DAEMON_SERVICE_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"

namespace kluis::service {

grpc::Status ToGrpcStatus(const absl::Status& status);

// Overwrites a secret that arrived in a request (passphrases) once used.
void WipeString(std::string* s);

}  // namespace kluis::service

#endif  // KLUIS_DAEMON_SERVICE_GRPC_STATUS_H_
