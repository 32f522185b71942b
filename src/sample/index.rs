//! The built-in sample of the index inputs: deterministic, pure, small. It is what the page's
//! «Dùng dữ liệu mẫu chỉ số» loads, what `tthc sample-index --out-dir DIR` writes, and what the
//! native and browser tests upload, so that all of them check the same figures:
//!
//! - a procedure catalogue (danh mục TTHC) of Bình Thuận giving exactly 1.994/1.994 procedures
//!   published (100%), 881 online services (500 full, 381 partial) of which 706 are integrated
//!   on the national portal (80%), 499 with fees; one procedure is listed twice (counted once);
//! - a ranking table of the 63 provinces over two periods where Bình Thuận reads exactly
//!   «81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63».
//!
//! The other provinces' scores are invented (evenly spaced, no ties with Bình Thuận); only
//! Bình Thuận's figures are those of domain.md §0. Both files are written as officials copy
//! them: a `;` catalogue with two title rows, a `,` ranking table with quoted vi-VN decimals in
//! one period and dotted decimals in the other, periods written in two styles.

use std::fmt::Write as _;

/// File names of the sample (the ranking's name carries no period: the rows do).
pub const CATALOGUE_FILE: &str = "danh-muc-tthc-mau-binh-thuan-2024.csv";
pub const RANKING_FILE: &str = "xep-hang-chi-so-766-mau-2024.csv";

/// The province the sample is about, as the ranking table names it.
pub const FOCUS: &str = "Tỉnh Bình Thuận";

/// The comparison sentence the sample gives for [`FOCUS`].
pub const COMPARISON: &str =
    "81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63";

/// Catalogue headers as the provincial TTHC systems write them.
pub const CATALOGUE_HEADERS: &str = "STT;Mã TTHC;Tên thủ tục hành chính;Cấp thực hiện;Công khai trên CSDL quốc gia;Ngày công bố;Mức độ DVCTT;Tích hợp Cổng DVCQG;Phí, lệ phí";
/// The same columns as some exports name them (camel case, no diacritics).
pub const CATALOGUE_HEADERS_CAMEL: &str =
    "Stt;MaTTHC;TenTTHC;CapThucHien;DaCongKhai;NgayCongBo;MucDoDVCTT;TichHopDVCQG;CoPhiLePhi";

/// The 63 provinces before 1/7/2025, in alphabetical order.
pub const PROVINCES: [&str; 63] = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cần Thơ",
    "Cao Bằng",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "TP. Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

/// The catalogue with [`CATALOGUE_HEADERS`].
pub fn catalogue() -> String {
    catalogue_with_headers(CATALOGUE_HEADERS)
}

/// The catalogue under the given header row (`;`-separated, nine columns in the order of
/// [`CATALOGUE_HEADERS`]): 1.994 procedures (codes 1.001000–1.002993), all published; 881 with
/// an online service (the first 500 full, the next 381 partial), the first 706 integrated on the
/// national portal; every fourth with a fee; one procedure listed again at the end.
pub fn catalogue_with_headers(headers: &str) -> String {
    let mut s =
        String::from("UBND TỈNH BÌNH THUẬN;;;;;;;\nDANH MỤC THỦ TỤC HÀNH CHÍNH NĂM 2024;;;;;;;\n");
    s += headers;
    s += "\n";
    for i in 0..1994 {
        let level = ["Cấp tỉnh", "Cấp huyện", "Cấp xã"][i % 3];
        let online = if i < 500 {
            "Toàn trình"
        } else if i < 881 {
            "Một phần"
        } else {
            ""
        };
        let integrated = if i < 706 { "x" } else { "" };
        let fees = if i % 4 == 0 {
            "50.000 đồng"
        } else {
            "Không"
        };
        let _ = writeln!(
            s,
            "{};1.{:06};\"Thủ tục số {i}; lĩnh vực {}\";{level};Có;{};{online};{integrated};{fees}",
            i + 1,
            1000 + i,
            i % 37,
            if i % 2 == 0 { "05/01/2024" } else { "" }
        );
    }
    // the same procedure again (another decision): counted once
    s += "1995;1.001000;Thủ tục số 0;Cấp tỉnh;Có;;Toàn trình;x;Không\n";
    s
}

/// Two periods of 63 provinces: in 01/2024 Bình Thuận has 62,85 with 52 provinces above it; in
/// 2024 81,61 with 28 above. Periods are written in two styles each («tháng 01/2024» and
/// «01/2024», «Năm 2024» and «2024»); the first period's scores as quoted vi-VN decimals.
pub fn ranking() -> String {
    let mut s = String::from("\"Tỉnh, thành phố\",Kỳ đánh giá,Tổng điểm,CKMB,TDGQ\n");
    let mut above = 0;
    for (i, p) in PROVINCES.iter().enumerate() {
        let (jan, year) = if *p == "Bình Thuận" {
            (62.85, 81.61)
        } else {
            above += 1;
            let jan = if above <= 52 {
                63.0 + above as f64 * 0.25
            } else {
                62.0 - (above - 52) as f64 * 0.5
            };
            let year = if above <= 28 {
                82.0 + above as f64 * 0.3
            } else {
                81.5 - (above - 28) as f64 * 0.2
            };
            (jan, year)
        };
        let jan_label = if i % 2 == 0 {
            "tháng 01/2024"
        } else {
            "01/2024"
        };
        let year_label = if i % 2 == 0 { "Năm 2024" } else { "2024" };
        let name = if *p == "Bình Thuận" {
            FOCUS.to_string()
        } else {
            p.to_string()
        };
        let _ = writeln!(
            s,
            "\"{name}\",{jan_label},\"{}\",\"15,2\",\"14,0\"",
            format!("{jan:.2}").replace('.', ",")
        );
        let _ = writeln!(s, "\"{name}\",{year_label},{year:.2},16,17.5");
    }
    s
}

/// The sample files, `(name, bytes)`: the catalogue, then the ranking table.
pub fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (CATALOGUE_FILE, catalogue().into_bytes()),
        (RANKING_FILE, ranking().into_bytes()),
    ]
}
