//! The native floor of `make bench-native` (scripts/bench-native-duckdb.py): FILE read to the end
//! in 1 MiB slices, as `tthc report` reads it, counting newlines with memchr — what reading the
//! file costs, with nothing else done. Uses nothing of this crate.
//!
//!   cargo run --release --example floor -- FILE     → prints the number of newlines

use std::io::Read;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: floor FILE");
        std::process::exit(2);
    };
    let mut file = std::fs::File::open(&path).unwrap_or_else(|e| {
        eprintln!("floor: {path}: {e}");
        std::process::exit(1);
    });
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0usize;
    loop {
        let n = file.read(&mut buf).unwrap_or_else(|e| {
            eprintln!("floor: {path}: {e}");
            std::process::exit(1);
        });
        if n == 0 {
            break;
        }
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count();
    }
    println!("{lines}");
}
