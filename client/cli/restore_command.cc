// kluis restore --from DRIVE [--vault NEWDIR] [--at COMMIT|DAY]: a whole
// vault from a backup target onto this computer. The client never touches
// vault files itself: it runs kluisd's restore mode, which does, and says
// what to do next. (kluis restore DOSSIER … is history_commands.cc.)
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "client/cli/cli_context.h"
#include "client/common/connection.h"

extern char** environ;

namespace kluis::cli {
namespace {

// $KLUISD, else the kluisd next to this kluis, else kluisd on PATH.
std::string KluisdProgram() {
  if (const char* env = std::getenv("KLUISD"); env != nullptr && *env) {
    return env;
  }
  char self[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n > 0) {
    std::string dir(self, static_cast<size_t>(n));
    dir.resize(dir.rfind('/') + 1);
    const std::string sibling = dir + "kluisd";
    if (::access(sibling.c_str(), X_OK) == 0) return sibling;
  }
  return "kluisd";
}

}  // namespace

void RestoreVaultFrom(Context& ctx, const VaultRestoreArgs& args) {
  std::vector<std::string> argv = {KluisdProgram(), "--restore-from",
                                   args.from};
  if (!args.vault.empty()) argv.insert(argv.end(), {"--vault", args.vault});
  if (!args.at.empty()) argv.insert(argv.end(), {"--restore-at", args.at});
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, cargv[0], nullptr, nullptr, cargv.data(), environ) !=
      0) {
    std::fprintf(stderr,
                 "kluis: error: kluisd: cannot start it (install kluis, or "
                 "set KLUISD to its path); nothing was restored\n");
    ctx.exit_code = client::kExitError;
    return;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ctx.exit_code = WIFEXITED(status) && WEXITSTATUS(status) == 2
                        ? client::kExitInvalid
                        : client::kExitError;
    return;
  }
  const std::string vault_flag =
      args.vault.empty() ? "" : " --vault " + args.vault;
  std::fprintf(
      stderr,
      "kluis: next: start kluisd%s, then run kluis unlock with the "
      "passphrase, or kluis unlock --recovery-key FILE to set a new one\n",
      vault_flag.c_str());
}

}  // namespace kluis::cli
