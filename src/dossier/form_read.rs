//! Form 06 in: an aggregated form 06 or II.06a (xlsx, CSV or any table the readers know, with
//! numbers written «1.234» or as Excel numbers) read into per-row [`Counts`] tagged with their
//! level and their field (06) or unit (II.06a) name, which `build` adds into the Report like
//! dossiers' outcomes (`Counts` is a monoid).
//!
//! The Analyzer hands this reader a file once a row looks like the form's first header row
//! ([`recognise`]: a name column «Lĩnh vực, công việc giải quyết theo cấp» or «Đơn vị», then the
//! groups «Số hồ sơ nhận giải quyết» / «Tiếp nhận», «… đã giải quyết», «… đang giải quyết» /
//! «Hồ sơ đang xử lý», each four, four and three columns wide). Then, row by row
//! ([`FormReader::row`]):
//! - more header rows (texts where the numbers go, «Tổng số», «Trực tuyến»…) and the columns'
//!   numbers «(1)»–«(13)» are header rows;
//! - a group heading «Sở ban ngành» / «Huyện, thị xã, thành phố» / «Xã, phường, thị trấn» (or
//!   «Cấp tỉnh» / «Cấp huyện» / «Cấp xã») sets the level of the rows below; numbers on it are the
//!   group's subtotal, checked against the sum of its rows (so is a «Cộng…» row);
//! - a total row («Tổng cộng», «Tổng số»…) is checked against the sum of every row;
//! - any other row with a name is a data row: its 11 numbers (blank = 0) must be whole and not
//!   negative, and 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13 must hold, else the row is
//!   rejected with its problems; a unit of II.06a outside a group takes the level its name says;
//! - rows without a name or numbers (notes under the table) are title rows.
//!
//! Subtotals and totals are checked, never added: the figures are the data rows'. A mismatch is a
//! problem at the subtotal's or total's row. The period is read from the title block («Từ ngày
//! dd/mm/yyyy đến ngày dd/mm/yyyy», [`period_in`]).

use crate::basics::problem::Code;
use crate::basics::text::fold;
use crate::basics::time::{day_of, DayRange};
use crate::dossier::aggregate::Counts;
use crate::dossier::form::{counts_of, mismatches, Variant};
use crate::dossier::model::Level;
use crate::dossier::values::level_of_unit;
use crate::table::cells::{is_total_row, parse_date, parse_number};

/// Where a form's columns are, from its first header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormHeader {
    pub variant: Variant,
    /// The name column (field or unit).
    pub name: usize,
    /// The columns of the 11 figures (the form's columns 3–13).
    pub cols: [usize; 11],
}

/// The form's header, when `cells` is its first header row.
pub fn recognise(cells: &[String]) -> Option<FormHeader> {
    let keys: Vec<String> = cells.iter().map(|c| fold(c)).collect();
    let find = |from: usize, ok: &dyn Fn(&str) -> bool| (from..keys.len()).find(|&i| ok(&keys[i]));
    let (name, variant) = keys.iter().enumerate().take(3).find_map(|(i, k)| {
        if k.contains("linh vuc") {
            Some((i, Variant::Form06))
        } else if k == "don vi" || k == "ten don vi" || k == "co quan don vi" {
            Some((i, Variant::Ii06a))
        } else {
            None
        }
    })?;
    let rec = find(name + 1, &|k| {
        k.contains("ho so nhan giai quyet") || k == "tiep nhan" || k.contains("ho so tiep nhan")
    })?;
    let res = find(rec + 4, &|k| {
        k.contains("ho so da giai quyet") || k.contains("ho so da xu ly")
    })?;
    let pen = find(res + 4, &|k| {
        k.contains("ho so dang giai quyet") || k.contains("ho so dang xu ly")
    })?;
    let mut cols = [0; 11];
    for (i, c) in (rec..rec + 4)
        .chain(res..res + 4)
        .chain(pen..pen + 3)
        .enumerate()
    {
        cols[i] = c;
    }
    Some(FormHeader {
        variant,
        name,
        cols,
    })
}

/// The level of a group heading.
fn heading(name: &str) -> Option<Level> {
    let k = fold(name);
    let k = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let has = |p: &[&str]| p.iter().any(|p| k.contains(p));
    if has(&["so ban nganh", "so nganh"]) || k == "cap tinh" {
        Some(Level::Province)
    } else if has(&["huyen thi xa thanh pho", "huyen thi xa"]) || k == "cap huyen" {
        Some(Level::District)
    } else if has(&["xa phuong thi tran"]) || k == "cap xa" {
        Some(Level::Commune)
    } else {
        None
    }
}

/// The reporting period a title row states: «… (Từ ngày 01/01/2024 đến ngày 31/12/2024)».
pub fn period_in(cells: &[String]) -> Option<DayRange> {
    let text = cells.join(" ");
    let k = fold(&text);
    if !(k.contains("tu ngay") && k.contains("den ngay")) {
        return None;
    }
    let mut dates = text
        .split(|c: char| c.is_whitespace() || "():,;".contains(c))
        .filter_map(|w| parse_date(w.as_bytes()).ok())
        .map(day_of);
    let from = dates.next()?;
    let to = dates.next()?;
    (from <= to).then_some(DayRange { from, to })
}

/// A data row of a form: its level, its field or unit name and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct FormRow {
    pub level: Level,
    pub name: String,
    pub counts: Counts,
}

/// The data rows of one form file, for `build`.
#[derive(Clone, Debug, PartialEq)]
pub struct FormTable {
    /// Index of the file in `Ingested::files`.
    pub file: usize,
    pub variant: Variant,
    /// The period its title block states, when it does.
    pub period: Option<DayRange>,
    pub rows: Vec<FormRow>,
}

/// The forms that overlap what was loaded before them — dossiers of the same level (06) or
/// unit (II.06a), or an earlier form of the same level or unit — each with what it overlaps,
/// in Vietnamese. `dossier_levels` are the levels the dossiers are at, `dossier_units` their
/// units' folded names. In two-tier periods district and commune are one level.
pub fn overlaps(
    forms: &[FormTable],
    dossier_levels: [bool; 3],
    dossier_units: &std::collections::HashSet<String>,
) -> Vec<(usize, String)> {
    use std::collections::HashSet;
    let mut out = Vec::new();
    let mut any_levels = [false; 3];
    let mut form06_levels = [false; 3];
    let mut units: HashSet<String> = HashSet::new();
    for (i, f) in forms.iter().enumerate() {
        let two_tier = f
            .period
            .is_some_and(|p| p.from >= crate::basics::time::REFORM_DAY);
        let lv = |l: Level| {
            if two_tier && l == Level::District {
                Level::Commune.index()
            } else {
                l.index()
            }
        };
        let dossier = |l: usize| {
            dossier_levels[l] || (two_tier && l == Level::Commune.index() && dossier_levels[1])
        };
        let hit = f.rows.iter().find_map(|r| {
            let l = lv(r.level);
            match f.variant {
                Variant::Form06 if dossier(l) => {
                    Some(format!("danh sách hồ sơ ({})", r.level.vi().to_lowercase()))
                }
                Variant::Form06 if any_levels[l] => Some(format!(
                    "biểu đã nạp trước ({})",
                    r.level.vi().to_lowercase()
                )),
                Variant::Ii06a if dossier_units.contains(&fold(&r.name)) => {
                    Some(format!("danh sách hồ sơ (đơn vị «{}»)", r.name))
                }
                Variant::Ii06a if units.contains(&fold(&r.name)) || form06_levels[l] => {
                    Some(format!("biểu đã nạp trước (đơn vị «{}»)", r.name))
                }
                _ => None,
            }
        });
        if let Some(what) = hit {
            out.push((i, what));
            continue;
        }
        for r in &f.rows {
            any_levels[lv(r.level)] = true;
            if f.variant == Variant::Form06 {
                form06_levels[lv(r.level)] = true;
            } else {
                units.insert(fold(&r.name));
            }
        }
    }
    out
}

/// A problem at a row of the form: the column's header, the value, the code.
#[derive(Clone, Debug, PartialEq)]
pub struct FormProblem {
    pub row: u64,
    pub column: String,
    pub value: String,
    pub code: Code,
}

/// What a row of the form was.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen {
    Header,
    /// A group heading without numbers, a note: a title row.
    Title,
    /// A subtotal (a heading with numbers, «Cộng…») or the total.
    Total,
    Data(Box<FormRow>),
    Rejected,
}

/// A subtotal or total to check: its row, its label and its figures.
type Check = (u64, String, [u64; 11]);

/// The reader of one form, row by row after its first header row.
pub struct FormReader {
    pub header: FormHeader,
    /// Header rows may follow until the first heading or data row.
    in_header: bool,
    level: Option<Level>,
    group: [u64; 11],
    group_check: Option<Check>,
    all: [u64; 11],
    total_check: Option<Check>,
    pub problems: Vec<FormProblem>,
}

fn add(sum: &mut [u64; 11], v: &[u64; 11]) {
    for (s, x) in sum.iter_mut().zip(v) {
        *s += x;
    }
}

/// The form's label of a figure's column: «(3)»…«(13)».
fn col_label(i: usize) -> String {
    format!("({})", i + 3)
}

impl FormReader {
    pub fn new(header: FormHeader) -> FormReader {
        FormReader {
            header,
            in_header: true,
            level: None,
            group: [0; 11],
            group_check: None,
            all: [0; 11],
            total_check: None,
            problems: Vec::new(),
        }
    }

    fn cell<'a>(&self, cells: &'a [String], i: usize) -> &'a str {
        cells.get(i).map_or("", |s| s.trim())
    }

    /// One non-blank row (its cells trimmed, NFC) at spreadsheet row `row`.
    pub fn row(&mut self, row: u64, cells: &[String]) -> Seen {
        let name = self.cell(cells, self.header.name).to_string();
        let figs: Vec<&str> = self
            .header
            .cols
            .iter()
            .map(|&c| self.cell(cells, c))
            .collect();
        let no_numbers = figs.iter().all(|f| f.is_empty());
        let numeric = figs.iter().all(|f| parse_number(f).is_ok());
        if self.in_header && (!numeric || matches!(name.as_str(), "2" | "(2)")) {
            return Seen::Header;
        }
        if let Some(level) = heading(&name) {
            self.in_header = false;
            self.end_group();
            self.level = Some(level);
            if no_numbers {
                return Seen::Title;
            }
            self.group_check = self.figures(row, &figs).map(|v| (row, name, v));
            return Seen::Total;
        }
        if is_total_row(
            cells
                .iter()
                .take(self.header.name + 2)
                .map(|s| s.as_bytes()),
        ) {
            self.in_header = false;
            let v = self.figures(row, &figs);
            if let Some(v) = v {
                let sub = fold(&name).starts_with("cong") && self.level.is_some();
                if sub {
                    self.group_check = Some((row, name, v));
                } else {
                    self.total_check = Some((row, name, v));
                }
            }
            return Seen::Total;
        }
        if name.is_empty() && no_numbers {
            return Seen::Title;
        }
        self.in_header = false;
        self.data(row, name, &figs)
    }

    /// A data row: its figures read and checked.
    fn data(&mut self, row: u64, name: String, figs: &[&str]) -> Seen {
        let before = self.problems.len();
        let Some(v) = self.figures(row, figs) else {
            return Seen::Rejected;
        };
        add(&mut self.group, &v);
        add(&mut self.all, &v);
        for (col, total, parts) in mismatches(&v) {
            let what = match col {
                3 => "(4) + (5) + (6)",
                7 => "(8) + (9) + (10)",
                _ => "(12) + (13)",
            };
            self.problems.push(FormProblem {
                row,
                column: format!("({col})"),
                value: format!("{total} ≠ {parts} = {what}"),
                code: Code::FormParts,
            });
        }
        let level = match (self.level, self.header.variant) {
            (Some(l), _) => l,
            (None, Variant::Ii06a) => level_of_unit(&name),
            (None, Variant::Form06) => {
                self.problems.push(FormProblem {
                    row,
                    column: "(2)".into(),
                    value: name.clone(),
                    code: Code::FormNoGroup,
                });
                return Seen::Rejected;
            }
        };
        if self.problems.len() > before {
            return Seen::Rejected;
        }
        Seen::Data(Box::new(FormRow {
            level,
            name,
            counts: counts_of(&v),
        }))
    }

    /// The 11 figures of a row (blank = 0), or `None` with its problems.
    fn figures(&mut self, row: u64, figs: &[&str]) -> Option<[u64; 11]> {
        let mut v = [0u64; 11];
        let mut ok = true;
        for (i, f) in figs.iter().enumerate() {
            let code = match parse_number(f) {
                Ok(None) => continue,
                Ok(Some(x)) if x >= 0.0 && x.fract() == 0.0 && x < 1e15 => {
                    v[i] = x as u64;
                    continue;
                }
                Ok(Some(x)) if x < 0.0 => Code::Negative,
                _ => Code::BadNumber,
            };
            ok = false;
            self.problems.push(FormProblem {
                row,
                column: col_label(i),
                value: f.to_string(),
                code,
            });
        }
        ok.then_some(v)
    }

    /// Checks a subtotal or total against a sum.
    fn check(&mut self, check: Option<Check>, sum: [u64; 11]) {
        let Some((row, label, v)) = check else {
            return;
        };
        for i in 0..11 {
            if v[i] != sum[i] {
                self.problems.push(FormProblem {
                    row,
                    column: col_label(i),
                    value: format!("«{label}»: {} ≠ {} (tổng các dòng)", v[i], sum[i]),
                    code: Code::FormTotal,
                });
            }
        }
    }

    fn end_group(&mut self) {
        let check = self.group_check.take();
        let sum = std::mem::take(&mut self.group);
        self.check(check, sum);
    }

    /// Ends the form: the last group's subtotal and the total are checked.
    pub fn finish(&mut self) {
        self.end_group();
        let check = self.total_check.take();
        self.check(check, self.all);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_headings_and_periods() {
        let h = recognise(&cells(&crate::dossier::form::Variant::Form06.header1())).unwrap();
        assert_eq!((h.variant, h.name), (Variant::Form06, 1));
        assert_eq!(h.cols, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        let h = recognise(&cells(&Variant::Ii06a.header1())).unwrap();
        assert_eq!(h.variant, Variant::Ii06a);
        assert!(recognise(&cells(&["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận"])).is_none());
        assert_eq!(heading("Sở ban ngành"), Some(Level::Province));
        assert_eq!(heading("Huyện, thị xã, thành phố"), Some(Level::District));
        assert_eq!(heading("XÃ, PHƯỜNG, THỊ TRẤN"), Some(Level::Commune));
        assert_eq!(heading("Cấp xã"), Some(Level::Commune));
        assert_eq!(heading("Hộ tịch"), None);
        let p = period_in(&cells(&[
            "Kỳ báo cáo: năm 2024 (Từ ngày 01/01/2024 đến ngày 31/12/2024)",
        ]))
        .unwrap();
        assert_eq!(p.to - p.from, 365);
        assert_eq!(period_in(&cells(&["Biểu số 06/VPCP/KSTT"])), None);
    }

    /// One form read row by row, each kind of row in turn: long because the rows are the
    /// specification, written out cell by cell.
    #[test]
    fn rows_are_read_checked_and_totals_not_added() {
        let h = recognise(&cells(&Variant::Form06.header1())).unwrap();
        let mut r = FormReader::new(h);
        let row = |v: &[&str]| cells(v);
        assert_eq!(r.row(6, &row(&Variant::Form06.header2())), Seen::Header);
        let nums: Vec<String> = (1..=13).map(|i| format!("({i})")).collect();
        assert_eq!(r.row(7, &nums), Seen::Header);
        let sub = [
            "I",
            "Sở ban ngành",
            "15",
            "5",
            "8",
            "2",
            "12",
            "9",
            "2",
            "1",
            "3",
            "2",
            "1",
        ];
        assert_eq!(r.row(8, &row(&sub)), Seen::Total);
        let a = [
            "1",
            "Tư pháp",
            "1.000",
            "400",
            "500",
            "100",
            "900",
            "800",
            "50",
            "50",
            "100",
            "90",
            "10",
        ];
        let Seen::Data(d) = r.row(9, &row(&a)) else {
            panic!()
        };
        assert_eq!(
            (d.level, d.counts.received, d.counts.resolved),
            (Level::Province, 900, 900)
        );
        assert_eq!((d.counts.on_time, d.counts.pending_overdue), (850, 10));
        let bad = [
            "2",
            "Đất đai",
            "10",
            "4",
            "4",
            "1",
            "5",
            "1",
            "3",
            "1",
            "2",
            "1",
            "1",
        ];
        assert_eq!(r.row(10, &row(&bad)), Seen::Rejected);
        let nan = [
            "3",
            "Hộ tịch",
            "1",
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "x",
            "",
            "",
        ];
        assert_eq!(r.row(11, &row(&nan)), Seen::Rejected);
        let codes: Vec<Code> = r.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::FormParts, Code::BadNumber]);
        assert_eq!(r.problems[0].value, "10 ≠ 9 = (4) + (5) + (6)");
        assert_eq!(r.problems[1].column, "(11)");
        let tot = [
            "",
            "Tổng cộng",
            "1.010",
            "404",
            "504",
            "101",
            "905",
            "801",
            "51",
            "51",
            "100",
            "90",
            "10",
        ];
        assert_eq!(r.row(12, &row(&tot)), Seen::Total);
        assert_eq!(r.row(13, &row(&["Ghi chú: …"])), Seen::Title);
        r.finish();
        let totals: Vec<(u64, Code)> = r.problems[2..].iter().map(|p| (p.row, p.code)).collect();
        assert!(totals.iter().all(|&(_, c)| c == Code::FormTotal));
        assert!(
            totals.iter().any(|&(row, _)| row == 8),
            "the group's subtotal"
        );
        assert!(totals.iter().any(|&(row, _)| row == 12), "the total");
    }
}
