// kluis agenda archive through the real daemon and CLI, on a fixture
// iCalendar export: each appointment of the month lands in the dossier it
// concerns (or the practice archive), the deletion list is exact, and a
// second run files nothing twice.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

constexpr char kFixture[] = KLUIS_FIXTURES_DIR "/agenda-2026-11.ics";

std::vector<std::string> DeleteList(const std::string& out) {
  std::vector<std::string> uids;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    const size_t at = line.find("(UID ");
    if (at == absl::string_view::npos) continue;
    uids.emplace_back(line.substr(at + 5, line.size() - at - 6));
  }
  return uids;
}

TEST(AgendaArchiveTest, FilesTheMonthAndListsExactlyWhatToDelete) {
  DaemonHarness d;
  ASSERT_TRUE(d.Start());
  d.Init();
  const std::string noor =
      IdFromJson(d.Kluis({"client", "add", "--name", "Noor Dekker", "--email",
                          "noor.dekker@example.nl", "--json"})
                     .out);
  const std::string thijs = IdFromJson(
      d.Kluis({"client", "add", "--name", "Thijs Brouwer", "--json"}).out);
  ASSERT_EQ(noor.size(), 32u);
  ASSERT_EQ(thijs.size(), 32u);

  ProcessResult dry = d.Kluis({"agenda", "archive", "--ics", kFixture,
                               "--month", "2026-11", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(absl::StrContains(
      dry.out, "would file 2026-11-03 09:00  " + noor.substr(0, 8)));
  EXPECT_EQ(Trim(d.Kluis({"agenda", "list"}).out), "");

  ProcessResult run =
      d.Kluis({"agenda", "archive", "--ics", kFixture, "--month", "2026-11"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out,
                                "filed 2026-11-03 09:00  " + noor.substr(0, 8)))
      << run.out;
  EXPECT_TRUE(absl::StrContains(
      run.out, "filed 2026-11-05 14:00  " + thijs.substr(0, 8)));
  EXPECT_TRUE(absl::StrContains(
      run.out, "filed 2026-11-12 16:00  in the practice archive"));
  // Two clients named: it belongs to neither alone.
  EXPECT_TRUE(absl::StrContains(
      run.out, "filed 2026-11-18 11:00  in the practice archive"));
  EXPECT_TRUE(absl::StrContains(run.out, "skipped: event 5: a recurring"));
  EXPECT_TRUE(absl::StrContains(run.out, "skipped: event 6: all-day"));
  EXPECT_FALSE(absl::StrContains(run.out, "2026-12-01"));
  const std::vector<std::string> expected = {
      "kluis-fixture-a1@agenda.example", "kluis-fixture-a2@agenda.example",
      "kluis-fixture-a3@agenda.example", "kluis-fixture-a4@agenda.example"};
  EXPECT_EQ(DeleteList(run.out), expected);

  const std::string noor_appts =
      d.Kluis({"appointment", "list", noor, "--json"}).out;
  EXPECT_TRUE(absl::StrContains(noor_appts, "\"date\": \"2026-11-03\""));
  EXPECT_TRUE(absl::StrContains(noor_appts, "\"durationMinutes\": 60"));
  EXPECT_TRUE(absl::StrContains(noor_appts, "\"place\": \"Praktijkruimte\""));
  const std::string thijs_appts =
      d.Kluis({"appointment", "list", thijs, "--json"}).out;
  EXPECT_TRUE(absl::StrContains(thijs_appts, "\"durationMinutes\": 45"));
  EXPECT_TRUE(absl::StrContains(thijs_appts, "Intake Thijs Brouwer"));
  const std::string practice = d.Kluis({"agenda", "list", "--json"}).out;
  EXPECT_TRUE(absl::StrContains(practice, "Overleg boekhouder"));
  EXPECT_TRUE(absl::StrContains(practice, "kluis-fixture-a4@agenda.example"));

  // Nothing in plaintext at rest: the titles are in no object of the repo.
  ProcessResult grep = Git(d.repo(), {"grep", "-c", "boekhouder", "main"});
  EXPECT_NE(grep.exit_code, 0);

  // Again: nothing new, the same list to delete; also for the event that
  // went to the practice archive and now names a client.
  ASSERT_EQ(d.Kluis({"client", "add", "--name", "Boekhouder"}).exit_code, 0);
  const std::string head = Trim(Git(d.repo(), {"rev-parse", "main"}).out);
  ProcessResult again =
      d.Kluis({"agenda", "archive", "--ics", kFixture, "--month", "2026-11"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(absl::StrContains(again.out, "filed "));
  EXPECT_EQ(DeleteList(again.out), expected);
  EXPECT_EQ(Trim(Git(d.repo(), {"rev-parse", "main"}).out), head);

  ProcessResult month =
      d.Kluis({"agenda", "archive", "--ics", kFixture, "--month", "november"});
  EXPECT_EQ(month.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(month.err, "month: must be YYYY-MM"));
  const std::string junk = d.dir().File("junk.ics");
  WriteFileOrDie(junk, "Noor Dekker 06-12345678\n");
  ProcessResult bad =
      d.Kluis({"agenda", "archive", "--ics", junk, "--month", "2026-11"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(bad.err, "ics: not an iCalendar file"));
  EXPECT_FALSE(absl::StrContains(bad.err, "Noor"));
}

}  // namespace
}  // namespace kluis::testing
