// The production path in Chromium: a product page whose <stock-status> is fed fake Magento →
// bridge → Varnish, and one fed fake Magento → export → nginx, each under a strict CSP whose
// connect-src names only that origin; and a page whose Varnish has lost its bridge shows the
// neutral "Availability unavailable". Needs dist/ (npm test builds it before this suite).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sirv from 'sirv';
import { parts, start, waitForMessage } from '../e2e/harness.mjs';
import {
  buildBridge, freePort, get, root, runExport, startBridge, startFakeMagento, startNginx, startVarnish,
} from './processes.mjs';

const stack = [];
let h;
let shop;
let shopOrigin;
const pages = new Map();

/** The shop: dist/ and product pages, each with its own Content-Security-Policy. */
function startShop() {
  const dist = sirv(`${root}/dist`, { dev: true });
  const server = http.createServer((req, res) => {
    const page = pages.get(req.url);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp });
      return res.end(page.html);
    }
    if (req.url.startsWith('/dist/')) {
      req.url = req.url.slice('/dist'.length);
      return dist(req, res, () => { res.writeHead(404); res.end(); });
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The README's policy, stricter: connect-src names the page's own origin (the element fetches its
 *  .wasm from beside its script) and `feedOrigin`, nothing else. */
const csp = (feedOrigin) => [
  "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", `connect-src 'self' ${feedOrigin}`,
  "img-src 'self' data:", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

async function productPage(feedOrigin, body) {
  const url = `/product-${pages.size}.html`;
  pages.set(url, {
    csp: csp(feedOrigin),
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>product</title>
      <script type="module" src="/dist/stock-status.js"></script></head><body>${body}</body></html>`,
  });
  const page = await h.page();
  page.violations = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && page.violations.push(m.text()));
  await page.goto(`${shopOrigin}${url}`);
  return page;
}

before(async () => {
  if (!existsSync(`${root}/dist/stock-status.js`)) throw new Error('dist/ is not built: npm run build (npm test builds it first)');
  buildBridge();
  shop = await startShop();
  shopOrigin = `http://127.0.0.1:${shop.address().port}`;
  h = await start();
});

after(async () => {
  for (const p of stack.reverse()) await p.stop().catch(() => {});
  await h?.stop();
  await new Promise((r) => (shop ? shop.close(r) : r()));
});

test('fake Magento → bridge → Varnish → <stock-status>, under a CSP naming Varnish', async () => {
  const fake = await startFakeMagento();
  stack.push(fake);
  const bridge = await startBridge(fake.url, fake.token, ['--cors-origin', shopOrigin]);
  stack.push(bridge);
  const varnish = await startVarnish(bridge.url);
  stack.push(varnish);
  const page = await productPage(varnish.url, `
    <stock-status id="bag" src="${varnish.url}/stock/base/24-MB04.json" qty="1"></stock-status>
    <stock-status id="gone" src="${varnish.url}/stock/base/24-WB05.json"></stock-status>`);
  await waitForMessage(page, '#bag', 'In stock');
  await waitForMessage(page, '#gone', 'Out of stock');
  const served = await get(`${varnish.url}/stock/base/24-MB04.json`, { origin: shopOrigin });
  assert.equal(served.headers['x-cache'], 'HIT', 'the page was fed through the cache');
  assert.equal(served.headers['access-control-allow-origin'], shopOrigin);
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.errors, []);
});

test('fake Magento → export → nginx → <stock-status>, under a CSP naming nginx', async () => {
  const fake = await startFakeMagento();
  stack.push(fake);
  const dir = await mkdtemp(path.join(tmpdir(), 'salable-www-'));
  stack.push({ stop: () => rm(dir, { recursive: true, force: true }) });
  await chmod(dir, 0o755);
  const out = await runExport(fake.url, fake.token, ['--website', 'base', '--sku', '24-MB04', '--sku', '24-WB05', '--out', `${dir}/stock`, '--only-x-left-threshold', '5']);
  assert.equal(out.code, 0, out.out);
  await chmod(`${dir}/stock`, 0o755);
  await chmod(`${dir}/stock/base`, 0o755);
  const nginx = await startNginx([['root /var/www;', `root ${dir};`], ['"https://shop.example.com"', `"${shopOrigin}"`, 3]]);
  stack.push(nginx);
  const page = await productPage(nginx.url, `
    <stock-status id="bag" src="${nginx.url}/stock/base/24-MB04.json" qty="1"></stock-status>
    <stock-status id="gone" src="${nginx.url}/stock/base/24-WB05.json"></stock-status>
    <stock-status id="none" src="${nginx.url}/stock/base/NOT-EXPORTED.json"></stock-status>`);
  await waitForMessage(page, '#bag', 'In stock');
  await waitForMessage(page, '#gone', 'Out of stock');
  await waitForMessage(page, '#none', 'Availability unavailable');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.errors, []);
});

test("Varnish whose bridge is gone: the page shows 'Availability unavailable', not a document", async () => {
  // Nothing listens on this port: every fetch fails, and nothing was ever cached.
  const varnish = await startVarnish(`http://127.0.0.1:${await freePort()}`);
  stack.push(varnish);
  const r = await get(`${varnish.url}/stock/base/24-MB04.json`);
  assert.equal(r.status, 503);
  assert.equal(JSON.parse(r.body).error, 'upstream_unavailable');
  const page = await productPage(varnish.url, `<stock-status id="down" src="${varnish.url}/stock/base/24-MB04.json"></stock-status>`);
  await waitForMessage(page, '#down', 'Availability unavailable');
  const p = await parts(page, '#down');
  assert.equal(p.kind, 'unavailable');
  assert.equal(await page.$eval('#down', (el) => el.availability), null);
  assert.deepEqual(page.violations, []);
});
