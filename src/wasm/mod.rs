//! The only module that knows wasm-bindgen. It wraps the core's streaming `Analyzer` and the
//! sample generator for the page's Web Worker; the Report crosses as a plain JS object and every
//! error crosses as a JS `Error` with a Vietnamese message, here and nowhere else.

pub mod index;
use crate::dossier;
use crate::sample::{Sample, FILE_NAME};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_error(msg: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&msg.to_string()).into()
}

/// A value as a plain JS object. Large reports cross as JSON text parsed by the engine's
/// `JSON.parse`: one copy and one native parse, several times faster than building the object
/// field by field across the boundary (the sample's Report: ≈ 40 ms instead of ≈ 150 ms).
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v)
        .map_err(|e| js_error(format!("Lỗi chuyển kết quả sang JavaScript: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| js_error("Lỗi chuyển kết quả sang JavaScript: JSON không hợp lệ"))
}

/// Streaming analyzer: `new Analyzer(options)`, `beginFile(name)`, `push(bytes)`…, `endFile()`,
/// `finish()` → Report object.
#[wasm_bindgen]
pub struct Analyzer {
    inner: Option<dossier::Analyzer>,
}

#[wasm_bindgen]
impl Analyzer {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Analyzer, JsValue> {
        let opts: dossier::Options = if options.is_undefined() || options.is_null() {
            dossier::Options::default()
        } else {
            // through JSON so that unknown keys are refused, as in the CLI
            let text: String = js_sys::JSON::stringify(&options)
                .map_err(|_| js_error("Tùy chọn không hợp lệ"))?
                .into();
            serde_json::from_str(&text)
                .map_err(|e| js_error(format!("Tùy chọn không hợp lệ: {e}")))?
        };
        let inner = dossier::Analyzer::new(opts).map_err(js_error)?;
        Ok(Analyzer { inner: Some(inner) })
    }

    fn get(&mut self) -> Result<&mut dossier::Analyzer, JsValue> {
        self.inner
            .as_mut()
            .ok_or_else(|| js_error("Bộ phân tích đã kết thúc (finish đã được gọi)"))
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

    #[wasm_bindgen(js_name = endFile)]
    pub fn end_file(&mut self) -> Result<(), JsValue> {
        self.get()?.end_file();
        Ok(())
    }

    #[wasm_bindgen(js_name = rowsRead)]
    pub fn rows_read(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |a| a.rows_read() as f64)
    }

    /// Builds the Report (a plain object). The analyzer cannot be used afterwards.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let a = self
            .inner
            .take()
            .ok_or_else(|| js_error("Bộ phân tích đã kết thúc (finish đã được gọi)"))?;
        to_js(&a.finish_report())
    }
}

/// The built-in sample as a stream of CSV chunks.
#[wasm_bindgen]
pub struct SampleStream {
    inner: Sample,
}

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

/// The crate version, for the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}
