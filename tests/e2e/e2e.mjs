// End-to-end tests of the page as an official uses it. Run through ./run.sh e2e (serves www/,
// writes the sample CSV). Last line: `N passed, N failed`; exit code 1 on any failure.

import { strict as assert } from 'node:assert';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, gotoReady, lastRun, waitRun, requireSample, OUT, SAMPLE } from './lib.mjs';

const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
const NF = new Intl.NumberFormat('vi-VN');
const results = [];
const browser = await launch();

async function test(name, fn) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  const { ctx, page, issues } = await openPage(browser);
  try {
    await fn(page, ctx);
    if (issues.length) throw new Error(`page issues:\n  ${issues.join('\n  ')}`);
    results.push({ name, ok: true });
    console.log(`ok   - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n  ${String(e && e.stack ? e.stack : e).split('\n').join('\n  ')}`);
    if (issues.length) console.log(`  page issues:\n    ${issues.join('\n    ')}`);
    try {
      console.log(`  status: [${await page.getAttribute('[data-testid=status]', 'data-state')}] ${await page.textContent('[data-testid=status]')}`);
      await page.screenshot({ path: join(OUT, `fail-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
    } catch { /* page gone */ }
  } finally {
    await ctx.close();
  }
}

const cell = (page, level, col) => page.textContent(`[data-testid=level-summary] tr[data-level="${level}"] [data-col="${col}"]`);

// The Bình Thuận 2024 figures the built-in sample reproduces.
const EXPECTED = {
  province: { resolved: '98.942', on_time: '98.783', on_time_rate: '99,84%', late: '159', late_rate: '0,16%' },
  district: { resolved: '108.509', on_time: '106.466', on_time_rate: '98,12%', late: '2.043', late_rate: '1,88%' },
  commune: { resolved: '357.622', on_time: '351.372', on_time_rate: '98,25%', late: '6.250', late_rate: '1,75%' },
};
const EXPECTED_INT = {
  province: [98942, 98783, 159], district: [108509, 106466, 2043], commune: [357622, 351372, 6250],
};
const NARRATIVE = 'Cấp tỉnh đã giải quyết hồ sơ TTHC xong 98.942 hồ sơ; trong đó, đúng hạn là 98.783 hồ sơ (tỷ lệ 99,84%), trễ hạn 159 hồ sơ (tỷ lệ 0,16%).';

async function checkLevels(page) {
  for (const [level, cols] of Object.entries(EXPECTED)) {
    for (const [col, want] of Object.entries(cols)) {
      assert.equal((await cell(page, level, col)).trim(), want, `${level} ${col}`);
    }
  }
}

function accountingText(rows) {
  const f = (n) => NF.format(n);
  return `Đã đọc ${f(rows.read)} dòng = ${f(rows.counted)} được tính + ${f(rows.rejected)} bị loại + ${f(rows.duplicates)} trùng lặp + ${f(rows.ignored)} bỏ qua (tiêu đề ${f(rows.ignored_title)}, tên cột ${f(rows.ignored_header)}, dòng trống ${f(rows.ignored_blank)}, dòng tổng ${f(rows.ignored_total)}).`;
}

// A small hand-written export: `;`, two title rows, a bad date (row 6, «Ngày hẹn trả»),
// a duplicate of row 4 (row 7), a blank row and a «Tổng cộng» row. Rows are 1-based records.
const SMALL = join(OUT, 'small.csv');
writeFileSync(SMALL, [
  'UBND TỈNH BÌNH THUẬN;;;;;;;;;;;',
  'DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH NĂM 2024;;;;;;;;;;;',
  'STT;Mã hồ sơ;Mã TTHC;Tên thủ tục hành chính;Lĩnh vực;Cơ quan giải quyết;Cấp thực hiện;Hình thức nộp;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái',
  '1;H-0001;1.001;Cấp phiếu lý lịch tư pháp;Lý lịch tư pháp;Sở Tư pháp;Cấp tỉnh;Trực tuyến;02/01/2024;10/01/2024;09/01/2024;Đã trả kết quả',
  '2;H-0002;2.001;Cấp giấy phép xây dựng;Xây dựng;UBND huyện Tuy Phong;Cấp huyện;Trực tiếp;03/01/2024;08/01/2024;12/01/2024;Đã trả kết quả',
  '3;H-0003;3.001;Đăng ký khai sinh;Hộ tịch;UBND xã Phú Lạc;Cấp xã;Trực tiếp;05/01/2024;31/02/2024;06/01/2024;Đã trả kết quả',
  '4;H-0001;1.001;Cấp phiếu lý lịch tư pháp;Lý lịch tư pháp;Sở Tư pháp;Cấp tỉnh;Trực tuyến;02/01/2024;10/01/2024;09/01/2024;Đã trả kết quả',
  '5;H-0004;3.001;Đăng ký khai sinh;Hộ tịch;UBND xã Phú Lạc;Cấp xã;Trực tuyến;08/01/2024;09/01/2024;09/01/2024;Đã trả kết quả',
  ';;;;;;;;;;;',
  'Tổng cộng;;;;;;;;;;;',
  '',
].join('\r\n'));

async function upload(page, file) {
  const prev = await lastRun(page);
  await page.setInputFiles('[data-testid=file-input]', file);
  return waitRun(page, prev);
}

async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
  assert.equal(dl.suggestedFilename(), 'bao-cao-tthc.json');
  const path = join(OUT, 'bao-cao-tthc.json');
  await dl.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

// ---------------------------------------------------------------------------------------------

await test('full sample CSV (585k rows) through the file input gives the Bình Thuận 2024 figures', async (page) => {
  requireSample();
  const size = statSync(SAMPLE).size;
  await gotoReady(page);
  await upload(page, SAMPLE);
  await checkLevels(page);
  assert.match(await page.textContent('[data-testid=status]'), /^Đã xong: [\d.]+ dòng trong [\d,]+ giây\.$/);
  assert.ok(Number(await page.getAttribute('[data-testid=status]', 'data-elapsed-ms')) > 0, 'data-elapsed-ms');
  assert.ok(Number(await page.getAttribute('[data-testid=status]', 'data-analysis-ms')) > 0, 'data-analysis-ms');
  const narrative = await page.textContent('[data-testid=narrative]');
  assert.ok(narrative.includes(NARRATIVE), `narrative lacks the province sentence:\n${narrative}`);
  assert.equal(narrative, narrative.normalize('NFC'), 'narrative is NFC');

  await page.screenshot({ path: join(OUT, 'page.png'), fullPage: true });
  const report = await download(page);
  for (const [level, [resolved, onTime, late]] of Object.entries(EXPECTED_INT)) {
    const l = report.levels.find((x) => x.level === level);
    assert.ok(l, `levels[] has ${level}`);
    assert.ok(Number.isInteger(l.resolved) && Number.isInteger(l.on_time) && Number.isInteger(l.late), `${level}: integers`);
    assert.deepEqual([l.resolved, l.on_time, l.late], [resolved, onTime, late], level);
  }
  const r = report.rows;
  assert.equal(r.read, r.counted + r.rejected + r.duplicates + r.ignored, 'rows.read = counted + rejected + duplicates + ignored');
  assert.equal(r.ignored, r.ignored_title + r.ignored_header + r.ignored_blank + r.ignored_total, 'rows.ignored parts');
  assert.equal(report.files.length, 1);
  assert.equal(report.files[0].bytes, size, 'files[0].bytes = size of the file');
  assert.equal(await page.textContent('[data-testid=rows-accounting]'), accountingText(r));
  assert.equal(report.narrative, narrative);

  // Units: sort by «Trễ hạn» (numeric, descending first), then open a unit's late dossiers.
  await page.click('[data-testid=tab-units]');
  await page.click('[data-testid=units-table] th[data-col=late] button');
  assert.equal(await page.getAttribute('[data-testid=units-table] th[data-col=late]', 'aria-sort'), 'descending');
  const lates = await page.$$eval('[data-testid=units-table] tbody tr td[data-col=late]',
    (tds) => tds.map((td) => Number(td.textContent.replace(/\./g, ''))));
  assert.ok(lates.length > 1, 'units table has rows');
  for (let i = 1; i < lates.length; i++) assert.ok(lates[i - 1] >= lates[i], 'units sorted by late, descending');
  await page.click('[data-testid=units-table] th[data-col=name] button');
  assert.equal(await page.getAttribute('[data-testid=units-table] th[data-col=name]', 'aria-sort'), 'ascending');
  const names = await page.$$eval('[data-testid=units-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.unit));
  const sorted = [...names].sort((a, b) => a.localeCompare(b, 'vi'));
  assert.deepEqual(names, sorted, 'units sorted by name (vi collation)');

  const unitWithLate = report.late.length ? report.late[0].unit : null;
  assert.ok(unitWithLate, 'report.late is not empty');
  const wantLate = report.late.filter((d) => d.unit === unitWithLate).length;
  await page.fill('[data-testid=units-table-filter]', unitWithLate);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=units-table-wrap]').dataset.count) < n, report.units.length);
  await page.locator(`[data-testid=units-table] tbody tr[data-unit="${unitWithLate.replace(/"/g, '\\"')}"] [data-testid=unit-late-link]`).click();
  await page.waitForSelector('[data-testid=panel-late]:not([hidden])');
  assert.equal((await page.textContent('[data-testid=late-unit]')).replace('×', '').trim(), `Đơn vị: ${unitWithLate}`);
  const shown = await page.$$eval('[data-testid=late-table] tbody tr td[data-col=unit]', (tds) => tds.map((td) => td.textContent));
  assert.equal(shown.length, Math.min(wantLate, 1000));
  assert.ok(shown.every((u) => u === unitWithLate), 'late list filtered to the unit');
  assert.match(await page.textContent('[data-testid=late-table-count]'), new RegExp(`^${NF.format(wantLate).replace(/\./g, '\\.')} / ${NF.format(report.late.length).replace(/\./g, '\\.')} hồ sơ$`));
});

await test('small «;» CSV: bad date row and column in «Lỗi dữ liệu», rows accounting', async (page) => {
  await gotoReady(page);
  await upload(page, SMALL);
  const acc = await page.textContent('[data-testid=rows-accounting]');
  assert.equal(acc, 'Đã đọc 10 dòng = 3 được tính + 1 bị loại + 1 trùng lặp + 5 bỏ qua (tiêu đề 2, tên cột 1, dòng trống 1, dòng tổng 1).');
  await page.click('[data-testid=tab-problems]');
  await page.waitForSelector('[data-testid=panel-problems]:not([hidden])');
  const row = page.locator('[data-testid=problems-table] tbody tr[data-code=bad_date]');
  assert.equal(await row.count(), 1, 'one bad_date problem');
  assert.equal((await row.locator('[data-col=row]').textContent()).trim(), '6');
  assert.equal((await row.locator('[data-col=column]').textContent()).trim(), 'Ngày hẹn trả');
  assert.equal((await row.locator('[data-col=value]').textContent()).trim(), '31/02/2024');
  assert.equal((await row.locator('[data-col=file]').textContent()).trim(), 'small.csv');
  assert.match(await page.textContent('[data-testid=problems-total]'), /^Tổng số lỗi: 1\./);
  assert.equal((await page.textContent('[data-testid=problems-by-reason] tr[data-code=bad_date] [data-col=count]')).trim(), '1');
  // The figures: the duplicate is not counted twice, the bad row is out.
  await page.click('[data-testid=tab-summary]');
  assert.equal((await cell(page, 'province', 'resolved')).trim(), '1');
  assert.equal((await cell(page, 'district', 'late')).trim(), '1');
  assert.equal((await cell(page, 'district', 'late_rate')).trim(), '100,00%');
  assert.equal((await cell(page, 'commune', 'resolved')).trim(), '1');
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3');
  const mapping = await (async () => { await page.click('[data-testid=tab-mapping]'); return page.textContent('[data-testid=file-info]'); })();
  assert.match(mapping, /Dấu phân cách«;»/);
  assert.match(mapping, /Dòng tiêu đề cột3/);
});

await test('«Hủy» during the sample run leaves the page ready; the next run works', async (page) => {
  await gotoReady(page);
  await page.click('[data-testid=sample-button]');
  await page.waitForSelector('[data-testid=status][data-state=working]');
  await page.waitForFunction(() => Number(document.getElementById('progress-row').dataset.rows || 0) > 0, null, { timeout: 60000 });
  assert.ok(await page.isVisible('[data-testid=cancel-button]'));
  await page.click('[data-testid=cancel-button]');
  await page.waitForSelector('[data-testid=status][data-state=ready]', { timeout: 30000 });
  assert.equal(await page.textContent('[data-testid=status]'), 'Đã hủy. Sẵn sàng.');
  assert.ok(!(await page.isVisible('[data-testid=cancel-button]')), 'cancel hidden');
  assert.ok(await page.isEnabled('[data-testid=file-input]'), 'file input enabled');
  // A full sample run through SampleStream: same path, same figures as the CLI's sample file.
  const prev = await lastRun(page);
  await page.click('[data-testid=sample-button]');
  await waitRun(page, prev);
  await checkLevels(page);
  assert.match(await page.textContent('[data-testid=narrative]'), new RegExp(NARRATIVE.replace(/[().]/g, '\\$&')));
});

await test('«Cột dữ liệu»: unmapping a column and «Áp dụng» re-runs; «Tính lại» with a year; English toggle', async (page) => {
  await gotoReady(page);
  const first = await upload(page, SMALL);
  await page.click('[data-testid=tab-mapping]');
  const due = page.locator('[data-testid=mapping-table] select[data-field=due]');
  assert.equal(await due.inputValue(), '9', '«Ngày hẹn trả» is column 10 (index 9)');
  await due.selectOption('');
  await page.click('[data-testid=apply-mapping]');
  const second = await waitRun(page, first);
  assert.ok(second > first);
  assert.equal(await page.locator('[data-testid=mapping-table] select[data-field=due]').inputValue(), '', 'due unmapped after the re-run');
  assert.match(await page.getAttribute('[data-testid=mapping-table] tr[data-field=due]', 'class'), /overridden/);
  // Without a due date column the bad date is no longer read: no row is rejected for it.
  assert.doesNotMatch(await page.textContent('[data-testid=rows-accounting]'), /\+ 1 bị loại/);

  // Period controls: a year with no data.
  await page.fill('[data-testid=year]', '2023');
  await page.click('[data-testid=recompute]');
  const third = await waitRun(page, second);
  assert.ok(third > second);
  assert.match(await page.textContent('[data-testid=period-label]'), /^Kỳ báo cáo: năm 2023 \(01\/01\/2023 – 31\/12\/2023\)/);
  // «Hai cấp» is tri-state: auto → yes → no → auto.
  assert.equal(await page.getAttribute('[data-testid=two-tier]', 'data-value'), 'auto');
  assert.equal(await page.textContent('[data-testid=two-tier-state]'), '(tự động: không)');
  await page.click('[data-testid=two-tier]');
  assert.equal(await page.getAttribute('[data-testid=two-tier]', 'data-value'), 'true');
  assert.equal(await page.textContent('[data-testid=two-tier-state]'), '(có)');
  await page.click('[data-testid=recompute]');
  const twoTierRun = await waitRun(page, third);
  assert.equal(await page.textContent('[data-testid=model-label]'), 'Mô hình chính quyền hai cấp (tỉnh, xã)');
  await page.click('[data-testid=two-tier]');
  assert.equal(await page.getAttribute('[data-testid=two-tier]', 'data-value'), 'false');
  await page.click('[data-testid=two-tier]');
  assert.equal(await page.getAttribute('[data-testid=two-tier]', 'data-value'), 'auto');
  assert.ok(await page.$eval('[data-testid=two-tier]', (cb) => cb.indeterminate), 'auto shows as indeterminate');

  // Bad period input is refused without a run.
  await page.fill('[data-testid=year]', '');
  await page.fill('[data-testid=from]', '31/02/2024');
  await page.fill('[data-testid=to]', '31/03/2024');
  await page.click('[data-testid=recompute]');
  assert.match(await page.textContent('[data-testid=period-error]'), /Ngày không hợp lệ: «31\/02\/2024»/);
  assert.equal(await lastRun(page), twoTierRun);
  await page.fill('[data-testid=from]', '01/01/2024');
  await page.click('[data-testid=recompute]');
  await waitRun(page, twoTierRun);
  assert.match(await page.textContent('[data-testid=period-label]'), /\(01\/01\/2024 – 31\/03\/2024\)/);

  // English, remembered across a reload; then back to Vietnamese.
  await page.click('[data-testid=lang-toggle]');
  assert.equal(await page.textContent('[data-testid=tab-summary]'), 'Summary');
  assert.match(await page.textContent('[data-testid=status]'), /^Done: /);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.waitForSelector('[data-testid=status][data-state=ready]');
  assert.equal(await page.textContent('[data-testid=status]'), 'Ready. Choose or drop dossier data files.');
  await page.click('[data-testid=lang-toggle]');
  assert.equal(await page.textContent('[data-testid=status]'), 'Sẵn sàng. Chọn hoặc kéo thả tệp dữ liệu hồ sơ.');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
});

await test('two files at once, a file-level error, a thrown error, drag and drop', async (page) => {
  const junk = join(OUT, 'junk.txt');
  writeFileSync(junk, 'Đây không phải tệp hồ sơ\n\u0000\u0001 binary \u00ff\n1;2\n');
  await gotoReady(page);
  let run = await lastRun(page);
  await page.setInputFiles('[data-testid=file-input]', [SMALL, junk]);
  run = await waitRun(page, run);
  const err = await page.textContent('[data-testid=file-errors] [data-testid=file-error]');
  assert.match(err, /^Tệp «junk\.txt»: Không tìm thấy dòng tiêu đề cột/);
  assert.equal(await page.$$eval('[data-testid=files-table] tbody tr', (trs) => trs.length), 2);
  await page.click('[data-testid=tab-mapping]');
  await page.selectOption('[data-testid=mapping-file]', '1');
  assert.match(await page.textContent('[data-testid=mapping-file-error]'), /Không tìm thấy dòng tiêu đề cột/);
  assert.match(await page.textContent('[data-testid=file-info]'), /junk\.txt/);

  // A period the core refuses: its Vietnamese message is shown, the page stays usable.
  await page.fill('[data-testid=from]', '31/12/2024');
  await page.fill('[data-testid=to]', '01/01/2024');
  await page.click('[data-testid=recompute]');
  await page.waitForFunction((p) => Number(document.querySelector('[data-testid=status]').dataset.run) > p, run);
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'error');
  assert.equal(await page.textContent('[data-testid=status]'), 'Lỗi: «Từ ngày» phải trước hoặc bằng «Đến ngày»');
  run = await lastRun(page);
  await page.fill('[data-testid=from]', '');
  await page.fill('[data-testid=to]', '');

  // Drag and drop onto the zone (a synthetic drop carrying a File).
  const csv = readFileSync(SMALL, 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'keo-tha.csv', { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid=dropzone]');
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await waitRun(page, run);
  assert.equal(await page.$$eval('[data-testid=files-table] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent).join()), 'keo-tha.csv');
  assert.equal(await page.textContent('[data-testid=rows-accounting]'), 'Đã đọc 10 dòng = 3 được tính + 1 bị loại + 1 trùng lặp + 5 bỏ qua (tiêu đề 2, tên cột 1, dòng trống 1, dòng tổng 1).');
});

await browser.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !results.length ? 1 : 0);
