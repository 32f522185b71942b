//! `tthc normalize`: the canonical dossier records and every problem, as CSV (issue 12).

use crate::{file_error, read_dossiers, report_args, summary_cmd, value, verdict, Failure, USAGE};
use std::io::Write;
use tthc_analytics::basics::format::int;
use tthc_analytics::dossier::canonical;
use tthc_analytics::Analyzer;

/// `tthc normalize --out DIR [the options of report] FILE...`: the canonical dossier records
/// (`DIR/dossiers.csv`) and every problem (`DIR/problems.csv`) of the dossier files, for an
/// engine to count (issue 12, `dossier::canonical`); returns the verdict's reasons.
pub(crate) fn run(args: &[String]) -> Result<Vec<String>, Failure> {
    let mut out = None;
    let (mut opts, files, strict) = report_args(args, |a, args, i| {
        match a {
            "--out" => out = Some(value(args, i, "--out")?.to_string()),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let out = std::path::PathBuf::from(out.ok_or_else(|| format!("cần --out THƯ_MỤC\n{USAGE}"))?);
    Analyzer::new(opts.clone())?;
    if !summary_cmd::split(&files)?.0.is_empty() {
        return Err(
            "normalize đọc tệp hồ sơ; tệp tóm tắt không có hồ sơ để ghi lại"
                .to_string()
                .into(),
        );
    }
    // every problem listed, not the first 1.000
    opts.max_problems = Some(usize::MAX);
    let ing = read_dossiers(opts, &files)?.finish();
    std::fs::create_dir_all(&out)
        .map_err(|e| file_error(format!("không tạo được thư mục {}: {e}", out.display())))?;
    let write = |name: &str, f: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<u64>| {
        let path = out.join(name);
        let fail =
            |e: std::io::Error| file_error(format!("không ghi được {}: {e}", path.display()));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).map_err(fail)?);
        let n = f(&mut w).map_err(fail)?;
        w.flush().map_err(fail)?;
        Ok::<_, Failure>((n, path))
    };
    let (n, dossiers) = write("dossiers.csv", &|w| {
        canonical::write_dossiers(&ing, &mut &mut *w)
    })?;
    let (m, problems) = write("problems.csv", &|w| {
        canonical::write_problems(&ing, &mut &mut *w)
    })?;
    eprintln!(
        "Đã ghi {} hồ sơ vào {} và {} vấn đề dữ liệu vào {}",
        int(n),
        dossiers.display(),
        int(m),
        problems.display()
    );
    let r = tthc_analytics::dossier::build(&ing, &ing.settings);
    Ok(verdict(&r, strict))
}
