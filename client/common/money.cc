#include "client/common/money.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace kluis::client {
namespace {

constexpr absl::string_view kEuroSign = "\xE2\x82\xAC";  // U+20AC
constexpr absl::string_view kNoBreakSpace = "\xC2\xA0";  // spreadsheets
constexpr size_t kMaxEuroDigits = 9;                     // < 1e9 euros

absl::Status Refuse(const char* rule) {
  return absl::InvalidArgumentError(rule);
}

// Strips spaces (also no-break spaces) at both ends.
absl::string_view Trim(absl::string_view s) {
  while (true) {
    const absl::string_view before = s;
    s = absl::StripAsciiWhitespace(s);
    absl::ConsumePrefix(&s, kNoBreakSpace);
    absl::ConsumeSuffix(&s, kNoBreakSpace);
    if (s == before) return s;
  }
}

// A currency sign or code at the front or the back.
bool ConsumeCurrency(absl::string_view* s) {
  if (absl::ConsumePrefix(s, kEuroSign) || absl::ConsumeSuffix(s, kEuroSign)) {
    return true;
  }
  if (absl::StartsWithIgnoreCase(*s, "eur")) {
    s->remove_prefix(3);
    return true;
  }
  if (absl::EndsWithIgnoreCase(*s, "eur")) {
    s->remove_suffix(3);
    return true;
  }
  return false;
}

bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(c);
  });
}

// Whole euros, digits with `group` between groups of three (or no `group`
// at all). Returns the digits, or "" when the grouping is wrong.
std::string WholeEuros(absl::string_view s, char group) {
  if (group == '\0') return AllDigits(s) ? std::string(s) : "";
  const std::vector<absl::string_view> groups = absl::StrSplit(s, group);
  std::string digits;
  for (size_t i = 0; i < groups.size(); ++i) {
    const bool size_ok = i == 0 ? groups[i].size() >= 1 && groups[i].size() <= 3
                                : groups[i].size() == 3;
    if (!size_ok || !AllDigits(groups[i])) return "";
    absl::StrAppend(&digits, groups[i]);
  }
  return digits;
}

}  // namespace

absl::StatusOr<int64_t> ParseEuros(absl::string_view text,
                                   bool allow_negative) {
  absl::string_view s = Trim(text);
  bool negative = false, currency = false;
  // "€ -12,50", "-€ 12,50", "-12,50 €", "EUR 450": sign and currency in
  // either order.
  for (int round = 0; round < 2; ++round) {
    if (!currency && ConsumeCurrency(&s)) currency = true;
    s = Trim(s);
    if (!negative && absl::ConsumePrefix(&s, "-")) negative = true;
    s = Trim(s);
  }
  // "450,-": whole euros, so any separator left groups thousands.
  const bool whole =
      absl::ConsumeSuffix(&s, ",-") || absl::ConsumeSuffix(&s, ".-");
  if (s.empty() || s.find_first_not_of("0123456789.,") != s.npos) {
    return Refuse(kMoneyNotAnAmount);
  }
  const size_t dots = std::count(s.begin(), s.end(), '.');
  const size_t commas = std::count(s.begin(), s.end(), ',');
  char decimal = '\0', group = '\0';
  if (whole) {
    if (dots > 0 && commas > 0) return Refuse(kMoneyNotAnAmount);
    group = dots > 0 ? '.' : commas > 0 ? ',' : '\0';
  } else if (dots > 0 && commas > 0) {
    decimal = s[s.find_last_of(".,")];
    group = decimal == '.' ? ',' : '.';
    if ((decimal == '.' ? dots : commas) != 1) {
      return Refuse(kMoneyNotAnAmount);
    }
  } else if (dots + commas == 1) {
    const char sep = dots == 1 ? '.' : ',';
    const size_t after = s.size() - s.find(sep) - 1;
    if (after == 3) return Refuse(kMoneyAmbiguous);
    decimal = sep;
  } else if (dots + commas > 1) {
    group = dots > 0 ? '.' : ',';
  }
  absl::string_view integer = s, fraction;
  if (decimal != '\0') {
    const size_t at = s.find(decimal);
    integer = s.substr(0, at);
    fraction = s.substr(at + 1);
    if (!AllDigits(fraction)) return Refuse(kMoneyNotAnAmount);
    if (fraction.size() > 2) return Refuse(kMoneyTooPrecise);
  }
  std::string euros = WholeEuros(integer, group);
  if (euros.empty()) return Refuse(kMoneyNotAnAmount);
  euros.erase(0, std::min(euros.find_first_not_of('0'), euros.size() - 1));
  if (euros.size() > kMaxEuroDigits) return Refuse(kMoneyTooLarge);
  int64_t whole_euros = 0, cents = 0;
  if (!absl::SimpleAtoi(euros, &whole_euros)) return Refuse(kMoneyNotAnAmount);
  if (!fraction.empty() &&
      !absl::SimpleAtoi(fraction.size() == 1 ? absl::StrCat(fraction, "0")
                                             : std::string(fraction),
                        &cents)) {
    return Refuse(kMoneyNotAnAmount);
  }
  const int64_t total = whole_euros * 100 + cents;
  if (negative && total != 0 && !allow_negative) return Refuse(kMoneyNegative);
  return negative ? -total : total;
}

std::string FormatEuros(int64_t cents) {
  // Unsigned, so that the most negative value has a magnitude too.
  const uint64_t magnitude = cents < 0 ? 0 - static_cast<uint64_t>(cents)
                                       : static_cast<uint64_t>(cents);
  const std::string euros = absl::StrCat(magnitude / 100);
  std::string grouped;
  for (size_t i = 0; i < euros.size(); ++i) {
    if (i > 0 && (euros.size() - i) % 3 == 0) grouped.push_back('.');
    grouped.push_back(euros[i]);
  }
  const uint64_t rest = magnitude % 100;
  return absl::StrCat(kEuroSign, " ", cents < 0 ? "-" : "", grouped, ",",
                      rest < 10 ? "0" : "", rest);
}

}  // namespace kluis::client
