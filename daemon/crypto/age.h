// The age v1 file format: the one interface the rest of kluis uses to encrypt
// and decrypt. Streaming (bounded memory for any file size) and one-shot
// convenience calls for small records. Recipients and identities are X25519
// (x25519.h) and passphrase/scrypt (scrypt_recipient.h).
//
// Ownership: the streams returned keep pointers to `dst`/`src`, which the
// caller keeps alive until the stream is destroyed. Thread-safety: a stream is
// used by one thread; distinct streams may run concurrently.
#ifndef KLUIS_DAEMON_CRYPTO_AGE_H_
#define KLUIS_DAEMON_CRYPTO_AGE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "daemon/crypto/io.h"
#include "daemon/crypto/recipient.h"

namespace kluis::crypto {

struct EncryptOptions {
  bool armor = false;  // ASCII armor instead of binary
};

// Writes the header to `dst` at once; what is then written to the returned
// Writer is encrypted; Close() writes the final chunk (and the armor's end).
// Errors: kInvalidArgument for no recipients, or a passphrase recipient mixed
// with others; kInternal; `dst`'s write errors.
absl::StatusOr<std::unique_ptr<Writer>> NewEncryptor(
    absl::Span<const Recipient* const> recipients, Writer* dst,
    EncryptOptions options = {});

// Reads and checks the header before returning: armor detected by itself,
// header parsed, file key unwrapped with the first identity that can, header
// MAC verified, payload nonce read. Reads on the returned Reader release
// plaintext only after each 64 KiB chunk authenticates.
// Errors (see age_error.h): ArmorError, HeaderError, NoMatchError, HmacError
// here; PayloadError from Read; source I/O errors as is.
absl::StatusOr<std::unique_ptr<Reader>> NewDecryptor(
    absl::Span<const Identity* const> identities, Reader* src);

// One-shot forms for small buffers.
absl::StatusOr<std::vector<uint8_t>> Encrypt(
    absl::Span<const Recipient* const> recipients,
    absl::Span<const uint8_t> plaintext, EncryptOptions options = {});
absl::StatusOr<std::vector<uint8_t>> Decrypt(
    absl::Span<const Identity* const> identities,
    absl::Span<const uint8_t> ciphertext);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_AGE_H_
