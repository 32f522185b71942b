//! The index for the page: `new IndexBuilder(options)`, `addFile(name, bytes)`…,
//! `addReport(report)`, `setManual(entries)`, `finish()` → IndexReport as a plain object. Errors
//! cross as JS `Error`s with Vietnamese messages.

use crate::dossier::report::Report;
use crate::index::{self, IndexOptions, ManualEntry};
use wasm_bindgen::prelude::*;

fn js_error(msg: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&msg.to_string()).into()
}

/// A JS value through JSON text (unknown keys refused by the Rust types, as in the CLI).
fn json_text(v: &JsValue, what: &str) -> Result<String, JsValue> {
    js_sys::JSON::stringify(v)
        .map(String::from)
        .map_err(|_| js_error(format!("{what} không chuyển được sang JSON")))
}

#[wasm_bindgen]
pub struct IndexBuilder {
    inner: Option<index::IndexBuilder>,
}

const FINISHED: &str = "Bộ tính chỉ số đã kết thúc (finish đã được gọi)";

#[wasm_bindgen]
impl IndexBuilder {
    /// `options`: `{methodology?: "qd766-portal" | "qd766-2022" | JSON text, focus?: string,
    /// target?: number, dossier?: Analyzer options}`, or a string (the methodology), or nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<IndexBuilder, JsValue> {
        let opts: IndexOptions = if options.is_undefined() || options.is_null() {
            IndexOptions::default()
        } else if let Some(s) = options.as_string() {
            IndexOptions {
                methodology: Some(s),
                ..Default::default()
            }
        } else {
            serde_json::from_str(&json_text(&options, "Tùy chọn")?)
                .map_err(|e| js_error(format!("Tùy chọn không hợp lệ: {e}")))?
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

    /// Adds the Report object an `Analyzer` returned.
    #[wasm_bindgen(js_name = addReport)]
    pub fn add_report(&mut self, report: JsValue) -> Result<(), JsValue> {
        let text = json_text(&report, "Báo cáo hồ sơ")?;
        let r: Report = serde_json::from_str(&text)
            .map_err(|e| js_error(format!("Báo cáo hồ sơ không hợp lệ: {e}")))?;
        self.get()?.add_report(&r);
        Ok(())
    }

    /// Sets the manual entries: `[{indicator, unit?, term?, numerator?, denominator?, points?,
    /// note?}]` (replacing those set before).
    #[wasm_bindgen(js_name = setManual)]
    pub fn set_manual(&mut self, entries: JsValue) -> Result<(), JsValue> {
        let es: Vec<ManualEntry> = if entries.is_undefined() || entries.is_null() {
            Vec::new()
        } else {
            let v: serde_json::Value =
                serde_json::from_str(&json_text(&entries, "Số liệu nhập tay")?)
                    .map_err(|e| js_error(format!("Số liệu nhập tay không hợp lệ: {e}")))?;
            index::inputs::manual_from_json(&v).map_err(js_error)?
        };
        for e in &es {
            index::inputs::check_manual(e)
                .map_err(|m| js_error(format!("Chỉ tiêu «{}»: {m}", e.indicator)))?;
        }
        self.get()?.set_manual(es);
        Ok(())
    }

    /// Builds the IndexReport (a plain object). The builder cannot be used afterwards.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let b = self.inner.take().ok_or_else(|| js_error(FINISHED))?;
        super::to_js(&b.finish())
    }
}

/// The embedded methodologies' names, the default first.
#[wasm_bindgen(js_name = indexMethodologies)]
pub fn index_methodologies() -> Vec<String> {
    index::methodology::BUILTIN
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// The built-in sample of the index inputs (procedure catalogue, two-period ranking table of the
/// 63 provinces): `[{name, bytes: Uint8Array}]`, to be given to `addFile` like any chosen file.
#[wasm_bindgen(js_name = indexSampleFiles)]
pub fn index_sample_files() -> Result<js_sys::Array, JsValue> {
    let out = js_sys::Array::new();
    for (name, bytes) in crate::sample::index::files() {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &JsValue::from_str("name"), &JsValue::from_str(name))?;
        js_sys::Reflect::set(
            &o,
            &JsValue::from_str("bytes"),
            &js_sys::Uint8Array::from(bytes.as_slice()),
        )?;
        out.push(&o);
    }
    Ok(out)
}
