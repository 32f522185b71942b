//! `tthc sample`: the built-in sample (`sample::dossiers`, the Bình Thuận 2024 figures) written
//! as a file, in any of the formats the readers take.

use crate::{value, USAGE};
use std::io::Write;
use tthc_analytics::basics::format::int;
use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::table::decode::Encoding;

/// The options of `tthc sample`.
struct Args {
    out: String,
    rows: usize,
    seed: u64,
    format: String,
    encoding: Option<Encoding>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = None;
    let mut rows = 0usize;
    let mut seed = 0u64;
    let mut format = None;
    let mut encoding = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--out" => out = Some(value(args, &mut i, "--out")?.to_string()),
            "--format" => format = Some(value(args, &mut i, "--format")?.to_string()),
            "--encoding" => {
                let v = value(args, &mut i, "--encoding")?;
                encoding = Some(Encoding::from_name(v).ok_or_else(|| {
                    format!("--encoding «{v}»: cần utf-8, windows-1258, tcvn3 hoặc vni")
                })?);
            }
            "--rows" => {
                let v = value(args, &mut i, "--rows")?;
                rows = v.parse().map_err(|_| format!("--rows «{v}»: cần một số"))?;
            }
            "--seed" => {
                let v = value(args, &mut i, "--seed")?;
                seed = v.parse().map_err(|_| format!("--seed «{v}»: cần một số"))?;
            }
            f => return Err(format!("tùy chọn lạ: {f}\n{USAGE}")),
        }
        i += 1;
    }
    let out = out.ok_or_else(|| format!("cần --out TỆP\n{USAGE}"))?;
    // without --format: .xlsx by the name, else CSV
    let format = format.unwrap_or_else(|| {
        let xlsx = out.to_lowercase().ends_with(".xlsx");
        if xlsx { "xlsx" } else { "csv" }.to_string()
    });
    Ok(Args {
        out,
        rows,
        seed,
        format,
        encoding,
    })
}

/// `tthc sample --out FILE [--rows N] [--seed N] [--format …] [--encoding …]`: the built-in
/// sample written (CSV by default, streamed; other formats through the table reader).
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let Args {
        out,
        rows,
        seed,
        format,
        encoding,
    } = parse(args)?;
    match format.as_str() {
        "csv" if encoding.is_some_and(|e| e != Encoding::Utf8) => {
            let s = Sample::with_seed(rows, seed);
            let n = s.rows();
            let text = String::from_utf8(s.to_vec()).map_err(|e| e.to_string())?;
            let text = text.trim_start_matches('\u{feff}');
            let bytes = tthc_analytics::table::legacy::encode(text, encoding.expect("some"));
            std::fs::write(&out, bytes).map_err(|e| format!("không ghi được {out}: {e}"))?;
            eprintln!("Đã ghi {} hồ sơ mẫu vào {out}", int(n as u64));
            return Ok(());
        }
        "csv" => {}
        "xlsx" | "html" | "json" | "json-array" | "jsonl" => {
            let s = Sample::with_seed(rows, seed);
            let n = s.rows();
            let table = tthc_analytics::table::reader::read_all(&s.to_vec());
            use tthc_analytics::sample::formats;
            let bytes = match format.as_str() {
                "xlsx" => tthc_analytics::sample::workbook::xlsx(&table.rows)
                    .map_err(|e| format!("không tạo được bảng tính: {e}"))?,
                "html" => formats::html_xls(&table.rows),
                "json" => formats::dongbo_json(&table.rows),
                "json-array" => formats::json_array(&table.rows),
                _ => formats::json_lines(&table.rows),
            };
            std::fs::write(&out, bytes).map_err(|e| format!("không ghi được {out}: {e}"))?;
            eprintln!("Đã ghi {} hồ sơ mẫu vào {out}", int(n as u64));
            return Ok(());
        }
        f => {
            return Err(format!(
                "--format «{f}»: cần csv, xlsx, html, json, json-array hoặc jsonl"
            ))
        }
    }
    let file = std::fs::File::create(&out).map_err(|e| format!("không tạo được {out}: {e}"))?;
    let mut w = std::io::BufWriter::new(file);
    let mut s = Sample::with_seed(rows, seed);
    let n = s.rows();
    while let Some(c) = s.next_chunk(1 << 20) {
        w.write_all(&c)
            .map_err(|e| format!("không ghi được {out}: {e}"))?;
    }
    w.flush().map_err(|e| e.to_string())?;
    eprintln!("Đã ghi {} hồ sơ mẫu vào {out}", int(n as u64));
    Ok(())
}
