//! Outputs for the page: «Xuất Excel» (`exportXlsx`, `exportIndexXlsx`), «Biểu 06»
//! (`exportForm06`) and the tables' «CSV» (`tableCsv`), each returning the file's bytes as a `Uint8Array` for the page to download.
//! The reports come in as the JSON text of what `Analyzer.finish` / `IndexBuilder.finish`
//! returned (`JSON.stringify`, the faster way for the large Report; see the parent module);
//! errors as JS `Error`s with Vietnamese messages.

use super::{from_js, js_error};
use crate::dossier::Report;
use crate::export;
use crate::index::IndexReport;
use wasm_bindgen::prelude::*;

fn parse<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, JsValue> {
    serde_json::from_str(json).map_err(|e| js_error(format!("{what} không hợp lệ: {e}")))
}

/// The dossier Report (JSON text), and the IndexReport when the index was computed, as an
/// .xlsx workbook.
#[wasm_bindgen(js_name = exportXlsx)]
pub fn export_xlsx(report_json: &str, index_json: Option<String>) -> Result<Vec<u8>, JsValue> {
    let report: Report = parse(report_json, "Báo cáo hồ sơ")?;
    let index: Option<IndexReport> = match index_json.as_deref() {
        Some(j) if !j.is_empty() => Some(parse(j, "Báo cáo chỉ số")?),
        _ => None,
    };
    export::report_xlsx(&report, index.as_ref()).map_err(js_error)
}

/// The IndexReport alone (JSON text) as an .xlsx workbook.
#[wasm_bindgen(js_name = exportIndexXlsx)]
pub fn export_index_xlsx(index_json: &str) -> Result<Vec<u8>, JsValue> {
    let index: IndexReport = parse(index_json, "Báo cáo chỉ số")?;
    export::index_xlsx(&index).map_err(js_error)
}

/// The dossier Report (JSON text) as form 06 of Thông tư 01/2020/TT-VPCP: `variant` `"06"`
/// (rows by field within the levels) or `"II.06a"` (by unit); an .xlsx workbook, or CSV when
/// `csv`.
#[wasm_bindgen(js_name = exportForm06)]
pub fn export_form06(
    report_json: &str,
    #[wasm_bindgen(unchecked_param_type = "\"06\" | \"II.06a\"")] variant: &str,
    csv: bool,
) -> Result<Vec<u8>, JsValue> {
    let report: Report = parse(report_json, "Báo cáo hồ sơ")?;
    let variant = match variant {
        "06" => export::FormVariant::Form06,
        "II.06a" => export::FormVariant::Ii06a,
        v => {
            return Err(js_error(format!(
                "Không có biểu «{v}» (cần 06 hoặc II.06a)"
            )))
        }
    };
    if csv {
        Ok(export::form06_csv(&report, variant))
    } else {
        export::form06_xlsx(&report, variant).map_err(js_error)
    }
}

/// Rows of cells as CSV: UTF-8 with BOM, `;` (or `,`), RFC 4180 quoting, formula-like cells
/// neutralised.
#[wasm_bindgen(js_name = tableCsv)]
pub fn table_csv(
    #[wasm_bindgen(unchecked_param_type = "string[][]")] rows: JsValue,
    semicolon: bool,
) -> Result<Vec<u8>, JsValue> {
    let rows: Vec<Vec<String>> = from_js(rows, "Bảng")?;
    Ok(export::table_csv(
        &rows,
        if semicolon { b';' } else { b',' },
    ))
}
