#!/usr/bin/env bash
# Builds the WebAssembly module into www/pkg (wasm-bindgen --target web, the TypeScript
# declarations of the values that cross, then wasm-opt when present).
# Built with --crate-type cdylib so the release profile's LTO applies (cargo drops it for cdylib+rlib).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo rustc --quiet --release --target wasm32-unknown-unknown --lib --crate-type cdylib
wasm-bindgen --target web --out-dir www/pkg target/wasm32-unknown-unknown/release/tthc_analytics.wasm
# The TypeScript types of the values that cross (Report, IndexReport, options…), generated from
# the Rust types; tthc_analytics.d.ts imports them (tests/typescript.rs checks they are current).
cargo run --quiet --release --bin tthc -- typescript > www/pkg/tthc_types.d.ts.tmp
mv www/pkg/tthc_types.d.ts.tmp www/pkg/tthc_types.d.ts
OPT=tests/e2e/node_modules/.bin/wasm-opt
if [ -x "$OPT" ] && [ "${NO_WASM_OPT:-}" = "" ]; then
  "$OPT" -O3 www/pkg/tthc_analytics_bg.wasm -o www/pkg/tthc_analytics_bg.wasm
fi
ls -l www/pkg/tthc_analytics_bg.wasm | awk '{print "www/pkg/tthc_analytics_bg.wasm:", $5, "bytes"}'
