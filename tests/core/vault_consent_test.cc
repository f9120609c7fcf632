// core::Vault consent and disclosure with in-memory fakes: identifiable
// data leaves the practice only on a consent in force for that recipient,
// or on a named legal ground; the consent stays as proof; each disclosure
// is journalled without names.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/vault.h"
#include "tests/core/vault_fixture.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;

class VaultConsentTest : public FakeVaultTest {
 protected:
  VaultConsentTest() {
    Record r;
    r.mutable_client()->set_name("Joris Timmer");
    dossier_ = vault_.CreateDossier(r, "").value().dossier_id;
  }
  std::string Consent(const std::string& given, const std::string& withdrawn) {
    Record r;
    r.mutable_consent()->set_recipient("Bedrijfsarts De Wit");
    r.mutable_consent()->set_purpose("Terugkoppeling over re-integratie");
    r.mutable_consent()->set_given_date(given);
    r.mutable_consent()->set_withdrawn_date(withdrawn);
    absl::StatusOr<std::string> id = vault_.CreateRecord(dossier_, r, "");
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or("");
  }
  static Record OnConsent(const std::string& consent, const std::string& date,
                          const std::string& to = "bedrijfsarts de wit ") {
    Record r;
    kluis::v1::Disclosure* d = r.mutable_disclosure();
    d->set_to(kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY);
    d->set_recipient(to);
    d->set_what("Voortgangsverslag");
    d->set_date(date);
    d->set_ground(kluis::v1::DISCLOSURE_GROUND_CONSENT);
    d->set_consent_id(consent);
    return r;
  }
  absl::Status Refused(const Record& r) {
    const size_t commits = store_->commits();
    absl::Status s = vault_.CreateRecord(dossier_, r, "").status();
    EXPECT_EQ(store_->commits(), commits);
    EXPECT_FALSE(absl::StrContains(s.message(), "Wit")) << s;
    return s;
  }

  std::string dossier_;
};

TEST_F(VaultConsentTest, NoDisclosureWithoutAConsentInForce) {
  absl::Status s = Refused(OnConsent("", "2026-03-05"));
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_TRUE(
      absl::StartsWith(s.message(), "disclosure.consent_id: is required"))
      << s;
  s = Refused(OnConsent(NewId(), "2026-03-05"));
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_TRUE(absl::StartsWith(s.message(), "disclosure.consent_id: no such"));

  const std::string later = Consent("2026-04-01", "");
  s = Refused(OnConsent(later, "2026-03-05"));
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_TRUE(absl::StrContains(s.message(), "given after")) << s;

  const std::string withdrawn = Consent("2026-01-10", "2026-03-01");
  s = Refused(OnConsent(withdrawn, "2026-03-05"));
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_EQ(s.message(),
            "disclosure.consent_id: that consent was withdrawn on 2026-03-01; "
            "a new consent is needed");

  s = Refused(OnConsent(later, "2026-04-02", "Werkgever Acme"));
  EXPECT_TRUE(absl::StartsWith(s.message(), "disclosure.recipient: not the"))
      << s;

  // In force: recorded, journalled with the ground and no name.
  absl::StatusOr<std::string> ok =
      vault_.CreateRecord(dossier_, OnConsent(withdrawn, "2026-02-20"), "");
  ASSERT_TRUE(ok.ok()) << ok.status();
  absl::StatusOr<std::vector<JournalView>> j = vault_.ReadJournal(dossier_);
  ASSERT_TRUE(j.ok());
  ASSERT_FALSE(j->empty());
  EXPECT_EQ(j->back().entry.action(), "disclosure");
  EXPECT_EQ(j->back().entry.reason(),
            "to a third party on consent " + withdrawn);
  // The consent is the disclosure's proof: withdrawn, never deleted.
  s = vault_.DeleteRecord(dossier_, withdrawn);
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_TRUE(vault_.DeleteRecord(dossier_, later).ok());
}

TEST_F(VaultConsentTest, OtherGroundsNeedWhatTheyRest) {
  Record r = OnConsent("", "2026-03-05");
  r.mutable_disclosure()->set_ground(
      kluis::v1::DISCLOSURE_GROUND_LEGAL_OBLIGATION);
  absl::Status s = Refused(r);
  EXPECT_TRUE(absl::StartsWith(s.message(), "disclosure.legal_ground")) << s;
  r.mutable_disclosure()->set_legal_ground("Meldcode huiselijk geweld");
  EXPECT_TRUE(vault_.CreateRecord(dossier_, r, "").ok());

  r.mutable_disclosure()->set_ground(kluis::v1::DISCLOSURE_GROUND_ANONYMISED);
  s = Refused(r);
  EXPECT_TRUE(absl::StartsWith(s.message(), "disclosure.ground: anonymised"))
      << s;
  r.mutable_disclosure()->set_to(kluis::v1::DISCLOSURE_RECIPIENT_INTERVISION);
  EXPECT_TRUE(vault_.CreateRecord(dossier_, r, "").ok());

  r.mutable_disclosure()->set_to(kluis::v1::DISCLOSURE_RECIPIENT_PROCESSOR);
  r.mutable_disclosure()->set_ground(
      kluis::v1::DISCLOSURE_GROUND_LEGAL_OBLIGATION);
  s = Refused(r);
  EXPECT_TRUE(absl::StartsWith(s.message(), "disclosure.delete_by_date: is"))
      << s;
  r.mutable_disclosure()->set_delete_by_date("2026-03-01");
  s = Refused(r);
  EXPECT_EQ(s.message(), "disclosure.delete_by_date: must not be before date");
  r.mutable_disclosure()->set_delete_by_date("2026-09-01");
  EXPECT_TRUE(vault_.CreateRecord(dossier_, r, "").ok());
}

TEST_F(VaultConsentTest, AProcessorsDeleteByDateIsTrackedUntilConfirmed) {
  Record r = OnConsent("", "2026-06-01");
  kluis::v1::Disclosure* d = r.mutable_disclosure();
  d->set_to(kluis::v1::DISCLOSURE_RECIPIENT_PROCESSOR);
  d->set_ground(kluis::v1::DISCLOSURE_GROUND_LEGAL_OBLIGATION);
  d->set_legal_ground("ZKM-registratie persoonlijke momenten");
  d->set_delete_by_date("2026-11-23");  // the fake clock's day
  absl::StatusOr<std::string> id = vault_.CreateRecord(dossier_, r, "");
  ASSERT_TRUE(id.ok()) << id.status();
  absl::StatusOr<kluis::v1::RetentionReportResponse> report =
      vault_.RetentionReport("2026-11-22");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->next_30_size(), 1);
  EXPECT_EQ(report->next_30(0).kind(),
            kluis::v1::RETENTION_ITEM_KIND_PROCESSOR_COPY);
  EXPECT_EQ(report->next_30(0).record_id(), *id);
  EXPECT_EQ(vault_.Status().retention_due, 1u);
  // Due today: apply cannot erase it at the processor, it asks to confirm
  // and leaves the record.
  absl::StatusOr<kluis::v1::ErasureResponse> apply =
      vault_.ApplyRetention(false);
  ASSERT_TRUE(apply.ok()) << apply.status();
  EXPECT_EQ(apply->erased_size(), 0);
  ASSERT_EQ(apply->to_confirm_size(), 1);
  EXPECT_EQ(apply->to_confirm(0).record_id(), *id);
  absl::StatusOr<Record> got = vault_.GetRecord(dossier_, *id);
  ASSERT_TRUE(got.ok());
  got->mutable_disclosure()->set_processor_deleted_date("2026-11-20");
  ASSERT_TRUE(vault_
                  .UpdateRecord(dossier_, *got,
                                ToRfc3339(FromProtoTime(got->updated())), "")
                  .ok());
  EXPECT_EQ(vault_.RetentionReport("2026-11-23")->due_size(), 0);
  EXPECT_EQ(vault_.Status().retention_due, 0u);
}

// A disclosure to a registered processor takes its delete-by date from the
// processor's agreement; an unknown processor is refused and nothing is
// written.
TEST_F(VaultConsentTest, AProcessorsAgreementSetsTheDeleteByDate) {
  Record p;
  p.mutable_processor()->set_name("Rekenservice Noord");
  p.mutable_processor()->set_service("verwerking persoonlijke momenten");
  p.mutable_processor()->set_data_shared("momenten zonder naam");
  p.mutable_processor()->set_deletion_days(28);
  const std::string processor = vault_.CreateRecord("", p, "").value();
  Record c;
  c.mutable_consent()->set_recipient("Rekenservice Noord");
  c.mutable_consent()->set_purpose("Verwerking persoonlijke momenten");
  c.mutable_consent()->set_given_date("2026-01-10");
  Record r = OnConsent(vault_.CreateRecord(dossier_, c, "").value(),
                       "2026-03-05", "Rekenservice Noord");
  r.mutable_disclosure()->set_to(kluis::v1::DISCLOSURE_RECIPIENT_PROCESSOR);
  r.mutable_disclosure()->set_processor_id(std::string(32, 'b'));
  absl::Status s = Refused(r);
  EXPECT_EQ(s.message(),
            "disclosure.processor_id: no such processor (kluis processor "
            "list)");
  r.mutable_disclosure()->set_processor_id(processor);
  absl::StatusOr<std::string> id = vault_.CreateRecord(dossier_, r, "");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(vault_.GetRecord(dossier_, *id)->disclosure().delete_by_date(),
            "2026-04-02");
}

}  // namespace
}  // namespace kluis::core
