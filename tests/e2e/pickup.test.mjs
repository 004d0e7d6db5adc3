// In-store pickup on the product page (SPEC §17) in Chromium, on the server-rendered example shop
// (examples/ssr, product MUG-01: a warehouse and three pickup stores with different shelves): with
// JavaScript off the pickup line and the store list are in the first paint; with it on the element
// adopts them, and `qty`, `near` and a configurable's `variant` re-evaluate with no fetch; a
// malformed `near` never costs the stock message; keyboard, French, a phone, axe-core, the strict
// CSP; and a simple page without pickup downloads neither the second module nor the pickup part,
// and a server-rendered page with pickup never the first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleFeeds, startSsrExample } from '../../examples/ssr/server.mjs';
import { axeViolations, screenshotDir, start, waitForMessage } from './harness.mjs';

let h, server, base, feeds;
before(async () => {
  h = await start();
  feeds = exampleFeeds();
  server = await startSsrExample(0, '127.0.0.1', { feeds });
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await h?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

const LYON = '45.76,4.84';
const PARIS = '48.86,2.35';

async function shopPage(path, options = {}) {
  const page = await h.page(options);
  page.requests = [];
  page.consoleErrors = [];
  page.on('request', (r) => page.requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push(m.text()));
  if (options.javaScriptEnabled !== false) {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  }
  await page.goto(`${base}${path}`);
  return page;
}

/** The pickup block as a shopper sees it: summary, open or not, and each visible store's lines. */
function pickup(page) {
  return page.$eval('stock-status', (el) => {
    const list = el.shadowRoot.querySelector('[part="pickup-list"]');
    if (!list || getComputedStyle(list).display === 'none') return null;
    const text = (node, part) => node.querySelector(`[part="${part}"]`)?.textContent ?? null;
    return {
      summary: text(list, 'pickup'),
      open: list.open,
      stores: [...list.querySelectorAll('[part="pickup-store"]')].map((li) => ({
        name: text(li, 'pickup-store-name'),
        available: li.dataset.available === 'true',
        text: text(li, 'pickup-store-text'),
        distance: text(li, 'pickup-store-distance'),
        address: text(li, 'pickup-store-address'),
      })),
    };
  });
}

const names = (p) => p.stores.map((s) => s.name);
const feedFetches = (page) => page.requests.filter((p) => p === '/stock/MUG-01.json').length;

/** Waits until the pickup summary reads `text`. */
const waitForPickup = (page, text) =>
  page.waitForFunction((want) => document.querySelector('stock-status')?.shadowRoot?.querySelector('[part="pickup"]')?.textContent === want, text, { timeout: 10000 });

describe('JavaScript off', () => {
  test('the pickup line and the stores, nearest first, are in the first paint', async () => {
    const page = await shopPage(`/product/MUG-01?near=${LYON}`, { javaScriptEnabled: false });
    const seen = await pickup(page);
    assert.equal(seen.summary, 'Pickup available at Lyon Part-Dieu. Also at 1 other store');
    assert.deepEqual(names(seen), ['Lyon Part-Dieu', 'Marseille Vieux-Port', 'Paris Rivoli']);
    assert.deepEqual(seen.stores.map((s) => s.available), [true, false, true]);
    assert.deepEqual(seen.stores.map((s) => s.text), ['Available for pickup', 'Currently unavailable', 'Available for pickup']);
    assert.equal(seen.stores[0].distance, '1.5\u00a0km');
    assert.equal(seen.stores[0].address, '17 rue du Docteur Bouchut, 69003 Lyon, FR');
    // A native disclosure: closed, and it opens with no script at all.
    assert.equal(seen.open, false);
    await page.$eval('stock-status', (el) => el.shadowRoot.querySelector('[part="pickup"]').click());
    assert.equal((await pickup(page)).open, true);
  });

  test('French: the message, each store and the distances', async () => {
    const page = await shopPage(`/product/MUG-01?locale=fr&near=${PARIS}`, { javaScriptEnabled: false });
    const seen = await pickup(page);
    assert.equal(seen.summary, 'Retrait disponible à Paris Rivoli. Aussi dans 1 autre magasin');
    assert.deepEqual(names(seen), ['Paris Rivoli', 'Lyon Part-Dieu', 'Marseille Vieux-Port']);
    assert.equal(seen.stores[2].text, 'Indisponible pour le moment');
    assert.match(seen.stores[1].distance, /^\d+,\d\u00a0km$|^\d+\u00a0km$/);
  });
});

test('a store far away: its distance grouped as CLDR writes it, alike from the server and from the element', async () => {
  // The mug with a fourth store overseas, thousands of km from mainland France.
  const far = structuredClone(feeds.get('MUG-01'));
  far.product.sku = 'MUG-FAR';
  far.product.sources.push({
    source_code: 'fort_de_france', quantity: 3, status: 'in_stock',
    pickup: { name: 'Fort-de-France Dillon', city: 'Fort-de-France', country_id: 'MQ', latitude: 14.6161, longitude: -61.0588 },
  });
  feeds.set('MUG-FAR', far);
  const farthest = async (page) => (await pickup(page)).stores.find((s) => s.name === 'Fort-de-France Dillon').distance;
  for (const [locale, grouped] of [['en', /^\d,\d{3}\.\d\u00a0km$/], ['fr', /^\d\u202f\d{3},\d\u00a0km$/]]) {
    const served = await shopPage(`/product/MUG-FAR?locale=${locale}&near=${LYON}`, { javaScriptEnabled: false });
    const fromServer = await farthest(served);
    assert.match(fromServer, grouped);
    // The element draws the list itself once `near` changes (the server rendered it from Paris).
    const page = await shopPage(`/product/MUG-FAR?locale=${locale}&near=${PARIS}`);
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
    await page.$eval('stock-status', (el, near) => el.setAttribute('near', near), LYON);
    await page.waitForFunction(() => document.querySelector('stock-status').shadowRoot.querySelector('[part="pickup-store-name"]')?.textContent === 'Lyon Part-Dieu');
    assert.equal(await farthest(page), fromServer, locale);
    assert.deepEqual(page.errors, []);
  }
});

describe('JavaScript on', () => {
  test('adopts the server-rendered block; qty and near re-evaluate with no fetch', async () => {
    const page = await shopPage(`/product/MUG-01?near=${LYON}`);
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
    const adopted = await pickup(page);
    assert.equal(adopted.summary, 'Pickup available at Lyon Part-Dieu. Also at 1 other store');
    const fetches = feedFetches(page);

    // 3 mugs: Lyon's shelf holds 2, so only Paris is left; the stock (48) still sells 3.
    await page.$eval('stock-status', (el) => el.setAttribute('qty', '3'));
    await waitForPickup(page, 'Pickup available at Paris Rivoli');
    let seen = await pickup(page);
    assert.deepEqual(seen.stores.map((s) => [s.name, s.available]), [['Lyon Part-Dieu', false], ['Marseille Vieux-Port', false], ['Paris Rivoli', true]]);
    assert.equal((await page.$eval('stock-status', (el) => el.availability.request.is_salable)), true);

    // From Paris: Paris first.
    await page.$eval('stock-status', (el) => el.setAttribute('near', '48.86,2.35'));
    await page.waitForFunction(() => document.querySelector('stock-status').shadowRoot.querySelector('[part="pickup-store-name"]')?.textContent === 'Paris Rivoli');
    seen = await pickup(page);
    assert.deepEqual(names(seen), ['Paris Rivoli', 'Lyon Part-Dieu', 'Marseille Vieux-Port']);

    // More than any shelf holds: every store unavailable, and the request still accepted.
    await page.$eval('stock-status', (el) => el.setAttribute('qty', '7'));
    await waitForPickup(page, 'Pickup currently unavailable');
    // A request the stock refuses (more than 48): every store unavailable too, with the reason.
    await page.$eval('stock-status', (el) => el.setAttribute('qty', '60'));
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.request.is_salable === false);
    assert.equal((await pickup(page)).stores.filter((s) => s.available).length, 0);

    assert.equal(feedFetches(page), fetches, 'qty and near never fetch the feed again');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });

  test('a malformed near keeps the stock message and document order, and says why in the console', async () => {
    const page = await shopPage('/product/MUG-01');
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
    await page.$eval('stock-status', (el) => el.setAttribute('near', 'Lyon'));
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
    await waitForMessage(page, 'stock-status', 'In stock');
    const seen = await pickup(page);
    assert.deepEqual(names(seen), ['Paris Rivoli', 'Lyon Part-Dieu', 'Marseille Vieux-Port']);
    assert.ok(seen.stores.every((s) => s.distance === null));
    await page.waitForFunction(() => true);
    assert.ok(page.consoleErrors.some((e) => e.includes('near: expected "latitude,longitude"')), page.consoleErrors.join('\n'));
  });

  test('a configurable product: the chosen variant\'s shelves, none before a choice', async () => {
    const page = await shopPage('/product/MUG-01');
    await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
    await page.$eval('stock-status', (el) => {
      const store = (code, quantity, name) => ({ source_code: code, quantity, status: 'in_stock', pickup: { name } });
      el.removeAttribute('src');
      el.data = {
        config: { pickup_enabled: true },
        product: {
          type: 'configurable', sku: 'MUG-C',
          children: [
            { sku: 'MUG-C-RED', attributes: { color: 'red' }, sources: [store('paris', 0, 'Paris Rivoli'), store('lyon', 3, 'Lyon Part-Dieu')] },
            { sku: 'MUG-C-BLUE', attributes: { color: 'blue' }, sources: [store('paris', 4, 'Paris Rivoli'), store('lyon', 0, 'Lyon Part-Dieu')] },
          ],
        },
      };
    });
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.sku === 'MUG-C');
    assert.equal(await pickup(page), null, 'no child chosen: no pickup block');
    await page.$eval('stock-status', (el) => { el.variant = 'MUG-C-RED'; });
    await waitForPickup(page, 'Pickup available at Lyon Part-Dieu');
    await page.$eval('stock-status', (el) => { el.selection = { color: 'blue' }; el.variant = null; });
    await waitForPickup(page, 'Pickup available at Paris Rivoli');
  });

  test('keyboard: the summary takes focus and Enter opens the list', async () => {
    const page = await shopPage(`/product/MUG-01?near=${LYON}`);
    await page.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
    let focused = '';
    for (let i = 0; i < 12 && focused !== 'pickup'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? '');
    }
    assert.equal(focused, 'pickup', 'the summary is reachable with Tab');
    await page.keyboard.press('Enter');
    assert.equal((await pickup(page)).open, true);
    await page.keyboard.press('Enter');
    assert.equal((await pickup(page)).open, false);
  });

  test('axe-core finds nothing serious or critical with the list open, on a desktop and a phone', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      const page = await shopPage(`/product/MUG-01?near=${LYON}`, { viewport, bypassCSP: true });
      await page.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
      await page.$eval('stock-status', (el) => { el.shadowRoot.querySelector('[part="pickup-list"]').open = true; });
      const { violations, serious } = await axeViolations(page);
      assert.deepEqual(serious, [], JSON.stringify(violations, null, 2));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at ${viewport.width}px`);
      if (viewport.width === 375) await page.screenshot({ path: `${screenshotDir}/pickup-phone.png`, fullPage: true });
    }
  });

  test('a simple product without pickup downloads neither the second module nor the pickup part; a server-rendered pickup page never downloads the first', async () => {
    const page = await shopPage('/product/24-MB01');
    await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
    assert.ok(page.requests.some((p) => p.endsWith('/stock-status-core_bg.wasm')), page.requests.join('\n'));
    assert.ok(!page.requests.some((p) => /stock-status-(composite|pickup)/.test(p)), page.requests.join('\n'));
    const withPickup = await shopPage('/product/MUG-01');
    await withPickup.waitForFunction(() => document.querySelector('stock-status').availability?.pickup != null);
    // The second module reads it and the pickup part shows it. The server-rendered pickup block
    // on screen already says pickup, so the second module loads while the feed refreshes, and the
    // first, which cannot read pickup, is never fetched.
    assert.ok(withPickup.requests.some((p) => p.endsWith('/stock-status-composite_bg.wasm')), 'a pickup feed is read by the second module');
    assert.ok(!withPickup.requests.some((p) => p.endsWith('/stock-status-core_bg.wasm')), withPickup.requests.join('\n'));
    assert.equal(withPickup.requests.filter((p) => p.endsWith('/stock-status-pickup.js')).length, 1);
  });
});

test('the README\'s geolocation example works as written, under the strict CSP, only once the shopper asks', async () => {
  const { readFile } = await import('node:fs/promises');
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## In-store pickup'), readme.indexOf('## Server-rendered markup'));
  const html = section.match(/```html\n([\s\S]*?)```/)[1].replaceAll('/assets/salable/', '/dist/').replaceAll('/assets/shop/', '/readme/').replace('/stock/MUG-01.json', '/stock/MUG-01.json');
  const script = section.match(/```js\n\/\/ near-me\.js\n([\s\S]*?)```/)[1];
  // Lyon, to many decimals; the page sends two.
  const page = await h.page({ geolocation: { latitude: 45.764043, longitude: 4.835659 }, permissions: ['geolocation'] });
  page.violations = [];
  page.requests = [];
  page.on('request', (r) => page.requests.push(new URL(r.url()).pathname));
  await page.exposeFunction('__violation', (v) => page.violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
  const { CONTENT_SECURITY_POLICY } = await import('../../examples/ssr/server.mjs');
  await page.route(`${base}/readme-near.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    body: `<!doctype html><html lang="en"><head><title>readme</title></head><body>${html}</body></html>`,
  }));
  await page.route(`${base}/readme/near-me.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
  await page.goto(`${base}/readme-near.html`);
  // The answer first, then the list, which the pickup part draws once it has loaded.
  await page.waitForFunction(() => document.querySelector('stock-status').shadowRoot?.querySelectorAll('[part="pickup-store"]').length === 3);
  assert.equal(await page.$eval('stock-status', (el) => el.getAttribute('near')), null, 'no position before the shopper asks');
  assert.deepEqual(names(await pickup(page)), ['Paris Rivoli', 'Lyon Part-Dieu', 'Marseille Vieux-Port']);
  await page.click('#near-me');
  await page.waitForFunction(() => document.querySelector('stock-status').getAttribute('near') === '45.76,4.84');
  await page.waitForFunction(() => document.querySelector('stock-status').shadowRoot.querySelector('[part="pickup-store-name"]').textContent === 'Lyon Part-Dieu');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.errors, []);
  // The example's `pickup` hint: the second module from the start, the first never fetched.
  assert.ok(/ pickup>/.test(html), 'the README example carries the pickup hint');
  assert.ok(page.requests.some((p) => p.endsWith('/stock-status-composite_bg.wasm')), page.requests.join('\n'));
  assert.ok(!page.requests.some((p) => p.endsWith('/stock-status-core_bg.wasm')), page.requests.join('\n'));
});
