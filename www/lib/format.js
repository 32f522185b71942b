// @ts-check
// vi-VN formatting, the one place the page formats a number or a date: 98.942; 99,84%; 31/12/2024;
// 81,61 (points). The core formats its own sentences (narrative, comparison) the same way.

const NF = new Intl.NumberFormat('vi-VN');
const NF1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const NF2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NF4 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 4 });
const NFT = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** Vietnamese collation, for sorting names. */
export const COLLATOR = new Intl.Collator('vi');

/** @typedef {number | null | undefined} Num */

/** A number, or NaN for null/undefined/non-numbers. @param {unknown} v @returns {number} */
export const num = (v) => (v == null ? NaN : Number(v));
/** @param {unknown} v @returns {v is number} */
export const finite = (v) => v != null && Number.isFinite(Number(v));

const DASH = '–';

export const fmt = {
  /** A count: 98.942. @param {Num} v */
  int: (v) => (finite(v) ? NF.format(v) : DASH),
  /** A percentage with 2 decimals: 99,84%. @param {Num} v */
  rate: (v) => (finite(v) ? `${NF2.format(v)}%` : DASH),
  /** Days with 2 decimals. @param {Num} v */
  days: (v) => (finite(v) ? NF2.format(v) : DASH),
  /** Index points, 2 decimals as the portal publishes them: 81,61. @param {Num} v */
  pts: (v) => (finite(v) ? NF2.format(v) : DASH),
  /** Up to 4 decimals, no trailing zeros. @param {Num} v */
  pts4: (v) => (finite(v) ? NF4.format(v) : DASH),
  /** A maximum or a target without trailing zeros: 18; 2,5. @param {Num} v */
  trim: (v) => (finite(v) ? NFT.format(v) : DASH),
  /** A count that may be fractional: 1.994, else 2 decimals. @param {Num} v */
  count: (v) => (!finite(v) ? DASH : Number.isInteger(v) ? NF.format(v) : NF2.format(v)),
  /** Whole percent as the core's catalogue sentence writes it: 80%, never 100% below 100. @param {Num} v */
  wholePct(v) {
    if (!finite(v)) return DASH;
    const r = Math.round(v);
    return `${r >= 100 && v < 100 ? 99 : r}%`;
  },
  /** Points per dossier, as the core rounds them (4 decimals); below that «< 0,0001», not 0. @param {Num} v */
  perDossier: (v) => (!finite(v) ? DASH : v === 0 ? `< ${NF4.format(0.0001)}` : NF4.format(v)),
  /** Seconds with one decimal. @param {number} ms */
  seconds: (ms) => NF1.format(ms / 1000),
  /** Megabytes with one decimal. @param {number} bytes */
  mb: (bytes) => NF1.format(bytes / 1048576),
  /** File size: KB under 1 MB, else MB with one decimal. @param {Num} bytes */
  size(bytes) {
    if (!finite(bytes)) return DASH;
    return bytes < 1048576 ? `${NF.format(Math.ceil(bytes / 1024))} KB` : `${NF1.format(bytes / 1048576)} MB`;
  },
  /** ISO `yyyy-mm-dd[Thh:mm…]` → `dd/mm/yyyy`; anything else as is. @param {string | null | undefined} iso */
  date(iso) {
    if (!iso) return DASH;
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
  },
  /** `yyyy-mm` → `mm/yyyy`. @param {string | null | undefined} ym */
  month(ym) {
    const m = /^(\d{4})-(\d{2})/.exec(ym ?? '');
    return m ? `${m[2]}/${m[1]}` : (ym ?? DASH);
  },
};

/** Lower-case, no diacritics, đ → d: lets officials filter with or without accents. @param {unknown} s */
export function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
