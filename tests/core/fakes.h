// In-memory fakes of the interfaces core owns, for core unit tests only:
// a map for the Store, a reversible "cipher" for the KeyRing, a settable
// Clock that records sleeps instead of sleeping.
#ifndef KLUIS_TESTS_CORE_FAKES_H_
#define KLUIS_TESTS_CORE_FAKES_H_

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "daemon/core/clock.h"
#include "daemon/core/key_ring.h"
#include "daemon/core/store.h"

namespace kluis::core {

class FakeStore : public Store {
 public:
  // When not OK, every Commit fails with it (a full or failing disk).
  absl::Status fail_commits;
  absl::StatusOr<std::string> Commit(const std::vector<StoreChange>& changes,
                                     absl::string_view message) override {
    absl::MutexLock lock(&mu_);
    if (!fail_commits.ok()) return fail_commits;  // and changes nothing
    for (const StoreChange& c : changes) {
      if (absl::StartsWith(c.blob_id, "=")) {  // as FilesAt names it
        files_[c.path] = c.blob_id.substr(1);
      } else if (!c.blob_id.empty()) {
        files_[c.path] = blobs_.at(c.blob_id);
      } else if (c.data) {
        files_[c.path] = *c.data;
      } else {
        files_.erase(c.path);
      }
    }
    messages_.emplace_back(message);
    CommitRecord rec;
    rec.id = CommitId(messages_.size());
    if (!history_.empty()) rec.parents.push_back(history_.back().id);
    rec.signed_data = absl::StrCat(rec.id, ":", message);
    rec.message = std::string(message);
    rec.time = static_cast<int64_t>(messages_.size());
    if (signer_) {
      absl::StatusOr<std::string> sig = signer_(rec.signed_data);
      if (!sig.ok()) return sig.status();
      rec.signature = *sig;
    }
    history_.push_back(std::move(rec));
    snapshots_.push_back(files_);
    return absl::StrCat(messages_.size());
  }
  absl::StatusOr<std::string> Read(absl::string_view path) override {
    absl::MutexLock lock(&mu_);
    auto it = files_.find(std::string(path));
    if (it == files_.end()) return absl::NotFoundError("no such path");
    return it->second;
  }
  absl::StatusOr<std::vector<std::string>> List(
      absl::string_view dir) override {
    absl::MutexLock lock(&mu_);
    std::set<std::string> names;
    const std::string prefix = absl::StrCat(dir, "/");
    for (const auto& [path, _] : files_) {
      if (!absl::StartsWith(path, prefix)) continue;
      std::string rest = path.substr(prefix.size());
      names.insert(rest.substr(0, rest.find('/')));
    }
    return std::vector<std::string>(names.begin(), names.end());
  }
  absl::StatusOr<std::string> Head() override {
    absl::MutexLock lock(&mu_);
    return messages_.empty() ? std::string() : absl::StrCat(messages_.size());
  }
  void SetSigner(CommitSigner signer) override {
    absl::MutexLock lock(&mu_);
    signer_ = std::move(signer);
  }
  absl::Status WalkHistory(
      const std::function<bool(const CommitRecord&)>& visit) override {
    std::vector<CommitRecord> all;
    {
      absl::MutexLock lock(&mu_);
      all = history_;
    }
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      if (!visit(*it)) break;
    }
    return absl::OkStatus();
  }
  absl::Status AppendLog(absl::string_view ref,
                         absl::string_view data) override {
    absl::MutexLock lock(&mu_);
    std::vector<LogEntry>& log = logs_[std::string(ref)];
    LogEntry e;
    e.seq = log.empty() ? 1 : log.back().seq + 1;
    e.commit = absl::StrCat("log", e.seq);
    if (!log.empty()) e.parents.push_back(log.back().commit);
    e.blob_id = absl::StrCat("blob-", e.seq, "-", data.size());
    e.prev_blob_id = log.empty() ? "" : log.back().blob_id;
    e.data = std::string(data);
    e.time = log_clock_ ? log_clock_() : absl::ToUnixSeconds(absl::Now());
    log.push_back(std::move(e));
    return absl::OkStatus();
  }
  absl::Status WalkLog(
      absl::string_view ref,
      const std::function<bool(const LogEntry&)>& visit) override {
    std::vector<LogEntry> log;
    {
      absl::MutexLock lock(&mu_);
      log = logs_[std::string(ref)];
    }
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
      if (!visit(*it)) break;
    }
    return absl::OkStatus();
  }
  // Test hook: drop the n-th (0-based) entry of a log.
  void DropLogEntry(const std::string& ref, size_t n) {
    absl::MutexLock lock(&mu_);
    auto& log = logs_[ref];
    log.erase(log.begin() + static_cast<long>(n));
  }
  // Test hook: a log whose oldest entries are gone without a signed word
  // that retention removed them.
  void ClearPruneMark(const std::string& ref) {
    absl::MutexLock lock(&mu_);
    logs_[ref].front().after_pruning = false;
  }
  // Commit ids look like git's: 40 hex digits.
  static std::string CommitId(size_t n) {
    const std::string d = absl::StrCat(n);
    return std::string(40 - d.size(), '0') + d;
  }
  // Blob ids are "=" + the content, to keep the fake small.
  absl::Status History(
      absl::string_view path, const MessageFilter& /*may_change*/,
      const std::function<bool(const HistoryEntry&)>& visit) override {
    std::vector<std::map<std::string, std::string>> snaps;
    std::vector<CommitRecord> hist;
    {
      absl::MutexLock lock(&mu_);
      snaps = snapshots_;
      hist = history_;
    }
    const std::string p(path);
    auto under = [&](const std::map<std::string, std::string>& files) {
      std::map<std::string, std::string> out;
      for (const auto& [k, v] : files) {
        if (k == p || (absl::StartsWith(k, p + "/") &&
                       k.find('/', p.size() + 1) == std::string::npos)) {
          out[k] = "=" + v;
        }
      }
      return out;
    };
    for (size_t i = snaps.size(); i-- > 0;) {
      const auto now = under(snaps[i]);
      const auto before =
          i == 0 ? std::map<std::string, std::string>() : under(snaps[i - 1]);
      HistoryEntry h{hist[i].id, static_cast<int64_t>(i), "", {}};
      for (const auto& [k, v] : now) {
        auto it = before.find(k);
        if (it == before.end() || it->second != v) {
          h.changes.push_back({k, it == before.end() ? "" : it->second, v});
        }
      }
      for (const auto& [k, v] : before) {
        if (!now.count(k)) h.changes.push_back({k, v, ""});
      }
      if (!h.changes.empty() && !visit(h)) break;
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> ReadBlob(absl::string_view id) override {
    if (!absl::StartsWith(id, "=")) return absl::NotFoundError("no blob");
    return std::string(id.substr(1));
  }
  absl::StatusOr<std::string> ReadAt(absl::string_view commit,
                                     absl::string_view path) override {
    absl::MutexLock lock(&mu_);
    for (size_t i = 0; i < history_.size(); ++i) {
      if (history_[i].id != commit) continue;
      auto it = snapshots_[i].find(std::string(path));
      if (it == snapshots_[i].end()) return absl::NotFoundError("absent");
      return it->second;
    }
    return absl::NotFoundError("no such commit");
  }
  absl::StatusOr<uint64_t> PruneLog(absl::string_view ref, int64_t before,
                                    int64_t oldest_before) override {
    absl::MutexLock lock(&mu_);
    if (!signer_) return absl::FailedPreconditionError("no signer");
    std::vector<LogEntry>& log = logs_[std::string(ref)];
    if (log.empty() || log.front().time >= oldest_before) return 0;
    size_t drop = 0;
    while (drop + 1 < log.size() && log[drop].time < before) ++drop;
    if (drop == 0) return 0;
    log.erase(log.begin(), log.begin() + static_cast<ptrdiff_t>(drop));
    LogEntry& first = log.front();
    first.parents.clear();
    first.after_pruning = true;
    first.signed_data = absl::StrCat(first.commit, ":pruned");
    absl::StatusOr<std::string> sig = signer_(first.signed_data);
    if (!sig.ok()) return sig.status();
    first.signature = *sig;
    return drop;
  }
  // Log entries get their time from here (Unix seconds; 0 without).
  void SetLogClock(std::function<int64_t()> now) {
    absl::MutexLock lock(&mu_);
    log_clock_ = std::move(now);
  }
  absl::StatusOr<std::vector<std::string>> DirsAt(
      absl::string_view commit, absl::string_view dir) override {
    absl::StatusOr<std::map<std::string, std::string>> all =
        FilesUnder(commit, dir);
    if (!all.ok()) return all.status();
    std::vector<std::string> out;
    const std::string prefix = absl::StrCat(dir, "/");
    for (const auto& [path, value] : *all) {
      const size_t slash = path.find('/', prefix.size());
      if (slash == std::string::npos) continue;
      std::string name = path.substr(prefix.size(), slash - prefix.size());
      if (out.empty() || out.back() != name) out.push_back(std::move(name));
    }
    return out;
  }

  // Every path under `dir` (at any depth) as of `commit`, with its value.
  absl::StatusOr<std::map<std::string, std::string>> FilesUnder(
      absl::string_view commit, absl::string_view dir) {
    absl::MutexLock lock(&mu_);
    const std::map<std::string, std::string>* snap = &files_;
    if (!commit.empty()) {
      snap = nullptr;
      for (size_t i = 0; i < history_.size(); ++i) {
        if (history_[i].id == commit) snap = &snapshots_[i];
      }
      if (snap == nullptr) return absl::NotFoundError("no such commit");
    }
    std::map<std::string, std::string> out;
    const std::string prefix = absl::StrCat(dir, "/");
    for (const auto& [path, value] : *snap) {
      if (absl::StartsWith(path, prefix)) out[path] = value;
    }
    return out;
  }

  absl::StatusOr<std::map<std::string, std::string>> FilesAt(
      absl::string_view commit, absl::string_view dir) override {
    absl::StatusOr<std::map<std::string, std::string>> all =
        FilesUnder(commit, dir);
    if (!all.ok()) return all.status();
    std::map<std::string, std::string> out;
    const size_t skip = dir.size() + 1;
    for (const auto& [path, value] : *all) {
      if (path.find('/', skip) == std::string::npos) {
        out[path.substr(skip)] = "=" + value;
      }
    }
    return out;
  }
  // Test hook: tamper with a commit's signed bytes.
  void TamperWithCommit(size_t index) {
    absl::MutexLock lock(&mu_);
    history_.at(index).signed_data += "x";
  }
  absl::StatusOr<std::unique_ptr<BlobWriter>> NewBlob() override {
    class Writer : public BlobWriter {
     public:
      explicit Writer(FakeStore* s) : store_(s) {}
      absl::Status Write(absl::string_view d) override {
        data_.append(d.data(), d.size());
        return absl::OkStatus();
      }
      absl::StatusOr<std::string> Finish() override {
        absl::MutexLock lock(&store_->mu_);
        const std::string id = absl::StrCat("blob", store_->blobs_.size());
        store_->blobs_[id] = data_;
        return id;
      }

     private:
      FakeStore* store_;
      std::string data_;
    };
    return std::make_unique<Writer>(this);
  }
  absl::StatusOr<std::unique_ptr<ByteSource>> OpenBlob(
      absl::string_view path) override {
    absl::StatusOr<std::string> data = Read(path);
    if (!data.ok()) return data.status();
    return std::unique_ptr<ByteSource>(new StringSource(std::move(*data)));
  }
  // Serves a string in pieces of at most 7 bytes, to exercise callers.
  class StringSource : public ByteSource {
   public:
    explicit StringSource(std::string s) : s_(std::move(s)) {}
    absl::StatusOr<size_t> Read(char* buf, size_t max) override {
      const size_t n = std::min({max, s_.size() - pos_, size_t{7}});
      std::copy_n(s_.data() + pos_, n, buf);
      pos_ += n;
      return n;
    }

   private:
    std::string s_;
    size_t pos_ = 0;
  };
  // Test hook: damages a stored value in place (no commit).
  void Corrupt(const std::string& path) {
    absl::MutexLock lock(&mu_);
    files_[path] = "garbage";
  }
  size_t commits() {
    absl::MutexLock lock(&mu_);
    return messages_.size();
  }
  std::vector<std::string> messages() {
    absl::MutexLock lock(&mu_);
    return messages_;
  }
  std::map<std::string, std::string> files() {
    absl::MutexLock lock(&mu_);
    return files_;
  }

 private:
  absl::Mutex mu_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> blobs_;  // written, maybe not committed
  std::vector<CommitRecord> history_;
  std::vector<std::map<std::string, std::string>> snapshots_;
  std::map<std::string, std::vector<LogEntry>> logs_;
  CommitSigner signer_;
  std::function<int64_t()> log_clock_;
  std::vector<std::string> messages_;
};

// "Encrypts" by prefixing the dossier id; checks lock state like the real one.
class FakeKeyRing : public KeyRing {
 public:
  bool Exists() override { return !passphrase_.empty(); }
  absl::StatusOr<std::string> Create(absl::string_view p) override {
    if (fail_create) return absl::UnavailableError("disk trouble");
    passphrase_ = std::string(p);
    unlocked_ = true;
    return std::string("AGE-SECRET-KEY-1FAKE");
  }
  absl::Status Unlock(absl::string_view p) override {
    if (on_unlock) on_unlock();
    if (p != passphrase_) return absl::PermissionDeniedError("wrong");
    unlocked_ = true;
    return absl::OkStatus();
  }
  void Lock() override { unlocked_ = false; }
  bool fail_create = false;
  std::function<void()> on_unlock;  // runs inside Unlock, before it answers
  bool IsUnlocked() override { return unlocked_; }
  absl::Status ChangePassphrase(absl::string_view o,
                                absl::string_view n) override {
    if (o != passphrase_) return absl::PermissionDeniedError("wrong");
    passphrase_ = std::string(n);
    return absl::OkStatus();
  }
  absl::Status Recover(absl::string_view r, absl::string_view n) override {
    if (r != "AGE-SECRET-KEY-1FAKE") return absl::PermissionDeniedError("no");
    passphrase_ = std::string(n);
    unlocked_ = true;
    return absl::OkStatus();
  }
  absl::Status CreateDossierKey(absl::string_view id) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    keys_.insert(std::string(id));
    return absl::OkStatus();
  }
  absl::Status DestroyDossierKey(absl::string_view id) override {
    keys_.erase(std::string(id));
    destroyed.insert(std::string(id));
    return absl::OkStatus();
  }
  std::set<std::string> destroyed;
  bool HasKey(const std::string& id) const { return keys_.count(id) > 0; }
  size_t key_count() const { return keys_.size(); }
  absl::StatusOr<std::string> Seal(absl::string_view id,
                                   absl::string_view pt) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    if (!keys_.count(std::string(id))) return absl::NotFoundError("no key");
    return absl::StrCat("sealed:", id, ":", pt);
  }
  absl::StatusOr<std::string> Open(absl::string_view id,
                                   absl::string_view ct) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    if (destroyed.count(std::string(id))) return absl::NotFoundError("gone");
    const std::string prefix = absl::StrCat("sealed:", id, ":");
    if (!absl::StartsWith(ct, prefix)) return absl::DataLossError("bad");
    return std::string(ct.substr(prefix.size()));
  }
  absl::StatusOr<std::string> SealForVault(absl::string_view pt) override {
    return absl::StrCat("vault:", pt);
  }
  absl::StatusOr<std::string> OpenAsVault(absl::string_view ct) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    if (!absl::StartsWith(ct, "vault:")) return absl::DataLossError("bad");
    return std::string(ct.substr(6));
  }
  absl::StatusOr<std::string> SignCommit(absl::string_view commit) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    return absl::StrCat("sig(", commit, ")");
  }
  absl::StatusOr<std::string> SignerPublicKey() override {
    return std::string("ssh-ed25519 FAKE");
  }
  absl::Status VerifyCommit(absl::string_view commit,
                            absl::string_view signature) override {
    if (signature != absl::StrCat("sig(", commit, ")")) {
      return absl::PermissionDeniedError("signature: does not match");
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::unique_ptr<ContentSealer>> NewSealer(
      absl::string_view id, ByteSink* out) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    if (!keys_.count(std::string(id))) return absl::NotFoundError("no key");
    class Sealer : public ContentSealer {
     public:
      Sealer(std::string prefix, ByteSink* out) : out_(out) {
        (void)out_->Write(prefix);
      }
      absl::Status Write(absl::string_view d) override {
        size_ += d.size();
        return out_->Write(d);
      }
      absl::StatusOr<ContentDigest> Finish() override {
        return ContentDigest{size_, std::string(64, 'a')};
      }

     private:
      ByteSink* out_;
      uint64_t size_ = 0;
    };
    return std::make_unique<Sealer>(absl::StrCat("sealed:", id, ":"), out);
  }
  absl::StatusOr<std::unique_ptr<ByteSource>> NewOpener(
      absl::string_view id, std::unique_ptr<ByteSource> in) override {
    if (!unlocked_) return absl::FailedPreconditionError("locked");
    std::string all;
    char buf[64];
    for (;;) {
      absl::StatusOr<size_t> n = in->Read(buf, sizeof(buf));
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      all.append(buf, *n);
    }
    const std::string prefix = absl::StrCat("sealed:", id, ":");
    if (!absl::StartsWith(all, prefix)) return absl::DataLossError("bad");
    return std::unique_ptr<ByteSource>(
        new FakeStore::StringSource(all.substr(prefix.size())));
  }

 private:
  std::string passphrase_;
  bool unlocked_ = false;
  std::set<std::string> keys_;
};

class FakeClock : public Clock {
 public:
  absl::Time Now() override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void SleepFor(absl::Duration d) override {
    absl::MutexLock lock(&mu_);
    sleeps_.push_back(d);
    now_ += d;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }
  std::vector<absl::Duration> sleeps() {
    absl::MutexLock lock(&mu_);
    return sleeps_;
  }

 private:
  absl::Mutex mu_;
  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2026, 11, 23, 10, 0, 0),
                                    absl::UTCTimeZone());
  std::vector<absl::Duration> sleeps_;
};

}  // namespace kluis::core

#endif  // KLUIS_TESTS_CORE_FAKES_H_
