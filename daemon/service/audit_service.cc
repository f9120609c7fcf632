#include "absl/strings/str_cat.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

grpc::Status AuditService::Signer(grpc::ServerContext*,
                                  const kluis::v1::SignerRequest*,
                                  kluis::v1::SignerResponse* resp) {
  absl::StatusOr<std::string> key = vault_->SignerPublicKey();
  if (!key.ok()) return ToGrpcStatus(key.status());
  resp->set_public_key(*key);
  // The principal is the committer kluisd writes.
  resp->set_allowed_signers(
      absl::StrCat("kluisd@localhost namespaces=\"git\" ", *key));
  return grpc::Status::OK;
}

grpc::Status AuditService::Verify(grpc::ServerContext*,
                                  const kluis::v1::VerifyRequest*,
                                  kluis::v1::VerifyResponse* resp) {
  absl::StatusOr<core::AuditReport> r = vault_->VerifyHistory();
  if (!r.ok()) return ToGrpcStatus(r.status());
  resp->set_commits(r->commits);
  resp->set_failures(r->failures);
  resp->set_first_bad_commit(r->first_bad_commit);
  resp->set_problem(r->problem);
  return grpc::Status::OK;
}

}  // namespace kluis::service
