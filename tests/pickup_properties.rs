//! Property tests of in-store pickup (SPEC §17) over random documents: a store is available only
//! when its own source item covers the request, the count agrees with the list, ordering by
//! `near` is a stable sort by great-circle distance, and no quantity is ever written.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};

/// A few points, so that random stores often share a position (ties) or have none.
const POINTS: [(f64, f64); 5] = [(48.8606, 2.3376), (45.7606, 4.8597), (43.2951, 5.3744), (50.6292, 3.0573), (48.8606, 2.3376)];

/// One source item: quantity in hundredths, in stock, enabled, a pickup store (with a point index).
type Source = (i64, bool, bool, Option<Option<usize>>);

fn arb_doc() -> impl Strategy<Value = Value> {
    let source = (
        -100i64..900,
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.9),
        prop::option::weighted(0.8, prop::option::weighted(0.8, 0usize..POINTS.len())),
    );
    (
        prop::collection::vec(source, 0..7),
        prop::option::of(1i64..1200),
        prop::bool::weighted(0.9),
        prop_oneof![Just("no"), Just("allow")],
        0i64..4,
        prop::bool::ANY,
        prop::option::of(0usize..POINTS.len()),
        prop::bool::weighted(0.9),
        prop::collection::vec(-300i64..0, 0..3),
    )
        .prop_map(|(sources, requested, manage, backorders, threshold, decimals, near, enabled, reservations)| {
            let sources: Vec<Value> = sources
                .iter()
                .enumerate()
                .map(|(i, &(q, in_stock, source_enabled, pickup)): (usize, &Source)| {
                    let mut item = json!({
                        "source_code": format!("s{i}"),
                        "quantity": q as f64 / 100.0,
                        "status": if in_stock { "in_stock" } else { "out_of_stock" },
                        "source_enabled": source_enabled,
                    });
                    if let Some(point) = pickup {
                        let mut store = json!({ "name": format!("Store {i}") });
                        if let Some(p) = point {
                            store["latitude"] = json!(POINTS[p].0);
                            store["longitude"] = json!(POINTS[p].1);
                        }
                        item["pickup"] = store;
                    }
                    item
                })
                .collect();
            let mut doc = json!({
                "config": { "pickup_enabled": enabled, "manage_stock": manage, "backorders": backorders, "out_of_stock_threshold": threshold },
                "product": {
                    "sku": "P", "qty_uses_decimals": decimals, "sources": sources,
                    "reservations": reservations.iter().map(|r| json!({ "quantity": *r as f64 / 100.0 })).collect::<Vec<_>>(),
                },
            });
            if let Some(q) = requested {
                doc["requested_qty"] = json!(q as f64 / 100.0);
            }
            if let Some(p) = near {
                doc["near"] = json!({ "latitude": POINTS[p].0, "longitude": POINTS[p].1 });
            }
            doc
        })
}

fn evaluate(doc: &Value) -> Value {
    let parsed = salable::InputDocument::from_json(&doc.to_string()).expect("the generator writes valid documents");
    serde_json::from_str(&salable::evaluate(&parsed).to_json()).unwrap()
}

/// The test's own haversine, on SPEC §17's radius.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn source<'a>(doc: &'a Value, code: &str) -> &'a Value {
    doc["product"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source_code"] == code)
        .expect("a location is a source item of the document")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// A location is available only if its own source item covers the request (or stock is not
    /// managed), and only for a request the stock accepts (rules 3–4).
    #[test]
    fn a_store_is_available_only_when_its_own_shelf_covers_the_request(doc in arb_doc()) {
        let out = evaluate(&doc);
        let Some(pickup) = out["pickup"].as_object() else { return Ok(()) };
        let placeable = out["is_salable"] == true && out["request"]["is_salable"] == true;
        let managed = doc["config"]["manage_stock"] == true;
        for store in pickup["locations"].as_array().unwrap() {
            let item = source(&doc, store["source_code"].as_str().unwrap());
            prop_assert_eq!(&item["source_enabled"], &json!(true), "a disabled source is no location");
            let q = out["request"]["qty"].as_f64();
            // The shelf in hundredths, exactly as generated.
            let covers = !managed || (item["status"] == "in_stock" && q.is_some_and(|q| (item["quantity"].as_f64().unwrap() * 100.0).round() >= (q * 100.0).round()));
            prop_assert_eq!(store["available"].as_bool().unwrap(), placeable && covers, "{}", store);
        }
    }

    /// `available_count` counts the available locations, and the message names the first of them.
    #[test]
    fn the_count_and_message_agree_with_the_list(doc in arb_doc()) {
        let out = evaluate(&doc);
        let Some(pickup) = out["pickup"].as_object() else { return Ok(()) };
        let locations = pickup["locations"].as_array().unwrap();
        let available: Vec<&Value> = locations.iter().filter(|s| s["available"] == true).collect();
        prop_assert_eq!(pickup["available_count"].as_u64().unwrap() as usize, available.len());
        let message = pickup["message"].as_str().unwrap();
        match available.first() {
            None => prop_assert_eq!(message, "Pickup currently unavailable"),
            Some(first) => prop_assert!(message.starts_with(&format!("Pickup available at {}", first["name"].as_str().unwrap())), "{}", message),
        }
    }

    /// Every enabled source item with `pickup` is listed once; with `near`, in order of distance
    /// with ties (and stores without coordinates, last) in document order; without, in document order.
    #[test]
    fn ordering_by_near_is_a_stable_sort_by_distance(doc in arb_doc()) {
        let out = evaluate(&doc);
        let Some(pickup) = out["pickup"].as_object() else { return Ok(()) };
        let listed: Vec<&str> = pickup["locations"].as_array().unwrap().iter().map(|s| s["source_code"].as_str().unwrap()).collect();
        let mut expected: Vec<(usize, Option<f64>, &str)> = doc["product"]["sources"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(_, s)| s["source_enabled"] == true && s.get("pickup").is_some())
            .map(|(i, s)| {
                let p = &s["pickup"];
                let distance = match (doc.get("near"), p["latitude"].as_f64()) {
                    (Some(near), Some(lat)) => Some(km((near["latitude"].as_f64().unwrap(), near["longitude"].as_f64().unwrap()), (lat, p["longitude"].as_f64().unwrap()))),
                    _ => None,
                };
                (i, distance, s["source_code"].as_str().unwrap())
            })
            .collect();
        if doc.get("near").is_some() {
            // Stable: equal keys keep document order.
            expected.sort_by(|a, b| match (a.1, b.1) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        let expected_codes: Vec<&str> = expected.iter().map(|e| e.2).collect();
        prop_assert_eq!(&listed, &expected_codes);
        for (store, (_, distance, _)) in pickup["locations"].as_array().unwrap().iter().zip(&expected) {
            match distance {
                // Half up to 0.1 km.
                Some(d) => prop_assert!((store["distance_km"].as_f64().unwrap() - (d * 10.0 + 0.5).floor() / 10.0).abs() < 1e-9, "{} vs {}", store, d),
                None => prop_assert!(store["distance_km"].is_null()),
            }
        }
    }

    /// No quantity and no coordinate is ever written into `pickup` (SPEC §17: privacy).
    #[test]
    fn no_quantity_is_ever_written(doc in arb_doc()) {
        let out = evaluate(&doc);
        let Some(pickup) = out["pickup"].as_object() else { return Ok(()) };
        let keys: Vec<&String> = pickup.keys().collect();
        prop_assert_eq!(keys, vec!["available_count", "locations", "message"]);
        for store in pickup["locations"].as_array().unwrap() {
            let keys: Vec<&String> = store.as_object().unwrap().keys().collect();
            prop_assert_eq!(keys, vec!["address", "available", "description", "distance_km", "name", "phone", "source_code", "text"]);
        }
    }

    /// A larger request never makes a store available that a smaller accepted one did not.
    #[test]
    fn asking_for_more_never_adds_a_store(doc in arb_doc(), extra in 1i64..500) {
        let small = evaluate(&doc);
        let mut larger = doc.clone();
        let q = small["request"]["qty"].as_f64().unwrap_or(1.0);
        larger["requested_qty"] = json!(((q * 100.0).round() as i64 + extra) as f64 / 100.0);
        let large = evaluate(&larger);
        let (Some(a), Some(b)) = (small["pickup"]["locations"].as_array(), large["pickup"]["locations"].as_array()) else { return Ok(()) };
        for (s, l) in a.iter().zip(b) {
            prop_assert!(!(l["available"] == true && s["available"] == false && small["request"]["is_salable"] == true), "{} then {}", s, l);
        }
    }
}
