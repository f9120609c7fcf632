// The two sides of an age recipient type. A Recipient wraps a file key into
// header stanzas; an Identity unwraps it again. New recipient types (e.g. the
// post-quantum hybrid, once libcrypto has ML-KEM) plug in here.
//
// Thread-safety: implementations are immutable after construction and may be
// shared between threads.
#ifndef KLUIS_DAEMON_CRYPTO_RECIPIENT_H_
#define KLUIS_DAEMON_CRYPTO_RECIPIENT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "daemon/crypto/header.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

inline constexpr size_t kFileKeySize = 16;

class Recipient {
 public:
  virtual ~Recipient() = default;
  // Errors: kInternal from libcrypto.
  virtual absl::StatusOr<std::vector<Stanza>> Wrap(
      const SecureBytes& file_key) const = 0;
  // A passphrase (scrypt) recipient must be the only one in a file.
  virtual bool RequiresSoleRecipient() const { return false; }
};

class Identity {
 public:
  virtual ~Identity() = default;
  // Returns the 16-byte file key from the first stanza this identity opens.
  // Errors: NoMatchError() when no stanza is for this identity; a HeaderError
  // when a stanza of this identity's type is malformed (even if it is meant
  // for someone else, as the spec requires).
  virtual absl::StatusOr<SecureBytes> Unwrap(
      absl::Span<const Stanza> stanzas) const = 0;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_RECIPIENT_H_
