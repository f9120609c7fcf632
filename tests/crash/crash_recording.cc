#include "tests/crash/crash_recording.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace kluis::crash {

std::string RecorderLibrary() { return KLUIS_FS_RECORDER; }

bool RecorderUsable() {
#ifdef KLUIS_CRASH_SANITIZED
  return false;
#else
  return true;
#endif
}

Recording::Recording(testing::DaemonHarness& d, const std::string& root)
    : d_(d),
      root_(std::filesystem::canonical(root).string()),
      snapshot_(d.dir().File("crash-snapshot")),
      log_(d.dir().File("crash-ops.log")) {
  d_.Stop();
  if (testing::RunCommand({"cp", "-a", root_, snapshot_}).exit_code != 0) {
    throw std::runtime_error("cannot snapshot the crash root");
  }
  testing::WriteFileOrDie(log_, "");
  // Only the daemon (forked inside Start) inherits these; the test's own
  // children (the CLI, git) run without the recorder.
  ::setenv("LD_PRELOAD", RecorderLibrary().c_str(), 1);
  ::setenv("KLUIS_CRASH_ROOT", root_.c_str(), 1);
  ::setenv("KLUIS_CRASH_LOG", log_.c_str(), 1);
  const bool started = d_.Start();
  ::unsetenv("LD_PRELOAD");
  ::unsetenv("KLUIS_CRASH_ROOT");
  ::unsetenv("KLUIS_CRASH_LOG");
  if (!started) throw std::runtime_error("kluisd did not start: " + d_.log());
  d_.Unlock();
}

void Recording::Ack(const std::string& name) { AppendAck(log_, name); }

std::string Recording::Command(const std::string& name,
                               const std::vector<std::string>& args) {
  testing::ProcessResult r = d_.Kluis(args);
  if (r.exit_code != 0) {
    throw std::runtime_error(
        absl::StrCat("workload step ", name, " failed: ", r.err));
  }
  Ack(name);
  return testing::Trim(r.out);
}

std::vector<Op> Recording::Finish() {
  d_.Stop();
  // For a person reading a failure: keep the log where they asked.
  if (const char* keep = std::getenv("KLUIS_CRASH_KEEP_LOG")) {
    const std::string test =
        ::testing::UnitTest::GetInstance()->current_test_info()->name();
    testing::RunCommand({"cp", log_, absl::StrCat(keep, "/", test, ".log")});
  }
  absl::StatusOr<std::vector<Op>> ops = ReadOpLog(log_);
  if (!ops.ok()) throw std::runtime_error(ops.status().ToString());
  return *std::move(ops);
}

}  // namespace kluis::crash
