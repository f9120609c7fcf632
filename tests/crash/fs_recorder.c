// An LD_PRELOAD recorder of file-system operations, for the crash harness
// (tests/crash/). Every process that loads it (kluisd and the git children it
// spawns, which inherit LD_PRELOAD) appends one record per operation on a path
// under $KLUIS_CRASH_ROOT to $KLUIS_CRASH_LOG; fsync, fdatasync, syncfs and
// sync are recorded wherever they point, since a barrier on another file of
// the same file system still orders things. The record format is in
// tests/crash/op_log.h. Test code only: it is never linked into kluisd.
//
// Each record goes out in one writev() on an O_APPEND descriptor, so records
// of concurrent threads and processes never interleave, and a test's ACK line
// written after a command returns lands after every syscall of that command.
#define _GNU_SOURCE
#include "tests/crash/fs_recorder.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

enum { kMaxFd = 65536 };

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static char g_root[PATH_MAX];
static size_t g_root_len;
static dev_t g_root_dev;
static int g_log_fd = -1;
// fd -> path (under the root) of what this process opened; guarded by g_mu.
static char* g_fd_path[kMaxFd];

static void LockAll(void) { pthread_mutex_lock(&g_mu); }
static void UnlockAll(void) { pthread_mutex_unlock(&g_mu); }

__attribute__((constructor)) static void RecorderInit(void) {
  const char* root = getenv("KLUIS_CRASH_ROOT");
  const char* log = getenv("KLUIS_CRASH_LOG");
  if (root == NULL || log == NULL || strlen(root) >= sizeof(g_root)) return;
  if (realpath(root, g_root) == NULL) return;
  g_root_len = strlen(g_root);
  struct stat st;
  if (stat(g_root, &st) == 0) g_root_dev = st.st_dev;
  // A raw syscall: our own open() wrapper must not see the log.
  g_log_fd = (int)syscall(SYS_openat, AT_FDCWD, log,
                          O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  // A child forked while another thread logs must not inherit a held lock.
  pthread_atfork(LockAll, UnlockAll, UnlockAll);
}

int KcActive(void) { return g_log_fd >= 0; }

// Appends one record: "K op pid fd a b c n1 n2 n3\n" then the three payloads
// and a newline. Caller need not hold g_mu.
void KcEmit(const char* op, int fd, long long a, long long b, long long c,
            const char* p1, const char* p2, const void* data, size_t len) {
  if (!KcActive()) return;
  char head[256];
  const size_t n1 = p1 ? strlen(p1) : 0, n2 = p2 ? strlen(p2) : 0;
  const int hl =
      snprintf(head, sizeof(head), "K %s %d %d %lld %lld %lld %zu %zu %zu\n",
               op, (int)getpid(), fd, a, b, c, n1, n2, len);
  struct iovec iov[5] = {{head, (size_t)hl},
                         {(void*)(p1 ? p1 : ""), n1},
                         {(void*)(p2 ? p2 : ""), n2},
                         {(void*)data, len},
                         {(void*)"\n", 1}};
  const int saved = errno;
  syscall(SYS_writev, g_log_fd, iov, 5);
  errno = saved;
}

// Resolves (dirfd, path) to a normalised absolute path in `out`; returns 1
// when it lies under the root.
int KcResolve(int dirfd, const char* path, char* out) {
  if (!KcActive() || path == NULL) return 0;
  char base[PATH_MAX];
  base[0] = '\0';
  if (path[0] != '/') {
    if (dirfd == AT_FDCWD) {
      if (getcwd(base, sizeof(base)) == NULL) return 0;
    } else {
      char link[64];
      snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
      const ssize_t n = readlink(link, base, sizeof(base) - 1);
      if (n < 0) return 0;
      base[n] = '\0';
    }
  }
  if (!KcJoinPath(base, path, out, PATH_MAX)) return 0;
  return KcUnderRoot(out);
}

// The path this process opened `fd` at, or what the kernel says it is now.
int KcFdPath(int fd, char* out) {
  int known = 0;
  pthread_mutex_lock(&g_mu);
  if (fd >= 0 && fd < kMaxFd && g_fd_path[fd] != NULL) {
    snprintf(out, PATH_MAX, "%s", g_fd_path[fd]);
    known = 1;
  }
  pthread_mutex_unlock(&g_mu);
  if (known) return 1;
  char link[64];
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, out, PATH_MAX - 1);
  if (n < 0) return 0;
  out[n] = '\0';
  return KcUnderRoot(out);
}

int KcTracked(int fd) {
  if (!KcActive() || fd < 0 || fd >= kMaxFd) return 0;
  pthread_mutex_lock(&g_mu);
  const int t = g_fd_path[fd] != NULL;
  pthread_mutex_unlock(&g_mu);
  return t;
}

void KcTrack(int fd, const char* path) {
  if (fd < 0 || fd >= kMaxFd) return;
  char* copy = strdup(path);
  pthread_mutex_lock(&g_mu);
  free(g_fd_path[fd]);
  g_fd_path[fd] = copy;
  pthread_mutex_unlock(&g_mu);
}

int KcUntrack(int fd) {
  if (fd < 0 || fd >= kMaxFd) return 0;
  pthread_mutex_lock(&g_mu);
  char* old = g_fd_path[fd];
  g_fd_path[fd] = NULL;
  pthread_mutex_unlock(&g_mu);
  free(old);
  return old != NULL;
}

int KcUnderRoot(const char* abs) {
  if (strncmp(abs, g_root, g_root_len) != 0) return 0;
  return abs[g_root_len] == '\0' || abs[g_root_len] == '/';
}

int KcSameDevice(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && st.st_dev == g_root_dev;
}
