#!/usr/bin/env bash
# npm run load: the Magento bridge under load (BENCHMARKS.md, "Magento bridge load"). The fake
# Magento (100 synthetic SKUs) and the bridge run on 127.0.0.1 in one process (`salable-load`, in
# the fake-magento crate); 200 concurrent clients make 50,000 requests, then it stops. Built
# optimised for speed (the workspace's release profile is tuned for wasm size: opt-level z, fat LTO,
# panic=abort), in its own target folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_PANIC=unwind
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/load}"
cargo build --release -q -p fake-magento --bin salable-load
exec "$CARGO_TARGET_DIR/release/salable-load" --requests "${REQUESTS:-50000}" --concurrency "${CONCURRENCY:-200}" --skus "${SKUS:-100}" "$@"
