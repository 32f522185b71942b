//! The index's file-size rule for the page (issue 9): the worker asks it with `File.size` before
//! reading a file (`IndexBuilder.admitFile`), so that a file over the limit is never read into
//! memory; the rule and its message are the core's (`IndexBuilder::admit`).

use super::IndexBuilder;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl IndexBuilder {
    /// Whether a file of `size` bytes (`File.size`) may be read and given to `addFile`. A larger
    /// one is listed in the report with its Vietnamese error naming the file and the limit, and
    /// must not be read.
    #[wasm_bindgen(js_name = admitFile)]
    pub fn admit_file(&mut self, name: &str, size: f64) -> Result<bool, JsValue> {
        // `as` saturates: NaN → 0 is not a size a browser gives; a negative one neither
        let size = if size.is_finite() && size >= 0.0 {
            size as u64
        } else {
            u64::MAX
        };
        Ok(self.get()?.admit(name, size))
    }
}
