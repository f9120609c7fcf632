// The intervision summary: a dossier told without who it is about, for
// discussing with colleagues. Names, contact data, organisations, numbers
// and dates are replaced or generalised (an age becomes a band, a period a
// number of months); health information, personal moments, invoices,
// correspondence, appointments, attachments and working notes are left out
// and counted. Free text keeps its words except what kluis knows to be
// identifying, so the summary ends with the reminder to read it first.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_INTERVISION_H_
#define KLUIS_DAEMON_CORE_INTERVISION_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/i18n/translator.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

// Replaces, in `text`, each of `known` (identifying strings → their
// placeholder, matched case-insensitively, longest first), and then every
// e-mail address, IBAN, postcode, date, year and number of 5 or more
// digits it finds.
// Placeholders in t's language ("[datum]").
std::string Scrub(absl::string_view text,
                  const std::map<std::string, std::string>& known,
                  const i18n::Translator& t);

// `head` is the client or the case; `records` the dossier's others;
// `organisations` the names of organisations (id → name), all of which
// are replaced. `today` (YYYY-MM-DD) gives ages their band. Markdown in
// t's language.
std::string IntervisionSummary(
    const kluis::v1::Record& head,
    const std::vector<kluis::v1::Record>& records,
    const std::map<std::string, std::string>& organisations,
    const std::string& today, const i18n::Translator& t);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_INTERVISION_H_
