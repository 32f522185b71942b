//! `make bench-native`: the sample province-year CSV → full Report, in memory, natively.
//! Prints MB/s and rows/s of the best of five runs.

use std::time::Instant;
use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::{Analyzer, Options};

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let t = Instant::now();
    let data = Sample::new(rows).to_vec();
    let gen = t.elapsed();
    let mb = data.len() as f64 / 1e6;
    let mut best = f64::MAX;
    let mut read = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let mut a = Analyzer::new(Options::default()).expect("default options");
        a.begin_file("mau.csv");
        for c in data.chunks(4 << 20) {
            a.push(c);
        }
        let r = a.finish_report();
        let secs = t.elapsed().as_secs_f64();
        read = r.rows.read;
        assert!(r.rows.balanced());
        best = best.min(secs);
    }
    println!(
        "native: {:.1} MB, {} rows → Report in {:.3} s (best of 5): {:.0} MB/s, {:.0} rows/s (sample generated in {:.2} s)",
        mb,
        read,
        best,
        mb / best,
        read as f64 / best,
        gen.as_secs_f64()
    );
}
