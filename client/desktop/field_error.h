// Where a daemon error belongs in a form. kluisd puts a kluis.v1.Refusal
// in the gRPC status's error details: every problem with its field path
// and a rule id the window words in the user's language. An older daemon
// only says "client.iban: not a valid IBAN …" in English; that text is
// parsed for the field and shown as it is.
//
// Thread-safety: pure functions.
#ifndef KLUIS_CLIENT_DESKTOP_FIELD_ERROR_H_
#define KLUIS_CLIENT_DESKTOP_FIELD_ERROR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kluis::desktop {

struct FieldError {
  std::string body;     // "client"
  std::string field;    // "iban" (the first field under the body)
  std::string path;     // everything under the body: "reporter.name"
  std::string rule;     // "not a valid IBAN (…)", or the whole message
  std::string rule_id;  // "required", "bsn", … ("" from a text alone)
  uint64_t limit = 0;   // for max_chars, max_value, max_entries
  std::vector<std::string> allowed;  // for allowed_values
};

// nullopt when the message does not start with a field path and ": ".
std::optional<FieldError> ParseFieldError(const std::string& message);

// Every problem of a refusal: from `details` (a serialized Refusal) when
// it holds one, else the one that `message` names (none when it names no
// field: the caller shows the message as it is).
std::vector<FieldError> FieldErrors(const std::string& message,
                                    const std::string& details);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_FIELD_ERROR_H_
