// Amounts in euros as a Dutch person types and reads them. kluisd keeps an
// amount as int64 euro cents (a field with the euro_cents rule); clients
// take euros ("450", "450,00", "€ 1.250,50", "1250.50") and show them the
// Dutch way ("€ 1.250,50"). `--json` and the API keep cents.
//
// Error messages state the rule alone, never the amount; the caller
// prefixes the field. Pure functions, thread-safe.
#ifndef KLUIS_CLIENT_COMMON_MONEY_H_
#define KLUIS_CLIENT_COMMON_MONEY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Marks a literal for gettext extraction (po/catalog.sh) without
// translating it here; the client words it in its user's language.
#ifndef N_
#define N_(text) text
#endif

namespace kluis::client {

// The cents of `text`: an optional '€' or "EUR", an optional '-', then
// whole euros with an optional decimal part of one or two digits:
//   450   450,00   450.00   € 450,-   1.250,50   1,250.50   1250.5
// With both '.' and ',' the last one is the decimal mark and the other
// groups thousands (groups of three). With only one kind: once and followed
// by one or two digits it is the decimal mark; between groups of three
// (1.250.000) it groups thousands.
// Errors, all kInvalidArgument with the rule as the message:
//   kMoneyNotAnAmount     no digits, letters, stray separators;
//   kMoneyAmbiguous       one separator followed by exactly three digits
//                         (1.250: Dutch 1250, or English 1.25?);
//   kMoneyTooPrecise      more than two decimals;
//   kMoneyNegative        a minus sign when !allow_negative;
//   kMoneyTooLarge        a billion euros or more.
absl::StatusOr<int64_t> ParseEuros(absl::string_view text,
                                   bool allow_negative = false);

// "€ 450,00", "€ 1.250,50", "€ -12,50".
std::string FormatEuros(int64_t cents);

inline constexpr char kMoneyNotAnAmount[] =
    N_("not an amount in euros: write it as 450, 450,00 or 1.250,50");
inline constexpr char kMoneyAmbiguous[] =
    N_("ambiguous: three digits after the only separator could be thousands or "
       "cents; write 1250, 1.250,00 or 1,25");
inline constexpr char kMoneyTooPrecise[] = N_("at most two decimals (cents)");
inline constexpr char kMoneyNegative[] = N_("must not be negative");
inline constexpr char kMoneyTooLarge[] =
    N_("must be less than a billion euros");

// Usage text for an amount option.
inline constexpr char kMoneyForms[] = N_("in euros, e.g. 450 or 1.250,50");

}  // namespace kluis::client

#endif  // KLUIS_CLIENT_COMMON_MONEY_H_
