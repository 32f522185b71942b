#!/usr/bin/env bash
# Copies the page's vendored JavaScript libraries from tests/e2e/node_modules (installed from
# tests/e2e/package-lock.json by `make setup`: pinned, checked by npm's integrity hashes) into
# www/vendor/ (git-ignored), where the page, `make serve`, `make dist` and the e2e load them from.
# Never a CDN. Today: uPlot (the months chart, www/views/charts.js): its ES module, its
# declarations (for `make typecheck`) and its CSS.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=tests/e2e/node_modules/uplot/dist
if [ ! -f "$SRC/uPlot.esm.js" ]; then
  echo "vendor.sh: $SRC/uPlot.esm.js is missing: run \`make setup\` (npm ci in tests/e2e)" >&2
  exit 1
fi
mkdir -p www/vendor
cp "$SRC/uPlot.esm.js" www/vendor/uplot.js
cp "$SRC/uPlot.d.ts" www/vendor/uplot.d.ts
cp "$SRC/uPlot.min.css" www/vendor/uplot.css
cp tests/e2e/node_modules/uplot/LICENSE www/vendor/uplot.LICENSE
