// `npm run bench`: evaluateCatalog (wasm) against plain JS on 100,000 generated products, in one
// Node process, alternating, after warm-up; then the module's instantiation time. Medians only:
// these machines are shared and noisy. The native criterion benchmark runs after (benches/).
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
let t = performance.now();
const catalog = generateCatalog({ products: PRODUCTS });
const text = JSON.stringify(catalog);
console.log(`catalog: ${fmt(PRODUCTS)} products, ${(text.length / 1e6).toFixed(1)} MB of JSON, generated in ${fmt(performance.now() - t)} ms (seed 20261127)`);
mkdirSync(`${root}/target`, { recursive: true });
writeFileSync(`${root}/target/bench-catalog.json`, text);

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

// Agreement first: the two must give the same answer for every product.
const fromWasm = JSON.parse(evaluateCatalog(text));
const fromJs = JSON.parse(evaluateCatalogJs(text));
let disagreements = 0;
for (let i = 0; i < fromJs.length; i++) {
  if (!isDeepStrictEqual(fromWasm[i], fromJs[i])) {
    if (disagreements++ < 3) console.log('disagree:', JSON.stringify(fromWasm[i]), '\n      js:', JSON.stringify(fromJs[i]));
  }
}
console.log(`agreement: ${fmt(fromJs.length - disagreements)} of ${fmt(fromJs.length)} products identical`);

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
console.log(`module instantiation: median ${median(instantiate).toFixed(2)} ms over ${instantiate.length}`);
if (disagreements) {
  console.error(`FAILED: ${disagreements} products disagree`);
  process.exit(1);
}
