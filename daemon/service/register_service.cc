// Registers: the processing register, the breach assessment of a lost
// backup drive, hours, annual reports and the agenda archive. The backups
// are the daemon's; the rest is core::Vault's.
#include <google/protobuf/util/json_util.h>

#include "daemon/core/annual_report.h"
#include "daemon/i18n/translator.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {
namespace {

// md and html from the document; json from the message it was built from.
grpc::Status Render(const google::protobuf::Message& message,
                    const core::Document& doc, const std::string& format,
                    kluis::v1::Document* resp) {
  resp->set_format(format.empty() ? "md" : format);
  if (format == "json") {
    google::protobuf::util::JsonPrintOptions opt;
    opt.add_whitespace = true;
    opt.preserve_proto_field_names = true;
    std::string json;
    auto s = google::protobuf::util::MessageToJsonString(message, &json, opt);
    if (!s.ok()) return ToGrpcStatus(absl::InternalError("format: json"));
    resp->set_text(std::move(json));
    return grpc::Status::OK;
  }
  absl::StatusOr<std::string> text = core::Render(doc, format);
  if (!text.ok()) return ToGrpcStatus(text.status());
  resp->set_text(std::move(*text));
  return grpc::Status::OK;
}

// The lost drive's last good run, and another drive with a recent one.
absl::Status DriveFacts(const std::vector<kluis::v1::BackupTarget>& targets,
                        const std::string& name, core::LostTargetFacts* facts,
                        std::string* head) {
  for (const kluis::v1::BackupTarget& t : targets) {
    if (t.name() == name) {
      facts->target = t.name();
      facts->last_good_run = t.last_good_run();
      *head = t.head();
    } else if (!t.last_good_run().empty() && !t.overdue() &&
               facts->other_backup.empty()) {
      facts->other_backup = t.name();
    }
  }
  if (facts->target.empty()) {
    return absl::NotFoundError(
        "name: no such backup target (kluis backup status lists them)");
  }
  if (head->empty()) {
    return absl::FailedPreconditionError(
        "name: this drive never had a good backup: it holds no vault data "
        "kluis can vouch for");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<core::SecurityFacts> RegisterService::Security() {
  absl::StatusOr<std::vector<kluis::v1::BackupTarget>> targets =
      backups_->List();
  if (!targets.ok()) return targets.status();
  core::SecurityFacts s;
  s.scrypt_work_factor = work_factor_;
  s.idle_lock = vault_->idle_lock();
  for (const kluis::v1::BackupTarget& t : *targets) {
    s.backups.push_back({t.name(), t.last_good_run(), t.overdue()});
  }
  return s;
}

grpc::Status RegisterService::ProcessingRegister(
    grpc::ServerContext*, const kluis::v1::ProcessingRegisterRequest* req,
    kluis::v1::Document* resp) {
  absl::StatusOr<i18n::Translator> t = i18n::Translator::For(req->lang());
  if (!t.ok()) return ToGrpcStatus(t.status());
  absl::StatusOr<core::SecurityFacts> security = Security();
  if (!security.ok()) return ToGrpcStatus(security.status());
  absl::StatusOr<kluis::v1::ProcessingRegister> reg =
      vault_->ProcessingRegister(*security, *t);
  if (!reg.ok()) return ToGrpcStatus(reg.status());
  return Render(*reg, core::RegisterDocument(*reg, *t), req->format(), resp);
}

grpc::Status RegisterService::AssessLostTarget(
    grpc::ServerContext*, const kluis::v1::AssessLostTargetRequest* req,
    kluis::v1::LostTargetAssessment* resp) {
  if (req->key_compromised() != "yes" && req->key_compromised() != "no") {
    return ToGrpcStatus(absl::InvalidArgumentError(
        "key_compromised: required, yes or no: could the passphrase or the "
        "recovery key have been lost with the drive?"));
  }
  absl::StatusOr<std::vector<kluis::v1::BackupTarget>> targets =
      backups_->List();
  if (!targets.ok()) return ToGrpcStatus(targets.status());
  core::LostTargetFacts facts;
  std::string head;
  absl::Status s = DriveFacts(*targets, req->name(), &facts, &head);
  if (!s.ok()) return ToGrpcStatus(s);
  facts.key_compromised = req->key_compromised() == "yes";
  facts.scrypt_work_factor = work_factor_;
  absl::StatusOr<kluis::v1::LostTargetAssessment> a =
      vault_->AssessLostTarget(head, std::move(facts), req->dry_run());
  if (!a.ok()) return ToGrpcStatus(a.status());
  *resp = std::move(*a);
  return grpc::Status::OK;
}

grpc::Status RegisterService::HoursReport(
    grpc::ServerContext*, const kluis::v1::HoursReportRequest* req,
    kluis::v1::HoursReportResponse* resp) {
  absl::StatusOr<kluis::v1::HoursReportResponse> r = vault_->HoursReport(
      req->organisation_id(), req->from_date(), req->to_date());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status RegisterService::AnnualReport(
    grpc::ServerContext*, const kluis::v1::AnnualReportRequest* req,
    kluis::v1::Document* resp) {
  absl::StatusOr<i18n::Translator> t = i18n::Translator::For(req->lang());
  if (!t.ok()) return ToGrpcStatus(t.status());
  absl::StatusOr<kluis::v1::AnnualReport> r =
      vault_->AnnualReport(req->organisation_id(), req->year(), *t);
  if (!r.ok()) return ToGrpcStatus(r.status());
  return Render(*r, core::AnnualReportDocument(*r, *t), req->format(), resp);
}

grpc::Status RegisterService::ArchiveAgenda(
    grpc::ServerContext*, const kluis::v1::ArchiveAgendaRequest* req,
    kluis::v1::ArchiveAgendaResponse* resp) {
  absl::StatusOr<kluis::v1::ArchiveAgendaResponse> r =
      vault_->ArchiveAgenda(req->ics(), req->month(), req->dry_run());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status RegisterService::InvoicePdf(
    grpc::ServerContext*, const kluis::v1::InvoicePdfRequest* req,
    kluis::v1::InvoicePdfResponse* resp) {
  absl::StatusOr<kluis::v1::InvoicePdfResponse> r =
      vault_->InvoicePdf(req->dossier_id(), req->invoice_id(), req->lang());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

}  // namespace kluis::service
