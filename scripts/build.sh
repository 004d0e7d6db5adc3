#!/usr/bin/env bash
# Builds the two wasm packages, runs wasm-opt on them, and assembles dist/: the folder a shop copies.
#   stock-status.js: defines <stock-status> (a few hundred bytes), importing
#   stock-status-element.js + stock-status-core_bg.wasm: the element's class, bundled with the glue of
#                                                the one wasm function it calls, minified (what shoppers download)
#   salable{.js,_bg.wasm,.d.ts}: the full JS API (evaluate, applyEvent, evaluateCatalog, …)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Chosen by measurement: see BENCHMARKS.md (`npm run size` prints the result).
WASM_OPT_FLAGS=(--converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)

for tool in wasm-opt esbuild cem; do
  command -v $tool >/dev/null || { echo "build: $tool missing; run 'npm run setup' (npm packages binaryen, esbuild, @custom-elements-manifest/analyzer)" >&2; exit 1; }
done

build() { # OUT_DIR OUT_NAME CARGO_PROFILE WASM_OPT_LEVEL [cargo args…]
  local dir=$1 name=$2 profile=$3 level=$4; shift 4
  wasm-pack --log-level warn build --profile "$profile" --target web --out-dir "$dir" --out-name "$name" --no-pack . "$@"
  local wasm="$dir/${name}_bg.wasm" before
  before=$(wc -c < "$wasm")
  wasm-opt "$level" "${WASM_OPT_FLAGS[@]}" "$wasm" -o "$wasm"
  echo "wasm-opt $name: $before -> $(wc -c < "$wasm") bytes"
}

# The element's modules are built for size (profile wasm-size: opt-level "z", fat LTO, one codegen
# unit, panic=abort; Cargo.toml) on the pinned nightly, with
# std rebuilt for size and panics that abort at once: no panic message formatting, about 3 KB
# gzipped less for every shopper (BENCHMARKS.md). wasm-pack treats every --profile as a custom
# profile and runs its default wasm-opt pass first; the wasm-opt above, with the flags kept here,
# then has the last word (and a missing one fails the build). The full API is built for speed (profile wasm-speed) on stable, since
# it carries the catalog path and shoppers never download it. Separate target directories keep the
# builds cached.
NIGHTLY=$(cat scripts/nightly.txt)
element_build() { # like build, on the nightly with std rebuilt for size
  RUSTUP_TOOLCHAIN=$NIGHTLY RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" build "$@" \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
}
CARGO_TARGET_DIR=target/element element_build pkg-element stock-status-core wasm-size -Oz --no-default-features
# The element's second module: every product type (SPEC §13) and in-store pickup (SPEC §17). The
# element loads it instead of the first for a configurable, bundle or grouped product, or a feed
# with pickup on, so other simple products' pages never pay for it.
CARGO_TARGET_DIR=target/composite element_build pkg-composite stock-status-composite wasm-size -Oz --no-default-features --features composite,pickup
CARGO_TARGET_DIR=target/full build pkg salable wasm-speed -O3

rm -rf dist && mkdir -p dist
# The element imports 'stock-status-core'; bundling resolves it to the glue in pkg-element/, and the
# glue keeps finding its .wasm with `new URL(…, import.meta.url)`, now relative to dist/stock-status.js.
# Its styles come in as text from www/stock-status.css, minified once into the file dist/ also
# serves (SPEC §15): one source, no comments or white space paid for twice.
esbuild www/stock-status.css --minify --legal-comments=none --outfile=pkg-element/stock-status.css --log-level=warning
# `--pure:console.warn` drops the glue's two developer warnings (a server sending the wasm with
# another MIME type than application/wasm, a deprecated init signature; the element uses neither):
# 0.16 KB gzipped for every shopper (BENCHMARKS.md, "A lean start"). The fallback itself stays.
esbuild www/stock-status-element.js --alias:stock-status-core=./pkg-element/stock-status-core.js --alias:stock-status-style=./pkg-element/stock-status.css --loader:.css=text --bundle --format=esm --minify --target=es2022 --legal-comments=none \
  --pure:console.warn --outfile=dist/stock-status-element.js --log-level=warning
# The pickup part (SPEC §17): the element imports it beside itself the first time an output
# carries pickup, so pages without pickup never download it.
esbuild www/stock-status-pickup.css --minify --legal-comments=none --outfile=pkg-element/stock-status-pickup.css --log-level=warning
esbuild www/stock-status-pickup.js --alias:stock-status-pickup-style=./pkg-element/stock-status-pickup.css --loader:.css=text --bundle --format=esm --minify --target=es2022 --legal-comments=none \
  --outfile=dist/stock-status-pickup.js --log-level=warning
# The registration imports the class beside it (not a second copy), so `salable` and
# `salable/element` in one app are one class and one wasm instance.
esbuild www/stock-status.js --format=esm --minify --target=es2022 --legal-comments=none --outfile=dist/stock-status.js --log-level=warning
cp pkg-element/stock-status-core_bg.wasm dist/
# Loaded by the element on demand, by URL, beside stock-status.js.
cp pkg-composite/stock-status-composite.js pkg-composite/stock-status-composite_bg.wasm dist/
cp pkg/salable.js pkg/salable_bg.wasm pkg/salable.d.ts dist/
if [[ -d pkg/snippets ]]; then cp -r pkg/snippets dist/; fi
# The stylesheet server-rendered markup links (renderHtml, SPEC §15): the element's own styles.
# Server-rendered markup (SPEC §15) may hold the pickup block (SPEC §17): its styles follow.
cat pkg-element/stock-status.css pkg-element/stock-status-pickup.css > dist/stock-status.css
# Types for front-end developers: the element, its events, HTMLElementTagNameMap, JSX for React 19
# and Preact; and the Custom Elements Manifest, from the element's JSDoc.
cp types/stock-status.d.ts types/stock-status-element.d.ts types/react.d.ts types/preact.d.ts types/vue.d.ts dist/
cem analyze --quiet --globs www/stock-status-element.js www/stock-status.js --outdir dist >/dev/null
echo "dist/: $(cd dist && ls | tr '\n' ' ')"
