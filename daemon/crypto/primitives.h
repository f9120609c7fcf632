// The libcrypto primitives age is built from, behind functions that take spans
// and return absl::Status: X25519, ChaCha20-Poly1305, HKDF-SHA256,
// HMAC-SHA256, scrypt and the CSPRNG. Every libcrypto return code is checked.
//
// Thread-safety: all functions are safe to call concurrently. ChunkCipher is
// one object per stream and not shared.
#ifndef KLUIS_DAEMON_CRYPTO_PRIMITIVES_H_
#define KLUIS_DAEMON_CRYPTO_PRIMITIVES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "daemon/crypto/openssl_handles.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

inline constexpr size_t kX25519KeySize = 32;
inline constexpr size_t kAeadKeySize = 32;
inline constexpr size_t kAeadNonceSize = 12;
inline constexpr size_t kAeadTagSize = 16;
inline constexpr size_t kSha256Size = 32;

using X25519Public = std::array<uint8_t, kX25519KeySize>;
using Sha256Digest = std::array<uint8_t, kSha256Size>;

// Fills `out` from the CSPRNG. Errors: kInternal.
absl::Status RandomBytes(absl::Span<uint8_t> out);
// A fresh random secret of `size` bytes. Errors: kInternal.
absl::StatusOr<SecureBytes> RandomSecret(size_t size);

// HKDF-SHA256 (RFC 5869). An empty salt means no salt. Errors: kInternal.
absl::StatusOr<SecureBytes> HkdfSha256(absl::Span<const uint8_t> ikm,
                                       absl::Span<const uint8_t> salt,
                                       absl::string_view info, size_t size);

// HMAC-SHA256 of `data` under `key`. Errors: kInternal.
absl::StatusOr<Sha256Digest> HmacSha256(absl::Span<const uint8_t> key,
                                        absl::Span<const uint8_t> data);

// scrypt with N = 2^log_n, r = 8, p = 1. Errors: kInvalidArgument for log_n
// outside 1..30, kResourceExhausted if memory runs out, kInternal.
absl::StatusOr<SecureBytes> Scrypt(absl::Span<const uint8_t> passphrase,
                                   absl::Span<const uint8_t> salt, int log_n,
                                   size_t size);

// The X25519 public key of a 32-byte private scalar. Errors: kInvalidArgument
// for a wrong size, kInternal.
absl::StatusOr<X25519Public> X25519PublicKey(const SecureBytes& private_key);

// X25519(private_key, peer). Errors: kInvalidArgument when the result is the
// all-zero value (peer is a low-order point), kInternal.
absl::StatusOr<SecureBytes> X25519SharedSecret(const SecureBytes& private_key,
                                               absl::Span<const uint8_t> peer);

// An X25519 private key imported into libcrypto once. Importing computes the
// public key (a full scalar multiplication), so identities keep one of these
// instead of re-importing their secret for every file.
// Thread-safety: immutable; SharedSecret may run concurrently.
class X25519PrivateKey {
 public:
  // Errors: kInvalidArgument for a wrong size, kInternal.
  static absl::StatusOr<X25519PrivateKey> FromBytes(const SecureBytes& secret);
  const X25519Public& public_key() const { return public_; }
  // Errors: kInvalidArgument when the result is all zero (low-order peer),
  // kInternal.
  absl::StatusOr<SecureBytes> SharedSecret(
      absl::Span<const uint8_t> peer) const;

 private:
  X25519PrivateKey(PkeyPtr pkey, const X25519Public& pub)
      : pkey_(std::move(pkey)), public_(pub) {}
  PkeyPtr pkey_;
  X25519Public public_;
};

// ChaCha20-Poly1305 with an all-zero nonce, for age's single-use wrap keys.
// Seal returns ciphertext || tag.
absl::StatusOr<std::vector<uint8_t>> SealWithZeroNonce(
    const SecureBytes& key, absl::Span<const uint8_t> plaintext);
// Errors: kPermissionDenied when the tag does not verify, kInternal.
absl::StatusOr<SecureBytes> OpenWithZeroNonce(
    const SecureBytes& key, absl::Span<const uint8_t> ciphertext);

// Constant-time equality of two byte strings of public length.
bool ConstantTimeEquals(absl::Span<const uint8_t> a,
                        absl::Span<const uint8_t> b);

// ChaCha20-Poly1305 under one fixed key, many nonces: the STREAM cipher. Keeps
// one EVP context so that a 64 KiB chunk costs no key schedule or allocation.
class ChunkCipher {
 public:
  // Errors: kInvalidArgument for a key that is not 32 bytes, kInternal.
  static absl::StatusOr<ChunkCipher> Create(const SecureBytes& key);

  // out must hold in.size() + kAeadTagSize bytes. Errors: kInternal.
  absl::Status Seal(absl::Span<const uint8_t> nonce,
                    absl::Span<const uint8_t> in, uint8_t* out);
  // `in` is ciphertext || tag; out must hold in.size() - kAeadTagSize bytes.
  // Errors: kPermissionDenied when the tag does not verify, kInternal.
  absl::Status Open(absl::Span<const uint8_t> nonce,
                    absl::Span<const uint8_t> in, uint8_t* out);

 private:
  explicit ChunkCipher(CipherCtxPtr enc, CipherCtxPtr dec)
      : enc_(std::move(enc)), dec_(std::move(dec)) {}
  CipherCtxPtr enc_;
  CipherCtxPtr dec_;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_PRIMITIVES_H_
