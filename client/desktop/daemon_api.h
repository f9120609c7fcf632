// DaemonApi: the desktop client's one door to kluisd: the same gRPC API, on
// the same socket, as the kluis command line. It holds no keys, reads no
// vault file and has no rules of its own: every check is the daemon's.
//
// Thread-safety: calls may come from any thread; the widgets use it from
// the GUI thread only. Every call has a deadline, so a hung daemon cannot
// freeze the window for long.
#ifndef KLUIS_CLIENT_DESKTOP_DAEMON_API_H_
#define KLUIS_CLIENT_DESKTOP_DAEMON_API_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "kluis/v1/backup.grpc.pb.h"
#include "kluis/v1/vault.grpc.pb.h"

namespace kluis::desktop {

class DaemonApi {
 public:
  explicit DaemonApi(std::string socket_path);

  const std::string& socket_path() const { return socket_path_; }

  grpc::Status Status(kluis::v1::StatusResponse* out);
  grpc::Status Unlock(const std::string& passphrase);
  // The forgotten passphrase: the recovery key's text and a new one.
  grpc::Status Recover(const std::string& recovery_key,
                       const std::string& new_passphrase);
  grpc::Status Lock();
  // By a name fragment, or (by_organisation) an organisation's.
  grpc::Status ListDossiers(const std::string& query, bool by_organisation,
                            kluis::v1::ListDossiersResponse* out);
  grpc::Status GetDossier(const std::string& dossier_id,
                          kluis::v1::GetDossierResponse* out);
  // A new dossier (a client or a case head), or a record in one; returns
  // the dossier's id (a new dossier) or the record's id.
  grpc::Status Create(const std::string& dossier_id,
                      const kluis::v1::Record& record, std::string* id);
  // Refused when the record changed since `record.updated()`.
  grpc::Status Update(const std::string& dossier_id,
                      const kluis::v1::Record& record, kluis::v1::Record* out);
  grpc::Status Versions(const std::string& dossier_id,
                        const std::string& record_id,
                        kluis::v1::ListVersionsResponse* out);
  grpc::Status Diff(const std::string& dossier_id, const std::string& record_id,
                    const std::string& older, kluis::v1::DiffResponse* out);
  grpc::Status Restore(const std::string& dossier_id,
                       const std::string& record_id,
                       const std::string& version);
  grpc::Status Backups(kluis::v1::BackupStatusResponse* out);
  // A new backup drive: the folder `path` (absolute) on it.
  grpc::Status AddDrive(const std::string& path, kluis::v1::BackupTarget* out);
  // The practice's organisations (id and record), for choosing one.
  grpc::Status Organisations(kluis::v1::ListRecordsResponse* out);
  // An attachment's record and its whole plaintext (personal data: the
  // caller wipes it).
  grpc::Status Fetch(const std::string& dossier_id,
                     const std::string& record_id, kluis::v1::Record* record,
                     std::string* data);
  // Uploads the file at `path` as an attachment of the dossier, described
  // by `about` (name, media type), in chunks; the record as stored.
  grpc::Status Attach(const std::string& dossier_id, const std::string& path,
                      const kluis::v1::Attachment& about,
                      kluis::v1::Record* out);
  // Runs a backup to `target`, calling `progress` (on this thread) for
  // each update; `context` lets another thread cancel it.
  grpc::Status RunBackup(
      const std::string& target, grpc::ClientContext* context,
      const std::function<void(const kluis::v1::BackupProgress&)>& progress);

 private:
  const std::string socket_path_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_DAEMON_API_H_
