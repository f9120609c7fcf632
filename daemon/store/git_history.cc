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
absl::StatusOr<std::map<std::string, std::string>> Files(git_repository* repo,
                                                         const AtCommit& at) {
  std::map<std::string, std::string> out;
  if (!at.present || !at.is_tree) return out;
  git_tree* t = nullptr;
  int rc = git_tree_lookup(&t, repo, &at.oid);
  if (rc != 0) return GitError(rc, "read directory");
  TreePtr tree(t);
  for (size_t i = 0; i < git_tree_entrycount(t); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(t, i);
    if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
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

}  // namespace

absl::Status GitStore::History(
    absl::string_view path,
    const std::function<bool(const core::HistoryEntry&)>& visit) {
  // Collected under the lock, visited without it: a visitor may read.
  std::vector<core::HistoryEntry> found;
  absl::Status s = CollectHistory(path, &found);
  if (!s.ok()) return s;
  for (const core::HistoryEntry& h : found) {
    if (!visit(h)) break;
  }
  return absl::OkStatus();
}

absl::Status GitStore::CollectHistory(absl::string_view path,
                                      std::vector<core::HistoryEntry>* found) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<RevwalkPtr> walk = WalkMain(repo_.get());
  if (!walk.ok()) return walk.status();
  if (*walk == nullptr) return absl::OkStatus();
  int rc = 0;
  const std::string p(path);
  std::optional<AtCommit> newer;
  git_oid oid;
  while (true) {
    rc = git_revwalk_next(&oid, walk->get());
    AtCommit at;
    const bool end = rc == GIT_ITEROVER;
    if (!end && rc != 0) return GitError(rc, "walk history");
    if (!end) {
      git_commit* c = nullptr;
      rc = git_commit_lookup(&c, repo_.get(), &oid);
      if (rc != 0) return GitError(rc, "read commit");
      CommitPtr commit(c);
      at.commit = Hex(oid);
      at.time = static_cast<int64_t>(git_commit_time(c));
      at.message = git_commit_message(c);
      git_tree* t = nullptr;
      rc = git_commit_tree(&t, c);
      if (rc != 0) return GitError(rc, "read tree");
      TreePtr tree(t);
      git_tree_entry* e = nullptr;
      rc = git_tree_entry_bypath(&e, t, p.c_str());
      if (rc == 0) {
        TreeEntryPtr entry(e);
        at.present = true;
        at.is_tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
        at.oid = *git_tree_entry_id(e);
      } else if (rc != GIT_ENOTFOUND) {
        return GitError(rc, "find path");
      }
      git_error_clear();
    }
    // `newer` changed the path if it differs from its parent (`at`).
    if (newer.has_value() &&
        (newer->present != at.present ||
         (at.present && git_oid_cmp(&newer->oid, &at.oid) != 0))) {
      absl::StatusOr<std::vector<core::PathChange>> ch =
          Changes(repo_.get(), p, at, *newer);
      if (!ch.ok()) return ch.status();
      if (!ch->empty()) {
        found->push_back(core::HistoryEntry{newer->commit, newer->time,
                                            newer->message, std::move(*ch)});
      }
    }
    if (end) return absl::OkStatus();
    newer = std::move(at);
  }
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

}  // namespace kluis::store
