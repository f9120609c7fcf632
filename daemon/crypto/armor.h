// age's ASCII armor (spec "ASCII armor"): PEM-style, type "AGE ENCRYPTED
// FILE", standard padded base64 in 64-column lines. The writer is canonical
// (LF line ends); the reader is strict: whitespace only before the first and
// after the last line, LF or CRLF line ends, every line but the last exactly
// 64 columns, canonical padding, nothing else.
#ifndef KLUIS_DAEMON_CRYPTO_ARMOR_H_
#define KLUIS_DAEMON_CRYPTO_ARMOR_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/crypto/buffered_reader.h"
#include "daemon/crypto/io.h"

namespace kluis::crypto {

inline constexpr absl::string_view kArmorBegin =
    "-----BEGIN AGE ENCRYPTED FILE-----";
inline constexpr absl::string_view kArmorEnd =
    "-----END AGE ENCRYPTED FILE-----";

// True when `src` looks like armor rather than the binary format: it does not
// start with the binary version line and has a "-----" line near its start.
// Consumes nothing.
absl::StatusOr<bool> LooksArmored(BufferedReader& src);

// Encodes what is written into armored text on `dst` (not owned).
class ArmorWriter : public Writer {
 public:
  explicit ArmorWriter(Writer* dst) : dst_(dst) {}
  absl::Status Write(absl::Span<const uint8_t> data) override;
  // Writes the last line and the end line. Does not close `dst`.
  absl::Status Close() override;

 private:
  absl::Status EmitLines(absl::Span<const uint8_t> data, bool final);

  Writer* dst_;
  std::vector<uint8_t> pending_;  // fewer than 48 bytes
  bool begun_ = false;
  bool closed_ = false;
};

// Decodes armored text from `src` (not owned). Read errors: an ArmorError
// naming the rule; they are sticky.
class ArmorReader : public Reader {
 public:
  explicit ArmorReader(BufferedReader* src) : src_(src) {}
  absl::StatusOr<size_t> Read(absl::Span<uint8_t> out) override;

 private:
  absl::Status Begin();
  absl::Status NextLine();  // decodes one line into decoded_
  absl::Status CheckTrailing();

  BufferedReader* src_;
  std::vector<uint8_t> decoded_;
  size_t decoded_pos_ = 0;
  bool begun_ = false;
  bool saw_short_line_ = false;
  bool done_ = false;
  absl::Status error_;
};

}  // namespace kluis::crypto

#endif  // KLUIS_DAEMON_CRYPTO_ARMOR_H_
