//! Any text through `evaluate_catalog`: no panic; an accepted catalog gives a JSON array whose
//! slots are consistent outputs or `{ sku, error }`, and each output matches `evaluate_json` of
//! that product alone.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "consistency.rs"]
mod consistency;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(out) = salable::evaluate_catalog(text) else { return };
    let slots: Vec<serde_json::Value> = serde_json::from_str(&out).expect("output is a JSON array");
    let input: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Our reader accepts what serde_json may refuse (NaN in a skipped field): nothing to compare.
        Err(_) => return,
    };
    let products = input["products"].as_array().expect("an accepted catalog has products");
    assert_eq!(slots.len(), products.len());
    for (slot, product) in slots.iter().zip(products) {
        if slot.get("error").is_some() {
            assert!(slot["error"].as_str().is_some_and(|e| e.starts_with("products[")), "{slot}");
            continue;
        }
        consistency::check_output(slot);
        let mut single = serde_json::json!({ "product": product });
        for key in ["config", "locale", "requested_qty"] {
            if let Some(v) = input.get(key) {
                single[key] = v.clone();
            }
        }
        if let Ok(alone) = salable::evaluate_json(&single.to_string(), salable::RequestOverride::default()) {
            assert_eq!(serde_json::from_str::<serde_json::Value>(&alone).unwrap(), *slot, "catalog and single disagree");
        }
    }
});
