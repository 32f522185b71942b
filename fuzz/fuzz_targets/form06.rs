//! Any bytes as one dossier file (the kind is told by content; seeds: fuzz/seed.sh, form06).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tthc_fuzz::one_file("tệp.form06", data));
