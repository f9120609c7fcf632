// The rules a record must meet before it is stored. Each error is
// kInvalidArgument "<field>: <rule>" and never quotes the value.
// Normalising functions rewrite fields into their one stored spelling
// (postcode "1234 AB", trimmed text) before validation.
#ifndef KLUIS_DAEMON_CORE_VALIDATION_H_
#define KLUIS_DAEMON_CORE_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxLineChars = 200;
inline constexpr size_t kMaxNoteBytes = 64 * 1024;
inline constexpr size_t kMaxReasonChars = 1000;

void NormalizeClient(kluis::v1::Client* client);
absl::Status ValidateClient(const kluis::v1::Client& client, absl::Time now);

void NormalizeNote(kluis::v1::Note* note);
absl::Status ValidateNote(const kluis::v1::Note& note, absl::Time now);

absl::Status ValidateReason(absl::string_view reason);

// Building blocks, exposed for table-driven tests.
bool IsValidDate(absl::string_view date);  // YYYY-MM-DD, a real day
bool IsValidEmail(absl::string_view email);
bool IsValidDutchPostcode(absl::string_view postcode);  // "1234 AB"
bool IsValidPhone(absl::string_view phone);
bool IsValidUtf8(absl::string_view text);
// True when `text` holds a number that passes the BSN eleven-test, written
// as nine digits or as 1234.56.789 / 1234 56 789.
bool ContainsBsn(absl::string_view text);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_VALIDATION_H_
