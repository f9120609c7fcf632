// A Reader with a look-ahead buffer: line reads for the age header and the
// armor, a peek for armor detection, and plain reads that hand over what was
// buffered before reading the source again. Memory is bounded by the largest
// line or peek asked for.
#ifndef KLUIS_DAEMON_CRYPTO_BUFFERED_READER_H_
#define KLUIS_DAEMON_CRYPTO_BUFFERED_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/crypto/io.h"

namespace kluis::crypto {

class BufferedReader : public Reader {
 public:
  // `src` is not owned and must outlive this reader.
  explicit BufferedReader(Reader* src) : src_(src) {}

  enum class LineEnd { kNewline, kEof, kTooLong };
  struct Line {
    std::string text;  // without the '\n'
    LineEnd end;
  };
  // Reads up to and including the next '\n'. A line longer than `max_len`
  // bytes (without the '\n') comes back truncated with kTooLong; at end of
  // stream the partial last line comes back with kEof.
  absl::StatusOr<Line> ReadLine(size_t max_len);

  // Makes at least `n` bytes visible (fewer at end of stream) without
  // consuming them.
  absl::StatusOr<absl::string_view> Peek(size_t n);

  // Consumes and discards up to `n` bytes.
  void Skip(size_t n);

  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override;
  // Lends from the source once the look-ahead buffer is drained.
  std::optional<absl::Span<const uint8_t>> Borrow(size_t max) override;

 private:
  size_t buffered() const { return buf_.size() - pos_; }
  // Appends one read from the source; returns the count (0 at EOF).
  absl::StatusOr<size_t> Fill();

  Reader* src_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_BUFFERED_READER_H_
