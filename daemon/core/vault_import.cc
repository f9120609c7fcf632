// Vault::Import: many dossiers and organisations in one commit. Everything is
// validated before anything is written; keys are made durable together; records
// are encrypted on all unlock threads; the store writes the commit as one pack.
#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

absl::StatusOr<ImportResult> Vault::Import(ImportRequest request) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  ImportResult result;
  const size_t n_items = request.dossiers.size() + request.organisations.size();
  if (n_items == 0) return result;
  if (n_items > kMaxImportBatch) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dossiers: at most ", kMaxImportBatch, " items per request"));
  }
  const std::string& reason = request.reason;
  absl::Status s = ValidateReason(reason);
  if (!s.ok()) return s;

  // Validate and stamp everything first: all or nothing.
  const absl::Time now = clock_->Now();
  struct Pending {
    std::string dossier_id;
    std::vector<Record> records;  // the head record first
  };
  std::vector<Record> orgs(request.organisations.size());
  auto refuse = [&](std::string item, const absl::Status& st) {
    result.refused.push_back({std::move(item), std::string(st.message())});
  };
  for (size_t i = 0; i < orgs.size(); ++i) {
    *orgs[i].mutable_organisation() = std::move(request.organisations[i]);
    s = NormalizeAndValidate(&orgs[i]);
    if (!s.ok()) {
      refuse(absl::StrCat("organisations[", i, "]"), s);
      continue;
    }
    Stamp(&orgs[i], NewId(), "", now, reason);
  }
  std::vector<Pending> pending(request.dossiers.size());
  size_t total = orgs.size();
  for (size_t i = 0; i < pending.size(); ++i) {
    Pending& p = pending[i];
    ImportItem& item = request.dossiers[i];
    p.dossier_id = NewId();
    Record head;
    *head.mutable_client() = std::move(item.client);
    s = NormalizeAndValidate(&head);
    if (!s.ok()) {
      refuse(absl::StrCat("dossiers[", i, "]"), s);
      continue;
    }
    Stamp(&head, NewId(), p.dossier_id, now, reason);
    p.records.push_back(std::move(head));
    for (size_t j = 0; j < item.notes.size() && s.ok(); ++j) {
      Record note;
      *note.mutable_note() = std::move(item.notes[j]);
      s = NormalizeAndValidate(&note);
      if (!s.ok()) {
        refuse(absl::StrCat("dossiers[", i, "].notes[", j, "]"), s);
        break;
      }
      Stamp(&note, NewId(), p.dossier_id, now, reason);
      ApplyToFacts(note.id(), &note, p.records.front().mutable_facts());
      p.records.push_back(std::move(note));
    }
    total += p.records.size();
  }
  if (!result.refused.empty()) {
    if (request.validate_only) return result;
    const ImportRefusal& first = result.refused.front();
    return absl::InvalidArgumentError(
        absl::StrCat(first.item, ".", first.error));
  }
  if (request.validate_only) return result;

  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  std::vector<std::string> ids;
  ids.reserve(pending.size());
  for (const Pending& p : pending) ids.push_back(p.dossier_id);
  s = keys_->BeginDossierKeys(ids);
  if (s.ok()) s = keys_->CreateDossierKeys(ids);
  if (s.ok() && !orgs.empty()) s = EnsurePracticeKey(*store);
  if (!s.ok()) {
    DropUnusedKeys(*store, ids);
    return s;
  }

  // Encrypt in parallel into preassigned slots.
  std::vector<StoreChange> changes(total);
  std::vector<size_t> first(pending.size());
  for (size_t i = 0, k = orgs.size(); i < pending.size();
       k += pending[i].records.size(), ++i) {
    first[i] = k;
  }
  std::atomic<size_t> next{0};
  absl::Mutex err_mu;
  absl::Status first_error;
  for (size_t i = 0; i < orgs.size(); ++i) {
    absl::StatusOr<std::string> sealed = SealRecord(kPracticeKeyId, orgs[i]);
    if (!sealed.ok()) return sealed.status();
    changes[i] = {PracticeRecordPath(orgs[i].id()), std::move(*sealed)};
  }
  auto work = [&] {
    for (size_t i = next++; i < pending.size(); i = next++) {
      for (size_t j = 0; j < pending[i].records.size(); ++j) {
        const Record& r = pending[i].records[j];
        absl::StatusOr<std::string> sealed = SealRecord(r.dossier_id(), r);
        if (!sealed.ok()) {
          absl::MutexLock l(&err_mu);
          if (first_error.ok()) first_error = sealed.status();
          return;
        }
        changes[first[i] + j] = {j == 0 ? DossierHeadPath(r.dossier_id())
                                        : RecordPath(r.dossier_id(), r.id()),
                                 std::move(*sealed)};
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < options_.unlock_threads; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  absl::StatusOr<std::string> commit =
      first_error.ok()
          ? (*store)->Commit(
                changes, absl::StrCat("import ", pending.size(), " dossiers, ",
                                      orgs.size(), " organisations"))
          : first_error;
  if (!commit.ok()) {
    DropUnusedKeys(*store, ids);
    return commit.status();
  }
  (void)keys_->EndDossierKeys(ids);  // if not, the next unlock keeps them
  for (const Record& org : orgs) {
    index_.PutOrganisation(org.id(), org.organisation().name());
    result.organisation_ids.push_back(org.id());
  }
  for (const Pending& p : pending) {
    DossierEntry e;
    DescribeDossier(p.records.front(), &e);
    e.records = static_cast<uint32_t>(p.records.size());
    e.updated = now;
    index_.Put(std::move(e));
  }
  result.dossier_ids = std::move(ids);
  return result;
}

}  // namespace kluis::core
