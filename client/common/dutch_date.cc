#include "client/common/dutch_date.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace kluis::client {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// One or two digits for a day or a month.
bool IsShortPart(absl::string_view s) { return s.size() <= 2 && AllDigits(s); }

absl::Status NotADate() { return absl::InvalidArgumentError(kDateNotADate); }

}  // namespace

absl::StatusOr<std::string> ParseDutchDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  const size_t first = text.find_first_of("-/.");
  if (first == absl::string_view::npos) return NotADate();
  const char separator = text[first];
  const std::vector<absl::string_view> parts = absl::StrSplit(text, separator);
  if (parts.size() != 3) return NotADate();
  absl::string_view year, month, day;
  const bool iso = parts[0].size() == 4 && separator == '-';
  if (iso) {
    year = parts[0];
    month = parts[1];
    day = parts[2];
  } else {
    day = parts[0];
    month = parts[1];
    year = parts[2];
  }
  if (!IsShortPart(day) || !IsShortPart(month) || !AllDigits(year)) {
    return NotADate();
  }
  if (year.size() <= 2) return absl::InvalidArgumentError(kDateShortYear);
  int y = 0, m = 0, d = 0;
  if (year.size() != 4 || !absl::SimpleAtoi(year, &y) || y < 1000 ||
      !absl::SimpleAtoi(month, &m) || !absl::SimpleAtoi(day, &d)) {
    return NotADate();
  }
  if (!iso && m > 12 && d >= 1 && d <= 12 && m <= DaysInMonth(y, d)) {
    return absl::InvalidArgumentError(kDateMonthFirst);
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return absl::InvalidArgumentError(kDateNoSuchDay);
  }
  return absl::StrFormat("%04d-%02d-%02d", y, m, d);
}

}  // namespace kluis::client
