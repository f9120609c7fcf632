// RAII owners for the libcrypto handles the codec uses, and the one place that
// turns a failed libcrypto call into an absl::Status. OpenSSL's error queue
// is drained, never copied into a message: its text can carry no secret, but
// it is noise for a user and we report the operation that failed instead.
#ifndef KLUIS_DAEMON_CRYPTO_OPENSSL_HANDLES_H_
#define KLUIS_DAEMON_CRYPTO_OPENSSL_HANDLES_H_

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kluis::crypto {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
};
struct KdfCtxFree {
  void operator()(EVP_KDF_CTX* p) const { EVP_KDF_CTX_free(p); }
};

struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, KdfCtxFree>;

// Clears OpenSSL's thread error queue and returns kInternal naming `what`.
absl::Status OpenSslError(absl::string_view what);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_OPENSSL_HANDLES_H_
