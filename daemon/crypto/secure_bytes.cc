#include "daemon/crypto/secure_bytes.h"

#include <openssl/crypto.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <utility>

namespace kluis::crypto {
namespace {

size_t RoundToPages(size_t n) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}

}  // namespace

absl::Status InitSecureHeap(size_t bytes) {
  if (CRYPTO_secure_malloc_initialized()) return absl::OkStatus();
  // minsize 16: file keys are 16 bytes, the smallest secret we hold.
  // 1 means created and locked; 2 means created but NOT locked (mlock
  // refused), which would silently let secrets reach swap: undo it, so that
  // SecureBytes locks its own pages instead.
  const int rc = CRYPTO_secure_malloc_init(bytes, 16);
  if (rc == 1) return absl::OkStatus();
  if (rc == 2) CRYPTO_secure_malloc_done();
  return absl::ResourceExhaustedError(
      "secure heap: cannot lock memory (raise RLIMIT_MEMLOCK); secrets are "
      "locked page by page instead");
}

SecureBytes::SecureBytes(size_t size) : size_(size) {
  if (size == 0) return;
  data_ = static_cast<uint8_t*>(OPENSSL_secure_zalloc(size));
  if (data_ != nullptr && CRYPTO_secure_allocated(data_)) return;
  if (data_ != nullptr) OPENSSL_secure_clear_free(data_, size_);
  // No secure heap, or it is full: whole pages of our own, so that unlocking
  // them on free can never unlock a neighbouring secret. Locked and kept out
  // of core dumps where the system allows (best effort).
  mapped_ = RoundToPages(size);
  void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    OPENSSL_die("out of memory for a secret buffer", __FILE__, __LINE__);
  }
  data_ = static_cast<uint8_t*>(p);
  (void)mlock(data_, mapped_);
  (void)madvise(data_, mapped_, MADV_DONTDUMP);
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
      mapped_(std::exchange(other.mapped_, 0)) {}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, 0);
  }
  return *this;
}

SecureBytes::~SecureBytes() { Release(); }

void SecureBytes::Release() {
  if (data_ == nullptr) return;
  if (mapped_ > 0) {
    OPENSSL_cleanse(data_, mapped_);
    munlock(data_, mapped_);
    munmap(data_, mapped_);
  } else {
    OPENSSL_secure_clear_free(data_, size_);  // wipes before freeing
  }
  data_ = nullptr;
  size_ = 0;
  mapped_ = 0;
}

bool SecureBytes::Equals(const SecureBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return CRYPTO_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace kluis::crypto
