#!/usr/bin/env bash
# Builds the page's four WebAssembly modules into www/pkg (issue 10), each through wasm-bindgen
# --target web and wasm-opt (when present):
#   tthc_analytics.js + tthc_analytics_bg.wasm  feature wasm-analysis: the analysis worker and
#                                               its part workers (every page load)
#   tthc_index.js + tthc_index_bg.wasm          features wasm-index + legacy-workbooks (its
#                                               inputs may be .xls): the QĐ 766 index, loaded by
#                                               the analysis worker on the first index job
#   tthc_export.js + tthc_export_bg.wasm        feature wasm-export: the outputs (the workbook
#                                               writer), loaded by the export worker on the
#                                               first export only
#   tthc_analytics_legacy.js + _bg.wasm         features wasm-analysis + legacy-workbooks: the
#                                               analysis module with calamine's .xls/.xlsb/.ods
#                                               readers, loaded by the analysis worker only when
#                                               a file is one of those (then the job is read
#                                               again with it)
# and the TypeScript declarations of the values that cross. The module names are these lines
# (MODULES); the page finds its files through www/lib/wasm.js.
# Built with --crate-type cdylib so the release profile's LTO applies (cargo drops it for cdylib+rlib).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=("wasm-analysis tthc_analytics" "wasm-index,legacy-workbooks tthc_index" "wasm-export tthc_export"
  "wasm-analysis,legacy-workbooks tthc_analytics_legacy")
OPT=tests/e2e/node_modules/.bin/wasm-opt
for m in "${MODULES[@]}"; do
  read -r feature name <<<"$m"
  cargo rustc --quiet --release --target wasm32-unknown-unknown --lib --crate-type cdylib \
    --no-default-features --features "$feature"
  wasm-bindgen --target web --out-dir www/pkg --out-name "$name" \
    target/wasm32-unknown-unknown/release/tthc_analytics.wasm
  if [ -x "$OPT" ] && [ "${NO_WASM_OPT:-}" = "" ]; then
    "$OPT" -O3 "www/pkg/${name}_bg.wasm" -o "www/pkg/${name}_bg.wasm"
  fi
  ls -l "www/pkg/${name}_bg.wasm" | awk '{print $9 ":", $5, "bytes"}'
done
# The TypeScript types of the values that cross (Report, IndexReport, options…), generated from
# the Rust types; tthc_analytics.d.ts imports them (tests/typescript.rs checks they are current).
cargo run --quiet --release --bin tthc -- typescript > www/pkg/tthc_types.d.ts.tmp
mv www/pkg/tthc_types.d.ts.tmp www/pkg/tthc_types.d.ts
