// Where a daemon error belongs in a form: kluisd says "client.iban: not a
// valid IBAN …", naming the field path and the rule. The desktop shows the
// rule at the field the path names.
//
// Thread-safety: pure functions.
#ifndef KLUIS_CLIENT_DESKTOP_FIELD_ERROR_H_
#define KLUIS_CLIENT_DESKTOP_FIELD_ERROR_H_

#include <optional>
#include <string>

namespace kluis::desktop {

struct FieldError {
  std::string body;   // "client"
  std::string field;  // "iban" (the first field under the body)
  std::string path;   // everything under the body: "reporter.name"
  std::string rule;   // "not a valid IBAN (…)", or the whole message
};

// nullopt when the message does not start with a field path and ": ".
std::optional<FieldError> ParseFieldError(const std::string& message);

}  // namespace kluis::desktop

#endif  // KLUIS_CLIENT_DESKTOP_FIELD_ERROR_H_
