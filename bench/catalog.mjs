// A realistic catalog from a fixed seed: what a merchant's feed export looks like, including the
// fields a stock widget never reads (descriptions, prices, images, attributes).

/** mulberry32: a small, well-known seeded PRNG, so every run benchmarks the same catalog. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'bag strap zip pocket water resistant nylon leather laptop sleeve padded handle travel gym daily commute durable lightweight roomy compartment shoulder'.split(' ');
const SOURCES = ['paris', 'lyon', 'marseille', 'lille', 'bordeaux', 'nantes', 'default'];

const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const COLOURS = ['black', 'blue', 'grey', 'red'];

/**
 * `composite`: the share of products that are configurable parents (for example 0.2), each with 3–12
 * children (simple products with `attributes` size and colour, their own sources, reservations and
 * overrides). 0, the default, gives the simple-only catalog, drawn exactly as before.
 */
export function generateCatalog({ products = 100_000, seed = 20261127, composite = 0 } = {}) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const qty = (decimals) => (decimals ? Math.round(r() * 4000) / 100 : int(0, 60));

  // A stocked product's settings, sources and reservations (a simple product or a child).
  const stock = (orderBase) => {
    const decimals = r() < 0.1;
    const overrides = {};
    if (r() < 0.3) overrides.backorders = pick(['no', 'allow', 'allow_notify', 1, 2]);
    if (r() < 0.2) overrides.out_of_stock_threshold = pick([-50, -10, -2.5, 0, 2, 5]);
    if (r() < 0.1) overrides.min_sale_qty = pick([0, 1, 2, 5]);
    if (r() < 0.05) overrides.manage_stock = false;
    if (r() < 0.05) { overrides.enable_qty_increments = true; overrides.qty_increments = pick([2, 3, 0.5]); }
    const codes = [...SOURCES].sort(() => r() - 0.5).slice(0, int(1, 4));
    const sources = codes.map((source_code) => ({
      source_code,
      quantity: qty(decimals),
      status: r() < 0.85 ? 'in_stock' : pick(['out_of_stock', 0]),
      source_enabled: r() < 0.95,
      notify_for_quantity_below: r() < 0.2 ? int(1, 10) : null,
      bin_location: `${pick(['A', 'B', 'C'])}-${int(1, 40)}`,
    }));
    const reservations = Array.from({ length: int(0, 5) }, (_, k) => ({
      quantity: -int(1, 6),
      event: 'order_placed',
      order_id: String(orderBase + k),
      created_at: '2026-11-26T10:15:00Z',
    }));
    return { decimals, overrides, sources, reservations };
  };
  // What a feed carries besides stock. `attributes` is the core's key for a configurable child's
  // attribute values (strings only), so the feed's numeric weight sits beside it.
  const feed = (i) => ({
    description: `<p>${words(int(30, 70))}.</p>`,
    short_description: words(int(8, 16)),
    price: { amount: int(500, 25000) / 100, currency: 'EUR', tax_class: 'taxable' },
    images: Array.from({ length: int(1, 4) }, (_, k) => ({ url: `/media/catalog/product/${i}-${k}.jpg`, role: k ? 'gallery' : 'base', width: 1200, height: 1200 })),
    attributes: { color: pick(['black', 'blue', 'grey', 'red']), material: pick(['nylon', 'leather', 'canvas']) },
    weight_kg: int(2, 30) / 10,
    categories: [int(3, 40), int(3, 40)],
    url_key: `product-${i}`,
    updated_at: '2026-11-26T10:15:00Z',
  });
  const name = (i) => `${words(2)} ${i}`.replace(/^./, (c) => c.toUpperCase());

  const list = [];
  for (let i = 0; i < products; i++) {
    if (composite > 0 && r() < composite) {
      const sku = `CFG-${String(i).padStart(6, '0')}`;
      const combos = SIZES.flatMap((size) => COLOURS.map((colour) => ({ size, colour })))
        .sort(() => r() - 0.5)
        .slice(0, int(3, 12));
      const children = combos.map(({ size, colour }, c) => {
        const { decimals, overrides, sources, reservations } = stock(200000000 + i * 200 + c * 10);
        const child = { sku: `${sku}-${size}-${colour}`, name: `${size} ${colour} ${i}`, qty_uses_decimals: decimals, overrides, sources, reservations };
        if (r() < 0.05) child.enabled = false;
        child.attributes = { size, colour };
        child.price = { amount: int(500, 25000) / 100, currency: 'EUR' };
        return child;
      });
      const parent = { type: 'configurable', sku, name: name(i) };
      if (r() < 0.05) parent.stock_flag = 'out_of_stock';
      if (r() < 0.03) parent.enabled = false;
      if (r() < 0.03) parent.overrides = { manage_stock: false };
      list.push({ ...parent, children, ...feed(i) });
      continue;
    }
    const { decimals, overrides, sources, reservations } = stock(100000000 + i * 10);
    list.push({
      sku: `SKU-${String(i).padStart(6, '0')}`,
      name: name(i),
      qty_uses_decimals: decimals,
      overrides,
      sources,
      reservations,
      ...feed(i),
    });
  }
  return {
    config: { backorders: 'no', only_x_left_threshold: 5, notify_for_quantity_below: 3, max_sale_qty: 100 },
    products: list,
    locale: 'en',
    requested_qty: 2,
  };
}
