//! The memory one analysis holds per dossier (issue 10): a counting allocator over the whole
//! ingest (the file streamed in chunks, `finish` with its deduplication), a reallocation
//! counted as a copy (old and new held at once, as in wasm's allocator, whose linear memory
//! keeps its peak). Budget per dossier: the 40-byte record (its id as a hash) and 8 bytes for
//! the moment of the deduplication (a store under 2²¹ dossiers is deduplicated in one pass);
//! per id whose text is kept (a dossier the late list may show, ~2% of the sample's): its
//! bytes and 64 for its entry in the map; plus a fixed slack (one chunk of each store vector,
//! one block of ids, the reader's buffers and caches).

#[path = "../examples/common/counting.rs"]
mod counting;

use counting::{NOW, PEAK};
use std::sync::atomic::Ordering::Relaxed;
use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::{Analyzer, Options};

/// The only test of this binary: the counters see nothing else.
#[test]
fn ingest_holds_forty_eight_bytes_per_dossier() {
    for rows in [300_000usize, 600_000] {
        let data = Sample::new(rows).to_vec();
        let base = NOW.load(Relaxed);
        PEAK.store(base, Relaxed);
        let mut a = Analyzer::new(Options::default()).expect("default options");
        a.begin_file("mau.csv");
        for c in data.chunks(4 << 20) {
            a.push(c);
        }
        let ingested = a.finish();
        let peak = PEAK.load(Relaxed) - base;
        let st = &ingested.store;
        let n = st.dossiers.len();
        assert!(n > rows * 9 / 10, "{n} dossiers of {rows} rows");
        let kept: Vec<usize> = st
            .dossiers
            .iter()
            .map(|d| st.id(d).len())
            .filter(|&l| l > 0)
            .collect();
        let id_bytes: usize = kept.iter().map(|l| l + 64).sum();
        let budget = n * (40 + 8) + id_bytes + (12 << 20);
        println!(
            "{rows} rows: peak {:.1} MB, {:.1} bytes per dossier ({} ids kept, {:.1} bytes per dossier); budget {:.1} MB",
            peak as f64 / 1e6,
            peak as f64 / n as f64,
            kept.len(),
            id_bytes as f64 / n as f64,
            budget as f64 / 1e6
        );
        assert!(
            peak <= budget,
            "{rows} rows: peak {peak} bytes, {:.1} per dossier (ids {:.1}); budget {budget}",
            peak as f64 / n as f64,
            id_bytes as f64 / n as f64
        );
        drop(ingested);
        drop(data);
    }
}
