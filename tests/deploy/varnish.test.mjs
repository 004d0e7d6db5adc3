// deploy/varnish/salable.vcl in real varnishd, in front of the real salable-bridge and the fake
// Magento (through a counting tap), all on loopback: coalescing, grace, stale-if-error, 304, and
// what is and is not cached. Counts come from Varnish's own counters (varnishstat) and from the
// requests the tap saw reaching Magento. Timings use short max-age/grace windows and poll.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildBridge, get, startBridge, startFakeMagento, startMagentoTap, startVarnish } from './processes.mjs';

/** The test's VCL edits: probe every 500 ms, and a stale-if-error window of `keep`. */
const vclEdits = (keep = '3600s') => [
  ['.interval = 5s;', '.interval = 500ms;'],
  ['.timeout = 2s;', '.timeout = 400ms;'],
  ['set beresp.grace = beresp.grace + 3600s;', `set beresp.grace = beresp.grace + ${keep};`],
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it returns true, up to `ms`. */
async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail(`timed out after ${ms} ms waiting for ${what}`);
}

let fake;
let tap;
let bridge;
let varnish;
const stack = [];

before(async () => {
  buildBridge();
  fake = await startFakeMagento();
  stack.push(fake);
  tap = await startMagentoTap(fake.url);
  stack.push(tap);
  // max-age 2 s, stale-while-revalidate 30 s: the grace test's stale answer stays within grace.
  bridge = await startBridge(tap.url, fake.token, ['--max-age', '2', '--stale-while-revalidate', '30']);
  stack.push(bridge);
  varnish = await startVarnish(bridge.url, vclEdits());
  stack.push(varnish);
});

after(async () => {
  for (const p of stack.reverse()) await p.stop().catch(() => {});
});

test('1,000 concurrent requests for one cold SKU make one bridge request and one set of Magento calls', async () => {
  tap.reset();
  tap.delayMs = 300; // a slow Magento: every request arrives while the one fetch is in flight
  const n = varnish.counters();
  const bridgeBefore = n('MAIN.backend_req');
  const url = `${varnish.url}/stock/base/24-MB01.json`;
  const answers = await Promise.all(Array.from({ length: 1000 }, () => get(url)));
  tap.delayMs = 0;
  assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
  assert.equal(new Set(answers.map((a) => a.body)).size, 1, 'one document for all');
  assert.equal(new Set(answers.map((a) => a.headers.etag)).size, 1);
  assert.equal(answers.filter((a) => a.headers['x-cache'] === 'MISS').length, 1, 'one miss, the rest waited for it');
  assert.equal(varnish.counters()('MAIN.backend_req') - bridgeBefore, 1, 'one request reached the bridge');
  // At most one set: no call beyond those one request makes to a cold bridge of its own (which
  // also detects the inventory mode, as this bridge did when it started).
  const burst = new Map(tap.counts);
  const alone = await startMagentoTap(fake.url);
  const coldBridge = await startBridge(alone.url, fake.token);
  try {
    assert.equal((await get(`${coldBridge.url}/stock/base/24-MB01.json`)).status, 200);
    for (const [target, count] of burst) {
      assert.ok(count <= (alone.counts.get(target) ?? 0), `${target}: ${count} calls for 1,000 requests, ${alone.counts.get(target) ?? 0} for one`);
    }
    assert.equal(productReads(burst, '24-MB01'), 1, 'the product was read once');
  } finally {
    await coldBridge.stop();
    await alone.stop();
  }
});

/** Calls that read `sku`'s product (`/rest/{store}/V1/products/{sku}`). */
function productReads(counts, sku) {
  return [...counts].filter(([t]) => new RegExp(`/V1/products/${sku}(\\?|$)`).test(t)).reduce((n, [, c]) => n + c, 0);
}

test('after max-age a request is answered at once from grace while one background fetch refreshes it', async () => {
  const url = `${varnish.url}/stock/base/24-MB04.json`;
  const first = await get(url);
  assert.equal(first.status, 200);
  const fetchedAt = Date.now();
  const bridgeCalls = varnish.counters()('MAIN.backend_req');
  const bgBefore = varnish.counters()('MAIN.s_bgfetch');
  assert.equal((await get(url)).headers['x-cache'], 'HIT');
  // Past max-age (2 s) on Varnish's clock, with Magento now taking 1.5 s to answer the refresh.
  await sleep(Math.max(0, fetchedAt + 2300 - Date.now()));
  tap.reset();
  tap.delayMs = 1500;
  try {
    const stale = await get(url);
    assert.equal(stale.status, 200);
    assert.equal(stale.headers['x-cache'], 'STALE');
    assert.equal(stale.body, first.body);
    assert.ok(stale.ms < 750, `answered at once, not after Magento's 1.5 s (${stale.ms.toFixed(0)} ms)`);
    assert.equal(stale.headers['cache-control'], 'public, max-age=0, must-revalidate', 'browsers do not keep a stale answer');
    // More shoppers during the refresh: all answered from grace, none starts another fetch.
    const during = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    for (const d of during) {
      assert.equal(d.headers['x-cache'], 'STALE');
      assert.ok(d.ms < 750, `${d.ms.toFixed(0)} ms`);
    }
    await until(async () => (await get(url)).headers['x-cache'] === 'HIT', 8000, 'the refreshed document');
    assert.equal(varnish.counters()('MAIN.s_bgfetch'), bgBefore + 1, 'one background fetch');
    assert.equal(varnish.counters()('MAIN.backend_req') - bridgeCalls, 1, 'one bridge request for the refresh');
    assert.equal(productReads(tap.counts, '24-MB04'), 1, 'the bridge read the product once');
    const fresh = await get(url);
    assert.equal(fresh.headers['x-cache'], 'HIT');
    assert.ok(Number(fresh.headers.age) <= 2, `fresh again (Age ${fresh.headers.age})`);
    assert.match(fresh.headers['cache-control'], /^public, max-age=2, stale-while-revalidate=30$/);
  } finally {
    tap.delayMs = 0;
  }
});

test('a 304 on If-None-Match, with the ETag; a different ETag gets the document', async () => {
  const url = `${varnish.url}/stock/eu/FAB-LIN-M.json`;
  const doc = await get(url);
  assert.equal(doc.status, 200);
  assert.match(doc.headers.etag, /^"[0-9a-f]{32}"$/, 'a strong ETag, as the bridge made it');
  const same = await get(url, { 'if-none-match': doc.headers.etag });
  assert.equal(same.status, 304);
  assert.equal(same.body, '');
  assert.equal(same.headers.etag, doc.headers.etag);
  assert.equal(same.headers['x-cache'], 'HIT');
  const other = await get(url, { 'if-none-match': '"0000"' });
  assert.equal(other.status, 200);
  assert.equal(other.body, doc.body);
});

test('only GET/HEAD under /stock/ is cached: query strings and cookies are ignored, /healthz and 404s pass, 5xx is never kept', async () => {
  const url = `${varnish.url}/stock/base/24-MB04.json`;
  await get(url);
  const warm = await get(url);
  assert.match(warm.headers['x-cache'], /HIT|STALE/);
  const before = varnish.counters()('MAIN.backend_req');
  for (const variant of [`${url}?utm_source=mail&_=123`, url]) {
    const r = await get(variant, { cookie: 'PHPSESSID=abc; form_key=x' });
    assert.equal(r.status, 200);
    assert.equal(r.body, warm.body);
    assert.match(r.headers['x-cache'], /HIT|STALE/, variant);
  }
  const head = await get(url, {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.match(head.headers['x-cache'], /HIT|STALE/);
  assert.equal(varnish.counters()('MAIN.backend_req'), before, 'none of these reached the bridge');

  // The markup fragment: only the parameters it reads count, in any order.
  const a = await get(`${varnish.url}/stock/base/24-MB04.html?utm_source=x&qty=2&locale=en`);
  const b = await get(`${varnish.url}/stock/base/24-MB04.html?locale=en&qty=2&fbclid=y`);
  assert.equal(a.status, 200);
  assert.equal(b.body, a.body);
  assert.equal(b.headers['x-cache'], 'HIT');
  const c = await get(`${varnish.url}/stock/base/24-MB04.html?locale=fr&qty=2`);
  assert.equal(c.headers['x-cache'], 'MISS', 'another locale is another answer');

  const health = await get(`${varnish.url}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(health.headers['x-cache'], 'PASS');
  assert.equal(JSON.parse(health.body).status !== undefined, true);

  for (let i = 0; i < 2; i++) {
    const missing = await get(`${varnish.url}/stock/base/NOPE-404.json`);
    assert.equal(missing.status, 404);
    assert.equal(JSON.parse(missing.body).error, 'not_found');
    assert.notEqual(missing.headers['x-cache'], 'HIT');
  }
  const post = await get(url, {}, 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers['x-cache'], 'PASS');

  // Magento down for a SKU nobody asked for yet: the bridge's 502 is passed on, and not kept.
  tap.down = true;
  try {
    const before5xx = varnish.counters()('MAIN.backend_req');
    for (let i = 0; i < 2; i++) {
      const r = await get(`${varnish.url}/stock/base/24-WB05.json`);
      assert.equal(r.status, 502);
      assert.equal(JSON.parse(r.body).error, 'upstream_error');
      assert.equal(r.headers['cache-control'], 'no-store');
      await sleep(1100); // past the 1 s in which Varnish sends such a URL straight to the bridge
    }
    assert.equal(varnish.counters()('MAIN.backend_req') - before5xx, 2, 'each 502 came from the bridge, none from the cache');
  } finally {
    tap.down = false;
  }
  const back = await get(`${varnish.url}/stock/base/24-WB05.json`);
  assert.equal(back.status, 200, 'Magento back: the document is fetched and served');
});

test('with the bridge killed, the last good document is served within the keep window, then an error, never the old document past it', async () => {
  // Its own bridge and Varnish: max-age 1 s, stale-while-revalidate 1 s, keep window 4 s.
  const ownBridge = await startBridge(tap.url, fake.token, ['--max-age', '1', '--stale-while-revalidate', '1']);
  const ownVarnish = await startVarnish(ownBridge.url, vclEdits('4s'));
  try {
    const url = `${ownVarnish.url}/stock/base/24-MB04.json`;
    await until(async () => (await get(`${ownVarnish.url}/healthz`)).status === 200, 5000, 'the bridge behind Varnish');
    const good = await get(url);
    assert.equal(good.status, 200);
    assert.equal(JSON.parse(good.body).product.sources.length > 0, true);
    const t0 = Date.now();
    ownBridge.process.kill('SIGKILL');
    await new Promise((r) => ownBridge.process.once('exit', r));
    const seen = [];
    // Every 100 ms until the error has shown three times in a row, at most 12 s.
    while (Date.now() - t0 < 12000) {
      const sent = Date.now() - t0;
      const r = await get(url);
      seen.push({ sent, status: r.status, cache: r.headers['x-cache'], body: r.body });
      if (seen.length >= 3 && seen.slice(-3).every((s) => s.status !== 200)) break;
      await sleep(100);
    }
    const limit = 1000 + 1000 + 4000; // max-age + stale-while-revalidate + keep window
    const served = seen.filter((s) => s.status === 200);
    for (const s of served) {
      assert.equal(s.body, good.body, 'only the last good document');
      assert.ok(s.sent <= limit + 250, `a document served ${s.sent} ms after the last good fetch, past the ${limit} ms window`);
    }
    assert.ok(served.some((s) => s.sent > 2000 && s.cache === 'STALE'), 'served from the keep window, past stale-while-revalidate');
    for (const s of seen.filter((s) => s.sent < limit - 500)) {
      assert.equal(s.status, 200, `inside the window: ${JSON.stringify(seen.map((x) => [x.sent, x.status, x.cache]))}`);
    }
    const firstError = seen.findIndex((s) => s.status !== 200);
    assert.ok(firstError > 0, 'the window ended with an error');
    for (const s of seen.slice(firstError)) {
      assert.equal(s.status, 503);
      assert.deepEqual(Object.keys(JSON.parse(s.body)), ['error', 'message']);
      assert.equal(JSON.parse(s.body).error, 'upstream_unavailable');
    }
    assert.ok(seen[firstError].sent <= limit + 1500, `the error came ${seen[firstError].sent} ms after the last good fetch`);
  } finally {
    await ownVarnish.stop();
    await ownBridge.stop();
  }
});
