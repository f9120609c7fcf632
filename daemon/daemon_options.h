// kluisd's command line and the default locations it resolves
// ($XDG_DATA_HOME/kluis, $XDG_RUNTIME_DIR/kluis/kluisd.sock).
#ifndef KLUIS_DAEMON_DAEMON_OPTIONS_H_
#define KLUIS_DAEMON_DAEMON_OPTIONS_H_

#include <string>

namespace kluis {

struct DaemonOptions {
  bool foreground = false;
  std::string vault_dir;
  std::string socket_path;
  double idle_lock_minutes = 15;
  int scrypt_work_factor = 18;
};

std::string DefaultVaultDir();
std::string DefaultSocketPath();

}  // namespace kluis

#endif  // KLUIS_DAEMON_DAEMON_OPTIONS_H_
