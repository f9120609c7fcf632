// The processing register from facts: categories from the kinds in use
// (special ones marked), recipients from processors and disclosures,
// transfers, terms and the security measures as they are now.
#include "daemon/core/processing_register.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "tests/core/outsider_text.h"

namespace kluis::core {
namespace {

const i18n::Translator en = i18n::Translator::English();

kluis::v1::Record Client(std::vector<kluis::v1::RecordKind> kinds) {
  kluis::v1::Record r;
  r.mutable_client()->set_name("Wessel Dijkstra");
  for (kluis::v1::RecordKind k : kinds) r.mutable_facts()->add_kinds(k);
  return r;
}

std::vector<std::string> Categories(const kluis::v1::ProcessingActivity& a) {
  std::vector<std::string> out;
  for (const kluis::v1::DataCategory& c : a.data_categories()) {
    out.push_back(c.special_category() ? "SPECIAL " + c.name() : c.name());
  }
  return out;
}

TEST(ProcessingRegisterTest, CategoriesFollowTheKindsInUse) {
  RegisterInputs in;
  in.today = "2026-06-01";
  in.heads = {Client({kluis::v1::RECORD_KIND_NOTE})};
  kluis::v1::ProcessingRegister reg = BuildProcessingRegister(in, en);
  ASSERT_EQ(reg.activities_size(), 3);
  const std::string before = absl::StrJoin(Categories(reg.activities(0)), "|");
  EXPECT_FALSE(absl::StrContains(before, "SPECIAL")) << before;
  EXPECT_TRUE(absl::StrContains(before, "session notes"));
  EXPECT_EQ(reg.activities(0).dossiers(), 1u);
  EXPECT_EQ(reg.activities(1).dossiers(), 0u);

  in.heads.push_back(Client({kluis::v1::RECORD_KIND_HEALTH}));
  reg = BuildProcessingRegister(in, en);
  EXPECT_TRUE(
      absl::StrContains(absl::StrJoin(Categories(reg.activities(0)), "|"),
                        "SPECIAL health data"));
  // The rendering marks it too.
  EXPECT_TRUE(absl::StrContains(RegisterDocument(reg, en).Markdown(),
                                "SPECIAL CATEGORY (art. 9)"));
}

TEST(ProcessingRegisterTest, RecipientsTransfersAndMeasures) {
  RegisterInputs in;
  in.today = "2026-06-01";
  in.heads = {Client({})};
  kluis::v1::ProcessingRegister reg = BuildProcessingRegister(in, en);
  EXPECT_EQ(reg.activities(0).recipients(0), "none");
  EXPECT_TRUE(
      absl::StartsWith(reg.activities(0).third_country_transfers(), "none"));

  in.heads[0].mutable_facts()->add_disclosed_to(
      kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY);
  kluis::v1::Processor p;
  p.set_name("Mailhost Zuid");
  p.set_service("e-mail");
  p.set_third_country("Zwitserland");
  p.set_transfer_safeguard("adequaatheidsbesluit");
  in.processors.push_back(p);
  kluis::v1::Processor old = p;
  old.set_name("Oude Boekhouder");
  old.set_third_country("");
  old.set_ended_date("2025-01-01");
  in.processors.push_back(old);
  in.security.scrypt_work_factor = 18;
  in.security.idle_lock = absl::Minutes(15);
  in.security.backups = {{"usb1", "2026-05-30T20:00:00Z", false},
                         {"disk2", "", true}};
  reg = BuildProcessingRegister(in, en);
  const std::string recipients =
      absl::StrJoin(reg.activities(0).recipients(), "|");
  EXPECT_TRUE(absl::StrContains(recipients, "processor Mailhost Zuid"));
  EXPECT_FALSE(absl::StrContains(recipients, "Oude Boekhouder"));  // ended
  EXPECT_TRUE(absl::StrContains(recipients, "explicit consent"));
  EXPECT_TRUE(absl::StrContains(reg.activities(0).third_country_transfers(),
                                "Zwitserland through processor Mailhost Zuid"));
  const std::string measures = absl::StrJoin(reg.security_measures(), "|");
  EXPECT_TRUE(absl::StrContains(measures, "work factor 2^18"));
  EXPECT_TRUE(absl::StrContains(measures, "after 15 minutes without use"));
  EXPECT_TRUE(
      absl::StrContains(measures,
                        "usb1: last successful backup, mirrored and verified, "
                        "30 May 2026"));
  EXPECT_TRUE(
      absl::StrContains(measures, "disk2: no successful backup yet (OVERDUE)"));
  ASSERT_EQ(reg.processors_size(), 2);
  EXPECT_TRUE(absl::StrContains(RegisterDocument(reg, en).Html(),
                                "<td>ended 1 January 2025</td>"));
}

TEST(ProcessingRegisterTest, InDutchWithoutMachineWords) {
  RegisterInputs in;
  in.today = "2026-05-12";
  in.heads = {
      Client({kluis::v1::RECORD_KIND_HEALTH, kluis::v1::RECORD_KIND_INVOICE})};
  in.heads[0].mutable_facts()->add_disclosed_to(
      kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY);
  kluis::v1::Processor p;
  p.set_name("Boekhouding Jansen");
  p.set_service("boekhouding");
  p.set_agreement_date("2026-01-15");
  p.set_deletion_days(30);
  in.processors.push_back(p);
  in.security.backups = {{"usb1", "2026-05-10T20:00:00Z", false}};
  const i18n::Translator nl = i18n::Translator::Dutch();
  const std::string md =
      RegisterDocument(BuildProcessingRegister(in, nl), nl).Markdown();
  for (const char* dutch :
       {"# Register van verwerkingsactiviteiten (AVG art. 30)",
        "Door kluis gemaakt op 12 mei 2026", "## Coaching en begeleiding",
        "gezondheidsgegevens (medische behandeling, medicatie) — BIJZONDERE "
        "CATEGORIE (art. 9)",
        "verwerker Boekhouding Jansen (boekhouding)", "7 jaar na het einde",
        "| 15 januari 2026 |", "| 30 dagen |", "| actief |",
        "laatste geslaagde back-up, gespiegeld en gecontroleerd, 10 mei 2026",
        "na 15 minuten zonder gebruik"}) {
    EXPECT_TRUE(absl::StrContains(md, dutch)) << dutch << "\n" << md;
  }
  EXPECT_EQ(testing::MachineTokenIn(md), "") << md;
  EXPECT_FALSE(absl::StrContains(md, "Register of processing")) << md;
}

}  // namespace
}  // namespace kluis::core
