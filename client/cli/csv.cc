#include "client/cli/csv.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace kluis::cli {
namespace {

constexpr absl::string_view kBom = "\xEF\xBB\xBF";

absl::string_view StripBom(absl::string_view text) {
  if (absl::StartsWith(text, kBom)) text.remove_prefix(kBom.size());
  return text;
}

absl::Status LineError(size_t line, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", rule));
}

// The length of the line break at text[i]: 2 for CRLF, 1 for LF or a lone
// CR (old Mac exports), 0 for anything else.
size_t LineBreakAt(absl::string_view text, size_t i) {
  if (text[i] == '\n') return 1;
  if (text[i] != '\r') return 0;
  return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
}

// The length of the well-formed UTF-8 sequence at text[i] (no overlong
// forms, surrogates or code points past U+10FFFF), 0 if there is none.
size_t Utf8LengthAt(absl::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

absl::Status CheckUtf8(absl::string_view text) {
  size_t line = 1;
  for (size_t i = 0; i < text.size();) {
    if (size_t n = LineBreakAt(text, i); n > 0) {
      i += n;
      ++line;
      continue;
    }
    const size_t n = Utf8LengthAt(text, i);
    if (n == 0) {
      return LineError(line,
                       "not valid UTF-8 (in Excel, save as \"CSV UTF-8\")");
    }
    i += n;
  }
  return absl::OkStatus();
}

// Reads records from text, keeping track of the physical line.
class CsvScanner {
 public:
  CsvScanner(absl::string_view text, char delimiter)
      : text_(text), delimiter_(delimiter) {}

  bool Done() const { return pos_ >= text_.size(); }

  absl::StatusOr<CsvRow> NextRow() {
    CsvRow row;
    row.line = line_;
    while (true) {
      absl::StatusOr<std::string> field = NextField();
      if (!field.ok()) return field.status();
      row.fields.push_back(*std::move(field));
      if (Done()) break;
      if (text_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      pos_ += LineBreakAt(text_, pos_);
      ++line_;
      break;
    }
    return row;
  }

 private:
  // Leaves pos_ at the delimiter or line break after the field, or at the
  // end.
  absl::StatusOr<std::string> NextField() {
    std::string field;
    if (Done() || text_[pos_] != '"') {
      const size_t start = pos_;
      for (; !Done(); ++pos_) {
        const char c = text_[pos_];
        if (c == delimiter_ || c == '\n' || c == '\r') break;
        if (c == '"') return LineError(line_, "quote inside an unquoted field");
      }
      field.assign(text_.data() + start, pos_ - start);
      return field;
    }
    const size_t opened = line_;
    ++pos_;
    while (true) {
      if (Done()) return LineError(opened, "unterminated quoted field");
      if (text_[pos_] == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (size_t n = LineBreakAt(text_, pos_); n > 0) {
        field.push_back('\n');
        pos_ += n;
        ++line_;
        continue;
      }
      field.push_back(text_[pos_++]);
    }
    if (!Done() && text_[pos_] != delimiter_ && LineBreakAt(text_, pos_) == 0) {
      return LineError(line_, "text after a closing quote");
    }
    return field;
  }

  const absl::string_view text_;
  const char delimiter_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

bool IsBlank(const CsvRow& row) {
  return row.fields.size() == 1 && row.fields[0].empty();
}

}  // namespace

char DetectCsvDelimiter(absl::string_view text) {
  text = StripBom(text);
  size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice
    } else if (quoted) {
      continue;
    } else if (c == '\n' || c == '\r') {
      break;
    } else if (c == ',') {
      ++commas;
    } else if (c == ';') {
      ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text) {
  text = StripBom(text);
  if (absl::Status s = CheckUtf8(text); !s.ok()) return s;
  CsvScanner scanner(text, DetectCsvDelimiter(text));
  std::vector<CsvRow> rows;
  while (!scanner.Done()) {
    absl::StatusOr<CsvRow> row = scanner.NextRow();
    if (!row.ok()) return row.status();
    rows.push_back(*std::move(row));
  }
  // Blank lines at the end are what editors leave behind, not records.
  while (!rows.empty() && IsBlank(rows.back())) rows.pop_back();
  return rows;
}

}  // namespace kluis::cli
