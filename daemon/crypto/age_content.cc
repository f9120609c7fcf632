#include "daemon/crypto/age_content.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "daemon/crypto/age.h"
#include "daemon/crypto/openssl_handles.h"

namespace kluis::crypto {
namespace {

// core::ByteSink seen as the codec's Writer.
class SinkWriter : public Writer {
 public:
  explicit SinkWriter(core::ByteSink* sink) : sink_(sink) {}
  absl::Status Write(absl::Span<const uint8_t> data) override {
    return sink_->Write(absl::string_view(
        reinterpret_cast<const char*>(data.data()), data.size()));
  }
  absl::Status Close() override { return absl::OkStatus(); }

 private:
  core::ByteSink* sink_;
};

// core::ByteSource seen as the codec's Reader.
class SourceReader : public Reader {
 public:
  explicit SourceReader(std::unique_ptr<core::ByteSource> src)
      : src_(std::move(src)) {}
  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override {
    return src_->Read(reinterpret_cast<char*>(out.data()), out.size());
  }

 private:
  std::unique_ptr<core::ByteSource> src_;
};

class Sealer : public core::ContentSealer {
 public:
  Sealer(std::shared_ptr<const void> keep_alive, core::ByteSink* out)
      : keep_alive_(std::move(keep_alive)), writer_(out) {}

  absl::Status Start(const Recipient* recipient) {
    md_.reset(EVP_MD_CTX_new());
    if (md_ == nullptr ||
        EVP_DigestInit_ex(md_.get(), EVP_sha256(), nullptr) != 1) {
      return OpenSslError("sha256 init");
    }
    const Recipient* rs[] = {recipient};
    absl::StatusOr<std::unique_ptr<Writer>> enc = NewEncryptor(rs, &writer_);
    if (!enc.ok()) return enc.status();
    enc_ = std::move(*enc);
    return absl::OkStatus();
  }

  absl::Status Write(absl::string_view data) override {
    if (EVP_DigestUpdate(md_.get(), data.data(), data.size()) != 1) {
      return OpenSslError("sha256 update");
    }
    size_ += data.size();
    return enc_->Write(AsBytes(data));
  }

  absl::StatusOr<core::ContentDigest> Finish() override {
    absl::Status s = enc_->Close();
    if (!s.ok()) return s;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(md_.get(), digest, &len) != 1) {
      return OpenSslError("sha256 final");
    }
    return core::ContentDigest{
        size_, absl::BytesToHexString(absl::string_view(
                   reinterpret_cast<const char*>(digest), len))};
  }

 private:
  std::shared_ptr<const void> keep_alive_;
  SinkWriter writer_;
  std::unique_ptr<Writer> enc_;
  MdCtxPtr md_;
  uint64_t size_ = 0;
};

class Opener : public core::ByteSource {
 public:
  Opener(std::shared_ptr<const void> keep_alive,
         std::unique_ptr<core::ByteSource> in)
      : keep_alive_(std::move(keep_alive)), reader_(std::move(in)) {}

  absl::Status Start(const Identity* identity) {
    const Identity* ids[] = {identity};
    absl::StatusOr<std::unique_ptr<Reader>> dec = NewDecryptor(ids, &reader_);
    if (!dec.ok()) return Damaged();
    dec_ = std::move(*dec);
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> Read(char* buf, size_t max) override {
    absl::StatusOr<size_t> n =
        dec_->Read(absl::Span<uint8_t>(reinterpret_cast<uint8_t*>(buf), max));
    if (!n.ok()) return Damaged();
    return n;
  }

 private:
  static absl::Status Damaged() {
    return absl::DataLossError(
        "attachment: does not decrypt with its dossier key");
  }
  std::shared_ptr<const void> keep_alive_;
  SourceReader reader_;
  std::unique_ptr<Reader> dec_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<core::ContentSealer>> NewContentSealer(
    std::shared_ptr<const void> keep_alive, const Recipient* recipient,
    core::ByteSink* out) {
  auto sealer = std::make_unique<Sealer>(std::move(keep_alive), out);
  absl::Status s = sealer->Start(recipient);
  if (!s.ok()) return s;
  return sealer;
}

absl::StatusOr<std::unique_ptr<core::ByteSource>> NewContentOpener(
    std::shared_ptr<const void> keep_alive, const Identity* identity,
    std::unique_ptr<core::ByteSource> in) {
  auto opener = std::make_unique<Opener>(std::move(keep_alive), std::move(in));
  absl::Status s = opener->Start(identity);
  if (!s.ok()) return s;
  return opener;
}

}  // namespace kluis::crypto
