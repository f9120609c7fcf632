#!/usr/bin/env bash
# Installs the Debian 12 packages kluis needs to build and test. Idempotent: it
# asks dpkg first and runs apt-get only for what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libssl-dev libabsl-dev libcli11-dev libgit2-dev zlib1g-dev libsystemd-dev libical-dev
  libpango1.0-dev libcairo2-dev fonts-dejavu-core poppler-utils
  qt6-base-dev libgl-dev
  qt6-l10n-tools qt6-tools-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  util-linux openssh-client
  exfatprogs exfat-fuse
  libgtest-dev libgmock-dev libbenchmark-dev
  gettext
  age nodejs npm python3 python3-jsonschema
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
# The machine image may bring node and npm from elsewhere; either will do.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do
    [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p")
  done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
