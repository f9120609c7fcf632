#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
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
  resp->set_journal_entries(r->journal_entries);
  resp->set_journal_unsigned(r->journal_unsigned);
  resp->set_journal_failures(r->journal_failures);
  resp->set_journal_first_bad(r->journal_first_bad);
  resp->set_journal_problem(r->journal_problem);
  return grpc::Status::OK;
}

grpc::Status AuditService::Journal(grpc::ServerContext*,
                                   const kluis::v1::JournalRequest* req,
                                   kluis::v1::JournalResponse* resp) {
  absl::Time since = absl::InfinitePast();
  if (!req->since().empty()) {
    absl::CivilDay day;
    if (!core::IsValidDate(req->since()) ||
        !absl::ParseCivilTime(req->since(), &day)) {
      return ToGrpcStatus(
          absl::InvalidArgumentError("since: must be a date as YYYY-MM-DD"));
    }
    since = absl::FromCivil(day, absl::LocalTimeZone());
  }
  absl::StatusOr<std::vector<core::JournalView>> entries =
      vault_->ReadJournal(req->dossier_id(), since);
  if (!entries.ok()) return ToGrpcStatus(entries.status());
  for (const core::JournalView& v : *entries) {
    kluis::v1::JournalLine* out = resp->add_entries();
    out->set_seq(v.seq);
    out->set_time(core::ToRfc3339(core::FromProtoTime(v.entry.time())));
    out->set_action(v.entry.action());
    out->set_dossier_id(v.entry.dossier_id());
    out->set_outcome(v.entry.outcome());
    out->set_reason(v.entry.reason());
    out->set_signed_(v.is_signed);
  }
  return grpc::Status::OK;
}

}  // namespace kluis::service
