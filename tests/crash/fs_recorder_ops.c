// The wrapped libc calls of the recorder. Each calls the next definition
// (dlsym(RTLD_NEXT)), then records what succeeded. glibc and git reach open
// through several names (open64, openat64, the _FORTIFY_SOURCE __open_2
// family), so each name is wrapped.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tests/crash/fs_recorder.h"

static int AfterOpen(int fd, int dirfd, const char* path, int flags,
                     mode_t mode) {
  char abs[PATH_MAX];
  if (fd < 0 || !KcResolve(dirfd, path, abs)) return fd;
  const int saved = errno;
  struct stat st;
  const long long ino = fstat(fd, &st) == 0 ? (long long)st.st_ino : -1;
  KcTrack(fd, abs);
  KcEmit("open", fd, flags, mode, ino, abs, NULL, NULL, 0);
  errno = saved;
  return fd;
}

static mode_t ModeArg(int flags, va_list ap) {
  return (flags & (O_CREAT | __O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

#define WRAP_OPEN(name)                                                     \
  EXPORT int name(const char* path, int flags, ...) {                       \
    va_list ap;                                                             \
    va_start(ap, flags);                                                    \
    const mode_t mode = ModeArg(flags, ap);                                 \
    va_end(ap);                                                             \
    NEXT(int, name, (const char*, int, ...));                               \
    return AfterOpen(next(path, flags, mode), AT_FDCWD, path, flags, mode); \
  }
#define WRAP_OPENAT(name)                                                \
  EXPORT int name(int dirfd, const char* path, int flags, ...) {         \
    va_list ap;                                                          \
    va_start(ap, flags);                                                 \
    const mode_t mode = ModeArg(flags, ap);                              \
    va_end(ap);                                                          \
    NEXT(int, name, (int, const char*, int, ...));                       \
    return AfterOpen(next(dirfd, path, flags, mode), dirfd, path, flags, \
                     mode);                                              \
  }
WRAP_OPEN(open)
WRAP_OPEN(open64)
WRAP_OPENAT(openat)
WRAP_OPENAT(openat64)

EXPORT int __open_2(const char* path, int flags) {
  NEXT(int, __open_2, (const char*, int));
  return AfterOpen(next(path, flags), AT_FDCWD, path, flags, 0);
}
EXPORT int __open64_2(const char* path, int flags) {
  NEXT(int, __open64_2, (const char*, int));
  return AfterOpen(next(path, flags), AT_FDCWD, path, flags, 0);
}
EXPORT int __openat_2(int dirfd, const char* path, int flags) {
  NEXT(int, __openat_2, (int, const char*, int));
  return AfterOpen(next(dirfd, path, flags), dirfd, path, flags, 0);
}
EXPORT int __openat64_2(int dirfd, const char* path, int flags) {
  NEXT(int, __openat64_2, (int, const char*, int));
  return AfterOpen(next(dirfd, path, flags), dirfd, path, flags, 0);
}
EXPORT int creat(const char* path, mode_t mode) {
  return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
EXPORT int creat64(const char* path, mode_t mode) {
  return open64(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

// glibc's mkstemp family opens through an internal symbol that no wrapper
// of open sees; the daemon's atomic writes create their temp files this way.
#define WRAP_MKSTEMP(name, params, args, extra_flags)                  \
  EXPORT int name params {                                             \
    NEXT(int, name, params);                                           \
    return AfterOpen(next args, AT_FDCWD, tmpl,                        \
                     O_CREAT | O_EXCL | O_RDWR | (extra_flags), 0600); \
  }
WRAP_MKSTEMP(mkstemp, (char* tmpl), (tmpl), 0)
WRAP_MKSTEMP(mkstemp64, (char* tmpl), (tmpl), 0)
WRAP_MKSTEMP(mkostemp, (char* tmpl, int flags), (tmpl, flags), flags)
WRAP_MKSTEMP(mkostemp64, (char* tmpl, int flags), (tmpl, flags), flags)
WRAP_MKSTEMP(mkstemps, (char* tmpl, int len), (tmpl, len), 0)
WRAP_MKSTEMP(mkstemps64, (char* tmpl, int len), (tmpl, len), 0)
WRAP_MKSTEMP(mkostemps, (char* tmpl, int len, int flags), (tmpl, len, flags),
             flags)
WRAP_MKSTEMP(mkostemps64, (char* tmpl, int len, int flags), (tmpl, len, flags),
             flags)

// Where a write() on `fd` starts: the end for O_APPEND, else the offset.
static long long StartOffset(int fd) {
  const int fl = fcntl(fd, F_GETFL);
  if (fl >= 0 && (fl & O_APPEND)) {
    struct stat st;
    return fstat(fd, &st) == 0 ? (long long)st.st_size : -1;
  }
  return (long long)lseek(fd, 0, SEEK_CUR);
}

static void LogWrite(int fd, long long off, const void* buf, ssize_t n) {
  if (n > 0) KcEmit("write", fd, off, 0, 0, NULL, NULL, buf, (size_t)n);
}

EXPORT ssize_t write(int fd, const void* buf, size_t count) {
  NEXT(ssize_t, write, (int, const void*, size_t));
  if (!KcTracked(fd)) return next(fd, buf, count);
  const long long off = StartOffset(fd);
  const ssize_t n = next(fd, buf, count);
  const int saved = errno;
  LogWrite(fd, off, buf, n);
  errno = saved;
  return n;
}

#define WRAP_PWRITE(name, off_type)                                          \
  EXPORT ssize_t name(int fd, const void* buf, size_t count, off_type off) { \
    NEXT(ssize_t, name, (int, const void*, size_t, off_type));               \
    const ssize_t n = next(fd, buf, count, off);                             \
    const int saved = errno;                                                 \
    if (KcTracked(fd)) LogWrite(fd, (long long)off, buf, n);                 \
    errno = saved;                                                           \
    return n;                                                                \
  }
WRAP_PWRITE(pwrite, off_t)
WRAP_PWRITE(pwrite64, off64_t)

// The bytes a vectored write actually wrote, gathered into one buffer.
static void LogWritev(int fd, long long off, const struct iovec* iov, int cnt,
                      ssize_t n) {
  if (n <= 0) return;
  char* buf = malloc((size_t)n);
  if (buf == NULL) abort();  // a silently short log would fake crash states
  size_t at = 0;
  for (int i = 0; i < cnt && at < (size_t)n; ++i) {
    size_t take = iov[i].iov_len;
    if (take > (size_t)n - at) take = (size_t)n - at;
    memcpy(buf + at, iov[i].iov_base, take);
    at += take;
  }
  LogWrite(fd, off, buf, n);
  free(buf);
}

EXPORT ssize_t writev(int fd, const struct iovec* iov, int cnt) {
  NEXT(ssize_t, writev, (int, const struct iovec*, int));
  if (!KcTracked(fd)) return next(fd, iov, cnt);
  const long long off = StartOffset(fd);
  const ssize_t n = next(fd, iov, cnt);
  const int saved = errno;
  LogWritev(fd, off, iov, cnt, n);
  errno = saved;
  return n;
}

EXPORT ssize_t pwritev(int fd, const struct iovec* iov, int cnt, off_t off) {
  NEXT(ssize_t, pwritev, (int, const struct iovec*, int, off_t));
  const ssize_t n = next(fd, iov, cnt, off);
  const int saved = errno;
  if (KcTracked(fd)) LogWritev(fd, (long long)off, iov, cnt, n);
  errno = saved;
  return n;
}
