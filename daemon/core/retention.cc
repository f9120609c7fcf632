#include "daemon/core/retention.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace kluis::core {

using kluis::v1::RetentionItem;

namespace {

std::optional<absl::CivilDay> ParseDay(absl::string_view date) {
  absl::CivilDay day;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &day)) {
    return std::nullopt;
  }
  return day;
}

// 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st.
std::string Ordinal(uint32_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return absl::StrCat(n, suffix);
}

std::string Format(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

}  // namespace

RetentionTerms TermsOf(const kluis::v1::PracticeProfile* profile) {
  RetentionTerms t;
  if (profile == nullptr) return t;
  if (profile->coaching_retention_years() > 0) {
    t.coaching_years = profile->coaching_retention_years();
  }
  if (profile->case_retention_years() > 0) {
    t.case_years = profile->case_retention_years();
  }
  return t;
}

std::string AddYears(absl::string_view date, uint32_t years) {
  std::optional<absl::CivilDay> d = ParseDay(date);
  if (!d.has_value()) return "";
  // CivilDay normalises 29 February of a common year to 1 March.
  return Format(absl::CivilDay(d->year() + years, d->month(), d->day()));
}

std::string FirstDayAfterYearEnd(absl::string_view date, uint32_t years) {
  std::optional<absl::CivilDay> d = ParseDay(date);
  if (!d.has_value()) return "";
  return Format(absl::CivilDay(d->year() + years + 1, 1, 1));
}

std::string AddMonths(absl::string_view date, uint32_t months) {
  std::optional<absl::CivilDay> d = ParseDay(date);
  if (!d.has_value()) return "";
  const absl::CivilMonth month = absl::CivilMonth(*d) + months;
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  const absl::CivilDay want(month.year(), month.month(), d->day());
  return Format(absl::CivilMonth(want) == month ? want : last);
}

std::string RequestDeadline(const kluis::v1::SubjectRequest& r) {
  return AddMonths(r.received_date(), r.extended_date().empty() ? 1 : 3);
}

std::string NextDay(absl::string_view date) { return AddDays(date, 1); }

std::string AddDays(absl::string_view date, int days) {
  std::optional<absl::CivilDay> d = ParseDay(date);
  if (!d.has_value()) return "";
  return Format(*d + days);
}

std::vector<RetentionItem> RetentionOf(const DossierEntry& e,
                                       const RetentionTerms& terms) {
  std::vector<RetentionItem> out;
  if (!e.end_date.empty()) {
    RetentionItem item;
    item.set_dossier_id(e.id);
    item.set_reference_date(e.end_date);
    if (e.kind == kluis::v1::DOSSIER_KIND_CASE) {
      item.set_kind(kluis::v1::RETENTION_ITEM_KIND_CASE_DOSSIER);
      item.set_rule(absl::StrCat("until the end of the ",
                                 Ordinal(terms.case_years),
                                 " calendar year after the year it closed"));
      item.set_legal_basis(
          "the practice's term for confidential-adviser cases (default: "
          "the end of the 2nd calendar year after closing)");
      item.set_due_date(FirstDayAfterYearEnd(e.end_date, terms.case_years));
    } else if (!e.objection_date.empty()) {
      item.set_kind(kluis::v1::RETENTION_ITEM_KIND_COACHING_DOSSIER);
      item.set_rule(
          "the client objected to retention: due once the trajectory ended");
      item.set_legal_basis(
          "the client's objection (GDPR art. 21), with its reason and date "
          "in the agreement's history");
      item.set_due_date(std::max(e.end_date, e.objection_date));
    } else {
      const bool own = e.retention_years > 0;
      const uint32_t years = own ? e.retention_years : terms.coaching_years;
      item.set_kind(kluis::v1::RETENTION_ITEM_KIND_COACHING_DOSSIER);
      item.set_rule(absl::StrCat(years, " years after the trajectory ended"));
      item.set_legal_basis(
          own ? "the client's own term in the agreement (its reason and "
                "date are in the agreement's history)"
              : "the ZKM professional rule (7 years; the practice profile "
                "may set another term)");
      item.set_due_date(AddYears(e.end_date, years));
    }
    if (!item.due_date().empty()) out.push_back(std::move(item));
  }
  for (const auto& [note_id, expires] : e.working_notes) {
    if (expires.empty()) continue;  // until the trajectory ends
    RetentionItem item;
    item.set_dossier_id(e.id);
    item.set_record_id(note_id);
    item.set_kind(kluis::v1::RETENTION_ITEM_KIND_WORKING_NOTE);
    item.set_rule(
        "a working note is kept until its expiry (by default the "
        "end of the trajectory)");
    item.set_legal_basis(
        "the practice's promise: working notes are a memory aid only");
    item.set_reference_date(expires);
    item.set_due_date(NextDay(expires));
    if (!item.due_date().empty()) out.push_back(std::move(item));
  }
  for (const auto& [mail_id, answered] : e.answered_mail) {
    RetentionItem item;
    item.set_dossier_id(e.id);
    item.set_record_id(mail_id);
    item.set_kind(kluis::v1::RETENTION_ITEM_KIND_CORRESPONDENCE);
    item.set_rule("an e-mail is kept until its question is answered");
    item.set_legal_basis(
        "the practice's promise: correspondence only as long as needed");
    item.set_reference_date(answered);
    item.set_due_date(NextDay(answered));
    if (!item.due_date().empty()) out.push_back(std::move(item));
  }
  for (const auto& [disclosure_id, delete_by] : e.processor_copies) {
    RetentionItem item;
    item.set_dossier_id(e.id);
    item.set_record_id(disclosure_id);
    item.set_kind(kluis::v1::RETENTION_ITEM_KIND_PROCESSOR_COPY);
    item.set_rule(
        "data shared with a processor is deleted there by its delete-by "
        "date; confirm it (the disclosure's processor_deleted_date)");
    item.set_legal_basis(
        "the processor agreement (GDPR art. 28(3)(g)), e.g. the ZKM's term "
        "for personal moments");
    item.set_reference_date(delete_by);
    item.set_due_date(delete_by);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace kluis::core
