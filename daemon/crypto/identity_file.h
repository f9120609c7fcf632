// age identity files: one `AGE-SECRET-KEY-1…` per line, blank lines and `#`
// comments ignored, as written by age-keygen. Used by kluis-age and, later,
// by the vault's key files.
#ifndef KLUIS_DAEMON_CRYPTO_IDENTITY_FILE_H_
#define KLUIS_DAEMON_CRYPTO_IDENTITY_FILE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/crypto/secure_bytes.h"
#include "daemon/crypto/x25519.h"

namespace kluis::crypto {

// Errors: kInvalidArgument "identity file line N: …" (never quoting the line);
// kUnimplemented for identity types we do not support (post-quantum hybrid
// `AGE-SECRET-KEY-PQ-1…`, plugins); kInvalidArgument when the file holds no
// identity at all.
absl::StatusOr<std::vector<X25519Identity>> ParseIdentityFile(
    absl::string_view text);

// The identity file text for `id`, in age-keygen's layout: created time and
// public key as comments, then the secret key line. Held in locked memory.
SecureBytes FormatIdentityFile(const X25519Identity& id, absl::Time created);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_IDENTITY_FILE_H_
