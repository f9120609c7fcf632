// Internals shared by the files of the LD_PRELOAD recorder (fs_recorder*.c).
// All of these have hidden visibility: only the wrapped libc names are
// exported from the shared library.
#ifndef KLUIS_TESTS_CRASH_FS_RECORDER_H_
#define KLUIS_TESTS_CRASH_FS_RECORDER_H_

#include <stddef.h>

// 1 once $KLUIS_CRASH_ROOT and $KLUIS_CRASH_LOG are set and the log is open.
int KcActive(void);
// Appends one record (see tests/crash/op_log.h); keeps errno.
void KcEmit(const char* op, int fd, long long a, long long b, long long c,
            const char* p1, const char* p2, const void* data, size_t len);
// (dirfd, path) as a normalised absolute path in `out` (PATH_MAX bytes);
// 1 when it lies under the root.
int KcResolve(int dirfd, const char* path, char* out);
// The path `fd` was opened at (or the kernel's name for it) in `out`;
// 1 when it lies under the root.
int KcFdPath(int fd, char* out);
int KcTracked(int fd);  // 1 when `fd` was opened under the root
void KcTrack(int fd, const char* path);
int KcUntrack(int fd);  // 1 when it was tracked
int KcUnderRoot(const char* abs);
int KcSameDevice(int fd);  // 1 when `fd` is on the root's file system
// Joins `base` and `rel` (rel may be absolute) and removes ".", ".." and
// repeated slashes. Returns 0 when the result does not fit.
int KcJoinPath(const char* base, const char* rel, char* out, size_t cap);

// A wrapper is exported; `next` is the definition it wraps.
#define EXPORT __attribute__((visibility("default")))
// (memcpy: ISO C has no cast from dlsym's void* to a function pointer.)
#define NEXT(ret, name, params)          \
  static ret(*next) params = NULL;       \
  if (next == NULL) {                    \
    void* sym = dlsym(RTLD_NEXT, #name); \
    memcpy(&next, &sym, sizeof(next));   \
  }

#endif  // KLUIS_TESTS_CRASH_FS_RECORDER_H_
