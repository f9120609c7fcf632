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
  // How often to look for a plugged-in backup drive whose backup is due
  // (0: never; `kluis backup run` or the systemd timer then does it).
  double backup_poll_seconds = 60;
  double backup_interval_days = 7;
  // One-shot: make the vault at vault_dir from this backup, then exit.
  std::string restore_from;
  std::string restore_at;  // a commit id or YYYY-MM-DD; empty: the latest
};

std::string DefaultVaultDir();
std::string DefaultSocketPath();

}  // namespace kluis

#endif  // KLUIS_DAEMON_DAEMON_OPTIONS_H_
