#!/usr/bin/env bash
# The whole suite: the release build, then the same tests under AddressSanitizer
# and UndefinedBehaviorSanitizer, then a short fuzz run of the header and
# armor parser when clang's libFuzzer is installed. Prints ctest's summaries
# and one closing line with the totals.
set -uo pipefail
build=${1:?usage: run-tests.sh BUILD_DIR ASAN_BUILD_DIR}
asan=${2:?usage: run-tests.sh BUILD_DIR ASAN_BUILD_DIR}
jobs=$(nproc)
status=0

run_ctest() {
  local dir=$1 label=$2
  echo "== $label: ctest in $dir"
  local log
  log=$(mktemp)
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 900 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  # "100% tests passed, 0 tests failed out of 160"
  local line total failed
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -1)
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
  failed=$(sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/' <<<"$line")
  skipped=$(grep -c '\*\*\*Skipped' "$log" || true)
  rm -f "$log"
  if [[ -z "$line" ]]; then
    echo "run-tests: $label ran no tests" >&2
    status=1
    return
  fi
  totals_total=$((totals_total + total))
  totals_failed=$((totals_failed + failed))
  totals_skipped=$((totals_skipped + skipped))
  [[ $rc -eq 0 ]] || status=1
}

totals_total=0
totals_failed=0
totals_skipped=0
run_ctest "$build" "release"
# tests/lsan.supp: a one-time allocation inside fontconfig, not ours.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")/.." && pwd)/tests/lsan.supp:print_suppressions=0" \
  run_ctest "$asan" "asan+ubsan"

if scripts/run-fuzz.sh --check; then
  echo "== fuzz: 60 s of the header/armor parser"
  if FUZZ_SECONDS=60 scripts/run-fuzz.sh build-fuzz; then
    totals_total=$((totals_total + 1))
  else
    totals_total=$((totals_total + 1))
    totals_failed=$((totals_failed + 1))
    status=1
  fi
else
  echo "== fuzz: skipped (clang's libFuzzer runtime not installed)"
fi

passed=$((totals_total - totals_failed - totals_skipped))
echo "kluis: $passed passed, $totals_failed failed, $totals_skipped skipped"
exit $status
