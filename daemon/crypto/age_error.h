// The failure categories of age decryption, as the age spec's test vectors
// (CCTV) name them, carried on an absl::Status as a payload so that callers
// and tests can tell them apart without parsing messages.
//
// Codes: armor, header, HMAC and payload failures are kDataLoss (the file is
// corrupt or was tampered with); "no match" is kPermissionDenied (none of the
// caller's identities or passphrases opens the file). Messages describe the
// rule that failed and never carry key material or plaintext.
#ifndef KLUIS_DAEMON_CRYPTO_AGE_ERROR_H_
#define KLUIS_DAEMON_CRYPTO_AGE_ERROR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kluis::crypto {

enum class AgeErrorKind {
  kNone,     // not an age decryption failure (OK, or I/O, or misuse)
  kArmor,    // the ASCII armor is malformed
  kHeader,   // the header (or the payload nonce) does not parse
  kNoMatch,  // no identity unwrapped any stanza
  kHmac,     // the file key was found but the header MAC does not verify
  kPayload,  // the STREAM payload fails to authenticate or is truncated
};

absl::Status ArmorError(absl::string_view rule);
absl::Status HeaderError(absl::string_view rule);
absl::Status NoMatchError();
absl::Status HmacError();
absl::Status PayloadError(absl::string_view rule);

AgeErrorKind GetAgeErrorKind(const absl::Status& status);
absl::string_view AgeErrorKindName(AgeErrorKind kind);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_AGE_ERROR_H_
