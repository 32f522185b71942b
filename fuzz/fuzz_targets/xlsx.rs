//! Workbooks. If the first byte is odd, the rest is cut at `\0\0` into the sheet XML, the shared
//! strings and the styles, and packed into a valid .xlsx here, so the fuzzer reaches the XML
//! readers instead of dying at the zip's checksums; otherwise the bytes are the file as they
//! come (seeds: fuzz/seed.sh, sample .xlsx and form 06 workbooks, a zip bomb).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((b, rest)) if b & 1 == 1 => {
            let cut: Vec<&[u8]> = split2(rest);
            let book = tthc_fuzz::pack_xlsx(
                cut.first().copied().unwrap_or(&[]),
                cut.get(1).copied().unwrap_or(&[]),
                cut.get(2).copied().unwrap_or(&[]),
            );
            tthc_fuzz::run(
                tthc_analytics::Options::default(),
                1 + (*b as usize) * 64,
                &[("tệp.xlsx", &book)],
            );
        }
        _ => tthc_fuzz::one_file("tệp.xlsx", data),
    }
});

fn split2(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() < 2 {
        match rest.windows(2).position(|w| w == b"\0\0") {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 2..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}
