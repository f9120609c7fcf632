#include "daemon/crypto/x25519.h"

#include <openssl/crypto.h>

#include "daemon/crypto/age_error.h"
#include "daemon/crypto/base64.h"
#include "daemon/crypto/bech32.h"

namespace kluis::crypto {
namespace {

constexpr absl::string_view kRecipientHrp = "age";
constexpr absl::string_view kIdentityHrp = "age-secret-key-";
// As written in files: the age CLI accepts only these spellings.
constexpr absl::string_view kIdentityHrpUpper = "AGE-SECRET-KEY-";
constexpr absl::string_view kStanzaType = "X25519";
constexpr absl::string_view kWrapInfo = "age-encryption.org/v1/X25519";

absl::StatusOr<SecureBytes> WrapKey(const SecureBytes& shared,
                                    absl::Span<const uint8_t> share,
                                    const X25519Public& recipient) {
  std::vector<uint8_t> salt(share.begin(), share.end());
  salt.insert(salt.end(), recipient.begin(), recipient.end());
  return HkdfSha256(shared.span(), salt, kWrapInfo, kAeadKeySize);
}

}  // namespace

absl::StatusOr<X25519Recipient> X25519Recipient::Parse(absl::string_view text) {
  absl::StatusOr<Bech32Data> d = Bech32Decode(text);
  if (!d.ok() || d->hrp != kRecipientHrp) {
    return absl::InvalidArgumentError(
        "recipient: not an age X25519 recipient (age1…)");
  }
  if (d->data.size() != kX25519KeySize) {
    return absl::InvalidArgumentError("recipient: key must be 32 bytes");
  }
  X25519Public key;
  std::copy(d->data.begin(), d->data.end(), key.begin());
  return X25519Recipient(key);
}

std::string X25519Recipient::Encode() const {
  return Bech32Encode(kRecipientHrp, key_, false);
}

absl::StatusOr<std::vector<Stanza>> X25519Recipient::Wrap(
    const SecureBytes& file_key) const {
  absl::StatusOr<SecureBytes> ephemeral = RandomSecret(kX25519KeySize);
  if (!ephemeral.ok()) return ephemeral.status();
  absl::StatusOr<X25519PrivateKey> eph =
      X25519PrivateKey::FromBytes(*ephemeral);
  if (!eph.ok()) return eph.status();
  const X25519Public& share = eph->public_key();
  absl::StatusOr<SecureBytes> shared = eph->SharedSecret(key_);
  if (!shared.ok()) return shared.status();
  absl::StatusOr<SecureBytes> wrap_key = WrapKey(*shared, share, key_);
  if (!wrap_key.ok()) return wrap_key.status();
  absl::StatusOr<std::vector<uint8_t>> body =
      SealWithZeroNonce(*wrap_key, file_key.span());
  if (!body.ok()) return body.status();
  std::vector<Stanza> out(1);
  out[0].type = std::string(kStanzaType);
  out[0].args.push_back(Base64EncodeRaw(share));
  out[0].body = std::move(*body);
  return out;
}

absl::StatusOr<X25519Identity> X25519Identity::Generate() {
  absl::StatusOr<SecureBytes> secret = RandomSecret(kX25519KeySize);
  if (!secret.ok()) return secret.status();
  absl::StatusOr<X25519PrivateKey> key = X25519PrivateKey::FromBytes(*secret);
  if (!key.ok()) return key.status();
  return X25519Identity(std::move(*secret), std::move(*key));
}

absl::StatusOr<X25519Identity> X25519Identity::Parse(absl::string_view text) {
  absl::StatusOr<Bech32Data> d = Bech32Decode(text);
  if (!d.ok() || d->hrp != kIdentityHrpUpper) {
    if (d.ok()) OPENSSL_cleanse(d->data.data(), d->data.size());
    return absl::InvalidArgumentError(
        "identity: not an age X25519 identity (AGE-SECRET-KEY-1…)");
  }
  SecureBytes secret = SecureBytes::CopyOf(d->data);
  OPENSSL_cleanse(d->data.data(), d->data.size());
  if (secret.size() != kX25519KeySize) {
    return absl::InvalidArgumentError("identity: key must be 32 bytes");
  }
  absl::StatusOr<X25519PrivateKey> key = X25519PrivateKey::FromBytes(secret);
  if (!key.ok()) return key.status();
  return X25519Identity(std::move(secret), std::move(*key));
}

SecureBytes X25519Identity::Encode() const {
  std::string text = Bech32Encode(kIdentityHrp, secret_.span(), true);
  SecureBytes out = SecureBytes::CopyOf(text);
  OPENSSL_cleanse(text.data(), text.size());
  return out;
}

absl::StatusOr<SecureBytes> X25519Identity::Unwrap(
    absl::Span<const Stanza> stanzas) const {
  for (const Stanza& st : stanzas) {
    if (st.type != kStanzaType) continue;
    if (st.args.size() != 1) {
      return HeaderError("X25519 stanza must have exactly one argument");
    }
    std::optional<std::vector<uint8_t>> share = Base64DecodeRaw(st.args[0]);
    if (!share.has_value() || share->size() != kX25519KeySize) {
      return HeaderError("X25519 share must be 32 bytes of canonical base64");
    }
    if (st.body.size() != kFileKeySize + kAeadTagSize) {
      return HeaderError("X25519 stanza body must be 32 bytes");
    }
    absl::StatusOr<SecureBytes> shared = key_.SharedSecret(*share);
    if (!shared.ok()) {
      if (absl::IsInvalidArgument(shared.status())) {
        return HeaderError("X25519 share is a low-order point");
      }
      return shared.status();
    }
    absl::StatusOr<SecureBytes> wrap_key =
        WrapKey(*shared, *share, recipient_.key());
    if (!wrap_key.ok()) return wrap_key.status();
    absl::StatusOr<SecureBytes> file_key =
        OpenWithZeroNonce(*wrap_key, st.body);
    if (file_key.ok()) return file_key;
    if (!absl::IsPermissionDenied(file_key.status())) return file_key.status();
  }
  return NoMatchError();
}

}  // namespace kluis::crypto
