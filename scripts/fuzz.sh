#!/usr/bin/env bash
# Fuzzes each target for SECONDS (argument, or FUZZ_SECONDS, default 60) with cargo-fuzz on nightly.
# Seeds are committed in fuzz/seeds/<target>; what libFuzzer learns goes to fuzz/corpus/<target>
# (git-ignored). A crash fails the run and leaves its input in fuzz/artifacts/<target>.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-${FUZZ_SECONDS:-60}}
targets=(document catalog ledger)
passed=0 failed=0
echo "==> building the fuzz targets (nightly, cargo-fuzz)"
cargo +"$(cat scripts/nightly.txt)" fuzz build -O 2>&1 | grep -E '^(error|warning: unused)' && exit 1
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target"
  log=$(mktemp)
  echo "==> fuzzing $target for ${seconds}s"
  cargo +"$(cat scripts/nightly.txt)" fuzz run -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
  if ((rc == 0)); then
    echo "ok - fuzz $target: $runs runs in ${seconds}s, $cov, no crash"
    passed=$((passed + 1))
  else
    tail -40 "$log"
    echo "not ok - fuzz $target: crashed or failed (exit $rc); see fuzz/artifacts/$target"
    failed=$((failed + 1))
  fi
  rm -f "$log"
done
echo "# pass $passed"
echo "# fail $failed"
((failed == 0))
