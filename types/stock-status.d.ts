// Types for `salable` (dist/stock-status.js): the module that defines <stock-status>. It re-exports
// the element's class and types (`salable/element`) and puts the tag in HTMLElementTagNameMap.
// JSX: import type {} from "salable/react" (React 19) or "salable/preact" once; Vue: "salable/vue".
import type { StockStatusElement } from './stock-status-element.js';

export * from './stock-status-element.js';

declare global {
  interface HTMLElementTagNameMap {
    'stock-status': StockStatusElement;
  }
}
