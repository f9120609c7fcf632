// The recorder's wrappers for name operations (rename, link, unlink, mkdir,
// rmdir, symlink), truncation, descriptor bookkeeping (close, dup) and the
// barriers (fsync, fdatasync, syncfs, sync). A name operation is recorded
// when either of its paths lies under the root; a barrier always is.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/crash/fs_recorder.h"

// Records the bytes of a small file that is about to get a new name, as
// they are now. Writes through stdio (git writes HEAD and packed-refs with
// fprintf on an fdopen'd lock file) go through glibc's internal write and
// are never seen; this record lets the state constructor know what the
// renamed file holds anyway. Large files (packs) are written with write().
static void LogContent(const char* logged_as, const char* now_at) {
  enum { kMaxContent = 64 * 1024 };
  struct stat st;
  if (lstat(now_at, &st) != 0 || !S_ISREG(st.st_mode) ||
      st.st_size > kMaxContent) {
    return;
  }
  const int fd = (int)syscall(SYS_openat, AT_FDCWD, now_at,
                              O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  char* buf = fd < 0 ? NULL : malloc(kMaxContent);
  if (buf == NULL) {
    if (fd >= 0) syscall(SYS_close, fd);
    return;
  }
  size_t n = 0;
  for (;;) {
    const long r = syscall(SYS_read, fd, buf + n, kMaxContent - n);
    if (r <= 0) break;
    n += (size_t)r;
  }
  syscall(SYS_close, fd);
  KcEmit("content", -1, 0, 0, 0, logged_as, NULL, buf, n);
  free(buf);
}

// Records a two-path operation if either path is under the root.
static int Name2(int rc, const char* op, long long flags, int d1,
                 const char* p1, int d2, const char* p2) {
  if (rc != 0 || !KcActive()) return rc;
  const int saved = errno;
  char a[PATH_MAX], b[PATH_MAX];
  a[0] = b[0] = '\0';
  const int in1 = KcResolve(d1, p1, a), in2 = KcResolve(d2, p2, b);
  // Once renamed the bytes are at b; a link leaves them at both.
  if (in1 && in2 && !(flags & 2 /* RENAME_EXCHANGE */)) LogContent(a, b);
  if (in1 || in2) KcEmit(op, -1, flags, in1, in2, a, b, NULL, 0);
  errno = saved;
  return rc;
}

// Records a one-path operation if the path is under the root. Resolution is
// lexical, so it works after the name is gone.
static int Name1(int rc, const char* op, long long arg, int d,
                 const char* path) {
  if (rc != 0 || !KcActive()) return rc;
  const int saved = errno;
  char a[PATH_MAX];
  if (KcResolve(d, path, a)) KcEmit(op, -1, arg, 0, 0, a, NULL, NULL, 0);
  errno = saved;
  return rc;
}

EXPORT int rename(const char* from, const char* to) {
  NEXT(int, rename, (const char*, const char*));
  return Name2(next(from, to), "rename", 0, AT_FDCWD, from, AT_FDCWD, to);
}
EXPORT int renameat(int fd1, const char* from, int fd2, const char* to) {
  NEXT(int, renameat, (int, const char*, int, const char*));
  return Name2(next(fd1, from, fd2, to), "rename", 0, fd1, from, fd2, to);
}
EXPORT int renameat2(int fd1, const char* from, int fd2, const char* to,
                     unsigned flags) {
  NEXT(int, renameat2, (int, const char*, int, const char*, unsigned));
  return Name2(next(fd1, from, fd2, to, flags), "rename", flags, fd1, from, fd2,
               to);
}
EXPORT int link(const char* from, const char* to) {
  NEXT(int, link, (const char*, const char*));
  return Name2(next(from, to), "link", 0, AT_FDCWD, from, AT_FDCWD, to);
}
EXPORT int linkat(int fd1, const char* from, int fd2, const char* to,
                  int flags) {
  NEXT(int, linkat, (int, const char*, int, const char*, int));
  return Name2(next(fd1, from, fd2, to, flags), "link", 0, fd1, from, fd2, to);
}
// symlink's target is text, not a path we follow: p1 carries it verbatim.
EXPORT int symlinkat(const char* target, int fd, const char* path) {
  NEXT(int, symlinkat, (const char*, int, const char*));
  const int rc = next(target, fd, path);
  if (rc != 0 || !KcActive()) return rc;
  const int saved = errno;
  char a[PATH_MAX];
  if (KcResolve(fd, path, a)) KcEmit("symlink", -1, 0, 0, 0, target, a, 0, 0);
  errno = saved;
  return rc;
}
EXPORT int symlink(const char* target, const char* path) {
  return symlinkat(target, AT_FDCWD, path);
}
EXPORT int unlink(const char* path) {
  NEXT(int, unlink, (const char*));
  return Name1(next(path), "unlink", 0, AT_FDCWD, path);
}
EXPORT int unlinkat(int fd, const char* path, int flags) {
  NEXT(int, unlinkat, (int, const char*, int));
  return Name1(next(fd, path, flags),
               (flags & AT_REMOVEDIR) ? "rmdir" : "unlink", 0, fd, path);
}
EXPORT int rmdir(const char* path) {
  NEXT(int, rmdir, (const char*));
  return Name1(next(path), "rmdir", 0, AT_FDCWD, path);
}
EXPORT int mkdir(const char* path, mode_t mode) {
  NEXT(int, mkdir, (const char*, mode_t));
  return Name1(next(path, mode), "mkdir", mode, AT_FDCWD, path);
}
EXPORT int mkdirat(int fd, const char* path, mode_t mode) {
  NEXT(int, mkdirat, (int, const char*, mode_t));
  return Name1(next(fd, path, mode), "mkdir", mode, fd, path);
}
// glibc's mkdtemp makes its directory through an internal mkdir (git's
// receive-pack quarantine, tmp_objdir-incoming-*, is made this way).
EXPORT char* mkdtemp(char* tmpl) {
  NEXT(char*, mkdtemp, (char*));
  char* dir = next(tmpl);
  if (dir != NULL) Name1(0, "mkdir", 0700, AT_FDCWD, dir);
  return dir;
}
EXPORT int truncate(const char* path, off_t len) {
  NEXT(int, truncate, (const char*, off_t));
  return Name1(next(path, len), "truncpath", len, AT_FDCWD, path);
}
EXPORT int ftruncate(int fd, off_t len) {
  NEXT(int, ftruncate, (int, off_t));
  const int rc = next(fd, len);
  if (rc == 0 && KcTracked(fd)) KcEmit("trunc", fd, len, 0, 0, 0, 0, 0, 0);
  return rc;
}
EXPORT int ftruncate64(int fd, off64_t len) {
  return ftruncate(fd, (off_t)len);
}

EXPORT int close(int fd) {
  NEXT(int, close, (int));
  // Untrack first: once closed, another thread may get the same number.
  if (KcActive() && KcUntrack(fd)) KcEmit("close", fd, 0, 0, 0, 0, 0, 0, 0);
  return next(fd);
}

static int AfterDup(int oldfd, int newfd) {
  if (newfd < 0 || !KcActive()) return newfd;
  const int saved = errno;
  char path[PATH_MAX];
  if (KcTracked(oldfd) && KcFdPath(oldfd, path)) {
    KcTrack(newfd, path);
    KcEmit("dup", oldfd, newfd, 0, 0, path, 0, 0, 0);
  } else if (KcUntrack(newfd)) {
    KcEmit("close", newfd, 0, 0, 0, 0, 0, 0, 0);  // dup2 closed it
  }
  errno = saved;
  return newfd;
}
EXPORT int dup(int fd) {
  NEXT(int, dup, (int));
  return AfterDup(fd, next(fd));
}
EXPORT int dup2(int fd, int to) {
  NEXT(int, dup2, (int, int));
  return AfterDup(fd, next(fd, to));
}
EXPORT int dup3(int fd, int to, int flags) {
  NEXT(int, dup3, (int, int, int));
  return AfterDup(fd, next(fd, to, flags));
}

// A barrier is logged whether or not its file is under the root; a = 1 when
// it is (for syncfs: when it is on the root's file system).
static int Barrier(int rc, const char* op, int fd) {
  if (rc != 0 || !KcActive()) return rc;
  const int saved = errno;
  char path[PATH_MAX];
  path[0] = '\0';
  const int in = KcFdPath(fd, path);
  const int covers = op[0] == 's' ? KcSameDevice(fd) : in;
  KcEmit(op, fd, covers, 0, 0, path, 0, 0, 0);
  errno = saved;
  return rc;
}
EXPORT int fsync(int fd) {
  NEXT(int, fsync, (int));
  return Barrier(next(fd), "fsync", fd);
}
EXPORT int fdatasync(int fd) {
  NEXT(int, fdatasync, (int));
  return Barrier(next(fd), "fdatasync", fd);
}
EXPORT int syncfs(int fd) {
  NEXT(int, syncfs, (int));
  return Barrier(next(fd), "syncfs", fd);
}
EXPORT void sync(void) {
  NEXT(void, sync, (void));
  next();
  if (KcActive()) KcEmit("sync", -1, 1, 0, 0, 0, 0, 0, 0);
}
