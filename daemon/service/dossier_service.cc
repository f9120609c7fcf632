#include "daemon/core/record_codec.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {
namespace {

void ToSummary(const core::DossierEntry& e, core::Vault* vault,
               const std::string& today, kluis::v1::DossierSummary* s) {
  s->set_dossier_id(e.id);
  s->set_name(e.name);
  s->set_city(e.city);
  s->set_records(e.records);
  s->set_updated(core::ToRfc3339(e.updated));
  s->set_kind(e.kind);
  for (const std::string& org : e.organisation_ids) {
    s->add_organisation_ids(org);
    s->add_organisations(vault->OrganisationName(org));
  }
  s->set_start_date(e.start_date);
  s->set_end_date(e.end_date);
  s->set_closed(e.Closed(today));
  s->set_working_notes_overdue(e.OverdueWorkingNotes(today));
}

}  // namespace

grpc::Status DossierService::CreateDossier(
    grpc::ServerContext*, const kluis::v1::CreateDossierRequest* req,
    kluis::v1::CreateDossierResponse* resp) {
  if (req->has_client() == req->has_adviser_case()) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        "client: give exactly one of client or adviser_case"));
  }
  kluis::v1::Record head;
  if (req->has_client()) {
    *head.mutable_client() = req->client();
  } else {
    *head.mutable_adviser_case() = req->adviser_case();
  }
  absl::StatusOr<core::CreatedDossier> ids =
      vault_->CreateDossier(std::move(head), req->reason());
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
  *resp->mutable_client() = std::move(view->head);
  for (kluis::v1::Record& r : view->records) {
    *resp->add_records() = std::move(r);
  }
  ToSummary(view->entry, vault_, vault_->Today(), resp->mutable_summary());
  return grpc::Status::OK;
}

grpc::Status DossierService::ListDossiers(
    grpc::ServerContext*, const kluis::v1::ListDossiersRequest* req,
    kluis::v1::ListDossiersResponse* resp) {
  core::DossierQuery q;
  q.name = req->query();
  q.organisation = req->organisation();
  q.kind = req->kind();
  q.from_date = req->from_date();
  q.to_date = req->to_date();
  q.state = req->state() == kluis::v1::DOSSIER_STATE_OPEN
                ? core::DossierQuery::State::kOpen
            : req->state() == kluis::v1::DOSSIER_STATE_CLOSED
                ? core::DossierQuery::State::kClosed
                : core::DossierQuery::State::kAny;
  q.limit = req->limit();
  absl::StatusOr<std::vector<core::DossierEntry>> list =
      vault_->ListDossiers(std::move(q));
  if (!list.ok()) return ToGrpcStatus(list.status());
  const std::string today = vault_->Today();
  for (const core::DossierEntry& e : *list) {
    ToSummary(e, vault_, today, resp->add_dossiers());
  }
  return grpc::Status::OK;
}

grpc::Status DossierService::ResolveDossier(
    grpc::ServerContext*, const kluis::v1::ResolveDossierRequest* req,
    kluis::v1::ResolveDossierResponse* resp) {
  absl::StatusOr<std::vector<core::DossierEntry>> matches =
      vault_->ResolveDossier(req->ref());
  if (!matches.ok()) return ToGrpcStatus(matches.status());
  const std::string today = vault_->Today();
  for (const core::DossierEntry& e : *matches) {
    ToSummary(e, vault_, today, resp->add_matches());
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
  core::ImportRequest import;
  import.dossiers.resize(req->dossiers_size());
  for (int i = 0; i < req->dossiers_size(); ++i) {
    import.dossiers[i].client = req->dossiers(i).client();
    import.dossiers[i].notes.assign(req->dossiers(i).notes().begin(),
                                    req->dossiers(i).notes().end());
  }
  import.organisations.assign(req->organisations().begin(),
                              req->organisations().end());
  import.reason = req->reason();
  import.validate_only = req->validate_only();
  absl::StatusOr<core::ImportResult> result = vault_->Import(std::move(import));
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (std::string& id : result->dossier_ids) resp->add_dossier_ids(id);
  for (std::string& id : result->organisation_ids) {
    resp->add_organisation_ids(id);
  }
  for (const core::ImportRefusal& r : result->refused) {
    kluis::v1::ImportRefusal* out = resp->add_refused();
    out->set_item(r.item);
    out->set_error(r.error);
  }
  return grpc::Status::OK;
}

}  // namespace kluis::service
