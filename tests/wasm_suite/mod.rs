//! Tests of the wasm build through its JS API, shared by `wasm_node.rs` (Node) and
//! `wasm_browser.rs` (headless Chromium) so both engines run the same checks.

mod bad_inputs;

use crate::support::conformance;
use js_sys::{Reflect, JSON};
use salable::js_api::{apply_event, evaluate};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

pub(crate) fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

pub(crate) fn to_value(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(v).unwrap())).unwrap()
}

pub(crate) fn message_of(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("not an Error: {err:?}"))
}

pub(crate) fn prop(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

const SEED: &str = r#"{"config":{"backorders":"allow","out_of_stock_threshold":-50,"only_x_left_threshold":5,"notify_for_quantity_below":10},
  "product":{"sku":"24-MB01","name":"Joust Duffle Bag","sources":[{"source_code":"default","quantity":25,"status":"in_stock","bin":"A-4"}],"reservations":[]},
  "feed_id":"keep-me"}"#;

/// Runs `cases` as JS objects through `evaluate` and as text through `evaluateJson`.
fn run_both_ways(cases: &[serde_json::Value]) {
    let n = conformance::run_cases(cases, |input| {
        let out = evaluate(js(&input.to_string())).map_err(|e| message_of(&e))?;
        Ok(to_value(&out))
    });
    assert_eq!(n, cases.len());
    let n = conformance::run_cases(cases, |input| {
        let text = salable::js_api::evaluate_json(&input.to_string(), None, None, None, None, None).map_err(|e| message_of(&e))?;
        serde_json::from_str(&text).map_err(|e| e.to_string())
    });
    assert_eq!(n, cases.len());
}

/// SPEC §13's cases.
#[wasm_bindgen_test]
fn every_product_type_case_passes_through_wasm() {
    run_both_ways(&conformance::product_type_cases());
}

/// SPEC §17's cases, refusals included.
#[wasm_bindgen_test]
fn every_pickup_case_passes_through_wasm() {
    run_both_ways(&conformance::pickup_cases());
}

/// The element's `near` attribute (SPEC §17): `"lat,long"` text replaces the document's `near`;
/// malformed text is refused at the path `near`.
#[wasm_bindgen_test]
fn the_near_attribute_orders_stores_and_is_refused_when_malformed() {
    let doc = r#"{"config":{"pickup_enabled":true},"requested_qty":1,"near":{"latitude":48.86,"longitude":2.34},"product":{"sku":"p","sources":[
        {"source_code":"paris","quantity":5,"status":"in_stock","pickup":{"name":"Paris","latitude":48.8606,"longitude":2.3376}},
        {"source_code":"lyon","quantity":5,"status":"in_stock","pickup":{"name":"Lyon","latitude":45.7606,"longitude":4.8597}}]}}"#;
    let order = |near: Option<&str>| -> Vec<String> {
        let text = salable::js_api::evaluate_json(doc, None, None, None, None, near.map(String::from)).unwrap();
        let out: Value = serde_json::from_str(&text).unwrap();
        out["pickup"]["locations"].as_array().unwrap().iter().map(|s| s["source_code"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(order(None), ["paris", "lyon"], "the document's near");
    assert_eq!(order(Some("45.76,4.83")), ["lyon", "paris"], "the attribute wins");
    assert_eq!(order(Some("")), ["paris", "lyon"], "an empty attribute is none");
    let err = salable::js_api::evaluate_json(doc, None, None, None, None, Some("Lyon".into())).unwrap_err();
    assert!(message_of(&err).starts_with("near: expected \"latitude,longitude\""), "{}", message_of(&err));
}

#[wasm_bindgen_test]
fn every_magento_case_passes_through_wasm() {
    let n = conformance::run_all(|input| {
        let out = evaluate(js(&input.to_string())).map_err(|e| message_of(&e))?;
        Ok(to_value(&out))
    });
    assert_eq!(n, conformance::cases().len());
}

#[wasm_bindgen_test]
fn output_is_plain_objects_not_maps() {
    let out = evaluate(js(SEED)).unwrap();
    let message = prop(&out, "message");
    assert!(message.is_object());
    assert!(!message.has_type::<js_sys::Map>(), "serde-wasm-bindgen must not hand out Maps");
    assert_eq!(prop(&message, "text").as_string().as_deref(), Some("In stock"));
    assert_eq!(prop(&out, "salable_qty").as_f64(), Some(75.0));
    assert!(prop(&out, "only_x_left").is_null());
}

#[wasm_bindgen_test]
fn seed_scenario_step_by_step_through_apply_event() {
    let place = |doc: &JsValue, q: u32, id: &str| {
        apply_event(doc.clone(), js(&format!(r#"{{"type":"order_placed","qty":{q},"order_id":"{id}"}}"#)))
    };
    let mut doc = js(SEED);
    // 25 ordered: stock on hand is spoken for, so further orders are backorders.
    doc = place(&doc, 25, "1").unwrap();
    let mut probe = to_value(&doc);
    probe["requested_qty"] = 2.into();
    let out = to_value(&evaluate(js(&probe.to_string())).unwrap());
    assert_eq!(out["request"]["backorder_qty"], 2);
    assert_eq!(out["salable_qty"], 50);
    assert_eq!(out["schema_org_availability"], "https://schema.org/BackOrder");
    // 70 ordered: "Only 5 left".
    doc = place(&doc, 45, "2").unwrap();
    let out = to_value(&evaluate(doc.clone()).unwrap());
    assert_eq!(out["message"]["text"], "Only 5 left");
    assert_eq!(out["only_x_left"], 5);
    // 75 ordered: "Out of stock", and a further order is refused.
    doc = place(&doc, 5, "3").unwrap();
    let out = to_value(&evaluate(doc.clone()).unwrap());
    assert_eq!(out["message"]["text"], "Out of stock");
    let refused = place(&doc, 1, "4").unwrap_err();
    assert_eq!(message_of(&refused), "Not enough items for sale");
    assert_eq!(prop(&refused, "code").as_string().as_deref(), Some("is_salable_with_reservations-not_enough_qty"));
    // An unshipped order cancelled: salable quantity back up, the source still at 25.
    doc = apply_event(doc, js(r#"{"type":"order_canceled","qty":5,"order_id":"3"}"#)).unwrap();
    let out = to_value(&evaluate(doc.clone()).unwrap());
    assert_eq!(out["salable_qty"], 5);
    let kept = to_value(&doc);
    assert_eq!(kept["product"]["sources"][0]["quantity"], 25);
    // Keys we do not model survive every event.
    assert_eq!(kept["feed_id"], "keep-me");
    assert_eq!(kept["product"]["sources"][0]["bin"], "A-4");
    assert_eq!(kept["product"]["reservations"].as_array().unwrap().len(), 4);
}

#[wasm_bindgen_test]
fn apply_event_leaves_the_given_document_alone() {
    let doc = js(SEED);
    let before = to_value(&doc);
    let placed = apply_event(doc.clone(), js(r#"{"type":"order_placed","qty":3,"order_id":"A"}"#)).unwrap();
    let shipped = apply_event(placed.clone(), js(r#"{"type":"shipment_created","qty":3,"order_id":"A","source_code":"default"}"#)).unwrap();
    assert_eq!(to_value(&doc), before);
    assert_eq!(to_value(&placed)["product"]["sources"][0]["quantity"], 25);
    assert_eq!(to_value(&shipped)["product"]["sources"][0]["quantity"], 22);
}

#[wasm_bindgen_test]
fn errors_are_js_errors_naming_the_path() {
    let err = evaluate(js(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":"in_stock"},{"source_code":"t","quantity":"ten","status":"in_stock"}]}}"#)).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(message_of(&err), r#"product.sources[1].quantity: expected a number, found the string "ten""#);
    assert_eq!(prop(&err, "path").as_string().as_deref(), Some("product.sources[1].quantity"));
    let err = apply_event(js(SEED), js(r#"{"type":"order_canceled","qty":1,"order_id":"nope"}"#)).unwrap_err();
    assert_eq!(message_of(&err), r#"event.order_id: no order "nope" was placed"#);
    for (bad, found) in [
        (JsValue::from_f64(f64::NAN), "NaN"),
        (JsValue::NULL, "null"),
        (JsValue::from_str("text"), "the string \"text\""),
        (JsValue::TRUE, "true"),
    ] {
        let err = evaluate(bad).unwrap_err();
        assert_eq!(message_of(&err), format!("document: expected an object, found {found}"));
    }
}

#[wasm_bindgen_test]
fn non_finite_numbers_from_js_are_refused() {
    for (bad, found) in [(f64::NAN, "NaN"), (f64::INFINITY, "Infinity"), (f64::NEG_INFINITY, "-Infinity")] {
        let doc = js(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1}]}}"#);
        let source = prop(&prop(&prop(&doc, "product"), "sources"), "0");
        Reflect::set(&source, &"quantity".into(), &JsValue::from_f64(bad)).unwrap();
        let err = evaluate(doc).unwrap_err();
        assert_eq!(message_of(&err), format!("product.sources[0].quantity: expected a finite number, found {found}"));
    }
    let doc = js(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1}]}}"#);
    Reflect::set(&doc, &"requested_qty".into(), &JsValue::from_f64(-0.0)).unwrap();
    assert_eq!(message_of(&evaluate(doc).unwrap_err()), "requested_qty: must be greater than 0, found 0");
}

#[wasm_bindgen_test]
fn thousands_of_bad_documents_leave_the_module_answering() {
    let bad = [
        r#"null"#,
        r#"[]"#,
        r#""text""#,
        r#"{"product":{"sku":5,"sources":[]}}"#,
        r#"{"product":{"sku":"a","sources":{}}}"#,
        r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1e300,"status":1}]}}"#,
        r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":7}]}}"#,
        r#"{"config":{"backorders":3},"product":{"sku":"a","sources":[]}}"#,
        r#"{"product":{"sku":"a","sources":[]},"requested_qty":-1}"#,
        r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1},{"source_code":"s","quantity":1,"status":1}]}}"#,
    ];
    for i in 0..3000 {
        assert!(evaluate(js(bad[i % bad.len()])).is_err());
    }
    let out = to_value(&evaluate(js(SEED)).unwrap());
    assert_eq!(out["salable_qty"], 75);
}

#[wasm_bindgen_test]
fn catalog_agrees_with_evaluate_and_survives_bad_products() {
    use salable::js_api::evaluate_catalog;
    // Non-ASCII names (é, 😀, a lone surrogate) exercise the UTF-8 copy and its growth path.
    let products: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"sku":"S{i}","name":"Sac é😀 {i}","overrides":{{"backorders":"allow_notify"}},"sources":[{{"source_code":"a","quantity":{},"status":"in_stock"}}],"description":"{}"}}"#,
                i % 7,
                "é".repeat(i % 50)
            )
        })
        .collect();
    let catalog = format!(r#"{{"config":{{"only_x_left_threshold":3}},"requested_qty":4,"products":[{}]}}"#, products.join(","));
    let out: Vec<Value> = serde_json::from_str(&evaluate_catalog(&JsValue::from_str(&catalog)).unwrap()).unwrap();
    assert_eq!(out.len(), 300);
    for (i, product) in products.iter().enumerate() {
        let single = evaluate(js(&format!(r#"{{"config":{{"only_x_left_threshold":3}},"requested_qty":4,"product":{product}}}"#))).unwrap();
        assert_eq!(out[i], to_value(&single), "product {i}");
    }
    let bad = r#"{"products":[{"sku":"x","sources":[{"source_code":"a","quantity":NaN,"status":1}]},{"sku":"y","sources":[]}]}"#;
    // NaN is not JSON: the whole text is refused, naming it where it stands (issue 8).
    let err = evaluate_catalog(&JsValue::from_str(bad)).unwrap_err();
    assert_eq!(message_of(&err), "products[0].sources[0].quantity: expected a finite number, found NaN");
    let bad = r#"{"products":[{"sku":"x","sources":[{"source_code":"a","quantity":"1","status":1}]},{"sku":"y","sources":[]}]}"#;
    let out: Value = serde_json::from_str(&evaluate_catalog(&JsValue::from_str(bad)).unwrap()).unwrap();
    assert_eq!(out[0]["error"], "products[0].sources[0].quantity: expected a number, found the string \"1\"");
    assert_eq!(out[1]["sku"], "y");
    let err = evaluate_catalog(&JsValue::from_f64(1.0)).unwrap_err();
    assert_eq!(message_of(&err), "document: expected JSON text (a string)");
    let err = evaluate_catalog(&JsValue::from_str("{\"products\": [")).unwrap_err();
    assert_eq!(message_of(&err), "products[0]: invalid JSON at line 1, column 15: expected a value, found the end of the text");
    // A lone surrogate in the JS string arrives as U+FFFD, not as a failure.
    let lone = format!(r#"{{"products":[{{"sku":"{}","sources":[]}}]}}"#, '\u{FFFD}');
    let via_js = js_sys::JsString::from_char_code(&[0xD800]);
    let text = JsValue::from(
        js_sys::JsString::from(r#"{"products":[{"sku":""#).concat(&via_js).concat(&JsValue::from_str(r#"","sources":[]}]}"#)),
    );
    assert_eq!(evaluate_catalog(&text).unwrap(), evaluate_catalog(&JsValue::from_str(&lone)).unwrap());
}

/// Issue 8: a quantity gives the same `Qty` whether it arrives as a JS number (through
/// serde-wasm-bindgen) or as JSON text (`JSON.stringify` of the same object, through the text
/// reader): decimals with up to 4 places and halfway cases (a 5 in the fifth place), in JavaScript
/// itself. A small deterministic generator keeps the run reproducible.
#[wasm_bindgen_test]
fn js_numbers_and_json_text_give_the_same_quantities() {
    let mut seed: u64 = 0x5eed_2026_1128;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        seed >> 11
    };
    let mut checked = 0;
    for i in 0..4000 {
        let whole = next() % [10, 1_000, 1_000_000, 10_000_000_000][i % 4];
        let frac = next() % 10_000;
        // Half of them halfway: one more decimal, a 5.
        let text = if i % 2 == 0 { format!("{whole}.{frac:04}") } else { format!("{whole}.{frac:04}5") };
        let number: f64 = text.parse().unwrap();
        if number == 0.0 {
            continue;
        }
        let doc = js(r#"{"product":{"sku":"p","sources":[{"source_code":"s","status":"in_stock","quantity":0}]}}"#);
        let source = Reflect::get(&Reflect::get(&doc, &"product".into()).unwrap(), &"sources".into()).unwrap();
        let source = Reflect::get(&source, &0.into()).unwrap();
        Reflect::set(&source, &"quantity".into(), &JsValue::from_f64(number)).unwrap();
        Reflect::set(&doc, &"requested_qty".into(), &JsValue::from_f64(number)).unwrap();
        let via_object = to_value(&evaluate(doc.clone()).unwrap());
        let text_doc = String::from(JSON::stringify(&doc).unwrap());
        let via_text: Value =
            serde_json::from_str(&salable::js_api::evaluate_json(&text_doc, None, None, None, None, None).unwrap()).unwrap();
        for key in ["salable_qty", "request"] {
            let (a, b) = if key == "request" {
                (&via_object["request"]["qty"], &via_text["request"]["qty"])
            } else {
                (&via_object[key], &via_text[key])
            };
            assert_eq!(a.to_string(), b.to_string(), "{text}: {key} differs between the JS number and the JSON text");
        }
        // And both are the decimal as written, rounded half away from zero to 4 places.
        assert_eq!(via_text["salable_qty"].to_string(), salable::Qty::to_string(&text.parse::<salable::Qty>().unwrap()), "{text}");
        checked += 1;
    }
    assert!(checked > 3900, "{checked} numbers checked");
}

/// `null` for an array means empty (SPEC §10) through JS objects as through text.
#[wasm_bindgen_test]
fn null_arrays_read_alike_from_objects_and_text() {
    let text = r#"{"product":{"sku":"p","reservations":null,"sources":[{"source_code":"s","status":"in_stock","quantity":4}]}}"#;
    let via_object = to_value(&evaluate(js(text)).unwrap());
    let via_text: Value = serde_json::from_str(&salable::js_api::evaluate_json(text, None, None, None, None, None).unwrap()).unwrap();
    assert_eq!(via_object, via_text);
    assert_eq!(via_object["salable_qty"], 4);
}

/// Issue 8: the element's `qty` attribute as typed; a typo is a refused request in the locale.
#[wasm_bindgen_test]
fn a_bad_qty_attribute_is_a_refused_request_not_an_error() {
    let text = r#"{"product":{"sku":"p","sources":[{"source_code":"s","status":"in_stock","quantity":5}]}}"#;
    for typo in ["abc", "0", "-1", "1,5"] {
        let out: Value =
            serde_json::from_str(&salable::js_api::evaluate_json(text, Some(typo.into()), Some("fr".into()), None, None, None).unwrap())
                .unwrap();
        assert_eq!(out["message"]["text"], "En stock", "{typo}");
        assert_eq!(out["request"]["is_salable"], false, "{typo}");
        assert_eq!(out["request"]["errors"][0]["code"], "qty-invalid", "{typo}");
        assert_eq!(out["request"]["reason"], "Veuillez saisir une quantité supérieure à 0.", "{typo}");
    }
    let out: Value =
        serde_json::from_str(&salable::js_api::evaluate_json(text, Some("6".into()), None, None, None, None).unwrap()).unwrap();
    assert_eq!(out["request"]["reason"], "Not enough items for sale");
}
