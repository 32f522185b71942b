//! Bad input never panics and never breaks the accounting: the sample, damaged in many
//! deterministic ways (bytes flipped, quotes and delimiters inserted, cut short, invalid UTF-8,
//! NULs), fed at odd chunk sizes.

use tthc_analytics::sample::dossiers::Sample;
use tthc_analytics::{Analyzer, Options};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn damaged_files_are_accounted_for_row_by_row() {
    let clean = Sample::new(400).to_vec();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for case in 0..60 {
        let mut bytes = clean.clone();
        let damage = 1 + rng.below(40);
        for _ in 0..damage {
            let at = rng.below(bytes.len());
            match rng.below(7) {
                0 => bytes[at] = rng.next() as u8,
                1 => bytes.insert(at, b'"'),
                2 => bytes.insert(at, b','),
                3 => bytes.insert(at, b'\n'),
                4 => bytes.insert(at, 0xC3), // a lone UTF-8 lead byte
                5 => bytes[at] = 0,
                _ => {
                    let end = (at + rng.below(300)).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
        }
        if case % 10 == 9 {
            bytes.truncate(rng.below(bytes.len()));
        }
        let chunk = 1 + rng.below(5000);
        let mut a = Analyzer::new(Options::default()).unwrap();
        a.begin_file("hong.csv");
        for c in bytes.chunks(chunk) {
            a.push(c);
        }
        let r = a.finish_report();
        assert!(r.rows.balanced(), "case {case}: {:?}", r.rows);
        assert_eq!(
            r.problems_total,
            r.problems_by_reason.iter().map(|p| p.count).sum::<u64>()
        );
        let t = &r.total.counts;
        assert_eq!(t.resolved, t.on_time + t.late, "case {case}");
        assert!(t.early <= t.on_time && t.pending_overdue <= t.pending);
        let by_level: u64 = r.levels.iter().map(|l| l.figures.counts.resolved).sum();
        assert_eq!(by_level, t.resolved);
        serde_json::to_string(&r).expect("the report always serialises");
    }
}

#[test]
fn arbitrary_bytes_do_not_panic() {
    let mut rng = Rng(42);
    for len in [0usize, 1, 2, 3, 4, 5, 17, 1000, 70_000] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let mut a = Analyzer::new(Options::default()).unwrap();
        a.begin_file("rac.bin");
        a.push(&bytes);
        let r = a.finish_report();
        assert!(r.rows.balanced());
    }
    // UTF-16 BOMs followed by an odd number of bytes
    for bytes in [vec![0xFF, 0xFE, 0x41], vec![0xFE, 0xFF, 0x00, 0x41, 0x00]] {
        let r = tthc_analytics::analyze_files(Options::default(), [("x", &bytes[..])]).unwrap();
        assert!(r.rows.balanced());
    }
}
