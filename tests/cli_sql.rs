//! `tthc sql` and `tthc summary --from-sql` at the command line (issue 12): the script for each
//! dialect and option, and the engine's result table refused with a Vietnamese message naming
//! the row and column when it is not one. The engines themselves run in `tests/sql/engines.py`
//! (`make test-sql`, `make test-spark`).

use std::path::PathBuf;
use std::process::Command;

const TTHC: &str = env!("CARGO_BIN_EXE_tthc");

fn tthc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(TTHC).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_sql");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn the_script_follows_the_options() {
    let (code, duck, _) = tthc(&["sql", "--dialect", "duckdb"]);
    assert_eq!(code, 0);
    assert!(duck.contains("FROM dossiers") && duck.trim_end().ends_with(';'));
    assert!(duck.contains("\"resolved\"") && duck.contains("- DATE '1970-01-01'"));
    assert!(
        duck.contains("năm có nhiều ngày kết thúc xử lý nhất"),
        "auto period"
    );
    let (_, spark, _) = tthc(&[
        "sql",
        "--dialect",
        "spark",
        "--period",
        "2024",
        "--convention",
        "bieu-06",
        "--two-tier",
    ]);
    assert!(spark.contains("`resolved`") && spark.contains("DATEDIFF("));
    assert!(!spark.trim_end().ends_with(';'), "spark.sql takes no `;`");
    assert!(spark.contains("Kỳ báo cáo: 2024-01-01 – 2024-12-31."));
    assert!(spark.contains("(bieu-06)") && spark.contains("d_status IN (5, 6, 8)"));
    assert!(spark.contains("WHEN d_level = 'district' AND TRUE"));
    let out = dir().join("q.sql");
    let (code, _, err) = tthc(&["sql", "--dialect", "duckdb", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), duck);
}

#[test]
fn usage_errors_are_named() {
    for (args, want) in [
        (vec!["sql"], "cần --dialect duckdb|spark"),
        (
            vec!["sql", "--dialect", "oracle"],
            "Phương ngữ SQL «oracle»",
        ),
        (
            vec!["sql", "--dialect", "duckdb", "a.csv"],
            "không đọc tệp hồ sơ",
        ),
        (
            vec!["sql", "--dialect", "duckdb", "--convention", "x"],
            "Quy ước đếm «x» không tồn tại",
        ),
        (
            vec!["summary", "--from-sql", "r.csv", "--out", "s.json", "a.csv"],
            "không kèm tệp hồ sơ",
        ),
    ] {
        let (code, _, err) = tthc(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

/// A result table with the settings row and one level row; `edit` changes its text.
fn result_table(edit: impl Fn(String) -> String) -> PathBuf {
    let (_, script, _) = tthc(&["sql", "--dialect", "duckdb"]);
    let calendar = script
        .lines()
        .find_map(|l| l.strip_prefix("-- Lịch ngày làm việc: "))
        .unwrap()
        .trim_end_matches('.')
        .to_string();
    let counts = tthc_analytics::dossier::sql::COUNT_COLUMNS;
    let mut head = vec!["kind", "source", "level", "name", "code", "month"];
    head.extend(counts);
    head.extend(["dossiers", "first_day", "last_day"]);
    let level = format!(
        "level,,province,,,,{},7,,",
        vec!["5"; counts.len()].join(",")
    );
    let settings = format!(
        "settings,,,\"{{\"\"kind\"\":\"\"tthc-sql\"\",\"\"version\"\":1,\"\"convention\"\":\"\"mac-dinh\"\",\"\"two_tier\"\":null,\"\"auto\"\":false,\"\"calendar\"\":\"\"{calendar}\"\"}}\",,,{},0,19723,20088",
        vec!["0"; counts.len()].join(",")
    );
    let text = edit(format!("{}\n{level}\n{settings}\n", head.join(",")));
    let path = dir().join(format!("r{}.csv", text.len()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_result_table_that_is_not_one_is_refused_with_row_and_column() {
    let out = dir().join("s.json");
    let out = out.to_str().unwrap();
    let good = result_table(|t| t);
    let (code, _, err) = tthc(&[
        "summary",
        "--from-sql",
        good.to_str().unwrap(),
        "--out",
        out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(7 hồ sơ,"), "{err}");
    type Edit = Box<dyn Fn(String) -> String>;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|t| t.replacen("resolved,", "giai_quyet,", 1)),
            "thiếu cột «resolved»",
        ),
        (
            Box::new(|t| t.replacen("province,,,,5,", "province,,,,năm,", 1)),
            "Dòng 2, cột «resolved»: «năm» không phải số nguyên không âm",
        ),
        (
            Box::new(|t| t.replacen("level,,province", "level,,huyen", 1)),
            "Dòng 2, cột «level»: «huyen» không phải cấp",
        ),
        (
            Box::new(|t| t.replace("\"\"version\"\":1", "\"\"version\"\":9")),
            "phiên bản 9",
        ),
        (
            Box::new(|t| t.replace("Lịch nghỉ", "Lịch khác")),
            "hãy dùng cùng tùy chọn --calendar",
        ),
        (
            Box::new(|t| t.replace(",19723,20088", ",-9999999,20088")),
            "cột «first_day»",
        ),
        (
            Box::new(|t| t.lines().take(2).collect::<Vec<_>>().join("\n")),
            "thiếu dòng «settings»",
        ),
        (Box::new(|_| String::new()), "Tệp kết quả trống"),
    ];
    for (edit, want) in cases {
        let path = result_table(edit);
        let (code, _, err) = tthc(&[
            "summary",
            "--from-sql",
            path.to_str().unwrap(),
            "--out",
            out,
        ]);
        assert_eq!(code, 1, "{want}: {err}");
        assert!(err.contains(want), "want «{want}»: {err}");
    }
}
