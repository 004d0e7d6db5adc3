//! The full JS API (the `full` feature): JS objects in and out through serde-wasm-bindgen, the
//! catalog path over text, and the playground's helpers. No shopper downloads this module.
//!
//! A JS object is read by serde-wasm-bindgen straight into the domain types, the same serde
//! declarations the text reader uses. When it refuses one, the object is re-read as JSON text by
//! the core's reader, which words the error with its exact path (`product.sources[1].quantity:
//! expected a number, found the string "ten"`): refusals are rare, so only they pay for the text.
//!
//! The TypeScript of what these functions take and return is the contract's (`crate::contract`,
//! one constant per family); the `unchecked_*_type` names below refer to it.

use super::{input_error, salable_error};
use crate::availability::evaluate as evaluate_document;
use crate::contract::{check_document, check_event, name, RenderOptions};
use crate::document::InputDocument;
use crate::json_api;
use crate::ledger::{plan_event, Event, EventError, LedgerEffect};
use crate::salable_qty::{FiguresReport, StockFigures};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

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
        _ => RenderOptions::default(),
    };
    to_js(&json_api::render_html(&doc, &options).map_err(input_error)?)
}

/// Evaluates a whole catalog in one call: the JSON text of
/// `{ "config": {…}, "products": [ … ], "locale": "en", "requested_qty": n }` in, the JSON text of an
/// array of output documents out. A product that cannot be read gets `{ "sku", "error" }`.
#[wasm_bindgen(js_name = evaluateCatalog)]
pub fn evaluate_catalog(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<String, JsValue> {
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(salable_error("document: expected JSON text (a string)", Some("document"), None));
    };
    json_api::evaluate_catalog(&utf8_of(text)).map_err(input_error)
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
