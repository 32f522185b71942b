//! `tthc sample-index`: writes the built-in sample of the index inputs (the procedure catalogue
//! and the two-period ranking table of `index::sample`) into a directory.
//!
//!   tthc sample-index --out-dir THƯ_MỤC

use tthc_analytics::sample::index as sample;

pub const USAGE: &str = "Cách dùng:
  tthc sample-index --out-dir THƯ_MỤC
Ghi dữ liệu mẫu của chỉ số 766 (danh mục TTHC và bảng xếp hạng hai kỳ của 63 tỉnh) vào thư mục;
dùng với «tthc index --focus \"Bình Thuận\" THƯ_MỤC/*.csv».";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut out = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--out-dir" => {
                i += 1;
                out = Some(args.get(i).ok_or("--out-dir cần một giá trị")?.to_string());
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            f => return Err(format!("tùy chọn lạ: {f}\n{USAGE}")),
        }
        i += 1;
    }
    let dir = out.ok_or_else(|| format!("cần --out-dir THƯ_MỤC\n{USAGE}"))?;
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("không tạo được thư mục {}: {e}", dir.display()))?;
    for (name, bytes) in sample::files() {
        let path = dir.join(name);
        // written next to the target, then renamed: a reader never sees half a file
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, &bytes)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| format!("không ghi được {}: {e}", path.display()))?;
        eprintln!("Đã ghi {}", path.display());
    }
    Ok(())
}
