//! The aggregated form 06 of Thông tư 01/2020/TT-VPCP («Biểu số 06/VPCP/KSTT», rows by field
//! within the levels) and its II.06a variant (rows by unit): the vocabulary both the writer
//! (`export::form06`) and the reader (`dossier::form_read`) use, so that what is written is read
//! back the same (domain.md §2.1–2.2).
//!
//! # The columns and `Counts`
//!
//! The form's 11 figures (its columns 3–13) are, from the [`Counts`] of a row:
//!
//! | col | form | Counts |
//! |---|---|---|
//! | 3 | Số hồ sơ nhận giải quyết — Tổng số | received + carried_over |
//! | 4 | Trực tuyến | received_online |
//! | 5 | Trực tiếp, dịch vụ bưu chính | received_direct + received_postal |
//! | 6 | Từ kỳ trước | carried_over |
//! | 7 | Số hồ sơ đã giải quyết — Tổng số | resolved |
//! | 8 | Trước hạn | early |
//! | 9 | Đúng hạn | on_time − early (on the due day) |
//! | 10 | Quá hạn | late |
//! | 11 | Số lượng hồ sơ đang giải quyết — Tổng số | pending |
//! | 12 | Trong hạn | pending − pending_overdue |
//! | 13 | Quá hạn | pending_overdue |
//!
//! so 3 = 4 + 5 + 6, 7 = 8 + 9 + 10 and 11 = 12 + 13 hold for every row written. A dossier
//! whose channel the file does not say is counted as received directly (KenhThucHien null =
//! trực tiếp, domain.md §2.4): it is in column 5. Reading a form back gives the same Counts for
//! these figures ([`counts_of`]); what the form does not carry (digitised, paid online, ratings,
//! processing time, withdrawn…) is 0 and its `*_known` count 0, so its rates are «chưa có dữ
//! liệu».

use crate::dossier::aggregate::Counts;
use crate::dossier::model::Level;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which form: rows by field within the levels (06) or by unit (II.06a).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Variant {
    /// «Biểu số 06/VPCP/KSTT»: rows by field (lĩnh vực) within each level.
    #[serde(rename = "06")]
    Form06,
    /// «Biểu số II.06a/VPCP/KSTT»: rows by unit (đơn vị) within each level.
    #[serde(rename = "II.06a")]
    Ii06a,
}

impl Variant {
    /// The form's number as printed: «06/VPCP/KSTT», «II.06a/VPCP/KSTT».
    pub fn number(self) -> &'static str {
        match self {
            Variant::Form06 => "06/VPCP/KSTT",
            Variant::Ii06a => "II.06a/VPCP/KSTT",
        }
    }

    /// The form's title (upper case, as printed).
    pub fn title(self) -> &'static str {
        match self {
            Variant::Form06 => "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            Variant::Ii06a => "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        }
    }

    /// The first header row: 13 cells, a merged group's text in its first cell.
    pub fn header1(self) -> [&'static str; 13] {
        let (stt, name, rec, res, pen) = match self {
            Variant::Form06 => (
                "STT",
                "Lĩnh vực, công việc giải quyết theo cấp",
                "Số hồ sơ nhận giải quyết",
                "Số hồ sơ đã giải quyết",
                "Số lượng hồ sơ đang giải quyết",
            ),
            Variant::Ii06a => (
                "TT",
                "Đơn vị",
                "Tiếp nhận",
                "Số lượng hồ sơ đã giải quyết",
                "Hồ sơ đang xử lý",
            ),
        };
        [stt, name, rec, "", "", "", res, "", "", "", pen, "", ""]
    }

    /// The second header row (the columns under each group).
    pub fn header2(self) -> [&'static str; 13] {
        match self {
            Variant::Form06 => [
                "",
                "",
                "Tổng số",
                "Trực tuyến",
                "Trực tiếp, dịch vụ bưu chính",
                "Từ kỳ trước",
                "Tổng số",
                "Trước hạn",
                "Đúng hạn",
                "Quá hạn",
                "Tổng số",
                "Trong hạn",
                "Quá hạn",
            ],
            Variant::Ii06a => [
                "",
                "",
                "Tổng số",
                "Trong kỳ: Trực tuyến",
                "Trong kỳ: Trực tiếp, dịch vụ bưu chính",
                "Kỳ trước",
                "Tổng số",
                "Trước hạn",
                "Đúng hạn",
                "Quá hạn",
                "Tổng số",
                "Đúng hạn",
                "Quá hạn",
            ],
        }
    }
}

/// «Ban hành theo …», the line under the form's number.
pub const ISSUED_BY: &str =
    "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ";
/// The unit of the figures.
pub const UNIT_LINE: &str = "Đơn vị tính: Số hồ sơ TTHC";

/// The heading of a level's group of rows.
pub fn group_label(level: Level) -> &'static str {
    match level {
        Level::Province => "Sở ban ngành",
        Level::District => "Huyện, thị xã, thành phố",
        Level::Commune => "Xã, phường, thị trấn",
    }
}

/// The form's 11 figures (columns 3–13) of a row's counts (module docs).
pub fn columns(c: &Counts) -> [u64; 11] {
    let received = c.received_online + c.received_direct + c.received_postal;
    [
        received + c.carried_over,
        c.received_online,
        c.received_direct + c.received_postal,
        c.carried_over,
        c.resolved,
        c.early,
        c.on_time.saturating_sub(c.early),
        c.late,
        c.pending,
        c.pending.saturating_sub(c.pending_overdue),
        c.pending_overdue,
    ]
}

/// The parts that do not add up in a row's 11 figures: `(total column, its value, the sum of
/// its parts)` for each of 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13 that fails.
pub fn mismatches(v: &[u64; 11]) -> Vec<(usize, u64, u64)> {
    [
        (3, v[0], v[1] + v[2] + v[3]),
        (7, v[4], v[5] + v[6] + v[7]),
        (11, v[8], v[9] + v[10]),
    ]
    .into_iter()
    .filter(|(_, total, parts)| total != parts)
    .collect()
}

/// The Counts of a form row's 11 figures (the inverse of [`columns`]; module docs). The channel
/// is known for every dossier received: the form states it.
pub fn counts_of(v: &[u64; 11]) -> Counts {
    Counts {
        received: v[1] + v[2],
        received_online: v[1],
        received_direct: v[2],
        channel_known: v[1] + v[2],
        carried_over: v[3],
        resolved: v[4],
        early: v[5],
        on_time: v[5] + v[6],
        late: v[7],
        pending: v[8],
        pending_overdue: v[10],
        ..Counts::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_add_up_and_read_back() {
        let c = Counts {
            received: 10,
            received_online: 4,
            received_direct: 5,
            received_postal: 1,
            channel_known: 10,
            carried_over: 3,
            resolved: 9,
            on_time: 8,
            early: 6,
            late: 1,
            pending: 4,
            pending_overdue: 1,
            ..Counts::default()
        };
        let v = columns(&c);
        assert_eq!(v, [13, 4, 6, 3, 9, 6, 2, 1, 4, 3, 1]);
        assert!(mismatches(&v).is_empty());
        let back = counts_of(&v);
        assert_eq!(columns(&back), v);
        assert_eq!(
            (
                back.received,
                back.resolved,
                back.on_time,
                back.late,
                back.pending
            ),
            (10, 9, 8, 1, 4)
        );
        let mut bad = v;
        bad[0] = 12;
        bad[9] = 2;
        assert_eq!(mismatches(&bad), [(3, 12, 13), (11, 4, 3)]);
    }
}
