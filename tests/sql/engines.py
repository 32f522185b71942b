#!/usr/bin/env python3
"""The rules as SQL on real engines (issue 12): `tthc normalize` → `tthc sql` → the engine →
`tthc summary --from-sql` must give exactly the figures of the core's Report.

    engines.py duckdb [--provinces K] [--rows N]   (make test-sql: DuckDB, the pinned package)
    engines.py spark  [--provinces K] [--rows N]   (make test-spark: pyspark, local[2])
    --quick: the sample under each convention once (mac-dinh over Parquet, bieu-06 over CSV)

Cases, each compared figure by figure with `tthc report --json` on the same dossiers:
The row accounting (rows read, counted, rejected, duplicates, ignored), the files and the problem
counts come with `--ingest` from the notes `tthc normalize` wrote, and are compared too.
1. the built-in sample (the Bình Thuận 2024 figures), under both counting conventions (one with
   the period given, one with the period chosen from the data as the core chooses it), read by
   the engine from the canonical CSV and from the Parquet partitions;
2. several generated provinces (`tthc sample --seed k`, each normalised with `--source`), read
   by the engine at once from the Parquet partitions (DuckDB saves this result as Parquet,
   which `summary --from-sql` reads too): the national result equals the provinces'
   summaries made by the core and merged (the aggregates are a monoid), provinces' rows included.

Environment: TTHC (the binary, default target/release/tthc), SQL_OUT (work folder, default
target/sql-engines). Exit status 1 on the first difference, with the figure that differs.
"""

import csv
import json
import os
import re
import subprocess
import sys
import time

TTHC = os.environ.get("TTHC", "target/release/tthc")
QUICK = False
OUT = os.path.abspath(os.environ.get("SQL_OUT", "target/sql-engines"))

# What a Report holds about the dossiers (files, problems and the late list are about the input
# and the ids, which the engine's table does not carry).
FIGURES = [
    "period", "two_tier", "convention", "calendar", "levels", "total", "units", "fields",
    "field_levels", "procedures", "months", "late_total", "narrative",
]

# The row accounting, the files and the problem counts: from `tthc normalize`'s ingest notes.
INPUT = ["rows", "files", "problems_total", "problems_by_reason"]

# The Bình Thuận 2024 report: (level, resolved, on time, late).
BINH_THUAN = [("province", 98942, 98783, 159), ("district", 108509, 106466, 2043),
              ("commune", 357622, 351372, 6250)]


def vi(n):
    """A count the Vietnamese way: 1.234.567."""
    return f"{n:,}".replace(",", ".")


def secs(t):
    return f"{t:.2f}".replace(".", ",") + " s"


def spoil(path):
    """A duplicate of a data row and a row with an impossible date (31/02/2024), before the
    total row: one duplicate and one rejected row for the row accounting to carry."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = f.read().split("\r\n")
    head = next(i for i, l in enumerate(lines) if l.startswith("STT,"))
    total = next(i for i, l in enumerate(lines) if l.startswith("Tổng cộng"))
    bad = re.sub(r"\d\d/\d\d/\d{4}", "31/02/2024", lines[head + 2], count=1)
    lines[total:total] = [lines[head + 1], bad]
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write("\r\n".join(lines))


def tthc(*args):
    r = subprocess.run([TTHC, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"tthc {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def report(*args):
    return json.loads(tthc("report", "--json", *args))


def first_difference(a, b, path=""):
    if type(a) is not type(b):
        return f"{path}: {json.dumps(a, ensure_ascii=False)[:300]} ≠ {json.dumps(b, ensure_ascii=False)[:300]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items ≠ {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {json.dumps(a, ensure_ascii=False)[:300]} ≠ {json.dumps(b, ensure_ascii=False)[:300]}"


def same(name, got, want, keys):
    for k in keys:
        if got.get(k) != want.get(k):
            sys.exit(f"FAIL {name}: the engine's {k} differ from the core's: "
                     + first_difference(got.get(k), want.get(k), k))
    print(f"ok   {name}: {', '.join(keys)} equal", flush=True)


class DuckDB:
    name = "duckdb"

    def __init__(self):
        import duckdb
        self.duckdb = duckdb
        self.version = duckdb.__version__

    def run(self, sql, relation, out):
        """relation: ("csv", [paths]) or ("parquet", root)."""
        con = self.duckdb.connect()
        kind, where = relation
        if kind == "csv":
            files = ", ".join(f"'{p}'" for p in where)
            # every column as text: a procedure code «1.004520» is not a number
            rel = f"read_csv([{files}], header = true, all_varchar = true)"
        else:
            rel = f"read_parquet('{where}/*/*.parquet', hive_partitioning = true)"
        con.execute(f"CREATE VIEW dossiers AS SELECT * FROM {rel}")
        t = time.perf_counter()
        how = "(FORMAT PARQUET)" if out.endswith(".parquet") else "(HEADER, DELIMITER ',')"
        con.execute(f"COPY ({sql.strip().rstrip(';')}) TO '{out}' {how}")
        return time.perf_counter() - t


class Spark:
    name = "spark"

    def __init__(self):
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("tthc-sql")
                      .config("spark.sql.session.timeZone", "UTC")
                      .config("spark.ui.enabled", "false")
                      .config("spark.ui.showConsoleProgress", "false")
                      .config("spark.driver.memory", "3g")
                      .config("spark.sql.shuffle.partitions", "8")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")
        self.version = self.spark.version

    def run(self, sql, relation, out):
        kind, where = relation
        reader = self.spark.read
        if kind == "csv":
            # RFC 4180: quotes doubled inside quoted cells; a cell may hold a line break
            df = reader.csv(where, header=True, escape='"', multiLine=True)
        else:
            df = reader.option("basePath", where).parquet(where)
        df.createOrReplaceTempView("dossiers")
        t = time.perf_counter()
        res = self.spark.sql(sql)
        rows = res.collect()
        took = time.perf_counter() - t
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(res.columns)
            for r in rows:
                w.writerow(["" if v is None else v for v in r])
        return took


def engine_summary(engine, relation, sql_args, label, tag, ingest, ext="csv"):
    """The summary of the engine's result; DuckDB may save it as Parquet (ext)."""
    sql = tthc("sql", "--dialect", engine.name, *sql_args)
    res = os.path.join(OUT, f"{tag}-{engine.name}.{ext}")
    took = engine.run(sql, relation, res)
    summ = os.path.join(OUT, f"{tag}-{engine.name}.json")
    tthc("summary", "--from-sql", res, "--ingest", ingest, "--out", summ,
         *(["--label", label] if label else []))
    return summ, took


def sample_case(engine):
    """Case 1: the built-in sample, both conventions, CSV and Parquet."""
    sample = os.path.join(OUT, "mau.csv")
    if not os.path.exists(sample):
        tthc("sample", "--out", sample)
    norm = os.path.join(OUT, "mau")
    tthc("normalize", "--out", norm, "--source", "Bình Thuận", sample)
    relations = [("csv", [os.path.join(norm, "dossiers.csv")])]
    if os.path.isdir(os.path.join(norm, "dossiers.parquet")):
        relations.append(("parquet", os.path.join(norm, "dossiers.parquet")))
    for conv, period in [("mac-dinh", []), ("bieu-06", ["--period", "2024"])]:
        want = report("--convention", conv, *period, sample)
        for rel in relations:
            if QUICK and (conv == "mac-dinh") == (rel[0] == "csv"):
                continue  # --quick: mac-dinh over Parquet, bieu-06 over CSV
            summ, took = engine_summary(engine, rel, ["--convention", conv, *period],
                                        "Bình Thuận", f"mau-{conv}-{rel[0]}",
                                        os.path.join(norm, "ingest"))
            got = report(summ)
            same(f"{engine.name} sample {conv} {rel[0]} ({secs(took)})", got, want, FIGURES + INPUT)
            if conv == "mac-dinh":
                levels = [(l["level"], l["resolved"], l["on_time"], l["late"]) for l in got["levels"]]
                if levels != BINH_THUAN:
                    sys.exit(f"FAIL the Bình Thuận figures: {levels}")
                print(f"ok   {engine.name}: the Bình Thuận 2024 figures (98.942 / 98.783 / 159 …)")


def provinces_case(engine, k, rows):
    """Case 2: k provinces read at once from the Parquet partitions vs their core summaries."""
    root = os.path.join(OUT, f"provinces-{k}x{rows}")
    summaries = []
    total = 0
    for i in range(1, k + 1):
        label = f"Tỉnh mẫu {i:02d}"
        n = rows - 997 * i  # every province its own size
        src = os.path.join(root, f"tinh-{i:02d}.csv")
        if not os.path.exists(src):
            os.makedirs(root, exist_ok=True)
            tthc("sample", "--rows", str(n), "--seed", str(i), "--out", src)
            if i == 1:
                spoil(src)
        tthc("normalize", "--out", root, "--source", label, "--format", "parquet", src)
        s = os.path.join(root, f"tinh-{i:02d}.summary.json")
        tthc("summary", "--label", label, "--out", s, "--period", "2024", src)
        summaries.append(s)
        total += n
    want = report(*summaries)
    summ, took = engine_summary(engine, ("parquet", os.path.join(root, "dossiers.parquet")),
                                ["--period", "2024"], None, f"provinces-{k}x{rows}",
                                os.path.join(root, "ingest"),
                                "parquet" if engine.name == "duckdb" else "csv")
    got = report(summ)
    rate = total / took if took else 0
    same(f"{engine.name} {k} provinces, {vi(total)} rows ({secs(took)}, {vi(round(rate))} rows/s)",
         got, want, FIGURES + INPUT + ["sources"])
    acc = got["rows"]
    if not (acc["rejected"] >= 1 and acc["duplicates"] >= 1):
        sys.exit(f"FAIL the spoilt province's rejected and duplicate rows are not accounted: {acc}")


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("duckdb", "spark"):
        sys.exit(__doc__)
    k, rows = 3, 60000
    if "--provinces" in args:
        k = int(args[args.index("--provinces") + 1])
    if "--rows" in args:
        rows = int(args[args.index("--rows") + 1])
    global QUICK
    QUICK = "--quick" in args
    os.makedirs(OUT, exist_ok=True)
    engine = DuckDB() if args[0] == "duckdb" else Spark()
    print(f"{engine.name} {engine.version}", flush=True)
    sample_case(engine)
    provinces_case(engine, k, rows)
    print(f"{engine.name}: every figure equal to the core's")


if __name__ == "__main__":
    main()
