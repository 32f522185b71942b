//! The procedure catalogue (danh mục TTHC) as CSV: code, name, level, published on the national
//! TTHC database (and dates), online service level (một phần / toàn trình), integrated on the
//! national portal, has fees. Headers are recognised like dossier headers (folded: diacritics,
//! case, snake_case and CamelCase do not matter).

use super::problem::{IndexProblem, Problems};
use crate::basics::problem::Code;
use crate::basics::text::{fold, has_words};
use crate::table::cells::{is_total_row, parse_yes_no, Unreadable, YesNo};
use crate::table::sheet::{cell, col, is_blank, match_columns, Table};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The columns of a procedure catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogField {
    Code,
    Name,
    Level,
    /// Published on the national TTHC database (yes/no).
    Published,
    /// The publication date (a date means published).
    PublishedDate,
    /// The online service level.
    Online,
    Integrated,
    Fees,
    /// The row number column (recognised so that it is not taken for another field).
    Stt,
}

/// Header aliases of a catalogue (folded).
pub const FIELDS: [(CatalogField, &[&str]); 9] = [
    (
        CatalogField::Code,
        &[
            "ma tthc",
            "ma thu tuc",
            "ma thu tuc hanh chinh",
            "ma so tthc",
            "ma so",
            "ma",
            "ma tt",
            "code",
            "procedure code",
            "formality code",
        ],
    ),
    (
        CatalogField::Name,
        &[
            "ten tthc",
            "ten thu tuc hanh chinh",
            "ten thu tuc",
            "thu tuc hanh chinh",
            "thu tuc",
            "ten",
            "name",
            "procedure name",
            "formality name",
        ],
    ),
    (
        CatalogField::Level,
        &[
            "cap thuc hien",
            "cap giai quyet",
            "cap ap dung",
            "cap",
            "level",
            "cap tthc",
        ],
    ),
    (
        CatalogField::Published,
        &[
            "cong khai tren csdl quoc gia",
            "cong khai tren csdlqg",
            "cong khai csdlqg",
            "da cong khai",
            "cong khai",
            "da cong bo",
            "cong bo",
            "cong bo cong khai",
            "csdl quoc gia",
            "csdlqg",
            "published",
        ],
    ),
    (
        CatalogField::PublishedDate,
        &[
            "ngay cong khai",
            "ngay cong bo",
            "ngay quyet dinh cong bo",
            "ngay quyet dinh",
            "ngay ban hanh",
            "published date",
            "publish date",
        ],
    ),
    (
        CatalogField::Online,
        &[
            "muc do dvctt",
            "muc do dich vu cong truc tuyen",
            "muc do dvc",
            "muc do dich vu cong",
            "muc do",
            "dich vu cong truc tuyen",
            "dvctt",
            "dvc truc tuyen",
            "hinh thuc dvctt",
            "online level",
            "online service",
            "muc do cung cap",
        ],
    ),
    (
        CatalogField::Integrated,
        &[
            "tich hop cong dvcqg",
            "tich hop tren cong dvcqg",
            "tich hop dvcqg",
            "tich hop cong dich vu cong quoc gia",
            "tich hop",
            "da tich hop",
            "cong dvcqg",
            "integrated",
        ],
    ),
    (
        CatalogField::Fees,
        &[
            "co phi le phi",
            "phi le phi",
            "co phi",
            "thu phi",
            "le phi",
            "phi",
            "nghia vu tai chinh",
            "has fees",
            "fees",
            "fee",
        ],
    ),
    (CatalogField::Stt, &["stt", "tt", "so thu tu"]),
];

/// Columns only a catalogue has; a header needs one of them and a code or name.
const SPECIFIC: [CatalogField; 5] = [
    CatalogField::Published,
    CatalogField::PublishedDate,
    CatalogField::Online,
    CatalogField::Integrated,
    CatalogField::Fees,
];

/// A column map of a catalogue.
pub type CatalogColumns = Vec<(CatalogField, usize)>;

/// Whether a row is a catalogue header: its column map when it is.
pub fn header(row: &[String]) -> Option<CatalogColumns> {
    let map = match_columns(row, &FIELDS, &[]);
    let id = col(&map, CatalogField::Code).is_some() || col(&map, CatalogField::Name).is_some();
    let specific = SPECIFIC.iter().filter(|&&k| col(&map, k).is_some()).count();
    (id && specific >= 1).then_some(map)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Online {
    None,
    Partial,
    Full,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub code: String,
    pub level: Option<String>,
    pub published: Option<bool>,
    pub online: Option<Online>,
    pub integrated: Option<bool>,
    pub fees: Option<bool>,
}

/// The catalogues loaded so far (several files merge; a code counts once).
#[derive(Default)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    index: std::collections::HashMap<String, usize>,
    pub duplicates: u64,
    pub has_published: bool,
    pub has_online: bool,
    pub has_integrated: bool,
    pub has_fees: bool,
}

/// «Toàn trình», «Một phần», «Mức 4», «4», «Không», «Cung cấp thông tin»…
pub fn parse_online(s: &str) -> Result<Online, Unreadable> {
    let f = fold(s);
    if f.is_empty() {
        return Ok(Online::None);
    }
    let any = |ks: &[&str]| ks.iter().any(|k| has_words(&f, k));
    if any(&["toan trinh", "muc 4", "muc do 4", "full"]) || f == "4" {
        Ok(Online::Full)
    } else if any(&["mot phan", "muc 3", "muc do 3", "partial"]) || f == "3" {
        Ok(Online::Partial)
    } else if any(&[
        "khong",
        "chua",
        "cung cap thong tin",
        "thong tin",
        "muc 1",
        "muc 2",
        "muc do 2",
        "none",
        "dvc",
    ]) || f == "1"
        || f == "2"
        || f == "0"
        || f == "-"
    {
        Ok(Online::None)
    } else {
        Err(Unreadable)
    }
}

/// A yes/no column of the catalogue ([`parse_yes_no`]): `None` for a blank cell; a hedge
/// («Có lẽ») is read as marked, as the catalogue always has.
pub fn parse_marked(s: &str) -> Result<Option<bool>, Unreadable> {
    Ok(match parse_yes_no(s)? {
        YesNo::Yes | YesNo::Hedged => Some(true),
        YesNo::No => Some(false),
        YesNo::Blank => None,
    })
}

/// A fee cell: yes/no, or an amount («50.000 đồng» → yes, «0», «Miễn phí» → no).
pub fn parse_fees(s: &str) -> Result<Option<bool>, Unreadable> {
    let f = fold(s);
    if f.is_empty() {
        return Ok(None);
    }
    if has_words(&f, "mien phi") || has_words(&f, "khong thu") || has_words(&f, "khong co") {
        return Ok(Some(false));
    }
    if let Ok(v) = parse_marked(s) {
        return Ok(v);
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return Ok(Some(digits.chars().any(|c| c != '0')));
    }
    if has_words(&f, "phi") || has_words(&f, "le phi") || has_words(&f, "dong") {
        return Ok(Some(true));
    }
    Err(Unreadable)
}

impl Catalog {
    /// Loads a catalogue table whose header is at `header_row` (0-based). Returns the number of
    /// procedures read from this file.
    pub fn load(
        &mut self,
        file: &str,
        t: &Table,
        header_row: usize,
        map: &[(CatalogField, usize)],
        problems: &mut Problems,
    ) -> u64 {
        let has = |f| col(map, f).is_some();
        self.has_published |= has(CatalogField::Published) || has(CatalogField::PublishedDate);
        self.has_online |= has(CatalogField::Online);
        self.has_integrated |= has(CatalogField::Integrated);
        self.has_fees |= has(CatalogField::Fees);
        let rows = CatalogRows {
            file,
            headers: &t.rows[header_row],
            map,
        };
        let mut n = 0;
        for (i, row) in t.rows.iter().enumerate().skip(header_row + 1) {
            if let Some(e) = rows.entry(row, i as u64 + 1, problems) {
                self.add(e);
                n += 1;
            }
        }
        n
    }

    /// Adds a procedure; one already listed counts once (a flag set anywhere holds, the higher
    /// online level).
    fn add(&mut self, e: Entry) {
        match self.index.get(&e.key) {
            Some(&j) => {
                self.duplicates += 1;
                let o = &mut self.entries[j];
                o.published = or(o.published, e.published);
                o.integrated = or(o.integrated, e.integrated);
                o.fees = or(o.fees, e.fees);
                o.online = match (o.online, e.online) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                if o.level.is_none() {
                    o.level = e.level;
                }
            }
            None => {
                self.index.insert(e.key.clone(), self.entries.len());
                self.entries.push(e);
            }
        }
    }

    pub fn summary(&self) -> CatalogSummary {
        let count =
            |f: &dyn Fn(&Entry) -> bool| self.entries.iter().filter(|e| f(e)).count() as u64;
        let procedures = self.entries.len() as u64;
        let published = self
            .has_published
            .then(|| count(&|e| e.published == Some(true)));
        let online_partial = count(&|e| e.online == Some(Online::Partial));
        let online_full = count(&|e| e.online == Some(Online::Full));
        let online_services = self.has_online.then_some(online_partial + online_full);
        let integrated = self.has_integrated.then(|| {
            count(&|e| {
                e.integrated == Some(true)
                    && (!self.has_online || e.online.is_some_and(|o| o != Online::None))
            })
        });
        let integrated_all = self
            .has_integrated
            .then(|| count(&|e| e.integrated == Some(true)));
        let with_fees = self.has_fees.then(|| count(&|e| e.fees == Some(true)));
        let pct = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (Some(a), Some(b)) if b > 0 => Some(a as f64 * 100.0 / b as f64),
            _ => None,
        };
        let mut by_level: Vec<LevelCount> = Vec::new();
        for e in &self.entries {
            let l = e.level.clone().unwrap_or_else(|| "không rõ".into());
            let i = match by_level.iter().position(|x| x.level == l) {
                Some(i) => i,
                None => {
                    by_level.push(LevelCount {
                        level: l,
                        procedures: 0,
                        online_services: 0,
                    });
                    by_level.len() - 1
                }
            };
            by_level[i].procedures += 1;
            by_level[i].online_services += u64::from(e.online.is_some_and(|o| o != Online::None));
        }
        let mut s = CatalogSummary {
            procedures,
            published,
            published_rate: pct(published, Some(procedures)),
            online_services,
            online_partial: self.has_online.then_some(online_partial),
            online_full: self.has_online.then_some(online_full),
            online_rate: pct(online_services, Some(procedures)),
            integrated,
            integrated_rate: if self.has_online {
                pct(integrated, online_services)
            } else {
                pct(integrated_all, Some(procedures))
            },
            with_fees,
            by_level,
            duplicates: self.duplicates,
            text: String::new(),
        };
        s.text = s.sentence();
        s
    }
}

/// The rows of one catalogue file being read.
struct CatalogRows<'a> {
    file: &'a str,
    headers: &'a [String],
    map: &'a [(CatalogField, usize)],
}

impl CatalogRows<'_> {
    /// One procedure, or `None` for a blank or total row and a row without code or name. A cell
    /// that cannot be read is a `bad_value` problem and stays unknown.
    fn entry(&self, row: &[String], rn: u64, problems: &mut Problems) -> Option<Entry> {
        let c = |f| col(self.map, f);
        let code = cell(row, c(CatalogField::Code));
        let name = cell(row, c(CatalogField::Name));
        if is_blank(row) || (code.is_empty() && name.is_empty()) || is_total_row(row) {
            return None;
        }
        let published = match c(CatalogField::Published) {
            Some(_) => self.flag(row, rn, CatalogField::Published, parse_marked, problems),
            None => c(CatalogField::PublishedDate)
                .map(|_| !cell(row, c(CatalogField::PublishedDate)).is_empty()),
        };
        let online = c(CatalogField::Online).and_then(|oc| {
            let v = cell(row, Some(oc));
            parse_online(v)
                .map_err(|_| problems.push(self.bad_value(CatalogField::Online, v, rn)))
                .ok()
        });
        let integrated = self.flag(row, rn, CatalogField::Integrated, parse_marked, problems);
        let fees = self.flag(row, rn, CatalogField::Fees, parse_fees, problems);
        Some(Entry {
            key: if code.is_empty() {
                format!("ten:{}", fold(name))
            } else {
                fold(code)
            },
            code: code.to_string(),
            level: c_level_value(row, c(CatalogField::Level)),
            published,
            online,
            integrated,
            fees,
        })
    }

    /// A yes/no column (`None` without the column or for an unreadable cell; an empty cell is
    /// «no»).
    fn flag(
        &self,
        row: &[String],
        rn: u64,
        f: CatalogField,
        parse: fn(&str) -> Result<Option<bool>, Unreadable>,
        problems: &mut Problems,
    ) -> Option<bool> {
        let c = col(self.map, f)?;
        let v = cell(row, Some(c));
        match parse(v) {
            Ok(x) => x.or(Some(false)),
            Err(Unreadable) => {
                problems.push(self.bad_value(f, v, rn));
                None
            }
        }
    }

    fn bad_value(&self, f: CatalogField, v: &str, rn: u64) -> IndexProblem {
        let what = match f {
            CatalogField::Online => "cần Toàn trình / Một phần / Không",
            CatalogField::Fees => "cần Có/Không hoặc mức phí",
            _ => "cần Có/Không",
        };
        let header = col(self.map, f)
            .and_then(|c| self.headers.get(c))
            .cloned()
            .unwrap_or_default();
        IndexProblem::at(
            self.file,
            Some(rn),
            &header,
            v,
            Code::BadValue,
            format!("Không hiểu giá trị «{v}» ({what}); bỏ qua ô này"),
        )
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x || y),
        (x, y) => x.or(y),
    }
}

fn c_level_value(row: &[String], c: Option<usize>) -> Option<String> {
    let v = cell(row, c);
    if v.is_empty() {
        return None;
    }
    let f = fold(v);
    let any = |ks: &[&str]| ks.iter().any(|k| has_words(&f, k));
    Some(
        if any(&["tinh", "so", "province"]) || f == "1" {
            "Cấp tỉnh"
        } else if any(&["huyen", "district"]) || f == "2" {
            "Cấp huyện"
        } else if any(&["xa", "commune"]) || f == "3" {
            "Cấp xã"
        } else {
            return Some(v.to_string());
        }
        .to_string(),
    )
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct LevelCount {
    pub level: String,
    pub procedures: u64,
    pub online_services: u64,
}

/// What the catalogue yields. `None` where the file had no such column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogSummary {
    /// Distinct procedures (by code).
    pub procedures: u64,
    /// Published on the national TTHC database.
    pub published: Option<u64>,
    pub published_rate: Option<f64>,
    /// Procedures with an online service (một phần or toàn trình).
    pub online_services: Option<u64>,
    pub online_partial: Option<u64>,
    pub online_full: Option<u64>,
    pub online_rate: Option<f64>,
    /// Online services integrated on the national portal.
    pub integrated: Option<u64>,
    /// integrated / online_services (percent).
    pub integrated_rate: Option<f64>,
    pub with_fees: Option<u64>,
    pub by_level: Vec<LevelCount>,
    /// Rows whose code was already seen (counted once).
    pub duplicates: u64,
    /// «1.994/1.994 TTHC công khai trên CSDL quốc gia (100%); 881 dịch vụ công trực tuyến…».
    pub text: String,
}

/// A whole percent as in report text; a rate short of 100 never shows as 100%.
fn whole_pct(x: f64) -> String {
    let r = x.round();
    let r = if r >= 100.0 && x < 100.0 { 99.0 } else { r };
    format!("{}%", r as i64)
}

impl CatalogSummary {
    fn sentence(&self) -> String {
        use crate::basics::format::int;
        let mut parts = Vec::new();
        if let Some(p) = self.published {
            parts.push(format!(
                "{}/{} TTHC công khai trên CSDL quốc gia về TTHC ({})",
                int(p),
                int(self.procedures),
                self.published_rate.map_or("–".into(), whole_pct)
            ));
        } else {
            parts.push(format!("{} TTHC trong danh mục", int(self.procedures)));
        }
        if let Some(o) = self.online_services {
            let mut s = format!(
                "{} dịch vụ công trực tuyến (toàn trình {}, một phần {})",
                int(o),
                int(self.online_full.unwrap_or(0)),
                int(self.online_partial.unwrap_or(0))
            );
            if let Some(i) = self.integrated {
                s += &format!(
                    ", trong đó {} tích hợp trên Cổng DVCQG ({})",
                    int(i),
                    self.integrated_rate.map_or("–".into(), whole_pct)
                );
            }
            parts.push(s);
        } else if let Some(i) = self.integrated {
            parts.push(format!("{} TTHC tích hợp trên Cổng DVCQG", int(i)));
        }
        if let Some(f) = self.with_fees {
            parts.push(format!("{} TTHC có phí, lệ phí", int(f)));
        }
        parts.join("; ") + "."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_levels_and_fees() {
        assert_eq!(parse_online("DVCTT toàn trình"), Ok(Online::Full));
        assert_eq!(parse_online("Một phần"), Ok(Online::Partial));
        assert_eq!(parse_online("Mức 4"), Ok(Online::Full));
        assert_eq!(parse_online("3"), Ok(Online::Partial));
        assert_eq!(parse_online("Cung cấp thông tin"), Ok(Online::None));
        assert_eq!(parse_online(""), Ok(Online::None));
        assert!(parse_online("???x").is_err());
        assert_eq!(parse_fees("50.000 đồng"), Ok(Some(true)));
        assert_eq!(parse_fees("Miễn phí"), Ok(Some(false)));
        assert_eq!(parse_fees("0"), Ok(Some(false)));
        assert_eq!(parse_fees("Có"), Ok(Some(true)));
        assert_eq!(whole_pct(80.136), "80%");
        assert_eq!(whole_pct(99.7), "99%");
        assert_eq!(whole_pct(100.0), "100%");
    }
}
