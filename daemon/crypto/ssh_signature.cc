#include "daemon/crypto/ssh_signature.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "daemon/crypto/base64.h"
#include "daemon/crypto/io.h"
#include "daemon/crypto/openssl_handles.h"
#include "daemon/crypto/primitives.h"

namespace kluis::crypto {
namespace {

constexpr absl::string_view kMagic = "SSHSIG";
constexpr absl::string_view kKeyType = "ssh-ed25519";
constexpr absl::string_view kHash = "sha512";
constexpr absl::string_view kBegin = "-----BEGIN SSH SIGNATURE-----";
constexpr absl::string_view kEnd = "-----END SSH SIGNATURE-----";

// SSH wire encoding (RFC 4251): uint32 big-endian, string = length + bytes.
void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}
void PutString(std::string* out, absl::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s.data(), s.size());
}

class WireReader {
 public:
  explicit WireReader(absl::string_view in) : in_(in) {}
  bool U32(uint32_t* v) {
    if (in_.size() < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v = (*v << 8) | static_cast<uint8_t>(in_[i]);
    in_.remove_prefix(4);
    return true;
  }
  bool String(absl::string_view* s) {
    uint32_t n;
    if (!U32(&n) || in_.size() < n) return false;
    *s = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool Raw(size_t n, absl::string_view* s) {
    if (in_.size() < n) return false;
    *s = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  absl::string_view in_;
};

std::string PublicKeyBlob(absl::string_view pub) {
  std::string blob;
  PutString(&blob, kKeyType);
  PutString(&blob, pub);
  return blob;
}

absl::string_view AsView(const uint8_t* p, size_t n) {
  return absl::string_view(reinterpret_cast<const char*>(p), n);
}

// What is signed: MAGIC, namespace, reserved, hash algorithm, H(message).
// `hash` is "sha512" or "sha256".
absl::StatusOr<std::string> SignedData(absl::string_view message,
                                       absl::string_view ns,
                                       absl::string_view hash = kHash) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (EVP_Digest(message.data(), message.size(), md, &md_len,
                 hash == kHash ? EVP_sha512() : EVP_sha256(), nullptr) != 1) {
    return OpenSslError("digest");
  }
  std::string out(kMagic);
  PutString(&out, ns);
  PutString(&out, "");
  PutString(&out, hash);
  PutString(&out, AsView(md, md_len));
  return out;
}

}  // namespace

absl::StatusOr<Ed25519SigningKey> Ed25519SigningKey::Generate() {
  SecureBytes seed(32);
  absl::Status s = RandomBytes(absl::Span<uint8_t>(seed.data(), seed.size()));
  if (!s.ok()) return s;
  return FromSeed(std::move(seed));
}

absl::StatusOr<Ed25519SigningKey> Ed25519SigningKey::FromSeed(
    SecureBytes seed) {
  if (seed.size() != 32) {
    return absl::InvalidArgumentError("signing key: must be 32 bytes");
  }
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                           seed.data(), seed.size()));
  if (key == nullptr) return OpenSslError("ed25519 key");
  std::array<uint8_t, 32> pub;
  size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) != 1 ||
      len != pub.size()) {
    return OpenSslError("ed25519 public key");
  }
  return Ed25519SigningKey(std::move(seed), pub);
}

std::string Ed25519SigningKey::PublicKeyLine(absl::string_view comment) const {
  const std::string blob = PublicKeyBlob(AsView(pub_.data(), pub_.size()));
  std::string line =
      absl::StrCat(kKeyType, " ", Base64EncodePadded(AsBytes(blob)));
  if (!comment.empty()) absl::StrAppend(&line, " ", comment);
  return line;
}

absl::StatusOr<std::string> Ed25519SigningKey::Sign(
    absl::string_view message, absl::string_view ns) const {
  absl::StatusOr<std::string> tbs = SignedData(message, ns);
  if (!tbs.ok()) return tbs.status();
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                           seed_.data(), seed_.size()));
  if (key == nullptr) return OpenSslError("ed25519 key");
  MdCtxPtr ctx(EVP_MD_CTX_new());
  uint8_t sig[64];
  size_t sig_len = sizeof(sig);
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) !=
          1 ||
      EVP_DigestSign(ctx.get(), sig, &sig_len,
                     reinterpret_cast<const uint8_t*>(tbs->data()),
                     tbs->size()) != 1) {
    return OpenSslError("ed25519 sign");
  }
  std::string sig_blob;
  PutString(&sig_blob, kKeyType);
  PutString(&sig_blob, AsView(sig, sig_len));
  std::string blob(kMagic);
  PutU32(&blob, 1);
  PutString(&blob, PublicKeyBlob(AsView(pub_.data(), pub_.size())));
  PutString(&blob, ns);
  PutString(&blob, "");
  PutString(&blob, kHash);
  PutString(&blob, sig_blob);
  const std::string b64 = Base64EncodePadded(AsBytes(blob));
  std::string out = absl::StrCat(kBegin, "\n");
  for (size_t i = 0; i < b64.size(); i += 70) {
    absl::StrAppend(&out, b64.substr(i, 70), "\n");
  }
  absl::StrAppend(&out, kEnd, "\n");
  return out;
}

absl::Status VerifySshSignature(absl::string_view public_key_line,
                                absl::string_view message,
                                absl::string_view armored,
                                absl::string_view ns) {
  // The expected key.
  std::vector<absl::string_view> fields = absl::StrSplit(
      absl::StripAsciiWhitespace(public_key_line), ' ', absl::SkipEmpty());
  std::vector<uint8_t> want_blob;
  if (fields.size() < 2 || fields[0] != kKeyType ||
      !Base64DecodePaddedAppend(fields[1], &want_blob)) {
    return absl::InvalidArgumentError("signer: not an ssh-ed25519 public key");
  }
  // The armor.
  absl::string_view body = absl::StripAsciiWhitespace(armored);
  if (!absl::ConsumePrefix(&body, kBegin) ||
      !absl::ConsumeSuffix(&body, kEnd)) {
    return absl::DataLossError("signature: not an SSH signature");
  }
  std::string b64;
  for (char c : body) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) b64.push_back(c);
  }
  std::vector<uint8_t> raw;
  if (!Base64DecodePaddedAppend(b64, &raw)) {
    return absl::DataLossError("signature: bad base64");
  }
  WireReader r(AsView(raw.data(), raw.size()));
  absl::string_view magic, pub_blob, sig_ns, reserved, hash, sig_blob;
  uint32_t version = 0;
  if (!r.Raw(kMagic.size(), &magic) || magic != kMagic || !r.U32(&version) ||
      version != 1 || !r.String(&pub_blob) || !r.String(&sig_ns) ||
      !r.String(&reserved) || !r.String(&hash) || !r.String(&sig_blob) ||
      !r.done()) {
    return absl::DataLossError("signature: malformed SSHSIG blob");
  }
  if (pub_blob != AsView(want_blob.data(), want_blob.size())) {
    return absl::PermissionDeniedError("signature: made by another key");
  }
  if (sig_ns != ns) {
    return absl::PermissionDeniedError("signature: for another namespace");
  }
  if (hash != kHash && hash != "sha256") {
    return absl::DataLossError("signature: unknown hash algorithm");
  }
  WireReader pk(pub_blob), sg(sig_blob);
  absl::string_view pk_type, pk_raw, sig_type, sig_raw;
  if (!pk.String(&pk_type) || !pk.String(&pk_raw) || pk_raw.size() != 32 ||
      !sg.String(&sig_type) || sig_type != kKeyType || !sg.String(&sig_raw) ||
      sig_raw.size() != 64) {
    return absl::DataLossError("signature: malformed ed25519 parts");
  }
  // Rebuild what was signed, with the hash the signature names.
  absl::StatusOr<std::string> tbs = SignedData(message, ns, hash);
  if (!tbs.ok()) return tbs.status();
  PkeyPtr key(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr,
      reinterpret_cast<const uint8_t*>(pk_raw.data()), pk_raw.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (key == nullptr || ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) !=
          1) {
    return OpenSslError("ed25519 verify");
  }
  if (EVP_DigestVerify(
          ctx.get(), reinterpret_cast<const uint8_t*>(sig_raw.data()),
          sig_raw.size(), reinterpret_cast<const uint8_t*>(tbs->data()),
          tbs->size()) != 1) {
    ERR_clear_error();
    return absl::PermissionDeniedError("signature: does not match the commit");
  }
  return absl::OkStatus();
}

}  // namespace kluis::crypto
