// GitStore::PurgeFromHistory: main's history rewritten without some paths
// (the erased dossiers and records), re-signed, and the dropped objects
// removed from disk: the explicit compaction after crypto-shredding.
#include <unistd.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "daemon/store/git_store.h"
#include "daemon/store/ref_update.h"

namespace kluis::store {
namespace {

int CollectBlob(const char*, const git_tree_entry* e, void* payload) {
  if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
    static_cast<std::set<std::string>*>(payload)->insert(
        git_oid_tostr_s(git_tree_entry_id(e)));
  }
  return 0;
}

// The blob ids under `entry` (itself, or everything in its subtree).
absl::Status BlobsUnder(git_repository* repo, const git_tree_entry* entry,
                        std::set<std::string>* out) {
  if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
    out->insert(git_oid_tostr_s(git_tree_entry_id(entry)));
    return absl::OkStatus();
  }
  git_tree* t = nullptr;
  int rc = git_tree_lookup(&t, repo, git_tree_entry_id(entry));
  if (rc != 0) return GitError(rc, "read tree");
  TreePtr tree(t);
  rc = git_tree_walk(tree.get(), GIT_TREEWALK_PRE, CollectBlob, out);
  if (rc != 0) return GitError(rc, "walk tree");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<core::Store::Purged> GitStore::PurgeFromHistory(
    const std::vector<std::string>& paths) {
  absl::MutexLock lock(&mu_);
  if (!broken_.ok()) return broken_;
  if (!signer_) {
    return absl::FailedPreconditionError(
        "compact: only an unlocked vault can rewrite its history");
  }
  git_repository* repo = repo_.get();
  Purged out;
  git_oid head;
  int rc = git_reference_name_to_id(&head, repo, kMainRef.data());
  if (rc == GIT_ENOTFOUND) return out;
  if (rc != 0) return GitError(rc, "read head");
  // main is a line: oldest last.
  std::vector<CommitPtr> chain;
  for (git_oid oid = head;;) {
    git_commit* c = nullptr;
    rc = git_commit_lookup(&c, repo, &oid);
    if (rc != 0) return GitError(rc, "read history");
    chain.emplace_back(c);
    if (git_commit_parentcount(c) == 0) break;
    oid = *git_commit_parent_id(c, 0);
  }
  out.old_root = git_oid_tostr_s(git_commit_id(chain.back().get()));
  std::set<std::string> dropped;
  CommitPtr parent;  // the new history so far
  bool rewriting = false;
  for (size_t i = chain.size(); i-- > 0;) {
    git_commit* old = chain[i].get();
    git_tree* t = nullptr;
    rc = git_commit_tree(&t, old);
    if (rc != 0) return GitError(rc, "read tree");
    TreePtr tree(t);
    std::vector<git_tree_update> updates;
    for (const std::string& p : paths) {
      git_tree_entry* e = nullptr;
      if (git_tree_entry_bypath(&e, tree.get(), p.c_str()) != 0) continue;
      TreeEntryPtr entry(e);
      absl::Status s = BlobsUnder(repo, entry.get(), &dropped);
      if (!s.ok()) return s;
      git_tree_update u{};
      u.action = GIT_TREE_UPDATE_REMOVE;
      u.path = p.c_str();
      updates.push_back(u);
    }
    if (updates.empty() && !rewriting) {
      // Untouched so far: the same commit, the same id.
      git_commit* same = nullptr;
      rc = git_commit_dup(&same, old);
      if (rc != 0) return GitError(rc, "read history");
      parent.reset(same);
      continue;
    }
    rewriting = true;
    git_tree* new_tree = tree.get();
    TreePtr updated;
    if (!updates.empty()) {
      git_oid tree_oid;
      rc = git_tree_create_updated(&tree_oid, repo, tree.get(), updates.size(),
                                   updates.data());
      if (rc != 0) return GitError(rc, "write tree");
      git_tree* nt = nullptr;
      rc = git_tree_lookup(&nt, repo, &tree_oid);
      if (rc != 0) return GitError(rc, "read new tree");
      updated.reset(nt);
      new_tree = nt;
    }
    absl::StatusOr<git_oid> written = WriteCommit(
        repo, new_tree, parent.get(), git_commit_message(old), signer_,
        /*unsigned_ok=*/false, static_cast<int64_t>(git_commit_time(old)));
    if (!written.ok()) return written.status();
    git_commit* c = nullptr;
    rc = git_commit_lookup(&c, repo, &*written);
    if (rc != 0) return GitError(rc, "write history");
    parent.reset(c);
    ++out.commits_rewritten;
  }
  if (out.commits_rewritten == 0) {
    out.new_root = out.old_root;
    return out;
  }
  // The new root: the first commit of the new line.
  for (git_oid cur = *git_commit_id(parent.get());;) {
    git_commit* c = nullptr;
    rc = git_commit_lookup(&c, repo, &cur);
    if (rc != 0) return GitError(rc, "read history");
    CommitPtr commit(c);
    if (git_commit_parentcount(c) == 0) {
      out.new_root = git_oid_tostr_s(&cur);
      break;
    }
    cur = *git_commit_parent_id(c, 0);
  }
  absl::Status s = Sticky(UpdateRefDurably(
      repo, path_, dir_fd_, kMainRef, *git_commit_id(parent.get()), &head));
  if (!s.ok()) return s;
  cached_tree_.reset();
  // Every pack rewritten without what no ref reaches; then the dropped
  // blobs still loose (younger than the prune's hour) go by name.
  s = PurgeNow();
  if (!s.ok()) return s;
  for (const std::string& id : dropped) {
    const std::string loose =
        absl::StrCat(path_, "/objects/", id.substr(0, 2), "/", id.substr(2));
    ::unlink(loose.c_str());
  }
  // What was dropped is gone from the disk before the compaction is
  // reported done. (git's own repack writes its new pack, fsynced, before
  // it deletes the old ones; on ext4 those renames and unlinks reach the
  // disk in that order.)
  s = Sticky(Barrier());
  if (!s.ok()) return s;
  return out;
}

}  // namespace kluis::store
