#include "daemon/crypto/armor.h"

#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/crypto/age_error.h"
#include "daemon/crypto/base64.h"

namespace kluis::crypto {
namespace {

constexpr size_t kColumns = 64;
constexpr size_t kBytesPerLine = kColumns / 4 * 3;
// Leading and trailing whitespace allowed around the armor.
constexpr size_t kMaxWhitespace = 1024;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Drops one trailing '\r' (CRLF line ends).
absl::string_view StripCr(absl::string_view s) {
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace

absl::StatusOr<bool> LooksArmored(BufferedReader& src) {
  absl::StatusOr<absl::string_view> head =
      src.Peek(kMaxWhitespace + kArmorBegin.size());
  if (!head.ok()) return head.status();
  // The binary format starts with its version line; anything else that has a
  // PEM-style dash line near the start is treated as (maybe broken) armor, so
  // that a damaged armored file is reported as an armor failure.
  if (absl::StartsWith(*head, "age-encryption.org/")) return false;
  return absl::StrContains(*head, "-----");
}

absl::Status ArmorWriter::EmitLines(absl::Span<const uint8_t> data,
                                    bool final) {
  std::string text;
  if (!begun_) {
    absl::StrAppend(&text, kArmorBegin, "\n");
    begun_ = true;
  }
  while (data.size() >= kBytesPerLine) {
    absl::StrAppend(&text, Base64EncodePadded(data.subspan(0, kBytesPerLine)),
                    "\n");
    data.remove_prefix(kBytesPerLine);
  }
  if (final) {
    if (!data.empty()) absl::StrAppend(&text, Base64EncodePadded(data), "\n");
    absl::StrAppend(&text, kArmorEnd, "\n");
  }
  return dst_->Write(AsBytes(text));
}

absl::Status ArmorWriter::Write(absl::Span<const uint8_t> data) {
  if (closed_) return absl::FailedPreconditionError("write after close");
  if (!pending_.empty()) {
    const size_t n = std::min(kBytesPerLine - pending_.size(), data.size());
    pending_.insert(pending_.end(), data.begin(), data.begin() + n);
    data.remove_prefix(n);
    if (pending_.size() < kBytesPerLine) return absl::OkStatus();
    absl::Status s = EmitLines(pending_, false);
    pending_.clear();
    if (!s.ok()) return s;
  }
  const size_t whole = data.size() / kBytesPerLine * kBytesPerLine;
  if (whole > 0 || !begun_) {
    absl::Status s = EmitLines(data.subspan(0, whole), false);
    if (!s.ok()) return s;
  }
  pending_.assign(data.begin() + whole, data.end());
  return absl::OkStatus();
}

absl::Status ArmorWriter::Close() {
  if (closed_) return absl::OkStatus();
  closed_ = true;
  absl::Status s = EmitLines(pending_, true);
  pending_.clear();
  return s;
}

absl::Status ArmorReader::Begin() {
  // Leading whitespace, then the begin line.
  size_t skipped = 0;
  while (true) {
    absl::StatusOr<absl::string_view> c = src_->Peek(1);
    if (!c.ok()) return c.status();
    if (c->empty() || !IsSpace((*c)[0])) break;
    if (++skipped > kMaxWhitespace) {
      return ArmorError("too much whitespace before the armor");
    }
    src_->Skip(1);
  }
  absl::StatusOr<BufferedReader::Line> line = src_->ReadLine(kColumns + 2);
  if (!line.ok()) return line.status();
  if (line->end != BufferedReader::LineEnd::kNewline ||
      StripCr(line->text) != kArmorBegin) {
    return ArmorError("first line must be the BEGIN AGE ENCRYPTED FILE line");
  }
  begun_ = true;
  return absl::OkStatus();
}

absl::Status ArmorReader::CheckTrailing() {
  size_t seen = 0;
  uint8_t buf[256];
  while (true) {
    absl::StatusOr<size_t> n = src_->Read(buf);
    if (!n.ok()) return n.status();
    if (*n == 0) return absl::OkStatus();
    for (size_t i = 0; i < *n; ++i) {
      if (!IsSpace(static_cast<char>(buf[i]))) {
        return ArmorError("data after the END line");
      }
    }
    seen += *n;
    if (seen > kMaxWhitespace) {
      return ArmorError("too much whitespace after the armor");
    }
  }
}

absl::Status ArmorReader::NextLine() {
  absl::StatusOr<BufferedReader::Line> line = src_->ReadLine(kColumns + 1);
  if (!line.ok()) return line.status();
  if (line->end == BufferedReader::LineEnd::kTooLong) {
    return ArmorError("line longer than 64 columns");
  }
  absl::string_view text = StripCr(line->text);
  if (text == kArmorEnd) {
    done_ = true;
    return CheckTrailing();
  }
  if (line->end == BufferedReader::LineEnd::kEof) {
    return ArmorError("missing END line");
  }
  if (saw_short_line_) return ArmorError("END line must follow a short line");
  if (text.empty()) return ArmorError("empty line inside the armor");
  if (text.size() > kColumns) return ArmorError("line longer than 64 columns");
  saw_short_line_ = text.size() < kColumns || text.back() == '=';
  decoded_.clear();
  decoded_pos_ = 0;
  if (!Base64DecodePaddedAppend(text, &decoded_)) {
    return ArmorError("line is not canonical padded base64");
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> ArmorReader::Read(absl::Span<uint8_t> out) {
  if (!error_.ok()) return error_;
  if (out.empty()) return 0;
  if (!begun_) error_ = Begin();
  size_t done = 0;
  while (error_.ok() && done < out.size()) {
    if (decoded_pos_ == decoded_.size()) {
      if (done_) break;
      error_ = NextLine();
      continue;
    }
    const size_t n =
        std::min(out.size() - done, decoded_.size() - decoded_pos_);
    std::memcpy(out.data() + done, decoded_.data() + decoded_pos_, n);
    decoded_pos_ += n;
    done += n;
  }
  // Hand over what decoded before an error; the error comes on the next read.
  if (done > 0) return done;
  if (!error_.ok()) return error_;
  return 0;
}

}  // namespace kluis::crypto
