// Vault::BeginAttachment / OpenAttachment and the upload's two steps.
#include "daemon/core/attachment.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

bool IsTextAttachment(const kluis::v1::Attachment& a) {
  const std::string type = absl::AsciiStrToLower(a.media_type());
  if (absl::StartsWith(type, "text/")) return true;
  for (const char* t :
       {"application/json", "application/xml", "application/csv",
        "message/rfc822", "application/rtf", "application/x-ndjson"}) {
    if (type == t) return true;
  }
  const std::string name = absl::AsciiStrToLower(a.name());
  for (const char* ext :
       {".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".eml",
        ".vcf", ".ics", ".log", ".rtf"}) {
    if (absl::EndsWith(name, ext)) return true;
  }
  return false;
}

AttachmentUpload::~AttachmentUpload() = default;

absl::Status AttachmentUpload::Write(absl::string_view data) {
  if (sealer_ == nullptr) return absl::FailedPreconditionError("upload: done");
  if (text_) scanner_.Feed(data);
  return sealer_->Write(data);
}

absl::StatusOr<Record> AttachmentUpload::Finish() {
  if (sealer_ == nullptr) return absl::FailedPreconditionError("upload: done");
  absl::StatusOr<ContentDigest> digest = sealer_->Finish();
  sealer_.reset();
  if (!digest.ok()) return digest.status();
  if (text_ && scanner_.Finish()) {
    return absl::InvalidArgumentError(
        "attachment.content: looks like a BSN (citizen service number); "
        "kluis never stores a BSN, and stored nothing of this file");
  }
  absl::StatusOr<std::string> blob_id = blob_->Finish();
  if (!blob_id.ok()) return blob_id.status();
  record_.mutable_attachment()->set_size(digest->size);
  record_.mutable_attachment()->set_sha256(digest->sha256);
  return vault_->CommitAttachment(record_, *blob_id, reason_);
}

absl::StatusOr<std::unique_ptr<AttachmentUpload>> Vault::BeginAttachment(
    absl::string_view dossier_id, kluis::v1::Attachment attachment,
    absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (dossier_id.empty()) {
    return absl::InvalidArgumentError("dossier_id: is required");
  }
  Record record;
  *record.mutable_attachment() = std::move(attachment);
  absl::Status s = NormalizeAndValidate(&record);
  if (s.ok()) s = ValidateReason(reason);
  if (!s.ok()) return s;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  std::unique_ptr<AttachmentUpload> up(new AttachmentUpload());
  up->vault_ = this;
  up->text_ = IsTextAttachment(record.attachment());
  Stamp(&record, NewId(), entry->id, clock_->Now(), reason);
  up->record_ = std::move(record);
  up->reason_ = std::string(reason);
  absl::StatusOr<std::unique_ptr<BlobWriter>> blob = (*store)->NewBlob();
  if (!blob.ok()) return blob.status();
  up->blob_ = std::move(*blob);
  absl::StatusOr<std::unique_ptr<ContentSealer>> sealer =
      keys_->NewSealer(entry->id, up->blob_.get());
  if (!sealer.ok()) return sealer.status();
  up->sealer_ = std::move(*sealer);
  return up;
}

absl::StatusOr<Record> Vault::CommitAttachment(Record record,
                                               const std::string& blob_id,
                                               absl::string_view reason) {
  (void)reason;  // already stamped on the record
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<Place> place = Locate(record.dossier_id());
  if (!place.ok()) return place.status();
  const absl::Time now = clock_->Now();
  *record.mutable_updated() = record.created();
  absl::StatusOr<std::string> sealed = SealRecord(place->key_id, record);
  if (!sealed.ok()) return sealed.status();
  StoreChange content{AttachmentDataPath(place->dossier.id, record.id()),
                      std::nullopt, blob_id};
  absl::StatusOr<std::string> commit = (*store)->Commit(
      {{place->Path(record.id()), std::move(*sealed)}, std::move(content)},
      absl::StrCat(place->Label(), ": attach ", record.id()));
  if (!commit.ok()) return commit.status();
  Reindex(*place, &record, std::nullopt, +1, now);
  return record;
}

absl::StatusOr<AttachmentDownload> Vault::OpenAttachment(
    absl::string_view dossier_id, absl::string_view record_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (dossier_id.empty()) {
    return absl::InvalidArgumentError("dossier_id: is required");
  }
  absl::StatusOr<Record> record = GetRecord(dossier_id, record_id);
  if (!record.ok()) return record.status();
  if (!record->has_attachment()) {
    return absl::InvalidArgumentError("record_id: not an attachment");
  }
  // Plaintext leaves the vault: that is journalled first, or it does not.
  absl::Status journalled =
      Journal(*store, "export", record->dossier_id(), "ok",
              absl::StrCat("attachment ", record->id()));
  if (!journalled.ok()) return journalled;
  absl::StatusOr<std::unique_ptr<ByteSource>> blob = (*store)->OpenBlob(
      AttachmentDataPath(record->dossier_id(), record->id()));
  if (!blob.ok()) return blob.status();
  absl::StatusOr<std::unique_ptr<ByteSource>> plain =
      keys_->NewOpener(record->dossier_id(), std::move(*blob));
  if (!plain.ok()) return plain.status();
  return AttachmentDownload{std::move(*record), std::move(*plain)};
}

}  // namespace kluis::core
