#!/usr/bin/env bash
# Runs the fuzz targets: `fuzz/run.sh SECONDS [TARGET...]` (all targets by default), JOBS at a time
# (default 2), each for SECONDS on its corpus (seeded by fuzz/seed.sh when empty). Prints one line
# per target (runs, corpus, coverage) and fails if any target crashed, hung (over FUZZ_TIMEOUT
# seconds on one input, default 30: wall time, so a loaded machine needs room) or ran out of
# memory (> 2 GiB); the input is kept in fuzz/artifacts/<target>/.
# Needs cargo-fuzz; builds on the stable toolchain (RUSTC_BOOTSTRAP lets it use -Z flags).
set -euo pipefail
cd "$(dirname "$0")"
SECS="${1:?usage: fuzz/run.sh SECONDS [TARGET...]}"; shift
TARGETS=("$@"); [ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv xlsx json html form06 methodology index part sql_result)
JOBS="${JOBS:-2}"
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O 2>&1 | tail -1
[ -n "$(ls -A corpus/csv 2>/dev/null)" ] || ./seed.sh
BIN=target/x86_64-unknown-linux-gnu/release
mkdir -p logs
run_one() {
  local t=$1
  mkdir -p "artifacts/$t" "corpus/$t"
  local start=$SECONDS rc=0
  "$BIN/$t" "corpus/$t" -max_total_time="$SECS" -timeout="${FUZZ_TIMEOUT:-30}" -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/$t-$SECS.log" 2>&1 || rc=$?
  local runs corp
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t-$SECS.log" | tail -1)
  corp="$(ls "corpus/$t" | wc -l) inputs, $(du -sh "corpus/$t" | cut -f1)"
  echo "$t: rc=$rc, $((SECONDS - start)) s, ${runs:-?} runs, corpus $corp, $(grep -oE 'cov: [0-9]+' "logs/$t-$SECS.log" | tail -1)"
  return $rc
}
fail=0
pids=()
for t in "${TARGETS[@]}"; do
  run_one "$t" & pids+=($!)
  if [ ${#pids[@]} -ge "$JOBS" ]; then wait "${pids[0]}" || fail=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || fail=1; done
if [ $fail -ne 0 ]; then
  echo "fuzz: a target failed; inputs in fuzz/artifacts/, logs in fuzz/logs/" >&2
  # CI keeps nothing but this output: print what crashed and, when small, the input itself
  for f in artifacts/*/*; do
    [ -f "$f" ] || continue
    t=$(basename "$(dirname "$f")")
    echo "  $f ($(stat -c %s "$f") bytes); the end of logs/$t-$SECS.log:" >&2
    grep -v -e '^#' -e '^INFO' "logs/$t-$SECS.log" | tail -25 | sed 's/^/    /' >&2
    if [ "$(stat -c %s "$f")" -le 8192 ]; then echo "  base64:" >&2; base64 -w 120 "$f" | sed 's/^/    /' >&2; fi
  done
  exit 1
fi
