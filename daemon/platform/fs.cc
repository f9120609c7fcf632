#include "daemon/platform/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "daemon/platform/scoped_fd.h"

namespace kluis::platform {

absl::Status ErrnoStatus(int err, absl::string_view what) {
  const std::string msg = absl::StrCat(what, ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(msg);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(msg);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(msg);
    case EEXIST:
      return absl::AlreadyExistsError(msg);
    case ENOTDIR:
      return absl::FailedPreconditionError(msg);
    default:
      return absl::UnavailableError(msg);
  }
}

std::string DirName(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool PathExists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

absl::Status MakePrivateDirs(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("directory: empty path");
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      return absl::FailedPreconditionError("directory: exists and is not one");
    }
    return absl::OkStatus();
  }
  const std::string parent = DirName(path);
  if (parent != path) {
    absl::Status s = MakePrivateDirs(parent);
    if (!s.ok()) return s;
  }
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return ErrnoStatus(errno, "mkdir");
  }
  return FsyncDir(parent);
}

absl::Status CheckPrivateDir(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0)
    return ErrnoStatus(errno, "stat directory");
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError("directory: not a directory");
  }
  if (st.st_uid != ::geteuid()) {
    return absl::FailedPreconditionError("directory: owned by another user");
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        "directory: accessible to other users (must be mode 0700)");
  }
  return absl::OkStatus();
}

absl::Status FsyncDir(const std::string& dir) {
  ScopedFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, "open directory for fsync");
  if (::fsync(fd.get()) != 0) return ErrnoStatus(errno, "fsync directory");
  return absl::OkStatus();
}

namespace {

absl::Status WriteAtomically(const std::string& path, absl::string_view data,
                             int mode, bool sync, bool mode_may_fail = false) {
  // Dot-named, so that a crash's leftover is skipped by whatever lists the
  // folder (a backup copies no half-written key file).
  const size_t slash = path.rfind('/');
  std::string temp = slash == std::string::npos
                         ? absl::StrCat(".", path, ".tmp-XXXXXX")
                         : absl::StrCat(path.substr(0, slash + 1), ".",
                                        path.substr(slash + 1), ".tmp-XXXXXX");
  ScopedFd fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, "create temporary file");
  auto fail = [&](absl::string_view what) {
    absl::Status s = ErrnoStatus(errno, what);
    ::unlink(temp.c_str());
    return s;
  };
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0 &&
      !(mode_may_fail && (errno == EPERM || errno == ENOTSUP))) {
    return fail("chmod");
  }
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("write");
    done += static_cast<size_t>(n);
  }
  if (sync && ::fsync(fd.get()) != 0) return fail("fsync");
  fd.reset();
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("rename");
  return sync ? FsyncDir(DirName(path)) : absl::OkStatus();
}

}  // namespace

absl::Status WriteFileAtomic(const std::string& path, absl::string_view data,
                             int mode) {
  return WriteAtomically(path, data, mode, true);
}

absl::Status WriteFileAtomicNoSync(const std::string& path,
                                   absl::string_view data, int mode) {
  return WriteAtomically(path, data, mode, false);
}

absl::Status WriteFileAtomic(const std::string& path, absl::string_view data,
                             const AtomicWriteOptions& options) {
  return WriteAtomically(path, data, options.mode, options.sync,
                         options.mode_may_fail);
}

absl::Status SyncFilesystem(const std::string& path) {
  ScopedFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, "open for syncfs");
  if (::syncfs(fd.get()) != 0) return ErrnoStatus(errno, "syncfs");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  ScopedFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(errno, "open");
  std::string out;
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd.get(), buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(errno, "read");
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

absl::Status RemoveFileDurably(const std::string& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return ErrnoStatus(errno, "unlink");
  }
  return FsyncDir(DirName(path));
}

absl::Status ShredFile(const std::string& path) {
  ScopedFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return ErrnoStatus(errno, "open for shredding");
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus(errno, "fstat");
  const std::string zeros(4096, '\0');
  off_t done = 0;
  while (done < st.st_size) {
    const size_t n = static_cast<size_t>(
        std::min<off_t>(st.st_size - done, static_cast<off_t>(zeros.size())));
    const ssize_t w = ::pwrite(fd.get(), zeros.data(), n, done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "overwrite");
    }
    done += w;
  }
  if (::fdatasync(fd.get()) != 0) return ErrnoStatus(errno, "fdatasync");
  return RemoveFileDurably(path);
}

absl::StatusOr<int> ShredTempLeftovers(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT) return 0;
    return ErrnoStatus(errno, "open folder");
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
  ::closedir(d);
  int shredded = 0;
  for (const std::string& name : names) {
    if (name == "." || name == "..") continue;
    const std::string path = absl::StrCat(dir, "/", name);
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      absl::StatusOr<int> n = ShredTempLeftovers(path);
      if (!n.ok()) return n.status();
      shredded += *n;
    } else if (S_ISREG(st.st_mode) && name[0] == '.' &&
               name.find(".tmp-") != std::string::npos) {
      absl::Status s = ShredFile(path);
      if (!s.ok()) return s;
      ++shredded;
    }
  }
  return shredded;
}

absl::StatusOr<std::vector<std::string>> ListDir(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (d == nullptr) return ErrnoStatus(errno, "opendir");
  std::vector<std::string> out;
  while (struct dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") out.push_back(name);
  }
  ::closedir(d);
  return out;
}

}  // namespace kluis::platform
