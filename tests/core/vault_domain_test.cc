// core::Vault with in-memory fakes: the full domain — practice records,
// links to organisations, case dossiers, facts on the head, working-note
// expiry, attachments, and the validating import.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/vault.h"
#include "tests/core/fakes.h"
#include "tests/support/record_fixtures.h"

namespace kluis::core {
namespace {

using kluis::v1::Record;

class VaultDomainTest : public ::testing::Test {
 protected:
  VaultDomainTest()
      : vault_(
            [this](bool) -> absl::StatusOr<std::unique_ptr<Store>> {
              auto s = std::make_unique<FakeStore>();
              store_ = s.get();
              return std::unique_ptr<Store>(std::move(s));
            },
            &keys_, &clock_, {absl::Minutes(10), 2}) {
    EXPECT_TRUE(vault_.Init("lang genoeg wachtwoord").ok());
  }

  Record Fixture(const std::string& field, const std::string& org = "") {
    for (const auto& k : kluis::testing::KindFixtures()) {
      if (field == k.field) return kluis::testing::FixtureRecord(k, org);
    }
    ADD_FAILURE() << field;
    return Record();
  }
  std::string AddOrg(const std::string& name) {
    Record r = Fixture("organisation");
    r.mutable_organisation()->set_name(name);
    absl::StatusOr<std::string> id = vault_.CreateRecord("", r, "");
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or("");
  }
  std::string AddClient(const std::string& name) {
    Record r;
    r.mutable_client()->set_name(name);
    absl::StatusOr<CreatedDossier> d = vault_.CreateDossier(r, "");
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->dossier_id : "";
  }
  absl::StatusOr<std::unique_ptr<AttachmentUpload>> StartPdf(
      const std::string& dossier) {
    kluis::v1::Attachment meta;
    meta.set_name("scan.pdf");
    meta.set_media_type("application/pdf");
    return vault_.BeginAttachment(dossier, meta, "");
  }
  std::vector<DossierEntry> Search(DossierQuery q) {
    return vault_.ListDossiers(std::move(q)).value();
  }

  FakeKeyRing keys_;
  FakeClock clock_;
  FakeStore* store_ = nullptr;
  Vault vault_;
};

TEST_F(VaultDomainTest, EveryKindLivesWhereItBelongs) {
  const std::string org = AddOrg("Acme BV");
  const std::string d = AddClient("Fenna de Vries");
  for (const auto& k : kluis::testing::KindFixtures()) {
    Record r = kluis::testing::FixtureRecord(k, org);
    if (k.head) {
      absl::StatusOr<CreatedDossier> c = vault_.CreateDossier(r, "");
      EXPECT_TRUE(c.ok()) << k.field << ": " << c.status();
      EXPECT_TRUE(
          absl::IsInvalidArgument(vault_.CreateRecord(d, r, "").status()));
      continue;
    }
    const std::string where = k.practice ? "" : d;
    const std::string wrong = k.practice ? d : "";
    const size_t commits = store_->commits();
    EXPECT_TRUE(
        absl::IsInvalidArgument(vault_.CreateRecord(wrong, r, "").status()))
        << k.field;
    EXPECT_EQ(store_->commits(), commits);
    absl::StatusOr<std::string> id = vault_.CreateRecord(where, r, "");
    ASSERT_TRUE(id.ok()) << k.field << ": " << id.status();
    absl::StatusOr<Record> back = vault_.GetRecord(where, *id);
    ASSERT_TRUE(back.ok()) << k.field;
    EXPECT_EQ(back->body_case(), r.body_case()) << k.field;
    // Path and commit message carry ids only.
    EXPECT_TRUE(absl::StrContains(store_->messages().back(), *id));
  }
  for (const auto& [path, data] : store_->files()) {
    EXPECT_TRUE(absl::StartsWith(path, "dossiers/") ||
                absl::StartsWith(path, "practice/"))
        << path;
    EXPECT_FALSE(absl::StrContains(path, "Fenna"));
  }
}

TEST_F(VaultDomainTest, LinksToOrganisationsMustResolveAndHoldThemBack) {
  const std::string d = AddClient("Fenna de Vries");
  const size_t commits = store_->commits();
  absl::Status s =
      vault_.CreateRecord(d, Fixture("commission", NewId()), "").status();
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_EQ(s.message(), "commission.organisation_id: no such organisation");
  EXPECT_EQ(store_->commits(), commits);

  const std::string org = AddOrg("Acme Logistiek BV");
  absl::StatusOr<std::string> c =
      vault_.CreateRecord(d, Fixture("commission", org), "");
  ASSERT_TRUE(c.ok()) << c.status();
  DossierQuery q;
  q.organisation = "logistiek";
  ASSERT_EQ(Search(q).size(), 1u);
  EXPECT_EQ(Search(q)[0].id, d);

  s = vault_.DeleteRecord("", org);
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  ASSERT_TRUE(vault_.DeleteRecord(d, *c).ok());
  EXPECT_TRUE(Search(q).empty());
  EXPECT_TRUE(vault_.DeleteRecord("", org).ok());
}

TEST_F(VaultDomainTest, FactsSurviveLockAndUnlock) {
  const std::string org = AddOrg("Basisschool De Linde");
  const std::string d = AddClient("Fenna de Vries");
  ASSERT_TRUE(vault_.CreateRecord(d, Fixture("commission", org), "").ok());
  ASSERT_TRUE(vault_.CreateRecord(d, Fixture("agreement"), "").ok());
  Record note;
  note.mutable_note()->set_text("eigen geheugensteun");
  note.mutable_note()->set_working(true);
  absl::StatusOr<std::string> wn = vault_.CreateRecord(d, note, "");
  ASSERT_TRUE(wn.ok());
  Record kase = Fixture("adviser_case", org);
  ASSERT_TRUE(vault_.CreateDossier(kase, "").ok());

  // The agreement ended 2026-06-30; the clock says 2026 later than that?
  // FakeClock starts at a fixed day; check against what it says.
  const std::string today = vault_.Today();
  vault_.Lock();
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  DossierQuery q;
  q.organisation = "linde";
  EXPECT_EQ(Search(q).size(), 2u);
  q.kind = kluis::v1::DOSSIER_KIND_CASE;
  EXPECT_EQ(Search(q).size(), 1u);
  absl::StatusOr<DossierView> v = vault_.GetDossier(d);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->entry.start_date, "2026-01-01");
  EXPECT_EQ(v->entry.end_date, "2026-06-30");
  ASSERT_EQ(v->entry.working_notes.size(), 1u);
  EXPECT_EQ(v->entry.working_notes.begin()->second, "2026-06-30");
  EXPECT_EQ(vault_.Status().working_notes_overdue,
            today > "2026-06-30" ? 1u : 0u);

  // Turning the working note into a regular note clears the warning.
  Record regular = *vault_.GetRecord(d, *wn);
  regular.mutable_note()->set_working(false);
  ASSERT_TRUE(vault_.UpdateRecord(d, regular, "", "omgezet").ok());
  EXPECT_EQ(vault_.Status().working_notes_overdue, 0u);
  EXPECT_TRUE(vault_.GetDossier(d)->entry.working_notes.empty());
}

TEST_F(VaultDomainTest, OneProfileWhoseCategoriesGovernCases) {
  Record profile = Fixture("practice_profile");
  profile.mutable_practice_profile()->add_case_categories("pesten");
  absl::StatusOr<std::string> p = vault_.CreateRecord("", profile, "");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(
      absl::IsAlreadyExists(vault_.CreateRecord("", profile, "").status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(vault_.DeleteRecord("", *p)));

  const std::string org = AddOrg("Acme BV");
  Record kase = Fixture("adviser_case", org);  // category "bullying"
  EXPECT_TRUE(absl::IsInvalidArgument(vault_.CreateDossier(kase, "").status()));
  kase.mutable_adviser_case()->set_categories(0, "Pesten");
  EXPECT_TRUE(vault_.CreateDossier(kase, "").ok());
}

TEST_F(VaultDomainTest, AttachmentsStreamInAndOut) {
  const std::string d = AddClient("Fenna de Vries");
  kluis::v1::Attachment meta;
  meta.set_name("overeenkomst.pdf");
  meta.set_media_type("application/pdf");
  absl::StatusOr<std::unique_ptr<AttachmentUpload>> up =
      vault_.BeginAttachment(d, meta, "getekend");
  ASSERT_TRUE(up.ok()) << up.status();
  std::string content;
  for (int i = 0; i < 100; ++i) content += "deel " + std::to_string(i) + ";";
  for (size_t i = 0; i < content.size(); i += 50) {
    ASSERT_TRUE((*up)->Write(content.substr(i, 50)).ok());
  }
  absl::StatusOr<Record> rec = (*up)->Finish();
  ASSERT_TRUE(rec.ok()) << rec.status();
  EXPECT_EQ(rec->attachment().size(), content.size());
  EXPECT_EQ(rec->attachment().sha256().size(), 64u);

  absl::StatusOr<AttachmentDownload> down = vault_.OpenAttachment(d, rec->id());
  ASSERT_TRUE(down.ok()) << down.status();
  std::string back;
  char buf[16];
  for (;;) {
    absl::StatusOr<size_t> n = down->content->Read(buf, sizeof(buf));
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    back.append(buf, *n);
  }
  EXPECT_EQ(back, content);
  EXPECT_EQ(vault_.GetDossier(d)->records.size(),
            1u);  // data file not a record

  // A text file with a BSN split across two writes: nothing committed.
  meta.set_name("notities.txt");
  meta.set_media_type("text/plain");
  up = vault_.BeginAttachment(d, meta, "");
  ASSERT_TRUE(up.ok());
  const size_t commits = store_->commits();
  ASSERT_TRUE((*up)->Write("regel 1\nbsn 1112.2").ok());
  ASSERT_TRUE((*up)->Write("2.333\n").ok());
  absl::Status s = (*up)->Finish().status();
  EXPECT_TRUE(
      absl::StartsWith(s.message(), "attachment.content: looks like a BSN"));
  EXPECT_EQ(store_->commits(), commits);

  // Deleting the record removes the content with it.
  ASSERT_TRUE(vault_.DeleteRecord(d, rec->id()).ok());
  for (const auto& [path, data] : store_->files()) {
    EXPECT_FALSE(absl::StrContains(path, rec->id())) << path;
  }
}

TEST_F(VaultDomainTest, AnUploadFinishedAfterALockCommitsNothing) {
  const std::string d = AddClient("Fenna de Vries");
  auto up = StartPdf(d);
  ASSERT_TRUE(up.ok());
  ASSERT_TRUE((*up)->Write("%PDF-1.4").ok());
  const size_t commits = store_->commits();
  vault_.Lock();
  EXPECT_TRUE(absl::IsFailedPrecondition((*up)->Finish().status()));
  EXPECT_EQ(store_->commits(), commits);
}

TEST_F(VaultDomainTest, ImportValidatesEveryRowAndReportsEachRefusal) {
  ImportRequest req;
  req.dossiers.resize(3);
  req.dossiers[0].client.set_name("Fenna de Vries");
  req.dossiers[1].client.set_name("Bram");
  req.dossiers[1].client.set_email("geen-adres");
  req.dossiers[2].client.set_name("Sara 111222333");
  req.organisations.resize(2);
  req.organisations[0].set_name("Acme BV");
  req.organisations[1].set_name("");
  req.validate_only = true;
  absl::StatusOr<ImportResult> r = vault_.Import(req);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->refused.size(), 3u);
  EXPECT_EQ(r->refused[0].item, "organisations[1]");
  EXPECT_EQ(r->refused[0].error, "organisation.name: is required");
  EXPECT_EQ(r->refused[1].item, "dossiers[1]");
  EXPECT_EQ(r->refused[1].error, "client.email: not an e-mail address");
  EXPECT_EQ(r->refused[2].item, "dossiers[2]");
  EXPECT_TRUE(absl::StrContains(r->refused[2].error, "BSN"));
  EXPECT_FALSE(absl::StrContains(r->refused[2].error, "111222333"));
  const size_t commits = store_->commits();

  req.validate_only = false;
  absl::Status s = vault_.Import(req).status();
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_EQ(store_->commits(), commits);

  req.dossiers.resize(1);
  req.organisations.resize(1);
  r = vault_.Import(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->dossier_ids.size(), 1u);
  EXPECT_EQ(r->organisation_ids.size(), 1u);
  EXPECT_EQ(store_->commits(), commits + 1);
  EXPECT_EQ(vault_.OrganisationName(r->organisation_ids[0]), "Acme BV");
}

}  // namespace
}  // namespace kluis::core

namespace kluis::core {
namespace {

TEST_F(VaultDomainTest, EveryCommitIsSignedAndTamperingShows) {
  const std::string d = AddClient("Fenna de Vries");
  Record note;
  note.mutable_note()->set_text("Intake.");
  ASSERT_TRUE(vault_.CreateRecord(d, note, "").ok());
  ASSERT_TRUE(vault_.CreateRecord(d, note, "").ok());
  vault_.Lock();  // verifying needs no passphrase
  absl::StatusOr<AuditReport> ok = vault_.VerifyHistory();
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->commits, 3u);
  EXPECT_EQ(ok->failures, 0u);
  EXPECT_EQ(ok->first_bad_commit, "");

  store_->TamperWithCommit(1);  // the second commit
  absl::StatusOr<AuditReport> bad = vault_.VerifyHistory();
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->failures, 1u);
  EXPECT_EQ(bad->first_bad_commit, FakeStore::CommitId(2));
  EXPECT_TRUE(absl::StartsWith(bad->problem, "signature:")) << bad->problem;
  EXPECT_EQ(*vault_.SignerPublicKey(), "ssh-ed25519 FAKE");
}

}  // namespace
}  // namespace kluis::core

namespace kluis::core {
namespace {

TEST_F(VaultDomainTest, HistoryListsVersionsReadsThemBackAndDiffsFields) {
  const std::string d = AddClient("Fenna de Vries");
  Record r = Fixture("appointment");
  absl::StatusOr<std::string> id = vault_.CreateRecord(d, r, "eerste afspraak");
  ASSERT_TRUE(id.ok());
  std::vector<std::string> places = {"Praktijk", "Online", "Bij cliënt thuis",
                                     "Praktijk", "Wandeling"};
  for (size_t i = 0; i < places.size(); ++i) {
    Record next = *vault_.GetRecord(d, *id);
    next.mutable_appointment()->set_place(places[i]);
    if (i == 2) next.mutable_appointment()->set_time("11:00");
    ASSERT_TRUE(
        vault_.UpdateRecord(d, next, "", absl::StrCat("wijziging ", i)).ok());
  }
  absl::StatusOr<std::vector<RecordVersion>> h = vault_.History(d, *id);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_EQ(h->size(), 6u);  // create + five updates, newest first
  EXPECT_EQ(h->back().operation, "create");
  EXPECT_EQ(h->back().reason, "eerste afspraak");
  for (size_t i = 0; i + 1 < h->size(); ++i) {
    EXPECT_EQ((*h)[i].operation, "update");
    EXPECT_EQ((*h)[i].reason, absl::StrCat("wijziging ", 4 - i));
  }
  // Each old version reads back exactly.
  for (size_t i = 0; i + 1 < h->size(); ++i) {
    absl::StatusOr<Record> at = vault_.GetRecordAt(d, *id, (*h)[i].commit);
    ASSERT_TRUE(at.ok());
    EXPECT_EQ(at->appointment().place(), places[4 - i]);
  }
  // The diff names exactly the changed fields, with both values.
  absl::StatusOr<std::vector<FieldChange>> diff =
      vault_.Diff(d, *id, (*h)[3].commit, (*h)[2].commit);
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->size(), 2u);
  EXPECT_EQ((*diff)[0].field, "appointment.time");
  EXPECT_EQ((*diff)[0].old_value, "10:30");
  EXPECT_EQ((*diff)[0].new_value, "11:00");
  EXPECT_EQ((*diff)[1].field, "appointment.place");
  EXPECT_EQ((*diff)[1].change, "changed");

  // Restore writes the old body as a new version; history keeps growing.
  absl::StatusOr<Record> restored =
      vault_.Restore(d, *id, h->back().commit, "");
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->appointment().place(), "Praktijk");
  EXPECT_EQ(restored->appointment().time(), "10:30");
  EXPECT_EQ(vault_.History(d, *id)->size(), 7u);
  EXPECT_TRUE(absl::StartsWith(vault_.History(d, *id)->front().reason,
                               "restored to version"));
  EXPECT_TRUE(absl::IsInvalidArgument(
      vault_.GetRecordAt(d, *id, "not-a-version").status()));
}

TEST_F(VaultDomainTest, DossierHistoryCoversEveryRecordButNotFactRewrites) {
  const std::string d = AddClient("Fenna de Vries");
  Record note;
  note.mutable_note()->set_text("x");
  note.mutable_note()->set_working(true);  // rewrites the head's facts
  absl::StatusOr<std::string> n = vault_.CreateRecord(d, note, "");
  ASSERT_TRUE(n.ok());
  ASSERT_TRUE(vault_.DeleteRecord(d, *n).ok());
  absl::StatusOr<std::vector<RecordVersion>> h = vault_.History(d, "");
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_EQ(h->size(), 3u) << "client create, note create, note delete";
  EXPECT_EQ((*h)[0].operation, "delete");
  EXPECT_EQ((*h)[0].record_id, *n);
  EXPECT_EQ((*h)[2].kind, kluis::v1::RECORD_KIND_CLIENT);
}

}  // namespace
}  // namespace kluis::core

namespace kluis::core {
namespace {

TEST_F(VaultDomainTest, RecoveryKeyUnlocksSetsAPassphraseAndIsJournalled) {
  AddClient("Fenna de Vries");
  vault_.Lock();
  // A short new passphrase is refused before any key is touched.
  absl::StatusOr<UnlockResult> r =
      vault_.Recover("AGE-SECRET-KEY-1FAKE", "kort");
  ASSERT_TRUE(absl::IsInvalidArgument(r.status()));
  EXPECT_TRUE(absl::StrContains(r.status().message(), "new_passphrase"));
  r = vault_.Recover("AGE-SECRET-KEY-1OTHER", "een nieuw wachtwoord");
  ASSERT_TRUE(absl::IsPermissionDenied(r.status()));
  EXPECT_TRUE(absl::StrContains(r.status().message(), "recovery_key"));
  EXPECT_FALSE(vault_.Status().unlocked);
  r = vault_.Recover("AGE-SECRET-KEY-1FAKE", "een nieuw wachtwoord");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->dossiers, 1u);
  EXPECT_TRUE(vault_.Status().unlocked);
  absl::StatusOr<std::vector<JournalView>> j = vault_.ReadJournal("");
  ASSERT_TRUE(j.ok());
  ASSERT_GE(j->size(), 2u);
  EXPECT_EQ((*j)[0].entry.action(), "unlock_recovery");
  EXPECT_EQ((*j)[1].entry.action(), "unlock_failed");
  vault_.Lock();
  EXPECT_TRUE(absl::IsPermissionDenied(
      vault_.Unlock("lang genoeg wachtwoord").status()));
  EXPECT_TRUE(vault_.Unlock("een nieuw wachtwoord").ok());
}

TEST_F(VaultDomainTest, TheJournalRecordsUnlocksAndExportsAndShowsGaps) {
  const std::string d = AddClient("Fenna de Vries");
  auto up = StartPdf(d);
  ASSERT_TRUE(up.ok());
  ASSERT_TRUE((*up)->Write("%PDF").ok());
  absl::StatusOr<Record> rec = (*up)->Finish();
  ASSERT_TRUE(rec.ok());
  vault_.Lock();
  EXPECT_TRUE(
      absl::IsPermissionDenied(vault_.Unlock("fout fout fout").status()));
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  ASSERT_TRUE(vault_.OpenAttachment(d, rec->id()).ok());

  absl::StatusOr<std::vector<JournalView>> j = vault_.ReadJournal("");
  ASSERT_TRUE(j.ok()) << j.status();
  ASSERT_EQ(j->size(), 3u);  // newest first
  EXPECT_EQ((*j)[0].entry.action(), "export");
  EXPECT_EQ((*j)[0].entry.dossier_id(), d);
  EXPECT_EQ((*j)[1].entry.action(), "unlock");
  EXPECT_EQ((*j)[2].entry.action(), "unlock_failed");
  EXPECT_EQ((*j)[2].entry.outcome(), "denied");
  EXPECT_EQ(vault_.ReadJournal(d)->size(), 1u);
  absl::StatusOr<AuditReport> ok = vault_.VerifyHistory();
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->journal_entries, 3u);
  EXPECT_EQ(ok->journal_failures, 0u);

  store_->DropLogEntry(kJournalRef, 1);  // delete the unlock entry
  absl::StatusOr<AuditReport> bad = vault_.VerifyHistory();
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->journal_failures, 1u);
  EXPECT_EQ(bad->journal_first_bad, "log1");
  EXPECT_TRUE(
      absl::StrContains(bad->journal_problem, "missing or was altered"));
}

TEST_F(VaultDomainTest, TheJournalKeepsFiveYearsThenRemovesAndStillVerifies) {
  store_->SetLogClock([this] { return absl::ToUnixSeconds(clock_.Now()); });
  const std::string pass = "lang genoeg wachtwoord";
  auto relock = [&] {
    vault_.Lock();
    ASSERT_TRUE(vault_.Unlock(pass).ok());
  };
  relock();  // 2026-11-23
  const size_t first = vault_.ReadJournal("")->size();
  ASSERT_GE(first, 1u);
  clock_.Advance(absl::Hours(24 * 1095));  // three years on
  relock();
  EXPECT_EQ(vault_.ReadJournal("")->size(), first + 1);
  // Past the five-year term, but not yet a month past: left as it is.
  clock_.Advance(absl::Hours(24 * 750));
  relock();
  EXPECT_EQ(vault_.ReadJournal("")->size(), first + 2);
  // A month past the term: everything from before 2027-01-01 goes.
  clock_.Advance(absl::Hours(24 * 20));
  relock();
  absl::StatusOr<std::vector<JournalView>> j = vault_.ReadJournal("");
  ASSERT_TRUE(j.ok());
  ASSERT_EQ(j->size(), 4u);
  EXPECT_EQ((*j)[0].entry.action(), "journal_retention");
  EXPECT_EQ((*j)[0].entry.reason(),
            absl::StrCat(first,
                         " entries from before 2027-01-01 removed (kept 5 "
                         "years)"));
  for (const JournalView& v : *j) {
    EXPECT_GE(FromProtoTime(v.entry.time()),
              absl::FromCivil(absl::CivilDay(2027, 1, 1), absl::UTCTimeZone()));
  }
  absl::StatusOr<AuditReport> ok = vault_.VerifyHistory();
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->journal_entries, 4u);
  EXPECT_EQ(ok->journal_failures, 0u)
      << ok->journal_problem << " at " << ok->journal_first_bad;
  // The same gap without the signed word that retention made it is loss.
  store_->ClearPruneMark(kJournalRef);
  absl::StatusOr<AuditReport> bad = vault_.VerifyHistory();
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->journal_failures, 1u);
  EXPECT_TRUE(absl::StrContains(bad->journal_problem, "before this one"));
}

TEST_F(VaultDomainTest, TheProfileSetsAShorterJournalTerm) {
  store_->SetLogClock([this] { return absl::ToUnixSeconds(clock_.Now()); });
  Record profile = Fixture("practice_profile");
  profile.mutable_practice_profile()->set_journal_retention_years(1);
  ASSERT_TRUE(vault_.CreateRecord("", profile, "").ok());
  vault_.Lock();
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  clock_.Advance(absl::Hours(24 * 400));
  vault_.Lock();
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  absl::StatusOr<std::vector<JournalView>> j = vault_.ReadJournal("");
  ASSERT_TRUE(j.ok());
  ASSERT_EQ(j->size(), 2u);  // the last unlock, and the removal
  EXPECT_TRUE(absl::StrContains((*j)[0].entry.reason(), "(kept 1 years)"));
  Record too_long = Fixture("practice_profile");
  too_long.mutable_practice_profile()->set_journal_retention_years(31);
  absl::StatusOr<Record> current =
      vault_.ListRecords("", kluis::v1::RECORD_KIND_PRACTICE_PROFILE)
          .value()
          .front();
  too_long.set_id(current->id());
  absl::StatusOr<Record> refused = vault_.UpdateRecord("", too_long, "", "");
  EXPECT_TRUE(absl::IsInvalidArgument(refused.status()));
  EXPECT_TRUE(absl::StrContains(refused.status().message(),
                                "practice_profile.journal_retention_years"))
      << refused.status();
}

}  // namespace
}  // namespace kluis::core
