// Tiny static server for www/ (node:http only). Bound to 127.0.0.1.
//   PORT=8123 node serve.mjs
// Env: PORT (default 8123), ROOT (default ../../www), SERVE_TOKEN (answered at /__token so the
// caller can tell this server from a stale one on the same port), PKG_DIR (serve /pkg/ from
// another directory, for trying the page against a stand-in module), BENCH_DIR (serve /__bench/
// from it: the benchmark's peer library and sample files; never set for the e2e), BENCH_COI=1
// (every response also says Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp, so that the side-by-side benchmark page is
// cross-origin isolated and may call performance.measureUserAgentSpecificMemory; bench only).
// /__dist/ serves dist/ (`make dist`: the npm folder, served as a portal would).
// `?wrong-mime` after a .wasm path serves it as application/octet-stream, as a misconfigured
// portal server does (the e2e checks that the module still loads, from its bytes).
// Exits non-zero when the port is taken.

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(process.env.ROOT ?? join(here, '..', '..', 'www'));
const PKG_DIR = process.env.PKG_DIR ? resolve(process.env.PKG_DIR) : null;
// `make dist`'s output, under /__dist/ (the e2e serves the npm folder as a portal would).
const DIST_DIR = resolve(here, '..', '..', 'dist');
// The benchmark's own files (the peer library from node_modules, the sample files), under /__bench/.
const BENCH_DIR = process.env.BENCH_DIR ? resolve(process.env.BENCH_DIR) : null;
const PORT = Number(process.env.PORT ?? 8123);
const HOST = '127.0.0.1';
const TOKEN = process.env.SERVE_TOKEN ?? '';
const COI = BENCH_DIR && process.env.BENCH_COI === '1'
  ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  : {};

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.map': 'application/json; charset=utf-8',
};

function inside(base, p) {
  return p === base || p.startsWith(base + sep);
}

const server = createServer(async (req, res) => {
  const send = (code, body, type = 'text/plain; charset=utf-8') => {
    res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...COI });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
  let path;
  let wrongMime = false;
  try {
    const u = new URL(req.url, `http://${HOST}`);
    path = decodeURIComponent(u.pathname);
    wrongMime = u.searchParams.has('wrong-mime');
  } catch {
    return send(400, 'bad request');
  }
  if (path === '/__token') return send(200, TOKEN);
  if (path.endsWith('/')) path += 'index.html';
  let base = ROOT;
  let rel = path;
  if (PKG_DIR && path.startsWith('/pkg/')) { base = PKG_DIR; rel = path.slice(4); }
  if (BENCH_DIR && path.startsWith('/__bench/')) { base = BENCH_DIR; rel = path.slice(8); }
  if (path.startsWith('/__dist/')) { base = DIST_DIR; rel = path.slice(7); }
  const file = normalize(join(base, rel));
  if (!inside(base, file)) return send(403, 'forbidden');
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return send(404, 'not found');
    res.writeHead(200, {
      'Content-Type': (wrongMime ? null : MIME[extname(file).toLowerCase()]) ?? 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...COI,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  } catch {
    send(404, 'not found');
  }
});

server.on('error', (e) => {
  console.error(`serve.mjs: cannot listen on ${HOST}:${PORT}: ${e.code ?? e.message}`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  console.log(`serving ${ROOT}${PKG_DIR ? ` (pkg: ${PKG_DIR})` : ''} at http://${HOST}:${PORT}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
