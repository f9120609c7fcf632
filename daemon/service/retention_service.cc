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

grpc::Status RetentionService::Apply(
    grpc::ServerContext*, const kluis::v1::RetentionApplyRequest* req,
    kluis::v1::ErasureResponse* resp) {
  absl::StatusOr<kluis::v1::ErasureResponse> r =
      vault_->ApplyRetention(req->dry_run());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status RetentionService::Erase(grpc::ServerContext*,
                                     const kluis::v1::EraseRequest* req,
                                     kluis::v1::ErasureResponse* resp) {
  absl::StatusOr<kluis::v1::ErasureResponse> r =
      vault_->EraseDossier(req->dossier_id(), req->reason(), req->dry_run());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status RetentionService::KeptInvoices(
    grpc::ServerContext*, const kluis::v1::KeptInvoicesRequest* req,
    kluis::v1::KeptInvoicesResponse* resp) {
  absl::StatusOr<std::vector<kluis::v1::KeptInvoice>> r =
      vault_->KeptInvoices(req->fiscal_year());
  if (!r.ok()) return ToGrpcStatus(r.status());
  for (kluis::v1::KeptInvoice& k : *r) *resp->add_invoices() = std::move(k);
  return grpc::Status::OK;
}

grpc::Status RetentionService::Erased(grpc::ServerContext*,
                                      const kluis::v1::ErasedRequest*,
                                      kluis::v1::ErasedResponse* resp) {
  absl::StatusOr<std::vector<kluis::v1::Tombstone>> r = vault_->Tombstones();
  if (!r.ok()) return ToGrpcStatus(r.status());
  for (kluis::v1::Tombstone& t : *r) *resp->add_tombstones() = std::move(t);
  return grpc::Status::OK;
}

grpc::Status RetentionService::Compact(grpc::ServerContext*,
                                       const kluis::v1::CompactRequest* req,
                                       kluis::v1::CompactResponse* resp) {
  absl::StatusOr<kluis::v1::CompactResponse> r =
      vault_->Compact(req->purge_erased());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

}  // namespace kluis::service
