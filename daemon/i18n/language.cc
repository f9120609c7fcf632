#include "daemon/i18n/language.h"

#include <cstdlib>

#include "absl/strings/ascii.h"

namespace kluis::i18n {
namespace {

absl::string_view Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? absl::string_view() : absl::string_view(v);
}

}  // namespace

std::string LanguageFromLocale(absl::string_view language,
                               absl::string_view lc_all,
                               absl::string_view lc_messages,
                               absl::string_view lang) {
  language = language.substr(0, language.find(':'));
  for (absl::string_view v : {language, lc_all, lc_messages, lang}) {
    if (v.empty()) continue;
    const std::string head =
        absl::AsciiStrToLower(v.substr(0, v.find_first_of("_-.@")));
    return head == "nl" ? "nl" : "en";
  }
  return "en";
}

std::string LanguageFromEnvironment() {
  return LanguageFromLocale(Env("LANGUAGE"), Env("LC_ALL"), Env("LC_MESSAGES"),
                            Env("LANG"));
}

}  // namespace kluis::i18n
