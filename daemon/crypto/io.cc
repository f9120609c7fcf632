#include "daemon/crypto/io.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace kluis::crypto {

absl::StatusOr<size_t> ReadFull(Reader& reader, absl::Span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    absl::StatusOr<size_t> n = reader.Read(out.subspan(done));
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    done += *n;
  }
  return done;
}

absl::StatusOr<size_t> SpanReader::Read(absl::Span<uint8_t> out) {
  const size_t n = std::min(out.size(), data_.size());
  if (n > 0) std::memcpy(out.data(), data_.data(), n);
  data_.remove_prefix(n);
  return n;
}

std::optional<absl::Span<const uint8_t>> SpanReader::Borrow(size_t max) {
  absl::Span<const uint8_t> out = data_.subspan(0, max);
  data_.remove_prefix(out.size());
  return out;
}

absl::Status VectorWriter::Write(absl::Span<const uint8_t> data) {
  out_->insert(out_->end(), data.begin(), data.end());
  return absl::OkStatus();
}

absl::StatusOr<size_t> FdReader::Read(absl::Span<uint8_t> out) {
  while (true) {
    ssize_t n = ::read(fd_, out.data(), out.size());
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    return absl::UnavailableError(
        absl::StrCat("read failed: ", std::strerror(errno)));
  }
}

absl::Status FdWriter::Write(absl::Span<const uint8_t> data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOSPC) {
        return absl::ResourceExhaustedError("write failed: no space left");
      }
      return absl::UnavailableError(
          absl::StrCat("write failed: ", std::strerror(errno)));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

}  // namespace kluis::crypto
