#include "daemon/crypto/buffered_reader.h"

#include <algorithm>
#include <cstring>

namespace kluis::crypto {
namespace {
constexpr size_t kFillSize = 4096;
}  // namespace

absl::StatusOr<size_t> BufferedReader::Fill() {
  if (pos_ > 0 && pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ > kFillSize) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<ptrdiff_t>(pos_));
    pos_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + kFillSize);
  absl::StatusOr<size_t> n = src_->Read({buf_.data() + old, kFillSize});
  buf_.resize(old + (n.ok() ? *n : 0));
  return n;
}

absl::StatusOr<BufferedReader::Line> BufferedReader::ReadLine(size_t max_len) {
  Line line{std::string(), LineEnd::kEof};
  size_t scanned = 0;
  while (true) {
    const uint8_t* start = buf_.data() + pos_;
    const size_t avail = buffered();
    const void* nl = avail > scanned
                         ? std::memchr(start + scanned, '\n', avail - scanned)
                         : nullptr;
    if (nl != nullptr) {
      const size_t len = static_cast<const uint8_t*>(nl) - start;
      if (len > max_len) break;
      line.text.assign(reinterpret_cast<const char*>(start), len);
      line.end = LineEnd::kNewline;
      pos_ += len + 1;
      return line;
    }
    scanned = avail;
    if (avail > max_len) break;
    absl::StatusOr<size_t> n = Fill();
    if (!n.ok()) return n.status();
    if (*n == 0) {
      line.text.assign(reinterpret_cast<const char*>(buf_.data() + pos_),
                       buffered());
      pos_ = buf_.size();
      return line;
    }
  }
  line.text.assign(reinterpret_cast<const char*>(buf_.data() + pos_), max_len);
  line.end = LineEnd::kTooLong;
  pos_ += max_len;
  return line;
}

absl::StatusOr<absl::string_view> BufferedReader::Peek(size_t n) {
  while (buffered() < n) {
    absl::StatusOr<size_t> got = Fill();
    if (!got.ok()) return got.status();
    if (*got == 0) break;
  }
  return absl::string_view(reinterpret_cast<const char*>(buf_.data() + pos_),
                           std::min(n, buffered()));
}

void BufferedReader::Skip(size_t n) { pos_ += std::min(n, buffered()); }

absl::StatusOr<size_t> BufferedReader::Read(absl::Span<uint8_t> out) {
  if (buffered() > 0) {
    const size_t n = std::min(out.size(), buffered());
    std::memcpy(out.data(), buf_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  return src_->Read(out);
}

std::optional<absl::Span<const uint8_t>> BufferedReader::Borrow(size_t max) {
  if (buffered() > 0) return std::nullopt;
  return src_->Borrow(max);
}

}  // namespace kluis::crypto
