// Base64 as age needs it: the standard alphabet, strict and canonical.
// Header stanzas use it without padding; the ASCII armor with padding. A
// decoder that accepts two spellings of the same bytes would let a header be
// altered without changing its meaning, so both decoders reject any input
// that the encoder would not have produced.
#ifndef KLUIS_DAEMON_CRYPTO_BASE64_H_
#define KLUIS_DAEMON_CRYPTO_BASE64_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace kluis::crypto {

std::string Base64EncodeRaw(absl::Span<const uint8_t> data);
std::string Base64EncodePadded(absl::Span<const uint8_t> data);

// nullopt when `text` is not canonical unpadded standard base64.
std::optional<std::vector<uint8_t>> Base64DecodeRaw(absl::string_view text);
// Appends to `out`; false when `text` is not canonical padded base64 (length
// a multiple of four, padding only at the end, zero unused bits).
bool Base64DecodePaddedAppend(absl::string_view text,
                              std::vector<uint8_t>* out);

bool IsBase64Char(char c);

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_BASE64_H_
