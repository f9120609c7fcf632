// The age v1 header: recipient stanzas and the header MAC, parsed strictly and
// encoded canonically (C2SP age spec, "Header"). Parsing only checks syntax;
// what a stanza means is up to the Identity that recognises its type.
#ifndef KLUIS_DAEMON_CRYPTO_HEADER_H_
#define KLUIS_DAEMON_CRYPTO_HEADER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/crypto/buffered_reader.h"
#include "daemon/crypto/primitives.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

inline constexpr absl::string_view kAgeVersionLine = "age-encryption.org/v1";
// A header larger than this is refused, so that a hostile file cannot make a
// reader buffer without bound. Real headers are a few hundred bytes per
// recipient.
inline constexpr size_t kMaxHeaderSize = 1 << 20;

struct Stanza {
  std::string type;
  std::vector<std::string> args;
  std::vector<uint8_t> body;
};

struct Header {
  std::vector<Stanza> stanzas;
  Sha256Digest mac{};
  // The header bytes the MAC covers: everything up to and including "---".
  std::string mac_input;
};

// Reads the header from `in`, leaving `in` at the first payload byte.
// Errors: a HeaderError naming the rule that failed; I/O errors as returned
// by the source.
absl::StatusOr<Header> ReadHeader(BufferedReader& in);

// The canonical encoding of `stanzas` up to and including "---".
std::string EncodeHeaderMacInput(const std::vector<Stanza>& stanzas);

// HMAC-SHA256 under HKDF(file_key, info "header") over `mac_input`.
absl::StatusOr<Sha256Digest> ComputeHeaderMac(const SecureBytes& file_key,
                                              absl::string_view mac_input);

// The full header: mac_input, " ", base64(mac), "\n".
std::string EncodeHeader(absl::string_view mac_input, const Sha256Digest& mac);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_HEADER_H_
