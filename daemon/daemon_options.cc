#include "daemon/daemon_options.h"

#include <unistd.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace kluis {
namespace {
std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}
}  // namespace

std::string DefaultVaultDir() {
  if (!Env("XDG_DATA_HOME").empty()) return Env("XDG_DATA_HOME") + "/kluis";
  return absl::StrCat(Env("HOME"), "/.local/share/kluis");
}

std::string DefaultSocketPath() {
  if (!Env("XDG_RUNTIME_DIR").empty()) {
    return Env("XDG_RUNTIME_DIR") + "/kluis/kluisd.sock";
  }
  return absl::StrCat("/tmp/kluis-", ::getuid(), "/kluisd.sock");
}

}  // namespace kluis
