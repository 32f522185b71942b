#!/usr/bin/env bash
# Installs what building and testing need, idempotently (fresh Debian machine: ~5 min; re-run: ~2 s).
# - Rust wasm32 target
# - Debian chromium + chromium-driver (headless tests; never a browser download)
# - wasm-bindgen-cli at exactly the version in Cargo.lock
# - npm packages of tests/e2e from its lockfile (playwright-core, binaryen's wasm-opt, esbuild for make dist)
# - cargo-fuzz at a pinned version (fuzz/: built on this stable toolchain with RUSTC_BOOTSTRAP)
# - a Python virtualenv ($VENV, default .venv) with the pinned DuckDB package (scripts/setup-python.sh;
#   Debian's python3-venv when `python3 -m venv` needs it)
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q chromium chromium-driver
fi

WB_VER="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')"
BIN="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
if [ "$("$BIN/wasm-bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $WB_VER" ]; then
  # no --locked: the CLI's own lockfile pins a yanked dependency
  cargo install wasm-bindgen-cli --version "$WB_VER" --force
fi

FUZZ_VER=0.13.2
if [ "$("$BIN/cargo-fuzz" --version 2>/dev/null || true)" != "cargo-fuzz $FUZZ_VER" ]; then
  cargo install cargo-fuzz --version "$FUZZ_VER" --force
fi

if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ ! -x tests/e2e/node_modules/.bin/tsc ] || [ ! -x tests/e2e/node_modules/.bin/esbuild ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi

./scripts/setup-python.sh
