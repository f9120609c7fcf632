// File-system helpers with the durability the vault needs: private
// directories, atomic replacement (temp file, fsync, rename, directory
// fsync), and errors that name the operation, never the file's content.
#ifndef KLUIS_DAEMON_PLATFORM_FS_H_
#define KLUIS_DAEMON_PLATFORM_FS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::platform {

// mkdir -p with mode 0700 for what it creates. Errors: kPermissionDenied,
// kFailedPrecondition when a component is not a directory, kUnavailable.
absl::Status MakePrivateDirs(const std::string& path);

// Checks that `path` is a directory owned by us and not accessible to
// others. Errors: kFailedPrecondition naming the rule.
absl::Status CheckPrivateDir(const std::string& path);

// Replaces `path` atomically and durably with `data` (mode applies to the new
// file). Errors: kResourceExhausted (disk full), kUnavailable.
absl::Status WriteFileAtomic(const std::string& path, absl::string_view data,
                             int mode = 0600);

// As WriteFileAtomic, without the fsyncs: for bulk writes that end with one
// SyncFilesystem() before anything depends on them.
absl::Status WriteFileAtomicNoSync(const std::string& path,
                                   absl::string_view data, int mode = 0600);
// The same with options. `mode_may_fail`: a chmod refused with EPERM or
// ENOTSUP is not an error (FAT-family drivers refuse modes the mount's
// fmask does not allow; for ciphertext on a backup drive that is fine).
struct AtomicWriteOptions {
  int mode = 0600;
  bool sync = true;
  bool mode_may_fail = false;
};
absl::Status WriteFileAtomic(const std::string& path, absl::string_view data,
                             const AtomicWriteOptions& options);
// syncfs(2) on the file system holding `path`.
absl::Status SyncFilesystem(const std::string& path);

// Errors: kNotFound, kUnavailable.
absl::StatusOr<std::string> ReadFile(const std::string& path);

// Removes a file and fsyncs its directory; a missing file is not an error.
absl::Status RemoveFileDurably(const std::string& path);
// Overwrites a file's bytes with zeros in place and syncs them, then
// removes it durably: a key file must not linger in free blocks. (On an
// SSD or a copy-on-write file system the old blocks may survive anyway;
// the key file is encrypted, so that is the second line, not the first.)
// A missing file is not an error.
absl::Status ShredFile(const std::string& path);

// Shreds the temporary files an interrupted WriteFileAtomic left under
// `dir` (recursively; dot-named, ".<name>.tmp-XXXXXX"): a leftover may hold
// a copy of a key that is later erased under its real name. Only safe while
// no write runs there (kluisd holds the vault's lock). Returns how many.
// Errors: kUnavailable.
absl::StatusOr<int> ShredTempLeftovers(const std::string& dir);

absl::Status FsyncDir(const std::string& dir);
bool PathExists(const std::string& path);
std::string DirName(const std::string& path);
// Names in a directory (no . or ..). Errors: kNotFound, kUnavailable.
absl::StatusOr<std::vector<std::string>> ListDir(const std::string& path);

// An errno turned into a status naming `what` (an operation, never data).
absl::Status ErrnoStatus(int err, absl::string_view what);

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_FS_H_
