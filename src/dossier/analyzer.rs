//! Ingest: bytes of one or more files in, canonical dossiers plus row-level problems out.
//!
//! The streaming contract: `Analyzer::new(options)`, then per file `begin_file(name)`,
//! `push(chunk)` any number of times with chunk boundaries anywhere, `end_file()`; then
//! `finish() -> Ingested` (or `finish_report() -> Report`). The worker, the CLI and the tests all
//! drive exactly this. Ingest never aborts on a bad row: every record is counted, rejected with a
//! reason, a duplicate, or ignored.
//!
//! This file is the state machine: the file's records come from [`table::reader`] (decoding,
//! delimiter, spreadsheet row numbers), the header row is sought among the first rows, each row
//! is accounted for, and a data row is read by [`records`].
//!
//! [`table::reader`]: crate::table::reader

use crate::basics::format::int;
use crate::basics::problem::Code;
use crate::dossier::build::build;
use crate::dossier::fields::{is_header, recognise, Field, Mapping};
use crate::dossier::form_read::{self, FormReader, FormTable, Seen};
use crate::dossier::header::{
    apply_overrides, column_letter, header_cells, mapping_entries, missing_required,
};
use crate::dossier::ingested::Ingested;
use crate::dossier::options::{Options, Settings};
use crate::dossier::records::{self, Caches, Cells, FileNotes, Screen};
use crate::dossier::report::{FileInfo, Problems, Report, RowCounts};
use crate::dossier::store::{Limits, Store};
use crate::table::reader::{Format, Record, Sink};
use crate::table::source::FileReader;

mod parts;

/// Rows searched for the header before the file is declared headerless.
const HEADER_SEARCH_ROWS: u64 = 100;

/// The header row of a file and what it maps.
struct Header {
    cells: Vec<String>,
    map: Mapping,
    /// Set when the file cannot be read further (missing required column): rows are rejected.
    fatal: Option<Code>,
    /// A workbook: date columns may hold Excel serial numbers.
    serial_dates: bool,
}

/// Per-file ingest state (the reader's is beside it).
struct FileState {
    index: usize,
    header: Option<Header>,
    no_header: bool,
    rows: RowCounts,
    /// An aggregated form 06 / II.06a, once its first header row was seen.
    form: Option<FormReader>,
    /// The period a title row states («Từ ngày … đến ngày …»), for a form.
    title_period: Option<crate::basics::time::DayRange>,
    /// Past the limit of files: listed with an error, its bytes not read.
    refused: bool,
    /// What the limits leave to say about the file.
    notes: FileNotes,
    /// Set when the last bytes of the file came from an absorbed part: whether that part ended
    /// at a record boundary (`None`: the reader's own bytes came last).
    after_part: Option<bool>,
}

/// The streaming analyzer. See the module docs for the contract.
pub struct Analyzer {
    settings: Settings,
    store: Store,
    caches: Caches,
    problems: Problems,
    files: Vec<FileInfo>,
    /// The forms read, one per form file.
    forms: Vec<FormTable>,
    cur: Option<(FileReader, FileState)>,
    /// Why the store takes no more dossiers, once it is full (the message names the limit).
    full: Option<String>,
    /// A file was a workbook this build does not read (`Sink::needs_legacy_workbooks`).
    needs_legacy: bool,
}

/// The reader's sink for the current file: the analyzer and the file's state.
struct FileSink<'a> {
    a: &'a mut Analyzer,
    fs: &'a mut FileState,
}

impl FileSink<'_> {
    /// A record that could not be read at all: read and rejected, its problem at no column
    /// (`why` in brackets where the column goes), `text` what was there.
    fn reject_whole(&mut self, row: u64, why: &str, text: &[u8], code: Code) {
        self.fs.rows.read += 1;
        self.fs.rows.rejected += 1;
        let column = format!("({why})");
        self.a
            .problem(self.fs.index, row, None, &column, text, code);
    }
}

impl Sink for FileSink<'_> {
    fn format(&mut self, f: &Format) {
        let info = &mut self.a.files[self.fs.index];
        info.format = f.kind.into();
        info.encoding = f.encoding.into();
        info.sheet = f.sheet.clone();
        info.sheets = f.sheets.clone();
        info.hidden_columns = f.hidden_columns.clone();
        if f.delimiter != 0 {
            info.delimiter = (f.delimiter as char).to_string();
        }
        info.warnings.extend(f.warnings.iter().cloned());
    }

    #[inline]
    fn record(&mut self, row: u64, rec: &Record<'_>) {
        self.a.record(self.fs, row, rec);
    }

    fn malformed(&mut self, row: u64, text: &[u8], why: &str) {
        self.reject_whole(row, why, text, Code::Malformed);
    }

    fn too_long(&mut self, row: u64, why: &str) {
        self.reject_whole(row, why, b"", Code::RecordTooLong);
    }

    fn open_quote(&mut self, row: u64, why: &str) {
        if !std::mem::replace(&mut self.fs.notes.open_quote_said, true) {
            self.a.files[self.fs.index].warnings.push(why.to_string());
        }
        let column = format!("({why})");
        self.a
            .problem(self.fs.index, row, None, &column, b"", Code::OpenQuote);
    }

    fn needs_legacy_workbooks(&mut self) {
        self.a.needs_legacy = true;
    }

    fn not_a_table(&mut self, why: &str) {
        let info = &mut self.a.files[self.fs.index];
        info.format = String::new();
        info.error = Some(why.to_string());
    }

    fn header_score(&mut self, rec: &Record<'_>) -> usize {
        let cells = header_cells(rec);
        if form_read::recognise(&cells).is_some() {
            return 3;
        }
        let map = recognise(&cells);
        let n = map.iter().filter(|c| c.is_some()).count();
        if is_header(&map) {
            n
        } else {
            0
        }
    }

    fn blank_lines(&mut self, _last_row: u64, n: u64) {
        let rows = &mut self.fs.rows;
        rows.read += n;
        rows.ignored += n;
        rows.ignored_blank += n;
    }
}

impl Analyzer {
    pub fn new(options: Options) -> Result<Analyzer, String> {
        let mut store = Store::default();
        if options.keep_all_ids {
            store.keep_all_ids();
        }
        Ok(Analyzer {
            settings: options.check()?,
            store,
            caches: Caches::default(),
            problems: Problems::default(),
            files: Vec::new(),
            forms: Vec::new(),
            cur: None,
            full: None,
            needs_legacy: false,
        })
    }

    /// The analyzer with other limits than the named ones of `basics::limits` (files, dossiers,
    /// id bytes, distinct names; none above them): a test hook, to see each limit fail on small
    /// inputs. Call it before the first file.
    pub fn with_limits(mut self, limits: Limits) -> Analyzer {
        self.store.limits = limits.clamped();
        self
    }

    pub fn begin_file(&mut self, name: &str) {
        if self.cur.is_some() {
            self.end_file();
        }
        let index = self.files.len();
        self.files.push(FileInfo {
            name: name.to_string(),
            format: "csv".into(),
            encoding: String::new(),
            sheet: None,
            sheets: Vec::new(),
            hidden_columns: Vec::new(),
            delimiter: String::new(),
            bytes: 0,
            header_row: None,
            headers: Vec::new(),
            mapping: Vec::new(),
            rows: RowCounts::default(),
            error: None,
            warnings: Vec::new(),
        });
        let refused = index >= self.store.limits.files;
        if refused {
            self.files[index].error = Some(format!(
                "Vượt giới hạn {} tệp của một lần phân tích: tệp này không được đọc (hãy gộp bớt tệp, hoặc phân tích thành nhiều lần)",
                int(self.store.limits.files as u64)
            ));
        }
        let fs = FileState {
            index,
            header: None,
            no_header: false,
            rows: RowCounts::default(),
            form: None,
            title_period: None,
            refused,
            notes: FileNotes::default(),
            after_part: None,
        };
        self.cur = Some((FileReader::new(self.settings.read.clone()), fs));
    }

    /// Feeds the next bytes of the current file (a file named «dữ liệu» is begun if none is).
    pub fn push(&mut self, chunk: &[u8]) {
        if self.cur.is_none() {
            self.begin_file("dữ liệu");
        }
        let (mut reader, mut fs) = self.cur.take().expect("begun above");
        self.files[fs.index].bytes += chunk.len() as u64;
        fs.after_part = None;
        if fs.refused {
            self.cur = Some((reader, fs));
            return;
        }
        reader.push(
            chunk,
            &mut FileSink {
                a: self,
                fs: &mut fs,
            },
        );
        self.cur = Some((reader, fs));
    }

    /// Whether the rest of the current file is worth reading: false once it is refused (not a
    /// table, or past the file limit), so that a caller stops reading a 2 GB image after its
    /// first chunk. Pushing more anyway changes nothing.
    pub fn wants_more(&self) -> bool {
        self.cur
            .as_ref()
            .is_none_or(|(reader, fs)| !fs.refused && !reader.refused())
    }

    pub fn end_file(&mut self) {
        let Some((mut reader, mut fs)) = self.cur.take() else {
            return;
        };
        if fs.refused {
            return; // its error is said, nothing read
        }
        let late = reader.finish(&mut FileSink {
            a: self,
            fs: &mut fs,
        });
        if let Some(form) = fs.form.as_mut() {
            form.finish();
            self.form_problems(&mut fs);
        }
        self.said_at_end(&mut fs);
        let info = &mut self.files[fs.index];
        info.warnings.extend(late);
        info.rows = fs.rows;
        if info.error.is_some() {
            // refused by its first bytes (not a table)
        } else if fs.form.is_some() {
            if fs.title_period.is_none() {
                info.warnings.push("Không thấy kỳ báo cáo («Từ ngày … đến ngày …») trong tiêu đề biểu: số liệu được coi là của kỳ báo cáo đang chọn".into());
            }
        } else if fs.header.is_none() && fs.rows.read > fs.rows.ignored_blank {
            info.error = Some(format!(
                "{}: không có dòng nào có ít nhất 3 cột nhận ra được (Mã hồ sơ, Ngày tiếp nhận, Ngày hẹn trả…)",
                Code::NoHeader.vi()
            ));
        } else if fs.header.is_none() && info.bytes == 0 {
            info.error = Some("Tệp rỗng (0 byte): không có gì để đọc".into());
        } else if fs.header.is_none() {
            info.error =
                Some("Tệp không có dữ liệu: không có dòng nào, hoặc chỉ có dòng trống".into());
        }
    }

    /// Whether a file was a workbook this build does not read (.xls, .xlsb, .ods without the
    /// `legacy-workbooks` feature): its Report would say so; the page reads the files again
    /// with the module that reads them.
    pub fn needs_legacy_workbooks(&self) -> bool {
        self.needs_legacy
    }

    /// Records read so far, over all files (for progress).
    pub fn rows_read(&self) -> u64 {
        self.files.iter().map(|f| f.rows.read).sum::<u64>()
            + self.cur.as_ref().map_or(0, |(_, f)| f.rows.read)
    }

    /// Ends the last file, resolves duplicates (a dropped copy moves from its file's `counted` to
    /// its `duplicates`) and hands over everything read.
    pub fn finish(mut self) -> Ingested {
        self.end_file();
        for f in self.store.dedup() {
            // a dropped copy was counted in its file: `Dossier::file` is the exact index (files
            // past `Limits::files`, below 65.536, are not read), so this never goes below zero
            let rows = &mut self.files[usize::from(f)].rows;
            rows.counted = rows.counted.saturating_sub(1);
            rows.duplicates += 1;
        }
        self.refuse_overlapping_forms();
        Ingested {
            store: self.store,
            files: self.files,
            problems: self.problems.list,
            problems_total: self.problems.total,
            problems_by_code: self.problems.by_code.into_values().collect(),
            forms: self.forms,
            settings: self.settings,
        }
    }

    /// [`finish`](Self::finish), then [`build`] with the settings the analyzer was given: what
    /// the CLI, the page and the index want.
    pub fn finish_report(self) -> Report {
        let ingested = self.finish();
        build(&ingested, &ingested.settings)
    }

    fn problem(
        &mut self,
        file: usize,
        row: u64,
        field: Option<Field>,
        column: &str,
        value: &[u8],
        code: Code,
    ) {
        self.problems_n(file, row, field, column, value, code, 1);
    }

    /// `n` problems of one kind, the first of them at `row` (listed while the list has room),
    /// all counted, in the total and by code.
    #[allow(clippy::too_many_arguments)]
    fn problems_n(
        &mut self,
        file: usize,
        row: u64,
        field: Option<Field>,
        column: &str,
        value: &[u8],
        code: Code,
        n: u64,
    ) {
        let at = (self.files[file].name.as_str(), row, field.map(Field::key));
        let max = self.settings.max_problems;
        self.problems.add(max, at, column, value, code, n);
    }

    /// One record: accounted for as ignored (blank, title, header, total), rejected, or counted.
    fn record(&mut self, fs: &mut FileState, row: u64, rec: &Record) {
        fs.rows.read += 1;
        if rec.is_blank() {
            fs.rows.ignored += 1;
            fs.rows.ignored_blank += 1;
            return;
        }
        if fs.form.is_some() {
            self.form_row(fs, row, rec);
            return;
        }
        let Some(h) = fs.header.as_ref() else {
            self.seek_header(fs, row, rec);
            return;
        };
        if let Some(code) = h.fatal {
            fs.rows.rejected += 1;
            self.problem(fs.index, row, None, "", b"", code);
            return;
        }

        let cells = Cells {
            rec,
            map: &h.map,
            serial_dates: h.serial_dates,
        };
        match records::screen(cells, &h.cells) {
            Screen::Data => {}
            Screen::RepeatedHeader => {
                fs.rows.ignored += 1;
                fs.rows.ignored_header += 1;
                return;
            }
            Screen::Total => {
                fs.rows.ignored += 1;
                fs.rows.ignored_total += 1;
                return;
            }
            Screen::Damaged { field, cell, code } => {
                fs.rows.rejected += 1;
                let column = match field {
                    Some(_) => h.cells[cell].clone(),
                    None => format!(
                        "(ô thứ {}, dòng tiêu đề có {} cột)",
                        cell + 1,
                        h.cells.len()
                    ),
                };
                self.problem(fs.index, row, field, &column, rec.get(cell), code);
                return;
            }
        }
        if self.full.is_some() {
            // the store is at its limits: the rest of the data rows are not read
            self.not_stored(fs, row);
            return;
        }
        // `begin_file` reads no file past `Limits::files` (at most 65.536): the index fits
        let file = u16::try_from(fs.index).unwrap_or(u16::MAX);
        match records::read_row(cells, &mut self.caches, &mut self.store, file) {
            Ok(added) => {
                fs.rows.counted += 1;
                if added.placeholder_id {
                    fs.notes.placeholder(row, cells.get(Field::Id));
                }
            }
            Err(errors) if errors.as_slice().iter().any(|e| e.1 == Code::StoreFull) => {
                let room = self.store.room(cells.get(Field::Id).len());
                let why = room
                    .err()
                    .map_or_else(String::new, |f| f.message(&self.store.limits));
                self.full = Some(why);
                self.not_stored(fs, row);
            }
            Err(errors) => self.reject(fs, row, rec, errors.as_slice()),
        }
    }

    /// A data row rejected for `errors` (field, code): each listed at its column.
    fn reject(&mut self, fs: &mut FileState, row: u64, rec: &Record, errors: &[(Field, Code)]) {
        fs.rows.rejected += 1;
        let Some(h) = fs.header.as_ref() else {
            return;
        };
        for &(f, code) in errors {
            if code == Code::TooManyNames {
                let limit = self.store.limits.names;
                if let Some(w) = fs.notes.names_full(f, row, limit) {
                    self.files[fs.index].warnings.push(w);
                }
            }
            let col = h.map[f as usize];
            let header = col.map_or("", |c| h.cells[c].as_str());
            let value = col.map_or(&b""[..], |c| rec.get(c));
            self.problem(fs.index, row, Some(f), header, value, code);
        }
    }

    /// A record before the header: the header (then the columns are mapped), or a title row.
    fn seek_header(&mut self, fs: &mut FileState, row: u64, rec: &Record) {
        if fs.no_header {
            fs.rows.rejected += 1;
            self.problem(fs.index, row, None, "", b"", Code::NoHeader);
            return;
        }
        let cells = header_cells(rec);
        fs.rows.ignored += 1;
        if let Some(h) = form_read::recognise(&cells) {
            fs.rows.ignored_header += 1;
            let info = &mut self.files[fs.index];
            info.header_row = Some(row);
            info.headers = cells;
            self.forms.push(FormTable {
                file: fs.index,
                variant: h.variant,
                period: fs.title_period,
                rows: Vec::new(),
            });
            fs.form = Some(FormReader::new(h));
            return;
        }
        let mut map = recognise(&cells);
        if !is_header(&map) {
            fs.rows.ignored_title += 1;
            if fs.title_period.is_none() {
                fs.title_period = form_read::period_in(&cells);
            }
            if row >= HEADER_SEARCH_ROWS {
                fs.no_header = true;
            }
            return;
        }
        fs.rows.ignored_header += 1;
        let info = &mut self.files[fs.index];
        info.header_row = Some(row);
        let overridden = apply_overrides(&self.settings.overrides, &cells, &mut map, info);
        info.mapping = mapping_entries(&map, &cells, &overridden);
        info.headers = cells.clone();
        if !info.hidden_columns.is_empty() {
            let names: Vec<String> = info
                .hidden_columns
                .iter()
                .map(|&c| {
                    let h = cells.get(c as usize).map_or("", String::as_str);
                    format!("{} «{h}»", column_letter(c))
                })
                .collect();
            info.warnings.push(format!(
                "Cột ẩn trong Excel vẫn được đọc: {}",
                names.join(", ")
            ));
        }
        let fatal = missing_required(&map).map(|missing| {
            info.error = Some(format!(
                "{}: {missing} (sửa ở mục «Cột dữ liệu»)",
                Code::MissingColumn.vi()
            ));
            Code::MissingColumn
        });
        let serial_dates = matches!(info.format.as_str(), "xlsx" | "xls" | "xlsb" | "ods");
        fs.header = Some(Header {
            cells,
            map,
            fatal,
            serial_dates,
        });
    }
}

impl Analyzer {
    /// A row of an aggregated form: accounted for, its data row kept, its problems listed.
    fn form_row(&mut self, fs: &mut FileState, row: u64, rec: &Record) {
        let cells = header_cells(rec);
        let Some(form) = fs.form.as_mut() else {
            return;
        };
        let rows = &mut fs.rows;
        match form.row(row, &cells) {
            Seen::Header => {
                rows.ignored += 1;
                rows.ignored_header += 1;
            }
            Seen::Title => {
                rows.ignored += 1;
                rows.ignored_title += 1;
            }
            Seen::Total => {
                rows.ignored += 1;
                rows.ignored_total += 1;
            }
            Seen::Rejected => rows.rejected += 1,
            Seen::Data(r) => {
                rows.counted += 1;
                if let Some(t) = self.forms.last_mut() {
                    t.rows.push(*r);
                }
            }
        }
        self.form_problems(fs);
    }

    /// The problems the current form's reader found, listed.
    fn form_problems(&mut self, fs: &mut FileState) {
        let Some(form) = fs.form.as_mut() else {
            return;
        };
        for p in std::mem::take(&mut form.problems) {
            self.problem(fs.index, p.row, None, &p.column, p.value.as_bytes(), p.code);
        }
    }

    /// Forms that overlap the dossiers or an earlier form: a file error, their rows moved from
    /// counted to rejected, their figures not added.
    fn refuse_overlapping_forms(&mut self) {
        if self.forms.is_empty() {
            return; // nothing to refuse: no pass over the dossiers
        }
        let st = &self.store;
        let mut levels = [false; 3];
        let mut used = vec![false; st.units.names.len()];
        for d in &st.dossiers {
            levels[d.level.index()] = true;
            used[d.unit() as usize] = true;
        }
        let units = (0..used.len())
            .filter(|&i| used[i])
            .map(|i| crate::basics::text::fold(&st.units.names[i]))
            .collect();
        let refused = form_read::overlaps(&self.forms, levels, &units);
        for (i, what) in refused.iter().rev() {
            let table = self.forms.remove(*i);
            let info = &mut self.files[table.file];
            info.error = Some(format!(
                "{} — {what}. Số liệu của biểu không được cộng: danh sách hồ sơ và biểu tổng hợp chỉ gộp được khi khác cấp hoặc khác đơn vị.",
                Code::FormOverlap.vi()
            ));
            let n = table.rows.len() as u64;
            info.rows.counted = info.rows.counted.saturating_sub(n); // = n: the form's data rows
            info.rows.rejected += n;
        }
    }
}

impl Analyzer {
    /// A data row not read because the store is full: rejected, counted for the file's error.
    fn not_stored(&mut self, fs: &mut FileState, row: u64) {
        fs.rows.rejected += 1;
        fs.notes.not_stored(row);
        let why = format!("({})", self.full.as_deref().unwrap_or_default());
        self.problem(fs.index, row, None, &why, b"", Code::StoreFull);
    }

    /// What a file's end tells: the rows with a placeholder id (one problem listed, all
    /// counted, and a warning), the rows not read past the store's limits (its error).
    fn said_at_end(&mut self, fs: &mut FileState) {
        if let Some((n, row, id)) = fs.notes.placeholders.clone() {
            let header = self.files[fs.index].mapping[Field::Id as usize]
                .header
                .clone();
            let header = header.unwrap_or_default();
            let (file, id) = (fs.index, id.as_bytes());
            self.problems_n(
                file,
                row,
                Some(Field::Id),
                &header,
                id,
                Code::PlaceholderId,
                n,
            );
        }
        let info = &mut self.files[fs.index];
        info.warnings.extend(fs.notes.placeholder_warning());
        if let Some(e) = fs
            .notes
            .not_stored_error(self.full.as_deref().unwrap_or_default())
        {
            info.error = Some(e);
        }
    }
}
