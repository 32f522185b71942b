//! One data row of a dossier export → a [`Dossier`] in the store, or the problems that reject it.
//!
//! The row is read through the file's column [`Mapping`] ([`Cells`]); categorical values are
//! parsed once per distinct raw value ([`Caches`]: a column holds a handful). A row with any
//! unreadable value or failing a consistency rule is rejected whole, with one problem per cause
//! ([`RowErrors`]); the analyzer turns them into report problems with the column's header.

use crate::basics::format::int;
use crate::basics::limits::MAX_CACHED_VALUES;
use crate::basics::problem::Code;
use crate::basics::time::{day_of, Minutes};
use crate::dossier::fields::{Field, Mapping};
use crate::dossier::model::{
    Channel, Dossier, IdHash, Level, Names, Rating, Status, FLAG_CHANNEL_KNOWN, FLAG_DIGITIZED,
    FLAG_DIGITIZED_KNOWN, FLAG_PAID_KNOWN, FLAG_PAID_ONLINE,
};
use crate::dossier::report::cut;
use crate::dossier::store::{Full, Store};
use crate::dossier::values;
use crate::table::cells;
use crate::table::reader::Record;
use rustc_hash::FxHashMap;

/// The cells of one record by canonical field.
#[derive(Clone, Copy)]
pub struct Cells<'a> {
    pub rec: &'a Record<'a>,
    pub map: &'a Mapping,
    /// The file is a workbook: a date column may hold Excel serial numbers (a date cell
    /// without a date format).
    pub serial_dates: bool,
}

impl<'a> Cells<'a> {
    /// The field's cell, trimmed; empty when the field is not mapped.
    #[inline]
    pub fn get(&self, f: Field) -> &'a [u8] {
        self.map[f as usize].map_or(&b""[..], |c| self.rec.get(c))
    }

    pub fn mapped(&self, f: Field) -> bool {
        self.map[f as usize].is_some()
    }
}

/// The problems of one row, by field (at most eight are kept: a row has few causes).
pub struct RowErrors {
    list: [(Field, Code); 8],
    n: usize,
}

impl RowErrors {
    fn new() -> Self {
        RowErrors {
            list: [(Field::Id, Code::BadDate); 8],
            n: 0,
        }
    }

    #[inline]
    fn push(&mut self, f: Field, code: Code) {
        if self.n < self.list.len() {
            self.list[self.n] = (f, code);
            self.n += 1;
        }
    }

    pub fn as_slice(&self) -> &[(Field, Code)] {
        &self.list[..self.n]
    }
}

/// Parsed categorical values, cached by raw bytes (a column holds a handful of distinct values);
/// each cache remembers at most [`MAX_CACHED_VALUES`] values, then parses without caching.
#[derive(Default)]
pub struct Caches {
    status: FxHashMap<Box<[u8]>, Result<Status, Code>>,
    channel: FxHashMap<Box<[u8]>, Result<Channel, Code>>,
    boolean: FxHashMap<Box<[u8]>, Result<bool, Code>>,
    level: FxHashMap<Box<[u8]>, Result<Level, Code>>,
    rating: FxHashMap<Box<[u8]>, Result<Rating, Code>>,
}

#[inline]
fn cached<T: Copy>(
    map: &mut FxHashMap<Box<[u8]>, Result<T, Code>>,
    raw: &[u8],
    parse: fn(&str) -> Result<T, Code>,
) -> Result<T, Code> {
    if let Some(r) = map.get(raw) {
        return *r;
    }
    let r = parse(&String::from_utf8_lossy(raw));
    if map.len() < MAX_CACHED_VALUES {
        map.insert(raw.into(), r);
    }
    r
}

impl Caches {
    /// Values remembered, over all caches (at most 5 × [`MAX_CACHED_VALUES`]).
    pub fn len(&self) -> usize {
        self.status.len()
            + self.channel.len()
            + self.boolean.len()
            + self.level.len()
            + self.rating.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether a row's id is a placeholder standing for none: only punctuation («-», «--», «.»),
/// only zeros («0», «000»), or a word for nothing («null», «N/A», «none», «không»…). Such ids
/// must not merge dossiers as duplicates.
pub fn is_placeholder_id(id: &[u8]) -> bool {
    let id = id.trim_ascii();
    if id.iter().all(|&b| b == b'0') {
        return true;
    }
    if id.len() > 16 {
        return false;
    }
    let folded = crate::basics::text::fold(&String::from_utf8_lossy(id));
    folded.is_empty()
        || matches!(
            folded.as_str(),
            "null" | "nil" | "none" | "n a" | "na" | "nan" | "khong" | "khong co"
        )
}

/// What a file's data rows leave to say about the limits, at its end or once.
#[derive(Default)]
pub struct FileNotes {
    /// Rows with a placeholder id: how many, the first one's row and id.
    pub placeholders: Option<(u64, u64, String)>,
    /// Data rows not stored past the store's limits: how many, from which row.
    pub not_stored: Option<(u64, u64)>,
    /// An unclosed quote was said in the file's warnings.
    pub open_quote_said: bool,
    /// The tables of names (units, fields, procedures) said full in the warnings.
    names_full_said: [bool; 3],
}

impl FileNotes {
    pub fn placeholder(&mut self, row: u64, id: &[u8]) {
        let first = || (0, row, String::from_utf8_lossy(id).into_owned());
        self.placeholders.get_or_insert_with(first).0 += 1;
    }

    pub fn not_stored(&mut self, row: u64) {
        self.not_stored.get_or_insert((0, row)).0 += 1;
    }

    /// The warning, the first time in the file, that the table of names of `f` holds `limit`.
    pub fn names_full(&mut self, f: Field, row: u64, limit: usize) -> Option<String> {
        let (i, what) = match f {
            Field::Unit => (0, "đơn vị"),
            Field::FieldName => (1, "lĩnh vực"),
            _ => (2, "thủ tục"),
        };
        (!std::mem::replace(&mut self.names_full_said[i], true)).then(|| {
            format!(
                "Đã có {} tên {what} khác nhau (giới hạn): từ dòng {row}, các dòng có tên {what} mới bị bỏ qua",
                int(limit as u64)
            )
        })
    }

    /// The warning of the rows with a placeholder id, if any.
    pub fn placeholder_warning(&self) -> Option<String> {
        let (n, row, id) = self.placeholders.as_ref()?;
        Some(format!(
            "{} dòng có mã hồ sơ giữ chỗ (như «{}» ở dòng {row}): mỗi dòng được tính là một hồ sơ, không dùng mã này để loại trùng",
            int(*n),
            cut(id)
        ))
    }

    /// The file's error when rows were not stored: `why` names the limit.
    pub fn not_stored_error(&self, why: &str) -> Option<String> {
        let (n, row) = self.not_stored?;
        Some(format!(
            "{why}: {} dòng dữ liệu từ dòng {row} không được đọc (hãy phân tích ít tệp hơn mỗi lần)",
            int(n)
        ))
    }
}

/// A row read into the store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Added {
    /// Its id is a placeholder ([`is_placeholder_id`]): kept, not deduplicated.
    pub placeholder_id: bool,
}

/// The four dates of a row.
struct Dates {
    received: Option<Minutes>,
    due: Option<Minutes>,
    finished: Option<Minutes>,
    returned: Option<Minutes>,
}

/// The categorical values of a row.
struct Categories {
    status: Option<Status>,
    channel: Channel,
    flags: u8,
    rating: Rating,
    /// From the level column; `None` = from the unit's name.
    level: Option<Level>,
}

/// Reads one data row: adds its dossier to the store (`file` = the file's index), or returns the
/// problems that reject it (with `store_full` when the store is at its limits: the caller says
/// which, `Store::room`; with `too_many_names` when a new unit, field or procedure would pass
/// the limit of distinct names).
pub fn read_row(
    cells: Cells,
    caches: &mut Caches,
    store: &mut Store,
    file: u16,
) -> Result<Added, RowErrors> {
    let mut errors = RowErrors::new();
    let dates = read_dates(cells, &mut errors);
    let cats = read_categories(cells, caches, &mut errors);
    check_row(cells, &dates, cats.status, &mut errors);
    if errors.n > 0 {
        return Err(errors);
    }
    add_dossier(cells, &dates, &cats, store, file).map_err(|(f, code)| {
        errors.push(f, code);
        errors
    })
}

fn read_dates(cells: Cells, errors: &mut RowErrors) -> Dates {
    let mut date = |f: Field| -> Option<Minutes> {
        let v = cells.get(f);
        if v.is_empty() {
            return None;
        }
        cells::parse_date(v)
            .or_else(|code| {
                let serial = cells.serial_dates.then(|| cells::parse_excel_serial(v));
                serial.flatten().ok_or(code)
            })
            .map_err(|code| errors.push(f, code))
            .ok()
    };
    Dates {
        received: date(Field::Received),
        due: date(Field::Due),
        finished: date(Field::Finished),
        returned: date(Field::Returned),
    }
}

fn read_categories(cells: Cells, c: &mut Caches, errors: &mut RowErrors) -> Categories {
    let status = match cells.get(Field::Status) {
        b"" => None,
        v => cached(&mut c.status, v, values::parse_status)
            .map_err(|e| errors.push(Field::Status, e))
            .ok(),
    };
    let channel = cached(
        &mut c.channel,
        cells.get(Field::Channel),
        values::parse_channel,
    )
    .unwrap_or_else(|e| {
        errors.push(Field::Channel, e);
        Channel::Direct
    });
    let mut flags = if cells.get(Field::Channel).is_empty() {
        0
    } else {
        FLAG_CHANNEL_KNOWN
    };
    for (f, bit, known) in [
        (Field::PaidOnline, FLAG_PAID_ONLINE, FLAG_PAID_KNOWN),
        (Field::Digitized, FLAG_DIGITIZED, FLAG_DIGITIZED_KNOWN),
    ] {
        let v = cells.get(f);
        match cached(&mut c.boolean, v, values::parse_bool) {
            Ok(true) => flags |= bit | known,
            Ok(false) if !v.is_empty() => flags |= known,
            Ok(false) => {}
            Err(e) => errors.push(f, e),
        }
    }
    let rating = cached(
        &mut c.rating,
        cells.get(Field::Rating),
        values::parse_rating,
    )
    .unwrap_or_else(|e| {
        errors.push(Field::Rating, e);
        Rating::None
    });
    let level = match cells.get(Field::Level) {
        b"" => None,
        v => cached(&mut c.level, v, values::parse_level)
            .map_err(|e| errors.push(Field::Level, e))
            .ok(),
    };
    Categories {
        status,
        channel,
        flags,
        rating,
        level,
    }
}

/// The consistency rules: an id where the file has ids, a receipt date unless never received,
/// an end date for a finished status, no end before receipt.
fn check_row(cells: Cells, d: &Dates, status: Option<Status>, errors: &mut RowErrors) {
    let finished_any = d.finished.or(d.returned);
    let not_received = status.is_some_and(Status::is_not_received);
    if cells.mapped(Field::Id) && cells.get(Field::Id).is_empty() {
        errors.push(Field::Id, Code::MissingId);
    }
    if d.received.is_none() && cells.get(Field::Received).is_empty() && !not_received {
        errors.push(Field::Received, Code::MissingReceived);
    }
    if finished_any.is_none()
        && status.is_some_and(Status::is_finished)
        && cells.get(Field::Finished).is_empty()
        && cells.get(Field::Returned).is_empty()
    {
        let f = if cells.mapped(Field::Finished) {
            Field::Finished
        } else {
            Field::Returned
        };
        errors.push(f, Code::MissingFinished);
    }
    if let (Some(r), Some(f)) = (d.received, finished_any) {
        if day_of(f) < day_of(r) {
            let col = if d.finished.is_some() {
                Field::Finished
            } else {
                Field::Returned
            };
            errors.push(col, Code::FinishedBeforeReceived);
        }
    }
}

fn add_dossier(
    cells: Cells,
    d: &Dates,
    c: &Categories,
    store: &mut Store,
    file: u16,
) -> Result<Added, (Field, Code)> {
    let id = cells.mapped(Field::Id).then(|| cells.get(Field::Id));
    let full = |_: Full| (Field::Id, Code::StoreFull);
    store.room(id.map_or(0, <[u8]>::len)).map_err(full)?;
    let too_many = |f: Field| (f, Code::TooManyNames);
    let unit = store
        .try_unit(cells.get(Field::Unit))
        .ok_or(too_many(Field::Unit))?;
    let field_name = match cells.get(Field::FieldName) {
        b"" => cells.get(Field::FieldCode),
        v => v,
    };
    let field = store
        .try_field(field_name)
        .ok_or(too_many(Field::FieldName))?;
    let name = cells.get(Field::ProcedureName);
    let procedure = store
        .try_procedure(
            match cells.get(Field::ProcedureCode) {
                b"" => name,
                code => code,
            },
            name,
        )
        .ok_or(too_many(Field::ProcedureName))?;
    let dossier = Dossier {
        id: IdHash::default(),
        names: Names::new(unit, field, procedure),
        received: d.received.into(),
        due: d.due.into(),
        finished: d.finished.or(d.returned).into(),
        status: c.status,
        channel: c.channel,
        level: c.level.unwrap_or(store.unit_levels[unit as usize]),
        flags: c.flags,
        rating: c.rating,
        file,
    };
    let placeholder_id = id.is_some_and(is_placeholder_id);
    store
        .try_insert(dossier, id, !placeholder_id)
        .map_err(full)?;
    Ok(Added { placeholder_id })
}

/// What a row after the header is, before its values are read.
#[derive(Debug, PartialEq, Eq)]
pub enum Screen {
    Data,
    /// The header again (repeated on every printed page): ignored.
    RepeatedHeader,
    /// A total row: ignored.
    Total,
    /// Rejected as a whole with `code`, shown at `cell` (0-based): more filled cells than the
    /// header has columns (the values have probably shifted; `field` is `None`), or a NUL byte
    /// (0x00) in a cell the report reads (damage, such as a zero-filled block, not a value).
    Damaged {
        field: Option<Field>,
        cell: usize,
        code: Code,
    },
}

/// Screens a row after the header (`headers`: the header row's cells).
pub fn screen(cells: Cells, headers: &[String]) -> Screen {
    let rec = cells.rec;
    if let Some(c) = cells.map[Field::Received as usize] {
        if rec.get(c) == headers[c].trim().as_bytes() {
            return Screen::RepeatedHeader;
        }
    }
    if cells.get(Field::Received).is_empty() && is_total(rec) {
        return Screen::Total;
    }
    let width = headers.len();
    if let Some(cell) = (width..rec.len()).find(|&i| !rec.get(i).is_empty()) {
        return Screen::Damaged {
            field: None,
            cell,
            code: Code::ExtraCells,
        };
    }
    if !rec.may_contain(0) {
        return Screen::Data;
    }
    let nul = |c: usize| memchr::memchr(0, rec.raw(c)).is_some();
    match Field::ALL
        .into_iter()
        .find_map(|f| cells.map[f as usize].filter(|&c| nul(c)).map(|c| (f, c)))
    {
        Some((f, cell)) => Screen::Damaged {
            field: Some(f),
            cell,
            code: Code::NulByte,
        },
        None => Screen::Data,
    }
}

/// «Tổng cộng», «Tổng số», «Cộng» (or «Total») in one of the first four cells.
pub fn is_total(rec: &Record) -> bool {
    crate::table::cells::is_total_row((0..rec.len()).map(|i| rec.get(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_caches_stop_growing_at_their_limit() {
        let mut map = FxHashMap::default();
        for i in 0..3 * MAX_CACHED_VALUES {
            let raw = format!("trạng thái {i}");
            assert!(cached(&mut map, raw.as_bytes(), values::parse_status).is_err());
        }
        assert_eq!(map.len(), MAX_CACHED_VALUES);
        // a value seen before the limit is still cached, a later one still parsed
        assert_eq!(
            cached(&mut map, b"9", values::parse_status),
            Ok(Status::Done)
        );
    }

    #[test]
    fn placeholder_ids() {
        for id in [
            "-", "--", " - ", "0", "000", "null", "NULL", "N/A", "#N/A", "không", "Không", ".",
            "none",
        ] {
            assert!(is_placeholder_id(id.as_bytes()), "{id}");
        }
        for id in ["H1", "000.12.34.H01-240102-0001", "01", "10", "K", "Hà"] {
            assert!(!is_placeholder_id(id.as_bytes()), "{id}");
        }
    }
}
