//! Every case of `tests/conformance/magento-cases.json` (Magento's own test suites translated into
//! SPEC §10–11), run natively. `tests/wasm_node.rs` runs the same cases through the wasm build.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

fn evaluate(input: &Value) -> Result<Value, String> {
    let doc = salable::InputDocument::from_json(&input.to_string()).map_err(|e| e.to_string())?;
    serde_json::from_str(&salable::evaluate(&doc).to_json()).map_err(|e| e.to_string())
}

#[test]
fn every_magento_case_passes() {
    let n = support::conformance::run_all(evaluate);
    println!("{n} conformance cases passed");
}

#[test]
fn every_product_type_case_passes() {
    let cases = support::conformance::product_type_cases();
    assert!(cases.len() >= 90, "the case file looks truncated: {} cases", cases.len());
    let n = support::conformance::run_cases(&cases, evaluate);
    println!("{n} product-type cases passed");
}

#[test]
fn every_pickup_case_passes() {
    let cases = support::conformance::pickup_cases();
    assert!(cases.len() >= 40, "the case file looks truncated: {} cases", cases.len());
    assert!(cases.iter().all(|c| c["reason"].as_str().is_some_and(|r| !r.is_empty())), "every case says why it exists");
    let n = support::conformance::run_cases(&cases, evaluate);
    println!("{n} pickup cases passed");
}

#[test]
fn the_checker_can_fail() {
    // A wrong expectation must be reported, or the suite above proves nothing.
    let case: Value =
        serde_json::from_str(r#"{"id":"probe","expect":{"salable_qty":9,"request.error_codes":["x"],"only_x_left_shown":true}}"#).unwrap();
    let output: Value = serde_json::from_str(r#"{"salable_qty":8.5,"message":{"kind":"in_stock"},"request":{"errors":[]}}"#).unwrap();
    let err = support::conformance::check(&case, &output).unwrap_err();
    assert!(err.contains("salable_qty") && err.contains("request.error_codes") && err.contains("only_x_left_shown"), "{err}");
    // A refusal at another path, or with other words, is a miss too.
    let want: Value = serde_json::from_str(r#"{"path":"near","contains":"latitude"}"#).unwrap();
    assert!(support::conformance::check_refusal(&case, &want, "near.latitude: must be a latitude").is_err());
    assert!(support::conformance::check_refusal(&case, &want, "near: expected an object").is_err());
    assert!(support::conformance::check_refusal(&case, &want, "near: latitude is missing").is_ok());
}

/// The README's pickup example (SPEC §17) is what the core answers, so the docs cannot drift.
#[test]
fn the_readme_pickup_example_is_the_core_answer() {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## In-store pickup").expect("the README has a pickup section")..];
    let mut blocks = section.split("```json\n").skip(1).map(|b| &b[..b.find("```").unwrap()]);
    let input: Value = serde_json::from_str(blocks.next().unwrap()).unwrap();
    let pickup: Value = serde_json::from_str(blocks.next().unwrap()).unwrap();
    assert_eq!(evaluate(&input).unwrap()["pickup"], pickup);
}
