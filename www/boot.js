// @ts-check
// The page's first script (index.html loads it ahead of app.js, whose module graph takes a few
// round trips more): it starts the analysis module's compile and the analysis worker at once, so
// that the worker is ready about when the page's scripts are (issue 10: the cold start).
// run.js takes the worker over (lib/wasm.js: `analysisWorker`).

import { startEarly } from './lib/wasm.js';

startEarly();
