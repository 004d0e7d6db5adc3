#!/usr/bin/env bash
# The lint gates of `npm test`: formatting, clippy with warnings as errors (native, and wasm32 with
# and without the `full` feature), and the element's module linking neither serde-wasm-bindgen nor
# js-sys. Prints a TAP-style count so scripts/test.sh can tally it; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

pass=0 fail=0
gate() { # NAME COMMAND...
  local name=$1; shift
  if "$@"; then
    echo "ok - $name"; pass=$((pass + 1))
  else
    echo "not ok - $name  ($*)"; fail=$((fail + 1))
  fi
}

# The element's module must not link these: every kilobyte of it is paid by every shopper.
element_links_no_js_object_crates() {
  local tree
  tree=$(cargo tree -p salable --no-default-features --target wasm32-unknown-unknown -e normal --prefix none 2>&1) || { echo "$tree"; return 1; }
  if grep -qE '^(serde-wasm-bindgen|js-sys) ' <<<"$tree"; then
    echo "the element's build links: $(grep -E '^(serde-wasm-bindgen|js-sys) ' <<<"$tree" | sort -u | tr '\n' ' ')"
    return 1
  fi
}

gate "cargo fmt --check" cargo fmt --all --check
gate "clippy native (workspace, all targets)" cargo clippy --workspace --all-targets --quiet -- -D warnings
gate "clippy wasm32, full API" cargo clippy -p salable --lib --target wasm32-unknown-unknown --quiet -- -D warnings
gate "clippy wasm32, element module" cargo clippy -p salable --lib --target wasm32-unknown-unknown --no-default-features --quiet -- -D warnings
gate "element module links neither serde-wasm-bindgen nor js-sys" element_links_no_js_object_crates

echo "# pass $pass"
echo "# fail $fail"
((fail == 0))
