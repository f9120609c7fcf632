#include "client/desktop/field_error.h"

#include "kluis/v1/errors.pb.h"

namespace kluis::desktop {

namespace {

// "client.reporter.name" → body "client", path "reporter.name", field
// "reporter"; a path without a dot is a request field.
void SplitPath(const std::string& path, FieldError* e) {
  const size_t dot = path.find('.');
  if (dot == std::string::npos) {
    e->field = path;
    e->path = path;
    return;
  }
  e->body = path.substr(0, dot);
  e->path = path.substr(dot + 1);
  e->field = e->path.substr(0, e->path.find_first_of(".["));
}

}  // namespace

std::vector<FieldError> FieldErrors(const std::string& message,
                                    const std::string& details) {
  std::vector<FieldError> out;
  kluis::v1::Refusal refusal;
  if (!details.empty() && refusal.ParseFromString(details) &&
      refusal.problems_size() > 0) {
    for (const kluis::v1::Problem& p : refusal.problems()) {
      if (p.field().empty()) continue;
      FieldError e;
      SplitPath(p.field(), &e);
      e.rule = p.text();
      e.rule_id = p.rule();
      e.limit = p.limit();
      e.allowed.assign(p.allowed().begin(), p.allowed().end());
      out.push_back(std::move(e));
    }
    return out;
  }
  std::optional<FieldError> e = ParseFieldError(message);
  if (e.has_value()) out.push_back(std::move(*e));
  return out;
}

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
  SplitPath(path, &e);  // a request field ("reason") has no body
  return e;
}

}  // namespace kluis::desktop
