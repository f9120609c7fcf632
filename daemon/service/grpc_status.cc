#include "daemon/service/grpc_status.h"

#include <openssl/crypto.h>

#include <optional>

#include "absl/strings/cord.h"
#include "daemon/core/refusal.h"

namespace kluis::service {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  auto refusal = status.GetPayload(core::kRefusalPayload);
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()),
                      refusal.has_value() ? std::string(*refusal) : "");
}

void WipeString(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(s->data(), s->size());
  s->clear();
}

}  // namespace kluis::service
