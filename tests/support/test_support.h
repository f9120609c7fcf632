// Helpers shared by the test suites: temporary directories, files, child
// processes (plain and on a pseudo-terminal), SHA-256. Test code only.
#ifndef KLUIS_TESTS_SUPPORT_TEST_SUPPORT_H_
#define KLUIS_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"

namespace kluis::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadFileOrDie(const std::string& path);
void WriteFileOrDie(const std::string& path, const std::string& data);
bool FileExists(const std::string& path);
std::vector<std::string> ListDir(const std::string& path);

std::string Sha256Hex(absl::Span<const uint8_t> data);
std::string Sha256Hex(const std::string& data);
std::string RandomBytes(size_t n);  // test data, not for keys

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) with `input` on stdin.
ProcessResult RunCommand(const std::vector<std::string>& argv,
                         const std::string& input = "");

// Runs argv on a new pseudo-terminal that becomes its controlling terminal
// (so /dev/tty works), answering each prompt in turn: when the output so far
// contains dialogue[i].first, it types dialogue[i].second. Gives up after
// `timeout_ms` without progress. The result's `out` is the terminal output.
ProcessResult RunOnPty(
    const std::vector<std::string>& argv,
    const std::vector<std::pair<std::string, std::string>>& dialogue,
    int timeout_ms = 60000);

// Paths of tools built by this tree.
std::string KluisAgeBinary();
std::string CctvDir();

}  // namespace kluis::testing

#endif  // KLUIS_TESTS_SUPPORT_TEST_SUPPORT_H_
