//! The binding surface, in headless Chromium (the dossier Analyzer, then the index's
//! IndexBuilder, then the outputs: workbook and CSV bytes): typed values in as JS objects (options with the period and numbers as typed,
//! manual entries, the dossier Report), bytes in as a Uint8Array, the Report and the IndexReport
//! out as plain JS objects, the sample files with Uint8Array bytes, errors out as JS Errors.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

use tthc_analytics::wasm::index::{index_sample_files, IndexBuilder};
use tthc_analytics::wasm::{
    bench_report_crossing, cut_points, part_head_bytes, part_windows, Analyzer, SampleStream,
};

fn opts(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn run_small(csv: &str) -> Result<JsValue, JsValue> {
    let mut a = Analyzer::new(opts(r#"{"max_problems": 10}"#))?;
    a.begin_file("nho.csv")?;
    // through a real Uint8Array, in 7-byte pieces
    let arr = js_sys::Uint8Array::from(csv.as_bytes());
    let mut i = 0;
    while i < arr.length() {
        let piece = arr.subarray(i, (i + 7).min(arr.length())).to_vec();
        a.push(&piece)?;
        i += 7;
    }
    a.end_file()?;
    a.finish()
}

fn run_sample(rows: u32) -> Result<JsValue, JsValue> {
    let mut a = Analyzer::new(JsValue::UNDEFINED)?;
    let mut s = SampleStream::new(rows);
    a.begin_file(&s.file_name())?;
    while let Some(c) = s.next_chunk(1 << 16) {
        a.push(&c)?;
    }
    a.end_file()?;
    a.finish()
}

fn bad_options() -> Result<Analyzer, JsValue> {
    Analyzer::new(opts(r#"{"from": "31/02/2024", "to": "01/03/2024"}"#))
}

fn get(v: &JsValue, path: &str) -> JsValue {
    let mut cur = v.clone();
    for key in path.split('.') {
        cur = if let Ok(i) = key.parse::<u32>() {
            js_sys::Reflect::get_u32(&cur, i).unwrap()
        } else {
            js_sys::Reflect::get(&cur, &JsValue::from_str(key)).unwrap()
        };
    }
    cur
}

#[wasm_bindgen_test]
fn report_crosses_as_a_plain_object() {
    let csv = "DANH SÁCH HỒ SƠ;;;;\nMã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả\n\
               H1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024\n\
               H2;UBND xã Hòa Minh;02/01/2024;10/01/2024;11/01/2024\n\
               H2;UBND xã Hòa Minh;02/01/2024;10/01/2024;11/01/2024\n\
               H3;UBND huyện Tuy Phong;31/02/2024;10/01/2024;11/01/2024\n";
    let r = run_small(csv).expect("analysis runs");
    assert_eq!(get(&r, "period.from").as_string().unwrap(), "2024-01-01");
    assert_eq!(get(&r, "levels.0.level").as_string().unwrap(), "province");
    assert_eq!(get(&r, "levels.0.resolved").as_f64().unwrap(), 1.0);
    assert_eq!(get(&r, "levels.2.late").as_f64().unwrap(), 1.0);
    assert_eq!(get(&r, "rows.read").as_f64().unwrap(), 6.0);
    assert_eq!(get(&r, "rows.duplicates").as_f64().unwrap(), 1.0);
    assert_eq!(get(&r, "rows.rejected").as_f64().unwrap(), 1.0);
    assert_eq!(get(&r, "problems.0.row").as_f64().unwrap(), 6.0);
    assert_eq!(
        get(&r, "problems.0.column").as_string().unwrap(),
        "Ngày tiếp nhận"
    );
    assert_eq!(get(&r, "files.0.delimiter").as_string().unwrap(), ";");
}

#[wasm_bindgen_test]
fn sample_stream_feeds_the_analyzer() {
    let r = run_sample(3000).expect("sample runs");
    let read = get(&r, "rows.read").as_f64().unwrap();
    let counted = get(&r, "rows.counted").as_f64().unwrap();
    let ignored = get(&r, "rows.ignored").as_f64().unwrap();
    assert_eq!(read, counted + ignored);
    assert!(get(&r, "total.resolved").as_f64().unwrap() > 2000.0);
}

#[wasm_bindgen_test]
fn the_report_crosses_both_ways_for_the_bench() {
    let c = bench_report_crossing(2000, 2).unwrap();
    for way in ["json_text_ms", "serde_wasm_bindgen_ms"] {
        let times = js_sys::Array::from(&get(&c, way));
        assert_eq!(times.length(), 2, "{way}");
        assert!(
            times.iter().all(|t| t.as_f64().is_some_and(|t| t >= 0.0)),
            "{way}"
        );
    }
    assert!(get(&c, "json_bytes").as_f64().unwrap() > 1000.0);
}

#[wasm_bindgen_test]
fn finished_analyzer_refuses_more_input() {
    let mut a = Analyzer::new(JsValue::NULL).unwrap();
    a.finish().unwrap();
    assert!(a.push(b"x").is_err());
    assert!(Analyzer::new(opts(r#"{"colour": 1}"#)).is_err());
}

#[wasm_bindgen_test]
fn the_period_as_typed() {
    // the page sends what the user typed; the core reads it
    let mut a = Analyzer::new(opts(r#"{"year": "2023"}"#)).unwrap();
    a.begin_file("x.csv").unwrap();
    a.end_file().unwrap();
    let r = a.finish().unwrap();
    assert_eq!(get(&r, "period.from").as_string().unwrap(), "2023-01-01");
    assert_eq!(get(&r, "period.auto").as_bool(), Some(false));
    let mut a = Analyzer::new(opts(r#"{"from": "1/2/2024", "to": "2024-03-31"}"#)).unwrap();
    let r = a.finish().unwrap();
    assert_eq!(get(&r, "period.to").as_string().unwrap(), "2024-03-31");
    // and says in Vietnamese what it cannot read
    for (o, want) in [
        (
            r#"{"year": "hai nghìn"}"#,
            "Tùy chọn không hợp lệ: «hai nghìn» không phải là số",
        ),
        (r#"{"year": "1800"}"#, "Năm 1800 không hợp lệ"),
        (
            r#"{"from": "01/01/2024"}"#,
            "Cần cả «Từ ngày» và «Đến ngày»",
        ),
        (r#"{"mapping": {"due": 2.5}}"#, "Tùy chọn không hợp lệ"),
    ] {
        let Err(e) = Analyzer::new(opts(o)) else {
            panic!("{o} must throw")
        };
        let msg = js_sys::Error::from(e).message().as_string().unwrap();
        assert!(msg.starts_with(want), "{o}: {msg}");
    }
}

#[wasm_bindgen_test]
fn bad_options_throw_a_vietnamese_error() {
    let Err(e) = bad_options() else {
        panic!("must throw")
    };
    assert!(e.is_instance_of::<js_sys::Error>());
    let msg = get(&e, "message").as_string().unwrap();
    assert!(msg.contains("Từ ngày"), "{msg}");
}

// --- the index: options as a JS object or a string, files as bytes, the dossier Report object
// from the Analyzer, manual entries as an array (numbers as typed), the IndexReport out, errors
// as JS Errors.

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

const RANKING: &str = "Tỉnh;Kỳ;Tổng điểm\nBình Thuận;01/2024;62,85\nLâm Đồng;01/2024;70\nBình Thuận;2024;81,61\nLâm Đồng;2024;80\n";

#[wasm_bindgen_test]
fn builder_round_trip() {
    let mut b = IndexBuilder::new(js(
        r#"{"methodology": "qd766-portal", "focus": "Bình Thuận"}"#,
    ))
    .unwrap();
    assert_eq!(
        b.add_file("xep-hang.csv", RANKING.as_bytes()).unwrap(),
        "ranking_table"
    );
    b.set_manual(js(
        r#"[{"indicator": "2.1", "numerator": 486, "denominator": 588}]"#,
    ))
    .unwrap();
    let r = b.finish().unwrap();
    assert_eq!(
        get(&r, "comparison.text").as_string().unwrap(),
        "81,61 điểm (tăng 18,76 điểm), xếp hạng 1/2 (tăng 1 bậc); tháng 01/2024: 62,85 điểm, hạng 2/2"
    );
    assert_eq!(
        get(&r, "province.indicators.4.points").as_f64(),
        Some(16.53)
    );
    assert_eq!(
        get(&r, "province.indicators.4.manual").as_bool(),
        Some(true)
    );
    // a plain object, not a Map
    assert!(get(&r, "province.groups").is_object());
    assert!(b.finish().is_err());
}

#[wasm_bindgen_test]
fn numbers_as_typed() {
    let mut b = IndexBuilder::new(js(r#"{"focus": "Bình Thuận", "target": "85,5"}"#)).unwrap();
    b.add_file("xep-hang.csv", RANKING.as_bytes()).unwrap();
    b.set_manual(js(
        r#"[{"indicator": "2.1", "numerator": "486", "denominator": "588,0"},
            {"indicator": "1.4", "points": "5,4", "note": "nhập tay"}]"#,
    ))
    .unwrap();
    let r = b.finish().unwrap();
    assert_eq!(get(&r, "what_if.target").as_f64(), Some(85.5));
    assert_eq!(
        get(&r, "province.indicators.4.points").as_f64(),
        Some(16.53)
    );
    let e = IndexBuilder::new(js(r#"{"target": "tám"}"#)).err().unwrap();
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert_eq!(msg, "Tùy chọn không hợp lệ: «tám» không phải là số");
    let mut b = IndexBuilder::new(JsValue::UNDEFINED).unwrap();
    let e = b
        .set_manual(js(
            r#"[{"indicator": "2.1", "numerator": "1,2,3", "denominator": 4}]"#,
        ))
        .err()
        .unwrap();
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert!(
        msg.starts_with("Số liệu nhập tay không hợp lệ: «1,2,3»"),
        "{msg}"
    );
}

#[wasm_bindgen_test]
fn report_from_the_analyzer() {
    let csv = "Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả\n\
               H1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024\n\
               H2;Sở Tư pháp;02/01/2024;10/01/2024;12/01/2024\n";
    let mut a = Analyzer::new(js(r#"{"year": 2024}"#)).unwrap();
    a.begin_file("ho-so.csv").unwrap();
    a.push(csv.as_bytes()).unwrap();
    a.end_file().unwrap();
    let report = a.finish().unwrap();
    let mut b = IndexBuilder::new(JsValue::from_str("qd766-2022")).unwrap();
    b.add_report(report).unwrap();
    let r = b.finish().unwrap();
    assert_eq!(get(&r, "methodology.id").as_string().unwrap(), "qd766-2022");
    assert_eq!(get(&r, "units.0.name").as_string().unwrap(), "Sở Tư pháp");
    assert_eq!(get(&r, "units.0.groups.TDGQ").as_f64(), Some(10.0));
}

#[wasm_bindgen_test]
fn errors_are_vietnamese_js_errors() {
    let e = IndexBuilder::new(js(r#"{"methodology": "qd766-2099"}"#))
        .err()
        .unwrap();
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert!(msg.contains("Không có phương pháp"), "{msg}");
    let e = IndexBuilder::new(js(r#"{"fokus": "x"}"#)).err().unwrap();
    assert!(e.is_instance_of::<js_sys::Error>());
    let mut b = IndexBuilder::new(JsValue::UNDEFINED).unwrap();
    let e = b
        .set_manual(js(r#"[{"indicator": "2.1", "numerator": 1}]"#))
        .err()
        .unwrap();
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert!(msg.contains("cần cả tử số và mẫu số"), "{msg}");
    let e = b.add_report(js(r#"{"version": 1}"#)).err().unwrap();
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert!(msg.starts_with("Báo cáo hồ sơ không hợp lệ"), "{msg}");
}

#[wasm_bindgen_test]
fn the_sample_files_feed_the_builder() {
    let files = js_sys::Array::from(&index_sample_files().unwrap());
    assert_eq!(files.length(), 2);
    let mut b = IndexBuilder::new(js(r#"{"focus": "Bình Thuận"}"#)).unwrap();
    let mut kinds = Vec::new();
    for f in files.iter() {
        let name = get(&f, "name").as_string().unwrap();
        let bytes = get(&f, "bytes");
        assert!(bytes.is_instance_of::<js_sys::Uint8Array>());
        let bytes = js_sys::Uint8Array::from(bytes);
        assert!(name.ends_with(".csv"), "{name}");
        assert!(bytes.length() > 1000);
        kinds.push(b.add_file(&name, &bytes.to_vec()).unwrap());
    }
    assert_eq!(kinds, vec!["catalog", "ranking_table"]);
    let r = b.finish().unwrap();
    assert_eq!(
        get(&r, "comparison.text").as_string().unwrap(),
        "81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63"
    );
    assert_eq!(get(&r, "comparison.delta").as_f64(), Some(18.76));
    assert_eq!(get(&r, "catalog.procedures").as_f64(), Some(1994.0));
    assert_eq!(get(&r, "catalog.integrated").as_f64(), Some(706.0));
}

#[wasm_bindgen_test]
fn a_file_over_the_index_limit_is_refused_by_its_size() {
    let mut b = IndexBuilder::new(JsValue::UNDEFINED).unwrap();
    assert!(b.admit_file("nho.csv", 1000.0).unwrap());
    assert!(!b.admit_file("lon.csv", 67_108_865.0).unwrap());
    let r = b.finish().unwrap();
    let files = js_sys::Array::from(&get(&r, "files"));
    let e = get(&files.get(0), "error").as_string().unwrap();
    assert!(e.contains("lon.csv") && e.contains("64 MiB"), "{e}");
}

// «Xuất Excel» and «CSV»: the reports' JSON text in (as the page sends `JSON.stringify` of what
// `finish` returned), the file's bytes out; on wasm32 too (rust_xlsxwriter's `wasm` feature).

use tthc_analytics::wasm::export::{export_index_xlsx, export_xlsx, table_csv};

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn exports_are_bytes() {
    let report = run_sample(2000).unwrap();
    let xlsx = export_xlsx(&stringify(&report), None).unwrap();
    assert_eq!(&xlsx[..4], b"PK\x03\x04");
    let mut b = IndexBuilder::new(js(r#"{"focus": "Bình Thuận"}"#)).unwrap();
    b.add_report(report.clone()).unwrap();
    b.add_file("xep-hang.csv", RANKING.as_bytes()).unwrap();
    let index = stringify(&b.finish().unwrap());
    let both = export_xlsx(&stringify(&report), Some(index.clone())).unwrap();
    assert!(both.len() > xlsx.len());
    assert_eq!(&export_index_xlsx(&index).unwrap()[..4], b"PK\x03\x04");
    let e = export_xlsx("{}", None).err().unwrap();
    let msg = js_sys::Error::from(e).message().as_string().unwrap();
    assert!(msg.starts_with("Báo cáo hồ sơ không hợp lệ"), "{msg}");

    let csv = table_csv(js(r#"[["Đơn vị", "=1+1"], ["a;b", "-5"]]"#), true).unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "\u{feff}Đơn vị;'=1+1\r\n\"a;b\";-5\r\n"
    );
    let csv = table_csv(js(r#"[["a;b", "c,d"]]"#), false).unwrap();
    assert_eq!(csv, "\u{feff}a;b,\"c,d\"\r\n".as_bytes());
    assert!(table_csv(js(r#"[["a", 1]]"#), false).is_err());
}

/// A file read by two workers through the bindings (`forPart`, `takePart`, `absorbPart`,
/// `finishJson`), the part's bytes crossing as a `Uint8Array`: the Report JSON of one worker.
#[wasm_bindgen_test]
fn a_file_read_in_two_parts_gives_the_one_worker_report() {
    let mut s = SampleStream::new(3_000);
    let name = s.file_name();
    let mut file = Vec::new();
    while let Some(c) = s.next_chunk(1 << 16) {
        file.extend_from_slice(&c);
    }
    let one = {
        let mut a = Analyzer::new(JsValue::UNDEFINED).unwrap();
        a.begin_file(&name).unwrap();
        a.push(&file).unwrap();
        a.end_file().unwrap();
        a.finish_json().unwrap()
    };
    // a file under 8 MB is not cut by the page; cut this one by hand, past the 64 KiB window
    assert!(part_windows(file.len() as f64, 2).is_empty());
    let at = file.len() / 2;
    let cut = at + file[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let head = &file[..file.len().min(part_head_bytes() as usize)];
    let mut p = Analyzer::for_part(JsValue::UNDEFINED, &name, head).unwrap();
    p.push(&file[cut..]).unwrap();
    let bytes = js_sys::Uint8Array::from(&p.take_part(true).unwrap()[..]);
    let mut a = Analyzer::new(JsValue::UNDEFINED).unwrap();
    a.begin_file(&name).unwrap();
    a.push(&file[..cut]).unwrap();
    assert!(
        a.absorb_part(bytes.to_vec()).unwrap(),
        "the part is absorbed"
    );
    a.end_file().unwrap();
    assert!(a.finish_json().unwrap() == one, "the Report differs");
    // bytes that are not a part: refused, the analyzer unharmed
    let mut b = Analyzer::new(JsValue::UNDEFINED).unwrap();
    b.begin_file(&name).unwrap();
    b.push(&file[..cut]).unwrap();
    assert!(!b.absorb_part(b"TTHC-PART-2\n\x01".to_vec()).unwrap());
    // a large file's windows and cuts: each cut just after a line end
    let big = 20 << 20;
    let offsets = part_windows(big as f64, 2);
    assert_eq!(offsets.len(), 1);
    let window = js_sys::Uint8Array::from(&b"abc\ndef"[..]);
    assert_eq!(cut_points(big as f64, 2, vec![window]), [offsets[0] + 4.0]);
}

/// In the browser the store holds at most 10.000.000 dossiers (the CLI 25.000.000): past it the
/// page says so instead of the browser running out of memory.
#[wasm_bindgen_test]
fn the_browser_holds_ten_million_dossiers_at_most() {
    assert_eq!(tthc_analytics::basics::limits::MAX_DOSSIERS, 10_000_000);
}
