#include "daemon/crypto/base64.h"

#include <array>

namespace kluis::crypto {
namespace {

constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = i;
  return t;
}
constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

std::string Encode(absl::Span<const uint8_t> data, bool pad) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const size_t rest = data.size() - i;
  if (rest == 1) {
    uint32_t v = data[i] << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (pad) out.append("==");
  } else if (rest == 2) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    if (pad) out.push_back('=');
  }
  return out;
}

// Decodes unpadded `text` (no '=' allowed) into `out`. Rejects a length of
// 1 mod 4 and non-zero unused bits in the last symbol.
bool DecodeUnpadded(absl::string_view text, std::vector<uint8_t>* out) {
  if (text.size() % 4 == 1) return false;
  out->reserve(out->size() + text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int8_t v = kDecode[static_cast<uint8_t>(c)];
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  // Leftover bits must be zero for the encoding to be canonical.
  return acc == 0;
}

}  // namespace

bool IsBase64Char(char c) { return kDecode[static_cast<uint8_t>(c)] >= 0; }

std::string Base64EncodeRaw(absl::Span<const uint8_t> data) {
  return Encode(data, false);
}

std::string Base64EncodePadded(absl::Span<const uint8_t> data) {
  return Encode(data, true);
}

std::optional<std::vector<uint8_t>> Base64DecodeRaw(absl::string_view text) {
  std::vector<uint8_t> out;
  if (!DecodeUnpadded(text, &out)) return std::nullopt;
  return out;
}

bool Base64DecodePaddedAppend(absl::string_view text,
                              std::vector<uint8_t>* out) {
  if (text.size() % 4 != 0) return false;
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') {
    pad = 1;
    if (text.size() >= 2 && text[text.size() - 2] == '=') pad = 2;
  }
  return DecodeUnpadded(text.substr(0, text.size() - pad), out);
}

}  // namespace kluis::crypto
