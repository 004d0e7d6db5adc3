// <stock-status>: shows a shopper whether a product can be bought, from a stock document (SPEC §10).
//
// This file only fetches, calls wasm and renders. Every availability rule lives in the Rust core:
// if you find yourself writing an `if` about stock here, it belongs there instead.
//
//   <script type="module" src="/dist/stock-status.js"></script>
//   <stock-status src="/stock/24-MB01.json" qty="2"></stock-status>
//
// Attributes: src, qty, locale, timeout (ms, default 10000).
// Properties: data (an input document, no fetch), availability (read-only, the last output).
// Events: stock-status-change (detail: the output), stock-status-error (detail: { error, stage }).

// Resolved by the build (scripts/build.sh) to the wasm-bindgen glue of the element's module.
import init, { evaluateJson } from 'stock-status-core';

const DEFAULT_TIMEOUT_MS = 10000;

// Texts the element needs when it has no answer from wasm (wasm may be what failed).
const TEXTS = {
  en: { loading: 'Checking availability…', unavailable: 'Availability unavailable' },
  fr: { loading: 'Vérification de la disponibilité…', unavailable: 'Disponibilité indisponible pour le moment' },
};

// One wasm instance per page, however many elements; a failed load may be retried by a later element.
let wasmReady = null;
function loadWasm() {
  wasmReady ??= init().catch((error) => {
    wasmReady = null;
    throw error;
  });
  return wasmReady;
}

const STYLE = `
  :host { display: block; font: inherit; color: inherit; }
  :host([data-kind="hidden"]) { display: none; }
  [part="status"] { display: flex; flex-direction: column; gap: .25em; }
  [part="message"] { font-weight: 600; display: inline-flex; align-items: center; gap: .4em; }
  [part="message"]::before { content: ""; width: .6em; height: .6em; border-radius: 50%; background: currentColor; flex: none; }
  :host([data-kind="in_stock"]) [part="message"] { color: var(--stock-status-in-stock, #17663a); }
  :host([data-kind="only_x_left"]) [part="message"] { color: var(--stock-status-only-x-left, #8a4b00); }
  :host([data-kind="out_of_stock"]) [part="message"] { color: var(--stock-status-out-of-stock, #a61b1b); }
  :host([data-kind="unavailable"]) [part="message"],
  :host([data-kind="loading"]) [part="message"] { color: var(--stock-status-neutral, #4a4f57); font-weight: 400; }
  :host([data-kind="loading"]) [part="message"]::before,
  :host([data-kind="unavailable"]) [part="message"]::before { display: none; }
  [part="notice"], [part="error"] { font-size: .9em; }
  [part="error"] { color: var(--stock-status-error, #a61b1b); }
  [hidden] { display: none !important; }
`;

let sheet = null;
function sharedSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

function languageOf(tag) {
  const language = String(tag || '').toLowerCase().split(/[-_]/)[0];
  return language in TEXTS ? language : 'en';
}

class StockStatusElement extends HTMLElement {
  static observedAttributes = ['src', 'qty', 'locale', 'timeout'];

  #document = null; // the input document set through `data`
  #text = null; // the JSON text wasm reads: the feed's body as fetched, or `data` stringified
  #availability = null;
  #request = 0; // bumps on every load, so a slow old answer never overwrites a newer one
  #abort = null;
  #nodes;
  #started = false; // attribute changes before the first connect are read by connectedCallback

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    // A constructed sheet, shared by every element: no inline <style>, so a shop's strict
    // `style-src` needs no 'unsafe-inline' for us.
    root.adoptedStyleSheets = [sharedSheet()];
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
    this.#nodes = { status, message: make('message'), notice: make('notice'), error: make('error') };
    root.append(status);
  }

  connectedCallback() {
    // A page may set properties before this module defines the element; those landed on the
    // instance itself and hide our accessors. Take them over.
    for (const name of ['data', 'src', 'qty', 'locale']) {
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
    if (name === 'src') this.#load();
    else if (name === 'qty' || name === 'locale') this.#render();
  }

  /** The input document set through `data` (a fetched feed is not parsed in JS). Setting it
   *  evaluates it at once, with no fetch. */
  get data() {
    return this.#document;
  }

  set data(value) {
    this.#request++;
    this.#abort?.abort();
    this.#document = value ?? null;
    this.#text = value == null ? null : JSON.stringify(value);
    this.#render();
  }

  /** The last output document (SPEC §11), or null while loading or after a failure. */
  get availability() {
    return this.#availability;
  }

  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.setAttribute('src', value); }
  get qty() { return this.getAttribute('qty'); }
  set qty(value) { value == null ? this.removeAttribute('qty') : this.setAttribute('qty', value); }
  get locale() { return this.getAttribute('locale'); }
  set locale(value) { value == null ? this.removeAttribute('locale') : this.setAttribute('locale', value); }

  /** Fetches `src` again. */
  refresh() {
    return this.#load();
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
    this.#document = this.#text = null;
    this.#showNeutral('loading');
    try {
      const [response] = await Promise.all([fetch(new URL(src, document.baseURI), { signal: abort.signal }), loadWasm()]);
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
    try {
      await loadWasm();
    } catch (error) {
      if (request === this.#request) this.#fail(error, 'wasm');
      return;
    }
    if (request !== this.#request || text !== this.#text) return;
    let output;
    try {
      // The attribute goes to the core as typed: a quantity that is not a number above 0 comes
      // back as a refused request with a localised reason, not as a failure.
      output = JSON.parse(evaluateJson(text, this.getAttribute('qty') ?? undefined, this.#locale()));
    } catch (error) {
      this.#fail(error, 'evaluate');
      return;
    }
    this.#availability = output;
    this.#show(output);
    this.dispatchEvent(new CustomEvent('stock-status-change', { detail: output, bubbles: true, composed: true }));
  }

  #show(output) {
    const { message, notice, error } = this.#nodes;
    this.dataset.kind = output.message.kind;
    this.removeAttribute('aria-busy');
    message.textContent = output.message.text ?? '';
    message.hidden = output.message.text == null;
    const request = output.request;
    notice.textContent = request.notice ?? '';
    notice.hidden = !request.notice;
    // The core decides what a refused request tells the shopper (null when the message says it).
    error.textContent = request.reason ?? '';
    error.hidden = !request.reason;
  }

  #showNeutral(kind) {
    const { message, notice, error } = this.#nodes;
    this.#availability = null;
    this.dataset.kind = kind;
    if (kind === 'loading') this.setAttribute('aria-busy', 'true');
    else this.removeAttribute('aria-busy');
    message.textContent = TEXTS[languageOf(this.#locale() ?? 'en')][kind];
    message.hidden = false;
    notice.hidden = error.hidden = true;
    notice.textContent = error.textContent = '';
  }

  #fail(error, stage) {
    this.#showNeutral('unavailable');
    console.error(`<stock-status> could not show availability (${stage}):`, error);
    this.dispatchEvent(new CustomEvent('stock-status-error', { detail: { error, stage }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('stock-status')) customElements.define('stock-status', StockStatusElement);

export { StockStatusElement };
