//! Header detection and column recognition. Names are matched after `text::fold`, so the three
//! naming families — Vietnamese headers as exported («Ngày tiếp nhận»), the same without
//! diacritics or in snake_case (`ngay_tiep_nhan`), and the national portal's sync names
//! (`NgayTiepNhan`, domain.md §3.1) — fold to the same key.
//!
//! Adding a column (a new canonical field) touches, in order:
//! 1. here: a [`Field`] variant, `FIELD_COUNT`, `Field::ALL`, `key`, `label`, `aliases`;
//! 2. `model.rs`: where the value lives in [`Dossier`](crate::dossier::model::Dossier) (a field,
//!    or a bit of `flags`);
//! 3. `values.rs` (or `table::cells`): the parser of its cells, returning a `problem::Code`;
//! 4. `records.rs`: read the cell (`read_dates` / `read_categories`, with a cache in `Caches` for
//!    a categorical value), any consistency rule in `check_row`, and fill it in `add_dossier`;
//! 5. `classify.rs` / `aggregate.rs` / `report.rs`, only if it changes a figure or the Report
//!    (then `MappingEntry`'s doc lists the keys);
//! 6. README.md's column table.

use crate::table::columns::match_columns;

/// The canonical dossier fields a column can be mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    ProcedureCode,
    ProcedureName,
    FieldCode,
    FieldName,
    Unit,
    Level,
    Channel,
    Received,
    Due,
    Finished,
    Returned,
    Status,
    PaidOnline,
    Digitized,
    Rating,
}

pub const FIELD_COUNT: usize = 16;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Id,
        Field::ProcedureCode,
        Field::ProcedureName,
        Field::FieldCode,
        Field::FieldName,
        Field::Unit,
        Field::Level,
        Field::Channel,
        Field::Received,
        Field::Due,
        Field::Finished,
        Field::Returned,
        Field::Status,
        Field::PaidOnline,
        Field::Digitized,
        Field::Rating,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::ProcedureCode => "procedure_code",
            Field::ProcedureName => "procedure_name",
            Field::FieldCode => "field_code",
            Field::FieldName => "field_name",
            Field::Unit => "unit",
            Field::Level => "level",
            Field::Channel => "channel",
            Field::Received => "received",
            Field::Due => "due",
            Field::Finished => "finished",
            Field::Returned => "returned",
            Field::Status => "status",
            Field::PaidOnline => "paid_online",
            Field::Digitized => "digitized",
            Field::Rating => "rating",
        }
    }

    pub fn from_key(k: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == k)
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "Mã hồ sơ",
            Field::ProcedureCode => "Mã TTHC",
            Field::ProcedureName => "Tên thủ tục hành chính",
            Field::FieldCode => "Mã lĩnh vực",
            Field::FieldName => "Lĩnh vực",
            Field::Unit => "Cơ quan giải quyết",
            Field::Level => "Cấp thực hiện",
            Field::Channel => "Hình thức nộp",
            Field::Received => "Ngày tiếp nhận",
            Field::Due => "Ngày hẹn trả",
            Field::Finished => "Ngày kết thúc xử lý",
            Field::Returned => "Ngày trả kết quả",
            Field::Status => "Trạng thái",
            Field::PaidOnline => "Thanh toán trực tuyến",
            Field::Digitized => "Số hóa",
            Field::Rating => "Đánh giá",
        }
    }

    /// Folded names recognised for the field, most specific first. Over 80 lines because it is
    /// a data table: one alias list per field.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "ma ho so",
                "so ho so",
                "ma hs",
                "ma so ho so",
                "ma ho so tthc",
                "ma bien nhan",
                "so bien nhan",
                "dossier id",
                "dossier code",
                // the canonical records' header (`dossier::canonical`)
                "id",
            ],
            Field::ProcedureCode => &[
                "ma tthc",
                "ma thu tuc",
                "ma thu tuc hanh chinh",
                "ma thu tuc tthc",
                "ma dich vu",
                "procedure code",
            ],
            Field::ProcedureName => &[
                "ten tthc",
                "ten thu tuc hanh chinh",
                "ten thu tuc",
                "thu tuc hanh chinh",
                "thu tuc",
                "tthc",
                "ten dich vu cong",
                "procedure",
                "procedure name",
            ],
            Field::FieldCode => &["ma linh vuc", "field code"],
            Field::FieldName => &["ten linh vuc", "linh vuc", "linh vuc tthc", "field"],
            Field::Unit => &[
                "co quan giai quyet",
                "don vi xu ly",
                "don vi giai quyet",
                "co quan thuc hien",
                "don vi thuc hien",
                "co quan xu ly",
                "co quan tiep nhan",
                "don vi tiep nhan",
                "ten don vi",
                "ten co quan",
                "co quan",
                "don vi",
                "noi tiep nhan",
                "unit",
                "agency",
            ],
            Field::Level => &[
                "cap thuc hien",
                "cap giai quyet",
                "cap don vi",
                "cap hanh chinh",
                "cap",
                "level",
            ],
            Field::Channel => &[
                "hinh thuc nop",
                "hinh thuc nop ho so",
                "kenh thuc hien",
                "kenh tiep nhan",
                "hinh thuc tiep nhan",
                "kenh nop",
                "kenh",
                "hinh thuc",
                "channel",
            ],
            Field::Received => &[
                "ngay tiep nhan",
                "ngay nhan",
                "ngay nhan ho so",
                "thoi gian tiep nhan",
                "ngay tiep nhan ho so",
                "ngay nop",
                "ngay nop ho so",
                "received",
            ],
            Field::Due => &[
                "ngay hen tra",
                "ngay hen tra ket qua",
                "han xu ly",
                "han giai quyet",
                "ngay het han",
                "thoi han giai quyet",
                "due",
                "due date",
            ],
            Field::Finished => &[
                "ngay ket thuc xu ly",
                "ngay co ket qua",
                "ngay xu ly xong",
                "ngay hoan thanh",
                "ngay giai quyet xong",
                "ngay ket thuc",
                "thoi gian ket thuc xu ly",
                "ngay giai quyet",
                "finished",
            ],
            Field::Returned => &["ngay tra", "ngay tra ket qua", "ngay tra kq", "returned"],
            Field::Status => &[
                "trang thai",
                "trang thai ho so",
                "tinh trang",
                "tinh trang ho so",
                "trang thai xu ly",
                "status",
            ],
            Field::PaidOnline => &[
                "thanh toan truc tuyen",
                "duoc thanh toan truc tuyen",
                "da thanh toan truc tuyen",
                "thanh toan online",
                "tt truc tuyen",
                "paid online",
            ],
            Field::Digitized => &[
                "so hoa",
                "ho so co thanh phan so hoa",
                "da so hoa",
                "so hoa ho so",
                "so hoa ket qua",
                "co so hoa",
                "ho so so hoa",
                "digitized",
            ],
            Field::Rating => &[
                "danh gia",
                "muc do hai long",
                "danh gia hai long",
                "ket qua danh gia",
                "rating",
            ],
        }
    }
}

/// Column index per field; `None` when the file has no such column.
pub type Mapping = [Option<usize>; FIELD_COUNT];

/// The national portal's sync names (DongBoHoSoMC, domain.md §3.1) as written, case included,
/// with the field each one is; a field named twice takes the first present. A header cell
/// written exactly so is that field whatever its position (the aliases' tie-break, the leftmost
/// column, would let `NgayNopHoSo` take «received» before `NgayTiepNhan`). `TaiLieuNop.DuocSoHoa`
/// is the JSON reader's flag «some submitted document is digitised» (`table::json_rows`), used
/// when the dossier-level `HoSoCoThanhPhanSoHoa` is absent.
const SYNC_NAMES: [(&str, Field); 15] = [
    ("MaHoSo", Field::Id),
    ("MaTTHC", Field::ProcedureCode),
    ("TenTTHC", Field::ProcedureName),
    ("MaLinhVuc", Field::FieldCode),
    ("TenLinhVuc", Field::FieldName),
    ("DonViXuLy", Field::Unit),
    ("KenhThucHien", Field::Channel),
    ("NgayTiepNhan", Field::Received),
    ("NgayHenTra", Field::Due),
    ("NgayKetThucXuLy", Field::Finished),
    ("NgayTra", Field::Returned),
    ("TrangThaiHoSo", Field::Status),
    ("DuocThanhToanTrucTuyen", Field::PaidOnline),
    ("HoSoCoThanhPhanSoHoa", Field::Digitized),
    ("TaiLieuNop.DuocSoHoa", Field::Digitized),
];

/// Whether a header cell is a sync name that is none of our fields although its folded form
/// looks like one: `HinhThuc` is the return form in DongBoHoSoMC (0 at the counter, 1 by post),
/// `HinhThucTra` / `HinhThucThu` likewise; the channel is `KenhThucHien`.
fn sync_not_a_field(cell: &str) -> bool {
    cell.trim().starts_with("HinhThuc")
}

/// Recognises the columns of a dossier header row: the sync names written exactly first, then
/// the aliases (after folding) for the fields and columns left.
pub fn recognise(cells: &[String]) -> Mapping {
    let mut map: Mapping = [None; FIELD_COUNT];
    let mut taken: Vec<usize> = Vec::new();
    for (name, f) in SYNC_NAMES {
        if map[f as usize].is_none() {
            if let Some(c) = cells.iter().position(|c| c.trim() == name) {
                map[f as usize] = Some(c);
                taken.push(c);
            }
        }
    }
    taken.extend((0..cells.len()).filter(|&c| sync_not_a_field(&cells[c])));
    let fields: Vec<(Field, &[&str])> = Field::ALL
        .iter()
        .filter(|&&f| map[f as usize].is_none())
        .map(|&f| (f, f.aliases()))
        .collect();
    for (f, col) in match_columns(cells, &fields, &taken) {
        map[f as usize] = Some(col);
    }
    map
}

/// A row is the header when at least three of its cells name distinct fields, one of them a date
/// or the dossier code.
pub fn is_header(map: &Mapping) -> bool {
    let n = map.iter().filter(|c| c.is_some()).count();
    let anchor = [Field::Received, Field::Finished, Field::Returned, Field::Id]
        .iter()
        .any(|f| map[*f as usize].is_some());
    n >= 3 && anchor
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::columns::{find_column, NoSuchColumn};

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn mapped(m: &Mapping, f: Field) -> Option<usize> {
        m[f as usize]
    }

    #[test]
    fn three_naming_families() {
        let families = [
            cells(&[
                "STT",
                "Mã hồ sơ",
                "Mã TTHC",
                "Tên thủ tục hành chính",
                "Lĩnh vực",
                "Cơ quan giải quyết",
                "Hình thức nộp",
                "Ngày tiếp nhận",
                "Ngày hẹn trả",
                "Ngày có kết quả",
                "Ngày trả kết quả",
                "Trạng thái",
                "Thanh toán trực tuyến",
                "Số hóa",
                "Đánh giá",
            ]),
            cells(&[
                "stt",
                "ma_ho_so",
                "ma_tthc",
                "ten_thu_tuc_hanh_chinh",
                "linh_vuc",
                "don_vi_xu_ly",
                "kenh",
                "ngay_tiep_nhan",
                "ngay_hen_tra",
                "ngay_ket_thuc_xu_ly",
                "ngay_tra",
                "trang_thai",
                "thanh_toan_truc_tuyen",
                "so_hoa",
                "danh_gia",
            ]),
            cells(&[
                "STT",
                "MaHoSo",
                "MaTTHC",
                "TenTTHC",
                "TenLinhVuc",
                "DonViXuLy",
                "KenhThucHien",
                "NgayTiepNhan",
                "NgayHenTra",
                "NgayKetThucXuLy",
                "NgayTra",
                "TrangThaiHoSo",
                "DuocThanhToanTrucTuyen",
                "HoSoCoThanhPhanSoHoa",
                "DanhGia",
            ]),
        ];
        for c in &families {
            let m = recognise(c);
            assert!(is_header(&m), "{c:?}");
            let want = [
                (Field::Id, 1),
                (Field::ProcedureCode, 2),
                (Field::ProcedureName, 3),
                (Field::FieldName, 4),
                (Field::Unit, 5),
                (Field::Channel, 6),
                (Field::Received, 7),
                (Field::Due, 8),
                (Field::Finished, 9),
                (Field::Returned, 10),
                (Field::Status, 11),
                (Field::PaidOnline, 12),
                (Field::Digitized, 13),
                (Field::Rating, 14),
            ];
            for (f, col) in want {
                assert_eq!(mapped(&m, f), Some(col), "{f:?} in {c:?}");
            }
        }
    }

    #[test]
    fn the_sync_payload_keys() {
        // every key of DongBoHoSoMC (domain.md §3.1) as the JSON reader flattens it
        let keys = cells(&[
            "MaHoSo",
            "MaTTHC",
            "TenTTHC",
            "MaLinhVuc",
            "TenLinhVuc",
            "ChuHoSo",
            "LoaiDoiTuong",
            "MaDoiTuong",
            "ThongTinKhac",
            "Email",
            "Fax",
            "SoDienThoai",
            "TrichYeuHoSo",
            "NgayNopHoSo",
            "NgayTiepNhan",
            "NgayHenTra",
            "TrangThaiHoSo",
            "NgayTra",
            "ThongTinTra",
            "HinhThuc",
            "HinhThucTra",
            "NgayKetThucXuLy",
            "DonViTinh",
            "DonViXuLy",
            "GhiChu",
            "TaiLieuNop",
            "TaiLieuNop.TepDinhKemId",
            "TaiLieuNop.TenTepDinhKem",
            "TaiLieuNop.DuocSoHoa",
            "DanhSachLePhi",
            "DanhSachLePhi.HinhThucThu",
            "DanhSachLePhi.Gia",
            "DanhSachHoSoBoSung.NgayHenTraMoi",
            "DanhSachGiayToKetQua.DuongDanTepTinKetQua",
            "KenhThucHien",
            "DuocThanhToanTrucTuyen",
            "HoSoCoThanhPhanSoHoa",
        ]);
        let m = recognise(&keys);
        assert!(is_header(&m));
        let at = |name: &str| keys.iter().position(|k| k == name);
        for (f, name) in [
            (Field::Id, "MaHoSo"),
            (Field::ProcedureCode, "MaTTHC"),
            (Field::ProcedureName, "TenTTHC"),
            (Field::FieldCode, "MaLinhVuc"),
            (Field::FieldName, "TenLinhVuc"),
            (Field::Unit, "DonViXuLy"),
            (Field::Channel, "KenhThucHien"),
            (Field::Received, "NgayTiepNhan"),
            (Field::Due, "NgayHenTra"),
            (Field::Finished, "NgayKetThucXuLy"),
            (Field::Returned, "NgayTra"),
            (Field::Status, "TrangThaiHoSo"),
            (Field::PaidOnline, "DuocThanhToanTrucTuyen"),
            (Field::Digitized, "HoSoCoThanhPhanSoHoa"),
        ] {
            assert_eq!(mapped(&m, f), at(name), "{f:?}");
        }
        assert_eq!(mapped(&m, Field::Level), None);
        assert_eq!(mapped(&m, Field::Rating), None);
        // without the dossier-level flag, the documents' flag; without KenhThucHien, no channel
        // (HinhThuc is the return form, 0/1)
        let rest: Vec<String> = keys
            .iter()
            .filter(|k| !matches!(k.as_str(), "HoSoCoThanhPhanSoHoa" | "KenhThucHien"))
            .cloned()
            .collect();
        let m = recognise(&rest);
        let at = |name: &str| rest.iter().position(|k| k == name);
        assert_eq!(mapped(&m, Field::Digitized), at("TaiLieuNop.DuocSoHoa"));
        assert_eq!(mapped(&m, Field::Channel), None);
        // a Vietnamese «Hình thức» header is still the channel
        let vi = cells(&["Mã hồ sơ", "Hình thức", "Ngày tiếp nhận", "Ngày trả"]);
        assert_eq!(mapped(&recognise(&vi), Field::Channel), Some(1));
    }

    #[test]
    fn titles_are_not_headers() {
        for row in [
            cells(&["UBND TỈNH BÌNH THUẬN", "", ""]),
            cells(&["DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH NĂM 2024"]),
            cells(&["", "", ""]),
        ] {
            assert!(!is_header(&recognise(&row)), "{row:?}");
        }
    }

    #[test]
    fn longer_headers_and_overrides() {
        let c = cells(&[
            "Số hồ sơ",
            "Ngày nhận hồ sơ (dd/mm/yyyy)",
            "Đơn vị",
            "Tình trạng",
        ]);
        let m = recognise(&c);
        assert_eq!(mapped(&m, Field::Id), Some(0));
        assert_eq!(mapped(&m, Field::Received), Some(1));
        assert_eq!(mapped(&m, Field::Unit), Some(2));
        assert_eq!(mapped(&m, Field::Status), Some(3));
        assert_eq!(find_column(&c, "don vi"), Ok(Some(2)));
        assert_eq!(find_column(&c, ""), Ok(None));
        assert_eq!(find_column(&c, "không có"), Err(NoSuchColumn));
    }
}
