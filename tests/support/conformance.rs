//! Reads `expect` maps of the conformance cases (see `tests/conformance/README.md`) against an
//! output document. Shared by the native suite and the wasm suites, so both judge alike.

use serde_json::Value;

pub const CASES: &str = include_str!("../conformance/magento-cases.json");
/// SPEC §13's cases: configurable, bundle, grouped, virtual and downloadable products.
pub const PRODUCT_TYPE_CASES: &str = include_str!("../conformance/product-type-cases.json");

pub fn cases() -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(CASES).expect("magento-cases.json parses")
}

pub fn product_type_cases() -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(PRODUCT_TYPE_CASES).expect("product-type-cases.json parses")
}

/// SPEC §17's cases: in-store pickup, each with the `reason` it exists.
pub const PICKUP_CASES: &str = include_str!("../conformance/pickup-cases.json");

pub fn pickup_cases() -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(PICKUP_CASES).expect("pickup-cases.json parses")
}

/// The value at a dotted path, with the derived keys of the conformance README.
fn lookup(output: &Value, path: &str) -> Option<Value> {
    let errors = || output.pointer("/request/errors").and_then(Value::as_array);
    match path {
        "request.error_codes" => Some(Value::Array(errors()?.iter().map(|e| e["code"].clone()).collect())),
        "request.last_error_message" => errors()?.last().map(|e| e["message"].clone()),
        "only_x_left_shown" => Some(Value::Bool(output.pointer("/message/kind")? == "only_x_left")),
        _ => {
            // `options.size[1].available`, `request.children.length`: indexes and lengths too.
            let (path, length) = match path.strip_suffix(".length") {
                Some(p) => (p, true),
                None => (path, false),
            };
            let pointer = format!("/{}", path.replace(['.', '['], "/").replace(']', ""));
            let value = output.pointer(&pointer).cloned()?;
            if length {
                Some(Value::from(value.as_array()?.len()))
            } else {
                Some(value)
            }
        }
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() <= 1e-9,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        _ => a == b,
    }
}

/// `Err` lists every expectation the output misses.
pub fn check(case: &Value, output: &Value) -> Result<(), String> {
    let mut misses = Vec::new();
    for (path, want) in case["expect"].as_object().expect("expect is an object") {
        match lookup(output, path) {
            Some(got) if same(&got, want) => {}
            got => misses.push(format!("{path}: expected {want}, got {}", got.map_or("nothing".into(), |g| g.to_string()))),
        }
    }
    if misses.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: {}", case["id"], misses.join("; ")))
    }
}

/// A refusal (`path: problem`, SPEC §12) must be placed at `expect_error.path` exactly, and its
/// text must contain `expect_error.contains`.
pub fn check_refusal(case: &Value, want: &Value, error: &str) -> Result<(), String> {
    let path = want["path"].as_str().expect("expect_error.path");
    let contains = want["contains"].as_str().unwrap_or("");
    let placed = error.strip_prefix(path).is_some_and(|rest| rest.starts_with(": "));
    if placed && error.contains(contains) {
        Ok(())
    } else {
        Err(format!("{}: expected a refusal at {path} containing {contains:?}, got {error:?}", case["id"]))
    }
}

/// Runs every case through `evaluate` and panics with all failures at once.
pub fn run_all(evaluate: impl Fn(&Value) -> Result<Value, String>) -> usize {
    let cases = cases();
    assert!(cases.len() >= 80, "the case file looks truncated: {} cases", cases.len());
    run_cases(&cases, evaluate)
}

/// Runs the given cases through `evaluate` and panics with all failures at once.
pub fn run_cases(cases: &[Value], evaluate: impl Fn(&Value) -> Result<Value, String>) -> usize {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| match (evaluate(&case["input"]), case.get("expect_error")) {
            (Ok(output), None) => check(case, &output).err(),
            (Err(e), None) => Some(format!("{}: refused: {e}", case["id"])),
            (Ok(_), Some(_)) => Some(format!("{}: accepted, but should be refused", case["id"])),
            (Err(e), Some(want)) => check_refusal(case, want, &e).err(),
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
    cases.len()
}
