#include "daemon/crypto/age.h"

#include <openssl/crypto.h>

#include "daemon/crypto/age_error.h"
#include "daemon/crypto/armor.h"
#include "daemon/crypto/buffered_reader.h"
#include "daemon/crypto/header.h"
#include "daemon/crypto/primitives.h"
#include "daemon/crypto/stream.h"

namespace kluis::crypto {
namespace {

// The encryptor: owns the optional armor stage and the STREAM stage.
class Encryptor : public Writer {
 public:
  Encryptor(std::unique_ptr<ArmorWriter> armor,
            std::unique_ptr<StreamWriter> stream)
      : armor_(std::move(armor)), stream_(std::move(stream)) {}

  absl::Status Write(absl::Span<const uint8_t> data) override {
    return stream_->Write(data);
  }
  absl::Status Close() override {
    absl::Status s = stream_->Close();
    if (s.ok() && armor_ != nullptr) s = armor_->Close();
    return s;
  }

 private:
  std::unique_ptr<ArmorWriter> armor_;
  std::unique_ptr<StreamWriter> stream_;
};

// The decryptor: owns the chain source → buffer → [armor → buffer] → STREAM.
class Decryptor : public Reader {
 public:
  explicit Decryptor(Reader* src) : outer_(src) {}

  absl::Status Open(absl::Span<const Identity* const> identities) {
    absl::StatusOr<bool> armored = LooksArmored(outer_);
    if (!armored.ok()) return armored.status();
    BufferedReader* in = &outer_;
    if (*armored) {
      armor_ = std::make_unique<ArmorReader>(&outer_);
      inner_ = std::make_unique<BufferedReader>(armor_.get());
      in = inner_.get();
    }
    absl::StatusOr<Header> header = ReadHeader(*in);
    if (!header.ok()) return header.status();

    // A passphrase stanza must stand alone, whoever decrypts.
    if (header->stanzas.size() > 1) {
      for (const Stanza& st : header->stanzas) {
        if (st.type == "scrypt") {
          return HeaderError("a scrypt stanza must be the only stanza");
        }
      }
    }
    absl::StatusOr<SecureBytes> file_key = NoMatchError();
    for (const Identity* id : identities) {
      file_key = id->Unwrap(header->stanzas);
      if (file_key.ok() ||
          GetAgeErrorKind(file_key.status()) != AgeErrorKind::kNoMatch) {
        break;
      }
    }
    if (!file_key.ok()) return file_key.status();
    if (file_key->size() != kFileKeySize) {
      return HeaderError("file key must be 16 bytes");
    }
    absl::StatusOr<Sha256Digest> mac =
        ComputeHeaderMac(*file_key, header->mac_input);
    if (!mac.ok()) return mac.status();
    if (!ConstantTimeEquals(*mac, header->mac)) return HmacError();

    uint8_t nonce[kPayloadNonceSize];
    absl::StatusOr<size_t> n = ReadFull(*in, nonce);
    if (!n.ok()) return n.status();
    if (*n != sizeof(nonce)) return HeaderError("payload nonce is truncated");
    absl::StatusOr<SecureBytes> key = DerivePayloadKey(*file_key, nonce);
    if (!key.ok()) return key.status();
    absl::StatusOr<std::unique_ptr<StreamReader>> stream =
        StreamReader::Create(*key, in);
    if (!stream.ok()) return stream.status();
    stream_ = std::move(*stream);
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override {
    return stream_->Read(out);
  }

 private:
  BufferedReader outer_;
  std::unique_ptr<ArmorReader> armor_;
  std::unique_ptr<BufferedReader> inner_;
  std::unique_ptr<StreamReader> stream_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Writer>> NewEncryptor(
    absl::Span<const Recipient* const> recipients, Writer* dst,
    EncryptOptions options) {
  if (recipients.empty()) {
    return absl::InvalidArgumentError("recipients: at least one is required");
  }
  for (const Recipient* r : recipients) {
    if (r->RequiresSoleRecipient() && recipients.size() > 1) {
      return absl::InvalidArgumentError(
          "recipients: a passphrase cannot be combined with other recipients");
    }
  }
  absl::StatusOr<SecureBytes> file_key = RandomSecret(kFileKeySize);
  if (!file_key.ok()) return file_key.status();
  std::vector<Stanza> stanzas;
  for (const Recipient* r : recipients) {
    absl::StatusOr<std::vector<Stanza>> s = r->Wrap(*file_key);
    if (!s.ok()) return s.status();
    for (Stanza& st : *s) stanzas.push_back(std::move(st));
  }
  const std::string mac_input = EncodeHeaderMacInput(stanzas);
  absl::StatusOr<Sha256Digest> mac = ComputeHeaderMac(*file_key, mac_input);
  if (!mac.ok()) return mac.status();

  uint8_t nonce[kPayloadNonceSize];
  absl::Status s = RandomBytes(nonce);
  if (!s.ok()) return s;
  absl::StatusOr<SecureBytes> key = DerivePayloadKey(*file_key, nonce);
  if (!key.ok()) return key.status();

  std::unique_ptr<ArmorWriter> armor;
  Writer* out = dst;
  if (options.armor) {
    armor = std::make_unique<ArmorWriter>(dst);
    out = armor.get();
  }
  s = out->Write(AsBytes(EncodeHeader(mac_input, *mac)));
  if (s.ok()) s = out->Write(nonce);
  if (!s.ok()) return s;
  absl::StatusOr<std::unique_ptr<StreamWriter>> stream =
      StreamWriter::Create(*key, out);
  if (!stream.ok()) return stream.status();
  return std::unique_ptr<Writer>(
      new Encryptor(std::move(armor), std::move(*stream)));
}

absl::StatusOr<std::unique_ptr<Reader>> NewDecryptor(
    absl::Span<const Identity* const> identities, Reader* src) {
  auto d = std::make_unique<Decryptor>(src);
  absl::Status s = d->Open(identities);
  if (!s.ok()) return s;
  return std::unique_ptr<Reader>(std::move(d));
}

absl::StatusOr<std::vector<uint8_t>> Encrypt(
    absl::Span<const Recipient* const> recipients,
    absl::Span<const uint8_t> plaintext, EncryptOptions options) {
  std::vector<uint8_t> out;
  out.reserve(plaintext.size() + 512);
  VectorWriter sink(&out);
  absl::StatusOr<std::unique_ptr<Writer>> enc =
      NewEncryptor(recipients, &sink, options);
  if (!enc.ok()) return enc.status();
  absl::Status s = (*enc)->Write(plaintext);
  if (s.ok()) s = (*enc)->Close();
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<uint8_t>> Decrypt(
    absl::Span<const Identity* const> identities,
    absl::Span<const uint8_t> ciphertext) {
  SpanReader src(ciphertext);
  absl::StatusOr<std::unique_ptr<Reader>> dec = NewDecryptor(identities, &src);
  if (!dec.ok()) return dec.status();
  std::vector<uint8_t> out;
  out.reserve(ciphertext.size());
  uint8_t buf[kChunkSize];
  while (true) {
    absl::StatusOr<size_t> n = (*dec)->Read(buf);
    if (!n.ok()) {
      OPENSSL_cleanse(out.data(), out.size());
      OPENSSL_cleanse(buf, sizeof(buf));
      return n.status();
    }
    if (*n == 0) break;
    out.insert(out.end(), buf, buf + *n);
  }
  OPENSSL_cleanse(buf, sizeof(buf));
  return out;
}

}  // namespace kluis::crypto
