// The Magento bridge in Chromium: a fake Magento → salable-bridge → a page whose <stock-status src>
// points at the bridge shows the right message; a bridge whose Magento is down answers 502 and the
// element shows its neutral state; the demo page's bridge card works through the demo server's
// proxy under its strict CSP, in English and French.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import sirv from 'sirv';
import { after, before, test } from 'node:test';
import { startBridge, startServer } from '../../scripts/serve.mjs';
import { parts, root, start, waitForMessage } from './harness.mjs';

let h;
let demoBridge;
let deadBridge;
let shop;
let shopBase;
const shopPages = new Map();

/**
 * A bare shop on loopback serving dist/ and the pages of `shopPages`. A real server, not
 * `page.route`: Chromium treats a routed page as public and refuses its fetches to loopback
 * (Local Network Access), while a page served from loopback may call a bridge on loopback.
 */
function startShop() {
  const dist = sirv(`${root}/dist`, { dev: true });
  const server = http.createServer((req, res) => {
    if (shopPages.has(req.url)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(shopPages.get(req.url));
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

before(async () => {
  // The bridge suite (cargo test -p salable-bridge -p fake-magento) has built them already; this is a no-op then.
  const build = spawnSync('cargo', ['build', '-q', '-p', 'fake-magento', '-p', 'salable-bridge'], { cwd: root, stdio: 'inherit' });
  assert.equal(build.status, 0, 'cargo build -p fake-magento -p salable-bridge');
  h = await start();
  shop = await startShop();
  shopBase = `http://127.0.0.1:${shop.address().port}`;
  demoBridge = await startBridge();
  // Nothing listens on port 9 of loopback: every Magento call fails at once.
  deadBridge = await startBridge(['serve', '--magento-url', 'http://127.0.0.1:9', '--listen', '127.0.0.1:0', '--stale-if-error', '0', '--timeout-ms', '1000']);
});

after(async () => {
  demoBridge?.process.kill();
  demoBridge?.fake?.kill();
  deadBridge?.process.kill();
  await h?.stop();
  await new Promise((resolve) => (shop ? shop.close(resolve) : resolve()));
});

async function shopPage(body) {
  const path = `/shop-${shopPages.size}.html`;
  shopPages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title>
    <script type="module" src="/dist/stock-status.js"></script></head><body>${body}</body></html>`);
  const page = await h.page();
  await page.goto(`${shopBase}${path}`);
  return page;
}

test('a page fed by the bridge shows what Magento says', async () => {
  const b = demoBridge.url;
  const page = await shopPage(`
    <stock-status id="mb04" src="${b}/stock/base/24-MB04.json" qty="1"></stock-status>
    <stock-status id="wb05" src="${b}/stock/base/24-WB05.json"></stock-status>
    <stock-status id="big" src="${b}/stock/base/24-MB04.json" qty="20"></stock-status>
    <stock-status id="eu" src="${b}/stock/eu/FAB-LIN-M.json" locale="en"></stock-status>`);
  await waitForMessage(page, '#mb04', 'In stock');
  await waitForMessage(page, '#wb05', 'Out of stock');
  assert.equal((await parts(page, '#wb05')).kind, 'out_of_stock');
  // 13 salable: 20 is refused with Magento's own reason (its REST fixture says the same).
  await page.waitForFunction(() => document.querySelector('#big').availability?.request?.is_salable === false);
  assert.equal((await parts(page, '#big')).error, 'Not enough items for sale');
  // eu: 0.17 left of the linen (Magento's 0.16999999999999993, rounded).
  await waitForMessage(page, '#eu', 'Only 0.17 left');
  assert.deepEqual(page.errors, []);
});

test('a bridge that answers 502 leaves the element neutral', async () => {
  const res = await fetch(`${deadBridge.url}/stock/base/24-MB04.json`);
  assert.equal(res.status, 502);
  assert.equal((await res.json()).error, 'upstream_error');
  const page = await shopPage(`<stock-status id="down" src="${deadBridge.url}/stock/base/24-MB04.json"></stock-status>`);
  await page.waitForFunction(() => document.querySelector('#down').dataset.kind === 'unavailable');
  const p = await parts(page, '#down');
  assert.equal(p.kind, 'unavailable');
  assert.notEqual(p.message, 'In stock');
  assert.equal(await page.$eval('#down', (el) => el.availability), null);
});

test('the demo page card goes Magento REST → bridge → element, under the demo CSP, in both languages', async () => {
  const server = await startServer(0, '127.0.0.1', { bridgeUrl: demoBridge.url });
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const page = await h.page();
    const violations = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto(`${base}/`);
    await waitForMessage(page, '#stock-bridge', 'In stock');
    assert.equal(await page.textContent('.bridge-card .demo-badge'), 'Demo data');
    await page.click('.lang-switch [data-lang="fr"]');
    await waitForMessage(page, '#stock-bridge', 'En stock');
    assert.equal(await page.textContent('.bridge-card .demo-badge'), 'Données de démonstration');
    assert.equal(await page.isDisabled('[data-for="stock-bridge"]'), false);
    // Linen is sold by the quarter metre: 1.1 m is refused with Magento's reason, in French.
    await page.fill('[data-qty-for="stock-bridge"]', '1.1');
    await page.waitForFunction(() => document.querySelector('#stock-bridge').availability?.request?.is_salable === false);
    assert.equal(await page.isDisabled('[data-for="stock-bridge"]'), true);
    // The grouped card: 24-WG085_Group from the fake Magento through the bridge, a row per child
    // (24-WG085, 24-WG086, 24-WG087 by position), each with the core's message for that child.
    await page.waitForFunction(() => document.querySelectorAll('#bridge-group-rows tr').length === 3);
    const rows = await page.$$eval('#bridge-group-rows tr', (trs) => trs.map((tr) => tr.dataset.sku));
    assert.deepEqual(rows, ['24-WG085', '24-WG086', '24-WG087']);
    const grouped = await page.evaluate(() => document.querySelector('#stock-bridge-group').availability);
    assert.equal(grouped.is_salable, true);
    assert.equal(grouped.message.text, 'En stock');
    assert.equal(await page.textContent('#bridge-group-rows tr[data-sku="24-WG086"] .row-message'),
      grouped.children.find((c) => c.sku === '24-WG086').message.text);
    assert.deepEqual(violations, []);
    assert.deepEqual(page.errors, []);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
