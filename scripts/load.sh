#!/usr/bin/env bash
# npm run load: the Magento bridge under load (BENCHMARKS.md, "Magento bridge load" and "Through
# Varnish"). The fake Magento (1,000 synthetic SKUs) and the bridge run on 127.0.0.1 in one process
# (salable-load, crate bridge/fake-magento); 200 concurrent clients make 50,000 requests straight to
# the bridge, then the same 50,000 through real varnishd running deploy/varnish/salable.vcl (a fresh
# fake and bridge for each pass), then it stops. VARNISH=0 skips the second pass.
# Built with the workspace's `release` profile, a server's settings; PROFILE=wasm-size builds it
# with the element's size settings instead, for the comparison in BENCHMARKS.md. Its own target
# folder keeps these builds apart from the tests'.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/load}"
profile=${PROFILE:-release}
cargo build --profile "$profile" -q -p fake-magento --bin salable-load
dir=$profile; [[ $profile == dev ]] && dir=debug
varnish=(--varnish); [[ ${VARNISH:-1} == 0 ]] && varnish=()
exec "$CARGO_TARGET_DIR/$dir/salable-load" --requests "${REQUESTS:-50000}" --concurrency "${CONCURRENCY:-200}" --skus "${SKUS:-1000}" "${varnish[@]}" "$@"
