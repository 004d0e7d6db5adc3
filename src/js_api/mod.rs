//! The JavaScript API: the one module that knows `wasm_bindgen` and `JsValue`.
//!
//! It converts and delegates. No rule lives here: if a function below grows an `if` about stock,
//! that `if` belongs in the core.
//!
//! Without the `full` feature only `evaluateJson` is built (text in, text out): that is the
//! element's module, which links neither js-sys nor serde-wasm-bindgen. The full API, in
//! `full`, takes and returns JS objects through serde-wasm-bindgen.

use crate::error::InputError;
use crate::json_api::{self, RequestOverride};
use wasm_bindgen::prelude::*;

#[cfg(feature = "full")]
mod full;
#[cfg(feature = "full")]
pub use full::*;

#[wasm_bindgen]
extern "C" {
    /// The global `Error`, without js-sys: the element's module needs only this much of it.
    #[wasm_bindgen(js_name = Error)]
    type JsErrorObject;
    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsErrorObject;
    #[wasm_bindgen(method, setter = name)]
    fn set_name(this: &JsErrorObject, name: &str);
    #[wasm_bindgen(method, setter = path)]
    fn set_path(this: &JsErrorObject, path: &str);
    #[wasm_bindgen(method, setter = code)]
    fn set_code(this: &JsErrorObject, code: &str);
}

/// A JS `Error` named `SalableError`, with `path` (malformed input) or `code` (a refused event).
pub(crate) fn salable_error(message: &str, path: Option<&str>, code: Option<&str>) -> JsValue {
    let error = JsErrorObject::new(message);
    error.set_name("SalableError");
    if let Some(path) = path {
        error.set_path(path);
    }
    if let Some(code) = code {
        error.set_code(code);
    }
    error.into()
}

/// A malformed input as a `SalableError` whose `path` is where the message says.
pub(crate) fn input_error(e: InputError) -> JsValue {
    let mut message = e.path.clone();
    message.push_str(": ");
    message.push_str(&e.problem);
    salable_error(&message, Some(&e.path), None)
}

/// Evaluates an input document given as JSON text and returns the output document as JSON text.
/// `qty` is the requested quantity as typed (the element's attribute): text that is not a number
/// above 0 gives a refused request (`qty-invalid`), not an error. `qty` and `locale`, when given,
/// replace the document's `requested_qty` and `locale`; `today` (ISO `YYYY-MM-DD`, the shopper's
/// local date) is used when the document has none (SPEC §14). `near`, `"latitude,longitude"` (the
/// element's attribute), replaces the document's `near` and orders pickup stores (SPEC §17). A
/// malformed document throws a `SalableError` with `path`.
#[cfg(feature = "pickup")]
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(
    text: &str,
    qty: Option<String>,
    locale: Option<String>,
    today: Option<String>,
    choice: Option<String>,
    near: Option<String>,
) -> Result<String, JsValue> {
    let with = RequestOverride { near: near.as_deref(), ..request_override(&qty, &locale, &today, &choice) };
    json_api::evaluate_json(text, with).map_err(input_error)
}

/// The element's arguments as the core takes them.
#[allow(clippy::needless_update)] // `near` is a field with the `pickup` feature only
fn request_override<'a>(
    qty: &'a Option<String>,
    locale: &'a Option<String>,
    today: &'a Option<String>,
    choice: &'a Option<String>,
) -> RequestOverride<'a> {
    RequestOverride {
        qty: qty.as_deref(),
        locale: locale.as_deref(),
        today: today.as_deref(),
        choice: choice.as_deref(),
        ..Default::default()
    }
}

/// [`evaluate_json`] in the element's first module, which reads no pickup (the element gives a feed
/// with pickup on to its second module): the element's sixth argument, `near`, is not taken, so
/// its string is never copied into wasm.
#[cfg(not(feature = "pickup"))]
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(
    text: &str,
    qty: Option<String>,
    locale: Option<String>,
    today: Option<String>,
    choice: Option<String>,
) -> Result<String, JsValue> {
    json_api::evaluate_json(text, request_override(&qty, &locale, &today, &choice)).map_err(input_error)
}
