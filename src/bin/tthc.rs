//! `tthc`: the native command line over the same core as the page.
//!
//!   tthc report [--period 2024 [--quarter 1-4 | --month 1-12] [--cutoff]
//!               | --from dd/mm/yyyy --to dd/mm/yyyy] [--two-tier]
//!               [--compare-previous | --compare-year 2023 | --compare-from D --compare-to D]
//!               [--convention mac-dinh|bieu-06] [--sheet NAME]
//!               [--encoding auto|utf-8|windows-1258|tcvn3|vni] [--mapping FILE]
//!               [--calendar FILE] [--strict] [--json] [--xlsx OUT.xlsx] FILE...
//!   tthc form06 --out OUT.xlsx|OUT.csv [--variant 06|II.06a] [the options of report] FILE...
//!   tthc summary --out S.json [--label NAME] [the options of report] FILE...
//!   tthc normalize --out DIR [--source LABEL] [--format csv|parquet|both] [the options of report]
//!                  FILE...   (DIR/dossiers.csv, dossiers.parquet/source=LABEL/, problems.csv)
//!
//! A FILE may be a summary file (`tthc summary`, the page's «Xuất tóm tắt»; told by its first
//! bytes): summaries are merged into one Report with a row per province (`Report::sources`), and
//! dossier files given with them are read and summarised first (`tthc_summary/summary.rs`).
//!   tthc index [--methodology NAME|FILE] [--focus NAME] [--json] [--xlsx OUT.xlsx] FILE...
//!   tthc sample --out FILE [--rows N] [--format csv|xlsx|html|json|json-array|jsonl]
//!               [--encoding windows-1258|tcvn3|vni]
//!   tthc sample-index --out-dir DIR
//!
//! Exit status: 0 a report was made with at least one counted dossier (or form row); 1 a file
//! could not be used (opened, read, or refused: `FileInfo.error`), no row was counted, or, with
//! `--strict`, a row was rejected — the report is still printed and written, the reasons go to
//! stderr; 2 usage (unknown flag, bad option, bad period).

#[path = "tthc_index/index.rs"]
mod index_cmd;
#[path = "tthc_normalize/normalize.rs"]
mod normalize_cmd;
#[path = "tthc_read/read.rs"]
mod read;
#[path = "tthc_sample/sample.rs"]
mod sample_cmd;
#[path = "tthc_index/sample.rs"]
mod sample_index_cmd;
#[path = "tthc_sql/sql.rs"]
mod sql_cmd;
#[path = "tthc_summary/summary.rs"]
mod summary_cmd;

use std::io::Write;
use std::process::ExitCode;
use tthc_analytics::basics::format::{dec, int, pct};
use tthc_analytics::dossier::options::MappingPreset;
use tthc_analytics::dossier::part;
use tthc_analytics::dossier::report::Report;
use tthc_analytics::export::FormVariant;
use tthc_analytics::{Analyzer, Options};

const USAGE: &str = "Cách dùng:
  tthc report [--period NĂM [--quarter 1-4 | --month 1-12] [--cutoff]
               | --from dd/mm/yyyy --to dd/mm/yyyy] [--two-tier]
              [--compare-previous | --compare-year NĂM | --compare-from NGÀY --compare-to NGÀY]
              [--convention mac-dinh|bieu-06] [--sheet TRANG_TÍNH] [--encoding auto|utf-8|windows-1258|tcvn3|vni]
              [--mapping CÁCH_GHÉP_CỘT.json] [--calendar LỊCH_NGHỈ.json]
              [--strict] [--json] [--xlsx TỆP.xlsx] TỆP...
  tthc form06 --out TỆP.xlsx|TỆP.csv [--variant 06|II.06a] [các tùy chọn của report] TỆP...
  tthc summary --out TÓM_TẮT.json [--label TÊN_ĐỊA_PHƯƠNG] [các tùy chọn của report] TỆP...
  tthc summary --from-sql KẾT_QUẢ.csv|.parquet --out TÓM_TẮT.json [--ingest THƯ_MỤC/ingest …] [--label TÊN]
               [--calendar LỊCH_NGHỈ.json]
  tthc normalize --out THƯ_MỤC [--source NHÃN] [--format csv|parquet|both] [các tùy chọn của report] TỆP...
  tthc sql --dialect duckdb|spark [--period NĂM … | --from … --to …] [--two-tier]
           [--convention mac-dinh|bieu-06] [--calendar LỊCH_NGHỈ.json] [--out CÂU_LỆNH.sql]
  tthc index [--methodology qd766-portal|qd766-2022|TỆP.json] [--focus TÊN] [--target ĐIỂM] [--period NĂM] [--json] [--xlsx TỆP.xlsx] TỆP...
  tthc sample --out TỆP [--rows N] [--seed N] [--format csv|xlsx|html|json|json-array|jsonl]
              [--encoding windows-1258|tcvn3|vni]
  tthc sample-index --out-dir THƯ_MỤC

Với report và form06, --strict: coi mọi dòng bị loại là lỗi.
Với normalize: NHÃN (mặc định: tên tệp đầu tiên, bỏ phần mở rộng) ghi vào cột source và tên
  thư mục dossiers.parquet/source=NHÃN; --format mặc định both (CSV và Parquet).
TỆP có thể là tệp tóm tắt (tthc summary, nút «Xuất tóm tắt»): các tóm tắt được gộp thành một
  báo cáo, mỗi địa phương một dòng; tệp hồ sơ đi kèm được tóm tắt rồi gộp cùng.
Mã thoát: 0 đã lập báo cáo (có ít nhất một hồ sơ hoặc dòng biểu được tính);
  1 có tệp không dùng được, không có dòng nào được tính, hoặc (--strict) có dòng bị loại —
    báo cáo vẫn được in / ghi, lý do ở stderr;
  2 sai cách dùng (tùy chọn, kỳ báo cáo…).";

/// Why a command failed: the message for stderr and the exit status (1 a file, 2 usage).
struct Failure {
    status: u8,
    message: String,
}

/// A `String` error is a usage error (status 2), as every command's own errors are.
impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure { status: 2, message }
    }
}

/// A file that could not be opened, read or written: status 1.
fn file_error(message: String) -> Failure {
    Failure { status: 1, message }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("report") => return exit(report(&args[1..])),
        Some("form06") => return exit(form06(&args[1..])),
        Some("summary") => return exit(summary_command(&args[1..])),
        Some("normalize") => return exit(normalize_cmd::run(&args[1..])),
        Some("sql") => return exit(sql_cmd::run(&args[1..]).map(|()| Vec::new())),
        Some("sample") => sample_cmd::run(&args[1..]),
        Some("index") => index_cmd::run(&args[1..]),
        Some("sample-index") => sample_index_cmd::run(&args[1..]),
        // hidden: the TypeScript declarations of the wasm bindings' values (build-wasm.sh)
        Some("typescript") => {
            print!("{}", tthc_analytics::typescript::declarations());
            Ok(())
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tthc: {e}");
            ExitCode::from(2)
        }
    }
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{flag} cần một giá trị"))
}

/// Text for a terminal: control characters from the files' cells (ESC sequences that could
/// move the cursor, recolour or retitle the terminal, a bell, a carriage return over a line) are
/// shown as «�»; line breaks and tabs stay.
fn terminal_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

fn number(v: &str) -> Result<i32, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("«{v}» không phải là số nguyên"))
}

/// The exit status of `report` and `form06`: their verdict's reasons on stderr, status 1 when
/// there are any; a failure's message and status.
fn exit(result: Result<Vec<String>, Failure>) -> ExitCode {
    match result {
        Ok(reasons) if reasons.is_empty() => ExitCode::SUCCESS,
        Ok(reasons) => {
            for r in reasons {
                eprintln!("tthc: {}", terminal_safe(&r));
            }
            ExitCode::from(1)
        }
        Err(f) => {
            eprintln!("tthc: {}", terminal_safe(&f.message));
            ExitCode::from(f.status)
        }
    }
}

/// Why a report made is not a success (empty when it is): every file that could not be used,
/// no row counted (with the reasons rows were rejected for, and the first problem's place), and
/// under `strict` any rejected row.
fn verdict(r: &Report, strict: bool) -> Vec<String> {
    let mut reasons: Vec<String> = r
        .files
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| format!("tệp {}: {e}", f.name)))
        .collect();
    let rows = &r.rows;
    let rejected = if rows.rejected > 0 {
        let codes: Vec<String> = r
            .problems_by_reason
            .iter()
            .map(|c| format!("{} ({})", c.reason, int(c.count)))
            .collect();
        let first = r.problems.first().map_or(String::new(), |p| {
            format!(
                "; đầu tiên: {} dòng {}{}",
                p.file,
                p.row,
                if p.column.is_empty() {
                    String::new()
                } else {
                    format!(", cột «{}», giá trị «{}»", p.column, p.value)
                }
            )
        });
        format!(
            "{} dòng bị loại: {}{first}",
            int(rows.rejected),
            codes.join("; ")
        )
    } else {
        String::new()
    };
    if rows.counted == 0 {
        let mut s = "không có dòng nào được tính, báo cáo rỗng".to_string();
        if !rejected.is_empty() {
            s += &format!(" — {rejected}");
        }
        reasons.push(s);
    } else if strict && rows.rejected > 0 {
        reasons.push(format!("--strict: {rejected}"));
    }
    reasons
}

/// The options `tthc report` and `tthc form06` share (period and its presets, comparison,
/// convention, two-tier, sheet, encoding, mapping, calendar), `--strict` and the files; `own`
/// takes a command's own flags (returns whether it did). Over 80 lines: one match arm per flag.
fn report_args(
    args: &[String],
    own: impl FnMut(&str, &[String], &mut usize) -> Result<bool, String>,
) -> Result<(Options, Vec<String>, bool), String> {
    let (opts, files, strict) = option_args(args, own)?;
    if files.is_empty() {
        return Err(format!("cần ít nhất một tệp\n{USAGE}"));
    }
    Ok((opts, files, strict))
}

/// The options of `report` (and the command's `own`), and the files named, maybe none.
fn option_args(
    args: &[String],
    mut own: impl FnMut(&str, &[String], &mut usize) -> Result<bool, String>,
) -> Result<(Options, Vec<String>, bool), String> {
    let mut opts = Options::default();
    let mut files = Vec::new();
    let mut strict = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            a if own(a, args, &mut i)? => {}
            "--period" => {
                let v = value(args, &mut i, "--period")?;
                opts.year = Some(
                    v.parse()
                        .map_err(|_| format!("--period «{v}»: cần một năm"))?,
                );
            }
            "--quarter" => opts.quarter = Some(number(value(args, &mut i, "--quarter")?)?),
            "--month" => opts.month = Some(number(value(args, &mut i, "--month")?)?),
            "--cutoff" => opts.cutoff = Some(true),
            "--compare-year" => {
                opts.compare_year = Some(number(value(args, &mut i, "--compare-year")?)?)
            }
            "--compare-from" => {
                opts.compare_from = Some(value(args, &mut i, "--compare-from")?.to_string())
            }
            "--compare-to" => {
                opts.compare_to = Some(value(args, &mut i, "--compare-to")?.to_string())
            }
            "--compare-previous" => opts.compare_previous = Some(true),
            "--from" => opts.from = Some(value(args, &mut i, "--from")?.to_string()),
            "--to" => opts.to = Some(value(args, &mut i, "--to")?.to_string()),
            "--two-tier" => opts.two_tier = Some(true),
            "--strict" => strict = true,
            "--convention" => {
                opts.convention = Some(value(args, &mut i, "--convention")?.to_string())
            }
            "--sheet" => opts.sheet = Some(value(args, &mut i, "--sheet")?.to_string()),
            "--encoding" => opts.encoding = Some(value(args, &mut i, "--encoding")?.to_string()),
            "--mapping" => {
                let f = value(args, &mut i, "--mapping")?;
                let text =
                    std::fs::read_to_string(f).map_err(|e| format!("không đọc được {f}: {e}"))?;
                for p in MappingPreset::read(&text).map_err(|e| format!("{f}: {e}"))? {
                    opts.mapping.extend(p.mapping);
                }
            }
            "--calendar" => {
                let f = value(args, &mut i, "--calendar")?;
                let text =
                    std::fs::read_to_string(f).map_err(|e| format!("không đọc được {f}: {e}"))?;
                opts.calendar = Some(text);
            }
            f if f.starts_with("--") => return Err(format!("tùy chọn lạ: {f}\n{USAGE}")),
            f => files.push(f.to_string()),
        }
        i += 1;
    }
    Ok((opts, files, strict))
}

/// The Report of the files, read through the Analyzer a megabyte at a time. Options the core
/// refuses are a usage error; a file that cannot be opened or read, a file error. A large
/// delimited UTF-8 file is read by several threads at once, in byte ranges (`dossier::part`;
/// the same Report): as many as the machine has cores, or `TTHC_THREADS`.
fn analyze_dossiers(opts: Options, files: &[String]) -> Result<Report, Failure> {
    Ok(read_dossiers(opts, files)?.finish_report())
}

/// The dossier files read into one analyzer (on several threads when a file is large enough:
/// `dossier::part`).
fn read_dossiers(opts: Options, files: &[String]) -> Result<Analyzer, Failure> {
    let threads = std::env::var("TTHC_THREADS")
        .ok()
        .and_then(|t| t.parse::<usize>().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 64);
    let mut a = Analyzer::new(opts.clone())?;
    for f in files {
        let mut file =
            std::fs::File::open(f).map_err(|e| file_error(format!("không mở được {f}: {e}")))?;
        let name = std::path::Path::new(f)
            .file_name()
            .map_or(f.clone(), |n| n.to_string_lossy().into_owned());
        a.begin_file(&name);
        let size = file.metadata().map_or(0, |m| m.len());
        let cuts = part::cut_points(size, threads, |at| {
            read::read_at(f, at, 1 << 16).unwrap_or_default()
        });
        if cuts.is_empty() {
            read::read_into(&mut a, f, &mut file, u64::MAX)?;
        } else {
            read::in_parts(&mut a, &opts, (f, &name), &mut file, (&cuts, size))?;
        }
        a.end_file();
    }
    Ok(a)
}

/// The Report of the files: of the dossier files ([`analyze_dossiers`]), or, when summary files
/// are among them, of the summaries merged with that of the dossier files (`summary_cmd`).
fn analyze(opts: Options, files: &[String]) -> Result<Report, Failure> {
    // the options first: a bad period is a usage error (exit 2) before any file is opened
    Analyzer::new(opts.clone())?;
    let (summaries, dossiers) = summary_cmd::split(files)?;
    if summaries.is_empty() {
        return analyze_dossiers(opts, files);
    }
    let first = dossiers.first().cloned().unwrap_or_default();
    let read = if dossiers.is_empty() {
        None
    } else {
        Some((analyze_dossiers(opts.clone(), &dossiers)?, first.as_str()))
    };
    summary_cmd::merged(&opts, &summaries, read)
}

/// `tthc summary --out S.json [--label NAME] [the options of report] FILE...`: the summary of
/// the files' Report written; returns the verdict's reasons.
fn summary_command(args: &[String]) -> Result<Vec<String>, Failure> {
    let (mut out, mut label, mut from_sql) = (None, None, None);
    let mut ingest = Vec::new();
    let (opts, files, strict) = option_args(args, |a, args, i| {
        match a {
            "--out" => out = Some(value(args, i, "--out")?.to_string()),
            "--label" => label = Some(value(args, i, "--label")?.to_string()),
            "--from-sql" => from_sql = Some(value(args, i, "--from-sql")?.to_string()),
            "--ingest" => ingest.push(value(args, i, "--ingest")?.to_string()),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let out = out.ok_or_else(|| format!("cần --out TÓM_TẮT.json\n{USAGE}"))?;
    if let Some(result) = from_sql {
        if !files.is_empty() {
            return Err(
                format!("--from-sql đọc một bảng kết quả, không kèm tệp hồ sơ\n{USAGE}").into(),
            );
        }
        sql_cmd::summary_from_sql(&opts, &result, &ingest, &out, label.as_deref())?;
        return Ok(Vec::new());
    }
    if files.is_empty() {
        return Err(format!("cần ít nhất một tệp\n{USAGE}").into());
    }
    let r = analyze(opts, &files)?;
    summary_cmd::write(&r, &out, label.as_deref())?;
    Ok(verdict(&r, strict))
}

/// `tthc report`: the Report printed (and written as a workbook); returns the verdict's reasons.
fn report(args: &[String]) -> Result<Vec<String>, Failure> {
    let mut json = false;
    let mut xlsx = None;
    let (opts, files, strict) = report_args(args, |a, args, i| {
        match a {
            "--xlsx" => xlsx = Some(value(args, i, "--xlsx")?.to_string()),
            "--json" => json = true,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let r = analyze(opts, &files)?;
    if let Some(path) = &xlsx {
        let bytes = tthc_analytics::export::report_xlsx(&r, None).map_err(file_error)?;
        write_xlsx(path, bytes).map_err(file_error)?;
    }
    let out = if json {
        serde_json::to_string_pretty(&r).map_err(|e| e.to_string())? + "\n"
    } else {
        terminal_safe(&summary(&r))
    };
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| file_error(e.to_string()))?;
    Ok(verdict(&r, strict))
}

/// `tthc form06 --out OUT.xlsx|OUT.csv [--variant 06|II.06a] [the options of report] FILE...`:
/// the files' Report as form 06 (rows by field within the levels) or II.06a (by unit).
fn form06(args: &[String]) -> Result<Vec<String>, Failure> {
    let mut out = None;
    let mut variant = FormVariant::Form06;
    let (opts, files, strict) = report_args(args, |a, args, i| {
        match a {
            "--out" => out = Some(value(args, i, "--out")?.to_string()),
            "--variant" => {
                let v = value(args, i, "--variant")?;
                variant = match v.to_lowercase().trim_start_matches("ii.") {
                    "06" => FormVariant::Form06,
                    "06a" => FormVariant::Ii06a,
                    _ => return Err(format!("--variant «{v}»: cần 06 hoặc II.06a")),
                };
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let out = out.ok_or_else(|| format!("cần --out TỆP.xlsx hoặc TỆP.csv\n{USAGE}"))?;
    let r = analyze(opts, &files)?;
    if out.to_lowercase().ends_with(".csv") {
        let bytes = tthc_analytics::export::form06_csv(&r, variant);
        std::fs::write(&out, bytes)
            .map_err(|e| file_error(format!("không ghi được {out}: {e}")))?;
        eprintln!("Đã ghi biểu {} (CSV) vào {out}", variant.number());
    } else {
        let bytes = tthc_analytics::export::form06_xlsx(&r, variant).map_err(file_error)?;
        write_xlsx(&out, bytes).map_err(file_error)?;
    }
    Ok(verdict(&r, strict))
}

/// Writes a workbook made by `export` (`--xlsx`), and says so on stderr.
pub(crate) fn write_xlsx(path: &str, bytes: Vec<u8>) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("không ghi được tệp Excel {path}: {e}"))?;
    eprintln!("Đã ghi bảng tính Excel vào {path}");
    Ok(())
}

/// The Vietnamese text `tthc report` prints: the level table, the period's other counts, the
/// narrative, the row accounting and the first problems.
fn summary(r: &Report) -> String {
    let mut s = level_table(r);
    s += &summary_cmd::sources_table(r);
    s += &comparison_table(r);
    s += &other_counts(r);
    s += &accounting(r);
    s
}

/// Title and the per-level table.
/// `yyyy-mm-dd` as `dd/mm/yyyy`.
fn date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    if p.len() == 3 {
        format!("{}/{}/{}", p[2], p[1], p[0])
    } else {
        iso.to_string()
    }
}

fn level_table(r: &Report) -> String {
    let mut s = String::new();
    s += &format!(
        "BÁO CÁO KẾT QUẢ GIẢI QUYẾT TTHC — {} (từ {} đến {}{}); quy ước đếm: {}\n\n",
        r.period.label,
        date(&r.period.from),
        date(&r.period.to),
        if r.period.auto {
            ", tự chọn theo dữ liệu"
        } else {
            ""
        },
        r.convention.name
    );
    s += &format!(
        "{:<10} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
        "Cấp", "Đã GQ", "Đúng hạn", "Tỷ lệ", "Trễ hạn", "Tỷ lệ", "Đang GQ", "Quá hạn", "Số hóa"
    );
    let line = |label: &str, f: &tthc_analytics::dossier::aggregate::Figures| {
        let c = &f.counts;
        format!(
            "{:<10} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
            label,
            int(c.resolved),
            int(c.on_time),
            pct(f.on_time_rate),
            int(c.late),
            pct(f.late_rate),
            int(c.pending),
            int(c.pending_overdue),
            pct(f.digitized_rate)
        )
    };
    for l in &r.levels {
        s += &line(&l.label, &l.figures);
    }
    s += &line("Tổng", &r.total);
    s
}

/// The levels and the total against the earlier period, when one was asked for.
fn comparison_table(r: &Report) -> String {
    let Some(c) = &r.comparison else {
        return String::new();
    };
    let mut s = format!(
        "\nSo sánh với {} ({} – {}):\n{:<10} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
        c.period.label,
        date(&c.period.from),
        date(&c.period.to),
        "Cấp",
        "Đã GQ trước",
        "Đã GQ",
        "Thay đổi",
        "Đúng hạn trước",
        "Đúng hạn",
        "Điểm %",
        "Trễ trước",
        "Trễ hạn"
    );
    let signed = |x: i64| format!("{}{}", if x < 0 { "-" } else { "+" }, int(x.unsigned_abs()));
    let line = |label: &str, x: &tthc_analytics::dossier::compare::Change| {
        format!(
            "{:<10} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n",
            label,
            int(x.resolved_before),
            int(x.resolved),
            signed(x.resolved_change),
            pct(x.on_time_rate_before),
            pct(x.on_time_rate),
            x.on_time_rate_points.map_or("—".into(), |p| dec(p, 2)),
            int(x.late_before),
            int(x.late)
        )
    };
    for l in &c.levels {
        s += &line(&l.label, &l.change);
    }
    s += &line("Tổng", &c.total);
    s
}

/// Received, carried over, withdrawn…, average time and the narrative.
fn other_counts(r: &Report) -> String {
    let mut s = String::new();
    let t = &r.total.counts;
    s += &format!(
        "\nTiếp nhận trong kỳ: {} (trực tuyến {}, trực tiếp {}, bưu chính {}); từ kỳ trước: {}; rút hồ sơ: {}; dừng xử lý: {}; không tiếp nhận: {}.\n",
        int(t.received),
        int(t.received_online),
        int(t.received_direct),
        int(t.received_postal),
        int(t.carried_over),
        int(t.withdrawn),
        int(t.stopped),
        int(t.not_received)
    );
    if let Some(d) = r.total.avg_processing_days {
        let work = r.total.avg_processing_working_days.unwrap_or(0.0);
        s += &format!(
            "Thời gian giải quyết trung bình: {} ngày ({} ngày làm việc).\n",
            dec(d, 1),
            dec(work, 1)
        );
    }
    s += &format!("\n{}\n", r.narrative);
    s
}

/// The row accounting, file errors and warnings, the first problems and the latest dossier.
fn accounting(r: &Report) -> String {
    let mut s = String::new();
    let rows = &r.rows;
    s += &format!(
        "\nĐã đọc {} dòng = {} được tính + {} bị loại + {} trùng lặp + {} bỏ qua (tiêu đề {}, dòng tiêu đề cột {}, dòng trống {}, dòng tổng {}).\n",
        int(rows.read),
        int(rows.counted),
        int(rows.rejected),
        int(rows.duplicates),
        int(rows.ignored),
        int(rows.ignored_title),
        int(rows.ignored_header),
        int(rows.ignored_blank),
        int(rows.ignored_total)
    );
    for f in &r.files {
        if let Some(e) = &f.error {
            s += &format!("Tệp {}: {e}\n", f.name);
        }
        for w in &f.warnings {
            s += &format!("Tệp {}: {w}\n", f.name);
        }
    }
    for p in r.problems.iter().take(20) {
        s += &format!(
            "  {} dòng {}, cột «{}», giá trị «{}»: {}\n",
            p.file, p.row, p.column, p.value, p.reason
        );
    }
    if r.problems_total > 20 {
        s += &format!("  … và {} lỗi khác\n", int(r.problems_total - 20));
    }
    if let Some(first) = r.late.first() {
        s += &format!(
            "\nHồ sơ trễ hạn / quá hạn: {}{} (trễ nhiều nhất: {} của {}, {} ngày, {} ngày làm việc).\n",
            int(r.late_total.max(r.late.len() as u64)),
            if r.late_total > r.late.len() as u64 {
                format!(", danh sách giữ {} hồ sơ trễ nhiều nhất", int(r.late.len() as u64))
            } else {
                String::new()
            },
            first.id,
            first.unit,
            first.days_late,
            first.working_days_late
        );
    }
    s += &format!("Ngày làm việc tính theo: {}.\n", r.calendar.name);
    for w in &r.calendar.warnings {
        s += &format!("  {w}\n");
    }
    s
}
