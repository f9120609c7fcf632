// Retention rules on exact days: each rule's due date, the client's own
// term, the practice's terms, leap days, open dossiers, working notes.
#include "daemon/core/retention.h"

#include <gtest/gtest.h>

namespace kluis::core {
namespace {

DossierEntry Coaching(const std::string& end, uint32_t own_years = 0) {
  DossierEntry e;
  e.id = "d1";
  e.kind = kluis::v1::DOSSIER_KIND_COACHING;
  e.start_date = "2018-01-15";
  e.end_date = end;
  e.retention_years = own_years;
  return e;
}

TEST(RetentionTest, DateArithmeticOnCivilDays) {
  EXPECT_EQ(AddYears("2019-06-30", 7), "2026-06-30");
  EXPECT_EQ(AddYears("2020-02-29", 7), "2027-03-01");  // no 29 Feb in 2027
  EXPECT_EQ(AddYears("2020-02-29", 4), "2024-02-29");
  EXPECT_EQ(FirstDayAfterYearEnd("2024-05-10", 2), "2027-01-01");
  EXPECT_EQ(FirstDayAfterYearEnd("2024-12-31", 2), "2027-01-01");
  EXPECT_EQ(NextDay("2026-12-31"), "2027-01-01");
  EXPECT_EQ(NextDay("2024-02-28"), "2024-02-29");
  EXPECT_EQ(AddYears("30-06-2019", 7), "");
  EXPECT_EQ(NextDay(""), "");
}

TEST(RetentionTest, ACoachingDossierIsDueSevenYearsAfterItEnded) {
  std::vector<kluis::v1::RetentionItem> r =
      RetentionOf(Coaching("2019-06-30"), RetentionTerms{});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind(), kluis::v1::RETENTION_ITEM_KIND_COACHING_DOSSIER);
  EXPECT_EQ(r[0].dossier_id(), "d1");
  EXPECT_EQ(r[0].reference_date(), "2019-06-30");
  EXPECT_EQ(r[0].due_date(), "2026-06-30");
  EXPECT_EQ(r[0].rule(), "7 years after the trajectory ended");
  EXPECT_NE(r[0].legal_basis().find("ZKM"), std::string::npos);
  // The practice's own term, and the client's own term, move the day.
  EXPECT_EQ(
      RetentionOf(Coaching("2019-06-30"), RetentionTerms{10, 2})[0].due_date(),
      "2029-06-30");
  r = RetentionOf(Coaching("2019-06-30", 3), RetentionTerms{});
  EXPECT_EQ(r[0].due_date(), "2022-06-30");
  EXPECT_NE(r[0].legal_basis().find("client's own term"), std::string::npos);
  // Still open: nothing is due.
  EXPECT_TRUE(RetentionOf(Coaching(""), RetentionTerms{}).empty());
  // An objection: due when the trajectory ended, or at the objection when
  // that came later.
  DossierEntry objected = Coaching("2019-06-30");
  objected.objection_date = "2019-03-01";
  r = RetentionOf(objected, RetentionTerms{});
  EXPECT_EQ(r[0].due_date(), "2019-06-30");
  EXPECT_NE(r[0].legal_basis().find("art. 21"), std::string::npos);
  objected.objection_date = "2024-02-10";
  EXPECT_EQ(RetentionOf(objected, RetentionTerms{})[0].due_date(),
            "2024-02-10");
}

TEST(RetentionTest, ACaseIsKeptUntilTheEndOfTheSecondCalendarYear) {
  DossierEntry c;
  c.id = "c1";
  c.kind = kluis::v1::DOSSIER_KIND_CASE;
  c.start_date = "2024-02-01";
  c.end_date = "2024-05-10";
  std::vector<kluis::v1::RetentionItem> r = RetentionOf(c, RetentionTerms{});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind(), kluis::v1::RETENTION_ITEM_KIND_CASE_DOSSIER);
  EXPECT_EQ(r[0].due_date(), "2027-01-01");  // kept through 2026-12-31
  EXPECT_EQ(r[0].rule(),
            "until the end of the 2nd calendar year after the year it closed");
  EXPECT_EQ(RetentionOf(c, RetentionTerms{7, 3})[0].due_date(), "2028-01-01");
  EXPECT_NE(RetentionOf(c, RetentionTerms{7, 11})[0].rule().find("11th"),
            std::string::npos);
  EXPECT_NE(RetentionOf(c, RetentionTerms{7, 21})[0].rule().find("21st"),
            std::string::npos);
  c.end_date = "";
  EXPECT_TRUE(RetentionOf(c, RetentionTerms{}).empty());
}

TEST(RetentionTest, AWorkingNoteIsDueTheDayAfterItsExpiry) {
  DossierEntry e = Coaching("");
  e.working_notes = {{"n1", "2026-03-31"}, {"n2", ""}};
  std::vector<kluis::v1::RetentionItem> r = RetentionOf(e, RetentionTerms{});
  ASSERT_EQ(r.size(), 1u);  // n2 lasts until the open trajectory ends
  EXPECT_EQ(r[0].kind(), kluis::v1::RETENTION_ITEM_KIND_WORKING_NOTE);
  EXPECT_EQ(r[0].record_id(), "n1");
  EXPECT_EQ(r[0].due_date(), "2026-04-01");
}

TEST(RetentionTest, AnAnsweredEmailIsDueTheDayAfter) {
  DossierEntry e = Coaching("");
  e.answered_mail = {{"m1", "2026-05-04"}};
  std::vector<kluis::v1::RetentionItem> r = RetentionOf(e, RetentionTerms{});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].kind(), kluis::v1::RETENTION_ITEM_KIND_CORRESPONDENCE);
  EXPECT_EQ(r[0].record_id(), "m1");
  EXPECT_EQ(r[0].reference_date(), "2026-05-04");
  EXPECT_EQ(r[0].due_date(), "2026-05-05");
}

TEST(RetentionTest, ARequestHasOneMonthOrThreeWhenExtended) {
  EXPECT_EQ(AddMonths("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(AddMonths("2024-01-31", 1), "2024-02-29");
  EXPECT_EQ(AddMonths("2026-01-15", 1), "2026-02-15");
  EXPECT_EQ(AddMonths("2026-11-30", 3), "2027-02-28");
  EXPECT_EQ(AddDays("2026-12-30", 7), "2027-01-06");
  kluis::v1::SubjectRequest r;
  r.set_received_date("2026-03-31");
  EXPECT_EQ(RequestDeadline(r), "2026-04-30");
  r.set_extended_date("2026-04-20");
  EXPECT_EQ(RequestDeadline(r), "2026-06-30");
}

TEST(RetentionTest, TermsComeFromTheProfileWhereItSetsThem) {
  EXPECT_EQ(TermsOf(nullptr).coaching_years, 7u);
  kluis::v1::PracticeProfile p;
  EXPECT_EQ(TermsOf(&p).case_years, 2u);
  p.set_coaching_retention_years(15);
  p.set_case_retention_years(5);
  EXPECT_EQ(TermsOf(&p).coaching_years, 15u);
  EXPECT_EQ(TermsOf(&p).case_years, 5u);
}

}  // namespace
}  // namespace kluis::core
