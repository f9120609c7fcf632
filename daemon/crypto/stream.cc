#include "daemon/crypto/stream.h"

#include <openssl/crypto.h>

#include <cstring>

#include "daemon/crypto/age_error.h"

namespace kluis::crypto {
namespace {

// 11-byte big-endian counter, then the last-chunk flag.
void MakeNonce(uint64_t counter, bool last, uint8_t nonce[kAeadNonceSize]) {
  std::memset(nonce, 0, kAeadNonceSize);
  for (int i = 0; i < 8; ++i) {
    nonce[10 - i] = static_cast<uint8_t>(counter >> (8 * i));
  }
  nonce[11] = last ? 1 : 0;
}

}  // namespace

absl::StatusOr<SecureBytes> DerivePayloadKey(const SecureBytes& file_key,
                                             absl::Span<const uint8_t> nonce) {
  return HkdfSha256(file_key.span(), nonce, "payload", kAeadKeySize);
}

absl::StatusOr<std::unique_ptr<StreamWriter>> StreamWriter::Create(
    const SecureBytes& payload_key, Writer* dst) {
  absl::StatusOr<ChunkCipher> cipher = ChunkCipher::Create(payload_key);
  if (!cipher.ok()) return cipher.status();
  return std::unique_ptr<StreamWriter>(
      new StreamWriter(std::move(*cipher), dst));
}

StreamWriter::StreamWriter(ChunkCipher cipher, Writer* dst)
    : cipher_(std::move(cipher)),
      dst_(dst),
      plain_(new uint8_t[kChunkSize]),
      out_(new uint8_t[kEncChunkSize]) {}

StreamWriter::~StreamWriter() { OPENSSL_cleanse(plain_.get(), kChunkSize); }

absl::Status StreamWriter::SealChunk(absl::Span<const uint8_t> plain,
                                     bool last) {
  if (counter_ == UINT64_MAX) {
    return absl::OutOfRangeError("age payload: too many chunks");
  }
  uint8_t nonce[kAeadNonceSize];
  MakeNonce(counter_++, last, nonce);
  absl::Status s = cipher_.Seal(nonce, plain, out_.get());
  if (!s.ok()) return s;
  return dst_->Write({out_.get(), plain.size() + kAeadTagSize});
}

absl::Status StreamWriter::Write(absl::Span<const uint8_t> data) {
  if (closed_) return absl::FailedPreconditionError("write after close");
  while (!data.empty()) {
    // A full buffered chunk is sealed only once we know more data follows:
    // the last chunk must carry the last-chunk flag.
    if (buffered_ == kChunkSize) {
      absl::Status s = SealChunk({plain_.get(), kChunkSize}, false);
      if (!s.ok()) return s;
      buffered_ = 0;
    }
    if (buffered_ == 0 && data.size() > kChunkSize) {
      absl::Status s = SealChunk(data.subspan(0, kChunkSize), false);
      if (!s.ok()) return s;
      data.remove_prefix(kChunkSize);
      continue;
    }
    const size_t n = std::min(kChunkSize - buffered_, data.size());
    std::memcpy(plain_.get() + buffered_, data.data(), n);
    buffered_ += n;
    data.remove_prefix(n);
  }
  return absl::OkStatus();
}

absl::Status StreamWriter::Close() {
  if (closed_) return absl::OkStatus();
  closed_ = true;
  // Empty only when the whole payload is empty, as the spec requires.
  absl::Status s = SealChunk({plain_.get(), buffered_}, true);
  OPENSSL_cleanse(plain_.get(), kChunkSize);
  buffered_ = 0;
  return s;
}

absl::StatusOr<std::unique_ptr<StreamReader>> StreamReader::Create(
    const SecureBytes& payload_key, Reader* src) {
  absl::StatusOr<ChunkCipher> cipher = ChunkCipher::Create(payload_key);
  if (!cipher.ok()) return cipher.status();
  return std::unique_ptr<StreamReader>(
      new StreamReader(std::move(*cipher), src));
}

StreamReader::StreamReader(ChunkCipher cipher, Reader* src)
    : cipher_(std::move(cipher)),
      src_(src),
      enc_(new uint8_t[kEncChunkSize]),
      plain_(new uint8_t[kChunkSize]) {}

StreamReader::~StreamReader() { OPENSSL_cleanse(plain_.get(), kChunkSize); }

absl::StatusOr<size_t> StreamReader::OpenNextChunk(uint8_t* dst) {
  // Memory-backed sources lend the chunk; others copy it into enc_.
  absl::Span<const uint8_t> in;
  if (std::optional<absl::Span<const uint8_t>> b =
          src_->Borrow(kEncChunkSize)) {
    in = *b;
  } else {
    absl::StatusOr<size_t> n = ReadFull(*src_, {enc_.get(), kEncChunkSize});
    if (!n.ok()) return n.status();
    in = {enc_.get(), *n};
  }
  const size_t len = in.size();
  if (len == 0) {
    return PayloadError(counter_ == 0 ? "no chunks after the nonce"
                                      : "missing final chunk (truncated)");
  }
  if (len < kAeadTagSize) return PayloadError("chunk shorter than its tag");
  // A short chunk must be the last one. A full chunk is usually not, but can
  // be when the payload is a multiple of 64 KiB: try both, as the reference
  // implementation does, so that plaintext released before a failure is the
  // same everywhere.
  bool last = len < kEncChunkSize;
  if (last && len == kAeadTagSize && counter_ > 0) {
    return PayloadError("final chunk is empty");
  }
  uint8_t nonce[kAeadNonceSize];
  MakeNonce(counter_, last, nonce);
  absl::Status s = cipher_.Open(nonce, in, dst);
  if (absl::IsPermissionDenied(s) && !last) {
    last = true;
    MakeNonce(counter_, last, nonce);
    s = cipher_.Open(nonce, in, dst);
  }
  if (!s.ok()) {
    if (absl::IsPermissionDenied(s)) {
      return PayloadError(
          "chunk does not authenticate (tampered, truncated, or data after "
          "the final chunk)");
    }
    return s;
  }
  ++counter_;
  if (last) {
    done_ = true;
    // Nothing may follow the final chunk. The chunk itself is authentic and
    // is released; the error comes with the next read.
    uint8_t extra;
    absl::StatusOr<size_t> more = src_->Read({&extra, 1});
    if (!more.ok()) {
      error_ = more.status();
    } else if (*more != 0) {
      error_ = PayloadError("data after the final chunk");
    }
  }
  return len - kAeadTagSize;
}

absl::StatusOr<size_t> StreamReader::Read(absl::Span<uint8_t> out) {
  if (out.empty()) return 0;
  while (plain_pos_ == plain_len_) {
    if (!error_.ok()) return error_;
    if (done_) return 0;
    plain_pos_ = plain_len_ = 0;
    // Large reads decrypt straight into the caller's buffer.
    const bool direct = out.size() >= kChunkSize;
    absl::StatusOr<size_t> n =
        OpenNextChunk(direct ? out.data() : plain_.get());
    if (!n.ok()) {
      error_ = n.status();
      return error_;
    }
    if (direct) {
      if (*n > 0) return *n;
      continue;  // an empty (final, whole-payload) chunk
    }
    plain_len_ = *n;
  }
  const size_t n = std::min(out.size(), plain_len_ - plain_pos_);
  std::memcpy(out.data(), plain_.get() + plain_pos_, n);
  plain_pos_ += n;
  return n;
}

}  // namespace kluis::crypto
