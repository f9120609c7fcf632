#include "daemon/platform/log.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

using platform::Log;
using platform::LogField;
using platform::LogLevel;

grpc::Status VaultService::Init(grpc::ServerContext*,
                                const kluis::v1::InitRequest* req,
                                kluis::v1::InitResponse* resp) {
  std::string pass = req->passphrase();
  absl::StatusOr<std::string> recovery = vault_->Init(pass);
  WipeString(&pass);
  Log(LogLevel::kInfo, "vault_init", {{"status", recovery.status()}});
  if (!recovery.ok()) return ToGrpcStatus(recovery.status());
  resp->set_recovery_identity(std::move(*recovery));
  return grpc::Status::OK;
}

grpc::Status VaultService::Unlock(grpc::ServerContext*,
                                  const kluis::v1::UnlockRequest* req,
                                  kluis::v1::UnlockResponse* resp) {
  std::string pass = req->passphrase();
  const absl::Time start = absl::Now();
  absl::StatusOr<core::UnlockResult> r = vault_->Unlock(pass);
  WipeString(&pass);
  Log(LogLevel::kInfo, "vault_unlock",
      {{"status", r.status()},
       {"ms", absl::ToInt64Milliseconds(absl::Now() - start)},
       {"dossiers", r.ok() ? r->dossiers : uint64_t{0}},
       {"unreadable", r.ok() ? uint64_t{r->unreadable.size()} : uint64_t{0}}});
  if (!r.ok()) return ToGrpcStatus(r.status());
  for (const std::string& id : r->unreadable) {
    Log(LogLevel::kError, "dossier_unreadable", {LogField::Id("dossier", id)});
  }
  resp->set_dossiers(r->dossiers);
  resp->set_unreadable(r->unreadable.size());
  return grpc::Status::OK;
}

grpc::Status VaultService::Recover(grpc::ServerContext*,
                                   const kluis::v1::RecoverRequest* req,
                                   kluis::v1::UnlockResponse* resp) {
  std::string recovery = req->recovery_identity(), pass = req->new_passphrase();
  absl::StatusOr<core::UnlockResult> r = vault_->Recover(recovery, pass);
  WipeString(&recovery);
  WipeString(&pass);
  Log(LogLevel::kInfo, "vault_recover",
      {{"status", r.status()},
       {"dossiers", r.ok() ? r->dossiers : uint64_t{0}}});
  if (!r.ok()) return ToGrpcStatus(r.status());
  resp->set_dossiers(r->dossiers);
  resp->set_unreadable(r->unreadable.size());
  return grpc::Status::OK;
}

grpc::Status VaultService::Lock(grpc::ServerContext*,
                                const kluis::v1::LockRequest*,
                                kluis::v1::LockResponse*) {
  vault_->Lock();
  Log(LogLevel::kInfo, "vault_lock", {{"reason_idle", false}});
  return grpc::Status::OK;
}

grpc::Status VaultService::Status(grpc::ServerContext*,
                                  const kluis::v1::StatusRequest*,
                                  kluis::v1::StatusResponse* resp) {
  const core::VaultStatus st = vault_->Status();
  resp->set_initialized(st.initialized);
  resp->set_unlocked(st.unlocked);
  resp->set_dossiers(st.dossiers);
  resp->set_head(st.head);
  resp->set_working_notes_overdue(st.working_notes_overdue);
  resp->set_retention_due(st.retention_due);
  resp->set_requests_due_soon(st.requests_due_soon);
  resp->set_requests_overdue(st.requests_overdue);
  resp->set_write_problem(st.write_problem);
  resp->set_journal_problem(st.journal_problem);
  resp->set_history_problem(st.history_problem);
  for (const core::VaultStatus::RunningBreach& b : st.breaches) {
    kluis::v1::BreachDeadline* d = resp->add_breaches();
    d->set_breach_id(b.id);
    d->set_deadline(b.deadline);
    d->set_minutes_left(b.minutes_left);
  }
  resp->set_idle_lock_minutes(
      static_cast<uint32_t>(absl::ToInt64Minutes(vault_->idle_lock())));
  resp->set_version(KLUIS_VERSION);
  return grpc::Status::OK;
}

grpc::Status VaultService::ChangePassphrase(
    grpc::ServerContext*, const kluis::v1::ChangePassphraseRequest* req,
    kluis::v1::ChangePassphraseResponse*) {
  std::string old_pass = req->old_passphrase(),
              new_pass = req->new_passphrase();
  absl::Status s = vault_->ChangePassphrase(old_pass, new_pass);
  WipeString(&old_pass);
  WipeString(&new_pass);
  Log(LogLevel::kInfo, "vault_change_passphrase", {{"status", s}});
  return ToGrpcStatus(s);
}

}  // namespace kluis::service
