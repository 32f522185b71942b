//! `tthc normalize`: the canonical dossier records and every problem, as CSV and Parquet
//! (issue 12).

use crate::{file_error, read_dossiers, report_args, summary_cmd, value, verdict, Failure, USAGE};
use std::io::Write;
use std::path::{Path, PathBuf};
use tthc_analytics::basics::format::int;
use tthc_analytics::basics::text::nfc;
use tthc_analytics::dossier::canonical;
use tthc_analytics::dossier::sql::ingest::{IngestNote, INGEST_DIR};
use tthc_analytics::Analyzer;

/// Which files of the dossier records `--format` asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Parquet,
    Both,
}

impl Format {
    /// Both where this build writes Parquet (feature `parquet`), else CSV.
    const DEFAULT: Format = if cfg!(all(feature = "parquet", not(target_arch = "wasm32"))) {
        Format::Both
    } else {
        Format::Csv
    };

    fn parse(v: &str) -> Result<Format, String> {
        let f = match v {
            "csv" => Format::Csv,
            "parquet" => Format::Parquet,
            "both" => Format::Both,
            _ => return Err(format!("--format «{v}»: cần csv, parquet hoặc both")),
        };
        if f != Format::Csv && !cfg!(all(feature = "parquet", not(target_arch = "wasm32"))) {
            return Err(format!(
                "--format {v}: bản tthc này được dựng không có Parquet (tính năng «parquet»); \
                 dùng --format csv"
            ));
        }
        Ok(f)
    }
}

/// `tthc normalize --out DIR [--source LABEL] [--format csv|parquet|both] [the options of
/// report] FILE...`: the canonical dossier records (`DIR/dossiers.csv`, and
/// `DIR/dossiers.parquet/source=LABEL/part-0.parquet`), every problem (`DIR/problems.csv`) and
/// the row accounting (`DIR/ingest/source=LABEL.json`, `dossier::sql::ingest`) of the dossier
/// files, for an engine to count (issue 12, `dossier::canonical`); returns the
/// verdict's reasons. The label is the first file's name without its extension unless given.
pub(crate) fn run(args: &[String]) -> Result<Vec<String>, Failure> {
    let (mut out, mut source, mut format) = (None, None, Format::DEFAULT);
    let (mut opts, files, strict) = report_args(args, |a, args, i| {
        match a {
            "--out" => out = Some(value(args, i, "--out")?.to_string()),
            "--source" => source = Some(value(args, i, "--source")?.to_string()),
            "--format" => format = Format::parse(value(args, i, "--format")?)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let out = PathBuf::from(out.ok_or_else(|| format!("cần --out THƯ_MỤC\n{USAGE}"))?);
    let source = nfc(&source.unwrap_or_else(|| summary_cmd::stem(&files[0]))).into_owned();
    if source.trim().is_empty() {
        return Err(
            "--source cần một nhãn không rỗng (tên địa phương, kỳ báo cáo…)"
                .to_string()
                .into(),
        );
    }
    Analyzer::new(opts.clone())?;
    if !summary_cmd::split(&files)?.0.is_empty() {
        return Err(
            "normalize đọc tệp hồ sơ; tệp tóm tắt không có hồ sơ để ghi lại"
                .to_string()
                .into(),
        );
    }
    // every problem listed, not the first 1.000; every id's text kept
    opts.max_problems = Some(usize::MAX);
    opts.keep_all_ids = true;
    let ing = read_dossiers(opts, &files)?.finish();
    let mut written = Vec::new();
    let mut n = 0;
    if format != Format::Parquet {
        let path = out.join("dossiers.csv");
        n = write(&path, |w| canonical::write_dossiers(&ing, &source, w))?;
        written.push(path);
    }
    #[cfg(all(feature = "parquet", not(target_arch = "wasm32")))]
    if format != Format::Csv {
        use tthc_analytics::dossier::canonical_parquet as pq;
        let path = out
            .join(pq::DATASET)
            .join(pq::partition(&source))
            .join(pq::PART_FILE);
        n = write(&path, |w| pq::write_dossiers(&ing, w))?;
        written.push(path);
    }
    let problems = out.join("problems.csv");
    let m = write(&problems, |w| canonical::write_problems(&ing, w))?;
    // the row accounting, one note per source (`tthc summary --from-sql --ingest DIR/ingest`)
    let note = out
        .join(INGEST_DIR)
        .join(format!("{}.json", canonical::partition(&source)));
    write(&note, |w| {
        w.write_all(IngestNote::of(&ing, &source).to_json().as_bytes())
            .map(|()| 0)
    })?;
    let written: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    eprintln!(
        "Đã ghi {} hồ sơ vào {} (nguồn «{source}»); {} vấn đề dữ liệu vào {}",
        int(n),
        written.join(" và "),
        int(m),
        problems.display()
    );
    let r = tthc_analytics::dossier::build(&ing, &ing.settings);
    Ok(verdict(&r, strict))
}

/// Writes the file at `path` (its folders made first) with `f`; returns what `f` counted.
fn write(
    path: &Path,
    f: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<u64>,
) -> Result<u64, Failure> {
    let fail = |e: std::io::Error| file_error(format!("không ghi được {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| file_error(format!("không tạo được thư mục {}: {e}", dir.display())))?;
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).map_err(fail)?);
    let n = f(&mut w).map_err(fail)?;
    w.flush().map_err(fail)?;
    Ok(n)
}
