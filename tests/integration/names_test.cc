// A week of a coach's work through the real kluis CLI, by names, short ids
// and list numbers only: no whole id is ever copied from one command to the
// next. Times are shown in the local zone; --json keeps whole ids and
// RFC 3339.
#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::testing {
namespace {

class NamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
  }

  // kluis with TZ set, as a person in that zone runs it.
  ProcessResult KluisIn(const std::string& tz, std::vector<std::string> args) {
    args.insert(args.begin(),
                {"env", "TZ=" + tz, KluisBinary(), "--socket", d_.socket()});
    return RunCommand(args);
  }

  // Runs a command that must succeed; returns its stdout.
  std::string Ok(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    return r.out;
  }

  static std::vector<std::string> Lines(const std::string& out) {
    return absl::StrSplit(out, '\n', absl::SkipEmpty());
  }

  DaemonHarness d_;
};

bool IsShortId(const std::string& s) {
  return s.size() == 8 &&
         s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Today as the local zone of this process (the CLI's) sees it, day first.
std::string TodayDutch() {
  const time_t now = ::time(nullptr);
  std::tm tm{};
  ::localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%d-%m-%Y", &tm);
  return buf;
}

TEST_F(NamesTest, AWeekOfWorkByNamesShortIdsAndNumbers) {
  // Monday: the school, and two clients whose names look alike.
  const std::string org =
      Trim(Ok({"org", "add", "--name", "Basisschool De Regenboog", "--type",
               "school", "--city", "Amersfoort"}));
  EXPECT_TRUE(IsShortId(org)) << org;
  const std::string sanne = Trim(
      Ok({"client", "add", "--name", "Sanne de Vries", "--city", "Utrecht"}));
  EXPECT_TRUE(IsShortId(sanne)) << sanne;
  Ok({"client", "add", "--name", "Sanne de Vriend", "--city", "Zwolle"});
  ProcessResult both = d_.Kluis({"note", "list", "sanne"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(both.err, "Utrecht")) << both.err;
  EXPECT_TRUE(absl::StrContains(both.err, "Zwolle")) << both.err;

  // The commission names its organisation by name; show gives the name.
  Ok({"commission", "add", "Sanne de Vries", "--organisation-id",
      "de regenboog", "--contact-person", "Bert Kok"});
  Ok({"agreement", "add", "Sanne de Vries", "--question",
      "Rust in het werk vinden", "--start-date", "2026-01-05"});

  // Tuesday: two notes, the second a working note with its expiry.
  Ok({"note", "add", "Sanne de Vries", "--text", "Intake: doelen besproken."});
  Ok({"note", "add", "Sanne de Vries", "--working", "--expires", "2026-12-31",
      "--text", "Eigen geheugensteun."});
  Ok({"health", "add", "Sanne de Vries", "--current-treatment",
      "Gesprekken bij de huisarts"});
  const std::vector<std::string> notes =
      Lines(Ok({"note", "list", "Sanne de Vries"}));
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_TRUE(absl::StartsWith(notes[0], "  1  ")) << notes[0];
  EXPECT_TRUE(absl::StartsWith(notes[1], "  2  ")) << notes[1];
  EXPECT_TRUE(absl::StrContains(notes[0], "Intake"));
  const std::string first_note = notes[0].substr(5, 8);
  EXPECT_TRUE(IsShortId(first_note)) << notes[0];

  // By number and by the start of the id, the same note.
  EXPECT_TRUE(absl::StrContains(Ok({"note", "show", "Sanne de Vries", "2"}),
                                "geheugensteun"));
  EXPECT_TRUE(absl::StrContains(
      Ok({"note", "show", "Sanne de Vries", first_note.substr(0, 5)}),
      "Intake"));
  ProcessResult too_short = d_.Kluis({"note", "show", "Sanne de Vries", "ab"});
  EXPECT_EQ(too_short.exit_code, 2) << too_short.err;
  ProcessResult none = d_.Kluis({"note", "show", "Sanne de Vries", "7"});
  EXPECT_EQ(none.exit_code, 4) << none.err;

  // The dossier: names, not ids; the expiry and the special category.
  const std::string shown = Ok({"client", "show", "Sanne de Vries"});
  EXPECT_TRUE(absl::StrContains(shown, "Basisschool De Regenboog")) << shown;
  EXPECT_TRUE(absl::StrContains(shown, "expires 2026-12-31")) << shown;
  EXPECT_TRUE(absl::StrContains(shown, "special category")) << shown;
  const std::string whole =
      Ok({"org", "add", "--json", "--name", "Stichting Kompas"});
  const size_t id_at = whole.find("\"recordId\": \"");
  ASSERT_NE(id_at, std::string::npos) << whole;
  EXPECT_EQ(whole.find('"', id_at + 13) - (id_at + 13), 32u) << whole;

  // Wednesday: a consent (by number, from its list) and a disclosure on it.
  Ok({"consent", "add", "Sanne de Vries", "--recipient", "Bert Kok",
      "--purpose", "Voortgang met de werkgever bespreken", "--given-date",
      "2026-01-07"});
  Ok({"disclosure", "add", "Sanne de Vries", "--to", "third-party",
      "--recipient", "Bert Kok", "--what", "Voortgangsverslag", "--date",
      "2026-01-08", "--ground", "consent", "--consent-id", "1"});
  EXPECT_EQ(Lines(Ok({"disclosure", "list", "Sanne de Vries"})).size(), 1u);

  // Thursday: the note changes; history by the dossier's and note's names.
  Ok({"note", "update", "Sanne de Vries", "1", "--text",
      "Intake: doelen en afspraken besproken."});
  const std::vector<std::string> versions =
      Lines(Ok({"history", "Sanne de Vries", first_note}));
  ASSERT_EQ(versions.size(), 2u);
  const std::string older = versions[1].substr(0, 8);  // newest first
  EXPECT_TRUE(IsShortId(older)) << versions[1];
  EXPECT_TRUE(absl::StrContains(versions[1], "create"));
  EXPECT_TRUE(absl::StrContains(
      Ok({"show", "Sanne de Vries", first_note, "--at", older.substr(0, 7)}),
      "Intake: doelen besproken."));
  ProcessResult six = d_.Kluis(
      {"show", "Sanne de Vries", first_note, "--at", older.substr(0, 6)});
  EXPECT_EQ(six.exit_code, 2) << six.err;
  // A day: the last version at the end of it, local time.
  EXPECT_TRUE(absl::StrContains(
      Ok({"show", "Sanne de Vries", first_note, "--at", TodayDutch()}),
      "doelen en afspraken"));
  ProcessResult before =
      d_.Kluis({"show", "Sanne de Vries", first_note, "--at", "01-01-2001"});
  EXPECT_EQ(before.exit_code, 4) << before.err;
  ProcessResult no_day =
      d_.Kluis({"show", "Sanne de Vries", first_note, "--at", "30-02-2026"});
  EXPECT_EQ(no_day.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(no_day.err, "does not exist")) << no_day.err;

  // The head record is the dossier itself: DOSSIER DOSSIER is its history.
  ProcessResult head = d_.Kluis({"history", sanne, sanne});
  EXPECT_EQ(head.exit_code, 0) << head.err;
  ASSERT_FALSE(Lines(head.out).empty());
  for (const std::string& line : Lines(head.out)) {
    EXPECT_TRUE(absl::StrContains(line, " client")) << line;
  }
  ProcessResult by_name =
      d_.Kluis({"history", "Sanne de Vries", "Sanne de Vries"});
  EXPECT_EQ(by_name.out, head.out);
  ProcessResult stray = d_.Kluis({"history", "Sanne de Vries", "ffff0000"});
  EXPECT_EQ(stray.exit_code, 4) << stray.out;

  // Friday: the old wording back, by version prefix.
  // In commands for any record, numbers are those of client show: the
  // commission, the agreement, then the intake note is the third.
  Ok({"restore", "Sanne de Vries", "3", older});
  EXPECT_TRUE(absl::StrContains(Ok({"note", "show", "Sanne de Vries", "1"}),
                                "Intake: doelen besproken."));
}

TEST_F(NamesTest, TimesAreLocalAndJsonKeepsRfc3339) {
  Ok({"client", "add", "--name", "Daan Mulder"});
  const std::string json =
      KluisIn("UTC", {"history", "Daan Mulder", "--json"}).out;
  const size_t at = json.find("\"time\": \"");
  ASSERT_NE(at, std::string::npos) << json;
  const std::string rfc3339 =
      json.substr(at + 9, json.find('"', at + 9) - (at + 9));
  EXPECT_TRUE(absl::EndsWith(rfc3339, "Z") || absl::EndsWith(rfc3339, "+00:00"))
      << rfc3339;
  EXPECT_EQ(rfc3339[10], 'T') << rfc3339;
  EXPECT_TRUE(absl::StrContains(json, "\"version\": \""));

  // The same change, seen in UTC and in Kathmandu (UTC+05:45).
  const std::string utc = KluisIn("UTC", {"history", "Daan Mulder"}).out;
  const std::string ktm =
      KluisIn("Asia/Kathmandu", {"history", "Daan Mulder"}).out;
  ASSERT_GE(utc.size(), 26u) << utc;
  const std::string utc_time = utc.substr(10, 16);  // "YYYY-MM-DD HH:MM"
  EXPECT_EQ(utc_time, rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5));
  const std::string ktm_time = ktm.substr(10, 16);
  EXPECT_NE(ktm_time, utc_time);
  const int utc_min = std::stoi(utc_time.substr(11, 2)) * 60 +
                      std::stoi(utc_time.substr(14, 2));
  const int ktm_min = std::stoi(ktm_time.substr(11, 2)) * 60 +
                      std::stoi(ktm_time.substr(14, 2));
  EXPECT_EQ((ktm_min - utc_min + 24 * 60) % (24 * 60), 5 * 60 + 45);
}

TEST_F(NamesTest, OrganisationColumnsAndProfileDefaults) {
  Ok({"org", "add", "--name", "Basisschool De Regenboog", "--city",
      "Amersfoort"});
  Ok({"org", "add", "--name", "Stichting Kompas", "--contact-person",
      "Bert Kok", "--city", "Zwolle"});
  const std::vector<std::string> rows = Lines(Ok({"org", "list"}));
  ASSERT_EQ(rows.size(), 3u);  // a header and two organisations
  const size_t contact = rows[0].find("contact person");
  const size_t city = rows[0].find("city");
  ASSERT_NE(contact, std::string::npos);
  EXPECT_EQ(rows[1].substr(contact, 2), "- ") << rows[1];
  EXPECT_EQ(rows[1].substr(city), "Amersfoort") << rows[1];
  EXPECT_EQ(rows[2].substr(contact, 8), "Bert Kok") << rows[2];
  EXPECT_EQ(rows[2].substr(city), "Zwolle") << rows[2];

  // A case names its school by number in that list; show gives the name.
  Ok({"case", "add", "--organisation-id", "2", "--reporter-name", "Mila Jansen",
      "--opened-date", "2026-02-02"});
  const std::string shown = Ok({"case", "show", "Mila Jansen"});
  EXPECT_TRUE(
      absl::StrContains(shown, "organisation:          Stichting Kompas"))
      << shown;

  Ok({"profile", "set", "--controller-name", "Praktijk Kompas",
      "--case-retention-years", "3"});
  const std::string text = Ok({"profile", "show"});
  EXPECT_TRUE(absl::StrContains(text, "7 (default)")) << text;
  EXPECT_TRUE(absl::StrContains(text, "bullying")) << text;
  EXPECT_TRUE(absl::StrContains(text, "case retention years:  3\n")) << text;
  const std::string json = Ok({"profile", "show", "--json"});
  EXPECT_TRUE(absl::StrContains(json, "\"coachingRetentionYears\": 7")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"caseRetentionYears\": 3")) << json;
}

}  // namespace
}  // namespace kluis::testing
