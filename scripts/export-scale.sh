#!/usr/bin/env bash
# npm run bench:export: `salable-bridge export --all` at catalog scale (BENCHMARKS.md, "Export at
# catalog scale"). A fake Magento with SKUS synthetic products (100,000 by default) and Web API input
# limits on runs on 127.0.0.1; the bridge exports the whole catalog of website `base` into a temporary
# folder under /usr/bin/time, then prints the time, Magento calls per SKU and peak memory, and checks
# that every SKU was written. Both are built with the release profile (a server's settings).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SKUS=${SKUS:-100000}
PAGE_SIZE=${PAGE_SIZE:-300}
cargo build --release -q -p salable-bridge -p fake-magento
target=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
out=$(mktemp -d)
log=$(mktemp)
trap 'kill "$fake_pid" 2>/dev/null || true; rm -rf "$out" "$log"' EXIT
"$target/release/fake-magento" --listen 127.0.0.1:0 --token scale-token --synthetic "$SKUS" --input-limits --max-page-size "$PAGE_SIZE" >"$log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 600); do grep -q 'listening on' "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
[[ -n $url ]] || { echo "fake Magento did not start:"; cat "$log"; exit 1; }
echo "fake Magento at $url: $SKUS synthetic SKUs, input limits on, maximum page size $PAGE_SIZE"
MAGENTO_TOKEN=scale-token /usr/bin/time -v "$target/release/salable-bridge" export --magento-url "$url" --website base --all \
  --page-size "$PAGE_SIZE" --out "$out" 2>"$out.time" | tee "$out.summary"
written=$(find "$out/base" -name '*.json' | wc -l)
calls=$(grep -oE 'with [0-9]+ Magento call' "$out.summary" | grep -oE '[0-9]+')
seconds=$(grep -oE 'in [0-9.]+ s' "$out.summary" | grep -oE '[0-9.]+')
rss=$(grep 'Maximum resident set size' "$out.time" | grep -oE '[0-9]+')
total=$((SKUS + $(find bridge/fake-magento/fixtures -maxdepth 1 -name 'GET_V1_products_*.json' ! -name '*__404*' | wc -l)))
echo "documents written: $written; Magento calls: $calls ($(node -e "console.log(($calls/$written).toFixed(4))") per SKU); ${seconds} s; peak RSS $((rss / 1024)) MiB"
rm -f "$out.time" "$out.summary"
(( written >= SKUS )) || { echo "FAILED: fewer documents than synthetic SKUs"; exit 1; }
