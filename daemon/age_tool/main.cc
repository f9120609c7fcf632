// kluis-age: an age-compatible command-line tool built on kluis's own codec,
// for interop tests and for reading a backup without the daemon.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "daemon/age_tool/commands.h"
#include "daemon/crypto/secure_bytes.h"

namespace {

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "kluis-age: error: %s\n",
               std::string(s.message()).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Key material must not end up in a core file.
  struct rlimit no_core = {0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  if (absl::Status heap = kluis::crypto::InitSecureHeap(); !heap.ok()) {
    std::fprintf(stderr, "kluis-age: warning: %s\n",
                 std::string(heap.message()).c_str());
  }

  CLI::App app{"kluis-age: encrypt and decrypt age v1 files"};
  app.set_version_flag("--version", "kluis-age 0.1.0");
  bool encrypt = false, decrypt = false, keygen = false, to_recipient = false;
  bool passphrase = false, armor = false;
  std::vector<std::string> recipients, identities;
  std::string passphrase_file, output, input;
  int work_factor = kluis::crypto::kDefaultScryptWorkFactor;

  app.add_flag("-e,--encrypt", encrypt, "Encrypt the input");
  app.add_flag("-d,--decrypt", decrypt, "Decrypt the input");
  app.add_flag("--keygen", keygen, "Generate an X25519 identity file");
  app.add_flag("--to-recipient", to_recipient,
               "Print the recipient of an identity file");
  app.add_option("-r,--recipient", recipients,
                 "Encrypt to this age1… recipient")
      ->allow_extra_args(false);
  app.add_option("-i,--identity", identities, "Decrypt with this identity file")
      ->allow_extra_args(false);
  app.add_flag("-p,--passphrase", passphrase, "Encrypt with a passphrase");
  app.add_option("--passphrase-file", passphrase_file,
                 "Read the passphrase from the first line of this file");
  app.add_option("--work-factor", work_factor,
                 "scrypt work factor log2(N) for -p (default 18)")
      ->check(CLI::Range(1, 22));
  app.add_flag("-a,--armor", armor, "Write ASCII-armored output");
  app.add_option("-o,--output", output, "Write the result to this file");
  app.add_option("input", input, "Input file (default: standard input)");
  CLI11_PARSE(app, argc, argv);

  const int modes = encrypt + decrypt + keygen + to_recipient;
  if (modes != 1) {
    return Fail(absl::InvalidArgumentError(
        "choose exactly one of -e, -d, --keygen, --to-recipient"));
  }
  absl::Status s;
  if (encrypt) {
    if (!identities.empty()) {
      return Fail(absl::InvalidArgumentError("-i is for decryption"));
    }
    s = kluis::age_tool::RunEncrypt(
        {recipients, passphrase || !passphrase_file.empty(), passphrase_file,
         work_factor, armor, input, output});
  } else if (decrypt) {
    if (!recipients.empty() || passphrase || armor) {
      return Fail(absl::InvalidArgumentError(
          "-r, -p and -a are for encryption; decryption detects armor itself"));
    }
    s = kluis::age_tool::RunDecrypt(
        {identities, passphrase_file, input, output});
  } else if (keygen) {
    s = kluis::age_tool::RunKeygen(output);
  } else {
    s = kluis::age_tool::RunToRecipient(input);
  }
  return s.ok() ? 0 : Fail(s);
}
