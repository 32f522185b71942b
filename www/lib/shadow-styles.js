// @ts-check
// The <tthc-dashboard> element's styles, inside its shadow root: uPlot's (the charts), the page's
// stylesheet and the element's own (tthc-dashboard.css: the host box, the theme's custom properties), as <link>s
// next to this module — allowed by `style-src 'self'`, no inline style. The self-contained
// dist/tthc.html replaces this module by one that adopts the same CSS from a string
// (scripts/dist.mjs).

import { h } from './dom.js';

/** @param {ShadowRoot} root */
export function adoptStyles(root) {
  for (const f of ['../vendor/uplot.css', '../style.css', '../tthc-dashboard.css']) {
    root.append(h('link', { rel: 'stylesheet', href: new URL(f, import.meta.url).href }));
  }
}
