#include "client/desktop/field_names.h"

#include <QCoreApplication>
#include <string_view>

#include "kluis/v1/records.pb.h"

namespace kluis::desktop {
namespace {

using google::protobuf::FieldDescriptor;

struct Label {
  std::string_view key;
  const char* text;  // English source text; Qt Linguist has the Dutch
};

// Record kinds (the body's field name) and the fields of the records a
// dossier holds. Names shared by several kinds read the same everywhere.
constexpr Label kFields[] = {
    {"client", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Client")},
    {"note", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Note")},
    {"commission",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Commissioning employer")},
    {"agreement", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Agreement")},
    {"session_report",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Session report")},
    {"earlier_trajectory",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Earlier trajectory")},
    {"health", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Health")},
    {"personal_moment",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Personal moment")},
    {"invoice", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Invoice")},
    {"correspondence", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "E-mail")},
    {"appointment", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Appointment")},
    {"attachment", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Attachment")},
    {"adviser_case", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Case")},
    {"contact_moment",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Contact moment")},
    {"consent", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Consent")},
    {"disclosure", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Disclosure")},
    {"organisation",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Organisation")},
    {"practice_profile",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Practice profile")},
    {"subject_request",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Request of a data subject")},
    {"processor", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Processor")},
    {"breach", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Data breach")},
    {"hours", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Hours")},
    {"annual_advice",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Annual advice")},
    {"agenda_entry",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Agenda entry")},
    {"name", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Name")},
    {"birth_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Birth date")},
    {"address", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Address")},
    {"postcode", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Postcode")},
    {"city", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "City")},
    {"email", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "E-mail")},
    {"phone", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Phone")},
    {"iban",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Bank account (IBAN)")},
    {"minor", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Minor")},
    {"guardians",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Parents or carers")},
    {"role", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Role")},
    {"organisation_id",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Organisation")},
    {"commissioner",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Commissioned by")},
    {"contact_person",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Contact person")},
    {"contact_email",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Contact's e-mail")},
    {"contact_phone",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Contact's phone")},
    {"reference", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Reference")},
    {"question", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Question")},
    {"background", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Background")},
    {"goals", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Goals")},
    {"start_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Start date")},
    {"end_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "End date")},
    {"retention_years",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Retention term (years)")},
    {"retention_deviation_reason",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Why another retention term")},
    {"retention_agreed_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Retention term agreed on")},
    {"retention_objection_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Objection to keeping, on")},
    {"retention_objection_reason",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Reason of the objection")},
    {"attachment_ids",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Attachments")},
    {"date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Date")},
    {"text", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Text")},
    {"duration_minutes",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Duration (minutes)")},
    {"working",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Working note (yours only)")},
    {"expires", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Expires on")},
    {"form", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Form")},
    {"period", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Period")},
    {"goal", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Goal")},
    {"result", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Result")},
    {"current_treatment",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Current treatment")},
    {"medication", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Medication")},
    {"relevance",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Relevance for the coaching")},
    {"recorded_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Recorded on")},
    {"shared_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Shared with ZKM on")},
    {"processor_deleted_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields",
                       "Deleted by the processor on")},
    {"number", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Number")},
    {"amount_cents", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Amount")},
    {"description", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Description")},
    {"paid_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Paid on")},
    {"vat_percent", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "VAT (%)")},
    {"vat_exemption_reason",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "VAT exemption")},
    {"direction", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Direction")},
    {"subject", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Subject")},
    {"body", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Message")},
    {"answered_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Answered on")},
    {"time", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Time")},
    {"place", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Place")},
    {"calendar_uid",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Calendar entry")},
    {"media_type", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "File type")},
    {"size", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Size")},
    {"sha256", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Checksum")},
    {"reporter", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Reporter")},
    {"accused",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Persons complained about")},
    {"children", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Children")},
    {"age", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Age")},
    {"group", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Group")},
    {"categories", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Categories")},
    {"relation", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Relation")},
    {"opened_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Opened on")},
    {"closed_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Closed on")},
    {"outcome", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Outcome")},
    {"advice", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Advice")},
    {"channel", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Channel")},
    {"summary", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Summary")},
    {"recipient", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Recipient")},
    {"purpose", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Purpose")},
    {"given_date", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Given on")},
    {"withdrawn_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Withdrawn on")},
    {"to", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Shared with")},
    {"what", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "What")},
    {"ground", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Ground")},
    {"consent_id", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Consent")},
    {"legal_ground",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Legal ground or reason")},
    {"delete_by_date",
     QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Delete by")},
    {"processor_id", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Processor")},
    {"type", QT_TRANSLATE_NOOP("kluis::desktop::Fields", "Type")},
};

constexpr Label kChoices[] = {
    {"GUARDIAN_ROLE_PARENT",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "parent")},
    {"GUARDIAN_ROLE_CARER",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "carer")},
    {"DIRECTION_INCOMING",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "incoming")},
    {"DIRECTION_OUTGOING",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "outgoing")},
    {"CASE_RELATION_PUPIL_STAFF",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "pupil and staff member")},
    {"CASE_RELATION_PARENT_STAFF",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "parent and staff member")},
    {"CASE_RELATION_PUPIL_PUPIL",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "pupil and pupil")},
    {"CASE_RELATION_COLLEAGUE_COLLEAGUE",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "colleagues")},
    {"CASE_RELATION_EMPLOYEE_MANAGER",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "employee and manager")},
    {"CASE_RELATION_OTHER",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "other")},
    {"CONTACT_CHANNEL_PHONE",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "phone")},
    {"CONTACT_CHANNEL_MEETING",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "meeting")},
    {"CONTACT_CHANNEL_EMAIL",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "e-mail")},
    {"CONTACT_CHANNEL_VIDEO",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "video call")},
    {"ORGANISATION_TYPE_COMPANY",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "company")},
    {"ORGANISATION_TYPE_SCHOOL",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "school")},
    {"ORGANISATION_TYPE_OTHER",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "other")},
    {"DISCLOSURE_RECIPIENT_THIRD_PARTY",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "a third party")},
    {"DISCLOSURE_RECIPIENT_PROCESSOR",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "a processor")},
    {"DISCLOSURE_RECIPIENT_INTERVISION",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "intervision")},
    {"DISCLOSURE_GROUND_CONSENT",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "consent")},
    {"DISCLOSURE_GROUND_LEGAL_OBLIGATION",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "legal obligation")},
    {"DISCLOSURE_GROUND_VITAL_INTEREST",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "vital interest")},
    {"DISCLOSURE_GROUND_ANONYMISED",
     QT_TRANSLATE_NOOP("kluis::desktop::Choices", "anonymised")},
};

const char* Find(const Label* begin, const Label* end, std::string_view key) {
  for (const Label* l = begin; l != end; ++l) {
    if (l->key == key) return l->text;
  }
  return nullptr;
}

const char* FieldText(std::string_view name) {
  return Find(std::begin(kFields), std::end(kFields), name);
}

}  // namespace

QString FieldLabel(const std::string& field_name) {
  const char* text = FieldText(field_name);
  if (text != nullptr) {
    return QCoreApplication::translate("kluis::desktop::Fields", text);
  }
  // Not in the table (a test fails for every kind the window shows).
  QString s = QString::fromStdString(field_name).replace('_', ' ');
  if (!s.isEmpty()) s[0] = s[0].toUpper();
  return s;
}

bool HasFieldLabel(const std::string& field_name) {
  return FieldText(field_name) != nullptr;
}

QString EnumLabel(const std::string& value_name) {
  // A record kind reads as its body: RECORD_KIND_SESSION_REPORT is a
  // "session_report"; only the case's body has another name.
  constexpr std::string_view kKind = "RECORD_KIND_";
  if (value_name.rfind(kKind, 0) == 0) {
    std::string body = QString::fromStdString(value_name.substr(kKind.size()))
                           .toLower()
                           .toStdString();
    if (body == "case") body = "adviser_case";
    return HasFieldLabel(body) ? FieldLabel(body) : QString();
  }
  const char* text = Find(std::begin(kChoices), std::end(kChoices), value_name);
  return text == nullptr
             ? QString()
             : QCoreApplication::translate("kluis::desktop::Choices", text);
}

QString EnumLabel(const google::protobuf::EnumValueDescriptor* v) {
  QString label = EnumLabel(v->name());
  if (!label.isEmpty()) return label;
  // Without the enum's prefix (what precedes UNSPECIFIED in value 0).
  const std::string prefix =
      v->type()->value_count() > 0 ? v->type()->value(0)->name() : "";
  std::string name = v->name();
  const size_t cut = prefix.rfind("UNSPECIFIED");
  if (cut != std::string::npos && name.compare(0, cut, prefix, 0, cut) == 0) {
    name = name.substr(cut);
  }
  return QString::fromStdString(name).toLower().replace('_', ' ');
}

const FieldDescriptor* FieldAt(const std::string& path) {
  const google::protobuf::Descriptor* d = kluis::v1::Record::descriptor();
  const FieldDescriptor* f = nullptr;
  for (const QString& part : QString::fromStdString(path).split('.')) {
    if (d == nullptr) return nullptr;
    f = d->FindFieldByName(part.section('[', 0, 0).toStdString());
    if (f == nullptr) return nullptr;
    d = f->message_type();
  }
  return f;
}

QString PathLabel(const std::string& path) {
  QStringList parts = QString::fromStdString(path).split('.');
  // The body ("client.") says which record; the window shows that apart.
  if (parts.size() > 1 && kluis::v1::Record::descriptor()->FindFieldByName(
                              parts.front().toStdString()) != nullptr) {
    parts.pop_front();
  }
  QStringList labels;
  for (const QString& part : parts) {
    QString label = FieldLabel(part.section('[', 0, 0).toStdString());
    if (part.contains('[')) {
      label += QString(" %1").arg(part.section('[', 1).chopped(1).toInt() + 1);
    }
    labels << label;
  }
  return labels.join(" · ");
}

QString ValueLabel(const std::string& path, const std::string& value) {
  const FieldDescriptor* f = FieldAt(path);
  if (f == nullptr || value.empty()) return QString::fromStdString(value);
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    return value == "true"
               ? QCoreApplication::translate("kluis::desktop::Choices", "yes")
               : QCoreApplication::translate("kluis::desktop::Choices", "no");
  }
  if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    const auto* v = f->enum_type()->FindValueByName(value);
    if (v != nullptr) return EnumLabel(v);
  }
  return QString::fromStdString(value);
}

}  // namespace kluis::desktop
