//! A table of text rows (the sample export, as [`crate::table::reader::read_all`] reads it)
//! written in the other text formats officials receive, for the tests and the benchmark:
//!
//! - [`html_xls`]: an HTML table saved as `.xls`, as a one-stop system exports a report (the
//!   Excel-HTML template: `x:ExcelWorkbook`, `mso-number-format`, UTF-8 declared by `<meta>`);
//!   title rows and the total row span the columns (`colspan`), a blank row is `&nbsp;`.
//! - [`dongbo_json`]: the national portal's sync payload `{"service":"DongBoHoSoMC",…,"data":[…]}`
//!   on one line, every value a string as OpenCPS sends it (codes `"10"`, dates
//!   `yyyyMMddHHmmss`, empty dates `""`), `HinhThuc` (the return form) beside `KenhThucHien`,
//!   digitisation in `HoSoCoThanhPhanSoHoa` (`"1"` / `"0"`) and `TaiLieuNop: []`.
//! - [`json_array`]: a plain array, pretty-printed, codes as numbers, `null` for empty values,
//!   digitisation only in the submitted documents (`TaiLieuNop: [{…, "DuocSoHoa": 1}]`).
//! - [`json_lines`]: JSON Lines, non-ASCII escaped (`\u1ea1`), empty values left out, flags as
//!   booleans, digitisation in both `HoSoCoThanhPhanSoHoa` and `TaiLieuNop`.
//!
//! Columns are told by the dossier header matcher and named with the portal's sync names
//! (domain.md §3.1): status text → `TrangThaiHoSo` 1–10, channel → `KenhThucHien` 1–3,
//! «Có»/«Không» → 1/0 (`DuocThanhToanTrucTuyen` 1 or 2 in turn for «Có»: both mean paid online).
//! «Chủ hồ sơ» → `ChuHoSo`, the rating → `DanhGia`, «STT» is left out, other columns keep their
//! header. Only data rows become objects (title, blank and total rows are not dossiers). Dates
//! keep the minute (the sample has no seconds).

use crate::basics::text::fold;
use crate::basics::time::{civil_from_days, day_of, MINUTES_PER_DAY};
use crate::dossier::fields::{is_header, recognise, Field};
use crate::dossier::values::{parse_bool, parse_channel, parse_status};
use crate::table::cells::{is_blank_row, is_total_row, parse_date};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

/// The header row: the first row the dossier matcher takes for one.
fn header_row(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter().position(|r| is_header(&recognise(r)))
}

/// Writes `rows` as an Excel-HTML `.xls` (see the module docs).
pub fn html_xls(rows: &[Vec<String>]) -> Vec<u8> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let header = header_row(rows);
    let mut s = String::with_capacity(rows.len() * 400 + 2048);
    s.push_str(concat!(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" ",
        "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" ",
        "xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n<head>\r\n",
        "<meta http-equiv=\"Content-Type\" content=\"application/vnd.ms-excel; charset=utf-8\">\r\n",
        "<meta name=ProgId content=Excel.Sheet>\r\n",
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>",
        "<x:Name>Danh sách hồ sơ</x:Name><x:WorksheetOptions><x:DisplayGridlines/>",
        "</x:WorksheetOptions></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml>",
        "<![endif]-->\r\n<style>\r\ntd, th { border: .5pt solid windowtext; ",
        "mso-number-format:\"\\@\"; }\r\n.so { mso-number-format:\"\\#\\,\\#\\#0\"; }\r\n",
        "</style>\r\n<title>Danh sách hồ sơ</title>\r\n</head>\r\n<body>\r\n",
        "<table border=\"1\" cellspacing=\"0\">\r\n",
    ));
    for (i, row) in rows.iter().enumerate() {
        let is_data = header.is_some_and(|h| i > h) && !is_total_row(row);
        if is_blank_row(row) {
            s.push_str(&format!("<tr><td colspan=\"{width}\">&nbsp;</td></tr>\r\n"));
            continue;
        }
        s.push_str("<tr>");
        let tag = if Some(i) == header { "th" } else { "td" };
        let last = row.iter().rposition(|c| !c.trim().is_empty()).unwrap_or(0);
        for (c, cell) in row.iter().enumerate() {
            if !is_data && c > last {
                break;
            }
            s.push('<');
            s.push_str(tag);
            if !is_data && c == last && width > c + 1 {
                s.push_str(&format!(" colspan=\"{}\"", width - c));
                if Some(i) < header {
                    s.push_str(" style=\"font-weight:bold;text-align:center\"");
                }
            } else if is_data && c == 0 && cell.bytes().all(|b| b.is_ascii_digit()) {
                s.push_str(&format!(" class=\"so\" x:num=\"{cell}\""));
            }
            s.push('>');
            escape_html(cell, &mut s);
            s.push_str("</");
            s.push_str(tag);
            s.push('>');
        }
        s.push_str("</tr>\r\n");
    }
    s.push_str("</table>\r\n</body>\r\n</html>\r\n");
    s.into_bytes()
}

fn escape_html(text: &str, out: &mut String) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for ch in line.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(ch),
            }
        }
    }
}

/// A JSON value as the writers need it (text borrowed from the rows where it can be).
enum J<'a> {
    Str(Cow<'a, str>),
    Num(i64),
    Bool(bool),
    Null,
    Arr(Vec<J<'a>>),
    Obj(Vec<(&'a str, J<'a>)>),
}

/// How a writer spells the values.
#[derive(Clone, Copy)]
struct Style {
    /// Codes and flags as JSON numbers (else strings, as OpenCPS).
    numbers: bool,
    /// Flags as `true` / `false`.
    booleans: bool,
    /// Empty values: `Some(null)`, `Some("")` or left out (`None`).
    empty: Option<fn() -> J<'static>>,
    /// Digitisation in `HoSoCoThanhPhanSoHoa`.
    flag: bool,
    /// Digitisation in the submitted documents.
    documents: bool,
    /// Indentation (pretty-printing), or one line.
    pretty: bool,
    /// Non-ASCII written as `\uXXXX`.
    ascii: bool,
}

/// The sync name of a dossier field (`None`: digitisation, written apart).
fn sync_name(f: Field) -> Option<&'static str> {
    Some(match f {
        Field::Id => "MaHoSo",
        Field::ProcedureCode => "MaTTHC",
        Field::ProcedureName => "TenTTHC",
        Field::FieldCode => "MaLinhVuc",
        Field::FieldName => "TenLinhVuc",
        Field::Unit => "DonViXuLy",
        Field::Level => "CapThucHien",
        Field::Channel => "KenhThucHien",
        Field::Received => "NgayTiepNhan",
        Field::Due => "NgayHenTra",
        Field::Finished => "NgayKetThucXuLy",
        Field::Returned => "NgayTra",
        Field::Status => "TrangThaiHoSo",
        Field::PaidOnline => "DuocThanhToanTrucTuyen",
        Field::Rating => "DanhGia",
        Field::Digitized => return None,
    })
}

/// What a column of the list becomes in an object.
enum Col {
    Skip,
    Digitized,
    Key(String, Option<Field>),
}

fn columns(header: &[String]) -> Vec<Col> {
    let map = recognise(header);
    (0..header.len())
        .map(|c| {
            let field = Field::ALL
                .iter()
                .copied()
                .find(|&f| map[f as usize] == Some(c));
            match (field, field.and_then(sync_name)) {
                (Some(Field::Digitized), _) => Col::Digitized,
                (Some(f), Some(name)) => Col::Key(name.into(), Some(f)),
                _ => match fold(&header[c]).as_str() {
                    "stt" | "" => Col::Skip,
                    "chu ho so" => Col::Key("ChuHoSo".into(), None),
                    _ => Col::Key(header[c].clone(), None),
                },
            }
        })
        .collect()
}

/// Codes of categorical cells, parsed once per distinct text.
#[derive(Default)]
struct Codes(HashMap<(u8, String), Option<i64>>);

impl Codes {
    fn get(&mut self, f: Field, cell: &str) -> Option<i64> {
        let key = (f as u8, cell.to_string());
        if let Some(&v) = self.0.get(&key) {
            return v;
        }
        let v = match f {
            Field::Status => parse_status(cell).ok().map(|s| s as i64),
            Field::Channel => parse_channel(cell).ok().map(|c| c as i64),
            _ => parse_bool(cell).ok().map(i64::from),
        };
        self.0.insert(key, v);
        v
    }
}

/// Calls `each` with the dossiers of `rows` as JSON objects in `style`. Over 80 lines long
/// because it is the one mapping of a list row to the portal's names, value by value.
fn objects<'a>(rows: &'a [Vec<String>], style: Style, each: &mut dyn FnMut(J<'_>)) {
    let Some(h) = header_row(rows) else {
        return;
    };
    let cols = columns(&rows[h]);
    let mut codes = Codes::default();
    let code = |n: i64| {
        if style.numbers {
            J::Num(n)
        } else {
            J::Str(Cow::Owned(n.to_string()))
        }
    };
    let flag = |b: bool| {
        if style.booleans {
            J::Bool(b)
        } else {
            code(i64::from(b))
        }
    };
    for (n, row) in rows[h + 1..].iter().enumerate() {
        if is_blank_row(row) || is_total_row(row) {
            continue;
        }
        let mut obj: Vec<(&str, J)> = Vec::with_capacity(cols.len() + 4);
        let mut digitized = false;
        let mut id = "";
        for (cell, col) in row.iter().zip(&cols) {
            let cell = cell.trim();
            let (key, field) = match col {
                Col::Skip => continue,
                Col::Digitized => {
                    digitized = codes.get(Field::Digitized, cell) == Some(1);
                    continue;
                }
                Col::Key(k, f) => (k.as_str(), *f),
            };
            if cell.is_empty() {
                if let Some(empty) = style.empty {
                    obj.push((key, empty()));
                }
                continue;
            }
            let text = || J::Str(Cow::Borrowed(cell));
            let value = match field {
                Some(Field::Received | Field::Due | Field::Finished | Field::Returned) => {
                    J::Str(Cow::Owned(dvcqg_date(cell)))
                }
                Some(f @ (Field::Status | Field::Channel)) => {
                    codes.get(f, cell).map_or_else(text, code)
                }
                Some(Field::PaidOnline) => match codes.get(Field::PaidOnline, cell) {
                    Some(1) => code(1 + (n % 2) as i64),
                    Some(_) => code(0),
                    None => text(),
                },
                Some(Field::Id) => {
                    id = cell;
                    text()
                }
                _ => text(),
            };
            obj.push((key, value));
        }
        if !style.numbers && !style.booleans {
            obj.push(("LoaiDoiTuong", J::Str("1".into())));
            obj.push(("HinhThuc", J::Str("0".into())));
        }
        if style.flag {
            obj.push(("HoSoCoThanhPhanSoHoa", flag(digitized)));
        }
        let docs = if style.documents && (digitized || n % 3 != 0) {
            let doc = |k: u8, name: &'static str, d: bool| {
                J::Obj(vec![
                    ("TepDinhKemId", J::Str(Cow::Owned(format!("{id}-{k}")))),
                    ("TenTepDinhKem", J::Str(Cow::Borrowed(name))),
                    ("DuocSoHoa", flag(d)),
                ])
            };
            vec![
                doc(1, "Đơn đề nghị.pdf", false),
                doc(2, "Giấy tờ kèm theo.pdf", digitized),
            ]
        } else {
            Vec::new()
        };
        obj.push(("TaiLieuNop", J::Arr(docs)));
        each(J::Obj(obj));
    }
}

/// A date cell as the sync writes it: `yyyyMMddHHmmss`; a cell that is not a date stays as is.
fn dvcqg_date(cell: &str) -> String {
    let Ok(m) = parse_date(cell.as_bytes()) else {
        return cell.to_string();
    };
    let day = day_of(m);
    let (y, mo, d) = civil_from_days(day);
    let mins = m - day * MINUTES_PER_DAY;
    let mut s = String::with_capacity(14);
    let _ = write!(s, "{y:04}{mo:02}{d:02}{:02}{:02}00", mins / 60, mins % 60);
    s
}

fn write_json(j: &J, style: Style, indent: usize, out: &mut String) {
    let newline = |out: &mut String, level: usize| {
        if style.pretty {
            out.push('\n');
            for _ in 0..level {
                out.push_str("  ");
            }
        }
    };
    match j {
        J::Str(s) => string(s, style.ascii, out),
        J::Num(n) => {
            let _ = write!(out, "{n}");
        }
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Null => out.push_str("null"),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Arr(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                write_json(x, style, indent + 1, out);
            }
            newline(out, indent);
            out.push(']');
        }
        J::Obj(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                string(k, style.ascii, out);
                out.push_str(if style.pretty { ": " } else { ":" });
                write_json(v, style, indent + 1, out);
            }
            newline(out, indent);
            out.push('}');
        }
    }
}

fn string(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (ascii && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The national portal's sync payload (see the module docs).
pub fn dongbo_json(rows: &[Vec<String>]) -> Vec<u8> {
    let style = Style {
        numbers: false,
        booleans: false,
        empty: Some(|| J::Str(Cow::Borrowed(""))),
        flag: true,
        documents: false,
        pretty: false,
        ascii: false,
    };
    let mut s = String::from(r#"{"service":"DongBoHoSoMC","isUpdating":false,"data":["#);
    let mut first = true;
    objects(rows, style, &mut |o| {
        if !std::mem::take(&mut first) {
            s.push(',');
        }
        write_json(&o, style, 0, &mut s);
    });
    s.push_str("]}\n");
    s.into_bytes()
}

/// A plain array of dossier objects, pretty-printed (see the module docs).
pub fn json_array(rows: &[Vec<String>]) -> Vec<u8> {
    let style = Style {
        numbers: true,
        booleans: false,
        empty: Some(|| J::Null),
        flag: false,
        documents: true,
        pretty: true,
        ascii: false,
    };
    let mut s = String::from("[");
    let mut first = true;
    objects(rows, style, &mut |o| {
        if !std::mem::take(&mut first) {
            s.push(',');
        }
        s.push_str("\n  ");
        write_json(&o, style, 1, &mut s);
    });
    s.push_str("\n]\n");
    s.into_bytes()
}

/// JSON Lines, one dossier per line (see the module docs).
pub fn json_lines(rows: &[Vec<String>]) -> Vec<u8> {
    let style = Style {
        numbers: true,
        booleans: true,
        empty: None,
        flag: true,
        documents: true,
        pretty: false,
        ascii: true,
    };
    let mut s = String::new();
    objects(rows, style, &mut |o| {
        write_json(&o, style, 0, &mut s);
        s.push_str("\r\n");
    });
    s.into_bytes()
}
