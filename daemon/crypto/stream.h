// age's STREAM payload (spec "Payload"): 64 KiB chunks of ChaCha20-Poly1305
// under a key derived from the file key and a 16-byte nonce, each chunk's
// nonce an 11-byte counter and a last-chunk flag. Plaintext is released only
// chunk by chunk after it authenticates; memory stays at about two chunks.
//
// Thread-safety: one stream, one thread.
#ifndef KLUIS_DAEMON_CRYPTO_STREAM_H_
#define KLUIS_DAEMON_CRYPTO_STREAM_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "daemon/crypto/io.h"
#include "daemon/crypto/primitives.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::crypto {

inline constexpr size_t kChunkSize = 64 * 1024;
inline constexpr size_t kEncChunkSize = kChunkSize + kAeadTagSize;
inline constexpr size_t kPayloadNonceSize = 16;

// The payload key: HKDF-SHA256(file_key, salt nonce, info "payload").
absl::StatusOr<SecureBytes> DerivePayloadKey(const SecureBytes& file_key,
                                             absl::Span<const uint8_t> nonce);

// Encrypts what is written to it into `dst` (not owned). Close() writes the
// final chunk; without it the ciphertext is incomplete and will not decrypt.
class StreamWriter : public Writer {
 public:
  // Errors: kInternal.
  static absl::StatusOr<std::unique_ptr<StreamWriter>> Create(
      const SecureBytes& payload_key, Writer* dst);
  ~StreamWriter() override;

  absl::Status Write(absl::Span<const uint8_t> data) override;
  // Does not close `dst`.
  absl::Status Close() override;

 private:
  StreamWriter(ChunkCipher cipher, Writer* dst);
  absl::Status SealChunk(absl::Span<const uint8_t> plain, bool last);

  ChunkCipher cipher_;
  Writer* dst_;
  std::unique_ptr<uint8_t[]> plain_;  // kChunkSize, wiped on destruction
  std::unique_ptr<uint8_t[]> out_;    // kEncChunkSize
  size_t buffered_ = 0;
  uint64_t counter_ = 0;
  bool closed_ = false;
};

// Decrypts the payload read from `src` (not owned), positioned after the
// nonce. Read errors: a PayloadError for a bad tag, truncation, a missing or
// misplaced last chunk, or trailing data; they are sticky.
class StreamReader : public Reader {
 public:
  static absl::StatusOr<std::unique_ptr<StreamReader>> Create(
      const SecureBytes& payload_key, Reader* src);
  ~StreamReader() override;

  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override;

 private:
  StreamReader(ChunkCipher cipher, Reader* src);
  // Decrypts the next chunk into `dst` (which holds kChunkSize bytes);
  // returns its plaintext length.
  absl::StatusOr<size_t> OpenNextChunk(uint8_t* dst);

  ChunkCipher cipher_;
  Reader* src_;
  std::unique_ptr<uint8_t[]> enc_;    // kEncChunkSize
  std::unique_ptr<uint8_t[]> plain_;  // kChunkSize, wiped on destruction
  size_t plain_pos_ = 0;
  size_t plain_len_ = 0;
  uint64_t counter_ = 0;
  bool done_ = false;
  absl::Status error_;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_STREAM_H_
