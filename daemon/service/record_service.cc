#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

grpc::Status RecordService::CreateRecord(
    grpc::ServerContext*, const kluis::v1::CreateRecordRequest* req,
    kluis::v1::CreateRecordResponse* resp) {
  absl::StatusOr<std::string> id =
      vault_->CreateRecord(req->dossier_id(), req->record(), req->reason());
  if (!id.ok()) return ToGrpcStatus(id.status());
  resp->set_record_id(*id);
  return grpc::Status::OK;
}

grpc::Status RecordService::GetRecord(grpc::ServerContext*,
                                      const kluis::v1::GetRecordRequest* req,
                                      kluis::v1::Record* resp) {
  absl::StatusOr<kluis::v1::Record> r =
      vault_->GetRecord(req->dossier_id(), req->record_id());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status RecordService::ListRecords(
    grpc::ServerContext*, const kluis::v1::ListRecordsRequest* req,
    kluis::v1::ListRecordsResponse* resp) {
  absl::StatusOr<std::vector<kluis::v1::Record>> list =
      vault_->ListRecords(req->dossier_id(), req->kind());
  if (!list.ok()) return ToGrpcStatus(list.status());
  for (kluis::v1::Record& r : *list) *resp->add_records() = std::move(r);
  return grpc::Status::OK;
}

grpc::Status RecordService::UpdateRecord(
    grpc::ServerContext*, const kluis::v1::UpdateRecordRequest* req,
    kluis::v1::Record* resp) {
  absl::StatusOr<kluis::v1::Record> r = vault_->UpdateRecord(
      req->dossier_id(), req->record(), req->expected_updated(), req->reason());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status RecordService::DeleteRecord(
    grpc::ServerContext*, const kluis::v1::DeleteRecordRequest* req,
    kluis::v1::DeleteRecordResponse*) {
  return ToGrpcStatus(
      vault_->DeleteRecord(req->dossier_id(), req->record_id()));
}

}  // namespace kluis::service
