//! A deterministic province-year of dossiers whose figures are exactly those of the Bình Thuận
//! 2024 report: province 98.942 resolved / 98.783 on time / 159 late; district 108.509 / 106.466 /
//! 2.043; commune 357.622 / 351.372 / 6.250; 73,8% of resolved dossiers digitised. Around them:
//! dossiers carried over from 2023, in progress at year end (some overdue, some finished in
//! January 2025), withdrawn, stopped, not received, and some resolved in late 2023 (outside the
//! period), 585.000 rows in all, as a one-stop system exports them (title rows, header, total row).
//!
//! The exact counts are laid out first as a plan of row kinds, shuffled with a fixed seed; each
//! row's dates, unit, procedure and channel are then drawn to fit its kind. `rows` other than the
//! default scales every count (exactness is only promised for the default).

use crate::basics::time::{civil_from_days, days_from_civil};
use crate::dossier::model::Level;

pub const DEFAULT_ROWS: usize = 585_000;
pub const FILE_NAME: &str = "mau-binh-thuan-2024.csv";

/// Figures the default sample reproduces (resolved, on time, late) per level.
pub const TARGETS: [(Level, u64, u64, u64); 3] = [
    (Level::Province, 98_942, 98_783, 159),
    (Level::District, 108_509, 106_466, 2_043),
    (Level::Commune, 357_622, 351_372, 6_250),
];
/// 73,8% of the 565.073 resolved dossiers.
pub const DIGITIZED: [u64; 3] = [73_019, 80_080, 263_925];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Kind {
    Early = 0,
    DueDay,
    Late,
    PendingWithin,
    PendingOverdue,
    PendingFinishedLater,
    Withdrawn,
    Stopped,
    NotReceived,
    Resolved2023,
}

const KINDS: [Kind; 10] = [
    Kind::Early,
    Kind::DueDay,
    Kind::Late,
    Kind::PendingWithin,
    Kind::PendingOverdue,
    Kind::PendingFinishedLater,
    Kind::Withdrawn,
    Kind::Stopped,
    Kind::NotReceived,
    Kind::Resolved2023,
];

/// Rows of each kind per level (province, district, commune) in the default sample.
fn default_plan() -> [[u64; 10]; 3] {
    // early share of on-time dossiers ≈ 82%
    let mut plan = [[0u64; 10]; 3];
    let extra: [[u64; 7]; 3] = [
        // within, overdue, finished-later, withdrawn, stopped, not received, resolved 2023
        [780, 64, 520, 610, 70, 420, 1_262],
        [1_350, 141, 890, 920, 90, 560, 1_570],
        [3_100, 297, 2_050, 2_380, 140, 1_010, 1_703],
    ];
    for (l, &(_, resolved, on_time, late)) in TARGETS.iter().enumerate() {
        assert_eq!(resolved, on_time + late);
        let early = on_time * 82 / 100;
        plan[l][0] = early;
        plan[l][1] = on_time - early;
        plan[l][2] = late;
        plan[l][3..].copy_from_slice(&extra[l]);
    }
    plan
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i32
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

const PROVINCE_UNITS: [(&str, usize); 18] = [
    ("Sở Tư pháp", 0),
    ("Sở Kế hoạch và Đầu tư", 1),
    ("Sở Tài nguyên và Môi trường", 2),
    ("Văn phòng Đăng ký đất đai tỉnh", 2),
    ("Sở Xây dựng", 3),
    ("Sở Giao thông vận tải", 4),
    ("Sở Lao động - Thương binh và Xã hội", 5),
    ("Sở Y tế", 6),
    ("Sở Giáo dục và Đào tạo", 7),
    ("Sở Công Thương", 8),
    ("Sở Nông nghiệp và Phát triển nông thôn", 9),
    ("Sở Tài chính", 10),
    ("Sở Nội vụ", 11),
    ("Sở Văn hóa, Thể thao và Du lịch", 12),
    ("Sở Thông tin và Truyền thông", 13),
    ("Công an tỉnh", 14),
    ("Ban Quản lý các khu công nghiệp", 1),
    ("Văn phòng UBND tỉnh", 11),
];

/// (code, name, field index) of procedures by field.
const FIELDS: [&str; 17] = [
    "Lý lịch tư pháp",
    "Thành lập và hoạt động doanh nghiệp",
    "Đất đai",
    "Hoạt động xây dựng",
    "Đường bộ",
    "Người có công",
    "Khám bệnh, chữa bệnh",
    "Giáo dục và Đào tạo",
    "Lưu thông hàng hóa trong nước",
    "Trồng trọt",
    "Quản lý giá",
    "Tổ chức - Biên chế",
    "Văn hóa cơ sở",
    "Xuất bản, In và Phát hành",
    "Đăng ký, quản lý cư trú",
    "Hộ tịch",
    "Chứng thực",
];

const PROCEDURES: [(&str, &str, usize); 26] = [
    ("1.001023", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", 0),
    ("2.001610", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", 1),
    ("2.002039", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", 1),
    ("1.004227", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 2),
    ("1.003003", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", 2),
    ("1.009794", "Cấp giấy phép xây dựng mới đối với công trình cấp I, II", 3),
    ("1.002804", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", 4),
    ("1.002366", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 5),
    ("1.001907", "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", 6),
    ("1.005095", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 7),
    ("2.000633", "Cấp Giấy phép bán lẻ sản phẩm rượu", 8),
    ("1.008004", "Cấp Giấy chứng nhận cơ sở đủ điều kiện sản xuất, kinh doanh thực phẩm nông lâm thủy sản", 9),
    ("1.005422", "Đăng ký giá của các doanh nghiệp thuộc phạm vi cấp tỉnh", 10),
    ("1.005384", "Thẩm định thành lập đơn vị sự nghiệp công lập", 11),
    ("1.003622", "Cấp giấy phép tổ chức lễ hội", 12),
    ("1.004520", "Cấp giấy phép xuất bản tài liệu không kinh doanh", 13),
    ("1.010051", "Đăng ký thường trú", 14),
    ("2.000528", "Đăng ký hộ kinh doanh", 1),
    ("1.004873", "Đăng ký khai sinh", 15),
    ("1.004837", "Đăng ký kết hôn", 15),
    ("1.004845", "Đăng ký khai tử", 15),
    ("2.000908", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", 16),
    ("2.000815", "Chứng thực chữ ký trong các giấy tờ, văn bản", 16),
    ("1.005462", "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền", 2),
    ("1.001776", "Thủ tục xác nhận người có công, thân nhân liệt sĩ", 5),
    ("1.004946", "Cấp bản sao trích lục hộ tịch", 15),
];
/// Procedures (indices into PROCEDURES) handled at district and at commune level.
const DISTRICT_PROCS: [usize; 7] = [17, 23, 3, 21, 22, 25, 5];
const COMMUNE_PROCS: [usize; 7] = [18, 19, 20, 21, 22, 25, 24];

const DISTRICTS: [(&str, &str, &[&str]); 10] = [
    (
        "thành phố",
        "Phan Thiết",
        &[
            "phường Mũi Né",
            "phường Hàm Tiến",
            "phường Phú Hài",
            "phường Phú Thủy",
            "phường Phú Tài",
            "phường Phú Trinh",
            "phường Xuân An",
            "phường Thanh Hải",
            "phường Bình Hưng",
            "phường Đức Nghĩa",
            "phường Lạc Đạo",
            "phường Đức Thắng",
            "phường Hưng Long",
            "phường Đức Long",
            "xã Thiện Nghiệp",
            "xã Phong Nẫm",
            "xã Tiến Lợi",
            "xã Tiến Thành",
        ],
    ),
    (
        "thị xã",
        "La Gi",
        &[
            "phường Phước Hội",
            "phường Phước Lộc",
            "phường Tân Thiện",
            "phường Tân An",
            "phường Bình Tân",
            "xã Tân Hải",
            "xã Tân Tiến",
            "xã Tân Phước",
            "xã Tân Bình",
        ],
    ),
    (
        "huyện",
        "Tuy Phong",
        &[
            "thị trấn Liên Hương",
            "thị trấn Phan Rí Cửa",
            "xã Chí Công",
            "xã Bình Thạnh",
            "xã Hòa Minh",
            "xã Phong Phú",
            "xã Phước Thể",
            "xã Vĩnh Hảo",
            "xã Vĩnh Tân",
            "xã Phú Lạc",
            "xã Hòa Phú",
        ],
    ),
    (
        "huyện",
        "Bắc Bình",
        &[
            "thị trấn Chợ Lầu",
            "thị trấn Lương Sơn",
            "xã Hòa Thắng",
            "xã Hồng Phong",
            "xã Phan Rí Thành",
            "xã Hải Ninh",
            "xã Phan Hòa",
            "xã Sông Lũy",
            "xã Bình An",
            "xã Phan Thanh",
            "xã Phan Điền",
            "xã Phan Lâm",
            "xã Phan Sơn",
            "xã Phan Tiến",
            "xã Sông Bình",
            "xã Hồng Thái",
        ],
    ),
    (
        "huyện",
        "Hàm Thuận Bắc",
        &[
            "thị trấn Ma Lâm",
            "thị trấn Phú Long",
            "xã Hàm Đức",
            "xã Hàm Hiệp",
            "xã Hàm Liêm",
            "xã Hàm Chính",
            "xã Hàm Phú",
            "xã Hàm Trí",
            "xã Hàm Thắng",
            "xã Hồng Sơn",
            "xã Hồng Liêm",
            "xã Thuận Hòa",
            "xã Thuận Minh",
            "xã Đông Tiến",
            "xã Đông Giang",
            "xã La Dạ",
            "xã Đa Mi",
        ],
    ),
    (
        "huyện",
        "Hàm Thuận Nam",
        &[
            "thị trấn Thuận Nam",
            "xã Hàm Mỹ",
            "xã Hàm Kiệm",
            "xã Hàm Cường",
            "xã Hàm Minh",
            "xã Thuận Quý",
            "xã Tân Thuận",
            "xã Tân Thành",
            "xã Mương Mán",
            "xã Hàm Thạnh",
            "xã Tân Lập",
            "xã Hàm Cần",
            "xã Mỹ Thạnh",
        ],
    ),
    (
        "huyện",
        "Tánh Linh",
        &[
            "thị trấn Lạc Tánh",
            "xã Gia An",
            "xã Gia Huynh",
            "xã Suối Kiết",
            "xã Đồng Kho",
            "xã Huy Khiêm",
            "xã Bắc Ruộng",
            "xã Măng Tố",
            "xã Nghị Đức",
            "xã Đức Bình",
            "xã Đức Thuận",
            "xã Đức Phú",
            "xã La Ngâu",
        ],
    ),
    (
        "huyện",
        "Đức Linh",
        &[
            "thị trấn Võ Xu",
            "thị trấn Đức Tài",
            "xã Đa Kai",
            "xã Sùng Nhơn",
            "xã Mê Pu",
            "xã Nam Chính",
            "xã Đức Hạnh",
            "xã Đức Tín",
            "xã Vũ Hòa",
            "xã Tân Hà",
            "xã Đông Hà",
            "xã Trà Tân",
        ],
    ),
    (
        "huyện",
        "Hàm Tân",
        &[
            "thị trấn Tân Nghĩa",
            "thị trấn Tân Minh",
            "xã Sông Phan",
            "xã Tân Phúc",
            "xã Tân Đức",
            "xã Tân Xuân",
            "xã Tân Thắng",
            "xã Thắng Hải",
            "xã Sơn Mỹ",
        ],
    ),
    (
        "huyện",
        "Phú Quý",
        &["xã Long Hải", "xã Ngũ Phụng", "xã Tam Thanh"],
    ),
];

const SURNAMES: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const MIDDLE: [&str; 8] = [
    "Văn",
    "Thị",
    "Minh",
    "Thanh",
    "Ngọc",
    "Hữu",
    "Đức",
    "Thị Thu",
];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam",
    "Phúc", "Quang", "Tâm", "Yến",
];

pub const HEADER: [&str; 16] = [
    "STT",
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan giải quyết",
    "Chủ hồ sơ",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Trạng thái",
    "Thanh toán trực tuyến",
    "Số hóa",
    "Đánh giá",
];

struct Unit {
    name: String,
    procs: Vec<usize>,
    weight: u64,
}

/// A streaming generator of the sample CSV (UTF-8 with BOM, `,`-delimited, CRLF).
pub struct Sample {
    plan: Vec<u16>,
    pos: usize,
    stage: u8,
    rng: Rng,
    units: [Vec<Unit>; 3],
    cumulative: [Vec<u64>; 3],
    rows: usize,
}

const DIGITIZED_BIT: u16 = 1 << 8;

impl Sample {
    /// `rows` = 0 or `DEFAULT_ROWS` gives the exact sample; other values scale it.
    pub fn new(rows: usize) -> Sample {
        let base = default_plan();
        let base_total: u64 = base.iter().flatten().sum();
        debug_assert_eq!(base_total as usize, DEFAULT_ROWS);
        let rows = if rows == 0 { DEFAULT_ROWS } else { rows };
        let scale = |n: u64| -> u64 {
            if rows == DEFAULT_ROWS {
                n
            } else {
                ((n as f64) * rows as f64 / base_total as f64).round() as u64
            }
        };
        let mut plan = Vec::with_capacity(rows + 16);
        for (l, per_kind) in base.iter().enumerate() {
            let resolved: u64 = per_kind[..3].iter().map(|&n| scale(n)).sum();
            let digitized = if rows == DEFAULT_ROWS {
                DIGITIZED[l]
            } else {
                (resolved as f64 * 0.738).round() as u64
            };
            let mut d = 0;
            for (k, &n) in per_kind.iter().enumerate() {
                for _ in 0..scale(n) {
                    let mut e = (l as u16) << 4 | k as u16;
                    if k < 3 && d < digitized {
                        e |= DIGITIZED_BIT;
                        d += 1;
                    }
                    plan.push(e);
                }
            }
        }
        let mut rng = Rng(0x2024_0766_B17E_7000);
        for i in (1..plan.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            plan.swap(i, j);
        }
        let units = build_units(&mut rng);
        let cumulative = units.each_ref().map(|us| {
            us.iter()
                .scan(0, |acc, u| {
                    *acc += u.weight;
                    Some(*acc)
                })
                .collect()
        });
        Sample {
            rows: plan.len(),
            plan,
            pos: 0,
            stage: 0,
            rng,
            units,
            cumulative,
        }
    }

    /// Data rows this sample will write.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The next piece of the file, at least `max_bytes` long unless it is the last; `None` at end.
    pub fn next_chunk(&mut self, max_bytes: usize) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(max_bytes + 1024);
        while out.len() < max_bytes {
            match self.stage {
                0 => {
                    out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
                    let pad = ",".repeat(HEADER.len() - 1);
                    for t in [
                        "UBND TỈNH BÌNH THUẬN",
                        "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH",
                        "(Từ ngày 01/11/2023 đến ngày 15/01/2025)",
                        "",
                    ] {
                        out.extend_from_slice(t.as_bytes());
                        out.extend_from_slice(pad.as_bytes());
                        out.extend_from_slice(b"\r\n");
                    }
                    out.extend_from_slice(HEADER.join(",").as_bytes());
                    out.extend_from_slice(b"\r\n");
                    self.stage = 1;
                }
                1 if self.pos < self.plan.len() => {
                    let e = self.plan[self.pos];
                    self.pos += 1;
                    self.row(e, &mut out);
                }
                1 => {
                    out.extend_from_slice(
                        format!(
                            "Tổng cộng,{} hồ sơ",
                            crate::basics::format::int(self.rows as u64)
                        )
                        .as_bytes(),
                    );
                    out.extend_from_slice(",".repeat(HEADER.len() - 2).as_bytes());
                    out.extend_from_slice(b"\r\n");
                    self.stage = 2;
                }
                _ => break,
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// The whole file in memory.
    pub fn to_vec(mut self) -> Vec<u8> {
        let mut all = Vec::new();
        while let Some(c) = self.next_chunk(1 << 20) {
            all.extend_from_slice(&c);
        }
        all
    }

    fn row(&mut self, e: u16, out: &mut Vec<u8>) {
        let level = (e >> 4 & 0x3) as usize;
        let kind = KINDS[(e & 0xF) as usize];
        let digitized = e & DIGITIZED_BIT != 0;
        let r = &mut self.rng;
        let ui = {
            let cum = &self.cumulative[level];
            let x = r.next() % cum[cum.len() - 1];
            cum.partition_point(|&c| c <= x)
        };
        let unit = &self.units[level][ui];
        let proc = PROCEDURES[*r.pick(&unit.procs)];
        let online_pct = [45, 32, 22][level];
        let channel = if r.chance(online_pct) {
            "Trực tuyến"
        } else if r.chance(4) {
            "Qua bưu chính công ích"
        } else {
            "Trực tiếp"
        };
        let y24 = days_from_civil(2024, 1, 1);
        let dec31 = days_from_civil(2024, 12, 31);
        // (received, due, finished, returned, status)
        let (rec, due, fin, status): (i32, Option<i32>, Option<i32>, u8) = match kind {
            Kind::Early => {
                let f = y24 + r.range(0, 365);
                let due = f + r.range(1, 4);
                (due - r.range(due - f, due - f + 12), Some(due), Some(f), 0)
            }
            Kind::DueDay => {
                let f = y24 + r.range(0, 365);
                (f - r.range(1, 12), Some(f), Some(f), 0)
            }
            Kind::Late => {
                let f = y24 + r.range(0, 365);
                let due = f - r.range(1, 20);
                (due - r.range(1, 12), Some(due), Some(f), 0)
            }
            Kind::Resolved2023 => {
                let f = days_from_civil(2023, 11, 1) + r.range(0, 60);
                let due = f + r.range(0, 3);
                (due - r.range(3, 12), Some(due), Some(f), 0)
            }
            Kind::PendingWithin => {
                let rc = dec31 - r.range(0, 25);
                (rc, Some(dec31 + r.range(0, 12)), None, 4)
            }
            Kind::PendingOverdue => {
                let rc = y24 + r.range(200, 340);
                let due = (rc + r.range(5, 20)).min(dec31 - 1);
                (rc, Some(due), None, if r.chance(30) { 5 } else { 4 })
            }
            Kind::PendingFinishedLater => {
                let rc = dec31 - r.range(0, 10);
                let due = dec31 + r.range(2, 15);
                (
                    rc,
                    Some(due),
                    Some(dec31 + r.range(1, 14).min(due - dec31)),
                    0,
                )
            }
            Kind::Withdrawn | Kind::Stopped => {
                let rc = y24 + r.range(0, 350);
                let st = if kind == Kind::Withdrawn { 7 } else { 8 };
                (rc, Some(rc + r.range(5, 15)), Some(rc + r.range(0, 5)), st)
            }
            Kind::NotReceived => (y24 + r.range(0, 360), None, None, 3),
        };
        let status = if status != 0 {
            status
        } else if r.chance(80) {
            10
        } else {
            9
        };
        let returned = match (status, fin) {
            (10, Some(f)) => Some(f + r.range(0, 3)),
            _ => None,
        };
        let seq = self.pos;
        let (y, m, d) = civil_from_days(rec);
        let name = format!(
            "{} {} {}",
            r.pick(&SURNAMES),
            r.pick(&MIDDLE),
            r.pick(&GIVEN)
        );
        let paid = channel == "Trực tuyến" && fin.is_some() && r.chance(55);
        let rating = match r.next() % 20 {
            0..=4 => "Hài lòng",
            5 | 6 => "Rất hài lòng",
            7 => "Bình thường",
            8 => "Không hài lòng",
            _ => "",
        };
        let minutes = |r: &mut Rng, lo: i32, hi: i32| r.range(lo, hi);
        let rec_m = minutes(r, 7 * 60 + 30, 16 * 60 + 30);
        let fin_m = minutes(r, 8 * 60, 17 * 60);
        let ret_m = minutes(r, 8 * 60, 17 * 60);
        write_num(out, seq as u64);
        out.push(b',');
        out.extend_from_slice(
            format!(
                "000.{:02}.{:02}.H10-{:02}{:02}{:02}-{:07}",
                level * 10 + 10,
                ui % 100,
                y % 100,
                m,
                d,
                seq
            )
            .as_bytes(),
        );
        for v in [proc.0, proc.1, FIELDS[proc.2], &unit.name, &name, channel] {
            out.push(b',');
            push_field(out, v);
        }
        out.push(b',');
        push_datetime(out, rec, rec_m);
        out.push(b',');
        if let Some(d) = due {
            push_datetime(out, d, 17 * 60);
        }
        out.push(b',');
        if let Some(f) = fin.filter(|_| status != 3) {
            push_datetime(out, f, fin_m);
        }
        out.push(b',');
        if let Some(rt) = returned {
            push_datetime(out, rt, ret_m);
        }
        out.push(b',');
        out.extend_from_slice(status_name(status).as_bytes());
        out.push(b',');
        out.extend_from_slice(if paid { "Có" } else { "Không" }.as_bytes());
        out.push(b',');
        out.extend_from_slice(if digitized { "Có" } else { "Không" }.as_bytes());
        out.push(b',');
        out.extend_from_slice(rating.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

fn status_name(s: u8) -> &'static str {
    match s {
        3 => "Không được tiếp nhận",
        4 => "Đang xử lý",
        5 => "Yêu cầu bổ sung giấy tờ",
        7 => "Công dân yêu cầu rút hồ sơ",
        8 => "Dừng xử lý",
        9 => "Đã xử lý xong",
        _ => "Đã trả kết quả",
    }
}

fn build_units(rng: &mut Rng) -> [Vec<Unit>; 3] {
    let province = PROVINCE_UNITS
        .iter()
        .map(|&(name, field)| {
            let procs: Vec<usize> = (0..PROCEDURES.len())
                .filter(|&i| PROCEDURES[i].2 == field)
                .collect();
            Unit {
                name: name.to_string(),
                procs: if procs.is_empty() { vec![0] } else { procs },
                weight: 2 + rng.next() % 9,
            }
        })
        .collect();
    let district = DISTRICTS
        .iter()
        .map(|&(kind, name, _)| Unit {
            name: format!("UBND {kind} {name}"),
            procs: DISTRICT_PROCS.to_vec(),
            weight: 3 + rng.next() % 6,
        })
        .collect();
    let commune = DISTRICTS
        .iter()
        .flat_map(|&(_, _, communes)| communes.iter())
        .map(|c| Unit {
            name: format!("UBND {c}"),
            procs: COMMUNE_PROCS.to_vec(),
            weight: 2 + rng.next() % 7,
        })
        .collect();
    [province, district, commune]
}

fn write_num(out: &mut Vec<u8>, n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

fn push2(out: &mut Vec<u8>, n: u32) {
    out.push(b'0' + (n / 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

/// `dd/mm/yyyy HH:MM:SS`.
fn push_datetime(out: &mut Vec<u8>, day: i32, minute: i32) {
    let (y, m, d) = civil_from_days(day);
    push2(out, d);
    out.push(b'/');
    push2(out, m);
    out.push(b'/');
    write_num(out, y as u64);
    out.push(b' ');
    push2(out, (minute / 60) as u32);
    out.push(b':');
    push2(out, (minute % 60) as u32);
    out.extend_from_slice(b":00");
}

fn push_field(out: &mut Vec<u8>, v: &str) {
    if v.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(v.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(v.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_adds_up() {
        let p = default_plan();
        let total: u64 = p.iter().flatten().sum();
        assert_eq!(total as usize, DEFAULT_ROWS);
        for (l, &(_, resolved, on_time, late)) in TARGETS.iter().enumerate() {
            assert_eq!(p[l][0] + p[l][1], on_time);
            assert_eq!(p[l][2], late);
            assert_eq!(p[l][..3].iter().sum::<u64>(), resolved);
        }
        let resolved: u64 = TARGETS.iter().map(|t| t.1).sum();
        let digitized: u64 = DIGITIZED.iter().sum();
        assert_eq!(
            crate::basics::format::dec(digitized as f64 * 100.0 / resolved as f64, 1),
            "73,8"
        );
    }

    #[test]
    fn deterministic_and_scaled() {
        let a = Sample::new(2000).to_vec();
        let b = Sample::new(2000).to_vec();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        // 4 title rows + header + ~2000 rows + total row
        let lines = text.lines().count();
        assert!((2000..2020).contains(&lines), "{lines}");
    }
}
