// `npm run bench:evaluate`: the full API's `evaluate(obj)` per call, on a few representative
// documents. `node bench/evaluate.mjs [dist]` times one build (default ./dist, or DIST);
// `BASELINE_DIST=/path/to/other/dist node bench/evaluate.mjs` loads both builds into this one process
// and alternates them round by round, so both see the same machine load. Medians only: these machines
// are shared and noisy. BENCH_ROUNDS (default 21) timed rounds after 2 warm-up rounds; each round times
// BENCH_CALLS (default 5,000) calls of one document in a row with each build, back to back. Besides the
// ratio of the two medians it prints the median of the per-round ratios, which pairs runs that saw the
// same load.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 21;
const CALLS = Number(process.env.BENCH_CALLS) || 5_000;
const currentDir = resolve(process.argv[2] ?? process.env.DIST ?? 'dist');
const baselineDir = process.env.BASELINE_DIST ? resolve(process.env.BASELINE_DIST) : null;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function load(dir) {
  // Each dist is its own module URL, so each keeps its own wasm instance.
  const glue = await import(new URL(`file://${dir}/salable.js`).href);
  glue.initSync({ module: new WebAssembly.Module(readFileSync(`${dir}/salable_bg.wasm`)) });
  return glue;
}

// ---- documents ---------------------------------------------------------------------------------------

/** The SPEC §10 example. */
const spec10 = {
  config: { backorders: 'no', only_x_left_threshold: 5 },
  product: {
    sku: '24-MB01',
    name: 'Joust Duffle Bag',
    qty_uses_decimals: false,
    overrides: { backorders: 'allow', out_of_stock_threshold: -50, notify_for_quantity_below: 10 },
    sources: [{ source_code: 'default', quantity: 25, status: 'in_stock', source_enabled: true, notify_for_quantity_below: null }],
    reservations: [{ quantity: -3, event: 'order_placed', order_id: '000000042' }],
  },
  requested_qty: 1,
  locale: 'en',
};

/** A product stocked in 20 sources (some disabled or out of stock, some low), with 6 reservations. */
const twentySources = {
  config: { backorders: 'allow_notify', only_x_left_threshold: 10, notify_for_quantity_below: 5, min_sale_qty: 1, max_sale_qty: 500 },
  product: {
    sku: 'MH01-XS-Black',
    name: 'Chaz Kangeroo Hoodie',
    qty_uses_decimals: false,
    overrides: { out_of_stock_threshold: -5 },
    sources: Array.from({ length: 20 }, (_, i) => ({
      source_code: `warehouse-${String(i).padStart(2, '0')}`,
      quantity: (i * 7) % 23,
      status: i % 6 === 5 ? 'out_of_stock' : 'in_stock',
      source_enabled: i % 9 !== 8,
      notify_for_quantity_below: i % 4 === 0 ? 3 : null,
    })),
    reservations: Array.from({ length: 6 }, (_, i) => ({ quantity: i % 3 === 2 ? 1 : -2, event: i % 3 === 2 ? 'order_canceled' : 'order_placed', order_id: `00000${100 + (i >> 1)}` })),
  },
  requested_qty: 3,
  locale: 'en',
};

/** The SPEC §10 example as a feed carries it: a 2 KB description and other fields we do not read. */
const withDescription = structuredClone(spec10);
Object.assign(withDescription.product, {
  description: ('<p>The sporty Joust Duffle Bag can\u2019t be beat - not in the gym, not on the luggage carousel, '
    + 'not anywhere. Big enough to haul a basketball or soccer ball and some sneakers with plenty of room to spare.</p>').repeat(10).slice(0, 2048),
  price: 34,
  image: '/media/catalog/product/m/b/mb01-blue-0.jpg',
  categories: ['Gear', 'Bags'],
});

const documents = [
  ['SPEC §10 example', spec10],
  ['20 sources, 6 reservations', twentySources],
  ['§10 + 2 KB description', withDescription],
];

// ---- run ---------------------------------------------------------------------------------------------

const builds = [['current', currentDir, await load(currentDir)]];
if (baselineDir) builds.unshift(['baseline', baselineDir, await load(baselineDir)]);

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const [name, dir] of builds) console.log(`${name}: ${dir}`);
console.log(`${ROUNDS} rounds of ${fmt(CALLS)} calls per document and build, after 2 warm-up rounds; builds alternate each round`);

// The builds must agree (keys the newer writer added, such as request.reason, aside).
for (const [label, doc] of documents) {
  const outs = builds.map(([, , api]) => api.evaluate(doc));
  if (outs.length === 2) {
    const strip = (o, keep) => ({ ...o, request: Object.fromEntries(Object.entries(o.request).filter(([k]) => k in keep.request)) });
    const [a, b] = [strip(outs[0], outs[1]), strip(outs[1], outs[0])];
    const onlyTop = Object.keys(outs[1]).filter((k) => !(k in outs[0]));
    for (const k of onlyTop) delete b[k];
    if (!isDeepStrictEqual(a, b)) {
      console.log(`disagree on ${label}:\n  baseline ${JSON.stringify(outs[0])}\n  current  ${JSON.stringify(outs[1])}`);
      process.exitCode = 1;
    }
  }
}

const time = (api, doc) => {
  const t = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) api.evaluate(doc);
  return Number(process.hrtime.bigint() - t) / CALLS;
};

const ns = new Map(); // `${doc}|${build}` → [ns per call, …]
for (let round = -2; round < ROUNDS; round++) {
  for (const [label, doc] of documents) {
    const order = round % 2 ? [...builds].reverse() : builds;
    for (const [name, , api] of order) {
      const perCall = time(api, doc);
      if (round >= 0) ns.set(`${label}|${name}`, [...(ns.get(`${label}|${name}`) ?? []), perCall]);
    }
  }
}

console.log();
const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);
console.log(`${pad('document', 28)}${pad('build', 10)}${padL('median ns/call', 15)}${padL('calls/s', 12)}   rounds (ns/call)`);
for (const [label] of documents) {
  for (const [name] of builds) {
    const runs = ns.get(`${label}|${name}`);
    const m = median(runs);
    console.log(`${pad(label, 28)}${pad(name, 10)}${padL(fmt(m), 15)}${padL(fmt(1e9 / m), 12)}   ${runs.map((r) => fmt(r)).join(', ')}`);
  }
  if (baselineDir) {
    const [b, c] = [ns.get(`${label}|baseline`), ns.get(`${label}|current`)];
    const ratio = median(b) / median(c);
    const paired = median(b.map((x, i) => x / c[i]));
    const verdict = (r) => (r >= 1 ? `current takes ${fmt((1 - 1 / r) * 100)}% less time per call` : `current takes ${fmt((1 / r - 1) * 100)}% more time per call`);
    console.log(`${pad('', 28)}baseline / current: ratio of medians ${ratio.toFixed(2)}×, median of per-round ratios ${paired.toFixed(2)}× (${verdict(paired)})`);
  }
}
