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
mkdir -p $C/csv $C/xlsx $C/html $C/json $C/form06 $C/methodology $C/index $C/part $C/sql_result
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
# an engine's result table (tests/sql/engines.py makes real ones): every kind of row, the
# settings row's JSON quoted as DuckDB writes it
CAL="$($TTHC sql --dialect duckdb | sed -n 's/^-- Lịch ngày làm việc: \(.*\)\.$/\1/p')"
python3 - "$C/sql_result/small.csv" "$CAL" <<'PY'
import sys
counts = ("resolved on_time early late pending pending_overdue withdrawn stopped not_received received "
          "received_online received_direct received_postal carried_over digitized paid_online digitized_known "
          "paid_online_known channel_known rated unsatisfied processing_minutes processing_working_days").split()
head = ["kind", "source", "level", "name", "code", "month"] + counts + ["dossiers", "first_day", "last_day"]
def row(kind, source="", level="", name="", code="", month="", n=3, first="", last=""):
    c = [str(n), str(n - 1), "1", "1", "2", "1"] + ["1"] * (len(counts) - 6)
    return [kind, source, level, name, code, month] + c + [str(n + 2), str(first), str(last)]
settings = '"{""kind"":""tthc-sql"",""version"":1,""convention"":""mac-dinh"",""two_tier"":null,""auto"":false,""calendar"":""%s""}"'
rows = [row("level", level="province", first=19700, last=20000), row("level", level="commune"),
        row("unit", level="province", name="Sở Tư pháp"), row("field", name="Hộ tịch"),
        row("field_level", level="commune", name=""), row("procedure", name="Cấp phép", code="1.004520"),
        row("month", level="province", month="2024-03"), row("source", source="Bình Thuận")]
out = [",".join(head)] + ['"' + '","'.join(r) + '"' for r in rows]
out.append("settings,,,%s,,," % (settings % sys.argv[2]) + ",".join(["0"] * (len(counts) + 1)) + ",19723,20088")
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out) + "\n")
PY

for t in $C/*; do echo "$(basename $t): $(ls $t | wc -l) seeds, $(du -sh $t | cut -f1)"; done
