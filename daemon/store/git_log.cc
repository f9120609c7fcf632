// GitStore::AppendLog / WalkLog: an append-only log under its own ref (the
// access journal), one commit per entry with the entry as its only file.
// Each commit message names the entry's sequence number and the previous
// entry's blob id, so a deleted or altered entry breaks the chain even
// before signatures are checked.
#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "daemon/store/git_store.h"
#include "daemon/store/ref_update.h"

namespace kluis::store {
namespace {

constexpr char kEntryFile[] = "entry.age";

std::string Hex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof(hex), &oid);
  return hex;
}

constexpr char kPrunedMark[] = "pruned";

// "journal <seq> after <blob id|none>", and " pruned" on the first entry
// kept when older ones were removed under retention.
bool ParseMessage(absl::string_view msg, uint64_t* seq, std::string* prev,
                  bool* pruned = nullptr) {
  std::vector<absl::string_view> w =
      absl::StrSplit(absl::StripAsciiWhitespace(msg), ' ');
  const bool marked = w.size() == 5 && w[4] == kPrunedMark;
  if ((w.size() != 4 && !marked) || w[0] != "journal" || w[2] != "after" ||
      !absl::SimpleAtoi(w[1], seq)) {
    return false;
  }
  *prev = w[3] == "none" ? "" : std::string(w[3]);
  if (pruned != nullptr) *pruned = marked;
  return true;
}

// The entry file's blob id in `commit`.
absl::StatusOr<git_oid> EntryOf(git_commit* commit) {
  git_tree* t = nullptr;
  int rc = git_commit_tree(&t, commit);
  if (rc != 0) return GitError(rc, "read tree");
  TreePtr tree(t);
  const git_tree_entry* e = git_tree_entry_byname(t, kEntryFile);
  if (e == nullptr) return absl::DataLossError("journal: an entry has no file");
  return *git_tree_entry_id(e);
}

}  // namespace

absl::Status GitStore::AppendLog(absl::string_view ref,
                                 absl::string_view data) {
  absl::MutexLock lock(&mu_);
  if (!broken_.ok()) return broken_;
  // A lock held briefly by another writer (git pack-refs run by hand) is
  // waited out for about a second; a stale one is cleared only at open.
  absl::Status s;
  for (int attempt = 0; attempt < 8; ++attempt) {
    s = AppendLogOnce(ref, data);
    if (!absl::IsAborted(s)) break;
    absl::SleepFor(absl::Milliseconds(25 << std::min(attempt, 3)));
  }
  return s;
}

absl::Status GitStore::AppendLogOnce(absl::string_view ref,
                                     absl::string_view data) {
  const std::string ref_name(ref);
  git_repository* repo = repo_.get();
  git_oid parent_oid;
  int rc = git_reference_name_to_id(&parent_oid, repo, ref_name.c_str());
  const bool first = rc == GIT_ENOTFOUND;
  if (!first && rc != 0) return GitError(rc, "read journal");
  git_error_clear();
  CommitPtr parent;
  uint64_t seq = 1;
  std::string prev = "none";
  if (!first) {
    git_commit* c = nullptr;
    rc = git_commit_lookup(&c, repo, &parent_oid);
    if (rc != 0) return GitError(rc, "read journal");
    parent.reset(c);
    uint64_t parent_seq = 0;
    std::string ignored;
    if (!ParseMessage(git_commit_message(c), &parent_seq, &ignored)) {
      return absl::DataLossError("journal: the last entry is not in form");
    }
    seq = parent_seq + 1;
    absl::StatusOr<git_oid> entry = EntryOf(c);
    if (!entry.ok()) return entry.status();
    prev = Hex(*entry);
  }
  git_oid blob;
  rc = git_blob_create_from_buffer(&blob, repo, data.data(), data.size());
  if (rc != 0) return GitError(rc, "write journal entry");
  git_treebuilder* tb_raw = nullptr;
  rc = git_treebuilder_new(&tb_raw, repo, nullptr);
  if (rc != 0) return GitError(rc, "write journal entry");
  std::unique_ptr<git_treebuilder, void (*)(git_treebuilder*)> tb(
      tb_raw, git_treebuilder_free);
  rc = git_treebuilder_insert(nullptr, tb.get(), kEntryFile, &blob,
                              GIT_FILEMODE_BLOB);
  git_oid tree_oid;
  if (rc == 0) rc = git_treebuilder_write(&tree_oid, tb.get());
  if (rc != 0) return GitError(rc, "write journal entry");
  git_tree* t = nullptr;
  rc = git_tree_lookup(&t, repo, &tree_oid);
  if (rc != 0) return GitError(rc, "write journal entry");
  TreePtr tree(t);
  const std::string msg = absl::StrCat("journal ", seq, " after ", prev, "\n");
  // Signed when the keys are unlocked; an unlock failure is journalled
  // while they are not, and the next signed entry covers it.
  absl::StatusOr<git_oid> written = WriteCommit(
      repo, tree.get(), parent.get(), msg, signer_, /*unsigned_ok=*/true);
  if (!written.ok()) return written.status();
  return Sticky(UpdateRefDurably(repo, path_, dir_fd_, ref_name, *written,
                                 first ? nullptr : &parent_oid));
}

absl::Status GitStore::WalkLog(
    absl::string_view ref,
    const std::function<bool(const core::LogEntry&)>& visit) {
  std::vector<core::LogEntry> entries;
  {
    absl::MutexLock lock(&mu_);
    const std::string ref_name(ref);
    git_oid oid;
    int rc = git_reference_name_to_id(&oid, repo_.get(), ref_name.c_str());
    if (rc == GIT_ENOTFOUND) return absl::OkStatus();
    if (rc != 0) return GitError(rc, "read journal");
    while (true) {
      git_commit* c = nullptr;
      rc = git_commit_lookup(&c, repo_.get(), &oid);
      if (rc != 0) return GitError(rc, "read journal");
      CommitPtr commit(c);
      core::LogEntry e;
      e.commit = Hex(oid);
      e.time = static_cast<int64_t>(git_commit_time(c));
      for (unsigned i = 0; i < git_commit_parentcount(c); ++i) {
        e.parents.push_back(Hex(*git_commit_parent_id(c, i)));
      }
      if (!ParseMessage(git_commit_message(c), &e.seq, &e.prev_blob_id,
                        &e.after_pruning)) {
        return absl::DataLossError(
            absl::StrCat("journal: entry ", e.commit, " is not in form"));
      }
      absl::StatusOr<git_oid> blob = EntryOf(c);
      if (!blob.ok()) return blob.status();
      e.blob_id = Hex(*blob);
      git_blob* b = nullptr;
      rc = git_blob_lookup(&b, repo_.get(), &*blob);
      if (rc != 0) return GitError(rc, "read journal");
      BlobPtr owner(b);
      e.data.assign(static_cast<const char*>(git_blob_rawcontent(b)),
                    static_cast<size_t>(git_blob_rawsize(b)));
      git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
      if (git_commit_extract_signature(&sig, &data, repo_.get(), &oid,
                                       nullptr) == 0) {
        e.signature.assign(sig.ptr, sig.size);
        e.signed_data.assign(data.ptr, data.size);
      }
      git_error_clear();
      git_buf_dispose(&sig);
      git_buf_dispose(&data);
      const bool root = git_commit_parentcount(c) == 0;
      if (!root) oid = *git_commit_parent_id(c, 0);
      entries.push_back(std::move(e));
      if (root) break;
    }
  }
  for (const core::LogEntry& e : entries) {
    if (!visit(e)) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> GitStore::PruneLog(absl::string_view ref,
                                            int64_t before,
                                            int64_t oldest_before) {
  absl::MutexLock lock(&mu_);
  if (!broken_.ok()) return broken_;
  if (!signer_) {
    return absl::FailedPreconditionError(
        "journal: only an unlocked vault can apply retention");
  }
  git_repository* repo = repo_.get();
  const std::string ref_name(ref);
  git_oid head;
  int rc = git_reference_name_to_id(&head, repo, ref_name.c_str());
  if (rc == GIT_ENOTFOUND) return 0;
  if (rc != 0) return GitError(rc, "read journal");
  // Oldest last; commits only (the entries' contents are not read).
  std::vector<CommitPtr> chain;
  for (git_oid oid = head;;) {
    git_commit* c = nullptr;
    rc = git_commit_lookup(&c, repo, &oid);
    if (rc != 0) return GitError(rc, "read journal");
    chain.emplace_back(c);
    if (git_commit_parentcount(c) == 0) break;
    oid = *git_commit_parent_id(c, 0);
  }
  if (static_cast<int64_t>(git_commit_time(chain.back().get())) >=
      oldest_before) {
    return 0;
  }
  // Keep from the oldest entry that is not older than `before`; at least
  // the newest.
  size_t keep = 1;
  while (keep < chain.size() &&
         static_cast<int64_t>(git_commit_time(chain[keep].get())) >= before) {
    ++keep;
  }
  const uint64_t removed = chain.size() - keep;
  if (removed == 0) return 0;
  CommitPtr parent;
  for (size_t i = keep; i-- > 0;) {
    git_commit* old = chain[i].get();
    uint64_t seq = 0;
    std::string prev;
    if (!ParseMessage(git_commit_message(old), &seq, &prev)) {
      return absl::DataLossError("journal: an entry is not in form");
    }
    std::string msg = git_commit_message(old);
    if (i == keep - 1) {
      msg = absl::StrCat("journal ", seq, " after ",
                         prev.empty() ? "none" : prev, " ", kPrunedMark, "\n");
    }
    git_tree* t = nullptr;
    rc = git_commit_tree(&t, old);
    if (rc != 0) return GitError(rc, "read journal");
    TreePtr tree(t);
    absl::StatusOr<git_oid> written =
        WriteCommit(repo, t, parent.get(), msg, signer_, /*unsigned_ok=*/false,
                    static_cast<int64_t>(git_commit_time(old)));
    if (!written.ok()) return written.status();
    git_commit* c = nullptr;
    rc = git_commit_lookup(&c, repo, &*written);
    if (rc != 0) return GitError(rc, "write journal");
    parent.reset(c);
  }
  absl::Status s = Sticky(UpdateRefDurably(
      repo, path_, dir_fd_, ref_name, *git_commit_id(parent.get()), &head));
  if (!s.ok()) return s;
  // The removed entries must leave the disk, not only the chain.
  s = PurgeNow();
  if (!s.ok()) return s;
  return removed;
}

}  // namespace kluis::store
