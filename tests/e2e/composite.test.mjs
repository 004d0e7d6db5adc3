// The demo's configurable, bundle and grouped cards (SPEC §13) and the playground's product types:
// swatches built from the output's `options` that answer without a new fetch, the bundle's options
// and per-item request, the grouped rows, English and French, the keyboard, the strict CSP, axe-core,
// and screenshots saved to screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';
import { axeViolations, parts, screenshotDir, start, waitForMessage } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const NOTICE_XL_BLUE = 'We don\'t have as many "Ariel Roll Sleeve Tee XL Blue" as you requested, but we\'ll back order the remaining 1.';

/** The demo with its three composite cards answered. `violations` collects CSP reports. */
async function demo(options = {}, { csp = false } = {}) {
  const page = await h.page(options);
  page.violations = [];
  if (csp) {
    await page.exposeFunction('__violation', (v) => page.violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
  }
  await page.goto(`${h.base}/`);
  await waitForMessage(page, '#stock-tee', 'In stock');
  await waitForMessage(page, '#stock-gift', 'In stock');
  await waitForMessage(page, '#stock-straps', 'In stock');
  await page.waitForSelector('#tee-swatches .swatch[data-value="Blue"]');
  await page.waitForSelector('#straps-rows tr:nth-child(3)');
  await page.waitForSelector('#gift-lines li');
  return page;
}

const swatch = (page, value) => page.locator(`#tee-swatches .swatch[data-value="${value}"]`);
const pressed = async (page, value) => (await swatch(page, value).getAttribute('aria-pressed')) === 'true';
/** The visible text of a swatch, its "— out of stock" note included. */
const swatchText = (page, value) => swatch(page, value).evaluate((b) => b.textContent.replace(/\s+/g, ' ').trim());
const activeValue = (page) => page.evaluate(() => document.activeElement?.dataset?.value ?? null);
const rows = (page) => page.$$eval('#straps-rows tr', (trs) => trs.map((tr) => ({
  sku: tr.dataset.sku,
  name: tr.querySelector('.row-name').textContent,
  message: tr.querySelector('.row-message').textContent,
  note: tr.querySelector('.row-note').textContent,
  qtyDisabled: tr.querySelector('input').disabled,
})));

test('the three composite cards render in English', async () => {
  const page = await demo();
  // Configurable: the parent's message; Magento's "choose options" is not shown before the shopper
  // has done anything (issue 17), but checkValidity() says the request cannot be bought yet, and
  // reportValidity() (what Add to Cart calls) shows why.
  assert.deepEqual(await parts(page, '#stock-tee'), { kind: 'in_stock', message: 'In stock', notice: null, error: null });
  assert.deepEqual(await page.$eval('#stock-tee', (el) => [el.checkValidity(), el.validationMessage]), [false, 'You need to choose options for your item.']);
  assert.equal((await parts(page, '#stock-tee')).error, null, 'checkValidity() shows nothing');
  assert.equal(await page.$eval('#stock-tee', (el) => el.reportValidity()), false);
  assert.deepEqual(await parts(page, '#stock-tee'), { kind: 'in_stock', message: 'In stock', notice: null, error: 'You need to choose options for your item.' });
  assert.equal(await page.isDisabled('[data-for="stock-tee"].add-to-cart'), true, 'no add to cart before a size and a colour');
  assert.deepEqual(await page.$$eval('#tee-swatches .swatch-title', (ps) => ps.map((p) => p.textContent)), ['Size', 'Colour']);
  assert.deepEqual(await page.$$eval('#tee-swatches .swatch', (bs) => bs.map((b) => b.dataset.value)), ['S', 'M', 'L', 'XL', 'Black', 'White', 'Blue']);
  for (const value of ['S', 'M', 'L', 'XL', 'Black', 'White', 'Blue']) assert.equal(await swatch(page, value).isEnabled(), true, value);
  assert.equal(await page.textContent('#tee-variant'), 'Choose a size and a colour.');
  // Bundle: the out-of-stock bag cannot be chosen, and says so in text.
  assert.equal(await page.isDisabled('[data-selection="bag-rival"]'), true);
  assert.equal(await page.textContent('[data-note-for="bag-rival"]'), ' — out of stock');
  assert.equal(await page.isDisabled('[data-selection="bag-joust"]'), false);
  assert.equal(await page.isDisabled('[data-selection="bottle-sprite"]'), false);
  assert.deepEqual(await page.$$eval('#gift-lines li', (lis) => lis.map((li) => li.textContent)), ['Joust Duffle Bag × 1']);
  assert.equal(await page.isDisabled('[data-for="stock-gift"].add-to-cart'), false);
  // Grouped: a row per child, from the output's `children`.
  assert.deepEqual(await rows(page), [
    { sku: '24-WG085-6', name: 'Sprite Yoga Strap 6 foot', message: 'In stock', note: '', qtyDisabled: false },
    { sku: '24-WG085-8', name: 'Sprite Yoga Strap 8 foot', message: 'Only 2 left', note: '', qtyDisabled: false },
    { sku: '24-WG085-10', name: 'Sprite Yoga Strap 10 foot', message: 'Out of stock', note: '', qtyDisabled: true },
  ]);
  assert.equal(await page.isDisabled('[data-for="stock-straps"].add-to-cart'), false);
  await page.locator('#composites').screenshot({ path: `${screenshotDir}/composite-en.png` });
  assert.deepEqual(page.errors, []);
});

test('swatches answer for the chosen child with no new fetch; unavailable values are disabled and say so', async () => {
  const page = await demo();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));

  await swatch(page, 'M').click();
  assert.equal(await pressed(page, 'M'), true);
  // M comes in Black and White; M Blue is sold out.
  await page.waitForFunction(() => document.querySelector('#tee-swatches .swatch[data-value="Blue"]').disabled);
  assert.equal(await swatchText(page, 'Blue'), 'Blue — out of stock');
  assert.equal(await swatchText(page, 'Black'), 'Black');
  await swatch(page, 'Black').click();
  await waitForMessage(page, '#stock-tee', 'Only 2 left');
  assert.deepEqual(await parts(page, '#stock-tee'), { kind: 'only_x_left', message: 'Only 2 left', notice: null, error: null });
  assert.equal(await page.textContent('#tee-variant'), 'Chosen: MS09-M-Black');
  assert.equal(await page.isDisabled('[data-for="stock-tee"].add-to-cart'), false);
  const availability = await page.$eval('#stock-tee', (el) => ({ variant: el.availability.variant, parent: el.availability.parent }));
  assert.deepEqual(availability, { variant: 'MS09-M-Black', parent: { is_salable: true, stock_status: 'in_stock' } });
  // XL comes only in Blue (on backorder): with Black chosen it is unavailable.
  assert.equal(await swatch(page, 'XL').isDisabled(), true);
  assert.equal(await swatchText(page, 'XL'), 'XL — out of stock');

  // A click on a chosen swatch takes it back; then XL Blue, on backorder with notification.
  await swatch(page, 'Black').click();
  await swatch(page, 'M').click();
  await page.waitForFunction(() => !document.querySelector('#tee-swatches .swatch[data-value="XL"]').disabled);
  await swatch(page, 'XL').click();
  await page.waitForFunction(() => document.querySelector('#tee-swatches .swatch[data-value="Black"]').disabled);
  assert.equal(await swatchText(page, 'Black'), 'Black — out of stock');
  assert.equal(await swatchText(page, 'White'), 'White — out of stock');
  await swatch(page, 'Blue').click();
  await page.waitForFunction(() => document.querySelector('#stock-tee').availability?.variant === 'MS09-XL-Blue');
  assert.deepEqual(await parts(page, '#stock-tee'), { kind: 'in_stock', message: 'In stock', notice: NOTICE_XL_BLUE, error: null });
  assert.equal(await page.textContent('#tee-variant'), 'Chosen: MS09-XL-Blue');

  // The quantity field still drives the chosen child's request.
  await page.fill('[data-qty-for="stock-tee"]', '25');
  await page.waitForFunction(() => document.querySelector('#stock-tee').availability?.request.qty === 25);
  assert.equal((await parts(page, '#stock-tee')).error, 'Not enough items for sale');

  assert.deepEqual(requests, [], 'choosing swatches fetched nothing');
  await page.locator('[data-product="tee"]').screenshot({ path: `${screenshotDir}/composite-tee-xl-blue.png` });
  assert.deepEqual(page.errors, []);
});

test('swatches from the keyboard: Tab to a swatch, Space and Enter choose it', async () => {
  const page = await demo();
  await swatch(page, 'S').focus();
  await page.keyboard.press('Tab');
  assert.equal(await activeValue(page), 'M');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#tee-swatches .swatch[data-value="M"]').getAttribute('aria-pressed') === 'true');
  for (let i = 0; i < 6 && (await activeValue(page)) !== 'Black'; i++) await page.keyboard.press('Tab');
  assert.equal(await activeValue(page), 'Black');
  await page.keyboard.press('Enter');
  await waitForMessage(page, '#stock-tee', 'Only 2 left');
  assert.equal(await pressed(page, 'Black'), true);
  // Focus stays where it was, with a visible focus ring.
  assert.equal(await activeValue(page), 'Black');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  // A disabled swatch is skipped by Tab: Blue (M Blue is sold out) is never reached.
  const seen = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    seen.push(await activeValue(page));
  }
  assert.equal(seen[0], 'White');
  assert.ok(!seen.includes('Blue'), JSON.stringify(seen));
});

test('the bundle checks each item at the set quantity; the grouped rows carry their own refusals', async () => {
  const page = await demo();
  await page.check('[data-selection="bottle-sprite"]');
  await page.waitForFunction(() => document.querySelectorAll('#gift-lines li').length === 2);
  assert.deepEqual(await page.$$eval('#gift-lines li', (lis) => lis.map((li) => li.textContent)), ['Joust Duffle Bag × 1', 'Sprite Water Bottle × 2']);
  // Two sets need four bottles; three are left.
  await page.fill('[data-qty-for="stock-gift"]', '2');
  await page.waitForFunction(() => document.querySelector('#gift-lines .line-refused'));
  assert.deepEqual(await page.$$eval('#gift-lines li', (lis) => lis.map((li) => li.textContent)), [
    'Joust Duffle Bag × 2',
    'Sprite Water Bottle × 4 — Not enough items for sale',
  ]);
  assert.deepEqual(await parts(page, '#stock-gift'), { kind: 'in_stock', message: 'In stock', notice: null, error: 'Not enough items for sale' });
  assert.equal(await page.isDisabled('[data-for="stock-gift"].add-to-cart'), true);
  await page.uncheck('[data-selection="bottle-sprite"]');
  await page.waitForFunction(() => document.querySelectorAll('#gift-lines li').length === 1);
  assert.equal(await page.isDisabled('[data-for="stock-gift"].add-to-cart'), false);

  const eight = page.locator('#straps-rows tr[data-sku="24-WG085-8"] input');
  await eight.fill('3');
  await page.waitForFunction(() => document.querySelector('#straps-rows tr[data-sku="24-WG085-8"] .row-note').textContent !== '');
  const [, row8] = await rows(page);
  assert.equal(row8.note, 'Not enough items for sale');
  assert.equal(await page.isDisabled('[data-for="stock-straps"].add-to-cart'), true);
  await eight.fill('2');
  await page.waitForFunction(() => document.querySelector('#straps-rows tr[data-sku="24-WG085-8"] .row-note').textContent === '');
  assert.equal(await page.isDisabled('[data-for="stock-straps"].add-to-cart'), false);
  await page.locator('[data-product="gift"]').screenshot({ path: `${screenshotDir}/composite-bundle.png` });
  assert.deepEqual(page.errors, []);
});

test('French: the cards, the swatches and their "épuisé"', async () => {
  const page = await demo();
  await page.click('.lang-switch [data-lang="fr"]');
  await waitForMessage(page, '#stock-tee', 'En stock');
  assert.equal((await parts(page, '#stock-tee')).error, null, 'no refusal before the shopper has done anything');
  assert.equal(await page.$eval('#stock-tee', (el) => el.reportValidity()), false);
  assert.equal((await parts(page, '#stock-tee')).error, 'Vous devez choisir des options pour votre article.');
  assert.equal(await page.textContent('#composites-title'), 'T-shirts et coffrets');
  await page.waitForFunction(() => document.querySelector('#tee-swatches .swatch-title').textContent === 'Taille');
  assert.deepEqual(await page.$$eval('#tee-swatches .swatch-title', (ps) => ps.map((p) => p.textContent)), ['Taille', 'Couleur']);
  await swatch(page, 'M').click();
  await page.waitForFunction(() => document.querySelector('#tee-swatches .swatch[data-value="Blue"]').disabled);
  assert.equal(await swatchText(page, 'Blue'), 'Bleu — épuisé');
  await swatch(page, 'Black').click();
  await waitForMessage(page, '#stock-tee', 'Plus que 2 articles en stock');
  assert.equal(await page.textContent('#tee-variant'), 'Choisi : MS09-M-Black');
  await page.waitForFunction(() => document.querySelector('[data-note-for="bag-rival"]').textContent === ' — épuisé');
  await waitForMessage(page, '#stock-straps', 'En stock');
  await page.waitForFunction(() => document.querySelector('#straps-rows tr:nth-child(3) .row-message').textContent === 'En rupture de stock');
  assert.deepEqual((await rows(page)).map((r) => r.message), ['En stock', 'Plus que 2 articles en stock', 'En rupture de stock']);
  assert.equal(await page.getAttribute('#straps-rows tr:nth-child(1) input', 'aria-label'), 'Quantité de Sprite Yoga Strap 6 foot');
  await page.locator('#composites').screenshot({ path: `${screenshotDir}/composite-fr.png` });
  assert.deepEqual(page.errors, []);
});

test('the playground switches the product type and edits the children', async () => {
  const page = await demo();
  await waitForMessage(page, '#preview', 'In stock');
  await page.selectOption('#product-type', 'configurable');
  assert.equal(await page.isVisible('#children-panel'), true);
  assert.equal(await page.isVisible('#sources-panel'), false);
  assert.equal(await page.isVisible('#figures'), false);
  assert.equal(await page.locator('#children-body tr').count(), 4);
  await page.waitForFunction(() => document.querySelector('#preview').availability?.sku === 'MS09');
  assert.deepEqual(await parts(page, '#preview'), { kind: 'in_stock', message: 'In stock', notice: null, error: 'You need to choose options for your item.' });

  // The parent's Stock Status wins over in-stock children.
  await page.selectOption('#parent-stock-flag', 'out_of_stock');
  await waitForMessage(page, '#preview', 'Out of stock');
  await page.selectOption('#parent-stock-flag', 'in_stock');
  await waitForMessage(page, '#preview', 'In stock');

  // The shopper chooses M Black (2 left under the Only X Left Threshold of 5).
  await page.selectOption('#preview-variant', 'MS09-M-Black');
  await waitForMessage(page, '#preview', 'Only 2 left');
  // Its quantity to 0, out of stock: the chosen child is out of stock, the parent still sells S Black.
  const mBlack = page.locator('#children-body tr[data-sku="MS09-M-Black"]');
  await mBlack.locator('[data-field="qty"]').fill('0');
  await mBlack.locator('[data-field="qty"]').press('Tab');
  await mBlack.locator('[data-field="status"]').selectOption('out_of_stock');
  await waitForMessage(page, '#preview', 'Out of stock');
  assert.deepEqual(await page.$eval('#preview', (el) => el.availability.parent), { is_salable: true, stock_status: 'in_stock' });
  // Backorders on the child (Allow Qty Below 0 needs a source in stock too).
  await mBlack.locator('[data-field="status"]').selectOption('in_stock');
  await mBlack.locator('[data-field="backorders"]').selectOption('allow');
  await page.waitForFunction(() => document.querySelector('#preview').availability?.is_salable === true);
  // Every child disabled: the parent itself is out of stock.
  for (const box of await page.locator('#children-body [data-field="enabled"]').all()) await box.uncheck();
  await waitForMessage(page, '#preview', 'Out of stock');
  assert.equal(await page.$eval('#preview', (el) => el.availability.is_salable), false);
  assert.match(await page.textContent('#children-summary-list'), /disabled/);
  await page.locator('#playground').screenshot({ path: `${screenshotDir}/composite-playground.png` });

  await page.selectOption('#product-type', 'grouped');
  await page.waitForFunction(() => document.querySelector('#preview').availability?.sku === '24-WG085');
  assert.equal(await page.locator('#children-body tr').count(), 3);
  assert.equal(await page.isVisible('#children-body [data-field="default_qty"]'), true);
  assert.equal(await page.isVisible('#variant-field'), false);
  await waitForMessage(page, '#preview', 'In stock');

  await page.selectOption('#product-type', 'bundle');
  await page.waitForFunction(() => document.querySelector('#preview').availability?.sku === 'GIFT-01');
  assert.equal(await page.locator('#children-body tr').count(), 3);
  assert.equal(await page.isVisible('#children-body [data-field="default_qty"]'), false);
  // The only bag that sells, disabled: the required option has nothing left, the set is out of stock.
  await page.locator('#children-body tr[data-sku="24-MB01"] [data-field="enabled"]').uncheck();
  await waitForMessage(page, '#preview', 'Out of stock');

  // Back to the simple product, as it was, and to the configurable one, as it was left.
  await page.selectOption('#product-type', 'simple');
  await page.waitForFunction(() => document.querySelector('#preview').availability?.sku === '24-MB01' && !document.querySelector('#preview').availability.variant);
  await waitForMessage(page, '#preview', 'In stock');
  assert.equal(await page.isVisible('#sources-panel'), true);
  assert.equal(await page.isVisible('#children-panel'), false);
  assert.equal(await page.textContent('#fig-salable'), '75');
  await page.selectOption('#product-type', 'configurable');
  await waitForMessage(page, '#preview', 'Out of stock');
  assert.equal(await page.locator('#children-body [data-field="enabled"]:checked').count(), 0);
  // French labels in the children table.
  await page.click('.lang-switch [data-lang="fr"]');
  await waitForMessage(page, '#preview', 'En rupture de stock');
  assert.equal(await page.textContent('#children-panel legend'), 'Enfants');
  assert.deepEqual(page.errors, []);
});

test('the composite cards and the playground run under the strict CSP with no violation', async () => {
  const page = await demo({}, { csp: true });
  await swatch(page, 'M').click();
  await swatch(page, 'Black').click();
  await waitForMessage(page, '#stock-tee', 'Only 2 left');
  await page.check('[data-selection="bottle-sprite"]');
  await page.waitForFunction(() => document.querySelectorAll('#gift-lines li').length === 2);
  await page.locator('#straps-rows tr[data-sku="24-WG085-8"] input').fill('2');
  for (const type of ['configurable', 'bundle', 'grouped', 'simple']) await page.selectOption('#product-type', type);
  await page.click('.lang-switch [data-lang="fr"]');
  await waitForMessage(page, '#stock-tee', 'Plus que 2 articles en stock');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.errors, []);
});

test('axe-core finds nothing serious or critical on the composite cards and the children editor', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const page = await demo({ viewport, bypassCSP: true });
    await swatch(page, 'M').click();
    await page.waitForFunction(() => document.querySelector('#tee-swatches .swatch[data-value="Blue"]').disabled);
    await page.selectOption('#product-type', 'configurable');
    const { violations, serious } = await axeViolations(page);
    assert.deepEqual(serious, [], JSON.stringify(violations, null, 2));
  }
});

test('screenshots of the composite cards on a phone, with no sideways scroll', async () => {
  const phone = await demo({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await swatch(phone, 'XL').tap();
  await phone.waitForFunction(() => document.querySelector('#tee-swatches .swatch[data-value="Black"]').disabled);
  await phone.locator('#composites').screenshot({ path: `${screenshotDir}/composite-phone.png` });
  await phone.selectOption('#product-type', 'configurable');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the phone layout scrolls sideways by ${overflow}px`);
});

test('the README\'s swatch and grouped-rows examples work as written, under the strict CSP', async () => {
  const readme = await import('node:fs/promises').then((fs) => fs.readFile(new URL('../../README.md', import.meta.url), 'utf8'));
  const section = readme.slice(readme.indexOf('## Configurable, bundle and grouped products'), readme.indexOf('## In-store pickup'));
  const local = (text) => text
    .replaceAll('/assets/salable/', '/dist/')
    .replaceAll('/assets/shop/', '/readme/')
    .replace('/stock/MS09.json', '/products/ariel-tee.json')
    .replace('/stock/24-WG085.json', '/products/sprite-yoga-straps.json');
  const blocks = [...section.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => local(m[1]));
  assert.equal(blocks.length, 2);
  // The pages' own scripts are the README's module files (no inline script: the CSP would block it).
  const scripts = Object.fromEntries([...section.matchAll(/```js\n\/\/ ([\w.-]+)\n([\s\S]*?)```/g)].map((m) => [m[1], local(m[2])]));
  assert.deepEqual(Object.keys(scripts).sort(), ['grouped.js', 'swatches.js']);
  const page = await h.page();
  page.violations = [];
  await page.exposeFunction('__violation', (v) => page.violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.route(`${h.base}/readme-*.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    body: `<!doctype html><html lang="en"><head><title>readme</title></head><body>${route.request().url().endsWith('swatches.html') ? blocks[0] : blocks[1]}</body></html>`,
  }));
  await page.route(`${h.base}/readme/*.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: scripts[route.request().url().split('/').pop()] }));

  await page.goto(`${h.base}/readme-swatches.html`);
  await waitForMessage(page, '#stock', 'In stock');
  await page.waitForSelector('#swatches button[data-value="Blue"]');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.click('#swatches button[data-value="M"]');
  await page.waitForFunction(() => document.querySelector('#swatches button[data-value="Blue"]').disabled);
  assert.equal(await page.textContent('#swatches button[data-value="Blue"]'), 'Blue — out of stock');
  // From the keyboard: the rebuilt swatches keep the focus.
  await page.focus('#swatches button[data-value="White"]');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), 'Black');
  await page.keyboard.press('Enter');
  await waitForMessage(page, '#stock', 'Only 2 left');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), 'Black');
  assert.equal(await page.isDisabled('#add'), false);
  assert.equal(await page.$eval('#add', (b) => b.value), 'MS09-M-Black');
  assert.deepEqual(requests, []);

  await page.goto(`${h.base}/readme-grouped.html`);
  await waitForMessage(page, '#straps', 'In stock');
  await page.waitForSelector('#rows tr:nth-child(3)');
  assert.deepEqual(await page.$$eval('#rows tr', (trs) => trs.map((tr) => tr.cells[1].textContent)), ['In stock', 'Only 2 left', 'Out of stock']);
  await page.fill('#rows tr[data-sku="24-WG085-8"] input', '3');
  await page.waitForFunction(() => document.querySelector('#rows tr[data-sku="24-WG085-8"]').cells[1].textContent !== 'Only 2 left');
  assert.equal(await page.$eval('#rows tr[data-sku="24-WG085-8"]', (tr) => tr.cells[1].textContent), 'Only 2 left: Not enough items for sale');
  assert.equal((await parts(page, '#straps')).error, 'Not enough items for sale');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.errors, []);
});
