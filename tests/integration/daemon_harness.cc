#include "tests/integration/daemon_harness.h"

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/common/connection.h"

namespace kluis::testing {

std::string KluisdBinary() { return KLUISD_BIN; }
std::string KluisBinary() { return KLUIS_BIN; }

std::string Trim(const std::string& s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

std::string IdFromJson(const std::string& json) {
  // A record's own "id" comes before its "dossierId".
  size_t key = std::min(json.find("\"id\": \""), json.find("Id\": \""));
  if (key == std::string::npos) return "";
  const size_t start = json.find(": \"", key) + 3;
  return json.substr(start, json.find('"', start) - start);
}

ProcessResult Git(const std::string& repo, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "--git-dir=" + repo});
  return RunCommand(args);
}

DaemonHarness::DaemonHarness() {
  WriteFileOrDie(passphrase_file(), std::string(kTestPassphrase) + "\n");
}

DaemonHarness::~DaemonHarness() {
  if (pid_ > 0) Stop();
}

std::string DaemonHarness::log() const {
  std::string all;
  for (int i = 1; i <= starts_; ++i) {
    all += ReadFileOrDie(dir_.File(absl::StrCat("kluisd-", i, ".log")));
  }
  return all;
}

bool DaemonHarness::Start(const std::vector<std::string>& extra_args) {
  ++starts_;
  const std::string log_path =
      dir_.File(absl::StrCat("kluisd-", starts_, ".log"));
  std::vector<std::string> argv = {
      KluisdBinary(), "--foreground",         "--vault", vault(), "--socket",
      socket(),       "--scrypt-work-factor", "10"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::setenv("TMPDIR", dir_.path().c_str(), 1);
    for (const auto& [name, value] : daemon_env_) {
      ::setenv(name.c_str(), value.c_str(), 1);
    }
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  // Ready when the socket answers a Status call (up to 30 s: sanitizers).
  for (int i = 0; i < 600; ++i) {
    int status;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    if (FileExists(socket())) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(2));
      kluis::v1::StatusResponse resp;
      if (VaultStub()->Status(&ctx, {}, &resp).ok()) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// A sanitizer report inside the daemon lands in its log, not in the test:
// turn it into a test failure.
void DaemonHarness::CheckLogForSanitizerReports() {
  const std::string text = log();
  for (const char* marker : {"AddressSanitizer", "LeakSanitizer",
                             "runtime error:", "ThreadSanitizer"}) {
    if (absl::StrContains(text, marker)) {
      ADD_FAILURE() << "kluisd reported a sanitizer error:\n" << text;
      return;
    }
  }
}

void DaemonHarness::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const int code = WaitForExit();
  EXPECT_EQ(code, 0) << "kluisd did not stop cleanly\n" << log();
  CheckLogForSanitizerReports();
}

void DaemonHarness::Kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  WaitForExit();
  CheckLogForSanitizerReports();
}

int DaemonHarness::WaitForExit() {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ProcessResult DaemonHarness::Kluis(std::vector<std::string> args,
                                   const std::string& input) {
  args.insert(args.begin(), {KluisBinary(), "--socket", socket()});
  return RunCommand(args, input);
}

std::string DaemonHarness::Init() {
  const std::string recovery = dir_.File("recovery.txt");
  ProcessResult r = Kluis({"init", "--passphrase-file", passphrase_file(),
                           "--recovery-out", recovery});
  if (r.exit_code != 0) throw std::runtime_error("init failed: " + r.err);
  return recovery;
}

void DaemonHarness::Unlock() {
  ProcessResult r = Kluis({"unlock", "--passphrase-file", passphrase_file()});
  if (r.exit_code != 0) throw std::runtime_error("unlock failed: " + r.err);
}

std::unique_ptr<kluis::v1::Vault::Stub> DaemonHarness::VaultStub() {
  return kluis::v1::Vault::NewStub(client::Connect(socket()));
}
std::unique_ptr<kluis::v1::Dossiers::Stub> DaemonHarness::DossiersStub() {
  return kluis::v1::Dossiers::NewStub(client::Connect(socket()));
}
std::unique_ptr<kluis::v1::Records::Stub> DaemonHarness::RecordsStub() {
  return kluis::v1::Records::NewStub(client::Connect(socket()));
}

}  // namespace kluis::testing
