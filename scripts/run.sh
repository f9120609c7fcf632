#!/usr/bin/env bash
# `make run`: builds (done by make), then starts kluisd in the foreground with
# the default vault ($XDG_DATA_HOME/kluis) and socket
# ($XDG_RUNTIME_DIR/kluis/kluisd.sock). Stop it with Ctrl-C.
set -euo pipefail
build=${1:-build}
kluisd="$build/daemon/kluisd"
kluis="$(cd "$(dirname "$build/client/cli/kluis")" && pwd)/kluis"
cat <<MSG
kluis: starting kluisd in the foreground (Ctrl-C stops it).
In another terminal:
  $kluis init                 # once: choose a passphrase, keep the recovery key
  $kluis unlock
  $kluis client add --name "Fenna de Vries" --email fenna@example.org
  $kluis client list
  $kluis --help
MSG
exec "$kluisd" --foreground "${@:2}"
