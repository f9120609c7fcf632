// The language a person reads, from their environment, for the clients'
// default `--lang` (the CLI and the desktop share it).
//
// Thread-safety: LanguageFromEnvironment reads the environment (getenv);
// call it before starting threads that may change it. LanguageFromLocale is
// pure.
#ifndef KLUIS_DAEMON_I18N_LANGUAGE_H_
#define KLUIS_DAEMON_I18N_LANGUAGE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace kluis::i18n {

// "nl" when the first of LANGUAGE (its first entry of the colon list),
// LC_ALL, LC_MESSAGES and LANG that is set and not empty names Dutch
// (nl, nl_NL.UTF-8, nl_BE, …); "en" otherwise, also for C and POSIX.
std::string LanguageFromEnvironment();

// The same decision from the values themselves ("" for an unset variable).
std::string LanguageFromLocale(absl::string_view language,
                               absl::string_view lc_all,
                               absl::string_view lc_messages,
                               absl::string_view lang);

}  // namespace kluis::i18n

#endif  // KLUIS_DAEMON_I18N_LANGUAGE_H_
