// The demo page as shoppers and merchants use it: product states, the quantity notice, the seed
// replay, French, keyboard use, an axe-core scan, and screenshots saved to screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, parts, screenshotDir, start, waitForMessage } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

async function demo(options) {
  const page = await h.page(options);
  await page.goto(`${h.base}/`);
  await waitForMessage(page, '#stock-joust', 'In stock');
  await waitForMessage(page, '#preview', 'In stock');
  return page;
}

test('each product shows its state', async () => {
  const page = await demo();
  await waitForMessage(page, '#stock-strive', 'Only 3 left');
  await waitForMessage(page, '#stock-wayfarer', 'In stock');
  await waitForMessage(page, '#stock-rival', 'Out of stock');
  assert.equal((await parts(page, '#stock-rival')).kind, 'out_of_stock');
  assert.equal(await page.isDisabled('[data-for="stock-rival"]'), true, 'no add to cart when out of stock');
  assert.equal(await page.isDisabled('[data-for="stock-joust"]'), false);
  assert.deepEqual(page.errors, []);
});

test('a quantity change brings up the backorder notice, and takes it away', async () => {
  const page = await demo();
  const qty = page.locator('[data-qty-for="stock-wayfarer"]');
  await qty.fill('3');
  await page.waitForFunction(() => !document.querySelector('#stock-wayfarer').shadowRoot.querySelector('[part="notice"]').hidden);
  assert.equal(
    (await parts(page, '#stock-wayfarer')).notice,
    'We don\'t have as many "Wayfarer Messenger Bag" as you requested, but we\'ll back order the remaining 1.',
  );
  await qty.fill('2');
  await page.waitForFunction(() => document.querySelector('#stock-wayfarer').shadowRoot.querySelector('[part="notice"]').hidden);
  assert.equal((await parts(page, '#stock-wayfarer')).notice, null);
});

test('the replay reaches "Only 5 left", then "Out of stock"', async () => {
  const page = await demo();
  await page.click('#replay');
  await waitForMessage(page, '#preview', 'Only 5 left');
  assert.equal(await page.textContent('#fig-salable'), '5');
  await waitForMessage(page, '#preview', 'Out of stock');
  await page.waitForFunction(() => document.querySelector('#event-error').textContent.includes('Not enough items for sale'));
  assert.equal(await page.textContent('#fig-on-hand'), '25', 'orders never touch the source');
  assert.equal(await page.locator('#chart circle').count(), 4, 'start and three accepted orders');
  await page.screenshot({ path: `${screenshotDir}/replay-done.png`, fullPage: true });
});

test('orders placed and cancelled from the keyboard move the salable quantity back and forth', async () => {
  const page = await demo();
  await page.focus('#place-qty');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#fig-salable').textContent === '65');
  await page.focus('#cancel-qty');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#fig-salable').textContent === '75');
  // Settings: "Use Config Settings" unticked on the product's backorders, then "No Backorders".
  await page.uncheck('#product-backorders-inherit');
  await page.selectOption('#product-backorders', 'no');
  await page.waitForFunction(() => document.querySelector('#fig-salable').textContent === '25');
});

test('French', async () => {
  const page = await demo();
  await page.click('.lang-switch [data-lang="fr"]');
  await waitForMessage(page, '#stock-joust', 'En stock');
  await waitForMessage(page, '#stock-strive', 'Plus que 3 articles en stock');
  await waitForMessage(page, '#stock-rival', 'En rupture de stock');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('#playground-title'), 'Bac à sable marchand');
  await page.screenshot({ path: `${screenshotDir}/demo-fr.png`, fullPage: true });
});

test('the demo runs under its strict Content-Security-Policy with no violation', async () => {
  const page = await h.page();
  const violations = [];
  await page.exposeFunction('__violation', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
  const response = await page.goto(`${h.base}/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await waitForMessage(page, '#stock-strive', 'Only 3 left');
  await page.click('#replay');
  await waitForMessage(page, '#preview', 'Only 5 left');
  await page.click('.lang-switch [data-lang="fr"]');
  await waitForMessage(page, '#stock-joust', 'En stock');
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
});

test('axe-core finds nothing serious or critical', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    // axe is injected as an inline script, which the demo's own policy rightly blocks.
    const page = await demo({ viewport, bypassCSP: true });
    await page.click('#replay');
    await waitForMessage(page, '#preview', 'Out of stock');
    const { violations, serious } = await axeViolations(page);
    assert.deepEqual(serious, [], JSON.stringify(violations, null, 2));
  }
});

test('screenshots of the demo, laptop and phone', async () => {
  const laptop = await demo({ viewport: { width: 1366, height: 900 } });
  await laptop.screenshot({ path: `${screenshotDir}/demo-laptop.png`, fullPage: true });
  const phone = await demo({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await phone.screenshot({ path: `${screenshotDir}/demo-phone.png`, fullPage: true });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the phone layout scrolls sideways by ${overflow}px`);
});

/** The pickup summary and the stores' names of an element, as the shopper reads them (SPEC §17). */
function pickupOf(page, selector) {
  return page.$eval(selector, (el) => {
    const list = el.shadowRoot.querySelector('[part="pickup-list"]');
    if (!list || list.hidden) return null;
    return {
      summary: list.querySelector('[part="pickup"]').textContent,
      stores: [...list.querySelectorAll('[part="pickup-store"]')].map((li) => [li.querySelector('[part="pickup-store-name"]').textContent, li.dataset.available === 'true']),
    };
  });
}

test('the mug card: three pickup stores, reordered by the city picked, following the quantity', async () => {
  const page = await demo();
  await page.waitForFunction(() => document.querySelector('#stock-mug').availability?.pickup != null);
  let seen = await pickupOf(page, '#stock-mug');
  assert.equal(seen.summary, 'Pickup available at Paris Rivoli. Also at 1 other store');
  assert.deepEqual(seen.stores, [['Paris Rivoli', true], ['Lyon Part-Dieu', true], ['Marseille Vieux-Port', false]]);
  await page.selectOption('#mug-near', { label: 'Marseille' });
  await page.waitForFunction(() => document.querySelector('#stock-mug').shadowRoot.querySelector('[part="pickup-store-name"]').textContent === 'Marseille Vieux-Port');
  seen = await pickupOf(page, '#stock-mug');
  assert.deepEqual(seen.stores.map(([name]) => name), ['Marseille Vieux-Port', 'Lyon Part-Dieu', 'Paris Rivoli']);
  assert.equal(seen.summary, 'Pickup available at Lyon Part-Dieu. Also at 1 other store', 'the nearest store with the goods, not the nearest store');
  await page.locator('[data-qty-for="stock-mug"]').fill('3');
  await page.waitForFunction(() => document.querySelector('#stock-mug').shadowRoot.querySelector('[part="pickup"]').textContent === 'Pickup available at Paris Rivoli');
  assert.equal(await page.isDisabled('[data-for="stock-mug"]'), false, 'the stock (48) still sells 3 for delivery');
  // French: the core's texts.
  await page.click('[data-lang="fr"]');
  await page.waitForFunction(() => document.querySelector('#stock-mug').shadowRoot.querySelector('[part="pickup"]').textContent === 'Retrait disponible à Paris Rivoli');
  assert.deepEqual(page.errors, []);
});

test('the playground marks a source as a pickup store and shows each store\'s verdict as the quantity changes', async () => {
  const page = await demo();
  // In-Store Delivery on for the website (Default Config), and the seed's source made a store.
  await page.uncheck('#config-pickup_enabled-inherit');
  await page.selectOption('#config-pickup_enabled', 'true');
  await page.click('#add-source');
  const rows = page.locator('#sources-body tr');
  await rows.nth(1).locator('input[type="number"]').fill('3');
  await rows.nth(1).locator('input[type="number"]').dispatchEvent('change');
  await rows.nth(0).locator('.pickup-cell input[type="checkbox"]').check();
  await rows.nth(1).locator('.pickup-cell input[type="checkbox"]').check();
  await page.waitForFunction(() => !document.getElementById('pickup-verdicts').hidden);
  const verdicts = () => page.$$eval('#pickup-verdicts-body tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 2).map((c) => c.textContent)));
  assert.deepEqual(await verdicts(), [['Paris Rivoli', 'Available for pickup'], ['Lyon Part-Dieu', 'Available for pickup']]);
  await page.fill('#preview-qty', '5');
  await page.waitForFunction(() => document.querySelector('#pickup-verdicts-body tr:nth-child(2) td:nth-child(2)').textContent === 'Currently unavailable');
  assert.deepEqual(await verdicts(), [['Paris Rivoli', 'Available for pickup'], ['Lyon Part-Dieu', 'Currently unavailable']]);
  await page.selectOption('#preview-near', { label: 'Lyon' });
  await page.waitForFunction(() => document.querySelector('#pickup-verdicts-body tr td').textContent === 'Lyon Part-Dieu');
  // The preview element agrees with the table: its own list, from the same core.
  await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('[part="pickup"]')?.textContent === 'Pickup available at Paris Rivoli');
  assert.deepEqual(page.errors, []);
});

test('the pickup card and playground fit a phone and pass axe-core', async () => {
  const page = await demo({ viewport: { width: 375, height: 740 }, bypassCSP: true });
  await page.waitForFunction(() => document.querySelector('#stock-mug').availability?.pickup != null);
  await page.$eval('#stock-mug', (el) => { el.shadowRoot.querySelector('[part="pickup-list"]').open = true; });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the phone layout scrolls sideways by ${overflow}px`);
  await page.locator('[data-product="mug"]').screenshot({ path: `${screenshotDir}/demo-pickup-phone.png` });
  const { violations, serious } = await axeViolations(page);
  assert.deepEqual(serious, [], JSON.stringify(violations, null, 2));
});
