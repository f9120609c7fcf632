// Vault dossier operations: a dossier is born with its head record (a
// client or an adviser case) and its own key, and goes as a whole.
#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/dossier_ref.h"
#include "daemon/core/ids.h"
#include "daemon/core/kind_rules.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

absl::StatusOr<CreatedDossier> Vault::CreateDossier(Record record,
                                                    absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (!IsHeadKind(KindOf(record))) {
    return absl::InvalidArgumentError(
        "record: a dossier starts with a client or an adviser case");
  }
  record.clear_facts();
  absl::Status s = NormalizeAndValidate(&record);
  if (s.ok()) s = ValidateReason(reason);
  if (!s.ok()) return s;

  const absl::Time now = clock_->Now();
  CreatedDossier ids{NewId(), NewId()};
  Stamp(&record, ids.record_id, ids.dossier_id, now, reason);

  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  s = CheckReferences(*store, Place{}, record);
  if (!s.ok()) return s;
  // The key file is durable before any commit refers to it; a crash in
  // between leaves an unused key, never an unreadable record, and the
  // intent logged first lets the next unlock destroy that key.
  s = keys_->BeginDossierKeys({ids.dossier_id});
  if (s.ok()) s = keys_->CreateDossierKey(ids.dossier_id);
  if (!s.ok()) {
    DropUnusedKeys(*store, {ids.dossier_id});
    return s;
  }
  absl::StatusOr<std::string> sealed = SealRecord(ids.dossier_id, record);
  absl::StatusOr<std::string> commit =
      sealed.ok() ? (*store)->Commit(
                        {{DossierHeadPath(ids.dossier_id), std::move(*sealed)}},
                        absl::StrCat("dossier ", ids.dossier_id, ": create"))
                  : sealed.status();
  if (!commit.ok()) {
    DropUnusedKeys(*store, {ids.dossier_id});
    return commit.status();
  }
  // Left in the log on failure, the id is checked again at the next unlock
  // and kept: its dossier is committed.
  (void)keys_->EndDossierKeys({ids.dossier_id});
  DossierEntry e;
  DescribeDossier(record, &e);
  e.records = 1;
  e.updated = now;
  index_.Put(std::move(e));
  return ids;
}

namespace {

// The practice's key and the fiscal years' keys are no dossier's: a
// tampered intent log must not get them destroyed.
bool IsReservedKeyId(absl::string_view id) {
  if (id == kPracticeKeyId) return true;
  return absl::StartsWith(id, "f15ca1") &&
         absl::c_all_of(id.substr(6), absl::ascii_isdigit);
}

// Whether any version of main ever held the dossier (a deleted one keeps
// its key, for its history, until it is erased). NotFound: never.
absl::Status EverCommitted(Store* store, absl::string_view dossier_id) {
  const std::string head = DossierHeadPath(dossier_id);
  absl::Status now = store->Read(head).status();
  if (!absl::IsNotFound(now)) return now;
  bool seen = false;
  absl::Status walk = store->History(head, {}, [&](const HistoryEntry&) {
    seen = true;
    return false;
  });
  if (!walk.ok()) return walk;
  return seen ? absl::OkStatus()
              : absl::NotFoundError("dossier_id: never committed");
}

}  // namespace

void Vault::DropUnusedKeys(Store* store,
                           const std::vector<std::string>& dossier_ids) {
  std::vector<std::string> settled;
  for (const std::string& id : dossier_ids) {
    if (IsReservedKeyId(id)) {
      settled.push_back(id);
      continue;
    }
    const absl::Status ever = EverCommitted(store, id);
    if (ever.ok()) {
      settled.push_back(id);  // committed after all: the key is needed
    } else if (absl::IsNotFound(ever) && keys_->DestroyDossierKey(id).ok()) {
      settled.push_back(id);  // a key to nothing if it stayed
    }
    // Otherwise the store could not answer: the id stays in the intent
    // log and the next unlock looks again.
  }
  (void)keys_->EndDossierKeys(settled);
}

void Vault::SweepUnusedKeys(Store* store) {
  absl::StatusOr<std::vector<std::string>> pending =
      keys_->PendingDossierKeys();
  if (pending.ok() && !pending->empty()) DropUnusedKeys(store, *pending);
}

absl::StatusOr<DossierView> Vault::GetDossier(absl::string_view dossier_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<std::vector<Record>> all =
      ListRecords(dossier_id, kluis::v1::RECORD_KIND_UNSPECIFIED);
  if (!all.ok()) return all.status();
  DossierView view;
  view.entry = *entry;
  for (Record& r : *all) {
    if (r.id() == entry->head_record_id) {
      view.head = std::move(r);
    } else {
      view.records.push_back(std::move(r));
    }
  }
  return view;
}

absl::StatusOr<std::vector<DossierEntry>> Vault::ResolveDossier(
    absl::string_view ref) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (ref.size() > kMaxLineChars * 4) {
    return absl::InvalidArgumentError("dossier: longer than a name can be");
  }
  return MatchDossiers(index_.All(), ref);
}

absl::StatusOr<std::vector<DossierEntry>> Vault::ListDossiers(
    DossierQuery query) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (query.name.size() > kMaxLineChars * 4 ||
      query.organisation.size() > kMaxLineChars * 4) {
    return absl::InvalidArgumentError("query: longer than a name can be");
  }
  for (const auto& [field, date] : {std::pair<const char*, const std::string*>{
                                        "from_date", &query.from_date},
                                    {"to_date", &query.to_date}}) {
    if (!date->empty() && !IsValidDate(*date)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": must be a date as YYYY-MM-DD"));
    }
  }
  if (!kluis::v1::DossierKind_IsValid(query.kind)) {
    return absl::InvalidArgumentError("kind: unknown value");
  }
  query.today = Today();
  return index_.Search(query);
}

absl::Status Vault::DeleteDossier(absl::string_view dossier_id) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  absl::StatusOr<DossierEntry> entry = RequireDossier(dossier_id);
  if (!entry.ok()) return entry.status();
  absl::StatusOr<std::vector<std::string>> files =
      (*store)->List(DossierDir(entry->id));
  if (!files.ok()) return files.status();
  std::vector<StoreChange> changes;
  for (const std::string& f : *files) {
    changes.push_back(
        {absl::StrCat(DossierDir(entry->id), "/", f), std::nullopt});
  }
  absl::StatusOr<std::string> commit = (*store)->Commit(
      changes, absl::StrCat("dossier ", entry->id, ": delete"));
  if (!commit.ok()) return commit.status();
  index_.Remove(entry->id);
  (void)Journal(*store, "delete_dossier", entry->id, "ok", "");
  return absl::OkStatus();
}

}  // namespace kluis::core
