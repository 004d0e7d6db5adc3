//! Property tests of the rules beyond SPEC §8 (those are in `ledger_properties.rs`): monotonicity of
//! salability and of S, exact decimals, and agreement of the single and catalog paths.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use salable::StockFigures;
use salable::{evaluate_catalog, evaluate_json, InputDocument, Qty, RequestOverride};

/// A product's JSON with random settings, sources and reservations.
fn arb_product() -> impl Strategy<Value = String> {
    let source = (0i64..400, prop::bool::weighted(0.8), prop::bool::weighted(0.9), prop::option::of(0i64..20));
    (
        prop::collection::vec(source, 0..4),
        prop::collection::vec(-60i64..30, 0..4),
        prop_oneof![Just("no"), Just("allow"), Just("allow_notify")],
        -60i64..60,
        prop::bool::weighted(0.9),
        0i64..4,
        prop::bool::ANY,
    )
        .prop_map(|(sources, reservations, backorders, threshold, manage, min_sale, decimals)| {
            let sources: Vec<String> = sources
                .iter()
                .enumerate()
                .map(|(i, (q, in_stock, enabled, notify))| {
                    format!(
                        r#"{{"source_code":"s{i}","quantity":{}.{:02},"status":"{}","source_enabled":{enabled},"notify_for_quantity_below":{}}}"#,
                        q / 100,
                        q % 100,
                        if *in_stock { "in_stock" } else { "out_of_stock" },
                        notify.map_or("null".into(), |n| n.to_string())
                    )
                })
                .collect();
            let reservations: Vec<String> = reservations.iter().map(|q| format!(r#"{{"quantity":{q}}}"#)).collect();
            format!(
                r#"{{"sku":"P","name":"Bag","qty_uses_decimals":{decimals},"overrides":{{"backorders":"{backorders}","out_of_stock_threshold":{threshold},"manage_stock":{manage},"min_sale_qty":{min_sale}}},"sources":[{}],"reservations":[{}]}}"#,
                sources.join(","),
                reservations.join(",")
            )
        })
}

fn doc(product: &str, config: &str) -> InputDocument {
    InputDocument::from_json(&format!(r#"{{"config":{config},"product":{product}}}"#)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// More quantity on hand, in any source, never turns a salable product unsalable.
    #[test]
    fn more_stock_never_makes_a_product_unsalable(product in arb_product(), source in 0usize..4, extra in 1i64..500) {
        let before = doc(&product, r#"{"only_x_left_threshold":5}"#);
        prop_assume!(source < before.product.sources.len());
        let mut after = before.clone();
        let s = &mut after.product.sources[source];
        s.quantity = s.quantity + Qty::from_int(extra);
        if salable::evaluate(&before).is_salable {
            prop_assert!(salable::evaluate(&after).is_salable);
        }
    }

    /// Raising the out-of-stock threshold never raises S, nor the reported salable quantity.
    #[test]
    fn a_higher_threshold_never_raises_salable_qty(product in arb_product(), raise in 1i64..100) {
        let before = doc(&product, "{}");
        let mut after = before.clone();
        let t = after.product.overrides.out_of_stock_threshold.unwrap_or(Qty::ZERO);
        after.product.overrides.out_of_stock_threshold = Some(t + Qty::from_int(raise));
        let s = |d: &InputDocument| StockFigures::of(&d.product, &d.settings()).salable();
        prop_assert!(s(&after) <= s(&before));
        prop_assert!(salable::evaluate(&after).salable_qty <= salable::evaluate(&before).salable_qty);
    }

    /// Printing a quantity and reading it back gives the same quantity, for every value in range.
    #[test]
    fn decimals_round_trip(units in -10_000_000_000_000_000i64..=10_000_000_000_000_000i64) {
        let q = Qty::from_ten_thousandths(units);
        prop_assert_eq!(q.to_string().parse::<Qty>(), Ok(q));
    }

    /// Reading any decimal text is idempotent through printing: parse(print(parse(x))) = parse(x).
    #[test]
    fn reading_decimals_is_stable(int in "-?(0|[1-9][0-9]{0,11})", frac in "[0-9]{0,9}", exp in prop::option::of(-6i32..6)) {
        let text = format!("{int}{}{}", if frac.is_empty() { String::new() } else { format!(".{frac}") }, exp.map_or(String::new(), |e| format!("e{e}")));
        if let Ok(q) = text.parse::<Qty>() {
            prop_assert_eq!(q.to_string().parse::<Qty>(), Ok(q));
        }
    }

    /// `evaluate` and `evaluateCatalog` agree product by product.
    #[test]
    fn single_and_catalog_paths_agree(products in prop::collection::vec(arb_product(), 1..8), qty in prop::option::of(1i64..20)) {
        let config = r#"{"only_x_left_threshold":4,"max_sale_qty":15}"#;
        let requested = qty.map_or("null".to_string(), |q| q.to_string());
        let catalog = evaluate_catalog(&format!(r#"{{"config":{config},"requested_qty":{requested},"products":[{}]}}"#, products.join(","))).unwrap();
        let singles: Vec<String> = products
            .iter()
            .map(|p| evaluate_json(&format!(r#"{{"config":{config},"requested_qty":{requested},"product":{p}}}"#), RequestOverride::default()).unwrap())
            .collect();
        prop_assert_eq!(catalog, format!("[{}]", singles.join(",")));
    }
}
