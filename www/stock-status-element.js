// The <stock-status> element's class (`salable/element`, dist/stock-status-element.js), not
// registered: `stock-status.js` defines it as <stock-status>; an app that wants another tag calls
// `StockStatusElement.define('my-stock')`. It shows a shopper whether a product can be bought, from
// a stock document (SPEC §10).
//
// This file only fetches, calls wasm and renders. Every availability rule lives in the Rust core:
// if you find yourself writing an `if` about stock here, it belongs there instead.
//
//   <script type="module" src="/dist/stock-status.js"></script>
//   <stock-status src="/stock/24-MB01.json" qty="2"></stock-status>
//
// Attributes: src, qty, locale, timeout (ms, default 10000), variant, near ("lat,long", SPEC §17),
// and two hints that load the second module at once: product-type, pickup.
// Server-rendered markup (renderHtml, SPEC §15) is adopted: no loading state over it, a background
// refresh from src, and text changed only where the answer changed.
// Properties: data (an input document, no fetch), availability (read-only, the last output).
// Events: stock-status-change (detail: the output), stock-status-error (detail: { error, stage }).

// Resolved by the build (scripts/build.sh) to the wasm-bindgen glue of the element's first module,
// which reads simple, virtual and downloadable products.
import initCore, { evaluateJson as evaluateCore } from 'stock-status-core';
// The element's styles, as text (esbuild's text loader): the same file is dist/stock-status.css,
// which server-rendered markup links (SPEC §15).
import STYLE from 'stock-status-style';

const DEFAULT_TIMEOUT_MS = 10000;

// Texts the element needs when it has no answer from wasm (wasm may be what failed).
const TEXTS = {
  en: { loading: 'Checking availability…', unavailable: 'Availability unavailable' },
  fr: { loading: 'Vérification de la disponibilité…', unavailable: 'Disponibilité indisponible pour le moment' },
};

// Two wasm modules, one instance each per page however many elements: `core` for simple, virtual
// and downloadable products, `composite` for every type (SPEC §13) and in-store pickup (SPEC §17),
// fetched beside this file only when a configurable, bundle or grouped product, or a feed with
// pickup on, is on the page, so other pages never pay for it.
// Each resolves to its `evaluateJson`. A failed load may be retried by a later element.
const modules = { core: null, composite: null };
function loadWasm(kind = 'core') {
  modules[kind] ??= (
    kind === 'core'
      ? initCore().then(() => evaluateCore)
      : import(new URL('./stock-status-composite.js', import.meta.url)).then(async (m) => { await m.default(); return m.evaluateJson; })
  ).catch((error) => {
    modules[kind] = null;
    throw error;
  });
  return modules[kind];
}

// Which module reads a document: a guess from its text, so that a composite page loads one module,
// not two. A composite miss is corrected by the core module's answer (`product.type`), and a false
// match costs the larger download, never a wrong message. Pickup (SPEC §17) is read by the second
// module only, and chosen by `"pickup_enabled": true` in the text: JSON has no other way to write
// that key and value, and `data` is stringified by JSON.stringify.
const COMPOSITE_TYPES = ['configurable', 'bundle', 'grouped'];
const COMPOSITE = new RegExp(`"type"\\s*:\\s*"(?:${COMPOSITE_TYPES.join('|')})"|"pickup_enabled"\\s*:\\s*true`);

// The pickup part (www/stock-status-pickup.js), fetched beside this file the first time an output
// carries `pickup`; a page without pickup never downloads it.
let pickupPart = null;

// Magento's refusals that ask for a choice the shopper has not made yet ("You need to choose options
// for your item.", "Please select all required options.", "Please specify the quantity of
// product(s)."): like a required form field's `valueMissing`, shown only once the page asks,
// through reportValidity() (its Add to Cart). Every other refusal shows at once.
const CHOICE_MISSING = new Set(['configurable-options-required', 'bundle-option-required', 'grouped-qty-required']);

/** An empty value as frameworks pass one (Preact writes `null` as `''`): no value. */
const absent = (value) => value == null || value === '';

/** A selection compared by value: the same keys and values in any order give the same key (the
 *  entries sorted as text: keys are unique, so equal selections sort alike). */
const selectionKey = (selection) => JSON.stringify(Object.entries(selection).sort());


let sheet = null;
/** Gives a shadow root the element's styles: a constructed sheet, shared by every element, so no
 *  inline <style> and a shop's strict `style-src` needs no 'unsafe-inline' for us. */
function adoptSheet(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  root.adoptedStyleSheets = [sheet];
}

/** Shows `text` in `node`, or hides it when there is none; touches the DOM only on a change, so a
 *  refresh with the same answer announces nothing and repaints nothing. */
function setText(node, text) {
  const value = text ?? '';
  if (node.textContent !== value) node.textContent = value;
  if (node.hidden !== !text) node.hidden = !text;
}

/** The shopper's local date, ISO YYYY-MM-DD. */
function localToday() {
  // The local wall clock written as if it were UTC, then ISO's date part.
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

function languageOf(tag) {
  const language = String(tag || '').toLowerCase().split(/[-_]/)[0];
  return language in TEXTS ? language : 'en';
}

/**
 * Shows a shopper whether a product can be bought: "In stock", "Only X left", "Out of stock", the
 * backorder notice, the reason a quantity is refused, and when the product is expected back.
 *
 * @summary A product's availability, by Magento 2's inventory rules (Rust core in WebAssembly).
 * @tag stock-status
 *
 * @attr {string} src - URL of an input document (SPEC §10); fetched again when it changes.
 * @attr {string} qty - The requested quantity as typed; text that is not a number above 0 is a refused request.
 * @attr {string} locale - `en`, `en-GB`, `fr`…; otherwise the nearest `lang`, otherwise `en`.
 * @attr {string} timeout - Milliseconds before a fetch is abandoned; default 10000.
 * @attr {string} variant - A configurable product's chosen child, by sku (SPEC §13.3); no new fetch.
 * @attr {string} product-type - Optional hint, configurable, bundle or grouped: load the composite module at once.
 * @attr {boolean} pickup - Optional hint: the feed has in-store pickup on (SPEC §17), so load the second module at once, never the first. It turns nothing on: the feed's `pickup_enabled` decides.
 * @attr {string} near - The shopper's approximate position, "latitude,longitude" (e.g. "48.86,2.35"): pickup stores nearest first (SPEC §17); no new fetch.
 * @attr {string} data-kind - Set by the element: in_stock, only_x_left, out_of_stock, hidden, loading or unavailable.
 *
 * @fires {CustomEvent<StockOutput>} stock-status-change - After each evaluation; `detail` is the output document.
 * @fires {CustomEvent<{error: unknown, stage: 'load' | 'wasm' | 'evaluate'}>} stock-status-error - Loading or evaluating failed.
 * @fires {Event} invalid - checkValidity() or reportValidity() found a request that cannot be bought (cancelable, as a form control's).
 *
 * @csspart status - The live region (role="status") holding the parts below.
 * @csspart message - "In stock", "Only 3 left", "Out of stock", or the element's loading and unavailable texts.
 * @csspart notice - The backorder notice, with "Expected to ship {date}." when a restock date is known.
 * @csspart error - Why the requested quantity is refused.
 * @csspart restock - "Expected back {date}." for a product that is not salable.
 * @csspart pickup-list - The in-store pickup block (SPEC §17), a native <details>; hidden when the output's pickup is null.
 * @csspart pickup - Its summary: "Pickup available at {store}. Also at 2 other stores" or "Pickup currently unavailable".
 * @csspart pickup-stores - The list of pickup stores (a <ul>), in the output's order.
 * @csspart pickup-store - One store (an <li>, with data-available="true" or "false").
 * @csspart pickup-store-name - A store's name.
 * @csspart pickup-store-text - "Available for pickup" or "Currently unavailable".
 * @csspart pickup-store-distance - "1.2 km", when the page gave `near`.
 * @csspart pickup-store-address - The store's address on one line.
 * @csspart pickup-store-phone - The store's phone.
 *
 * @cssprop --stock-status-in-stock - Colour of "In stock" (default #17663a).
 * @cssprop --stock-status-only-x-left - Colour of "Only X left" (default #8a4b00).
 * @cssprop --stock-status-out-of-stock - Colour of "Out of stock" (default #a61b1b).
 * @cssprop --stock-status-neutral - Colour of the loading and unavailable texts (default #4a4f57).
 * @cssprop --stock-status-error - Colour of a refused request's reason (default #a61b1b).
 * @cssprop --stock-status-restock - Colour of the restock line (default: inherited).
 */
export class StockStatusElement extends HTMLElement {
  static observedAttributes = ['src', 'qty', 'locale', 'timeout', 'variant', 'product-type', 'near'];

  /**
   * Registers the class as `tag` (default `stock-status`) in `registry` (default the page's
   * `customElements`) and returns it. `stock-status.js` calls it once for <stock-status>.
   * @param {string} [tag]
   * @param {CustomElementRegistry} [registry]
   */
  static define(tag = 'stock-status', registry = customElements) {
    registry.define(tag, this);
    return this;
  }

  #document = null; // the input document set through `data`
  #text = null; // the JSON text wasm reads: the feed's body as fetched, or `data` stringified
  #availability = null;
  #request = 0; // bumps on every load, so a slow old answer never overwrites a newer one
  #abort = null;
  #nodes;
  // Server-rendered (SPEC §15): the src whose answer is on screen, refreshed behind it with no
  // loading state. A new src or `data` shows loading as usual.
  #backgroundFor = null;
  #started = false; // attribute changes before the first connect are read by connectedCallback
  #selection = null; // a configurable product's attribute values, set through `selection`
  #selectionKey = null; // the same, compared by value (selectionKey)
  #dataText = null; // `data` as JSON text, to skip a new-but-equal document
  #reported = false; // reportValidity() was called: refusals that ask for a choice show too

  constructor() {
    super();
    // A server-rendered declarative shadow root (renderHtml, SPEC §15) is adopted as it is:
    // attachShadow would empty it.
    const adopted = this.shadowRoot;
    const root = adopted ?? this.attachShadow({ mode: 'open' });
    adoptSheet(root);
    if (adopted) {
      const find = (part) => root.querySelector(`[part="${part}"]`);
      const status = find('status');
      if (status) {
        this.#nodes = { status, message: find('message'), notice: find('notice'), error: find('error'), restock: find('restock') };
        if (Object.values(this.#nodes).every(Boolean)) {
          // Its answer is on screen: refreshes happen behind it, never over a loading state.
          if (this.dataset.kind && this.dataset.kind !== 'loading') this.#backgroundFor = this.getAttribute('src');
          // A refusal the server chose to show stays shown.
          this.#reported = !this.#nodes.error.hidden;
          return;
        }
      }
      root.replaceChildren();
    }
    // The live region exists before any text goes in, so screen readers announce changes.
    const status = document.createElement('div');
    status.setAttribute('part', 'status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const make = (part) => {
      const span = document.createElement('span');
      span.setAttribute('part', part);
      span.hidden = true;
      status.append(span);
      return span;
    };
    // The same nodes, in the same order, as renderHtml writes (src/html.rs); the pickup part
    // adds its block after them the first time an output carries pickup.
    this.#nodes = { status, message: make('message'), notice: make('notice'), error: make('error'), restock: make('restock') };
    root.append(status);
  }

  connectedCallback() {
    // A page may set properties before this module defines the element; those landed on the
    // instance itself and hide our accessors. Take them over.
    for (const name of ['data', 'src', 'qty', 'locale', 'variant', 'selection']) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.#started = true;
    if (this.#text != null) this.#render();
    else if (this.hasAttribute('src')) this.#load();
  }

  disconnectedCallback() {
    this.#abort?.abort();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#started || !this.isConnected) return;
    if (name === 'src') {
      this.#reported = false; // another product: its refusals are not earned yet
      this.#load();
    }
    // qty, locale, variant, near: the same document again, with no fetch (timeout and
    // product-type change nothing shown, and re-evaluating for them is harmless).
    else this.#render();
  }

  /** The input document set through `data` (a fetched feed is not parsed in JS). Setting it
   *  evaluates it at once, with no fetch; a document equal to the current one (by value) changes
   *  nothing. `null` or `''` (Preact's null) means no document: the element follows `src` again. */
  get data() {
    return this.#document;
  }

  set data(value) {
    const text = absent(value) ? null : JSON.stringify(value);
    if (text === this.#dataText) return;
    this.#dataText = text;
    this.#request++;
    this.#abort?.abort();
    this.#backgroundFor = null;
    if (text == null) {
      // No document any more: back to the feed, or to nothing.
      this.#document = this.#text = null;
      if (this.#started && this.isConnected && this.getAttribute('src')) this.#load();
      else this.#clear();
      return;
    }
    this.#document = value;
    this.#text = text;
    this.#render();
  }

  /** The last output document (SPEC §11), or null while loading or after a failure. */
  get availability() {
    return this.#availability;
  }

  /** Sets or removes an attribute from a property; a value equal to the current one changes
   *  nothing, and `null` or `''` removes it. */
  #reflect(name, value) {
    if (absent(value)) {
      if (this.hasAttribute(name)) this.removeAttribute(name);
    } else if (this.getAttribute(name) !== String(value)) {
      this.setAttribute(name, value);
    }
  }

  /** The `src` attribute: the URL of the input document. */
  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.#reflect('src', value); }
  /** A configurable product's chosen child, by sku (SPEC §13.3): the message, "Only X left" and
   *  the request are that child's, with no new fetch. `null` (or `''`) for none. */
  get variant() { return this.getAttribute('variant'); }
  set variant(value) { this.#reflect('variant', value); }

  /** A configurable product's chosen attribute values, `{ size: 'M', color: 'Blue' }`, complete or
   *  partial (SPEC §13.3). The output's `options` then says which other values can still be bought;
   *  a complete selection answers for its child. `variant`, when set, wins. A selection equal to the
   *  current one (by value, in any key order) changes nothing; `null` (or `''`) for none. */
  get selection() { return this.#selection; }
  set selection(value) {
    const key = absent(value) ? null : selectionKey(value);
    if (key === this.#selectionKey) return;
    this.#selectionKey = key;
    this.#selection = key == null ? null : { ...value };
    if (this.#started) this.#render();
  }

  /** The `qty` attribute: the requested quantity as typed; null when absent. */
  get qty() { return this.getAttribute('qty'); }
  set qty(value) { this.#reflect('qty', value); }
  /** The `locale` attribute; null when absent. */
  get locale() { return this.getAttribute('locale'); }
  set locale(value) { this.#reflect('locale', value); }

  /** Fetches `src` again. */
  refresh() {
    return this.#load();
  }

  /** Whether the shopper's request can be bought (`availability.request.is_salable`), as a form
   *  control's checkValidity(): no UI; fires a cancelable `invalid` event when it cannot (and
   *  while there is no answer). */
  checkValidity() {
    return this.#validity(false);
  }

  /** checkValidity(), and when the request cannot be bought (and `invalid` is not cancelled),
   *  shows why, including a choice not made yet ("You need to choose options for your item."),
   *  as Magento does after Add to Cart. What a page's Add to Cart calls. */
  reportValidity() {
    return this.#validity(true);
  }

  #validity(report) {
    const output = this.#availability;
    if (output?.request.is_salable) return true;
    if (this.dispatchEvent(new Event('invalid', { cancelable: true })) && report) {
      this.#reported = true;
      if (output) this.#show(output);
    }
    return false;
  }

  /** Why the request cannot be bought (the refusal, or the message when it says it); '' when it
   *  can, and while there is no answer. */
  get validationMessage() {
    const output = this.#availability;
    if (!output || output.request.is_salable) return '';
    return output.request.reason ?? output.message.text ?? '';
  }

  /** The shopper's choice on a configurable product's page, as the core reads it. */
  #choice() {
    const variant = this.getAttribute('variant');
    if (variant) return JSON.stringify({ variant });
    return this.#selection ? JSON.stringify({ selection: this.#selection }) : undefined;
  }

  /** Starts loading the module this element will most likely need while its feed downloads: the
   *  second one for a chosen variant or selection, a `product-type` or `pickup` hint, or a
   *  server-rendered pickup block on screen (SPEC §17), so those pages never download the first
   *  for nothing. */
  #preload() {
    const composite = this.#choice() || COMPOSITE_TYPES.includes(this.getAttribute('product-type')) || this.hasAttribute('pickup') || this.#pickupShown();
    return loadWasm(composite ? 'composite' : 'core');
  }

  /** Whether a pickup block is on screen: the pickup part's, or a server-rendered one, which
   *  follows the status and is hidden when its answer had no pickup. */
  #pickupShown() {
    return this.#nodes.status.nextElementSibling?.hidden === false;
  }

  #locale() {
    return this.getAttribute('locale') || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || this.#document?.locale || undefined;
  }

  #timeout() {
    const ms = Number(this.getAttribute('timeout'));
    return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
  }

  async #load() {
    const src = this.getAttribute('src');
    if (!src) return;
    const request = ++this.#request;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const ms = this.#timeout();
    const timer = setTimeout(() => abort.abort(new Error(`timed out after ${ms} ms`)), ms);
    // Forget the previous answer first: after a failed refresh, never show an older "In stock".
    // A server-rendered answer stays while its first refresh runs (SPEC §15); a failure still
    // replaces it with "unavailable".
    this.#document = this.#text = this.#dataText = null;
    if (src !== this.#backgroundFor) this.#showNeutral('loading');
    try {
      const [response] = await Promise.all([fetch(new URL(src, document.baseURI), { signal: abort.signal }), this.#preload()]);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const text = await response.text();
      if (request !== this.#request) return;
      // The text goes to wasm as it came: its reader reports bad JSON with the line and column.
      this.#text = text;
    } catch (error) {
      if (request !== this.#request) return;
      const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : error;
      this.#fail(reason, 'load');
      return;
    } finally {
      clearTimeout(timer);
    }
    this.#render();
  }

  async #render() {
    const text = this.#text;
    if (text == null || !this.isConnected) return;
    const request = this.#request;
    // The attribute goes to the core as typed: a quantity that is not a number above 0 comes
    // back as a refused request with a localised reason, not as a failure. `today` is the
    // shopper's local date, used when the document has none (SPEC §14).
    const args = [text, this.getAttribute('qty') ?? undefined, this.#locale(), localToday(), this.#choice(), this.getAttribute('near')];
    let kind = COMPOSITE.test(text) ? 'composite' : 'core';
    let output;
    for (;;) {
      let evaluate;
      try {
        evaluate = await loadWasm(kind);
      } catch (error) {
        if (request === this.#request) this.#fail(error, 'wasm');
        return;
      }
      if (request !== this.#request || text !== this.#text) return;
      try {
        output = JSON.parse(evaluate(...args));
        break;
      } catch (error) {
        // The core module does not read composite products: it says so at `product.type`.
        if (kind === 'core' && error?.path === 'product.type') {
          kind = 'composite';
          continue;
        }
        // A malformed `near` is the page's mistake, not the feed's: the stock still shows, stores
        // in document order, and the console says why.
        if (error?.path === 'near' && args[5]) {
          console.error(error);
          args.pop();
          continue;
        }
        this.#fail(error, 'evaluate');
        return;
      }
    }
    this.#availability = output;
    this.#show(output);
    this.dispatchEvent(new CustomEvent('stock-status-change', { detail: output, bubbles: true, composed: true }));
  }

  #show(output) {
    const { message, notice, error, restock } = this.#nodes;
    if (this.dataset.kind !== output.message.kind) this.dataset.kind = output.message.kind;
    this.removeAttribute('aria-busy');
    const request = output.request;
    setText(message, output.message.text);
    setText(notice, request.notice);
    // The core decides what a refused request tells the shopper (null when the message says it);
    // a choice not made yet waits for reportValidity().
    const unearned = !this.#reported && CHOICE_MISSING.has(request.errors.at(-1)?.code);
    setText(error, unearned ? null : request.reason);
    setText(restock, output.restock?.text);
    this.#showPickup(output.pickup);
  }

  /** The pickup block (SPEC §17), through the pickup part, which also takes over a server-rendered
   *  one; only the latest output is shown. */
  #showPickup(pickup) {
    // Nothing to show and nothing shown (a server-rendered block follows the status, hidden when empty).
    if (!pickup && !pickupPart && !this.#pickupShown()) return;
    // A failed load is the browser's unhandled rejection, in the console; the stock message stands.
    (pickupPart ??= import(new URL('./stock-status-pickup.js', import.meta.url))).then((part) =>
      part.showPickup(this.shadowRoot, this.#nodes, this.#availability?.pickup, this.#locale()),
    );
  }

  /** No document and no feed: nothing to say. */
  #clear() {
    this.#showNeutral();
    delete this.dataset.kind;
  }

  /** The element's own texts, when wasm gave no answer (`loading`, `unavailable`), or none. The
   *  pickup block hides itself without an answer (www/stock-status-pickup.css). */
  #showNeutral(kind) {
    const { message, notice, error, restock } = this.#nodes;
    this.#availability = null;
    this.#backgroundFor = null;
    this.dataset.kind = kind;
    if (kind === 'loading') this.setAttribute('aria-busy', 'true');
    else this.removeAttribute('aria-busy');
    for (const node of [notice, error, restock]) setText(node, null);
    setText(message, kind && TEXTS[languageOf(this.#locale())][kind]);
  }

  #fail(error, stage) {
    this.#showNeutral('unavailable');
    console.error(`<stock-status> could not show availability (${stage}):`, error);
    this.dispatchEvent(new CustomEvent('stock-status-error', { detail: { error, stage }, bubbles: true, composed: true }));
  }
}
