// Shared helpers for e2e.mjs and bench.mjs: browser launch, offline guard, waiting for runs.

import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync } from 'node:fs';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const OUT = join(HERE, 'out');
export const ROOT = join(HERE, '..', '..');
export const URL_BASE = process.env.URL ?? 'http://127.0.0.1:8123/';
export const SAMPLE = process.env.SAMPLE_CSV ?? join(OUT, 'sample.csv');
export const SAMPLE_XLSX = process.env.SAMPLE_XLSX ?? join(OUT, 'sample.xlsx');
/** The index sample written by `tthc sample-index` (run.sh does it). */
export const INDEX_SAMPLE_DIR = process.env.INDEX_SAMPLE_DIR ?? join(OUT, 'index');
export const INDEX_SAMPLE_FILES = ['danh-muc-tthc-mau-binh-thuan-2024.csv', 'xep-hang-chi-so-766-mau-2024.csv']
  .map((f) => join(INDEX_SAMPLE_DIR, f));
mkdirSync(OUT, { recursive: true });

// Never download a browser: Debian's chromium, fixed flags (docs/toolchain.md (d)).
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export function requireSample() {
  if (!existsSync(SAMPLE)) {
    throw new Error(`${SAMPLE} is missing: run \`target/release/tthc sample --out ${SAMPLE}\` (run.sh does)`);
  }
}

export function requireIndexSample() {
  for (const f of INDEX_SAMPLE_FILES) {
    if (!existsSync(f)) {
      throw new Error(`${f} is missing: run \`target/release/tthc sample-index --out-dir ${INDEX_SAMPLE_DIR}\` (run.sh does)`);
    }
  }
}

const isLocal = (u, allowFile = false) => {
  try {
    const url = new URL(u);
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
    if (allowFile) return url.protocol === 'file:';
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '127.0.0.1';
  } catch {
    return false;
  }
};

/**
 * A fresh context + page that records every request (page and workers), blocks and reports any
 * request to a non-127.0.0.1 origin, and collects page errors and console errors.
 * Returns { ctx, page, issues } where issues is an array of strings (empty = clean).
 * `file: true`: the page is opened from file:// (dist/tthc.html): only file:, blob: and data:
 * requests are allowed (no http at all, 127.0.0.1 included), and the context is offline.
 */
export async function openPage(browser, { width = 1280, height = 900, file = false } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'vi-VN' });
  const issues = [];
  const requests = [];
  if (file) await ctx.setOffline(true);
  const local = (u) => isLocal(u, file);
  await ctx.route('**/*', (route) => {
    const u = route.request().url();
    if (local(u)) return route.continue();
    issues.push(`external request blocked: ${u}`);
    return route.abort('blockedbyclient');
  });
  ctx.on('request', (r) => {
    requests.push(r.url());
    if (!local(r.url())) issues.push(`external request: ${r.url()}`);
  });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => issues.push(`pageerror: ${e.message ?? e}`));
  page.on('console', (m) => { if (m.type() === 'error') issues.push(`console error: ${m.text()}`); });
  page.on('crash', () => issues.push('page crashed'));
  page.on('worker', (w) => {
    if (!local(w.url())) issues.push(`external worker: ${w.url()}`);
    if (typeof w.on === 'function') {
      try { w.on('console', (m) => { if (m.type() === 'error') issues.push(`worker console error: ${m.text()}`); }); } catch { /* older API */ }
    }
  });
  return { ctx, page, issues, requests };
}

export async function gotoReady(page, timeout = 30000, query = '') {
  await page.goto(URL_BASE + query);
  await page.waitForSelector('[data-testid=status][data-state=ready]', { timeout });
}

/** The id of the last finished index run (done or error), 0 when none. */
export async function lastIndexRun(page) {
  return Number(await page.getAttribute('[data-testid=index-status]', 'data-run')) || 0;
}

/** Waits until an index run newer than `prev` ended in state `want` (done or error). */
export async function waitIndex(page, prev, want = 'done', timeout = 120000) {
  await page.waitForFunction((p) => {
    const s = document.querySelector('[data-testid=index-status]');
    return s && (s.dataset.state === 'done' || s.dataset.state === 'error') && Number(s.dataset.run || 0) > p;
  }, prev, { timeout, polling: 100 });
  const st = await page.getAttribute('[data-testid=index-status]', 'data-state');
  if (st !== want) throw new Error(`index run ended in state ${st}: ${await page.textContent('[data-testid=index-status]')}`);
  return lastIndexRun(page);
}

/** The id of the last finished run (done or error) shown by the page, 0 when none. */
export async function lastRun(page) {
  return Number(await page.getAttribute('[data-testid=status]', 'data-run')) || 0;
}

/** Waits until a run newer than `prev` ended; throws with the status text unless it is done. */
export async function waitRun(page, prev, timeout = 600000) {
  await page.waitForFunction((p) => {
    const s = document.querySelector('[data-testid=status]');
    return s && (s.dataset.state === 'done' || s.dataset.state === 'error') && Number(s.dataset.run || 0) > p;
  }, prev, { timeout, polling: 100 });
  const st = await page.getAttribute('[data-testid=status]', 'data-state');
  if (st !== 'done') throw new Error(`run ended in state ${st}: ${await page.textContent('[data-testid=status]')}`);
  return lastRun(page);
}

/**
 * WCAG AA contrast of the text on the page as drawn now (shadow roots included): every visible
 * element with text of its own, its colour against the background behind it (the backgrounds of
 * its ancestors blended, white at the bottom), at least 4,5:1 (3:1 for large text: 24 px, or
 * 18,66 px bold). Disabled controls and chart SVG text (drawn in the charts' own ink on white)
 * are left out. Returns one line per element that falls short.
 */
export function contrastProblems(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const blend = (top, under) => ({
      r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1,
    });
    const lum = ({ r, g, b }) => {
      const f = (v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const up = (e) => e.parentElement ?? (e.getRootNode() instanceof ShadowRoot ? e.getRootNode().host : null);
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = up(e)) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      return layers.reverse().reduce((bg, l) => blend(l, bg), { r: 255, g: 255, b: 255, a: 1 });
    };
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el.closest('svg') || el.matches(':disabled, [aria-disabled=true] *, [aria-disabled=true], option')) continue;
        if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const cs = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (cs.visibility !== 'visible' || box.width <= 1 || box.height <= 1) continue;
        const bg = background(el);
        const fg0 = parse(cs.color);
        if (!fg0) continue;
        const fg = blend(fg0, bg);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(cs.fontSize);
        const large = size >= 24 || (Number(cs.fontWeight) >= 700 && size >= 18.66);
        if (ratio < (large ? 3 : 4.5) - 0.005) {
          const rgb = (c) => `rgb(${Math.round(c.r)},${Math.round(c.g)},${Math.round(c.b)})`;
          out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''} «${el.textContent.trim().slice(0, 40)}»: ${ratio.toFixed(2)}:1, ${rgb(fg)} on ${rgb(bg)}`);
        }
      }
    };
    walk(document);
    return out;
  });
}
