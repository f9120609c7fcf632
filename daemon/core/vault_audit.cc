// Vault::VerifyHistory and the signer: every commit kluisd makes is signed
// with the vault's key, so that a commit made or rewritten by anyone else
// shows.
#include "absl/strings/str_cat.h"
#include "daemon/core/vault.h"

namespace kluis::core {

absl::StatusOr<std::string> Vault::SignerPublicKey() {
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return absl::FailedPreconditionError(kNoVault);
  }
  return keys_->SignerPublicKey();
}

absl::StatusOr<AuditReport> Vault::VerifyHistory() {
  Store* store = nullptr;
  {
    absl::MutexLock lock(&lifecycle_mu_);
    if (store_ == nullptr) return absl::FailedPreconditionError(kNoVault);
    store = store_.get();
  }
  AuditReport report;
  std::string expected;  // the parent named by the newer commit
  bool expect_end = false;
  auto fail = [&](const std::string& id, std::string problem) {
    // Walking backwards in time: the last failure seen is the oldest.
    ++report.failures;
    report.first_bad_commit = id;
    report.problem = std::move(problem);
  };
  absl::Status s = store->WalkHistory([&](const CommitRecord& c) {
    ++report.commits;
    if (expect_end) {
      fail(c.id, "history: a second root commit");
    } else if (!expected.empty() && c.id != expected) {
      fail(c.id, "history: not the parent the next commit names");
    }
    if (c.parents.size() > 1) {
      fail(c.id, "history: a merge; kluisd never merges");
    }
    if (c.signature.empty()) {
      fail(c.id, "signature: missing");
    } else {
      absl::Status v = keys_->VerifyCommit(c.signed_data, c.signature);
      if (!v.ok()) fail(c.id, std::string(v.message()));
    }
    expect_end = c.parents.empty();
    expected = c.parents.empty() ? "" : c.parents[0];
    return true;
  });
  if (!s.ok()) return s;
  return report;
}

}  // namespace kluis::core
