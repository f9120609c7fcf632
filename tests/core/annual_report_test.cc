// The annual report's counts: per year, by nature and relation, small
// cells suppressed and the one cell a total would give away, zero shown
// as zero, the trend of the years before, hours by activity.
#include "daemon/core/annual_report.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/core/outsider_text.h"

namespace kluis::core {
namespace {

using kluis::v1::CASE_RELATION_EMPLOYEE_MANAGER;
using kluis::v1::CASE_RELATION_PUPIL_STAFF;

const i18n::Translator en = i18n::Translator::English();

CaseCounts Case(int year, std::vector<std::string> categories,
                kluis::v1::CaseRelation relation, uint32_t contacts) {
  CaseCounts c;
  c.opened_year = year;
  c.categories = std::move(categories);
  c.relation = relation;
  if (contacts > 0) c.contacts_by_year[year] = contacts;
  return c;
}

std::map<std::string, std::string> Shown(
    const google::protobuf::RepeatedPtrField<kluis::v1::ShownCount>& list) {
  std::map<std::string, std::string> out;
  for (const kluis::v1::ShownCount& c : list) out[c.label()] = c.shown();
  return out;
}

TEST(AnnualReportTest, CountsAndSuppressesSmallCells) {
  AnnualInputs in;
  in.organisation = "Zorggroep Oost";
  in.year = 2025;
  for (int i = 0; i < 4; ++i) {
    in.cases.push_back(
        Case(2025, {"intimidation"}, CASE_RELATION_EMPLOYEE_MANAGER, 2));
  }
  in.cases.push_back(
      Case(2025, {"integrity", "intimidation"}, CASE_RELATION_PUPIL_STAFF, 1));
  in.cases.push_back(Case(2023, {}, CASE_RELATION_PUPIL_STAFF, 0));
  in.hours = {{2025, 90, kluis::v1::HOURS_ACTIVITY_CONSULTATION},
              {2025, 45, kluis::v1::HOURS_ACTIVITY_TRAVEL},
              {2023, 60, kluis::v1::HOURS_ACTIVITY_CONSULTATION}};
  const kluis::v1::AnnualReport r = BuildAnnualReport(in, en);
  EXPECT_EQ(r.cases().shown(), "5");
  EXPECT_EQ(r.contacts().shown(), "9");
  EXPECT_EQ(Shown(r.by_category()), (std::map<std::string, std::string>{
                                        {"integrity", "fewer than 3"},
                                        {"intimidation", "5"}}));  // no sum
  // 4 + 1 = 5: the 1 is hidden, and so is the 4 that would reveal it.
  EXPECT_EQ(Shown(r.by_relation()),
            (std::map<std::string, std::string>{
                {"employee and manager", "suppressed"},
                {"pupil and staff member", "fewer than 3"}}));
  EXPECT_EQ(r.hours(), "2.2");  // 135 minutes
  ASSERT_EQ(r.hours_by_activity_size(), 2);
  EXPECT_EQ(r.hours_by_activity(0).minutes(), 90u);
  ASSERT_EQ(r.trend_size(), 1);  // 2024 held nothing: left out
  EXPECT_EQ(r.trend(0).year(), 2023u);
  EXPECT_EQ(r.trend(0).cases().shown(), "fewer than 3");
  EXPECT_EQ(r.trend(0).contacts().shown(), "0");
  EXPECT_EQ(r.trend(0).hours(), "1.0");
  EXPECT_TRUE(r.suppressed_any());
}

TEST(AnnualReportTest, AQuietYearSuppressesItsTotalsAndNothingElse) {
  AnnualInputs in;
  in.organisation = "Sportvereniging Vooruit";
  in.year = 2025;
  in.min_count = 5;
  in.cases.push_back(Case(2025, {"other"}, CASE_RELATION_PUPIL_STAFF, 4));
  const kluis::v1::AnnualReport r = BuildAnnualReport(in, en);
  EXPECT_EQ(r.cases().shown(), "fewer than 5");
  EXPECT_EQ(r.contacts().shown(), "fewer than 5");
  // The total is hidden too, so one suppressed cell stays the only one.
  EXPECT_EQ(Shown(r.by_relation()),
            (std::map<std::string, std::string>{
                {"pupil and staff member", "fewer than 5"}}));
  const std::string md = AnnualReportDocument(r, en).Markdown();
  EXPECT_TRUE(absl::StrContains(md,
                                "Counts below 5 are shown as \"fewer "
                                "than 5\""));
  EXPECT_TRUE(absl::StrContains(md, "(not written yet"));

  AnnualInputs none;
  none.organisation = "Leeg";
  none.year = 2025;
  const kluis::v1::AnnualReport empty = BuildAnnualReport(none, en);
  EXPECT_EQ(empty.cases().shown(), "0");
  EXPECT_FALSE(empty.suppressed_any());
}

TEST(AnnualReportTest, DutchByDefaultWithLabelsNotEnumNames) {
  AnnualInputs in;
  in.organisation = "Basisschool De Regenboog";
  in.year = 2025;
  for (int i = 0; i < 3; ++i) {
    in.cases.push_back(Case(2025, {"pesten"}, CASE_RELATION_PUPIL_STAFF, 2));
  }
  in.cases.push_back(Case(2025, {}, CASE_RELATION_EMPLOYEE_MANAGER, 1));
  in.hours = {{2025, 90, kluis::v1::HOURS_ACTIVITY_CONSULTATION},
              {2025, 45, kluis::v1::HOURS_ACTIVITY_TRAVEL}};
  in.advice = "Meer voorlichting in groep 7 en 8.";
  const i18n::Translator nl = i18n::Translator::Dutch();
  const kluis::v1::AnnualReport r = BuildAnnualReport(in, nl);
  EXPECT_EQ(r.hours(), "2,2");
  EXPECT_EQ(Shown(r.by_relation()),
            (std::map<std::string, std::string>{
                {"leerling en medewerker", "weggelaten"},
                {"medewerker en leidinggevende", "minder dan 3"}}));
  const std::string md = AnnualReportDocument(r, nl).Markdown();
  for (const char* dutch :
       {"# Jaarverslag 2025 van de externe vertrouwenspersoon: Basisschool De "
        "Regenboog",
        "Aantallen onder 3 staan er als \"minder dan 3\"",
        "## Aard van de meldingen", "| pesten | weggelaten |", "niet opgegeven",
        "| gesprekken | 1,5 |", "| reistijd | 0,8 |", "| totaal | 2,2 |",
        "## Advies van de vertrouwenspersoon"}) {
    EXPECT_TRUE(absl::StrContains(md, dutch)) << dutch << "\n" << md;
  }
  EXPECT_EQ(testing::MachineTokenIn(md), "") << md;
  EXPECT_FALSE(absl::StrContains(md, "Annual report")) << md;
  const std::string html = AnnualReportDocument(r, nl).Html();
  EXPECT_TRUE(absl::StrContains(html, "<html lang=\"nl\">"));
}

}  // namespace
}  // namespace kluis::core
