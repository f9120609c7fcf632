// The gRPC services of kluis.v1, each a thin adapter: convert the request,
// make one call into core::Vault, convert the result.
//
// Thread-safety: handlers run on gRPC's threads; core::Vault is thread-safe.
#ifndef KLUIS_DAEMON_SERVICE_SERVICES_H_
#define KLUIS_DAEMON_SERVICE_SERVICES_H_

#include "daemon/backup/backups.h"
#include "daemon/core/vault.h"
#include "kluis/v1/backup.grpc.pb.h"
#include "kluis/v1/export.grpc.pb.h"
#include "kluis/v1/registers.grpc.pb.h"
#include "kluis/v1/retention.grpc.pb.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::service {

class VaultService final : public kluis::v1::Vault::Service {
 public:
  explicit VaultService(core::Vault* vault) : vault_(vault) {}
  grpc::Status Init(grpc::ServerContext*, const kluis::v1::InitRequest*,
                    kluis::v1::InitResponse*) override;
  grpc::Status Unlock(grpc::ServerContext*, const kluis::v1::UnlockRequest*,
                      kluis::v1::UnlockResponse*) override;
  grpc::Status Lock(grpc::ServerContext*, const kluis::v1::LockRequest*,
                    kluis::v1::LockResponse*) override;
  grpc::Status Status(grpc::ServerContext*, const kluis::v1::StatusRequest*,
                      kluis::v1::StatusResponse*) override;
  grpc::Status ChangePassphrase(grpc::ServerContext*,
                                const kluis::v1::ChangePassphraseRequest*,
                                kluis::v1::ChangePassphraseResponse*) override;
  grpc::Status Recover(grpc::ServerContext*, const kluis::v1::RecoverRequest*,
                       kluis::v1::UnlockResponse*) override;

 private:
  core::Vault* vault_;
};

class DossierService final : public kluis::v1::Dossiers::Service {
 public:
  explicit DossierService(core::Vault* vault) : vault_(vault) {}
  grpc::Status CreateDossier(grpc::ServerContext*,
                             const kluis::v1::CreateDossierRequest*,
                             kluis::v1::CreateDossierResponse*) override;
  grpc::Status GetDossier(grpc::ServerContext*,
                          const kluis::v1::GetDossierRequest*,
                          kluis::v1::GetDossierResponse*) override;
  grpc::Status ListDossiers(grpc::ServerContext*,
                            const kluis::v1::ListDossiersRequest*,
                            kluis::v1::ListDossiersResponse*) override;
  grpc::Status ResolveDossier(grpc::ServerContext*,
                              const kluis::v1::ResolveDossierRequest*,
                              kluis::v1::ResolveDossierResponse*) override;
  grpc::Status DeleteDossier(grpc::ServerContext*,
                             const kluis::v1::DeleteDossierRequest*,
                             kluis::v1::DeleteDossierResponse*) override;
  grpc::Status ImportDossiers(grpc::ServerContext*,
                              const kluis::v1::ImportDossiersRequest*,
                              kluis::v1::ImportDossiersResponse*) override;

 private:
  core::Vault* vault_;
};

class RecordService final : public kluis::v1::Records::Service {
 public:
  explicit RecordService(core::Vault* vault) : vault_(vault) {}
  grpc::Status CreateRecord(grpc::ServerContext*,
                            const kluis::v1::CreateRecordRequest*,
                            kluis::v1::CreateRecordResponse*) override;
  grpc::Status GetRecord(grpc::ServerContext*,
                         const kluis::v1::GetRecordRequest*,
                         kluis::v1::Record*) override;
  grpc::Status ListRecords(grpc::ServerContext*,
                           const kluis::v1::ListRecordsRequest*,
                           kluis::v1::ListRecordsResponse*) override;
  grpc::Status UpdateRecord(grpc::ServerContext*,
                            const kluis::v1::UpdateRecordRequest*,
                            kluis::v1::Record*) override;
  grpc::Status DeleteRecord(grpc::ServerContext*,
                            const kluis::v1::DeleteRecordRequest*,
                            kluis::v1::DeleteRecordResponse*) override;

 private:
  core::Vault* vault_;
};

class AttachmentService final : public kluis::v1::Attachments::Service {
 public:
  explicit AttachmentService(core::Vault* vault) : vault_(vault) {}
  grpc::Status Upload(grpc::ServerContext*,
                      grpc::ServerReader<kluis::v1::UploadRequest>*,
                      kluis::v1::UploadResponse*) override;
  grpc::Status Fetch(grpc::ServerContext*, const kluis::v1::FetchRequest*,
                     grpc::ServerWriter<kluis::v1::FetchResponse>*) override;

 private:
  core::Vault* vault_;
};

class AuditService final : public kluis::v1::Audit::Service {
 public:
  explicit AuditService(core::Vault* vault) : vault_(vault) {}
  grpc::Status Signer(grpc::ServerContext*, const kluis::v1::SignerRequest*,
                      kluis::v1::SignerResponse*) override;
  grpc::Status Verify(grpc::ServerContext*, const kluis::v1::VerifyRequest*,
                      kluis::v1::VerifyResponse*) override;
  grpc::Status Journal(grpc::ServerContext*, const kluis::v1::JournalRequest*,
                       kluis::v1::JournalResponse*) override;

 private:
  core::Vault* vault_;
};

class HistoryService final : public kluis::v1::History::Service {
 public:
  explicit HistoryService(core::Vault* vault) : vault_(vault) {}
  grpc::Status ListVersions(grpc::ServerContext*,
                            const kluis::v1::ListVersionsRequest*,
                            kluis::v1::ListVersionsResponse*) override;
  grpc::Status GetVersion(grpc::ServerContext*,
                          const kluis::v1::GetVersionRequest*,
                          kluis::v1::Record*) override;
  grpc::Status Diff(grpc::ServerContext*, const kluis::v1::DiffRequest*,
                    kluis::v1::DiffResponse*) override;
  grpc::Status Restore(grpc::ServerContext*, const kluis::v1::RestoreRequest*,
                       kluis::v1::Record*) override;

 private:
  core::Vault* vault_;
};

class ExportService final : public kluis::v1::Exports::Service {
 public:
  // `scrypt_work_factor`: for a passphrase-protected access package.
  ExportService(core::Vault* vault, int scrypt_work_factor)
      : vault_(vault), work_factor_(scrypt_work_factor) {}
  grpc::Status Intervision(grpc::ServerContext*,
                           const kluis::v1::IntervisionRequest*,
                           kluis::v1::IntervisionResponse*) override;
  grpc::Status Access(grpc::ServerContext*, const kluis::v1::AccessRequest*,
                      grpc::ServerWriter<kluis::v1::AccessChunk>*) override;

 private:
  core::Vault* vault_;
  const int work_factor_;
};

class RetentionService final : public kluis::v1::Retention::Service {
 public:
  explicit RetentionService(core::Vault* vault) : vault_(vault) {}
  grpc::Status Report(grpc::ServerContext*,
                      const kluis::v1::RetentionReportRequest*,
                      kluis::v1::RetentionReportResponse*) override;
  grpc::Status Apply(grpc::ServerContext*,
                     const kluis::v1::RetentionApplyRequest*,
                     kluis::v1::ErasureResponse*) override;
  grpc::Status Erase(grpc::ServerContext*, const kluis::v1::EraseRequest*,
                     kluis::v1::ErasureResponse*) override;
  grpc::Status KeptInvoices(grpc::ServerContext*,
                            const kluis::v1::KeptInvoicesRequest*,
                            kluis::v1::KeptInvoicesResponse*) override;
  grpc::Status Erased(grpc::ServerContext*, const kluis::v1::ErasedRequest*,
                      kluis::v1::ErasedResponse*) override;
  grpc::Status Compact(grpc::ServerContext*, const kluis::v1::CompactRequest*,
                       kluis::v1::CompactResponse*) override;

 private:
  core::Vault* vault_;
};

class RegisterService final : public kluis::v1::Registers::Service {
 public:
  RegisterService(core::Vault* vault, backup::Backups* backups,
                  int scrypt_work_factor)
      : vault_(vault), backups_(backups), work_factor_(scrypt_work_factor) {}
  grpc::Status ProcessingRegister(grpc::ServerContext*,
                                  const kluis::v1::ProcessingRegisterRequest*,
                                  kluis::v1::Document*) override;
  grpc::Status AssessLostTarget(grpc::ServerContext*,
                                const kluis::v1::AssessLostTargetRequest*,
                                kluis::v1::LostTargetAssessment*) override;
  grpc::Status HoursReport(grpc::ServerContext*,
                           const kluis::v1::HoursReportRequest*,
                           kluis::v1::HoursReportResponse*) override;
  grpc::Status AnnualReport(grpc::ServerContext*,
                            const kluis::v1::AnnualReportRequest*,
                            kluis::v1::Document*) override;
  grpc::Status ArchiveAgenda(grpc::ServerContext*,
                             const kluis::v1::ArchiveAgendaRequest*,
                             kluis::v1::ArchiveAgendaResponse*) override;
  grpc::Status InvoicePdf(grpc::ServerContext*,
                          const kluis::v1::InvoicePdfRequest*,
                          kluis::v1::InvoicePdfResponse*) override;

 private:
  // The backups as the register and a breach assessment see them.
  absl::StatusOr<core::SecurityFacts> Security();
  core::Vault* vault_;
  backup::Backups* backups_;
  const int work_factor_;
};

class BackupService final : public kluis::v1::Backup::Service {
 public:
  BackupService(backup::Backups* backups, core::Vault* vault)
      : backups_(backups), vault_(vault) {}
  grpc::Status AddTarget(grpc::ServerContext*,
                         const kluis::v1::AddTargetRequest* req,
                         kluis::v1::BackupTarget* resp) override;
  grpc::Status Run(
      grpc::ServerContext*, const kluis::v1::RunBackupRequest* req,
      grpc::ServerWriter<kluis::v1::BackupProgress>* writer) override;
  grpc::Status Verify(grpc::ServerContext*,
                      const kluis::v1::VerifyBackupRequest* req,
                      kluis::v1::VerifyBackupResponse* resp) override;
  grpc::Status Status(grpc::ServerContext*,
                      const kluis::v1::BackupStatusRequest*,
                      kluis::v1::BackupStatusResponse* resp) override;

 private:
  absl::Status DeepCheck(const std::string& name, uint32_t sample_percent,
                         kluis::v1::TargetCheck* check);
  backup::Backups* backups_;
  core::Vault* vault_;  // for the deep check: the keys
};

}  // namespace kluis::service

#endif  // KLUIS_DAEMON_SERVICE_SERVICES_H_
