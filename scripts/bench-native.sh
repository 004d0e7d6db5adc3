#!/usr/bin/env bash
# The native criterion benchmark (bench/native), on the catalog bench/run.mjs just wrote.
set -euo pipefail
cd "$(dirname "$0")/../bench/native"
export PATH="$HOME/.cargo/bin:$PATH"
CARGO_TARGET_DIR=../../target/bench-native cargo bench --bench catalog -- --noplot 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading)'
