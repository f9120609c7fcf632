/* An LD_PRELOAD shim that makes the disk barriers of the process it is
 * loaded into fail, on demand, as a dying disk would: while the file named
 * by KLUIS_FAULT_CONTROL exists, each barrier call whose name it contains
 * ("syncfs", "fsync", "fdatasync") returns -1 with errno EIO, without
 * syncing. Test code only: it lets a test aim a power-cut-grade failure at
 * one command of a real kluisd. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int Armed(const char* call) {
  const char* control = getenv("KLUIS_FAULT_CONTROL");
  if (control == NULL) return 0;
  int fd = open(control, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[256];
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  /* Whole words only: "fsync" must not arm "syncfs". */
  for (char* w = strtok(buf, " \n\t"); w != NULL; w = strtok(NULL, " \n\t")) {
    if (strcmp(w, call) == 0) return 1;
  }
  return 0;
}

#define FAULT_WRAP(name)                                        \
  int name(int fd) {                                            \
    static int (*real)(int) = NULL;                             \
    if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, #name); \
    if (Armed(#name)) {                                         \
      errno = EIO;                                              \
      return -1;                                                \
    }                                                           \
    return real(fd);                                            \
  }

FAULT_WRAP(syncfs)
FAULT_WRAP(fsync)
FAULT_WRAP(fdatasync)
