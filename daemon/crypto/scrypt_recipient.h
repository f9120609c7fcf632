// age's passphrase recipient type (spec "The scrypt recipient type"). A file
// encrypted to a passphrase has exactly one stanza; the decryptor enforces it.
//
// Thread-safety: immutable after construction.
#ifndef KLUIS_DAEMON_CRYPTO_SCRYPT_RECIPIENT_H_
#define KLUIS_DAEMON_CRYPTO_SCRYPT_RECIPIENT_H_

#include "daemon/crypto/recipient.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

inline constexpr int kDefaultScryptWorkFactor = 18;
// Decryption refuses higher factors: 2^22 already needs 4 GiB and seconds.
inline constexpr int kMaxScryptWorkFactor = 22;

class ScryptRecipient : public Recipient {
 public:
  // `work_factor` is log2(N); valid 1..kMaxScryptWorkFactor.
  // Errors: kInvalidArgument for an empty passphrase or a bad work factor.
  static absl::StatusOr<ScryptRecipient> Create(
      SecureBytes passphrase, int work_factor = kDefaultScryptWorkFactor);

  absl::StatusOr<std::vector<Stanza>> Wrap(
      const SecureBytes& file_key) const override;
  bool RequiresSoleRecipient() const override { return true; }

 private:
  ScryptRecipient(SecureBytes passphrase, int work_factor)
      : passphrase_(std::move(passphrase)), work_factor_(work_factor) {}
  SecureBytes passphrase_;
  int work_factor_;
};

class ScryptIdentity : public Identity {
 public:
  explicit ScryptIdentity(SecureBytes passphrase,
                          int max_work_factor = kMaxScryptWorkFactor)
      : passphrase_(std::move(passphrase)), max_work_factor_(max_work_factor) {}

  absl::StatusOr<SecureBytes> Unwrap(
      absl::Span<const Stanza> stanzas) const override;

 private:
  SecureBytes passphrase_;
  int max_work_factor_;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_SCRYPT_RECIPIENT_H_
