// The demo page: binds the product cards' quantity inputs and drives the merchant playground.
// Every figure and verdict comes from the wasm module; this file holds only page state and rendering.

import init, { applyEvent, effectiveSettings, evaluate, stockFigures } from './dist/salable.js';

// ---------------------------------------------------------------------------------------------
// Page texts

const UI = {
  en: {
    skip: 'Skip to content', 'nav.label': 'Sections', 'nav.shop': 'Product page', 'nav.playground': 'Merchant playground',
    'lang.label': 'Language', 'shop.title': 'Bags',
    'bridge.badge': 'Demo data', 'bridge.note': 'Fed live through salable-bridge from a fake Magento store’s REST API (bundled fixtures): Magento REST → bridge → element.',
    'shop.lede': 'Each card below embeds the <stock-status> element exactly as a shop would, fed by a JSON file. Change the quantity to see the request checked.',
    qty: 'Quantity', add: 'Add to cart', 'pg.title': 'Merchant playground',
    'pg.lede': 'Set your store and product inventory options as in the Magento admin, then place, cancel and ship orders. Every figure comes from the same WebAssembly module the storefront uses.',
    'pg.config': 'Default Config · Product Stock Options', 'pg.product': 'Product · Advanced Inventory',
    'pg.productName': 'Product name', 'pg.decimals': 'Qty Uses Decimals', 'pg.sources': 'Sources',
    'src.code': 'Source', 'src.qty': 'Quantity', 'src.status': 'Source item status', 'src.enabled': 'Source enabled',
    'src.actions': 'Actions', 'src.add': 'Add source', 'src.remove': 'Remove', 'src.inStock': 'In Stock', 'src.outOfStock': 'Out of Stock',
    'pv.title': 'Storefront preview', 'fig.onHand': 'Quantity on hand', 'fig.reserved': 'Reservations',
    'fig.threshold': 'Threshold in force', 'fig.salable': 'Salable quantity', 'ev.title': 'Orders',
    'ev.placeQty': 'Order quantity', 'ev.place': 'Place order', 'ev.order': 'Order', 'ev.qty': 'Quantity',
    'ev.cancel': 'Cancel', 'ev.from': 'From source', 'ev.ship': 'Ship', 'ev.replay': 'Replay the documentation example',
    'ev.reset': 'Reset', 'ev.none': 'No order yet', 'ch.title': 'Salable quantity after each event', 'ch.log': 'Event history',
    'pv.json': 'Input and output documents', 'pv.input': 'Input (SPEC §10)', 'pv.output': 'Output (SPEC §11)',
    footer: 'Rules of Adobe Commerce (Magento 2) Inventory Management, compiled from Rust to WebAssembly.',
    useSystem: 'Use system value', useConfig: 'Use Config Settings', yes: 'Yes', no: 'No',
    start: 'Start', placed: 'Order {id} placed: {qty}', canceled: 'Order {id} cancelled: {qty}',
    shipped: 'Order {id} shipped: {qty} from {source}', refused: 'Refused: {reason}', settingsChanged: 'Settings changed',
    'manage_stock': 'Manage Stock', backorders: 'Backorders', 'out_of_stock_threshold': 'Out-of-Stock Threshold',
    'only_x_left_threshold': 'Only X Left Threshold', 'notify_for_quantity_below': 'Notify for Quantity Below',
    'min_sale_qty': 'Minimum Qty Allowed in Shopping Cart', 'max_sale_qty': 'Maximum Qty Allowed in Shopping Cart',
    'enable_qty_increments': 'Enable Qty Increments', 'qty_increments': 'Qty Increments',
    'bo.no': 'No Backorders', 'bo.allow': 'Allow Qty Below 0', 'bo.allow_notify': 'Allow Qty Below 0 and Notify Customer',
    'nav.composites': 'Tees and sets', 'cx.title': 'Tees and sets',
    'cx.lede': 'Configurable, bundle and grouped products: one document per parent holds every child, so choosing a size or a colour answers at once, with no new request.',
    'cx.configurable': 'Configurable product', 'cx.bundle': 'Bundle product', 'cx.grouped': 'Grouped product',
    'cx.bag': 'Bag', 'cx.bottle': 'Bottle', 'cx.required': '(required)', 'cx.optional': '(optional)', 'cx.bottles': '2 × Sprite Water Bottle',
    'cx.lines': 'Items in this set', 'cx.rows': 'Products in this group', 'cx.product': 'Product', 'cx.availability': 'Availability',
    'cx.soldOut': 'out of stock', 'cx.chosen': 'Chosen: {sku}', 'cx.choose': 'Choose a size and a colour.',
    'cx.lineOk': '{name} × {qty}', 'cx.qtyFor': 'Quantity of {name}',
    'attr.size': 'Size', 'attr.color': 'Colour', 'val.Black': 'Black', 'val.White': 'White', 'val.Blue': 'Blue',
    'pg.type': 'Product type', 'pg.typeLabel': 'Type', 'type.simple': 'Simple product', 'type.configurable': 'Configurable product',
    'type.bundle': 'Bundle product', 'type.grouped': 'Grouped product', 'pg.stockFlag': 'Stock Status (parent)',
    'pg.parentEnabled': 'Enable Product (parent)', 'pg.children': 'Children',
    'pg.childrenNote': 'Each child is a product of its own, with one source here, evaluated under the Default Config above.',
    'ch.sku': 'Child', 'ch.enabled': 'Enabled', 'ch.defaultQty': 'Default qty', 'bo.config': 'Use Config Settings',
    'pv.variant': 'Shopper’s choice', 'pv.noVariant': 'Nothing chosen yet', 'pv.childrenAlone': 'Each child on its own',
    'pv.disabled': 'disabled', 'pv.salableQty': 'salable {qty}',
  },
  fr: {
    skip: 'Aller au contenu', 'nav.label': 'Rubriques', 'nav.shop': 'Page produit', 'nav.playground': 'Bac à sable marchand',
    'lang.label': 'Langue', 'shop.title': 'Sacs',
    'bridge.badge': 'Données de démonstration', 'bridge.note': 'Alimenté en direct par salable-bridge depuis l’API REST d’une boutique Magento factice (fixtures fournies) : Magento REST → pont → élément.',
    'shop.lede': 'Chaque fiche ci-dessous intègre l’élément <stock-status> exactement comme le ferait une boutique, alimenté par un fichier JSON. Changez la quantité pour voir la demande vérifiée.',
    qty: 'Quantité', add: 'Ajouter au panier', 'pg.title': 'Bac à sable marchand',
    'pg.lede': 'Réglez les options d’inventaire de la boutique et du produit comme dans l’administration Magento, puis passez, annulez et expédiez des commandes. Chaque chiffre vient du module WebAssembly qu’utilise la vitrine.',
    'pg.config': 'Configuration par défaut · Options de stock produit', 'pg.product': 'Produit · Inventaire avancé',
    'pg.productName': 'Nom du produit', 'pg.decimals': 'Quantité décimale autorisée', 'pg.sources': 'Sources',
    'src.code': 'Source', 'src.qty': 'Quantité', 'src.status': 'État de l’article source', 'src.enabled': 'Source activée',
    'src.actions': 'Actions', 'src.add': 'Ajouter une source', 'src.remove': 'Retirer', 'src.inStock': 'En stock', 'src.outOfStock': 'En rupture',
    'pv.title': 'Aperçu de la vitrine', 'fig.onHand': 'Quantité en stock', 'fig.reserved': 'Réservations',
    'fig.threshold': 'Seuil appliqué', 'fig.salable': 'Quantité vendable', 'ev.title': 'Commandes',
    'ev.placeQty': 'Quantité commandée', 'ev.place': 'Passer commande', 'ev.order': 'Commande', 'ev.qty': 'Quantité',
    'ev.cancel': 'Annuler', 'ev.from': 'Depuis la source', 'ev.ship': 'Expédier', 'ev.replay': 'Rejouer l’exemple de la documentation',
    'ev.reset': 'Réinitialiser', 'ev.none': 'Aucune commande', 'ch.title': 'Quantité vendable après chaque événement', 'ch.log': 'Historique des événements',
    'pv.json': 'Documents d’entrée et de sortie', 'pv.input': 'Entrée (SPEC §10)', 'pv.output': 'Sortie (SPEC §11)',
    footer: 'Règles d’Adobe Commerce (Magento 2) Inventory Management, compilées de Rust en WebAssembly.',
    useSystem: 'Utiliser la valeur système', useConfig: 'Utiliser la configuration', yes: 'Oui', no: 'Non',
    start: 'Début', placed: 'Commande {id} passée : {qty}', canceled: 'Commande {id} annulée : {qty}',
    shipped: 'Commande {id} expédiée : {qty} depuis {source}', refused: 'Refusé : {reason}', settingsChanged: 'Réglages modifiés',
    'manage_stock': 'Gérer le stock', backorders: 'Commandes en réapprovisionnement', 'out_of_stock_threshold': 'Seuil de rupture de stock',
    'only_x_left_threshold': 'Seuil « Plus que X »', 'notify_for_quantity_below': 'Alerte si quantité inférieure à',
    'min_sale_qty': 'Quantité minimale autorisée dans le panier', 'max_sale_qty': 'Quantité maximale autorisée dans le panier',
    'enable_qty_increments': 'Activer les incréments de quantité', 'qty_increments': 'Incréments de quantité',
    // The French merchant documentation names these options as the admin shows them, untranslated.
    'bo.no': 'No Backorders', 'bo.allow': 'Allow Qty Below 0', 'bo.allow_notify': 'Allow Qty Below 0 and Notify Customer',
    'nav.composites': 'T-shirts et coffrets', 'cx.title': 'T-shirts et coffrets',
    'cx.lede': 'Produits configurables, groupés et lots : un document par parent contient tous ses enfants, si bien que choisir une taille ou une couleur répond aussitôt, sans nouvelle requête.',
    'cx.configurable': 'Produit configurable', 'cx.bundle': 'Lot (bundle)', 'cx.grouped': 'Produit groupé',
    'cx.bag': 'Sac', 'cx.bottle': 'Gourde', 'cx.required': '(obligatoire)', 'cx.optional': '(facultatif)', 'cx.bottles': '2 × gourde Sprite',
    'cx.lines': 'Articles de ce lot', 'cx.rows': 'Produits de ce groupe', 'cx.product': 'Produit', 'cx.availability': 'Disponibilité',
    'cx.soldOut': 'épuisé', 'cx.chosen': 'Choisi : {sku}', 'cx.choose': 'Choisissez une taille et une couleur.',
    'cx.lineOk': '{name} × {qty}', 'cx.qtyFor': 'Quantité de {name}',
    'attr.size': 'Taille', 'attr.color': 'Couleur', 'val.Black': 'Noir', 'val.White': 'Blanc', 'val.Blue': 'Bleu',
    'pg.type': 'Type de produit', 'pg.typeLabel': 'Type', 'type.simple': 'Produit simple', 'type.configurable': 'Produit configurable',
    'type.bundle': 'Lot (bundle)', 'type.grouped': 'Produit groupé', 'pg.stockFlag': 'État du stock (parent)',
    'pg.parentEnabled': 'Activer le produit (parent)', 'pg.children': 'Enfants',
    'pg.childrenNote': 'Chaque enfant est un produit à part entière, avec ici une source, évalué selon la configuration par défaut ci-dessus.',
    'ch.sku': 'Enfant', 'ch.enabled': 'Activé', 'ch.defaultQty': 'Qté par défaut', 'bo.config': 'Utiliser la configuration',
    'pv.variant': 'Choix du client', 'pv.noVariant': 'Rien de choisi', 'pv.childrenAlone': 'Chaque enfant seul',
    'pv.disabled': 'désactivé', 'pv.salableQty': 'vendable {qty}',
  },
};

let lang = 'en';
const t = (key, vars = {}) => (UI[lang][key] ?? UI.en[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

function applyLanguage(next) {
  lang = next in UI ? next : 'en';
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const button of document.querySelectorAll('.lang-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  for (const el of document.querySelectorAll('stock-status')) el.locale = lang;
  buildSettingsFields();
  renderSources();
  renderChildren();
  renderHistory();
  renderPlayground();
}

// ---------------------------------------------------------------------------------------------
// Product page: quantity inputs drive the elements' `qty`; the button follows the verdict.

for (const input of document.querySelectorAll('[data-qty-for]')) {
  const element = document.getElementById(input.dataset.qtyFor);
  input.addEventListener('input', () => {
    element.qty = input.value;
  });
}
for (const button of document.querySelectorAll('.add-to-cart')) {
  const element = document.getElementById(button.dataset.for);
  button.disabled = true;
  element.addEventListener('stock-status-change', (event) => {
    button.disabled = !event.detail.request.is_salable;
  });
  element.addEventListener('stock-status-error', () => {
    button.disabled = true;
  });
}

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
  const input = { ...state.doc, requested_qty: Number($('preview-qty').value) || undefined, locale: lang };
  if (state.type === 'configurable' && state.variant) input.variant = state.variant;
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

function fmt(n) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 4 }).format(n);
}

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
  preview.locale = lang;
  preview.qty = $('preview-qty').value;
  preview.variant = input.variant ?? null;
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
    $('output-json').textContent = toJson(evaluate(input));
  } catch (error) {
    for (const id of ['fig-on-hand', 'fig-reserved', 'fig-threshold', 'fig-salable']) $(id).textContent = '–';
    $('output-json').textContent = error.message;
  }
}

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
for (const button of document.querySelectorAll('.lang-switch button')) {
  button.addEventListener('click', () => applyLanguage(button.dataset.lang));
}

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
          const out = evaluate({ config: state.doc.config, product: simple, locale: lang });
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

// ---------------------------------------------------------------------------------------------
// Composite product cards (SPEC §13), as a shop would wire them: everything below reads the
// element's output; no stock rule is written here.

/** A feed's document, fetched once, for cards that send the shopper's choice through `data`. */
const feeds = new Map();
function feedOf(element) {
  const src = element.getAttribute('src');
  if (!feeds.has(src)) feeds.set(src, fetch(src).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`)))));
  return feeds.get(src);
}

const soldOut = () => ` — ${t('cx.soldOut')}`;
const valueLabel = (code, value) => UI[lang][`val.${value}`] ?? UI.en[`val.${value}`] ?? value;
const attributeLabel = (code) => UI[lang][`attr.${code}`] ?? UI.en[`attr.${code}`] ?? code;

// The configurable tee: swatches from `availability.options`, the choice sent as `selection`
// (the element answers for the chosen child with no new fetch).
const tee = $('stock-tee');
const teeChoice = {}; // attribute code → value
function renderSwatches(output) {
  const container = $('tee-swatches');
  for (const [code, values] of Object.entries(output.options ?? {})) {
    let group = container.querySelector(`[data-attribute="${CSS.escape(code)}"]`);
    if (!group) {
      group = document.createElement('div');
      group.className = 'swatch-group';
      group.dataset.attribute = code;
      group.setAttribute('role', 'group');
      const title = document.createElement('p');
      title.className = 'swatch-title';
      title.id = `tee-attr-${code}`;
      group.setAttribute('aria-labelledby', title.id);
      const list = document.createElement('div');
      list.className = 'swatch-list';
      group.append(title, list);
      container.append(group);
    }
    group.querySelector('.swatch-title').textContent = attributeLabel(code);
    const list = group.querySelector('.swatch-list');
    for (const option of values) {
      let button = [...list.children].find((b) => b.dataset.value === option.value);
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.className = 'swatch';
        button.dataset.attribute = code;
        button.dataset.value = option.value;
        button.addEventListener('click', () => {
          if (teeChoice[code] === option.value) delete teeChoice[code];
          else teeChoice[code] = option.value;
          tee.selection = Object.keys(teeChoice).length ? { ...teeChoice } : null;
        });
        list.append(button);
      }
      const pressed = teeChoice[code] === option.value;
      button.hidden = !option.offered;
      button.disabled = !option.available && !pressed;
      button.setAttribute('aria-pressed', String(pressed));
      const parts = [];
      if (code === 'color') {
        const dot = document.createElement('span');
        dot.className = `swatch-dot swatch-${option.value.toLowerCase()}`;
        dot.setAttribute('aria-hidden', 'true');
        parts.push(dot);
      }
      const text = document.createElement('span');
      text.className = 'swatch-text';
      text.textContent = valueLabel(code, option.value);
      parts.push(text);
      if (button.disabled) {
        const note = document.createElement('span');
        note.className = 'swatch-note';
        note.textContent = soldOut();
        parts.push(note);
      }
      button.replaceChildren(...parts);
    }
  }
  $('tee-variant').textContent = output.variant ? t('cx.chosen', { sku: output.variant }) : t('cx.choose');
}
tee.addEventListener('stock-status-change', (e) => renderSwatches(e.detail));

// The bundle: the shop renders its options form; the element's `options` say which selections
// can be bought, and `request.children` checks each item of the chosen set.
const gift = $('stock-gift');
const giftForm = $('gift-options');
function giftChoice() {
  const choice = {};
  for (const input of giftForm.querySelectorAll('input:checked')) {
    (choice[input.closest('[data-option]').dataset.option] ??= []).push({ selection_id: input.value });
  }
  return choice;
}
async function syncGift() {
  try {
    gift.data = { ...(await feedOf(gift)), bundle_selection: giftChoice() };
  } catch (error) {
    console.warn('the gift set keeps its feed’s answer:', error);
  }
}
async function renderBundle(output) {
  for (const option of output.options ?? []) {
    for (const selection of option.selections) {
      const input = giftForm.querySelector(`[data-selection="${CSS.escape(selection.id)}"]`);
      if (!input) continue;
      input.disabled = !selection.available;
      input.closest('label').classList.toggle('is-unavailable', !selection.available);
      giftForm.querySelector(`[data-note-for="${CSS.escape(selection.id)}"]`).textContent = selection.available ? '' : soldOut();
    }
  }
  const doc = await feedOf(gift).catch(() => null);
  const names = new Map(doc ? doc.product.options.flatMap((o) => o.selections.map((s) => [s.child.sku, s.child.name])) : []);
  $('gift-lines').replaceChildren(
    ...(output.request.children ?? []).map((line) => {
      const item = document.createElement('li');
      item.className = line.is_salable ? 'line-ok' : 'line-refused';
      const why = line.is_salable ? line.notice : line.reason;
      item.textContent = t('cx.lineOk', { name: names.get(line.sku) ?? line.sku, qty: fmt(line.qty) }) + (why ? ` — ${why}` : '');
      return item;
    }),
  );
}
gift.addEventListener('stock-status-change', (e) => renderBundle(e.detail));
giftForm.addEventListener('change', syncGift);
giftForm.addEventListener('submit', (e) => e.preventDefault());

// The grouped product: a row per child from `availability.children`, quantities sent as
// `grouped_qty`, each row's refusal from `request.children`.
const straps = $('stock-straps');
const strapsBody = $('straps-rows');
async function syncStraps() {
  const grouped_qty = {};
  for (const input of strapsBody.querySelectorAll('input[data-sku]')) {
    if (!input.disabled) grouped_qty[input.dataset.sku] = Math.max(0, Number(input.value) || 0);
  }
  try {
    straps.data = { ...(await feedOf(straps)), grouped_qty };
  } catch (error) {
    console.warn('the straps keep their feed’s answer:', error);
  }
}
function renderGrouped(output) {
  const lines = new Map((output.request.children ?? []).map((line) => [line.sku, line]));
  for (const c of output.children ?? []) {
    let row = [...strapsBody.children].find((r) => r.dataset.sku === c.sku);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.sku = c.sku;
      const head = document.createElement('th');
      head.scope = 'row';
      const name = document.createElement('span');
      name.className = 'row-name';
      const sku = document.createElement('small');
      sku.className = 'row-sku';
      sku.textContent = c.sku;
      head.append(name, document.createElement('br'), sku);
      const status = document.createElement('td');
      const message = document.createElement('span');
      message.className = 'row-message';
      const note = document.createElement('span');
      note.className = 'row-note';
      status.append(message, note);
      const qtyCell = document.createElement('td');
      const qty = Object.assign(document.createElement('input'), { type: 'number', min: '0', step: '1', inputMode: 'numeric', value: String(c.default_qty) });
      qty.dataset.sku = c.sku;
      qty.addEventListener('input', syncStraps);
      qtyCell.append(qty);
      row.append(head, status, qtyCell);
      strapsBody.append(row);
    }
    row.querySelector('.row-name').textContent = c.name;
    const message = row.querySelector('.row-message');
    message.textContent = c.message.text;
    message.dataset.kind = c.message.kind;
    const line = lines.get(c.sku);
    const why = line ? (line.is_salable ? line.notice : line.reason) : null;
    row.querySelector('.row-note').textContent = why ?? '';
    const qty = row.querySelector('input');
    qty.disabled = !c.is_salable;
    qty.setAttribute('aria-label', t('cx.qtyFor', { name: c.name }));
  }
}
straps.addEventListener('stock-status-change', (e) => renderGrouped(e.detail));

await init();
reset(SEED);
syncGift();
applyLanguage(new URLSearchParams(location.search).get('lang') || 'en');
