//! Layer 5, outputs: the dossier `Report` (and the QĐ 766 `IndexReport`) as an Excel
//! workbook, and any table of strings as CSV. Uses `basics`, `dossier` and `index`; knows nothing
//! of the page or the CLI, which only hand the bytes over (`tthc report --xlsx`, «Xuất Excel»,
//! the tables' «CSV»).
//!
//! Files: `book` (the workbook: one sheet per view of the page), `sheet` (a worksheet writer:
//! typed cells, widths from content, frozen header, A4 print set-up), `dossier` and `index` (the
//! sheets of a Report and of an IndexReport), `csv` ([`table_csv`]), `form06` (the Report as
//! the aggregated form 06 of Thông tư 01/2020/TT-VPCP or its II.06a variant, .xlsx or CSV).
//!
//! # Choices
//!
//! - **Numbers are numbers.** Counts are written as numbers formatted `#,##0`, rates as
//!   fractions formatted `0.00%` (the Report's 99,84 is written 0,9984), days and points `0.00`,
//!   points per dossier `0.0000`, dates as dates `dd/mm/yyyy`, months `mm/yyyy`. A value the
//!   Report does not have (a rate of 0 dossiers) is the page's «–», as text.
//! - **No locale prefix in the format codes.** A format code in a workbook is stored in the
//!   file's neutral notation (`,` groups, `.` decimals) and each program shows it with the
//!   reader's separators: on a machine with Vietnamese regional settings Excel and LibreOffice
//!   show 98.942, 99,84% and 31/12/2024. A prefix such as `[$-42A]` (Vietnamese) does not change
//!   the separators in Excel — they come from Windows or Excel's options — only the language of
//!   month and day names, which `dd/mm/yyyy` does not use; LibreOffice, however, reads it as the
//!   cell's language and then forces Vietnamese separators whatever the machine's settings, so
//!   the same file would read 98.942 in LibreOffice and 98,942 in an English Excel. Without the
//!   prefix both programs agree with the machine they run on. (Checked by hand with LibreOffice
//!   7.4 converting the sample's workbook to PDF: without the prefix it shows 98.942 and 99,84%
//!   under `vi_VN`, 98,942 and 99.84% under `en_US`; with `[$-42A]` 98.942 under both.)
//! - **Strings stay strings.** Every text is written with `write_string` (or a merged range of
//!   text), never as a formula, so a unit named `=HYPERLINK(…)` is shown as typed and nothing
//!   runs when the workbook is opened (`tests/export.rs` reads it back). Texts longer than a cell
//!   holds (32.767 characters) are cut, and a table longer than a sheet is cut with a note.
//! - **CSV is neutralised** ([`table_csv`]): see `csv`.

mod book;
mod csv;
mod dossier;
mod form06;
mod index;
mod sheet;

pub use crate::dossier::form::Variant as FormVariant;
pub use book::{index_xlsx, report_xlsx};
pub use csv::{neutralise, table_csv};
pub use form06::{form06_csv, form06_xlsx};
