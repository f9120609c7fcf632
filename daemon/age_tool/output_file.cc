#include "daemon/age_tool/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "daemon/platform/fs.h"

namespace kluis::age_tool {
namespace {

absl::Status Errno(absl::string_view what) {
  return platform::ErrnoStatus(errno, what);
}

}  // namespace

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Open(
    const std::string& path, int mode) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<OutputFile>(
        new OutputFile(STDOUT_FILENO, false, "", ""));
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError("output: is a directory");
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return Errno("output: cannot open");
    return std::unique_ptr<OutputFile>(new OutputFile(fd, true, "", path));
  }
  std::string temp = absl::StrCat(path, ".kluis-age-XXXXXX");
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return Errno("output: cannot create a temporary file");
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, static_cast<mode_t>(mode) & ~mask) != 0) {
    absl::Status s = Errno("output: cannot set permissions");
    ::close(fd);
    ::unlink(temp.c_str());
    return s;
  }
  return std::unique_ptr<OutputFile>(new OutputFile(fd, true, temp, path));
}

OutputFile::~OutputFile() {
  if (owns_fd_) ::close(fd_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

absl::Status OutputFile::Commit() {
  if (temp_path_.empty()) {
    committed_ = true;
    return absl::OkStatus();
  }
  if (::fsync(fd_) != 0) return Errno("output: fsync");
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return Errno("output: rename into place");
  }
  committed_ = true;
  const int dir = ::open(platform::DirName(path_).c_str(),
                         O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return absl::OkStatus();
}

}  // namespace kluis::age_tool
