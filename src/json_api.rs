//! The JSON-text entry points: what the wasm binding calls, and what a server could call natively.
//! Text in, text out, so a call crosses the JS/wasm boundary once however large the document.

use crate::availability::{evaluate, evaluate_product};
use crate::document::{read_request_qty, InputDocument, Product};
use crate::i18n::Locale;
use crate::input_error::InputError;
use crate::json_reader::Reader;
use crate::json_writer::JsonWriter;
use crate::ledger::{plan_event, Event, EventError, LedgerEffect};
use crate::quantity::Qty;
use crate::salable_qty::{FiguresReport, StockFigures};
use crate::settings::StockOptions;

/// What a caller may set on top of the document: the element's `qty` and `locale` attributes.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestOverride<'a> {
    pub qty: Option<f64>,
    pub locale: Option<&'a str>,
}

/// Evaluates an input document (SPEC §10) given as JSON text; returns the output (SPEC §11) as text.
pub fn evaluate_json(text: &str, with: RequestOverride<'_>) -> Result<String, InputError> {
    let mut doc = InputDocument::from_json(text)?;
    if let Some(q) = with.qty {
        let q = Qty::from_f64(q).map_err(|e| InputError::new("requested_qty", e.to_string()))?;
        crate::document::check_positive(q).map_err(|p| InputError::new("requested_qty", p))?;
        doc.requested_qty = Some(q);
    }
    if let Some(locale) = with.locale {
        doc.locale = Some(locale.to_string());
    }
    Ok(evaluate(&doc).to_json())
}

/// Q, R, T and S of a document (SPEC §3), as JSON text.
pub fn figures_json(text: &str) -> Result<String, InputError> {
    let doc = InputDocument::from_json(text)?;
    let mut out = String::new();
    FiguresReport::from(&StockFigures::of(&doc.product, &doc.settings())).write_json(&mut JsonWriter::new(&mut out));
    Ok(out)
}

/// Every setting in force for the document's product (SPEC §2), as JSON text.
pub fn settings_json(text: &str) -> Result<String, InputError> {
    let doc = InputDocument::from_json(text)?;
    let mut out = String::new();
    doc.settings().write_json(&mut JsonWriter::new(&mut out));
    Ok(out)
}

/// Decides what an event (JSON text) does to a document (JSON text), without changing either.
pub fn plan_event_json(doc: &str, event: &str) -> Result<LedgerEffect, EventError> {
    let doc = InputDocument::from_json(doc)?;
    let event = Event::from_json(event)?;
    plan_event(&doc, &event)
}

/// Evaluates `{ "config": …, "products": [ … ], "locale": …, "requested_qty": … }` and returns the
/// JSON text of an array with one output document per product, in order.
///
/// A product that cannot be read takes the slot `{ "sku": …, "error": "path: problem" }` and the
/// others go on; a malformed top level (or text that is not JSON at all) is an error.
pub fn evaluate_catalog(text: &str) -> Result<String, InputError> {
    let mut r = Reader::new(text);
    let mut config = StockOptions::default();
    let mut locale = None;
    let mut requested_qty = None;
    // Products are read as they come and evaluated once config, locale and quantity are known,
    // wherever those keys stand: one pass over the text.
    let mut products: Option<Vec<Result<Product, Refused>>> = None;
    r.object(&mut |r, key| {
        match key {
            "config" => config = StockOptions::read(r)?,
            "locale" => locale = r.opt_bounded_string(35)?,
            "requested_qty" => requested_qty = read_request_qty(r)?,
            "products" => {
                let mut read = Vec::new();
                r.array(&mut |r, _| {
                    let at = r.position();
                    match Product::read(r) {
                        Ok(product) => read.push(Ok(product)),
                        Err(error) => {
                            // Skip the bad product whole; if even that fails, the text is not
                            // JSON and the whole call fails.
                            r.rewind(at);
                            r.skip()?;
                            read.push(Err((error, sku_of(r.slice_from(at)))));
                        }
                    }
                    Ok(())
                })?;
                products = Some(read);
            }
            _ => r.skip()?,
        }
        Ok(())
    })?;
    r.finish()?;
    let products = products.ok_or_else(|| InputError::new("products", "is required"))?;
    let locale = Locale::from_tag(locale.as_deref());

    let mut out = String::with_capacity(products.len() * 400);
    let mut w = JsonWriter::new(&mut out);
    w.array(|w| {
        for product in &products {
            match product {
                Ok(product) => evaluate_product(&config, product, requested_qty, locale).write_json(w),
                Err((error, sku)) => write_error_slot(w, sku.as_deref(), error),
            }
        }
    });
    Ok(out)
}

/// A product that could not be read: why, and its `sku` if that much was readable.
type Refused = (InputError, Option<String>);

fn write_error_slot(w: &mut JsonWriter<'_>, sku: Option<&str>, error: &InputError) {
    w.object(|w| {
        w.key("sku").opt_string(sku);
        w.key("error").string(&error.to_string());
    });
}

/// The `sku` of a product that failed to read, if it has a readable one.
fn sku_of(product: &str) -> Option<String> {
    let mut r = Reader::new(product);
    let mut sku = None;
    r.object(&mut |r, key| {
        if key == "sku" && sku.is_none() {
            if let Ok(s) = r.bounded_string(crate::document::MAX_SKU) {
                sku = Some(s);
                return Ok(());
            }
        }
        r.skip()
    })
    .ok()?;
    sku
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn catalog(text: &str) -> Value {
        serde_json::from_str(&evaluate_catalog(text).unwrap()).unwrap()
    }

    #[test]
    fn catalog_evaluates_each_product_in_order() {
        let out = catalog(
            r#"{"products":[
                {"sku":"a","sources":[{"source_code":"s","quantity":3,"status":1}],"description":"x"},
                {"sku":"b","sources":[{"source_code":"s","quantity":0,"status":1}]}
              ],"config":{"only_x_left_threshold":5},"locale":"fr","requested_qty":2}"#,
        );
        assert_eq!(out[0]["message"]["text"], "Plus que 3 articles en stock");
        assert_eq!(out[0]["request"]["qty"], 2);
        assert_eq!(out[1]["message"]["kind"], "out_of_stock");
    }

    #[test]
    fn one_bad_product_does_not_sink_the_batch() {
        let out = catalog(
            r#"{"config":{},"products":[
                {"sku":"ok","sources":[]},
                {"sku":"bad","sources":[{"source_code":"s","quantity":"ten","status":1}]},
                {"name":"no sku","sources":[]},
                {"sku":"ok2","sources":[]}
            ]}"#,
        );
        assert_eq!(out[0]["sku"], "ok");
        assert_eq!(out[1], serde_json::json!({"sku":"bad","error":"products[1].sources[0].quantity: expected a number, found the string \"ten\""}));
        assert_eq!(out[2], serde_json::json!({"sku":null,"error":"products[2].sku: is required"}));
        assert_eq!(out[3]["sku"], "ok2");
    }

    #[test]
    fn a_malformed_top_level_is_an_error() {
        assert_eq!(evaluate_catalog("[]").unwrap_err().to_string(), "document: expected an object, found an array");
        assert_eq!(evaluate_catalog("{}").unwrap_err().to_string(), "products: is required");
        assert_eq!(evaluate_catalog(r#"{"products":{}}"#).unwrap_err().to_string(), "products: expected an array, found an object");
        assert!(evaluate_catalog(r#"{"products":[{"sku":"a","sources":[]},]}"#).unwrap_err().to_string().contains("invalid JSON"));
        assert_eq!(
            evaluate_catalog(r#"{"products":[],"config":{"backorders":7}}"#).unwrap_err().to_string(),
            r#"config.backorders: expected one of "no", "allow", "allow_notify", 0, 1, 2, found the number 7"#
        );
    }

    #[test]
    fn catalog_and_single_evaluation_agree() {
        let product = r#"{"sku":"a","name":"N","overrides":{"backorders":"allow_notify"},"sources":[{"source_code":"s","quantity":2,"status":"in_stock"}],"reservations":[{"quantity":-1}]}"#;
        let config = r#"{"only_x_left_threshold":3}"#;
        let single = evaluate_json(&format!(r#"{{"config":{config},"product":{product},"requested_qty":4}}"#), RequestOverride::default()).unwrap();
        let many = evaluate_catalog(&format!(r#"{{"config":{config},"products":[{product}],"requested_qty":4}}"#)).unwrap();
        assert_eq!(many, format!("[{single}]"));
    }

    #[test]
    fn overrides_apply_on_top_of_the_document() {
        let doc = r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":3,"status":1}]},"requested_qty":1}"#;
        let out: Value = serde_json::from_str(&evaluate_json(doc, RequestOverride { qty: Some(2.0), locale: Some("fr") }).unwrap()).unwrap();
        assert_eq!(out["request"]["qty"], 2);
        assert_eq!(out["message"]["text"], "En stock");
        let err = evaluate_json(doc, RequestOverride { qty: Some(f64::NAN), locale: None }).unwrap_err();
        assert_eq!(err.to_string(), "requested_qty: expected a finite number, found NaN");
        let err = evaluate_json(doc, RequestOverride { qty: Some(0.0), locale: None }).unwrap_err();
        assert_eq!(err.to_string(), "requested_qty: must be greater than 0, found 0");
    }
}
