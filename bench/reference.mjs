// The same rules in plain JavaScript, as a developer would write them without wasm: JSON.parse,
// evaluate each product, JSON.stringify. The benchmark's baseline, and a second opinion on every
// output. Quantities are counted in ten-thousandths (SPEC §1), as they must be to agree at all.

const S = 10000;
const toUnits = (x) => Math.round(x * S);
const fromUnits = (u) => u / S;
const show = (u) => String(fromUnits(u));

const BACKORDERS = { no: 'no', allow: 'allow', allow_notify: 'allow_notify', 0: 'no', 1: 'allow', 2: 'allow_notify' };
const pickSetting = (overrides, config, key, fallback) => (overrides[key] ?? config[key] ?? fallback);

function evaluateProduct(config, product, requestedQty) {
  const o = product.overrides ?? {};
  const manage = pickSetting(o, config, 'manage_stock', true);
  const backorders = BACKORDERS[pickSetting(o, config, 'backorders', 'no')];
  const backordersOn = backorders !== 'no';
  const rawT = toUnits(pickSetting(o, config, 'out_of_stock_threshold', 0));
  const T = backordersOn ? Math.min(rawT, 0) : Math.max(rawT, 0);
  const minSale = toUnits(pickSetting(o, config, 'min_sale_qty', 1));
  const maxSale = toUnits(pickSetting(o, config, 'max_sale_qty', 10000));
  const notifyBelow = toUnits(pickSetting(o, config, 'notify_for_quantity_below', 1));
  const incOn = pickSetting(o, config, 'enable_qty_increments', false);
  const inc = toUnits(pickSetting(o, config, 'qty_increments', 1));
  const onlyX = toUnits(config.only_x_left_threshold ?? 0);
  const display = config.display_stock_status ?? true;
  const decimals = product.qty_uses_decimals ?? false;

  const sources = product.sources;
  const counted = sources.filter((s) => (s.source_enabled ?? true) && (s.status === 'in_stock' || s.status === 1));
  const Q = counted.reduce((a, s) => a + toUnits(s.quantity), 0);
  const R = (product.reservations ?? []).reduce((a, r) => a + toUnits(r.quantity), 0);
  const Sq = Q + R - T;
  const assigned = sources.length > 0;
  const anyInStock = counted.length > 0;
  const unlimited = backordersOn && T >= 0;
  const salable = !assigned ? false : !manage ? true : !anyInStock ? false : unlimited ? true : Sq > 0;

  let message;
  if (!display) message = { kind: 'hidden', text: null };
  else if (!salable) message = { kind: 'out_of_stock', text: 'Out of stock' };
  else if (manage && Sq > 0 && Sq <= onlyX) message = { kind: 'only_x_left', text: `Only ${show(Sq)} left` };
  else message = { kind: 'in_stock', text: 'In stock' };

  const q = requestedQty != null ? toUnits(requestedQty) : minSale > 0 ? minSale : S;
  const errors = [];
  const err = (code, text) => errors.push({ code, message: text });
  if (!assigned) {
    err('requested-sku-is-not-assigned-to-given-stock', 'The requested sku is not assigned to given stock.');
  } else {
    if (minSale > 0 && q < minSale) err('is_correct_qty-min_sale_qty', `The fewest you may purchase is ${show(minSale)}.`);
    else if (maxSale > 0 && q > maxSale) err('is_correct_qty-max_sale_qty', 'The requested qty exceeds the maximum qty allowed in shopping cart');
    else if (incOn && inc > 0 && !(q % inc === 0 || q % inc < inc / S || inc - (q % inc) < inc / S))
      err('is_correct_qty-qty_increment', `You can buy this product only in quantities of ${show(inc)} at a time.`);
    else if (!decimals && q % S !== 0) err('is_correct_qty-is_qty_decimal', 'You cannot use decimal quantity for this product.');
    if (manage && !anyInStock) err('is_any_source_item_in_stock-no_source_items_in_stock', 'There are no source items with the in stock status');
    if (errors.length === 0 && !(unlimited || !manage || Sq >= q)) {
      err('back_order-disabled', 'Backorders are disabled');
      err('manage_stock-enabled', 'Manage stock is enabled');
      err('is_salable_with_reservations-not_enough_qty', 'Not enough items for sale');
    }
  }
  const requestOk = errors.length === 0;
  const backorderQty = requestOk && manage && backordersOn ? Math.min(Math.max(q - (Q + R), 0), q) : 0;
  const name = product.name ? `"${product.name}"` : 'of this product';
  const notice = backorders === 'allow_notify' && backorderQty > 0
    ? `We don't have as many ${name} as you requested, but we'll back order the remaining ${show(backorderQty)}.`
    : null;

  const low = sources
    .filter((s) => (s.source_enabled ?? true) && (s.status === 'in_stock' || s.status === 1) && s.quantity > 0
      && toUnits(s.quantity) < (s.notify_for_quantity_below != null ? toUnits(s.notify_for_quantity_below) : notifyBelow))
    .map((s) => s.source_code);

  return {
    sku: product.sku,
    is_salable: salable,
    salable_qty: fromUnits(salable ? Sq : 0),
    stock_status: salable ? 'in_stock' : 'out_of_stock',
    message,
    only_x_left: message.kind === 'only_x_left' ? fromUnits(Sq) : null,
    request: {
      qty: fromUnits(q),
      is_salable: requestOk,
      errors,
      backorder_qty: fromUnits(backorderQty),
      notice,
      // The shopper's reason: the last error's message, when the product itself is salable (SPEC §7).
      reason: salable && errors.length ? errors[errors.length - 1].message : null,
      expected_date: null,
    },
    low_stock_sources: low,
    schema_org_availability: !salable
      ? 'https://schema.org/OutOfStock'
      : manage && backordersOn && Q + R <= 0 ? 'https://schema.org/BackOrder' : 'https://schema.org/InStock',
    // No restock dates in the catalog (SPEC §14).
    restock: null,
    schema_org_availability_starts: null,
  };
}

/** SPEC §4 alone, for a child: `child_salable(c) = c.enabled and §4(c)` (SPEC §13.2). */
function childSalable(config, child) {
  if (child.enabled === false) return false;
  const o = child.overrides ?? {};
  const sources = child.sources;
  if (sources.length === 0) return false;
  if (!pickSetting(o, config, 'manage_stock', true)) return true;
  let Q = 0;
  let anyInStock = false;
  for (const s of sources) {
    if ((s.source_enabled ?? true) && (s.status === 'in_stock' || s.status === 1)) {
      anyInStock = true;
      Q += toUnits(s.quantity);
    }
  }
  if (!anyInStock) return false;
  const backordersOn = BACKORDERS[pickSetting(o, config, 'backorders', 'no')] !== 'no';
  const rawT = toUnits(pickSetting(o, config, 'out_of_stock_threshold', 0));
  const T = backordersOn ? Math.min(rawT, 0) : Math.max(rawT, 0);
  if (backordersOn && T >= 0) return true;
  let R = 0;
  for (const r of child.reservations ?? []) R += toUnits(r.quantity);
  return Q + R - T > 0;
}

/**
 * A configurable parent with no child named (SPEC §13.2, §13.3, §13.6): the parent's own rule and
 * some salable child; swatches with `offered` / `available`; the request refused until a child is
 * chosen.
 */
function evaluateConfigurable(config, product, requestedQty) {
  const o = product.overrides ?? {};
  const manage = pickSetting(o, config, 'manage_stock', true);
  const inStock = (product.stock_flag ?? 'in_stock') === 'in_stock' || product.stock_flag === 1;
  const children = product.children ?? [];
  const salableChildren = children.map((c) => childSalable(config, c));
  const salable = (product.enabled ?? true) && (inStock || !manage) && salableChildren.some(Boolean);

  const display = config.display_stock_status ?? true;
  const message = !display
    ? { kind: 'hidden', text: null }
    : salable ? { kind: 'in_stock', text: 'In stock' } : { kind: 'out_of_stock', text: 'Out of stock' };

  // Every attribute and value in first-seen order; with nothing selected, `available` is "some
  // salable child has it".
  const showOutOfStock = config.show_out_of_stock ?? false;
  const options = {};
  children.forEach((child, i) => {
    const enabled = child.enabled ?? true;
    for (const [code, value] of Object.entries(child.attributes ?? {})) {
      const values = (options[code] ??= []);
      let v = values.find((x) => x.value === value);
      if (!v) values.push((v = { value, offered: false, available: false }));
      if (enabled && (showOutOfStock || salableChildren[i])) v.offered = true;
      if (salableChildren[i]) v.available = true;
    }
  });

  const error = salable
    ? { code: 'configurable-options-required', message: 'You need to choose options for your item.' }
    : { code: 'product-not-available', message: 'Product that you are trying to add is not available.' };
  return {
    sku: product.sku,
    is_salable: salable,
    salable_qty: null,
    stock_status: salable ? 'in_stock' : 'out_of_stock',
    message,
    only_x_left: null,
    request: {
      qty: requestedQty != null ? fromUnits(toUnits(requestedQty)) : 1,
      is_salable: false,
      errors: [error],
      backorder_qty: 0,
      notice: null,
      reason: salable ? error.message : null,
      expected_date: null,
    },
    low_stock_sources: [],
    schema_org_availability: salable ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
    restock: null,
    schema_org_availability_starts: null,
    variant: null,
    options,
  };
}

/** Text in, text out, like evaluateCatalog. */
export function evaluateCatalogJs(text) {
  const doc = JSON.parse(text);
  const config = doc.config ?? {};
  return JSON.stringify(doc.products.map((p) =>
    p.type === 'configurable' ? evaluateConfigurable(config, p, doc.requested_qty) : evaluateProduct(config, p, doc.requested_qty)));
}
