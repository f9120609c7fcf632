// Vault lifecycle: init, start, unlock (and the index rebuild), lock, idle
// lock, passphrase change, status.
#include "daemon/core/vault.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/core/dossier_facts.h"
#include "daemon/core/ids.h"
#include "daemon/core/record_codec.h"

namespace kluis::core {

absl::Duration UnlockFailureDelay(int n) {
  if (n <= 1) return absl::ZeroDuration();
  return std::min(absl::Milliseconds(500) * (1 << std::min(n - 2, 6)),
                  absl::Seconds(8));
}

Vault::Vault(StoreOpener opener, KeyRing* keys, Clock* clock,
             VaultOptions options)
    : opener_(std::move(opener)),
      keys_(keys),
      clock_(clock),
      options_(options) {}

absl::Status Vault::Start() {
  absl::MutexLock lock(&lifecycle_mu_);
  if (!keys_->Exists()) return absl::OkStatus();  // waiting for init
  absl::StatusOr<std::unique_ptr<Store>> store = opener_(false);
  if (!store.ok()) {
    return absl::DataLossError(
        "vault: keys exist but the repository does not open");
  }
  store_ = std::move(*store);
  // Every commit is signed; the signer fails while the keys are locked,
  // and nothing commits then anyway.
  store_->SetSigner([keys = keys_](absl::string_view commit) {
    return keys->SignCommit(commit);
  });
  return absl::OkStatus();
}

absl::StatusOr<std::string> Vault::Init(absl::string_view passphrase) {
  if (passphrase.size() < 8) {
    return absl::InvalidArgumentError(
        "passphrase: must be at least 8 characters");
  }
  absl::MutexLock lock(&lifecycle_mu_);
  if (store_ != nullptr || keys_->Exists()) {
    return absl::AlreadyExistsError("vault: already initialised");
  }
  // Repository first: a crash (or a failure) before the keys exist leaves an
  // empty repository that the next init takes over, never keys without one.
  absl::StatusOr<std::unique_ptr<Store>> store = opener_(true);
  if (absl::IsAlreadyExists(store.status())) {
    store = opener_(false);
    if (store.ok()) {
      absl::StatusOr<std::string> head = (*store)->Head();
      if (!head.ok() || !head->empty()) {
        return absl::AlreadyExistsError(
            "vault: a repository with history exists but its keys do not");
      }
    }
  }
  if (!store.ok()) return store.status();
  absl::StatusOr<std::string> recovery = keys_->Create(passphrase);
  if (!recovery.ok()) return recovery.status();
  absl::Status practice = keys_->CreateDossierKey(kPracticeKeyId);
  if (!practice.ok()) return practice;
  store_ = std::move(*store);
  // Every commit is signed; the signer fails while the keys are locked,
  // and nothing commits then anyway.
  store_->SetSigner([keys = keys_](absl::string_view commit) {
    return keys->SignCommit(commit);
  });
  unlocked_ = true;
  last_activity_ = clock_->Now();
  index_.Clear();
  return recovery;
}

absl::StatusOr<UnlockResult> Vault::Unlock(absl::string_view passphrase) {
  return UnlockWith([&] { return keys_->Unlock(passphrase); },
                    /*recovery=*/false);
}

absl::StatusOr<UnlockResult> Vault::Recover(absl::string_view recovery_key,
                                            absl::string_view new_passphrase) {
  if (new_passphrase.size() < 8) {
    return absl::InvalidArgumentError(
        "new_passphrase: must be at least 8 characters");
  }
  return UnlockWith(
      [&] { return keys_->Recover(recovery_key, new_passphrase); },
      /*recovery=*/true);
}

absl::StatusOr<UnlockResult> Vault::UnlockWith(
    const std::function<absl::Status()>& open_keys, bool recovery) {
  absl::MutexLock serial(&unlock_mu_);
  bool was_unlocked = false;
  Store* store = nullptr;
  uint64_t generation = 0;
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return NoVaultError();
    // Recovery sets a new passphrase, also on an unlocked vault.
    if (unlocked_ && !recovery) {
      last_activity_ = clock_->Now();
      return UnlockResult{index_.size(), {}};
    }
    was_unlocked = unlocked_;
    store = store_.get();
    generation = generation_;
  }
  absl::Status s = open_keys();
  if (absl::IsPermissionDenied(s)) {
    int failures;
    {
      absl::MutexLock lock(&lifecycle_mu_);
      failures = ++failed_unlocks_;
    }
    // Journalled whatever happens next; a journal that cannot be written
    // must not turn a wrong passphrase into another error.
    (void)Journal(store, "unlock_failed", "", "denied", "");
    clock_->SleepFor(UnlockFailureDelay(failures));
    return absl::PermissionDeniedError(
        recovery ? "recovery_key: not this vault's recovery key"
                 : "passphrase: wrong");
  }
  if (!s.ok()) return s;
  UnlockResult result;
  if (was_unlocked) {
    (void)Journal(store, "unlock_recovery", "", "ok", "");
    absl::MutexLock lock(&lifecycle_mu_);
    last_activity_ = clock_->Now();
    result.dossiers = index_.size();
    return result;
  }
  s = RebuildIndex(store, &result.unreadable);
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (generation != generation_) {
      // Locked while we were unlocking: Lock() has dropped the keys already.
      ForgetPlaintext();
      return absl::FailedPreconditionError(
          "vault: locked again while unlocking");
    }
    if (!s.ok()) {
      keys_->Lock();
      ForgetPlaintext();
      return s;
    }
    unlocked_ = true;
    failed_unlocks_ = 0;
    last_activity_ = clock_->Now();
    result.dossiers = index_.size();
  }
  // The recovery key was used and the passphrase replaced: worth seeing.
  (void)Journal(store, recovery ? "unlock_recovery" : "unlock", "", "ok", "");
  (void)ApplyJournalRetention(store);
  SweepErasedKeys(store);
  {
    // A create in flight holds write_mu_ from its intent to its commit.
    absl::MutexLock write(&write_mu_);
    SweepUnusedKeys(store);
  }
  return result;
}

void Vault::Lock() {
  // Waits for a mutation in flight, so that nothing it learnt lands in the
  // index (or the key cache) after the lock.
  absl::MutexLock write(&write_mu_);
  absl::MutexLock lock(&lifecycle_mu_);
  ++generation_;
  keys_->Lock();
  ForgetPlaintext();
  unlocked_ = false;
}

void Vault::ForgetPlaintext() {
  index_.Clear();
  absl::MutexLock lock(&profile_mu_);
  profile_.reset();
}

bool Vault::LockIfIdle() {
  if (options_.idle_lock <= absl::ZeroDuration()) return false;
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (!unlocked_ || clock_->Now() - last_activity_ < options_.idle_lock) {
      return false;
    }
  }
  Lock();
  return true;
}

absl::Status Vault::ChangePassphrase(absl::string_view old_passphrase,
                                     absl::string_view new_passphrase) {
  if (new_passphrase.size() < 8) {
    return absl::InvalidArgumentError(
        "new_passphrase: must be at least 8 characters");
  }
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return NoVaultError();
    last_activity_ = clock_->Now();
  }
  absl::Status s = keys_->ChangePassphrase(old_passphrase, new_passphrase);
  if (absl::IsPermissionDenied(s)) {
    return absl::PermissionDeniedError("old_passphrase: wrong");
  }
  return s;
}

VaultStatus Vault::Status() {
  VaultStatus st;
  Store* store = nullptr;
  {
    absl::MutexLock lock(&lifecycle_mu_);
    st.initialized = store_ != nullptr;
    st.unlocked = unlocked_;
    store = store_.get();
  }
  if (st.unlocked) {
    st.dossiers = index_.size();
    const std::string today = Today();
    const RetentionTerms terms = Terms();
    for (const DossierEntry& e : index_.All()) {
      st.working_notes_overdue += e.OverdueWorkingNotes(today);
      for (const kluis::v1::RetentionItem& item : RetentionOf(e, terms)) {
        st.retention_due += item.due_date() <= today;
      }
    }
    if (store != nullptr) {
      for (const kluis::v1::RetentionItem& item : FiscalItems(store)) {
        st.retention_due += item.due_date() <= today;
      }
      CountOpenRequests(store, today, &st);
    }
  }
  if (store != nullptr) {
    absl::StatusOr<std::string> head = store->Head();
    if (head.ok()) st.head = *head;
    const absl::Status health = store->WriteHealth();
    if (!health.ok()) st.write_problem = std::string(health.message());
    if (st.unlocked) st.history_problem = HistoryProblem(store);
  }
  {
    absl::MutexLock lock(&journal_health_mu_);
    if (journal_failures_ > 0) {
      st.journal_problem = absl::StrCat(
          journal_problem_, "; ", journal_failures_,
          journal_failures_ == 1 ? " entry" : " entries",
          " not recorded since kluisd started. Restart kluisd; if this comes "
          "back, make a backup and have the disk checked");
    }
  }
  return st;
}

absl::StatusOr<Store*> Vault::Ready() {
  absl::MutexLock lock(&lifecycle_mu_);
  if (store_ == nullptr) return NoVaultError();
  if (!unlocked_) return LockedError();
  last_activity_ = clock_->Now();
  return store_.get();
}

absl::StatusOr<DossierEntry> Vault::LoadDossierEntry(Store* store,
                                                     const std::string& id) {
  absl::StatusOr<kluis::v1::Record> head =
      ReadRecord(store, id, DossierHeadPath(id));
  if (!head.ok()) return head.status();
  absl::StatusOr<std::vector<std::string>> files = store->List(DossierDir(id));
  if (!files.ok()) return files.status();
  DossierEntry e;
  DescribeDossier(*head, &e);
  e.id = id;  // the path decides, whatever the file claims
  e.records = static_cast<uint32_t>(std::count_if(
      files->begin(), files->end(),
      [](const std::string& f) { return !absl::EndsWith(f, kDataSuffix); }));
  e.updated = FromProtoTime(head->updated());
  return e;
}

absl::Status Vault::LoadPractice(Store* store,
                                 std::vector<std::string>* unreadable) {
  absl::StatusOr<std::vector<std::string>> files = store->List(kPracticeRoot);
  if (!files.ok()) return files.status();
  for (const std::string& f : *files) {
    const std::string path = absl::StrCat(kPracticeRoot, "/", f);
    absl::StatusOr<kluis::v1::Record> r =
        ReadRecord(store, kPracticeKeyId, path);
    if (absl::IsDataLoss(r.status()) || absl::IsNotFound(r.status())) {
      unreadable->push_back(path);
      continue;
    }
    if (!r.ok()) return r.status();
    if (r->has_organisation()) {
      index_.PutOrganisation(r->id(), r->organisation().name());
    } else if (r->has_practice_profile()) {
      absl::MutexLock lock(&profile_mu_);
      profile_ = std::move(*r);
    }
  }
  return absl::OkStatus();
}

absl::Status Vault::RebuildIndex(Store* store,
                                 std::vector<std::string>* unreadable) {
  ForgetPlaintext();
  absl::Status practice = LoadPractice(store, unreadable);
  if (!practice.ok()) return practice;
  std::vector<std::string> ids;
  absl::StatusOr<std::vector<std::string>> shards = store->List(kDossiersRoot);
  if (!shards.ok()) return shards.status();
  for (const std::string& shard : *shards) {
    absl::StatusOr<std::vector<std::string>> in =
        store->List(absl::StrCat(kDossiersRoot, "/", shard));
    if (!in.ok()) return in.status();
    for (std::string& id : *in) {
      if (IsValidId(id)) ids.push_back(std::move(id));
    }
  }
  // Decrypting the head records is the cost of unlocking: spread it.
  std::atomic<size_t> next{0};
  absl::Mutex err_mu;
  absl::Status first_error;
  auto work = [&] {
    for (size_t i = next++; i < ids.size(); i = next++) {
      absl::StatusOr<DossierEntry> e = LoadDossierEntry(store, ids[i]);
      if (!e.ok()) {
        absl::MutexLock lock(&err_mu);
        if (absl::IsDataLoss(e.status()) || absl::IsNotFound(e.status())) {
          unreadable->push_back(ids[i]);  // damaged or missing: skip it
          continue;
        }
        if (first_error.ok()) first_error = e.status();
        return;
      }
      index_.Put(std::move(*e));
    }
  };
  std::vector<std::thread> threads;
  const int n =
      std::max(1, std::min<int>(options_.unlock_threads,
                                static_cast<int>(ids.size() / 64) + 1));
  for (int t = 1; t < n; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return first_error;
}

}  // namespace kluis::core
