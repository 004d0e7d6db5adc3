// The demo's shop: the bag cards (quantity inputs drive each element's `qty`; Add to cart follows
// the verdict) and the configurable, bundle and grouped cards (SPEC §13), wired as a shop would wire
// them. Everything here reads the elements' output; no stock rule is written here.
import { fmt, t, textOr } from './texts.js';

const $ = (id) => document.getElementById(id);

// Product page: quantity inputs drive the elements' `qty`; the button follows the verdict.

for (const input of document.querySelectorAll('[data-qty-for]')) {
  const element = document.getElementById(input.dataset.qtyFor);
  input.addEventListener('input', () => {
    element.qty = input.value;
  });
}
// In-store pickup (SPEC §17): the cities a shopper may pick, for the mug's card and the playground,
// each at its centre as a "latitude,longitude" the core reads. A city picked sets the element's
// `near`; the core orders the stores.
const CITIES = [['Paris', '48.86,2.35'], ['Lyon', '45.76,4.84'], ['Marseille', '43.30,5.37'], ['Lille', '50.63,3.06']];
for (const select of document.querySelectorAll('select[data-cities]')) {
  select.append(...CITIES.map(([name, near]) => new Option(name, near)));
}
for (const select of document.querySelectorAll('[data-near-for]')) {
  const element = document.getElementById(select.dataset.nearFor);
  select.addEventListener('change', () => {
    if (select.value) element.setAttribute('near', select.value);
    else element.removeAttribute('near');
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
const valueLabel = (code, value) => textOr(`val.${value}`, value);
const attributeLabel = (code) => textOr(`attr.${code}`, code);

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

// A grouped product: a row per child from `availability.children`, quantities sent as
// `grouped_qty`, each row's refusal from `request.children`. Two cards use it: the straps from a
// static feed, and the same kind of product fed by salable-bridge from the fake Magento.
function wireGrouped(element, rows) {
  async function sync() {
    const grouped_qty = {};
    for (const input of rows.querySelectorAll('input[data-sku]')) {
      if (!input.disabled) grouped_qty[input.dataset.sku] = Math.max(0, Number(input.value) || 0);
    }
    try {
      element.data = { ...(await feedOf(element)), grouped_qty };
    } catch (error) {
      console.warn('the grouped product keeps its feed’s answer:', error);
    }
  }
  function renderGrouped(output) {
    const lines = new Map((output.request.children ?? []).map((line) => [line.sku, line]));
    for (const c of output.children ?? []) {
      let row = [...rows.children].find((r) => r.dataset.sku === c.sku);
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
        qty.addEventListener('input', sync);
        qtyCell.append(qty);
        row.append(head, status, qtyCell);
        rows.append(row);
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
  element.addEventListener('stock-status-change', (e) => renderGrouped(e.detail));
}
wireGrouped($('stock-straps'), $('straps-rows'));
wireGrouped($('stock-bridge-group'), $('bridge-group-rows'));

/** Sends the bundle's initial choice (its default radio) once the page is ready. */
export function startShop() {
  syncGift();
}
