#include "daemon/core/annual_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/substitute.h"
#include "daemon/core/record_labels.h"

namespace kluis::core {
namespace {

using kluis::v1::ShownCount;

ShownCount Show(std::string label, uint64_t n, uint32_t min,
                const i18n::Translator& t) {
  ShownCount c;
  c.set_label(std::move(label));
  if (n > 0 && n < min) {
    c.set_shown(absl::Substitute(t.Tr("fewer than $0"), min));
    c.set_suppressed(true);
  } else {
    c.set_shown(absl::StrCat(n));
  }
  return c;
}

// A breakdown of counts; when its cells add up to a total that is shown
// and exactly one cell is suppressed, the smallest other non-zero cell
// goes too, so that the total minus the rest cannot reveal it.
void Breakdown(const std::map<std::string, uint64_t>& counts, uint32_t min,
               const ShownCount& total, uint64_t total_value,
               const i18n::Translator& t,
               google::protobuf::RepeatedPtrField<ShownCount>* out) {
  uint64_t sum = 0;
  for (const auto& [label, n] : counts) {
    *out->Add() = Show(label, n, min, t);
    sum += n;
  }
  const bool total_shown = !total.suppressed() && sum == total_value;
  const int suppressed =
      std::count_if(out->begin(), out->end(),
                    [](const ShownCount& c) { return c.suppressed(); });
  if (suppressed != 1 || !total_shown) return;
  ShownCount* smallest = nullptr;
  uint64_t least = 0;
  for (ShownCount& c : *out) {
    const uint64_t n = counts.at(c.label());
    if (c.suppressed() || n == 0) continue;
    if (smallest == nullptr || n < least) {
      smallest = &c;
      least = n;
    }
  }
  if (smallest != nullptr) {
    smallest->set_shown(t.Tr("suppressed"));
    smallest->set_suppressed(true);
  }
}

struct YearTotals {
  uint64_t cases = 0, contacts = 0, minutes = 0;
  bool any = false;
};

YearTotals TotalsOf(const AnnualInputs& in, int year) {
  YearTotals t;
  for (const CaseCounts& c : in.cases) {
    if (c.opened_year == year) ++t.cases;
    auto it = c.contacts_by_year.find(year);
    if (it != c.contacts_by_year.end()) t.contacts += it->second;
  }
  for (const HoursCounts& h : in.hours) {
    if (h.year == year) t.minutes += h.minutes;
  }
  t.any = t.cases > 0 || t.contacts > 0 || t.minutes > 0;
  return t;
}

}  // namespace

std::string HoursText(uint64_t minutes, const i18n::Translator& t) {
  std::string text =
      absl::StrFormat("%.1f", static_cast<double>(minutes) / 60.0);
  if (t.lang() == "nl") std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string ActivityName(kluis::v1::HoursActivity a,
                         const i18n::Translator& t) {
  switch (a) {
    case kluis::v1::HOURS_ACTIVITY_CONSULTATION:
      return t.Tr("consultations");
    case kluis::v1::HOURS_ACTIVITY_FOLLOW_UP:
      return t.Tr("follow-up and referral");
    case kluis::v1::HOURS_ACTIVITY_PREVENTION:
      return t.Tr("prevention and information");
    case kluis::v1::HOURS_ACTIVITY_CONSULTING:
      return t.Tr("advice to the organisation");
    case kluis::v1::HOURS_ACTIVITY_REPORTING:
      return t.Tr("reporting");
    case kluis::v1::HOURS_ACTIVITY_TRAVEL:
      return t.Tr("travel");
    default:
      return t.Tr("other");
  }
}

kluis::v1::AnnualReport BuildAnnualReport(const AnnualInputs& in,
                                          const i18n::Translator& t) {
  kluis::v1::AnnualReport r;
  r.set_organisation(in.organisation);
  r.set_year(in.year);
  r.set_min_count(in.min_count);
  const YearTotals now = TotalsOf(in, in.year);
  *r.mutable_cases() = Show(t.Tr("cases"), now.cases, in.min_count, t);
  *r.mutable_contacts() = Show(t.Tr("contacts"), now.contacts, in.min_count, t);
  std::map<std::string, uint64_t> by_category, by_relation;
  for (const CaseCounts& c : in.cases) {
    if (c.opened_year != in.year) continue;
    if (c.categories.empty()) ++by_category[t.Tr("not stated")];
    for (const std::string& k : c.categories) ++by_category[k];
    ++by_relation[EnumLabel(
        kluis::v1::CaseRelation_descriptor()->FindValueByNumber(c.relation),
        t)];
  }
  Breakdown(by_category, in.min_count, r.cases(), now.cases, t,
            r.mutable_by_category());
  Breakdown(by_relation, in.min_count, r.cases(), now.cases, t,
            r.mutable_by_relation());
  r.set_hours(HoursText(now.minutes, t));
  std::map<kluis::v1::HoursActivity, uint64_t> by_activity;
  for (const HoursCounts& h : in.hours) {
    if (h.year == in.year) by_activity[h.activity] += h.minutes;
  }
  for (const auto& [a, m] : by_activity) {
    kluis::v1::ActivityMinutes* am = r.add_hours_by_activity();
    am->set_activity(a);
    am->set_minutes(m);
  }
  for (int y = in.year - 3; y < in.year; ++y) {
    const YearTotals y_totals = TotalsOf(in, y);
    if (!y_totals.any) continue;
    kluis::v1::YearFigures* f = r.add_trend();
    f->set_year(y);
    *f->mutable_cases() = Show(t.Tr("cases"), y_totals.cases, in.min_count, t);
    *f->mutable_contacts() =
        Show(t.Tr("contacts"), y_totals.contacts, in.min_count, t);
    f->set_hours(HoursText(y_totals.minutes, t));
  }
  r.set_advice(in.advice);
  bool any = r.cases().suppressed() || r.contacts().suppressed();
  for (const auto* list : {&r.by_category(), &r.by_relation()}) {
    for (const ShownCount& c : *list) any |= c.suppressed();
  }
  for (const kluis::v1::YearFigures& f : r.trend()) {
    any |= f.cases().suppressed() || f.contacts().suppressed();
  }
  r.set_suppressed_any(any);
  return r;
}

Document AnnualReportDocument(const kluis::v1::AnnualReport& r,
                              const i18n::Translator& t) {
  Document doc(
      absl::Substitute(
          t.Tr("Annual report $0 of the external confidential adviser: $1"),
          r.year(), r.organisation()),
      t);
  doc.Paragraph(absl::Substitute(
      r.suppressed_any()
          ? t.Tr("This report holds counts only: no names, no dates finer "
                 "than the year, nothing from what was said. Counts below $0 "
                 "are shown as \"fewer than $0\" so that no one can be "
                 "recognised; some counts in this report are suppressed.")
          : t.Tr("This report holds counts only: no names, no dates finer "
                 "than the year, nothing from what was said. Counts below $0 "
                 "are shown as \"fewer than $0\" so that no one can be "
                 "recognised."),
      r.min_count()));
  doc.Heading(t.Tr("How often the adviser was consulted"));
  doc.Table({"", t.Tr("Number")},
            {{t.Tr("New cases (reports)"), r.cases().shown()},
             {t.Tr("Contacts"), r.contacts().shown()}});
  auto table =
      [&](const std::string& heading, const std::string& column,
          const google::protobuf::RepeatedPtrField<kluis::v1::ShownCount>&
              list) {
        doc.Heading(heading);
        std::vector<std::vector<std::string>> rows;
        for (const kluis::v1::ShownCount& c : list) {
          rows.push_back({c.label(), c.shown()});
        }
        if (rows.empty()) {
          doc.Paragraph(t.Tr("No cases this year."));
        } else {
          doc.Table({column, t.Tr("Cases")}, std::move(rows));
        }
      };
  table(t.Tr("Nature of the reports"), t.Tr("Nature"), r.by_category());
  table(t.Tr("Relation between reporter and the person complained about"),
        t.Tr("Relation"), r.by_relation());
  doc.Heading(t.Tr("Hours spent"));
  std::vector<std::vector<std::string>> hours;
  for (const kluis::v1::ActivityMinutes& a : r.hours_by_activity()) {
    hours.push_back({ActivityName(a.activity(), t), HoursText(a.minutes(), t)});
  }
  hours.push_back({t.Tr("total"), r.hours()});
  doc.Table({t.Tr("Activity"), t.Tr("Hours")}, std::move(hours));
  doc.Heading(t.Tr("Trend"));
  std::vector<std::vector<std::string>> trend;
  for (const kluis::v1::YearFigures& f : r.trend()) {
    trend.push_back({absl::StrCat(f.year()), f.cases().shown(),
                     f.contacts().shown(), f.hours()});
  }
  trend.push_back({absl::StrCat(r.year()), r.cases().shown(),
                   r.contacts().shown(), r.hours()});
  doc.Table({t.Tr("Year"), t.Tr("New cases"), t.Tr("Contacts"), t.Tr("Hours")},
            std::move(trend));
  doc.Heading(t.Tr("Advice of the confidential adviser"));
  doc.Paragraph(r.advice().empty()
                    ? t.Tr("(not written yet: kluis advice add "
                           "--organisation-id ORG --year YEAR --text …)")
                    : r.advice());
  return doc;
}

}  // namespace kluis::core
