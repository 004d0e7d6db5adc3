// Types for <stock-status> (dist/stock-status.js): attributes, properties, events, and the tag in
// HTMLElementTagNameMap. JSX: import "salable/react" (React 19) or "salable/preact" once, for types.
import type { StockInput, StockOutput } from './salable.js';

export type { StockInput, StockOutput } from './salable.js';

/** What the host's `data-kind` says: the output's `message.kind`, or a state of the element's own. */
export type StockStatusKind = StockOutput['message']['kind'] | 'loading' | 'unavailable';

/** `stock-status-error`'s detail: what failed, and at which stage. */
export interface StockStatusErrorDetail {
  error: unknown;
  stage: 'load' | 'wasm' | 'evaluate';
}

/** After each evaluation; `detail` is the output document (SPEC §11). Bubbles, composed. */
export type StockStatusChangeEvent = CustomEvent<StockOutput>;
/** Loading or evaluating failed; the element shows "Availability unavailable". Bubbles, composed. */
export type StockStatusErrorEvent = CustomEvent<StockStatusErrorDetail>;

export interface StockStatusEventMap extends HTMLElementEventMap {
  'stock-status-change': StockStatusChangeEvent;
  'stock-status-error': StockStatusErrorEvent;
}

/** The element's attributes, as HTML and JSX take them. */
export interface StockStatusAttributes {
  /** URL of an input document (SPEC §10); fetched again when it changes. */
  src?: string;
  /** The requested quantity as typed; text that is not a number above 0 is a refused request. */
  qty?: string | number;
  /** `en`, `en-GB`, `fr`…; otherwise the nearest `lang`. */
  locale?: string;
  /** Milliseconds before a fetch is abandoned; default 10000. */
  timeout?: string | number;
  /** A configurable product's chosen child, by sku (SPEC §13.3). */
  variant?: string;
  /** Hint for a composite product's page: load the composite module at once. */
  'product-type'?: 'configurable' | 'bundle' | 'grouped';
}

export declare class StockStatusElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The `src` attribute. */
  src: string;
  /** The `qty` attribute; null when absent. */
  qty: string | null;
  /** The `locale` attribute; null when absent. */
  locale: string | null;
  /** The `variant` attribute: a configurable product's chosen child; null when absent. */
  variant: string | null;
  /** A configurable product's chosen attribute values, complete or partial; re-evaluates with no fetch. */
  selection: Record<string, string> | null;
  /** An input document set directly (no fetch); evaluated at once. */
  data: StockInput | null;
  /** The last output document, or null while loading and after a failure. */
  readonly availability: StockOutput | null;
  /** Fetches `src` again. */
  refresh(): Promise<void>;
  addEventListener<K extends keyof StockStatusEventMap>(
    type: K,
    listener: (this: StockStatusElement, event: StockStatusEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof StockStatusEventMap>(
    type: K,
    listener: (this: StockStatusElement, event: StockStatusEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** What JSX may set on <stock-status>: the attributes, the `data` property, and the events as
 *  React 19 and Preact name them (`on` + the event's name). */
export interface StockStatusJsxProps extends StockStatusAttributes {
  data?: StockInput | null;
  'onstock-status-change'?: (event: StockStatusChangeEvent) => void;
  'onstock-status-error'?: (event: StockStatusErrorEvent) => void;
}

declare global {
  interface HTMLElementTagNameMap {
    'stock-status': StockStatusElement;
  }
  // The events bubble out of the element (composed), so a document or form listener is typed too.
  interface GlobalEventHandlersEventMap {
    'stock-status-change': StockStatusChangeEvent;
    'stock-status-error': StockStatusErrorEvent;
  }
}
