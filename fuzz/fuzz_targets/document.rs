//! Any text through `evaluate_json`: no panic, and every accepted document gives a consistent
//! output that is valid JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "consistency.rs"]
mod consistency;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match salable::evaluate_json(text, salable::RequestOverride::default()) {
        Ok(out) => {
            let value: serde_json::Value = serde_json::from_str(&out).expect("output is JSON");
            consistency::check_output(&value);
        }
        Err(e) => assert!(!e.path.is_empty() && !e.problem.is_empty(), "an error names a path and a problem"),
    }
});
