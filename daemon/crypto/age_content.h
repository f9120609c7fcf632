// Streaming age encryption and decryption behind core's ByteSink and
// ByteSource, for attachments: bounded memory whatever the file's size.
// The sealer also hashes the plaintext (SHA-256) as it passes.
//
// Thread-safety: each object is used by one thread at a time. The
// recipient / identity passed in must outlive the object.
#ifndef KLUIS_DAEMON_CRYPTO_AGE_CONTENT_H_
#define KLUIS_DAEMON_CRYPTO_AGE_CONTENT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "daemon/core/byte_stream.h"
#include "daemon/crypto/recipient.h"

namespace kluis::crypto {

// Errors: kInternal from libcrypto.
absl::StatusOr<std::unique_ptr<core::ContentSealer>> NewContentSealer(
    std::shared_ptr<const void> keep_alive, const Recipient* recipient,
    core::ByteSink* out);

// Errors (also from Read): kDataLoss when the stream is damaged or was
// not encrypted to `identity`.
absl::StatusOr<std::unique_ptr<core::ByteSource>> NewContentOpener(
    std::shared_ptr<const void> keep_alive, const Identity* identity,
    std::unique_ptr<core::ByteSource> in);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_AGE_CONTENT_H_
