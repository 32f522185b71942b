//! Index inputs against what they may really be (issue 9): quotes as officials type them in a
//! catalogue or a ranking table (RFC 4180: a quote opens a field only at its start, `""` inside
//! a quoted field is a quote, a stray quote elsewhere is a literal), a file of many bad rows (the
//! problems kept are capped, the count per code is not), a file over the size limit (refused by
//! its size, before it is read), and hostile bytes: JSON nested 100.000 deep, a huge or deep
//! methodology, an empty file, binary bytes — each a clear error, never a panic or a stack
//! overflow.

use tthc_analytics::basics::limits::{
    MAX_INDEX_FILE_BYTES, MAX_INDEX_PROBLEMS, MAX_INDEX_TABLE_CELLS, MAX_METHODOLOGY_BYTES,
};
use tthc_analytics::basics::problem::Code;
use tthc_analytics::index::{build, IndexBuilder, IndexOptions, IndexReport, Methodology};
use tthc_analytics::sample::index as sample;

fn one(name: &str, bytes: &[u8]) -> IndexReport {
    build(IndexOptions::default(), &[(name, bytes)]).unwrap()
}

/// Runs `f` on a thread with the stack of the wasm build (1 MiB), so that a recursion the
/// browser would die of fails here too.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic, no stack overflow")
}

// ── 1. quotes ──

/// A ranking table with a stray quote in an unquoted name, a quoted name with `""` and a line
/// break, in both delimiters: every row read, every name exactly as written.
#[test]
fn ranking_names_with_quotes_are_read_whole() {
    let names = [
        "Sở \"Tư pháp\"",
        "Sở \"Xây dựng\"\n(cơ sở 2)",
        "UBND xã \"Hòa\" Minh \"",
        "Sở Y tế",
    ];
    for d in [',', ';'] {
        let csv = format!(
            "Đơn vị{d}Kỳ đánh giá{d}Tổng điểm\n\
             Sở \"Tư pháp\"{d}01/2024{d}80\n\
             \"Sở \"\"Xây dựng\"\"\n(cơ sở 2)\"{d}01/2024{d}70\n\
             UBND xã \"Hòa\" Minh \"{d}01/2024{d}65\n\
             Sở Y tế{d}01/2024{d}60\n"
        );
        let r = one("xep-hang.csv", csv.as_bytes());
        assert!(r.problems.is_empty(), "{d}: {:?}", r.problems);
        assert_eq!(r.files[0].kind, "ranking_table");
        assert_eq!(r.files[0].records, 4, "{d}");
        let got: Vec<(&str, f64, u32)> = r
            .ranking
            .iter()
            .map(|x| (x.name.as_str(), x.score, x.rank))
            .collect();
        assert_eq!(
            got,
            vec![
                (names[0], 80.0, 1),
                (names[1], 70.0, 2),
                (names[2], 65.0, 3),
                (names[3], 60.0, 4)
            ],
            "delimiter {d}"
        );
    }
}

/// A catalogue whose names carry quotes: each procedure counted, none swallowed into another's
/// cell (each row has a different mix of flags, so a lost row changes a count).
#[test]
fn catalogue_rows_with_quotes_are_all_counted() {
    let csv = format!(
        "{}\n\
         1;1.001;Cấp \"giấy phép\" xây dựng;Cấp tỉnh;Có;;Toàn trình;Có;Có\n\
         2;1.002;\"Đăng ký \"\"hộ kinh doanh\"\"\n(lần đầu)\";Cấp huyện;Có;;Một phần;Không;Không\n\
         3;1.003;Chứng thực \"bản sao;Cấp xã;Không;;Không;Không;Có\n\
         4;1.004;Khai sinh;Cấp xã;Có;;Toàn trình;Có;Không\n",
        sample::CATALOGUE_HEADERS
    );
    let r = one("danh-muc.csv", csv.as_bytes());
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let c = r.catalog.as_ref().unwrap();
    assert_eq!(c.procedures, 4);
    assert_eq!(c.published, Some(3));
    assert_eq!((c.online_full, c.online_partial), (Some(2), Some(1)));
    assert_eq!(c.integrated, Some(2));
    assert_eq!(c.with_fees, Some(2));
}

// ── 2. problems capped, counted ──

#[test]
fn many_bad_rows_keep_the_first_problems_and_count_them_all() {
    let bad = MAX_INDEX_PROBLEMS * 3 + 7;
    let mut csv = String::from("Đơn vị;Kỳ đánh giá;Tổng điểm\nSở A;01/2024;80\n");
    for i in 0..bad {
        csv.push_str(&format!("Sở {i};01/2024;không rõ\n"));
    }
    let r = one("xep-hang.csv", csv.as_bytes());
    assert_eq!(r.ranking.len(), 1);
    assert_eq!(r.problems.len(), MAX_INDEX_PROBLEMS);
    assert_eq!(r.problems_total, bad as u64);
    let by: Vec<(Code, u64)> = r
        .problems_by_reason
        .iter()
        .map(|c| (c.code, c.count))
        .collect();
    assert_eq!(by.iter().map(|(_, n)| n).sum::<u64>(), bad as u64, "{by:?}");
    // the first ones, in file order
    assert_eq!(r.problems[0].row, Some(3));
    assert_eq!(
        r.problems[MAX_INDEX_PROBLEMS - 1].row,
        Some(2 + MAX_INDEX_PROBLEMS as u64)
    );
    let w = r
        .warnings
        .iter()
        .find(|w| w.contains("chỉ liệt kê"))
        .expect("a warning says problems were left out");
    assert_eq!(
        w,
        "Có 3.007 lỗi dữ liệu, chỉ liệt kê 1.000 lỗi đầu tiên (giới hạn 1.000 lỗi); 2.007 lỗi không liệt kê vẫn được đếm theo từng loại"
    );
    assert!(tthc_analytics::index::output::text(&r).contains("Lỗi dữ liệu (3.007)"));
}

#[test]
fn few_problems_are_all_kept_and_counted() {
    let csv = "Đơn vị;Kỳ đánh giá;Tổng điểm\nSở A;01/2024;80\nSở B;01/2024;x\n";
    let r = one("xep-hang.csv", csv.as_bytes());
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems_total, 1);
    assert_eq!(r.problems_by_reason.len(), 1);
    assert_eq!(r.problems_by_reason[0].count, 1);
    assert!(!r.warnings.iter().any(|w| w.contains("chỉ liệt kê")));
}

// ── 3. size limit ──

const TOO_LARGE: &str =
    "Tệp lon.csv (67.108.865 byte) lớn hơn 64 MiB, giới hạn của tệp đầu vào Chỉ số 766";

#[test]
fn a_file_over_the_size_limit_is_refused_by_its_size() {
    assert_eq!(MAX_INDEX_FILE_BYTES, 64 << 20);
    // by its size alone, as the page asks before reading the file
    let mut b = IndexBuilder::new(IndexOptions::default()).unwrap();
    assert!(b.admit("nho.csv", MAX_INDEX_FILE_BYTES as u64));
    assert!(!b.admit("lon.csv", MAX_INDEX_FILE_BYTES as u64 + 1));
    assert!(!b.admit("rat-lon.csv", 5 << 30));
    let r = b.finish();
    assert_eq!(
        r.files.len(),
        2,
        "an admitted file is listed when added, not when asked"
    );
    assert_eq!(r.files[0].error.as_deref(), Some(TOO_LARGE));
    assert_eq!(r.problems[0].code, Code::TooLarge);
    assert_eq!(
        r.files[1].error.as_deref(),
        Some("Tệp rat-lon.csv (5.368.709.120 byte) lớn hơn 64 MiB, giới hạn của tệp đầu vào Chỉ số 766")
    );
    // the bytes themselves: refused before any parsing
    let big = vec![b'a'; MAX_INDEX_FILE_BYTES + 1];
    let r = one("lon.csv", &big);
    assert_eq!(r.files[0].kind, "unknown");
    assert_eq!(r.files[0].error.as_deref(), Some(TOO_LARGE));
    assert_eq!(r.problems_total, 1);
}

/// Under the size limit, a table of millions of empty cells (line breaks, delimiters) is
/// refused by its cell count instead of filling the memory; a dossier export is still streamed.
#[test]
fn a_table_of_millions_of_empty_cells_is_refused() {
    let want = "Tệp o-trong.csv: bảng có hơn 1.000.000 ô, giới hạn của bảng đầu vào Chỉ số 766; tệp không được đọc";
    assert_eq!(MAX_INDEX_TABLE_CELLS, 1_000_000);
    for filler in ["\n", ";", ";;;;;;;;;\n"] {
        let csv = format!(
            "{}\n1;1.001;A;Cấp tỉnh;Có;;Toàn trình;Có;Có\n{}",
            sample::CATALOGUE_HEADERS,
            filler.repeat(MAX_INDEX_TABLE_CELLS + 1)
        );
        let r = one("o-trong.csv", csv.as_bytes());
        assert_eq!(r.files[0].error.as_deref(), Some(want), "{filler:?}");
        assert_eq!(r.problems[0].code, Code::TooLarge);
        assert!(r.catalog.is_none());
    }
}

// ── 5. hostile bytes ──

fn nested(depth: usize, open: &str, close: &str) -> String {
    format!("{}1{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn deep_json_is_a_file_error_not_a_stack_overflow() {
    let r = on_small_stack(|| {
        let files = [
            ("mang.json", nested(100_000, "[", "]")),
            ("doi-tuong.json", nested(100_000, "{\"a\":", "}")),
            (
                "cong.json",
                format!(
                    "{{\"data\":{{\"content\":{}}}}}",
                    nested(100_000, "[{\"x\":", "}]")
                ),
            ),
        ];
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
        build(IndexOptions::default(), &files).unwrap()
    });
    assert_eq!(r.files.len(), 3);
    for f in &r.files {
        let e = f.error.as_deref().unwrap_or_default();
        assert!(e.starts_with("Tệp JSON không đọc được"), "{}: {e}", f.name);
        assert!(e.contains("recursion limit"), "{}: {e}", f.name);
    }
    assert!(r.problems.iter().all(|p| p.code == Code::BadJson));
}

fn methodology_of(indicators: usize, pad: usize) -> String {
    let inds: Vec<String> = (0..indicators)
        .map(|i| format!("{{\"id\":\"{i}\",\"name\":\"x\",\"group\":\"A\",\"max\":1,\"rule\":\"linear\",\"inputs\":[{{\"numerator\":\"a\",\"denominator\":\"b\"}}]}}"))
        .collect();
    format!(
        "{{\"schema\":1,\"id\":\"x\",\"name\":\"{}\",\"total\":100,\"groups\":[{{\"code\":\"A\",\"name\":\"A\",\"max\":100}}],\"indicators\":[{}]}}",
        "x".repeat(pad),
        inds.join(",")
    )
}

#[test]
fn a_huge_or_deep_methodology_is_refused_with_its_reason() {
    // huge: refused by its length, before parsing, as an option or as a file
    let huge = methodology_of(10, MAX_METHODOLOGY_BYTES);
    let want = format!(
        "Tệp phương pháp tính ({} byte) lớn hơn 1 MiB, giới hạn của phương pháp tính Chỉ số 766",
        tthc_analytics::basics::format::int(huge.len() as u64)
    );
    assert_eq!(Methodology::from_json(&huge).unwrap_err(), want);
    let opts = IndexOptions {
        methodology: Some(huge.clone()),
        ..Default::default()
    };
    assert_eq!(IndexBuilder::new(opts).err().unwrap(), want);
    let r = one("phuong-phap.json", huge.as_bytes());
    assert_eq!(r.files[0].kind, "methodology");
    assert_eq!(r.files[0].error.as_deref(), Some(want.as_str()));
    assert_eq!(r.problems[0].code, Code::BadMethodology);
    // deep: serde_json's recursion limit, on the wasm build's stack
    // (in a rule, which is any JSON value: the typed fields would stop at the first `[`)
    let deep = methodology_of(1, 0).replace("\"linear\"", &nested(100_000, "[", "]"));
    let e = on_small_stack(move || Methodology::from_json(&deep).unwrap_err());
    assert!(e.starts_with("Tệp phương pháp tính không hợp lệ"), "{e}");
    assert!(e.contains("recursion limit"), "{e}");
    // just under the limit and many indicators: an answer in reasonable time
    let n = MAX_METHODOLOGY_BYTES / 110;
    let many = methodology_of(n, 0);
    assert!(many.len() <= MAX_METHODOLOGY_BYTES, "{}", many.len());
    let t = std::time::Instant::now();
    let e = Methodology::from_json(&many).unwrap_err();
    assert!(e.contains("không bằng"), "{e}");
    assert!(
        t.elapsed().as_secs() < 20,
        "{:?} for {n} indicators",
        t.elapsed()
    );
}

#[test]
fn empty_and_binary_files_are_file_errors() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7919 % 256) as u8));
    let random: Vec<u8> = (0..65536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let not_a_table =
        ": cần tệp CSV, Excel (.xlsx, .xls, .ods), bảng HTML hoặc JSON xuất từ hệ thống";
    let cases: [(&str, Vec<u8>, String); 5] = [
        ("rong.csv", b"".to_vec(), "Tệp rỗng".into()),
        ("trang.csv", b"  \r\n\t\n".to_vec(), "Tệp rỗng".into()),
        (
            "bom.json",
            b"\xEF\xBB\xBF".to_vec(),
            "Tệp không có dữ liệu: không có dòng nào, hoặc chỉ có dòng trống".into(),
        ),
        (
            "anh.png",
            png,
            format!("Tệp này là ảnh PNG, không phải bảng dữ liệu{not_a_table}"),
        ),
        (
            "ngau-nhien.bin",
            random,
            format!("Tệp này là dữ liệu nhị phân (nhiều byte điều khiển, không phải văn bản), không phải bảng dữ liệu{not_a_table}"),
        ),
    ];
    for (name, bytes, want) in cases {
        let r = on_small_stack(move || one(name, &bytes));
        assert_eq!(r.files[0].error.as_deref(), Some(want.as_str()), "{name}");
        assert!(!r.problems.is_empty(), "{name}: a problem says why");
        assert!(r.province.is_none() && r.ranking.is_empty(), "{name}");
    }
}
