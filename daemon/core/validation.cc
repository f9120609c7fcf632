#include "daemon/core/validation.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace kluis::core {
namespace {

using kluis::v1::Client;
using kluis::v1::Note;

absl::Status Invalid(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", rule));
}

size_t CodePoints(absl::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasControlChars(absl::string_view s, bool allow_newlines) {
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (allow_newlines && (c == '\n' || c == '\t' || c == '\r')) continue;
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// Plain text of one line: valid UTF-8, no control characters, bounded, and
// never a BSN.
absl::Status CheckLine(absl::string_view field, absl::string_view value,
                       size_t max_chars) {
  if (!IsValidUtf8(value)) return Invalid(field, "not valid UTF-8 text");
  if (HasControlChars(value, false)) {
    return Invalid(field, "must be one line without control characters");
  }
  if (CodePoints(value) > max_chars) {
    return Invalid(field,
                   absl::StrCat("longer than ", max_chars, " characters"));
  }
  if (ContainsBsn(value)) {
    return Invalid(field,
                   "looks like a BSN (citizen service number); kluis never "
                   "stores a BSN");
  }
  return absl::OkStatus();
}

std::string Trimmed(absl::string_view s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ElevenTest(const int d[9]) {
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += d[i] * (9 - i);
  sum -= d[8];
  bool all_zero = true;
  for (int i = 0; i < 9; ++i) all_zero &= d[i] == 0;
  return !all_zero && sum % 11 == 0;
}

}  // namespace

bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80         ? 1
                 : (c >> 5) == 6  ? 2
                 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4
                                  : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : c & (0x7f >> len);
    for (size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values beyond Unicode are invalid.
    static const uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

bool IsValidDate(absl::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  int y, m, d;
  if (!absl::SimpleAtoi(date.substr(0, 4), &y) ||
      !absl::SimpleAtoi(date.substr(5, 2), &m) ||
      !absl::SimpleAtoi(date.substr(8, 2), &d)) {
    return false;
  }
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(date[i])) return false;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

bool IsValidEmail(absl::string_view email) {
  if (email.size() > 254) return false;
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  for (char c : email.substr(0, at)) {
    if (!absl::ascii_isalnum(c) &&
        std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) ==
            std::string_view::npos) {
      return false;
    }
  }
  const absl::string_view local = email.substr(0, at);
  if (local.front() == '.' || local.back() == '.' ||
      local.find("..") != absl::string_view::npos) {
    return false;
  }
  const absl::string_view domain = email.substr(at + 1);
  if (domain.find('.') == absl::string_view::npos) return false;
  size_t label = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      if (label == 0 || label > 63) return false;
      if (domain[i - 1] == '-' || domain[i - label] == '-') return false;
      label = 0;
    } else if (absl::ascii_isalnum(domain[i]) || domain[i] == '-') {
      ++label;
    } else {
      return false;
    }
  }
  return true;
}

bool IsValidDutchPostcode(absl::string_view p) {
  return p.size() == 7 && p[0] >= '1' && p[0] <= '9' &&
         absl::ascii_isdigit(p[1]) && absl::ascii_isdigit(p[2]) &&
         absl::ascii_isdigit(p[3]) && p[4] == ' ' &&
         absl::ascii_isupper(p[5]) && absl::ascii_isupper(p[6]);
}

bool IsValidPhone(absl::string_view phone) {
  int digits = 0;
  for (size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (absl::ascii_isdigit(c)) {
      ++digits;
    } else if (c == '+' && i == 0) {
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 6 && digits <= 15;
}

bool ContainsBsn(absl::string_view text) {
  // Collect digit runs separated only by single '.', ' ' or '-' groupings
  // of the shapes 9, 4-2-3 and 3-3-3; each candidate gets the eleven-test.
  for (size_t start = 0; start < text.size(); ++start) {
    if (!absl::ascii_isdigit(text[start])) continue;
    if (start > 0 && absl::ascii_isdigit(text[start - 1])) continue;
    for (const auto& shape : {std::vector<int>{9}, std::vector<int>{4, 2, 3},
                              std::vector<int>{3, 3, 3}}) {
      int d[9];
      int n = 0;
      size_t i = start;
      bool ok = true;
      for (size_t g = 0; g < shape.size() && ok; ++g) {
        if (g > 0) {
          if (i >= text.size() ||
              (text[i] != '.' && text[i] != ' ' && text[i] != '-')) {
            ok = false;
            break;
          }
          ++i;
        }
        for (int k = 0; k < shape[g]; ++k, ++i) {
          if (i >= text.size() || !absl::ascii_isdigit(text[i])) {
            ok = false;
            break;
          }
          d[n++] = text[i] - '0';
        }
      }
      if (!ok || (i < text.size() && absl::ascii_isdigit(text[i]))) continue;
      if (ElevenTest(d)) return true;
    }
  }
  return false;
}

void NormalizeClient(Client* c) {
  c->set_name(Trimmed(c->name()));
  c->set_birth_date(Trimmed(c->birth_date()));
  c->set_address(Trimmed(c->address()));
  c->set_city(Trimmed(c->city()));
  c->set_email(absl::AsciiStrToLower(Trimmed(c->email())));
  c->set_phone(Trimmed(c->phone()));
  // "1234ab" and "1234 ab" are stored as "1234 AB".
  std::string pc = absl::AsciiStrToUpper(Trimmed(c->postcode()));
  if (pc.size() == 6 && absl::ascii_isdigit(pc[3]) &&
      absl::ascii_isalpha(pc[4])) {
    pc = absl::StrCat(pc.substr(0, 4), " ", pc.substr(4));
  }
  c->set_postcode(pc);
}

absl::Status ValidateClient(const Client& c, absl::Time now) {
  if (c.name().empty()) return Invalid("client.name", "is required");
  absl::Status s = CheckLine("client.name", c.name(), kMaxNameChars);
  if (!s.ok()) return s;
  if (!c.birth_date().empty()) {
    if (!IsValidDate(c.birth_date())) {
      return Invalid("client.birth_date", "must be a date as YYYY-MM-DD");
    }
    const std::string today =
        absl::FormatTime("%Y-%m-%d", now, absl::LocalTimeZone());
    if (c.birth_date() > today) {
      return Invalid("client.birth_date", "must not be in the future");
    }
    if (c.birth_date() < "1900-01-01") {
      return Invalid("client.birth_date", "must be after 1900-01-01");
    }
  }
  for (const auto& [field, value] : {std::pair<const char*, const std::string*>{
                                         "client.address", &c.address()},
                                     {"client.city", &c.city()}}) {
    s = CheckLine(field, *value, kMaxLineChars);
    if (!s.ok()) return s;
  }
  if (!c.postcode().empty() && !IsValidDutchPostcode(c.postcode())) {
    return Invalid("client.postcode", "must be a Dutch postcode like 1234 AB");
  }
  if (!c.email().empty() && !IsValidEmail(c.email())) {
    return Invalid("client.email", "not an e-mail address");
  }
  if (!c.phone().empty() && !IsValidPhone(c.phone())) {
    return Invalid("client.phone",
                   "must be 6 to 15 digits, with only spaces, + - ( )");
  }
  return absl::OkStatus();
}

void NormalizeNote(Note* n) {
  n->set_date(Trimmed(n->date()));
  // Trailing whitespace is not content; leading indentation may be.
  n->set_text(std::string(absl::StripTrailingAsciiWhitespace(n->text())));
}

absl::Status ValidateNote(const Note& n, absl::Time now) {
  if (absl::StripAsciiWhitespace(n.text()).empty()) {
    return Invalid("note.text", "is required");
  }
  if (n.text().size() > kMaxNoteBytes) {
    return Invalid("note.text", "longer than 64 KiB");
  }
  if (!IsValidUtf8(n.text()))
    return Invalid("note.text", "not valid UTF-8 text");
  if (HasControlChars(n.text(), true)) {
    return Invalid("note.text", "contains control characters");
  }
  if (ContainsBsn(n.text())) {
    return Invalid("note.text",
                   "looks like a BSN (citizen service number); kluis never "
                   "stores a BSN");
  }
  if (!n.date().empty()) {
    if (!IsValidDate(n.date())) {
      return Invalid("note.date", "must be a date as YYYY-MM-DD");
    }
    (void)now;
  }
  return absl::OkStatus();
}

absl::Status ValidateReason(absl::string_view reason) {
  if (reason.empty()) return absl::OkStatus();
  return CheckLine("reason", reason, kMaxReasonChars);
}

}  // namespace kluis::core
