//! The table of bad inputs (issue #5): each row is a document or an event that must be refused with
//! this exact message, and whose error's `path` property must name the place. After the whole table
//! the same module instance must still answer correctly. Runs in Node and in Chromium.

use super::{js, message_of, prop, to_value};
use js_sys::{Reflect, JSON};
use salable::js_api::{apply_event, evaluate, evaluate_json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

const BASE: &str = r#"{"config":{"backorders":"no","only_x_left_threshold":5},
  "product":{"sku":"T-1","name":"Test","sources":[{"source_code":"a","quantity":10,"status":"in_stock"},{"source_code":"b","quantity":2,"status":"in_stock"}],
  "reservations":[{"quantity":-3,"event":"order_placed","order_id":"A"}]},"requested_qty":1}"#;

/// Sets `value` at a dotted path (`product.sources.0.quantity`) in a fresh copy of BASE;
/// `undefined` deletes the key.
fn base_with(changes: &[(&str, JsValue)]) -> JsValue {
    let doc = js(BASE);
    for (path, value) in changes {
        let mut target = doc.clone();
        let keys: Vec<&str> = path.split('.').collect();
        for key in &keys[..keys.len() - 1] {
            target = Reflect::get(&target, &JsValue::from_str(key)).unwrap();
        }
        let last = JsValue::from_str(keys[keys.len() - 1]);
        if value.is_undefined() {
            Reflect::delete_property(target.unchecked_ref::<js_sys::Object>(), &last).unwrap();
        } else {
            Reflect::set(&target, &last, value).unwrap();
        }
    }
    doc
}

use wasm_bindgen::JsCast;

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}
fn n(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

fn nested_array(depth: usize) -> JsValue {
    JSON::parse(&("[".repeat(depth) + &"]".repeat(depth))).unwrap()
}

/// Path of an error: the `path` property, which must be where the message says.
fn check(label: &str, result: Result<JsValue, JsValue>, expected: &str) {
    let err = match result {
        Ok(v) => panic!("{label}: accepted, output {}", String::from(JSON::stringify(&v).unwrap())),
        Err(e) => e,
    };
    assert_eq!(message_of(&err), expected, "{label}");
    assert_eq!(prop(&err, "name").as_string().as_deref(), Some("SalableError"), "{label}");
    if let Some(path) = prop(&err, "path").as_string() {
        assert!(expected.starts_with(&format!("{path}: ")), "{label}: path {path} is not the message's");
    }
}

#[wasm_bindgen_test]
fn bad_documents_are_refused_with_their_path() {
    let big = "x".repeat(10 * 1024 * 1024);
    let deep = {
        let mut v = js("{}");
        for _ in 0..100_000 {
            let outer = js("{}");
            Reflect::set(&outer, &s("a"), &v).unwrap();
            v = outer;
        }
        v
    };
    let rows: Vec<(&str, JsValue, String)> = vec![
        ("null document", JsValue::NULL, "document: expected an object, found null".into()),
        ("array document", js("[]"), "document: expected an object, found an array".into()),
        ("string document", s("text"), r#"document: expected an object, found the string "text""#.into()),
        ("number document", n(42.0), "document: expected an object, found the number 42".into()),
        ("undefined document", JsValue::UNDEFINED, "document: expected an object, found null".into()),
        ("config array", base_with(&[("config", js("[]"))]), "config: expected an object, found an array".into()),
        // SPEC §14: restock dates and today, ISO YYYY-MM-DD and real dates only.
        (
            "restock_date month 13",
            base_with(&[("product.restock_date", s("2026-13-01"))]),
            r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-13-01""#.into(),
        ),
        (
            "restock_date Feb 29 of a common year",
            base_with(&[("product.restock_date", s("2026-02-29"))]),
            r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-02-29""#.into(),
        ),
        (
            "restock_date with a time",
            base_with(&[("product.restock_date", s("2026-12-12T00:00:00Z"))]),
            r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-12-12T00:00:00Z""#.into(),
        ),
        (
            "restock_date number",
            base_with(&[("product.restock_date", n(20261212.0))]),
            "product.restock_date: expected a date YYYY-MM-DD, found the number 20261212".into(),
        ),
        (
            "restock_date object",
            base_with(&[("product.restock_date", js("{}"))]),
            "product.restock_date: expected a date YYYY-MM-DD, found an object".into(),
        ),
        (
            "today day first",
            base_with(&[("today", s("12/12/2026"))]),
            r#"today: expected a date YYYY-MM-DD, found the string "12/12/2026""#.into(),
        ),
        ("today true", base_with(&[("today", JsValue::TRUE)]), "today: expected a date YYYY-MM-DD, found true".into()),
        (
            "backorders bool",
            base_with(&[("config.backorders", JsValue::TRUE)]),
            r#"config.backorders: expected one of "no", "allow", "allow_notify", 0, 1, 2, found true"#.into(),
        ),
        (
            "backorders 3",
            base_with(&[("config.backorders", n(3.0))]),
            r#"config.backorders: expected one of "no", "allow", "allow_notify", 0, 1, 2, found the number 3"#.into(),
        ),
        (
            "backorders yes",
            base_with(&[("config.backorders", s("yes"))]),
            r#"config.backorders: expected one of "no", "allow", "allow_notify", 0, 1, 2, found the string "yes""#.into(),
        ),
        (
            "manage_stock string",
            base_with(&[("config.manage_stock", s("yes"))]),
            r#"config.manage_stock: expected true or false, found the string "yes""#.into(),
        ),
        (
            "min_sale_qty string",
            base_with(&[("config.min_sale_qty", s("2"))]),
            r#"config.min_sale_qty: expected a number, found the string "2""#.into(),
        ),
        (
            "threshold NaN",
            base_with(&[("config.out_of_stock_threshold", n(f64::NAN))]),
            "config.out_of_stock_threshold: expected a finite number, found NaN".into(),
        ),
        (
            "not_available_message",
            base_with(&[("config.not_available_message", s("x"))]),
            r#"config.not_available_message: expected one of "not_enough_items", "only_x_of_y_available", found the string "x""#.into(),
        ),
        ("product string", base_with(&[("product", s("x"))]), r#"product: expected an object, found the string "x""#.into()),
        ("product nested arrays", base_with(&[("product", nested_array(50))]), "product: expected an object, found an array".into()),
        ("product missing", base_with(&[("product", JsValue::UNDEFINED)]), "product: is required".into()),
        ("sku number", base_with(&[("product.sku", n(5.0))]), "product.sku: expected a string, found the number 5".into()),
        ("sku missing", base_with(&[("product.sku", JsValue::UNDEFINED)]), "product.sku: is required".into()),
        ("sku empty", base_with(&[("product.sku", s(""))]), "product.sku: must not be empty".into()),
        ("sku 10 MB", base_with(&[("product.sku", s(&big))]), "product.sku: too long: 10485760 characters, at most 64".into()),
        ("name 10 MB", base_with(&[("product.name", s(&big))]), "product.name: too long: 10485760 characters, at most 255".into()),
        ("name number", base_with(&[("product.name", n(3.0))]), "product.name: expected a string, found the number 3".into()),
        (
            "overrides number",
            base_with(&[("product.overrides", n(3.0))]),
            "product.overrides: expected an object, found the number 3".into(),
        ),
        ("sources object", base_with(&[("product.sources", js("{}"))]), "product.sources: expected an array, found an object".into()),
        ("sources missing", base_with(&[("product.sources", JsValue::UNDEFINED)]), "product.sources: is required".into()),
        ("source number", base_with(&[("product.sources.0", n(7.0))]), "product.sources[0]: expected an object, found the number 7".into()),
        (
            "quantity string",
            base_with(&[("product.sources.1.quantity", s("ten"))]),
            r#"product.sources[1].quantity: expected a number, found the string "ten""#.into(),
        ),
        (
            "quantity NaN",
            base_with(&[("product.sources.0.quantity", n(f64::NAN))]),
            "product.sources[0].quantity: expected a finite number, found NaN".into(),
        ),
        (
            "quantity Infinity",
            base_with(&[("product.sources.0.quantity", n(f64::INFINITY))]),
            "product.sources[0].quantity: expected a finite number, found Infinity".into(),
        ),
        (
            "quantity -Infinity",
            base_with(&[("product.sources.0.quantity", n(f64::NEG_INFINITY))]),
            "product.sources[0].quantity: expected a finite number, found -Infinity".into(),
        ),
        (
            "quantity past 10^12",
            base_with(&[("product.sources.0.quantity", n(1e12 + 1.0))]),
            "product.sources[0].quantity: number out of range: must lie within ±1000000000000".into(),
        ),
        (
            "quantity -2e12",
            base_with(&[("product.sources.0.quantity", n(-2e12))]),
            "product.sources[0].quantity: number out of range: must lie within ±1000000000000".into(),
        ),
        (
            "quantity 1e300",
            base_with(&[("product.sources.0.quantity", n(1e300))]),
            "product.sources[0].quantity: number out of range: must lie within ±1000000000000".into(),
        ),
        (
            "quantity missing",
            base_with(&[("product.sources.0.quantity", JsValue::UNDEFINED)]),
            "product.sources[0].quantity: is required".into(),
        ),
        (
            "status maybe",
            base_with(&[("product.sources.0.status", s("maybe"))]),
            r#"product.sources[0].status: expected one of "in_stock", "out_of_stock", 1, 0, found the string "maybe""#.into(),
        ),
        (
            "status 2",
            base_with(&[("product.sources.0.status", n(2.0))]),
            r#"product.sources[0].status: expected one of "in_stock", "out_of_stock", 1, 0, found the number 2"#.into(),
        ),
        (
            "source_enabled string",
            base_with(&[("product.sources.0.source_enabled", s("no"))]),
            r#"product.sources[0].source_enabled: expected true or false, found the string "no""#.into(),
        ),
        (
            "source_code missing",
            base_with(&[("product.sources.0.source_code", JsValue::UNDEFINED)]),
            "product.sources[0].source_code: is required".into(),
        ),
        (
            "duplicate source codes",
            base_with(&[("product.sources.1.source_code", s("a"))]),
            r#"product.sources[1].source_code: duplicate source code "a" (also at product.sources[0])"#.into(),
        ),
        (
            "reservations object",
            base_with(&[("product.reservations", js("{}"))]),
            "product.reservations: expected an array, found an object".into(),
        ),
        (
            "reservation without quantity",
            base_with(&[("product.reservations.0.quantity", JsValue::UNDEFINED)]),
            "product.reservations[0].quantity: is required".into(),
        ),
        (
            "reservation quantity null",
            base_with(&[("product.reservations.0.quantity", JsValue::NULL)]),
            "product.reservations[0].quantity: expected a number, found null".into(),
        ),
        (
            "requested_qty string",
            base_with(&[("requested_qty", s("2"))]),
            r#"requested_qty: expected a number, found the string "2""#.into(),
        ),
        ("requested_qty 0", base_with(&[("requested_qty", n(0.0))]), "requested_qty: must be greater than 0, found 0".into()),
        ("requested_qty -0", base_with(&[("requested_qty", n(-0.0))]), "requested_qty: must be greater than 0, found 0".into()),
        ("requested_qty -3", base_with(&[("requested_qty", n(-3.0))]), "requested_qty: must be greater than 0, found -3".into()),
        ("locale number", base_with(&[("locale", n(5.0))]), "locale: expected a string, found the number 5".into()),
        (
            "BigInt",
            base_with(&[("product.sources.0.quantity", JsValue::bigint_from_str("5"))]),
            "document: cannot be converted to JSON: Do not know how to serialize a BigInt".into(),
        ),
        // A field we read, nested past what JSON.stringify can walk: refused, with the reason.
        (
            "100,000 levels of nesting in a read field",
            base_with(&[("product.name", deep.clone())]),
            "document: cannot be converted to JSON: Maximum call stack size exceeded".into(),
        ),
    ];
    assert!(rows.len() >= 40, "the table has {} rows", rows.len());
    for (label, input, expected) in rows {
        check(label, evaluate(input), &expected);
    }
    // serde-wasm-bindgen reads only the keys we read: 100,000 levels of nesting in a feed field we
    // ignore cost nothing and refuse nothing (the JSON-text bridge of before overflowed on them).
    let out = to_value(&evaluate(base_with(&[("feed", deep)])).unwrap());
    assert_eq!(out["salable_qty"], 9);
    after_the_table_the_module_still_answers();
}

#[wasm_bindgen_test]
fn bad_events_are_refused_and_change_nothing() {
    let event = |json: &str| js(json);
    let rows: Vec<(&str, JsValue, &str)> = vec![
        (
            "cancel more than ordered",
            event(r#"{"type":"order_canceled","qty":5,"order_id":"A"}"#),
            r#"event.qty: 5 is more than the 3 still open on order "A""#,
        ),
        (
            "cancel an unknown order",
            event(r#"{"type":"order_canceled","qty":1,"order_id":"B"}"#),
            r#"event.order_id: no order "B" was placed"#,
        ),
        (
            "ship from an unknown source",
            event(r#"{"type":"shipment_created","qty":1,"order_id":"A","source_code":"nowhere"}"#),
            r#"event.source_code: unknown source "nowhere""#,
        ),
        (
            "ship more than ordered",
            event(r#"{"type":"shipment_created","qty":4,"order_id":"A","source_code":"a"}"#),
            r#"event.qty: 4 is more than the 3 still open on order "A""#,
        ),
        (
            "ship more than the source holds",
            event(r#"{"type":"shipment_created","qty":3,"order_id":"A","source_code":"b"}"#),
            "Not all of your products are available in the requested quantity.",
        ),
        (
            "ship without a source",
            event(r#"{"type":"shipment_created","qty":1,"order_id":"A"}"#),
            "event.source_code: is required for a shipment",
        ),
        (
            "place an order twice",
            event(r#"{"type":"order_placed","qty":1,"order_id":"A"}"#),
            r#"event.order_id: order "A" was already placed"#,
        ),
        ("place more than salable", event(r#"{"type":"order_placed","qty":10,"order_id":"C"}"#), "Not enough items for sale"),
        (
            "unknown event type",
            event(r#"{"type":"refund","qty":1,"order_id":"A"}"#),
            r#"event.type: expected one of "order_placed", "order_canceled", "shipment_created", found the string "refund""#,
        ),
        ("event qty 0", event(r#"{"type":"order_placed","qty":0,"order_id":"C"}"#), "event.qty: must be greater than 0, found 0"),
        ("event qty missing", event(r#"{"type":"order_placed","order_id":"C"}"#), "event.qty: is required"),
        ("event not an object", s("x"), r#"event: expected an object, found the string "x""#),
    ];
    let doc = js(BASE);
    let before = String::from(JSON::stringify(&doc).unwrap());
    for (label, ev, expected) in rows {
        check(label, apply_event(doc.clone(), ev), expected);
        assert_eq!(String::from(JSON::stringify(&doc).unwrap()), before, "{label} changed the document");
    }
    let nan = event(r#"{"type":"order_placed","order_id":"C"}"#);
    Reflect::set(&nan, &s("qty"), &n(f64::NAN)).unwrap();
    check("event qty NaN", apply_event(doc.clone(), nan), "event.qty: expected a finite number, found NaN");
    after_the_table_the_module_still_answers();
}

#[wasm_bindgen_test]
fn text_documents_with_deep_nesting_are_read_or_refused_without_a_crash() {
    // Deep nesting in a field we do not read is skipped without recursion.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let text = format!(r#"{{"feed":{deep},"product":{{"sku":"a","sources":[]}}}}"#);
    let out: serde_json::Value = serde_json::from_str(&evaluate_json(&text, None, None, None, None, None).unwrap()).unwrap();
    assert_eq!(out["is_salable"], false);
    // Unclosed, it is a syntax error that says where.
    // The element's `today` is the shopper's date; malformed, it is refused at `today`.
    let err = evaluate_json(r#"{"product":{"sku":"a","sources":[]}}"#, None, None, Some("2026-6-1".into()), None, None).unwrap_err();
    assert_eq!(message_of(&err), r#"today: expected a date YYYY-MM-DD, found the string "2026-6-1""#);
    assert_eq!(prop(&err, "path").as_string().as_deref(), Some("today"));
    let err = evaluate_json(&("[".repeat(100_000)), None, None, None, None, None).unwrap_err();
    assert_eq!(message_of(&err), "document: expected an object, found an array");
    assert_eq!(prop(&err, "name").as_string().as_deref(), Some("SalableError"));
    assert_eq!(prop(&err, "path").as_string().as_deref(), Some("document"));
    // NaN is not JSON, even in a field we do not read (issue 8); in a quantity it is named.
    let err = evaluate_json(r#"{"feed":{"x":[1,NaN]},"product":{"sku":"a","sources":[]}}"#, None, None, None, None, None).unwrap_err();
    assert_eq!(message_of(&err), "feed: invalid JSON at line 1, column 17: expected a value, found 'N'");
    let err = evaluate_json(
        r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":-Infinity,"status":1}]}}"#,
        None,
        None,
        None,
        None,
        None,
    )
    .unwrap_err();
    assert_eq!(message_of(&err), "product.sources[0].quantity: expected a finite number, found -Infinity");
    assert_eq!(prop(&err, "path").as_string().as_deref(), Some("product.sources[0].quantity"));
    after_the_table_the_module_still_answers();
}

fn after_the_table_the_module_still_answers() {
    let out = to_value(&evaluate(js(BASE)).unwrap());
    assert_eq!(out["salable_qty"], 9);
    assert_eq!(out["message"]["text"], "In stock");
}

/// Issue 10: bad composite documents and choices (SPEC §13), refused with their path through the
/// JS-object API, as the text path words them.
#[wasm_bindgen_test]
fn bad_composite_documents_are_refused_with_their_path() {
    let child =
        |sku: &str, extra: &str| format!(r#"{{"sku":"{sku}","sources":[{{"source_code":"s","quantity":5,"status":"in_stock"}}]{extra}}}"#);
    let configurable = |choice: &str| {
        js(&format!(
            r#"{{"product":{{"type":"configurable","sku":"TEE","children":[{},{}]}}{choice}}}"#,
            child("TEE-S", r#","attributes":{"size":"S"}"#),
            child("TEE-M", r#","attributes":{"size":"M"}"#)
        ))
    };
    let bundle = |choice: &str, qty: &str| {
        js(&format!(
            r#"{{"product":{{"type":"bundle","sku":"KIT","options":[{{"id":1,"title":"Bag","required":true,"selections":[{{"id":7,"qty":{qty},"child":{}}}]}}]}}{choice}}}"#,
            child("BAG", "")
        ))
    };
    let grouped = |choice: &str| {
        js(&format!(r#"{{"product":{{"type":"grouped","sku":"SET","children":[{}]}}{choice}}}"#, child("A", r#","default_qty":1"#)))
    };
    let rows: Vec<(&str, JsValue, &str)> = vec![
        (
            "unknown type",
            js(r#"{"product":{"type":"kit","sku":"K","sources":[]}}"#),
            r#"product.type: expected one of "simple", "virtual", "downloadable", "configurable", "bundle", "grouped", found the string "kit""#,
        ),
        (
            "stock_flag maybe",
            js(r#"{"product":{"type":"grouped","sku":"G","stock_flag":"maybe","children":[]}}"#),
            r#"product.stock_flag: expected one of "in_stock", "out_of_stock", 1, 0, found the string "maybe""#,
        ),
        (
            "children object",
            js(r#"{"product":{"type":"grouped","sku":"G","children":{}}}"#),
            "product.children: expected an array, found an object",
        ),
        (
            "child without sku",
            js(r#"{"product":{"type":"grouped","sku":"G","children":[{"sources":[]}]}}"#),
            "product.children[0].sku: is required",
        ),
        (
            "child without sources",
            js(r#"{"product":{"type":"grouped","sku":"G","children":[{"sku":"C"}]}}"#),
            "product.children[0].sources: is required",
        ),
        ("unknown variant", configurable(r#","variant":"TEE-XL""#), r#"variant: no child has the sku "TEE-XL""#),
        ("selection matching no child", configurable(r#","selection":{"size":"XL"}"#), "selection: no child has these attribute values"),
        (
            "unknown bundle option",
            bundle(r#","bundle_selection":{"9":[{"selection_id":7}]}"#, "1"),
            r#"bundle_selection.9: no option has the id "9""#,
        ),
        (
            "unknown bundle selection",
            bundle(r#","bundle_selection":{"1":[{"selection_id":8}]}"#, "1"),
            r#"bundle_selection.1[0].selection_id: no selection of this option has the id "8""#,
        ),
        ("bundle selection qty 0", bundle("", "0"), "product.options[0].selections[0].qty: must be greater than 0, found 0"),
        ("unknown grouped sku", grouped(r#","grouped_qty":{"Z":1}"#), "grouped_qty.Z: no child has this sku"),
        ("negative grouped qty", grouped(r#","grouped_qty":{"A":-1}"#), "grouped_qty.A: must be 0 or more, found -1"),
    ];
    for (label, input, expected) in rows {
        check(label, evaluate(input), expected);
    }
    after_the_table_the_module_still_answers();
}
