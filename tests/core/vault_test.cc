// core::Vault with in-memory fakes: the lifecycle rules, the data operations,
// and that bad input changes nothing.
#include "daemon/core/vault.h"

#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "tests/core/fakes.h"

namespace kluis::core {
namespace {

using kluis::v1::Client;
using kluis::v1::Record;

class VaultTest : public ::testing::Test {
 protected:
  // Like a repository on disk: create refuses an existing one, open finds it.
  VaultTest()
      : vault_(
            [this](bool create) -> absl::StatusOr<std::unique_ptr<Store>> {
              if (create && created_) return absl::AlreadyExistsError("exists");
              if (!create && !created_) return absl::NotFoundError("none");
              created_ = true;
              auto s = std::make_unique<FakeStore>();
              store_ = s.get();
              return std::unique_ptr<Store>(std::move(s));
            },
            &keys_, &clock_, {absl::Minutes(10), 2}) {}

  static Record AsHead(const Client& c) {
    Record r;
    *r.mutable_client() = c;
    return r;
  }
  static DossierQuery Named(const std::string& name) {
    DossierQuery q;
    q.name = name;
    return q;
  }
  absl::StatusOr<ImportResult> Import(std::vector<ImportItem> items,
                                      const std::string& reason) {
    ImportRequest req;
    req.dossiers = std::move(items);
    req.reason = reason;
    return vault_.Import(std::move(req));
  }

  void InitVault() { ASSERT_TRUE(vault_.Init("lang genoeg wachtwoord").ok()); }

  std::string AddClient(const std::string& name) {
    Client c;
    c.set_name(name);
    absl::StatusOr<CreatedDossier> d = vault_.CreateDossier(AsHead(c), "");
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->dossier_id : "";
  }

  Record Note(const std::string& text) {
    Record r;
    r.mutable_note()->set_text(text);
    return r;
  }

  FakeKeyRing keys_;
  FakeClock clock_;
  FakeStore* store_ = nullptr;
  bool created_ = false;
  Vault vault_;
};

TEST_F(VaultTest, EverythingNeedsAnInitialisedAndUnlockedVault) {
  Client c;
  c.set_name("Jan Jansen");
  absl::Status s = vault_.CreateDossier(AsHead(c), "").status();
  EXPECT_TRUE(absl::IsFailedPrecondition(s));
  EXPECT_TRUE(absl::StrContains(s.message(), "kluis init"));
  InitVault();
  vault_.Lock();
  s = vault_.ListDossiers(Named("")).status();
  EXPECT_EQ(s.message(), "vault is locked: run kluis unlock");
  EXPECT_TRUE(
      absl::IsAlreadyExists(vault_.Init("lang genoeg wachtwoord").status()));
}

TEST_F(VaultTest, InitTakesOverTheEmptyRepositoryOfAFailedInit) {
  keys_.fail_create = true;
  EXPECT_FALSE(vault_.Init("lang genoeg wachtwoord").ok());
  EXPECT_TRUE(created_);  // the repository came first
  keys_.fail_create = false;
  ASSERT_TRUE(vault_.Init("lang genoeg wachtwoord").ok());
  EXPECT_TRUE(vault_.Status().unlocked);
}

TEST_F(VaultTest, ALockDuringUnlockLeavesTheVaultLocked) {
  InitVault();
  AddClient("Fenna de Vries");
  vault_.Lock();
  keys_.on_unlock = [this] {
    std::thread t([this] { vault_.Lock(); });  // e.g. the idle lock firing
    t.join();
  };
  absl::Status s = vault_.Unlock("lang genoeg wachtwoord").status();
  keys_.on_unlock = nullptr;
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_FALSE(vault_.Status().unlocked);
  EXPECT_TRUE(
      absl::IsFailedPrecondition(vault_.ListDossiers(Named("")).status()));
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  EXPECT_EQ(vault_.ListDossiers(Named(""))->size(), 1u);
}

TEST_F(VaultTest, ADamagedDossierDoesNotLockOutTheRest) {
  InitVault();
  const std::string bad = AddClient("Beschadigd Dossier");
  const std::string good = AddClient("Heel Dossier");
  store_->Corrupt(DossierHeadPath(bad));
  vault_.Lock();
  absl::StatusOr<UnlockResult> r = vault_.Unlock("lang genoeg wachtwoord");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->dossiers, 1u);
  EXPECT_EQ(r->unreadable, std::vector<std::string>{bad});
  EXPECT_TRUE(vault_.GetDossier(good).ok());
  EXPECT_TRUE(absl::IsNotFound(vault_.GetDossier(bad).status()));
}

TEST_F(VaultTest, InitRefusesShortPassphrases) {
  EXPECT_TRUE(absl::IsInvalidArgument(vault_.Init("kort").status()));
  EXPECT_FALSE(keys_.Exists());
}

TEST_F(VaultTest, WrongPassphraseWaitsLongerEachTimeAndCreatesNothing) {
  InitVault();
  vault_.Lock();
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(absl::IsPermissionDenied(
        vault_.Unlock("verkeerd wachtwoord").status()));
  }
  const std::vector<absl::Duration> sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 4u);
  EXPECT_EQ(sleeps[0], absl::ZeroDuration());
  EXPECT_LT(sleeps[1], sleeps[2]);
  EXPECT_LT(sleeps[2], sleeps[3]);
  EXPECT_EQ(store_->commits(), 0u);
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  vault_.Lock();
  EXPECT_TRUE(
      absl::IsPermissionDenied(vault_.Unlock("nog eens fout").status()));
  EXPECT_EQ(clock_.sleeps().back(), absl::ZeroDuration());  // reset by success
}

TEST_F(VaultTest, CreateReadSearchAndLockClearsTheIndex) {
  InitVault();
  const std::string a = AddClient("Fenna de Vries");
  const std::string b = AddClient("Bram Mulder");
  ASSERT_TRUE(vault_.CreateRecord(a, Note("Intake."), "").ok());
  absl::StatusOr<std::vector<DossierEntry>> found =
      vault_.ListDossiers(Named("VRIES"));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, a);
  EXPECT_EQ((*found)[0].records, 2u);
  absl::StatusOr<DossierView> view = vault_.GetDossier(a);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->head.client().name(), "Fenna de Vries");
  ASSERT_EQ(view->records.size(), 1u);
  EXPECT_EQ(view->records[0].note().text(), "Intake.");
  EXPECT_EQ(view->records[0].note().date(), "2026-11-23");  // defaulted

  vault_.Lock();
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  found = vault_.ListDossiers(Named(""));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->size(), 2u);  // rebuilt from the store
  EXPECT_EQ((*found)[0].id, b);  // sorted by name
}

TEST_F(VaultTest, StoredFormIsTheRecordEnvelopeAndPathsHoldNoData) {
  InitVault();
  const std::string d = AddClient("Fenna de Vries");
  for (const auto& [path, value] : store_->files()) {
    EXPECT_FALSE(absl::StrContains(path, "Fenna")) << path;
    EXPECT_TRUE(absl::StartsWith(path, DossierDir(d))) << path;
  }
  for (const std::string& m : store_->messages()) {
    EXPECT_FALSE(absl::StrContains(m, "Fenna")) << m;
  }
  absl::StatusOr<std::string> sealed = store_->Read(DossierHeadPath(d));
  ASSERT_TRUE(sealed.ok());
  absl::StatusOr<std::string> json = keys_.Open(d, *sealed);
  ASSERT_TRUE(json.ok());
  absl::StatusOr<Record> r = DecodeRecord(*json);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind(), kluis::v1::RECORD_KIND_CLIENT);
  EXPECT_EQ(r->schema_version(), kRecordSchemaVersion);
  EXPECT_EQ(r->dossier_id(), d);
}

TEST_F(VaultTest, BadInputIsRefusedAndChangesNothing) {
  InitVault();
  const std::string d = AddClient("Fenna de Vries");
  const size_t commits = store_->commits();
  Client bad;
  bad.set_name("Fenna");
  bad.set_email("geen-adres");
  EXPECT_TRUE(
      absl::IsInvalidArgument(vault_.CreateDossier(AsHead(bad), "").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(vault_.CreateRecord(d, Note(""), "").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      vault_.CreateRecord("xyz", Note("a"), "").status()));
  EXPECT_TRUE(
      absl::IsNotFound(vault_.CreateRecord(NewId(), Note("a"), "").status()));
  EXPECT_TRUE(absl::IsNotFound(vault_.GetRecord(d, NewId()).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      vault_.CreateRecord(d, Note("ok"), std::string(1001, 'r')).status()));
  Record client_again;
  client_again.mutable_client()->set_name("Tweede");
  EXPECT_TRUE(absl::IsInvalidArgument(
      vault_.CreateRecord(d, client_again, "").status()));
  EXPECT_EQ(store_->commits(), commits);
}

TEST_F(VaultTest, UpdateChecksTheVersionItReplaces) {
  InitVault();
  const std::string d = AddClient("Fenna de Vries");
  absl::StatusOr<std::string> id =
      vault_.CreateRecord(d, Note("Eerste versie."), "");
  ASSERT_TRUE(id.ok());
  absl::StatusOr<Record> r = vault_.GetRecord(d, *id);
  ASSERT_TRUE(r.ok());
  const std::string v1 = ToRfc3339(FromProtoTime(r->updated()));
  clock_.Advance(absl::Seconds(5));
  Record next = *r;
  next.mutable_note()->set_text("Tweede versie.");
  ASSERT_TRUE(vault_.UpdateRecord(d, next, v1, "typo").ok());
  next.mutable_note()->set_text("Derde versie.");
  absl::Status stale = vault_.UpdateRecord(d, next, v1, "").status();
  EXPECT_TRUE(absl::IsFailedPrecondition(stale));
  EXPECT_EQ(vault_.GetRecord(d, *id)->note().text(), "Tweede versie.");
  EXPECT_EQ(vault_.GetRecord(d, *id)->reason(), "typo");
  // Changing the kind is refused.
  Record as_client = next;
  as_client.mutable_client()->set_name("X");
  EXPECT_TRUE(absl::IsInvalidArgument(
      vault_.UpdateRecord(d, as_client, "", "").status()));
}

TEST_F(VaultTest, UpdatingTheClientRenamesTheDossier) {
  InitVault();
  const std::string d = AddClient("Fenna de Vries");
  absl::StatusOr<DossierView> v = vault_.GetDossier(d);
  ASSERT_TRUE(v.ok());
  Record c = v->head;
  c.mutable_client()->set_name("Fenna van Dijk");
  ASSERT_TRUE(vault_.UpdateRecord(d, c, "", "").ok());
  EXPECT_EQ(vault_.ListDossiers(Named("dijk"))->size(), 1u);
  EXPECT_EQ(vault_.ListDossiers(Named("vries"))->size(), 0u);
}

TEST_F(VaultTest, DeletesRecordsAndDossiers) {
  InitVault();
  const std::string d = AddClient("Fenna de Vries");
  absl::StatusOr<std::string> n =
      vault_.CreateRecord(d, Note("Weg ermee."), "");
  ASSERT_TRUE(n.ok());
  const std::string head_id = vault_.GetDossier(d)->head.id();
  EXPECT_TRUE(absl::IsInvalidArgument(vault_.DeleteRecord(d, head_id)));
  ASSERT_TRUE(vault_.DeleteRecord(d, *n).ok());
  EXPECT_TRUE(absl::IsNotFound(vault_.DeleteRecord(d, *n)));
  ASSERT_TRUE(vault_.DeleteDossier(d).ok());
  EXPECT_TRUE(absl::IsNotFound(vault_.GetDossier(d).status()));
  EXPECT_TRUE(store_->files().empty());
}

TEST_F(VaultTest, LocksAfterTheIdleTime) {
  InitVault();
  clock_.Advance(absl::Minutes(9));
  EXPECT_FALSE(vault_.LockIfIdle());
  ASSERT_TRUE(vault_.ListDossiers(Named("")).ok());  // activity
  clock_.Advance(absl::Minutes(9));
  EXPECT_FALSE(vault_.LockIfIdle());
  clock_.Advance(absl::Minutes(2));
  EXPECT_TRUE(vault_.LockIfIdle());
  EXPECT_FALSE(vault_.Status().unlocked);
}

TEST_F(VaultTest, ImportIsOneCommitAndAllOrNothing) {
  InitVault();
  std::vector<ImportItem> items(50);
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].client.set_name(absl::StrCat("Cliënt ", i));
    items[i].notes.resize(2);
    items[i].notes[0].set_text("eerste");
    items[i].notes[1].set_text("tweede");
  }
  std::vector<ImportItem> bad = items;
  bad[17].notes[1].set_date("2026-02-30");
  absl::Status s = Import(bad, "").status();
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_EQ(s.message(),
            "dossiers[17].notes[1].note.date: that day does not exist");
  EXPECT_EQ(store_->commits(), 0u);
  EXPECT_EQ(vault_.ListDossiers(Named(""))->size(), 0u);

  absl::StatusOr<ImportResult> result = Import(items, "migratie");
  ASSERT_TRUE(result.ok()) << result.status();
  const std::vector<std::string>* ids = &result->dossier_ids;
  ASSERT_EQ(ids->size(), 50u);
  EXPECT_EQ(store_->commits(), 1u);
  EXPECT_EQ(store_->files().size(), 150u);
  EXPECT_EQ(vault_.ListDossiers(Named("cliënt 4"))->size(), 11u);  // 4, 40..49
  absl::StatusOr<DossierView> v = vault_.GetDossier((*ids)[3]);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->head.client().name(), "Cliënt 3");
  EXPECT_EQ(v->records.size(), 2u);
  EXPECT_EQ(v->head.reason(), "migratie");
  vault_.Lock();
  ASSERT_TRUE(vault_.Unlock("lang genoeg wachtwoord").ok());
  EXPECT_EQ(vault_.ListDossiers(Named(""))->size(), 50u);
}

TEST_F(VaultTest, ACreateOrImportThatDoesNotCommitLeavesNoKeyBehind) {
  InitVault();
  AddClient("Mila Brouwer");
  const size_t keys = keys_.key_count();
  store_->fail_commits = absl::ResourceExhaustedError("disk full");
  Client c;
  c.set_name("Jasper Bakker");
  EXPECT_TRUE(
      absl::IsResourceExhausted(vault_.CreateDossier(AsHead(c), "").status()));
  std::vector<ImportItem> items(3);
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].client.set_name(absl::StrCat("Cliënt ", i));
  }
  EXPECT_TRUE(absl::IsResourceExhausted(Import(items, "").status()));
  EXPECT_EQ(keys_.key_count(), keys);
  EXPECT_EQ(keys_.destroyed.size(), 4u);
  // The dossier that was committed keeps its key.
  store_->fail_commits = absl::OkStatus();
  EXPECT_EQ(vault_.ListDossiers(Named(""))->size(), 1u);
  const std::string kept = vault_.ListDossiers(Named(""))->front().id;
  EXPECT_TRUE(keys_.HasKey(kept));
}

TEST_F(VaultTest, ConcurrentNotesAreAllKept) {
  InitVault();
  const std::string d = AddClient("Fenna de Vries");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i)
        ASSERT_TRUE(vault_.CreateRecord(d, Note("n"), "").ok());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(vault_.ListRecords(d, kluis::v1::RECORD_KIND_NOTE)->size(), 100u);
  EXPECT_EQ(vault_.ListDossiers(Named(""))->at(0).records, 101u);
}

}  // namespace
}  // namespace kluis::core
