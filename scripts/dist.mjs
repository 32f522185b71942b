// `make dist` (issue 11): the embeddable package and the one-file page, from www/ and www/pkg/.
//
//   dist/npm/     the ES modules as they are in www/ (tthc.js: init/analyze/index; tthc-dashboard.js:
//                 the <tthc-dashboard> element; every worker; what they import), every wasm
//                 module of www/pkg with its JS glue and declarations, the element's CSS,
//                 .d.ts written by tsc from the JSDoc, package.json
//   dist/tthc.html  one self-contained file: the JS bundled (esbuild), the workers as Blob URLs
//                 (classic workers), every wasm module inlined once as base64 (each worker is
//                 handed, with its code, the modules its bundle's glue loads: the analysis
//                 module to the analysis worker and its part workers, the export module to the
//                 export worker), the CSS inlined; opens from file:// with no server and no
//                 network (its CSP allows no fetch at all)
//
// Generic on purpose: the wasm modules are whatever www/pkg/*.wasm holds (each loaded by the
// glue of the same name, `X_bg.wasm` ← `X.js`), the workers whatever www/*worker.js holds.
// Run from the repository root: node scripts/dist.mjs (needs tests/e2e/node_modules: esbuild,
// typescript).

import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const PKG = join(WWW, 'pkg');
const DIST = join(ROOT, 'dist');
const NPM = join(DIST, 'npm');
const NODE_MODULES = join(ROOT, 'tests', 'e2e', 'node_modules');
const require = createRequire(join(NODE_MODULES, 'x.js'));
const esbuild = require('esbuild');

const fail = (m) => { console.error(`dist: ${m}`); process.exit(1); };
if (!existsSync(PKG)) fail('www/pkg is missing: run `make wasm` first');
if (!existsSync(join(WWW, 'vendor', 'uplot.js'))) fail('www/vendor is missing: run `make wasm` (scripts/vendor.sh) first');

const wasmFiles = readdirSync(PKG).filter((f) => f.endsWith('.wasm')).sort();
const workers = readdirSync(WWW).filter((f) => /worker\.js$/.test(f)).sort();
if (!wasmFiles.length) fail('no .wasm in www/pkg');
if (!workers.includes('worker.js')) fail('www/worker.js is missing');
const ENTRIES = ['tthc.js', 'tthc-dashboard.js'];
const CSS = ['vendor/uplot.css', 'style.css', 'tthc-dashboard.css'];
const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
const field = (k) => (new RegExp(`^${k}\\s*=\\s*"([^"]*)"`, 'm').exec(cargo) ?? [])[1];
const version = field('version') ?? '0.0.0';

rmSync(DIST, { recursive: true, force: true });
mkdirSync(NPM, { recursive: true });

// ---------------------------------------------------------------------------------------------
// dist/npm: the modules the entries and workers reach, unbundled (their relative imports and
// `new URL(…, import.meta.url)` keep working as they do in www/).

const { metafile } = await esbuild.build({
  entryPoints: [...ENTRIES, ...workers].map((f) => join(WWW, f)),
  bundle: true, write: false, metafile: true, format: 'esm', outdir: join(DIST, 'tmp'), logLevel: 'error',
});
const reached = new Set(Object.keys(metafile.inputs).map((p) => resolve(ROOT, p)));
for (const f of wasmFiles) reached.add(join(PKG, f));
for (const f of readdirSync(PKG).filter((x) => x.endsWith('.d.ts'))) reached.add(join(PKG, f));
for (const f of CSS) reached.add(join(WWW, f));
reached.add(join(WWW, 'types.js')); // types only (JSDoc): the .d.ts name it
for (const file of [...reached].sort()) {
  const rel = relative(WWW, file);
  if (rel.startsWith('..')) fail(`${file} is outside www/`);
  mkdirSync(dirname(join(NPM, rel)), { recursive: true });
  copyFileSync(file, join(NPM, rel));
}

// .d.ts from the JSDoc (the same types `make typecheck` checks), next to each module.
const tsc = join(NODE_MODULES, '.bin', 'tsc');
execFileSync(tsc, ['-p', join(WWW, 'tsconfig.json'), '--noEmit', 'false', '--declaration', '--emitDeclarationOnly',
  '--outDir', join(DIST, 'types')], { stdio: 'inherit' });
for (const entry of [...reached].map((f) => relative(WWW, f)).filter((f) => f.endsWith('.js') && !f.startsWith('pkg'))) {
  const dts = join(DIST, 'types', entry.replace(/\.js$/, '.d.ts'));
  if (existsSync(dts)) copyFileSync(dts, join(NPM, entry.replace(/\.js$/, '.d.ts')));
}
rmSync(join(DIST, 'types'), { recursive: true, force: true });
// document.querySelector('tthc-dashboard') and createElement('tthc-dashboard') are typed
writeFileSync(join(NPM, 'tthc-dashboard.d.ts'), `${readFileSync(join(NPM, 'tthc-dashboard.d.ts'), 'utf8')}
declare global {
    interface HTMLElementTagNameMap { 'tthc-dashboard': TthcDashboard; }
}
`);

const pkgJson = {
  name: 'tthc-analytics',
  version,
  description: 'Thống kê hồ sơ thủ tục hành chính trong trình duyệt: <tthc-dashboard> và init/analyze/index (WebAssembly, Web Workers).',
  license: field('license'),
  type: 'module',
  main: './tthc.js',
  types: './tthc.d.ts',
  exports: {
    '.': { types: './tthc.d.ts', default: './tthc.js' },
    './dashboard': { types: './tthc-dashboard.d.ts', default: './tthc-dashboard.js' },
    './tthc-dashboard.js': { types: './tthc-dashboard.d.ts', default: './tthc-dashboard.js' },
    './types': { types: './pkg/tthc_types.d.ts' },
    './*': './*',
  },
  sideEffects: ['./tthc-dashboard.js'],
  files: ['**/*'],
};
writeFileSync(join(NPM, 'package.json'), `${JSON.stringify(pkgJson, null, 2)}\n`);
writeFileSync(join(NPM, 'README.md'), `# tthc-analytics ${version}

Built by \`make dist\` from the repository's www/ (see its README, «Nhúng vào cổng thông tin /
Embedding»). Serve this folder as it is (\`.wasm\` as \`application/wasm\`), then:

\`\`\`html
<script type="module" src="/duong-dan/tthc-dashboard.js"></script>
<tthc-dashboard lang="vi" period="2024"></tthc-dashboard>
\`\`\`

\`\`\`js
import { init, analyze, index } from '/duong-dan/tthc.js';
await init({ wasmUrl: '/tep-tinh/tthc_analytics_bg.wasm', workerUrl: '/duong-dan/worker.js' });
const report = await analyze(fileInput.files, { year: 2024 });
\`\`\`

Types: \`tthc.d.ts\`, \`tthc-dashboard.d.ts\` and \`pkg/tthc_types.d.ts\` (generated from the Rust
types); the wasm-bindgen declarations use \`Symbol.dispose\`: a TypeScript project needs
\`"lib": [..., "esnext.disposable"]\` (or \`skipLibCheck\`).

Workers: ${workers.join(', ')}. Wasm modules: ${wasmFiles.map((f) => `pkg/${f}`).join(', ')}.
`);

// The declarations as a consumer sees them: a TypeScript file using the package, type-checked
// (strict) against dist/npm — the Report's fields are the generated ones.
const check = join(DIST, 'types-check');
mkdirSync(check, { recursive: true });
writeFileSync(join(check, 'use.ts'), `import { init, analyze, index, type Report } from '../npm/tthc.js';
import '../npm/tthc-dashboard.js';
export async function use(bytes: Uint8Array): Promise<[number, string, number | null]> {
  await init({ wasmUrl: '/wasm/tthc_analytics_bg.wasm', workerUrl: '/tthc/worker.js' });
  const r: Report = await analyze(bytes, { year: 2024, convention: 'mac-dinh', two_tier: false });
  const idx = await index([], { methodology: 'qd766-portal' }, { report: r });
  const el = document.createElement('tthc-dashboard');
  const shown: Report | null = el.report;
  return [r.levels[0].resolved + (shown?.total.late ?? 0), idx.methodology.id, r.total.on_time_rate];
}
`);
execFileSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler',
  '--lib', 'es2022,esnext.disposable,dom,dom.iterable', '--skipLibCheck', 'false', join(check, 'use.ts')], { stdio: 'inherit' });
rmSync(check, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// dist/tthc.html

// The element's styles as adopted stylesheets (no <link>: there is no folder beside the file).
const cssText = CSS.map((f) => readFileSync(join(WWW, f), 'utf8')).join('\n');
const inlineStyles = {
  name: 'inline-styles',
  setup(build) {
    build.onLoad({ filter: /lib[\\/]shadow-styles\.js$/ }, () => ({
      loader: 'js',
      contents: `const sheet = new CSSStyleSheet();
sheet.replaceSync(${JSON.stringify(cssText)});
/** @param {ShadowRoot} root */
export function adoptStyles(root) { root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]; }`,
    }));
  },
};

/** One file bundled to a string (every import inlined), and the files it is made of. */
async function bundleWithInputs(entry, format, plugins = []) {
  const r = await esbuild.build({
    entryPoints: [entry], bundle: true, write: false, format, minify: true, target: 'es2022',
    legalComments: 'none', logLevel: 'error', plugins, metafile: true,
  });
  return { text: r.outputFiles[0].text, inputs: Object.keys(r.metafile.inputs).map((p) => resolve(ROOT, p)) };
}
const bundle = async (entry, format, plugins = []) => (await bundleWithInputs(entry, format, plugins)).text;

// The workers as classic scripts (Chromium starts no module worker from a Blob URL on file://).
// A worker there may fetch nothing, not even a Blob URL of the page, nor start a worker from
// one: each gets, before its code, `self.TTHC_INLINE` = the wasm modules it loads (base64: those
// whose glue, pkg/X.js for X_bg.wasm, its bundle holds; a worker's part workers load the same)
// and every worker's code (lib/worker-shared.js: `wasmInput`, `startWorker`).
const workerCode = {};
/** worker → the wasm files it loads */
const workerWasm = {};
for (const w of workers) {
  const { text, inputs } = await bundleWithInputs(join(WWW, w), 'iife');
  workerCode[w] = text;
  workerWasm[w] = wasmFiles.filter((f) => inputs.includes(join(PKG, f.replace(/_bg\.wasm$/, '.js'))));
  if (!workerWasm[w].length) fail(`${w} loads no wasm module of www/pkg`);
}
const usedWasm = wasmFiles.filter((f) => Object.values(workerWasm).some((l) => l.includes(f)));
// gzipped before base64 (the workers inflate them with DecompressionStream: lib/worker-shared.js
// `wasmInput`): the one file is less than half as large (10,1 MB → about 4,5 MB with four modules)
const wasmBase64 = Object.fromEntries(usedWasm.map((f) => [f, gzipSync(readFileSync(join(PKG, f)), { level: 9 }).toString('base64')]));

// The page's script: the API is told where the workers are (Blob URLs) before the element is
// defined (it starts the worker when connected), then the element.
const entry = join(DIST, 'tthc-entry.js');
writeFileSync(entry, `import { init } from ${JSON.stringify(join(WWW, 'tthc.js'))};
const WASM = ${JSON.stringify(wasmBase64)};
const CODE = ${JSON.stringify(workerCode)};
const NEEDS = ${JSON.stringify(workerWasm)};
const workerUrl = (name) => {
  if (!CODE[name]) return undefined;
  const inline = JSON.stringify({ wasm: Object.fromEntries(NEEDS[name].map((f) => [f, WASM[f]])), gzip: true, workers: CODE });
  return URL.createObjectURL(new Blob(['self.TTHC_INLINE=', inline, ';\\n', CODE[name]], { type: 'text/javascript' }));
};
init({ workerType: 'classic', workerUrl: workerUrl('worker.js'), exportWorkerUrl: workerUrl('export-worker.js') });
await import(${JSON.stringify(join(WWW, 'tthc-dashboard.js'))});
`);
let script = await bundle(entry, 'esm', [inlineStyles]);
rmSync(entry);
// inside an inline <script>: no «</script» and no «<!--» may appear, even in a string
script = script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; worker-src blob:; connect-src 'none'; style-src 'unsafe-inline'; img-src data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'";
const html = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>Thống kê hồ sơ thủ tục hành chính</title>
<link rel="icon" href="data:,">
<style>
body { margin: 0; background: #f4f6f8; font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
.top { background: #0b4a8b; color: #fff; padding: .8rem 1rem; border-bottom: 4px solid #c8102e; }
.top h1 { margin: 0; font-size: 1.35rem; font-weight: 600; }
.top p { margin: .2rem 0 0; font-size: .9rem; opacity: .9; }
tthc-dashboard { max-width: 1400px; margin: 0 auto; }
</style>
</head>
<body>
<header class="top">
  <h1>Thống kê hồ sơ thủ tục hành chính</h1>
  <p>Tệp này chạy hoàn toàn trên máy: mở trực tiếp (không cần máy chủ, không cần mạng); dữ liệu không rời khỏi máy. tthc-analytics ${version}</p>
</header>
<tthc-dashboard lang="vi"></tthc-dashboard>
<script type="module">
${script}
</script>
</body>
</html>
`;
writeFileSync(join(DIST, 'tthc.html'), html);

const size = (p) => `${(statSync(p).size / 1e6).toFixed(2).replace('.', ',')} MB`;
console.log(`dist/npm: ${reached.size + 2} files (workers: ${workers.join(', ')}; wasm: ${wasmFiles.join(', ')})`);
console.log(`dist/tthc.html wasm: ${workers.map((w) => `${w} ← ${workerWasm[w].join(', ')}`).join('; ')}`);
console.log(`dist/tthc.html: ${size(join(DIST, 'tthc.html'))}`);
