#include "client/desktop/field_error.h"

namespace kluis::desktop {

std::optional<FieldError> ParseFieldError(const std::string& message) {
  const size_t colon = message.find(": ");
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  const std::string path = message.substr(0, colon);
  for (char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '[' || c == ']';
    if (!ok) return std::nullopt;
  }
  FieldError e;
  e.rule = message.substr(colon + 2);
  const size_t dot = path.find('.');
  if (dot == std::string::npos) {
    e.field = path;  // a request field: "reason", "passphrase"
    e.path = path;
    return e;
  }
  e.body = path.substr(0, dot);
  const std::string rest = path.substr(dot + 1);
  e.path = rest;
  e.field = rest.substr(0, rest.find_first_of(".["));
  return e;
}

}  // namespace kluis::desktop
