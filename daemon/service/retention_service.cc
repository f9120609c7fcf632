#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

grpc::Status RetentionService::Report(
    grpc::ServerContext*, const kluis::v1::RetentionReportRequest* req,
    kluis::v1::RetentionReportResponse* resp) {
  absl::StatusOr<kluis::v1::RetentionReportResponse> r =
      vault_->RetentionReport(req->as_of());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

}  // namespace kluis::service
