// SecureBytes: a fixed-size, move-only buffer for secret bytes (keys, file
// keys, passphrases). It lives in OpenSSL's secure heap (mlock'd, excluded from
// core dumps by the heap itself) when InitSecureHeap() has run and has room,
// and otherwise in whole pages of its own, mlock'd and excluded from core
// dumps; it is wiped with OPENSSL_cleanse on destruction.
//
// Thread-safety: a SecureBytes is not shared; move it between threads.
// Never log it, never copy it into a std::string.
#ifndef KLUIS_DAEMON_CRYPTO_SECURE_BYTES_H_
#define KLUIS_DAEMON_CRYPTO_SECURE_BYTES_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace kluis::crypto {

// Sets up OpenSSL's secure heap. Call once at program start, before any key is
// created. Errors: kResourceExhausted when the heap cannot be locked in memory
// (RLIMIT_MEMLOCK too low); callers may continue, SecureBytes then falls back
// to mlock'ing each allocation.
absl::Status InitSecureHeap(size_t bytes = 1 << 20);

class SecureBytes {
 public:
  SecureBytes() = default;
  // Zero-filled buffer of `size` bytes.
  explicit SecureBytes(size_t size);
  // Copies `data` into secure memory. The caller wipes its own copy.
  static SecureBytes CopyOf(absl::Span<const uint8_t> data);
  static SecureBytes CopyOf(absl::string_view data);

  SecureBytes(SecureBytes&& other) noexcept;
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;
  ~SecureBytes();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  absl::Span<const uint8_t> span() const { return {data_, size_}; }
  absl::Span<uint8_t> mutable_span() { return {data_, size_}; }
  absl::string_view view() const {
    return {reinterpret_cast<const char*>(data_), size_};
  }

  // Constant-time comparison of contents (sizes are not secret).
  bool Equals(const SecureBytes& other) const;

 private:
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;  // > 0: pages of our own (mmap'd), not the secure heap
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_SECURE_BYTES_H_
