// @ts-check
// DOM builders. Everything the page shows is built here with createElement and text nodes; no
// HTML string is ever parsed (the page's CSP forbids inline code anyway).

/** @typedef {string | number | Node | null | undefined | false | ChildList} Child */
/** @typedef {Child[]} ChildList */
/** @typedef {Record<string, unknown> | null | undefined} Attrs */

/** @param {Node} parent @param {Child[]} children */
function appendAll(parent, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) appendAll(parent, c);
    else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * An HTML element. `attrs`: `class`, `text` (textContent), `dataset`, `on…` (listeners), DOM
 * properties for non-string values (`disabled: true`, `hidden`…), attributes otherwise; null,
 * undefined and false are left out.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = String(v);
      else if (k === 'text') e.textContent = String(v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
      else if (k in e && typeof v !== 'string') /** @type {any} */ (e)[k] = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  appendAll(e, children);
  return e;
}

const SVGNS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element; every attribute is set as a string.
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | null | undefined>} [attrs]
 * @param {...Child} children
 * @returns {SVGElementTagNameMap[K]}
 */
export function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v != null) e.setAttribute(k, String(v));
  appendAll(e, children);
  return e;
}

/**
 * Where byId and panel look: the page's document, or the shadow root of the <tthc-dashboard>
 * element (tthc-dashboard.js), which renders the same views (one element per page: the views
 * keep their state per module).
 * @type {Document | ShadowRoot}
 */
let root = document;

/** @param {Document | ShadowRoot} r */
export function setRoot(r) { root = r; }

/**
 * The element with this id, of the given class (an error names the id when it is missing or of
 * another kind: index.html and the script disagree).
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} [type]
 * @returns {T}
 */
export function byId(id, type) {
  const e = root.getElementById(id);
  const want = type ?? HTMLElement;
  if (!(e instanceof want)) throw new Error(`#${id}: missing or not a ${want.name}`);
  return /** @type {T} */ (e);
}

/** The panel of a tab (`[data-panel=name]`). @param {string} name @returns {HTMLElement} */
export function panel(name) {
  const e = root.querySelector(`[data-panel="${name}"]`);
  if (!(e instanceof HTMLElement)) throw new Error(`[data-panel=${name}] missing`);
  return e;
}

/** Offers `data` as a JSON file download. @param {unknown} data @param {string} name */
export function saveJson(data, name) {
  const json = JSON.stringify(data, null, 2);
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, class: 'hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}
