import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
await p.goto('http://127.0.0.1:8211/__bench/bench/index.html');
await p.waitForFunction(() => self.benchReady === true);
const file = process.argv[2];
await p.evaluate(([u]) => self.bench.load(u, 'x.csv'), [`/__bench/out/${file}`]);
const out = await p.evaluate(async () => {
  const r = [];
  for (let i = 0; i < 3; i++) { const x = await self.bench.duck.query(2024); r.push(Math.round(x.ms)); }
  return r;
});
console.log('full query x3', out);
const sqls = process.argv.slice(3);
const o2 = await p.evaluate(async (sqls) => {
  const out = [];
  for (const s of sqls) out.push(await self.bench.duck.raw(s));
  return out;
}, sqls);
console.log(o2);
await b.close();
