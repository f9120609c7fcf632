#include "daemon/store/git_store.h"

#include <fcntl.h>
#include <git2/sys/mempack.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "daemon/store/git_blob_stream.h"
#include "daemon/store/loose_objects.h"
#include "daemon/store/ref_update.h"

extern char** environ;

namespace kluis::store {
namespace {

// Another writer of the same repository (a second handle, a maintenance
// tool) can hold or move main; back off with jitter and try again.
constexpr int kMaxCasAttempts = 40;

void BackOff(int attempt) {
  static thread_local std::minstd_rand rng(std::random_device{}());
  const int cap_ms = std::min(100, 1 << std::min(attempt, 7));
  absl::SleepFor(absl::Microseconds(
      std::uniform_int_distribution<int>(100, cap_ms * 1000)(rng)));
}

std::string OidHex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof(buf), &oid);
  return buf;
}

absl::Status Configure(git_repository* repo) {
  git_config* raw = nullptr;
  int rc = git_repository_config(&raw, repo);
  if (rc != 0) return GitError(rc, "open config");
  ConfigPtr cfg(raw);
  // For the git CLI used in maintenance (repack): fsync what it writes, and
  // never garbage-collect on its own.
  for (const auto& [key, value] :
       {std::pair<const char*, const char*>{"core.fsync", "committed"},
        {"core.fsyncMethod", "fsync"},
        {"gc.auto", "0"},
        // Ciphertext never deltas: don't search (libgit2's packbuilder and
        // git repack both skip delta search above this size).
        {"pack.bigFileThreshold", "64"}}) {
    rc = git_config_set_string(cfg.get(), key, value);
    if (rc != 0) return GitError(rc, "write config");
  }
  return absl::OkStatus();
}

}  // namespace

namespace {

absl::Status RunGit(const std::string& path,
                    std::initializer_list<const char*> args) {
  const std::string git_dir = absl::StrCat("--git-dir=", path);
  std::vector<const char*> argv = {"git", git_dir.c_str()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, "git", nullptr, nullptr,
                   const_cast<char**>(argv.data()), environ) != 0) {
    return absl::UnavailableError("repository: cannot start git");
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::UnavailableError(
        absl::StrCat("repository: git ", *args.begin(), " failed"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RepackRepository(const std::string& path) {
  // Packs loose objects only: it never deletes a pack, which libgit2 may be
  // about to freshen while it writes.
  return RunGit(path, {"repack", "-d", "-q"});
}

absl::Status PurgeRepository(const std::string& path) {
  absl::Status s = RunGit(path, {"repack", "-a", "-d", "-q"});
  if (s.ok()) s = RunGit(path, {"prune", "--expire=1.hour.ago"});
  return s;
}

absl::StatusOr<std::unique_ptr<GitStore>> GitStore::Create(
    const std::string& path, GitStoreOptions options) {
  InitLibgit2();
  git_repository* raw = nullptr;
  if (git_repository_open_bare(&raw, path.c_str()) == 0) {
    git_repository_free(raw);
    return absl::AlreadyExistsError("repository: already exists");
  }
  git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
               GIT_REPOSITORY_INIT_NO_REINIT;
  init.mode = GIT_REPOSITORY_INIT_SHARED_UMASK;
  init.initial_head = "main";
  int rc = git_repository_init_ext(&raw, path.c_str(), &init);
  if (rc != 0) return GitError(rc, "init");
  RepoPtr repo(raw);
  absl::Status s = Configure(repo.get());
  if (!s.ok()) return s;
  const int dir_fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) {
    return absl::UnavailableError("repository: cannot open for sync");
  }
  std::unique_ptr<GitStore> store(
      new GitStore(path, std::move(repo), options, dir_fd));
  // A new repository is durable before anything (the vault keys) relies on it.
  s = store->Barrier();
  if (!s.ok()) return s;
  return store;
}

absl::StatusOr<std::unique_ptr<GitStore>> GitStore::Open(
    const std::string& path, GitStoreOptions options) {
  InitLibgit2();
  git_repository* raw = nullptr;
  int rc = git_repository_open_bare(&raw, path.c_str());
  if (rc != 0) return GitError(rc, "open");
  RepoPtr repo(raw);
  // A crash between taking a ref's lock file and renaming it leaves the lock
  // behind, and every later update of that ref (main, the journal) would
  // fail. One daemon per vault (flock) means no one else can hold one.
  if (!options.read_only) {
    absl::StatusOr<int> cleared = ClearStaleLocks(path);
    if (!cleared.ok()) return cleared.status();
    absl::StatusOr<int> damaged = RemoveDamagedLooseObjects(path);
    if (!damaged.ok()) return damaged.status();
  } else {
    constexpr char kReadOnly[] = "repository: opened to read only";
    return std::unique_ptr<GitStore>(
        new GitStore(path, std::move(repo), options, -1,
                     absl::FailedPreconditionError(kReadOnly)));
  }
  const int dir_fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) {
    return absl::UnavailableError("repository: cannot open for sync");
  }
  return std::unique_ptr<GitStore>(
      new GitStore(path, std::move(repo), options, dir_fd));
}

absl::Status GitStore::Barrier() { return SyncRepository(dir_fd_); }

absl::Status GitStore::WriteHealth() {
  absl::MutexLock lock(&mu_);
  return broken_;
}

absl::Status GitStore::Sticky(absl::Status s) {
  // After a failed barrier the kernel may have dropped dirty pages and
  // cleared the error: a later sync that succeeds proves nothing about
  // what was lost. No further write is acknowledged until a restart.
  if (IsBarrierFailure(s) && broken_.ok()) {
    broken_ = absl::DataLossError(
        "kluis cannot save new changes: the disk reported an error. "
        "Everything saved before is safe; the last change may be missing. "
        "Make a backup (kluis backup run), have the disk checked, then "
        "restart kluisd");
  }
  return s;
}

GitStore::~GitStore() {
  std::thread packer;
  {
    absl::MutexLock lock(&mu_);
    packer = std::move(packer_);
  }
  if (packer.joinable()) packer.join();
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

absl::StatusOr<git_tree*> GitStore::HeadTree() {
  git_oid head;
  int rc = git_reference_name_to_id(&head, repo_.get(), kMainRef.data());
  if (rc == GIT_ENOTFOUND) return nullptr;
  if (rc != 0) return GitError(rc, "read head");
  if (cached_tree_ != nullptr && git_oid_equal(&head, &cached_head_)) {
    return cached_tree_.get();
  }
  git_commit* c = nullptr;
  rc = git_commit_lookup(&c, repo_.get(), &head);
  if (rc != 0) return GitError(rc, "read head commit");
  CommitPtr commit(c);
  git_tree* t = nullptr;
  rc = git_commit_tree(&t, commit.get());
  if (rc != 0) return GitError(rc, "read head tree");
  cached_tree_.reset(t);
  cached_head_ = head;
  return t;
}

namespace {

struct Parent {
  bool unborn = true;
  git_oid oid{};
};

absl::StatusOr<Parent> ReadParent(git_repository* repo) {
  Parent p;
  int rc = git_reference_name_to_id(&p.oid, repo, kMainRef.data());
  if (rc == GIT_ENOTFOUND) return p;
  if (rc != 0) return GitError(rc, "read head");
  p.unborn = false;
  return p;
}

// Writes the blobs, the updated trees and the commit into `repo`'s object
// database (whatever backend that is) and returns the commit id. Does not
// move any ref.
absl::StatusOr<git_oid> BuildCommit(
    git_repository* repo, git_tree* base, const Parent& parent,
    const std::vector<core::StoreChange>& changes, const std::string& msg,
    const core::CommitSigner& signer) {
  std::vector<git_tree_update> updates;
  updates.reserve(changes.size());
  int rc = 0;
  for (const core::StoreChange& c : changes) {
    git_tree_update u{};
    u.path = c.path.c_str();
    if (!c.blob_id.empty()) {
      rc = git_oid_fromstr(&u.id, c.blob_id.c_str());
      if (rc != 0) return GitError(rc, "parse object id");
      u.action = GIT_TREE_UPDATE_UPSERT;
      u.filemode = GIT_FILEMODE_BLOB;
    } else if (c.data.has_value()) {
      rc = git_blob_create_from_buffer(&u.id, repo, c.data->data(),
                                       c.data->size());
      if (rc != 0) return ObjectWriteError(rc, "write object");
      u.action = GIT_TREE_UPDATE_UPSERT;
      u.filemode = GIT_FILEMODE_BLOB;
    } else {
      // Removing a path that is not there is a no-op, not an error.
      git_tree_entry* e = nullptr;
      if (base == nullptr ||
          git_tree_entry_bypath(&e, base, c.path.c_str()) != 0) {
        continue;
      }
      git_tree_entry_free(e);
      u.action = GIT_TREE_UPDATE_REMOVE;
    }
    updates.push_back(u);
  }
  git_oid tree_oid;
  if (base == nullptr && updates.empty()) {
    git_treebuilder* tb = nullptr;
    rc = git_treebuilder_new(&tb, repo, nullptr);
    if (rc == 0) rc = git_treebuilder_write(&tree_oid, tb);
    git_treebuilder_free(tb);
  } else {
    rc = git_tree_create_updated(&tree_oid, repo, base, updates.size(),
                                 updates.data());
  }
  if (rc != 0) return ObjectWriteError(rc, "write tree");
  git_tree* t = nullptr;
  rc = git_tree_lookup(&t, repo, &tree_oid);
  if (rc != 0) return GitError(rc, "read new tree");
  TreePtr tree(t);
  CommitPtr parent_commit;
  if (!parent.unborn) {
    git_commit* pc = nullptr;
    rc = git_commit_lookup(&pc, repo, &parent.oid);
    if (rc != 0) return GitError(rc, "read parent");
    parent_commit.reset(pc);
  }
  return WriteCommit(repo, tree.get(), parent_commit.get(), msg, signer,
                     /*unsigned_ok=*/!signer);
}

// Compare-and-swap: main moves only if it still points at `parent` (or, on
// the first commit, does not exist yet), durably (see ref_update.h).
absl::Status MoveMain(git_repository* repo, const std::string& git_dir,
                      int dir_fd, const git_oid& commit, const Parent& parent) {
  return UpdateRefDurably(repo, git_dir, dir_fd, kMainRef, commit,
                          parent.unborn ? nullptr : &parent.oid);
}

// Packs the objects reachable from `commit` but not from its parent (the new
// ones, all held in memory) into `out`.
int PackNewObjects(git_repository* repo, const git_oid& commit,
                   const Parent& parent, git_buf* out) {
  git_packbuilder* raw = nullptr;
  int rc = git_packbuilder_new(&raw, repo);
  if (rc != 0) return rc;
  PackbuilderPtr pb(raw);
  git_packbuilder_set_threads(pb.get(), 1);
  git_revwalk* walk_raw = nullptr;
  rc = git_revwalk_new(&walk_raw, repo);
  if (rc != 0) return rc;
  RevwalkPtr walk(walk_raw);
  rc = git_revwalk_push(walk.get(), &commit);
  if (rc == 0 && !parent.unborn) rc = git_revwalk_hide(walk.get(), &parent.oid);
  if (rc == 0) rc = git_packbuilder_insert_walk(pb.get(), walk.get());
  if (rc != 0) return rc;
  return git_packbuilder_write_buf(out, pb.get());
}

absl::StatusOr<git_tree*> TreeOf(git_repository* repo, const Parent& parent,
                                 TreePtr* holder) {
  if (parent.unborn) return nullptr;
  git_commit* c = nullptr;
  int rc = git_commit_lookup(&c, repo, &parent.oid);
  if (rc != 0) return GitError(rc, "read head commit");
  CommitPtr commit(c);
  git_tree* t = nullptr;
  rc = git_commit_tree(&t, commit.get());
  if (rc != 0) return GitError(rc, "read head tree");
  holder->reset(t);
  return t;
}

}  // namespace

absl::StatusOr<std::string> GitStore::CommitOnce(
    const std::vector<core::StoreChange>& changes, absl::string_view message) {
  const std::string msg = absl::StrCat(message, "\n");
  absl::StatusOr<Parent> parent = ReadParent(repo_.get());
  if (!parent.ok()) return parent.status();
  absl::StatusOr<git_tree*> base = HeadTree();
  if (!base.ok()) return base.status();
  absl::StatusOr<git_oid> commit =
      BuildCommit(repo_.get(), *base, *parent, changes, msg, signer_);
  if (!commit.ok()) return commit.status();
  // One barrier puts the objects and the new ref on disk before main moves;
  // main's folder is synced before the ack.
  absl::Status s = MoveMain(repo_.get(), path_, dir_fd_, *commit, *parent);
  if (!s.ok()) return s;
  return OidHex(*commit);
}

absl::StatusOr<std::string> GitStore::CommitPacked(
    const std::vector<core::StoreChange>& changes, absl::string_view message) {
  const std::string msg = absl::StrCat(message, "\n");
  // A second handle on the same repository whose writes land in memory, so
  // that the whole change becomes one pack instead of thousands of loose
  // files, each fsynced. The daemon's own handle never writes to memory.
  git_repository* raw = nullptr;
  int rc = git_repository_open_bare(&raw, path_.c_str());
  if (rc != 0) return GitError(rc, "open for bulk write");
  RepoPtr bulk(raw);
  git_odb* bulk_odb_raw = nullptr;
  rc = git_repository_odb(&bulk_odb_raw, bulk.get());
  if (rc != 0) return GitError(rc, "open object database");
  OdbPtr bulk_odb(bulk_odb_raw);
  git_odb_backend* mempack = nullptr;
  rc = git_mempack_new(&mempack);
  if (rc == 0) rc = git_odb_add_backend(bulk_odb.get(), mempack, 1000);
  if (rc != 0) return GitError(rc, "in-memory object store");

  absl::StatusOr<Parent> parent = ReadParent(bulk.get());
  if (!parent.ok()) return parent.status();
  TreePtr base_holder;
  absl::StatusOr<git_tree*> base = TreeOf(bulk.get(), *parent, &base_holder);
  if (!base.ok()) return base.status();
  absl::StatusOr<git_oid> commit =
      BuildCommit(bulk.get(), *base, *parent, changes, msg, signer_);
  if (!commit.ok()) return commit.status();
  base_holder.reset();

  // Pack exactly the new objects. (git_mempack_dump inserts each commit
  // recursively: it would re-pack the whole existing tree on every import.)
  git_buf pack = GIT_BUF_INIT;
  rc = PackNewObjects(bulk.get(), *commit, *parent, &pack);
  if (rc != 0) {
    git_buf_dispose(&pack);
    return GitError(rc, "build pack");
  }
  // Index and store the pack through the daemon's object database (fsync on).
  git_odb* odb_raw = nullptr;
  rc = git_repository_odb(&odb_raw, repo_.get());
  if (rc != 0) {
    git_buf_dispose(&pack);
    return GitError(rc, "open object database");
  }
  OdbPtr odb(odb_raw);
  git_odb_writepack* wp = nullptr;
  rc = git_odb_write_pack(&wp, odb.get(), nullptr, nullptr);
  if (rc == 0) {
    git_indexer_progress stats{};
    rc = wp->append(wp, pack.ptr, pack.size, &stats);
    if (rc == 0) rc = wp->commit(wp, &stats);
    wp->free(wp);
  }
  git_buf_dispose(&pack);
  if (rc != 0) return GitError(rc, "write pack");
  git_odb_refresh(odb.get());
  absl::Status s = MoveMain(repo_.get(), path_, dir_fd_, *commit, *parent);
  if (!s.ok()) return s;
  return OidHex(*commit);
}

absl::StatusOr<std::string> GitStore::Commit(
    const std::vector<core::StoreChange>& changes, absl::string_view message) {
  absl::MutexLock lock(&mu_);
  if (!broken_.ok()) return broken_;
  absl::StatusOr<std::string> out;
  for (int attempt = 0; attempt < kMaxCasAttempts; ++attempt) {
    out = changes.size() >= kPackedCommitThreshold
              ? CommitPacked(changes, message)
              : CommitOnce(changes, message);
    // Only another writer of the same repository (a maintenance tool) can
    // move main under us: rebuild on the new head and try again. The
    // background `git repack -d` removes object directories it emptied,
    // and one may vanish just before libgit2 writes into it: that failed
    // object write, and only that, is tried again (what it left is
    // unreferenced). A failed barrier is never retried.
    const bool dir_race = IsObjectDirRace(out.status()) && attempt < 3;
    if (!absl::IsAborted(out.status()) && !dir_race) break;
    cached_tree_.reset();
    BackOff(attempt);
  }
  if (!out.ok()) return Sticky(out.status());
  if (out.ok() && options_.pack_every_commits > 0 &&
      ++commits_since_pack_ >= options_.pack_every_commits) {
    MaybePackInBackground();
  }
  return out;
}

void GitStore::MaybePackInBackground() {
  if (packer_.joinable()) {
    // The previous run has had a whole interval to finish.
    packer_.join();
  }
  commits_since_pack_ = 0;
  packer_ = std::thread([path = path_] { (void)RepackRepository(path); });
}

absl::Status GitStore::PurgeNow() {
  // Under the lock: this repack deletes packs, and no write may race it.
  if (packer_.joinable()) packer_.join();
  commits_since_pack_ = 0;
  absl::Status s = PurgeRepository(path_);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo_.get()) == 0) {
    OdbPtr owner(odb);
    git_odb_refresh(odb);
  }
  return s;
}

void GitStore::WaitForMaintenance() {
  std::thread previous;
  {
    absl::MutexLock lock(&mu_);
    previous = std::move(packer_);
  }
  if (previous.joinable()) previous.join();
}

absl::Status GitStore::Pack() {
  std::thread previous;
  {
    absl::MutexLock lock(&mu_);
    previous = std::move(packer_);
    commits_since_pack_ = 0;
  }
  if (previous.joinable()) previous.join();
  return RepackRepository(path_);
}

absl::StatusOr<git_oid> GitStore::BlobIdAt(absl::string_view path) {
  absl::StatusOr<git_tree*> root = HeadTree();
  if (!root.ok()) return root.status();
  if (*root == nullptr) return absl::NotFoundError("repository: no such path");
  const std::string p(path);
  git_tree_entry* raw = nullptr;
  int rc = git_tree_entry_bypath(&raw, *root, p.c_str());
  if (rc != 0) return GitError(rc, "find path");
  TreeEntryPtr entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return absl::NotFoundError("repository: path is not a file");
  }
  return *git_tree_entry_id(entry.get());
}

absl::StatusOr<std::string> GitStore::Read(absl::string_view path) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<git_oid> id = BlobIdAt(path);
  if (!id.ok()) return id.status();
  git_blob* b = nullptr;
  int rc = git_blob_lookup(&b, repo_.get(), &*id);
  if (rc != 0) return GitError(rc, "read object");
  BlobPtr blob(b);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<size_t>(git_blob_rawsize(blob.get())));
}

void GitStore::SetSigner(core::CommitSigner signer) {
  absl::MutexLock lock(&mu_);
  signer_ = std::move(signer);
}

absl::Status GitStore::WalkHistory(
    const std::function<bool(const core::CommitRecord&)>& visit) {
  // Read in batches under the lock, visited without it: checking 100,000
  // signatures must not keep a write waiting, and a visitor may read.
  constexpr size_t kBatch = 1024;
  RevwalkPtr walk;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<RevwalkPtr> w = WalkMain(repo_.get());
    if (!w.ok()) return w.status();
    walk = std::move(*w);
  }
  if (walk == nullptr) return absl::OkStatus();
  std::vector<core::CommitRecord> batch;
  bool more = true;
  while (more) {
    batch.clear();
    {
      absl::MutexLock lock(&mu_);
      while (batch.size() < kBatch) {
        git_oid oid;
        const int rc = git_revwalk_next(&oid, walk.get());
        if (rc == GIT_ITEROVER) {
          more = false;
          break;
        }
        if (rc != 0) return GitError(rc, "walk history");
        absl::StatusOr<core::CommitRecord> rec = ReadCommitRecord(oid);
        if (!rec.ok()) return rec.status();
        batch.push_back(std::move(*rec));
      }
    }
    for (const core::CommitRecord& rec : batch) {
      if (!visit(rec)) return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<core::CommitRecord> GitStore::ReadCommitRecord(
    const git_oid& oid) {
  core::CommitRecord rec;
  rec.id = OidHex(oid);
  git_commit* c = nullptr;
  int rc = git_commit_lookup(&c, repo_.get(), &oid);
  if (rc != 0) return GitError(rc, "read commit");
  CommitPtr commit(c);
  for (unsigned i = 0; i < git_commit_parentcount(c); ++i) {
    rec.parents.push_back(OidHex(*git_commit_parent_id(c, i)));
  }
  rec.time = static_cast<int64_t>(git_commit_time(c));
  rec.message = git_commit_message(c);
  git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
  rc = git_commit_extract_signature(&sig, &data, repo_.get(),
                                    const_cast<git_oid*>(&oid), nullptr);
  if (rc == 0) {
    rec.signature.assign(sig.ptr, sig.size);
    rec.signed_data.assign(data.ptr, data.size);
  }
  git_buf_dispose(&sig);
  git_buf_dispose(&data);
  if (rc != 0 && rc != GIT_ENOTFOUND) return GitError(rc, "read signature");
  git_error_clear();
  return rec;
}

absl::StatusOr<std::unique_ptr<core::BlobWriter>> GitStore::NewBlob() {
  return NewGitBlobWriter(path_);
}

absl::StatusOr<std::unique_ptr<core::ByteSource>> GitStore::OpenBlob(
    absl::string_view path) {
  git_oid id;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<git_oid> found = BlobIdAt(path);
    if (!found.ok()) return found.status();
    id = *found;
  }
  return NewGitBlobReader(path_, id);
}

absl::StatusOr<std::vector<std::string>> GitStore::List(absl::string_view dir) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<git_tree*> root = HeadTree();
  if (!root.ok()) return root.status();
  std::vector<std::string> out;
  if (*root == nullptr) return out;
  git_tree* tree = *root;
  TreePtr sub;
  if (!dir.empty()) {
    const std::string p(dir);
    git_tree_entry* raw = nullptr;
    int rc = git_tree_entry_bypath(&raw, *root, p.c_str());
    if (rc == GIT_ENOTFOUND) return out;
    if (rc != 0) return GitError(rc, "find directory");
    TreeEntryPtr entry(raw);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) return out;
    git_tree* t = nullptr;
    rc = git_tree_lookup(&t, repo_.get(), git_tree_entry_id(entry.get()));
    if (rc != 0) return GitError(rc, "read directory");
    sub.reset(t);
    tree = t;
  }
  const size_t n = git_tree_entrycount(tree);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    out.emplace_back(git_tree_entry_name(git_tree_entry_byindex(tree, i)));
  }
  return out;
}

absl::StatusOr<std::string> GitStore::Head() {
  absl::MutexLock lock(&mu_);
  git_oid head;
  int rc = git_reference_name_to_id(&head, repo_.get(), kMainRef.data());
  if (rc == GIT_ENOTFOUND) return std::string();
  if (rc != 0) return GitError(rc, "read head");
  return OidHex(head);
}

}  // namespace kluis::store
