// Exports: the anonymised intervision summary, and the access package,
// sealed with the client's passphrase (age scrypt) when one is given.
#include <algorithm>

#include "daemon/crypto/age.h"
#include "daemon/crypto/scrypt_recipient.h"
#include "daemon/crypto/secure_bytes.h"
#include "daemon/i18n/translator.h"
#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

grpc::Status ExportService::Intervision(
    grpc::ServerContext*, const kluis::v1::IntervisionRequest* req,
    kluis::v1::IntervisionResponse* resp) {
  absl::StatusOr<i18n::Translator> t = i18n::Translator::For(req->lang());
  if (!t.ok()) return ToGrpcStatus(t.status());
  absl::StatusOr<std::string> md =
      vault_->IntervisionExport(req->dossier_id(), *t);
  if (!md.ok()) return ToGrpcStatus(md.status());
  resp->set_markdown(std::move(*md));
  return grpc::Status::OK;
}

grpc::Status ExportService::Access(
    grpc::ServerContext*, const kluis::v1::AccessRequest* req,
    grpc::ServerWriter<kluis::v1::AccessChunk>* writer) {
  const std::string& pass = req->passphrase();
  if (!pass.empty() && pass.size() < 12) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        "passphrase: at least 12 characters (agree it with the client)"));
  }
  absl::StatusOr<i18n::Translator> t = i18n::Translator::For(req->lang());
  if (!t.ok()) return ToGrpcStatus(t.status());
  absl::StatusOr<std::string> tar = vault_->AccessExport(req->dossier_id(), *t);
  if (!tar.ok()) return ToGrpcStatus(tar.status());
  std::string out;
  if (pass.empty()) {
    out = std::move(*tar);
  } else {
    absl::StatusOr<crypto::ScryptRecipient> r = crypto::ScryptRecipient::Create(
        crypto::SecureBytes::CopyOf(pass), work_factor_);
    if (!r.ok()) return ToGrpcStatus(r.status());
    const crypto::Recipient* rs[] = {&*r};
    absl::StatusOr<std::vector<uint8_t>> sealed = crypto::Encrypt(
        rs, absl::MakeConstSpan(reinterpret_cast<const uint8_t*>(tar->data()),
                                tar->size()));
    std::fill(tar->begin(), tar->end(), '\0');
    if (!sealed.ok()) return ToGrpcStatus(sealed.status());
    out.assign(sealed->begin(), sealed->end());
  }
  constexpr size_t kChunk = 64 * 1024;
  for (size_t at = 0; at < out.size(); at += kChunk) {
    kluis::v1::AccessChunk chunk;
    chunk.set_data(out.substr(at, kChunk));
    if (!writer->Write(chunk)) break;
  }
  std::fill(out.begin(), out.end(), '\0');
  return grpc::Status::OK;
}

}  // namespace kluis::service
