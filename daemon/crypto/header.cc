#include "daemon/crypto/header.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/base64.h"

namespace kluis::crypto {
namespace {

constexpr size_t kColumns = 64;
constexpr absl::string_view kStanzaPrefix = "-> ";
constexpr absl::string_view kFooterPrefix = "---";
// An argument line may carry a post-quantum share (~1.5 KB of base64).
constexpr size_t kMaxArgLine = 64 * 1024;

bool IsArgChar(char c) { return c >= 33 && c <= 126; }

absl::StatusOr<std::string> NextLine(BufferedReader& in, size_t max_len,
                                     size_t* total) {
  absl::StatusOr<BufferedReader::Line> line = in.ReadLine(max_len);
  if (!line.ok()) return line.status();
  if (line->end == BufferedReader::LineEnd::kTooLong) {
    return HeaderError("line too long");
  }
  if (line->end == BufferedReader::LineEnd::kEof) {
    return HeaderError("truncated (line without newline)");
  }
  *total += line->text.size() + 1;
  if (*total > kMaxHeaderSize) return HeaderError("header too large");
  return std::move(line->text);
}

absl::Status ParseStanzaArgs(absl::string_view content, Stanza* stanza) {
  if (content.empty()) return HeaderError("stanza without a type");
  std::vector<std::string> parts = absl::StrSplit(content, ' ');
  for (const std::string& p : parts) {
    if (p.empty()) return HeaderError("stanza has an empty argument");
    for (char c : p) {
      if (!IsArgChar(c))
        return HeaderError("stanza argument has an invalid character");
    }
  }
  stanza->type = std::move(parts[0]);
  stanza->args.assign(std::make_move_iterator(parts.begin() + 1),
                      std::make_move_iterator(parts.end()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Header> ReadHeader(BufferedReader& in) {
  Header header;
  size_t total = 0;
  absl::StatusOr<std::string> line = NextLine(in, kMaxArgLine, &total);
  if (!line.ok()) {
    if (GetAgeErrorKind(line.status()) == AgeErrorKind::kHeader) {
      return HeaderError("not an age file (no version line)");
    }
    return line.status();
  }
  if (*line != kAgeVersionLine) {
    if (absl::StartsWith(*line, "age-encryption.org/")) {
      return HeaderError("unsupported age version");
    }
    return HeaderError("not an age file (no version line)");
  }
  std::string mac_input = absl::StrCat(*line, "\n");

  line = NextLine(in, kMaxArgLine, &total);
  while (true) {
    if (!line.ok()) return line.status();
    if (absl::StartsWith(*line, kFooterPrefix)) break;
    if (!absl::StartsWith(*line, kStanzaPrefix)) {
      return HeaderError("expected a stanza (\"-> \") or the MAC line");
    }
    Stanza stanza;
    absl::Status s = ParseStanzaArgs(
        absl::string_view(*line).substr(kStanzaPrefix.size()), &stanza);
    if (!s.ok()) return s;
    absl::StrAppend(&mac_input, *line, "\n");
    // Body: full 64-column lines, ended by the first shorter (maybe empty) one.
    while (true) {
      absl::StatusOr<std::string> body_line = NextLine(in, kColumns, &total);
      if (!body_line.ok()) return body_line.status();
      if (absl::StartsWith(*body_line, kStanzaPrefix) ||
          absl::StartsWith(*body_line, kFooterPrefix)) {
        return HeaderError("stanza body must end with a short line");
      }
      std::optional<std::vector<uint8_t>> bytes = Base64DecodeRaw(*body_line);
      if (!bytes.has_value()) {
        return HeaderError("stanza body is not canonical base64");
      }
      stanza.body.insert(stanza.body.end(), bytes->begin(), bytes->end());
      absl::StrAppend(&mac_input, *body_line, "\n");
      if (body_line->size() < kColumns) break;
    }
    header.stanzas.push_back(std::move(stanza));
    line = NextLine(in, kMaxArgLine, &total);
  }

  if (header.stanzas.empty()) return HeaderError("no recipient stanzas");
  // The MAC line: "--- " and 43 characters of unpadded base64.
  absl::string_view footer = *line;
  if (!absl::StartsWith(footer, "--- ")) {
    return HeaderError("MAC line must be \"--- \" and the MAC");
  }
  std::optional<std::vector<uint8_t>> mac = Base64DecodeRaw(footer.substr(4));
  if (!mac.has_value() || mac->size() != header.mac.size()) {
    return HeaderError("MAC is not 32 bytes of canonical base64");
  }
  std::copy(mac->begin(), mac->end(), header.mac.begin());
  absl::StrAppend(&mac_input, kFooterPrefix);
  header.mac_input = std::move(mac_input);
  return header;
}

std::string EncodeHeaderMacInput(const std::vector<Stanza>& stanzas) {
  std::string out = absl::StrCat(kAgeVersionLine, "\n");
  for (const Stanza& st : stanzas) {
    absl::StrAppend(&out, kStanzaPrefix, st.type);
    for (const std::string& a : st.args) absl::StrAppend(&out, " ", a);
    out.push_back('\n');
    const std::string b64 = Base64EncodeRaw(st.body);
    size_t i = 0;
    for (; i + kColumns <= b64.size(); i += kColumns) {
      absl::StrAppend(&out, absl::string_view(b64).substr(i, kColumns), "\n");
    }
    // Always a final short line, empty when the body fills whole lines.
    absl::StrAppend(&out, absl::string_view(b64).substr(i), "\n");
  }
  absl::StrAppend(&out, kFooterPrefix);
  return out;
}

absl::StatusOr<Sha256Digest> ComputeHeaderMac(const SecureBytes& file_key,
                                              absl::string_view mac_input) {
  absl::StatusOr<SecureBytes> key =
      HkdfSha256(file_key.span(), {}, "header", kSha256Size);
  if (!key.ok()) return key.status();
  return HmacSha256(key->span(), AsBytes(mac_input));
}

std::string EncodeHeader(absl::string_view mac_input, const Sha256Digest& mac) {
  return absl::StrCat(mac_input, " ", Base64EncodeRaw(mac), "\n");
}

}  // namespace kluis::crypto
