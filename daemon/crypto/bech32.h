// Bech32 (BIP 173, the original checksum constant), as age uses it for
// recipients (`age1…`) and identities (`AGE-SECRET-KEY-1…`), without BIP 173's
// 90-character limit. Mixed case is rejected; the human-readable part is
// returned as written, so that callers can insist on age's own case
// (`age1…` lower, `AGE-SECRET-KEY-1…` upper), as the age CLI does.
#ifndef KLUIS_DAEMON_CRYPTO_BECH32_H_
#define KLUIS_DAEMON_CRYPTO_BECH32_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace kluis::crypto {

struct Bech32Data {
  std::string hrp;            // as written
  std::vector<uint8_t> data;  // 8-bit bytes
};

// Errors: kInvalidArgument naming the rule that failed (never the input).
absl::StatusOr<Bech32Data> Bech32Decode(absl::string_view text);

// Encodes with `hrp` (which must be lower case); upper-cases the result when
// `upper` is set, as age does for secret keys. The caller wipes the result
// when it is a secret.
std::string Bech32Encode(absl::string_view hrp, absl::Span<const uint8_t> data,
                         bool upper);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_BECH32_H_
