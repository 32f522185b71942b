// @ts-check
// UI strings. Vietnamese is the default and the reference (i18n/vi.js); English is a courtesy
// translation (i18n/en.js). Data coming from the core (narrative, level labels, problem reasons,
// file errors) stays as the core wrote it (Vietnamese). Numbers are always formatted vi-VN, as
// in official reports (lib/format.js).

import { vi } from './i18n/vi.js';
import { en } from './i18n/en.js';

/** @typedef {'vi' | 'en'} Lang */

/** @type {Record<Lang, Record<string, string>>} */
export const DICT = { vi, en };
const STORAGE_KEY = 'tthc-analytics.lang';
/** @type {Lang} */
let lang = 'vi';

try {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'vi') lang = saved;
} catch { /* storage may be disabled: keep vi */ }

/** @returns {Lang} */
export function getLang() { return lang; }

/**
 * The language of the strings only, for an embedded element (tthc-dashboard.js): the host page's
 * `<html lang>` and the page's remembered choice are left alone.
 * @param {string} l
 */
export function useLang(l) { lang = l === 'en' ? 'en' : 'vi'; }

/** @param {string} l */
export function setLang(l) {
  lang = l === 'en' ? 'en' : 'vi';
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* ignore */ }
  document.documentElement.lang = lang;
}

/**
 * Translate `key`, replacing `{name}` by params.name. Falls back to Vietnamese, then the key.
 * @param {string} key
 * @param {Record<string, unknown> | null} [params]
 * @returns {string}
 */
export function t(key, params) {
  let s = DICT[lang][key] ?? vi[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

/**
 * Fill static markup: data-i18n (text), data-i18n-placeholder, data-i18n-title, data-i18n-aria-label.
 * The document's lang and title only for the page itself (not inside an embedded element's root).
 * @param {ParentNode} [root]
 */
export function applyStatic(root = document) {
  const page = root === document;
  if (page) document.documentElement.lang = lang;
  const each = (/** @type {string} */ attr, /** @type {(el: HTMLElement, v: string) => void} */ set) => {
    for (const el of root.querySelectorAll(`[${attr}]`)) {
      if (el instanceof HTMLElement) set(el, t(el.getAttribute(attr) ?? ''));
    }
  };
  each('data-i18n', (el, v) => { el.textContent = v; });
  each('data-i18n-placeholder', (el, v) => el.setAttribute('placeholder', v));
  each('data-i18n-title', (el, v) => { el.title = v; });
  each('data-i18n-aria-label', (el, v) => el.setAttribute('aria-label', v));
  if (page) document.title = t('app.title');
}
