//! The header row of a dossier file: its cells as text, the user's column overrides applied to
//! the recognised mapping, the mapping as the Report lists it, the required columns missing.
//! (Moved out of `analyzer` as it stays under 700 lines; used only by it.)

use crate::basics::text::nfc;
use crate::dossier::fields::{Field, Mapping, FIELD_COUNT};
use crate::dossier::options::Column;
use crate::dossier::report::{FileInfo, MappingEntry};
use crate::table::columns::{find_column, NoSuchColumn};
use crate::table::reader::Record;

/// A record's cells as header text: trimmed, NFC.
pub(super) fn header_cells(rec: &Record<'_>) -> Vec<String> {
    (0..rec.len())
        .map(|i| nfc(String::from_utf8_lossy(rec.get(i)).trim()).into_owned())
        .collect()
}

/// Excel's name of a 0-based column: A, B, …, Z, AA, AB…
pub(super) fn column_letter(c: u32) -> String {
    let mut n = c + 1;
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Applies the user's column overrides to the recognised mapping (a column given to one field
/// is taken from any other); an override naming no column leaves a warning. Returns which fields
/// were overridden.
pub(super) fn apply_overrides(
    overrides: &[(Field, Column)],
    cells: &[String],
    map: &mut Mapping,
    info: &mut FileInfo,
) -> [bool; FIELD_COUNT] {
    let mut overridden = [false; FIELD_COUNT];
    for (f, wanted) in overrides {
        let found = match wanted {
            Column::Index(i) if *i < cells.len() => Ok(Some(*i)),
            Column::Index(_) => Err(NoSuchColumn),
            Column::Header(h) => find_column(cells, h),
        };
        match found {
            Ok(col) => {
                if let Some(c) = col {
                    for m in map.iter_mut() {
                        if *m == Some(c) {
                            *m = None;
                        }
                    }
                }
                map[*f as usize] = col;
                overridden[*f as usize] = true;
            }
            Err(NoSuchColumn) => {
                let wanted = match wanted {
                    Column::Index(i) => format!("số {}", i + 1),
                    Column::Header(h) => h.clone(),
                };
                info.warnings.push(format!(
                    "Không có cột «{wanted}» cho trường «{}»; giữ cột tự nhận",
                    f.label()
                ));
            }
        }
    }
    overridden
}

/// The report's mapping: one entry per canonical field, mapped or not.
pub(super) fn mapping_entries(
    map: &Mapping,
    cells: &[String],
    overridden: &[bool; FIELD_COUNT],
) -> Vec<MappingEntry> {
    Field::ALL
        .iter()
        .map(|&f| MappingEntry {
            field: f.key().into(),
            label: f.label().into(),
            column: map[f as usize],
            header: map[f as usize].map(|c| cells[c].clone()),
            overridden: overridden[f as usize],
        })
        .collect()
}

/// The labels of the required fields the mapping lacks (receipt date; end of processing or
/// return date), joined; `None` when the file can be read.
pub(super) fn missing_required(map: &Mapping) -> Option<String> {
    let has = |f: Field| map[f as usize].is_some();
    let missing: Vec<&str> = [
        (Field::Received, has(Field::Received)),
        (
            Field::Finished,
            has(Field::Finished) || has(Field::Returned),
        ),
    ]
    .iter()
    .filter(|(_, ok)| !ok)
    .map(|(f, _)| f.label())
    .collect();
    (!missing.is_empty()).then(|| missing.join(", "))
}
