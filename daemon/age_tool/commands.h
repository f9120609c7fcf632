// The four things kluis-age does. Each returns a Status whose message is the
// one line printed on failure; none prints key material or plaintext.
#ifndef KLUIS_DAEMON_AGE_TOOL_COMMANDS_H_
#define KLUIS_DAEMON_AGE_TOOL_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "daemon/crypto/scrypt_recipient.h"

namespace kluis::age_tool {

struct EncryptArgs {
  std::vector<std::string> recipients;  // age1…
  bool passphrase = false;
  std::string passphrase_file;  // empty: prompt on the terminal
  int work_factor = crypto::kDefaultScryptWorkFactor;
  bool armor = false;
  std::string input;   // empty or "-": stdin
  std::string output;  // empty or "-": stdout
};

struct DecryptArgs {
  std::vector<std::string> identity_files;
  std::string passphrase_file;  // with no identities and no file: prompt
  std::string input;
  std::string output;
};

absl::Status RunEncrypt(const EncryptArgs& args);
absl::Status RunDecrypt(const DecryptArgs& args);
// Writes a new identity file (never overwriting one) or prints it.
absl::Status RunKeygen(const std::string& output);
// Prints the recipient of each identity in the file (stdin when empty).
absl::Status RunToRecipient(const std::string& input);

}  // namespace kluis::age_tool

#endif  // KLUIS_DAEMON_AGE_TOOL_COMMANDS_H_
