// Running a helper program (git) and collecting what it prints: stdin and
// stderr are /dev/null, so nothing it says reaches the daemon's log.
#ifndef KLUIS_DAEMON_PLATFORM_COMMAND_H_
#define KLUIS_DAEMON_PLATFORM_COMMAND_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace kluis::platform {

// Runs argv (argv[0] looked up on PATH) and returns its standard output.
// Errors: kUnavailable "<argv[0]> <argv[1]>: cannot start" or "…: failed
// (exit N)"; the arguments themselves are never in the message.
absl::StatusOr<std::string> RunCommand(const std::vector<std::string>& argv);

}  // namespace kluis::platform

#endif  // KLUIS_DAEMON_PLATFORM_COMMAND_H_
