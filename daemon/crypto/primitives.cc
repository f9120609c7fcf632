#include "daemon/crypto/primitives.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <climits>
#include <cstring>

namespace kluis::crypto {
namespace {

// Fetched once: an explicit fetch avoids a provider look-up on every call.
const EVP_CIPHER* ChaChaPoly() {
  static const EVP_CIPHER* cipher =
      EVP_CIPHER_fetch(nullptr, "ChaCha20-Poly1305", nullptr);
  return cipher;
}

EVP_KDF* Hkdf() {
  static EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  return kdf;
}

bool FitsInt(size_t n) { return n <= static_cast<size_t>(INT_MAX); }

absl::StatusOr<PkeyPtr> X25519PrivateKeyImport(const SecureBytes& private_key) {
  if (private_key.size() != kX25519KeySize) {
    return absl::InvalidArgumentError("x25519: private key must be 32 bytes");
  }
  PkeyPtr key(EVP_PKEY_new_raw_private_key_ex(
      nullptr, "X25519", nullptr, private_key.data(), private_key.size()));
  if (key == nullptr) return OpenSslError("X25519 private key import");
  return key;
}

}  // namespace

absl::Status RandomBytes(absl::Span<uint8_t> out) {
  if (out.empty()) return absl::OkStatus();
  if (!FitsInt(out.size()) ||
      RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    return OpenSslError("random generation");
  }
  return absl::OkStatus();
}

absl::StatusOr<SecureBytes> RandomSecret(size_t size) {
  SecureBytes out(size);
  if (size > 0 && (!FitsInt(size) ||
                   RAND_priv_bytes(out.data(), static_cast<int>(size)) != 1)) {
    return OpenSslError("random key generation");
  }
  return out;
}

absl::StatusOr<SecureBytes> HkdfSha256(absl::Span<const uint8_t> ikm,
                                       absl::Span<const uint8_t> salt,
                                       absl::string_view info, size_t size) {
  if (Hkdf() == nullptr) return OpenSslError("HKDF fetch");
  KdfCtxPtr ctx(EVP_KDF_CTX_new(Hkdf()));
  if (ctx == nullptr) return OpenSslError("HKDF context");
  char digest[] = "SHA256";
  OSSL_PARAM params[5];
  size_t n = 0;
  params[n++] =
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(
      OSSL_KDF_PARAM_KEY, const_cast<uint8_t*>(ikm.data()), ikm.size());
  if (!salt.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_SALT, const_cast<uint8_t*>(salt.data()), salt.size());
  }
  params[n++] = OSSL_PARAM_construct_octet_string(
      OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size());
  params[n++] = OSSL_PARAM_construct_end();
  SecureBytes out(size);
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
    return OpenSslError("HKDF derive");
  }
  return out;
}

absl::StatusOr<Sha256Digest> HmacSha256(absl::Span<const uint8_t> key,
                                        absl::Span<const uint8_t> data) {
  Sha256Digest out;
  size_t out_len = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(),
                key.size(), data.data(), data.size(), out.data(), out.size(),
                &out_len) == nullptr ||
      out_len != out.size()) {
    return OpenSslError("HMAC-SHA256");
  }
  return out;
}

absl::StatusOr<SecureBytes> Scrypt(absl::Span<const uint8_t> passphrase,
                                   absl::Span<const uint8_t> salt, int log_n,
                                   size_t size) {
  if (log_n < 1 || log_n > 30) {
    return absl::InvalidArgumentError("scrypt: work factor must be 1..30");
  }
  const uint64_t n = uint64_t{1} << log_n;
  const uint64_t r = 8, p = 1;
  // scrypt needs 128·r·N bytes for V plus 256·r for the block buffers.
  const uint64_t max_mem = 128 * r * n + 256 * r + (uint64_t{1} << 20);
  SecureBytes out(size);
  if (EVP_PBE_scrypt(reinterpret_cast<const char*>(passphrase.data()),
                     passphrase.size(), salt.data(), salt.size(), n, r, p,
                     max_mem, out.data(), out.size()) != 1) {
    ERR_clear_error();
    return absl::ResourceExhaustedError(
        "scrypt: key derivation failed (out of memory?)");
  }
  return out;
}

absl::StatusOr<X25519PrivateKey> X25519PrivateKey::FromBytes(
    const SecureBytes& secret) {
  absl::StatusOr<PkeyPtr> key = X25519PrivateKeyImport(secret);
  if (!key.ok()) return key.status();
  X25519Public pub;
  size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(key->get(), pub.data(), &len) != 1 ||
      len != pub.size()) {
    return OpenSslError("X25519 public key");
  }
  return X25519PrivateKey(std::move(*key), pub);
}

absl::StatusOr<SecureBytes> X25519PrivateKey::SharedSecret(
    absl::Span<const uint8_t> peer) const {
  if (peer.size() != kX25519KeySize) {
    return absl::InvalidArgumentError("x25519: public key must be 32 bytes");
  }
  PkeyPtr peer_key(EVP_PKEY_new_raw_public_key_ex(nullptr, "X25519", nullptr,
                                                  peer.data(), peer.size()));
  if (peer_key == nullptr) return OpenSslError("X25519 public key import");
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey_.get(), nullptr));
  if (ctx == nullptr) return OpenSslError("X25519 context");
  if (EVP_PKEY_derive_init(ctx.get()) != 1) {
    return OpenSslError("X25519 derive init");
  }
  // Peer validation off: OpenSSL would otherwise reject a low-order point
  // here, and we want to report it uniformly below.
  if (EVP_PKEY_derive_set_peer_ex(ctx.get(), peer_key.get(), 0) != 1) {
    return OpenSslError("X25519 set peer");
  }
  SecureBytes shared(kX25519KeySize);
  size_t len = shared.size();
  if (EVP_PKEY_derive(ctx.get(), shared.data(), &len) != 1) {
    // With valid 32-byte inputs the only failure left is libcrypto refusing
    // an all-zero result (a low-order peer point).
    ERR_clear_error();
    return absl::InvalidArgumentError(
        "x25519: shared secret is zero (low-order point)");
  }
  static const uint8_t kZero[kX25519KeySize] = {};
  if (len != kX25519KeySize || CRYPTO_memcmp(shared.data(), kZero, len) == 0) {
    return absl::InvalidArgumentError(
        "x25519: shared secret is zero (low-order point)");
  }
  return shared;
}

absl::StatusOr<X25519Public> X25519PublicKey(const SecureBytes& private_key) {
  absl::StatusOr<X25519PrivateKey> key =
      X25519PrivateKey::FromBytes(private_key);
  if (!key.ok()) return key.status();
  return key->public_key();
}

absl::StatusOr<SecureBytes> X25519SharedSecret(const SecureBytes& private_key,
                                               absl::Span<const uint8_t> peer) {
  absl::StatusOr<X25519PrivateKey> key =
      X25519PrivateKey::FromBytes(private_key);
  if (!key.ok()) return key.status();
  return key->SharedSecret(peer);
}

absl::StatusOr<std::vector<uint8_t>> SealWithZeroNonce(
    const SecureBytes& key, absl::Span<const uint8_t> plaintext) {
  absl::StatusOr<ChunkCipher> cipher = ChunkCipher::Create(key);
  if (!cipher.ok()) return cipher.status();
  static const uint8_t kNonce[kAeadNonceSize] = {};
  std::vector<uint8_t> out(plaintext.size() + kAeadTagSize);
  absl::Status s = cipher->Seal(kNonce, plaintext, out.data());
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<SecureBytes> OpenWithZeroNonce(
    const SecureBytes& key, absl::Span<const uint8_t> ciphertext) {
  if (ciphertext.size() < kAeadTagSize) {
    return absl::PermissionDeniedError("aead: ciphertext shorter than tag");
  }
  absl::StatusOr<ChunkCipher> cipher = ChunkCipher::Create(key);
  if (!cipher.ok()) return cipher.status();
  static const uint8_t kNonce[kAeadNonceSize] = {};
  SecureBytes out(ciphertext.size() - kAeadTagSize);
  absl::Status s = cipher->Open(kNonce, ciphertext, out.data());
  if (!s.ok()) return s;
  return out;
}

bool ConstantTimeEquals(absl::Span<const uint8_t> a,
                        absl::Span<const uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

absl::StatusOr<ChunkCipher> ChunkCipher::Create(const SecureBytes& key) {
  if (key.size() != kAeadKeySize) {
    return absl::InvalidArgumentError("aead: key must be 32 bytes");
  }
  if (ChaChaPoly() == nullptr) return OpenSslError("ChaCha20-Poly1305 fetch");
  CipherCtxPtr enc(EVP_CIPHER_CTX_new());
  CipherCtxPtr dec(EVP_CIPHER_CTX_new());
  if (enc == nullptr || dec == nullptr) return OpenSslError("cipher context");
  if (EVP_EncryptInit_ex2(enc.get(), ChaChaPoly(), key.data(), nullptr,
                          nullptr) != 1 ||
      EVP_DecryptInit_ex2(dec.get(), ChaChaPoly(), key.data(), nullptr,
                          nullptr) != 1) {
    return OpenSslError("ChaCha20-Poly1305 key setup");
  }
  return ChunkCipher(std::move(enc), std::move(dec));
}

absl::Status ChunkCipher::Seal(absl::Span<const uint8_t> nonce,
                               absl::Span<const uint8_t> in, uint8_t* out) {
  if (nonce.size() != kAeadNonceSize || !FitsInt(in.size())) {
    return absl::InvalidArgumentError("aead: bad nonce or chunk size");
  }
  int len = 0, fin = 0;
  if (EVP_EncryptInit_ex2(enc_.get(), nullptr, nullptr, nonce.data(),
                          nullptr) != 1 ||
      EVP_EncryptUpdate(enc_.get(), out, &len, in.data(),
                        static_cast<int>(in.size())) != 1 ||
      EVP_EncryptFinal_ex(enc_.get(), out + len, &fin) != 1 ||
      static_cast<size_t>(len + fin) != in.size() ||
      EVP_CIPHER_CTX_ctrl(enc_.get(), EVP_CTRL_AEAD_GET_TAG, kAeadTagSize,
                          out + in.size()) != 1) {
    return OpenSslError("ChaCha20-Poly1305 seal");
  }
  return absl::OkStatus();
}

absl::Status ChunkCipher::Open(absl::Span<const uint8_t> nonce,
                               absl::Span<const uint8_t> in, uint8_t* out) {
  if (nonce.size() != kAeadNonceSize || in.size() < kAeadTagSize ||
      !FitsInt(in.size())) {
    return absl::InvalidArgumentError("aead: bad nonce or chunk size");
  }
  const size_t body = in.size() - kAeadTagSize;
  uint8_t tag[kAeadTagSize];
  std::memcpy(tag, in.data() + body, kAeadTagSize);
  int len = 0, fin = 0;
  if (EVP_DecryptInit_ex2(dec_.get(), nullptr, nullptr, nonce.data(),
                          nullptr) != 1 ||
      EVP_DecryptUpdate(dec_.get(), out, &len, in.data(),
                        static_cast<int>(body)) != 1 ||
      EVP_CIPHER_CTX_ctrl(dec_.get(), EVP_CTRL_AEAD_SET_TAG, kAeadTagSize,
                          tag) != 1) {
    return OpenSslError("ChaCha20-Poly1305 open");
  }
  if (EVP_DecryptFinal_ex(dec_.get(), out + len, &fin) != 1 ||
      static_cast<size_t>(len + fin) != body) {
    // The tag did not verify: wipe what was decrypted into `out`.
    ERR_clear_error();
    OPENSSL_cleanse(out, body);
    return absl::PermissionDeniedError("aead: authentication tag mismatch");
  }
  return absl::OkStatus();
}

}  // namespace kluis::crypto
