// The access and portability export's documents (GDPR art. 15 and 20):
// the art. 15 information in words, a readable HTML document of every
// record shown, and the JSON Schema of data.json.
//
// Thread-safety: pure functions.
#ifndef KLUIS_DAEMON_CORE_ACCESS_EXPORT_H_
#define KLUIS_DAEMON_CORE_ACCESS_EXPORT_H_

#include <map>
#include <string>
#include <vector>

#include "daemon/i18n/translator.h"
#include "kluis/v1/export.pb.h"
#include "kluis/v1/records.pb.h"
#include "kluis/v1/retention.pb.h"

namespace kluis::core {

inline constexpr char kAccessSchemaId[] = "kluis-access-export/1";

// In t's language: purposes, categories (from the kinds in `records`; special
// categories marked), recipients (from its disclosures), retention (from
// `items`, or the rule that will apply once the dossier closes), rights (with
// the complaint to the Autoriteit Persoonsgegevens) and sources.
kluis::v1::AccessInformation AccessInformationFor(
    const kluis::v1::Record& head,
    const std::vector<kluis::v1::Record>& records,
    const kluis::v1::PracticeProfile* profile,
    const std::vector<kluis::v1::RetentionItem>& items,
    const std::map<std::string, std::string>& organisations,
    const i18n::Translator& t);

// A self-contained HTML page in t's language: the information, then every
// record with its fields as labels and values (organisations by name from
// `organisations`, id → name; money and dates as people write them; no
// ids, hashes or enum names); all text escaped.
std::string AccessHtml(const kluis::v1::AccessExport& e,
                       const std::map<std::string, std::string>& organisations,
                       const i18n::Translator& t);

// JSON Schema (draft 2020-12) of data.json.
std::string AccessSchema();

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_ACCESS_EXPORT_H_
