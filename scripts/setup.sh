#!/usr/bin/env bash
# Installs what building (and, with --test, testing) needs, following docs/TOOLCHAIN.md. Idempotent: each
# step checks first, so a machine that has everything passes through in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

for_tests=false
[[ ${1:-} == --test ]] && for_tests=true
step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [[ ! -d "$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" ]]; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen in Cargo.lock exactly, or wasm-pack builds its own (slowly).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" ]]; then
  step "installing wasm-bindgen-cli $want (about 3 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if ! command -v wasm-pack >/dev/null; then
  step "installing wasm-pack from crates.io (about 3 minutes; its npm package needs GitHub)"
  cargo install wasm-pack --locked
fi

# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing npm packages (binaryen's wasm-opt, playwright-core, axe-core, sirv)"
  npm ci --no-audit --no-fund
fi

# One pinned nightly (scripts/nightly.txt) builds the element's modules with std rebuilt for size
# and no panic formatting (scripts/build.sh, BENCHMARKS.md), and runs cargo-fuzz.
NIGHTLY=$(cat scripts/nightly.txt)
if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 || [[ ! -d "$(rustup run "$NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library" ]] \
  || [[ ! -d "$(rustup run "$NIGHTLY" rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" ]]; then
  step "installing the $NIGHTLY toolchain (rust-src, wasm32) for the element's build and cargo-fuzz"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi
if $for_tests && ! cargo fuzz --version >/dev/null 2>&1; then
  step "installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz --locked
fi

if $for_tests && ! { command -v chromium && command -v chromedriver; } >/dev/null; then
  step "installing Debian's chromium and chromium-driver for browser tests"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# The production path suite runs Debian's varnishd and nginx as real processes on loopback. The
# packages' services are not started: a policy-rc.d refuses every start during the install (kept
# if the machine has one), and the tests start their own varnishd and nginx, then stop them.
have() { [[ -x /usr/sbin/$1 ]] || command -v "$1" >/dev/null; }
if $for_tests && ! { have varnishd && have varnishstat && have nginx; }; then
  step "installing Debian's varnish and nginx for the production path tests (services left stopped)"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  policy=/usr/sbin/policy-rc.d own_policy=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee $policy >/dev/null && $SUDO chmod 0755 $policy && own_policy=true
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends varnish nginx >/dev/null \
    || { $own_policy && $SUDO rm -f $policy; exit 1; }
  if $own_policy; then $SUDO rm -f $policy; fi
  # On a machine whose init did start them anyway, stop them and keep them off.
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    $SUDO systemctl disable --now varnish nginx >/dev/null 2>&1 || true
  fi
fi
exit 0
