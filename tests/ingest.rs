//! Ingest at its boundary: bytes of files in, Report out. Each case is input text plus the
//! figures and accounting it must give; every case also runs at several chunk sizes, which must
//! not change anything.

use std::collections::BTreeMap;
use tthc_analytics::dossier::model::Level;
use tthc_analytics::dossier::report::Report;
use tthc_analytics::dossier::Column;
use tthc_analytics::{Analyzer, Options};

fn run_chunked(opts: &Options, files: &[(&str, Vec<u8>)], chunk: usize) -> Report {
    let mut a = Analyzer::new(opts.clone()).expect("options");
    for (name, bytes) in files {
        a.begin_file(name);
        for c in bytes.chunks(chunk) {
            a.push(c);
        }
        a.end_file();
    }
    a.finish_report()
}

/// Runs at chunk sizes 1, 3, 64 and whole, checks they agree, returns the whole-file report.
fn run(opts: Options, files: &[(&str, Vec<u8>)]) -> Report {
    let whole = run_chunked(&opts, files, usize::MAX);
    let want = serde_json::to_string(&whole).unwrap();
    for chunk in [1, 3, 64] {
        let r = run_chunked(&opts, files, chunk);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            want,
            "chunk size {chunk} changed the report"
        );
    }
    assert!(whole.rows.balanced(), "{:?}", whole.rows);
    whole
}

fn level(r: &Report, l: Level) -> &tthc_analytics::dossier::aggregate::Counts {
    &r.levels
        .iter()
        .find(|x| x.level == l)
        .expect("level present")
        .figures
        .counts
}

const BASIC: &str = "UBND TỈNH BÌNH THUẬN,,,,,,
DANH SÁCH HỒ SƠ,,,,,,
,,,,,,
Mã hồ sơ,Cơ quan giải quyết,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
H1,Sở Tư pháp,Trực tuyến,02/01/2024 08:00,10/01/2024,09/01/2024 16:00,Đã trả kết quả
H2,Sở Tư pháp,Trực tiếp,02/01/2024,10/01/2024,10/01/2024 23:00,10
H3,UBND huyện Tuy Phong,2,02/01/2024,10/01/2024,11/01/2024,9
H4,UBND xã Hòa Minh,Qua bưu chính,20/12/2024,05/01/2025,,Đang xử lý
H5,UBND xã Hòa Minh,1,01/12/2024,20/12/2024,,4
H6,\"Sở Văn hóa, Thể thao và Du lịch\",1,05/03/2024,12/03/2024,06/03/2024,7
H7,Sở Tư pháp,1,05/03/2024,,,3
Tổng cộng,,,,,,
";

#[test]
fn basic_export_with_titles_totals_and_every_outcome() {
    let r = run(Options::default(), &[("a.csv", BASIC.as_bytes().to_vec())]);
    assert_eq!(r.period.from, "2024-01-01");
    assert_eq!(r.files[0].header_row, Some(4));
    assert_eq!(r.files[0].delimiter, ",");
    let p = level(&r, Level::Province);
    assert_eq!((p.resolved, p.on_time, p.early, p.late), (2, 2, 1, 0));
    assert_eq!((p.withdrawn, p.not_received, p.received_online), (1, 1, 1));
    let d = level(&r, Level::District);
    assert_eq!((d.resolved, d.late, d.received_online), (1, 1, 1));
    let c = level(&r, Level::Commune);
    assert_eq!((c.pending, c.pending_overdue, c.received_postal), (2, 1, 1));
    assert_eq!(r.rows.read, 12);
    assert_eq!(r.rows.counted, 7);
    assert_eq!(
        (
            r.rows.ignored_title,
            r.rows.ignored_blank,
            r.rows.ignored_header,
            r.rows.ignored_total
        ),
        (2, 1, 1, 1)
    );
    assert_eq!(r.late.len(), 2, "one resolved late, one pending overdue");
    assert_eq!(r.late[0].kind, "pending");
    assert_eq!(r.late[0].days_late, 11);
}

#[test]
fn utf16_excel_unicode_text_and_utf8_bom_give_the_same_figures() {
    let tsv = BASIC.replace(',', "\t").replace(
        "\"Sở Văn hóa\t Thể thao và Du lịch\"",
        "Sở Văn hóa, Thể thao và Du lịch",
    );
    let base = run(Options::default(), &[("a.csv", BASIC.as_bytes().to_vec())]);
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(tsv.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(tsv.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF]
        .into_iter()
        .chain(BASIC.replace('\n', "\r\n").bytes())
        .collect();
    for (name, bytes, enc, delim) in [
        ("le.txt", le, "utf-16le", "\t"),
        ("be.txt", be, "utf-16be", "\t"),
        ("bom.csv", bom, "utf-8-bom", ","),
    ] {
        let r = run(Options::default(), &[(name, bytes)]);
        assert_eq!(r.files[0].encoding, enc);
        assert_eq!(r.files[0].delimiter, delim);
        assert_eq!(
            serde_json::to_value(&r.levels).unwrap(),
            serde_json::to_value(&base.levels).unwrap(),
            "{name}"
        );
        assert_eq!(r.rows, base.rows, "{name}");
        assert!(r
            .units
            .iter()
            .any(|u| u.name == "Sở Văn hóa, Thể thao và Du lịch"));
    }
}

#[test]
fn semicolons_quotes_and_newlines_inside_fields() {
    let csv = "Mã hồ sơ;Tên thủ tục hành chính;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý\n\
               A1;\"Cấp phiếu; lý lịch\";02/01/2024;10/01/2024;03/01/2024\n\
               A2;\"Dòng một\nDòng hai \"\"trích\"\"\";02/01/2024;10/01/2024;13/01/2024\n\
               A3;Đăng ký khai sinh;31/02/2024;10/01/2024;03/01/2024\n";
    let r = run(Options::default(), &[("b.csv", csv.as_bytes().to_vec())]);
    assert_eq!(r.files[0].delimiter, ";");
    assert_eq!(r.total.counts.resolved, 2);
    assert_eq!(r.total.counts.late, 1);
    assert!(r
        .procedures
        .iter()
        .any(|p| p.name == "Dòng một\nDòng hai \"trích\""));
    // the record with the embedded newline is one spreadsheet row (3): the bad date is on row 4
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!(
        (p.row, p.column.as_str(), p.value.as_str(), p.code.as_str()),
        (4, "Ngày tiếp nhận", "31/02/2024", "bad_date")
    );
    assert_eq!(p.field.as_deref(), Some("received"));
}

#[test]
fn three_naming_families_and_date_forms() {
    let portal = "MaHoSo,DonViXuLy,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,TrangThaiHoSo,DuocThanhToanTrucTuyen,HoSoCoThanhPhanSoHoa\n\
                  X1,UBND xã Chí Công,2,20240102080000,20240110170000,20240109100000,10,1,1\n\
                  X2,UBND xã Chí Công,1,2024-01-02T08:00:00,2024-01-10,2024-01-12T09:00:00,9,0,0\n";
    let snake = "ma_ho_so,don_vi_xu_ly,kenh,ngay_tiep_nhan,ngay_hen_tra,ngay_ket_thuc_xu_ly,trang_thai,thanh_toan_truc_tuyen,so_hoa\n\
                 X1,UBND xã Chí Công,Trực tuyến,02-01-2024 08:00,10-01-2024,09-01-2024 10:00,Đã trả kết quả,Có,x\n\
                 X2,UBND xã Chí Công,Trực tiếp,2/1/2024,10/1/2024,12/1/2024,Đã xử lý xong,Không,\n";
    let plain = "Ma ho so,Co quan giai quyet,Hinh thuc nop,Ngay tiep nhan,Ngay hen tra,Ngay co ket qua,Trang thai,Thanh toan truc tuyen,So hoa\n\
                 X1,UBND xã Chí Công,truc tuyen,02/01/2024,10/01/2024,09/01/2024,da tra ket qua,true,1\n\
                 X2,UBND xã Chí Công,truc tiep,02/01/2024,10/01/2024,12/01/2024,da xu ly xong,false,0\n";
    for text in [portal, snake, plain] {
        let r = run(Options::default(), &[("c.csv", text.as_bytes().to_vec())]);
        let c = level(&r, Level::Commune);
        assert_eq!(
            (
                c.resolved,
                c.early,
                c.late,
                c.received_online,
                c.paid_online,
                c.digitized
            ),
            (2, 1, 1, 1, 1, 1),
            "{text}"
        );
        assert_eq!(r.rows.rejected, 0, "{:?}", r.problems);
    }
}

#[test]
fn duplicates_across_files_count_once_and_keep_the_finished_copy() {
    let head = "Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n";
    let f1 = format!("{head}D1,02/01/2024,10/01/2024,\nD2,02/01/2024,10/01/2024,05/01/2024\n");
    let f2 = format!("{head}D1,02/01/2024,10/01/2024,15/01/2024\nD2,02/01/2024,10/01/2024,05/01/2024\nD2,02/01/2024,10/01/2024,05/01/2024\n");
    let r = run(
        Options::default(),
        &[("1.csv", f1.into_bytes()), ("2.csv", f2.into_bytes())],
    );
    assert_eq!(r.rows.counted, 2);
    assert_eq!(r.rows.duplicates, 3);
    assert_eq!(
        r.total.counts.resolved, 2,
        "D1's finished copy wins over the open one"
    );
    assert_eq!(r.total.counts.late, 1);
    assert_eq!(
        r.files[0].rows.duplicates, 1,
        "the open first copy of D1 is the dropped one"
    );
    assert_eq!(r.files[1].rows.duplicates, 2);
}

#[test]
fn bad_values_are_rejected_with_row_column_and_reason() {
    let csv = "Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Hình thức nộp,Số hóa,Cấp thực hiện\n\
               R1,02/01/2024,10/01/2024,05/01/2024,11,1,Có,Cấp tỉnh\n\
               R2,02/01/2024,10/01/2024,05/01/2024,10,fax,Có,Cấp tỉnh\n\
               R3,02/01/2024,10/01/2024,05/01/2024,10,1,có lẽ,Cấp tỉnh\n\
               R4,,10/01/2024,05/01/2024,10,1,Có,Cấp tỉnh\n\
               R5,02/01/2024,10/01/2024,,10,1,Có,Cấp tỉnh\n\
               R6,02/01/2024,10/01/2024,01/01/2024,10,1,Có,Cấp tỉnh\n\
               ,02/01/2024,10/01/2024,05/01/2024,10,1,Có,Cấp tỉnh\n\
               R8,02/01/2024,10/01/2024,05/01/2024,10,1,Có,liên thôn\n\
               R9,02/01/2024,10/01/2024,05/01/2024,10,1,Có,Cấp xã\n";
    let r = run(Options::default(), &[("d.csv", csv.as_bytes().to_vec())]);
    assert_eq!(r.rows.counted, 1);
    assert_eq!(r.rows.rejected, 8);
    let got: Vec<(u64, &str, &str)> = r
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "Trạng thái", "bad_status"),
            (3, "Hình thức nộp", "bad_channel"),
            (4, "Số hóa", "bad_bool"),
            (5, "Ngày tiếp nhận", "missing_received"),
            (6, "Ngày có kết quả", "missing_finished"),
            (7, "Ngày có kết quả", "finished_before_received"),
            (8, "Mã hồ sơ", "missing_id"),
            (9, "Cấp thực hiện", "bad_level"),
        ]
    );
    assert!(r.problems.iter().all(|p| !p.reason.is_empty()));
    assert_eq!(
        level(&r, Level::Commune).resolved,
        1,
        "the level column wins over the unit name"
    );
}

#[test]
fn files_without_a_header_or_a_required_column_say_so() {
    let r = run(Options::default(), &[("x.csv", b"a,b,c\n1,2,3\n".to_vec())]);
    assert!(r.files[0].error.as_deref().unwrap().contains("tiêu đề"));
    assert_eq!(r.rows.read, 2);
    let r = run(
        Options::default(),
        &[(
            "y.csv",
            "Mã hồ sơ,Đơn vị xử lý,Ngày hẹn trả\nA,B,01/01/2024\n"
                .as_bytes()
                .to_vec(),
        )],
    );
    assert!(r.files[0]
        .error
        .as_deref()
        .unwrap()
        .contains("Ngày tiếp nhận"));
    assert_eq!(r.rows.rejected, 1);
    let r = run(Options::default(), &[("z.csv", Vec::new())]);
    assert_eq!(r.rows.read, 0);
    assert!(r.files[0].error.is_some());
}

#[test]
fn mapping_overrides_by_header_and_by_index() {
    let csv = "Mã hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày có kết quả,Ngày duyệt\n\
               M1,02/01/2024,10/01/2024,05/01/2024,12/01/2024\n";
    let auto = run(Options::default(), &[("m.csv", csv.as_bytes().to_vec())]);
    assert_eq!(auto.total.counts.early, 1);
    let mut mapping = BTreeMap::new();
    mapping.insert("finished".to_string(), Column::Header("Ngày duyệt".into()));
    let by_header = run(
        Options {
            mapping: mapping.clone(),
            ..Default::default()
        },
        &[("m.csv", csv.as_bytes().to_vec())],
    );
    assert_eq!(by_header.total.counts.late, 1);
    assert!(by_header.files[0]
        .mapping
        .iter()
        .any(|m| m.field == "finished" && m.overridden && m.column == Some(4)));
    mapping.insert("finished".to_string(), Column::Index(4));
    let by_index = run(
        Options {
            mapping: mapping.clone(),
            ..Default::default()
        },
        &[("m.csv", csv.as_bytes().to_vec())],
    );
    assert_eq!(by_index.total.counts.late, 1);
    mapping.insert("due".to_string(), Column::Header(String::new()));
    let unmapped = run(
        Options {
            mapping: mapping.clone(),
            ..Default::default()
        },
        &[("m.csv", csv.as_bytes().to_vec())],
    );
    assert_eq!(unmapped.total.counts.on_time, 1, "no due date: on time");
    mapping.insert("due".to_string(), Column::Header("Không có".into()));
    let missing = run(
        Options {
            mapping,
            ..Default::default()
        },
        &[("m.csv", csv.as_bytes().to_vec())],
    );
    assert!(!missing.files[0].warnings.is_empty());
}

#[test]
fn periods_and_two_tier_mode() {
    let csv = "Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n\
               P1,UBND huyện Phú Quý,02/07/2025,10/07/2025,05/07/2025\n\
               P2,UBND xã Long Hải,02/07/2025,10/07/2025,15/07/2025\n\
               P3,UBND xã Long Hải,02/03/2025,10/03/2025,05/03/2025\n";
    let bytes = csv.as_bytes().to_vec();
    let q3 = Options {
        from: Some("01/07/2025".into()),
        to: Some("30/09/2025".into()),
        ..Default::default()
    };
    let r = run(q3, &[("t.csv", bytes.clone())]);
    assert!(r.two_tier, "after 1/7/2025 the two-tier mode is automatic");
    assert_eq!(r.levels.len(), 2);
    assert_eq!(level(&r, Level::Commune).resolved, 2);
    assert_eq!(
        r.period.label, "quý III năm 2025",
        "a range that is a quarter is named as one"
    );
    assert_eq!(r.months.len(), 3);
    let y = run(
        Options {
            year: Some(2025),
            two_tier: Some(false),
            ..Default::default()
        },
        &[("t.csv", bytes.clone())],
    );
    assert_eq!(y.levels.len(), 3);
    assert_eq!(level(&y, Level::District).resolved, 1);
    assert!(Analyzer::new(Options {
        year: Some(2025),
        from: Some("01/01/2025".into()),
        ..Default::default()
    })
    .is_err());
    assert!(Analyzer::new(Options {
        from: Some("30/09/2025".into()),
        to: Some("01/07/2025".into()),
        ..Default::default()
    })
    .is_err());
    assert!(Analyzer::new(Options {
        from: Some("31/02/2025".into()),
        to: Some("01/07/2025".into()),
        ..Default::default()
    })
    .is_err());
}

#[test]
fn report_json_has_the_contract_fields() {
    let r = run(Options::default(), &[("a.csv", BASIC.as_bytes().to_vec())]);
    let v = serde_json::to_value(&r).unwrap();
    for key in [
        "rows",
        "problems",
        "problems_total",
        "period",
        "levels",
        "total",
        "units",
        "fields",
        "procedures",
        "months",
        "late",
        "narrative",
        "files",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    for key in ["read", "counted", "rejected", "duplicates", "ignored"] {
        assert!(v["rows"][key].is_u64(), "rows.{key}");
    }
    let l = &v["levels"][0];
    assert_eq!(l["level"], "province");
    for key in [
        "resolved",
        "on_time",
        "early",
        "late",
        "pending",
        "pending_overdue",
        "withdrawn",
        "received",
        "received_online",
        "carried_over",
        "digitized",
        "paid_online",
    ] {
        assert!(l[key].is_u64(), "levels[0].{key}");
        assert!(v["total"][key].is_u64(), "total.{key}");
    }
    assert_eq!(v["levels"][2]["level"], "commune");
}

#[test]
fn the_same_export_twice_counts_once() {
    // large enough for the dedup to sort over many hash buckets
    let data = tthc_analytics::sample::dossiers::Sample::new(20_000).to_vec();
    let once = run_chunked(&Options::default(), &[("a.csv", data.clone())], 1 << 20);
    let twice = run_chunked(
        &Options::default(),
        &[("a.csv", data.clone()), ("b.csv", data)],
        1 << 20,
    );
    assert_eq!(twice.rows.counted, once.rows.counted);
    assert_eq!(twice.rows.duplicates, once.rows.counted);
    assert_eq!(twice.files[1].rows.duplicates, once.rows.counted);
    assert_eq!(
        serde_json::to_value(&twice.levels).unwrap(),
        serde_json::to_value(&once.levels).unwrap()
    );
    assert!(twice.rows.balanced());
}

/// Nothing printed that the data does not say: without a «Số hóa» / «Thanh toán trực tuyến»
/// column (or with only blank cells) the rates are «chưa có dữ liệu», never 0%; «toàn tỉnh» only
/// when every level is held, else the one unit or the levels loaded.
#[test]
fn missing_columns_are_not_zero_and_the_subject_is_what_was_loaded() {
    let head =
        "Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái";
    let one_unit = format!(
        "{head}\nA1;UBND xã Phú Lạc;02/01/2024;10/01/2024;05/01/2024;10\nA2;UBND xã Phú Lạc;03/01/2024;04/01/2024;06/01/2024;10\n"
    );
    let r = run(Options::default(), &[("xa.csv", one_unit.into_bytes())]);
    assert_eq!(r.total.digitized_rate, None);
    assert_eq!(r.total.paid_online_rate, None);
    assert!(
        r.narrative.contains("Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC: chưa có dữ liệu; tỷ lệ hồ sơ thanh toán trực tuyến: chưa có dữ liệu."),
        "{}",
        r.narrative
    );
    assert!(!r.narrative.contains(" 0%"), "{}", r.narrative);
    assert!(
        r.narrative.contains("hình thức nộp: chưa có dữ liệu"),
        "{}",
        r.narrative
    );
    assert!(
        !r.narrative.contains("Cấp tỉnh"),
        "a level not loaded is not reported on"
    );
    assert!(
        r.narrative
            .contains(", UBND xã Phú Lạc tiếp nhận 2 hồ sơ TTHC"),
        "{}",
        r.narrative
    );

    // a column of blanks says nothing either; one «Không» makes it known (0 of 2 = 0%)
    let blanks = format!(
        "{head};Số hóa\nB1;Sở Tư pháp;02/01/2024;10/01/2024;05/01/2024;10;\nB2;UBND huyện Tuy Phong;02/01/2024;10/01/2024;05/01/2024;10;\n"
    );
    let r = run(
        Options::default(),
        &[("b.csv", blanks.clone().into_bytes())],
    );
    assert_eq!(r.total.digitized_rate, None);
    assert!(
        r.narrative
            .contains(", cấp tỉnh, cấp huyện tiếp nhận 2 hồ sơ"),
        "{}",
        r.narrative
    );
    let one_no = blanks.replacen("05/01/2024;10;\n", "05/01/2024;10;Không\n", 1);
    let r = run(Options::default(), &[("b.csv", one_no.into_bytes())]);
    assert_eq!(r.total.digitized_rate, Some(0.0));
    assert!(r.narrative.contains("TTHC đạt 0%"), "{}", r.narrative);
}

/// What is plainly not a table is refused by its first bytes: a Vietnamese file error naming what
/// it looks like, no row read (the accounting balanced, `run` checks it at every chunk size);
/// the good file beside it is counted all the same. UTF-16 text is not mistaken for binary.
#[test]
fn files_that_are_not_tables_are_refused_by_their_first_bytes() {
    let mut noise = Vec::new();
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..6000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.push((x >> 32) as u8);
    }
    let with_noise = |head: &[u8]| [head, &noise[..]].concat();
    let zip_of = |names: &[&str]| {
        let mut z = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        for n in names {
            z.extend_from_slice(&[0; 16]);
            z.extend_from_slice(n.as_bytes());
            z.extend_from_slice(&noise[..200]);
        }
        z
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a.png", with_noise(b"\x89PNG\r\n\x1a\n"), "ảnh PNG"),
        ("a.pdf", with_noise(b"%PDF-1.4\n"), "tệp PDF"),
        ("a.jpg", with_noise(b"\xff\xd8\xff\xe0"), "ảnh JPEG"),
        ("a.gif", with_noise(b"GIF89a"), "ảnh GIF"),
        ("a.csv.gz", with_noise(b"\x1f\x8b\x08\x00"), "tệp nén gzip"),
        ("a.7z", with_noise(b"7z\xbc\xaf\x27\x1c"), "tệp nén 7z"),
        ("a.rar", with_noise(b"Rar!\x1a\x07\x01\x00"), "tệp nén RAR"),
        ("a.zip", zip_of(&["ghi-chu.txt", "anh.png"]), "tệp nén ZIP"),
        (
            "a.docx",
            zip_of(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]),
            "văn bản Word",
        ),
        ("a.bin", noise.clone(), "dữ liệu nhị phân"),
    ];
    let good = BASIC.as_bytes().to_vec();
    for (name, bytes, what) in cases {
        let r = run(
            Options::default(),
            &[(name, bytes.clone()), ("tot.csv", good.clone())],
        );
        let e = r.files[0].error.as_deref().unwrap_or_default();
        assert!(e.contains(what), "{name}: {e}");
        assert!(e.contains("không phải bảng dữ liệu"), "{name}: {e}");
        assert_eq!(r.files[0].rows.read, 0, "{name}");
        assert_eq!(r.files[0].bytes, bytes.len() as u64, "{name}");
        assert!(r.files[1].error.is_none(), "{name}");
        assert_eq!(r.rows.counted, 7, "{name}: the good file is counted");
    }
    let r = run(Options::default(), &[("rong.csv", Vec::new())]);
    assert_eq!(
        r.files[0].error.as_deref(),
        Some("Tệp rỗng (0 byte): không có gì để đọc")
    );
    let r = run(Options::default(), &[("trang.csv", b"\n\r\n\n".to_vec())]);
    assert!(r.files[0]
        .error
        .as_deref()
        .unwrap()
        .contains("chỉ có dòng trống"));
    // UTF-16 LE without a BOM: NUL bytes, but text
    let utf16: Vec<u8> = BASIC.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let r = run(Options::default(), &[("unicode.txt", utf16)]);
    assert!(r.files[0].error.is_none(), "{:?}", r.files[0].error);
    assert_eq!(r.rows.counted, 7);
    // a real workbook is still a workbook
    let table = tthc_analytics::table::reader::read_all(BASIC.as_bytes());
    let xlsx = tthc_analytics::sample::workbook::xlsx(&table.rows).unwrap();
    let r = run(Options::default(), &[("that.xlsx", xlsx)]);
    assert!(r.files[0].error.is_none(), "{:?}", r.files[0].error);
    assert_eq!(r.files[0].format, "xlsx");
}
