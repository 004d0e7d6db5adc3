//! The expected restock date (SPEC §14) through the document's text, as the element and servers
//! meet it: `restock_date` and `today` read, the restock line, the notice's second sentence and
//! `availabilityStarts` written, malformed dates refused with their path (SPEC §12), and the
//! caller's `today` as a fallback. The date rule itself is tested in `src/restock.rs`.

use salable::{evaluate, evaluate_json, InputDocument, RequestOverride};

fn eval(product: &str, envelope: &str) -> serde_json::Value {
    let text = format!(r#"{{"product":{{"sku":"a","name":"Bag",{product}}}{envelope}}}"#);
    let out = evaluate_json(&text, RequestOverride::default()).unwrap();
    let native = evaluate(&InputDocument::from_json(&text).unwrap()).to_json();
    assert_eq!(out, native, "evaluate and evaluate_json agree");
    serde_json::from_str(&out).unwrap()
}

const OUT: &str = r#""sources":[{"source_code":"s","quantity":0,"status":1}]"#;

#[test]
fn not_salable_shows_when_it_is_expected_back_spec_14() {
    let out = eval(&format!(r#"{OUT},"restock_date":"2026-12-12""#), r#","today":"2026-06-01""#);
    assert_eq!(out["message"]["kind"], "out_of_stock");
    assert_eq!(out["restock"], serde_json::json!({"date":"2026-12-12","text":"Expected back December 12, 2026."}));
    assert_eq!(out["schema_org_availability"], "https://schema.org/OutOfStock");
    assert_eq!(out["schema_org_availability_starts"], "2026-12-12");
    assert_eq!(out["request"]["expected_date"], serde_json::Value::Null);
    let gb = eval(&format!(r#"{OUT},"restock_date":"2026-12-12""#), r#","locale":"en-GB""#);
    assert_eq!(gb["restock"]["text"], "Expected back 12 December 2026.");
    let fr = eval(&format!(r#"{OUT},"restock_date":"2026-12-01""#), r#","locale":"fr-CA""#);
    assert_eq!(fr["restock"]["text"], "De retour prévu le 1 décembre 2026.");
}

#[test]
fn a_stale_date_says_nothing_spec_14() {
    let out = eval(&format!(r#"{OUT},"restock_date":"2026-05-31""#), r#","today":"2026-06-01""#);
    assert_eq!(out["restock"], serde_json::Value::Null);
    assert_eq!(out["schema_org_availability_starts"], serde_json::Value::Null);
    let same_day = eval(&format!(r#"{OUT},"restock_date":"2026-06-01""#), r#","today":"2026-06-01""#);
    assert_eq!(same_day["restock"]["date"], "2026-06-01");
}

#[test]
fn a_backordered_request_is_expected_to_ship_spec_14() {
    let notify =
        r#""overrides":{"backorders":"allow_notify"},"sources":[{"source_code":"s","quantity":2,"status":1}],"restock_date":"2026-12-12""#;
    let out = eval(notify, r#","requested_qty":5,"today":"2026-06-01""#);
    assert_eq!(out["is_salable"], true);
    assert_eq!(out["restock"], serde_json::Value::Null, "salable: no restock line");
    assert_eq!(
        out["request"]["notice"],
        "We don't have as many \"Bag\" as you requested, but we'll back order the remaining 3. Expected to ship December 12, 2026."
    );
    assert_eq!(out["request"]["expected_date"], "2026-12-12");
    assert_eq!(out["schema_org_availability"], "https://schema.org/InStock", "Q + R > 0");
    assert_eq!(out["schema_org_availability_starts"], serde_json::Value::Null);
    let fr = eval(notify, r#","requested_qty":5,"locale":"fr""#);
    assert!(fr["request"]["notice"].as_str().unwrap().ends_with(" Expédition prévue le 12 décembre 2026."));

    // Nothing backordered: no notice, no date.
    let covered = eval(notify, r#","requested_qty":1"#);
    assert_eq!((&covered["request"]["notice"], &covered["request"]["expected_date"]), (&serde_json::Value::Null, &serde_json::Value::Null));
    // `allow` backorders silently: no notice, no expected date; schema.org still says when.
    let allow = r#""overrides":{"backorders":"allow"},"sources":[{"source_code":"s","quantity":0,"status":1}],"restock_date":"2026-12-12""#;
    let out = eval(allow, r#","requested_qty":5"#);
    assert_eq!((&out["request"]["notice"], &out["request"]["expected_date"]), (&serde_json::Value::Null, &serde_json::Value::Null));
    assert_eq!(out["schema_org_availability"], "https://schema.org/BackOrder");
    assert_eq!(out["schema_org_availability_starts"], "2026-12-12");
}

#[test]
fn in_stock_ignores_the_date_spec_14() {
    let out = eval(r#""sources":[{"source_code":"s","quantity":9,"status":1}],"restock_date":"2026-12-12""#, "");
    for key in ["restock", "schema_org_availability_starts"] {
        assert_eq!(out[key], serde_json::Value::Null, "{key}");
    }
    assert_eq!(out["request"]["expected_date"], serde_json::Value::Null);
}

#[test]
fn malformed_dates_are_refused_with_their_path_spec_12() {
    let refused = |product: &str, envelope: &str| {
        let text = format!(r#"{{"product":{{"sku":"a",{OUT}{product}}}{envelope}}}"#);
        InputDocument::from_json(&text).unwrap_err().to_string()
    };
    assert_eq!(
        refused(r#","restock_date":"2026-13-01""#, ""),
        r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-13-01""#
    );
    assert_eq!(
        refused(r#","restock_date":"2026-02-29""#, ""),
        r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-02-29""#
    );
    assert_eq!(refused(r#","restock_date":20261212"#, ""), "product.restock_date: expected a date YYYY-MM-DD, found the number 20261212");
    assert_eq!(refused("", r#","today":"12/12/2026""#), r#"today: expected a date YYYY-MM-DD, found the string "12/12/2026""#);
    assert_eq!(refused("", r#","today":"2026-01-01","today":"2026-01-01""#), "today: duplicate key: a key that is read may appear once");
    assert!(InputDocument::from_json(&format!(r#"{{"product":{{"sku":"a",{OUT},"restock_date":null}},"today":null}}"#)).is_ok());
    assert!(InputDocument::from_json(&format!(r#"{{"product":{{"sku":"a",{OUT},"restock_date":"2024-02-29"}}}}"#)).is_ok());
}

#[test]
fn the_callers_today_is_a_fallback_for_the_documents() {
    let text = format!(r#"{{"product":{{"sku":"a",{OUT},"restock_date":"2026-06-10"}},"today":"2026-06-01"}}"#);
    let with = |today| RequestOverride { today: Some(today), ..Default::default() };
    let out: serde_json::Value = serde_json::from_str(&evaluate_json(&text, with("2026-07-01")).unwrap()).unwrap();
    assert_eq!(out["restock"]["date"], "2026-06-10", "the document's today wins");
    let undated = text.replace(r#","today":"2026-06-01""#, "");
    let out: serde_json::Value = serde_json::from_str(&evaluate_json(&undated, with("2026-07-01")).unwrap()).unwrap();
    assert_eq!(out["restock"], serde_json::Value::Null, "stale against the caller's today");
    let err = evaluate_json(&undated, with("tomorrow")).unwrap_err();
    assert_eq!(err.to_string(), r#"today: expected a date YYYY-MM-DD, found the string "tomorrow""#);
}
