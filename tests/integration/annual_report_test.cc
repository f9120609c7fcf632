// kluis annual-report through the real daemon and CLI, from a fixture
// year of an invented school: exact counts, small cells suppressed (and
// one more where the total would give one away), the trend, the adviser's
// own advice, and not one name or identifying string of a case anywhere
// in any format.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/core/outsider_text.h"
#include "tests/integration/daemon_harness.h"
#include "tests/support/test_support.h"

namespace kluis::testing {
namespace {

struct FixtureCase {
  const char* reporter;
  const char* phone;
  const char* category;  // "" for none
  const char* relation;
  const char* opened;
  std::vector<const char*> contacts;  // dates
};

class AnnualReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(d_.Start());
    d_.Init();
    org_ = Ok(
        {"org", "add", "--name", "Basisschool De Linde", "--type", "school"});
    other_ = Ok({"org", "add", "--name", "Kinderopvang Het Anker"});
    const std::vector<FixtureCase> cases = {
        {"Femke Hoogland",
         "0612345601",
         "bullying",
         "pupil-staff",
         "2025-02-03",
         {"2025-02-03", "2025-02-10", "2025-03-01", "2026-01-10"}},
        {"Ruben Achterberg",
         "0612345602",
         "bullying",
         "pupil-staff",
         "2025-04-14",
         {"2025-04-14", "2025-05-02"}},
        {"Ilse Vermeulen",
         "0612345603",
         "bullying",
         "pupil-staff",
         "2025-06-20",
         {"2025-06-20"}},
        {"Gerrit Zwanenburg",
         "0612345604",
         "intimidation",
         "parent-staff",
         "2025-09-09",
         {"2025-09-09"}},
        {"Yara Lindeboom", "0612345605", "", "parent-staff", "2025-11-30", {}},
        {"Otto Brinkman",
         "0612345606",
         "bullying",
         "pupil-pupil",
         "2024-03-03",
         {"2024-03-03", "2024-03-04"}},
        {"Mila Steenbergen", "0612345607", "other", "other", "2024-10-10", {}},
    };
    for (const FixtureCase& c : cases) {
      std::vector<std::string> args = {
          "case",
          "add",
          "--organisation-id",
          org_,
          "--reporter-name",
          c.reporter,
          "--reporter-phone",
          c.phone,
          "--reporter-role",
          "ouder van leerling groep 6",
          "--accused",
          "role=leerkracht groep 6,name=Meester Pieterse",
          "--child",
          "name=Jesse Hoogland,age=10,group=6",
          "--relation",
          c.relation,
          "--opened-date",
          c.opened,
          "--outcome",
          "Doorverwezen naar de klachtencommissie"};
      if (*c.category != '\0') {
        args.insert(args.end(), {"--category", c.category});
      }
      const std::string id = Ok(args);
      for (const char* date : c.contacts) {
        Ok({"contact", "add", id, "--date", date, "--summary",
            "Telefoongesprek over Jesse en Meester Pieterse"});
      }
    }
    // Another organisation's case counts for that one only.
    Ok({"case", "add", "--organisation-id", other_, "--reporter-name",
        "Sem Noorlander", "--category", "bullying", "--relation", "pupil-staff",
        "--opened-date", "2025-05-05"});
    Ok({"hours", "add", "--organisation-id", org_, "--date", "2025-02-03",
        "--minutes", "120", "--activity", "consultation"});
    Ok({"hours", "add", "--organisation-id", org_, "--date", "2025-10-01",
        "--minutes", "60", "--activity", "prevention"});
    Ok({"hours", "add", "--organisation-id", org_, "--date", "2024-03-03",
        "--minutes", "30", "--activity", "consultation"});
    Ok({"hours", "add", "--organisation-id", other_, "--date", "2025-05-05",
        "--minutes", "500", "--activity", "consultation"});
    Ok({"advice", "add", "--organisation-id", org_, "--year", "2025", "--text",
        "Herhaal het pestprotocol in de bovenbouw."});
  }

  std::string Ok(const std::vector<std::string>& args) {
    ProcessResult r = d_.Kluis(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    return Trim(r.out);
  }

  DaemonHarness d_;
  std::string org_, other_;
};

TEST_F(AnnualReportTest, ExactCountsWithSmallCellsSuppressed) {
  const std::string md =
      Ok({"annual-report", "--lang", "en", "--org", org_, "--year", "2025"});
  EXPECT_TRUE(absl::StrContains(md, "Basisschool De Linde")) << md;
  EXPECT_TRUE(absl::StrContains(md, "| New cases (reports) | 5 |")) << md;
  EXPECT_TRUE(absl::StrContains(md, "| Contacts | 7 |"));
  EXPECT_TRUE(absl::StrContains(md, "| bullying | 3 |"));
  EXPECT_TRUE(absl::StrContains(md, "| intimidation | fewer than 3 |"));
  EXPECT_TRUE(absl::StrContains(md, "| not stated | fewer than 3 |"));
  // 3 + 2 = 5 shown: the 2 alone would follow from the total.
  EXPECT_TRUE(absl::StrContains(md,
                                "| parent and staff member | fewer than "
                                "3 |"));
  EXPECT_TRUE(absl::StrContains(md, "| pupil and staff member | suppressed |"));
  EXPECT_TRUE(absl::StrContains(md, "| consultations | 2.0 |"));
  EXPECT_TRUE(absl::StrContains(md, "| total | 3.0 |"));
  EXPECT_TRUE(absl::StrContains(md,
                                "| 2024 | fewer than 3 | fewer than 3 | "
                                "0.5 |"));
  EXPECT_TRUE(absl::StrContains(md, "| 2025 | 5 | 7 | 3.0 |"));
  EXPECT_TRUE(absl::StrContains(md,
                                "some counts in this report are "
                                "suppressed"));
  EXPECT_TRUE(absl::StrContains(md, "Herhaal het pestprotocol"));

  // The practice may set its own threshold.
  Ok({"profile", "set", "--controller-name", "Praktijk Vertrouwd",
      "--report-min-count", "2"});
  const std::string two =
      Ok({"annual-report", "--lang", "en", "--org", org_, "--year", "2025"});
  EXPECT_TRUE(absl::StrContains(two, "| parent and staff member | 2 |"));
  EXPECT_TRUE(absl::StrContains(two, "| pupil and staff member | 3 |"));
  EXPECT_TRUE(absl::StrContains(two, "| intimidation | fewer than 2 |"));
}

TEST_F(AnnualReportTest, NoNameOrIdentifyingStringInAnyFormat) {
  const std::vector<std::string> secrets = {"Femke",
                                            "Hoogland",
                                            "Ruben",
                                            "Achterberg",
                                            "Ilse",
                                            "Vermeulen",
                                            "Gerrit",
                                            "Zwanenburg",
                                            "Yara",
                                            "Lindeboom",
                                            "Otto",
                                            "Brinkman",
                                            "Mila",
                                            "Steenbergen",
                                            "Jesse",
                                            "Pieterse",
                                            "0612345601",
                                            "groep 6",
                                            "leerkracht",
                                            "klachtencommissie",
                                            "Telefoongesprek",
                                            "Sem Noorlander",
                                            "Het Anker",
                                            "2025-",
                                            "2024-"};
  for (const char* format : {"md", "html", "json"}) {
    const std::string text = Ok({"annual-report", "--lang", "en", "--org", org_,
                                 "--year", "2025", "--format", format});
    ASSERT_FALSE(text.empty());
    for (const std::string& s : secrets) {
      EXPECT_FALSE(absl::StrContains(text, s)) << format << ": " << s;
    }
  }
  // The PDF says the same (pdftotext reads its text layer).
  const std::string pdf = d_.dir().File("jaarverslag.pdf");
  Ok({"annual-report", "--lang", "en", "--org", org_, "--year", "2025",
      "--format", "pdf", "--out", pdf});
  ProcessResult text = RunCommand({"pdftotext", "-layout", pdf, "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(absl::StrContains(text.out, "fewer than 3")) << text.out;
  EXPECT_TRUE(absl::StrContains(text.out, "Basisschool De Linde"));
  for (const std::string& s : secrets) {
    EXPECT_FALSE(absl::StrContains(text.out, s)) << "pdf: " << s;
  }

  // Advice that names someone of a case is refused, naming no one.
  Ok({"advice", "add", "--organisation-id", org_, "--year", "2025", "--text",
      "Spreek met meester Pieterse over de aanpak."});
  ProcessResult refused = d_.Kluis(
      {"annual-report", "--lang", "en", "--org", org_, "--year", "2025"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(refused.err,
                                "annual_advice.text: names a "
                                "person"))
      << refused.err;
  EXPECT_FALSE(absl::StrContains(refused.err, "Pieterse"));
  EXPECT_EQ(refused.out, "");

  ProcessResult future = d_.Kluis(
      {"annual-report", "--lang", "en", "--org", org_, "--year", "2999"});
  EXPECT_EQ(future.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(future.err, "year: must be a year"));
}

TEST_F(AnnualReportTest, InDutchForTheSchoolAndByDefaultOnADutchDesktop) {
  const std::string md =
      Ok({"annual-report", "--lang", "nl", "--org", org_, "--year", "2025"});
  for (const char* dutch :
       {"# Jaarverslag 2025 van de externe vertrouwenspersoon: Basisschool De "
        "Linde",
        "| Nieuwe zaken (meldingen) | 5 |", "| Contacten | 7 |",
        "| niet opgegeven | minder dan 3 |",
        "| ouder en medewerker | minder dan 3 |",
        "| leerling en medewerker | weggelaten |", "| gesprekken | 2,0 |",
        "| totaal | 3,0 |", "| 2024 | minder dan 3 | minder dan 3 | 0,5 |",
        "Herhaal het pestprotocol"}) {
    EXPECT_TRUE(absl::StrContains(md, dutch)) << dutch << "\n" << md;
  }
  EXPECT_EQ(MachineTokenIn(md), "") << md;
  EXPECT_FALSE(absl::StrContains(md, "Annual report"));

  // No --lang: the language of the user's environment.
  ProcessResult env = RunCommand(
      {"env", "-u", "LANGUAGE", "-u", "LC_ALL", "-u", "LC_MESSAGES",
       "LANG=nl_NL.UTF-8", KluisBinary(), "--socket", d_.socket(),
       "annual-report", "--org", org_, "--year", "2025", "--format", "html"});
  ASSERT_EQ(env.exit_code, 0) << env.err;
  EXPECT_TRUE(absl::StrContains(env.out, "<html lang=\"nl\">")) << env.out;
  EXPECT_TRUE(absl::StrContains(env.out, "Jaarverslag 2025"));
  ProcessResult c =
      RunCommand({"env", "-u", "LANGUAGE", "-u", "LC_ALL", "-u", "LC_MESSAGES",
                  "LANG=C.UTF-8", KluisBinary(), "--socket", d_.socket(),
                  "annual-report", "--org", org_, "--year", "2025"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_TRUE(absl::StrContains(c.out, "Annual report 2025")) << c.out;

  ProcessResult bad = d_.Kluis(
      {"annual-report", "--lang", "fr", "--org", org_, "--year", "2025"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_EQ(bad.out, "");
}

}  // namespace
}  // namespace kluis::testing
