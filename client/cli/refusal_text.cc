#include "client/cli/refusal_text.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/substitute.h"

namespace kluis::cli {

std::string OptionOf(absl::string_view field) {
  if (field.empty()) return "";
  const size_t bracket = field.find('[', field.rfind('.') + 1);
  if (bracket != absl::string_view::npos) field = field.substr(0, bracket);
  const size_t dot = field.rfind('.');
  if (dot == absl::string_view::npos) {
    // A request's own field: the positional argument it came from.
    if (absl::ConsumeSuffix(&field, "_id")) return std::string(field);
    return absl::StrCat("--", absl::StrReplaceAll(field, {{"_", "-"}}));
  }
  return absl::StrCat("--",
                      absl::StrReplaceAll(field.substr(dot + 1), {{"_", "-"}}));
}

namespace {

std::string RuleText(const kluis::v1::Problem& p, const i18n::Translator& t) {
  if (p.rule() == "max_chars" && p.limit() > 0 && p.limit() < 65536) {
    return absl::Substitute(t.TrN("longer than $0 character",
                                  "longer than $0 characters", p.limit()),
                            p.limit());
  }
  if (p.rule() == "max_value" && p.limit() > 0) {
    return absl::Substitute(t.Tr("at most $0"), p.limit());
  }
  if (p.rule() == "max_entries" && p.limit() > 0) {
    return absl::Substitute(t.Tr("at most $0 entries"), p.limit());
  }
  if (p.rule() == "allowed_values" && p.allowed_size() > 0) {
    return absl::Substitute(t.Tr("not one of the allowed values: $0"),
                            absl::StrJoin(p.allowed(), ", "));
  }
  return t.Tr(p.text());
}

}  // namespace

std::vector<std::string> RefusalLines(const kluis::v1::Refusal& refusal,
                                      const i18n::Translator& t) {
  std::vector<std::string> lines;
  for (const kluis::v1::Problem& p : refusal.problems()) {
    const std::string option = OptionOf(p.field());
    const std::string text = RuleText(p, t);
    lines.push_back(option.empty() ? text : absl::StrCat(option, ": ", text));
  }
  return lines;
}

}  // namespace kluis::cli
