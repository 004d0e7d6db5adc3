//! The optional clamp: a published document reveals at most
//! `cap = max(only_x_left_threshold, max_sale_qty) + 1` of stock, so a competitor reading it
//! learns "plenty" and no more, while every shopper-facing answer stays as it was for any request
//! up to `max_sale_qty`.
//!
//! The rule: let `Q + R` be stock on hand net of open orders and `S = Q + R − T` the salable
//! quantity. When both exceed `cap`, lower `Q + R` by `d = min(S, Q + R) − cap`: the document
//! then shows one counting source holding `Q + R − d`, the other counting sources 0 and no
//! reservation. Sources that do not count (disabled or out of stock) always show 0. Then
//! `S' ≥ cap > max(only_x_left_threshold, max_sale_qty)` and `Q' + R' ≥ cap`, so for every
//! `q ≤ max_sale_qty`: still salable, no "Only X left", `S' ≥ q` (no quantity error), no
//! backordered part, same schema.org value. With `max_sale_qty` 0 (no maximum) no cap can keep
//! every answer, so only the non-counting sources are zeroed.
//!
//! In-store pickup (SPEC §17) judges each pickup store on its own shelf, so a pickup source's
//! quantity is not moved: it shows `min(its quantity, cap)`, which holds a request `q ≤
//! max_sale_qty < cap` exactly when its quantity does. The rest of `Q + R − d` goes to the first
//! counting source that is not a pickup store (or, failing one, to a pickup store already at the
//! cap, which is available for every such `q` either way); the total shown is at least `Q + R − d`,
//! so the stock-wide answers above still hold. Each store then reveals at most `cap` too. When
//! every counting source is a store below the cap, nothing is moved.

use crate::core_api::{self, InputDocument, Qty};

/// Applies the clamp in place; true when quantities were capped.
pub fn clamp(doc: &mut InputDocument) -> bool {
    let (f, settings) = core_api::figures(doc);
    for s in doc.product.sources.iter_mut().filter(|s| !s.counts()) {
        s.quantity = Qty::ZERO;
    }
    if settings.max_sale_qty <= Qty::ZERO {
        return false;
    }
    let cap = settings.only_x_left_threshold.max(settings.max_sale_qty) + Qty::from_ten_thousandths(10_000);
    let net = f.available();
    let d = f.salable().min(net) - cap;
    if d <= Qty::ZERO {
        return false;
    }
    let target = net - d;
    // Each counting pickup store keeps its own shelf, up to the cap.
    let mut shown = Qty::ZERO;
    for s in doc.product.sources.iter_mut().filter(|s| s.counts() && s.pickup.is_some()) {
        s.quantity = s.quantity.min(cap);
        shown = shown + s.quantity;
    }
    let rest = (target - shown).max(Qty::ZERO);
    // Who holds the rest: the first counting source that is no store, else a store at the cap.
    let holder = doc
        .product
        .sources
        .iter()
        .position(|s| s.counts() && s.pickup.is_none())
        .or_else(|| doc.product.sources.iter().position(|s| s.counts() && s.quantity >= cap));
    let Some(holder) = holder else {
        // Only pickup stores, each below the cap and so left as it was: the document is unchanged
        // (its reservations too), and shows no more than `cap` a store.
        return false;
    };
    for (i, s) in doc.product.sources.iter_mut().enumerate().filter(|(_, s)| s.counts() && s.pickup.is_none()) {
        s.quantity = if i == holder { rest } else { Qty::ZERO };
    }
    if doc.product.sources[holder].pickup.is_some() {
        doc.product.sources[holder].quantity = doc.product.sources[holder].quantity + rest;
    }
    doc.product.reservations.clear();
    true
}

/// [`clamp`] on a simple product, or on each child of a configurable under the parent's
/// `config` (how the core evaluates children, SPEC §13.2); true when anything was capped.
pub fn clamp_document(doc: &mut InputDocument) -> bool {
    if doc.product.children.is_empty() {
        return clamp(doc);
    }
    let mut capped = false;
    for child in &mut doc.product.children {
        let mut d = core_api::blank_document();
        d.config = doc.config.clone();
        d.product = std::mem::replace(child, d.product.clone());
        capped |= clamp(&mut d);
        *child = d.product;
    }
    capped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core_api::{Backorders, NotAvailableMessage, Reservation, SourceItem, SourceStatus, StockOptions};
    use salable::PickupLocation;
    use serde_json::Value;

    fn q(units: f64) -> Qty {
        core_api::qty(units).unwrap()
    }

    #[allow(clippy::too_many_arguments)]
    fn doc(
        sources: &[(f64, bool, bool, bool)],
        reserved: f64,
        backorders: Backorders,
        min_qty: f64,
        oxl: f64,
        max_sale: f64,
        min_sale: f64,
        inc: Option<f64>,
        only_x_of_y: bool,
    ) -> InputDocument {
        let mut d = core_api::blank_document();
        d.config = StockOptions {
            backorders: Some(backorders),
            out_of_stock_threshold: Some(q(min_qty)),
            only_x_left_threshold: Some(q(oxl)),
            max_sale_qty: Some(q(max_sale)),
            min_sale_qty: Some(q(min_sale)),
            enable_qty_increments: Some(inc.is_some()),
            qty_increments: inc.map(q),
            not_available_message: Some(if only_x_of_y {
                NotAvailableMessage::OnlyXOfYAvailable
            } else {
                NotAvailableMessage::NotEnoughItems
            }),
            // In-store pickup on (SPEC §17): each store's verdict is part of what a shopper sees.
            pickup_enabled: Some(true),
            ..StockOptions::default()
        };
        d.product.sku = "CLAMP-1".into();
        d.product.name = Some("Clamp".into());
        d.product.qty_uses_decimals = Some(true);
        d.product.sources = sources
            .iter()
            .enumerate()
            .map(|(i, &(qty, in_stock, enabled, store))| SourceItem {
                source_code: format!("s{i}"),
                quantity: q(qty),
                status: if in_stock { SourceStatus::InStock } else { SourceStatus::OutOfStock },
                source_enabled: enabled,
                notify_for_quantity_below: None,
                pickup: store.then(|| PickupLocation { name: format!("Store {i}"), ..Default::default() }),
            })
            .collect();
        d.product.reservations =
            if reserved == 0.0 { vec![] } else { vec![Reservation { quantity: q(reserved), event: None, order_id: None }] };
        d.locale = Some("en".into());
        d
    }

    /// What a shopper sees: everything in the output but the salable quantity and the
    /// merchant's low-stock list; the pickup block (SPEC §17) included.
    fn shopper_view(out: &Value) -> Value {
        let mut v = out.clone();
        let m = v.as_object_mut().unwrap();
        m.remove("salable_qty");
        m.remove("low_stock_sources");
        v
    }

    #[test]
    fn every_shopper_facing_answer_is_unchanged_up_to_max_sale_qty() {
        // (quantity, in stock, enabled, pickup store): warehouses, stores, both, stores only.
        let source_sets: [&[(f64, bool, bool, bool)]; 10] = [
            &[(100.0, true, true, false)],
            &[(30.0, true, true, false), (10.0, true, false, false), (12.0, true, true, false)],
            &[(0.0, false, true, false), (8.0, false, true, false), (7.0, true, true, false)],
            &[(5.0, true, true, false)],
            &[(12.75, true, true, false), (8.5, true, true, false), (4.0, true, false, false)],
            &[(2000.0, true, true, false), (1.0, false, true, false)],
            &[(500.0, true, true, false), (9.5, true, true, true), (3.0, true, true, true), (40.0, false, true, true)],
            &[(200.0, true, true, true), (6.0, true, true, true), (12.5, true, true, true)],
            &[(7.0, true, true, true), (8.0, true, true, true), (60.0, true, false, true)],
            &[(30.0, true, true, true), (15.0, true, true, false), (2.0, true, true, true)],
        ];
        let mut checked = 0;
        let mut capped = 0;
        for sources in source_sets {
            for reserved in [0.0, -3.0, -8.33, -97.0, 2.0] {
                for (backorders, min_qty) in [
                    (Backorders::No, 0.0),
                    (Backorders::No, 2.0),
                    (Backorders::Allow, -20.0),
                    (Backorders::AllowNotify, -20.0),
                    (Backorders::AllowNotify, 0.0),
                ] {
                    for (oxl, max_sale) in [(5.0, 10.0), (0.0, 3.0), (20.0, 12.5), (5.0, 100.0)] {
                        for (min_sale, inc, only_x_of_y) in [(1.0, None, false), (0.5, Some(0.25), true)] {
                            let original = doc(sources, reserved, backorders, min_qty, oxl, max_sale, min_sale, inc, only_x_of_y);
                            let mut clamped = original.clone();
                            if clamp(&mut clamped) {
                                capped += 1;
                            }
                            let mut qtys: Vec<Option<Qty>> = vec![None];
                            let mut k = 1;
                            while (k as f64) * 0.25 <= max_sale + 0.25 {
                                qtys.push(Some(Qty::from_ten_thousandths(k * 2500)));
                                k += 1;
                            }
                            for rq in qtys {
                                let a = shopper_view(&core_api::evaluate(&original, rq));
                                let b = shopper_view(&core_api::evaluate(&clamped, rq));
                                assert_eq!(a, b, "request {rq:?} on {}", core_api::document_json(&original));
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(capped > 100, "the grid must exercise the cap ({capped})");
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn plenty_looks_the_same_however_much_there_is() {
        let a = doc(&[(500.0, true, true, false), (3.0, true, false, false)], -3.0, Backorders::No, 0.0, 5.0, 10.0, 1.0, None, false);
        let b = doc(&[(5000.0, true, true, false), (300.0, true, false, false)], -40.0, Backorders::No, 0.0, 5.0, 10.0, 1.0, None, false);
        let (mut ca, mut cb) = (a.clone(), b.clone());
        assert!(clamp(&mut ca) && clamp(&mut cb));
        assert_eq!(core_api::document_json(&ca), core_api::document_json(&cb));
        let (shown, _) = core_api::figures(&ca);
        assert_eq!(shown.on_hand, q(11.0), "cap = max(5, 10) + 1");
        assert_eq!(shown.reserved, Qty::ZERO);
    }

    #[test]
    fn low_stock_is_left_exact() {
        let a = doc(&[(4.0, true, true, false), (9.0, true, false, false)], -1.0, Backorders::No, 0.0, 5.0, 10.0, 1.0, None, false);
        let mut c = a.clone();
        assert!(!clamp(&mut c));
        assert_eq!(c.product.sources[0].quantity, q(4.0));
        assert_eq!(c.product.sources[1].quantity, Qty::ZERO, "a disabled source's stock is not shown");
        assert_eq!(core_api::evaluate(&c, None)["message"]["text"], "Only 3 left");
    }

    #[test]
    fn each_pickup_store_shows_its_own_shelf_up_to_the_cap_spec_17() {
        let a = doc(
            &[(900.0, true, true, false), (40.0, true, true, true), (4.0, true, true, true)],
            -3.0,
            Backorders::No,
            0.0,
            5.0,
            10.0,
            1.0,
            None,
            false,
        );
        let mut c = a.clone();
        assert!(clamp(&mut c));
        let shown: Vec<Qty> = c.product.sources.iter().map(|s| s.quantity).collect();
        // cap 11: the warehouse holds what is left of Q + R − d, the stores their own shelves.
        assert_eq!(shown[1..], [q(11.0), q(4.0)]);
        let (figures, _) = core_api::figures(&c);
        assert!(figures.on_hand >= q(11.0));
    }
}
