// @ts-check
// Column-mapping presets: a mapping the user corrected is remembered in this browser
// (localStorage) for files with the same header row, and can be saved to and read from a small
// JSON file (the same `MappingPreset` the CLI reads with `--mapping`). The core still checks the
// mapping when it runs: an unknown field is its error, shown in the status line.

/** @typedef {import('../types.js').MappingPreset} MappingPreset */

const PREFIX = 'tthc.mapping.v1:';
export const KIND = 'tthc-mapping';

/** @param {string[]} headers */
const keyOf = (headers) => PREFIX + headers.map((x) => x.trim()).join('\u241f');

/** @returns {Storage | null} localStorage, or null where it is blocked (sandboxed frame, policy) */
function storage() {
  try { return window.localStorage; } catch { return null; }
}

/** The preset remembered for files with this header row. @param {string[]} headers @returns {MappingPreset | null} */
export function findPreset(headers) {
  if (!headers.length) return null;
  const raw = storage()?.getItem(keyOf(headers));
  if (!raw) return null;
  try { return parsePresets(raw)[0] ?? null; } catch { return null; }
}

/** Remembers `mapping` for files with this header row (an empty mapping forgets it). @param {string[]} headers @param {Record<string, string>} mapping */
export function rememberPreset(headers, mapping) {
  const s = storage();
  if (!s || !headers.length) return;
  try {
    if (Object.keys(mapping).length) s.setItem(keyOf(headers), JSON.stringify(makePreset(headers, mapping)));
    else s.removeItem(keyOf(headers));
  } catch { /* quota or policy: the mapping still applies to this run */ }
}

/** @param {string[]} headers @param {Record<string, string>} mapping @returns {MappingPreset} */
export function makePreset(headers, mapping) {
  return { kind: KIND, version: 1, headers: [...headers], mapping: { ...mapping } };
}

/**
 * Reads a preset file: one preset or a list. Throws an Error with a Vietnamese message.
 * @param {string} text @returns {MappingPreset[]}
 */
export function parsePresets(text) {
  /** @type {unknown} */
  let v;
  try { v = JSON.parse(text.replace(/^\ufeff/, '')); } catch { throw new Error('Tệp cách ghép cột không phải JSON hợp lệ'); }
  const list = Array.isArray(v) ? v : [v];
  return list.map((p) => {
    if (!p || typeof p !== 'object' || p.kind !== KIND || p.version !== 1 || !p.mapping || typeof p.mapping !== 'object') {
      throw new Error(`Tệp cách ghép cột không hợp lệ: cần "kind": "${KIND}", "version": 1 và "mapping"`);
    }
    /** @type {Record<string, string | number>} */
    const mapping = {};
    for (const [k, c] of Object.entries(p.mapping)) {
      if (typeof c !== 'string' && typeof c !== 'number') throw new Error(`Tệp cách ghép cột không hợp lệ: cột của «${k}»`);
      mapping[k] = c;
    }
    const headers = Array.isArray(p.headers) ? p.headers.map(String) : [];
    return { kind: KIND, version: 1, headers, mapping };
  });
}
