#include "daemon/core/annual_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace kluis::core {
namespace {

using kluis::v1::ShownCount;

ShownCount Show(std::string label, uint64_t n, uint32_t min) {
  ShownCount c;
  c.set_label(std::move(label));
  if (n > 0 && n < min) {
    c.set_shown(absl::StrCat("fewer than ", min));
    c.set_suppressed(true);
  } else {
    c.set_shown(absl::StrCat(n));
  }
  return c;
}

std::string RelationName(kluis::v1::CaseRelation r) {
  switch (r) {
    case kluis::v1::CASE_RELATION_PUPIL_STAFF:
      return "pupil and staff member";
    case kluis::v1::CASE_RELATION_PARENT_STAFF:
      return "parent and staff member";
    case kluis::v1::CASE_RELATION_PUPIL_PUPIL:
      return "pupil and pupil";
    case kluis::v1::CASE_RELATION_COLLEAGUE_COLLEAGUE:
      return "colleague and colleague";
    case kluis::v1::CASE_RELATION_EMPLOYEE_MANAGER:
      return "employee and manager";
    case kluis::v1::CASE_RELATION_OTHER:
      return "other";
    default:
      return "not stated";
  }
}

// A breakdown of counts; when its cells add up to a total that is shown
// and exactly one cell is suppressed, the smallest other non-zero cell
// goes too, so that the total minus the rest cannot reveal it.
void Breakdown(const std::map<std::string, uint64_t>& counts, uint32_t min,
               const ShownCount& total, uint64_t total_value,
               google::protobuf::RepeatedPtrField<ShownCount>* out) {
  uint64_t sum = 0;
  for (const auto& [label, n] : counts) {
    *out->Add() = Show(label, n, min);
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
    smallest->set_shown("suppressed");
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

std::string HoursText(uint64_t minutes) {
  return absl::StrFormat("%.1f", static_cast<double>(minutes) / 60.0);
}

std::string ActivityName(kluis::v1::HoursActivity a) {
  switch (a) {
    case kluis::v1::HOURS_ACTIVITY_CONSULTATION:
      return "consultations";
    case kluis::v1::HOURS_ACTIVITY_FOLLOW_UP:
      return "follow-up and referral";
    case kluis::v1::HOURS_ACTIVITY_PREVENTION:
      return "prevention and information";
    case kluis::v1::HOURS_ACTIVITY_CONSULTING:
      return "advice to the organisation";
    case kluis::v1::HOURS_ACTIVITY_REPORTING:
      return "reporting";
    case kluis::v1::HOURS_ACTIVITY_TRAVEL:
      return "travel";
    default:
      return "other";
  }
}

kluis::v1::AnnualReport BuildAnnualReport(const AnnualInputs& in) {
  kluis::v1::AnnualReport r;
  r.set_organisation(in.organisation);
  r.set_year(in.year);
  r.set_min_count(in.min_count);
  const YearTotals now = TotalsOf(in, in.year);
  *r.mutable_cases() = Show("cases", now.cases, in.min_count);
  *r.mutable_contacts() = Show("contacts", now.contacts, in.min_count);
  std::map<std::string, uint64_t> by_category, by_relation;
  for (const CaseCounts& c : in.cases) {
    if (c.opened_year != in.year) continue;
    if (c.categories.empty()) ++by_category["not stated"];
    for (const std::string& k : c.categories) ++by_category[k];
    ++by_relation[RelationName(c.relation)];
  }
  Breakdown(by_category, in.min_count, r.cases(), now.cases,
            r.mutable_by_category());
  Breakdown(by_relation, in.min_count, r.cases(), now.cases,
            r.mutable_by_relation());
  r.set_hours(HoursText(now.minutes));
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
    const YearTotals t = TotalsOf(in, y);
    if (!t.any) continue;
    kluis::v1::YearFigures* f = r.add_trend();
    f->set_year(y);
    *f->mutable_cases() = Show("cases", t.cases, in.min_count);
    *f->mutable_contacts() = Show("contacts", t.contacts, in.min_count);
    f->set_hours(HoursText(t.minutes));
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

Document AnnualReportDocument(const kluis::v1::AnnualReport& r) {
  Document doc(absl::StrCat(
      "Annual report ", r.year(),
      " of the external confidential adviser: ", r.organisation()));
  doc.Paragraph(absl::StrCat(
      "This report holds counts only: no names, no dates finer than the "
      "year, nothing from what was said. Counts below ",
      r.min_count(), " are shown as \"fewer than ", r.min_count(),
      "\" so that no one can be recognised",
      r.suppressed_any() ? "; some counts in this report are suppressed."
                         : "."));
  doc.Heading("How often the adviser was consulted");
  doc.Table({"", "Number"}, {{"New cases (reports)", r.cases().shown()},
                             {"Contacts", r.contacts().shown()}});
  auto table =
      [&](const char* heading, const char* column,
          const google::protobuf::RepeatedPtrField<kluis::v1::ShownCount>&
              list) {
        doc.Heading(heading);
        std::vector<std::vector<std::string>> rows;
        for (const kluis::v1::ShownCount& c : list) {
          rows.push_back({c.label(), c.shown()});
        }
        if (rows.empty()) {
          doc.Paragraph("No cases this year.");
        } else {
          doc.Table({column, "Cases"}, std::move(rows));
        }
      };
  table("Nature of the reports", "Nature", r.by_category());
  table("Relation between reporter and the person complained about", "Relation",
        r.by_relation());
  doc.Heading("Hours spent");
  std::vector<std::vector<std::string>> hours;
  for (const kluis::v1::ActivityMinutes& a : r.hours_by_activity()) {
    hours.push_back({ActivityName(a.activity()), HoursText(a.minutes())});
  }
  hours.push_back({"total", r.hours()});
  doc.Table({"Activity", "Hours"}, std::move(hours));
  doc.Heading("Trend");
  std::vector<std::vector<std::string>> trend;
  for (const kluis::v1::YearFigures& f : r.trend()) {
    trend.push_back({absl::StrCat(f.year()), f.cases().shown(),
                     f.contacts().shown(), f.hours()});
  }
  trend.push_back({absl::StrCat(r.year()), r.cases().shown(),
                   r.contacts().shown(), r.hours()});
  doc.Table({"Year", "New cases", "Contacts", "Hours"}, std::move(trend));
  doc.Heading("Advice of the confidential adviser");
  doc.Paragraph(r.advice().empty()
                    ? "(not written yet: kluis advice add --organisation-id "
                      "ORG --year YEAR --text …)"
                    : r.advice());
  return doc;
}

}  // namespace kluis::core
