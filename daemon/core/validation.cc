#include "daemon/core/validation.h"

#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/core/bsn.h"

namespace kluis::core {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// BBAN lengths + 4 of the IBAN countries a Dutch practice meets most.
const std::map<std::string, size_t>& IbanLengths() {
  static const auto* m = new std::map<std::string, size_t>{
      {"AT", 20}, {"BE", 16}, {"CH", 21}, {"CZ", 24}, {"DE", 22}, {"DK", 18},
      {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GR", 27}, {"HU", 28},
      {"IE", 22}, {"IT", 27}, {"LU", 20}, {"NL", 18}, {"NO", 15}, {"PL", 28},
      {"PT", 25}, {"SE", 24}, {"SK", 24}, {"TR", 26}};
  return *m;
}

}  // namespace

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

bool IsValidTime(absl::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (size_t i : {0, 1, 3, 4}) {
    if (!absl::ascii_isdigit(t[i])) return false;
  }
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  return h < 24 && m < 60;
}

bool IsValidMediaType(absl::string_view m) {
  const size_t slash = m.find('/');
  if (m.size() > 127 || slash == absl::string_view::npos || slash == 0 ||
      slash + 1 == m.size()) {
    return false;
  }
  for (size_t i = 0; i < m.size(); ++i) {
    const char c = m[i];
    if (i == slash) continue;
    if (!absl::ascii_isalnum(c) &&
        absl::string_view("!#$&-^_.+").find(c) == absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool IsValidFileName(absl::string_view n) {
  return !n.empty() && n != "." && n != ".." && n.size() <= 255 &&
         n.find('/') == absl::string_view::npos &&
         n.find('\\') == absl::string_view::npos && IsValidUtf8(n) &&
         !HasControlChars(n, false);
}

std::string IbanProblem(absl::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) {
    return "must be 15 to 34 letters and digits";
  }
  for (char c : iban) {
    if (!absl::ascii_isdigit(c) && !absl::ascii_isupper(c)) {
      return "may hold only letters and digits";
    }
  }
  if (!absl::ascii_isupper(iban[0]) || !absl::ascii_isupper(iban[1]) ||
      !absl::ascii_isdigit(iban[2]) || !absl::ascii_isdigit(iban[3])) {
    return "must start with a country code and two check digits";
  }
  const std::string country(iban.substr(0, 2));
  auto it = IbanLengths().find(country);
  if (it != IbanLengths().end() && iban.size() != it->second) {
    return absl::StrCat("an IBAN of this country has ", it->second,
                        " characters");
  }
  if (country == "NL") {
    for (size_t i = 4; i < 8; ++i) {
      if (!absl::ascii_isupper(iban[i])) {
        return "a Dutch IBAN has a 4-letter bank code after the check digits";
      }
    }
    for (size_t i = 8; i < 18; ++i) {
      if (!absl::ascii_isdigit(iban[i])) {
        return "a Dutch IBAN ends in a 10-digit account number";
      }
    }
  }
  // ISO 7064 mod 97-10 over BBAN + country + check digits, letters as
  // 10..35, computed piecewise.
  int rem = 0;
  const std::string moved = absl::StrCat(iban.substr(4), iban.substr(0, 4));
  for (char c : moved) {
    const int v = absl::ascii_isdigit(c) ? c - '0' : c - 'A' + 10;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  if (rem != 1) return "check digits do not match (mod-97)";
  return "";
}

bool IsValidIban(absl::string_view iban) { return IbanProblem(iban).empty(); }

std::string NormalizePostcode(absl::string_view postcode) {
  std::string pc = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(postcode));
  if (pc.size() == 6 && absl::ascii_isdigit(pc[3]) &&
      absl::ascii_isalpha(pc[4])) {
    pc = absl::StrCat(pc.substr(0, 4), " ", pc.substr(4));
  }
  return pc;
}

std::string NormalizeIban(absl::string_view iban) {
  std::string out;
  for (char c : iban) {
    if (c != ' ') out.push_back(absl::ascii_toupper(c));
  }
  return out;
}

absl::Status ValidateReason(absl::string_view reason) {
  if (reason.empty()) return absl::OkStatus();
  if (!IsValidUtf8(reason) || HasControlChars(reason, false)) {
    return absl::InvalidArgumentError(
        "reason: must be one line of UTF-8 text without control characters");
  }
  if (CodePoints(reason) > kMaxReasonChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("reason: longer than ", kMaxReasonChars, " characters"));
  }
  if (ContainsBsn(reason)) {
    return absl::InvalidArgumentError(
        "reason: looks like a BSN (citizen service number); kluis never "
        "stores a BSN");
  }
  return absl::OkStatus();
}

}  // namespace kluis::core
