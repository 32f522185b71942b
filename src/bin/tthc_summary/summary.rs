//! Summary files in the CLI (issue 11, `dossier::rollup`): `tthc summary --out S.json` writes the
//! summary of the files; `tthc report`, `form06` and `summary` read summary files given among
//! the files (told by their first bytes): the dossier files are read into a Report, summarised
//! (labelled with the first one's name) and merged with the summaries, in the order given.

use super::{file_error, Failure};
use std::io::Read;
use tthc_analytics::basics::format::{int, pct};
use tthc_analytics::dossier::report::Report;
use tthc_analytics::dossier::rollup::{is_summary, report_under, Rollup};
use tthc_analytics::Options;

/// A file's name without its folder and extension (a summary's default label).
pub(crate) fn stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Whether the file at `path` is a summary (its first bytes).
fn is_summary_file(path: &str) -> Result<bool, Failure> {
    let mut head = Vec::with_capacity(256);
    std::fs::File::open(path)
        .and_then(|f| f.take(256).read_to_end(&mut head))
        .map_err(|e| file_error(format!("không mở được {path}: {e}")))?;
    Ok(is_summary(&head))
}

/// The summary files among `files`, and the others, in order.
pub(crate) fn split(files: &[String]) -> Result<(Vec<String>, Vec<String>), Failure> {
    let (mut summaries, mut others) = (Vec::new(), Vec::new());
    for f in files {
        if is_summary_file(f)? {
            summaries.push(f.clone());
        } else {
            others.push(f.clone());
        }
    }
    Ok((summaries, others))
}

/// The Report of `summaries` merged, after `dossiers` (the Report of the dossier files, when
/// there were any, summarised under the first file's name). A summary that cannot be read or
/// merged is a file error; options that contradict the summaries, a usage error.
pub(crate) fn merged(
    opts: &Options,
    summaries: &[String],
    dossiers: Option<(Report, &str)>,
) -> Result<Report, Failure> {
    let mut all = Rollup::empty();
    if let Some((r, first)) = dossiers {
        all.merge(&Rollup::of(&r, &stem(first)))
            .map_err(file_error)?;
    }
    for f in summaries {
        let text = std::fs::read_to_string(f)
            .map_err(|e| file_error(format!("không đọc được {f}: {e}")))?;
        let name = std::path::Path::new(f)
            .file_name()
            .map_or(f.clone(), |n| n.to_string_lossy().into_owned());
        let one = Rollup::read(&text, &name).map_err(file_error)?;
        all.merge(&one).map_err(file_error)?;
    }
    Ok(report_under(&all, opts)?)
}

/// `tthc summary --out S.json [--label NAME]`: the summary of the Report, labelled `label` or
/// the output file's name.
pub(crate) fn write(r: &Report, out: &str, label: Option<&str>) -> Result<(), Failure> {
    let label = label.map_or_else(|| stem(out), str::to_string);
    let text = Rollup::of(r, &label).to_json();
    std::fs::write(out, &text).map_err(|e| file_error(format!("không ghi được {out}: {e}")))?;
    eprintln!(
        "Đã ghi tóm tắt «{label}» ({} byte, không có mã hồ sơ) vào {out}",
        int(text.len() as u64)
    );
    Ok(())
}

/// The sources' rows of a Report made from summaries, for the text report (empty otherwise).
pub(crate) fn sources_table(r: &Report) -> String {
    if r.sources.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "\nTheo địa phương (từ {} tệp tóm tắt):\n{:<24} {:>10} {:>10} {:>9} {:>9}\n",
        int(r.sources.len() as u64),
        "Địa phương",
        "Đã GQ",
        "Đúng hạn",
        "Tỷ lệ",
        "Trễ hạn"
    );
    for b in &r.sources {
        let c = &b.figures.counts;
        s += &format!(
            "{:<24} {:>10} {:>10} {:>9} {:>9}\n",
            b.name,
            int(c.resolved),
            int(c.on_time),
            pct(b.figures.on_time_rate),
            int(c.late)
        );
    }
    s
}
