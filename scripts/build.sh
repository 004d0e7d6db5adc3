#!/usr/bin/env bash
# Builds the wasm package, runs wasm-opt on it, and assembles dist/: the folder a shop copies.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Flags chosen by measurement: see BENCHMARKS.md.
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)

command -v wasm-opt >/dev/null || { echo "build: wasm-opt missing; run 'npm run setup' (npm package binaryen)" >&2; exit 1; }

wasm-pack --log-level warn build --release --target web --out-dir pkg --out-name salable --no-pack
before=$(wc -c < pkg/salable_bg.wasm)
wasm-opt "${WASM_OPT_FLAGS[@]}" pkg/salable_bg.wasm -o pkg/salable_bg.wasm
after=$(wc -c < pkg/salable_bg.wasm)
echo "wasm-opt: $before -> $after bytes"

rm -rf dist && mkdir -p dist
cp pkg/salable.js pkg/salable_bg.wasm pkg/salable.d.ts www/stock-status.js dist/
echo "dist/: $(cd dist && ls | tr '\n' ' ')"
