//! The JSON-text entry points: what the element's binding calls, and what a server can call
//! natively. Text in, text out, so a call crosses the JS/wasm boundary once however large the
//! document.

use crate::availability::evaluate_product;
use crate::contract::date_at;
use crate::document::InputDocument;
use crate::error::InputError;
use crate::json::to_json;
use crate::outcome::{Availability, Requested};
use crate::quantity::Qty;

/// What a caller may set on top of the document: the element's `qty` and `locale` attributes.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestOverride<'a> {
    /// The requested quantity as the shopper typed it. Text that is not a number above 0 (`"abc"`,
    /// `"0"`, `"-1"`) is a refused request (`qty-invalid`, in the locale), not a broken feed.
    pub qty: Option<&'a str>,
    /// Replaces the document's `locale`.
    pub locale: Option<&'a str>,
    /// `today` (ISO `YYYY-MM-DD`) when the document has none: the shopper's local date, which the
    /// element passes (SPEC §14). Malformed text is refused with the path `today`.
    pub today: Option<&'a str>,
    /// JSON text of a composite product's choice, `{ "variant" }` or `{ "selection": { … } }` (the
    /// element's `variant` attribute and `selection` property), replacing the document's (SPEC §13.6).
    pub choice: Option<&'a str>,
    /// The shopper's position as `"latitude,longitude"` (the element's `near` attribute), replacing
    /// the document's `near` (SPEC §17). Malformed text is refused with the path `near`.
    #[cfg(feature = "pickup")]
    pub near: Option<&'a str>,
}

impl RequestOverride<'_> {
    fn requested(&self, doc: &InputDocument) -> Requested {
        // ASCII white space only: `str::trim` would bring Unicode's white-space table into the wasm.
        match self.qty.map(str::trim_ascii) {
            None | Some("") => doc.requested_qty.into(),
            Some(text) => match text.parse::<Qty>() {
                Ok(q) if q > Qty::ZERO => Requested::Qty(q),
                _ => Requested::Invalid,
            },
        }
    }
}

/// Evaluates an input document (SPEC §10) given as JSON text; returns the output (SPEC §11) as text.
pub fn evaluate_json(text: &str, with: RequestOverride<'_>) -> Result<String, InputError> {
    #[allow(unused_mut)] // the choice is read with the `composite` feature only
    let mut doc = InputDocument::from_json(text)?;
    #[cfg(feature = "composite")]
    if let Some(choice) = with.choice {
        doc.choice = crate::contract::read_choice(choice, &doc.product)?;
    }
    let out = evaluate_with(&doc, with)?;
    let mut text = String::with_capacity(512);
    to_json(&out, &mut text);
    Ok(text)
}

/// Every rule, the restock date's included (SPEC §3–9, §14), with the caller's overrides.
pub(crate) fn evaluate_with<'a>(doc: &'a InputDocument, with: RequestOverride<'_>) -> Result<Availability<'a>, InputError> {
    let tag = with.locale.or(doc.locale.as_deref());
    let today = match (doc.today, with.today) {
        (None, Some(text)) => Some(date_at(text, "today")?),
        (today, _) => today,
    };
    #[cfg(feature = "pickup")]
    let near = match with.near.map(str::trim_ascii) {
        None | Some("") => doc.near,
        Some(text) => Some(crate::contract::near_at(text, "near")?),
    };
    // Without pickup (the element's first module) the shopper's position changes nothing.
    #[cfg(not(feature = "pickup"))]
    let near = None;
    Ok(evaluate_product(&doc.config, &doc.product, with.requested(doc), &doc.choice, tag, today, near))
}

#[cfg(feature = "full")]
pub use full::*;

/// The catalog's and `renderHtml`'s entry points: only in the full API module.
#[cfg(feature = "full")]
mod full {
    use super::*;
    use crate::contract::{read_catalog, RefusedSlot, RenderOptions, RenderedHtml};
    use crate::document::Choice;
    use crate::html::render_availability;

    /// What `<stock-status>` would show for `doc`, as server-rendered markup (SPEC §15); the
    /// options' `qty`, `locale` and `today` apply as the element's would.
    pub fn render_html(doc: &InputDocument, options: &RenderOptions) -> Result<RenderedHtml, InputError> {
        let with = RequestOverride {
            qty: options.qty.as_deref(),
            locale: options.locale.as_deref(),
            today: options.today.as_deref(),
            choice: None,
            #[cfg(feature = "pickup")]
            near: options.near.as_deref(),
        };
        let locale = crate::i18n::Locale::from_tag(with.locale.or(doc.locale.as_deref()));
        Ok(render_availability(&evaluate_with(doc, with)?, options, locale))
    }

    /// Evaluates `{ "config": …, "products": [ … ], "locale": …, "requested_qty": … }` and returns
    /// the JSON text of an array with one output document per product, in order.
    ///
    /// A product that cannot be read takes the slot `{ "sku": …, "error": "path: problem" }` and the
    /// others go on; a malformed envelope (or text that is not JSON at all) is an error.
    pub fn evaluate_catalog(text: &str) -> Result<String, InputError> {
        let catalog = read_catalog(text)?;
        let requested = Requested::from(catalog.requested_qty);
        // A catalog has no shopper on a page: composite products are evaluated with nothing chosen.
        let no_choice = Choice::default();
        let mut out = String::with_capacity(catalog.products.len() * 400 + 2);
        out.push('[');
        for (i, product) in catalog.products.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match product {
                Ok(product) => {
                    let answer = evaluate_product(
                        &catalog.config,
                        product,
                        requested,
                        &no_choice,
                        catalog.locale.as_deref(),
                        catalog.today,
                        catalog.near,
                    );
                    to_json(&answer, &mut out)
                }
                Err((error, sku)) => to_json(&RefusedSlot { sku: sku.as_deref(), error: error.to_string() }, &mut out),
            }
        }
        out.push(']');
        Ok(out)
    }
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
                {"sku":"ok2","sources":[]},
                {"sku":"dup","sources":[{"source_code":"s","quantity":1,"status":1},{"source_code":"s","quantity":1,"status":1}]}
            ]}"#,
        );
        assert_eq!(out[0]["sku"], "ok");
        assert_eq!(
            out[1],
            serde_json::json!({"sku":"bad","error":"products[1].sources[0].quantity: expected a number, found the string \"ten\""})
        );
        assert_eq!(out[2], serde_json::json!({"sku":null,"error":"products[2].sku: is required"}));
        assert_eq!(out[3]["sku"], "ok2");
        // Found by fuzzing: a product whose `sources` key is absent is refused alone, with its sku.
        let absent = catalog(r#"{"products":[{"sku":"A","soucres":[]},{"sku":"B","sources":[]}]}"#);
        assert_eq!(absent[0], serde_json::json!({"sku":"A","error":"products[0].sources: is required"}));
        assert_eq!(absent[1]["sku"], "B");
        assert_eq!(
            out[4],
            serde_json::json!({"sku":"dup","error":"products[4].sources[1].source_code: duplicate source code \"s\" (also at products[4].sources[0])"})
        );
    }

    #[test]
    fn a_malformed_envelope_is_an_error() {
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
    fn documents_and_catalogs_share_one_envelope() {
        // The same envelope errors, word for word, on both paths.
        for (envelope, message) in [
            (r#""config":[]"#, "config: expected an object, found an array"),
            (r#""locale":5"#, "locale: expected a string, found the number 5"),
            (r#""requested_qty":0"#, "requested_qty: must be greater than 0, found 0"),
            (r#""config":{},"config":{}"#, "config: duplicate key: a key that is read may appear once"),
        ] {
            let single = InputDocument::from_json(&format!(r#"{{{envelope},"product":{{"sku":"a","sources":[]}}}}"#)).unwrap_err();
            let many = evaluate_catalog(&format!(r#"{{{envelope},"products":[]}}"#)).unwrap_err();
            assert_eq!(single.to_string(), message);
            assert_eq!(many.to_string(), message);
        }
    }

    #[test]
    fn catalog_and_single_evaluation_agree() {
        let product = r#"{"sku":"a","name":"N","overrides":{"backorders":"allow_notify"},"sources":[{"source_code":"s","quantity":2,"status":"in_stock"}],"reservations":[{"quantity":-1}]}"#;
        let config = r#"{"only_x_left_threshold":3}"#;
        let single =
            evaluate_json(&format!(r#"{{"config":{config},"product":{product},"requested_qty":4}}"#), RequestOverride::default()).unwrap();
        let many = evaluate_catalog(&format!(r#"{{"config":{config},"products":[{product}],"requested_qty":4}}"#)).unwrap();
        assert_eq!(many, format!("[{single}]"));
    }

    #[test]
    fn overrides_apply_on_top_of_the_document() {
        let doc = r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":3,"status":1}]},"requested_qty":1}"#;
        let eval = |qty: Option<&str>, locale| -> Value {
            serde_json::from_str(&evaluate_json(doc, RequestOverride { qty, locale, ..Default::default() }).unwrap()).unwrap()
        };
        let out = eval(Some("2"), Some("fr"));
        assert_eq!(out["request"]["qty"], 2);
        assert_eq!(out["message"]["text"], "En stock");
        assert_eq!(eval(Some(" "), None)["request"]["qty"], 1, "a blank attribute means the document's");
        assert_eq!(eval(Some("60000000000"), None)["request"]["qty"].to_string(), "60000000000");
        for typo in ["abc", "0", "-1", "NaN", "1,5", "+1"] {
            let out = eval(Some(typo), Some("fr"));
            assert_eq!(out["request"]["qty"], Value::Null, "{typo}");
            assert_eq!(out["request"]["is_salable"], false, "{typo}");
            assert_eq!(out["request"]["errors"][0]["code"], "qty-invalid", "{typo}");
            assert_eq!(out["request"]["reason"], "Veuillez saisir une quantité supérieure à 0.", "{typo}");
            assert_eq!(out["is_salable"], true, "the product stays salable: {typo}");
        }
    }
}
