// Vault::VerifyHistory and the signer: every commit kluisd makes is signed
// with the vault's key, so that a commit made or rewritten by anyone else
// shows.
#include <google/protobuf/util/json_util.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "daemon/core/record_codec.h"
#include "daemon/core/vault.h"

namespace kluis::core {

absl::StatusOr<std::string> Vault::SignerPublicKey() {
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return NoVaultError();
  }
  return keys_->SignerPublicKey();
}

absl::StatusOr<AuditReport> Vault::VerifyHistory() {
  Store* store = nullptr;
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return NoVaultError();
    store = store_.get();
  }
  AuditReport report;
  absl::Status s = VerifyCommits(store, "", &report);
  if (!s.ok()) return s;
  s = VerifyJournal(store, &report);
  if (!s.ok()) return s;
  return report;
}

absl::Status Vault::VerifyCommits(Store* store, absl::string_view stop_at,
                                  AuditReport* report, uint64_t max_commits) {
  std::string expected;  // the parent named by the newer commit
  bool expect_end = false;
  bool met_stop = false;
  uint64_t walked = 0;
  auto fail = [&](const std::string& id, std::string problem) {
    // Walking backwards in time: the last failure seen is the oldest.
    ++report->failures;
    report->first_bad_commit = id;
    report->problem = std::move(problem);
  };
  // Signatures are checked a batch at a time on two threads (the costly
  // part: one Ed25519 verification per commit), the chain in order.
  std::vector<CommitRecord> batch;
  auto check_batch = [&] {
    std::vector<std::string> problems(batch.size());
    auto verify = [&](size_t from) {
      for (size_t i = from; i < batch.size(); i += 2) {
        if (batch[i].signature.empty()) {
          problems[i] = "signature: missing";
          continue;
        }
        absl::Status v =
            keys_->VerifyCommit(batch[i].signed_data, batch[i].signature);
        if (!v.ok()) problems[i] = std::string(v.message());
      }
    };
    std::thread second(verify, 1);
    verify(0);
    second.join();
    for (size_t i = 0; i < batch.size(); ++i) {
      const CommitRecord& c = batch[i];
      ++report->commits;
      if (expect_end) {
        fail(c.id, "history: a second root commit");
      } else if (!expected.empty() && c.id != expected) {
        fail(c.id, "history: not the parent the next commit names");
      }
      if (c.parents.size() > 1) {
        fail(c.id, "history: a merge; kluisd never merges");
      }
      if (!problems[i].empty()) fail(c.id, problems[i]);
      expect_end = c.parents.empty();
      expected = c.parents.empty() ? "" : c.parents[0];
    }
    batch.clear();
  };
  absl::Status s = store->WalkHistory([&](const CommitRecord& c) {
    if (!stop_at.empty() && c.id == stop_at) {
      met_stop = true;
      return false;
    }
    if (max_commits != 0 && walked == max_commits) return false;
    ++walked;
    batch.push_back(c);
    if (batch.size() == 512) check_batch();
    return true;
  });
  check_batch();
  if (!s.ok()) return s;
  if (!stop_at.empty()) {
    if (!met_stop) {
      fail(std::string(stop_at),
           "history: a version checked before is no longer in it (the "
           "history was rewritten)");
    } else if (!expected.empty() && expected != stop_at) {
      fail(std::string(stop_at),
           "history: not the parent the next commit names");
    }
  }
  return absl::OkStatus();
}

std::string Vault::HistoryProblem(Store* store) {
  absl::MutexLock lock(&history_check_mu_);
  if (!history_problem_.empty()) return history_problem_;
  absl::StatusOr<std::string> head = store->Head();
  if (!head.ok() || head->empty() || *head == history_checked_head_) {
    return "";
  }
  AuditReport report;
  // The first look after a start checks the newest commits only (100 µs
  // each: a whole long history would hold `kluis status` for seconds);
  // `kluis audit verify` checks them all.
  absl::Status s =
      VerifyCommits(store, history_checked_head_, &report,
                    history_checked_head_.empty() ? kHistoryFirstLook : 0);
  if (!s.ok()) return "";  // unreadable now; kluis audit verify will say
  if (report.failures > 0) {
    history_problem_ = absl::StrCat(
        "the history holds a change kluis did not make (version ",
        report.first_bad_commit.substr(0, 8), ": ", report.problem,
        "); someone changed the vault's files outside kluis. Run kluis audit "
        "verify, and restore from a backup if you did not do this yourself");
    return history_problem_;
  }
  history_checked_head_ = *head;
  return "";
}

absl::Status Vault::VerifyJournal(Store* store, AuditReport* report) {
  // Newest first: each entry must follow the next one visited.
  std::string expect_blob;  // what the newer entry said came before it
  uint64_t expect_seq = 0;
  auto fail = [&](const std::string& id, std::string problem) {
    ++report->journal_failures;
    report->journal_first_bad = id;
    report->journal_problem = std::move(problem);
  };
  absl::Status s = store->WalkLog(kJournalRef, [&](const LogEntry& e) {
    ++report->journal_entries;
    if (expect_seq != 0 && (e.seq != expect_seq || e.blob_id != expect_blob)) {
      fail(e.commit, "journal: an entry is missing or was altered here");
    }
    // Entries removed under retention: only a signed commit can say so.
    if (e.parents.empty() && (e.seq != 1 || !e.prev_blob_id.empty()) &&
        !(e.after_pruning && !e.signature.empty())) {
      fail(e.commit, "journal: entries before this one are missing");
    }
    if (e.signature.empty()) {
      ++report->journal_unsigned;
    } else {
      absl::Status v = keys_->VerifyCommit(e.signed_data, e.signature);
      if (!v.ok()) fail(e.commit, absl::StrCat("journal ", v.message()));
    }
    expect_seq = e.seq - 1;
    expect_blob = e.prev_blob_id;
    return true;
  });
  return s;
}

absl::Status Vault::JournalAction(absl::string_view action,
                                  absl::string_view outcome,
                                  absl::string_view reason) {
  Store* store = nullptr;
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return NoVaultError();
    store = store_.get();
  }
  return Journal(store, action, "", outcome, reason);
}

absl::Status Vault::ApplyJournalRetention(Store* store) {
  int years = kJournalRetentionYears;
  {
    absl::MutexLock lock(&profile_mu_);
    if (profile_.has_value() &&
        profile_->practice_profile().journal_retention_years() > 0) {
      years = static_cast<int>(
          profile_->practice_profile().journal_retention_years());
    }
  }
  const absl::CivilDay today =
      absl::ToCivilDay(clock_->Now(), absl::UTCTimeZone());
  const absl::CivilDay cut(today.year() - years, today.month(), today.day());
  const absl::Time before = absl::FromCivil(cut, absl::UTCTimeZone());
  // Rewritten about once a month, not at every unlock: only when the
  // oldest entry is a month past its term.
  absl::StatusOr<uint64_t> removed =
      store->PruneLog(kJournalRef, absl::ToUnixSeconds(before),
                      absl::ToUnixSeconds(before - absl::Hours(24 * 30)));
  if (!removed.ok()) return removed.status();
  if (*removed == 0) return absl::OkStatus();
  return Journal(store, "journal_retention", "", "ok",
                 absl::StrCat(*removed, " entries from before ",
                              absl::FormatCivilTime(cut), " removed (kept ",
                              years, " years)"));
}

absl::Status Vault::Journal(Store* store, absl::string_view action,
                            absl::string_view dossier_id,
                            absl::string_view outcome,
                            absl::string_view reason) {
  kluis::v1::JournalEntry entry;
  *entry.mutable_time() = ToProtoTime(clock_->Now());
  entry.set_action(std::string(action));
  entry.set_dossier_id(std::string(dossier_id));
  entry.set_outcome(std::string(outcome));
  entry.set_reason(std::string(reason));
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  if (!google::protobuf::util::MessageToJsonString(entry, &json, opts).ok()) {
    return absl::InternalError("journal: cannot encode");
  }
  absl::StatusOr<std::string> sealed = keys_->SealForVault(json);
  std::fill(json.begin(), json.end(), '\0');
  absl::Status s =
      sealed.ok() ? store->AppendLog(kJournalRef, *sealed) : sealed.status();
  if (!s.ok()) {
    // Every failure shows in `kluis status`, also where the caller goes on
    // (an unlock is not refused because its journal entry failed).
    absl::MutexLock lock(&journal_health_mu_);
    if (journal_failures_++ == 0) {
      journal_problem_ =
          absl::StrCat("the access journal could not record '", action, "' (",
                       absl::IsAborted(s)    ? "another program holds its lock"
                       : absl::IsDataLoss(s) ? "the disk reported an error"
                                             : "it could not be written",
                       ")");
    }
  }
  return s;
}

absl::Status Vault::Journalled(absl::Status journal) {
  if (journal.ok()) return journal;
  return absl::DataLossError(
      "the change is saved, but the access journal could not record it; "
      "see kluis status");
}

absl::StatusOr<std::vector<JournalView>> Vault::ReadJournal(
    absl::string_view dossier_id, absl::Time since) {
  absl::StatusOr<Store*> store = Ready();
  if (!store.ok()) return store.status();
  std::vector<JournalView> out;
  absl::Status failed;
  absl::Status s = (*store)->WalkLog(kJournalRef, [&](const LogEntry& e) {
    if (absl::FromUnixSeconds(e.time) < since) return false;
    absl::StatusOr<std::string> json = keys_->OpenAsVault(e.data);
    if (!json.ok()) {
      failed = json.status();
      return false;
    }
    kluis::v1::JournalEntry entry;
    google::protobuf::util::JsonParseOptions opts;
    opts.ignore_unknown_fields = true;
    const bool ok =
        google::protobuf::util::JsonStringToMessage(*json, &entry, opts).ok();
    std::fill(json->begin(), json->end(), '\0');
    if (!ok) {
      failed = absl::DataLossError("journal: an entry does not parse");
      return false;
    }
    if (!dossier_id.empty() && entry.dossier_id() != dossier_id) return true;
    out.push_back({e.commit, e.seq, !e.signature.empty(), std::move(entry)});
    return true;
  });
  if (!s.ok()) return s;
  if (!failed.ok()) return failed;
  return out;
}

}  // namespace kluis::core
