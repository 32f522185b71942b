//! The workbook: the dossier Report's sheets, then the index's when there is one, saved to bytes
//! in memory (`save_to_buffer`: no file system, so the same code runs in the page's worker).

use super::sheet::Styles;
use crate::dossier::Report;
use crate::index::IndexReport;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

fn failed(e: XlsxError) -> String {
    format!("Không tạo được tệp Excel: {e}")
}

fn save(mut wb: Workbook, title: &str) -> Result<Vec<u8>, String> {
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_comment("Tạo bởi tthc-analytics từ tệp dữ liệu hồ sơ, ngay trên máy người dùng."),
    );
    wb.save_to_buffer().map_err(failed)
}

/// The dossier Report as an .xlsx workbook (sheets «Tổng hợp», «Đơn vị», «Lĩnh vực», «Thủ tục»,
/// «Theo tháng», «Hồ sơ trễ hạn», «Lỗi dữ liệu», «Tệp đã đọc»), followed by the QĐ 766 index's
/// sheets when `index` is given. The error is a Vietnamese message.
pub fn report_xlsx(report: &Report, index: Option<&IndexReport>) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    super::dossier::sheets(&mut wb, &st, report).map_err(failed)?;
    if let Some(ix) = index {
        super::index::sheets(&mut wb, &st, ix).map_err(failed)?;
    }
    let title = format!("Báo cáo kết quả giải quyết TTHC — {}", report.period.label);
    save(wb, &title)
}

/// The QĐ 766 index alone as an .xlsx workbook (sheets «Chỉ số 766», «Điểm 766», «Chỉ tiêu
/// 766», «Xếp hạng», «Giả định», «Nguồn chỉ số», those that have content): for an index computed
/// without a dossier Report.
pub fn index_xlsx(index: &IndexReport) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    super::index::sheets(&mut wb, &st, index).map_err(failed)?;
    save(wb, "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)")
}
