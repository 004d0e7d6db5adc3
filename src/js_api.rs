//! The JavaScript API: the one module that knows `wasm_bindgen`, `JsValue` and serde-wasm-bindgen.
//!
//! It converts and delegates. No rule lives here: if a function below grows an `if` about stock,
//! that `if` belongs in the core.

use crate::document::InputDocument;
use crate::input_error::InputError;
use crate::ledger::{plan_event, Event, EventError, LedgerEffect};
use crate::salable_qty::{FiguresReport, StockFigures};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Magento's Backorders setting, by name or by its stored number. */
export type Backorders = "no" | "allow" | "allow_notify" | 0 | 1 | 2;

/** Store-wide settings (Magento's Default Config). Absent keys take Magento's defaults. */
export interface StockConfig {
  manage_stock?: boolean;
  backorders?: Backorders;
  out_of_stock_threshold?: number;
  min_sale_qty?: number;
  max_sale_qty?: number;
  notify_for_quantity_below?: number;
  enable_qty_increments?: boolean;
  qty_increments?: number;
  only_x_left_threshold?: number;
  display_stock_status?: boolean;
  not_available_message?: "not_enough_items" | "only_x_of_y_available";
}

/** A product's Advanced Inventory with "Use Config Settings" unticked: a present key wins. */
export interface ProductOverrides {
  manage_stock?: boolean;
  backorders?: Backorders;
  out_of_stock_threshold?: number;
  min_sale_qty?: number;
  max_sale_qty?: number;
  notify_for_quantity_below?: number;
  enable_qty_increments?: boolean;
  qty_increments?: number;
}

export interface SourceItem {
  source_code: string;
  quantity: number;
  status: "in_stock" | "out_of_stock" | 1 | 0;
  source_enabled?: boolean;
  notify_for_quantity_below?: number | null;
  [extra: string]: unknown;
}

export interface Reservation {
  quantity: number;
  event?: string;
  order_id?: string;
  [extra: string]: unknown;
}

export interface StockProduct {
  sku: string;
  name?: string;
  qty_uses_decimals?: boolean;
  overrides?: ProductOverrides;
  sources: SourceItem[];
  reservations?: Reservation[];
  [extra: string]: unknown;
}

/** The input document (SPEC §10). Unknown keys are ignored and kept by applyEvent. */
export interface StockInput {
  config?: StockConfig;
  product: StockProduct;
  requested_qty?: number | null;
  locale?: string;
  [extra: string]: unknown;
}

export type MessageKind = "in_stock" | "only_x_left" | "out_of_stock" | "hidden";

export interface RequestError {
  /** Magento's error code, never translated. */
  code: string;
  /** The shopper's text, in the document's locale. */
  message: string;
}

/** The output document (SPEC §11). */
export interface StockOutput {
  sku: string;
  is_salable: boolean;
  salable_qty: number;
  stock_status: "in_stock" | "out_of_stock";
  message: { kind: MessageKind; text: string | null };
  only_x_left: number | null;
  request: {
    qty: number;
    is_salable: boolean;
    errors: RequestError[];
    backorder_qty: number;
    notice: { code: "back_order-not-enough"; message: string } | null;
  };
  low_stock_sources: string[];
  schema_org_availability:
    | "https://schema.org/InStock"
    | "https://schema.org/OutOfStock"
    | "https://schema.org/BackOrder";
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
}

/** Something that happened to an order (SPEC §8). `source_code` is for shipments only. */
export interface StockEvent {
  type: "order_placed" | "order_canceled" | "shipment_created";
  qty: number;
  order_id: string;
  source_code?: string;
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
    let doc = read_document(input)?;
    to_js(&crate::evaluate(&doc))
}

/// The figures of SPEC §3 (Q, R, T, S) for a merchant's preview.
#[wasm_bindgen(js_name = stockFigures, unchecked_return_type = "StockFigures")]
pub fn stock_figures(#[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let doc = read_document(input)?;
    let figures = StockFigures::of(&doc.product, &doc.settings());
    to_js(&FiguresReport::from(&figures))
}

/// The settings in force for the document's product (SPEC §2), for an admin-like preview that
/// shows what "Use Config Settings" inherits.
#[wasm_bindgen(js_name = effectiveSettings, unchecked_return_type = "EffectiveSettings")]
pub fn effective_settings(#[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let settings = read_document(input)?.settings();
    #[derive(Serialize)]
    struct WithThreshold<'a> {
        #[serde(flatten)]
        settings: &'a crate::settings::Settings,
        effective_threshold: crate::quantity::Qty,
    }
    to_js(&WithThreshold { settings: &settings, effective_threshold: settings.effective_threshold() })
}

/// Applies one event (SPEC §8) and returns a new input document; the one given is not modified.
///
/// Keys the document carries beyond SPEC §10 are kept. A refused event throws and changes nothing.
#[wasm_bindgen(js_name = applyEvent, unchecked_return_type = "StockInput")]
pub fn apply_event(
    #[wasm_bindgen(unchecked_param_type = "StockInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "StockEvent")] event: JsValue,
) -> Result<JsValue, JsValue> {
    let doc = read_document(input.clone())?;
    let event = Event::from_deserializer(serde_wasm_bindgen::Deserializer::from(event)).map_err(input_error)?;
    let effect = plan_event(&doc, &event).map_err(|e| match e {
        EventError::Invalid(e) => input_error(e),
        EventError::Refused { code, message } => js_error(&message, None, Some(code)),
    })?;
    patch(&input, &effect)
}

fn read_document(input: JsValue) -> Result<InputDocument, JsValue> {
    InputDocument::from_deserializer(serde_wasm_bindgen::Deserializer::from(input)).map_err(input_error)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // json_compatible: plain objects, not `Map`s, and `null` for absent values.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(&e.to_string(), None, None))
}

fn input_error(e: InputError) -> JsValue {
    js_error(&e.to_string(), Some(&e.path), None)
}

fn js_error(message: &str, path: Option<&str>, code: Option<&str>) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("SalableError");
    for (key, value) in [("path", path), ("code", code)] {
        if let Some(value) = value {
            let _ = Reflect::set(&error, &key.into(), &value.into());
        }
    }
    error.into()
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
            set(&item, "status", &to_js(&status)?);
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
