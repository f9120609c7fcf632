// The byte-stream interfaces the age codec reads from and writes to, so that a
// file of any size passes through bounded memory, plus the few concrete
// streams the codec and its tools need (memory, file descriptor).
//
// Thread-safety: a stream is used by one thread at a time.
#ifndef KLUIS_DAEMON_CRYPTO_IO_H_
#define KLUIS_DAEMON_CRYPTO_IO_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace kluis::crypto {

class Reader {
 public:
  virtual ~Reader() = default;
  // Reads up to out.size() bytes; returns 0 only at end of stream (or when
  // out is empty). Errors: whatever the source reports (kDataLoss, kInternal,
  // kUnavailable for I/O).
  virtual absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) = 0;

  // Zero-copy read for streams whose bytes already sit in memory (a git blob,
  // a buffer): consumes and returns a view of the next `max` bytes (fewer
  // only at end of stream), valid while the underlying memory is. nullopt
  // when this stream cannot lend its bytes right now; use Read then.
  virtual std::optional<absl::Span<const uint8_t>> Borrow(size_t max) {
    (void)max;
    return std::nullopt;
  }
};

class Writer {
 public:
  virtual ~Writer() = default;
  // Writes all of `data` or fails.
  virtual absl::Status Write(absl::Span<const uint8_t> data) = 0;
  // Flushes and finishes the stream; no Write after Close.
  virtual absl::Status Close() = 0;
};

// Reads until `out` is full or the stream ends; returns the count read.
absl::StatusOr<size_t> ReadFull(Reader& reader, absl::Span<uint8_t> out);

inline absl::Span<const uint8_t> AsBytes(absl::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

class SpanReader : public Reader {
 public:
  explicit SpanReader(absl::Span<const uint8_t> data) : data_(data) {}
  explicit SpanReader(absl::string_view data) : data_(AsBytes(data)) {}
  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override;
  std::optional<absl::Span<const uint8_t>> Borrow(size_t max) override;

 private:
  absl::Span<const uint8_t> data_;
};

// Appends everything written to a caller-owned vector.
class VectorWriter : public Writer {
 public:
  explicit VectorWriter(std::vector<uint8_t>* out) : out_(out) {}
  absl::Status Write(absl::Span<const uint8_t> data) override;
  absl::Status Close() override { return absl::OkStatus(); }

 private:
  std::vector<uint8_t>* out_;
};

// A caller-owned file descriptor; Close() does not close it (the owner does).
class FdReader : public Reader {
 public:
  explicit FdReader(int fd) : fd_(fd) {}
  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override;

 private:
  int fd_;
};

class FdWriter : public Writer {
 public:
  explicit FdWriter(int fd) : fd_(fd) {}
  absl::Status Write(absl::Span<const uint8_t> data) override;
  absl::Status Close() override { return absl::OkStatus(); }

 private:
  int fd_;
};

// Counts and discards, for benchmarks and size probes.
class DiscardWriter : public Writer {
 public:
  absl::Status Write(absl::Span<const uint8_t> data) override {
    bytes_ += data.size();
    return absl::OkStatus();
  }
  absl::Status Close() override { return absl::OkStatus(); }
  uint64_t bytes() const { return bytes_; }

 private:
  uint64_t bytes_ = 0;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_IO_H_
