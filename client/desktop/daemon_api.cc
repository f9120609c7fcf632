#include "client/desktop/daemon_api.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "client/common/connection.h"

namespace kluis::desktop {
namespace {

// An unlock runs scrypt; everything else is quick on a local socket.
std::unique_ptr<grpc::ClientContext> Call(int seconds = 30) {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() +
                  std::chrono::seconds(seconds));
  return c;
}

}  // namespace

DaemonApi::DaemonApi(std::string socket_path)
    : socket_path_(std::move(socket_path)),
      channel_(client::Connect(socket_path_)) {}

grpc::Status DaemonApi::Status(kluis::v1::StatusResponse* out) {
  return kluis::v1::Vault::NewStub(channel_)->Status(Call(5).get(), {}, out);
}

grpc::Status DaemonApi::Unlock(const std::string& passphrase) {
  kluis::v1::UnlockRequest req;
  req.set_passphrase(passphrase);
  kluis::v1::UnlockResponse resp;
  return kluis::v1::Vault::NewStub(channel_)->Unlock(Call(120).get(), req,
                                                     &resp);
}

grpc::Status DaemonApi::Recover(const std::string& recovery_key,
                                const std::string& new_passphrase) {
  kluis::v1::RecoverRequest req;
  req.set_recovery_identity(recovery_key);
  req.set_new_passphrase(new_passphrase);
  kluis::v1::UnlockResponse resp;
  return kluis::v1::Vault::NewStub(channel_)->Recover(Call(120).get(), req,
                                                      &resp);
}

grpc::Status DaemonApi::Lock() {
  kluis::v1::LockResponse resp;
  return kluis::v1::Vault::NewStub(channel_)->Lock(Call().get(), {}, &resp);
}

grpc::Status DaemonApi::ListDossiers(const std::string& query,
                                     bool by_organisation,
                                     kluis::v1::ListDossiersResponse* out) {
  kluis::v1::ListDossiersRequest req;
  by_organisation ? req.set_organisation(query) : req.set_query(query);
  return kluis::v1::Dossiers::NewStub(channel_)->ListDossiers(Call().get(), req,
                                                              out);
}

grpc::Status DaemonApi::GetDossier(const std::string& dossier_id,
                                   kluis::v1::GetDossierResponse* out) {
  kluis::v1::GetDossierRequest req;
  req.set_dossier_id(dossier_id);
  return kluis::v1::Dossiers::NewStub(channel_)->GetDossier(Call().get(), req,
                                                            out);
}

grpc::Status DaemonApi::Create(const std::string& dossier_id,
                               const kluis::v1::Record& record,
                               std::string* id) {
  if (record.has_client() || record.has_adviser_case()) {
    kluis::v1::CreateDossierRequest req;
    if (record.has_client()) *req.mutable_client() = record.client();
    if (record.has_adviser_case()) {
      *req.mutable_adviser_case() = record.adviser_case();
    }
    kluis::v1::CreateDossierResponse resp;
    grpc::Status s = kluis::v1::Dossiers::NewStub(channel_)->CreateDossier(
        Call().get(), req, &resp);
    *id = resp.dossier_id();
    return s;
  }
  kluis::v1::CreateRecordRequest req;
  req.set_dossier_id(dossier_id);
  *req.mutable_record() = record;
  kluis::v1::CreateRecordResponse resp;
  grpc::Status s = kluis::v1::Records::NewStub(channel_)->CreateRecord(
      Call().get(), req, &resp);
  *id = resp.record_id();
  return s;
}

grpc::Status DaemonApi::Update(const std::string& dossier_id,
                               const kluis::v1::Record& record,
                               kluis::v1::Record* out) {
  kluis::v1::UpdateRecordRequest req;
  req.set_dossier_id(dossier_id);
  *req.mutable_record() = record;
  req.set_expected_updated(
      google::protobuf::util::TimeUtil::ToString(record.updated()));
  return kluis::v1::Records::NewStub(channel_)->UpdateRecord(Call().get(), req,
                                                             out);
}

grpc::Status DaemonApi::Versions(const std::string& dossier_id,
                                 const std::string& record_id,
                                 kluis::v1::ListVersionsResponse* out) {
  kluis::v1::ListVersionsRequest req;
  req.set_dossier_id(dossier_id);
  req.set_record_id(record_id);
  return kluis::v1::History::NewStub(channel_)->ListVersions(Call().get(), req,
                                                             out);
}

grpc::Status DaemonApi::Diff(const std::string& dossier_id,
                             const std::string& record_id,
                             const std::string& older,
                             kluis::v1::DiffResponse* out) {
  kluis::v1::DiffRequest req;
  req.set_dossier_id(dossier_id);
  req.set_record_id(record_id);
  req.set_older(older);
  return kluis::v1::History::NewStub(channel_)->Diff(Call().get(), req, out);
}

grpc::Status DaemonApi::Restore(const std::string& dossier_id,
                                const std::string& record_id,
                                const std::string& version) {
  kluis::v1::RestoreRequest req;
  req.set_dossier_id(dossier_id);
  req.set_record_id(record_id);
  req.set_version(version);
  req.set_reason("restored in kluis-desktop");
  kluis::v1::Record out;
  return kluis::v1::History::NewStub(channel_)->Restore(Call().get(), req,
                                                        &out);
}

grpc::Status DaemonApi::Organisations(kluis::v1::ListRecordsResponse* out) {
  kluis::v1::ListRecordsRequest req;
  req.set_kind(kluis::v1::RECORD_KIND_ORGANISATION);
  return kluis::v1::Records::NewStub(channel_)->ListRecords(Call().get(), req,
                                                            out);
}

grpc::Status DaemonApi::Backups(kluis::v1::BackupStatusResponse* out) {
  return kluis::v1::Backup::NewStub(channel_)->Status(Call(5).get(), {}, out);
}

grpc::Status DaemonApi::Attach(const std::string& dossier_id,
                               const std::string& path,
                               const kluis::v1::Attachment& about,
                               kluis::v1::Record* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "file: cannot be read");  // no path: personal data
  }
  auto ctx = Call(600);
  kluis::v1::UploadResponse resp;
  std::unique_ptr<grpc::ClientWriter<kluis::v1::UploadRequest>> writer =
      kluis::v1::Attachments::NewStub(channel_)->Upload(ctx.get(), &resp);
  kluis::v1::UploadRequest msg;
  msg.mutable_start()->set_dossier_id(dossier_id);
  *msg.mutable_start()->mutable_attachment() = about;
  bool sent = writer->Write(msg);
  // The file in 64 KiB chunks: never whole in memory.
  std::string chunk(64 * 1024, '\0');
  while (sent && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (in.gcount() <= 0) break;
    msg.set_data(chunk.data(), static_cast<size_t>(in.gcount()));
    sent = writer->Write(msg);
  }
  std::fill(chunk.begin(), chunk.end(), '\0');
  msg.Clear();
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  if (s.ok()) *out = resp.record();
  return s;
}

grpc::Status DaemonApi::AddDrive(const std::string& path,
                                 kluis::v1::BackupTarget* out) {
  kluis::v1::AddTargetRequest req;
  req.set_path(path);  // the name defaults to the folder's
  // The daemon checks the folder (and may write its first marker).
  return kluis::v1::Backup::NewStub(channel_)->AddTarget(Call(60).get(), req,
                                                         out);
}

grpc::Status DaemonApi::Fetch(const std::string& dossier_id,
                              const std::string& record_id,
                              kluis::v1::Record* record, std::string* data) {
  kluis::v1::FetchRequest req;
  req.set_dossier_id(dossier_id);
  req.set_record_id(record_id);
  auto ctx = Call(600);
  std::unique_ptr<grpc::ClientReader<kluis::v1::FetchResponse>> reader =
      kluis::v1::Attachments::NewStub(channel_)->Fetch(ctx.get(), req);
  kluis::v1::FetchResponse chunk;
  while (reader->Read(&chunk)) {
    if (chunk.has_record()) *record = chunk.record();
    data->append(chunk.data());
    std::fill(chunk.mutable_data()->begin(), chunk.mutable_data()->end(), '\0');
  }
  return reader->Finish();
}

grpc::Status DaemonApi::RunBackup(
    const std::string& target, grpc::ClientContext* context,
    const std::function<void(const kluis::v1::BackupProgress&)>& progress) {
  kluis::v1::RunBackupRequest req;
  req.set_name(target);
  std::unique_ptr<grpc::ClientReader<kluis::v1::BackupProgress>> reader =
      kluis::v1::Backup::NewStub(channel_)->Run(context, req);
  kluis::v1::BackupProgress p;
  while (reader->Read(&p)) progress(p);
  return reader->Finish();
}

}  // namespace kluis::desktop
