// core::Vault erasure with in-memory fakes: an erasure request, retention
// apply on the fake clock's day, invoice data kept under its fiscal year's
// key until its own term, tombstones, and the key sweep at unlock.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "daemon/core/ids.h"
#include "daemon/core/vault.h"
#include "tests/core/vault_fixture.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;

class VaultEraseTest : public FakeVaultTest {
 protected:
  std::string AddClient(const std::string& name) {
    Record r;
    r.mutable_client()->set_name(name);
    r.mutable_client()->set_address("Lindelaan 4");
    r.mutable_client()->set_postcode("8011 AB");
    r.mutable_client()->set_city("Zwolle");
    absl::StatusOr<CreatedDossier> d = vault_.CreateDossier(r, "");
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->dossier_id : "";
  }
  std::string Add(const std::string& dossier, const Record& r) {
    absl::StatusOr<std::string> id = vault_.CreateRecord(dossier, r, "");
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or("");
  }
  std::string AddInvoice(const std::string& dossier, const std::string& number,
                         const std::string& date) {
    Record r;
    r.mutable_invoice()->set_number(number);
    r.mutable_invoice()->set_date(date);
    r.mutable_invoice()->set_amount_cents(12500);
    return Add(dossier, r);
  }
  std::string AddAgreement(const std::string& dossier, const std::string& from,
                           const std::string& to) {
    Record r;
    r.mutable_agreement()->set_question("loopbaanvraag");
    r.mutable_agreement()->set_start_date(from);
    r.mutable_agreement()->set_end_date(to);
    return Add(dossier, r);
  }
  bool AnyPathUnder(const std::string& prefix) {
    for (const auto& [path, data] : store_->files()) {
      if (absl::StartsWith(path, prefix)) return true;
    }
    return false;
  }
};

TEST_F(VaultEraseTest, AnErasureRequestTakesAllButTheInvoicesTheLawKeeps) {
  const std::string d = AddClient("Joris Timmer");
  const std::string kept = AddInvoice(d, "2026-014", "2026-03-02");
  AddInvoice(d, "2015-003", "2015-01-10");  // its own term ended in 2023
  Record note;
  note.mutable_note()->set_text("gesprek over werkdruk");
  const std::string note_id = Add(d, note);
  absl::StatusOr<std::vector<RecordVersion>> h = vault_.History(d, note_id);
  ASSERT_TRUE(h.ok() && !h->empty());
  const std::string version = h->front().commit;
  const size_t commits = store_->commits();

  absl::Status bad = vault_.EraseDossier(d, "", false).status();
  EXPECT_TRUE(absl::IsInvalidArgument(bad)) << bad;
  EXPECT_TRUE(absl::StartsWith(bad.message(), "reason: required")) << bad;
  EXPECT_TRUE(absl::IsNotFound(
      vault_.EraseDossier(NewId(), "verzoek", false).status()));

  absl::StatusOr<kluis::v1::ErasureResponse> dry =
      vault_.EraseDossier(d, "verzoek van de cliënt", true);
  ASSERT_TRUE(dry.ok()) << dry.status();
  EXPECT_TRUE(dry->dry_run());
  EXPECT_EQ(dry->erased_size(), 1);
  EXPECT_EQ(dry->kept_size(), 1);
  EXPECT_EQ(store_->commits(), commits);
  EXPECT_TRUE(keys_.HasKey(d));

  absl::StatusOr<kluis::v1::ErasureResponse> r =
      vault_.EraseDossier(d, "verzoek van de cliënt", false);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->erased_size(), 1);
  EXPECT_EQ(r->erased(0).dossier_id(), d);
  EXPECT_EQ(r->erased(0).kind(),
            kluis::v1::RETENTION_ITEM_KIND_ERASURE_REQUEST);
  EXPECT_EQ(r->erased(0).erased_date(), "2026-11-23");
  ASSERT_EQ(r->kept_size(), 1);
  EXPECT_EQ(r->kept(0).record_id(), kept);
  EXPECT_EQ(r->kept(0).keep_until(), "2034-01-01");
  EXPECT_EQ(r->keys_destroyed(), 1u);

  // Gone from the head, its key destroyed, not restorable.
  EXPECT_FALSE(AnyPathUnder(DossierDir(d)));
  EXPECT_FALSE(keys_.HasKey(d));
  EXPECT_TRUE(keys_.destroyed.count(d));
  EXPECT_TRUE(absl::IsNotFound(vault_.GetDossier(d).status()));
  absl::Status again = vault_.Restore(d, "", version, "").status();
  EXPECT_TRUE(absl::IsFailedPrecondition(again)) << again;
  EXPECT_TRUE(absl::StartsWith(again.message(), "dossier_id: erased"));

  // The invoice lives on under its fiscal year's key, with its addressee.
  absl::StatusOr<std::vector<kluis::v1::KeptInvoice>> inv =
      vault_.KeptInvoices(0);
  ASSERT_TRUE(inv.ok()) << inv.status();
  ASSERT_EQ(inv->size(), 1u);
  EXPECT_EQ((*inv)[0].invoice().number(), "2026-014");
  EXPECT_EQ((*inv)[0].addressee(), "Joris Timmer");
  EXPECT_EQ((*inv)[0].address(), "Lindelaan 4, 8011 AB, Zwolle");
  EXPECT_TRUE(keys_.HasKey(FiscalKeyId(2026)));
  const std::string kept_path = KeptInvoicePath(2026, kept);
  ASSERT_TRUE(store_->files().count(kept_path));
  EXPECT_TRUE(absl::StartsWith(store_->files().at(kept_path),
                               absl::StrCat("sealed:", FiscalKeyId(2026))));

  // The tombstone: ids, rule and dates, no name.
  absl::StatusOr<std::vector<kluis::v1::Tombstone>> t = vault_.Tombstones();
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].dossier_id(), d);
  for (const auto& [path, data] : store_->files()) {
    if (absl::StartsWith(path, "erased/")) {
      EXPECT_FALSE(absl::StrContains(data, "Timmer")) << path;
    }
  }
  // The journal has the erasure with its reason.
  absl::StatusOr<std::vector<JournalView>> j = vault_.ReadJournal(d);
  ASSERT_TRUE(j.ok());
  bool journalled = false;
  for (const JournalView& v : *j) journalled |= v.entry.action() == "erase";
  EXPECT_TRUE(journalled);
}

TEST_F(VaultEraseTest, ApplyErasesExactlyWhatIsDueOnTheClocksDay) {
  // Ended 2019-11-23: 7 years on is today. Ended a day later: tomorrow.
  const std::string due = AddClient("Ilse Verhoef");
  AddAgreement(due, "2018-01-08", "2019-11-23");
  AddInvoice(due, "2019-101", "2019-11-20");  // kept until 2027-01-01
  const std::string later = AddClient("Ruud Bakker");
  AddAgreement(later, "2018-01-08", "2019-11-24");
  // An open dossier with a working note past its expiry and an e-mail
  // answered yesterday: those two go, the dossier stays.
  const std::string open = AddClient("Sanne Wouters");
  Record wn;
  wn.mutable_note()->set_text("eigen geheugensteun");
  wn.mutable_note()->set_working(true);
  wn.mutable_note()->set_date("2026-09-01");
  wn.mutable_note()->set_expires("2026-11-01");
  const std::string note = Add(open, wn);
  Record mail;
  mail.mutable_correspondence()->set_date("2026-11-10");
  mail.mutable_correspondence()->set_direction(kluis::v1::DIRECTION_INCOMING);
  mail.mutable_correspondence()->set_subject("afspraak verzetten");
  mail.mutable_correspondence()->set_answered_date("2026-11-22");
  const std::string answered = Add(open, mail);
  Record session;
  session.mutable_note()->set_text("verslag van het eerste gesprek");
  const std::string stays = Add(open, session);

  const size_t commits = store_->commits();
  absl::StatusOr<kluis::v1::ErasureResponse> dry = vault_.ApplyRetention(true);
  ASSERT_TRUE(dry.ok()) << dry.status();
  EXPECT_EQ(dry->erased_size(), 3);
  EXPECT_EQ(store_->commits(), commits);

  absl::StatusOr<kluis::v1::ErasureResponse> r = vault_.ApplyRetention(false);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->erased_size(), 3);
  EXPECT_EQ(r->kept_size(), 1);
  EXPECT_EQ(r->keys_destroyed(), 1u);
  EXPECT_TRUE(absl::IsNotFound(vault_.GetDossier(due).status()));
  EXPECT_FALSE(keys_.HasKey(due));
  EXPECT_TRUE(vault_.GetDossier(later).ok());
  EXPECT_TRUE(keys_.HasKey(later));
  EXPECT_TRUE(absl::IsNotFound(vault_.GetRecord(open, note).status()));
  EXPECT_TRUE(absl::IsNotFound(vault_.GetRecord(open, answered).status()));
  EXPECT_TRUE(vault_.GetRecord(open, stays).ok());
  EXPECT_TRUE(store_->files().count(RecordTombstonePath(open, note)));
  // An erased record cannot come back from history either.
  absl::StatusOr<std::vector<RecordVersion>> h = vault_.History(open, note);
  ASSERT_TRUE(h.ok() && !h->empty());
  std::string created;
  for (const RecordVersion& v : *h) {
    if (v.operation == "create") created = v.commit;
  }
  ASSERT_FALSE(created.empty());
  absl::Status back = vault_.Restore(open, note, created, "").status();
  EXPECT_TRUE(absl::IsFailedPrecondition(back)) << back;
  EXPECT_TRUE(absl::StartsWith(back.message(), "record_id: erased")) << back;

  // Nothing is due any more today; tomorrow the second dossier is.
  EXPECT_EQ(vault_.ApplyRetention(false)->erased_size(), 0);
  clock_.Advance(absl::Hours(24));
  r = vault_.ApplyRetention(false);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->erased_size(), 1);
  EXPECT_EQ(r->erased(0).dossier_id(), later);

  // The kept invoice goes with its fiscal year's key on 2027-01-01.
  absl::StatusOr<kluis::v1::RetentionReportResponse> report =
      vault_.RetentionReport("2027-01-01");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->due_size(), 1);
  EXPECT_EQ(report->due(0).kind(), kluis::v1::RETENTION_ITEM_KIND_INVOICES);
  EXPECT_EQ(report->due(0).fiscal_year(), 2019u);
  EXPECT_EQ(vault_.KeptInvoices(2019)->size(), 1u);
  clock_.Advance(absl::Hours(24 * 38));  // 2027-01-01
  r = vault_.ApplyRetention(false);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->erased_size(), 1);
  EXPECT_EQ(r->erased(0).kind(), kluis::v1::RETENTION_ITEM_KIND_INVOICES);
  EXPECT_FALSE(keys_.HasKey(FiscalKeyId(2019)));
  EXPECT_TRUE(vault_.KeptInvoices(0)->empty());
  EXPECT_FALSE(AnyPathUnder("fiscal/"));
  EXPECT_EQ(vault_.Tombstones()->size(), 5u);
}

TEST_F(VaultEraseTest, ADeletedDossierIsNotErasedAndSaysHowToErase) {
  const std::string d = AddClient("Joris Timmer");
  ASSERT_TRUE(vault_.DeleteDossier(d).ok());
  EXPECT_TRUE(keys_.HasKey(d));  // deleted, not erased: restorable
  absl::Status s = vault_.EraseDossier(d, "verzoek", false).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_TRUE(
      absl::StartsWith(s.message(), "dossier_id: deleted but not erased"))
      << s;
  const std::string e = AddClient("Ilse Verhoef");
  ASSERT_TRUE(vault_.EraseDossier(e, "verzoek", false).ok());
  s = vault_.EraseDossier(e, "verzoek", false).status();
  EXPECT_EQ(s.message(), "dossier_id: already erased");
}

TEST_F(VaultEraseTest, AKeyLeftBehindByACrashIsDestroyedAtUnlock) {
  const std::string d = AddClient("Joris Timmer");
  ASSERT_TRUE(vault_.EraseDossier(d, "verzoek", false).ok());
  // As if the daemon died between the erasure's commit and the key.
  keys_.destroyed.clear();
  ASSERT_TRUE(keys_.CreateDossierKey(d).ok());
  vault_.Lock();
  ASSERT_TRUE(vault_.Unlock(kFixturePassphrase).ok());
  EXPECT_FALSE(keys_.HasKey(d));
}

}  // namespace
}  // namespace kluis::core
