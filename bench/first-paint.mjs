// `npm run bench:first-paint`: time to the first message on a product page, in headless Chromium
// with a 4× CPU throttle (CDP Emulation.setCPUThrottlingRate) and the cache disabled, for
//   - ssr:    the page rendered on the server with renderHtml (examples/ssr), element refreshing behind;
//   - client: the same page with an empty <stock-status src> (script, wasm and feed before any text);
//   - plain:  a bundled plain-JS element (bench/plain-element.js: the same rules in JS, no wasm).
// Runs alternate, one fresh browser context each; prints medians. RUNS=… (default 21).
// "First message" is the first animation frame in which the message part shows an answer (not the
// loading text), read by a requestAnimationFrame loop installed before the page's first byte, and
// no earlier than the page's first contentful paint (FCP, also printed).
import http from 'node:http';
import { fileURLToPath } from 'node:url';
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
const server = http.createServer((req, res) => {
  if (ssr(req, res)) return;
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
const pages = { ssr: `/ssr/product/${SKU}`, client: '/client.html', plain: '/plain.html' };
const times = { ssr: [], client: [], plain: [] };
const fcp = { ssr: [], client: [], plain: [] };
const afterFcp = { ssr: [], client: [], plain: [] };
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
  console.log(`${label[name].padEnd(44)}${ms(times[name]).padStart(15)}${ms(fcp[name]).padStart(8)}${ms(afterFcp[name]).padStart(15)}`);
}
