//! The full JS API (the `full` feature): JS objects in and out through serde-wasm-bindgen, the
//! catalog path over text, and the playground's helpers. No shopper downloads this module.
//!
//! A JS object is read by serde-wasm-bindgen straight into the domain types, the same serde
//! declarations the text reader uses. When it refuses one, the object is re-read as JSON text by
//! the core's reader, which words the error with its exact path (`product.sources[1].quantity:
//! expected a number, found the string "ten"`): refusals are rare, so only they pay for the text.

use super::{input_error, salable_error};
use crate::availability::evaluate as evaluate_document;
use crate::document::InputDocument;
use crate::input::{check_document, check_event};
use crate::ledger::{plan_event, Event, EventError, LedgerEffect};
use crate::names::name;
use crate::salable_qty::{FiguresReport, StockFigures};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Magento's Backorders setting, by name or by its stored number. */
export type Backorders = "no" | "allow" | "allow_notify" | 0 | 1 | 2;

/**
 * A product's Advanced Inventory with "Use Config Settings" unticked: a present key wins. Everywhere in
 * the input, an optional key set to null means "not set".
 */
export interface ProductOverrides {
  manage_stock?: boolean | null;
  backorders?: Backorders | null;
  out_of_stock_threshold?: number | null;
  min_sale_qty?: number | null;
  max_sale_qty?: number | null;
  notify_for_quantity_below?: number | null;
  enable_qty_increments?: boolean | null;
  qty_increments?: number | null;
  /** Keys we do not read (Magento's `use_config_*` flags, say) are ignored. */
  [extra: string]: unknown;
}

/** Store-wide settings (Magento's Default Config): the product settings plus the config-only ones. */
export interface StockConfig extends ProductOverrides {
  only_x_left_threshold?: number | null;
  display_stock_status?: boolean | null;
  not_available_message?: "not_enough_items" | "only_x_of_y_available" | null;
  /** Magento's Display Out of Stock Products: composite pages offer unsalable children too (SPEC §13). */
  show_out_of_stock?: boolean | null;
}

export interface SourceItem {
  source_code: string;
  quantity: number;
  status: "in_stock" | "out_of_stock" | 1 | 0;
  source_enabled?: boolean | null;
  notify_for_quantity_below?: number | null;
  [extra: string]: unknown;
}

export interface Reservation {
  quantity: number;
  event?: string | null;
  order_id?: string | null;
  [extra: string]: unknown;
}

/** Magento's product types (SPEC §13); absent means simple. */
export type ProductType = "simple" | "virtual" | "downloadable" | "configurable" | "bundle" | "grouped";

/** One selection of a bundle option: a child and its quantity in one bundle (SPEC §13.4). */
export interface BundleSelection {
  id: number | string;
  qty?: number | null;
  can_change_qty?: boolean | null;
  child: StockProduct;
  [extra: string]: unknown;
}

/** One option of a bundle (SPEC §13.4). */
export interface BundleOption {
  id: number | string;
  title?: string | null;
  required?: boolean | null;
  selections: BundleSelection[];
  [extra: string]: unknown;
}

/**
 * A product or a child. `sources` is required of simple, virtual and downloadable products only;
 * configurable and grouped parents carry `children`, bundles `options` (SPEC §13).
 */
export type StockProduct = StockedProduct | CompositeProduct;

/** A product with stock of its own: simple (the default), virtual or downloadable. */
export interface StockedProduct extends ProductFields {
  type?: "simple" | "virtual" | "downloadable" | null;
  sources: SourceItem[];
}

/** A configurable, bundle or grouped parent: no stock of its own (SPEC §13.2). */
export interface CompositeProduct extends ProductFields {
  type: "configurable" | "bundle" | "grouped";
  sources?: SourceItem[] | null;
}

/** What every product may carry. */
export interface ProductFields {
  sku: string;
  name?: string | null;
  qty_uses_decimals?: boolean | null;
  overrides?: ProductOverrides | null;
  reservations?: Reservation[] | null;
  /** Disabled products cannot be bought; a disabled child is never listed (SPEC §13). */
  enabled?: boolean | null;
  /** A composite parent's own Stock Status (SPEC §13.2). */
  stock_flag?: "in_stock" | "out_of_stock" | 1 | 0 | null;
  /** A configurable child's attribute values: `{ "size": "M", "color": "Blue" }`. */
  attributes?: Record<string, string> | null;
  /** A grouped child's default quantity. */
  default_qty?: number | null;
  children?: StockProduct[] | null;
  options?: BundleOption[] | null;
  /** When the product is expected back, ISO `YYYY-MM-DD` (SPEC §14). */
  restock_date?: string | null;
  [extra: string]: unknown;
}

/** The input document (SPEC §10). Unknown keys are ignored and kept by applyEvent. */
export interface StockInput {
  config?: StockConfig | null;
  product: StockProduct;
  requested_qty?: number | null;
  locale?: string | null;
  /** The date of the evaluation, ISO `YYYY-MM-DD`; restock dates before it are stale (SPEC §14). */
  today?: string | null;
  /** A configurable product's chosen child, by sku (SPEC §13.3). */
  variant?: string | null;
  /** A configurable product's chosen attribute values, complete or partial (SPEC §13.3). */
  selection?: Record<string, string> | null;
  /** A bundle's choices: option id → the selections picked (SPEC §13.4). */
  bundle_selection?: Record<string, { selection_id: number | string; qty?: number | null }[]> | null;
  /** A grouped product's quantities: child sku → quantity (SPEC §13.5). */
  grouped_qty?: Record<string, number> | null;
  [extra: string]: unknown;
}

/** One value of a configurable product's attribute, as a swatch shows it (SPEC §13.3). */
export interface OptionValue {
  value: string;
  /** Show it at all. */
  offered: boolean;
  /** It can be bought with the rest of the current selection. */
  available: boolean;
}

/** A bundle option and whether each selection can be chosen (SPEC §13.4). */
export interface BundleOptionStatus {
  id: string;
  title?: string;
  required: boolean;
  selections: { id: string; sku: string; available: boolean }[];
}

/** One child's verdict in a bundle or grouped request (SPEC §13.4, §13.5). */
export interface ChildRequest {
  sku: string;
  qty: number;
  is_salable: boolean;
  errors: RequestError[];
  backorder_qty: number;
  notice: string | null;
  /** What to show on this child's line when it is refused, else null. */
  reason: string | null;
}

export type MessageKind = "in_stock" | "only_x_left" | "out_of_stock" | "hidden";

export interface RequestError {
  /** Magento's error code, never translated; `qty-invalid` when the quantity asked is not a number above 0. */
  code: string;
  /** The shopper's text, in the document's locale. */
  message: string;
}

/** The output document (SPEC §11). */
export interface StockOutput {
  sku: string;
  is_salable: boolean;
  /** null for a composite parent with no child named (SPEC §13.2). */
  salable_qty: number | null;
  stock_status: "in_stock" | "out_of_stock";
  message: { kind: MessageKind; text: string | null };
  only_x_left: number | null;
  request: {
    /** The quantity checked; null when what was asked is not a number above 0. */
    qty: number | null;
    is_salable: boolean;
    errors: RequestError[];
    /** null for bundles and grouped products: each child carries its own (SPEC §13.6). */
    backorder_qty: number | null;
    /** The backorder notice's text (code `back_order-not-enough`), shown with allow_notify. */
    notice: string | null;
    /** What to show the shopper under the message when the request is refused, else null. */
    reason: string | null;
    /** The restock date in force when the notice is shown (SPEC §14), ISO `YYYY-MM-DD`. */
    expected_date: string | null;
    /** Bundles and grouped products: each requested child's verdict. */
    children?: ChildRequest[];
  };
  low_stock_sources: string[];
  schema_org_availability:
    | "https://schema.org/InStock"
    | "https://schema.org/OutOfStock"
    | "https://schema.org/BackOrder";
  /** When a product that is not salable is expected back (SPEC §14). */
  restock: { date: string; text: string } | null;
  /** The restock date in force when the availability is BackOrder or OutOfStock: JSON-LD's `availabilityStarts`. */
  schema_org_availability_starts: string | null;
  /** Configurable products: the child named, or null (SPEC §13.3). */
  variant?: string | null;
  /** With a child named, the parent's own answer (SPEC §13.6). */
  parent?: { is_salable: boolean; stock_status: "in_stock" | "out_of_stock" };
  /** Configurable: attribute code → its values; bundle: its options (SPEC §13.3, §13.4). */
  options?: Record<string, OptionValue[]> | BundleOptionStatus[];
  /** Bundles: how many whole bundles the stock builds, null when unlimited (SPEC §13.4). */
  buildable_qty?: number | null;
  /** Grouped products: a line per child (SPEC §13.5). */
  children?: { sku: string; name: string | null; is_salable: boolean; message: { kind: MessageKind; text: string | null }; default_qty: number }[];
}

/** renderHtml's options (SPEC §15). `qty`, `locale` and `today` apply as the element's would. */
export interface RenderOptions {
  /** The element's `src`: it refreshes from there in the background. */
  src?: string | null;
  /** The element's `qty` attribute: the requested quantity as typed. */
  qty?: string | null;
  /** The element's `locale` attribute. */
  locale?: string | null;
  /** ISO `YYYY-MM-DD`, when the document has no `today`. */
  today?: string | null;
  /** URL of dist/stock-status.css; default "/assets/salable/stock-status.css". */
  stylesheet?: string | null;
  /** Also return the schema.org Offer as a JSON-LD script block. */
  json_ld?: boolean | null;
}

/** The element's markup with a declarative shadow root, and the JSON-LD block when asked for. */
export interface RenderedHtml {
  html: string;
  json_ld: string | null;
}

/** The figures behind a verdict (SPEC §3); `salable` is S itself, which may be 0 or negative. */
export interface StockFigures {
  quantity_on_hand: number;
  reserved: number;
  threshold: number;
  salable: number;
}

/** Every setting in force after config, overrides and defaults (SPEC §2). */
export interface EffectiveSettings {
  manage_stock: boolean;
  backorders: "no" | "allow" | "allow_notify";
  out_of_stock_threshold: number;
  effective_threshold: number;
  min_sale_qty: number;
  max_sale_qty: number;
  notify_for_quantity_below: number;
  enable_qty_increments: boolean;
  qty_increments: number;
  only_x_left_threshold: number;
  display_stock_status: boolean;
  not_available_message: "not_enough_items" | "only_x_of_y_available";
  qty_uses_decimals: boolean;
  show_out_of_stock: boolean;
}

/** One slot of evaluateCatalog's answer: an output document, or why that product was refused. */
export type CatalogSlot = StockOutput | { sku: string | null; error: string };

/** Something that happened to an order (SPEC §8). `source_code` is for shipments only. */
export interface StockEvent {
  type: "order_placed" | "order_canceled" | "shipment_created";
  qty: number;
  order_id: string;
  source_code?: string | null;
  [extra: string]: unknown;
}

/**
 * What evaluate and applyEvent throw. `path` names the offending input (`product.sources[1].quantity`,
 * `event.qty`) when the input was malformed; `code` is Magento's code when the store refused an event.
 */
export interface SalableError extends Error {
  path?: string;
  code?: string;
}
"#;
/// Evaluates an input document (SPEC §10) and returns the output document (SPEC §11).
///
/// Throws a `SalableError` whose message names the input path when the document is malformed.
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "StockOutput")]
pub fn evaluate(#[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let doc = read_document(&input)?;
    to_js(&evaluate_document(&doc))
}

/// What `<stock-status>` would show, as HTML for a server-rendered page (SPEC §15): the element
/// with a declarative shadow root, text escaped, styled by `stock-status.css`; with
/// `options.json_ld`, also the schema.org `Offer` as a JSON-LD script block.
#[wasm_bindgen(js_name = renderHtml, unchecked_return_type = "RenderedHtml")]
pub fn render_html(
    #[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RenderOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let doc = read_document(&input)?;
    let options = match options {
        Some(options) if !options.is_null() && !options.is_undefined() => {
            serde_wasm_bindgen::from_value(options).map_err(|e| salable_error(&format!("options: {e}"), Some("options"), None))?
        }
        _ => crate::RenderOptions::default(),
    };
    to_js(&crate::json_api::render_html(&doc, &options).map_err(input_error)?)
}

/// Evaluates a whole catalog in one call: the JSON text of
/// `{ "config": {…}, "products": [ … ], "locale": "en", "requested_qty": n }` in, the JSON text of an
/// array of output documents out. A product that cannot be read gets `{ "sku", "error" }`.
#[wasm_bindgen(js_name = evaluateCatalog)]
pub fn evaluate_catalog(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<String, JsValue> {
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(salable_error("document: expected JSON text (a string)", Some("document"), None));
    };
    crate::json_api::evaluate_catalog(&utf8_of(text)).map_err(input_error)
}

/// The figures of SPEC §3 (Q, R, T, S) for a merchant's preview.
#[wasm_bindgen(js_name = stockFigures, unchecked_return_type = "StockFigures")]
pub fn stock_figures(#[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let doc = read_document(&input)?;
    to_js(&FiguresReport::from(&StockFigures::of(&doc.product, &doc.settings())))
}

/// The settings in force for the document's product (SPEC §2), for an admin-like preview that
/// shows what "Use Config Settings" inherits.
#[wasm_bindgen(js_name = effectiveSettings, unchecked_return_type = "EffectiveSettings")]
pub fn effective_settings(#[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let doc = read_document(&input)?;
    to_js(&doc.settings())
}

/// Applies one event (SPEC §8) and returns a new input document; the one given is not modified.
///
/// Keys the document carries beyond SPEC §10 are kept. A refused event throws and changes nothing.
#[wasm_bindgen(js_name = applyEvent, unchecked_return_type = "StockInput")]
pub fn apply_event(
    #[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "StockEvent")] event: JsValue,
) -> Result<JsValue, JsValue> {
    let doc = read_document(&input)?;
    let event = read_event(&event)?;
    let effect = plan_event(&doc, &event).map_err(|e| match e {
        EventError::Invalid(e) => input_error(e),
        EventError::Refused { code, message } => salable_error(&message, None, Some(name(code))),
    })?;
    patch(&input, &effect)
}

/// Reads a document object: serde-wasm-bindgen first; the text reader to word a refusal.
fn read_document(input: &JsValue) -> Result<InputDocument, JsValue> {
    match serde_wasm_bindgen::from_value::<InputDocument>(input.clone()) {
        Ok(mut doc) => {
            check_document(&mut doc).map_err(input_error)?;
            Ok(doc)
        }
        // The text reader decides: it words a refusal with its path, and it takes what
        // serde-wasm-bindgen reads more strictly (`null` for an array means empty, SPEC §10).
        Err(_) => InputDocument::from_json(&document_text(input, "document")?).map_err(input_error),
    }
}

fn read_event(event: &JsValue) -> Result<Event, JsValue> {
    match serde_wasm_bindgen::from_value::<Event>(event.clone()) {
        Ok(e) => {
            check_event(&e).map_err(input_error)?;
            Ok(e)
        }
        Err(_) => Event::from_json(&document_text(event, "event")?).map_err(input_error),
    }
}

/// Plain objects and arrays, `null` for absent values, as `JSON.parse` would give.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|e| salable_error(&e.to_string(), None, None))
}

/// Copies a JS string into wasm memory as UTF-8 with the engine's own `TextEncoder.encodeInto`.
/// wasm-bindgen's `&str` conversion walks ASCII text one character at a time in JS, which took
/// half a second on a 165 MB catalog; this takes a few tens of milliseconds.
#[allow(unsafe_code)]
fn utf8_of(text: &js_sys::JsString) -> String {
    let units = text.length() as usize;
    // Most feeds are nearly all ASCII: start at one byte per UTF-16 unit and grow if needed.
    let mut buf: Vec<u8> = Vec::with_capacity(units + 64);
    let mut read = 0usize;
    while read < units {
        let spare = buf.capacity() - buf.len();
        if spare < 4 {
            buf.reserve(buf.capacity().max(64));
            continue;
        }
        // SAFETY: the view covers only the vector's spare capacity, which nothing else references
        // while JS writes into it; `set_len` below covers exactly the bytes JS reports written.
        let target = unsafe { buf.as_mut_ptr().add(buf.len()) } as usize;
        let done = encode_into(text, read as u32, &wasm_bindgen::memory(), target as u32, spare as u32);
        let (r, w) = (done.first().copied().unwrap_or(0) as usize, done.get(1).copied().unwrap_or(0) as usize);
        unsafe { buf.set_len(buf.len() + w) };
        read += r;
        if r == 0 {
            // Not even one character fitted: make room for the widest (4 bytes) and retry.
            buf.reserve(buf.capacity().max(64));
        }
    }
    // SAFETY: TextEncoder writes well-formed UTF-8 (lone surrogates become U+FFFD) and never splits
    // a character across calls.
    unsafe { String::from_utf8_unchecked(buf) }
}

#[wasm_bindgen(inline_js = r#"
const encoder = new TextEncoder();
export function encodeInto(text, from, memory, ptr, len) {
  const { read, written } = encoder.encodeInto(from ? text.slice(from) : text, new Uint8Array(memory.buffer, ptr, len));
  return new Uint32Array([read, written]);
}
export function documentToJson(value) {
  // Non-finite numbers would become null; mark them so the reader can name them (NaN, Infinity).
  const text = JSON.stringify(value, (key, v) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}\u0000` : v));
  return text === undefined ? 'null' : text.replace(/"\\u0000(NaN|-?Infinity)\\u0000"/g, '$1');
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = documentToJson)]
    fn document_to_json(value: &JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &js_sys::JsString, from: u32, memory: &JsValue, ptr: u32, len: u32) -> Vec<u32>;
}

/// A JS value as JSON text for the core's reader (BigInts and cycles cannot be).
fn document_text(value: &JsValue, root: &str) -> Result<String, JsValue> {
    document_to_json(value).map_err(|e| {
        let reason = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        salable_error(&format!("{root}: cannot be converted to JSON: {reason}"), Some(root), None)
    })
}

/// Copies the caller's document along the changed path only (document → product → the changed
/// arrays and item), so every key we do not model survives and the original is left untouched.
fn patch(input: &JsValue, effect: &LedgerEffect) -> Result<JsValue, JsValue> {
    let doc = shallow_copy(input);
    let product = shallow_copy(&get(&doc, "product"));
    if let Some(reservation) = &effect.reservation {
        let existing = get(&product, "reservations");
        let reservations = if Array::is_array(&existing) { Array::from(&existing) } else { Array::new() };
        reservations.push(&to_js(reservation)?);
        set(&product, "reservations", &reservations);
    }
    if let Some(change) = &effect.source {
        let sources = Array::from(&get(&product, "sources"));
        let item = shallow_copy(&sources.get(change.index as u32));
        set(&item, "quantity", &to_js(&change.quantity)?);
        if let Some(status) = change.status {
            set(&item, "status", &JsValue::from_str(name(status)));
        }
        sources.set(change.index as u32, item);
        set(&product, "sources", &sources);
    }
    set(&doc, "product", &product);
    Ok(doc)
}

fn shallow_copy(value: &JsValue) -> JsValue {
    Object::assign(&Object::new(), value.unchecked_ref()).into()
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}
