#!/usr/bin/env bash
# `make bench`: the codec's Google Benchmark suite (our STREAM against raw
# OpenSSL ChaCha20-Poly1305 in the same run, small records); the daemon
# benchmark (kluisd against the age + git command lines, 10,000 dossiers);
# history and audit over 100,000 commits; the registers and reports;
# then kluis-age against the reference age CLI on the same 256 MiB file.
set -euo pipefail
build=${1:-build}
"$build/tests/bench/age_bench" --benchmark_counters_tabular=true
# The daemon: kluisd over its socket against the age + git command lines.
"$build/tests/bench/daemon_bench"
# History at scale: 100,000 commits (made in memory-backed /dev/shm when it
# is there: generating is not what this measures), then history, diff and
# audit verify through the daemon.
if [[ -d /dev/shm && -w /dev/shm ]]; then
  TMPDIR=/dev/shm "$build/tests/bench/history_bench"
else
  "$build/tests/bench/history_bench"
fi

# Registers and reports: 5,300 dossiers, 1,000 hours entries, a drive.
"$build/tests/bench/registers_bench"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c $((256 * 1024 * 1024)) /dev/urandom >"$work/plain"
age_bin="$build/daemon/age_tool/kluis-age"
"$age_bin" --keygen -o "$work/key.txt" 2>/dev/null
recipient=$("$age_bin" --to-recipient "$work/key.txt")
age -e -r "$recipient" -o "$work/plain.age" "$work/plain"

# Best of five wall-clock runs, in MB/s (1 MB = 10^6 bytes).
best_mbps() {
  local best=0
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    local mbps=$((256 * 1048576 * 1000 / (t1 - t0)))
    ((mbps > best)) && best=$mbps
  done
  echo "$best"
}
echo
echo "256 MiB file, to /dev/null, best of 5 (MB/s):"
printf '  %-28s %6s\n' "age CLI encrypt" "$(best_mbps age -e -r "$recipient" -o /dev/null "$work/plain")"
printf '  %-28s %6s\n' "kluis-age encrypt" "$(best_mbps "$age_bin" -e -r "$recipient" -o /dev/null "$work/plain")"
printf '  %-28s %6s\n' "age CLI decrypt" "$(best_mbps age -d -i "$work/key.txt" -o /dev/null "$work/plain.age")"
printf '  %-28s %6s\n' "kluis-age decrypt" "$(best_mbps "$age_bin" -d -i "$work/key.txt" -o /dev/null "$work/plain.age")"
