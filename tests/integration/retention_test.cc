// Retention through the real daemon and CLI: dossiers closed on different
// dates under each rule become due on exactly the right day (asked with
// --as-of, no sleeping); the client's own term moves that day; the report
// names no one; kluis status counts what is due.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "kluis/v1/retention.pb.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

using kluis::v1::RetentionItem;
using kluis::v1::RetentionReportResponse;

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
    // Ended mid 2019: the ZKM rule's 7 years end on 2026-06-30.
    ended_ = Client("Joris Veenstra");
    Agreement(ended_,
              {"--start-date", "2018-01-01", "--end-date", "2019-06-30"});
    // The client's own term: 3 years after 2018-03-31.
    own_ = Client("Marloes Kuipers");
    Agreement(own_, {"--start-date", "2017-01-01", "--end-date", "2018-03-31",
                     "--retention-years", "3", "--retention-deviation-reason",
                     "Cliënt wil korter bewaren", "--retention-agreed-date",
                     "2017-01-01"});
    // Still open, with a working note that expires on its own date.
    open_ = Client("Sanne Bosman");
    Agreement(open_, {"--start-date", "2026-01-01"});
    note_ = IdFromJson(
        d_.Kluis({"note", "add", open_, "--text", "Eigen geheugensteun",
                  "--working", "--expires", "2026-03-31", "--json"})
            .out);
    ASSERT_EQ(note_.size(), 32u);
    // A confidential-adviser case closed on 2020-05-10: kept through the
    // end of 2022.
    const std::string org = IdFromJson(
        d_.Kluis({"org", "add", "--name", "Basisschool De Linde", "--json"})
            .out);
    ASSERT_EQ(org.size(), 32u);
    case_ = IdFromJson(
        d_.Kluis({"case", "add", "--organisation-id", org, "--reporter-name",
                  "Ilse Vermeulen", "--opened-date", "2020-02-01",
                  "--closed-date", "2020-05-10", "--json"})
            .out);
    ASSERT_EQ(case_.size(), 32u);
  }
  std::string Client(const std::string& name) {
    std::string id =
        IdFromJson(d_.Kluis({"client", "add", "--name", name, "--json"}).out);
    EXPECT_EQ(id.size(), 32u);
    return id;
  }
  void Agreement(const std::string& dossier, std::vector<std::string> more) {
    std::vector<std::string> args = {"agreement", "add", dossier, "--question",
                                     "Loopbaanvraag"};
    args.insert(args.end(), more.begin(), more.end());
    ProcessResult r = d_.Kluis(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RetentionReportResponse Report(const std::string& as_of) {
    ProcessResult r =
        d_.Kluis({"retention", "report", "--as-of", as_of, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    RetentionReportResponse out;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &out).ok())
        << r.out;
    return out;
  }
  // The item of `dossier` (and record) in `items`, or nullptr.
  static const RetentionItem* Find(
      const google::protobuf::RepeatedPtrField<RetentionItem>& items,
      const std::string& dossier, const std::string& record = "") {
    for (const RetentionItem& i : items) {
      if (i.dossier_id() == dossier && i.record_id() == record) return &i;
    }
    return nullptr;
  }

  DaemonHarness d_;
  std::string ended_, own_, open_, note_, case_;
};

TEST_F(RetentionTest, EachRuleFallsDueOnExactlyItsDay) {
  RetentionReportResponse r = Report("2026-06-29");
  EXPECT_EQ(r.as_of(), "2026-06-29");
  const RetentionItem* ended = Find(r.next_30(), ended_);
  ASSERT_NE(ended, nullptr);
  EXPECT_EQ(ended->due_date(), "2026-06-30");
  EXPECT_EQ(ended->days_left(), 1u);
  EXPECT_EQ(ended->reference_date(), "2019-06-30");
  EXPECT_EQ(ended->kind(), kluis::v1::RETENTION_ITEM_KIND_COACHING_DOSSIER);
  EXPECT_TRUE(absl::StrContains(ended->legal_basis(), "ZKM"));
  EXPECT_EQ(Find(r.due(), ended_), nullptr);
  r = Report("2026-06-30");
  ASSERT_NE(Find(r.due(), ended_), nullptr);

  // The client's own term: due on 2021-03-31, not 2025-03-31.
  r = Report("2021-03-30");
  ASSERT_NE(Find(r.next_30(), own_), nullptr);
  r = Report("2021-03-31");
  const RetentionItem* own = Find(r.due(), own_);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->rule(), "3 years after the trajectory ended");
  EXPECT_TRUE(absl::StrContains(own->legal_basis(), "client's own term"));

  // The case: due on the first day after 2022.
  r = Report("2022-12-31");
  ASSERT_NE(Find(r.next_30(), case_), nullptr);
  EXPECT_EQ(Find(r.due(), case_), nullptr);
  r = Report("2023-01-01");
  ASSERT_NE(Find(r.due(), case_), nullptr);
  EXPECT_EQ(Find(r.due(), case_)->kind(),
            kluis::v1::RETENTION_ITEM_KIND_CASE_DOSSIER);

  // The working note: the day after it expires; the open dossier never.
  r = Report("2026-03-31");
  EXPECT_EQ(Find(r.due(), open_, note_), nullptr);
  ASSERT_NE(Find(r.next_30(), open_, note_), nullptr);
  r = Report("2026-04-01");
  ASSERT_NE(Find(r.due(), open_, note_), nullptr);
  r = Report("2099-01-01");
  EXPECT_EQ(Find(r.due(), open_), nullptr);

  // The client objects to retention: due when the trajectory ended, or on
  // the day of the objection when that came later. Both fields or none.
  const std::string objector = Client("Ruud Hofstede");
  ProcessResult half =
      d_.Kluis({"agreement", "add", objector, "--question", "Tweede traject",
                "--start-date", "2019-07-01", "--end-date", "2019-09-30",
                "--retention-objection-date", "2025-02-10"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(half.err,
                                "agreement.retention_objection_reason: an "
                                "objection to retention needs both"))
      << half.err;
  Agreement(objector, {"--start-date", "2019-07-01", "--end-date", "2019-09-30",
                       "--retention-objection-date", "2025-02-10",
                       "--retention-objection-reason",
                       "Cliënt maakt bezwaar tegen bewaren"});
  r = Report("2025-02-09");
  ASSERT_NE(Find(r.next_30(), objector), nullptr);
  EXPECT_EQ(Find(r.next_30(), objector)->due_date(), "2025-02-10");
  r = Report("2025-02-10");
  ASSERT_NE(Find(r.due(), objector), nullptr);
  EXPECT_TRUE(
      absl::StrContains(Find(r.due(), objector)->legal_basis(), "objection"));

  // An e-mail: kept until answered, due the day after.
  const std::string mail =
      IdFromJson(d_.Kluis({"mail", "add", ended_, "--date", "2026-05-01",
                           "--direction", "incoming", "--subject",
                           "Vraag over "
                           "factuur",
                           "--answered-date", "2026-05-04", "--json"})
                     .out);
  ASSERT_EQ(mail.size(), 32u);
  r = Report("2026-05-04");
  ASSERT_NE(Find(r.next_30(), ended_, mail), nullptr);
  r = Report("2026-05-05");
  const RetentionItem* answered = Find(r.due(), ended_, mail);
  ASSERT_NE(answered, nullptr);
  EXPECT_EQ(answered->kind(), kluis::v1::RETENTION_ITEM_KIND_CORRESPONDENCE);

  // 31–90 days ahead.
  r = Report("2026-04-30");
  const RetentionItem* later = Find(r.next_90(), ended_);
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->days_left(), 61u);
}

TEST_F(RetentionTest, TheReportNamesNoOneAndStatusCountsWhatIsDue) {
  ProcessResult text =
      d_.Kluis({"retention", "report", "--as-of", "2026-07-01"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(absl::StrContains(text.out, "due now: 4")) << text.out;
  EXPECT_TRUE(absl::StrContains(text.out, ended_.substr(0, 8)));
  for (const char* name : {"Veenstra", "Kuipers", "Bosman", "Vermeulen",
                           "Linde", "geheugensteun"}) {
    EXPECT_FALSE(absl::StrContains(text.out, name)) << name;
  }
  // Today (2026-12-02 or later): the ended trajectory, the own term, the
  // case and the working note are all past their term.
  ProcessResult status = d_.Kluis({"status"});
  EXPECT_TRUE(absl::StrContains(status.out,
                                "4 dossier(s) or record(s) past their "
                                "retention term"))
      << status.out;
  ProcessResult bad =
      d_.Kluis({"retention", "report", "--as-of", "1 juli 2026"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad.err, "as-of: not a date")) << bad.err;
  ASSERT_EQ(d_.Kluis({"lock"}).exit_code, 0);
  EXPECT_EQ(d_.Kluis({"retention", "report"}).exit_code, 3);
}

// Days from today (as the daemon, in local time), as YYYY-MM-DD.
std::string DaysFromToday(int days) {
  return absl::FormatCivilTime(
      absl::ToCivilDay(absl::Now(), absl::LocalTimeZone()) + days);
}

TEST_F(RetentionTest, RequestsOfDataSubjectsHaveTheirMonthAndStatusWarns) {
  // Received 25 days ago: the month ends within a week.
  const std::string received = DaysFromToday(-25);
  const std::string access =
      IdFromJson(d_.Kluis({"request", "add", "--type", "access", "--dossier-id",
                           ended_, "--received-date", received, "--json"})
                     .out);
  ASSERT_EQ(access.size(), 32u);
  ProcessResult shown = d_.Kluis({"request", "show", access, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  kluis::v1::Record rec;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(shown.out, &rec).ok());
  const absl::CivilDay got =
      absl::ToCivilDay(absl::Now(), absl::LocalTimeZone()) - 25;
  absl::CivilDay deadline;
  ASSERT_TRUE(
      absl::ParseCivilTime(rec.subject_request().deadline(), &deadline));
  EXPECT_EQ(absl::CivilMonth(deadline), absl::CivilMonth(got) + 1);
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"status"}).out,
                                "1 request(s) of data subjects due within 7 "
                                "days"));
  // Received more than a month ago and not answered: past its deadline.
  const std::string erasure =
      IdFromJson(d_.Kluis({"request", "add", "--type", "erasure",
                           "--received-date", DaysFromToday(-70), "--json"})
                     .out);
  ASSERT_EQ(erasure.size(), 32u);
  EXPECT_TRUE(absl::StrContains(d_.Kluis({"status"}).out,
                                "1 request(s) of data subjects PAST THEIR "
                                "DEADLINE"));
  // An extension told after the first month is too late, and needs a
  // reason; told in time it gives two more months.
  ProcessResult late =
      d_.Kluis({"request", "update", erasure, "--extended-date",
                DaysFromToday(-1), "--extension-reason", "Veel gegevens"});
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(late.err,
                                "subject_request.extended_date: must fall "
                                "within the first month"))
      << late.err;
  ProcessResult no_reason = d_.Kluis(
      {"request", "update", access, "--extended-date", DaysFromToday(-20)});
  EXPECT_EQ(no_reason.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(no_reason.err,
                                "subject_request.extension_reason: is "
                                "required"))
      << no_reason.err;
  ASSERT_EQ(d_.Kluis({"request", "update", access, "--extended-date",
                      DaysFromToday(-20), "--extension-reason",
                      "Twee dossiers samen te stellen"})
                .exit_code,
            0);
  ASSERT_EQ(d_.Kluis({"request", "update", erasure, "--completed-date",
                      DaysFromToday(0)})
                .exit_code,
            0);
  ProcessResult calm = d_.Kluis({"status"});
  EXPECT_FALSE(absl::StrContains(calm.out, "request(s)")) << calm.out;
}

}  // namespace
}  // namespace kluis::testing
