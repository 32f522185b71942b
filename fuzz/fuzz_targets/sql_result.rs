//! Any bytes as an engine's result table (`tthc summary --from-sql`, `dossier::sql::result`):
//! refused with a message, or a summary that serialises and, read back, makes a Report.
#![no_main]
use tthc_analytics::basics::calendar::Calendar;
use tthc_analytics::dossier::rollup::Rollup;
use tthc_analytics::dossier::sql::result;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Parquet bytes go to the parquet crate's reader (third-party; its panics are caught in
    // `result_parquet`, which a fuzzer built with panic=abort cannot show): the CSV path only
    if data.starts_with(b"PAR1") {
        return;
    }
    if let Ok(r) = result::rollup(data, None, &Calendar::embedded()) {
        if let Ok(back) = Rollup::read(&r.to_json(), "tóm tắt") {
            serde_json::to_string(&back.report()).expect("a Report serialises");
        }
    }
});
