// <stock-status>: what a shop adds to a product page (`salable`, dist/stock-status.js). It defines
// the element under its name, once: a second copy of this module, or a page that registered the tag
// itself, leaves the first definition in place. The class alone, to register under another name,
// is `salable/element` (dist/stock-status-element.js).
//
//   <script type="module" src="/dist/stock-status.js"></script>
//   <stock-status src="/stock/24-MB01.json" qty="2"></stock-status>
import { StockStatusElement } from './stock-status-element.js';

if (!customElements.get('stock-status')) StockStatusElement.define('stock-status');

export { StockStatusElement };
