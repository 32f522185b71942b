//! The binding surface, in headless Chromium: options in as a JS object, bytes in as a
//! Uint8Array, the Report out as a plain JS object, errors out as JS Errors.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

use tthc_analytics::wasm::{Analyzer, SampleStream};

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
fn finished_analyzer_refuses_more_input() {
    let mut a = Analyzer::new(JsValue::NULL).unwrap();
    a.finish().unwrap();
    assert!(a.push(b"x").is_err());
    assert!(Analyzer::new(opts(r#"{"colour": 1}"#)).is_err());
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
