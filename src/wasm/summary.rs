//! Summary files on the page (issue 11, `dossier::rollup`): «Xuất tóm tắt» writes the summary of
//! the Report shown (`makeSummary`); summary files chosen or dropped with the dossier files are
//! told by their first bytes (`isSummary`) and merged into one Report (`mergeSummaries`), the
//! dossier files' Report summarised first. Texts in, texts out (the Report as JSON text, as
//! `Analyzer.finishJson`); errors as JS `Error`s with the core's Vietnamese message.
//!
//! Split between the page's two modules (issue 10): `makeSummary` reads a whole Report back, so it
//! is in the export module only (the export worker's «Xuất tóm tắt»); the analysis module reads
//! and merges summary files (the analysis worker; it summarises its own Report with
//! `Analyzer.finishSummary`).

#[cfg(feature = "wasm-analysis")]
use super::from_js_or_default;
use super::js_error;
#[cfg(feature = "wasm-analysis")]
use crate::dossier::rollup;
#[cfg(feature = "wasm-export")]
use crate::dossier::rollup::Rollup;
#[cfg(feature = "wasm-analysis")]
use crate::dossier::Options;
#[cfg(feature = "wasm-export")]
use crate::dossier::Report;
use wasm_bindgen::prelude::*;

/// The summary file's text of a Report (its JSON text, as `finishJson` gave it), labelled
/// `label` (a province's name).
#[cfg(feature = "wasm-export")]
#[wasm_bindgen(js_name = makeSummary)]
pub fn make_summary(report_json: &str, label: &str) -> Result<String, JsValue> {
    let r: Report = serde_json::from_str(report_json)
        .map_err(|e| js_error(format!("Báo cáo hồ sơ không hợp lệ: {e}")))?;
    Ok(Rollup::of(&r, label).to_json())
}

/// Whether a file's first bytes (256 are enough) are those of a summary file.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = isSummary)]
pub fn is_summary(head: &[u8]) -> bool {
    rollup::is_summary(head)
}

/// Why the summary file `name` of `size` bytes is refused unread (over the core's limit), or
/// nothing: the worker asks before reading it whole.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = summaryRefused)]
pub fn summary_refused(name: &str, size: f64) -> Option<String> {
    rollup::too_large(name, size as u64)
}

/// Summary texts (`names[i]` names `texts[i]` in messages) merged in order into one Report, as
/// JSON text, under the options typed (a period, two-tier mode or convention other than the
/// summaries' is refused with a message, as are summaries that differ in them).
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = mergeSummaries)]
pub fn merge_summaries(
    #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
    names: Vec<String>,
    texts: Vec<String>,
) -> Result<String, JsValue> {
    let opts: Options = from_js_or_default(options, "Tùy chọn")?;
    let all = rollup::merge_texts(
        names
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str)),
    )
    .map_err(js_error)?;
    let r = rollup::report_under(&all, &opts).map_err(js_error)?;
    serde_json::to_string(&r).map_err(js_error)
}
