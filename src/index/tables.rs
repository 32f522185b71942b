//! CSV inputs of the index: which kind a table is (from its header row: a dossier export, a
//! procedure catalogue, manual entries or a ranking table) and reading it. Every table is read
//! by the one record reader (`table::reader`, RFC 4180 quoting); its kind from the first rows
//! only, then a catalogue, ranking or manual table whole, up to [`MAX_INDEX_TABLE_CELLS`]; a
//! dossier export goes whole to the dossier Analyzer, which streams it.

use super::builder::IndexBuilder;
use super::catalog::{self, CatalogColumns};
use super::manual::{self, ManualColumns};
use super::output::FileKind;
use super::period::Period;
use super::ranking::{self, RankingColumns, RankingField, RankingTable};
use crate::basics::format::int;
use crate::basics::limits::MAX_INDEX_TABLE_CELLS;
use crate::basics::problem::Code;
use crate::dossier::fields as dossier_header;
use crate::dossier::Analyzer;
use crate::table::reader::{Reader, Record, Sink};
use crate::table::sheet::{col, is_blank, Table};

/// Rows searched for a header.
const HEADER_ROWS: usize = 30;

/// Rows of strings from the one record reader, at most `max_rows` rows and `max_cells` cells
/// in all (a blank line counts as one): the rows read, and whether the table was read whole
/// within `max_cells` (reading stops at the first chunk past `max_rows`, or at `max_cells`).
/// Whole and uncut, the table is [`crate::table::sheet::read_table`]'s.
fn read_rows(bytes: &[u8], max_rows: usize, max_cells: usize) -> (Table, bool) {
    struct Rows {
        rows: Vec<Vec<String>>,
        cells: usize,
        max_rows: usize,
        max_cells: usize,
        over: bool,
    }
    impl Rows {
        /// Room for a row of `n` cells; past the cell limit, `over`.
        fn room(&mut self, n: usize) -> bool {
            if self.over || self.rows.len() >= self.max_rows {
                return false;
            }
            self.cells += n.max(1);
            self.over = self.cells > self.max_cells;
            !self.over
        }
    }
    impl Sink for Rows {
        fn record(&mut self, _row: u64, record: &Record<'_>) {
            if self.room(record.len()) {
                let cells = (0..record.len())
                    .map(|i| String::from_utf8_lossy(record.raw(i)).into_owned())
                    .collect();
                self.rows.push(cells);
            }
        }

        fn blank_lines(&mut self, _last_row: u64, count: u64) {
            for _ in 0..count {
                if !self.room(1) {
                    return;
                }
                self.rows.push(vec![String::new()]);
            }
        }
    }
    let mut r = Reader::new();
    let mut rows = Rows {
        rows: Vec::new(),
        cells: 0,
        max_rows,
        max_cells,
        over: false,
    };
    for c in bytes.chunks(1 << 16) {
        r.push(c, &mut rows);
        if rows.over || rows.rows.len() >= max_rows {
            break;
        }
    }
    r.finish(&mut rows);
    let (encoding, delimiter) = r
        .format()
        .map_or(("utf-8", b','), |f| (f.encoding, f.delimiter));
    let table = Table {
        rows: rows.rows,
        encoding,
        delimiter,
    };
    (table, !rows.over)
}

/// What a CSV table other than a dossier export is, with its header row (0-based) and column
/// map.
enum CsvKind {
    Catalog(usize, CatalogColumns),
    Ranking(usize, RankingColumns),
    Manual(usize, ManualColumns),
}

impl IndexBuilder {
    /// The methodology's groups (code, name), and the portal's six group codes, to recognise
    /// group columns of a ranking table.
    fn group_names(&self) -> Vec<(String, String)> {
        let mut g: Vec<(String, String)> = self
            .methodology
            .groups
            .iter()
            .map(|g| (g.code.clone(), g.name.clone()))
            .collect();
        for code in ["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH"] {
            if !g.iter().any(|(c, _)| c == code) {
                g.push((code.to_string(), String::new()));
            }
        }
        g
    }

    /// The kind of a table: by its first header-like row; `None` for a dossier export, or when
    /// no header is found (the Analyzer then reports the missing header).
    fn classify_csv(&self, t: &Table) -> Option<CsvKind> {
        let groups = self.group_names();
        for (i, row) in t.rows.iter().enumerate().take(HEADER_ROWS) {
            if is_blank(row) {
                continue;
            }
            if dossier_header::is_header(&dossier_header::recognise(row)) {
                return None;
            }
            if let Some(map) = catalog::header(row) {
                return Some(CsvKind::Catalog(i, map));
            }
            if let Some(map) = manual::header(row) {
                return Some(CsvKind::Manual(i, map));
            }
            if let Some(cols) = ranking::header(row, &groups) {
                return Some(CsvKind::Ranking(i, cols));
            }
        }
        None
    }

    /// A CSV file of any kind.
    pub(super) fn add_csv(&mut self, name: &str, bytes: &[u8]) -> FileKind {
        let (head, _) = read_rows(bytes, HEADER_ROWS, MAX_INDEX_TABLE_CELLS);
        let Some(kind) = self.classify_csv(&head) else {
            return self.add_dossier_csv(name, bytes);
        };
        let (t, whole) = read_rows(bytes, usize::MAX, MAX_INDEX_TABLE_CELLS);
        if !whole {
            let i = self.file_out(name, FileKind::Unknown, "Bảng quá lớn");
            let msg = format!(
                "Tệp {name}: bảng có hơn {} ô, giới hạn của bảng đầu vào Chỉ số 766; tệp không được đọc",
                int(MAX_INDEX_TABLE_CELLS as u64)
            );
            self.fail(i, Code::TooLarge, msg);
            return FileKind::Unknown;
        }
        match kind {
            CsvKind::Catalog(h, map) => {
                let i = self.file_out(name, FileKind::Catalog, "Danh mục thủ tục hành chính");
                let n = self.catalog.load(name, &t, h, &map, &mut self.problems);
                self.files[i].records = n;
                if n == 0 {
                    self.fail(i, Code::Empty, "Danh mục không có thủ tục nào".into());
                }
                FileKind::Catalog
            }
            CsvKind::Ranking(h, (map, gcols)) => self.add_ranking_csv(name, &t, h, &map, &gcols),
            CsvKind::Manual(h, map) => {
                let i = self.file_out(name, FileKind::Manual, "Số liệu nhập tay");
                let es = manual::from_table(name, &t, h, &map, &mut self.problems);
                self.files[i].records = es.len() as u64;
                self.manual_files
                    .extend(es.into_iter().map(|e| (name.to_string(), e)));
                FileKind::Manual
            }
        }
    }

    /// A dossier export: pushed whole to the Analyzer (created with the first one).
    fn add_dossier_csv(&mut self, name: &str, bytes: &[u8]) -> FileKind {
        let i = self.file_out(name, FileKind::Dossier, "Danh sách hồ sơ TTHC");
        if self.analyzer.is_none() {
            match Analyzer::new(self.opts.dossier.clone().unwrap_or_default()) {
                Ok(a) => self.analyzer = Some(a),
                Err(e) => {
                    self.fail(i, Code::BadOptions, e);
                    return FileKind::Dossier;
                }
            }
        }
        let a = self.analyzer.as_mut().expect("created above");
        a.begin_file(name);
        a.push(bytes);
        a.end_file();
        self.dossier_files.push(i);
        FileKind::Dossier
    }

    /// A ranking table; its period from a period column, else from the title rows or the file
    /// name.
    fn add_ranking_csv(
        &mut self,
        name: &str,
        t: &Table,
        h: usize,
        map: &[(RankingField, usize)],
        gcols: &[(String, usize)],
    ) -> FileKind {
        let label = "Bảng xếp hạng (nhập từ bảng của Cổng)";
        let i = self.file_out(name, FileKind::RankingTable, label);
        let title = t.rows[..h]
            .iter()
            .map(|r| r.join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let default_period = Period::parse(&title).or_else(|| Period::parse(stem));
        if col(map, RankingField::Period).is_none() {
            self.files[i].period = default_period.map(|p| p.label());
            if default_period.is_none() {
                self.warnings.push(format!("{name}: bảng xếp hạng không có cột kỳ và không rõ kỳ (ghi kỳ ở dòng tiêu đề hoặc tên tệp)"));
            }
        }
        let table = RankingTable {
            file: name,
            table: t,
            header_row: h,
            map,
            gcols,
            default_period,
        };
        let n = table.load(&mut self.ranking, &mut self.problems);
        self.files[i].records = n;
        if n == 0 {
            let msg = "Bảng xếp hạng không có dòng nào dùng được";
            self.fail(i, Code::Empty, msg.into());
        }
        FileKind::RankingTable
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::sheet::read_table;

    /// Whole and uncut, `read_rows` is `read_table`; cut, it stops at the rows or cells asked.
    #[test]
    fn read_rows_is_the_one_reader() {
        let quoted = "a;b\r\n\r\n\"x;\ny\";\"q\"\"q\"\r\nSở \"Tư pháp\";1\nlast;1";
        let ranking: String = (0..200)
            .map(|i| format!("\"Tỉnh {i}\",\"01/2024\",\"{i},5\"\n"))
            .collect();
        let files = [
            format!("\"Tỉnh\",Kỳ,Tổng điểm\n{ranking}"),
            quoted.to_string(),
        ];
        for f in &files {
            let (t, whole) = read_rows(f.as_bytes(), usize::MAX, MAX_INDEX_TABLE_CELLS);
            assert!(whole);
            assert_eq!(t, read_table(f.as_bytes()));
            let (head, whole) = read_rows(f.as_bytes(), 3, MAX_INDEX_TABLE_CELLS);
            assert!(whole);
            assert_eq!(head.rows[..], t.rows[..3]);
        }
        let (t, whole) = read_rows(quoted.as_bytes(), usize::MAX, 4);
        assert!(!whole);
        assert_eq!(
            t.rows.len(),
            2,
            "a;b and the blank line: 3 cells; the next row has 2 more"
        );
        let blank = "\n".repeat(100);
        assert!(!read_rows(blank.as_bytes(), usize::MAX, 99).1);
        assert!(read_rows(blank.as_bytes(), usize::MAX, 100).1);
    }
}
