// @ts-check
// The example portal's own script (embed-example.html; no inline script under its CSP): the
// language select sets the element's `lang`, and the element's events are shown in a line of
// the portal, as a portal would listen to them.

const dash = document.getElementById('dashboard');
const lang = document.getElementById('host-lang');
const events = document.getElementById('host-events');
if (dash && lang instanceof HTMLSelectElement && events) {
  lang.addEventListener('change', () => dash.setAttribute('lang', lang.value));
  /** @type {Record<string, number>} */
  const seen = { progress: 0, done: 0, error: 0 };
  for (const type of Object.keys(seen)) {
    dash.addEventListener(type, (e) => {
      seen[type]++;
      events.dataset[type] = String(seen[type]);
      const detail = /** @type {CustomEvent} */ (e).detail;
      if (type === 'done') events.textContent = `Đã có báo cáo: ${detail.report.period.label}.`;
      if (type === 'error') events.textContent = `Lỗi: ${detail.message}`;
    });
  }
}
