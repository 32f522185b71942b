# tthc-analytics — the two commands a user needs: `make serve` and `make test`.
SHELL := /bin/bash
PORT ?= 8080
SAMPLE := tests/e2e/out/sample.csv

.PHONY: setup wasm serve test test-native test-wasm test-e2e typecheck lint bench bench-native bench-browser sample clean fuzz fuzz-smoke

setup:
	./scripts/setup.sh

wasm: setup
	./scripts/build-wasm.sh

serve: wasm
	@echo "Mở http://127.0.0.1:$(PORT)/ trong trình duyệt (Ctrl+C để dừng)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

lint:
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test

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

test-e2e: wasm $(SAMPLE)
	./tests/e2e/run.sh e2e

# Every reader under cargo-fuzz (fuzz/README.md): each target ~30 s in `make test`, 30 min in
# `make fuzz` (FUZZ_SECONDS=… to change it).
FUZZ_SECONDS ?= 1800
fuzz-smoke: setup $(SAMPLE)
	TTHC=target/release/tthc ./fuzz/run.sh 30

fuzz: setup $(SAMPLE)
	TTHC=target/release/tthc ./fuzz/run.sh $(FUZZ_SECONDS)

# wasm first: tests/typescript.rs checks that www/pkg/tthc_types.d.ts is the current one.
test: setup lint wasm test-native test-wasm typecheck test-e2e fuzz-smoke

bench-native:
	cargo run --quiet --release --example bench

bench-browser: wasm $(SAMPLE)
	./tests/e2e/run.sh bench

bench: setup bench-native bench-browser

clean:
	rm -rf target www/pkg tests/e2e/out
