//! Every problem code of the crate, listed once, each with its Vietnamese and English text: the
//! dossier reader's first, then the index's (`IndexProblem.code`).
//!
//! A code is what a reader says about a row, a cell or a file it could not use. It serialises to
//! a stable snake_case string (`bad_date`), the string the Report has always carried, so adding
//! a code is adding a variant here and nowhere else; a misspelt code does not compile.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = $key:literal, $vi:literal, $en:literal; )*) => {
        /// A stable problem code. See the module docs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum Code {
            $( $(#[$doc])* #[serde(rename = $key)] $name, )*
        }

        impl Code {
            /// Every code, in the order of this file.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The stable machine string (`bad_date`).
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$name => $key,)* }
            }

            /// The Vietnamese explanation shown to the user.
            pub const fn vi(self) -> &'static str {
                match self { $(Code::$name => $vi,)* }
            }

            /// The English explanation (the page's English mode).
            pub const fn en(self) -> &'static str {
                match self { $(Code::$name => $en,)* }
            }

            /// The code of a machine string, if it is one.
            pub fn parse(s: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

codes! {
    // ── cells of a dossier row ──
    BadDate = "bad_date",
        "Ngày không hợp lệ (cần dd/mm/yyyy, dd/mm/yyyy HH:MM, yyyy-mm-dd hoặc yyyyMMddHHmmss)",
        "Invalid date (expected dd/mm/yyyy, dd/mm/yyyy HH:MM, yyyy-mm-dd or yyyyMMddHHmmss)";
    NulByte = "nul_byte",
        "Ô có ký tự NUL (byte 0x00): dữ liệu bị hỏng ở dòng này, dòng không được tính",
        "A cell holds a NUL character (byte 0x00): the data is damaged at this row; the row is not counted";
    ExtraCells = "extra_cells",
        "Dòng có nhiều ô có dữ liệu hơn số cột của dòng tiêu đề (dấu phân cách trong một ô chưa đặt trong ngoặc kép?): các giá trị có thể đã lệch cột, dòng không được tính",
        "The row has more filled cells than the header has columns (a delimiter inside an unquoted cell?): its values may have shifted; the row is not counted";
    DateYear = "date_year",
        "Năm của ngày nằm ngoài khoảng 1900–2100 (gõ nhầm năm?)",
        "The date's year is outside 1900–2100 (a typo in the year?)";
    BadStatus = "bad_status",
        "Trạng thái hồ sơ không nhận ra (cần mã 1–10 hoặc tên trạng thái)",
        "Unrecognised dossier status (expected code 1–10 or a status name)";
    BadChannel = "bad_channel",
        "Hình thức nộp không nhận ra (cần Trực tiếp / Trực tuyến / Bưu chính hoặc mã 1–3)",
        "Unrecognised channel (expected direct / online / postal or code 1–3)";
    BadBool = "bad_bool",
        "Giá trị có/không không nhận ra (cần Có/Không, x, 1/0, true/false)",
        "Unrecognised yes/no value (expected Có/Không, x, 1/0, true/false)";
    BadLevel = "bad_level",
        "Cấp thực hiện không nhận ra (cần Cấp tỉnh / Cấp huyện / Cấp xã)",
        "Unrecognised level (expected province / district / commune)";
    BadRating = "bad_rating",
        "Đánh giá không nhận ra (cần Hài lòng / Bình thường / Không hài lòng hoặc 1–5)",
        "Unrecognised rating (expected satisfied / neutral / unsatisfied or 1–5)";
    // ── a dossier row as a whole ──
    MissingId = "missing_id", "Thiếu mã hồ sơ", "Missing dossier code";
    MissingReceived = "missing_received", "Thiếu ngày tiếp nhận", "Missing receipt date";
    MissingFinished = "missing_finished",
        "Trạng thái đã giải quyết nhưng thiếu ngày kết thúc xử lý",
        "Finished status but no end-of-processing date";
    FinishedBeforeReceived = "finished_before_received",
        "Ngày kết thúc xử lý trước ngày tiếp nhận",
        "End of processing before the receipt date";
    Malformed = "malformed",
        "Bản ghi không đọc được (sai cú pháp)",
        "The record cannot be read (syntax error)";
    RecordTooLong = "record_too_long",
        "Dòng quá dài: vượt giới hạn độ dài của một dòng (1 MiB), bị bỏ qua, đọc tiếp từ dòng sau",
        "Line too long: over the limit for one line (1 MiB), skipped; reading goes on at the next line";
    OpenQuote = "open_quote",
        "Dấu ngoặc kép mở mà không đóng: ô kéo dài qua nhiều dòng hoặc đến hết tệp, các dòng bị gộp vào một ô",
        "An opening quote never closed: the cell spans many lines or runs to the end of the file, merging them";
    PlaceholderId = "placeholder_id",
        "Mã hồ sơ là giá trị giữ chỗ («-», «0», «null», «N/A», «không»…): mỗi dòng được tính là một hồ sơ, không dùng mã này để loại trùng",
        "A placeholder dossier code («-», «0», «null», «N/A»…): each row counts as one dossier, not deduplicated by this code";
    TooManyNames = "too_many_names",
        "Quá nhiều tên khác nhau (đơn vị, lĩnh vực hoặc thủ tục): vượt giới hạn 200.000 tên, dòng bị bỏ qua",
        "Too many distinct names (units, fields or procedures): over the limit of 200,000, row skipped";
    StoreFull = "store_full",
        "Vượt giới hạn số hồ sơ giữ trong bộ nhớ: dòng không được đọc",
        "Over the limit of dossiers held in memory: the row is not read";
    // ── a dossier file ──
    NoHeader = "no_header",
        "Không tìm thấy dòng tiêu đề cột trong tệp",
        "No header row found in the file";
    MissingColumn = "missing_column", "Tệp thiếu cột bắt buộc", "A required column is missing";
    // ── an aggregated form 06 / II.06a ──
    FormParts = "form_parts",
        "Các phần không cộng lại bằng tổng số (cột 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13)",
        "The parts do not add up to the total (column 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13)";
    FormTotal = "form_total",
        "Dòng cộng hoặc tổng cộng khác tổng các dòng của biểu",
        "A subtotal or total row differs from the sum of the form's rows";
    FormNoGroup = "form_no_group",
        "Dòng của biểu nằm ngoài nhóm cấp (Sở ban ngành / Huyện, thị xã, thành phố / Xã, phường, thị trấn)",
        "A row of the form outside a level group (provincial departments / districts / communes)";
    FormOverlap = "form_overlap",
        "Biểu tổng hợp trùng phạm vi với số liệu đã nạp",
        "The aggregated form covers the same scope as data already loaded";
    // ── index inputs: a file as a whole ──
    Empty = "empty", "Tệp rỗng hoặc không có bản ghi nào dùng được",
        "The file is empty or has no usable record";
    TooLarge = "too_large",
        "Tệp lớn hơn giới hạn của tệp đầu vào Chỉ số 766",
        "The file is larger than the limit for an input of the 766 index";
    BadJson = "bad_json", "Tệp JSON không đọc được", "The JSON file cannot be read";
    UnknownJson = "unknown_json",
        "Không nhận ra loại tệp JSON",
        "Unrecognised kind of JSON file";
    BadMethodology = "bad_methodology",
        "Tệp phương pháp tính không hợp lệ",
        "Invalid methodology file";
    BadReport = "bad_report", "Báo cáo hồ sơ không hợp lệ", "Invalid dossier report";
    BadOptions = "bad_options",
        "Tùy chọn đọc danh sách hồ sơ không hợp lệ",
        "Invalid options for reading the dossier list";
    DossierFile = "dossier_file",
        "Tệp danh sách hồ sơ không đọc được",
        "The dossier list cannot be read";
    PortalError = "portal_error",
        "Cổng DVCQG trả về lỗi thay cho dữ liệu",
        "The national portal returned an error instead of data";
    // ── index inputs: a record or a cell ──
    BadNumber = "bad_number", "Giá trị không phải là số", "The value is not a number";
    Negative = "negative", "Số âm không hợp lệ", "A negative number is not valid here";
    BadValue = "bad_value",
        "Giá trị không nhận ra trong danh mục TTHC",
        "Unrecognised value in the procedure catalogue";
    MissingScore = "missing_score", "Thiếu tổng điểm", "The total score is missing";
    BadScore = "bad_score", "Điểm không hợp lệ", "Invalid score";
    BadPeriod = "bad_period", "Kỳ đánh giá không nhận ra", "Unrecognised evaluation period";
    NoName = "no_name",
        "Bản ghi của Cổng thiếu tên đơn vị (departmentName)",
        "A portal record without a unit name (departmentName)";
    NoCode = "no_code",
        "Chỉ tiêu của Cổng thiếu mã (code)",
        "A portal metric without a code";
    // ── index inputs: manual entries ──
    BadManual = "bad_manual", "Số liệu nhập tay không hợp lệ", "Invalid manual entry";
    UnknownIndicator = "unknown_indicator",
        "Không có chỉ tiêu này trong phương pháp tính",
        "No such indicator in the methodology";
    UnknownTerm = "unknown_term",
        "Chỉ tiêu không có thành phần này",
        "The indicator has no such term";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert_eq!(Code::parse(c.as_str()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), c);
            assert!(!c.vi().is_empty() && !c.en().is_empty());
            assert!(c
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
    }
}
