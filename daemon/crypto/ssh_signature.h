// Ed25519 commit signing in git's SSH signature format (OpenSSH's
// PROTOCOL.sshsig, "-----BEGIN SSH SIGNATURE-----"), so that stock
// `git verify-commit` with gpg.format=ssh and an allowed-signers file
// checks the commits kluisd makes, and so do we.
//
// Thread-safety: a key is immutable after construction; free functions are
// pure.
#ifndef KLUIS_DAEMON_CRYPTO_SSH_SIGNATURE_H_
#define KLUIS_DAEMON_CRYPTO_SSH_SIGNATURE_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

inline constexpr absl::string_view kGitSignatureNamespace = "git";

class Ed25519SigningKey {
 public:
  // Errors: kInternal from libcrypto.
  static absl::StatusOr<Ed25519SigningKey> Generate();
  // `seed` is the 32-byte private key. Errors: kInvalidArgument.
  static absl::StatusOr<Ed25519SigningKey> FromSeed(SecureBytes seed);

  const SecureBytes& seed() const { return seed_; }
  // "ssh-ed25519 AAAA… <comment>", as in an authorized_keys file.
  std::string PublicKeyLine(absl::string_view comment) const;
  // The armored SSH signature of `message` in namespace `ns`, hashed with
  // SHA-512. Errors: kInternal.
  absl::StatusOr<std::string> Sign(absl::string_view message,
                                   absl::string_view ns) const;

 private:
  Ed25519SigningKey(SecureBytes seed, std::array<uint8_t, 32> pub)
      : seed_(std::move(seed)), pub_(pub) {}
  SecureBytes seed_;
  std::array<uint8_t, 32> pub_;
};

// Checks an armored SSH signature of `message` in namespace `ns` against
// the public key line. Errors: kInvalidArgument for a malformed key line;
// kDataLoss for a malformed signature; kPermissionDenied when it is well
// formed but made by another key, for another namespace, or over other
// bytes.
absl::Status VerifySshSignature(absl::string_view public_key_line,
                                absl::string_view message,
                                absl::string_view armored,
                                absl::string_view ns);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_SSH_SIGNATURE_H_
