// Attachments: files of any size in a dossier. The content streams from
// the client through encryption (to the dossier key) into the store; a
// record beside it carries the name, media type, size and SHA-256. Text
// files are scanned for BSNs on the way, and refused with nothing
// committed when one is found.
//
// Thread-safety: an upload is used by one thread (one gRPC stream).
#ifndef KLUIS_DAEMON_CORE_ATTACHMENT_H_
#define KLUIS_DAEMON_CORE_ATTACHMENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "daemon/core/bsn.h"
#include "daemon/core/byte_stream.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

class Vault;

// True for content that is text a person wrote (and so may hold a BSN):
// text/* media types, JSON, XML, e-mail, and files named .txt, .csv, ….
bool IsTextAttachment(const kluis::v1::Attachment& attachment);

class AttachmentUpload {
 public:
  ~AttachmentUpload();
  // Errors: those of the store and the key ring.
  absl::Status Write(absl::string_view data);
  // Commits record and content. Errors: kInvalidArgument
  // "attachment.content: looks like a BSN …" (nothing committed),
  // kFailedPrecondition when the vault was locked meanwhile, kNotFound
  // when the dossier went.
  absl::StatusOr<kluis::v1::Record> Finish();

 private:
  friend class Vault;
  AttachmentUpload() = default;

  Vault* vault_ = nullptr;
  kluis::v1::Record record_;  // stamped, without size and digest
  std::string reason_;
  bool text_ = false;
  BsnScanner scanner_;
  std::unique_ptr<BlobWriter> blob_;
  std::unique_ptr<ContentSealer> sealer_;  // writes into blob_
};

struct AttachmentDownload {
  kluis::v1::Record record;
  std::unique_ptr<ByteSource> content;  // plaintext
};

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_ATTACHMENT_H_
