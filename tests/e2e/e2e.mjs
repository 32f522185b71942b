// End-to-end tests of the page as an official uses it. Run through ./run.sh e2e (serves www/,
// writes the sample CSV). Last line: `N passed, N failed`; exit code 1 on any failure.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import {
  launch, openPage, gotoReady, lastRun, waitRun, requireSample, OUT, ROOT, URL_BASE, SAMPLE, SAMPLE_XLSX,
  requireIndexSample, INDEX_SAMPLE_FILES, lastIndexRun, waitIndex, contrastProblems,
} from './lib.mjs';

const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
const NF = new Intl.NumberFormat('vi-VN');
const results = [];
const browser = await launch();

async function test(name, fn, open = {}) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  const { ctx, page, issues } = await openPage(browser, open);
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
const NARRATIVE = 'Cấp tỉnh đã giải quyết 98.942 hồ sơ TTHC, trong đó đúng hạn 98.783 hồ sơ (đạt 99,84%), trễ hạn 159 hồ sơ (chiếm 0,16%).';

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

/**
 * Drops a file named `name` holding `text` on the zone `[data-testid=<zone>]`, as a browser does
 * (dragenter, dragover, drop, carrying a File).
 */
async function dropFile(page, zone, name, text) {
  await page.evaluate(([zoneId, fileName, body]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], fileName, { type: 'text/csv' }));
    const el = document.querySelector(`[data-testid=${zoneId}]`);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, [zone, name, text]);
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

await test('the sample read by 2 workers (byte ranges, parts merged) gives the Report 1 worker gives, byte for byte', async (page) => {
  requireSample();
  const reports = {};
  for (const [query, workers] of [['?workers=1', '1'], ['?workers=2', '2']]) {
    await gotoReady(page, 30000, query);
    await upload(page, SAMPLE);
    await checkLevels(page);
    assert.equal(await page.getAttribute('[data-testid=status]', 'data-workers'), workers, `${query}: workers used`);
    reports[workers] = JSON.stringify(await download(page));
  }
  assert.ok(reports['1'] === reports['2'], 'the Report JSON differs between 1 and 2 workers');
});

// lib/wasm.js: the page compiles the analysis module and posts it to the analysis worker (its name
// says `posted`), which posts it on to its part workers: one fetch per page, none by a worker.
await test('the analysis module is fetched once per page: the page compiles it, the analysis worker and its part worker are posted it', async (page) => {
  requireSample();
  const wasm = [];
  page.on('request', (r) => { if (/_bg\.wasm/.test(r.url())) wasm.push(new URL(r.url()).pathname); });
  await gotoReady(page, 30000, '?workers=2');
  await upload(page, SAMPLE);
  await checkLevels(page);
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-workers'), '2', 'a part worker read a part');
  assert.deepEqual(wasm, ['/pkg/tthc_analytics_bg.wasm']);
});

await test('a true Excel 97–2003 file (.xls, BIFF8, written by SheetJS): the lean module hands it to the legacy module, loaded then; the CSV\'s figures', async (page) => {
  const XLSX = createRequire(import.meta.url)('xlsx');
  const rows = readFileSync(SMALL, 'utf8').split('\r\n').slice(0, -1).map((l) => l.split(';'));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Danh sách');
  const xls = join(OUT, 'small-biff8.xls');
  writeFileSync(xls, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }));
  assert.deepEqual([...readFileSync(xls).subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0], 'an OLE2 (BIFF) file');
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await gotoReady(page);
  await upload(page, SMALL);
  const levels = () => page.$$eval('[data-testid=level-summary] tbody tr', (trs) => trs.map((tr) => tr.textContent));
  const fromCsv = await levels();
  assert.deepEqual(wasm, ['/pkg/tthc_analytics_bg.wasm'], 'a CSV needs the lean module only');
  await upload(page, xls);
  assert.equal(await page.textContent('#files-table td[data-col=format]'), 'XLS');
  assert.equal(await page.textContent('#files-table td[data-col=sheet]'), 'Danh sách');
  assert.deepEqual(await levels(), fromCsv);
  assert.deepEqual(wasm, ['/pkg/tthc_analytics_bg.wasm', '/pkg/tthc_analytics_legacy_bg.wasm']);
  assert.doesNotMatch(await page.textContent('body'), /bản dựng này không có bộ đọc/);
});

await test('the sample as .xlsx (notes sheet first, title block, Excel dates) gives the same figures; sheet picker', async (page) => {
  assert.ok(statSync(SAMPLE_XLSX).size > 1e6, `${SAMPLE_XLSX} exists (run.sh writes it)`);
  await gotoReady(page);
  await upload(page, SAMPLE_XLSX);
  await checkLevels(page);
  const narrative = await page.textContent('[data-testid=narrative]');
  assert.ok(narrative.includes(NARRATIVE), `narrative lacks the province sentence:\n${narrative}`);
  assert.equal(await page.textContent('#files-table td[data-col=format]'), 'XLSX');
  assert.equal(await page.textContent('#files-table td[data-col=sheet]'), 'Danh sách hồ sơ');
  // The sheet picker: the notes sheet has no header row, which the page says; back to the list.
  await page.click('[data-testid=tab-mapping]');
  const prev = await lastRun(page);
  await page.selectOption('[data-testid=sheet-select]', 'Ghi chú');
  await waitRun(page, prev);
  assert.equal(await page.textContent('#files-table td[data-col=sheet]'), 'Ghi chú');
  assert.match(await page.textContent('[data-testid=mapping-file-error]'), /Không tìm thấy dòng tiêu đề cột/);
  const prev2 = await lastRun(page);
  await page.selectOption('[data-testid=sheet-select]', 'Danh sách hồ sơ');
  await waitRun(page, prev2);
  await checkLevels(page);
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

// Two years of a small export, for the period presets, the comparison and the conventions.
const TWO_YEARS = join(OUT, 'hai-nam.csv');
writeFileSync(TWO_YEARS, [
  'Mã hồ sơ,Cơ quan giải quyết,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái',
  'A1,Sở Tư pháp,Trực tuyến,02/03/2023,10/03/2023,09/03/2023,10',
  'A2,Sở Tư pháp,Trực tiếp,02/03/2023,10/03/2023,12/03/2023,10',
  'A3,Sở Tư pháp,Trực tiếp,05/05/2023,10/05/2023,08/05/2023,10',
  'A4,Sở Tư pháp,Trực tuyến,02/03/2024,10/03/2024,09/03/2024,10',
  'A5,Sở Tư pháp,Trực tuyến,02/04/2024,10/04/2024,10/04/2024,10',
  'A6,Sở Tư pháp,Trực tuyến,02/05/2024,10/05/2024,03/05/2024,10',
  'A7,Sở Tư pháp,Trực tuyến,02/06/2024,10/06/2024,04/06/2024,10',
  'B1,UBND xã Tân Hà,Trực tiếp,02/03/2023,10/03/2023,09/03/2023,10',
  'B2,UBND xã Tân Hà,Trực tiếp,02/03/2024,10/03/2024,15/03/2024,10',
  'B3,UBND xã Tân Hà,Trực tiếp,05/03/2024,10/03/2024,,5',
  'B4,UBND xã Tân Hà,Trực tiếp,06/03/2024,12/03/2024,08/03/2024,7',
  '',
].join('\n'));

await test('«So sánh kỳ trước», period presets and «Quy ước đếm» on a two-year file', async (page) => {
  await gotoReady(page);
  const first = await upload(page, TWO_YEARS);
  await page.click('[data-testid=tab-compare]');
  assert.ok(await page.isVisible('[data-testid=compare-none]'), 'no comparison until one is asked for');
  // 2024 against 2023
  await page.fill('[data-testid=year]', '2024');
  await page.fill('[data-testid=compare-year]', '2023');
  await page.click('[data-testid=recompute]');
  const second = await waitRun(page, first);
  await page.click('[data-testid=tab-compare]');
  assert.match(await page.textContent('[data-testid=compare-title]'), /So sánh năm 2024 với năm 2023 \(01\/01\/2023 – 31\/12\/2023\)/);
  const total = (col) => page.textContent(`[data-testid=compare-levels] tr[data-level=total] [data-col=${col}]`);
  assert.equal((await total('resolved_before')).trim(), '4');
  assert.equal((await total('resolved')).trim(), '5');
  assert.equal((await total('resolved_change')).trim(), '+1');
  assert.equal((await total('on_time_rate_points')).trim(), '+5');
  // the comparison chart: per level, the period compared with beside the report's; its table
  // ends with the total as the level table has it
  const cmp = await page.getAttribute('[data-testid=chart-compare-plot]', 'aria-label');
  assert.match(cmp, /^Hồ sơ đã giải quyết theo cấp: năm 2024 so với năm 2023\. /);
  const cmpRows = await page.$$eval('[data-testid=chart-compare-table] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(cmpRows[cmpRows.length - 1].slice(0, 4), ['Tổng cộng', '4', '5', '+1']);
  assert.equal(cmpRows[cmpRows.length - 1][6], '+5');
  assert.deepEqual(await contrastProblems(page), [], 'WCAG AA contrast, comparison tab');
  await page.screenshot({ path: join(OUT, 'compare.png'), fullPage: true });
  await page.click('[data-testid=tab-summary]');
  assert.ok((await page.textContent('[data-testid=narrative]')).includes('So với năm 2023, số hồ sơ đã giải quyết tăng 25% (1 hồ sơ), tỷ lệ giải quyết đúng hạn tăng 5 điểm %'));
  // quarter II against quarter I, under the form 06 convention
  await page.fill('[data-testid=compare-year]', '');
  await page.selectOption('[data-testid=span]', 'q2');
  await page.check('[data-testid=compare-previous]');
  await page.selectOption('[data-testid=convention]', 'bieu-06');
  await page.click('[data-testid=recompute]');
  const quarter = await waitRun(page, second);
  assert.match(await page.textContent('[data-testid=period-label]'), /quý II năm 2024 \(01\/04\/2024 – 30\/06\/2024\)/);
  assert.match(await page.textContent('[data-testid=convention-label]'), /^Quy ước đếm: Biểu 06 \/ II\.06a\./);
  assert.ok((await page.textContent('[data-testid=narrative]')).endsWith('Số liệu được đếm theo quy ước «Biểu 06 / II.06a».'));
  await page.click('[data-testid=tab-compare]');
  assert.match(await page.textContent('[data-testid=compare-title]'), /với quý I năm 2024/);
  // the whole year again, then a calendar file with extra days off: B2 (due Sunday 10/3, done
  // Friday 15/3) is 5 working days late, 1 when 11–14/3 are off
  await page.selectOption('[data-testid=span]', '');
  await page.uncheck('[data-testid=compare-previous]');
  await page.selectOption('[data-testid=convention]', 'mac-dinh');
  await page.click('[data-testid=recompute]');
  const third = await waitRun(page, quarter);
  const b2 = (col) => page.textContent(`[data-testid=late-table] tr:has([data-col=id]:text-is("B2")) [data-col=${col}]`);
  await page.click('[data-testid=tab-late]');
  assert.equal((await b2('days_late')).trim(), '5');
  assert.equal((await b2('working_days_late')).trim(), '5');
  const calendar = join(OUT, 'lich-nghi.json');
  writeFileSync(calendar, JSON.stringify({
    kind: 'tthc-calendar', version: 1, name: 'Lịch nghỉ thử',
    years: [{ year: 2024, days_off: [{ from: '2024-03-11', to: '2024-03-14', name: 'Nghỉ thử' }] }],
  }));
  await page.setInputFiles('[data-testid=calendar-file]', calendar);
  await waitRun(page, third);
  assert.match(await page.textContent('[data-testid=calendar-state]'), /lich-nghi\.json/);
  await page.click('[data-testid=tab-late]');
  assert.equal((await b2('days_late')).trim(), '5');
  assert.equal((await b2('working_days_late')).trim(), '1');
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

// ---------------------------------------------------------------------------------------------
// Hardening: hostile cell text, a file during a run, a trap in the core, the index after a crash

// Names a spreadsheet or a careless page would run: they must show as text, nothing else.
const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'javascript:alert(1)', '=HYPERLINK("http://x")'];
const HOSTILE_CSV = join(OUT, 'hostile.csv');
{
  const q = (v) => `"${v.replace(/"/g, '""')}"`;
  const levels = ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã', 'Cấp tỉnh'];
  writeFileSync(HOSTILE_CSV, [
    'Mã hồ sơ;Tên thủ tục hành chính;Lĩnh vực;Cơ quan giải quyết;Cấp thực hiện;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái',
    // each name is a unit, a procedure and a field; every dossier late, so each is in «Trễ hạn» too
    ...HOSTILE.map((v, i) => [`X-${i + 1}`, q(v), q(v), q(v), levels[i], '02/01/2024', '05/01/2024', '10/01/2024', 'Đã trả kết quả'].join(';')),
    '',
  ].join('\r\n'));
}

/** The analysis worker (worker.js) of the page, once it is up. */
async function analysisWorker(page) {
  for (let i = 0; i < 100; i++) {
    const w = page.workers().find((x) => x.url().endsWith('/worker.js'));
    if (w) return w;
    await page.waitForTimeout(100);
  }
  throw new Error('no analysis worker');
}

/** Makes the worker's wasm instance trap through the test hook `debugPanic` (types.js DebugPanic). */
function trap(worker, what) {
  return worker.evaluate((w) => {
    self.dispatchEvent(new MessageEvent('message', { data: { type: 'debug-panic', id: 0, what: w } }));
  }, what);
}

await test('hostile names (<img onerror>, <script>, javascript:, =HYPERLINK) show as text: no dialog, no script, no request', async (page) => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const stray = [];
  page.on('request', (r) => { if (!/^http:\/\/127\.0\.0\.1:\d+\/(?!x$)/.test(r.url()) && !/^(data|blob):/.test(r.url())) stray.push(r.url()); });
  await gotoReady(page);
  await upload(page, HOSTILE_CSV);
  for (const tab of ['units', 'fields', 'procedures', 'late']) {
    await page.click(`[data-testid=tab-${tab}]`);
    await page.waitForSelector(`[data-testid=panel-${tab}]:not([hidden])`);
    const text = await page.textContent(`[data-testid=panel-${tab}]`);
    for (const v of HOSTILE) assert.ok(text.includes(v), `«${tab}» shows ${v} literally`);
  }
  await page.click('[data-testid=tab-units]');
  const units = await page.$$eval('[data-testid=units-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.unit));
  assert.deepEqual([...units].sort(), [...HOSTILE].sort(), 'the units are the four names, as typed');
  // nothing of the names became markup or a link
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"], img[onerror]').length,
    script: [...document.scripts].filter((s) => !s.src).length,
    js: [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
  }));
  assert.deepEqual(injected, { img: 0, script: 0, js: 0 });
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no dialog');
  assert.deepEqual(stray, [], 'no request but the page\'s own');
});

await test('a file dropped or chosen during a run says «Đang phân tích…»; after «Hủy» the page works', async (page) => {
  await gotoReady(page);
  assert.ok(!(await page.isVisible('[data-testid=drop-busy]')), 'no note before a run');
  await page.click('[data-testid=sample-button]');
  await page.waitForFunction(() => Number(document.getElementById('progress-row').dataset.rows || 0) > 0, null, { timeout: 60000 });
  await dropFile(page, 'dropzone', 'thu-hai.csv', 'a;b\n');
  assert.ok(await page.isVisible('[data-testid=drop-busy]'), 'the note is shown');
  assert.equal(await page.textContent('[data-testid=drop-busy]'), 'Đang phân tích, vui lòng chờ hoặc bấm «Hủy».');
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'working', 'the run goes on');
  await page.click('[data-testid=cancel-button]');
  await page.waitForSelector('[data-testid=status][data-state=ready]', { timeout: 30000 });
  assert.ok(!(await page.isVisible('[data-testid=drop-busy]')), 'the note goes with the run');
  const shown = await upload(page, SMALL);
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3');
  // a new source cancelled midway: «Tính lại» recomputes the report on screen, not the cancelled one
  await page.click('[data-testid=sample-button]');
  await page.waitForFunction(() => Number(document.getElementById('progress-row').dataset.rows || 0) > 0, null, { timeout: 60000 });
  await page.click('[data-testid=cancel-button]');
  await page.waitForSelector('[data-testid=status][data-state=ready]', { timeout: 30000 });
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3', 'the shown report stays');
  await page.click('[data-testid=recompute]');
  await waitRun(page, shown);
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3', '«Tính lại» reran the shown file, not the cancelled sample');
});

await test('a panic in the core shows «Lỗi nội bộ: …», out of memory «Hết bộ nhớ…»; a fresh worker, the page usable', async (page) => {
  await gotoReady(page);
  const enabled = () => page.waitForFunction(() => !document.querySelector('[data-testid=file-input]').disabled, null, { timeout: 30000 });
  await trap(await analysisWorker(page), 'e2e');
  await page.waitForSelector('[data-testid=status][data-state=error]');
  assert.match(await page.textContent('[data-testid=status]'),
    /^Lỗi nội bộ: debugPanic: e2e \(src\/wasm\/panic\.rs:\d+\)\. Bộ phân tích đã được khởi động lại, có thể chạy lại\.$/);
  await enabled();
  await upload(page, SMALL);
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3');

  await trap(await analysisWorker(page), 'oom');
  await page.waitForSelector('[data-testid=status][data-state=error]');
  assert.match(await page.textContent('[data-testid=status]'), /^Hết bộ nhớ: .*\(memory allocation of 1073741824 bytes failed\)\. Bộ phân tích đã được khởi động lại;/);
  await enabled();
  await upload(page, SMALL);
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3');
});

await test('«Chỉ số 766»: a crashed or cancelled first index run is not re-run by itself; the buttons work again', async (page) => {
  await gotoReady(page);
  const idx = () => page.textContent('[data-testid=index-status]');
  // The worker is held busy (in its own thread), the index job waits behind it, then the instance traps.
  let w = await analysisWorker(page);
  const held = w.evaluate(() => {
    const end = Date.now() + 1500;
    while (Date.now() < end) { /* busy */ }
    self.dispatchEvent(new MessageEvent('message', { data: { type: 'debug-panic', id: 0, what: 'index' } }));
  });
  await page.waitForTimeout(200);
  await page.click('[data-testid=index-open]');
  await held;
  await page.waitForSelector('[data-testid=index-status][data-state=error]');
  assert.match(await idx(), /^Lỗi nội bộ: debugPanic: index /);
  await page.waitForFunction(() => !document.querySelector('[data-testid=index-sample-button]').disabled, null, { timeout: 30000 });
  await page.waitForTimeout(1500); // a restart loop would have re-run it by now
  assert.equal(await page.getAttribute('[data-testid=index-status]', 'data-state'), 'error', 'not re-run');
  assert.match(await idx(), /^Lỗi nội bộ: debugPanic: index /);

  // The same with «Hủy» while the index job waits.
  w = await analysisWorker(page);
  const held2 = w.evaluate(() => { const end = Date.now() + 3000; while (Date.now() < end) { /* busy */ } }).catch(() => {});
  await page.waitForTimeout(200);
  await page.click('[data-testid=index-recompute]');
  await page.waitForSelector('[data-testid=cancel-button]:not([hidden])');
  await page.click('[data-testid=cancel-button]');
  await held2;
  await page.waitForSelector('[data-testid=status][data-state=ready]', { timeout: 30000 });
  await page.waitForTimeout(1500);
  assert.equal(await idx(), 'Đã hủy việc tính chỉ số.', 'not re-run after the cancel');
  assert.ok(await page.isEnabled('[data-testid=index-sample-button]'), 'index buttons usable');
  assert.ok(await page.isEnabled('[data-testid=sample-button]'), 'page buttons usable');
  const prev = await lastIndexRun(page);
  await page.click('[data-testid=index-sample-button]');
  await waitIndex(page, prev);
  assert.ok(await page.isEnabled('[data-testid=index-clear]'), '«Bỏ các tệp» usable');
});

await test('«Chỉ số 766»: a file dropped during an index run says «Đang phân tích…»; the note goes with the run', async (page) => {
  await gotoReady(page);
  await page.click('[data-testid=index-open]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=index-sample-button]').disabled, null, { timeout: 30000 });
  assert.ok(!(await page.isVisible('[data-testid=index-drop-busy]')), 'no note before a run');
  // The worker is held busy in its own thread, so the index run started below is still running when the file arrives.
  const w = await analysisWorker(page);
  const held = w.evaluate(() => { const end = Date.now() + 2500; while (Date.now() < end) { /* busy */ } }).catch(() => {});
  await page.waitForTimeout(200);
  const prev = await lastIndexRun(page);
  await page.click('[data-testid=index-sample-button]');
  await dropFile(page, 'index-dropzone', 'thu-hai.csv', 'a;b\n');
  assert.ok(await page.isVisible('[data-testid=index-drop-busy]'), 'the note is shown');
  assert.match(await page.textContent('[data-testid=index-drop-busy]'), /^Đang phân tích/);
  await held;
  await waitIndex(page, prev);
  assert.ok(!(await page.isVisible('[data-testid=index-drop-busy]')), 'the note goes with the run');
  assert.ok(!(await page.textContent('[data-testid=index-status]')).includes('thu-hai.csv'), 'the dropped file was not read');
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

  // Bad period input: the page sends what was typed; the core refuses it before reading
  // anything, its message is shown, and the report stays.
  await page.fill('[data-testid=year]', '');
  await page.fill('[data-testid=from]', '31/02/2024');
  await page.fill('[data-testid=to]', '31/03/2024');
  const labelBefore = await page.textContent('[data-testid=period-label]');
  await page.click('[data-testid=recompute]');
  await page.waitForFunction((p) => Number(document.querySelector('[data-testid=status]').dataset.run) > p, twoTierRun);
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'error');
  assert.equal(await page.textContent('[data-testid=status]'), 'Lỗi: Từ ngày «31/02/2024» không hợp lệ (cần dd/mm/yyyy hoặc yyyy-mm-dd)');
  assert.equal(await page.textContent('[data-testid=period-label]'), labelBefore);
  const refusedRun = await lastRun(page);
  await page.fill('[data-testid=from]', '01/01/2024');
  await page.click('[data-testid=recompute]');
  await waitRun(page, refusedRun);
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

await test('a corrected column mapping is remembered for the same header, saved and opened as JSON', async (page) => {
  await gotoReady(page);
  const first = await upload(page, SMALL);
  await page.click('[data-testid=tab-mapping]');
  await page.locator('[data-testid=mapping-table] select[data-field=due]').selectOption('');
  await page.click('[data-testid=apply-mapping]');
  await waitRun(page, first);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=preset-export]')]);
  assert.equal(dl.suggestedFilename(), 'cach-ghep-cot.json');
  const presetPath = join(OUT, 'cach-ghep-cot.json');
  await dl.saveAs(presetPath);
  const preset = JSON.parse(readFileSync(presetPath, 'utf8'));
  assert.equal(preset.kind, 'tthc-mapping');
  assert.equal(preset.version, 1);
  assert.ok(preset.headers.includes('Ngày hẹn trả'), 'the header row is kept');
  assert.deepEqual(preset.mapping, { due: '' });

  // The same file again (a new source): the remembered mapping is applied by a second run.
  const again = await upload(page, SMALL);
  assert.ok(again > first + 1, 'a second run with the remembered mapping');
  await page.click('[data-testid=tab-mapping]');
  assert.equal(await page.locator('[data-testid=mapping-table] select[data-field=due]').inputValue(), '');
  assert.match(await page.getAttribute('[data-testid=mapping-table] tr[data-field=due]', 'class'), /overridden/);

  // Forgotten by the browser: the file reads as recognised; opening the JSON applies it again.
  await page.evaluate(() => localStorage.clear());
  const fresh = await upload(page, SMALL);
  await page.click('[data-testid=tab-mapping]');
  assert.equal(await page.locator('[data-testid=mapping-table] select[data-field=due]').inputValue(), '9');
  await page.setInputFiles('[data-testid=preset-input]', presetPath);
  await waitRun(page, fresh);
  assert.equal(await page.locator('[data-testid=mapping-table] select[data-field=due]').inputValue(), '');
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
  await dropFile(page, 'dropzone', 'keo-tha.csv', csv);
  await waitRun(page, run);
  assert.equal(await page.$$eval('[data-testid=files-table] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent).join()), 'keo-tha.csv');
  assert.equal(await page.textContent('[data-testid=rows-accounting]'), 'Đã đọc 10 dòng = 3 được tính + 1 bị loại + 1 trùng lặp + 5 bỏ qua (tiêu đề 2, tên cột 1, dòng trống 1, dòng tổng 1).');
});

// ---------------------------------------------------------------------------------------------
// «Chỉ số 766»

const COMPARISON = '81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63';
const indexText = (page, testid) => page.textContent(`[data-testid=${testid}]`);
const catalogValue = (page, k) => page.textContent(`[data-testid=index-catalog] dd[data-k=${k}]`);

await test('«Chỉ số 766»: the index sample files after the dossier sample, focus Bình Thuận, comparison, catalogue, ranking, manual entry, export', async (page) => {
  requireIndexSample();
  await gotoReady(page);
  let run = await lastRun(page);
  await page.click('[data-testid=sample-button]');
  run = await waitRun(page, run);
  await checkLevels(page);

  // Opening the tab computes the index from the dossier report alone.
  await page.click('[data-testid=tab-index]');
  let ir = await waitIndex(page, 0);
  assert.equal(await page.isVisible('[data-testid=index-comparison]'), false, 'no comparison without a ranking table');
  assert.match(await indexText(page, 'index-catalog-none'), /^Chưa có danh mục TTHC/);

  // The files `tthc sample-index` wrote, through the view's own file input.
  await page.setInputFiles('[data-testid=index-file-input]', INDEX_SAMPLE_FILES);
  ir = await waitIndex(page, ir);
  const kinds = await page.$$eval('[data-testid=index-files] tbody tr', (trs) => trs.map((tr) => tr.dataset.kind));
  assert.deepEqual(kinds, ['report', 'catalog', 'ranking_table']);
  const focusOptions = await page.$$eval('[data-testid=index-focus] option', (os) => os.map((o) => o.value));
  assert.ok(focusOptions.includes('Tỉnh Bình Thuận'), 'the ranking table\'s names are offered');
  assert.ok(focusOptions.includes('Sở Tư pháp'), 'the units of the dossier report are offered');
  assert.equal(focusOptions.filter((o) => o === 'Tỉnh Bình Thuận').length, 1);
  await page.selectOption('[data-testid=index-focus]', 'Tỉnh Bình Thuận');
  ir = await waitIndex(page, ir);

  // The comparison sentence, exactly.
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON);
  assert.equal(await indexText(page, 'index-comparison-name'), 'Tỉnh Bình Thuận');
  // The catalogue figures.
  assert.equal(await catalogValue(page, 'procedures'), '1.994');
  assert.equal(await catalogValue(page, 'published'), '1.994/1.994 (100%)');
  assert.match(await catalogValue(page, 'online_services'), /^881 \(toàn trình 500, một phần 381\)$/);
  assert.equal(await catalogValue(page, 'integrated'), '706 (80%)');
  // The ranking table: the latest period first, the focus highlighted at 29 of 63.
  const focusRow = page.locator('[data-testid=index-ranking] tbody tr.focus');
  assert.equal(await focusRow.count(), 1, 'one highlighted row');
  assert.equal(await focusRow.getAttribute('data-rank'), '29');
  assert.equal(await focusRow.getAttribute('data-of'), '63');
  assert.equal((await focusRow.locator('[data-col=rank]').textContent()).trim(), '29');
  assert.equal((await focusRow.locator('[data-col=name]').textContent()).trim(), 'Tỉnh Bình Thuận');
  assert.equal((await focusRow.locator('[data-col=score]').textContent()).trim(), '81,61');
  assert.equal(await page.$$eval('[data-testid=index-ranking] tbody tr', (trs) => trs.length), 63);
  assert.equal(await indexText(page, 'index-ranking-focus'), ' Tỉnh Bình Thuận hạng 29/63 với 81,61 điểm.');
  await page.selectOption('[data-testid=index-ranking-period]', 'tháng 01/2024');
  assert.equal(await page.getAttribute('[data-testid=index-ranking] tbody tr.focus', 'data-rank'), '53');
  assert.equal((await page.textContent('[data-testid=index-ranking] tbody tr.focus [data-col=score]')).trim(), '62,85');
  // Scores: the province recomputed from the dossiers; what they cannot give is «chưa có dữ liệu».
  assert.match(await indexText(page, 'index-total'), /^\d{1,3},\d\d \/ 100 điểm$/);
  assert.match(await indexText(page, 'index-provisional'), /^Tạm tính: \d+ chỉ tiêu chưa có dữ liệu/);
  const sync = page.locator('[data-testid=index-indicators] tr[data-id="1.4"]');
  assert.equal(await sync.getAttribute('data-state'), 'missing');
  assert.equal((await sync.locator('[data-col=points]').textContent()).trim(), 'chưa có dữ liệu');
  assert.equal((await sync.locator('[data-col=numerator]').textContent()).trim(), '–');
  const prog = page.locator('[data-testid=index-indicators] tr[data-id="2.1"]');
  assert.equal(await prog.getAttribute('data-state'), 'ok');
  assert.match((await prog.locator('[data-col=points]').textContent()).trim(), /^\d{1,2},\d\d$/);
  assert.match((await prog.locator('[data-col=rate]').textContent()).trim(), /^\d{1,3},\d\d%$/);
  assert.equal(await page.$eval('[data-testid=index-groups] tr[data-group=CKMB] [data-col=points]', (td) => td.textContent), 'chưa có dữ liệu');
  // Points lost, largest first; units ranked, ties sharing a rank.
  const lost = await page.$$eval('[data-testid=index-losses] tbody td[data-col=lost]', (tds) => tds.map((td) => Number(td.textContent.trim().replace(',', '.'))));
  assert.ok(lost.length >= 1);
  for (let i = 1; i < lost.length; i++) assert.ok(lost[i - 1] >= lost[i], 'losses sorted, largest first');
  const ranks = await page.$$eval('[data-testid=index-units] tbody tr td[data-col=rank]', (tds) => tds.map((td) => Number(td.textContent)));
  assert.ok(ranks.length > 10, 'units ranked');
  assert.equal(ranks[0], 1);
  for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i] === ranks[i - 1] || ranks[i] === i + 1, `competition ranking at ${i}: ${ranks[i - 1]}, ${ranks[i]}`);

  // What-if with a target; a bad target is refused in Vietnamese and the previous one kept.
  await page.fill('[data-testid=index-target]', '90');
  await page.press('[data-testid=index-target]', 'Enter');
  ir = await waitIndex(page, ir);
  assert.match(await indexText(page, 'index-whatif-line'), /Mục tiêu 90 điểm: cần thêm \d+,\d\d điểm\./);
  assert.ok(await page.$$eval('[data-testid=index-levers] tbody tr', (trs) => trs.length) >= 1, 'levers listed');
  await page.fill('[data-testid=index-target]', '150');
  await page.press('[data-testid=index-target]', 'Enter');
  ir = await waitIndex(page, ir, 'error');
  assert.equal(await indexText(page, 'index-status'), 'Lỗi: Mục tiêu 150 điểm không hợp lệ (từ 0 đến 100)');
  assert.equal(await page.inputValue('[data-testid=index-target]'), '90');
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON, 'the last report stays');

  // An indicator the data cannot give, entered by hand.
  await page.click('[data-testid=index-indicators] tr[data-id="1.4"] [data-testid=index-enter]');
  assert.equal(await page.inputValue('[data-testid=index-manual-indicator]'), '1.4');
  await page.fill('[data-testid=index-manual-numerator]', '900');
  await page.fill('[data-testid=index-manual-denominator]', '1.000');
  await page.fill('[data-testid=index-manual-note]', 'số liệu Cổng tháng 12');
  await page.click('[data-testid=index-manual-add]');
  ir = await waitIndex(page, ir);
  const manual = page.locator('[data-testid=index-indicators] tr[data-id="1.4"]');
  assert.equal((await manual.locator('[data-col=points]').textContent()).trim(), '5,40'); // 6 × 90%
  assert.equal(await manual.getAttribute('data-state'), 'ok');
  assert.equal((await manual.locator('[data-testid=index-manual-badge]').textContent()).trim(), 'nhập tay');
  assert.equal(await page.$$eval('[data-testid=index-manual-list] tbody tr', (trs) => trs.length), 1);
  // A manual entry the core refuses (points and a ratio together): its message under the form,
  // the entry not kept, the figures as they were.
  await page.fill('[data-testid=index-manual-numerator]', '1');
  await page.fill('[data-testid=index-manual-denominator]', '2');
  await page.fill('[data-testid=index-manual-points]', '3');
  await page.click('[data-testid=index-manual-add]');
  ir = await waitIndex(page, ir, 'error');
  assert.equal(await indexText(page, 'index-manual-error'), 'Chỉ tiêu «1.4»: nhập tử số/mẫu số hoặc điểm, không nhập cả hai');
  assert.equal(await page.$$eval('[data-testid=index-manual-list] tbody tr', (trs) => trs.length), 1, 'the refused entry is not kept');
  assert.equal((await manual.locator('[data-col=points]').textContent()).trim(), '5,40');

  // «Xuất JSON»: the dossier report with the index inside.
  await page.click('[data-testid=tab-summary]');
  const report = await download(page);
  assert.equal(report.levels.find((l) => l.level === 'province').resolved, 98942, 'the dossier report is still there');
  assert.ok(report.index, 'report.index');
  assert.ok(Math.abs(report.index.comparison.delta - 18.76) < 1e-9, `comparison.delta ${report.index.comparison.delta}`);
  assert.equal(report.index.comparison.text, COMPARISON);
  assert.equal(report.index.catalog.procedures, 1994);
  assert.equal(report.index.catalog.published, 1994);
  assert.equal(report.index.catalog.online_services, 881);
  assert.equal(report.index.catalog.integrated, 706);
  assert.equal(report.index.focus, 'Tỉnh Bình Thuận');
  const bt = report.index.ranking.filter((x) => x.focus).map((x) => [x.period, x.rank, x.of]);
  assert.deepEqual(bt, [['tháng 01/2024', 53, 63], ['năm 2024', 29, 63]]);
  const i14 = report.index.province.indicators.find((i) => i.id === '1.4');
  assert.deepEqual([i14.points, i14.manual], [5.4, true]);
  assert.equal(report.index.province.indicators.find((i) => i.id === '1.1').points, null, 'missing is null, not 0');

  // The focus is remembered.
  await page.click('[data-testid=tab-index]');
  await page.screenshot({ path: join(OUT, 'index.png'), fullPage: true });
  assert.equal(await page.evaluate(() => localStorage.getItem('tthc-analytics.index.focus')), 'Tỉnh Bình Thuận');
  await page.reload();
  await page.waitForSelector('[data-testid=status][data-state=ready]');
  await page.click('[data-testid=index-open]');
  await waitIndex(page, 0);
  assert.equal(await page.inputValue('[data-testid=index-focus]'), 'Tỉnh Bình Thuận');
});

await test('«Chỉ số 766» alone: a malformed JSON and a broken methodology file give Vietnamese errors, the page stays usable', async (page) => {
  const bad = join(OUT, 'hong.json');
  writeFileSync(bad, '{"code": "OK", "data": {"parent": {"departmentName": "UBND tỉnh Bình Thuận", ');
  const badMethod = join(OUT, 'phuong-phap-hong.json');
  writeFileSync(badMethod, '{"schema": 1, "id": "tinh-rieng", "groups": [');
  await gotoReady(page);
  await page.click('[data-testid=index-open]');
  let ir = await waitIndex(page, 0);
  // Without a dossier report only the index tab shows.
  assert.equal(await page.isVisible('[data-testid=tab-summary]'), false);
  assert.equal(await page.isVisible('[data-testid=report-head]'), false);
  assert.equal(await page.getAttribute('[data-testid=tab-index]', 'aria-selected'), 'true');
  assert.equal(await indexText(page, 'index-status'), 'Chưa có dữ liệu cho chỉ số: chọn tệp hoặc dùng dữ liệu mẫu chỉ số.');

  // A malformed JSON: reported on its file, in Vietnamese; nothing thrown.
  await page.setInputFiles('[data-testid=index-file-input]', bad);
  ir = await waitIndex(page, ir);
  assert.match(await indexText(page, 'index-file-error'), /^Tệp «hong\.json»: Tệp JSON không đọc được/);
  assert.equal(await page.getAttribute('[data-testid=index-files] tbody tr', 'class'), 'has-error');

  // A broken methodology file: the core refuses it, the message is shown, the choice goes back.
  await page.setInputFiles('[data-testid=index-methodology-file]', badMethod);
  ir = await waitIndex(page, ir, 'error');
  assert.match(await indexText(page, 'index-status'), /^Lỗi: Tệp phương pháp tính không hợp lệ/);
  assert.equal(await page.inputValue('[data-testid=index-methodology]'), 'qd766-portal');
  // A target that is not a number: the page sends it as typed, the core refuses it.
  await page.fill('[data-testid=index-target]', 'tám');
  await page.press('[data-testid=index-target]', 'Enter');
  ir = await waitIndex(page, ir, 'error');
  assert.equal(await indexText(page, 'index-status'), 'Lỗi: Tùy chọn không hợp lệ: «tám» không phải là số');
  assert.equal(await page.inputValue('[data-testid=index-target]'), '', 'the previous target (none) is back');

  // Still usable: the bad file removed, the built-in sample, the other methodology.
  await page.click('[data-testid=index-file-remove]');
  ir = await waitIndex(page, ir);
  assert.equal(await page.$$eval('[data-testid=index-file-error]', (x) => x.length), 0);
  await page.click('[data-testid=index-sample-button]');
  ir = await waitIndex(page, ir);
  assert.equal(await catalogValue(page, 'integrated'), '706 (80%)');
  await page.selectOption('[data-testid=index-focus]', 'Tỉnh Bình Thuận');
  ir = await waitIndex(page, ir);
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON);
  await page.selectOption('[data-testid=index-methodology]', 'qd766-2022');
  ir = await waitIndex(page, ir);
  assert.match(await page.textContent('[data-testid=index-score]'), /Phương pháp qd766-2022/);
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON);
  // The sample's files are ordinary files now: listed, removable.
  const names = await page.$$eval('[data-testid=index-files] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(names, ['danh-muc-tthc-mau-binh-thuan-2024.csv', 'xep-hang-chi-so-766-mau-2024.csv']);
  // «Xuất JSON chỉ số» without a dossier report.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=index-export]')]);
  assert.equal(dl.suggestedFilename(), 'chi-so-766.json');
  const path = join(OUT, 'chi-so-766.json');
  await dl.saveAs(path);
  const ix = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(ix.methodology.id, 'qd766-2022');
  assert.equal(ix.catalog.procedures, 1994);
  assert.ok(Math.abs(ix.comparison.delta - 18.76) < 1e-9);
  // Portal data with published scores: shown beside the recomputed ones, a difference > 0,01
  // flagged (Phú Quý's 100/130 on time is 15,38 points, the file says 15,00).
  const tree = join(OUT, 'tien-do-2024.json');
  writeFileSync(tree, JSON.stringify({ code: 'OK', data: {
    parent: { departmentName: 'UBND tỉnh Bình Thuận', totalReceived: 1000, totalOnTime: 900, totalScore: 18, totalMaxScore: 20 },
    children: [
      { departmentName: 'Sở Tư pháp', level: 'PROVINCE', totalReceived: 520, totalOnTime: 500, score: 19.23, maxScore: 20 },
      { departmentName: 'UBND xã Phú Quý', level: 'COMMUNE', totalReceived: 130, totalOnTime: 100, score: 15, maxScore: 20 },
    ] } }));
  await page.setInputFiles('[data-testid=index-file-input]', tree);
  ir = await waitIndex(page, ir);
  await page.selectOption('[data-testid=index-entity]', { label: 'UBND xã Phú Quý' });
  const pq = page.locator('[data-testid=index-indicators] tr[data-id="2.1"]');
  assert.equal((await pq.locator('[data-col=points]').textContent()).trim(), '15,38');
  assert.equal((await pq.locator('[data-col=portal]').textContent()).trim(), '15,00');
  assert.match(await pq.locator('[data-col=portal]').getAttribute('class'), /mismatch/);
  assert.match(await pq.locator('[data-col=state]').textContent(), /lệch điểm Cổng > 0,01/);
  await page.selectOption('[data-testid=index-entity]', { label: 'Sở Tư pháp' });
  const tp = page.locator('[data-testid=index-indicators] tr[data-id="2.1"]');
  assert.equal((await tp.locator('[data-col=portal]').textContent()).trim(), '19,23');
  assert.doesNotMatch(await tp.locator('[data-col=portal]').getAttribute('class'), /mismatch/);
  assert.ok((await page.$$eval('[data-testid=index-warning]', (li) => li.map((x) => x.textContent))).some((w) => /lệch quá 0,01/.test(w)), 'mismatch warning');
  await page.click(`[data-testid=index-files] tbody tr[data-kind=portal_tree] [data-testid=index-file-remove]`);
  ir = await waitIndex(page, ir);

  // English toggle: the view's labels change, the figures stay vi-VN.
  await page.click('[data-testid=lang-toggle]');
  assert.equal(await page.textContent('[data-testid=tab-index]'), 'Index 766');
  assert.equal(await catalogValue(page, 'procedures'), '1.994');
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON);
  await page.click('[data-testid=lang-toggle]');
  // A dossier run afterwards brings the dossier tabs back and re-runs the index with it.
  let run = await lastRun(page);
  await page.setInputFiles('[data-testid=file-input]', SMALL);
  run = await waitRun(page, run);
  ir = await waitIndex(page, ir);
  assert.equal(await page.isVisible('[data-testid=tab-summary]'), true);
  const kinds = await page.$$eval('[data-testid=index-files] tbody tr', (trs) => trs.map((tr) => tr.dataset.kind));
  assert.deepEqual(kinds, ['report', 'catalog', 'ranking_table']);
});

// «Xuất Excel» (the core writes the workbook in the export worker) and a table's «CSV».
await test('«Xuất Excel» downloads the sample\'s workbook; a table\'s «CSV» has a BOM, «;» and every row', async (page) => {
  await gotoReady(page);
  const prev = await lastRun(page);
  await page.click('[data-testid=sample-button]');
  await waitRun(page, prev);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('[data-testid=export-xlsx]')]);
  assert.equal(dl.suggestedFilename(), 'bao-cao-tthc.xlsx');
  const xlsx = readFileSync(await dl.path());
  assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an xlsx is a zip');
  assert.ok(xlsx.length > 100_000 && xlsx.length < 20_000_000, `plausible size: ${xlsx.length} bytes`);
  assert.ok(xlsx.includes('xl/worksheets/sheet8.xml'), 'the eight sheets of the report');
  assert.equal(await page.textContent('[data-testid=export-status]'), '');
  await page.click('[data-testid=tab-late]');
  const [c] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=late-table-csv]')]);
  assert.equal(c.suggestedFilename(), 'late-table.csv');
  const csv = readFileSync(await c.path());
  assert.equal(csv.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], 'Loại;Mã hồ sơ;Đơn vị;Cấp;Thủ tục;Lĩnh vực;Ngày nhận;Hạn trả;Ngày kết thúc;Số ngày trễ;Số ngày trễ (ngày làm việc)');
  assert.match(lines[1], /^(Giải quyết trễ|Đang quá hạn);[^;]+;.+;\d{2}\/\d{2}\/\d{4};/);
  // calendar days late, then working days late (weekends and holidays not counted): never more
  const [days, work] = lines[1].split(';').slice(-2).map(Number);
  assert.ok(days > 0 && work >= 0 && work <= days, `days late ${days}, working days ${work}`);
  const late = Number(await page.getAttribute('[data-testid=late-table-wrap]', 'data-count'));
  assert.ok(late > 1000, 'the late list has more than one page');
  assert.equal(lines.length, late + 2, 'header, every row (not only the first page), a final CRLF');
});

// «Biểu 06» (the core writes form 06 in the export worker) and the form dropped back in: the
// same per-level figures (the round trip of issue 8, items 2 and 3).
await test('«Biểu 06» downloads form 06; dropped back in, it gives the same per-level figures', async (page) => {
  await gotoReady(page);
  const prev = await lastRun(page);
  await page.click('[data-testid=sample-button]');
  await waitRun(page, prev);
  const [x] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('[data-testid=export-form06]')]);
  assert.equal(x.suggestedFilename(), 'bieu-06.xlsx');
  const xlsx = readFileSync(await x.path());
  assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'an xlsx is a zip');
  const [c] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-form06-csv]')]);
  assert.equal(c.suggestedFilename(), 'bieu-06.csv');
  const csv = readFileSync(await c.path());
  assert.equal(csv.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], 'Biểu số 06/VPCP/KSTT');
  assert.match(lines[8], /^I;Sở ban ngành;[\d.]+;[\d.]+;[\d.]+;[\d.]+;98\.942;/);
  const [a] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-form06a]')]);
  assert.equal(a.suggestedFilename(), 'bieu-II.06a.xlsx');
  const form = join(OUT, 'bieu-06.xlsx');
  await x.saveAs(form);
  await upload(page, form);
  await checkLevels(page);
});

// ---------------------------------------------------------------------------------------------
// Embedding (issue 11): <tthc-dashboard> in the example portal page under its strict CSP, the
// ES-module API, and dist/tthc.html opened from file:// with the network off.

const DIST_HTML = join(ROOT, 'dist', 'tthc.html');
const dash = (testid) => `tthc-dashboard [data-testid=${testid}]`; // Playwright's CSS pierces the open shadow root

/** The element's runs ended so far (its status's data-run). */
const dashRuns = async (page) => Number(await page.getAttribute(dash('status'), 'data-run')) || 0;

/** Waits until a run of the element newer than `prev` ended; throws with the status text unless it is done. */
async function waitDash(page, prev, timeout = 600000) {
  await page.waitForFunction((p) => {
    const s = document.querySelector('tthc-dashboard')?.shadowRoot?.querySelector('[data-testid=status]');
    return s instanceof HTMLElement && Number(s.dataset.run || 0) > p;
  }, prev, { timeout, polling: 100 });
  const st = await page.getAttribute(dash('status'), 'data-state');
  if (st !== 'done') throw new Error(`element status ${st}: ${await page.textContent(dash('status'))}`);
}

/** Loads `file` through the element's own file input and waits for its report. */
async function dashUpload(page, file) {
  await page.waitForSelector(`${dash('status')}[data-state=ready], ${dash('status')}[data-state=error]`, { timeout: 60000, state: 'attached' });
  if (await page.getAttribute(dash('status'), 'data-state') === 'error') throw new Error(`element: ${await page.textContent(dash('status'))}`);
  const prev = await dashRuns(page);
  await page.setInputFiles(dash('file-input'), file);
  await waitDash(page, prev);
}

/** The level table, the accounting and the narrative as shown (page or element). */
async function shownFigures(page) {
  return page.evaluate(() => {
    const root = document.querySelector('tthc-dashboard')?.shadowRoot ?? document;
    const text = (id) => root.querySelector(`[data-testid=${id}]`)?.textContent ?? null;
    const rows = [...root.querySelectorAll('[data-testid=level-summary] tr')].map((tr) => [...tr.cells].map((c) => c.textContent.trim()));
    return { rows, accounting: text('rows-accounting'), narrative: text('narrative'), period: text('period-label') };
  });
}

await test('embed: <tthc-dashboard> under the portal CSP reads the sample CSV on several workers: the Bình Thuận 2024 figures, events, el.report, no style leaks', async (page) => {
  requireSample();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${URL_BASE}embed-example.html`);
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await dashUpload(page, SAMPLE);
  await checkLevels(page);
  const narrative = await page.textContent(dash('narrative'));
  assert.ok(narrative.includes(NARRATIVE), `narrative lacks the province sentence:\n${narrative}`);
  // the page's worker path: the dossier worker and a part worker per further core
  const workers = page.workers().map((w) => new URL(w.url()).pathname);
  assert.ok(workers.includes('/worker.js'), `workers: ${workers}`);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (cores > 1) assert.ok(workers.includes('/part-worker.js'), `a part worker (cores ${cores}): ${workers}`);
  // the JS API and the events the portal listens to (embed-example.js)
  const api = await page.evaluate(() => {
    const el = /** @type {any} */ (document.getElementById('dashboard'));
    const ev = document.querySelector('[data-testid=host-events]');
    return { levels: el.report.levels.map((l) => [l.level, l.resolved, l.on_time, l.late]), done: ev.dataset.done, progress: Number(ev.dataset.progress ?? 0), line: ev.textContent };
  });
  assert.deepEqual(api.levels, Object.entries(EXPECTED_INT).map(([l, v]) => [l, ...v]), 'el.report');
  assert.equal(api.done, '1', 'one done event');
  assert.ok(api.progress > 0, 'progress events');
  assert.equal(api.line, 'Đã có báo cáo: năm 2024.');
  // styles: the portal's broad rules do not reach in, ours do not reach out; the theme does
  const look = await page.evaluate(() => {
    const root = document.querySelector('tthc-dashboard').shadowRoot;
    const th = root.querySelector('[data-testid=level-summary] th');
    const tab = root.querySelector('[role=tab][aria-selected=true]');
    const host = document.querySelector('[data-testid=host-button]');
    return {
      th: getComputedStyle(th).borderTopWidth, thBg: getComputedStyle(th).backgroundColor,
      tab: getComputedStyle(tab).backgroundColor, font: getComputedStyle(root.querySelector('.tthc')).fontFamily,
      hostBg: getComputedStyle(host).backgroundColor, hostFont: getComputedStyle(host).fontFamily,
    };
  });
  assert.notEqual(look.th, '3px', 'the portal\'s table border stays out');
  assert.notEqual(look.thBg, 'rgb(255, 235, 59)', 'the portal\'s table background stays out');
  assert.equal(look.tab, 'rgb(139, 26, 26)', 'themed through --tthc-accent');
  assert.doesNotMatch(look.font, /Georgia/, 'the portal\'s font is not inherited');
  assert.equal(look.hostBg, 'rgb(46, 125, 50)', 'the portal\'s button keeps its look');
  assert.match(look.hostFont, /Georgia/);
  assert.deepEqual(violations, [], 'no CSP violation');
  await page.screenshot({ path: join(OUT, 'embed.png'), fullPage: true });
  assert.deepEqual(await contrastProblems(page), [], 'WCAG AA contrast, the element in the portal page');
  // lang: the element's strings, not the portal's <html lang>
  await page.selectOption('[data-testid=host-lang]', 'en');
  assert.equal((await page.textContent(dash('tab-summary'))).trim(), 'Summary');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await checkLevels(page);
});

await test('embed: the element and the page show the same level table, accounting and narrative for the small CSV; attributes period, convention, levels, methodology re-run it', async (page) => {
  await gotoReady(page);
  await upload(page, SMALL);
  const onPage = await shownFigures(page);
  await page.goto(`${URL_BASE}embed-example.html`);
  await dashUpload(page, SMALL);
  const inElement = await shownFigures(page);
  assert.deepEqual(inElement, onPage);
  // levels="2": tỉnh and xã only (the district dossier is reported with the communes)
  let prev = await dashRuns(page);
  await page.evaluate(() => document.getElementById('dashboard').setAttribute('levels', '2'));
  await waitDash(page, prev);
  assert.equal(await page.evaluate(() => document.getElementById('dashboard').report.two_tier), true);
  assert.equal(await page.locator(dash('level-summary') + ' tr[data-level=district]').count(), 0, 'no district row in two-tier mode');
  assert.equal((await cell(page, 'commune', 'resolved')).trim(), '2');
  // period: a quarter, read by the core
  prev = await dashRuns(page);
  await page.evaluate(() => document.getElementById('dashboard').setAttribute('period', '2024-q1'));
  await waitDash(page, prev);
  assert.equal(await page.evaluate(() => document.getElementById('dashboard').report.period.label), 'quý I năm 2024');
  // convention: the form 06 way, named in the Report and under the period
  prev = await dashRuns(page);
  await page.evaluate(() => document.getElementById('dashboard').setAttribute('convention', 'bieu-06'));
  await waitDash(page, prev);
  assert.equal(await page.evaluate(() => document.getElementById('dashboard').report.convention.id), 'bieu-06');
  assert.match(await page.textContent(dash('convention-label')), /Biểu 06/);
  // methodology: the QĐ 766 index of each report, el.index
  prev = await dashRuns(page);
  await page.evaluate(() => document.getElementById('dashboard').setAttribute('methodology', 'qd766-2022'));
  await waitDash(page, prev);
  assert.equal(await page.evaluate(() => document.getElementById('dashboard').index.methodology.id), 'qd766-2022');
  // … shown in the «Chỉ số 766» tab by the page's own index view
  await page.click(dash('tab-index'));
  await page.waitForSelector(dash('index-score'));
  assert.match(await page.textContent(dash('index-score')), /\d/);
  await page.screenshot({ path: join(OUT, 'embed-index.png'), fullPage: true });
  await page.click(dash('tab-summary'));
  // a period the core refuses: the error event and the status say why
  const err = page.evaluate(() => new Promise((resolve) => document.getElementById('dashboard').addEventListener('error', (e) => resolve(e.detail.message), { once: true })));
  await page.evaluate(() => document.getElementById('dashboard').setAttribute('period', '2024-13'));
  assert.match(await err, /tháng|13/);
  assert.equal(await page.getAttribute(dash('status'), 'data-state'), 'error');
});

await test('embed: the ES-module API — analyze(Uint8Array) and index() give the page\'s numbers; init({ wasmUrl }) loads a module served as application/octet-stream, init({ wasmUrls }) the index module', async (page) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${URL_BASE}embed-example.html`);
  const bytes = [...readFileSync(SMALL)];
  const out = await page.evaluate(async (b) => {
    const api = await import('./tthc.js');
    // a fresh module instance would be the element's: this is the same one, already started with
    // defaults by the element, so the wrong-type module is tried in a worker of its own below
    const r = await api.analyze(new Uint8Array(b), {});
    const blob = await api.analyze(new Blob([new Uint8Array(b)]), {});
    const idx = await api.index([], { methodology: 'qd766-portal' }, { report: r });
    return {
      levels: r.levels.map((l) => [l.level, l.resolved, l.on_time, l.late]), name: r.files[0].name,
      same: JSON.stringify(blob.levels) === JSON.stringify(r.levels), methodology: idx.methodology.id,
      indexLevels: idx.levels.length,
    };
  }, bytes);
  assert.deepEqual(out.levels, [['province', 1, 1, 0], ['district', 1, 0, 1], ['commune', 1, 1, 0]]);
  assert.equal(out.name, 'tep-1');
  assert.ok(out.same, 'a Blob gives the same report');
  assert.equal(out.methodology, 'qd766-portal');
  assert.ok(out.indexLevels > 0, 'the index scores the levels from the report');
  // A portal whose server sends the wasm with the wrong type, and paths of its own: the API alone
  // (from a page without the element), told where the module and the worker are; the glue
  // falls back from streaming to the bytes, and says so (a warning: the page's compile,
  // lib/wasm.js, or the glue's in a worker).
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); }));
  await page.goto(`${URL_BASE}tthc-dashboard.css`);
  const wrong = await page.evaluate(async (b) => {
    const api = await import('/tthc.js');
    await api.init({
      wasmUrl: '/pkg/tthc_analytics_bg.wasm?wrong-mime', workerUrl: '/worker.js',
      wasmUrls: { 'tthc_index_bg.wasm': '/pkg/tthc_index_bg.wasm?portal' },
    });
    const r = await api.analyze([new File([new Uint8Array(b)], 'small.csv')], {});
    const idx = await api.index([], { methodology: 'qd766-portal' }, { report: r });
    return [r.total.resolved, r.files[0].name, idx.methodology.id];
  }, bytes);
  assert.deepEqual(wrong, [3, 'small.csv', 'qd766-portal']);
  assert.ok(requests.some((u) => u.endsWith('/pkg/tthc_analytics_bg.wasm?wrong-mime')), 'the module came from wasmUrl');
  // the index module (the third, loaded by the analysis worker on its first index job) from the
  // portal's URL too (wasmUrls), through the worker's config
  assert.ok(requests.some((u) => u.endsWith('/pkg/tthc_index_bg.wasm?portal')), 'the index module came from wasmUrls');
  assert.ok(warnings.some((w) => /application\/wasm/.test(w)), `the glue's MIME warning: ${warnings}`);
});

// Summary files across the two wasm modules (issues 10 and 11): «Xuất tóm tắt» is written by the
// export module (`makeSummary`); a summary among the files is told and merged by the analysis
// module (`isSummary`, `mergeSummaries`), the dossier files' own Report summarised there
// (`Analyzer.finishSummary`).
await test('summary files: written by the export worker, merged by the analysis worker alone and with a dossier file', async (page) => {
  await page.goto(`${URL_BASE}embed-example.html`);
  const bytes = [...readFileSync(SMALL)];
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.evaluate(async (b) => {
    const api = await import('./tthc.js');
    const { saveSummary } = await import('./lib/export.js');
    const r = await api.analyze([new File([new Uint8Array(b)], 'small.csv')], {});
    await saveSummary(r, 'Tỉnh A', 'tinh-a.json');
  }, bytes)]);
  const summary = readFileSync(await dl.path()).toString('utf8');
  assert.match(summary, /tthc-summary/);
  const out = await page.evaluate(async ([b, text]) => {
    const api = await import('./tthc.js');
    const file = () => new File([text], 'tinh-a.json');
    const alone = await api.analyze([file()], {});
    const both = await api.analyze([new File([new Uint8Array(b)], 'khac.csv'), file()], {});
    return { alone: alone.total.resolved, both: both.total.resolved, sources: both.sources?.length };
  }, [bytes, summary]);
  assert.deepEqual(out, { alone: 3, both: 6, sources: 2 });
});

await test('embed: «Hủy» in the element stops the built-in sample at once; the next load works', async (page) => {
  await page.goto(`${URL_BASE}embed-example.html`);
  await page.waitForSelector(`${dash('status')}[data-state=ready]`, { timeout: 60000, state: 'attached' });
  const err = page.evaluate(() => new Promise((resolve) => document.getElementById('dashboard').addEventListener('error', (e) => resolve(e.detail.message), { once: true })));
  await page.click(dash('sample-button'));
  await page.waitForSelector(`${dash('cancel-button')}:not([hidden])`);
  await page.click(dash('cancel-button'));
  assert.equal(await err, 'Đã hủy.');
  await page.waitForSelector(`${dash('status')}[data-state=ready]`, { state: 'attached' });
  assert.equal(await page.textContent(dash('status')), 'Đã hủy. Sẵn sàng.');
  assert.equal(await page.evaluate(() => document.getElementById('dashboard').report), null);
  await dashUpload(page, SMALL);
  assert.equal((await cell(page, 'total', 'resolved')).trim(), '3');
});

await test('dist/npm served as a folder (/__dist/npm/): the element from it gives the page\'s figures for the small CSV; its workers, wasm and CSS come from the folder', async (page) => {
  if (!existsSync(join(ROOT, 'dist', 'npm', 'tthc-dashboard.js'))) throw new Error('dist/npm is missing: run `make dist`');
  await gotoReady(page);
  await upload(page, SMALL);
  const onPage = await shownFigures(page);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${URL_BASE}tthc-dashboard.css`); // a page of the origin without the element
  const bytes = [...readFileSync(SMALL)];
  const levels = await page.evaluate(async (b) => {
    await import('/__dist/npm/tthc-dashboard.js');
    const el = document.createElement('tthc-dashboard');
    document.body.replaceChildren(el);
    const r = await el.load(new File([new Uint8Array(b)], 'small.csv'));
    return r.levels.map((l) => [l.level, l.resolved]);
  }, bytes);
  assert.deepEqual(levels, [['province', 1], ['district', 1], ['commune', 1]]);
  await waitDash(page, 0);
  assert.deepEqual(await shownFigures(page), onPage);
  for (const want of ['/__dist/npm/worker.js', '/__dist/npm/pkg/tthc_analytics_bg.wasm', '/__dist/npm/style.css', '/__dist/npm/tthc-dashboard.css']) {
    assert.ok(requests.includes(want), `${want} requested: ${requests.filter((u) => u.startsWith('/__dist'))}`);
  }
  assert.ok(!requests.some((u) => /^\/(worker|part-worker)\.js$|^\/pkg\//.test(u)), 'nothing from www/ itself');
});

await test('dist/tthc.html from file:// with the network off reads the sample CSV: the Bình Thuận 2024 figures, the index (third module), no request but file:/blob:', async (page, ctx) => {
  requireSample();
  if (!existsSync(DIST_HTML)) throw new Error(`${DIST_HTML} is missing: run \`make dist\``);
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(DIST_HTML).href);
  await dashUpload(page, SAMPLE);
  await checkLevels(page);
  assert.ok((await page.textContent(dash('narrative'))).includes(NARRATIVE));
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const workers = page.workers().map((w) => w.url());
  assert.ok(workers.every((u) => u.startsWith('blob:')), `workers: ${workers}`);
  if (cores > 1) assert.ok(workers.length >= 2, `a part worker too: ${workers}`);
  await page.screenshot({ path: join(OUT, 'dist.png'), fullPage: true });
  // the QĐ 766 index (the element's `methodology`): the third wasm module, loaded by the analysis
  // worker — its classic bundle inlines the glue's dynamic import and carries the module's bytes
  const prev = await dashRuns(page);
  await page.evaluate(() => document.querySelector('tthc-dashboard').setAttribute('methodology', 'qd766-2022'));
  await waitDash(page, prev);
  assert.equal(await page.evaluate(() => document.querySelector('tthc-dashboard').index?.methodology.id), 'qd766-2022');
  // a table's «CSV»: written by the core in the export worker (a Blob URL worker too)
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click(dash('level-summary-csv'))]);
  assert.equal(dl.suggestedFilename(), 'level-summary.csv');
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /Cấp tỉnh;98\.942;98\.783;99,84%/);
  const bad = requests.filter((u) => !/^(file|blob|data):/.test(u));
  assert.deepEqual(bad, [], 'only file:, blob: and data: requests');
}, { file: true });

// ---------------------------------------------------------------------------------------------
// Charts (issue 11)

/** Clicks `[data-testid=<id>]` and returns the download: its name and bytes. */
async function pngOf(page, id) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click(`[data-testid=${id}]`)]);
  const bytes = readFileSync(await dl.path());
  return { name: dl.suggestedFilename(), bytes };
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

await test('charts: the small CSV draws the level, channel, units and months charts; their labels say the table\'s numbers; «Bảng số liệu»; «Lưu PNG»; 1366×768 and phone', async (page) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await gotoReady(page);
  await upload(page, SMALL);
  const label = (id) => page.getAttribute(`[data-testid=${id}-plot]`, 'aria-label');
  // on time and late per level: the aria-label says each level's figures as the level table shows them
  const levels = await label('chart-levels');
  assert.match(levels, /^Hồ sơ đã giải quyết theo cấp: đúng hạn và trễ hạn\. /);
  assert.equal(await page.getAttribute('[data-testid=chart-levels-plot]', 'role'), 'img');
  for (const level of ['province', 'district', 'commune']) {
    const [name, resolved, onTime, rate, late] = await Promise.all([
      page.textContent(`[data-testid=level-summary] tr[data-level="${level}"] th`),
      cell(page, level, 'resolved'), cell(page, level, 'on_time'), cell(page, level, 'on_time_rate'), cell(page, level, 'late')]);
    if (resolved.trim() === '0') continue;
    const want = `${name.trim()}: ${resolved.trim()} hồ sơ đã giải quyết, đúng hạn ${onTime.trim()} (${rate.trim()}), trễ hạn ${late.trim()}`;
    assert.ok(levels.includes(want), `levels chart label lacks «${want}»:\n${levels}`);
  }
  assert.ok(levels.includes('Cấp huyện: 1 hồ sơ đã giải quyết, đúng hạn 0 (0,00%), trễ hạn 1'), levels);
  // the channel mix: the small file says the channel of each dossier
  const channel = await label('chart-channel');
  const received = (await cell(page, 'total', 'received')).trim();
  const online = (await cell(page, 'total', 'received_online')).trim();
  assert.ok(channel.includes(`Tổng cộng: ${received} hồ sơ tiếp nhận, trực tuyến ${online} (`), channel);
  // keyboard: the tabs are a tablist; ←/→ move between them, the chosen one selected and focused
  await page.focus('[data-testid=tab-summary]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('[data-testid=tab-units]', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'tab-units');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('[data-testid=tab-summary]', 'aria-selected'), 'true');
  // «Bảng số liệu»: hidden, then the chart's numbers, then hidden again
  const toggle = '[data-testid=chart-levels-table-toggle]';
  assert.equal(await page.isVisible('[data-testid=chart-levels-table]'), false);
  await page.click(toggle);
  assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'true');
  const rows = await page.$$eval('[data-testid=chart-levels-table] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const district = rows.find((r) => r[0] === 'Cấp huyện');
  assert.deepEqual(district, ['Cấp huyện', '1', '0', '1', '0,00%']);
  assert.deepEqual(rows[rows.length - 1].slice(0, 2), ['Tổng cộng', (await cell(page, 'total', 'resolved')).trim()]);
  // keyboard: the toggle is a button reached by Tab, Enter closes the table
  await page.focus(toggle);
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('[data-testid=chart-levels-table]'), false);
  // «Lưu PNG»: a PNG download
  const a = await pngOf(page, 'chart-levels-png');
  assert.equal(a.name, 'bieu-do-theo-cap.png');
  assert.ok(a.bytes.subarray(0, 8).equals(PNG_SIGNATURE) && a.bytes.length > 2000, `not a PNG (${a.bytes.length} bytes)`);
  await page.screenshot({ path: join(OUT, 'charts-1366.png'), fullPage: true });
  // the units ranked by on-time rate, lowest first, with their late count
  await page.click('[data-testid=tab-units]');
  const units = await label('chart-units');
  assert.ok(units.includes('1. UBND huyện Tuy Phong: 0,00% đúng hạn, 1 hồ sơ trễ hạn trên 1'), units);
  // the months chart (uPlot: a canvas) and its PNG
  await page.click('[data-testid=tab-months]');
  await page.waitForSelector('[data-testid=months-chart] canvas');
  assert.match(await label('months-chart'), /tháng 01\/2024: đúng hạn \d+, trễ hạn \d+ \(\d+,\d\d% đúng hạn\)/);
  const m = await pngOf(page, 'months-chart-png');
  assert.equal(m.name, 'bieu-do-theo-thang.png');
  assert.ok(m.bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'months PNG');
  await page.screenshot({ path: join(OUT, 'charts-months-1366.png'), fullPage: true });
  // one level's months: the chart's title and table change, and its months add up to the level
  const districtResolved = await page.evaluate(() => document.querySelector('tthc-dashboard')?.report?.levels.find((l) => l.level === 'district')?.resolved
    ?? null);
  await page.selectOption('[data-testid=months-level]', 'district');
  await page.waitForSelector('[data-testid=months-chart] canvas');
  assert.match(await label('months-chart'), /^Hồ sơ đã giải quyết theo tháng \(đúng hạn \/ trễ hạn\) — Cấp huyện\. /);
  const monthRows = await page.$$eval('[data-testid=months-chart-table] tbody tr', (trs) => trs.map((tr) => tr.children[1].textContent));
  const sum = monthRows.reduce((a, x) => a + Number(x.replace(/\./g, '')), 0);
  assert.equal(sum, 1, `the district's months add up to ${sum}`);
  if (districtResolved != null) assert.equal(sum, districtResolved);
  assert.equal(await page.inputValue('[data-testid=months-level]'), 'district', 'the select keeps the level');
  assert.deepEqual(await contrastProblems(page), [], 'WCAG AA contrast, months tab');
  // a phone: the charts fit the width (no horizontal scroll of the page)
  await page.click('[data-testid=tab-summary]');
  assert.deepEqual(await contrastProblems(page), [], 'WCAG AA contrast, summary tab');
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px on a phone`);
  await page.screenshot({ path: join(OUT, 'charts-phone.png'), fullPage: true });
});

await test('charts: the index sample opens on Bình Thuận — 81,61 điểm, +18,76, hạng 29/63 — with the ranking chart marking it', async (page) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.addInitScript(() => localStorage.removeItem('tthc-analytics.index.focus'));
  await gotoReady(page);
  await page.click('[data-testid=index-open]');
  let ir = await waitIndex(page, 0);
  await page.click('[data-testid=index-sample-button]');
  ir = await waitIndex(page, ir);
  // no focus was chosen: the sample's province is the focus, shown in the select
  assert.equal(await page.inputValue('[data-testid=index-focus]'), 'Tỉnh Bình Thuận');
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON);
  assert.match(await indexText(page, 'index-delta'), /^Thay đổi \+18,76 điểm/);
  assert.equal(await page.getAttribute('[data-testid=index-ranking] tbody tr.focus', 'data-rank'), '29');
  const ranking = await page.getAttribute('[data-testid=index-ranking-chart-plot]', 'aria-label');
  assert.ok(ranking.includes('Tỉnh Bình Thuận hạng 29/63 với 81,61 điểm'), ranking);
  assert.equal(await page.$$eval('[data-testid=index-ranking-chart-plot] svg rect[fill^="url("]', (r) => r.length), 1, 'one column marked');
  const periods = await page.getAttribute('[data-testid=index-periods-chart-plot]', 'aria-label');
  assert.ok(periods.includes('81,61 điểm · hạng 29/63') && periods.includes('62,85 điểm · hạng 53/63'), periods);
  assert.match(await page.getAttribute('[data-testid=index-groups-chart-plot]', 'aria-label'), /^Điểm theo nhóm chỉ tiêu so với điểm tối đa — /);
  // the ranking chart's table: 63 rows, the focus marked
  await page.click('[data-testid=index-ranking-chart-table-toggle]');
  const marked = await page.$$eval('[data-testid=index-ranking-chart-table] tbody tr', (trs) => trs.filter((tr) => tr.textContent.includes('◀')).map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(marked, [['29', 'Tỉnh Bình Thuận ◀', '81,61']]);
  // a re-run (another period's table, the target) keeps the focus
  await page.fill('[data-testid=index-target]', '85');
  await page.press('[data-testid=index-target]', 'Enter');
  ir = await waitIndex(page, ir);
  assert.equal(await indexText(page, 'index-comparison'), COMPARISON);
  const r = await pngOf(page, 'index-ranking-chart-png');
  assert.equal(r.name, 'chi-so-766-xep-hang.png');
  assert.ok(r.bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'ranking PNG');
  await page.screenshot({ path: join(OUT, 'charts-index-1366.png'), fullPage: true });
  assert.deepEqual(await contrastProblems(page), [], 'WCAG AA contrast, «Chỉ số 766»');
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px on a phone`);
  await page.screenshot({ path: join(OUT, 'charts-index-phone.png'), fullPage: true });
});

// ---------------------------------------------------------------------------------------------
// Summary files (issue 11): «Xuất tóm tắt», summaries merged on the page, `tthc summary`

const TTHC = join(ROOT, 'target', 'release', 'tthc');
/** @type {{ a: string, b: string, ids: string[] } | null} */
let provinces = null;

/**
 * Two provinces' exports: `tthc sample --rows 3000` cut in two by rows, each half with the title
 * rows and the header; the second half also has a row with an impossible date (31/02/2024,
 * rejected with a problem), a duplicate of one of its rows and the «Tổng cộng» row. `ids`: a
 * dossier id of each half.
 */
function provinceCsvs() {
  if (provinces) return provinces;
  if (!existsSync(TTHC)) throw new Error(`${TTHC} is missing: run \`cargo build --release --bin tthc\` (run.sh does)`);
  const all = join(OUT, 'tinh-mau.csv');
  execFileSync(TTHC, ['sample', '--rows', '3000', '--out', all], { stdio: 'ignore' });
  const text = readFileSync(all, 'utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  if (lines.at(-1) === '') lines.pop();
  const head = lines.findIndex((l) => l.startsWith('STT,'));
  const end = lines.findIndex((l) => l.startsWith('Tổng cộng'));
  assert.ok(head > 0 && end > head + 10, 'the sample has a header, rows and a «Tổng cộng» row');
  const prelude = lines.slice(0, head + 1);
  const rows = lines.slice(head + 1, end);
  const half = rows.length >> 1;
  const bad = rows[half].replace(/\d\d\/\d\d\/\d{4}/, '31/02/2024');
  const a = join(OUT, 'tinh-a.csv');
  const b = join(OUT, 'tinh-b.csv');
  writeFileSync(a, [...prelude, ...rows.slice(0, half), ''].join(eol));
  writeFileSync(b, [...prelude, bad, ...rows.slice(half + 1), rows[half + 1], lines[end], ''].join(eol));
  provinces = { a, b, ids: [rows[0].split(',')[1], rows[half + 1].split(',')[1]] };
  return provinces;
}

/** A run newer than `prev` that ended in an error: the status text. */
async function waitRefused(page, prev) {
  await page.waitForFunction((p) => {
    const s = document.querySelector('[data-testid=status]');
    return s && (s.dataset.state === 'done' || s.dataset.state === 'error') && Number(s.dataset.run || 0) > p;
  }, prev, { timeout: 60000, polling: 100 });
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'error', await page.textContent('[data-testid=status]'));
  return page.textContent('[data-testid=status]');
}

/** Drops files ([name, text] pairs) together on the page's zone, as a browser does. */
async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const [name, body] of list) dt.items.add(new File([body], name, { type: 'application/json' }));
    const el = document.querySelector('[data-testid=dropzone]');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
}

/** The cells of a row of figures, by column (`data-col` → text). */
function rowCells(page, selector) {
  return page.$eval(selector, (tr) => Object.fromEntries([...tr.cells].map((c) => [c.dataset.col, c.textContent.trim()])));
}

/** The Report's parts a merge of summaries must give as the files loaded together. */
const MERGED_KEYS = ['period', 'two_tier', 'rows', 'levels', 'total', 'units', 'fields', 'field_levels', 'procedures', 'months', 'problems_total', 'problems_by_reason', 'late_total'];

/** A download started by `action`, saved into out/; its path. */
async function saved(page, action, name) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), action()]);
  assert.equal(dl.suggestedFilename(), name);
  const path = join(OUT, name);
  await dl.saveAs(path);
  return path;
}

await test('summaries: two provinces\' summaries exported from the page (label typed beside «Xuất tóm tắt») merge into the figures of their CSVs loaded together; one row per province; no dossier id', async (page) => {
  const p = provinceCsvs();
  await gotoReady(page);
  const sums = [];
  const totals = {};
  for (const [file, label, slug, how] of [[p.a, 'Bình Thuận', 'binh-thuan', 'click'], [p.b, 'Lâm Đồng', 'lam-dong', 'Enter']]) {
    await upload(page, file);
    assert.equal(await page.inputValue('[data-testid=summary-label]'), basename(file, '.csv'), 'the name field is prefilled with the file\'s name');
    totals[label] = await rowCells(page, '[data-testid=level-summary] tr[data-level=total]');
    await page.getByLabel('Tên tỉnh / nguồn', { exact: true }).fill(label); // the field is labelled
    if (how === 'Enter') {
      // the name typed stays while the files do («Tính lại» re-runs them)
      const prev = await lastRun(page);
      await page.click('[data-testid=recompute]');
      await waitRun(page, prev);
      assert.equal(await page.inputValue('[data-testid=summary-label]'), label, 'the typed name survives a re-run');
    }
    const path = await saved(page, () => (how === 'Enter'
      ? page.press('[data-testid=summary-label]', 'Enter')
      : page.click('[data-testid=export-summary]')), `tom-tat-${slug}.json`);
    const text = readFileSync(path, 'utf8');
    const sum = JSON.parse(text);
    assert.equal(sum.kind, 'tthc-summary');
    assert.equal(sum.label, label);
    assert.deepEqual(sum.sources.map((s) => s.label), [label]);
    for (const id of p.ids) assert.ok(!text.includes(id), `the summary of ${basename(file)} holds no dossier id (${id})`);
    assert.doesNotMatch(text, /H10-\d{6}-\d{7}/, 'no dossier id at all');
    sums.push(path);
  }

  // the two CSVs loaded together, then the two summaries: the same table, accounting, Report parts
  await upload(page, [p.a, p.b]);
  const joint = await shownFigures(page);
  const jointReport = await download(page);
  assert.ok(jointReport.rows.rejected >= 1 && jointReport.rows.duplicates >= 1 && jointReport.late_total > 0, 'the data has rejected rows, duplicates and late dossiers');
  await upload(page, sums);
  const merged = await shownFigures(page);
  assert.deepEqual(merged.rows, joint.rows, 'level table');
  assert.equal(merged.accounting, joint.accounting, 'accounting');
  assert.equal(merged.period, joint.period, 'period');
  const mergedReport = await download(page);
  for (const k of MERGED_KEYS) assert.deepEqual(mergedReport[k], jointReport[k], k);
  assert.match(merged.narrative, /các địa phương (Bình Thuận, Lâm Đồng|Lâm Đồng, Bình Thuận)/, 'the narrative names the provinces');
  // a province's CSV with the other's summary: the same figures, the CSV's row under its name
  await upload(page, [p.a, sums[1]]);
  const mixed = await shownFigures(page);
  assert.deepEqual(mixed.rows, joint.rows, 'level table (CSV + summary)');
  assert.equal(mixed.accounting, joint.accounting, 'accounting (CSV + summary)');
  assert.deepEqual(await page.$$eval('[data-testid=sources-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.source).sort()), ['Lâm Đồng', 'tinh-a']);
  await upload(page, sums);

  // one row per province (units tab) with the figures its file gave alone
  await page.click('[data-testid=tab-units]');
  const names = await page.$$eval('[data-testid=sources-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.source));
  assert.deepEqual([...names].sort(), ['Bình Thuận', 'Lâm Đồng']);
  for (const [label, total] of Object.entries(totals)) {
    const row = await rowCells(page, `[data-testid=sources-table] tbody tr[data-source="${label}"]`);
    const { level: _level, ...figures } = total;
    const { name: _name, ...shown } = row;
    assert.deepEqual(shown, figures, `${label}: its row = its file's total`);
  }
  await page.locator('[data-testid=sources-table-wrap]').screenshot({ path: join(OUT, 'summary-units.png') });

  // the merged view says what it is; the late list, the problem list and the comparison say why
  // they are empty; the column mapping is shown, not changed (it was the summaries' to make)
  assert.match(await page.textContent('[data-testid=sources-note]'), /^Báo cáo gộp từ tệp tóm tắt của 2 địa phương \((Bình Thuận, Lâm Đồng|Lâm Đồng, Bình Thuận)\)/);
  await page.click('[data-testid=tab-mapping]');
  assert.match(await page.textContent('[data-testid=mapping-from-summaries]'), /^Báo cáo gộp từ tệp tóm tắt: các cột đã được ghép khi lập từng tóm tắt/);
  assert.equal(await page.$('[data-testid=apply-mapping]'), null, 'no «Áp dụng» that would change nothing');
  assert.ok(await page.$$eval('[data-testid=mapping-table] select', (ss) => ss.length > 0 && ss.every((x) => x.disabled)), 'the mapping is shown, disabled');
  await page.click('[data-testid=tab-late]');
  assert.equal(await page.textContent('[data-testid=late-cut]'),
    `Tệp tóm tắt không có danh sách hồ sơ (không có mã hồ sơ): ${NF.format(jointReport.late_total)} hồ sơ trễ hạn được tính trong số liệu tổng hợp`);
  await page.click('[data-testid=tab-problems]');
  assert.match(await page.textContent('[data-testid=problems-total]'), new RegExp(`^Tổng số lỗi: ${jointReport.problems_total}\\. Tệp tóm tắt chỉ giữ số lỗi theo loại`));
  assert.equal(await page.$$eval('[data-testid=problems-by-reason] tbody tr', (trs) => trs.length), jointReport.problems_by_reason.length);
  assert.equal(await page.$('[data-testid=problems-table]'), null, 'no empty problem list');
  await page.click('[data-testid=tab-compare]');
  assert.match(await page.textContent('[data-testid=compare-none]'), /^Tệp tóm tắt không giữ số liệu của kỳ trước/);
  await page.click('[data-testid=tab-summary]');
  await page.screenshot({ path: join(OUT, 'summary.png'), fullPage: true });

  // exports from the merged view: the workbook, form 06, and a summary of the summaries (a region)
  const xlsx = readFileSync(await saved(page, () => page.click('[data-testid=export-xlsx]'), 'bao-cao-tthc.xlsx'));
  assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'Xuất Excel: a zip');
  assert.ok(xlsx.includes('xl/worksheets/sheet9.xml'), 'Xuất Excel: the eight sheets and «Địa phương»');
  const form = readFileSync(await saved(page, () => page.click('[data-testid=export-form06]'), 'bieu-06.xlsx'));
  assert.equal(form.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'Biểu 06: a zip');
  const form06a = readFileSync(await saved(page, () => page.click('[data-testid=export-form06a]'), 'bieu-II.06a.xlsx'));
  assert.equal(form06a.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'Biểu II.06a: a zip');
  const csv06 = readFileSync(await saved(page, () => page.click('[data-testid=export-form06-csv]'), 'bieu-06.csv'), 'utf8');
  assert.ok(csv06.includes(NF.format(jointReport.total.resolved)), `Biểu 06 CSV holds the total resolved ${jointReport.total.resolved}`);
  assert.equal(await page.textContent('[data-testid=export-status]'), '', 'no export failure');
  assert.match(await page.inputValue('[data-testid=summary-label]'), /^(Bình Thuận, Lâm Đồng|Lâm Đồng, Bình Thuận)$/);
  await page.fill('[data-testid=summary-label]', 'Vùng Nam Trung Bộ');
  const region = JSON.parse(readFileSync(await saved(page, () => page.click('[data-testid=export-summary]'), 'tom-tat-vung-nam-trung-bo.json'), 'utf8'));
  assert.equal(region.label, 'Vùng Nam Trung Bộ');
  assert.deepEqual(region.sources.map((s) => s.label).sort(), ['Bình Thuận', 'Lâm Đồng'], 'a region keeps its provinces\' rows');
});

await test('summaries: another period, the same summary twice, or options against the summaries are refused in Vietnamese; the page stays usable', async (page) => {
  const p = provinceCsvs();
  const year = join(OUT, 'tom-tat-a-2024.json');
  const quarter = join(OUT, 'tom-tat-b-quy-1.json');
  execFileSync(TTHC, ['summary', '--out', year, '--label', 'Bình Thuận', p.a], { stdio: 'ignore' });
  execFileSync(TTHC, ['summary', '--out', quarter, '--label', 'Lâm Đồng', '--period', '2024', '--quarter', '1', p.b], { stdio: 'ignore' });
  await gotoReady(page);
  let run = await lastRun(page);
  await page.setInputFiles('[data-testid=file-input]', [year, quarter]);
  assert.equal(await waitRefused(page, run),
    'Lỗi: Không gộp được tóm tắt «Lâm Đồng» với «Bình Thuận»: kỳ báo cáo khác nhau (01/01/2024 – 31/12/2024 và 01/01/2024 – 31/03/2024). Hãy lập lại các tóm tắt với cùng kỳ báo cáo, cách chia cấp, quy ước đếm và lịch.');
  run = await lastRun(page);
  const text = readFileSync(year, 'utf8');
  await dropFiles(page, [['tom-tat-a-2024.json', text], ['tom-tat-a-2024 (1).json', text]]);
  assert.equal(await waitRefused(page, run),
    'Lỗi: Không gộp được tóm tắt «Bình Thuận» với «Bình Thuận»: tóm tắt này có vẻ đã được nạp (cùng địa phương «Bình Thuận», cùng tệp «tinh-a.csv»): số liệu sẽ bị cộng hai lần. Hãy lập lại các tóm tắt với cùng kỳ báo cáo, cách chia cấp, quy ước đếm và lịch.');
  // a period asked on the page that is not the summaries'
  run = await lastRun(page);
  await page.fill('[data-testid=year]', '2024');
  await page.selectOption('[data-testid=span]', 'q1');
  await page.setInputFiles('[data-testid=file-input]', year);
  assert.match(await waitRefused(page, run), /^Lỗi: Các tóm tắt được lập với kỳ báo cáo 01\/01\/2024 – 31\/12\/2024; không lập lại được theo tùy chọn khác/);
  // the page works again: the quarter's summary under its own period, then the year's alone
  run = await lastRun(page);
  await page.setInputFiles('[data-testid=file-input]', quarter);
  run = await waitRun(page, run);
  assert.match(await page.textContent('[data-testid=period-label]'), /quý I năm 2024/);
  await page.fill('[data-testid=year]', '');
  await page.selectOption('[data-testid=span]', '');
  await page.setInputFiles('[data-testid=file-input]', year);
  await waitRun(page, run);
  assert.match(await page.textContent('[data-testid=period-label]'), /năm 2024 \(01\/01\/2024 – 31\/12\/2024\)/);
});

await test('summaries: a summary written by `tthc summary` opens on the page with the figures of `tthc report --json` of that summary', async (page) => {
  const p = provinceCsvs();
  const sum = join(OUT, 'tom-tat-cli.json');
  execFileSync(TTHC, ['summary', '--out', sum, '--label', 'Bình Thuận', p.a, p.b], { stdio: 'ignore' });
  const cli = JSON.parse(execFileSync(TTHC, ['report', '--json', sum], { encoding: 'utf8' }));
  await gotoReady(page);
  await upload(page, sum);
  assert.deepEqual(await download(page), cli, 'the page\'s Report = the CLI\'s');
  for (const l of [...cli.levels, { ...cli.total, level: 'total' }]) {
    for (const col of ['resolved', 'on_time', 'late', 'pending']) {
      assert.equal((await cell(page, l.level, col)).trim(), NF.format(l[col]), `${l.level} ${col}`);
    }
  }
  assert.equal(await page.textContent('[data-testid=rows-accounting]'), accountingText(cli.rows));
  assert.equal(await page.textContent('[data-testid=narrative]'), cli.narrative);
  assert.equal(await page.inputValue('[data-testid=summary-label]'), 'Bình Thuận', 'the name field: the summary\'s province');
});

// Issue 12: a national summary made on an engine (`tthc sql` on DuckDB, `tthc summary --from-sql`,
// by tests/sql/engines.py, which `make test-sql` runs before the e2e) opens in the page as any.
await test('summaries: the national summary of three provinces made by DuckDB from `tthc sql` opens on the page with the figures of `tthc report --json`, one row per province', async (page) => {
  const sum = join(ROOT, 'target', 'sql-engines', 'provinces-3x60000-duckdb.json');
  assert.ok(existsSync(sum), `${sum} is missing: run \`make test-sql\` first (make test does)`);
  const cli = JSON.parse(execFileSync(TTHC, ['report', '--json', sum], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  assert.equal(cli.sources.length, 3, 'three provinces');
  await gotoReady(page);
  await upload(page, sum);
  assert.deepEqual(await download(page), cli, 'the page\'s Report = the CLI\'s');
  for (const l of [...cli.levels, { ...cli.total, level: 'total' }]) {
    for (const col of ['resolved', 'on_time', 'late', 'pending']) {
      assert.equal((await cell(page, l.level, col)).trim(), NF.format(l[col]), `${l.level} ${col}`);
    }
  }
  assert.equal(await page.textContent('[data-testid=narrative]'), cli.narrative);
  await page.click('[data-testid=tab-units]');
  const names = await page.$$eval('[data-testid=sources-table] tbody tr', (trs) => trs.map((tr) => tr.dataset.source));
  assert.deepEqual([...names].sort(), cli.sources.map((s) => s.name).sort());
});

await browser.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !results.length ? 1 : 0);
