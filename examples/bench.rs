//! `make bench-native`: the sample province-year CSV → full Report, in memory, natively.
//! Prints MB/s and rows/s of the best of five runs; then the same text in each legacy Vietnamese
//! encoding (Windows-1258, TCVN3, VNI: detection and decoding to NFC UTF-8 included) against the
//! UTF-8 time. The runs of the four files alternate, so that a change in the machine's load
//! touches them alike.

use std::time::Instant;
use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::table::decode::Encoding;
use tthc_analytics::table::legacy::encode;
use tthc_analytics::{Analyzer, Options};

/// One run of `data` → Report: seconds and rows read.
fn run(data: &[u8]) -> (f64, u64) {
    let t = Instant::now();
    let mut a = Analyzer::new(Options::default()).expect("default options");
    a.begin_file("mau.csv");
    for c in data.chunks(4 << 20) {
        a.push(c);
    }
    let r = a.finish_report();
    let secs = t.elapsed().as_secs_f64();
    assert!(r.rows.balanced());
    (secs, r.rows.read)
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let t = Instant::now();
    let data = Sample::new(rows).to_vec();
    let gen = t.elapsed();
    let text = String::from_utf8_lossy(&data);
    let text = text.trim_start_matches('\u{FEFF}');
    let legacy = [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni];
    let files: Vec<(&str, Vec<u8>)> = std::iter::once(("utf-8", data.clone()))
        .chain(legacy.iter().map(|&e| (e.name(), encode(text, e))))
        .collect();
    let mut best = vec![f64::MAX; files.len()];
    let mut read = vec![0; files.len()];
    for _ in 0..5 {
        for (i, (_, bytes)) in files.iter().enumerate() {
            let (secs, n) = run(bytes);
            best[i] = best[i].min(secs);
            read[i] = n;
        }
    }
    let mb = data.len() as f64 / 1e6;
    println!(
        "native: {:.1} MB, {} rows → Report in {:.3} s (best of 5): {:.0} MB/s, {:.0} rows/s (sample generated in {:.2} s)",
        mb,
        read[0],
        best[0],
        mb / best[0],
        read[0] as f64 / best[0],
        gen.as_secs_f64()
    );
    for (i, (name, bytes)) in files.iter().enumerate().skip(1) {
        assert_eq!(read[i], read[0], "{name}");
        println!(
            "native {name}: {:.1} MB → Report in {:.3} s (best of 5): {:.2}× the UTF-8 time",
            bytes.len() as f64 / 1e6,
            best[i],
            best[i] / best[0]
        );
    }
}
