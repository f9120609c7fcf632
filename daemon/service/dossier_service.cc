#include "daemon/core/record_codec.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

grpc::Status DossierService::CreateDossier(
    grpc::ServerContext*, const kluis::v1::CreateDossierRequest* req,
    kluis::v1::CreateDossierResponse* resp) {
  absl::StatusOr<core::CreatedDossier> ids =
      vault_->CreateDossier(req->client(), req->reason());
  if (!ids.ok()) return ToGrpcStatus(ids.status());
  resp->set_dossier_id(ids->dossier_id);
  resp->set_record_id(ids->record_id);
  return grpc::Status::OK;
}

grpc::Status DossierService::GetDossier(grpc::ServerContext*,
                                        const kluis::v1::GetDossierRequest* req,
                                        kluis::v1::GetDossierResponse* resp) {
  absl::StatusOr<core::DossierView> view =
      vault_->GetDossier(req->dossier_id());
  if (!view.ok()) return ToGrpcStatus(view.status());
  *resp->mutable_client() = std::move(view->client);
  for (kluis::v1::Record& r : view->records)
    *resp->add_records() = std::move(r);
  return grpc::Status::OK;
}

grpc::Status DossierService::ListDossiers(
    grpc::ServerContext*, const kluis::v1::ListDossiersRequest* req,
    kluis::v1::ListDossiersResponse* resp) {
  absl::StatusOr<std::vector<core::DossierEntry>> list =
      vault_->ListDossiers(req->query(), req->limit());
  if (!list.ok()) return ToGrpcStatus(list.status());
  for (const core::DossierEntry& e : *list) {
    kluis::v1::DossierSummary* s = resp->add_dossiers();
    s->set_dossier_id(e.id);
    s->set_name(e.name);
    s->set_records(e.records);
    s->set_updated(core::ToRfc3339(e.updated));
  }
  return grpc::Status::OK;
}

grpc::Status DossierService::DeleteDossier(
    grpc::ServerContext*, const kluis::v1::DeleteDossierRequest* req,
    kluis::v1::DeleteDossierResponse*) {
  return ToGrpcStatus(vault_->DeleteDossier(req->dossier_id()));
}

grpc::Status DossierService::ImportDossiers(
    grpc::ServerContext*, const kluis::v1::ImportDossiersRequest* req,
    kluis::v1::ImportDossiersResponse* resp) {
  std::vector<core::ImportItem> items(req->dossiers_size());
  for (int i = 0; i < req->dossiers_size(); ++i) {
    items[i].client = req->dossiers(i).client();
    items[i].notes.assign(req->dossiers(i).notes().begin(),
                          req->dossiers(i).notes().end());
  }
  absl::StatusOr<std::vector<std::string>> ids =
      vault_->ImportDossiers(std::move(items), req->reason());
  if (!ids.ok()) return ToGrpcStatus(ids.status());
  for (std::string& id : *ids) resp->add_dossier_ids(std::move(id));
  return grpc::Status::OK;
}

}  // namespace kluis::service
