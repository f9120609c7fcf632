#include "daemon/core/record_labels.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "daemon/core/history.h"
#include "google/protobuf/descriptor.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::core {

using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using kluis::v1::Record;

namespace {

struct Label {
  const char* name;   // a proto field or enum value name
  const char* label;  // English; the msgid of its translation
};

// A field's label by its name, the same in every message that has it (a
// record kind by its field in Record's body).
constexpr Label kFieldLabels[] = {
    {"client", N_("client")},
    {"note", N_("note")},
    {"commission", N_("commission")},
    {"agreement", N_("agreement")},
    {"session_report", N_("session report")},
    {"earlier_trajectory", N_("earlier trajectory")},
    {"health", N_("health information")},
    {"personal_moment", N_("personal moment")},
    {"invoice", N_("invoice")},
    {"correspondence", N_("correspondence")},
    {"appointment", N_("appointment")},
    {"attachment", N_("attachment")},
    {"adviser_case", N_("confidential-adviser case")},
    {"contact_moment", N_("contact moment")},
    {"consent", N_("consent")},
    {"disclosure", N_("disclosure")},
    {"organisation", N_("organisation")},
    {"practice_profile", N_("practice profile")},
    {"subject_request", N_("request of a data subject")},
    {"processor", N_("processor")},
    {"breach", N_("data breach")},
    {"hours", N_("hours")},
    {"annual_advice", N_("annual advice")},
    {"agenda_entry", N_("agenda entry")},
    {"name", N_("name")},
    {"role", N_("role")},
    {"email", N_("e-mail")},
    {"phone", N_("phone")},
    {"address", N_("address")},
    {"postcode", N_("postcode")},
    {"city", N_("city")},
    {"birth_date", N_("birth date")},
    {"iban", N_("bank account (IBAN)")},
    {"minor", N_("minor")},
    {"guardians", N_("parent or guardian")},
    {"organisation_id", N_("organisation")},
    {"commissioner", N_("commissioner")},
    {"contact_person", N_("contact person")},
    {"contact_email", N_("contact e-mail")},
    {"contact_phone", N_("contact phone")},
    {"reference", N_("reference")},
    {"question", N_("question")},
    {"background", N_("background")},
    {"goals", N_("goals")},
    {"start_date", N_("start date")},
    {"end_date", N_("end date")},
    {"retention_years", N_("retention term (years)")},
    {"retention_deviation_reason", N_("reason for another retention term")},
    {"retention_agreed_date", N_("retention term agreed on")},
    {"retention_objection_date", N_("objection to retention on")},
    {"retention_objection_reason", N_("reason for the objection")},
    {"date", N_("date")},
    {"text", N_("text")},
    {"duration_minutes", N_("duration (minutes)")},
    {"working", N_("working note")},
    {"expires", N_("expires on")},
    {"form", N_("form")},
    {"period", N_("period")},
    {"goal", N_("goal")},
    {"result", N_("result")},
    {"current_treatment", N_("current treatment")},
    {"medication", N_("medication")},
    {"relevance", N_("relevance for the coaching")},
    {"recorded_date", N_("recorded on")},
    {"shared_date", N_("shared on")},
    {"processor_deleted_date", N_("deleted by the processor on")},
    {"number", N_("number")},
    {"amount_cents", N_("amount")},
    {"description", N_("description")},
    {"paid_date", N_("paid on")},
    {"vat_percent", N_("VAT (%)")},
    {"vat_exemption_reason", N_("reason for the VAT exemption")},
    {"direction", N_("direction")},
    {"subject", N_("subject")},
    {"body", N_("message")},
    {"answered_date", N_("answered on")},
    {"time", N_("time")},
    {"place", N_("place")},
    {"media_type", N_("file type")},
    {"size", N_("size (bytes)")},
    {"reporter", N_("reporter")},
    {"accused", N_("person complained about")},
    {"children", N_("child")},
    {"age", N_("age")},
    {"group", N_("group or class")},
    {"categories", N_("nature of the report")},
    {"relation", N_("relation")},
    {"opened_date", N_("opened on")},
    {"closed_date", N_("closed on")},
    {"outcome", N_("outcome")},
    {"advice", N_("advice")},
    {"channel", N_("channel")},
    {"summary", N_("summary")},
    {"type", N_("type")},
    {"recipient", N_("recipient")},
    {"purpose", N_("purpose")},
    {"given_date", N_("given on")},
    {"withdrawn_date", N_("withdrawn on")},
    {"to", N_("given to")},
    {"what", N_("what")},
    {"ground", N_("ground")},
    {"legal_ground", N_("legal ground or reason")},
    {"delete_by_date", N_("to be deleted by")},
};

constexpr Label kEnumLabels[] = {
    {"GUARDIAN_ROLE_PARENT", N_("parent")},
    {"GUARDIAN_ROLE_CARER", N_("carer")},
    {"DIRECTION_INCOMING", N_("incoming")},
    {"DIRECTION_OUTGOING", N_("outgoing")},
    {"CASE_RELATION_PUPIL_STAFF", N_("pupil and staff member")},
    {"CASE_RELATION_PARENT_STAFF", N_("parent and staff member")},
    {"CASE_RELATION_PUPIL_PUPIL", N_("pupil and pupil")},
    {"CASE_RELATION_COLLEAGUE_COLLEAGUE", N_("colleague and colleague")},
    {"CASE_RELATION_EMPLOYEE_MANAGER", N_("employee and manager")},
    {"CASE_RELATION_OTHER", N_("other")},
    {"CONTACT_CHANNEL_PHONE", N_("phone")},
    {"CONTACT_CHANNEL_MEETING", N_("meeting")},
    {"CONTACT_CHANNEL_EMAIL", N_("e-mail")},
    {"CONTACT_CHANNEL_VIDEO", N_("video call")},
    {"ORGANISATION_TYPE_COMPANY", N_("company")},
    {"ORGANISATION_TYPE_SCHOOL", N_("school")},
    {"ORGANISATION_TYPE_OTHER", N_("other")},
    {"REQUEST_TYPE_ACCESS", N_("access")},
    {"REQUEST_TYPE_RECTIFICATION", N_("rectification")},
    {"REQUEST_TYPE_ERASURE", N_("erasure")},
    {"REQUEST_TYPE_RESTRICTION", N_("restriction")},
    {"REQUEST_TYPE_PORTABILITY", N_("portability")},
    {"REQUEST_TYPE_OBJECTION", N_("objection")},
    {"DISCLOSURE_RECIPIENT_THIRD_PARTY", N_("a third party")},
    {"DISCLOSURE_RECIPIENT_PROCESSOR", N_("a processor")},
    {"DISCLOSURE_RECIPIENT_INTERVISION", N_("intervision")},
    {"DISCLOSURE_GROUND_CONSENT", N_("your consent")},
    {"DISCLOSURE_GROUND_LEGAL_OBLIGATION", N_("a legal obligation")},
    {"DISCLOSURE_GROUND_VITAL_INTEREST", N_("a vital interest")},
    {"DISCLOSURE_GROUND_ANONYMISED", N_("anonymised")},
};

const char* Find(const Label* begin, const Label* end, absl::string_view name) {
  for (const Label* l = begin; l != end; ++l) {
    if (name == l->name) return l->label;
  }
  return nullptr;
}

const kluis::v1::FieldRule& RuleOf(const FieldDescriptor* f) {
  return f->options().GetExtension(kluis::v1::rule);
}

}  // namespace

std::string FieldLabel(const FieldDescriptor* f, const i18n::Translator& t) {
  const char* label =
      Find(std::begin(kFieldLabels), std::end(kFieldLabels), f->name());
  return label == nullptr ? Words(f->name()) : t.Tr(label);
}

std::string EnumLabel(const EnumValueDescriptor* v, const i18n::Translator& t) {
  if (v == nullptr || v->number() == 0) return t.Tr("not stated");
  const char* label =
      Find(std::begin(kEnumLabels), std::end(kEnumLabels), v->name());
  if (label != nullptr) return t.Tr(label);
  // A value no table knows yet: its name without the type's prefix
  // ("HOURS_ACTIVITY_TRAVEL" → "travel"), never the raw enum name.
  absl::string_view name = v->name();
  absl::string_view zero = v->type()->value(0)->name();
  if (absl::ConsumeSuffix(&zero, "UNSPECIFIED")) {
    absl::ConsumePrefix(&name, zero);
  }
  return Words(absl::AsciiStrToLower(name));
}

std::string KindLabel(const Record& r, const i18n::Translator& t) {
  const FieldDescriptor* f = r.GetReflection()->GetOneofFieldDescriptor(
      r, Record::descriptor()->FindOneofByName("body"));
  return f == nullptr ? t.Tr("record") : FieldLabel(f, t);
}

bool HiddenFromOutsiders(const FieldDescriptor* f) {
  const kluis::v1::Format format = RuleOf(f).format();
  if (f->name() == "organisation_id") return false;  // shown by name
  return format == kluis::v1::FORMAT_ID || format == kluis::v1::FORMAT_SHA256 ||
         f->name() == "calendar_uid";
}

std::string ValueText(const Message& m, const FieldDescriptor* f, int i,
                      const i18n::Translator& t,
                      const std::map<std::string, std::string>& organisations) {
  const google::protobuf::Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumLabel(rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f), t);
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f))
                 ? t.Tr("yes")
                 : t.Tr("no");
    case FieldDescriptor::CPPTYPE_INT64:
      if (RuleOf(f).euro_cents()) {
        return t.Money(rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f));
      }
      break;
    default:
      break;
  }
  const std::string text = FieldText(m, f, i);
  if (f->name() == "organisation_id") {
    auto org = organisations.find(text);
    return org != organisations.end()
               ? org->second
               : t.Tr("an organisation no longer in the vault");
  }
  const kluis::v1::Format format = RuleOf(f).format();
  if (format == kluis::v1::FORMAT_DATE ||
      format == kluis::v1::FORMAT_PAST_DATE) {
    return t.Date(text);
  }
  return text;
}

std::string Words(absl::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

}  // namespace kluis::core
