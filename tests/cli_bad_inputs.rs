//! `tthc report` on broken or hostile files (issue 9): each exits 1 with a Vietnamese reason on
//! stderr naming the file, the report still printed; a usable file exits 0; `--strict` fails on
//! one rejected row; a usage error exits 2.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

const TTHC: &str = env!("CARGO_BIN_EXE_tthc");

const HEADER: &str =
    "Mã hồ sơ,Cơ quan giải quyết,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n";

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_bad_inputs");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, bytes: &[u8]) -> String {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

fn tthc(args: &[&str]) -> Output {
    Command::new(TTHC).args(args).output().unwrap()
}

/// Runs `report` on the file, checks exit status 1 and that stderr names the file and says each
/// of `says`; returns stderr.
fn fails(name: &str, bytes: &[u8], says: &[&str]) -> String {
    let p = write(name, bytes);
    let out = tthc(&["report", &p]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(
        !out.stdout.is_empty(),
        "{name}: the report is still printed"
    );
    for s in says {
        assert!(err.contains(s), "{name}: «{s}» not in stderr:\n{err}");
    }
    assert!(err.contains(name), "{name}: the file is named:\n{err}");
    err
}

/// A zip with one text entry, stored (no compression), written by hand.
fn plain_zip() -> Vec<u8> {
    let name = b"ghi-chu.txt";
    let data = b"xin chao\n";
    let crc = crc32(data);
    let mut z = Vec::new();
    let local = |z: &mut Vec<u8>| {
        z.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0]); // flags, method, time, date
        z.extend_from_slice(&crc.to_le_bytes());
        z.extend_from_slice(&(data.len() as u32).to_le_bytes());
        z.extend_from_slice(&(data.len() as u32).to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
    };
    z.extend_from_slice(b"PK\x03\x04\x14\x00");
    local(&mut z);
    z.extend_from_slice(name);
    z.extend_from_slice(data);
    let central = z.len() as u32;
    z.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00");
    local(&mut z);
    z.extend_from_slice(&[0; 12]); // comment, disk, attributes, local header offset
    z.extend_from_slice(name);
    let size = z.len() as u32 - central;
    z.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\x00\x01\x00");
    z.extend_from_slice(&size.to_le_bytes());
    z.extend_from_slice(&central.to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// `n` bytes from a fixed seed (xorshift64).
fn random_bytes(n: usize) -> Vec<u8> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

const NOT_A_TABLE: &str = "không phải bảng dữ liệu";

#[test]
fn images_documents_and_archives_are_not_tables() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(random_bytes(3000));
    fails("anh.png", &png, &["ảnh PNG", NOT_A_TABLE]);
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    fails("bao-cao.pdf", pdf, &["tệp PDF", NOT_A_TABLE]);
    fails("nen.zip", &plain_zip(), &["tệp nén ZIP", NOT_A_TABLE]);
    fails(
        "ngau-nhien.bin",
        &random_bytes(10_000),
        &["nhị phân", NOT_A_TABLE],
    );
}

#[test]
fn an_empty_file_and_a_file_without_known_columns() {
    fails("rong.csv", b"", &["Tệp rỗng"]);
    fails(
        "cot-la.csv",
        "Họ tên,Địa chỉ,Ghi chú\nA,B,C\n".as_bytes(),
        &["Không tìm thấy dòng tiêu đề cột"],
    );
    fails(
        "thieu-cot.csv",
        "Mã hồ sơ,Cơ quan giải quyết,Ngày hẹn trả\nH1,Sở Tư pháp,10/01/2024\n".as_bytes(),
        &["Tệp thiếu cột bắt buộc", "Ngày tiếp nhận"],
    );
}

#[test]
fn no_countable_row_fails_with_the_reasons() {
    let bad_dates = format!(
        "{HEADER}H1,Sở Tư pháp,1,31/02/2024,10/03/2024,09/03/2024,10\n\
         H2,Sở Tư pháp,1,hôm qua,10/03/2024,09/03/2024,10\n"
    );
    let err = fails(
        "ngay-sai.csv",
        bad_dates.as_bytes(),
        &["không có dòng nào được tính", "Ngày không hợp lệ", "dòng 2"],
    );
    assert!(err.contains("cột «Ngày tiếp nhận»"), "{err}");
    let reversed = format!(
        "{HEADER}H1,Sở Tư pháp,1,10/03/2024,20/03/2024,09/03/2024,10\n\
         H2,Sở Tư pháp,1,10/03/2024,20/03/2024,01/01/2024,10\n"
    );
    fails(
        "nguoc.csv",
        reversed.as_bytes(),
        &[
            "không có dòng nào được tính",
            "Ngày kết thúc xử lý trước ngày tiếp nhận",
        ],
    );
}

#[test]
fn a_usable_file_exits_0_and_strict_fails_on_one_rejected_row() {
    let p = dir().join("mau.csv");
    let p = p.to_str().unwrap();
    let out = tthc(&["sample", "--out", p, "--rows", "1000"]);
    assert!(out.status.success());
    let out = tthc(&["report", p]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tthc(&["report", "--strict", p]);
    assert_eq!(out.status.code(), Some(0), "the sample has no rejected row");

    let mut text = std::fs::read(p).unwrap();
    writeln!(text, "X-1,Sở Tư pháp,1,32/13/2024,10/03/2024,09/03/2024,10").unwrap();
    let one_bad = write("mot-dong-sai.csv", &text);
    let out = tthc(&["report", &one_bad]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "without --strict a rejected row is reported only"
    );
    let out = tthc(&["report", "--strict", &one_bad]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--strict: 1 dòng bị loại"), "{err}");

    // a good file beside a bad one: the bad one still fails the run
    let png = write("kem.png", b"\x89PNG\r\n\x1a\n");
    let out = tthc(&["report", p, &png]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("ảnh PNG"));
}

#[test]
fn usage_errors_exit_2_and_a_missing_file_exits_1() {
    assert_eq!(tthc(&["report", "--khong-co"]).status.code(), Some(2));
    assert_eq!(tthc(&["report"]).status.code(), Some(2));
    let out = tthc(&["report", "--period", "1800", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let out = tthc(&["report", "/khong/co/tep.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("không mở được"));
}

#[test]
fn form06_shares_the_exit_codes() {
    let out_path = dir().join("bieu.xlsx");
    let png = write("bieu.png", b"\x89PNG\r\n\x1a\n");
    let out = tthc(&["form06", "--out", out_path.to_str().unwrap(), &png]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("ảnh PNG"));
}

#[test]
fn a_period_from_1900_does_not_panic() {
    let p = write(
        "tu-1900.csv",
        format!("{HEADER}H1,Sở Tư pháp,1,02/01/2024,10/01/2024,09/01/2024,10\n").as_bytes(),
    );
    let out = tthc(&[
        "report",
        "--json",
        "--from",
        "01/01/1900",
        "--to",
        "31/12/2024",
        &p,
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["total"]["resolved"], 1);
    let months = r["months"].as_array().unwrap();
    assert_eq!(months.len(), 125 * 12);
    assert_eq!(months[0]["month"], "1900-01");
    assert_eq!(months[months.len() - 1]["month"], "2024-12");
}

/// Cell text with terminal escape sequences (ESC, a bell, a carriage return, C1 CSI) never
/// reaches the terminal raw: the text output shows «�» for each.
#[test]
fn escape_sequences_in_cells_do_not_reach_the_terminal() {
    let csv = format!(
        "{HEADER}E1,Sở \u{1b}]0;pwned\u{7}Tư pháp,1,02/01/2024,10/01/2024,20/01/2024,10\n\
         E2,UBND xã \u{9b}31mA\rB,1,02/01/2024,10/01/2024,09/01/2024,10\n\
         E3,Sở Y tế,1,02/01/2024,10/01/2024,31/02/2024,10\u{1b}[2J\n"
    );
    let p = write("escape.csv", csv.as_bytes());
    let out = tthc(&["report", "--strict", &p]);
    let text = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    for s in [&text, &err] {
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "a control character reached the terminal:\n{s:?}"
        );
    }
    assert!(
        text.contains("Sở \u{FFFD}]0;pwned\u{FFFD}Tư pháp"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1), "--strict: E3 is rejected");
}

/// An .xlsx of the given parts, deflated, written with the zip crate.
fn book(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let root = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    for (name, bytes) in [("_rels/.rels", &root[..])].iter().chain(parts) {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn workbook_xml(sheets: usize) -> String {
    let s: String = (1..=sheets)
        .map(|i| format!(r#"<sheet name="Trang {i}" sheetId="{i}" r:id="rId{i}"/>"#))
        .collect();
    format!(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{s}</sheets></workbook>"#
    )
}

fn rels_xml(sheets: usize) -> String {
    let r: String = (1..=sheets)
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{r}</Relationships>"#
    )
}

const EMPTY_SHEET: &[u8] = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;

#[test]
fn workbooks_without_sheets_or_data_and_zip_bombs_are_refused() {
    let (wb0, r0) = (workbook_xml(0), rels_xml(0));
    fails(
        "khong-trang.xlsx",
        &book(&[
            ("xl/workbook.xml", wb0.as_bytes()),
            ("xl/_rels/workbook.xml.rels", r0.as_bytes()),
        ]),
        &["Bảng tính không có trang tính nào"],
    );
    let (wb2, r2) = (workbook_xml(2), rels_xml(2));
    fails(
        "trang-trong.xlsx",
        &book(&[
            ("xl/workbook.xml", wb2.as_bytes()),
            ("xl/_rels/workbook.xml.rels", r2.as_bytes()),
            ("xl/worksheets/sheet1.xml", EMPTY_SHEET),
            ("xl/worksheets/sheet2.xml", EMPTY_SHEET),
        ]),
        &[
            "Mọi trang tính của bảng tính đều trống",
            "«Trang 1», «Trang 2»",
        ],
    );
    // 70 MiB of shared strings packed over 1.000 times: refused before anything is unpacked.
    let mut sst =
        b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".to_vec();
    sst.resize(70 << 20, b' ');
    sst.extend_from_slice(b"</sst>");
    let (wb1, r1) = (workbook_xml(1), rels_xml(1));
    let bomb = book(&[
        ("xl/workbook.xml", wb1.as_bytes()),
        ("xl/_rels/workbook.xml.rels", r1.as_bytes()),
        ("xl/worksheets/sheet1.xml", EMPTY_SHEET),
        ("xl/sharedStrings.xml", &sst),
    ]);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    fails(
        "bom-nen.xlsx",
        &bomb,
        &[
            "Bảng tính bị từ chối",
            "xl/sharedStrings.xml",
            "giới hạn 100 lần",
        ],
    );
}

#[test]
fn years_outside_the_calendar_are_named() {
    let rows = format!(
        "{HEADER}H1,Sở Tư pháp,1,01/03/0024,10/03/2024,09/03/2024,10\n\
         H2,Sở Tư pháp,1,01/03/2224,10/03/2224,09/03/2224,10\n"
    );
    fails(
        "nam-sai.csv",
        rows.as_bytes(),
        &[
            "Năm của ngày nằm ngoài khoảng 1900–2100",
            "«01/03/0024»",
            "dòng 2",
        ],
    );
}

#[test]
fn nul_bytes_and_shifted_rows_are_rejected_with_their_column() {
    let good = "H9,Sở Tư pháp,1,01/03/2024,10/03/2024,09/03/2024,10\n";
    let nul =
        format!("{HEADER}H1,Sở\0 Tư pháp,1,01/03/2024,10/03/2024,09/03/2024,10\n\0\0\0\0\n{good}");
    let p = write("nul.csv", nul.as_bytes());
    let out = tthc(&["report", &p]);
    let err = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "the good row is counted: {err}");
    assert!(err.contains("1 được tính + 2 bị loại"), "{err}");
    assert!(
        err.contains("dòng 2, cột «Cơ quan giải quyết»") && err.contains("Ô có ký tự NUL"),
        "{err}"
    );
    assert!(err.contains("dòng 3, cột «Mã hồ sơ»"), "{err}");
    // an unquoted comma inside a name shifts the values: the row is refused, not misread
    let shifted =
        format!("{HEADER}H1,Sở Tư pháp, tỉnh A,1,01/03/2024,10/03/2024,09/03/2024,10\n{good}");
    let p = write("lech-cot.csv", shifted.as_bytes());
    let out = tthc(&["report", &p]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 được tính + 1 bị loại"), "{text}");
    assert!(
        text.contains("dòng 2, cột «(ô thứ 8, dòng tiêu đề có 7 cột)»")
            && text.contains("các giá trị có thể đã lệch cột"),
        "{text}"
    );
}

#[test]
fn a_refused_file_is_not_read_past_its_first_chunk() {
    // 64 MiB of zero bytes: refused from its first bytes; the CLI stops reading there
    let p = dir().join("khong.bin");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(64 << 20).unwrap();
    let p = p.to_str().unwrap();
    let out = tthc(&["report", "--json", p]);
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bytes = r["files"][0]["bytes"].as_u64().unwrap();
    assert!(bytes > 0 && bytes < 64 << 20, "read {bytes} bytes");
    assert!(r["files"][0]["error"]
        .as_str()
        .unwrap()
        .contains("dữ liệu nhị phân"));
}

#[test]
fn a_cell_past_excels_last_column_is_dropped_not_padded() {
    // inline strings, so no shared strings part is needed
    let cell = |r: &str, v: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#);
    let heads: Vec<&str> = HEADER.trim().split(',').collect();
    let data = [
        "H1",
        "Sở Tư pháp",
        "1",
        "01/03/2024",
        "10/03/2024",
        "09/03/2024",
        "10",
    ];
    let letters = ["A", "B", "C", "D", "E", "F", "G"];
    let row = |n: u32, values: &[&str]| -> String {
        let cells: String = letters
            .iter()
            .zip(values)
            .map(|(l, v)| cell(&format!("{l}{n}"), v))
            .collect();
        format!(r#"<row r="{n}">{cells}</row>"#)
    };
    // «ZZZZZZ» is column 321.272.406: padding the row to it held millions of empty cells (OOM)
    let far = cell("ZZZZZZ2", "x");
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}<row r="2">{}{far}</row></sheetData></worksheet>"#,
        row(1, &heads),
        row(2, &data)
            .trim_start_matches(r#"<row r="2">"#)
            .trim_end_matches("</row>")
    );
    let (wb, rels) = (workbook_xml(1), rels_xml(1));
    let p = write(
        "cot-xa.xlsx",
        &book(&[
            ("xl/workbook.xml", wb.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ]),
    );
    let out = tthc(&["report", &p]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("1 được tính"), "{text}");
}
