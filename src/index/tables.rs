//! CSV inputs of the index: which kind a table is (from its header row: a dossier export, a
//! procedure catalogue, manual entries or a ranking table) and reading it. Every table is read
//! by the one record reader (`table::sheet::read_table`); a dossier export goes whole to the
//! dossier Analyzer.

use super::builder::IndexBuilder;
use super::catalog::{self, CatalogColumns};
use super::manual::{self, ManualColumns};
use super::output::FileKind;
use super::period::Period;
use super::ranking::{self, RankingColumns, RankingField, RankingTable};
use crate::basics::problem::Code;
use crate::dossier::fields as dossier_header;
use crate::dossier::Analyzer;
use crate::table::sheet::{col, is_blank, read_table, Table};

/// Rows searched for a header.
const HEADER_ROWS: usize = 30;

/// What a CSV table is, with its header row (0-based) and column map.
enum CsvKind {
    Dossier,
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

    /// The kind of a table: by its first header-like row; a dossier export when none is found
    /// (the Analyzer then reports the missing header).
    fn classify_csv(&self, t: &Table) -> CsvKind {
        let groups = self.group_names();
        for (i, row) in t.rows.iter().enumerate().take(HEADER_ROWS) {
            if is_blank(row) {
                continue;
            }
            if dossier_header::is_header(&dossier_header::recognise(row)) {
                return CsvKind::Dossier;
            }
            if let Some(map) = catalog::header(row) {
                return CsvKind::Catalog(i, map);
            }
            if let Some(map) = manual::header(row) {
                return CsvKind::Manual(i, map);
            }
            if let Some(cols) = ranking::header(row, &groups) {
                return CsvKind::Ranking(i, cols);
            }
        }
        CsvKind::Dossier
    }

    /// A CSV file of any kind.
    pub(super) fn add_csv(&mut self, name: &str, bytes: &[u8]) -> FileKind {
        let t = read_table(bytes);
        match self.classify_csv(&t) {
            CsvKind::Dossier => self.add_dossier_csv(name, bytes),
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
