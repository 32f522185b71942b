//! Any bytes as the index's input files (portal JSON, catalogue, ranking, manual sheets): the
//! input is cut into files at each `\0\0\0` (seeds: fuzz/seed.sh, the sample index inputs).
#![no_main]
use tthc_analytics::index::{self, IndexOptions};

const NAMES: [&str; 4] = ["a.json", "b.csv", "c.xlsx", "d.csv"];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = split(data);
    let files: Vec<(&str, &[u8])> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| (NAMES[i % NAMES.len()], *p))
        .collect();
    if let Ok(r) = index::build(IndexOptions::default(), &files) {
        serde_json::to_string(&r).expect("an IndexReport serialises");
    }
});

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(3).position(|w| w == b"\0\0\0") {
        out.push(&rest[..i]);
        rest = &rest[i + 3..];
    }
    out.push(rest);
    out
}
