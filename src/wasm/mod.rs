//! The only module that knows wasm-bindgen. It wraps the core's streaming `Analyzer`, the sample
//! generator and the index's `IndexBuilder` (`index.rs`) for the page's Web Worker; `panic.rs`
//! keeps the text of a panic (or a failed allocation) for the worker to show after a trap.
//!
//! Values cross typed: options, mapping overrides, manual entries and the dossier Report come in
//! through serde-wasm-bindgen into the core's own types (unknown keys refused, as in the CLI); the
//! IndexReport and the sample files go out the same way (`Serializer::json_compatible`: plain
//! objects, integers as numbers). The large dossier Report goes out as JSON text parsed by the
//! engine's `JSON.parse`, the faster of the two ways (measured by `make bench`, see
//! ARCHITECTURE.md). Their TypeScript types are generated from the Rust types
//! (`crate::typescript`, `www/pkg/tthc_types.d.ts`); the declarations of this module name them.
//! Every error crosses into JS here, in `js_error`, as a JS `Error` with a Vietnamese message.
//!
//! The page loads three modules built from these bindings (issue 10; `scripts/build-wasm.sh`),
//! so that the one every page loads has only what a dossier run needs: with the feature
//! `wasm-analysis`, this file's `Analyzer`, `SampleStream` and the part functions
//! (`www/pkg/tthc_analytics.js`: the analysis worker and its part workers); with `wasm-index`,
//! `index.rs` (`www/pkg/tthc_index.js`: IndexBuilder and the index sample, loaded by the analysis
//! worker on the first index job); with `wasm-export`, `export.rs` (`www/pkg/tthc_export.js`: the
//! export worker only, the workbook writer). `panic.rs` is in each; `summary.rs` splits:
//! `makeSummary` (a Report read back from its JSON text) in the export module, the summary files'
//! reading and merging in the analysis module (whose worker summarises its own Report with
//! `Analyzer.finishSummary`, without reading it back).

#[cfg(feature = "wasm-export")]
pub mod export;
#[cfg(feature = "wasm-index")]
pub mod index;
pub mod panic;
#[cfg(any(feature = "wasm-analysis", feature = "wasm-export"))]
pub mod summary;
#[cfg(feature = "wasm-analysis")]
use crate::dossier::{self, Report};
#[cfg(feature = "wasm-analysis")]
use crate::sample::{Sample, FILE_NAME};
use serde::de::DeserializeOwned;
#[cfg(any(feature = "wasm-analysis", feature = "wasm-index"))]
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "wasm-analysis", feature = "wasm-index"))]
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
import type { Report, IndexReport, AnalyzerOptions, IndexOptions, ManualEntry } from "./tthc_types.js";
export type * from "./tthc_types.js";
/** A file of the built-in index sample, to be given to `IndexBuilder.addFile`. */
export type SampleFile = { name: string, bytes: Uint8Array<ArrayBuffer> };
/** `benchReportCrossing`'s timings (ms per crossing of the sample's Report, each run). */
export type ReportCrossing = { json_text_ms: number[], serde_wasm_bindgen_ms: number[], json_bytes: number };
"#;

/// The one way an error crosses into JS: a JS `Error` with the core's (Vietnamese) message.
pub(crate) fn js_error(msg: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&msg.to_string()).into()
}

/// A typed value from JS: serde-wasm-bindgen reads the whole JS value (every key, unlike its
/// struct path, which skips the keys a type does not name), then the core's own type takes it,
/// so unknown keys are refused as in the CLI (`deny_unknown_fields`). `what` names it in the
/// error.
pub(crate) fn from_js<T: DeserializeOwned>(v: JsValue, what: &str) -> Result<T, JsValue> {
    let bad = |msg: String| js_error(format!("{what} không hợp lệ: {msg}"));
    let value: serde_json::Value = serde_wasm_bindgen::from_value(v).map_err(|e| {
        let e = JsValue::from(e);
        bad(e
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| format!("{e:?}"), |e| String::from(e.message())))
    })?;
    serde_json::from_value(value).map_err(|e| bad(e.to_string()))
}

/// Like `from_js`, with `undefined` or `null` meaning the defaults.
#[cfg(any(feature = "wasm-analysis", feature = "wasm-index"))]
pub(crate) fn from_js_or_default<T: DeserializeOwned + Default>(
    v: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(T::default())
    } else {
        from_js(v, what)
    }
}

/// A value as a plain JS object (serde-wasm-bindgen, JSON-compatible: objects, not Maps; integers
/// as numbers; `None` as `null`).
#[cfg(any(feature = "wasm-analysis", feature = "wasm-index"))]
pub(crate) fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(format!("Lỗi chuyển kết quả sang JavaScript: {e}")))
}

/// A value as a plain JS object through JSON text and the engine's `JSON.parse`: one copy and
/// one native parse. The dossier Report's way out (faster than `to_js` for it, see the module
/// docs).
#[cfg(feature = "wasm-analysis")]
fn to_js_via_json<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v)
        .map_err(|e| js_error(format!("Lỗi chuyển kết quả sang JavaScript: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| js_error("Lỗi chuyển kết quả sang JavaScript: JSON không hợp lệ"))
}

#[cfg(feature = "wasm-analysis")]
const FINISHED: &str = "Bộ phân tích đã kết thúc (finish đã được gọi)";

/// Streaming analyzer: `new Analyzer(options)`, `beginFile(name)`, `push(bytes)`…, `endFile()`,
/// `finish()` → Report.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen]
pub struct Analyzer {
    inner: Option<dossier::Analyzer>,
}

#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen]
impl Analyzer {
    /// `options`: the period as typed (`year`, or `from` and `to`), `two_tier`, `mapping`
    /// (canonical field → header text or 0-based column, "" = unused), `max_problems`; or
    /// nothing. The core refuses what it cannot read, with a Vietnamese message.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
    ) -> Result<Analyzer, JsValue> {
        let opts: dossier::Options = from_js_or_default(options, "Tùy chọn")?;
        let inner = dossier::Analyzer::new(opts).map_err(js_error)?;
        Ok(Analyzer { inner: Some(inner) })
    }

    fn get(&mut self) -> Result<&mut dossier::Analyzer, JsValue> {
        self.inner.as_mut().ok_or_else(|| js_error(FINISHED))
    }

    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: &str) -> Result<(), JsValue> {
        self.get()?.begin_file(name);
        Ok(())
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.get()?.push(chunk);
        Ok(())
    }

    /// Whether the rest of the current file is worth reading (false once it is refused: not a
    /// table, or past the file limit); the worker stops reading it then.
    #[wasm_bindgen(js_name = wantsMore)]
    pub fn wants_more(&self) -> bool {
        self.inner.as_ref().is_some_and(|a| a.wants_more())
    }

    #[wasm_bindgen(js_name = endFile)]
    pub fn end_file(&mut self) -> Result<(), JsValue> {
        self.get()?.end_file();
        Ok(())
    }

    #[wasm_bindgen(js_name = rowsRead)]
    pub fn rows_read(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |a| a.rows_read() as f64)
    }

    /// Whether a file was a workbook this module does not read (.xls, .xlsb, .ods in the lean
    /// analysis module): the worker then reads the files again with the legacy module.
    #[wasm_bindgen(js_name = needsLegacyWorkbooks)]
    pub fn needs_legacy_workbooks(&self) -> bool {
        self.inner
            .as_ref()
            .is_some_and(|a| a.needs_legacy_workbooks())
    }

    /// An analyzer for a part of the file `name` (a byte range from a line start after its
    /// header, read by another worker): `head` is the file's first bytes (`partHeadBytes()` of
    /// them). Throws when the file is not one that splits (not delimited UTF-8 text, no header
    /// in `head`…): the whole file is then read by one worker.
    #[wasm_bindgen(js_name = forPart)]
    pub fn for_part(
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptions | undefined")] options: JsValue,
        name: &str,
        head: &[u8],
    ) -> Result<Analyzer, JsValue> {
        let opts: dossier::Options = from_js_or_default(options, "Tùy chọn")?;
        let inner = dossier::Analyzer::for_part(opts, name, head).map_err(js_error)?;
        Ok(Analyzer { inner: Some(inner) })
    }

    /// What this part's analyzer read, as bytes for the worker that absorbs it (`last`: its
    /// range ran to the end of the file). The analyzer cannot be used afterwards.
    #[wasm_bindgen(js_name = takePart)]
    pub fn take_part(&mut self, last: bool) -> Result<Vec<u8>, JsValue> {
        let a = self.inner.take().ok_or_else(|| js_error(FINISHED))?;
        Ok(a.take_part(last).into_bytes())
    }

    /// Takes in the next part of the current file (bytes from `takePart`), as if its bytes had
    /// been pushed here. False when it cannot (a cut inside a record, a part that must be read
    /// here to be told right, bytes that are not a part): then push the bytes from the part's
    /// start to the end of the file, and use no later part.
    #[wasm_bindgen(js_name = absorbPart)]
    pub fn absorb_part(&mut self, bytes: Vec<u8>) -> Result<bool, JsValue> {
        let a = self.get()?;
        Ok(dossier::part::Part::from_bytes(bytes).is_ok_and(|p| a.absorb(p)))
    }

    /// Builds the Report (a plain object). The analyzer cannot be used afterwards.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let a = self.inner.take().ok_or_else(|| js_error(FINISHED))?;
        to_js_via_json(&a.finish_report())
    }

    /// Builds the Report as JSON text (`JSON.parse` gives the `Report`): what the worker sends
    /// the page, which parses it, so that the Report is parsed once and not also cloned as an
    /// object graph between threads. The analyzer cannot be used afterwards.
    #[wasm_bindgen(js_name = finishJson)]
    pub fn finish_json(&mut self) -> Result<String, JsValue> {
        let a = self.inner.take().ok_or_else(|| js_error(FINISHED))?;
        serde_json::to_string(&a.finish_report()).map_err(js_error)
    }

    /// Builds the Report and returns its summary file's text (`makeSummary` of its JSON text),
    /// labelled `label` (a province's name): how the worker merges the dossier files with summary
    /// files, without the analysis module reading a Report back from JSON. The analyzer cannot
    /// be used afterwards.
    #[wasm_bindgen(js_name = finishSummary)]
    pub fn finish_summary(&mut self, label: &str) -> Result<String, JsValue> {
        let a = self.inner.take().ok_or_else(|| js_error(FINISHED))?;
        Ok(crate::dossier::rollup::Rollup::of(&a.finish_report(), label).to_json())
    }
}

/// The built-in sample as a stream of CSV chunks.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen]
pub struct SampleStream {
    inner: Sample,
}

#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen]
impl SampleStream {
    /// `rows` = 0 for the full Bình Thuận 2024 sample.
    #[wasm_bindgen(constructor)]
    pub fn new(rows: u32) -> SampleStream {
        SampleStream {
            inner: Sample::new(rows as usize),
        }
    }

    /// The next chunk of at least `max_bytes` (except the last), or `undefined` at the end.
    #[wasm_bindgen(js_name = nextChunk)]
    pub fn next_chunk(&mut self, max_bytes: u32) -> Option<Vec<u8>> {
        self.inner.next_chunk(max_bytes as usize)
    }

    #[wasm_bindgen(js_name = fileName)]
    pub fn file_name(&self) -> String {
        FILE_NAME.into()
    }

    pub fn rows(&self) -> u32 {
        self.inner.rows() as u32
    }
}

/// Where to look for line ends to cut a file of `size` bytes among `workers` workers (empty: do
/// not cut it); read `partWindowBytes()` bytes at each and hand them to `cutPoints`.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = partWindows)]
pub fn part_windows(size: f64, workers: u32) -> Vec<f64> {
    dossier::part::window_offsets(size as u64, workers as usize)
        .into_iter()
        .map(|o| o as f64)
        .collect()
}

/// The starts of the ranges after the first, from the windows read at `partWindows(size,
/// workers)` (in order): each just after a line end.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = cutPoints)]
pub fn cut_points(size: f64, workers: u32, windows: Vec<js_sys::Uint8Array>) -> Vec<f64> {
    let mut windows = windows.into_iter();
    let cuts = dossier::part::cut_points(size as u64, workers as usize, |_| {
        windows.next().map_or_else(Vec::new, |w| w.to_vec())
    });
    cuts.into_iter().map(|c| c as f64).collect()
}

/// Bytes of the start of a file a part's analyzer reads (`Analyzer.forPart`).
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = partHeadBytes)]
pub fn part_head_bytes() -> u32 {
    dossier::part::HEAD_BYTES as u32
}

/// Bytes of each window `cutPoints` looks in.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = partWindowBytes)]
pub fn part_window_bytes() -> u32 {
    dossier::part::WINDOW_BYTES as u32
}

/// The embedded methodologies' names, the default first (the index's own bindings are in the
/// index module: `index.rs`).
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = indexMethodologies)]
pub fn index_methodologies() -> Vec<String> {
    crate::index::methodology::BUILTIN
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// The crate version, for the page's footer.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

/// For `make bench` only: the Report of the built-in sample (`rows` = 0: the full one) crossed
/// into JS `runs` times each way — JSON text + `JSON.parse` (the way `finish` uses) and
/// serde-wasm-bindgen's JSON-compatible serializer — with the time of each crossing.
#[cfg(feature = "wasm-analysis")]
#[wasm_bindgen(js_name = benchReportCrossing, unchecked_return_type = "ReportCrossing")]
pub fn bench_report_crossing(rows: u32, runs: u32) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Crossing {
        json_text_ms: Vec<f64>,
        serde_wasm_bindgen_ms: Vec<f64>,
        json_bytes: usize,
    }
    let report = sample_report(rows)?;
    let mut out = Crossing {
        json_text_ms: Vec::new(),
        serde_wasm_bindgen_ms: Vec::new(),
        json_bytes: serde_json::to_string(&report).map_or(0, |s| s.len()),
    };
    for _ in 0..runs {
        let t0 = now();
        let a = to_js_via_json(&report)?;
        out.json_text_ms.push(now() - t0);
        let t0 = now();
        let b = to_js(&report)?;
        out.serde_wasm_bindgen_ms.push(now() - t0);
        drop((a, b));
    }
    to_js(&out)
}

#[cfg(feature = "wasm-analysis")]
fn sample_report(rows: u32) -> Result<Report, JsValue> {
    let mut s = Sample::new(rows as usize);
    let mut a = dossier::Analyzer::new(dossier::Options::default()).map_err(js_error)?;
    a.begin_file(FILE_NAME);
    while let Some(c) = s.next_chunk(4 << 20) {
        a.push(&c);
    }
    a.end_file();
    Ok(a.finish_report())
}

/// `performance.now()` of the worker or the page.
#[cfg(feature = "wasm-analysis")]
fn now() -> f64 {
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap_or_default();
    js_sys::Reflect::get(&perf, &"now".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&perf).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or_else(js_sys::Date::now)
}
