//! Random stores and event sequences through the ledger: the invariants of SPEC §8.
#![no_main]
use libfuzzer_sys::{arbitrary, fuzz_target};
use salable::{apply_event, open_qty, Event, EventKind};
use salable::StockFigures;
use salable::{InputDocument, Qty};

#[derive(Debug, arbitrary::Arbitrary)]
struct Store {
    backorders: u8,
    threshold: i8,
    manage_stock: bool,
    sources: Vec<(u8, bool, bool)>,
    events: Vec<(u8, u16, u8, u8)>,
}

fuzz_target!(|store: Store| {
    let sources: Vec<String> = store
        .sources
        .iter()
        .take(4)
        .enumerate()
        .map(|(i, (q, in_stock, enabled))| {
            format!(r#"{{"source_code":"s{i}","quantity":{q},"status":{},"source_enabled":{enabled}}}"#, u8::from(*in_stock))
        })
        .collect();
    let json = format!(
        r#"{{"config":{{"backorders":{},"out_of_stock_threshold":{},"manage_stock":{},"max_sale_qty":0,"qty_uses_decimals":true}},"product":{{"sku":"F","qty_uses_decimals":true,"sources":[{}]}}}}"#,
        store.backorders % 3,
        store.threshold,
        store.manage_stock,
        sources.join(",")
    );
    let mut doc = InputDocument::from_json(&json).expect("generated documents are valid");
    let shelf = |d: &InputDocument| d.product.sources.iter().fold(Qty::ZERO, |a, s| a + s.quantity);
    let salable = |d: &InputDocument| StockFigures::of(&d.product, &d.settings()).salable();
    let shelf0 = shelf(&doc);
    let mut shipped = Qty::ZERO;
    let mut orders: Vec<String> = Vec::new();
    for (kind, qty, order, source) in store.events.iter().take(64) {
        let event = Event {
            kind: [EventKind::OrderPlaced, EventKind::OrderCanceled, EventKind::ShipmentCreated][*kind as usize % 3],
            // Quarters, so decimal quantities are exercised too.
            qty: Qty::from_ten_thousandths(2500 * (1 + *qty as i64 % 200)),
            order_id: format!("O{}", order % 6),
            source_code: Some(format!("s{}", source % 5)),
        };
        let before = doc.clone();
        match apply_event(&mut doc, &event) {
            Ok(()) => {
                if !orders.contains(&event.order_id) {
                    orders.push(event.order_id.clone());
                }
                if event.kind == EventKind::ShipmentCreated && doc.settings().manage_stock {
                    shipped = shipped + event.qty;
                    let flipped = doc.product.sources.iter().zip(&before.product.sources).any(|(a, b)| a.status != b.status);
                    if !flipped {
                        assert_eq!(salable(&doc), salable(&before), "a shipment leaves S unchanged");
                    }
                }
                if event.kind == EventKind::OrderCanceled {
                    assert_eq!(shelf(&doc), shelf(&before), "a cancellation touches no source");
                }
            }
            Err(_) => assert_eq!(doc, before, "a refused event changes nothing"),
        }
        assert_eq!(shelf(&doc) + shipped, shelf0, "nothing lost or created on the shelf");
        let open = orders.iter().fold(Qty::ZERO, |a, id| a + open_qty(&doc, id));
        let reserved = doc.product.reservations.iter().fold(Qty::ZERO, |a, r| a + r.quantity);
        assert_eq!(reserved, -open, "reservations are exactly the open orders");
        assert!(orders.iter().all(|id| open_qty(&doc, id) >= Qty::ZERO), "nothing cancelled or shipped beyond the order");
    }
});
