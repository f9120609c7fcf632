// Backup: the gRPC face of daemon/backup. Needs no unlocked vault: a
// backup copies ciphertext only.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"
#include "daemon/store/git_store.h"

namespace kluis::service {
namespace {

// The target named, or every mounted one.
absl::StatusOr<std::vector<std::string>> Targets(backup::Backups* backups,
                                                 const std::string& name) {
  if (!name.empty()) return std::vector<std::string>{name};
  absl::StatusOr<std::vector<kluis::v1::BackupTarget>> all = backups->List();
  if (!all.ok()) return all.status();
  std::vector<std::string> names;
  for (const kluis::v1::BackupTarget& t : *all) {
    if (t.mounted()) names.push_back(t.name());
  }
  if (names.empty()) {
    return absl::FailedPreconditionError(
        "target: none is mounted (kluis backup status lists them)");
  }
  return names;
}

}  // namespace

grpc::Status BackupService::AddTarget(grpc::ServerContext*,
                                      const kluis::v1::AddTargetRequest* req,
                                      kluis::v1::BackupTarget* resp) {
  absl::StatusOr<kluis::v1::BackupTarget> t =
      backups_->Add(req->path(), req->name());
  if (!t.ok()) return ToGrpcStatus(t.status());
  *resp = std::move(*t);
  return grpc::Status::OK;
}

grpc::Status BackupService::Run(
    grpc::ServerContext*, const kluis::v1::RunBackupRequest* req,
    grpc::ServerWriter<kluis::v1::BackupProgress>* writer) {
  absl::StatusOr<std::vector<std::string>> names =
      Targets(backups_, req->name());
  if (!names.ok()) return ToGrpcStatus(names.status());
  absl::Status first;
  for (const std::string& name : *names) {
    // In the access journal, like every other copy of the vault; before
    // the run, so that the copy holds its own entry.
    (void)vault_->JournalAction("backup", "started",
                                absl::StrCat("target ", name));
    absl::Status s = backups_->Run(
        name, [&](const kluis::v1::BackupProgress& p) { writer->Write(p); });
    if (!s.ok()) {
      (void)vault_->JournalAction("backup", "failed",
                                  absl::StrCat("target ", name));
    }
    if (!s.ok()) {
      kluis::v1::BackupProgress failed;
      failed.set_target(name);
      failed.set_phase("failed");
      failed.set_error(std::string(s.message()));
      writer->Write(failed);
      if (first.ok()) first = s;
    }
  }
  return ToGrpcStatus(first);
}

absl::Status BackupService::DeepCheck(const std::string& name,
                                      uint32_t sample_percent,
                                      kluis::v1::TargetCheck* check) {
  if (sample_percent > 100) {
    return absl::InvalidArgumentError("sample_percent: 1 to 100");
  }
  const int share =
      sample_percent == 0 ? 100 : static_cast<int>(sample_percent);
  // A different share each day.
  const uint64_t rotation =
      static_cast<uint64_t>(absl::ToUnixSeconds(absl::Now()) / 86400);
  return backups_->WithMirror(name, [&](const std::string& mirror) {
    absl::StatusOr<std::unique_ptr<store::GitStore>> copy =
        store::GitStore::Open(mirror, {0, /*read_only=*/true});
    if (!copy.ok()) return copy.status();
    const absl::Time t0 = absl::Now();
    absl::StatusOr<core::DeepCheckReport> r =
        vault_->DeepCheck(copy->get(), share, rotation);
    if (!r.ok()) return r.status();
    check->set_deep_seconds(absl::ToDoubleSeconds(absl::Now() - t0));
    check->set_deep_checked(r->checked);
    check->set_deep_failed(r->failed);
    check->set_deep_erased(r->erased);
    if (r->failed > 0) {
      check->set_ok(false);
      check->add_problems(
          absl::StrCat("records: ", r->failed,
                       " do not decrypt (the first: ", r->first_failure, ")"));
    }
    return absl::OkStatus();
  });
}

grpc::Status BackupService::Verify(grpc::ServerContext*,
                                   const kluis::v1::VerifyBackupRequest* req,
                                   kluis::v1::VerifyBackupResponse* resp) {
  absl::StatusOr<std::vector<std::string>> names =
      Targets(backups_, req->name());
  if (!names.ok()) return ToGrpcStatus(names.status());
  for (const std::string& name : *names) {
    absl::StatusOr<kluis::v1::TargetCheck> c = backups_->Verify(name);
    if (!c.ok()) return ToGrpcStatus(c.status());
    if (req->deep()) {
      absl::Status s = DeepCheck(name, req->sample_percent(), &*c);
      if (!s.ok()) return ToGrpcStatus(s);
    }
    *resp->add_checks() = std::move(*c);
  }
  return grpc::Status::OK;
}

grpc::Status BackupService::Status(grpc::ServerContext*,
                                   const kluis::v1::BackupStatusRequest*,
                                   kluis::v1::BackupStatusResponse* resp) {
  absl::StatusOr<std::vector<kluis::v1::BackupTarget>> all = backups_->List();
  if (!all.ok()) return ToGrpcStatus(all.status());
  for (kluis::v1::BackupTarget& t : *all) *resp->add_targets() = std::move(t);
  resp->set_interval_days(
      static_cast<uint32_t>(absl::ToInt64Hours(backups_->interval()) / 24));
  return grpc::Status::OK;
}

}  // namespace kluis::service
