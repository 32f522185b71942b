//! Any text as a methodology file (`Methodology::from_json`, what `--methodology FILE` and the
//! page's «Phương pháp (JSON)» read); a valid one is also used to score the sample index.
#![no_main]
use tthc_analytics::index::{self, methodology::Methodology, IndexOptions};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if Methodology::from_json(&text).is_ok() {
        let files = tthc_analytics::sample::index::files();
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let opts = IndexOptions {
            methodology: Some(text.into_owned()),
            ..IndexOptions::default()
        };
        if let Ok(r) = index::build(opts, &files) {
            serde_json::to_string(&r).expect("an IndexReport serialises");
        }
    }
});
