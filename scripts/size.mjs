// `npm run size`: what a product page downloads for <stock-status>, file by file, gzip -9 and
// brotli. Fails above the budget. The full API (salable.js) is listed for information: the element
// never loads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 35_000; // bytes, gzip -9, everything the element downloads (issue #4)
// A configurable, bundle or grouped product's page, or one with in-store pickup, loads the element's
// second module instead of the first (SPEC §13, §17; BENCHMARKS.md says why it is a module of its
// own), and with pickup the pickup part. Its own ceiling, so it cannot creep either: 55 KB until
// pickup, whose reading, rule, trigonometry and list cost 10 KB more, then 64 KB once the
// trigonometry was cut to the range distances need (BENCHMARKS.md, "In-store pickup").
const COMPOSITE_BUDGET_GZIP = 64_000;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

const measure = (file) => {
  const bytes = readFileSync(dist + file);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const kb = (n) => (n / 1000).toFixed(1).padStart(6) + ' KB';
const row = (r) => `${r.file.padEnd(30)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`;

const element = ['stock-status.js', 'stock-status-element.js', 'stock-status-core_bg.wasm'].map(measure);
const total = element.reduce((t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

console.log(`${'what the element downloads'.padEnd(30)}${'raw'.padStart(9)}${'gzip -9'.padStart(9)}${'brotli'.padStart(9)}`);
element.forEach((r) => console.log(row(r)));
console.log(row(total));
// The second module's page at its largest: with in-store pickup (SPEC §17), the pickup part too.
const composite = ['stock-status.js', 'stock-status-element.js', 'stock-status-composite.js', 'stock-status-composite_bg.wasm', 'stock-status-pickup.js'].map(measure);
const compositeTotal = composite.reduce((t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log('\na configurable, bundle or grouped product\'s page, or one with in-store pickup, instead:');
composite.forEach((r) => console.log(row(r)));
console.log(row(compositeTotal));
console.log('\nfull API, not loaded by the element:');
['salable.js', 'salable_bg.wasm'].map(measure).forEach((r) => console.log(row(r)));

const ok = total.gzip <= BUDGET_GZIP && compositeTotal.gzip <= COMPOSITE_BUDGET_GZIP;
console.log(`\nbudget: ${kb(total.gzip).trim()} gzipped of ${kb(BUDGET_GZIP).trim()}: ${total.gzip <= BUDGET_GZIP ? 'ok' : 'OVER BUDGET'}`);
console.log(`composite pages: ${kb(compositeTotal.gzip).trim()} gzipped of ${kb(COMPOSITE_BUDGET_GZIP).trim()}: ${compositeTotal.gzip <= COMPOSITE_BUDGET_GZIP ? 'ok' : 'OVER BUDGET'}`);
process.exit(ok ? 0 : 1);
