//! The memory one analysis holds per dossier (issue 10): a counting allocator over the whole
//! ingest (the file streamed in chunks, `finish` with its deduplication), a reallocation
//! counted as a copy (old and new held at once, as in wasm's allocator, whose linear memory
//! keeps its peak). Budget per dossier: the 36-byte record and the 4-byte end of its id, its
//! id's bytes, and 8 bytes for the moment of the deduplication; plus a fixed slack (one chunk
//! of each store vector, one block of ids, the reader's buffers and caches).

#[path = "../examples/common/counting.rs"]
mod counting;

use counting::{NOW, PEAK};
use std::sync::atomic::Ordering::Relaxed;
use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::{Analyzer, Options};

/// The only test of this binary: the counters see nothing else.
#[test]
fn ingest_holds_forty_bytes_per_dossier_besides_its_id() {
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
        let id_bytes: usize = st.dossiers.iter().map(|d| st.id(d.id).len()).sum();
        let budget = n * (36 + 4 + 8) + id_bytes + (12 << 20);
        println!(
            "{rows} rows: peak {:.1} MB, {:.1} bytes per dossier (its id {:.1}); budget {:.1} MB",
            peak as f64 / 1e6,
            peak as f64 / n as f64,
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
