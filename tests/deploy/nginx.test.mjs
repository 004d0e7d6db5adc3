// deploy/nginx/salable-stock.conf in real nginx over a real `salable-bridge export --all` output
// (fake Magento → export --out <root>/stock), whose catalog has SKUs with `/`, `+`, `,`, `&` and
// `:`; a SKU with a space, which the fixtures lack, is a copy named by export's rule (checked
// against export's own names): content type, Cache-Control, ETag/304, CORS, JSON 404s, no listing.
import assert from 'node:assert/strict';
import { chmod, copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildBridge, get, runExport, startFakeMagento, startNginx } from './processes.mjs';

const ORIGIN = 'https://shop.test';
let fake;
let nginx;
let root;

/** export's file name for a SKU: percent-encoded beyond A–Z a–z 0–9 - . _ ~ (bridge/src/export.rs). */
const exportName = (sku) => Array.from(new TextEncoder().encode(sku), (b) => (
  /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
)).join('');

/** The element's request path for a SKU (www/stock-status.js: encodeURIComponent). */
const elementPath = (website, sku) => `/stock/${website}/${encodeURIComponent(sku)}.json`;

/** SKUs of the fake's catalog that export writes under percent-encoded names. */
const EXPORTED = ['MT07/S-GRN', '24-UB02+CASE', '24-UG01,PK2', 'B&W:TEE-L'];
/** Written by the test, by export's rule: no fixture has them. */
const WRITTEN = ['BAG 12', 'A+B/C D'];

before(async () => {
  buildBridge();
  fake = await startFakeMagento();
  root = await mkdtemp(path.join(tmpdir(), 'salable-export-'));
  await chmod(root, 0o755);
  const out = await runExport(fake.url, fake.token, ['--website', 'base', '--all', '--out', `${root}/stock`, '--only-x-left-threshold', '5']);
  assert.equal(out.code, 0, out.out);
  for (const sku of WRITTEN) await copyFile(`${root}/stock/base/24-MB04.json`, `${root}/stock/base/${exportName(sku)}.json`);
  await chmod(`${root}/stock`, 0o755);
  await chmod(`${root}/stock/base`, 0o755);
  nginx = await startNginx([
    ['root /var/www;', `root ${root};`],
    ['"https://shop.example.com"', `"${ORIGIN}"`, 3],
  ]);
});

after(async () => {
  await nginx?.stop();
  await fake?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

test('export output is served as JSON with the bridge Cache-Control, a strong ETag and 304', async () => {
  const files = await readdir(`${root}/stock/base`);
  assert.ok(files.includes('24-MB04.json') && files.includes('24-WB05.json'), files.join(' '));
  const r = await get(`${nginx.url}/stock/base/24-MB04.json`, { origin: ORIGIN });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(r.headers['cache-control'], 'public, max-age=30, stale-while-revalidate=60');
  assert.equal(r.body, await readFile(`${root}/stock/base/24-MB04.json`, 'utf8'));
  assert.equal(JSON.parse(r.body).product.sku, '24-MB04');
  assert.match(r.headers.etag, /^"[0-9a-f]+-[0-9a-f]+"$/, 'strong');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  const again = await get(`${nginx.url}/stock/base/24-MB04.json`, { 'if-none-match': r.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers['cache-control'], 'public, max-age=30, stale-while-revalidate=60');
  const query = await get(`${nginx.url}/stock/base/24-MB04.json?v=3`);
  assert.equal(query.status, 200, 'a cache buster does not change the file');
});

test('CORS for the shop origin, on documents, 304s, 404s and preflights', async () => {
  const r = await get(`${nginx.url}/stock/base/24-WB05.json`, { origin: ORIGIN });
  assert.equal(r.headers['access-control-allow-origin'], ORIGIN);
  assert.match(r.headers['access-control-expose-headers'], /ETag/);
  const missing = await get(`${nginx.url}/stock/base/NOPE.json`, { origin: ORIGIN });
  assert.equal(missing.headers['access-control-allow-origin'], ORIGIN);
  const pre = await get(`${nginx.url}/stock/base/24-WB05.json`, { origin: ORIGIN, 'access-control-request-method': 'GET' }, 'OPTIONS');
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-origin'], ORIGIN);
  assert.match(pre.headers['access-control-allow-methods'], /GET/);
  const post = await get(`${nginx.url}/stock/base/24-WB05.json`, {}, 'POST');
  assert.equal(post.status, 405);
  assert.equal(JSON.parse(post.body).error, 'method_not_allowed');
});

test('SKUs with "/", "+", ",", "&", ":" and a space are found by the path the element requests', async () => {
  const files = await readdir(`${root}/stock/base`);
  for (const sku of EXPORTED) {
    assert.ok(files.includes(`${exportName(sku)}.json`), `export wrote ${sku} as ${exportName(sku)}.json: ${files.join(' ')}`);
    const p = elementPath('base', sku);
    const r = await get(`${nginx.url}${p}`);
    assert.equal(r.status, 200, `${sku} → ${p}`);
    assert.equal(JSON.parse(r.body).product.sku, sku, 'the document of that SKU');
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  }
  const doc = await readFile(`${root}/stock/base/24-MB04.json`, 'utf8');
  for (const sku of WRITTEN) {
    const r = await get(`${nginx.url}${elementPath('base', sku)}`);
    assert.equal(r.status, 200, sku);
    assert.equal(r.body, doc);
  }
  // Not another file: "MT07/S-GRN" is not a folder MT07, "A+B/C D" is not "A B/C D".
  assert.equal((await get(`${nginx.url}/stock/base/MT07/S-GRN.json`)).status, 404);
  assert.equal((await get(`${nginx.url}${elementPath('base', 'A B/C D')}`)).status, 404);
  await rm(`${root}/stock/base/${exportName('BAG 12')}.json`);
  assert.equal((await get(`${nginx.url}${elementPath('base', 'BAG 12')}`)).status, 404, 'gone when its file is gone');
});

test('unknown SKUs, websites and paths are JSON 404s; no directory listing, no way out of the folder', async () => {
  const paths = [
    '/stock/base/NOPE-404.json', '/stock/nope/24-MB04.json', '/stock/base/', '/stock/', '/stock/base',
    '/stock/base/24-MB04', '/stock/base/..%2F..%2Fetc%2Fpasswd.json', '/stock/..%2Fstock/base/24-MB04.json',
    '/stock/base/%2E%2E.json', '/', '/index.html', '/stock/base/24-MB04.json/',
  ];
  for (const p of paths) {
    const r = await get(`${nginx.url}${p}`);
    assert.equal(r.status, 404, p);
    assert.match(r.headers['content-type'], /^application\/json/, p);
    assert.equal(JSON.parse(r.body).error, 'not_found', p);
    assert.equal(r.headers['cache-control'], 'no-store', p);
    assert.doesNotMatch(r.body, /24-MB04\.json|Index of|root:/, p);
  }
});
