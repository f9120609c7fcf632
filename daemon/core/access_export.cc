#include "daemon/core/access_export.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/substitute.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/record_labels.h"
#include "google/protobuf/descriptor.h"

namespace kluis::core {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using kluis::v1::Record;

namespace {

std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One table row per set field a reader needs; nested messages (a guardian,
// the reporter) as "label: label".
void Rows(const Message& m, const std::string& prefix,
          const i18n::Translator& t,
          const std::map<std::string, std::string>& organisations,
          std::string* out) {
  std::vector<const FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (HiddenFromOutsiders(f)) continue;
    const std::string name = prefix + FieldLabel(f, t);
    const int n = f->is_repeated() ? m.GetReflection()->FieldSize(m, f) : 1;
    for (int i = 0; i < n; ++i) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const Message& sub =
            f->is_repeated() ? m.GetReflection()->GetRepeatedMessage(m, f, i)
                             : m.GetReflection()->GetMessage(m, f);
        Rows(sub, name + ": ", t, organisations, out);
        continue;
      }
      absl::StrAppend(out, "<tr><th>", Escape(name), "</th><td>",
                      Escape(ValueText(m, f, i, t, organisations)),
                      "</td></tr>\n");
    }
  }
}

void List(const std::string& heading,
          const google::protobuf::RepeatedPtrField<std::string>& items,
          std::string* out) {
  absl::StrAppend(out, "<h3>", Escape(heading), "</h3>\n<ul>\n");
  for (const std::string& i : items) {
    absl::StrAppend(out, "<li>", Escape(i), "</li>\n");
  }
  absl::StrAppend(out, "</ul>\n");
}

// "Basisschool De Regenboog (12 mei 2026; to a third party, on your
// consent)": whom, when and why, without ids.
std::string Recipient(const kluis::v1::Disclosure& d,
                      const i18n::Translator& t) {
  return absl::Substitute(
      t.Tr("$0 ($1; given to $2, on the ground of $3)"), d.recipient(),
      t.Date(d.date()),
      EnumLabel(kluis::v1::DisclosureRecipient_descriptor()->FindValueByNumber(
                    d.to()),
                t),
      EnumLabel(kluis::v1::DisclosureGround_descriptor()->FindValueByNumber(
                    d.ground()),
                t));
}

}  // namespace

kluis::v1::AccessInformation AccessInformationFor(
    const Record& head, const std::vector<Record>& records,
    const kluis::v1::PracticeProfile* profile,
    const std::vector<kluis::v1::RetentionItem>& items,
    const std::map<std::string, std::string>& organisations,
    const i18n::Translator& t) {
  kluis::v1::AccessInformation info;
  if (profile != nullptr) {
    // Only the parts the profile holds: no ", , " for what it lacks.
    std::vector<std::string> parts;
    for (std::string part :
         {profile->controller_name(), profile->address(),
          std::string(absl::StripAsciiWhitespace(
              absl::StrCat(profile->postcode(), " ", profile->city()))),
          profile->email(), profile->phone()}) {
      if (!part.empty()) parts.push_back(std::move(part));
    }
    info.set_controller(absl::StrJoin(parts, ", "));
  }
  const bool is_case = head.has_adviser_case();
  if (is_case) {
    info.add_purposes(
        t.Tr("support and advice as confidential adviser to the person who "
             "reported an undesirable situation at the organisation"));
  } else {
    info.add_purposes(t.Tr("coaching as agreed in the personal agreement"));
    info.add_purposes(
        t.Tr("the practice's administration: appointments and invoices"));
  }
  std::map<std::string, bool> kinds;  // label → special category
  kinds[KindLabel(head, t)] = false;
  for (const Record& r : records) {
    kinds[KindLabel(r, t)] = IsSpecialCategory(KindOf(r));
  }
  for (const auto& [label, special] : kinds) {
    info.add_categories(
        special ? absl::Substitute(t.Tr("$0 (special category, GDPR art. 9)"),
                                   label)
                : label);
  }
  for (const Record& r : records) {
    if (r.has_disclosure()) info.add_recipients(Recipient(r.disclosure(), t));
  }
  if (info.recipients().empty()) {
    info.add_recipients(t.Tr("none: nothing of this dossier was disclosed"));
  }
  for (const kluis::v1::RetentionItem& i : items) {
    if (!i.record_id().empty()) continue;
    // The term in force with its basis (retention.cc's rule, in words).
    info.add_retention(absl::Substitute(
        i.kind() == kluis::v1::RETENTION_ITEM_KIND_CASE_DOSSIER
            ? t.Tr("this case: until $0, the end of the practice's term for "
                   "confidential-adviser cases after the year it closed")
            : t.Tr("this dossier: until $0, the term after the trajectory "
                   "ended (the ZKM professional rule, the term agreed with "
                   "you, or sooner after your objection)"),
        t.Date(i.due_date())));
  }
  if (info.retention().empty()) {
    info.add_retention(
        is_case ? t.Tr("this case: until the end of the 2nd calendar year "
                       "after the year it closes")
                : t.Tr("this dossier: 7 years after the trajectory ends (ZKM "
                       "professional rule), unless agreed otherwise"));
  }
  info.add_retention(
      t.Tr("invoice data: 7 years after the end of the fiscal year (Dutch tax "
           "law, AWR art. 52)"));
  info.add_retention(
      t.Tr("working notes: until their expiry, at the latest the end of the "
           "trajectory"));
  for (const char* right :
       {N_("access to your data (GDPR art. 15): this export"),
        N_("rectification of incorrect data (art. 16)"),
        N_("erasure (art. 17), except what a legal duty keeps"),
        N_("restriction of processing (art. 18)"),
        N_("data portability (art. 20): data.json in this package"),
        N_("objection (art. 21), also to retention after the trajectory"),
        N_("withdrawal of a consent at any time, without affecting what was "
           "done before"),
        N_("a complaint to the Autoriteit Persoonsgegevens "
           "(autoriteitpersoonsgegevens.nl)")}) {
    info.add_rights(t.Tr(right));
  }
  info.add_sources(t.Tr("you yourself, in conversations and messages"));
  for (const Record& r : records) {
    if (!r.has_commission()) continue;
    auto org = organisations.find(r.commission().organisation_id());
    if (org != organisations.end()) {
      info.add_sources(absl::Substitute(
          t.Tr("$0, the organisation that commissioned the coaching"),
          org->second));
    }
  }
  if (is_case) {
    auto org = organisations.find(head.adviser_case().organisation_id());
    if (org != organisations.end()) {
      info.add_sources(
          absl::Substitute(t.Tr("$0, the organisation"), org->second));
    }
  }
  return info;
}

std::string AccessHtml(const kluis::v1::AccessExport& e,
                       const std::map<std::string, std::string>& organisations,
                       const i18n::Translator& t) {
  const std::string title = Escape(t.Tr("Your data"));
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"", t.lang(),
      "\">\n<head>\n<meta charset=\"utf-8\">\n<title>", title,
      "</title>\n<style>body{font-family:sans-serif;"
      "max-width:50em;margin:2em auto}th{text-align:left;padding-right:1em;"
      "vertical-align:top}</style>\n</head>\n<body>\n<h1>",
      title, "</h1>\n");
  const kluis::v1::AccessInformation& i = e.information();
  absl::StrAppend(
      &out, "<p>",
      Escape(i.controller().empty()
                 // No practice profile yet: no empty name after "by".
                 ? absl::Substitute(t.Tr("Exported on $0."),
                                    t.Date(e.exported_date()))
                 : absl::Substitute(t.Tr("Exported on $0 by $1."),
                                    t.Date(e.exported_date()), i.controller())),
      "</p>\n<h2>", Escape(t.Tr("About this processing (GDPR art. 15)")),
      "</h2>\n");
  List(t.Tr("Purposes"), i.purposes(), &out);
  List(t.Tr("Categories of data"), i.categories(), &out);
  List(t.Tr("Recipients"), i.recipients(), &out);
  List(t.Tr("How long it is kept"), i.retention(), &out);
  List(t.Tr("Your rights"), i.rights(), &out);
  List(t.Tr("Where the data comes from"), i.sources(), &out);
  absl::StrAppend(&out, "<h2>", Escape(t.Tr("Records")), "</h2>\n");
  for (const Record& r : e.records()) {
    std::string label = KindLabel(r, t);
    if (!label.empty()) label[0] = absl::ascii_toupper(label[0]);
    absl::StrAppend(&out, "<h3>", Escape(label), "</h3>\n<table>\n");
    const google::protobuf::OneofDescriptor* body =
        Record::descriptor()->FindOneofByName("body");
    const FieldDescriptor* f =
        r.GetReflection()->GetOneofFieldDescriptor(r, body);
    if (f != nullptr) {
      Rows(r.GetReflection()->GetMessage(r, f), "", t, organisations, &out);
    }
    auto file = e.attachment_files().find(r.id());
    if (file != e.attachment_files().end()) {
      absl::StrAppend(&out, "<tr><th>", Escape(t.Tr("file")),
                      "</th><td><a href=\"", Escape(file->second), "\">",
                      Escape(file->second), "</a></td></tr>\n");
    }
    absl::StrAppend(&out, "</table>\n");
  }
  if (e.withheld_working_notes() > 0) {
    absl::StrAppend(
        &out, "<p>",
        Escape(absl::Substitute(
            t.TrN("Withheld: $0 working note, the practitioner's own memory "
                  "aid during the trajectory; it is destroyed when the "
                  "trajectory ends.",
                  "Withheld: $0 working notes, the practitioner's own memory "
                  "aid during the trajectory; they are destroyed when the "
                  "trajectory ends.",
                  e.withheld_working_notes()),
            e.withheld_working_notes())),
        "</p>\n");
  }
  absl::StrAppend(&out, "</body>\n</html>\n");
  return out;
}

std::string AccessSchema() {
  std::vector<std::string> kinds;
  const google::protobuf::EnumDescriptor* k =
      kluis::v1::RecordKind_descriptor();
  for (int i = 1; i < k->value_count(); ++i) {
    kinds.push_back(absl::StrCat("\"", k->value(i)->name(), "\""));
  }
  return absl::StrCat(
      R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "kluis access and portability export",
  "description": "A client's data from a kluis vault (GDPR art. 15 and 20). Records are protobuf JSON of kluis.v1.Record: one body field per kind, camelCase names, dates as YYYY-MM-DD, amounts in cents.",
  "type": "object",
  "required": ["schema", "dossierId", "exportedDate", "information", "records"],
  "properties": {
    "schema": {"const": "kluis-access-export/1"},
    "dossierId": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    "exportedDate": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "information": {
      "type": "object",
      "required": ["purposes", "categories", "recipients", "retention", "rights", "sources"],
      "properties": {
        "controller": {"type": "string"},
        "purposes": {"$ref": "#/$defs/texts"},
        "categories": {"$ref": "#/$defs/texts"},
        "recipients": {"$ref": "#/$defs/texts"},
        "retention": {"$ref": "#/$defs/texts"},
        "rights": {"$ref": "#/$defs/texts"},
        "sources": {"$ref": "#/$defs/texts"}
      },
      "additionalProperties": false
    },
    "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
    "withheldWorkingNotes": {"type": "integer", "minimum": 0},
    "attachmentFiles": {"type": "object", "additionalProperties": {"type": "string"}}
  },
  "additionalProperties": false,
  "$defs": {
    "texts": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "record": {
      "type": "object",
      "required": ["id", "kind"],
      "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
        "dossierId": {"type": "string"},
        "kind": {"enum": [)",
      absl::StrJoin(kinds, ", "), R"(]},
        "schemaVersion": {"type": "integer"},
        "created": {"type": "string"},
        "updated": {"type": "string"},
        "reason": {"type": "string"},
        "facts": {"type": "object"}
      },
      "minProperties": 3
    }
  }
}
)");
}

}  // namespace kluis::core
