// The processing register from facts: categories from the kinds in use
// (special ones marked), recipients from processors and disclosures,
// transfers, terms and the security measures as they are now.
#include "daemon/core/processing_register.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"

namespace kluis::core {
namespace {

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
  kluis::v1::ProcessingRegister reg = BuildProcessingRegister(in);
  ASSERT_EQ(reg.activities_size(), 3);
  const std::string before = absl::StrJoin(Categories(reg.activities(0)), "|");
  EXPECT_FALSE(absl::StrContains(before, "SPECIAL")) << before;
  EXPECT_TRUE(absl::StrContains(before, "session notes"));
  EXPECT_EQ(reg.activities(0).dossiers(), 1u);
  EXPECT_EQ(reg.activities(1).dossiers(), 0u);

  in.heads.push_back(Client({kluis::v1::RECORD_KIND_HEALTH}));
  reg = BuildProcessingRegister(in);
  EXPECT_TRUE(
      absl::StrContains(absl::StrJoin(Categories(reg.activities(0)), "|"),
                        "SPECIAL health data"));
  // The rendering marks it too.
  EXPECT_TRUE(absl::StrContains(RegisterDocument(reg).Markdown(),
                                "SPECIAL CATEGORY (art. 9)"));
}

TEST(ProcessingRegisterTest, RecipientsTransfersAndMeasures) {
  RegisterInputs in;
  in.today = "2026-06-01";
  in.heads = {Client({})};
  kluis::v1::ProcessingRegister reg = BuildProcessingRegister(in);
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
  reg = BuildProcessingRegister(in);
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
                        "2026-05-30T20:00:00Z"));
  EXPECT_TRUE(
      absl::StrContains(measures, "disk2: no successful backup yet (OVERDUE)"));
  ASSERT_EQ(reg.processors_size(), 2);
  EXPECT_TRUE(absl::StrContains(RegisterDocument(reg).Html(),
                                "<td>ended 2025-01-01</td>"));
}

}  // namespace
}  // namespace kluis::core
