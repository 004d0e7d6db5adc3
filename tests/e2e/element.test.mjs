// <stock-status> in Chromium: states, attributes, events, failures and safety, on a bare page that
// embeds dist/ exactly as a shop would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parts, start, waitForMessage } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const doc = (overrides = {}) => ({
  config: { only_x_left_threshold: 5, ...(overrides.config ?? {}) },
  product: {
    sku: 'T-1',
    name: 'Test Bag',
    sources: [{ source_code: 'default', quantity: 10, status: 'in_stock' }],
    ...(overrides.product ?? {}),
  },
});

/** A bare shop page at /shop.html with the given body; feeds are served by `feeds` (path → handler). */
async function shopPage(body, feeds = {}, lang = 'en') {
  const page = await h.page();
  page.consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push(m.text()));
  await page.route(`${h.base}/shop.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>shop</title>
        <script type="module" src="/dist/stock-status.js"></script></head>
        <body><p id="other">Rest of the page</p>${body}</body></html>`,
    }),
  );
  for (const [path, handler] of Object.entries(feeds)) await page.route(`${h.base}${path}`, handler);
  await page.goto(`${h.base}/shop.html`);
  return page;
}

const json = (value) => (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(value) });

async function errorEvents(page, selector) {
  return page.$eval(selector, (el) => el.__errors ?? 0);
}

async function countErrors(page, selector) {
  await page.$eval(selector, (el) => {
    el.__errors = 0;
    el.addEventListener('stock-status-error', () => el.__errors++);
  });
}

describe('states', () => {
  test('in stock, only X left, out of stock and hidden, from src and from data', async () => {
    const page = await shopPage('<stock-status id="a" src="/feed/a.json"></stock-status><stock-status id="b"></stock-status>', {
      '/feed/a.json': json(doc()),
    });
    await waitForMessage(page, '#a', 'In stock');
    assert.equal((await parts(page, '#a')).kind, 'in_stock');
    const cases = [
      [doc({ product: { sources: [{ source_code: 'd', quantity: 3, status: 'in_stock' }] } }), 'only_x_left', 'Only 3 left'],
      [doc({ product: { sources: [{ source_code: 'd', quantity: 0, status: 'in_stock' }] } }), 'out_of_stock', 'Out of stock'],
    ];
    for (const [input, kind, text] of cases) {
      await page.$eval('#b', (el, d) => { el.data = d; }, input);
      await waitForMessage(page, '#b', text);
      assert.equal((await parts(page, '#b')).kind, kind);
    }
    await page.$eval('#b', (el, d) => { el.data = d; }, doc({ config: { display_stock_status: false } }));
    await page.waitForFunction(() => document.querySelector('#b').dataset.kind === 'hidden');
    assert.equal(await page.$eval('#b', (el) => getComputedStyle(el).display), 'none');
  });

  test('the status region exists before any text, and events and properties carry the output', async () => {
    const page = await shopPage('<stock-status id="a"></stock-status>');
    const region = await page.$eval('#a', (el) => {
      const status = el.shadowRoot.querySelector('[role="status"]');
      return { exists: !!status, text: status.textContent };
    });
    assert.deepEqual(region, { exists: true, text: '' });
    const detail = await page.$eval('#a', (el, d) => new Promise((resolve) => {
      el.addEventListener('stock-status-change', (e) => resolve(e.detail), { once: true });
      el.data = d;
    }), doc());
    assert.equal(detail.sku, 'T-1');
    assert.equal(detail.salable_qty, 10);
    assert.deepEqual(await page.$eval('#a', (el) => el.availability.message), { kind: 'in_stock', text: 'In stock' });
  });

  test('qty updates at once and shows the refusal of a request', async () => {
    const page = await shopPage('<stock-status id="a"></stock-status>');
    await page.$eval('#a', (el, d) => { el.data = d; }, doc({ config: { min_sale_qty: 2, only_x_left_threshold: 0 } }));
    await page.$eval('#a', (el) => el.setAttribute('qty', '1'));
    await page.waitForFunction(() => !document.querySelector('#a').shadowRoot.querySelector('[part="error"]').hidden);
    assert.equal((await parts(page, '#a')).error, 'The fewest you may purchase is 2.');
    await page.$eval('#a', (el) => el.setAttribute('qty', '2'));
    await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('[part="error"]').hidden);
  });

  test('a qty that is not a number above 0 is a refused request, in the page language, not a failure', async () => {
    const page = await shopPage('<stock-status id="a"></stock-status>', {}, 'fr');
    const errors = [];
    await page.$eval('#a', (el) => el.addEventListener('stock-status-error', () => { window.__failed = true; }));
    await page.$eval('#a', (el, d) => { el.data = d; }, doc());
    for (const typo of ['abc', '0', '-1']) {
      await page.$eval('#a', (el, q) => el.setAttribute('qty', q), typo);
      await page.waitForFunction(() => !document.querySelector('#a').shadowRoot.querySelector('[part="error"]').hidden);
      const shown = await parts(page, '#a');
      assert.equal(shown.message, 'En stock', typo);
      assert.equal(shown.error, 'Veuillez saisir une quantité supérieure à 0.', typo);
      assert.equal(await page.$eval('#a', (el) => el.dataset.kind), 'in_stock', typo);
      assert.equal(await page.$eval('#a', (el) => el.availability.request.errors[0].code), 'qty-invalid', typo);
      await page.$eval('#a', (el) => el.setAttribute('qty', '1'));
      await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelector('[part="error"]').hidden);
    }
    assert.equal(await page.evaluate(() => window.__failed), undefined, 'no stock-status-error for a typo');
    assert.deepEqual(errors, []);
  });

  test('a product name with HTML stays text', async () => {
    const name = '<img src=x onerror="window.__pwned=1"><b>Bag</b>';
    const page = await shopPage('<stock-status id="a" qty="5"></stock-status>');
    await page.$eval('#a', (el, d) => { el.data = d; }, doc({
      config: { backorders: 'allow_notify' },
      product: { name, sources: [{ source_code: 'd', quantity: 1, status: 'in_stock' }] },
    }));
    await page.waitForFunction(() => !document.querySelector('#a').shadowRoot.querySelector('[part="notice"]').hidden);
    const notice = (await parts(page, '#a')).notice;
    assert.equal(notice, `We don't have as many "${name}" as you requested, but we'll back order the remaining 4.`);
    assert.equal(await page.$eval('#a', (el) => el.shadowRoot.querySelectorAll('img, b').length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  test('French from the locale attribute, and from the page lang', async () => {
    const page = await shopPage('<stock-status id="a" locale="fr"></stock-status><div lang="fr"><stock-status id="b"></stock-status></div>');
    const input = doc({ product: { sources: [{ source_code: 'd', quantity: 3, status: 'in_stock' }] } });
    await page.$eval('#a', (el, d) => { el.data = d; }, input);
    await page.$eval('#b', (el, d) => { el.data = d; }, input);
    await waitForMessage(page, '#a', 'Plus que 3 articles en stock');
    await waitForMessage(page, '#b', 'Plus que 3 articles en stock');
  });

  test('one wasm download per page, however many elements', async () => {
    let wasm = 0;
    const page = await h.page();
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm++);
    await page.route(`${h.base}/many.html`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>many</title><script type="module" src="/dist/stock-status.js"></script></head><body>
        ${Array.from({ length: 12 }, (_, i) => `<stock-status id="s${i}" src="/feed/x.json"></stock-status>`).join('')}</body></html>`,
    }));
    await page.route(`${h.base}/feed/x.json`, json(doc()));
    await page.goto(`${h.base}/many.html`);
    await waitForMessage(page, '#s11', 'In stock');
    await waitForMessage(page, '#s0', 'In stock');
    assert.equal(wasm, 1);
  });
});

describe('failures end in a neutral state, an event and a console error', () => {
  const failing = {
    'HTTP 404': (route) => route.fulfill({ status: 404, body: 'not here' }),
    'HTTP 500 with an HTML body': (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Oops</h1>' }),
    'malformed JSON': (route) => route.fulfill({ contentType: 'application/json', body: '{"product": {' }),
    'a document of the wrong shape': json({ product: { sku: 'x', sources: 'none' } }),
    'a network error': (route) => route.abort('connectionrefused'),
    'a feed that never answers': () => { /* never fulfilled: the timeout attribute must end it */ },
  };
  for (const [name, handler] of Object.entries(failing)) {
    test(name, async () => {
      const page = await shopPage('<stock-status id="a" timeout="400"></stock-status><stock-status id="ok" src="/feed/ok.json"></stock-status>', {
        '/feed/bad.json': handler,
        '/feed/ok.json': json(doc()),
      });
      await countErrors(page, '#a');
      await page.$eval('#a', (el) => el.setAttribute('src', '/feed/bad.json'));
      await waitForMessage(page, '#a', 'Availability unavailable', 5000);
      assert.equal((await parts(page, '#a')).kind, 'unavailable');
      assert.equal(await errorEvents(page, '#a'), 1);
      assert.equal(await page.$eval('#a', (el) => el.availability), null);
      assert.ok(page.consoleErrors.some((e) => e.includes('<stock-status>')), page.consoleErrors.join('\n'));
      await waitForMessage(page, '#ok', 'In stock');
      assert.equal(await page.textContent('#other'), 'Rest of the page');
      assert.deepEqual(page.errors, []);
    });
  }

  test('a failed refresh never leaves an older "In stock"', async () => {
    let calls = 0;
    const page = await shopPage('<stock-status id="a" src="/feed/flaky.json"></stock-status>', {
      '/feed/flaky.json': (route) => (++calls === 1 ? json(doc())(route) : route.fulfill({ status: 503, body: '' })),
    });
    await waitForMessage(page, '#a', 'In stock');
    await page.$eval('#a', (el) => el.refresh());
    await waitForMessage(page, '#a', 'Availability unavailable');
    assert.equal(await page.$eval('#a', (el) => el.availability), null);
  });

  test('a wasm module that fails to load', async () => {
    const page = await h.page();
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: '' }));
    await page.route(`${h.base}/shop.html`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="fr"><head><title>shop</title><script type="module" src="/dist/stock-status.js"></script></head>
        <body><p id="other">Rest of the page</p><stock-status id="a" src="/feed/ok.json"></stock-status></body></html>`,
    }));
    await page.route(`${h.base}/feed/ok.json`, json(doc()));
    await page.goto(`${h.base}/shop.html`);
    await waitForMessage(page, '#a', 'Disponibilité indisponible pour le moment');
    assert.equal(await page.textContent('#other'), 'Rest of the page');
  });
});

describe('faults between fetches', () => {
  test('a feed that changes between two fetches shows the new answer, and a failure after it no old one', async () => {
    const answers = [
      json(doc()),
      json(doc({ product: { sources: [{ source_code: 'd', quantity: 0, status: 'in_stock' }] } })),
      (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>down</h1>' }),
    ];
    let call = 0;
    const page = await shopPage('<stock-status id="a" src="/feed/live.json"></stock-status>', {
      '/feed/live.json': (route) => answers[Math.min(call++, answers.length - 1)](route),
    });
    const seen = [];
    await page.exposeFunction('__seen', (text) => seen.push(text));
    await page.$eval('#a', (el) => {
      const part = el.shadowRoot.querySelector('[part="message"]');
      new MutationObserver(() => window.__seen(part.textContent)).observe(part, { childList: true, characterData: true, subtree: true });
    });
    await waitForMessage(page, '#a', 'In stock');
    await page.$eval('#a', (el) => el.refresh());
    await waitForMessage(page, '#a', 'Out of stock');
    await countErrors(page, '#a');
    await page.$eval('#a', (el) => el.refresh());
    await waitForMessage(page, '#a', 'Availability unavailable');
    assert.equal(await errorEvents(page, '#a'), 1);
    const afterOut = seen.slice(seen.indexOf('Out of stock'));
    assert.ok(!afterOut.includes('In stock'), `shown after the feed changed: ${seen.join(' → ')}`);
  });
});

describe('Content-Security-Policy', () => {
  test('the element works under script-src \'self\' \'wasm-unsafe-eval\' with no inline script or style', async () => {
    const page = await h.page();
    const violations = [];
    await page.exposeFunction('__violation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)));
    await page.route(`${h.base}/strict.html`, (route) => route.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'" },
      body: `<!doctype html><html lang="en"><head><title>strict</title><script type="module" src="/dist/stock-status.js"></script></head>
        <body><stock-status id="a" src="/feed/ok.json" qty="2"></stock-status></body></html>`,
    }));
    await page.route(`${h.base}/feed/ok.json`, json(doc()));
    await page.goto(`${h.base}/strict.html`);
    await waitForMessage(page, '#a', 'In stock');
    assert.equal(await page.$eval('#a', (el) => getComputedStyle(el.shadowRoot.querySelector('[part="message"]')).fontWeight), '600', 'the element is styled');
    assert.deepEqual(violations, []);
  });
});

describe('upgrade', () => {
  test('data set before the element is defined is taken over', async () => {
    const page = await h.page();
    await page.route(`${h.base}/late.html`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>late</title></head><body><stock-status id="a"></stock-status>
        <script type="module" src="/late.js"></script></body></html>`,
    }));
    await page.route(`${h.base}/late.js`, (route) => route.fulfill({
      contentType: 'text/javascript',
      body: `document.getElementById('a').data = ${JSON.stringify(doc({ product: { sources: [{ source_code: 'd', quantity: 2, status: 'in_stock' }] } }))};
        await import('/dist/stock-status.js');`,
    }));
    await page.goto(`${h.base}/late.html`);
    await waitForMessage(page, '#a', 'Only 2 left');
  });
});

describe('validity, as form controls have it (issue 17)', () => {
  const tee = {
    config: { only_x_left_threshold: 3 },
    product: {
      sku: 'TEE', name: 'Tee', type: 'configurable', stock_flag: 'in_stock',
      children: [
        { sku: 'TEE-M', name: 'Tee M', attributes: { size: 'M' }, overrides: {}, sources: [{ source_code: 'd', quantity: 2, status: 'in_stock' }] },
        { sku: 'TEE-L', name: 'Tee L', attributes: { size: 'L' }, overrides: {}, sources: [{ source_code: 'd', quantity: 9, status: 'in_stock' }] },
      ],
    },
  };

  test('a choice not made waits for reportValidity(); invalid is cancelable; a choice makes it valid', async () => {
    const page = await shopPage('<stock-status id="a" src="/feed/tee.json" product-type="configurable"></stock-status>', { '/feed/tee.json': json(tee) });
    await waitForMessage(page, '#a', 'In stock');
    assert.deepEqual(await parts(page, '#a'), { kind: 'in_stock', message: 'In stock', notice: null, error: null });
    const seen = await page.$eval('#a', (el) => {
      let invalid = 0;
      el.addEventListener('invalid', (e) => { invalid++; if (el.__cancel) e.preventDefault(); });
      const check = el.checkValidity();
      el.__cancel = true;
      const cancelled = el.reportValidity();
      const shownAfterCancel = !el.shadowRoot.querySelector('[part="error"]').hidden;
      el.__cancel = false;
      const reported = el.reportValidity();
      return { check, cancelled, shownAfterCancel, reported, invalid, message: el.validationMessage };
    });
    assert.deepEqual(seen, { check: false, cancelled: false, shownAfterCancel: false, reported: false, invalid: 3, message: 'You need to choose options for your item.' });
    assert.equal((await parts(page, '#a')).error, 'You need to choose options for your item.');
    await page.$eval('#a', (el) => { el.selection = { size: 'L' }; });
    await page.waitForFunction(() => document.querySelector('#a').availability?.variant === 'TEE-L');
    assert.deepEqual(await page.$eval('#a', (el) => [el.checkValidity(), el.reportValidity(), el.validationMessage]), [true, true, '']);
    assert.equal((await parts(page, '#a')).error, null);
  });

  test('equal values change nothing; null and \'\' mean none; data \'\' follows src', async () => {
    const page = await shopPage('<stock-status id="a" src="/feed/tee.json" qty="1" product-type="configurable"></stock-status>', { '/feed/tee.json': json(tee) });
    await waitForMessage(page, '#a', 'In stock');
    await page.$eval('#a', (el) => { el.__changes = 0; el.addEventListener('stock-status-change', () => el.__changes++); });
    await page.$eval('#a', (el) => { el.selection = { size: 'M' }; });
    await waitForMessage(page, '#a', 'Only 2 left');
    const changes = await page.$eval('#a', async (el) => {
      for (let i = 0; i < 20; i++) el.selection = { size: 'M' }; // a new but equal object, as a framework renders
      el.qty = 1; el.qty = '1'; el.variant = null; el.variant = ''; el.data = ''; el.data = null;
      await new Promise((r) => setTimeout(r, 300));
      return [el.__changes, el.hasAttribute('variant'), el.hasAttribute('qty')];
    });
    assert.deepEqual(changes, [1, false, true], 'one evaluation for the one real change');
    // A document through data, then none again: the element follows src, never "unavailable".
    await page.$eval('#a', (el, d) => { el.data = d; }, doc());
    await page.waitForFunction(() => document.querySelector('#a').availability?.sku === 'T-1');
    await page.$eval('#a', (el) => { el.data = ''; });
    await page.waitForFunction(() => document.querySelector('#a').availability?.sku === 'TEE');
    assert.equal((await parts(page, '#a')).kind, 'only_x_left');
  });

  test('the wasm is served as application/wasm, so it compiles while it streams', async () => {
    const types = [];
    const page = await h.page();
    page.on('response', (r) => r.url().endsWith('.wasm') && types.push(r.headers()['content-type']));
    await page.route(`${h.base}/feed/ok.json`, json(doc()));
    await page.route(`${h.base}/w.html`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>w</title><script type="module" src="/dist/stock-status.js"></script></head><body><stock-status id="a" src="/feed/ok.json"></stock-status></body></html>` }));
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(`${h.base}/w.html`);
    await waitForMessage(page, '#a', 'In stock');
    assert.deepEqual(types, ['application/wasm']);
    assert.deepEqual(warnings.filter((w) => /instantiateStreaming|MIME/i.test(w)), []);
  });
});

describe('the README\'s start hints', () => {
  test('modulepreload and preload are used by the element: one request each, no unused-preload warning', async () => {
    const readme = (await import('node:fs')).readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const [, hints] = /\*\*A faster start\*\*[\s\S]*?```html\n([\s\S]*?)```/.exec(readme);
    const head = hints.replaceAll('/assets/salable/', '/dist/').replace('/stock/24-MB01.json', '/feed/hinted.json');
    const page = await h.page();
    const requests = [];
    const warnings = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.route(`${h.base}/feed/hinted.json`, json(doc()));
    await page.route(`${h.base}/hinted.html`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>hinted</title>${head}</head><body><stock-status id="a" src="/feed/hinted.json"></stock-status></body></html>`,
    }));
    await page.goto(`${h.base}/hinted.html`);
    await waitForMessage(page, '#a', 'In stock');
    await page.waitForTimeout(3500); // Chromium warns about a preload left unused after 3 s
    const count = (path) => requests.filter((p) => p === path).length;
    assert.deepEqual(
      ['/dist/stock-status.js', '/dist/stock-status-element.js', '/dist/stock-status-core_bg.wasm', '/feed/hinted.json'].map(count),
      [1, 1, 1, 1],
      requests.join('\n'),
    );
    assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
  });
});
