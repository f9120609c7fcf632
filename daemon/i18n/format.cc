// Translator's numbers and dates: the conventions of each language, not of
// the process locale.
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "daemon/i18n/translator.h"

namespace kluis::i18n {
namespace {

// "1234567" → "1.234.567" with `separator` between groups of three.
std::string Grouped(uint64_t whole, char separator) {
  const std::string digits = absl::StrCat(whole);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

// Month names, marked for the catalogue.
constexpr const char* kMonths[] = {
    N_("January"),   N_("February"), N_("March"),    N_("April"),
    N_("May"),       N_("June"),     N_("July"),     N_("August"),
    N_("September"), N_("October"),  N_("November"), N_("December")};

}  // namespace

std::string Translator::Money(int64_t cents) const {
  // Magnitude without overflow for INT64_MIN.
  const uint64_t magnitude = cents < 0 ? 0 - static_cast<uint64_t>(cents)
                                       : static_cast<uint64_t>(cents);
  const uint64_t rest = magnitude % 100;
  const bool dutch = lang_ == "nl";
  return absl::StrCat(cents < 0 ? "-" : "", dutch ? "€ " : "€",
                      Grouped(magnitude / 100, dutch ? '.' : ','),
                      dutch ? "," : ".", rest < 10 ? "0" : "", rest);
}

std::string Translator::Date(absl::CivilDay day) const {
  return absl::StrCat(day.day(), " ", Tr(kMonths[day.month() - 1]), " ",
                      day.year());
}

std::string Translator::Date(absl::string_view iso) const {
  absl::CivilDay day;
  if (iso.size() >= 10 && absl::ParseCivilTime(iso.substr(0, 10), &day) &&
      (iso.size() == 10 || iso[10] == 'T' || iso[10] == ' ')) {
    return Date(day);
  }
  return std::string(iso);
}

}  // namespace kluis::i18n
