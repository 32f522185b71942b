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

pub use super::places::HEADER;
use super::places::{
    COMMUNE_PROCS, DISTRICTS, DISTRICT_PROCS, FIELDS, GIVEN, MIDDLE, PROCEDURES, PROVINCE_UNITS,
    SURNAMES,
};
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
        Sample::with_seed(rows, 0)
    }

    /// [`Sample::new`] drawn from another seed (0 = the sample's own): the same counts per level
    /// and kind, other dates, units, procedures and order (another province's year, for tests
    /// that merge provinces).
    pub fn with_seed(rows: usize, seed: u64) -> Sample {
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
        let mut rng = Rng(0x2024_0766_B17E_7000 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
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
        let (rec, due, fin, status) = draw_dates(kind, r);
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
        let row = Row {
            level,
            unit_index: ui,
            seq,
            received: (y, m, d),
            cells: [proc.0, proc.1, FIELDS[proc.2], &unit.name, &name, channel],
            dates: [
                Some((rec, rec_m)),
                due.map(|d| (d, 17 * 60)),
                fin.filter(|_| status != 3).map(|f| (f, fin_m)),
                returned.map(|rt| (rt, ret_m)),
            ],
            status,
            paid,
            digitized,
            rating,
        };
        row.write(out);
    }
}

/// The receipt, due and end dates and the status code (0 = resolved, decided by the caller) of a
/// row of `kind`, drawn around 2024.
fn draw_dates(kind: Kind, r: &mut Rng) -> (i32, Option<i32>, Option<i32>, u8) {
    let y24 = days_from_civil(2024, 1, 1);
    let dec31 = days_from_civil(2024, 12, 31);
    match kind {
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
    }
}

/// One data row, drawn; `write` lays it out as the export's CSV line.
struct Row<'a> {
    level: usize,
    unit_index: usize,
    seq: usize,
    /// (year, month, day) of receipt, for the dossier code.
    received: (i32, u32, u32),
    /// Procedure code and name, field, unit, applicant, channel.
    cells: [&'a str; 6],
    /// (day, minute) of receipt, due date, end of processing, return.
    dates: [Option<(i32, i32)>; 4],
    status: u8,
    paid: bool,
    digitized: bool,
    rating: &'a str,
}

impl Row<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        let (y, m, d) = self.received;
        write_num(out, self.seq as u64);
        out.push(b',');
        out.extend_from_slice(
            format!(
                "000.{:02}.{:02}.H10-{:02}{:02}{:02}-{:07}",
                self.level * 10 + 10,
                self.unit_index % 100,
                y % 100,
                m,
                d,
                self.seq
            )
            .as_bytes(),
        );
        for v in self.cells {
            out.push(b',');
            push_field(out, v);
        }
        for date in self.dates {
            out.push(b',');
            if let Some((day, minute)) = date {
                push_datetime(out, day, minute);
            }
        }
        out.push(b',');
        out.extend_from_slice(status_name(self.status).as_bytes());
        let yes_no = |b: bool| if b { "Có" } else { "Không" };
        for v in [yes_no(self.paid), yes_no(self.digitized), self.rating] {
            out.push(b',');
            out.extend_from_slice(v.as_bytes());
        }
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
