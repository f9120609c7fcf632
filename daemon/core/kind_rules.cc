#include "daemon/core/kind_rules.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "daemon/core/dossier_index.h"
#include "daemon/core/refusal.h"
#include "daemon/core/register_rules.h"
#include "daemon/core/retention.h"
#include "kluis/v1/rules.pb.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;
using kluis::v1::RecordKind;

struct KindEntry {
  Record::BodyCase body;
  RecordKind kind;
};

constexpr KindEntry kKinds[] = {
    {Record::kClient, kluis::v1::RECORD_KIND_CLIENT},
    {Record::kNote, kluis::v1::RECORD_KIND_NOTE},
    {Record::kCommission, kluis::v1::RECORD_KIND_COMMISSION},
    {Record::kAgreement, kluis::v1::RECORD_KIND_AGREEMENT},
    {Record::kSessionReport, kluis::v1::RECORD_KIND_SESSION_REPORT},
    {Record::kEarlierTrajectory, kluis::v1::RECORD_KIND_EARLIER_TRAJECTORY},
    {Record::kHealth, kluis::v1::RECORD_KIND_HEALTH},
    {Record::kPersonalMoment, kluis::v1::RECORD_KIND_PERSONAL_MOMENT},
    {Record::kInvoice, kluis::v1::RECORD_KIND_INVOICE},
    {Record::kCorrespondence, kluis::v1::RECORD_KIND_CORRESPONDENCE},
    {Record::kAppointment, kluis::v1::RECORD_KIND_APPOINTMENT},
    {Record::kAttachment, kluis::v1::RECORD_KIND_ATTACHMENT},
    {Record::kAdviserCase, kluis::v1::RECORD_KIND_CASE},
    {Record::kContactMoment, kluis::v1::RECORD_KIND_CONTACT_MOMENT},
    {Record::kConsent, kluis::v1::RECORD_KIND_CONSENT},
    {Record::kDisclosure, kluis::v1::RECORD_KIND_DISCLOSURE},
    {Record::kOrganisation, kluis::v1::RECORD_KIND_ORGANISATION},
    {Record::kPracticeProfile, kluis::v1::RECORD_KIND_PRACTICE_PROFILE},
    {Record::kSubjectRequest, kluis::v1::RECORD_KIND_SUBJECT_REQUEST},
    {Record::kProcessor, kluis::v1::RECORD_KIND_PROCESSOR},
    {Record::kBreach, kluis::v1::RECORD_KIND_BREACH},
    {Record::kHours, kluis::v1::RECORD_KIND_HOURS},
    {Record::kAnnualAdvice, kluis::v1::RECORD_KIND_ANNUAL_ADVICE},
    {Record::kAgendaEntry, kluis::v1::RECORD_KIND_AGENDA_ENTRY},
};

// A rule between the fields of one record (an end before its start, a
// reason that a choice requires).
absl::Status Invalid(absl::string_view field, absl::string_view text) {
  return InvalidField(field, rule::kRecord, text);
}

// Both dates set and the second before the first.
bool Before(const std::string& later, const std::string& earlier) {
  return !later.empty() && !earlier.empty() && later < earlier;
}

absl::Status CheckClient(const kluis::v1::Client& c) {
  if (c.minor() && c.guardians_size() == 0) {
    return Invalid("client.guardians",
                   N_("a minor client needs at least one parent or carer"));
  }
  return absl::OkStatus();
}

// Reports every missing field at once: an agreement with its own term
// needs a reason and the date it was agreed, and the coach should learn
// both from one attempt.
absl::Status CheckAgreement(const kluis::v1::Agreement& a,
                            const RuleContext& ctx) {
  Problems problems;
  if (Before(a.end_date(), a.start_date())) {
    problems.Add("agreement.end_date", rule::kRecord,
                 N_("must not be before start_date"));
  }
  const bool deviates = a.retention_years() != 0 &&
                        a.retention_years() != ctx.coaching_retention_years;
  constexpr absl::string_view kNeededForOwnTerm =
      N_("is required when the retention term differs from the practice "
         "default");
  if (deviates && a.retention_deviation_reason().empty()) {
    problems.Add("agreement.retention_deviation_reason", rule::kRequired,
                 kNeededForOwnTerm);
  }
  if (deviates && a.retention_agreed_date().empty()) {
    problems.Add("agreement.retention_agreed_date", rule::kRequired,
                 kNeededForOwnTerm);
  }
  if (a.retention_objection_date().empty() !=
      a.retention_objection_reason().empty()) {
    problems.Add(a.retention_objection_date().empty()
                     ? "agreement.retention_objection_date"
                     : "agreement.retention_objection_reason",
                 rule::kRequired,
                 N_("an objection to retention needs both its date and its "
                    "reason"));
  }
  return problems.ToStatus();
}

// Sets the deadline; an extension needs its reason and must be told
// within the first month.
absl::Status CheckRequest(kluis::v1::SubjectRequest* r) {
  const kluis::v1::SubjectRequest& q = *r;
  if (Before(q.completed_date(), q.received_date())) {
    return Invalid("subject_request.completed_date",
                   N_("must not be before received_date"));
  }
  if (!q.extended_date().empty()) {
    if (q.extension_reason().empty()) {
      return Invalid("subject_request.extension_reason",
                     N_("is required with extended_date (the subject must be "
                        "told why)"));
    }
    if (Before(q.extended_date(), q.received_date()) ||
        q.extended_date() > AddMonths(q.received_date(), 1)) {
      return Invalid("subject_request.extended_date",
                     N_("must fall within the first month after received_date "
                        "(GDPR art. 12(3))"));
    }
  } else if (!q.extension_reason().empty()) {
    return Invalid("subject_request.extended_date",
                   N_("is required with extension_reason"));
  }
  r->set_deadline(RequestDeadline(q));
  return absl::OkStatus();
}

// The ground must come with what it needs; whether the named consent was
// in force is checked against the dossier (Vault::CheckReferences).
absl::Status CheckDisclosure(const kluis::v1::Disclosure& d) {
  using kluis::v1::Disclosure;
  switch (d.ground()) {
    case kluis::v1::DISCLOSURE_GROUND_CONSENT:
      if (d.consent_id().empty()) {
        return Invalid("disclosure.consent_id",
                       N_("is required: identifiable data leaves the practice "
                          "only on the client's consent (record it with kluis "
                          "consent add, then name its id)"));
      }
      break;
    case kluis::v1::DISCLOSURE_GROUND_LEGAL_OBLIGATION:
    case kluis::v1::DISCLOSURE_GROUND_VITAL_INTEREST:
      if (d.legal_ground().empty()) {
        return Invalid("disclosure.legal_ground",
                       N_("is required without consent: name the law, or why "
                          "it was vital"));
      }
      break;
    case kluis::v1::DISCLOSURE_GROUND_ANONYMISED:
      if (d.to() != kluis::v1::DISCLOSURE_RECIPIENT_INTERVISION) {
        return Invalid("disclosure.ground",
                       N_("anonymised is for intervision only; anything else "
                          "sent is identifiable"));
      }
      break;
    default:
      break;
  }
  if (d.ground() != kluis::v1::DISCLOSURE_GROUND_CONSENT &&
      !d.consent_id().empty()) {
    return Invalid("disclosure.consent_id", N_("only with ground consent"));
  }
  if (d.to() == kluis::v1::DISCLOSURE_RECIPIENT_PROCESSOR) {
    // With a processor_id, its agreement's term fills it (Vault).
    if (d.delete_by_date().empty() && d.processor_id().empty()) {
      return Invalid("disclosure.delete_by_date",
                     N_("is required for a processor: the day it must have "
                        "deleted the data"));
    }
  } else if (!d.delete_by_date().empty()) {
    return Invalid("disclosure.delete_by_date", N_("only for a processor"));
  } else if (!d.processor_id().empty()) {
    return Invalid("disclosure.processor_id", N_("only for a processor"));
  }
  if (Before(d.delete_by_date(), d.date())) {
    return Invalid("disclosure.delete_by_date", N_("must not be before date"));
  }
  if (!d.processor_deleted_date().empty() &&
      d.to() != kluis::v1::DISCLOSURE_RECIPIENT_PROCESSOR) {
    return Invalid("disclosure.processor_deleted_date",
                   N_("only for a processor"));
  }
  if (Before(d.processor_deleted_date(), d.date())) {
    return Invalid("disclosure.processor_deleted_date",
                   N_("must not be before date"));
  }
  return absl::OkStatus();
}

// 0 % with a reason is an exemption, a rate without one is ordinary VAT,
// and 0 % without a reason is "not stated" (invoices from before kluis kept
// a rate). A reason next to a rate contradicts it.
absl::Status CheckInvoice(const kluis::v1::Invoice& i) {
  if (i.vat_percent() > 0 && !i.vat_exemption_reason().empty()) {
    return Invalid("invoice.vat_exemption_reason",
                   N_("only with 0 % VAT (an exempt invoice has no VAT rate)"));
  }
  return absl::OkStatus();
}

absl::Status CheckCase(const kluis::v1::AdviserCase& c,
                       const RuleContext& ctx) {
  if (Before(c.closed_date(), c.opened_date())) {
    return Invalid("adviser_case.closed_date",
                   N_("must not be before opened_date"));
  }
  for (int i = 0; i < c.categories_size(); ++i) {
    const std::string folded = FoldForSearch(c.categories(i));
    const bool known = std::any_of(
        ctx.case_categories.begin(), ctx.case_categories.end(),
        [&](const std::string& k) { return FoldForSearch(k) == folded; });
    if (!known) {
      return InvalidField(
          absl::StrCat("adviser_case.categories[", i, "]"),
          rule::kAllowedValues,
          absl::StrCat("not in the practice's list of case categories (",
                       absl::StrJoin(ctx.case_categories, ", "), ")"),
          0, ctx.case_categories);
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::string DisclosureSummary(const kluis::v1::Disclosure& d) {
  std::string to;
  switch (d.to()) {
    case kluis::v1::DISCLOSURE_RECIPIENT_PROCESSOR:
      to = absl::StrCat("to a processor (delete by ", d.delete_by_date(), ")");
      break;
    case kluis::v1::DISCLOSURE_RECIPIENT_INTERVISION:
      to = "for intervision";
      break;
    default:
      to = "to a third party";
  }
  switch (d.ground()) {
    case kluis::v1::DISCLOSURE_GROUND_CONSENT:
      return absl::StrCat(to, " on consent ", d.consent_id());
    case kluis::v1::DISCLOSURE_GROUND_LEGAL_OBLIGATION:
      return absl::StrCat(to, " on a legal obligation");
    case kluis::v1::DISCLOSURE_GROUND_VITAL_INTEREST:
      return absl::StrCat(to, " in a vital interest");
    default:
      return absl::StrCat(to, ", anonymised");
  }
}

RecordKind KindOf(const Record& record) {
  for (const KindEntry& k : kKinds) {
    if (k.body == record.body_case()) return k.kind;
  }
  return kluis::v1::RECORD_KIND_UNSPECIFIED;
}

bool IsHeadKind(RecordKind kind) {
  return kind == kluis::v1::RECORD_KIND_CLIENT ||
         kind == kluis::v1::RECORD_KIND_CASE;
}

bool IsPracticeKind(RecordKind kind) {
  return kind == kluis::v1::RECORD_KIND_ORGANISATION ||
         kind == kluis::v1::RECORD_KIND_PRACTICE_PROFILE ||
         kind == kluis::v1::RECORD_KIND_SUBJECT_REQUEST ||
         kind == kluis::v1::RECORD_KIND_PROCESSOR ||
         kind == kluis::v1::RECORD_KIND_BREACH ||
         kind == kluis::v1::RECORD_KIND_HOURS ||
         kind == kluis::v1::RECORD_KIND_ANNUAL_ADVICE ||
         kind == kluis::v1::RECORD_KIND_AGENDA_ENTRY;
}

bool IsSpecialCategory(RecordKind kind) {
  for (const KindEntry& k : kKinds) {
    if (k.kind != kind) continue;
    const google::protobuf::FieldDescriptor* f =
        Record::descriptor()->FindFieldByNumber(static_cast<int>(k.body));
    return f != nullptr && f->message_type()
                               ->options()
                               .GetExtension(kluis::v1::kind_rule)
                               .special_category();
  }
  return false;
}

kluis::v1::DossierKind DossierKindOf(const Record& head) {
  switch (head.body_case()) {
    case Record::kClient:
      return kluis::v1::DOSSIER_KIND_COACHING;
    case Record::kAdviserCase:
      return kluis::v1::DOSSIER_KIND_CASE;
    default:
      return kluis::v1::DOSSIER_KIND_UNSPECIFIED;
  }
}

std::vector<std::string> DefaultCaseCategories() {
  return {"bullying",       "intimidation", "sexual intimidation",
          "aggression",     "violence",     "aggression/violence",
          "discrimination", "integrity",    "other"};
}

bool IsMinor(const std::string& birth_date, const std::string& today) {
  int by, ty;
  if (birth_date.size() != 10 || today.size() != 10 ||
      !absl::SimpleAtoi(birth_date.substr(0, 4), &by) ||
      !absl::SimpleAtoi(today.substr(0, 4), &ty)) {
    return false;
  }
  // Eighteen on the birthday: compare "MM-DD" after the year.
  const std::string adult = absl::StrCat(by + 18, birth_date.substr(4));
  return absl::StrCat(ty, today.substr(4)) < adult;
}

absl::Status NormalizeAndValidateBody(Record* record, const RuleContext& ctx) {
  const google::protobuf::OneofDescriptor* oneof =
      Record::descriptor()->FindOneofByName("body");
  const google::protobuf::FieldDescriptor* f =
      record->GetReflection()->GetOneofFieldDescriptor(*record, oneof);
  if (f == nullptr || KindOf(*record) == kluis::v1::RECORD_KIND_UNSPECIFIED) {
    return Invalid("record",
                   N_("a body (client, note, agreement, …) is required"));
  }
  google::protobuf::Message* body =
      record->GetReflection()->MutableMessage(record, f);
  NormalizeFields(body);
  if (record->has_note() && record->note().date().empty()) {
    record->mutable_note()->set_date(ctx.Today());
  }
  absl::Status s = ValidateFields(*body, f->name(), ctx);
  if (!s.ok()) return s;
  switch (record->body_case()) {
    case Record::kClient:
      record->mutable_client()->set_minor(
          IsMinor(record->client().birth_date(), ctx.Today()));
      return CheckClient(record->client());
    case Record::kNote:
      if (!record->note().working() && !record->note().expires().empty()) {
        return Invalid("note.expires", N_("only a working note expires"));
      }
      return absl::OkStatus();
    case Record::kAgreement:
      return CheckAgreement(record->agreement(), ctx);
    case Record::kAdviserCase:
      return CheckCase(record->adviser_case(), ctx);
    case Record::kCorrespondence:
      if (Before(record->correspondence().answered_date(),
                 record->correspondence().date())) {
        return Invalid("correspondence.answered_date",
                       N_("must not be before date"));
      }
      return absl::OkStatus();
    case Record::kInvoice:
      return CheckInvoice(record->invoice());
    case Record::kSubjectRequest:
      return CheckRequest(record->mutable_subject_request());
    case Record::kConsent:
      if (Before(record->consent().withdrawn_date(),
                 record->consent().given_date())) {
        return Invalid("consent.withdrawn_date",
                       N_("must not be before given_date"));
      }
      return absl::OkStatus();
    case Record::kDisclosure:
      return CheckDisclosure(record->disclosure());
    case Record::kProcessor:
      return CheckProcessor(record->processor());
    case Record::kBreach:
      return CheckBreach(record->mutable_breach(), ctx);
    case Record::kHours:
      return CheckHours(record->hours());
    case Record::kAnnualAdvice:
      if (record->annual_advice().year() < 2000) {
        return Invalid("annual_advice.year", N_("is required (2000 or later)"));
      }
      return absl::OkStatus();
    case Record::kPersonalMoment:
      if (Before(record->personal_moment().processor_deleted_date(),
                 record->personal_moment().shared_date())) {
        return Invalid("personal_moment.processor_deleted_date",
                       N_("must not be before shared_date"));
      }
      return absl::OkStatus();
    default:
      return absl::OkStatus();
  }
}

}  // namespace kluis::core
