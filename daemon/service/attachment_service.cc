#include <string>

#include "daemon/service/grpc_status.h"
#include "daemon/service/services.h"

namespace kluis::service {

namespace {
constexpr size_t kFetchChunk = 256 * 1024;
}  // namespace

grpc::Status AttachmentService::Upload(
    grpc::ServerContext*, grpc::ServerReader<kluis::v1::UploadRequest>* reader,
    kluis::v1::UploadResponse* resp) {
  kluis::v1::UploadRequest msg;
  if (!reader->Read(&msg) || !msg.has_start()) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        "start: the first message must describe the attachment"));
  }
  absl::StatusOr<std::unique_ptr<core::AttachmentUpload>> up =
      vault_->BeginAttachment(msg.start().dossier_id(),
                              msg.start().attachment(), msg.start().reason());
  if (!up.ok()) return ToGrpcStatus(up.status());
  while (reader->Read(&msg)) {
    if (msg.part_case() != kluis::v1::UploadRequest::kData) {
      return ToGrpcStatus(
          absl::InvalidArgumentError("data: only content may follow start"));
    }
    absl::Status s = (*up)->Write(msg.data());
    if (!s.ok()) return ToGrpcStatus(s);
  }
  absl::StatusOr<kluis::v1::Record> record = (*up)->Finish();
  if (!record.ok()) return ToGrpcStatus(record.status());
  *resp->mutable_record() = std::move(*record);
  return grpc::Status::OK;
}

grpc::Status AttachmentService::Fetch(
    grpc::ServerContext* ctx, const kluis::v1::FetchRequest* req,
    grpc::ServerWriter<kluis::v1::FetchResponse>* writer) {
  absl::StatusOr<core::AttachmentDownload> d =
      vault_->OpenAttachment(req->dossier_id(), req->record_id());
  if (!d.ok()) return ToGrpcStatus(d.status());
  kluis::v1::FetchResponse msg;
  *msg.mutable_record() = std::move(d->record);
  std::string buf(kFetchChunk, '\0');
  while (true) {
    absl::StatusOr<size_t> n = d->content->Read(buf.data(), buf.size());
    if (!n.ok()) return ToGrpcStatus(n.status());
    if (*n == 0) break;
    msg.set_data(buf.data(), *n);
    if (ctx->IsCancelled() || !writer->Write(msg)) {
      return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
    }
    msg.clear_record();
  }
  if (msg.has_record()) writer->Write(msg);  // an empty file
  return grpc::Status::OK;
}

}  // namespace kluis::service
