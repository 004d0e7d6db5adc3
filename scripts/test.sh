#!/usr/bin/env bash
# Runs every test suite, prints each one's pass count, and fails if any suite fails or runs nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

bash scripts/setup.sh --test || { echo "setup failed" >&2; exit 1; }

logs=$(mktemp -d)
if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi
total_pass=0 total_fail=0 failed_suites=()

# run_suite NAME COMMAND...: runs it, shows its output, and reads its pass/fail counts from the
# closing lines of cargo's harness, wasm-bindgen-test or node's TAP reporter.
run_suite() {
  local name=$1; shift
  local log="$logs/${name// /_}.log" start=$SECONDS
  printf '\n%s==> %s%s  (%s)\n' "$bold" "$name" "$plain" "$*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local pass fail
  pass=$( { grep -oE 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+'; grep -oE '^# pass [0-9]+' "$log" | grep -oE '[0-9]+'; } | awk '{s+=$1} END {print s+0}')
  fail=$( { grep -oE '[0-9]+ failed;' "$log" | grep -oE '[0-9]+'; grep -oE '^# fail [0-9]+' "$log" | grep -oE '[0-9]+'; } | awk '{s+=$1} END {print s+0}')
  pass=${pass:-0} fail=${fail:-0}
  total_pass=$((total_pass + pass)) total_fail=$((total_fail + fail))
  local verdict=ok
  if (( rc != 0 || fail > 0 )); then verdict=FAILED; elif (( pass == 0 )); then verdict="FAILED (ran no test)"; fi
  [[ $verdict == ok ]] || failed_suites+=("$name")
  printf '%s<== %s: %s passed, %s failed, %s (%ss)%s\n' "$bold" "$name" "$pass" "$fail" "$verdict" $((SECONDS - start)) "$plain"
}

run_suite "lint gates (fmt, clippy, element links)" bash scripts/lint.sh
run_suite "rust unit, conformance and property tests" cargo test --lib --test conformance --test ledger_properties --test rule_properties --test composite_properties --test pickup_properties
run_suite "rust doc tests" cargo test --doc
run_suite "documentation paths" node --test --test-reporter=tap tests/docs/
run_suite "magento bridge and its fake Magento" cargo test -p salable-bridge -p fake-magento
run_suite "wasm in node" wasm-pack --log-level warn test --node -- --test wasm_node
run_suite "wasm in headless chromium" wasm-pack --log-level warn test --headless --chrome -- --test wasm_browser
if compgen -G "tests/e2e/*.test.mjs" >/dev/null; then
  printf '\n%s==> building dist/ for the browser suites%s\n' "$bold" "$plain"
  bash scripts/build.sh || { echo "build failed" >&2; exit 1; }
  run_suite "browser end-to-end" node --test --test-reporter=tap --test-concurrency=1 tests/e2e/
  run_suite "typescript declarations" node --test --test-reporter=tap tests/types/
fi

# Varnish and nginx in front of the bridge and export's folder (deploy/), as real processes on
# loopback; the Chromium end-to-end of that path is in the browser suite. A missing varnishd or
# nginx fails this suite with the reason (tests/deploy/processes.mjs), never skips it.
run_suite "production path (varnish, nginx)" node --test --test-reporter=tap --test-concurrency=1 tests/deploy/

run_suite "fuzz smoke (20 s a target)" bash scripts/fuzz.sh "${FUZZ_SMOKE_SECONDS:-20}"

echo
if ((${#failed_suites[@]})); then
  printf 'FAILED suites: %s\n' "${failed_suites[*]}"
  echo "total: $total_pass passed, $total_fail failed"
  exit 1
fi
echo "total: $total_pass passed, $total_fail failed"
