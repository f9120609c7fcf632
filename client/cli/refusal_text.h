// How the CLI words a refusal kluisd sent (kluis.v1.Refusal, in the gRPC
// status's error details): one line per problem, the field as the option
// or argument the user typed ("--birth-date", "dossier"), the rule in the
// user's language. The daemon's English texts are gettext msgids (marked
// N_ where they are written); a text the catalogue lacks stays English.
// Never a value: a refusal carries none.
//
// Thread-safety: pure functions.
#ifndef KLUIS_CLIENT_CLI_REFUSAL_TEXT_H_
#define KLUIS_CLIENT_CLI_REFUSAL_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/i18n/translator.h"
#include "kluis/v1/errors.pb.h"

namespace kluis::cli {

// "client.birth_date" → "--birth-date"; "adviser_case.categories[0]" →
// "--categories"; "dossier_id" → "dossier"; "" → "".
std::string OptionOf(absl::string_view field);

// "--birth-date: die dag bestaat niet", one per problem.
std::vector<std::string> RefusalLines(const kluis::v1::Refusal& refusal,
                                      const i18n::Translator& t);

}  // namespace kluis::cli

#endif  // KLUIS_CLIENT_CLI_REFUSAL_TEXT_H_
