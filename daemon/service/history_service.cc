#include "absl/time/civil_time.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {
namespace {

// A day boundary in the owner's time zone: the start of `date`, or with
// `end_of_day` the start of the day after.
absl::StatusOr<absl::Time> DayBound(const char* field, const std::string& date,
                                    bool end_of_day, absl::Time fallback) {
  if (date.empty()) return fallback;
  absl::CivilDay day;
  if (!core::IsValidDate(date) || !absl::ParseCivilTime(date, &day)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": must be a date as YYYY-MM-DD"));
  }
  if (end_of_day) day += 1;
  return absl::FromCivil(day, absl::LocalTimeZone()) -
         (end_of_day ? absl::Nanoseconds(1) : absl::ZeroDuration());
}

}  // namespace

grpc::Status HistoryService::ListVersions(
    grpc::ServerContext*, const kluis::v1::ListVersionsRequest* req,
    kluis::v1::ListVersionsResponse* resp) {
  absl::StatusOr<absl::Time> since =
      DayBound("since", req->since(), false, absl::InfinitePast());
  if (!since.ok()) return ToGrpcStatus(since.status());
  absl::StatusOr<absl::Time> until =
      DayBound("until", req->until(), true, absl::InfiniteFuture());
  if (!until.ok()) return ToGrpcStatus(until.status());
  if (req->all()) {
    absl::StatusOr<std::vector<core::VaultChange>> changes =
        vault_->VaultHistory(*since, *until);
    if (!changes.ok()) return ToGrpcStatus(changes.status());
    for (const core::VaultChange& c : *changes) {
      kluis::v1::Version* out = resp->add_versions();
      out->set_version(c.commit);
      out->set_time(core::ToRfc3339(c.time));
      out->set_author("kluisd (the vault's owner)");
      out->set_summary(c.summary);
    }
    return grpc::Status::OK;
  }
  absl::StatusOr<std::vector<core::RecordVersion>> versions =
      vault_->History(req->dossier_id(), req->record_id(), *since, *until);
  if (!versions.ok()) return ToGrpcStatus(versions.status());
  for (const core::RecordVersion& v : *versions) {
    kluis::v1::Version* out = resp->add_versions();
    out->set_version(v.commit);
    out->set_time(core::ToRfc3339(v.time));
    out->set_record_id(v.record_id);
    out->set_operation(v.operation);
    out->set_author(v.author);
    out->set_kind(v.kind);
    out->set_reason(v.reason);
  }
  return grpc::Status::OK;
}

grpc::Status HistoryService::GetVersion(grpc::ServerContext*,
                                        const kluis::v1::GetVersionRequest* req,
                                        kluis::v1::Record* resp) {
  absl::StatusOr<kluis::v1::Record> r =
      vault_->GetRecordAt(req->dossier_id(), req->record_id(), req->version());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

grpc::Status HistoryService::Diff(grpc::ServerContext*,
                                  const kluis::v1::DiffRequest* req,
                                  kluis::v1::DiffResponse* resp) {
  absl::StatusOr<std::vector<core::FieldChange>> changes = vault_->Diff(
      req->dossier_id(), req->record_id(), req->older(), req->newer());
  if (!changes.ok()) return ToGrpcStatus(changes.status());
  for (const core::FieldChange& c : *changes) {
    kluis::v1::FieldChange* out = resp->add_changes();
    out->set_field(c.field);
    out->set_change(c.change);
    out->set_old_value(c.old_value);
    out->set_new_value(c.new_value);
  }
  return grpc::Status::OK;
}

grpc::Status HistoryService::Restore(grpc::ServerContext*,
                                     const kluis::v1::RestoreRequest* req,
                                     kluis::v1::Record* resp) {
  absl::StatusOr<kluis::v1::Record> r = vault_->Restore(
      req->dossier_id(), req->record_id(), req->version(), req->reason());
  if (!r.ok()) return ToGrpcStatus(r.status());
  *resp = std::move(*r);
  return grpc::Status::OK;
}

}  // namespace kluis::service
