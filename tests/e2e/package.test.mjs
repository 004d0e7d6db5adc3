// The package as a bundler-built app uses it (issue 11): a tiny app imports 'salable' by name,
// resolved through package.json "exports" to dist/stock-status.js, is bundled by esbuild, and runs
// in Chromium with the element's wasm copied beside the bundle (as the README says for bundlers
// that do not copy `new URL(…, import.meta.url)` assets).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { root, start, waitForMessage } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const app = `
import { StockStatusElement } from 'salable';
const el = document.createElement('stock-status');
el.id = 'app';
el.setAttribute('locale', 'en-GB');
document.body.append(el);
window.defined = customElements.get('stock-status') === StockStatusElement;
el.data = {
  product: { sku: 'APP-1', sources: [{ source_code: 's', quantity: 0, status: 'in_stock' }], restock_date: '2026-12-12' },
  today: '2026-06-01',
};
`;

test('an esbuild-bundled app imports the element by package name and shows availability', async () => {
  const dir = join(root, 'target', 'bundled-app');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  mkdirSync(join(dir, 'out'));
  symlinkSync(root, join(dir, 'node_modules', 'salable'), 'dir');
  writeFileSync(join(dir, 'app.js'), app);
  await build({ absWorkingDir: dir, entryPoints: ['app.js'], bundle: true, format: 'esm', outfile: 'out/app.js', logLevel: 'silent' });
  copyFileSync(join(dir, 'node_modules', 'salable', 'dist', 'stock-status-core_bg.wasm'), join(dir, 'out', 'stock-status-core_bg.wasm'));

  const page = await h.page();
  const files = { 'app.js': 'text/javascript', 'stock-status-core_bg.wasm': 'application/wasm' };
  for (const [name, type] of Object.entries(files)) {
    await page.route(`${h.base}/app/${name}`, (route) => route.fulfill({ contentType: type, body: readFileSync(join(dir, 'out', name)) }));
  }
  await page.route(`${h.base}/app/`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title><script type="module" src="/app/app.js"></script></head><body></body></html>',
  }));
  await page.goto(`${h.base}/app/`);
  await waitForMessage(page, '#app', 'Out of stock');
  const seen = await page.evaluate(() => ({
    defined: window.defined,
    restock: document.querySelector('#app').shadowRoot.querySelector('[part="restock"]').textContent,
  }));
  assert.deepEqual(seen, { defined: true, restock: 'Expected back 12 December 2026.' });
  assert.deepEqual(page.errors, []);
});
