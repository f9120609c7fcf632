// Records a workload against the real kluisd under the LD_PRELOAD recorder:
// stops the daemon, snapshots the crash root (cp -a), restarts the daemon
// with the recorder preloaded (its git children inherit it), and lets the
// test mark each acknowledged command in the same log. Test code only.
#ifndef KLUIS_TESTS_CRASH_CRASH_RECORDING_H_
#define KLUIS_TESTS_CRASH_CRASH_RECORDING_H_

#include <string>
#include <vector>

#include "tests/crash/op_log.h"
#include "tests/integration/daemon_harness.h"

namespace kluis::crash {

class Recording {
 public:
  // `d` runs an initialised vault; `root` is the directory to record (the
  // vault, or a backup drive). Leaves `d` running under the recorder and
  // unlocked. Throws when the daemon does not come back.
  Recording(testing::DaemonHarness& d, const std::string& root);

  // Marks that the command `name` returned success.
  void Ack(const std::string& name);
  // Runs `kluis args…`; on exit 0 marks it acknowledged as `name` and
  // returns its trimmed output. Throws on failure: the workload is broken.
  std::string Command(const std::string& name,
                      const std::vector<std::string>& args);
  // Stops the daemon and reads the log (copied to $KLUIS_CRASH_KEEP_LOG/
  // <test>.log when that is set). Throws on a malformed log.
  std::vector<Op> Finish();

  const std::string& root() const { return root_; }
  const std::string& snapshot() const { return snapshot_; }
  const std::string& log() const { return log_; }

 private:
  testing::DaemonHarness& d_;
  std::string root_, snapshot_, log_;
};

// The recorder library, and whether it can be used in this build (not when
// kluisd carries a sanitizer runtime, which must come first in the process).
std::string RecorderLibrary();
bool RecorderUsable();

}  // namespace kluis::crash

#endif  // KLUIS_TESTS_CRASH_CRASH_RECORDING_H_
