// Running a helper program (git) and collecting what it prints: stdin is
// /dev/null, and what it says on stderr never reaches the daemon's log.
#ifndef KLUIS_DAEMON_PLATFORM_COMMAND_H_
#define KLUIS_DAEMON_PLATFORM_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

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

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_COMMAND_H_
