//! Property tests for the invariants of SPEC §8, over random settings, sources and event sequences.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use salable::{apply_event, open_qty, Event, EventKind};
use salable::{evaluate, InputDocument, Qty};
use std::collections::BTreeMap;

fn doc(backorders: &str, threshold: i64, manage: bool, sources: &[(i64, bool)]) -> InputDocument {
    let sources: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(i, (q, in_stock))| {
            format!(r#"{{"source_code":"s{i}","quantity":{q},"status":"{}"}}"#, if *in_stock { "in_stock" } else { "out_of_stock" })
        })
        .collect();
    let json = format!(
        r#"{{"config":{{"backorders":"{backorders}","out_of_stock_threshold":{threshold},"manage_stock":{manage},"max_sale_qty":0}},
            "product":{{"sku":"P","sources":[{}]}}}}"#,
        sources.join(",")
    );
    InputDocument::from_json(&json).unwrap()
}

fn arb_doc() -> impl Strategy<Value = InputDocument> {
    (
        prop_oneof![Just("no"), Just("allow"), Just("allow_notify")],
        -20i64..20,
        prop::bool::weighted(0.9),
        prop::collection::vec((0i64..50, prop::bool::weighted(0.8)), 1..4),
    )
        .prop_map(|(b, t, m, s)| doc(b, t, m, &s))
}

fn arb_event() -> impl Strategy<Value = Event> {
    (0u8..3, 1i64..25, 0u8..4, 0u8..4).prop_map(|(kind, qty, order, source)| Event {
        kind: [EventKind::OrderPlaced, EventKind::OrderCanceled, EventKind::ShipmentCreated][kind as usize],
        qty: Qty::from_int(qty),
        order_id: format!("O{order}"),
        source_code: Some(format!("s{source}")),
    })
}

fn salable(d: &InputDocument) -> Qty {
    salable::StockFigures::of(&d.product, &d.settings()).salable()
}

fn shelf(d: &InputDocument) -> Qty {
    d.product.sources.iter().fold(Qty::ZERO, |a, s| a + s.quantity)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Placing and cancelling an unshipped order leaves S and every source as they were.
    #[test]
    fn place_then_cancel_is_a_no_op(mut d in arb_doc(), q in 1i64..30) {
        let before = d.clone();
        let s0 = salable(&d);
        let place = Event { kind: EventKind::OrderPlaced, qty: Qty::from_int(q), order_id: "X".into(), source_code: None };
        if apply_event(&mut d, &place).is_ok() {
            let cancel = Event { kind: EventKind::OrderCanceled, ..place };
            apply_event(&mut d, &cancel).unwrap();
        }
        prop_assert_eq!(salable(&d), s0);
        for (a, b) in d.product.sources.iter().zip(&before.product.sources) {
            prop_assert_eq!(a.quantity, b.quantity);
            prop_assert_eq!(a.status, b.status);
        }
        prop_assert_eq!(evaluate(&d).to_json(), evaluate(&before).to_json());
    }

    /// Over any sequence: shipments keep S, refusals change nothing, and quantity is conserved:
    /// shelf + shipped stays what the shelf held, and reservations equal what orders still have open.
    #[test]
    fn sequences_conserve_quantity(mut d in arb_doc(), events in prop::collection::vec(arb_event(), 1..40)) {
        let shelf0 = shelf(&d);
        let manage = d.settings().manage_stock;
        let mut shipped = Qty::ZERO;
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        for e in &events {
            let before = d.clone();
            let s_before = salable(&d);
            match apply_event(&mut d, e) {
                Ok(()) => {
                    seen.insert(e.order_id.clone(), ());
                    if e.kind == EventKind::ShipmentCreated {
                        // SPEC §8 also turns a source out of stock when it lands exactly on a
                        // positive threshold, which takes that threshold out of Q; apart from that
                        // a shipment leaves S unchanged.
                        let flipped = d.product.sources.iter().zip(&before.product.sources).any(|(a, b)| a.status != b.status);
                        if !flipped {
                            prop_assert_eq!(salable(&d), s_before, "a shipment leaves S unchanged");
                        }
                        if manage { shipped = shipped + e.qty; }
                    }
                }
                Err(_) => {
                    prop_assert_eq!(&d.product.reservations, &before.product.reservations);
                    prop_assert_eq!(shelf(&d), shelf(&before));
                }
            }
            prop_assert_eq!(shelf(&d) + shipped, shelf0, "nothing lost or created on the shelf");
            let open: Qty = seen.keys().fold(Qty::ZERO, |a, id| a + open_qty(&d, id));
            let reserved = d.product.reservations.iter().fold(Qty::ZERO, |a, r| a + r.quantity);
            prop_assert_eq!(reserved, -open, "reservations are exactly the open orders");
            for id in seen.keys() {
                prop_assert!(open_qty(&d, id) >= Qty::ZERO, "no order is cancelled or shipped beyond what it had");
            }
        }
    }
}
