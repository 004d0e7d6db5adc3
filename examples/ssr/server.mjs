// A server-rendered product page (SPEC §15): the shop's server calls the core's renderHtml, so the
// first paint already says "In stock" / "Out of stock — Expected back …" with no script at all; the
// JSON-LD Offer comes from the same answer; <stock-status> then adopts the markup and refreshes it
// from the feed in the background. Everything runs under a strict CSP (no inline script but the
// JSON-LD data block, no inline style).
//
//   npm run example:ssr        # builds dist/, then serves http://localhost:8081/ (PORT=… to change)
//
// `createSsrExample()` is also what the demo server mounts at /ssr/ and what the tests start.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The page's policy: scripts only from here (and wasm), styles only from files, nothing inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A date `days` from now, ISO YYYY-MM-DD (the example's restock dates stay in the future). */
export function isoDaysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

/** The example's catalog: sku → input document (SPEC §10). Change one and the page follows. */
export function exampleFeeds() {
  const joust = JSON.parse(readFileSync(`${root}/www/products/joust-duffle-bag.json`, 'utf8'));
  // In-store pickup (SPEC §17): three stores with different shelves, and a warehouse.
  const mug = JSON.parse(readFileSync(`${root}/www/products/stoneware-mug.json`, 'utf8'));
  return new Map([
    ['MUG-01', mug],
    ['24-MB01', joust],
    ['24-MB04', {
      config: { backorders: 'no', only_x_left_threshold: 5 },
      product: {
        sku: '24-MB04', name: 'Strive Shoulder Pack', price: { amount: 32, currency: 'EUR' },
        sources: [{ source_code: 'paris', quantity: 0, status: 'in_stock' }],
        restock_date: isoDaysFromNow(40),
      },
    }],
    ['MH01', {
      config: { backorders: 'allow_notify' },
      product: {
        sku: 'MH01', name: 'Chaz Kangeroo Hoodie', price: { amount: 52, currency: 'EUR' },
        sources: [{ source_code: 'paris', quantity: 2, status: 'in_stock' }],
        restock_date: isoDaysFromNow(20),
      },
      requested_qty: 5,
    }],
  ]);
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Loads the full API (dist/salable.js) once, synchronously. */
async function loadApi(dist) {
  const api = await import(`${dist}/salable.js`);
  api.initSync({ module: readFileSync(`${dist}/salable_bg.wasm`) });
  return api;
}

/**
 * The example as a request handler: `GET {base}/` lists the products, `{base}/product/{sku}` is a
 * product page, `{base}/stock/{sku}.json` its feed, `{base}/dist/…` the built element, `{base}/page.css`.
 * Returns false for what it does not serve.
 */
export async function createSsrExample({ base = '', dist = `${root}/dist`, feeds = exampleFeeds(), today = () => new Date().toISOString().slice(0, 10) } = {}) {
  const { renderHtml } = await loadApi(dist);
  const assets = sirv(dist, { dev: true, etag: true });

  function page(sku, locale, near) {
    const doc = feeds.get(sku);
    if (!doc) return null;
    const { html, json_ld } = renderHtml(doc, {
      src: `${base}/stock/${encodeURIComponent(sku)}.json`,
      stylesheet: `${base}/dist/stock-status.css`,
      locale,
      // The shopper's rough position, as the page knows it (a city picked, say): pickup stores
      // nearest first (SPEC §17), in the first paint too.
      near,
      today: today(),
      json_ld: true,
    });
    const price = doc.product.price ? `${doc.product.price.amount.toFixed(2)} ${doc.product.price.currency}` : '';
    return `<!doctype html>
<html lang="${escape(locale ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.product.name ?? sku)} — salable SSR example</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/page.css">
<script type="module" src="${base}/dist/stock-status.js"></script>
${json_ld}
</head>
<body>
<header><nav><a href="${base}/">All products</a><a href="${base}/product/${encodeURIComponent(sku)}?locale=fr">Français</a><a href="${base}/product/${encodeURIComponent(sku)}?locale=en-GB">English (UK)</a></nav></header>
<main>
<article class="product">
<h1>${escape(doc.product.name ?? sku)}</h1>
<p class="price">${escape(price)}</p>
${html}
<p class="note">Rendered on the server by <code>renderHtml</code>: this line and the one above are there before any script runs.</p>
</article>
</main>
</body>
</html>`;
  }

  function index() {
    const items = [...feeds.keys()].map((sku) => `<li><a href="${base}/product/${encodeURIComponent(sku)}">${escape(feeds.get(sku).product.name ?? sku)}</a></li>`).join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>salable SSR example</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${base}/page.css"></head>
<body><main><h1>Server-rendered product pages</h1><ul>${items}</ul></main></body></html>`;
  }

  return function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(`${base}/`) && url.pathname !== base) return false;
    const path = url.pathname.slice(base.length) || '/';
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const send = (status, type, body, extra = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(body);
    };
    let m;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed'), true;
    if (path === '/') return send(200, 'text/html; charset=utf-8', index()), true;
    if (path === '/page.css') return send(200, 'text/css', readFileSync(fileURLToPath(new URL('page.css', import.meta.url)))), true;
    if ((m = /^\/product\/([^/]+)$/.exec(path))) {
      const html = page(decodeURIComponent(m[1]), url.searchParams.get('locale') ?? undefined, url.searchParams.get('near') ?? undefined);
      return html ? send(200, 'text/html; charset=utf-8', html) : send(404, 'text/plain', 'no such product'), true;
    }
    if ((m = /^\/stock\/([^/]+)\.json$/.exec(path))) {
      const doc = feeds.get(decodeURIComponent(m[1]));
      return doc ? send(200, 'application/json', JSON.stringify(doc)) : send(404, 'application/json', '{"error":"not_found"}'), true;
    }
    if (path.startsWith('/dist/')) {
      req.url = path.slice('/dist'.length);
      assets(req, res, () => send(404, 'text/plain', 'not found'));
      return true;
    }
    return false;
  };
}

/** Starts the example on its own server; resolves with the http.Server. */
export async function startSsrExample(port = Number(process.env.PORT) || 8081, host = process.env.HOST, options = {}) {
  const handle = await createSsrExample(options);
  const server = http.createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startSsrExample();
  const { port } = server.address();
  console.log(`salable SSR example: http://localhost:${port}/  (try /product/24-MB04 with JavaScript off; Ctrl+C to stop)`);
}
