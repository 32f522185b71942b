//! What calamine does not tell of an `.xlsx`: the hidden columns of a sheet (`<col hidden="1">`
//! in the sheet XML before `<sheetData>`). The sheet's part is found as Excel finds it: its name
//! in `xl/workbook.xml`, its relationship id in `xl/_rels/workbook.xml.rels`. Anything missing
//! or odd gives no hidden column (this only marks columns; it never stops a read).

use std::io::{Cursor, Read};

/// Bytes of the sheet XML read, at most, looking for `<cols>` (it precedes `<sheetData>`).
const HEAD_BYTES: u64 = 256 * 1024;

/// The 0-based hidden columns of sheet `sheet`, ascending.
pub fn hidden_columns(bytes: &[u8], sheet: &str) -> Vec<u32> {
    try_hidden(bytes, sheet).unwrap_or_default()
}

fn try_hidden(bytes: &[u8], sheet: &str) -> Option<Vec<u32>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut read = |name: &str, limit: u64| -> Option<String> {
        let f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.take(limit).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let workbook = read("xl/workbook.xml", 4 << 20)?;
    let rels = read("xl/_rels/workbook.xml.rels", 4 << 20)?;
    let rid = elements(&workbook, "sheet")
        .find(|e| attr(e, "name").map(unescape).as_deref() == Some(sheet))
        .and_then(|e| attr(e, "r:id"))?;
    let target = elements(&rels, "Relationship")
        .find(|e| attr(e, "Id") == Some(rid))
        .and_then(|e| attr(e, "Target"))?;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let head = read(&path, HEAD_BYTES)?;
    let head = &head[..head.find("<sheetData").unwrap_or(head.len())];
    let mut hidden = Vec::new();
    for e in elements(head, "col") {
        let on = matches!(attr(e, "hidden"), Some("1" | "true"));
        let (Some(min), Some(max)) = (num(attr(e, "min")), num(attr(e, "max"))) else {
            continue;
        };
        if on && min >= 1 && max >= min && max <= 16_384 {
            hidden.extend(min - 1..max);
        }
    }
    hidden.sort_unstable();
    hidden.dedup();
    Some(hidden)
}

fn num(s: Option<&str>) -> Option<u32> {
    s?.parse().ok()
}

/// The attribute text of every `<name …>` element (namespace prefixes allowed: `<x:name`).
fn elements<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.split('<').skip(1).filter_map(move |part| {
        let end = part.find('>').unwrap_or(part.len());
        let tag = &part[..end];
        let local_start = tag
            .find(':')
            .filter(|&c| c < tag.find(' ').unwrap_or(tag.len()));
        let tag_name_start = local_start.map_or(0, |c| c + 1);
        let rest = &tag[tag_name_start..];
        let after = rest.strip_prefix(name)?;
        after
            .starts_with([' ', '/', '\t', '\n', '\r'])
            .then_some(after)
    })
}

/// The value of `key="…"` (or `'…'`) in an element's attribute text.
fn attr<'a>(e: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = e;
    while let Some(i) = rest.find(key) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + key.len()..];
        let after_trim = after.trim_start();
        if before_ok {
            if let Some(v) = after_trim.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let v = &v[1..];
                    return v.find(q).map(|j| &v[..j]);
                }
            }
        }
        rest = after;
    }
    None
}

/// XML's five entities (sheet names may hold `&`).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_elements() {
        let xml = r#"<cols><col min="2" max="3" hidden="1" width="0"/><x:col min='5' max='5' hidden='true'/><colBreaks/></cols>"#;
        let cols: Vec<&str> = elements(xml, "col").collect();
        assert_eq!(cols.len(), 2);
        assert_eq!(attr(cols[0], "min"), Some("2"));
        assert_eq!(attr(cols[0], "hidden"), Some("1"));
        assert_eq!(attr(cols[1], "hidden"), Some("true"));
        assert_eq!(
            attr(r#"<sheet name="A" sheetId="1" r:id="rId3"/>"#, "r:id"),
            Some("rId3")
        );
        assert_eq!(attr(r#" xname="no" name="yes""#, "name"), Some("yes"));
    }

    #[test]
    fn not_a_zip_hides_nothing() {
        assert!(hidden_columns(b"PK\x03\x04junk", "x").is_empty());
    }
}
