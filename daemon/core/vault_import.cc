// Vault::ImportDossiers: many dossiers in one commit. Everything is validated
// before anything is written; keys are made durable together; records are
// encrypted on all unlock threads; the store writes the commit as one pack.
#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/validation.h"
#include "daemon/core/vault.h"

namespace kluis::core {

using kluis::v1::Record;

namespace {

absl::Status Prefixed(const absl::Status& s, size_t i,
                      absl::string_view inner) {
  return absl::Status(
      s.code(), absl::StrCat("dossiers[", i, "]", inner, ".", s.message()));
}

}  // namespace

absl::StatusOr<std::vector<std::string>> Vault::ImportDossiers(
    std::vector<ImportItem> items, absl::string_view reason) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  if (items.empty()) return std::vector<std::string>();
  if (items.size() > kMaxImportBatch) {
    return absl::InvalidArgumentError(
        absl::StrCat("dossiers: at most ", kMaxImportBatch, " per request"));
  }
  absl::Status s = ValidateReason(reason);
  if (!s.ok()) return s;

  // Validate and stamp everything first: all or nothing.
  const absl::Time now = clock_->Now();
  struct Pending {
    std::string dossier_id;
    std::vector<Record> records;  // the client record first
  };
  std::vector<Pending> pending(items.size());
  size_t total = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    Pending& p = pending[i];
    p.dossier_id = NewId();
    Record head;
    *head.mutable_client() = std::move(items[i].client);
    s = NormalizeAndValidate(&head);
    if (!s.ok()) return Prefixed(s, i, "");
    Stamp(&head, NewId(), p.dossier_id, now, reason);
    p.records.push_back(std::move(head));
    for (size_t j = 0; j < items[i].notes.size(); ++j) {
      Record note;
      *note.mutable_note() = std::move(items[i].notes[j]);
      s = NormalizeAndValidate(&note);
      if (!s.ok()) return Prefixed(s, i, absl::StrCat(".notes[", j, "]"));
      Stamp(&note, NewId(), p.dossier_id, now, reason);
      p.records.push_back(std::move(note));
    }
    total += p.records.size();
  }

  absl::MutexLock lock(&write_mu_);
  if (absl::Status ready = Ready().status(); !ready.ok()) return ready;
  std::vector<std::string> ids;
  ids.reserve(pending.size());
  for (const Pending& p : pending) ids.push_back(p.dossier_id);
  s = keys_->CreateDossierKeys(ids);
  if (!s.ok()) return s;

  // Encrypt in parallel into preassigned slots.
  std::vector<StoreChange> changes(total);
  std::vector<size_t> first(pending.size());
  for (size_t i = 0, k = 0; i < pending.size();
       k += pending[i].records.size(), ++i) {
    first[i] = k;
  }
  std::atomic<size_t> next{0};
  absl::Mutex err_mu;
  absl::Status first_error;
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
  if (!first_error.ok()) return first_error;

  absl::StatusOr<std::string> commit = (*store)->Commit(
      changes, absl::StrCat("import ", pending.size(), " dossiers"));
  if (!commit.ok()) return commit.status();
  for (const Pending& p : pending) {
    const Record& head = p.records.front();
    index_.Put(DossierEntry{p.dossier_id, head.id(), head.client().name(),
                            static_cast<uint32_t>(p.records.size()), now});
  }
  return ids;
}

}  // namespace kluis::core
