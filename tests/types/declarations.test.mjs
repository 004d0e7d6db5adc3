// The full API's TypeScript declarations (dist/salable.d.ts, written from the `typescript_custom_section`
// constants of src/contract/, one per document family) against what the module actually reads and
// writes (issue 8, item 3).
//
// Every input the module accepts here and every value it returns (evaluate, evaluateJson,
// stockFigures, effectiveSettings, applyEvent, evaluateCatalog) is written into a generated .ts file
// as `const x: Type = <the literal>`, and every document the reader refuses as the same under
// `// @ts-expect-error`. tsc then fails on: an output key the .d.ts lacks (excess-property check), a
// declared key the writer does not write, a value outside a declared union, an accepted input the
// types refuse, and a refused input the types accept. Needs dist/ (scripts/build.sh); SALABLE_DIST
// points it at another build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = process.env.SALABLE_DIST ?? join(root, 'dist');
const api = await import(join(dist, 'salable.js'));
api.initSync({ module: readFileSync(join(dist, 'salable_bg.wasm')) });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// ---- inputs ----------------------------------------------------------------------------------------

const spec10 = {
  config: { backorders: 'no', only_x_left_threshold: 5 },
  product: {
    sku: '24-MB01',
    name: 'Joust Duffle Bag',
    qty_uses_decimals: false,
    overrides: { backorders: 'allow', out_of_stock_threshold: -50, notify_for_quantity_below: 10 },
    sources: [
      { source_code: 'default', quantity: 25, status: 'in_stock', source_enabled: true, notify_for_quantity_below: null },
    ],
    reservations: [{ quantity: -3, event: 'order_placed', order_id: '000000042' }],
  },
  requested_qty: 1,
  locale: 'en',
};

const product = (sku, sources, extra = {}) => ({ sku, sources, ...extra });
const src = (source_code, quantity, status = 'in_stock', extra = {}) => ({ source_code, quantity, status, ...extra });

/** Documents chosen to reach every branch of the output: each union member, each nullable key filled. */
const rich = {
  spec10,
  backordersNotify: {
    config: { backorders: 'allow_notify' },
    product: product('MH01', [src('default', 0)], { name: 'Chaz Kangeroo Hoodie' }),
    requested_qty: 3,
  },
  backordersNotifyPartly: {
    config: { backorders: 2, out_of_stock_threshold: -10 },
    product: product('MH02', [src('default', 2)], { name: 'Teton Pullover Hoodie' }),
    requested_qty: 6,
    locale: 'fr',
  },
  onlyXLeft: {
    config: { only_x_left_threshold: 5 },
    product: product('WS03', [src('default', 3)]),
  },
  refusedMin: {
    config: { min_sale_qty: 2 },
    product: product('MS04', [src('default', 10)]),
    requested_qty: 1,
  },
  refusedMaxDecimals: {
    config: { max_sale_qty: 5 },
    product: product('MS05', [src('default', 10)]),
    requested_qty: 7.5,
  },
  refusedIncrements: {
    product: product('MS06', [src('default', 10)], { overrides: { enable_qty_increments: true, qty_increments: 4 } }),
    requested_qty: 6,
  },
  refusedOnlyXofY: {
    config: { not_available_message: 'only_x_of_y_available', backorders: 0 },
    product: product('MS07', [src('default', 4)], { overrides: { min_sale_qty: 0, max_sale_qty: 0 } }),
    requested_qty: 9,
    locale: 'fr-CA',
  },
  notAssigned: { product: product('MS08', []) },
  outOfStock: {
    product: product('MS09', [src('a', 10, 'out_of_stock'), src('b', 3, 0), src('c', 7, 1, { source_enabled: false })]),
    requested_qty: null,
  },
  hidden: {
    config: { display_stock_status: false },
    product: product('MS10', [src('default', 1)]),
  },
  unmanaged: {
    config: { manage_stock: false },
    product: product('MS11', [src('default', 0, 'out_of_stock')], { overrides: { manage_stock: false } }),
  },
  lowStockSources: {
    config: { notify_for_quantity_below: 5, only_x_left_threshold: 100 },
    product: product(
      'MS12',
      [
        src('eu-1', 2.5, 'in_stock', { notify_for_quantity_below: 3 }),
        src('eu-2', 4, 1),
        src('eu-3', 1, 'in_stock', { notify_for_quantity_below: 1 }),
        src('eu-4', 1, 'out_of_stock'),
        src('us-1', 2, 'in_stock', { source_enabled: false }),
        src('us-2', 40, 'in_stock', { notify_for_quantity_below: null, bin: 'A-12' }),
      ],
      {
        qty_uses_decimals: true,
        reservations: [
          { quantity: -1.5, event: 'order_placed', order_id: '100' },
          { quantity: 0.5, event: 'order_canceled', order_id: '100', created_at: '2026-11-27' },
          { quantity: -2 },
        ],
        price: 42,
        attributes: { color: 'red' },
      },
    ),
    requested_qty: 1.5,
    feed_version: 3,
  },
  manySources: {
    product: product(
      'MS13',
      Array.from({ length: 20 }, (_, i) => src(`src-${i}`, i % 5, i % 3 ? 'in_stock' : 'out_of_stock')),
    ),
    requested_qty: 2,
  },
};

/** [label, text, qty] for evaluateJson: the element passes `qty` as typed. */
const jsonCalls = [
  ['qty "abc"', JSON.stringify(spec10), 'abc'],
  ['qty "0"', JSON.stringify(rich.onlyXLeft), '0'],
  ['qty "-1"', JSON.stringify(rich.backordersNotify), '-1'],
  ['qty "2.5", locale fr-CA', JSON.stringify(rich.lowStockSources), '2.5', 'fr-CA'],
  ['no qty', JSON.stringify(rich.hidden)],
];

const cases = JSON.parse(readFileSync(join(root, 'tests/conformance/magento-cases.json'), 'utf8'));

// ---- documents the reader refuses and the types must refuse too ------------------------------------

const with_ = (edit) => {
  const doc = structuredClone(spec10);
  edit(doc);
  return doc;
};
const refusedDocuments = {
  'backorders: 3': with_((d) => { d.config.backorders = 3; }),
  'status: "maybe"': with_((d) => { d.product.sources[0].status = 'maybe'; }),
  'status: "1"': with_((d) => { d.product.sources[0].status = '1'; }),
  'quantity: "ten"': with_((d) => { d.product.sources[0].quantity = 'ten'; }),
  'missing sku': with_((d) => { delete d.product.sku; }),
  'missing sources': with_((d) => { delete d.product.sources; }),
  'missing product': with_((d) => { delete d.product; }),
  'sku: 42': with_((d) => { d.product.sku = 42; }),
  'requested_qty: "2"': with_((d) => { d.requested_qty = '2'; }),
  'locale: 5': with_((d) => { d.locale = 5; }),
  'manage_stock: "yes"': with_((d) => { d.product.overrides.manage_stock = 'yes'; }),
  'qty_uses_decimals: "true"': with_((d) => { d.product.qty_uses_decimals = 'true'; }),
  'not_available_message: "sorry"': with_((d) => { d.config.not_available_message = 'sorry'; }),
  'reservation order_id: 42': with_((d) => { d.product.reservations[0].order_id = 42; }),
  'reservation without quantity': with_((d) => { delete d.product.reservations[0].quantity; }),
  'sources: {}': with_((d) => { d.product.sources = {}; }),
};
const refusedEvents = {
  'type: "order_shipped"': { type: 'order_shipped', qty: 1, order_id: '1' },
  'qty: "2"': { type: 'order_placed', qty: '2', order_id: '1' },
  'missing order_id': { type: 'order_placed', qty: 1 },
  'order_id: 5': { type: 'order_placed', qty: 1, order_id: 5 },
  'missing type': { qty: 1, order_id: '1' },
};

// ---- known disagreements -----------------------------------------------------------------------------
// Documents the reader ACCEPTS but the .d.ts refuses. They are the lead's to fix in src/contract/
// (widen the types, e.g. `name?: string | null`, or make the reader refuse them); until then each is
// reported as a TODO, not a failure. An entry that stops disagreeing fails the test: move it to the
// accepted samples (types widened) or to refusedDocuments (reader tightened).
// The reader accepts these; the declarations must too.
const nullsAndExtras = {
  'product.name: null': with_((d) => { d.product.name = null; }),
  'config: null': with_((d) => { d.config = null; }),
  'product.reservations: null': with_((d) => { d.product.reservations = null; }),
  'product.overrides: null': with_((d) => { d.product.overrides = null; }),
  'overrides.backorders: null': with_((d) => { d.product.overrides.backorders = null; }),
  'config.only_x_left_threshold: null': with_((d) => { d.config.only_x_left_threshold = null; }),
  'source_enabled: null': with_((d) => { d.product.sources[0].source_enabled = null; }),
  'locale: null': with_((d) => { d.locale = null; }),
  'unknown key in config (use_config_min_qty)': with_((d) => { d.config.use_config_min_qty = true; }),
  'unknown key in overrides (use_config_backorders)': with_((d) => { d.product.overrides.use_config_backorders = false; }),
};
const eventNullsAndExtras = {
  'event source_code: null': { type: 'order_placed', qty: 1, order_id: '7', source_code: null },
  'unknown key in event (created_at)': { type: 'order_placed', qty: 1, order_id: '7', created_at: '2026-11-27' },
};

// ---- running the module ------------------------------------------------------------------------------

const samples = []; // { type, label, value, expectError?, known? }
const add = (type, label, value, extra = {}) => samples.push({ type, label, value, ...extra });

const inputs = [
  ...cases.map((c) => [`conformance ${c.id}`, c.input]),
  ...Object.entries(rich).map(([k, v]) => [k, v]),
];
const outputs = [];
for (const [label, input] of inputs) {
  add('StockInput', label, input);
  const out = api.evaluate(input);
  outputs.push([label, out]);
  add('StockOutput', `evaluate(${label})`, out);
  add('StockFigures', `stockFigures(${label})`, api.stockFigures(input));
  add('EffectiveSettings', `effectiveSettings(${label})`, api.effectiveSettings(input));
}
for (const [label, text, qty, locale] of jsonCalls) {
  const out = JSON.parse(api.evaluateJson(text, qty, locale));
  outputs.push([`evaluateJson ${label}`, out]);
  add('StockOutput', `evaluateJson(${label})`, out);
}

const events = [
  ['order_placed', { type: 'order_placed', qty: 2, order_id: '000000043' }],
  ['order_canceled', { type: 'order_canceled', qty: 1, order_id: '000000042' }],
  ['shipment_created', { type: 'shipment_created', qty: 2, order_id: '000000042', source_code: 'default' }],
];
let ledgerDoc = spec10;
for (const [label, event] of events) {
  add('StockEvent', label, event);
  ledgerDoc = api.applyEvent(ledgerDoc, event);
  add('StockInput', `applyEvent(${label})`, ledgerDoc);
  const out = api.evaluate(ledgerDoc);
  outputs.push([`after ${label}`, out]);
  add('StockOutput', `evaluate(after ${label})`, out);
}
const ledgerWithExtras = api.applyEvent(rich.lowStockSources, { type: 'shipment_created', qty: 1, order_id: '100', source_code: 'eu-2' });
add('StockInput', 'applyEvent keeps unknown keys', ledgerWithExtras);

const catalog = {
  config: { only_x_left_threshold: 3, backorders: 'allow_notify' },
  products: [
    spec10.product,
    rich.lowStockSources.product,
    product('CAT-1', [src('default', 0)], { name: 'Backordered' }),
    product('CAT-BAD', [src('default', 'ten')]),
    { sources: [] },
  ],
  locale: 'en',
  requested_qty: 2,
};
const slots = JSON.parse(api.evaluateCatalog(JSON.stringify(catalog)));
slots.forEach((slot, i) => {
  add('CatalogSlot', `evaluateCatalog slot ${i}`, slot);
  // The union's excess-property check is loose: also check each slot against its own member.
  add('error' in slot ? 'Extract<CatalogSlot, { error: string }>' : 'StockOutput', `evaluateCatalog slot ${i}, its member`, slot);
  if (!('error' in slot)) outputs.push([`evaluateCatalog slot ${i}`, slot]);
});

for (const [label, doc] of Object.entries(refusedDocuments)) add('StockInput', `refused: ${label}`, doc, { expectError: true });
for (const [label, ev] of Object.entries(refusedEvents)) add('StockEvent', `refused event: ${label}`, ev, { expectError: true });
// Once known mismatches, now declared: `null` on optional keys, unknown keys in settings and events.
for (const [label, doc] of Object.entries(nullsAndExtras)) add('StockInput', `accepted: ${label}`, doc);
for (const [label, ev] of Object.entries(eventNullsAndExtras)) add('StockEvent', `accepted: ${label}`, ev);

// ---- tsc -----------------------------------------------------------------------------------------------

const TYPES = ['StockInput', 'StockOutput', 'StockFigures', 'EffectiveSettings', 'CatalogSlot', 'StockEvent'];

/** Writes the samples into one .ts file (one sample per line) and returns tsc's diagnostics by sample. */
function typecheck(list) {
  const dir = mkdtempSync(join(tmpdir(), 'salable-types-'));
  try {
    copyFileSync(join(dist, 'salable.d.ts'), join(dir, 'salable.d.ts'));
    const lines = [
      '// Generated by tests/types/declarations.test.mjs: what the module read and wrote, against salable.d.ts.',
      `import type { ${TYPES.join(', ')} } from './salable.js';`,
      "import { evaluate, evaluateJson, evaluateCatalog, applyEvent, stockFigures, effectiveSettings } from './salable.js';",
      // The functions as the README documents them.
      'export function usage(input: StockInput, event: StockEvent, text: string): void {',
      '  const output: StockOutput = evaluate(input);',
      '  const next: StockInput = applyEvent(input, event);',
      '  const figures: StockFigures = stockFigures(next);',
      '  const settings: EffectiveSettings = effectiveSettings(input);',
      '  const answer: string = evaluateJson(text, "abc", "fr") + evaluateJson(text) + evaluateCatalog(text);',
      '  void [output, figures, settings, answer];',
      '}',
    ];
    const lineOf = new Map(); // line number (1-based) → sample
    list.forEach((s, i) => {
      lines.push(`// ${s.label.replace(/\s+/g, ' ')}`);
      if (s.expectError) lines.push('// @ts-expect-error the reader refuses it');
      lines.push(`export const s${i}: ${s.type} = ${JSON.stringify(s.value)};`);
      lineOf.set(lines.length, s);
    });
    writeFileSync(join(dir, 'samples.ts'), lines.join('\n') + '\n');
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022',
        '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--pretty', 'false', 'samples.ts'],
      { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
      if (!out.trim()) throw e;
    }
    const bySample = new Map();
    const other = [];
    for (const line of out.split('\n').filter(Boolean)) {
      const m = /^samples\.ts\((\d+),\d+\): (.*)$/.exec(line);
      // An unused @ts-expect-error is reported on the directive's own line, one above the sample.
      const sample = m && (lineOf.get(Number(m[1])) ?? lineOf.get(Number(m[1]) + 1));
      if (sample) bySample.set(sample, [...(bySample.get(sample) ?? []), m[2]]);
      else other.push(line);
    }
    return { bySample, other, file: lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the tests -------------------------------------------------------------------------------------------

test('the module accepts every sample input and refuses every refused one', () => {
  assert.ok(cases.length >= 80, `conformance cases: ${cases.length}`);
  for (const [label, doc] of [...Object.entries(refusedDocuments)]) {
    assert.throws(() => api.evaluate(doc), { name: 'SalableError' }, `evaluate accepted ${label}`);
  }
  for (const [label, ev] of Object.entries(refusedEvents)) {
    assert.throws(() => api.applyEvent(spec10, ev), { name: 'SalableError' }, `applyEvent accepted ${label}`);
  }
});

test('every value the module returns is plain JSON data of one shape per type', () => {
  const plain = (v, path) => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') return assert.ok(Number.isFinite(v), `${path}: ${v}`);
    if (Array.isArray(v)) return v.forEach((x, i) => plain(x, `${path}[${i}]`));
    assert.equal(typeof v, 'object', `${path}: a ${typeof v}`);
    assert.equal(Object.getPrototypeOf(v), Object.prototype, `${path}: not a plain object (a Map?)`);
    for (const [k, x] of Object.entries(v)) plain(x, `${path}.${k}`);
  };
  for (const s of samples) plain(s.value, s.label);

  // One key set per object kind: the writer never drops or adds a key from one document to the next.
  const shapes = new Map();
  const shape = (kind, obj, label) => {
    const keys = Object.keys(obj).join(',');
    if (!shapes.has(kind)) shapes.set(kind, [keys, label]);
    const [first, firstLabel] = shapes.get(kind);
    assert.equal(keys, first, `${kind} of ${label} has other keys than that of ${firstLabel}`);
  };
  for (const s of samples) {
    if (s.type === 'StockFigures' || s.type === 'EffectiveSettings') shape(s.type, s.value, s.label);
    if (s.type === 'Extract<CatalogSlot, { error: string }>') shape('catalog error slot', s.value, s.label);
  }
  for (const [label, out] of outputs) {
    shape('StockOutput', out, label);
    shape('message', out.message, label);
    shape('request', out.request, label);
    out.request.errors.forEach((e) => shape('RequestError', e, label));
  }
});

test('the samples reach every variant the declarations name', () => {
  const seen = (f) => new Set(outputs.map(([, o]) => f(o)));
  assert.deepEqual([...seen((o) => o.message.kind)].sort(), ['hidden', 'in_stock', 'only_x_left', 'out_of_stock']);
  assert.deepEqual([...seen((o) => o.schema_org_availability)].sort(),
    ['https://schema.org/BackOrder', 'https://schema.org/InStock', 'https://schema.org/OutOfStock']);
  assert.deepEqual([...seen((o) => o.stock_status)].sort(), ['in_stock', 'out_of_stock']);
  const some = (what, f) => assert.ok(outputs.some(([, o]) => f(o)), `no output with ${what}`);
  some('a backorder notice', (o) => o.request.notice !== null);
  some('request.qty null (qty-invalid)', (o) => o.request.qty === null && o.request.errors.some((e) => e.code === 'qty-invalid'));
  some('a refused request with a reason', (o) => o.request.reason !== null && o.request.errors.length > 0);
  some('only_x_left a number', (o) => typeof o.only_x_left === 'number');
  some('message.text null', (o) => o.message.text === null);
  some('low stock sources', (o) => o.low_stock_sources.length > 1);
  some('a backorder quantity', (o) => o.request.backorder_qty > 0);
  const settings = samples.filter((s) => s.type === 'EffectiveSettings').map((s) => s.value);
  assert.deepEqual([...new Set(settings.map((s) => s.backorders))].sort(), ['allow', 'allow_notify', 'no']);
  assert.deepEqual([...new Set(settings.map((s) => s.not_available_message))].sort(), ['not_enough_items', 'only_x_of_y_available']);
  assert.ok(slots.some((s) => 'error' in s && s.sku === null) && slots.some((s) => 'error' in s && typeof s.sku === 'string'),
    'catalog error slots with and without a sku');
});

test('tsc accepts every value against salable.d.ts and refuses every refused document', () => {
  const sure = samples.filter((s) => !s.known);
  const { bySample, other, file } = typecheck(sure);
  const problems = [...bySample].map(([s, errs]) =>
    `${s.expectError ? 'the types accept what the reader refuses' : 'the types refuse what the module reads or writes'}: ` +
    `${s.type} ← ${s.label}\n    ${JSON.stringify(s.value)}\n    ${errs.join('\n    ')}`);
  if (other.length) problems.push(`tsc:\n${other.join('\n')}`);
  assert.ok(file.length > 200, 'the generated file holds the samples');
  const shown = problems.slice(0, 12).concat(problems.length > 12 ? [`… and ${problems.length - 12} more`] : []);
  assert.equal(problems.length, 0, `${problems.length} disagreement(s) between salable.d.ts and the module:\n${shown.join('\n')}`);
});

test('known mismatches: still accepted by the reader, still refused by the types', async (t) => {
  const known = samples.filter((s) => s.known);
  for (const s of known) {
    if (s.type === 'StockEvent') api.applyEvent(spec10, s.value);
    else api.evaluate(s.value); // throws (fails the test) once the reader refuses it: move it to refusedDocuments
  }
  const { bySample, other } = typecheck(known);
  assert.deepEqual(other, []);
  const fixed = known.filter((s) => !bySample.has(s)).map((s) => s.label);
  assert.deepEqual(fixed, [], 'the types now accept these: move them from knownMismatches to the accepted samples');
  for (const s of known) {
    // A todo that passes: TAP lists it as `ok … # TODO`, and the summary counts it under `# todo`.
    await t.test(`${s.label}: the reader accepts it, salable.d.ts refuses it (${bySample.get(s)[0]})`, { todo: 'fix in src/contract/' }, () => {});
  }
});
