#!/usr/bin/env bash
# Writes the seed corpora of every fuzz target into fuzz/corpus/<target>/ from the project's own
# deterministic generators (nothing is committed: corpora are generated). Needs target/release/tthc
# (built here if missing). Each file input starts with the two plan bytes of fuzz/src/lib.rs:
# 0x08 (detected encoding, period 2024) and 0x40 (1 KiB chunks).
set -euo pipefail
cd "$(dirname "$0")/.."
TTHC="${TTHC:-target/release/tthc}"
[ -x "$TTHC" ] || cargo build --quiet --release --bin tthc
C=fuzz/corpus
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
mkdir -p $C/csv $C/xlsx $C/html $C/json $C/form06 $C/methodology $C/index $C/part
plan() { printf '\x08\x40'; cat "$1"; }

$TTHC sample --out $T/s.csv --rows 40 >/dev/null
plan $T/s.csv > $C/csv/sample.csv
for e in windows-1258 tcvn3 vni; do
  $TTHC sample --out $T/s-$e.csv --rows 20 --encoding $e >/dev/null
  plan $T/s-$e.csv > $C/csv/sample-$e.csv
done
printf '\x08\x40MaHoSo;NgayTiepNhan;NgayHenTra;NgayKetThucXuLy;TrangThaiHoSo;DonVi\r\n"H1";01/02/2024;05/02/2024;"04/02/2024 23:59";10;"UBND xã ""A""\nB"\r\nH2;29/02/2024;;;4;Sở Tư pháp\r\n' > $C/csv/quoted.csv
# the part target repeats a CSV past 64 KiB and cuts it: the CSV seeds are its seeds too
cp $C/csv/* $C/part/

$TTHC sample --out $T/s.xlsx --rows 30 --format xlsx >/dev/null
plan $T/s.xlsx > $C/xlsx/sample.xlsx
python3 - "$T/s.xlsx" "$C/xlsx/packed" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
sheet = next(n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith("2.xml"))
parts = [z.read(sheet), z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b"", z.read("xl/styles.xml")]
open(sys.argv[2], "wb").write(b"\x01" + b"\0\0".join(parts))
PY
# A zip bomb: one entry claiming far more than it holds (stored header says 4 GiB).
python3 - "$C/xlsx/bomb" <<'PY'
import sys, zipfile, io
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", "<workbook/>")
    z.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b"<row>" * 200000)
open(sys.argv[1], "wb").write(b"\x08\x40" + b.getvalue())
PY

$TTHC sample --out $T/s.html --rows 30 --format html >/dev/null
plan $T/s.html > $C/html/sample.html

for f in json json-array jsonl; do
  $TTHC sample --out $T/s.$f --rows 30 --format $f >/dev/null
  plan $T/s.$f > $C/json/sample-$f
done
python3 -c 'import sys; sys.stdout.buffer.write(b"\x08\x40" + b"[" * 2000 + b"]" * 2000)' > $C/json/deep

$TTHC sample --out $T/big.csv --rows 300 >/dev/null
$TTHC form06 --out $T/f.csv $T/big.csv >/dev/null 2>&1 || true
$TTHC form06 --out $T/f.xlsx $T/big.csv >/dev/null 2>&1 || true
$TTHC form06 --out $T/g.csv --variant II.06a $T/big.csv >/dev/null 2>&1 || true
for f in f.csv f.xlsx g.csv; do [ -f $T/$f ] && plan $T/$f > $C/form06/$f; done

cp src/index/methodologies/*.json $C/methodology/

$TTHC sample-index --out-dir $T/idx >/dev/null
python3 - "$T/idx" "$C/index/sample" <<'PY'
import sys, os
d = sys.argv[1]
parts = [open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d))]
open(sys.argv[2], "wb").write(b"\0\0\0".join(parts))
PY
for t in $C/*; do echo "$(basename $t): $(ls $t | wc -l) seeds, $(du -sh $t | cut -f1)"; done
