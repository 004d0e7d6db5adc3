// `npm run bench:first-paint`: time to the first message on a product page, in headless Chromium
// with a 4× CPU throttle (CDP Emulation.setCPUThrottlingRate) and the cache disabled, for
//   - ssr:    the page rendered on the server with renderHtml (examples/ssr), element refreshing behind;
//   - client: the same page with an empty <stock-status src> (script, wasm and feed before any text);
//   - plain:  a bundled plain-JS element (bench/plain-element.js: the same rules in JS, no wasm).
// Runs alternate, one fresh browser context each; prints medians. RUNS=… (default 21).
// VARIANTS adds client-only pages to the same run, to compare builds and hints (BENCHMARKS.md,
// "A lean start"): a JSON object, name → { dist: a dist/ folder, hints: ["modulepreload", "wasm",
// "feed"] (the <link> hints put in the page's head), entry: the module the page loads (default
// stock-status.js; "plain" for bench/plain-element.js, to give the baseline the same hints) }. A variant's dist is served at /v/{name}/ with the same headers as dist/.
// "First message" is the first animation frame in which the message part shows an answer (not the
// loading text), read by a requestAnimationFrame loop installed before the page's first byte, and
// no earlier than the page's first contentful paint (FCP, also printed).
import http from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createSsrExample } from '../examples/ssr/server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS) || 21;
const SKU = '24-MB04';

const plain = (await build({
  entryPoints: [`${root}/bench/plain-element.js`], bundle: true, format: 'esm', minify: true, write: false,
  loader: { '.css': 'text' }, logLevel: 'silent',
})).outputFiles[0].text;

const ssr = await createSsrExample({ base: '/ssr' });
const page = (head, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/ssr/page.css">${head}</head><body><main><article class="product"><h1>Strive Shoulder Pack</h1>${body}</article></main></body></html>`;
const variants = Object.entries(JSON.parse(process.env.VARIANTS || '{}'));
const variantAssets = new Map(variants.map(([name, v]) => [name, sirv(resolve(root, v.dist ?? 'dist'), { dev: true, etag: true })]));
const feedUrl = `/ssr/stock/${SKU}.json`;
function variantPage(name, { hints = [], entry = 'stock-status.js' }) {
  const base = `/v/${name}/`;
  const links = {
    modulepreload: `<link rel="modulepreload" href="${base}stock-status-element.js">`,
    wasm: `<link rel="preload" href="${base}stock-status-core_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
    feed: `<link rel="preload" href="${feedUrl}" as="fetch" type="application/json" crossorigin>`,
  };
  const script = entry === 'plain' ? '/plain-element.js' : `${base}${entry}`;
  return page(`${hints.map((h) => links[h]).join('')}<script type="module" src="${script}"></script>`, `<stock-status src="${feedUrl}"></stock-status>`);
}
const server = http.createServer((req, res) => {
  if (ssr(req, res)) return;
  const v = /^\/v\/([\w-]+)(\.html|\/.*)$/.exec(req.url);
  if (v && variantAssets.has(v[1])) {
    if (v[2] === '.html') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      return res.end(variantPage(v[1], Object.fromEntries(variants)[v[1]]));
    }
    req.url = v[2];
    return variantAssets.get(v[1])(req, res, () => { res.writeHead(404); res.end(); });
  }
  const send = (type, body) => { res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
  if (req.url === '/client.html') return send('text/html', page('<script type="module" src="/ssr/dist/stock-status.js"></script>', `<stock-status src="/ssr/stock/${SKU}.json"></stock-status>`));
  if (req.url === '/plain.html') return send('text/html', page('<script type="module" src="/plain-element.js"></script>', `<stock-status src="/ssr/stock/${SKU}.json"></stock-status>`));
  if (req.url === '/plain-element.js') return send('text/javascript', plain);
  res.writeHead(404); res.end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

function watch() {
  const tick = () => {
    const el = document.querySelector('stock-status');
    const m = el?.shadowRoot?.querySelector('[part="message"]');
    const kind = el?.getAttribute('data-kind');
    if (m && !m.hidden && m.textContent && kind && kind !== 'loading') window.__firstMessage = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const pages = { ssr: `/ssr/product/${SKU}`, client: '/client.html', plain: '/plain.html', ...Object.fromEntries(variants.map(([name]) => [name, `/v/${name}.html`])) };
const times = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
const fcp = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
const afterFcp = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
for (let run = 0; run < RUNS + 1; run++) {
  for (const [name, path] of Object.entries(pages)) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await tab.addInitScript(watch);
    await tab.goto(base + path);
    await tab.waitForFunction(() => window.__firstMessage != null, null, { timeout: 30000 });
    const [message, paint] = await tab.evaluate(() => [
      window.__firstMessage,
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    ]);
    // The message is on screen no earlier than the first contentful paint.
    if (run > 0) { // run 0 warms up
      times[name].push(Math.max(message, paint));
      fcp[name].push(paint);
      afterFcp[name].push(Math.max(message, paint) - paint);
    }
    await context.close();
  }
}
await browser.close();
server.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`time to first message, headless Chromium, CPU ×4, cache off, median of ${RUNS} (ms from navigation start)`);
console.log(`${'page'.padEnd(44)}${'first message'.padStart(15)}${'FCP'.padStart(8)}${'message − FCP'.padStart(15)}`);
const label = { ssr: 'server-rendered (renderHtml) + element', client: 'client-only <stock-status src>', plain: 'bundled plain-JS element (no wasm)' };
for (const name of Object.keys(pages)) {
  const ms = (xs) => median(xs).toFixed(0);
  console.log(`${(label[name] ?? `variant ${name}`).padEnd(44)}${ms(times[name]).padStart(15)}${ms(fcp[name]).padStart(8)}${ms(afterFcp[name]).padStart(15)}`);
}
// Against the plain-JS element, per load pair (each run loads every page once, in turn).
const ratios = (name) => times[name].map((t, i) => t / times.plain[i]);
console.log(`\nfirst message ÷ plain JS: ratio of medians, and median of per-run ratios`);
for (const name of Object.keys(pages).filter((n) => n !== 'plain')) {
  console.log(`${(label[name] ?? `variant ${name}`).padEnd(44)}${(median(times[name]) / median(times.plain)).toFixed(2).padStart(8)}×${median(ratios(name)).toFixed(2).padStart(8)}×`);
}
