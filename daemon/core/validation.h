// The formats kluis accepts, as building blocks for the record rules
// (record_rules.h): each is a pure predicate, table-tested on its own.
// Normalising functions rewrite a value into its one stored spelling.
#ifndef KLUIS_DAEMON_CORE_VALIDATION_H_
#define KLUIS_DAEMON_CORE_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kluis::core {

inline constexpr size_t kMaxLineChars = 200;
inline constexpr size_t kMaxTextBytes = 64 * 1024;
inline constexpr size_t kMaxReasonChars = 1000;

// Errors: kInvalidArgument "reason: <rule>".
absl::Status ValidateReason(absl::string_view reason);

bool IsValidDate(absl::string_view date);  // YYYY-MM-DD, a real day
bool IsValidTime(absl::string_view time);  // HH:MM, 00:00–23:59
bool IsValidEmail(absl::string_view email);
bool IsValidDutchPostcode(absl::string_view postcode);  // "1234 AB"
bool IsValidPhone(absl::string_view phone);
bool IsValidUtf8(absl::string_view text);
bool IsValidMediaType(absl::string_view media_type);  // type/subtype
bool IsValidFileName(absl::string_view name);
// ISO 13616: country, check digits, BBAN of the country's length, and
// mod-97 == 1. Dutch IBANs also need the NL shape: 4-letter bank code and
// 10 digits. Expects the normalised form (no spaces, upper case).
bool IsValidIban(absl::string_view iban);
// Why an IBAN is refused, naming the rule ("" when valid).
std::string IbanProblem(absl::string_view iban);
bool HasControlChars(absl::string_view text, bool allow_newlines);
size_t CodePoints(absl::string_view text);

// "1234ab" → "1234 AB"; other input unchanged but trimmed.
std::string NormalizePostcode(absl::string_view postcode);
// "nl91 abna 0417 1643 00" → "NL91ABNA0417164300".
std::string NormalizeIban(absl::string_view iban);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_VALIDATION_H_
