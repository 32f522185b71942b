//! Any bytes as one dossier file (the kind is told by content; seeds: fuzz/seed.sh, html).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tthc_fuzz::one_file("tệp.html", data));
