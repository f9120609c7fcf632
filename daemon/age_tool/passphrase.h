// Passphrases for kluis-age: from a file (for scripts and tests) or typed at
// the terminal without echo. Both land in locked memory.
#ifndef KLUIS_DAEMON_AGE_TOOL_PASSPHRASE_H_
#define KLUIS_DAEMON_AGE_TOOL_PASSPHRASE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/crypto/secure_bytes.h"

namespace kluis::age_tool {

// The file's first line, without its line end. Errors: kNotFound,
// kInvalidArgument for an empty passphrase.
absl::StatusOr<crypto::SecureBytes> ReadPassphraseFile(const std::string& path);

// Prompts on /dev/tty with echo off; asks twice when `confirm`.
// Errors: kFailedPrecondition without a terminal, kInvalidArgument when empty
// or when the two entries differ.
absl::StatusOr<crypto::SecureBytes> PromptPassphrase(absl::string_view prompt,
                                                     bool confirm);

// Reads a whole (small) file into locked memory, for identity files.
absl::StatusOr<crypto::SecureBytes> ReadSecretFile(const std::string& path);

}  // namespace kluis::age_tool

#endif  // KLUIS_DAEMON_AGE_TOOL_PASSPHRASE_H_
