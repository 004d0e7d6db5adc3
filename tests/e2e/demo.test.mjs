// The demo page as shoppers and merchants use it: product states, the quantity notice, the seed
// replay, French, keyboard use, an axe-core scan, and screenshots saved to screenshots/.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { parts, screenshotDir, start, waitForMessage } from './harness.mjs';

const require = createRequire(import.meta.url);
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
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
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
