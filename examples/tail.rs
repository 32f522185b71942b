//! The serial tail of a file read in parts, natively: `cargo run --release --example tail --
//! FILE [N]` reads FILE (delimited UTF-8) in N parts (default 2) as the CLI's threads do, then
//! times, on one thread (its CPU time), what follows: the first range, the absorbing of the parts, `finish`
//! (dedup), `build`, the JSON. Medians of five runs, in ms.

use tthc_analytics::dossier::part::{self, Part};
use tthc_analytics::{Analyzer, Options};

/// This thread's CPU time on Linux (the machine's load touches it less than wall time), else
/// wall time.
#[derive(Clone, Copy)]
struct Instant(u64, std::time::Instant);

#[cfg(target_os = "linux")]
fn cpu_ns() -> Option<u64> {
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut [i64; 2]) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = [0i64; 2];
    // SAFETY: `ts` is a valid timespec (two 64-bit fields on 64-bit Linux) for the call
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    ok.then(|| (ts[0] as u64) * 1_000_000_000 + ts[1] as u64)
}

#[cfg(not(target_os = "linux"))]
fn cpu_ns() -> Option<u64> {
    None
}

impl Instant {
    fn now() -> Instant {
        Instant(cpu_ns().unwrap_or(0), std::time::Instant::now())
    }
    fn elapsed(self) -> std::time::Duration {
        match cpu_ns() {
            Some(n) => std::time::Duration::from_nanos(n - self.0),
            None => self.1.elapsed(),
        }
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("a CSV file");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let bytes = std::fs::read(&path).expect("readable");
    let cuts = part::cut_points(bytes.len() as u64, n, |at| {
        let at = at as usize;
        bytes[at..bytes.len().min(at + part::WINDOW_BYTES)].to_vec()
    });
    let cuts: Vec<usize> = cuts.iter().map(|&c| c as usize).collect();
    let opts = Options::default();
    let head = &bytes[..bytes.len().min(part::HEAD_BYTES)];
    let names = [
        "parts", "first", "absorb", "finish", "build", "json", "tail",
    ];
    let mut runs: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for _ in 0..5 {
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let parts: Vec<Vec<u8>> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..cuts.len())
                .map(|i| {
                    let (start, end) = (cuts[i], cuts.get(i + 1).copied().unwrap_or(bytes.len()));
                    let (opts, bytes, cuts) = (&opts, &bytes, &cuts);
                    s.spawn(move || {
                        let mut p = Analyzer::for_part(opts.clone(), "f.csv", head).unwrap();
                        bytes[start..end].chunks(1 << 20).for_each(|c| p.push(c));
                        p.take_part(i + 1 == cuts.len()).into_bytes()
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let t_parts = ms(t);
        let mut a = Analyzer::new(opts.clone()).unwrap();
        a.begin_file("f.csv");
        let t = Instant::now();
        let first = cuts.first().copied().unwrap_or(bytes.len());
        bytes[..first].chunks(1 << 20).for_each(|c| a.push(c));
        let t_first = ms(t);
        let tail = Instant::now();
        let t = Instant::now();
        for p in parts {
            assert!(a.absorb(Part::from_bytes(p).unwrap()));
        }
        a.end_file();
        let t_absorb = ms(t);
        let t = Instant::now();
        let ing = a.finish();
        let t_finish = ms(t);
        let t = Instant::now();
        let r = tthc_analytics::dossier::build(&ing, &ing.settings);
        let t_build = ms(t);
        let t = Instant::now();
        let json = serde_json::to_string_pretty(&r).unwrap();
        let t_json = ms(t);
        let t_tail = ms(tail);
        std::hint::black_box(json);
        for (v, x) in runs.iter_mut().zip([
            t_parts, t_first, t_absorb, t_finish, t_build, t_json, t_tail,
        ]) {
            v.push(x);
        }
    }
    for (name, mut v) in names.iter().zip(runs) {
        v.sort_by(f64::total_cmp);
        println!(
            "{name:>7}: {:7.1} ms (median; min {:.1})",
            v[v.len() / 2],
            v[0]
        );
    }
}
