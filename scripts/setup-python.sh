#!/usr/bin/env bash
# The project's Python virtualenv, idempotently (first run: ~20 s; re-run: ~0,1 s): the packages of
# scripts/requirements-python.txt (the DuckDB Python package, pinned) for the native comparison
# with DuckDB (make bench-native, scripts/bench-native-duckdb.py) and whatever else reuses it; and
# GNU time (Debian's `time`), which that benchmark reads peak RSS from.
# VENV names its directory (default .venv, gitignored; the Makefile passes its own VENV).
# Called by scripts/setup.sh; on its own: `make setup-python`.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
REQ=scripts/requirements-python.txt
STAMP="$VENV/requirements-python.txt"

export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# GNU time: the peak RSS of each contestant in scripts/bench-native-duckdb.py.
if [ ! -x /usr/bin/time ]; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q time
fi

# Up to date: the venv's python runs and was installed from this very requirements file.
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c '' 2>/dev/null && cmp -s "$REQ" "$STAMP"; then
  exit 0
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' 2>/dev/null; then
  rm -rf "$VENV"
  # Debian's python3 makes a venv only with the python3-venv package (ensurepip).
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q python3-venv
    python3 -m venv "$VENV"
  fi
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
cp "$REQ" "$STAMP"
echo "setup-python: $VENV: $("$VENV/bin/python" -c 'import duckdb; print("duckdb", duckdb.__version__)')"
