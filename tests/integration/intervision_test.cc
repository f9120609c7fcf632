// The intervision export through the real daemon and CLI: a coaching
// dossier and an adviser case full of names, contact data, numbers, dates
// and organisations come out with none of them, health information left
// out, and the export journalled.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

class IntervisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
  }
  std::string Id(std::vector<std::string> args) {
    args.push_back("--json");
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string id = IdFromJson(r.out);
    EXPECT_EQ(id.size(), 32u) << r.out;
    return id;
  }
  void ExpectNone(const std::string& text,
                  const std::vector<std::string>& forbidden) {
    for (const std::string& f : forbidden) {
      EXPECT_FALSE(absl::StrContains(text, f)) << f << " in:\n" << text;
    }
  }
  DaemonHarness d_;
};

TEST_F(IntervisionTest, ACoachingDossierLosesEveryNameNumberAndDate) {
  const std::string org = Id({"org", "add", "--name", "Acme Logistiek BV"});
  const std::string d =
      Id({"client", "add", "--name", "Marieke van Dongen", "--birth-date",
          "1984-03-12", "--address", "Kerkstraat 12", "--postcode", "3511 AB",
          "--city", "Amersfoort", "--email", "marieke@example.org", "--phone",
          "06-12345678", "--iban", "NL91ABNA0417164300"});
  Id({"commission", "add", d, "--organisation-id", org, "--commissioner",
      "Pieter Hendriks", "--contact-person", "Karin Smit", "--reference",
      "PO-77120"});
  Id({"agreement", "add", d, "--question",
      "Marieke wil met Pieter Hendriks praten over haar werk bij Acme "
      "Logistiek BV",
      "--background",
      "Sinds 12 maart 2021 thuis; bel 0612345678 of mail "
      "marieke@example.org",
      "--start-date", "2024-01-08", "--end-date", "2024-07-08"});
  Id({"report", "add", d, "--date", "2024-05-01", "--text",
      "Marieke vertelde over de ruzie met Karin op 2024-05-01 in Amersfoort; "
      "rekening NL91 ABNA 0417 1643 00."});
  Id({"health", "add", d, "--current-treatment", "Psycholoog, wekelijks",
      "--relevance", "Overspannen"});
  Id({"note", "add", d, "--working", "--text", "Eigen geheugensteun Dongen"});
  Id({"invoice", "add", d, "--number", "2024-017", "--date", "2024-05-01",
      "--amount", "181,50"});
  ProcessResult r = d_.Kluis({"export", "intervision", "--lang", "en", d});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectNone(
      r.out,
      {"Marieke",    "Dongen",      "Kerkstraat",    "3511",     "Amersfoort",
       "marieke@",   "12345678",    "NL91",          "0417",     "Acme",
       "Logistiek",  "Pieter",      "Hendriks",      "Karin",    "Smit",
       "PO-77",      "1984",        "2021",          "2024",     "maart",
       "Psycholoog", "Overspannen", "geheugensteun", "2024-017", "18150"});
  // What is left is worth discussing.
  EXPECT_TRUE(absl::StrContains(r.out, "ruzie")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "[client] wil met [person]")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "an adult of 40–49")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "about 6 months")) << r.out;
  EXPECT_TRUE(
      absl::StrContains(r.out, "health information (special category): 1"))
      << r.out;
  ProcessResult log = d_.Kluis({"audit", "log", "--dossier", d});
  EXPECT_TRUE(absl::StrContains(log.out, "anonymised intervision summary"))
      << log.out;
  // --out writes a new private file and never over one.
  const std::string out = d_.dir().File("intervisie.md");
  ASSERT_EQ(d_.Kluis({"export", "intervision", "--lang", "en", d, "--out", out})
                .exit_code,
            0);
  EXPECT_EQ(ReadFileOrDie(out), r.out);
  EXPECT_NE(d_.Kluis({"export", "intervision", "--lang", "en", d, "--out", out})
                .exit_code,
            0);
}

TEST_F(IntervisionTest, ACaseLosesReporterAccusedChildrenAndSchool) {
  const std::string org = Id({"org", "add", "--name", "Basisschool De Linde"});
  const std::string c = Id(
      {"case",
       "add",
       "--organisation-id",
       org,
       "--reporter-name",
       "Kees Bakker",
       "--reporter-phone",
       "030-7654321",
       "--reporter-role",
       "ouder",
       "--accused",
       "role=leerkracht,name=Mr. Jansen",
       "--child",
       "name=Ella,age=9,group=groep 5b",
       "--category",
       "bullying",
       "--opened-date",
       "2026-01-10",
       "--outcome",
       "Gesprek met Kees en meester Jansen over Ella gevoerd op 20 januari"});
  ProcessResult r = d_.Kluis({"export", "intervision", "--lang", "en", c});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectNone(r.out, {"Kees", "Bakker", "7654321", "Jansen", "Ella", "Linde",
                     "Basisschool", "groep 5b", "20 januari", "2026"});
  EXPECT_TRUE(absl::StrContains(r.out, "a child of primary school age"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "concerns: leerkracht")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "meester [accused]")) << r.out;
  EXPECT_NE(
      d_.Kluis({"export", "intervision", "--lang", "en", std::string(32, 'a')})
          .exit_code,
      0);
}

}  // namespace
}  // namespace kluis::testing
