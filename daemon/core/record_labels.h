// Records as a person outside the practice reads them: a label for each
// kind, field and enum value in the document's language (never a proto
// name such as DISCLOSURE_GROUND_CONSENT), values as words (an
// organisation by its name, money as "€ 450,00", dates as "12 mei 2026"),
// and which fields are machinery (ids, hashes) that such a document leaves
// out. The labels are gettext msgids (po/nl.po).
//
// Thread-safety: pure functions over constant tables.
#ifndef KLUIS_DAEMON_CORE_RECORD_LABELS_H_
#define KLUIS_DAEMON_CORE_RECORD_LABELS_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "daemon/i18n/translator.h"
#include "google/protobuf/message.h"
#include "kluis/v1/records.pb.h"

namespace kluis::core {

// "sessieverslag" / "session report".
std::string KindLabel(const kluis::v1::Record& r, const i18n::Translator& t);
std::string FieldLabel(const google::protobuf::FieldDescriptor* f,
                       const i18n::Translator& t);
// "not stated" for the unspecified value (0) or null.
std::string EnumLabel(const google::protobuf::EnumValueDescriptor* v,
                      const i18n::Translator& t);

// Ids (other than an organisation's, shown by name), hashes and calendar
// uids: for machines (data.json keeps them), not for the reader.
bool HiddenFromOutsiders(const google::protobuf::FieldDescriptor* f);

// Element `i` of a repeated scalar, or the scalar, as the reader sees it.
// `organisations`: id → name.
std::string ValueText(const google::protobuf::Message& m,
                      const google::protobuf::FieldDescriptor* f, int i,
                      const i18n::Translator& t,
                      const std::map<std::string, std::string>& organisations);

// "session_report" → "session report": a last resort for a field no table
// knows yet.
std::string Words(absl::string_view name);

}  // namespace kluis::core

#endif  // KLUIS_DAEMON_CORE_RECORD_LABELS_H_
