//! What every output document must say of itself, whatever the input (issue #5).
use serde_json::Value;

pub fn check_output(out: &Value) {
    let salable = out["is_salable"].as_bool().expect("is_salable is a boolean");
    let kind = out["message"]["kind"].as_str().expect("message.kind is a string");
    if kind != "hidden" {
        assert_eq!(kind == "out_of_stock", !salable, "message.kind {kind} with is_salable {salable}: {out}");
        assert!(out["message"]["text"].is_string(), "{out}");
    } else {
        assert!(out["message"]["text"].is_null(), "{out}");
    }
    assert_eq!(out["stock_status"] == "in_stock", salable, "{out}");
    // A composite parent (SPEC §13) with no child named has no quantity of its own: `null`.
    let composite = out.get("variant").is_some() || out.get("options").is_some() || out.get("children").is_some();
    if !salable {
        if composite {
            assert!(out["salable_qty"].is_null() || out["salable_qty"] == 0, "{out}");
        } else {
            assert_eq!(out["salable_qty"], 0, "{out}");
        }
        assert_eq!(out["schema_org_availability"], "https://schema.org/OutOfStock", "{out}");
    }
    assert_eq!(out["only_x_left"].is_null(), kind != "only_x_left", "{out}");
    let request = &out["request"];
    let errors = request["errors"].as_array().expect("errors is an array");
    assert_eq!(request["is_salable"].as_bool(), Some(errors.is_empty()), "{out}");
    // In-store pickup (SPEC §17): the count agrees with the list, and no quantity is written.
    if let Some(pickup) = out.get("pickup").filter(|p| !p.is_null()) {
        let locations = pickup["locations"].as_array().expect("pickup.locations is an array");
        let available = locations.iter().filter(|l| l["available"] == true).count();
        assert_eq!(pickup["available_count"].as_u64(), Some(available as u64), "{out}");
        assert!(locations.iter().all(|l| l.get("quantity").is_none()), "{out}");
    }
    if composite {
        // A composite parent (SPEC §13): its request may have no quantity or backorder of its own.
        return;
    }
    assert!(request["qty"].as_f64().is_some_and(|q| q > 0.0), "{out}");
    let backordered = request["backorder_qty"].as_f64().expect("backorder_qty is a number");
    assert!(backordered >= 0.0 && backordered <= request["qty"].as_f64().unwrap_or(0.0), "{out}");
    if !request["notice"].is_null() {
        assert!(backordered > 0.0, "{out}");
    }
}
