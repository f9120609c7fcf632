#include "daemon/crypto/secure_bytes.h"

#include <openssl/crypto.h>
#include <sys/mman.h>

#include <cstring>
#include <utility>

namespace kluis::crypto {

absl::Status InitSecureHeap(size_t bytes) {
  if (CRYPTO_secure_malloc_initialized()) return absl::OkStatus();
  // minsize 16: file keys are 16 bytes, the smallest secret we hold.
  if (CRYPTO_secure_malloc_init(bytes, 16) == 0) {
    return absl::ResourceExhaustedError(
        "secure heap: cannot lock memory (raise RLIMIT_MEMLOCK)");
  }
  return absl::OkStatus();
}

SecureBytes::SecureBytes(size_t size) : size_(size) {
  if (size == 0) return;
  data_ = static_cast<uint8_t*>(OPENSSL_secure_zalloc(size));
  if (data_ == nullptr) {
    // The secure heap is full (or absent): ordinary memory, mlock'd below.
    data_ = static_cast<uint8_t*>(OPENSSL_zalloc(size));
  }
  if (data_ == nullptr) {
    OPENSSL_die("out of memory for a secret buffer", __FILE__, __LINE__);
  }
  if (!CRYPTO_secure_allocated(data_)) {
    // Best effort: keep the page out of swap. Failure is not fatal.
    mlocked_ = mlock(data_, size_) == 0;
  }
}

SecureBytes SecureBytes::CopyOf(absl::Span<const uint8_t> data) {
  SecureBytes out(data.size());
  if (!data.empty()) std::memcpy(out.data_, data.data(), data.size());
  return out;
}

SecureBytes SecureBytes::CopyOf(absl::string_view data) {
  return CopyOf(absl::Span<const uint8_t>(
      reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mlocked_(std::exchange(other.mlocked_, false)) {}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mlocked_ = std::exchange(other.mlocked_, false);
  }
  return *this;
}

SecureBytes::~SecureBytes() { Release(); }

void SecureBytes::Release() {
  if (data_ == nullptr) return;
  if (mlocked_) {
    OPENSSL_cleanse(data_, size_);
    munlock(data_, size_);
  }
  // Wipes before freeing, in the secure heap and outside it.
  OPENSSL_secure_clear_free(data_, size_);
  data_ = nullptr;
  size_ = 0;
  mlocked_ = false;
}

bool SecureBytes::Equals(const SecureBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return CRYPTO_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace kluis::crypto
