// Dates as a Dutch person types them. kluisd stores and checks dates as ISO
// YYYY-MM-DD; clients take both that and the day-first forms a Dutch person
// or spreadsheet writes (12-05-1988, 12/5/1988, 12.05.1988), and send ISO.
//
// A date is often personal data (a birth date): error messages state the
// rule only, never the text that was given; the caller prefixes the field.
// Pure functions, thread-safe.
#ifndef KLUIS_CLIENT_COMMON_DUTCH_DATE_H_
#define KLUIS_CLIENT_COMMON_DUTCH_DATE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Marks a literal for gettext extraction (po/catalog.sh) without
// translating it here; the client words it in its user's language.
#ifndef N_
#define N_(text) text
#endif

namespace kluis::client {

// The ISO form of `text`, which is one of (surrounding spaces ignored):
//   YYYY-MM-DD, also YYYY-M-D;
//   D-M-YYYY with '-', '/' or '.' (the same separator twice), day first,
//   one or two digits for the day and the month.
// Errors, all kInvalidArgument, the message being the rule alone:
//   kDateNotADate     anything else (also a month name, or mixed separators);
//   kDateShortYear    a two-digit year (12-05-88: 1988 or 2088?);
//   kDateNoSuchDay    a month past 12, a day past the month's end
//                     (30-02-1990; leap years by the Gregorian rule);
//   kDateMonthFirst   the same when the parts would make a date month
//                     first (05-13-1988, as written in the US).
absl::StatusOr<std::string> ParseDutchDate(absl::string_view text);

// The messages ParseDutchDate returns, for callers and tests that tell
// the cases apart.
inline constexpr char kDateNotADate[] =
    N_("not a date: write it as DD-MM-YYYY (day first) or YYYY-MM-DD");
inline constexpr char kDateShortYear[] =
    N_("write the year in four digits: a two-digit year is ambiguous");
inline constexpr char kDateNoSuchDay[] = N_("that day does not exist");
inline constexpr char kDateMonthFirst[] =
    N_("that day does not exist (the day comes first: DD-MM-YYYY)");

// Usage text for a date option: "DD-MM-YYYY or YYYY-MM-DD".
inline constexpr char kDateForms[] = N_("DD-MM-YYYY or YYYY-MM-DD");

}  // namespace kluis::client

#endif  // KLUIS_CLIENT_COMMON_DUTCH_DATE_H_
