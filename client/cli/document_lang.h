// --lang for the commands that make a document for people outside the
// practice (the register, the annual report, the exports): "nl" or "en";
// without it, the language of the user's environment
// (i18n::LanguageFromEnvironment: Dutch on a Dutch locale, else English).
#ifndef KLUIS_CLIENT_CLI_DOCUMENT_LANG_H_
#define KLUIS_CLIENT_CLI_DOCUMENT_LANG_H_

#include <string>

#include "CLI/CLI.hpp"
#include "daemon/i18n/language.h"

namespace kluis::cli {

inline CLI::Option* AddLangOption(CLI::App* cmd, std::string* lang) {
  return cmd
      ->add_option("--lang", *lang,
                   "Language of the document: nl or en (default: from "
                   "LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")
      ->check(CLI::IsMember({"nl", "en"}));
}

// The request's lang: the option, else the environment's.
inline std::string DocumentLang(const std::string& option) {
  return option.empty() ? i18n::LanguageFromEnvironment() : option;
}

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_DOCUMENT_LANG_H_
