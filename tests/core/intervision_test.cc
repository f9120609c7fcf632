// Scrub and the intervision summary as pure functions: whole words only,
// longest first, and the patterns for e-mail, IBAN, dates, postcodes,
// numbers and years.
#include "daemon/core/intervision.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/core/outsider_text.h"

namespace kluis::core {
namespace {

const i18n::Translator en = i18n::Translator::English();

TEST(ScrubTest, ReplacesKnownStringsAsWholeWordsLongestFirst) {
  const std::map<std::string, std::string> known = {
      {"Ella", "[child]"}, {"Ella de Boer", "[client]"}, {"Boer", "[client]"}};
  EXPECT_EQ(Scrub("Ella de Boer belde; ella kwam, Ellen niet.", known, en),
            "[client] belde; [child] kwam, Ellen niet.");
  EXPECT_EQ(Scrub("De boerderij van Boer.", known, en),
            "De boerderij van [client].");
}

TEST(ScrubTest, ReplacesPatternsItFinds) {
  const std::map<std::string, std::string> none;
  EXPECT_EQ(Scrub("mail a.b@example.org of bel +31 6 1234 5678", none, en),
            "mail [e-mail] of bel [number]");
  EXPECT_EQ(
      Scrub("IBAN NL91 ABNA 0417 1643 00 en NL91ABNA0417164300", none, en),
      "IBAN [iban] en [iban]");
  EXPECT_EQ(Scrub("op 2024-05-01, 1-5-2024 en 12 maart", none, en),
            "op [date], [date] en [date]");
  EXPECT_EQ(Scrub("in 3511 AB sinds 2019; 3 kinderen van 9", none, en),
            "in [postcode] sinds [year]; 3 kinderen van 9");
}

TEST(IntervisionSummaryTest, LeavesOutWhatIsSensitiveAndCountsIt) {
  kluis::v1::Record head;
  head.mutable_client()->set_name("Ella de Boer");
  head.mutable_client()->set_birth_date("2010-06-01");
  std::vector<kluis::v1::Record> records(3);
  records[0].mutable_health()->set_relevance("Astma");
  records[1].mutable_note()->set_text("Ella is moe");
  records[2].mutable_note()->set_text("eigen notitie");
  records[2].mutable_note()->set_working(true);
  const std::string md =
      IntervisionSummary(head, records, {}, "2026-11-23", en);
  EXPECT_TRUE(absl::StrContains(md, "a minor of 12–17")) << md;
  EXPECT_TRUE(absl::StrContains(md, "[client] is moe")) << md;
  EXPECT_FALSE(absl::StrContains(md, "Astma")) << md;
  EXPECT_FALSE(absl::StrContains(md, "eigen notitie")) << md;
  EXPECT_TRUE(
      absl::StrContains(md, "health information (special category): 1"));
  EXPECT_TRUE(absl::StrContains(md, "working notes"));
}

TEST(IntervisionSummaryTest, InDutchWithDutchPlaceholders) {
  kluis::v1::Record head;
  kluis::v1::AdviserCase* k = head.mutable_adviser_case();
  k->set_organisation_id("6044b72a6044b72a6044b72a6044b72a");
  k->mutable_reporter()->set_name("Sanne de Vries");
  k->mutable_reporter()->set_role("moeder van een leerling");
  k->set_relation(kluis::v1::CASE_RELATION_PARENT_STAFF);
  k->set_opened_date("2026-01-10");
  k->add_children()->set_age(9);
  std::vector<kluis::v1::Record> records(2);
  records[0].mutable_contact_moment()->set_summary(
      "Sanne belde op 12 mei over Basisschool De Regenboog.");
  records[1].mutable_invoice()->set_amount_cents(45000);
  const std::string md = IntervisionSummary(
      head, records,
      {{"6044b72a6044b72a6044b72a6044b72a", "Basisschool De Regenboog"}},
      "2026-05-20", i18n::Translator::Dutch());
  for (const char* dutch :
       {"# Samenvatting voor intervisie (geanonimiseerd)",
        "## Vertrouwenspersoonzaak", "- relatie: ouder en medewerker",
        "- gemeld door: moeder van een leerling",
        "- een kind van basisschoolleeftijd",
        "- duur: ongeveer 4 maanden tot nu toe",
        "[melder] belde op [datum] over [organisatie].", "- facturen: 1"}) {
    EXPECT_TRUE(absl::StrContains(md, dutch)) << dutch << "\n" << md;
  }
  EXPECT_EQ(testing::MachineTokenIn(md), "") << md;
}

}  // namespace
}  // namespace kluis::core
