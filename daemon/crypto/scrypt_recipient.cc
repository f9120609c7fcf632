#include "daemon/crypto/scrypt_recipient.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/base64.h"
#include "daemon/crypto/primitives.h"

namespace kluis::crypto {
namespace {

constexpr absl::string_view kStanzaType = "scrypt";
constexpr absl::string_view kSaltLabel = "age-encryption.org/v1/scrypt";
constexpr size_t kSaltSize = 16;

absl::StatusOr<SecureBytes> DeriveKey(const SecureBytes& passphrase,
                                      absl::Span<const uint8_t> salt,
                                      int work_factor) {
  std::vector<uint8_t> full_salt(kSaltLabel.begin(), kSaltLabel.end());
  full_salt.insert(full_salt.end(), salt.begin(), salt.end());
  return Scrypt(passphrase.span(), full_salt, work_factor, kAeadKeySize);
}

// Decimal without sign, leading zeros or other characters.
std::optional<int> ParseWorkFactor(absl::string_view s) {
  if (s.empty() || s.size() > 2 || s[0] == '0') return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

absl::StatusOr<ScryptRecipient> ScryptRecipient::Create(SecureBytes passphrase,
                                                        int work_factor) {
  if (passphrase.empty()) {
    return absl::InvalidArgumentError("passphrase: must not be empty");
  }
  if (work_factor < 1 || work_factor > kMaxScryptWorkFactor) {
    return absl::InvalidArgumentError(
        absl::StrCat("work factor: must be 1..", kMaxScryptWorkFactor));
  }
  return ScryptRecipient(std::move(passphrase), work_factor);
}

absl::StatusOr<std::vector<Stanza>> ScryptRecipient::Wrap(
    const SecureBytes& file_key) const {
  std::vector<uint8_t> salt(kSaltSize);
  absl::Status s = RandomBytes(absl::MakeSpan(salt));
  if (!s.ok()) return s;
  absl::StatusOr<SecureBytes> key = DeriveKey(passphrase_, salt, work_factor_);
  if (!key.ok()) return key.status();
  absl::StatusOr<std::vector<uint8_t>> body =
      SealWithZeroNonce(*key, file_key.span());
  if (!body.ok()) return body.status();
  std::vector<Stanza> out(1);
  out[0].type = std::string(kStanzaType);
  out[0].args = {Base64EncodeRaw(salt), absl::StrCat(work_factor_)};
  out[0].body = std::move(*body);
  return out;
}

absl::StatusOr<SecureBytes> ScryptIdentity::Unwrap(
    absl::Span<const Stanza> stanzas) const {
  for (const Stanza& st : stanzas) {
    if (st.type != kStanzaType) continue;
    if (st.args.size() != 2) {
      return HeaderError("scrypt stanza must have exactly two arguments");
    }
    std::optional<std::vector<uint8_t>> salt = Base64DecodeRaw(st.args[0]);
    if (!salt.has_value() || salt->size() != kSaltSize) {
      return HeaderError("scrypt salt must be 16 bytes of canonical base64");
    }
    std::optional<int> wf = ParseWorkFactor(st.args[1]);
    if (!wf.has_value()) {
      return HeaderError("scrypt work factor must be a plain decimal number");
    }
    if (*wf > max_work_factor_) {
      return HeaderError(absl::StrCat("scrypt work factor above the limit of ",
                                      max_work_factor_));
    }
    if (st.body.size() != kFileKeySize + kAeadTagSize) {
      return HeaderError("scrypt stanza body must be 32 bytes");
    }
    absl::StatusOr<SecureBytes> key = DeriveKey(passphrase_, *salt, *wf);
    if (!key.ok()) return key.status();
    absl::StatusOr<SecureBytes> file_key = OpenWithZeroNonce(*key, st.body);
    if (file_key.ok()) return file_key;
    if (!absl::IsPermissionDenied(file_key.status())) return file_key.status();
  }
  return NoMatchError();
}

}  // namespace kluis::crypto
