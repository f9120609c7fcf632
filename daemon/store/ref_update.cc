#include "daemon/store/ref_update.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::store {
namespace {

using platform::ScopedFd;

constexpr char kBarrierPayload[] = "kluis.store/barrier-failed";

// `moved`: the ref was renamed already, so the change is in the vault now
// but may not survive a power cut; otherwise it is not in the vault.
absl::Status BarrierFailure(absl::string_view what, int err,
                            bool moved = false) {
  absl::Status s = absl::DataLossError(absl::StrCat(
      "the disk reported an error (", what, ": ",
      err == ENOSPC || err == EDQUOT ? "disk full" : "I/O error", "); ",
      moved ? "the change may or may not be saved: after restarting kluisd, "
              "check whether it is there before entering it again"
            : "the change was not saved"));
  s.SetPayload(kBarrierPayload, absl::Cord(what));
  return s;
}

absl::Status Os(absl::string_view what, int err) {
  const std::string msg = absl::StrCat("repository: ", what, " failed");
  if (err == ENOSPC || err == EDQUOT) {
    return absl::ResourceExhaustedError(absl::StrCat(msg, ": disk full"));
  }
  return absl::UnavailableError(msg);
}

std::string Hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof(buf), &oid);
  return buf;
}

// Creates the ref's folder (refs/kluis/ before the first journal entry)
// with git's modes, durably: each new folder's parent is synced.
absl::Status MakeRefDirs(const std::string& git_dir, absl::string_view ref) {
  std::string dir = git_dir;
  size_t start = 0;
  for (size_t slash = ref.find('/'); slash != absl::string_view::npos;
       start = slash + 1, slash = ref.find('/', start)) {
    const std::string parent = dir;
    dir = absl::StrCat(dir, "/", ref.substr(start, slash - start));
    if (::mkdir(dir.c_str(), 0755) == 0) {
      ScopedFd p(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      if (!p.valid() || ::fsync(p.get()) != 0) {
        return BarrierFailure("sync of a new ref folder", errno);
      }
    } else if (errno != EEXIST) {
      return Os("create ref folder", errno);
    }
  }
  return absl::OkStatus();
}

bool WriteAll(int fd, absl::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

absl::Status SyncRepository(int dir_fd) {
  if (::syncfs(dir_fd) == 0) return absl::OkStatus();
  return BarrierFailure("sync", errno);
}

bool IsBarrierFailure(const absl::Status& s) {
  return s.GetPayload(kBarrierPayload).has_value();
}

absl::Status UpdateRefDurably(git_repository* repo, const std::string& git_dir,
                              int dir_fd, absl::string_view ref,
                              const git_oid& target, const git_oid* expected) {
  absl::Status s = MakeRefDirs(git_dir, ref);
  if (!s.ok()) return s;
  const std::string path = absl::StrCat(git_dir, "/", ref);
  const std::string lock = absl::StrCat(path, ".lock");
  ScopedFd fd(::open(lock.c_str(),
                     O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                     0644));
  if (!fd.valid()) {
    if (errno == EEXIST) {
      return absl::AbortedError("repository: ref is locked by another writer");
    }
    return Os("lock ref", errno);
  }
  struct Unlock {
    const std::string& lock;
    bool armed = true;
    ~Unlock() {
      if (armed) ::unlink(lock.c_str());
    }
  } unlock{lock};

  // Compared under the lock: no git or libgit2 writer moves the ref now.
  const std::string ref_name(ref);
  git_oid current;
  const int rc = git_reference_name_to_id(&current, repo, ref_name.c_str());
  if (rc != 0 && rc != GIT_ENOTFOUND) return Os("read ref", EIO);
  git_error_clear();
  const bool matches = expected == nullptr
                           ? rc == GIT_ENOTFOUND
                           : rc == 0 && git_oid_equal(&current, expected);
  if (!matches) {
    return absl::AbortedError("repository: ref moved (concurrent update)");
  }
  if (!WriteAll(fd.get(), absl::StrCat(Hex(target), "\n"))) {
    return Os("write ref", errno);
  }
  // One barrier for the objects and the new ref's bytes: a rename that
  // reaches the disk before the bytes it names would leave an empty ref.
  s = SyncRepository(dir_fd);
  if (!s.ok()) return s;
  fd.reset();
  if (::rename(lock.c_str(), path.c_str()) != 0) return Os("move ref", errno);
  unlock.armed = false;
  const std::string dir = path.substr(0, path.rfind('/'));
  ScopedFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dfd.valid() || ::fsync(dfd.get()) != 0) {
    return BarrierFailure("sync of the ref folder", errno, /*moved=*/true);
  }
  return absl::OkStatus();
}

namespace {

// Also syncs every folder it walks: a ref folder made by an earlier run
// that crashed before syncing its parent is durable from now on, before
// any acknowledged ref update relies on it.
void ClearLocksUnder(const std::string& dir, int* removed, bool* failed) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  while (dirent* e = ::readdir(d)) {
    const absl::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = absl::StrCat(dir, "/", name);
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      ClearLocksUnder(path, removed, failed);
    } else if (absl::EndsWith(name, ".lock")) {
      if (::unlink(path.c_str()) == 0) {
        ++*removed;
      } else {
        *failed = true;
      }
    }
  }
  ::closedir(d);
  ScopedFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dfd.valid() || ::fsync(dfd.get()) != 0) *failed = true;
}

}  // namespace

absl::StatusOr<int> ClearStaleLocks(const std::string& git_dir) {
  int removed = 0;
  bool failed = false;
  ClearLocksUnder(git_dir + "/refs", &removed, &failed);
  for (const char* name : {"packed-refs.lock", "HEAD.lock", "config.lock"}) {
    const std::string path = absl::StrCat(git_dir, "/", name);
    if (::unlink(path.c_str()) == 0) {
      ++removed;
    } else if (errno != ENOENT) {
      failed = true;
    }
  }
  ScopedFd dfd(::open(git_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dfd.valid() || ::fsync(dfd.get()) != 0) failed = true;
  if (failed) {
    return absl::UnavailableError(
        "repository: a lock file left by a crash cannot be removed");
  }
  return removed;
}

}  // namespace kluis::store
