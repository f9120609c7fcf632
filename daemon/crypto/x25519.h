// age's native recipient type: X25519 (spec "The X25519 recipient type").
// Recipients are written `age1…`, identities `AGE-SECRET-KEY-1…` (Bech32).
//
// Thread-safety: both types are immutable after construction.
#ifndef KLUIS_DAEMON_CRYPTO_X25519_H_
#define KLUIS_DAEMON_CRYPTO_X25519_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/crypto/primitives.h"
#include "daemon/crypto/recipient.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

class X25519Recipient : public Recipient {
 public:
  explicit X25519Recipient(const X25519Public& key) : key_(key) {}
  // Errors: kInvalidArgument ("recipient: …") for anything but an `age1…`
  // string holding 32 bytes.
  static absl::StatusOr<X25519Recipient> Parse(absl::string_view text);

  std::string Encode() const;  // age1…
  const X25519Public& key() const { return key_; }

  absl::StatusOr<std::vector<Stanza>> Wrap(
      const SecureBytes& file_key) const override;

 private:
  X25519Public key_;
};

class X25519Identity : public Identity {
 public:
  // A fresh identity from the CSPRNG. Errors: kInternal.
  static absl::StatusOr<X25519Identity> Generate();
  // Errors: kInvalidArgument ("identity: …") for anything but an
  // `AGE-SECRET-KEY-1…` string holding 32 bytes; the message never quotes it.
  static absl::StatusOr<X25519Identity> Parse(absl::string_view text);

  // The `AGE-SECRET-KEY-1…` string, in locked memory.
  SecureBytes Encode() const;
  const X25519Recipient& recipient() const { return recipient_; }

  absl::StatusOr<SecureBytes> Unwrap(
      absl::Span<const Stanza> stanzas) const override;

 private:
  X25519Identity(SecureBytes secret, X25519PrivateKey key)
      : secret_(std::move(secret)),
        key_(std::move(key)),
        recipient_(key_.public_key()) {}
  SecureBytes secret_;
  X25519PrivateKey key_;  // imported once: no scalar multiplication per file
  X25519Recipient recipient_;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_X25519_H_
