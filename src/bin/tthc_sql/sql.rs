//! `tthc sql` and `tthc summary --from-sql` (issue 12, `dossier::sql`): the rules as one SQL
//! statement for DuckDB or Spark, and the engine's result table back into a summary file.

use crate::{file_error, option_args, value, Failure, USAGE};
use tthc_analytics::basics::format::int;
use tthc_analytics::dossier::sql::ingest::{apply, IngestNote};
use tthc_analytics::dossier::sql::{result, script, Dialect, SqlSettings};
use tthc_analytics::Options;

/// `tthc sql --dialect duckdb|spark [--period …] [--two-tier] [--convention …] [--calendar …]
/// [--out S.sql]`: the script, printed or written.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let (mut dialect, mut out) = (None, None);
    let (opts, files, _) = option_args(args, |a, args, i| {
        match a {
            "--dialect" => dialect = Some(Dialect::parse(value(args, i, "--dialect")?)?),
            "--out" => out = Some(value(args, i, "--out")?.to_string()),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    if !files.is_empty() {
        return Err(format!(
            "tthc sql không đọc tệp hồ sơ: câu lệnh chạy trên quan hệ `dossiers` của máy SQL\n{USAGE}"
        )
        .into());
    }
    let dialect = dialect.ok_or_else(|| format!("cần --dialect duckdb|spark\n{USAGE}"))?;
    let settings = opts.check()?;
    let text = script(&SqlSettings {
        dialect,
        period: settings.period,
        two_tier: settings.two_tier,
        convention: settings.convention,
        calendar: &settings.calendar,
    });
    match out {
        Some(path) => {
            std::fs::write(&path, &text)
                .map_err(|e| file_error(format!("không ghi được {path}: {e}")))?;
            eprintln!("Đã ghi câu lệnh SQL ({}) vào {path}", dialect.name());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// `tthc summary --from-sql RESULT.csv --out S.json [--ingest PATH…] [--label NAME]`: the
/// summary of an engine's result table, with the row accounting of the ingest notes (`PATH`: a
/// note, or a folder of them, as `tthc normalize` writes them), written.
pub(crate) fn summary_from_sql(
    opts: &Options,
    path: &str,
    ingest: &[String],
    out: &str,
    label: Option<&str>,
) -> Result<(), Failure> {
    let settings = opts.check()?;
    let bytes =
        std::fs::read(path).map_err(|e| file_error(format!("không đọc được {path}: {e}")))?;
    let mut r = result::rollup(&bytes, label, &settings.calendar)
        .map_err(|e| file_error(format!("{path}: {e}")))?;
    let mut notes = Vec::new();
    for p in ingest {
        for f in note_files(p)? {
            let text = std::fs::read_to_string(&f)
                .map_err(|e| file_error(format!("không đọc được {f}: {e}")))?;
            notes.push(IngestNote::read(&text, &f).map_err(file_error)?);
        }
    }
    apply(&mut r, &notes).map_err(file_error)?;
    let text = r.to_json();
    std::fs::write(out, &text).map_err(|e| file_error(format!("không ghi được {out}: {e}")))?;
    eprintln!(
        "Đã ghi tóm tắt «{}» ({} hồ sơ, {} byte) vào {out}",
        r.label,
        int(r.rows.counted),
        int(text.len() as u64)
    );
    Ok(())
}

/// The notes at `path`: the file itself, or every `.json` of the folder (in name order).
fn note_files(path: &str) -> Result<Vec<String>, Failure> {
    let p = std::path::Path::new(path);
    if !p.is_dir() {
        return Ok(vec![path.to_string()]);
    }
    let mut v: Vec<String> = std::fs::read_dir(p)
        .map_err(|e| file_error(format!("không đọc được thư mục {path}: {e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.extension().is_some_and(|x| x == "json"))
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    v.sort();
    if v.is_empty() {
        return Err(file_error(format!(
            "thư mục {path} không có tệp ghi nhận dòng (.json)"
        )));
    }
    Ok(v)
}
