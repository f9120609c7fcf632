// Where kluis-age writes its result. A regular file is written to a temporary
// file beside it and renamed into place only on Commit(), so that a failed
// decryption leaves no partial plaintext behind and a failed encryption
// leaves no truncated ciphertext. Standard output and device files (e.g.
// /dev/null) are written directly.
#ifndef KLUIS_DAEMON_AGE_TOOL_OUTPUT_FILE_H_
#define KLUIS_DAEMON_AGE_TOOL_OUTPUT_FILE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "daemon/crypto/io.h"

namespace kluis::age_tool {

class OutputFile {
 public:
  // `path` empty or "-" means standard output. `mode` applies to a new
  // regular file (before the umask). Errors: kUnavailable, kPermissionDenied.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Open(
      const std::string& path, int mode);
  // Removes the temporary file unless committed.
  ~OutputFile();

  crypto::Writer* writer() { return &writer_; }
  // fsyncs and renames the temporary file into place.
  absl::Status Commit();

 private:
  OutputFile(int fd, bool owns_fd, std::string temp_path, std::string path)
      : fd_(fd),
        owns_fd_(owns_fd),
        temp_path_(std::move(temp_path)),
        path_(std::move(path)),
        writer_(fd) {}

  int fd_;
  bool owns_fd_;
  std::string temp_path_;  // empty when writing in place
  std::string path_;
  crypto::FdWriter writer_;
  bool committed_ = false;
};

}  // namespace kluis::age_tool

#endif  // KLUIS_DAEMON_AGE_TOOL_OUTPUT_FILE_H_
