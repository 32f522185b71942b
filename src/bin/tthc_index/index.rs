//! `tthc index`: the QĐ 766 service index over any mix of inputs, kind read from content.
//!
//!   tthc index [--methodology TÊN|TỆP] [--focus TÊN] [--target ĐIỂM] [--period NĂM] [--json]
//!              [--xlsx TỆP.xlsx] TỆP...

use std::io::Write;
use tthc_analytics::index::{output, IndexBuilder, IndexOptions};

pub const USAGE: &str = "Cách dùng:
  tthc index [--methodology qd766-portal|qd766-2022|TỆP.json] [--focus TÊN] [--target ĐIỂM]
             [--period NĂM] [--json] [--xlsx TỆP.xlsx] TỆP...
TỆP: danh sách hồ sơ (CSV), danh mục TTHC (CSV), dữ liệu đánh giá của Cổng DVCQG (JSON),
bảng xếp hạng (CSV hoặc service-results JSON), số liệu nhập tay (CSV/JSON), báo cáo JSON của
«tthc report --json»; loại tệp được nhận ra từ nội dung.";

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{flag} cần một giá trị"))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut opts = IndexOptions::default();
    let mut json = false;
    let mut xlsx = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--methodology" => {
                let v = value(args, &mut i, "--methodology")?;
                let p = std::path::Path::new(v);
                opts.methodology = Some(if p.is_file() {
                    std::fs::read_to_string(p).map_err(|e| format!("không đọc được {v}: {e}"))?
                } else {
                    v.to_string()
                });
            }
            "--focus" => opts.focus = Some(value(args, &mut i, "--focus")?.to_string()),
            "--target" => {
                let v = value(args, &mut i, "--target")?;
                let t = v.replace(',', ".");
                opts.target = Some(
                    t.parse()
                        .map_err(|_| format!("--target «{v}»: cần một số điểm, ví dụ 85"))?,
                );
            }
            "--period" => {
                let v = value(args, &mut i, "--period")?;
                let y = v
                    .parse()
                    .map_err(|_| format!("--period «{v}»: cần một năm"))?;
                opts.dossier.get_or_insert_with(Default::default).year = Some(y);
            }
            "--json" => json = true,
            "--xlsx" => xlsx = Some(value(args, &mut i, "--xlsx")?.to_string()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            f if f.starts_with("--") => return Err(format!("tùy chọn lạ: {f}\n{USAGE}")),
            f => files.push(f.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        return Err(format!("cần ít nhất một tệp\n{USAGE}"));
    }
    let mut b = IndexBuilder::new(opts)?;
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| format!("không đọc được {f}: {e}"))?;
        let name = std::path::Path::new(f)
            .file_name()
            .map_or(f.clone(), |n| n.to_string_lossy().into_owned());
        b.add_file(&name, &bytes);
    }
    let r = b.finish();
    if let Some(path) = &xlsx {
        super::write_xlsx(path, tthc_analytics::export::index_xlsx(&r)?)?;
    }
    let out = if json {
        serde_json::to_string_pretty(&r).map_err(|e| e.to_string())? + "\n"
    } else {
        output::text(&r)
    };
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| e.to_string())
}
