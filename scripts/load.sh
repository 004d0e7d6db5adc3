#!/usr/bin/env bash
# npm run load: the Magento bridge under load (BENCHMARKS.md, "Magento bridge load"). The fake
# Magento (100 synthetic SKUs) and the bridge run on 127.0.0.1 in one process; 200 concurrent
# clients make 50,000 requests, then it stops. Built with the workspace's `release` profile, a
# server's settings; PROFILE=wasm-size builds it with the element's size settings instead, for the
# comparison in BENCHMARKS.md. Its own target folder keeps the test builds apart.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/load}"
profile=${PROFILE:-release}
cargo build --profile "$profile" -q -p salable-bridge
dir=$profile; [[ $profile == dev ]] && dir=debug
exec "$CARGO_TARGET_DIR/$dir/salable-bridge" load --requests "${REQUESTS:-50000}" --concurrency "${CONCURRENCY:-200}" --skus "${SKUS:-100}" "$@"
