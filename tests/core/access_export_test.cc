// The access package's documents as pure functions: the art. 15 words and
// index.html in Dutch (the default) and English, with labels, names and
// euros where the records hold enum values, ids and cents.
#include "daemon/core/access_export.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "tests/core/outsider_text.h"

namespace kluis::core {
namespace {

constexpr char kSchool[] = "3f1c9a0be2d44c6f8a7b5e1d2c3b4a59";
constexpr char kConsent[] = "9b8a7c6d5e4f30211f2e3d4c5b6a7980";

kluis::v1::RetentionItem Retention() {
  kluis::v1::RetentionItem i;
  i.set_kind(kluis::v1::RETENTION_ITEM_KIND_COACHING_DOSSIER);
  i.set_due_date("2033-05-12");
  i.set_rule("7 years after the trajectory ended");
  return i;
}

kluis::v1::AccessExport Package(const i18n::Translator& t) {
  kluis::v1::Record head;
  head.set_id("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  head.mutable_client()->set_name("Sanne de Vries");
  head.mutable_client()->set_birth_date("1988-05-12");
  std::vector<kluis::v1::Record> records(4);
  records[0].set_id("11111111111111111111111111111111");
  kluis::v1::Invoice* inv = records[0].mutable_invoice();
  inv->set_number("2026-014");
  inv->set_date("2026-05-12");
  inv->set_amount_cents(45000);
  inv->set_organisation_id(kSchool);
  records[1].set_id("22222222222222222222222222222222");
  kluis::v1::Disclosure* d = records[1].mutable_disclosure();
  d->set_to(kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY);
  d->set_recipient("Bedrijfsarts De Wit");
  d->set_what("Voortgang");
  d->set_date("2026-02-10");
  d->set_ground(kluis::v1::DISCLOSURE_GROUND_CONSENT);
  d->set_consent_id(kConsent);
  records[2].set_id("33333333333333333333333333333333");
  records[2].mutable_commission()->set_organisation_id(kSchool);
  records[3].set_id("44444444444444444444444444444444");
  records[3].mutable_attachment()->set_name("scan.pdf");
  records[3].mutable_attachment()->set_media_type("application/pdf");
  records[3].mutable_attachment()->set_sha256(std::string(64, 'a'));
  const std::map<std::string, std::string> orgs = {
      {kSchool, "Basisschool De Regenboog"}};
  kluis::v1::PracticeProfile profile;
  profile.set_controller_name("Praktijk Kompas");
  kluis::v1::AccessExport e;
  e.set_dossier_id("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  e.set_exported_date("2026-05-12");
  *e.add_records() = head;
  for (const kluis::v1::Record& r : records) *e.add_records() = r;
  *e.mutable_information() =
      AccessInformationFor(head, records, &profile, {Retention()}, orgs, t);
  e.set_withheld_working_notes(2);
  return e;
}

std::string Html(const i18n::Translator& t) {
  return AccessHtml(Package(t), {{kSchool, "Basisschool De Regenboog"}}, t);
}

TEST(AccessExportTest, IndexInDutchWithLabelsNamesAndEuros) {
  const std::string html = Html(i18n::Translator::Dutch());
  for (const char* dutch :
       {"<html lang=\"nl\">", "<h1>Uw gegevens</h1>",
        "Geëxporteerd op 12 mei 2026 door Praktijk Kompas.", "<h3>Factuur</h3>",
        "<th>bedrag</th><td>€ 450,00</td>",
        "<th>organisatie</th><td>Basisschool De Regenboog</td>",
        "<th>datum</th><td>12 mei 2026</td>",
        "<th>geboortedatum</th><td>12 mei 1988</td>",
        "<th>verstrekt aan</th><td>een derde</td>",
        "<th>grondslag</th><td>uw toestemming</td>",
        "Bedrijfsarts De Wit (10 februari 2026; verstrekt aan een derde, op "
        "grond van uw toestemming)",
        "Basisschool De Regenboog, de organisatie "
        "die opdracht gaf voor de coaching",
        "Niet opgenomen: 2 werkaantekeningen"}) {
    EXPECT_TRUE(absl::StrContains(html, dutch)) << dutch << "\n" << html;
  }
  EXPECT_EQ(testing::MachineTokenIn(html), "") << html;
  EXPECT_FALSE(absl::StrContains(html, "Your data"));
  EXPECT_FALSE(absl::StrContains(html, "45000"));
}

TEST(AccessExportTest, WithoutAPracticeProfileNoEmptyNameFollowsBy) {
  const i18n::Translator t = i18n::Translator::Dutch();
  kluis::v1::AccessExport e = Package(t);
  e.mutable_information()->clear_controller();
  const std::string html =
      AccessHtml(e, {{kSchool, "Basisschool De Regenboog"}}, t);
  EXPECT_TRUE(absl::StrContains(html, "Geëxporteerd op 12 mei 2026.</p>"))
      << html;
  EXPECT_FALSE(absl::StrContains(html, "door .")) << html;
}

TEST(AccessExportTest, IndexInEnglishOnRequest) {
  const std::string html = Html(i18n::Translator::English());
  for (const char* english :
       {"<html lang=\"en\">", "<h1>Your data</h1>",
        "Exported on 12 May 2026 by Praktijk Kompas.", "<h3>Invoice</h3>",
        "<th>amount</th><td>€450.00</td>",
        "<th>organisation</th><td>Basisschool De Regenboog</td>",
        "<th>ground</th><td>your consent</td>", "Withheld: 2 working notes"}) {
    EXPECT_TRUE(absl::StrContains(html, english)) << english << "\n" << html;
  }
  EXPECT_EQ(testing::MachineTokenIn(html), "") << html;
}

TEST(AccessExportTest, TheInformationSpeaksTheRequestedLanguage) {
  const kluis::v1::AccessInformation nl =
      Package(i18n::Translator::Dutch()).information();
  EXPECT_EQ(nl.purposes(0),
            "coaching zoals afgesproken in de persoonlijke overeenkomst");
  EXPECT_TRUE(absl::StrContains(absl::StrJoin(nl.rights(), "|"),
                                "Autoriteit Persoonsgegevens"));
  EXPECT_TRUE(
      absl::StartsWith(nl.retention(0), "dit dossier: tot 12 mei 2033,"))
      << nl.retention(0);
  const std::string all = absl::StrJoin(
      {absl::StrJoin(nl.categories(), "|"), absl::StrJoin(nl.recipients(), "|"),
       absl::StrJoin(nl.retention(), "|")},
      "|");
  EXPECT_EQ(testing::MachineTokenIn(all), "") << all;
  EXPECT_FALSE(absl::StrContains(all, kConsent)) << all;
}

}  // namespace
}  // namespace kluis::core
