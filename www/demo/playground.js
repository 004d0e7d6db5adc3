// The demo's merchant playground: Magento-like settings, sources, orders and product types, with a
// storefront preview. Every figure and verdict comes from the full API's wasm module; this file
// holds only page state and rendering.
import { applyEvent, effectiveSettings, evaluate, stockFigures } from '../dist/salable.js';
import { fmt, language, t } from './texts.js';

// ---------------------------------------------------------------------------------------------
// Playground state

/** Admin fields, in the order of Magento's Product Stock Options. `scope` says where each may be set. */
const FIELDS = [
  { key: 'manage_stock', type: 'yesno', scope: ['config', 'product'] },
  { key: 'backorders', type: 'backorders', scope: ['config', 'product'] },
  { key: 'out_of_stock_threshold', type: 'number', scope: ['config', 'product'] },
  { key: 'only_x_left_threshold', type: 'number', scope: ['config'] },
  { key: 'notify_for_quantity_below', type: 'number', scope: ['config', 'product'] },
  { key: 'min_sale_qty', type: 'number', scope: ['config', 'product'] },
  { key: 'max_sale_qty', type: 'number', scope: ['config', 'product'] },
  { key: 'enable_qty_increments', type: 'yesno', scope: ['config', 'product'] },
  { key: 'qty_increments', type: 'number', scope: ['config', 'product'] },
  // Sales › Delivery Methods › In-Store Delivery (SPEC §17): the website's switch.
  { key: 'pickup_enabled', type: 'yesno', scope: ['config'] },
];

const SEED = {
  config: { only_x_left_threshold: 5 },
  product: {
    sku: '24-MB01',
    name: 'Joust Duffle Bag',
    qty_uses_decimals: false,
    overrides: { backorders: 'allow', out_of_stock_threshold: -50, notify_for_quantity_below: 10 },
    sources: [{ source_code: 'default', quantity: 25, status: 'in_stock', source_enabled: true }],
    reservations: [],
  },
};

/** Where a source marked as a pickup store stands, so that "near" has something to sort. */
const PICKUP_PLACES = [
  { name: 'Paris Rivoli', city: 'Paris', country_id: 'FR', latitude: 48.8606, longitude: 2.3376 },
  { name: 'Lyon Part-Dieu', city: 'Lyon', country_id: 'FR', latitude: 45.7606, longitude: 4.8597 },
  { name: 'Marseille Vieux-Port', city: 'Marseille', country_id: 'FR', latitude: 43.2951, longitude: 5.3744 },
  { name: 'Lille Grand-Place', city: 'Lille', country_id: 'FR', latitude: 50.6372, longitude: 3.0633 },
];

const state = {
  doc: structuredClone(SEED),
  orders: [], // order ids placed here, newest last
  nextOrder: 1,
  history: [], // { key, vars, salable } after each accepted event, for the chart
  log: [], // { key, vars, refused } newest last; texts are looked up at render so they follow the language
  replaying: false,
  type: 'simple', // the playground's product type
  stash: {}, // the document last edited under each other type
  variant: '', // the playground's chosen child of a configurable product
};

const $ = (id) => document.getElementById(id);
const preview = $('preview');

function currentInput() {
  const input = { ...state.doc, requested_qty: Number($('preview-qty').value) || undefined, locale: language() };
  if (state.type === 'configurable' && state.variant) input.variant = state.variant;
  const near = $('preview-near').value;
  if (near) {
    const [latitude, longitude] = near.split(',').map(Number);
    input.near = { latitude, longitude };
  }
  return input;
}

// ---------------------------------------------------------------------------------------------
// Settings forms

function buildSettingsFields() {
  for (const container of document.querySelectorAll('.fields[data-scope]')) {
    const scope = container.dataset.scope;
    container.replaceChildren(...FIELDS.filter((f) => f.scope.includes(scope)).map((f) => fieldRow(f, scope)));
  }
  refreshInheritedValues();
}

function fieldRow(field, scope) {
  const id = `${scope}-${field.key}`;
  const stored = scope === 'config' ? state.doc.config : (state.doc.product.overrides ?? {}); // a composite parent's are not edited here
  const row = document.createElement('div');
  row.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = t(field.key);
  let control;
  if (field.type === 'number') {
    control = document.createElement('input');
    control.type = 'number';
    control.step = 'any';
    control.inputMode = 'decimal';
  } else {
    control = document.createElement('select');
    const options = field.type === 'yesno' ? [['true', t('yes')], ['false', t('no')]] : ['no', 'allow', 'allow_notify'].map((v) => [v, t(`bo.${v}`)]);
    for (const [value, text] of options) control.append(new Option(text, value));
  }
  control.id = id;
  control.dataset.key = field.key;
  control.dataset.type = field.type;
  const inherit = document.createElement('input');
  inherit.type = 'checkbox';
  inherit.id = `${id}-inherit`;
  const inheritLabel = document.createElement('label');
  inheritLabel.htmlFor = inherit.id;
  inheritLabel.className = 'inherit';
  inheritLabel.append(inherit, ` ${scope === 'config' ? t('useSystem') : t('useConfig')}`);
  const has = Object.hasOwn(stored, field.key);
  inherit.checked = !has;
  control.disabled = !has;
  if (has) control.value = String(stored[field.key]);
  inherit.addEventListener('change', () => {
    control.disabled = inherit.checked;
    if (inherit.checked) delete stored[field.key];
    else stored[field.key] = readControl(control);
    settingsChanged();
  });
  control.addEventListener('change', () => {
    const value = readControl(control);
    if (value === undefined) return;
    stored[field.key] = value;
    settingsChanged();
  });
  row.append(label, control, inheritLabel);
  return row;
}

function readControl(control) {
  if (control.dataset.type === 'yesno') return control.value === 'true';
  if (control.dataset.type === 'backorders') return control.value;
  const n = control.valueAsNumber;
  return Number.isFinite(n) ? n : undefined;
}

/** A ticked "Use … value" box shows what is inherited, as the Magento admin does, from wasm. */
function refreshInheritedValues() {
  let inherited;
  try {
    inherited = effectiveSettings({ ...state.doc, product: { ...state.doc.product, overrides: {} } });
  } catch {
    return;
  }
  for (const control of document.querySelectorAll('.fields [data-key]')) {
    if (control.disabled) control.value = String(inherited[control.dataset.key]);
  }
}

function settingsChanged() {
  if (state.type === 'simple') {
    state.doc.product.name = $('product-name').value;
    state.doc.product.qty_uses_decimals = $('qty-uses-decimals').checked;
  }
  refreshInheritedValues();
  renderPlayground();
}

// ---------------------------------------------------------------------------------------------
// Sources grid

function renderSources() {
  const body = $('sources-body');
  body.replaceChildren(
    ...(state.doc.product.sources ?? []).map((source, index) => {
      const row = document.createElement('tr');
      const cell = (child) => {
        const td = document.createElement('td');
        td.append(child);
        row.append(td);
        return child;
      };
      const code = cell(Object.assign(document.createElement('input'), { type: 'text', value: source.source_code, required: true }));
      code.setAttribute('aria-label', `${t('src.code')} ${index + 1}`);
      code.addEventListener('change', () => {
        source.source_code = code.value.trim();
        renderOrderControls();
        renderPlayground();
      });
      const qty = cell(Object.assign(document.createElement('input'), { type: 'number', step: 'any', value: String(source.quantity) }));
      qty.setAttribute('aria-label', `${t('src.qty')} · ${source.source_code}`);
      qty.addEventListener('change', () => {
        if (Number.isFinite(qty.valueAsNumber)) source.quantity = qty.valueAsNumber;
        renderPlayground();
      });
      const status = cell(document.createElement('select'));
      status.append(new Option(t('src.inStock'), 'in_stock'), new Option(t('src.outOfStock'), 'out_of_stock'));
      status.value = source.status === 0 || source.status === 'out_of_stock' ? 'out_of_stock' : 'in_stock';
      status.setAttribute('aria-label', `${t('src.status')} · ${source.source_code}`);
      status.addEventListener('change', () => {
        source.status = status.value;
        renderPlayground();
      });
      const enabled = cell(Object.assign(document.createElement('input'), { type: 'checkbox', checked: source.source_enabled !== false }));
      enabled.setAttribute('aria-label', `${t('src.enabled')} · ${source.source_code}`);
      enabled.addEventListener('change', () => {
        source.source_enabled = enabled.checked;
        renderPlayground();
      });
      // In-store pickup (SPEC §17): the source as a store, with the name shoppers read.
      const store = document.createElement('div');
      store.className = 'pickup-cell';
      const isStore = Object.assign(document.createElement('input'), { type: 'checkbox', checked: source.pickup != null });
      isStore.setAttribute('aria-label', `${t('src.pickup')} · ${source.source_code}`);
      const storeName = Object.assign(document.createElement('input'), { type: 'text', value: source.pickup?.name ?? '', hidden: source.pickup == null, maxLength: 255 });
      storeName.setAttribute('aria-label', `${t('src.pickupName')} · ${source.source_code}`);
      store.append(isStore, storeName);
      cell(store);
      isStore.addEventListener('change', () => {
        if (isStore.checked) source.pickup = { ...PICKUP_PLACES[index % PICKUP_PLACES.length], name: storeName.value || PICKUP_PLACES[index % PICKUP_PLACES.length].name };
        else delete source.pickup;
        storeName.value = source.pickup?.name ?? '';
        storeName.hidden = !isStore.checked;
        renderPlayground();
      });
      storeName.addEventListener('change', () => {
        if (source.pickup && storeName.value.trim()) source.pickup.name = storeName.value.trim();
        renderPlayground();
      });
      const remove = cell(Object.assign(document.createElement('button'), { type: 'button', className: 'link-button', textContent: t('src.remove') }));
      remove.setAttribute('aria-label', `${t('src.remove')} ${source.source_code}`);
      remove.addEventListener('click', () => {
        state.doc.product.sources.splice(index, 1);
        renderSources();
        renderPlayground();
      });
      return row;
    }),
  );
  renderOrderControls();
}

$('add-source').addEventListener('click', () => {
  const codes = new Set(state.doc.product.sources.map((s) => s.source_code));
  let n = state.doc.product.sources.length + 1;
  while (codes.has(`source-${n}`)) n++;
  state.doc.product.sources.push({ source_code: `source-${n}`, quantity: 0, status: 'in_stock', source_enabled: true });
  renderSources();
  renderPlayground();
  $('sources-body').lastElementChild?.querySelector('input')?.focus();
});

// ---------------------------------------------------------------------------------------------
// Events

function renderOrderControls() {
  for (const select of [$('cancel-order'), $('ship-order')]) {
    const chosen = select.value;
    select.replaceChildren(...(state.orders.length ? state.orders.map((id) => new Option(id, id)) : [new Option(t('ev.none'), '')]));
    if (state.orders.includes(chosen)) select.value = chosen;
    else if (state.orders.length) select.value = state.orders.at(-1);
  }
  const ship = $('ship-source');
  const chosen = ship.value;
  ship.replaceChildren(...(state.doc.product.sources ?? []).map((s) => new Option(s.source_code, s.source_code)));
  if ([...ship.options].some((o) => o.value === chosen)) ship.value = chosen;
}

/** Sends one event through wasm; on refusal shows the store's reason and changes nothing. */
function send(event, label) {
  try {
    state.doc = applyEvent(state.doc, event);
  } catch (error) {
    $('event-error').textContent = t('refused', { reason: error.message });
    logEvent({ key: 'refused', vars: { reason: error.message }, refused: true });
    return false;
  }
  $('event-error').textContent = '';
  record(label);
  renderSources();
  renderPlayground();
  return true;
}

function placeOrder(qty) {
  const id = String(state.nextOrder).padStart(9, '0');
  const placed = send({ type: 'order_placed', qty, order_id: id }, { key: 'placed', vars: { id, qty } });
  if (placed) {
    state.nextOrder++;
    state.orders.push(id);
    renderOrderControls();
  }
  return placed;
}

$('place-form').addEventListener('submit', (e) => {
  e.preventDefault();
  placeOrder($('place-qty').valueAsNumber);
});
$('cancel-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const id = $('cancel-order').value;
  const qty = $('cancel-qty').valueAsNumber;
  send({ type: 'order_canceled', qty, order_id: id }, { key: 'canceled', vars: { id, qty } });
});
$('ship-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const id = $('ship-order').value;
  const source = $('ship-source').value;
  const qty = $('ship-qty').valueAsNumber;
  send({ type: 'shipment_created', qty, order_id: id, source_code: source }, { key: 'shipped', vars: { id, qty, source } });
});

// ---------------------------------------------------------------------------------------------
// History: the chart and the log

function record(entry) {
  let salable = null;
  let isSalable = null;
  try {
    salable = stockFigures(currentInput()).salable;
    isSalable = evaluate(currentInput()).is_salable;
  } catch {
    /* an invalid document has no figure; the preview shows why */
  }
  state.history.push({ ...entry, salable, isSalable });
  logEvent(entry);
}

function logEvent(entry) {
  state.log.push(entry);
  renderHistory();
}

/** Quantities in log texts are formatted in the current language. */
function describe({ key, vars = {} }) {
  return t(key, { ...vars, qty: vars.qty == null ? '' : fmt(vars.qty) });
}

function renderHistory() {
  $('event-log').replaceChildren(
    ...state.log.map((entry) => {
      const item = document.createElement('li');
      item.textContent = describe(entry);
      if (entry.refused) item.className = 'refused';
      return item;
    }).reverse(),
  );
  renderChart();
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(name, attrs = {}, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text != null) el.textContent = text;
  return el;
}

function renderChart() {
  const points = state.history.filter((p) => p.salable != null).map((p) => ({ ...p, label: describe(p) }));
  const width = 480, height = 200, left = 44, right = 12, top = 14, bottom = 26;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc' });
  const values = points.map((p) => p.salable);
  const lo = Math.min(0, ...values), hi = Math.max(1, ...values);
  const x = (i) => left + (points.length < 2 ? 0 : (i * (width - left - right)) / (points.length - 1));
  const y = (v) => top + ((hi - v) * (height - top - bottom)) / (hi - lo || 1);
  root.append(svg('desc', { id: 'chart-desc' }, points.map((p) => `${p.label}: ${fmt(p.salable)}`).join('; ')));
  for (const v of [lo, 0, hi].filter((v, i, a) => a.indexOf(v) === i)) {
    root.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: v === 0 ? 'axis zero' : 'axis' }));
    root.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(v)));
  }
  if (points.length) {
    root.append(svg('polyline', { points: points.map((p, i) => `${x(i)},${y(p.salable)}`).join(' '), class: 'line' }));
    points.forEach((p, i) => {
      const dot = svg('circle', { cx: x(i), cy: y(p.salable), r: 4, class: p.isSalable ? 'dot' : 'dot dot-out' });
      dot.append(svg('title', {}, `${p.label}: ${fmt(p.salable)}`));
      root.append(dot);
    });
    root.append(svg('text', { x: x(points.length - 1), y: height - 8, 'text-anchor': points.length > 1 ? 'end' : 'start', class: 'tick' }, points.at(-1).label));
  }
  $('chart').replaceChildren(root);
}

// ---------------------------------------------------------------------------------------------
// Preview

function renderPlayground() {
  const input = currentInput();
  $('preview-name').textContent = state.doc.product.name || state.doc.product.sku;
  $('input-json').textContent = JSON.stringify(input, null, 2);
  preview.locale = language();
  preview.qty = $('preview-qty').value;
  preview.variant = input.variant ?? null;
  if ($('preview-near').value) preview.setAttribute('near', $('preview-near').value);
  else preview.removeAttribute('near');
  preview.data = state.doc;
  renderChildrenSummary();
  if (state.type !== 'simple') {
    // A composite parent has no quantity of its own (SPEC §13.2): its children are summed up above.
    try {
      $('output-json').textContent = toJson(evaluate(input));
    } catch (error) {
      $('output-json').textContent = error.message;
    }
    return;
  }
  try {
    const figures = stockFigures(input);
    $('fig-on-hand').textContent = fmt(figures.quantity_on_hand);
    $('fig-reserved').textContent = fmt(figures.reserved);
    $('fig-threshold').textContent = fmt(figures.threshold);
    $('fig-salable').textContent = fmt(figures.salable);
    const output = evaluate(input);
    $('output-json').textContent = toJson(output);
    renderPickupVerdicts(output.pickup);
  } catch (error) {
    for (const id of ['fig-on-hand', 'fig-reserved', 'fig-threshold', 'fig-salable']) $(id).textContent = '–';
    $('output-json').textContent = error.message;
    renderPickupVerdicts(null);
  }
}

/** Each pickup store's verdict for the requested quantity, as the core gave it (SPEC §17). */
function renderPickupVerdicts(pickup) {
  $('pickup-verdicts').hidden = !pickup;
  $('pickup-verdicts-body').replaceChildren(...(pickup?.locations ?? []).map((store) => {
    const row = document.createElement('tr');
    row.dataset.available = String(store.available);
    for (const text of [store.name, store.text, store.distance_km == null ? '–' : `${fmt(store.distance_km)} km`]) {
      const td = document.createElement('td');
      td.textContent = text;
      row.append(td);
    }
    return row;
  }));
}

$('preview-near').addEventListener('change', renderPlayground);

$('preview-qty').addEventListener('input', renderPlayground);
$('product-name').addEventListener('change', settingsChanged);
$('qty-uses-decimals').addEventListener('change', settingsChanged);

function reset(doc = SEED) {
  state.doc = structuredClone(doc);
  state.type = 'simple';
  state.stash = {};
  state.variant = '';
  $('product-type').value = 'simple';
  renderTypePanels();
  state.orders = [];
  state.nextOrder = 1;
  state.history = [];
  state.log = [];
  $('event-error').textContent = '';
  $('product-name').value = state.doc.product.name ?? '';
  $('qty-uses-decimals').checked = !!state.doc.product.qty_uses_decimals;
  buildSettingsFields();
  renderSources();
  record({ key: 'start' });
  renderPlayground();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The seed page's example: 25 in stock, threshold −50, Only X Left 5; orders of 25, 45 and 5. */
async function replaySeed() {
  if (state.replaying) return;
  state.replaying = true;
  $('replay').disabled = true;
  try {
    reset(SEED);
    for (const qty of [25, 45, 5]) {
      await sleep(450);
      placeOrder(qty);
    }
    await sleep(450);
    placeOrder(1); // refused: nothing left to sell
  } finally {
    state.replaying = false;
    $('replay').disabled = false;
  }
}

$('replay').addEventListener('click', replaySeed);
$('reset').addEventListener('click', () => reset(SEED));

// ---------------------------------------------------------------------------------------------
// Playground: product types (SPEC §13). A composite parent has its own Stock Status and Enable
// Product; each child is a product of its own. The merchant edits both and sees how they combine.

const child = (sku, name, quantity, extra = {}) => ({
  sku, name, overrides: {}, reservations: [],
  sources: [{ source_code: 'default', quantity, status: quantity > 0 ? 'in_stock' : 'out_of_stock', source_enabled: true }],
  ...extra,
});

const COMPOSITE_SEEDS = {
  configurable: {
    sku: 'MS09', name: 'Ariel Roll Sleeve Tee', type: 'configurable', enabled: true, stock_flag: 'in_stock',
    children: [
      child('MS09-S-Black', 'Ariel Tee S Black', 12, { attributes: { size: 'S', color: 'Black' } }),
      child('MS09-S-White', 'Ariel Tee S White', 0, { attributes: { size: 'S', color: 'White' } }),
      child('MS09-M-Black', 'Ariel Tee M Black', 2, { attributes: { size: 'M', color: 'Black' } }),
      { ...child('MS09-M-White', 'Ariel Tee M White', 0, { attributes: { size: 'M', color: 'White' }, overrides: { backorders: 'allow_notify', out_of_stock_threshold: -10 } }),
        sources: [{ source_code: 'default', quantity: 0, status: 'in_stock', source_enabled: true }] },
    ],
  },
  bundle: {
    sku: 'GIFT-01', name: 'Weekend Gift Set', type: 'bundle', enabled: true, stock_flag: 'in_stock',
    options: [
      { id: 'bag', title: 'Bag', required: true, selections: [
        { id: 'bag-joust', qty: 1, can_change_qty: false, child: child('24-MB01', 'Joust Duffle Bag', 8) },
        { id: 'bag-rival', qty: 1, can_change_qty: false, child: child('24-MB06', 'Rival Field Messenger', 0) },
      ] },
      { id: 'bottle', title: 'Bottle', required: false, selections: [
        { id: 'bottle-sprite', qty: 2, can_change_qty: false, child: child('24-UG05', 'Sprite Water Bottle', 3) },
      ] },
    ],
  },
  grouped: {
    sku: '24-WG085', name: 'Set of Sprite Yoga Straps', type: 'grouped', enabled: true, stock_flag: 'in_stock',
    children: [
      child('24-WG085-6', 'Sprite Yoga Strap 6 foot', 40, { default_qty: 1 }),
      child('24-WG085-8', 'Sprite Yoga Strap 8 foot', 2, { default_qty: 1 }),
      child('24-WG085-10', 'Sprite Yoga Strap 10 foot', 0, { default_qty: 0 }),
    ],
  },
};

/** The output as JSON text; the full API returns an object map (configurable `options`) as a JS Map. */
function toJson(output) {
  return JSON.stringify(output, (_, value) => (value instanceof Map ? Object.fromEntries(value) : value), 2);
}

/** Every child of the current parent, with how the admin names it. */
function childrenOf(product) {
  if (product.type === 'bundle') {
    return (product.options ?? []).flatMap((o) => o.selections.map((s) => ({ child: s.child, label: `${o.title}: ${s.child.name}` })));
  }
  return (product.children ?? []).map((c) => ({ child: c, label: c.attributes ? Object.values(c.attributes).join(' / ') : c.name }));
}

function switchType(type) {
  if (type === state.type) return;
  state.stash[state.type] = state.doc;
  const next = state.stash[type] ?? { product: structuredClone(COMPOSITE_SEEDS[type]) };
  // One Default Config for every type, so a change there shows on each.
  state.doc = { config: state.doc.config, product: next.product };
  state.type = type;
  state.variant = '';
  renderTypePanels();
  renderChildren();
  renderPlayground();
}

/** Shows the panels that apply to the current type. */
function renderTypePanels() {
  const composite = state.type !== 'simple';
  for (const id of ['product-panel', 'sources-panel', 'figures', 'orders-panel', 'chart-panel']) $(id).hidden = composite;
  for (const id of ['parent-fields', 'children-panel', 'children-summary']) $(id).hidden = !composite;
  $('variant-field').hidden = state.type !== 'configurable';
  if (composite) {
    $('parent-stock-flag').value = state.doc.product.stock_flag ?? 'in_stock';
    $('parent-enabled').checked = state.doc.product.enabled !== false;
  }
  for (const cell of document.querySelectorAll('.grouped-only')) cell.hidden = state.type !== 'grouped';
}

function renderChildren() {
  const body = $('children-body');
  if (state.type === 'simple') {
    body.replaceChildren();
    return;
  }
  body.replaceChildren(
    ...childrenOf(state.doc.product).map(({ child: c, label }) => {
      const row = document.createElement('tr');
      row.dataset.sku = c.sku;
      const head = document.createElement('th');
      head.scope = 'row';
      const sku = document.createElement('small');
      sku.textContent = c.sku;
      head.append(label, document.createElement('br'), sku);
      row.append(head);
      const cell = (control, name) => {
        const td = document.createElement('td');
        control.setAttribute('aria-label', `${name} · ${label}`);
        td.append(control);
        row.append(td);
        return td;
      };
      const source = c.sources[0];
      const qty = Object.assign(document.createElement('input'), { type: 'number', step: 'any', value: String(source.quantity) });
      qty.dataset.field = 'qty';
      qty.addEventListener('change', () => {
        if (Number.isFinite(qty.valueAsNumber)) source.quantity = qty.valueAsNumber;
        renderPlayground();
      });
      cell(qty, t('src.qty'));
      const status = document.createElement('select');
      status.dataset.field = 'status';
      status.append(new Option(t('src.inStock'), 'in_stock'), new Option(t('src.outOfStock'), 'out_of_stock'));
      status.value = source.status;
      status.addEventListener('change', () => {
        source.status = status.value;
        renderPlayground();
      });
      cell(status, t('src.status'));
      const enabled = Object.assign(document.createElement('input'), { type: 'checkbox', checked: c.enabled !== false });
      enabled.dataset.field = 'enabled';
      enabled.addEventListener('change', () => {
        c.enabled = enabled.checked;
        renderVariantChoices();
        renderPlayground();
      });
      cell(enabled, t('ch.enabled'));
      const backorders = document.createElement('select');
      backorders.dataset.field = 'backorders';
      backorders.append(new Option(t('bo.config'), ''), ...['no', 'allow', 'allow_notify'].map((v) => new Option(t(`bo.${v}`), v)));
      backorders.value = c.overrides.backorders ?? '';
      backorders.addEventListener('change', () => {
        if (backorders.value) c.overrides.backorders = backorders.value;
        else delete c.overrides.backorders;
        renderPlayground();
      });
      cell(backorders, t('backorders'));
      if (state.type === 'grouped') {
        const def = Object.assign(document.createElement('input'), { type: 'number', min: '0', step: '1', value: String(c.default_qty ?? 0) });
        def.dataset.field = 'default_qty';
        def.addEventListener('change', () => {
          c.default_qty = Math.max(0, def.valueAsNumber || 0);
          renderPlayground();
        });
        cell(def, t('ch.defaultQty'));
      }
      return row;
    }),
  );
  renderVariantChoices();
}

/** The preview's "Shopper's choice" on a configurable product: nothing, or one enabled child. */
function renderVariantChoices() {
  const select = $('preview-variant');
  if (state.type !== 'configurable') {
    select.replaceChildren();
    return;
  }
  const enabled = state.doc.product.children.filter((c) => c.enabled !== false);
  if (!enabled.some((c) => c.sku === state.variant)) state.variant = '';
  select.replaceChildren(new Option(t('pv.noVariant'), ''), ...enabled.map((c) => new Option(`${Object.values(c.attributes).join(' / ')} (${c.sku})`, c.sku)));
  select.value = state.variant;
}

/** Each child evaluated alone, as a simple product under the same Default Config. */
function renderChildrenSummary() {
  const list = $('children-summary-list');
  if (state.type === 'simple') {
    list.replaceChildren();
    return;
  }
  list.replaceChildren(
    ...childrenOf(state.doc.product).map(({ child: c, label }) => {
      const item = document.createElement('li');
      let text;
      if (c.enabled === false) {
        text = t('pv.disabled');
        item.className = 'kind-out_of_stock';
      } else {
        try {
          const { attributes, default_qty, enabled, ...simple } = c;
          const out = evaluate({ config: state.doc.config, product: simple, locale: language() });
          text = `${out.message.text} · ${t('pv.salableQty', { qty: fmt(out.salable_qty) })}`;
          item.className = `kind-${out.message.kind}`;
        } catch (error) {
          text = error.message;
        }
      }
      item.textContent = `${label} (${c.sku}): ${text}`;
      return item;
    }),
  );
}

$('product-type').addEventListener('change', () => switchType($('product-type').value));
$('parent-stock-flag').addEventListener('change', () => {
  state.doc.product.stock_flag = $('parent-stock-flag').value;
  renderPlayground();
});
$('parent-enabled').addEventListener('change', () => {
  state.doc.product.enabled = $('parent-enabled').checked;
  renderPlayground();
});
$('preview-variant').addEventListener('change', () => {
  state.variant = $('preview-variant').value;
  renderPlayground();
});

/** Rebuilds the playground's texts after a language change. */
export function renderPlaygroundTexts() {
  buildSettingsFields();
  renderSources();
  renderChildren();
  renderHistory();
  renderPlayground();
}

/** Starts the playground from its seed. */
export function startPlayground() {
  // The merchant's preview shows every refusal, a choice not made included, as the storefront's
  // Add to Cart would (the element's reportValidity()).
  preview.reportValidity();
  reset(SEED);
}
