// Vault::HoursReport and Vault::AnnualReport: the confidential adviser's
// invoice basis and her anonymised annual report per organisation.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "daemon/core/annual_report.h"
#include "daemon/core/ids.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;

absl::Status CheckDateArg(const char* field, absl::string_view date) {
  absl::CivilDay d;
  if (date.empty() || (date.size() == 10 && absl::ParseCivilTime(date, &d))) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": must be a date (YYYY-MM-DD)"));
}

int YearOf(const std::string& date) {
  int y = 0;
  if (date.size() < 4 || !absl::SimpleAtoi(date.substr(0, 4), &y)) return 0;
  return y;
}

// True when `text` holds `name` as a whole word (folded: no case, no
// accents).
bool Mentions(const std::string& text, const std::string& name) {
  if (name.size() < 3) return false;
  size_t at = 0;
  while ((at = text.find(name, at)) != std::string::npos) {
    const bool start = at == 0 || !absl::ascii_isalnum(text[at - 1]);
    const size_t end = at + name.size();
    const bool stop = end == text.size() || !absl::ascii_isalnum(text[end]);
    if (start && stop) return true;
    ++at;
  }
  return false;
}

// The names of a case, folded, and their parts of four letters or more
// ("de", "van" would match any text).
void NamesOf(const kluis::v1::AdviserCase& c, std::vector<std::string>* out) {
  std::vector<std::string> names = {c.reporter().name()};
  for (const kluis::v1::Accused& a : c.accused()) names.push_back(a.name());
  for (const kluis::v1::Child& ch : c.children()) names.push_back(ch.name());
  for (const std::string& n : names) {
    const std::string folded = FoldForSearch(n);
    if (folded.empty()) continue;
    out->push_back(folded);
    for (absl::string_view part : absl::StrSplit(folded, ' ')) {
      if (part.size() >= 4) out->emplace_back(part);
    }
  }
}

}  // namespace

absl::StatusOr<kluis::v1::HoursReportResponse> Vault::HoursReport(
    absl::string_view organisation_id, absl::string_view from,
    absl::string_view to) {
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::Status s = CheckDateArg("from_date", from);
  if (s.ok()) s = CheckDateArg("to_date", to);
  if (s.ok() && !organisation_id.empty()) {
    s = CheckId("organisation_id", organisation_id);
    if (s.ok() && !index_.OrganisationName(std::string(organisation_id))) {
      s = absl::NotFoundError("organisation_id: no such organisation");
    }
  }
  if (!s.ok()) return s;
  absl::StatusOr<std::vector<Record>> hours =
      ListRecords("", kluis::v1::RECORD_KIND_HOURS);
  if (!hours.ok()) return hours.status();
  std::map<std::string, kluis::v1::OrganisationHours> by_org;
  std::map<std::string, std::map<int, uint64_t>> by_activity;
  for (const Record& r : *hours) {
    const kluis::v1::HoursEntry& h = r.hours();
    if (!organisation_id.empty() && h.organisation_id() != organisation_id) {
      continue;
    }
    if ((!from.empty() && h.date() < from) || (!to.empty() && h.date() > to)) {
      continue;
    }
    kluis::v1::OrganisationHours& o = by_org[h.organisation_id()];
    o.set_organisation_id(h.organisation_id());
    o.set_minutes(o.minutes() + h.minutes());
    o.set_entries(o.entries() + 1);
    by_activity[h.organisation_id()][h.activity()] += h.minutes();
  }
  kluis::v1::HoursReportResponse out;
  for (auto& [id, o] : by_org) {
    o.set_organisation(OrganisationName(id));
    for (const auto& [activity, minutes] : by_activity[id]) {
      kluis::v1::ActivityMinutes* a = o.add_by_activity();
      a->set_activity(kluis::v1::HoursActivity(activity));
      a->set_minutes(minutes);
    }
    *out.add_organisations() = std::move(o);
  }
  return out;
}

absl::StatusOr<kluis::v1::AnnualReport> Vault::AnnualReport(
    absl::string_view organisation_id, uint32_t year,
    const i18n::Translator& t) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::Status s = CheckId("organisation_id", organisation_id);
  if (!s.ok()) return s;
  const std::string org(organisation_id);
  const std::optional<std::string> name = index_.OrganisationName(org);
  if (!name.has_value()) {
    return absl::NotFoundError("organisation_id: no such organisation");
  }
  const int this_year = YearOf(Today());
  if (year < 2000 || static_cast<int>(year) > this_year) {
    return absl::InvalidArgumentError(
        "year: must be a year from 2000 up to this one");
  }
  AnnualInputs in;
  in.organisation = *name;
  in.year = static_cast<int>(year);
  {
    absl::MutexLock lock(&profile_mu_);
    if (profile_.has_value() &&
        profile_->practice_profile().report_min_count() > 0) {
      in.min_count = profile_->practice_profile().report_min_count();
    }
  }
  std::vector<std::string> names;
  for (const DossierEntry& e : index_.All()) {
    if (e.kind != kluis::v1::DOSSIER_KIND_CASE ||
        !std::binary_search(e.organisation_ids.begin(),
                            e.organisation_ids.end(), org)) {
      continue;
    }
    absl::StatusOr<Record> head =
        ReadRecord(*store, e.id, DossierHeadPath(e.id));
    if (!head.ok()) return head.status();
    const kluis::v1::AdviserCase& c = head->adviser_case();
    NamesOf(c, &names);
    CaseCounts counts;
    counts.opened_year = YearOf(c.opened_date());
    counts.categories.assign(c.categories().begin(), c.categories().end());
    counts.relation = c.relation();
    absl::StatusOr<std::vector<Record>> contacts =
        ListRecords(e.id, kluis::v1::RECORD_KIND_CONTACT_MOMENT);
    if (!contacts.ok()) return contacts.status();
    for (const Record& m : *contacts) {
      ++counts.contacts_by_year[YearOf(m.contact_moment().date())];
    }
    in.cases.push_back(std::move(counts));
  }
  absl::StatusOr<std::vector<Record>> hours =
      ListRecords("", kluis::v1::RECORD_KIND_HOURS);
  if (!hours.ok()) return hours.status();
  for (const Record& r : *hours) {
    if (r.hours().organisation_id() != org) continue;
    in.hours.push_back(
        {YearOf(r.hours().date()), r.hours().minutes(), r.hours().activity()});
  }
  absl::StatusOr<std::vector<Record>> advice =
      ListRecords("", kluis::v1::RECORD_KIND_ANNUAL_ADVICE);
  if (!advice.ok()) return advice.status();
  for (const Record& r : *advice) {  // oldest first: the newest wins
    if (r.annual_advice().organisation_id() == org &&
        r.annual_advice().year() == year) {
      in.advice = r.annual_advice().text();
      const std::string folded = FoldForSearch(in.advice);
      for (const std::string& n : names) {
        if (Mentions(folded, n)) {
          return RuleRefusal(
              "annual_advice.text", rule::kAccused,
              absl::StrCat("names a person of one of the organisation's "
                           "cases (record ",
                           ShortId(r.id()),
                           "); the annual report is anonymous: rewrite the "
                           "advice with kluis advice update"));
        }
      }
    }
  }
  return BuildAnnualReport(in, t);
}

}  // namespace kluis::core
