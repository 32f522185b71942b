-- The side-by-side benchmark's query (issue 10, BENCHMARKS.md), read by both DuckDB contestants:
-- DuckDB-Wasm in the page (tests/e2e/bench/contest.js) and the DuckDB Python package natively
-- (scripts/bench-native-duckdb.py). One scan of the CSV; per level and per unit: resolved, on time,
-- late for one calendar year under the default convention (README.md «Classification rules»).
-- Placeholders, filled in by each reader: {{file}} = the CSV's name as an SQL string literal
-- (quotes included), {{year}} = the year (an integer). The title block is 4 lines long.
WITH src AS (
  SELECT lower("Cơ quan giải quyết") AS u, "Cơ quan giải quyết" AS unit,
         coalesce(try_strptime(nullif("Ngày có kết quả", ''), '%d/%m/%Y %H:%M:%S')::DATE, try_strptime(nullif("Ngày trả kết quả", ''), '%d/%m/%Y %H:%M:%S')::DATE) AS fin,
         try_strptime(nullif("Ngày hẹn trả", ''), '%d/%m/%Y %H:%M:%S')::DATE AS due,
         lower(coalesce("Trạng thái", '')) AS st
  FROM read_csv({{file}}, skip = 4, header = true, all_varchar = true, delim = ',', quote = '"')
), d AS (
  SELECT unit, fin, due,
         CASE WHEN u LIKE 'ubnd huyện%' OR u LIKE 'ủy ban nhân dân huyện%' OR u LIKE 'ubnd thị xã%' OR u LIKE 'ủy ban nhân dân thị xã%' OR u LIKE 'ubnd thành phố%' OR u LIKE 'ủy ban nhân dân thành phố%' OR u LIKE 'ubnd quận%' OR u LIKE 'ủy ban nhân dân quận%' THEN 'district'
              WHEN u LIKE 'ubnd xã%' OR u LIKE 'ủy ban nhân dân xã%' OR u LIKE 'ubnd phường%' OR u LIKE 'ủy ban nhân dân phường%' OR u LIKE 'ubnd thị trấn%' OR u LIKE 'ủy ban nhân dân thị trấn%' OR u LIKE 'ubnd đặc khu%' OR u LIKE 'ủy ban nhân dân đặc khu%' THEN 'commune'
              ELSE 'province' END AS level
  FROM src
  WHERE fin BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
    AND st NOT IN ('1', '3', '7', '8')
    AND NOT regexp_matches(st, 'không được tiếp nhận|không tiếp nhận|từ chối|mới đăng ký|chờ tiếp nhận|rút|trả lại|dừng xử lý')
)
SELECT level, unit, GROUPING(unit) AS g,
       count(*) AS resolved,
       count(*) FILTER (WHERE due IS NULL OR fin <= due) AS on_time,
       count(*) FILTER (WHERE fin > due) AS late
FROM d
GROUP BY GROUPING SETS ((level), (level, unit))
