// The baseline of `npm run bench:first-paint`: <stock-status> as a developer would write it in plain
// JavaScript, with bench/reference.mjs's rules and the element's own stylesheet, bundled into one
// file. Not shipped; measured only.
import { evaluateCatalogJs } from './reference.mjs';
import STYLE from '../www/stock-status.css';

const sheet = new CSSStyleSheet();
sheet.replaceSync(STYLE);

class PlainStockStatus extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const status = document.createElement('div');
    status.setAttribute('part', 'status');
    status.setAttribute('role', 'status');
    this.message = document.createElement('span');
    this.message.setAttribute('part', 'message');
    status.append(this.message);
    root.append(status);
  }

  async connectedCallback() {
    this.dataset.kind = 'loading';
    this.message.textContent = 'Checking availability…';
    const doc = await (await fetch(this.getAttribute('src'))).json();
    const [out] = JSON.parse(evaluateCatalogJs(JSON.stringify({ config: doc.config, products: [doc.product], requested_qty: doc.requested_qty })));
    this.dataset.kind = out.message.kind;
    this.message.textContent = out.message.text;
  }
}

customElements.define('stock-status', PlainStockStatus);
