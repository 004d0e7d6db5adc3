// The in-store pickup part of <stock-status> (SPEC §17), loaded by the element only when an output
// carries `pickup`, so a page without pickup never downloads it. It renders what the core decided:
// the message and each store's verdict, as given; no rule lives here.
//
// Server-rendered markup (renderHtml) already holds the block and links dist/stock-status.css,
// which carries these styles too.
//
// The markup is renderHtml's (src/html.rs): a native <details> (`pickup-list`) whose <summary>
// (`pickup`) is the core's message, polite so that a change of quantity or store is announced,
// and the stores as a list (`pickup-stores`).

/** A store's distance as renderHtml writes it (src/html.rs, `distance_text`): the core's rounded
 *  figure with CLDR's separators for the element's language, `1,234.5 km` in English and
 *  `1 234,5 km` in French (a narrow no-break space, a decimal comma, as the core's texts), a
 *  no-break space before "km". `locale` is the element's BCP 47 tag. */
const formatKm = (km, locale) => {
  const french = /^fr(?:[-_]|$)/i.test(locale ?? '');
  const [whole, tenths] = String(km).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, french ? '\u202f' : ',');
  return `${grouped}${tenths ? (french ? ',' : '.') + tenths : ''}\u00a0km`;
};

/** A store's address on one line, as renderHtml writes it: street, postcode and city, region,
 *  country, the parts given. */
const addressLine = (a) => [a.street, [a.postcode, a.city].filter(Boolean).join(' '), a.region, a.country_id].filter(Boolean).join(', ');

// Its styles, as text (esbuild's text loader), adopted beside the element's own.
import STYLE from 'stock-status-pickup-style';

let sheet = null;

const element = (tag, part) => {
  const node = document.createElement(tag);
  node.setAttribute('part', part);
  return node;
};

/**
 * Shows `pickup` (the output's, or null) in `root`, creating the nodes on first use; `nodes` holds
 * them between calls (`pickupList`, `pickup`, `pickupStores`, and the key of the list on screen, so
 * an unchanged list is not rebuilt and an open disclosure stays open).
 * @param {ShadowRoot} root
 * @param {Record<string, any>} nodes
 * @param {import('../types/stock-status').StockOutput['pickup']} pickup
 * @param {string | undefined} locale The element's locale tag: the decimal separator of distances.
 */
export function showPickup(root, nodes, pickup, locale) {
  // A server-rendered block (renderHtml) is taken over as it is.
  nodes.pickupList ??= root.querySelector('[part="pickup-list"]');
  if (nodes.pickupList && !nodes.pickup) {
    nodes.pickup = nodes.pickupList.querySelector('[part="pickup"]');
    nodes.pickupStores = nodes.pickupList.querySelector('[part="pickup-stores"]');
  }
  if (!nodes.pickupList) {
    if (!pickup) return;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    nodes.pickupList = element('details', 'pickup-list');
    nodes.pickup = element('summary', 'pickup');
    nodes.pickup.setAttribute('aria-live', 'polite');
    nodes.pickupStores = element('ul', 'pickup-stores');
    nodes.pickupStores.setAttribute('role', 'list'); // list semantics survive `list-style: none`
    nodes.pickupList.append(nodes.pickup, nodes.pickupStores);
    root.append(nodes.pickupList);
  }
  const { pickupList, pickup: summary, pickupStores } = nodes;
  if (pickupList.hidden !== !pickup) pickupList.hidden = !pickup;
  if (!pickup) return;
  if (summary.textContent !== pickup.message) summary.textContent = pickup.message;
  const key = JSON.stringify([pickup.locations, locale]);
  if (key === nodes.pickupKey) return;
  nodes.pickupKey = key;
  pickupStores.replaceChildren(...pickup.locations.map((store) => {
    const item = element('li', 'pickup-store');
    item.dataset.available = String(store.available);
    const lines = [
      ['name', store.name],
      ['text', store.text],
      ['distance', store.distance_km == null ? null : formatKm(store.distance_km, locale)],
      ['address', addressLine(store.address)],
      ['phone', store.phone],
    ];
    for (const [part, text] of lines) {
      if (!text) continue;
      const span = element('span', `pickup-store-${part}`);
      span.textContent = text;
      item.append(span);
    }
    return item;
  }));
}
