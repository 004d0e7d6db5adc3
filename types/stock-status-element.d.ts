// Types for the <stock-status> element's class (`salable/element`, dist/stock-status-element.js):
// attributes, properties, methods, events. Written by hand and checked against the Custom Elements
// Manifest, which is generated from the class's JSDoc (tests/types/element.test.mjs): one source.
import type { StockInput, StockOutput } from './salable.js';

// The documents' types, so an app imports them from the package it uses.
export type {
  StockInput, StockOutput, StockProduct, StockedProduct, CompositeProduct, StockConfig, ProductOverrides, Backorders,
  SourceItem, Reservation, ProductType, BundleOption, BundleSelection, OptionValue, BundleOptionStatus, ChildRequest,
  MessageKind, RequestError, StockEvent, SalableError, GeoPoint, PickupLocationInput, PickupAvailability, PickupStoreStatus,
} from './salable.js';

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

/** The element's attributes, as HTML and JSX take them (`null`: absent, as frameworks pass it). */
export interface StockStatusAttributes {
  /** URL of an input document (SPEC §10); fetched again when it changes. */
  src?: string | null;
  /** The requested quantity as typed; text that is not a number above 0 is a refused request. */
  qty?: string | number | null;
  /** `en`, `en-GB`, `fr`…; otherwise the nearest `lang`. */
  locale?: string | null;
  /** Milliseconds before a fetch is abandoned; default 10000. */
  timeout?: string | number | null;
  /** A configurable product's chosen child, by sku (SPEC §13.3); null for none. */
  variant?: string | null;
  /** Hint for a composite product's page: load the composite module at once. */
  'product-type'?: 'configurable' | 'bundle' | 'grouped' | null;
  /** The shopper's approximate position, `"latitude,longitude"` (`"48.86,2.35"`): pickup stores
   *  nearest first (SPEC §17), with no new fetch. A malformed value is ignored, with a console error. */
  near?: string | null;
  /** Hint for a page whose feed has in-store pickup on (SPEC §17): load the second module at once.
   *  It turns nothing on: the feed's `pickup_enabled` decides. */
  pickup?: boolean | '' | null;
}

/** A configurable product's chosen attribute values: attribute code → value. */
export type StockStatusSelection = Record<string, string>;

export declare class StockStatusElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Registers the class as `tag` (default `stock-status`) in `registry` (default `customElements`). */
  static define(tag?: string, registry?: CustomElementRegistry): typeof StockStatusElement;
  /** The `src` attribute ('' when absent); null or '' removes it. */
  get src(): string;
  set src(value: string | null);
  /** The `qty` attribute; null when absent. Setting an equal value changes nothing. */
  get qty(): string | null;
  set qty(value: string | number | null);
  /** The `locale` attribute; null when absent. */
  get locale(): string | null;
  set locale(value: string | null);
  /** The `variant` attribute: a configurable product's chosen child; null when absent. */
  get variant(): string | null;
  set variant(value: string | null);
  /** A configurable product's chosen attribute values, complete or partial; re-evaluates with no
   *  fetch. A selection equal by value to the current one changes nothing. */
  get selection(): StockStatusSelection | null;
  set selection(value: StockStatusSelection | null | '');
  /** An input document set directly (no fetch); evaluated at once. An equal document changes
   *  nothing; null or '' means no document (the element follows `src`). */
  get data(): StockInput | null;
  set data(value: StockInput | null | '');
  /** The last output document, or null while loading and after a failure. */
  readonly availability: StockOutput | null;
  /** Why the request cannot be bought; '' when it can and while there is no answer. */
  readonly validationMessage: string;
  /** Fetches `src` again. */
  refresh(): Promise<void>;
  /** Whether the request can be bought, with no UI; fires `invalid` when it cannot. */
  checkValidity(): boolean;
  /** checkValidity(), and shows the refusal (a choice not made included) when it cannot: what a
   *  page's Add to Cart calls. */
  reportValidity(): boolean;
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

/** What JSX may set on <stock-status>: the attributes, the `data` and `selection` properties, and
 *  the events as React 19 and Preact name them (`on` + the event's name). */
export interface StockStatusJsxProps extends StockStatusAttributes {
  data?: StockInput | null;
  selection?: StockStatusSelection | null;
  'onstock-status-change'?: (event: StockStatusChangeEvent) => void;
  'onstock-status-error'?: (event: StockStatusErrorEvent) => void;
  oninvalid?: (event: Event) => void;
}

declare global {
  // The events bubble out of the element (composed), so a document or form listener is typed too.
  interface GlobalEventHandlersEventMap {
    'stock-status-change': StockStatusChangeEvent;
    'stock-status-error': StockStatusErrorEvent;
  }
}
