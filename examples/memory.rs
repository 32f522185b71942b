//! Where the memory of one analysis goes (issue 10): `cargo run --release --example memory --
//! FILE.csv`. A counting allocator gives the heap held and its peak after each step (the file
//! streamed in 4 MiB chunks, as the page reads it; `finish` with the deduplication; `build`);
//! the resident size of the process is what `/usr/bin/time -f %M` reports.

#[path = "common/counting.rs"]
mod counting;

use counting::{NOW, PEAK};
use std::io::Read;
use std::sync::atomic::Ordering::Relaxed;
use tthc_analytics::{Analyzer, Options};

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

fn step(name: &str, t: &mut std::time::Instant) {
    println!(
        "{name:<10} held {:>10}, peak so far {:>10}, {:>6} ms",
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed)),
        t.elapsed().as_millis()
    );
    *t = std::time::Instant::now();
    PEAK.store(NOW.load(Relaxed), Relaxed);
}

fn main() {
    let path = std::env::args().nth(1).expect("a CSV file");
    let mut f = std::fs::File::open(&path).expect("readable");
    let mut buf = vec![0u8; 4 << 20];
    let mut a = Analyzer::new(Options::default()).expect("default options");
    a.begin_file(&path);
    let mut t = std::time::Instant::now();
    step("start", &mut t);
    loop {
        let n = f.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        a.push(&buf[..n]);
    }
    a.end_file();
    step("streamed", &mut t);
    let ingested = a.finish();
    println!(
        "           {} dossiers kept, {} bytes each",
        ingested.store.dossiers.len(),
        std::mem::size_of::<tthc_analytics::dossier::model::Dossier>()
    );
    step("finish", &mut t);
    let report = tthc_analytics::dossier::build(&ingested, &ingested.settings);
    step("build", &mut t);
    drop(ingested);
    let json = serde_json::to_string(&report).expect("json");
    step("json", &mut t);
    println!(
        "           late_total {}, JSON {}",
        report.late_total,
        mb(json.len())
    );
}
