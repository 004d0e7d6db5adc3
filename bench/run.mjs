// `npm run bench`: evaluateCatalog (wasm) against plain JS on 100,000 generated products, in one
// Node process, alternating, after warm-up; then the module's instantiation time. With
// BENCH_COMPOSITE=0.2, a second catalog where 20% of the products are configurable, same process.
// Medians only: these machines are shared and noisy. The native criterion benchmark runs after (benches/).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import { generateCatalog } from './catalog.mjs';
import { evaluateCatalogJs } from './reference.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PRODUCTS = Number(process.env.BENCH_PRODUCTS) || 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 9;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const { initSync, evaluateCatalog } = await import(`${root}/dist/salable.js`);
const wasmBytes = readFileSync(`${root}/dist/salable_bg.wasm`);

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
let t;
// BENCH_COMPOSITE=0.2: a second pass in the same process on a mixed catalog, that share of the
// products being configurable parents with 3–12 children (bench/catalog.mjs).
const COMPOSITE = Number(process.env.BENCH_COMPOSITE) || 0;
// Instantiation: compile + instantiate, each time into a fresh copy of the glue (a new module URL),
// since the glue keeps its first instance.
const instantiate = [];
for (let i = 0; i < 15; i++) {
  const glue = await import(`${root}/dist/salable.js?instance=${i}`);
  t = performance.now();
  glue.initSync({ module: new WebAssembly.Module(wasmBytes) });
  instantiate.push(performance.now() - t);
}
initSync({ module: new WebAssembly.Module(wasmBytes) });

/** One catalog: generate, check agreement, then time both, alternating. */
function bench(label, options, file) {
  let t = performance.now();
  let catalog = generateCatalog({ products: PRODUCTS, ...options });
  const text = JSON.stringify(catalog);
  const children = catalog.products.reduce((n, p) => n + (p.children?.length ?? 0), 0);
  const parents = catalog.products.filter((p) => p.type === 'configurable').length;
  const mix = parents ? ` (${fmt(parents)} configurable with ${fmt(children)} children in all)` : '';
  console.log(`\n${label}\ncatalog: ${fmt(PRODUCTS)} products${mix}, ${(text.length / 1e6).toFixed(1)} MB of JSON, generated in ${fmt(performance.now() - t)} ms (seed 20261127)`);
  if (file) writeFileSync(`${root}/target/${file}`, text);
  catalog = null; // only the text is timed: free the objects

  // Agreement first: the two must give the same answer for every product.
  let fromWasm = JSON.parse(evaluateCatalog(text));
  let fromJs = JSON.parse(evaluateCatalogJs(text));
  let disagreements = 0;
  for (let i = 0; i < fromJs.length; i++) {
    if (!isDeepStrictEqual(fromWasm[i], fromJs[i])) {
      if (disagreements++ < 3) console.log('disagree:', JSON.stringify(fromWasm[i]), '\n      js:', JSON.stringify(fromJs[i]));
    }
  }
  console.log(`agreement: ${fmt(fromJs.length - disagreements)} of ${fmt(fromJs.length)} products identical`);
  fromWasm = fromJs = null;

  const runs = { wasm: [], js: [] };
  const once = { wasm: () => evaluateCatalog(text), js: () => evaluateCatalogJs(text) };
  for (let i = 0; i < 2; i++) { once.wasm(); once.js(); } // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    for (const name of i % 2 ? ['js', 'wasm'] : ['wasm', 'js']) {
      t = performance.now();
      once[name]();
      runs[name].push(performance.now() - t);
    }
  }
  const wasmMs = median(runs.wasm);
  const jsMs = median(runs.js);
  console.log(`\nevaluateCatalog (wasm): median ${fmt(wasmMs)} ms → ${fmt(PRODUCTS / (wasmMs / 1000))} products/s  (runs: ${runs.wasm.map(fmt).join(', ')})`);
  console.log(`plain JS reference:     median ${fmt(jsMs)} ms → ${fmt(PRODUCTS / (jsMs / 1000))} products/s  (runs: ${runs.js.map(fmt).join(', ')})`);
  console.log(`ratio of medians: ${(jsMs / wasmMs).toFixed(2)}× (goal ≥ 1.5×)`);
  return { wasmMs, jsMs, disagreements };
}

mkdirSync(`${root}/target`, { recursive: true });
const results = [bench('simple products only', {}, 'bench-catalog.json')];
if (COMPOSITE) results.push(bench(`${Math.round(COMPOSITE * 100)}% configurable products`, { composite: COMPOSITE }, null));
console.log(`\nmodule instantiation: median ${median(instantiate).toFixed(2)} ms over ${instantiate.length}`);
if (COMPOSITE) {
  const [simple, mixed] = results;
  console.log(`ratios of medians: simple only ${(simple.jsMs / simple.wasmMs).toFixed(2)}×, with ${Math.round(COMPOSITE * 100)}% configurable ${(mixed.jsMs / mixed.wasmMs).toFixed(2)}×`);
}
const disagreements = results.reduce((n, r) => n + r.disagreements, 0);
if (disagreements) {
  console.error(`FAILED: ${disagreements} products disagree`);
  process.exit(1);
}
