# tthc-analytics — the two commands a user needs: `make serve` and `make test`.
SHELL := /bin/bash
PORT ?= 8080
SAMPLE := tests/e2e/out/sample.csv

.PHONY: dist setup setup-python setup-spark wasm size-check serve test test-native test-sql test-spark test-wasm test-e2e typecheck lint bench bench-native bench-browser bench-contest bench-smoke bench-huge sample clean fuzz fuzz-smoke

# The project's Python virtualenv (scripts/setup-python.sh: the pinned DuckDB package of
# scripts/requirements-python.txt); $(PYTHON) runs in it. Exported so that setup.sh uses the same.
VENV ?= .venv
export VENV
PYTHON := $(VENV)/bin/python

setup:
	./scripts/setup.sh

setup-python:
	./scripts/setup-python.sh

# The wasm module into www/pkg, and the vendored libraries (uPlot) into www/vendor
# (scripts/vendor.sh: copied from tests/e2e/node_modules, pinned by its lockfile; never a CDN).
wasm: setup
	./scripts/build-wasm.sh
	./scripts/vendor.sh

# The page's four wasm modules gzipped (-9; BENCHMARKS.md «Size»): the analysis module, which
# every page loads, under issue 10's 800 KB; the index module (loaded on the first index job), the
# export module (the workbook writer, on the first export) and the legacy analysis module (with
# calamine's .xls/.xlsb/.ods readers, loaded only for such a file) under ceilings of their own.
# WASM_GZ_LIMIT / WASM_INDEX_GZ_LIMIT / WASM_EXPORT_GZ_LIMIT / WASM_LEGACY_GZ_LIMIT=bytes to
# change them.
WASM_GZ_LIMIT ?= 800000
WASM_INDEX_GZ_LIMIT ?= 900000
WASM_EXPORT_GZ_LIMIT ?= 700000
WASM_LEGACY_GZ_LIMIT ?= 840000
size-check: wasm
	WASM_GZ_LIMIT=$(WASM_GZ_LIMIT) WASM_INDEX_GZ_LIMIT=$(WASM_INDEX_GZ_LIMIT) WASM_EXPORT_GZ_LIMIT=$(WASM_EXPORT_GZ_LIMIT) WASM_LEGACY_GZ_LIMIT=$(WASM_LEGACY_GZ_LIMIT) ./scripts/check-wasm-size.sh

serve: wasm
	@echo "Mở http://127.0.0.1:$(PORT)/ trong trình duyệt (Ctrl+C để dừng)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

lint:
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features wasm-analysis -- -D warnings

test-native:
	cargo test

# The rules as SQL on real engines (issue 12, tests/sql/engines.py): `tthc normalize` → `tthc sql`
# → the engine → `tthc summary --from-sql` equals the core's Report, on the built-in sample (both
# conventions, CSV and Parquet) and on generated provinces read at once. DuckDB (the pinned Python
# package) in `make test`; Apache Spark (pyspark pinned in scripts/requirements-spark.txt, the
# machine's Java 17, local[2]) on 9 provinces, 5,2 million dossiers, in `make test-spark`.
# `make test-spark SQL_PROVINCES=2 SQL_ROWS=20000 SQL_QUICK=--quick`: the short run (.ci/run with CI_SPARK=1).
SQL_PROVINCES ?= 9
SQL_ROWS ?= 585000
SQL_QUICK ?=
test-sql: setup-python
	cargo build --quiet --release --bin tthc
	TTHC=target/release/tthc $(PYTHON) tests/sql/engines.py duckdb

setup-spark:
	./scripts/setup-spark.sh

test-spark: setup-spark
	cargo build --quiet --release --bin tthc
	TTHC=target/release/tthc $(PYTHON) tests/sql/engines.py spark --provinces $(SQL_PROVINCES) --rows $(SQL_ROWS) $(SQL_QUICK)

test-wasm: setup
	cargo test --target wasm32-unknown-unknown --test web

# The page's JavaScript against the declarations the wasm build writes (www/pkg/*.d.ts).
TSC := tests/e2e/node_modules/.bin/tsc
typecheck: wasm
	$(TSC) -p www/tsconfig.json
	$(TSC) -p www/tsconfig.worker.json

$(SAMPLE): $(wildcard src/sample/*.rs)
	mkdir -p $(dir $(SAMPLE))
	cargo build --quiet --release --bin tthc
	target/release/tthc sample --out $(SAMPLE)

sample: $(SAMPLE)
	target/release/tthc sample-index --out-dir tests/e2e/out/index

# The embeddable package and the one-file page (issue 11, scripts/dist.mjs): dist/npm/ (the ES
# modules, workers, wasm, .d.ts, package.json) and dist/tthc.html (everything inlined; opens from
# file:// with no network). dist/ is build output (git-ignored).
dist: wasm
	node scripts/dist.mjs

# dist first: the e2e opens dist/tthc.html from file://.
test-e2e: wasm dist $(SAMPLE)
	./tests/e2e/run.sh e2e

# Every reader under cargo-fuzz (fuzz/README.md): each target ~12 s in `make test`, 30 min in
# `make fuzz` (FUZZ_SECONDS=… to change it).
FUZZ_SECONDS ?= 1800
fuzz-smoke: setup $(SAMPLE)
	TTHC=target/release/tthc ./fuzz/run.sh 12

fuzz: setup $(SAMPLE)
	TTHC=target/release/tthc ./fuzz/run.sh $(FUZZ_SECONDS)

# wasm first: tests/typescript.rs checks that www/pkg/tthc_types.d.ts is the current one.
test: setup lint wasm size-check test-native test-sql test-wasm typecheck test-e2e bench-smoke fuzz-smoke

# Natively: the in-memory bench (examples/bench.rs, printed), then `tthc report` side by side with
# DuckDB (Python package, the same query as the browser contest) and a memchr floor on the sample
# (scripts/bench-native-duckdb.py), written into BENCHMARKS.md (its bench-native section).
NATIVE_BIN = cargo build --quiet --release --bin tthc --example floor
NATIVE_DUCKDB = BENCH_MD=$(abspath BENCHMARKS.md) $(PYTHON) scripts/bench-native-duckdb.py $(SAMPLE)
bench-native: setup-python $(SAMPLE)
	cargo run --quiet --release --example bench
	$(NATIVE_BIN)
	$(NATIVE_DUCKDB)

# The page alone: the sample through the file input, the legacy encodings, .xlsx against SheetJS.
bench-browser: wasm $(SAMPLE)
	./tests/e2e/run.sh bench

# The side-by-side benchmark (issue 10, BENCHMARKS.md): ours (cold and warm), DuckDB-Wasm, Arquero
# and the floor on the same File in headless Chromium, answers checked equal before timing
# (tests/e2e/contest.mjs). BENCH_RUNS=n rounds (default 3) after BENCH_WARMUP=n (default 2);
# BENCH_BIG=1 adds the 5-million-row file (~1,5 GB, written once to tests/e2e/out).
BIG_CSV := tests/e2e/out/sample-5m.csv
SMOKE_CSV := tests/e2e/out/sample-smoke.csv
CONTEST = SAMPLE_CSV=$(abspath $(SAMPLE)) $(if $(BENCH_BIG),BENCH_BIG_CSV=$(abspath $(BIG_CSV))) ./tests/e2e/run.sh contest

$(BIG_CSV):
	mkdir -p $(dir $@)
	cargo build --quiet --release --bin tthc
	target/release/tthc sample --rows 5000000 --out $@.tmp && mv $@.tmp $@

$(SMOKE_CSV): $(wildcard src/sample/*.rs)
	mkdir -p $(dir $@)
	cargo build --quiet --release --bin tthc
	target/release/tthc sample --rows 20000 --out $@

bench-contest: wasm $(SAMPLE) $(if $(BENCH_BIG),$(BIG_CSV))
	$(CONTEST)

# Native, then side by side; both written into BENCHMARKS.md (its generated section).
bench: setup wasm $(SAMPLE) $(if $(BENCH_BIG),$(BIG_CSV))
	mkdir -p tests/e2e/out
	set -o pipefail; cargo run --quiet --release --example bench | tee tests/e2e/out/native.txt
	$(NATIVE_BIN)
	$(NATIVE_DUCKDB)
	BENCH_MD=$(abspath BENCHMARKS.md) BENCH_NATIVE=$(abspath tests/e2e/out/native.txt) $(CONTEST)

# Issue 10: a 20-million-row file (~5,8 GB, written once) through the page's worker: the tab
# lives, the browser's limit of 10 million dossiers stops it with its message, every row is
# accounted for, the wasm memory stays under HUGE_MAX_MB (600). Natively too: `tthc report`
# reads it whole (its limit is 25 million), peak resident size printed. Not part of make test.
HUGE_CSV := tests/e2e/out/sample-20m.csv
$(HUGE_CSV):
	mkdir -p $(dir $@)
	cargo build --quiet --release --bin tthc
	target/release/tthc sample --rows 20000000 --out $@.tmp && mv $@.tmp $@

bench-huge: wasm $(HUGE_CSV)
	cargo build --quiet --release --bin tthc
	HUGE_CSV=$(abspath $(HUGE_CSV)) ./tests/e2e/run.sh huge
	/usr/bin/time -f 'native: tthc report on $(HUGE_CSV): %e s, peak resident %M KB' target/release/tthc report --period 2024 --json $(HUGE_CSV) > /dev/null

# CI: the side-by-side harness on a small file, one round, no warm-up: fails when it does not
# build or run, or when a contestant's answer differs from ours.
bench-smoke: wasm $(SMOKE_CSV)
	SAMPLE_CSV=$(abspath $(SMOKE_CSV)) BENCH_RUNS=1 BENCH_WARMUP=0 ./tests/e2e/run.sh contest

clean:
	rm -rf target www/pkg tests/e2e/out dist $(VENV)
