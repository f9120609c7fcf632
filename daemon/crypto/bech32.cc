#include "daemon/crypto/bech32.h"

#include <openssl/crypto.h>

#include "absl/strings/ascii.h"

namespace kluis::crypto {
namespace {

// Bech32 strings here often carry secret keys: every intermediate buffer is
// sized up front (no reallocation leaves copies behind) and wiped.
void Wipe(std::vector<uint8_t>& v) {
  if (!v.empty()) OPENSSL_cleanse(v.data(), v.size());
}

constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

uint32_t Polymod(const std::vector<uint8_t>& values) {
  static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                       0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGen[i];
    }
  }
  return chk;
}

std::vector<uint8_t> HrpExpand(absl::string_view hrp) {
  std::vector<uint8_t> out;
  out.reserve(hrp.size() * 2 + 1);
  for (char c : hrp) out.push_back(static_cast<uint8_t>(c) >> 5);
  out.push_back(0);
  for (char c : hrp) out.push_back(static_cast<uint8_t>(c) & 31);
  return out;
}

// Regroups bits; `pad` on encode, strict (no leftover non-zero bits, at most
// 4 bits of padding) on decode.
bool ConvertBits(absl::Span<const uint8_t> in, int from, int to, bool pad,
                 std::vector<uint8_t>* out) {
  uint32_t acc = 0;
  int bits = 0;
  const uint32_t maxv = (1u << to) - 1;
  for (uint8_t v : in) {
    if ((v >> from) != 0) return false;
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out->push_back(static_cast<uint8_t>((acc >> bits) & maxv));
    }
    acc &= (1u << bits) - 1;
  }
  if (pad) {
    if (bits > 0)
      out->push_back(static_cast<uint8_t>((acc << (to - bits)) & maxv));
  } else if (bits >= from || acc != 0) {
    return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<Bech32Data> Bech32Decode(absl::string_view text) {
  bool lower = false, upper = false;
  for (char c : text) {
    if (c < 33 || c > 126) {
      return absl::InvalidArgumentError("bech32: invalid character");
    }
    lower |= absl::ascii_islower(c);
    upper |= absl::ascii_isupper(c);
  }
  if (lower && upper) return absl::InvalidArgumentError("bech32: mixed case");
  const size_t sep = text.rfind('1');
  if (sep == absl::string_view::npos || sep == 0 || sep + 7 > text.size()) {
    return absl::InvalidArgumentError("bech32: separator or checksum missing");
  }
  const std::string hrp_lower = absl::AsciiStrToLower(text.substr(0, sep));
  std::vector<uint8_t> values = HrpExpand(hrp_lower);
  values.reserve(values.size() + text.size() - sep - 1);
  std::vector<uint8_t> data5;
  data5.reserve(text.size() - sep - 1);
  for (char c : text.substr(sep + 1)) {
    const char* p =
        std::char_traits<char>::find(kCharset, 32, absl::ascii_tolower(c));
    if (p == nullptr) {
      Wipe(data5);
      return absl::InvalidArgumentError("bech32: invalid data character");
    }
    data5.push_back(static_cast<uint8_t>(p - kCharset));
  }
  values.insert(values.end(), data5.begin(), data5.end());
  const bool checksum_ok = Polymod(values) == 1;
  Wipe(values);
  if (!checksum_ok) {
    Wipe(data5);
    return absl::InvalidArgumentError("bech32: checksum mismatch");
  }
  data5.resize(data5.size() - 6);
  Bech32Data out;
  out.hrp = std::string(text.substr(0, sep));
  out.data.reserve(data5.size() * 5 / 8);
  const bool bits_ok = ConvertBits(data5, 5, 8, false, &out.data);
  Wipe(data5);
  if (!bits_ok) {
    Wipe(out.data);
    return absl::InvalidArgumentError("bech32: invalid padding");
  }
  return out;
}

std::string Bech32Encode(absl::string_view hrp, absl::Span<const uint8_t> data,
                         bool upper) {
  std::vector<uint8_t> data5;
  data5.reserve((data.size() * 8 + 4) / 5);
  ConvertBits(data, 8, 5, true, &data5);
  std::vector<uint8_t> values = HrpExpand(hrp);
  values.reserve(values.size() + data5.size() + 6);
  values.insert(values.end(), data5.begin(), data5.end());
  values.insert(values.end(), 6, 0);
  const uint32_t mod = Polymod(values) ^ 1;
  Wipe(values);
  auto emit = [upper](char c) { return upper ? absl::ascii_toupper(c) : c; };
  std::string out;
  out.reserve(hrp.size() + 1 + data5.size() + 6);
  for (char c : hrp) out.push_back(emit(c));
  out.push_back('1');
  for (uint8_t v : data5) out.push_back(emit(kCharset[v]));
  for (int i = 0; i < 6; ++i) {
    out.push_back(emit(kCharset[(mod >> (5 * (5 - i))) & 31]));
  }
  Wipe(data5);
  return out;
}

}  // namespace kluis::crypto
