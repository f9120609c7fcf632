// Lexical path normalisation for the recorder: the kernel resolves paths
// relative to a directory fd or the cwd (git children run inside repo.git),
// and the log must name every file by one absolute spelling so that the
// state constructor can follow it through renames.
#include <string.h>

#include "tests/crash/fs_recorder.h"

int KcJoinPath(const char* base, const char* rel, char* out, size_t cap) {
  char joined[8192];
  size_t n = 0;
  if (rel[0] != '/') {
    const size_t bl = strlen(base);
    if (bl + 1 >= sizeof(joined)) return 0;
    memcpy(joined, base, bl);
    n = bl;
    joined[n++] = '/';
  }
  const size_t rl = strlen(rel);
  if (n + rl + 1 > sizeof(joined)) return 0;
  memcpy(joined + n, rel, rl + 1);

  // Walk the components, keeping a stack of where each one starts in `out`.
  size_t len = 0;
  const char* p = joined;
  while (*p != '\0') {
    while (*p == '/') ++p;
    if (*p == '\0') break;
    const char* end = strchr(p, '/');
    const size_t cl = end ? (size_t)(end - p) : strlen(p);
    if (cl == 1 && p[0] == '.') {
      // nothing
    } else if (cl == 2 && p[0] == '.' && p[1] == '.') {
      while (len > 0 && out[len - 1] != '/') --len;
      if (len > 0) --len;  // the slash before it
    } else {
      if (len + 1 + cl + 1 > cap) return 0;
      out[len++] = '/';
      memcpy(out + len, p, cl);
      len += cl;
    }
    p += cl;
  }
  if (len == 0) out[len++] = '/';
  out[len] = '\0';
  return 1;
}
