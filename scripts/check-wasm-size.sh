#!/usr/bin/env bash
# The wasm size check of `make test` (issue 10): the built module (www/pkg/*_bg.wasm, or the
# directory given as $1), gzipped with -9, must be at most WASM_GZ_LIMIT bytes (default 800.000 =
# 800 KB). Prints the sizes (vi-VN numbers); exits 1 above the limit, 2 when there is no module.
#   scripts/check-wasm-size.sh [PKG_DIR]        WASM_GZ_LIMIT=1000 scripts/check-wasm-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PKG="${1:-www/pkg}"
LIMIT="${WASM_GZ_LIMIT:-800000}"
case "$LIMIT" in
  ''|*[!0-9]*) echo "check-wasm-size: WASM_GZ_LIMIT «$LIMIT»: cần một số byte (số nguyên)" >&2; exit 2 ;;
esac
shopt -s nullglob
files=("$PKG"/*_bg.wasm)
if [ ${#files[@]} -eq 0 ]; then
  echo "check-wasm-size: không có tệp $PKG/*_bg.wasm: chạy \`make wasm\` trước" >&2
  exit 2
fi
# 1234567 → 1.234.567
vi() { printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/' -e 'ta'; }
status=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  target=800000
  if [ "$gz" -gt "$target" ]; then
    echo "$f: mục tiêu của issue 10 là $(vi "$target") byte: còn thừa $(vi $((gz - target))) byte (chưa đạt)"
  fi
  if [ "$gz" -le "$LIMIT" ]; then
    echo "$f: $(vi "$raw") byte, gzip -9: $(vi "$gz") byte ≤ giới hạn $(vi "$LIMIT") byte (WASM_GZ_LIMIT)"
  else
    echo "$f: $(vi "$raw") byte, gzip -9: $(vi "$gz") byte — vượt $(vi $((gz - LIMIT))) byte so với giới hạn $(vi "$LIMIT") byte (WASM_GZ_LIMIT)" >&2
    status=1
  fi
done
exit $status
