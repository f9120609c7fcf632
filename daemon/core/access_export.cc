#include "daemon/core/access_export.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "daemon/core/history.h"
#include "daemon/core/kind_rules.h"
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

// "session_report" → "session report".
std::string Words(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string KindLabel(const Record& r) {
  const google::protobuf::OneofDescriptor* body =
      Record::descriptor()->FindOneofByName("body");
  const FieldDescriptor* f =
      r.GetReflection()->GetOneofFieldDescriptor(r, body);
  return f == nullptr ? "record" : Words(f->name());
}

std::string Scalar(const Message& m, const FieldDescriptor* f, int i) {
  const std::string text = FieldText(m, f, i);
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    return text == "true" ? "yes" : "no";
  }
  return f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM ? Words(text) : text;
}

// One table row per set field; nested messages with a dotted name.
void Rows(const Message& m, const std::string& prefix, std::string* out) {
  std::vector<const FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string name = prefix + Words(f->name());
    const int n = f->is_repeated() ? m.GetReflection()->FieldSize(m, f) : 1;
    for (int i = 0; i < n; ++i) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const Message& sub =
            f->is_repeated() ? m.GetReflection()->GetRepeatedMessage(m, f, i)
                             : m.GetReflection()->GetMessage(m, f);
        Rows(sub, name + ". ", out);
        continue;
      }
      absl::StrAppend(out, "<tr><th>", Escape(name), "</th><td>",
                      Escape(Scalar(m, f, i)), "</td></tr>\n");
    }
  }
}

void List(const char* heading,
          const google::protobuf::RepeatedPtrField<std::string>& items,
          std::string* out) {
  absl::StrAppend(out, "<h3>", heading, "</h3>\n<ul>\n");
  for (const std::string& i : items) {
    absl::StrAppend(out, "<li>", Escape(i), "</li>\n");
  }
  absl::StrAppend(out, "</ul>\n");
}

}  // namespace

kluis::v1::AccessInformation AccessInformationFor(
    const Record& head, const std::vector<Record>& records,
    const kluis::v1::PracticeProfile* profile,
    const std::vector<kluis::v1::RetentionItem>& items,
    const std::map<std::string, std::string>& organisations) {
  kluis::v1::AccessInformation info;
  if (profile != nullptr) {
    info.set_controller(
        absl::StrJoin({profile->controller_name(), profile->address(),
                       absl::StrCat(profile->postcode(), " ", profile->city()),
                       profile->email(), profile->phone()},
                      ", "));
  }
  const bool is_case = head.has_adviser_case();
  if (is_case) {
    info.add_purposes(
        "support and advice as confidential adviser to the person who "
        "reported an undesirable situation at the organisation");
  } else {
    info.add_purposes("coaching as agreed in the personal agreement");
    info.add_purposes(
        "the practice's administration: appointments and invoices");
  }
  std::map<std::string, bool> kinds;  // label → special category
  kinds[KindLabel(head)] = false;
  for (const Record& r : records) {
    kinds[KindLabel(r)] = IsSpecialCategory(KindOf(r));
  }
  for (const auto& [label, special] : kinds) {
    info.add_categories(special ? label + " (special category, GDPR art. 9)"
                                : label);
  }
  for (const Record& r : records) {
    if (!r.has_disclosure()) continue;
    info.add_recipients(absl::StrCat(r.disclosure().recipient(), " (",
                                     r.disclosure().date(), ", ",
                                     DisclosureSummary(r.disclosure()), ")"));
  }
  if (info.recipients().empty()) {
    info.add_recipients("none: nothing of this dossier was disclosed");
  }
  for (const kluis::v1::RetentionItem& i : items) {
    if (!i.record_id().empty()) continue;
    info.add_retention(absl::StrCat("this dossier: ", i.rule(), ", until ",
                                    i.due_date(), " (", i.legal_basis(), ")"));
  }
  if (info.retention().empty()) {
    info.add_retention(
        is_case ? "this case: until the end of the 2nd calendar year after "
                  "the year it closes"
                : "this dossier: 7 years after the trajectory ends (ZKM "
                  "professional rule), unless agreed otherwise");
  }
  info.add_retention(
      "invoice data: 7 years after the end of the fiscal year (Dutch tax "
      "law, AWR art. 52)");
  info.add_retention(
      "working notes: until their expiry, at the latest the end of the "
      "trajectory");
  for (const char* right :
       {"access to your data (GDPR art. 15): this export",
        "rectification of incorrect data (art. 16)",
        "erasure (art. 17), except what a legal duty keeps",
        "restriction of processing (art. 18)",
        "data portability (art. 20): data.json in this package",
        "objection (art. 21), also to retention after the trajectory",
        "withdrawal of a consent at any time, without affecting what was "
        "done before",
        "a complaint to the Autoriteit Persoonsgegevens "
        "(autoriteitpersoonsgegevens.nl)"}) {
    info.add_rights(right);
  }
  info.add_sources("you yourself, in conversations and messages");
  for (const Record& r : records) {
    if (!r.has_commission()) continue;
    auto org = organisations.find(r.commission().organisation_id());
    if (org != organisations.end()) {
      info.add_sources(absl::StrCat(org->second,
                                    ", the organisation that commissioned "
                                    "the coaching"));
    }
  }
  if (is_case) {
    auto org = organisations.find(head.adviser_case().organisation_id());
    if (org != organisations.end()) {
      info.add_sources(absl::StrCat(org->second, ", the organisation"));
    }
  }
  return info;
}

std::string AccessHtml(const kluis::v1::AccessExport& e) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>Your data</title>\n<style>body{font-family:sans-serif;"
      "max-width:50em;margin:2em auto}th{text-align:left;padding-right:1em;"
      "vertical-align:top}</style>\n</head>\n<body>\n<h1>Your data</h1>\n";
  const kluis::v1::AccessInformation& i = e.information();
  absl::StrAppend(&out, "<p>Exported on ", Escape(e.exported_date()), " by ",
                  Escape(i.controller()), ".</p>\n",
                  "<h2>About this processing (GDPR art. 15)</h2>\n");
  List("Purposes", i.purposes(), &out);
  List("Categories of data", i.categories(), &out);
  List("Recipients", i.recipients(), &out);
  List("How long it is kept", i.retention(), &out);
  List("Your rights", i.rights(), &out);
  List("Where the data comes from", i.sources(), &out);
  absl::StrAppend(&out, "<h2>Records</h2>\n");
  for (const Record& r : e.records()) {
    absl::StrAppend(&out, "<h3>", Escape(KindLabel(r)), "</h3>\n<table>\n");
    const google::protobuf::OneofDescriptor* body =
        Record::descriptor()->FindOneofByName("body");
    const FieldDescriptor* f =
        r.GetReflection()->GetOneofFieldDescriptor(r, body);
    if (f != nullptr) Rows(r.GetReflection()->GetMessage(r, f), "", &out);
    auto file = e.attachment_files().find(r.id());
    if (file != e.attachment_files().end()) {
      absl::StrAppend(&out, "<tr><th>file</th><td><a href=\"",
                      Escape(file->second), "\">", Escape(file->second),
                      "</a></td></tr>\n");
    }
    absl::StrAppend(&out, "</table>\n");
  }
  if (e.withheld_working_notes() > 0) {
    absl::StrAppend(&out, "<p>Withheld: ", e.withheld_working_notes(),
                    " working notes, the practitioner's own memory aid "
                    "during the trajectory; they are destroyed when it "
                    "ends.</p>\n");
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
