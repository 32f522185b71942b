#!/usr/bin/env bash
# Usage: tests/e2e/run.sh [e2e|bench|contest|huge]   (default e2e; contest = the side-by-side
# benchmark, contest.mjs: only the sample CSV is written, and the page is cross-origin isolated;
# huge = huge.mjs, the 20-million-row file through the page's worker, served as contest's)
# Serves www/ on 127.0.0.1 (first free port from $PORT, default 8123), makes sure the sample CSV
# exists (target/release/tthc sample --out tests/e2e/out/sample.csv, ~150 MB) and writes the index
# sample (target/release/tthc sample-index --out-dir tests/e2e/out/index), runs the script, stops
# the server. Needs: www/pkg (make wasm), node_modules (npm ci), Debian chromium.
set -euo pipefail
cd "$(dirname "$0")"
E2E_DIR=$(pwd)
REPO=$(cd ../.. && pwd)
MODE=${1:-e2e}
case "$MODE" in
  e2e|bench|contest|huge) ;;
  *) echo "usage: $0 [e2e|bench|contest|huge]" >&2; exit 2 ;;
esac

[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
if [ -z "${PKG_DIR:-}" ] && [ ! -f "$REPO/www/pkg/tthc_analytics.js" ]; then
  echo "run.sh: $REPO/www/pkg/tthc_analytics.js is missing: run \`make wasm\` first" >&2
  exit 1
fi
# the vendored libraries (uPlot) into www/vendor, from node_modules (cheap; always current)
"$REPO/scripts/vendor.sh"
mkdir -p out

# The sample CSV, regenerated when missing or older than the CLI that writes it
# (unless SAMPLE_CSV names another file, which is then used as it is).
if [ -z "${SAMPLE_CSV:-}" ]; then
  TTHC="$REPO/target/release/tthc"
  SAMPLE_CSV=$E2E_DIR/out/sample.csv
  if [ ! -x "$TTHC" ] && [ ! -s "$SAMPLE_CSV" ]; then
    echo "run.sh: building the CLI (cargo build --release)" >&2
    (cd "$REPO" && cargo build --release --bin tthc)
  fi
  if [ -x "$TTHC" ] && { [ ! -s "$SAMPLE_CSV" ] || [ "$TTHC" -nt "$SAMPLE_CSV" ]; }; then
    echo "run.sh: writing $SAMPLE_CSV" >&2
    "$TTHC" sample --out "$SAMPLE_CSV.tmp"
    mv "$SAMPLE_CSV.tmp" "$SAMPLE_CSV"
  fi
fi
export SAMPLE_CSV

# The same sample as an .xlsx workbook (~50 MB; notes sheet first, title block, Excel dates),
# regenerated like the CSV (unless SAMPLE_XLSX names another file; not for the contest).
if [ -z "${SAMPLE_XLSX:-}" ] && [ "$MODE" != contest ] && [ "$MODE" != huge ]; then
  TTHC="$REPO/target/release/tthc"
  SAMPLE_XLSX=$E2E_DIR/out/sample.xlsx
  if [ -x "$TTHC" ] && { [ ! -s "$SAMPLE_XLSX" ] || [ "$TTHC" -nt "$SAMPLE_XLSX" ]; }; then
    echo "run.sh: writing $SAMPLE_XLSX" >&2
    "$TTHC" sample --format xlsx --out "$SAMPLE_XLSX.tmp"
    mv "$SAMPLE_XLSX.tmp" "$SAMPLE_XLSX"
  fi
fi
export SAMPLE_XLSX

# For the benchmark only: the sample CSV in each legacy encoding (~170 MB each).
if [ "$MODE" = bench ] && [ -x "$REPO/target/release/tthc" ]; then
  for enc in windows-1258 tcvn3 vni; do
    f=$E2E_DIR/out/sample-$enc.csv
    if [ ! -s "$f" ] || [ "$REPO/target/release/tthc" -nt "$f" ]; then
      "$REPO/target/release/tthc" sample --encoding "$enc" --out "$f.tmp" && mv "$f.tmp" "$f"
    fi
  done
fi

# The index sample (procedure catalogue + two-period ranking table, a few hundred KB), written
# by the CLI each run (unless INDEX_SAMPLE_DIR names another directory): the e2e uploads these
# files. A CLI older than `sample-index` is rebuilt once.
if [ -z "${INDEX_SAMPLE_DIR:-}" ] && [ "$MODE" != contest ] && [ "$MODE" != huge ]; then
  TTHC="$REPO/target/release/tthc"
  INDEX_SAMPLE_DIR=$E2E_DIR/out/index
  if ! { [ -x "$TTHC" ] && "$TTHC" sample-index --out-dir "$INDEX_SAMPLE_DIR" 2>/dev/null; }; then
    echo "run.sh: building the CLI for sample-index (cargo build --release)" >&2
    (cd "$REPO" && cargo build --release --bin tthc)
    "$TTHC" sample-index --out-dir "$INDEX_SAMPLE_DIR"
  fi
fi
export INDEX_SAMPLE_DIR

# A free port: something answering on it (e.g. a stale server) makes us move on.
PORT=${PORT:-8123}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 50); do port_busy "$PORT" || break; PORT=$((PORT + 1)); done
if port_busy "$PORT"; then echo "run.sh: no free port found" >&2; exit 1; fi

# The token proves that whoever answers on the port is the server started here.
TOKEN=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(12).toString("hex"))')
BENCH_DIR=
BENCH_COI=
[ "$MODE" = bench ] && BENCH_DIR=$E2E_DIR
[ "$MODE" = contest ] || [ "$MODE" = huge ] && BENCH_DIR=$E2E_DIR && BENCH_COI=1
PORT=$PORT SERVE_TOKEN=$TOKEN BENCH_DIR=$BENCH_DIR BENCH_COI=$BENCH_COI node serve.mjs >out/serve.log 2>&1 &
SRV=$!
cleanup() { kill "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true; }
trap cleanup EXIT
ok=
for _ in $(seq 100); do
  if ! kill -0 "$SRV" 2>/dev/null; then echo "run.sh: server died:" >&2; cat out/serve.log >&2; exit 1; fi
  if [ "$(curl -s --max-time 1 "http://127.0.0.1:$PORT/__token" 2>/dev/null || true)" = "$TOKEN" ]; then ok=1; break; fi
  sleep 0.1
done
if [ -z "$ok" ]; then echo "run.sh: the server on port $PORT is not ours (stale server?)" >&2; exit 1; fi

URL="http://127.0.0.1:$PORT/" node "$MODE.mjs"
