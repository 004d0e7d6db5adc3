//! Reading documents (SPEC §10) and refusing bad ones (SPEC §12), across the families.

use crate::document::{InputDocument, SourceStatus};
use crate::error::InputError;
use crate::quantity::Qty;

fn parse(json: &str) -> Result<InputDocument, InputError> {
    InputDocument::from_json(json)
}

fn err(json: &str) -> String {
    parse(json).unwrap_err().to_string()
}

#[test]
fn reads_the_spec_example_spec_10() {
    let doc = parse(
        r#"{"config":{"backorders":"no","only_x_left_threshold":5},
            "product":{"sku":"24-MB01","name":"Joust Duffle Bag","qty_uses_decimals":false,
              "overrides":{"backorders":"allow","out_of_stock_threshold":-50,"notify_for_quantity_below":10},
              "sources":[{"source_code":"default","quantity":25,"status":"in_stock","source_enabled":true,"notify_for_quantity_below":null}],
              "reservations":[{"quantity":-3,"event":"order_placed","order_id":"000000042"}]},
            "requested_qty":1,"locale":"en"}"#,
    )
    .unwrap();
    assert_eq!(doc.product.sku, "24-MB01");
    assert_eq!(doc.product.sources[0].quantity, Qty::from_int(25));
    assert_eq!(doc.product.reservations[0].quantity, Qty::from_int(-3));
    assert_eq!(doc.settings().effective_threshold(), Qty::from_int(-50));
}

#[test]
fn defaults_and_magento_numbers_spec_10() {
    let doc = parse(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1},{"source_code":"t","quantity":1,"status":0}]},"config":{"backorders":2}}"#).unwrap();
    assert!(doc.product.sources[0].source_enabled);
    assert_eq!(doc.product.sources[0].status, SourceStatus::InStock);
    assert_eq!(doc.product.sources[1].status, SourceStatus::OutOfStock);
    assert!(doc.product.reservations.is_empty());
    assert_eq!(doc.settings().backorders, crate::settings::Backorders::AllowNotify);
}

#[test]
fn unknown_keys_are_ignored_spec_10() {
    parse(r#"{"feed":{"deep":[[[1]]]},"product":{"sku":"a","price":9.99,"sources":[{"source_code":"s","quantity":1,"status":"in_stock","bin":"A4"}]}}"#).unwrap();
}

#[test]
fn errors_name_the_path_spec_12() {
    assert_eq!(
        err(
            r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":"in_stock"},{"source_code":"t","quantity":"ten","status":"in_stock"}]}}"#
        ),
        r#"product.sources[1].quantity: expected a number, found the string "ten""#
    );
    assert_eq!(err(r#"{"product":{"sources":[]}}"#), "product.sku: is required");
    assert_eq!(err(r#"[]"#), "document: expected an object, found an array");
    assert_eq!(
        err(r#"{"config":{"backorders":3},"product":{"sku":"a","sources":[]}}"#),
        r#"config.backorders: expected one of "no", "allow", "allow_notify", 0, 1, 2, found the number 3"#
    );
    assert_eq!(
        err(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":"maybe"}]}}"#),
        r#"product.sources[0].status: expected one of "in_stock", "out_of_stock", 1, 0, found the string "maybe""#
    );
    assert_eq!(
        err(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1e13,"status":"in_stock"}]}}"#),
        "product.sources[0].quantity: number out of range: must lie within ±1000000000000"
    );
    assert_eq!(
        err(r#"{"product":{"sku":"a","sources":[],"reservations":[{"order_id":"1"}]}}"#),
        "product.reservations[0].quantity: is required"
    );
}

#[test]
fn semantic_checks_spec_12() {
    assert_eq!(
        err(
            r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1},{"source_code":"s","quantity":2,"status":1}]}}"#
        ),
        r#"product.sources[1].source_code: duplicate source code "s" (also at product.sources[0])"#
    );
    assert_eq!(err(r#"{"product":{"sku":"a","sources":[]},"requested_qty":0}"#), "requested_qty: must be greater than 0, found 0");
    assert_eq!(err(r#"{"product":{"sku":"a","sources":[]},"requested_qty":-2}"#), "requested_qty: must be greater than 0, found -2");
    assert_eq!(err(r#"{"product":{"sku":"","sources":[]}}"#), "product.sku: must not be empty");
    let long = format!(r#"{{"product":{{"sku":"{}","sources":[]}}}}"#, "x".repeat(65));
    assert_eq!(err(&long), "product.sku: too long: 65 characters, at most 64");
    // Magento saves negative cart limits and treats them as "no limit"; so do we (SPEC §7 a).
    assert!(parse(r#"{"config":{"min_sale_qty":-1},"product":{"sku":"a","sources":[]}}"#).is_ok());
}

#[test]
fn duplicates_and_too_many_sources_are_refused_spec_12() {
    let sources = |codes: &[String]| {
        codes.iter().map(|c| format!(r#"{{"source_code":"{c}","quantity":1,"status":1}}"#)).collect::<Vec<_>>().join(",")
    };
    let codes = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let e = err(&format!(r#"{{"product":{{"sku":"a","sources":[{}]}}}}"#, sources(&codes(&["z", "b", "z", "b", "b"]))));
    assert_eq!(e, r#"product.sources[2].source_code: duplicate source code "z" (also at product.sources[0])"#);
    let many: Vec<String> = (0..1000).map(|i| format!("s{i}")).collect();
    assert!(parse(&format!(r#"{{"product":{{"sku":"a","sources":[{}]}}}}"#, sources(&many))).is_ok());
    let too_many: Vec<String> = (0..1001).map(|i| format!("s{i}")).collect();
    let e = err(&format!(r#"{{"product":{{"sku":"a","sources":[{}]}}}}"#, sources(&too_many)));
    assert_eq!(e, "product.sources: too many source items: at most 1000");
}

#[test]
fn more_than_four_decimals_is_rounded_not_refused_spec_12() {
    let doc = parse(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1.23456,"status":1}]}}"#).unwrap();
    assert_eq!(doc.product.sources[0].quantity.to_string(), "1.2346");
}

#[test]
fn nulls_mean_absent() {
    let doc = parse(r#"{"config":null,"product":{"sku":"a","overrides":null,"reservations":null,"sources":[{"source_code":"s","quantity":1,"status":1,"source_enabled":null}]},"requested_qty":null,"locale":null}"#).unwrap();
    assert!(doc.product.sources[0].source_enabled);
}

#[test]
fn a_feeds_own_attributes_are_not_refused_spec_10() {
    // `attributes` means something only on a configurable child (SPEC §13.3); on any other product
    // it is the feed's own key, whatever its shape.
    for attributes in [r#"{"weight_kg":0.5,"tags":["a"],"size":"M","count":3,"new":true}"#, "[1,2]", r#""text""#, "7"] {
        let doc = parse(&format!(r#"{{"product":{{"sku":"a","attributes":{attributes},"sources":[]}}}}"#)).unwrap();
        if attributes.starts_with('{') {
            let pairs: Vec<(&str, &str)> = doc.product.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            assert_eq!(pairs, [("size", "M"), ("count", "3"), ("new", "true")]);
        } else {
            assert!(doc.product.attributes.is_empty(), "{attributes}");
        }
    }
}
