// Running a helper program (git) and collecting what it prints: stdin is
// /dev/null, and what it says on stderr never reaches the daemon's log.
#ifndef KLUIS_DAEMON_PLATFORM_COMMAND_H_
#define KLUIS_DAEMON_PLATFORM_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace kluis::platform {

// Runs argv (argv[0] looked up on PATH) and returns its standard output.
// Errors: kResourceExhausted "<program> <subcommand>: the disk is full";
// kUnavailable "…: cannot start" or "…: failed (exit N)". Paths and values
// among the arguments are never in the message.
absl::StatusOr<std::string> RunCommand(const std::vector<std::string>& argv);

// The same, and `on_stderr` sees what the program prints on stderr as it
// arrives (progress), on another thread than the caller's.
absl::StatusOr<std::string> RunCommand(
    const std::vector<std::string>& argv,
    const std::function<void(absl::string_view)>& on_stderr);

// How a helper runs, for programs pointed at untrusted places (a backup
// drive): its environment, and how long it may take.
struct CommandOptions {
  // Variables whose name starts with one of these are not passed on.
  std::vector<std::string> drop_env_prefixes;
  // NAME=value pairs added to the environment (after the drops).
  std::vector<std::string> env;
  // The program and every process it started are killed (SIGKILL to its
  // process group) when it has not ended by then; the error is then
  // kDeadlineExceeded "<program> <subcommand>: timed out".
  absl::Duration timeout = absl::InfiniteDuration();
  // Sees what the program prints on stderr as it arrives.
  std::function<void(absl::string_view)> on_stderr;
};

absl::StatusOr<std::string> RunCommand(const std::vector<std::string>& argv,
                                       const CommandOptions& options);

// For shutdown (SIGTERM): kills every helper running now (its whole
// process group), and every later RunCommand fails at once with
// kAborted "<program> <subcommand>: stopped, kluisd is stopping". A hung
// drive then no longer holds the daemon. Thread-safe.
void CancelAllCommands();

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_COMMAND_H_
