// Starts the real kluisd on a socket in a temp dir over a real repository,
// and runs the real kluis CLI against it. Test code only.
#ifndef KLUIS_TESTS_INTEGRATION_DAEMON_HARNESS_H_
#define KLUIS_TESTS_INTEGRATION_DAEMON_HARNESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kluis/v1/vault.grpc.pb.h"
#include "tests/support/test_support.h"

namespace kluis::testing {

inline constexpr char kTestPassphrase[] = "correct horse battery staple";

class DaemonHarness {
 public:
  DaemonHarness();  // paths only; Start() runs it
  ~DaemonHarness();

  // Starts kluisd and waits until it answers. Returns false if it exited.
  bool Start(const std::vector<std::string>& extra_args = {});
  // Sets `name` in the environment of every kluisd started from now on
  // (an LD_PRELOAD fault shim, say); the test process keeps its own.
  void SetDaemonEnv(const std::string& name, const std::string& value) {
    daemon_env_.emplace_back(name, value);
  }
  void Stop();   // SIGTERM, wait, expect exit 0 and no sanitizer report
  void Kill9();  // SIGKILL and wait: a crash
  bool running() const { return pid_ > 0; }
  // Exit status of a daemon that stopped by itself.
  int WaitForExit();

  // kluis --socket S args…
  ProcessResult Kluis(std::vector<std::string> args,
                      const std::string& input = "");
  // init (wf 10) + nothing else; returns the recovery identity file path.
  std::string Init();
  void Unlock();

  std::unique_ptr<kluis::v1::Vault::Stub> VaultStub();
  std::unique_ptr<kluis::v1::Dossiers::Stub> DossiersStub();
  std::unique_ptr<kluis::v1::Records::Stub> RecordsStub();

  const TempDir& dir() const { return dir_; }
  std::string vault() const { return dir_.File("vault"); }
  std::string socket() const { return dir_.File("run/kluisd.sock"); }
  std::string repo() const { return vault() + "/repo.git"; }
  std::string passphrase_file() const { return dir_.File("pass"); }
  std::string log() const;  // everything the daemon wrote to stderr
  pid_t pid() const { return pid_; }

 private:
  void CheckLogForSanitizerReports();

  TempDir dir_;
  std::vector<std::pair<std::string, std::string>> daemon_env_;
  pid_t pid_ = -1;
  int starts_ = 0;
};

std::string KluisdBinary();
std::string KluisBinary();
std::string Trim(const std::string& s);
// The whole id in the JSON of `kluis … add --json` ({"dossierId": …},
// {"recordId": …}, or a record's own "id"); text shows 8 characters.
std::string IdFromJson(const std::string& json);
// git --git-dir=REPO args…
ProcessResult Git(const std::string& repo, std::vector<std::string> args);

}  // namespace kluis::testing

#endif  // KLUIS_TESTS_INTEGRATION_DAEMON_HARNESS_H_
