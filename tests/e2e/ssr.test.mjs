// Server-rendered markup (SPEC §15) in Chromium, on the example shop (examples/ssr/server.mjs):
// with JavaScript off the message, notice and restock line are there and styled; with it on the
// element adopts the markup, never shows a loading state, refreshes in the background and follows a
// feed change; the JSON-LD agrees with the output; the page's strict CSP holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleFeeds, startSsrExample } from '../../examples/ssr/server.mjs';
import { parts, start, waitForMessage } from './harness.mjs';

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

/** Records, from before the first byte is parsed: every data-kind the element takes, every text
 *  written into its shadow root, and every CSP violation. */
function recorder() {
  window.__kinds = [];
  window.__writes = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const seen = (el) => window.__kinds.push(el.getAttribute('data-kind'));
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.localName === 'stock-status') seen(r.target);
      for (const node of r.addedNodes ?? []) if (node.localName === 'stock-status') seen(node);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-kind'] });
  const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
  Object.defineProperty(Node.prototype, 'textContent', {
    ...text,
    set(value) {
      if (this.getRootNode() instanceof ShadowRoot) window.__writes.push(String(value));
      text.set.call(this, value);
    },
  });
}

async function shopPage(path, options = {}) {
  const page = await h.page(options);
  page.consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && page.consoleErrors.push(m.text()));
  if (options.javaScriptEnabled !== false) await page.addInitScript(recorder);
  await page.goto(`${base}${path}`);
  return page;
}

/** Visible text and colour of each part, read through the open shadow root. */
function look(page) {
  return page.$eval('stock-status', (el) => {
    const out = { kind: el.getAttribute('data-kind'), defined: !!customElements.get('stock-status') };
    for (const part of ['message', 'notice', 'error', 'restock']) {
      const node = el.shadowRoot.querySelector(`[part="${part}"]`);
      const style = getComputedStyle(node);
      out[part] = style.display === 'none' ? null : { text: node.textContent, color: style.color, weight: style.fontWeight };
    }
    return out;
  });
}

const restockText = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  return `Expected back ${d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}.`;
};

describe('JavaScript off', () => {
  test('out of stock: the message and the restock line are visible and styled', async () => {
    const page = await shopPage('/product/24-MB04', { javaScriptEnabled: false });
    const seen = await look(page);
    assert.equal(seen.defined, false, 'no script ran');
    assert.equal(seen.kind, 'out_of_stock');
    assert.deepEqual(seen.message, { text: 'Out of stock', color: 'rgb(166, 27, 27)', weight: '600' });
    assert.equal(seen.restock.text, restockText(feeds.get('24-MB04').product.restock_date));
    assert.equal(seen.notice, null);
    assert.equal(seen.error, null);
  });

  test('a backorder: the notice with its expected ship date', async () => {
    const page = await shopPage('/product/MH01', { javaScriptEnabled: false });
    const seen = await look(page);
    assert.deepEqual(seen.message, { text: 'In stock', color: 'rgb(23, 102, 58)', weight: '600' });
    assert.match(seen.notice.text, /^We don't have as many "Chaz Kangeroo Hoodie" as you requested, but we'll back order the remaining 3\. Expected to ship [A-Z][a-z]+ \d{1,2}, \d{4}\.$/);
    assert.equal(seen.restock, null);
  });

  test('French and British English dates', async () => {
    const fr = await look(await shopPage('/product/24-MB04?locale=fr', { javaScriptEnabled: false }));
    assert.equal(fr.message.text, 'En rupture de stock');
    assert.match(fr.restock.text, /^De retour prévu le \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\.$/);
    const gb = await look(await shopPage('/product/24-MB04?locale=en-GB', { javaScriptEnabled: false }));
    assert.match(gb.restock.text, /^Expected back \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
  });
});

describe('JavaScript on', () => {
  test('adopts the markup: never loading, never "Checking availability…", the same answer written nowhere', async () => {
    const page = await shopPage('/product/24-MB04');
    await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
    const { kinds, writes, adopted } = await page.evaluate(() => ({
      kinds: window.__kinds,
      writes: window.__writes,
      adopted: !!document.querySelector('stock-status').shadowRoot.querySelector('link[rel="stylesheet"]'),
    }));
    assert.ok(adopted, 'the server-rendered root is kept, not replaced');
    assert.deepEqual([...new Set(kinds)], ['out_of_stock']);
    assert.ok(!writes.some((t) => /Checking availability/.test(t)), writes.join(' | '));
    assert.deepEqual(writes, [], 'the refresh gave the same answer: no text was rewritten');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
  });

  test('a feed change updates the text', async () => {
    const page = await shopPage('/product/24-MB04');
    await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
    const doc = feeds.get('24-MB04');
    const before = structuredClone(doc);
    try {
      doc.product.sources[0].quantity = 3;
      await page.$eval('stock-status', (el) => el.refresh());
      await waitForMessage(page, 'stock-status', 'Only 3 left');
      const seen = await parts(page, 'stock-status');
      assert.equal(seen.kind, 'only_x_left');
      assert.equal((await look(page)).restock, null, 'salable: no restock line');
      const kinds = await page.evaluate(() => window.__kinds);
      assert.ok(!kinds.includes('loading'), kinds.join(','));
    } finally {
      feeds.set('24-MB04', before);
    }
  });

  test('the JSON-LD parses and agrees with the output', async () => {
    for (const sku of ['24-MB01', '24-MB04', 'MH01']) {
      const page = await shopPage(`/product/${sku}`);
      await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
      const { ld, out } = await page.evaluate(() => ({
        ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
        out: document.querySelector('stock-status').availability,
      }));
      assert.equal(ld.length, 1);
      assert.equal(ld[0]['@type'], 'Offer');
      assert.equal(ld[0].sku, sku);
      assert.equal(ld[0].availability, out.schema_org_availability);
      assert.equal(ld[0].availabilityStarts, out.schema_org_availability_starts ?? undefined);
    }
  });

  test('the strict CSP holds: no inline script but the JSON-LD block, no inline style, no violation', async () => {
    const page = await shopPage('/product/MH01');
    await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
    const response = await page.request.get(`${base}/product/MH01`);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const found = await page.evaluate(() => {
      const all = (root) => [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el]));
      const nodes = all(document);
      return {
        inlineScripts: nodes.filter((n) => n.localName === 'script' && !n.src && n.type !== 'application/ld+json').length,
        styleElements: nodes.filter((n) => n.localName === 'style').length,
        styleAttributes: nodes.filter((n) => n.hasAttribute('style')).map((n) => n.localName),
        violations: window.__violations,
      };
    });
    assert.deepEqual(found, { inlineScripts: 0, styleElements: 0, styleAttributes: [], violations: [] });
  });

  test('the server writes exactly the nodes the element builds', async () => {
    const page = await shopPage('/product/MH01');
    await page.waitForFunction(() => document.querySelector('stock-status').availability != null);
    const server = await page.$eval('stock-status', (el) => [...el.shadowRoot.querySelector('[part="status"]').children].map((n) => ({
      tag: n.localName, part: n.getAttribute('part'), hidden: n.hidden, text: n.textContent,
    })));
    const client = await page.evaluate(async (doc) => {
      const el = document.createElement('stock-status');
      document.body.append(el);
      await new Promise((resolve) => { el.addEventListener('stock-status-change', resolve, { once: true }); el.data = doc; });
      const status = el.shadowRoot.querySelector('[part="status"]');
      return {
        attributes: ['role', 'aria-live'].map((a) => status.getAttribute(a)),
        children: [...status.children].map((n) => ({ tag: n.localName, part: n.getAttribute('part'), hidden: n.hidden, text: n.textContent })),
      };
    }, feeds.get('MH01'));
    assert.deepEqual(client.attributes, ['status', 'polite']);
    assert.deepEqual(server, client.children);
  });
});

test('the demo links to the example and serves it under /ssr/', async () => {
  const page = await h.page();
  await page.goto(`${h.base}/`);
  await page.click('a[href="/ssr/"]');
  await page.click('a[href="/ssr/product/24-MB04"]');
  await waitForMessage(page, 'stock-status', 'Out of stock');
  const restock = await page.$eval('stock-status', (el) => el.shadowRoot.querySelector('[part="restock"]').textContent);
  assert.match(restock, /^Expected back /);
});
