#!/usr/bin/env bash
# Builds the two wasm packages, runs wasm-opt on them, and assembles dist/: the folder a shop copies.
#   stock-status.js + stock-status-core{.js,_bg.wasm}: the element and the one function it calls
#   salable{.js,_bg.wasm,.d.ts}: the full JS API (evaluate, applyEvent, evaluateCatalog, …)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Chosen by measurement: see BENCHMARKS.md (`npm run size` prints the result).
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)

command -v wasm-opt >/dev/null || { echo "build: wasm-opt missing; run 'npm run setup' (npm package binaryen)" >&2; exit 1; }

build() { # OUT_DIR OUT_NAME [cargo args…]
  local dir=$1 name=$2; shift 2
  wasm-pack --log-level warn build --release --target web --out-dir "$dir" --out-name "$name" --no-pack . "$@"
  local wasm="$dir/${name}_bg.wasm" before
  before=$(wc -c < "$wasm")
  wasm-opt "${WASM_OPT_FLAGS[@]}" "$wasm" -o "$wasm"
  echo "wasm-opt $name: $before -> $(wc -c < "$wasm") bytes"
}

build pkg-element stock-status-core --no-default-features
build pkg salable

rm -rf dist && mkdir -p dist
cp pkg-element/stock-status-core.js pkg-element/stock-status-core_bg.wasm dist/
cp pkg/salable.js pkg/salable_bg.wasm pkg/salable.d.ts dist/
[[ -d pkg/snippets ]] && cp -r pkg/snippets dist/
cp www/stock-status.js dist/
echo "dist/: $(cd dist && ls | tr '\n' ' ')"
