#!/usr/bin/env bash
# Builds the libFuzzer target for the age header/armor parser with clang and
# runs it for FUZZ_SECONDS (default 300), seeded with the CCTV vectors.
# `run-fuzz.sh --check` only tells whether clang and libFuzzer are there.
set -euo pipefail
cd "$(dirname "$0")/.."

have_fuzzer() {
  command -v clang++ >/dev/null || return 1
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long){return 0;}' |
    clang++ -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null
}
if [[ "${1:-}" == "--check" ]]; then have_fuzzer; exit; fi
have_fuzzer || { echo "run-fuzz: clang with libFuzzer is required (make deps)" >&2; exit 1; }

dir=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-300}
if [[ ! -f "$dir/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKLUIS_BUILD_FUZZ=ON -DKLUIS_BUILD_BENCH=OFF -DKLUIS_BUILD_TESTS=ON >/dev/null
fi
cmake --build "$dir" --target age_header_fuzz cctv_vectors -j "$(nproc)" >/dev/null

corpus="$dir/fuzz-corpus"
mkdir -p "$corpus"
# Seeds: the age files inside the CCTV vectors (after the blank line).
for v in "$dir"/cctv/vectors/*; do
  seed="$corpus/seed-$(basename "$v")"
  if [[ ! -f "$seed" ]]; then
    awk 'f{print} /^$/ && !f {f=1}' "$v" >"$seed.full"
    head -c 65536 "$seed.full" >"$seed"
    rm -f "$seed.full"
  fi
done
artifacts="$dir/fuzz-artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
"$dir/tests/fuzz/age_header_fuzz" -max_total_time="$seconds" -max_len=16384 \
  -artifact_prefix="$artifacts/" \
  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>&1 |
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Done)" || true
# libFuzzer writes crash-*/leak-*/timeout-* files on a finding.
if [[ -n "$(ls -A "$artifacts")" ]]; then
  echo "run-fuzz: findings written to $artifacts: $(ls "$artifacts")" >&2
  exit 1
fi
