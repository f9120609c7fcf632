// The operation log written by the LD_PRELOAD recorder (fs_recorder*.c) and
// by the test's ACK markers, and its parser. Test code only.
//
// One record per operation: a header line
//   K <op> <pid> <fd> <a> <b> <c> <n1> <n2> <n3>\n
// then n1 bytes of path 1, n2 bytes of path 2, n3 bytes of data, and "\n".
// Paths are absolute and normalised. What a, b and c mean depends on <op>:
//   open      a = flags, b = mode, c = inode     p1 = path
//   write     a = file offset                    data = the bytes written
//   trunc     a = length (of fd)      truncpath  a = length, p1 = path
//   rename    a = renameat2 flags, b/c = 1 when p1/p2 lie under the root
//   link      b/c as rename       symlink p1 = target, p2 = path
//   unlink, rmdir, mkdir (a = mode)              p1 = path
//   close, dup (a = new fd)
//   fsync, fdatasync  a = 1 when the fd's file lies under the root
//   syncfs    a = 1 when the fd is on the root's file system;  sync: a = 1
//   content   p1 = a file about to be renamed/linked, data = its bytes now
//             (small files only: catches writes made through stdio)
//   ack       p1 = the name of a command that returned success
#ifndef KLUIS_TESTS_CRASH_OP_LOG_H_
#define KLUIS_TESTS_CRASH_OP_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kluis::crash {

enum class OpKind {
  kOpen,
  kWrite,
  kTrunc,
  kTruncPath,
  kRename,
  kLink,
  kSymlink,
  kUnlink,
  kRmdir,
  kMkdir,
  kClose,
  kDup,
  kFsync,
  kFdatasync,
  kSyncfs,
  kSync,
  kContent,
  kAck,
};

struct Op {
  OpKind kind;
  int pid = 0;
  int fd = -1;
  int64_t a = 0, b = 0, c = 0;
  std::string p1, p2, data;
};

// Errors: kNotFound, kDataLoss for a malformed or truncated record.
absl::StatusOr<std::vector<Op>> ReadOpLog(const std::string& path);

// Appends an ACK record for `name` (one write on an O_APPEND descriptor, so
// it lands after every record the daemon wrote before the command returned).
void AppendAck(const std::string& log_path, const std::string& name);

// "rename refs/heads/main.lock -> refs/heads/main": for failure reports.
std::string Describe(const Op& op, const std::string& root);

}  // namespace kluis::crash

#endif  // KLUIS_TESTS_CRASH_OP_LOG_H_
