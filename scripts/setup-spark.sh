#!/usr/bin/env bash
# Apache Spark for `make test-spark` (issue 12), idempotently: a Java 17+ runtime (Debian's
# openjdk-17-jre-headless when `java` is missing or older) and pyspark pinned by
# scripts/requirements-spark.txt in the project's virtualenv (scripts/setup-python.sh made it).
# First run: ~1 min (pyspark is ~320 MB); re-run: ~0,1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
REQ=scripts/requirements-spark.txt
STAMP="$VENV/requirements-spark.txt"

export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q openjdk-17-jre-headless
fi

./scripts/setup-python.sh
if ! cmp -s "$REQ" "$STAMP"; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$STAMP"
fi
echo "setup-spark: java $(java_major), $("$VENV/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)')"
