//! The index for the page: `new IndexBuilder(options)`, `addFile(name, bytes)`…,
//! `addReport(report)`, `setManual(entries)`, `finish()` → IndexReport. Values cross typed
//! (see the parent module); errors as JS `Error`s with Vietnamese messages.

use super::{from_js, from_js_or_default, js_error, to_js};
use crate::dossier::summary::DossierSummary;
use crate::index::{self, IndexOptions, ManualEntry};
use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::*;

#[path = "index_limits.rs"]
mod limits;

#[wasm_bindgen]
pub struct IndexBuilder {
    inner: Option<index::IndexBuilder>,
}

const FINISHED: &str = "Bộ tính chỉ số đã kết thúc (finish đã được gọi)";

#[wasm_bindgen]
impl IndexBuilder {
    /// `options`: `{methodology?: "qd766-portal" | "qd766-2022" | JSON text, focus?: string,
    /// target?: number | text as typed, dossier?: Analyzer options}`, or a string (the
    /// methodology), or nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "IndexOptions | string | undefined")]
        options: JsValue,
    ) -> Result<IndexBuilder, JsValue> {
        let opts: IndexOptions = match options.as_string() {
            Some(methodology) => IndexOptions {
                methodology: Some(methodology),
                ..Default::default()
            },
            None => from_js_or_default(options, "Tùy chọn")?,
        };
        let inner = index::IndexBuilder::new(opts).map_err(js_error)?;
        Ok(IndexBuilder { inner: Some(inner) })
    }

    fn get(&mut self) -> Result<&mut index::IndexBuilder, JsValue> {
        self.inner.as_mut().ok_or_else(|| js_error(FINISHED))
    }

    /// Adds a file of any kind; returns the kind recognised (`dossier`, `catalog`,
    /// `portal_tree`, `portal_metrics`, `portal_ranking`, `ranking_table`, `manual`, `report`,
    /// `methodology`, `unknown`). Problems in the file go to the report.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Result<String, JsValue> {
        Ok(self.get()?.add_file(name, bytes))
    }

    /// Adds the whole Report an `Analyzer` returned; the core takes from it what the index
    /// needs: it is read as a `DossierSummary` (the Report's fields the index uses, the others
    /// skipped), so that this module has no reader of the whole Report (issue 10: the Report's
    /// deserialiser is only in the export module).
    #[wasm_bindgen(js_name = addReport)]
    pub fn add_report(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    ) -> Result<(), JsValue> {
        let r: DossierSummary = from_js(report, "Báo cáo hồ sơ")?;
        self.get()?.add_summary(&r);
        Ok(())
    }

    /// Sets the manual entries (replacing those set before): `[{indicator, unit?, term?,
    /// numerator?, denominator?, points?, note?}]`, the numbers as numbers or as typed text.
    #[wasm_bindgen(js_name = setManual)]
    pub fn set_manual(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ManualEntry[] | undefined")] entries: JsValue,
    ) -> Result<(), JsValue> {
        let es: Vec<ManualEntry> = from_js_or_default(entries, "Số liệu nhập tay")?;
        for e in &es {
            index::inputs::check_manual(e)
                .map_err(|m| js_error(format!("Chỉ tiêu «{}»: {m}", e.indicator)))?;
        }
        self.get()?.set_manual(es);
        Ok(())
    }

    /// Builds the IndexReport (a plain object). The builder cannot be used afterwards.
    #[wasm_bindgen(unchecked_return_type = "IndexReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let b = self.inner.take().ok_or_else(|| js_error(FINISHED))?;
        to_js(&b.finish())
    }
}

/// A file of the index sample: its bytes cross as a `Uint8Array`.
#[derive(Serialize)]
struct SampleFile<'a> {
    name: &'a str,
    #[serde(serialize_with = "as_bytes")]
    bytes: &'a [u8],
}

fn as_bytes<S: Serializer>(b: &&[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(b)
}

/// The built-in sample of the index inputs (procedure catalogue, two-period ranking table of the
/// 63 provinces): `[{name, bytes}]`, to be given to `addFile` like any chosen file.
#[wasm_bindgen(js_name = indexSampleFiles, unchecked_return_type = "SampleFile[]")]
pub fn index_sample_files() -> Result<JsValue, JsValue> {
    let files = crate::sample::index::files();
    let out: Vec<SampleFile> = files
        .iter()
        .map(|(name, bytes)| SampleFile {
            name,
            bytes: bytes.as_slice(),
        })
        .collect();
    // not `to_js`: its JSON-compatible serializer writes bytes as an array of numbers
    out.serialize(&serde_wasm_bindgen::Serializer::new())
        .map_err(|e| js_error(format!("Lỗi chuyển kết quả sang JavaScript: {e}")))
}

/// The province the index sample is about, as its ranking table names it («Tỉnh Bình Thuận»):
/// the worker focuses the sample's run on it when the user chose no focus, so that the sample
/// opens on its story (81,61 điểm, tăng 18,76; hạng 29/63) rather than on empty cards.
#[wasm_bindgen(js_name = indexSampleFocus)]
pub fn index_sample_focus() -> String {
    crate::sample::index::FOCUS.to_string()
}
