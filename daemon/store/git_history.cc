// GitStore::History and ReadBlob: a path's versions from git's trees. Each
// commit costs one tree lookup along the path; the files of a directory
// are compared only in commits whose directory tree id changed.
#include <map>
#include <optional>

#include "daemon/store/git_store.h"

namespace kluis::store {
namespace {

struct AtCommit {
  std::string commit;
  int64_t time = 0;
  std::string message;
  bool present = false;
  bool is_tree = false;
  git_oid oid{};
};

std::string Hex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof(hex), &oid);
  return hex;
}

// Name → blob id of the files directly in tree `oid` (none if absent).
absl::StatusOr<std::map<std::string, std::string>> Files(
    git_repository* repo, const AtCommit& at,
    git_object_t type = GIT_OBJECT_BLOB) {
  std::map<std::string, std::string> out;
  if (!at.present || !at.is_tree) return out;
  git_tree* t = nullptr;
  int rc = git_tree_lookup(&t, repo, &at.oid);
  if (rc != 0) return GitError(rc, "read directory");
  TreePtr tree(t);
  for (size_t i = 0; i < git_tree_entrycount(t); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(t, i);
    if (git_tree_entry_type(e) == type) {
      out[git_tree_entry_name(e)] = Hex(*git_tree_entry_id(e));
    }
  }
  return out;
}

// What changed at `path` between `older` and `newer`.
absl::StatusOr<std::vector<core::PathChange>> Changes(git_repository* repo,
                                                      const std::string& path,
                                                      const AtCommit& older,
                                                      const AtCommit& newer) {
  std::vector<core::PathChange> out;
  if (!older.is_tree && !newer.is_tree) {
    out.push_back({path, older.present ? Hex(older.oid) : "",
                   newer.present ? Hex(newer.oid) : ""});
    return out;
  }
  absl::StatusOr<std::map<std::string, std::string>> a = Files(repo, older);
  if (!a.ok()) return a.status();
  absl::StatusOr<std::map<std::string, std::string>> b = Files(repo, newer);
  if (!b.ok()) return b.status();
  for (const auto& [name, id] : *b) {
    auto it = a->find(name);
    if (it == a->end() || it->second != id) {
      out.push_back({path + "/" + name, it == a->end() ? "" : it->second, id});
    }
  }
  for (const auto& [name, id] : *a) {
    if (b->find(name) == b->end()) out.push_back({path + "/" + name, id, ""});
  }
  return out;
}

// Where `path` points in `tree`: absent, a file or a directory, and its id.
absl::Status PathInTree(git_tree* tree, const std::string& path, AtCommit* at) {
  git_tree_entry* e = nullptr;
  const int rc = git_tree_entry_bypath(&e, tree, path.c_str());
  if (rc == 0) {
    TreeEntryPtr entry(e);
    at->present = true;
    at->is_tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
    at->oid = *git_tree_entry_id(e);
  } else if (rc != GIT_ENOTFOUND) {
    return GitError(rc, "find path");
  }
  git_error_clear();
  return absl::OkStatus();
}

bool Differs(const AtCommit& a, const AtCommit& b) {
  return a.present != b.present ||
         (a.present && git_oid_cmp(&a.oid, &b.oid) != 0);
}

}  // namespace

absl::Status GitStore::History(
    absl::string_view path, const MessageFilter& may_change,
    const std::function<bool(const core::HistoryEntry&)>& visit) {
  // Collected first, visited after: a visitor may read from the store.
  std::vector<core::HistoryEntry> found;
  absl::Status s = CollectHistory(std::string(path), may_change, &found);
  if (!s.ok()) return s;
  for (const core::HistoryEntry& h : found) {
    if (!visit(h)) break;
  }
  return absl::OkStatus();
}

absl::Status GitStore::CollectHistory(const std::string& path,
                                      const MessageFilter& may_change,
                                      std::vector<core::HistoryEntry>* found) {
  // Commits never change, so the walk can let go of the lock between
  // batches and a write is never kept waiting for a whole long history.
  constexpr int kBatch = 4096;
  git_oid next;
  {
    absl::MutexLock lock(&mu_);
    const int rc =
        git_reference_name_to_id(&next, repo_.get(), kMainRef.data());
    if (rc == GIT_ENOTFOUND) return absl::OkStatus();
    if (rc != 0) return GitError(rc, "read head");
  }
  // The newest commit looked into so far. The path is the same in every
  // commit between it and the next one looked into (the filter's promise),
  // so comparing the two finds what it changed.
  std::optional<AtCommit> newer;
  auto compare = [&](const AtCommit& older) -> absl::Status {
    if (!newer.has_value() || !Differs(*newer, older)) return absl::OkStatus();
    absl::StatusOr<std::vector<core::PathChange>> ch =
        Changes(repo_.get(), path, older, *newer);
    if (!ch.ok()) return ch.status();
    if (!ch->empty()) {
      found->push_back(core::HistoryEntry{newer->commit, newer->time,
                                          newer->message, std::move(*ch)});
    }
    return absl::OkStatus();
  };
  bool more = true;
  while (more) {
    absl::MutexLock lock(&mu_);
    for (int n = 0; n < kBatch && more; ++n) {
      git_commit* c = nullptr;
      int rc = git_commit_lookup(&c, repo_.get(), &next);
      if (rc != 0) return GitError(rc, "read commit");
      CommitPtr commit(c);
      const char* message = git_commit_message(c);
      more = git_commit_parentcount(c) > 0;
      if (more) next = *git_commit_parent_id(c, 0);
      if (may_change && !may_change(message)) continue;
      AtCommit at;
      at.commit = Hex(*git_commit_id(c));
      at.time = static_cast<int64_t>(git_commit_time(c));
      at.message = message;
      git_tree* t = nullptr;
      rc = git_commit_tree(&t, c);
      if (rc != 0) return GitError(rc, "read tree");
      TreePtr tree(t);
      absl::Status s = PathInTree(t, path, &at);
      if (s.ok()) s = compare(at);
      if (!s.ok()) return s;
      newer = std::move(at);
    }
  }
  // Before the oldest commit looked into, nothing had touched the path.
  absl::MutexLock lock(&mu_);
  return compare(AtCommit{});
}

absl::StatusOr<std::string> GitStore::ReadBlob(absl::string_view blob_id) {
  absl::MutexLock lock(&mu_);
  git_oid oid;
  const std::string hex(blob_id);
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.c_str()) != 0) {
    return absl::NotFoundError("repository: no such object");
  }
  git_blob* b = nullptr;
  int rc = git_blob_lookup(&b, repo_.get(), &oid);
  if (rc != 0) return GitError(rc, "read object");
  BlobPtr blob(b);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)),
                     static_cast<size_t>(git_blob_rawsize(b)));
}

absl::StatusOr<std::string> GitStore::ReadAt(absl::string_view commit,
                                             absl::string_view path) {
  git_oid oid;
  const std::string hex(commit);
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.c_str()) != 0) {
    return absl::NotFoundError("version: no such commit");
  }
  std::string blob;
  {
    absl::MutexLock lock(&mu_);
    git_commit* c = nullptr;
    int rc = git_commit_lookup(&c, repo_.get(), &oid);
    if (rc != 0) return GitError(rc, "read commit");
    CommitPtr owner(c);
    git_tree* t = nullptr;
    rc = git_commit_tree(&t, c);
    if (rc != 0) return GitError(rc, "read tree");
    TreePtr tree(t);
    const std::string p(path);
    git_tree_entry* e = nullptr;
    rc = git_tree_entry_bypath(&e, t, p.c_str());
    if (rc != 0) return GitError(rc, "find path");
    TreeEntryPtr entry(e);
    blob = Hex(*git_tree_entry_id(e));
  }
  return ReadBlob(blob);
}

absl::StatusOr<std::vector<std::string>> GitStore::DirsAt(
    absl::string_view commit, absl::string_view dir) {
  absl::StatusOr<std::map<std::string, std::string>> dirs =
      EntriesAt(commit, dir, GIT_OBJECT_TREE);
  if (!dirs.ok()) return dirs.status();
  std::vector<std::string> out;
  for (const auto& [name, id] : *dirs) out.push_back(name);
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> GitStore::FilesAt(
    absl::string_view commit, absl::string_view dir) {
  return EntriesAt(commit, dir, GIT_OBJECT_BLOB);
}

absl::StatusOr<std::map<std::string, std::string>> GitStore::EntriesAt(
    absl::string_view commit, absl::string_view dir, int type) {
  absl::MutexLock lock(&mu_);
  git_tree* root = nullptr;
  TreePtr owned;
  if (commit.empty()) {
    absl::StatusOr<git_tree*> head = HeadTree();
    if (!head.ok()) return head.status();
    if (*head == nullptr) return std::map<std::string, std::string>();
    root = *head;
  } else {
    git_oid oid;
    const std::string hex(commit);
    if (hex.size() != GIT_OID_HEXSZ ||
        git_oid_fromstr(&oid, hex.c_str()) != 0) {
      return absl::NotFoundError("version: no such commit");
    }
    git_commit* c = nullptr;
    int rc = git_commit_lookup(&c, repo_.get(), &oid);
    if (rc == GIT_ENOTFOUND) {
      return absl::NotFoundError("version: no such commit");
    }
    if (rc != 0) return GitError(rc, "read commit");
    CommitPtr owner(c);
    rc = git_commit_tree(&root, c);
    if (rc != 0) return GitError(rc, "read tree");
    owned.reset(root);
  }
  AtCommit at;
  absl::Status s = PathInTree(root, std::string(dir), &at);
  if (!s.ok()) return s;
  return Files(repo_.get(), at, static_cast<git_object_t>(type));
}

}  // namespace kluis::store
