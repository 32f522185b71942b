//! Any bytes as a dossier file read by several workers (`dossier::part`): repeated past the
//! 64 KiB sniffing window, cut at two line starts the input picks, the parts through their bytes
//! and absorbed. The Report JSON must be the one-go one. The same bytes are also handed to
//! `Part::from_bytes` as a part: refused or read, never a panic (seeds: fuzz/seed.sh, part).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tthc_fuzz::in_parts(data));
