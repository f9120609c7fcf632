// Secrets a person types (passphrases): read from the terminal with echo off,
// or from the first line of a file for scripts. The client passes them to the
// daemon and wipes its copy; it stores nothing.
#ifndef KLUIS_CLIENT_COMMON_TERMINAL_H_
#define KLUIS_CLIENT_COMMON_TERMINAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::client {

// Prompts on /dev/tty; asks twice when `confirm`. Errors:
// kFailedPrecondition without a terminal, kInvalidArgument when empty or
// when the entries differ.
absl::StatusOr<std::string> PromptSecret(absl::string_view prompt,
                                         bool confirm);

// The first line of `path`, without its line end. Errors: kNotFound,
// kInvalidArgument when empty.
absl::StatusOr<std::string> ReadSecretLine(const std::string& path);

// The whole of `path` (a key file), at most 64 KiB. `what` names it in
// errors ("recovery key file"). Errors: kNotFound, kInvalidArgument.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path,
                                           absl::string_view what);

void Wipe(std::string* secret);

}  // namespace kluis::client

#endif  // KLUIS_CLIENT_COMMON_TERMINAL_H_
