//! Orders, cancellations and shipments moving the salable quantity (SPEC §8).
//!
//! An event never edits a document in place here: [`plan_event`] returns the [`LedgerEffect`] it
//! would have, and callers apply it to whatever holds the document (the typed document below, or
//! the caller's own JS object, so that feed fields we do not model survive).

use crate::document::{InputDocument, Reservation, SourceStatus};
use crate::error::{quoted, InputError};
use crate::i18n::{Locale, Message};
use crate::quantity::Qty;
use crate::request_check::{check_request, RequestErrorCode};
use crate::salable_qty::StockFigures;
use std::fmt;

/// The three events that write a reservation (SPEC §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// `order_placed`: reservation −q, if SPEC §7 accepts q.
    OrderPlaced,
    /// `order_canceled`: reservation +q, at most what the order still has open; sources untouched.
    OrderCanceled,
    /// `shipment_created`: q leaves a source and reservation +q, so `S` does not change.
    ShipmentCreated,
}

impl EventKind {
    /// The event's name, as a reservation records it (SPEC §8, §10) and as an event gives its type.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            EventKind::OrderPlaced => "order_placed",
            EventKind::OrderCanceled => "order_canceled",
            EventKind::ShipmentCreated => "shipment_created",
        }
    }
}

/// Something that happened to an order.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// The quantity concerned, above 0 (SPEC §12).
    pub qty: Qty,
    /// The order it happened to.
    pub order_id: String,
    /// Shipments only: the source the goods leave from.
    pub source_code: Option<String>,
}

/// What an accepted event changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LedgerEffect {
    /// Appended to `product.reservations`.
    pub reservation: Option<Reservation>,
    /// A source item's new quantity and, when it changes, status.
    pub source: Option<SourceChange>,
}

/// A shipment's change to one source item (SPEC §8).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceChange {
    /// Index into `product.sources`.
    pub index: usize,
    /// The source item's new quantity.
    pub quantity: Qty,
    /// The new status, when the shipment leaves the source at `T` with backorders off; else `None`.
    pub status: Option<SourceStatus>,
}

/// Why an event was refused. Nothing changes when one is.
#[derive(Clone, Debug, PartialEq)]
pub enum EventError {
    /// The event makes no sense for this document (unknown order or source, too much cancelled…).
    Invalid(InputError),
    /// The store refuses it, as it would refuse the shopper: `message` is the shopper's text.
    Refused {
        /// Magento's code: for an order, the last SPEC §7 error's; for a shipment, the source's shortfall.
        code: RequestErrorCode,
        /// The shopper-facing reason, in the document's locale.
        message: String,
    },
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventError::Invalid(e) => e.fmt(f),
            EventError::Refused { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for EventError {}

impl From<InputError> for EventError {
    fn from(e: InputError) -> Self {
        EventError::Invalid(e)
    }
}

/// The quantity still open on `order_id`: placed − shipped − cancelled, i.e. minus the sum of its
/// reservations.
pub fn open_qty(doc: &InputDocument, order_id: &str) -> Qty {
    let total = Qty::checked_sum(doc.product.reservations.iter().filter(|r| r.order_id.as_deref() == Some(order_id)).map(|r| r.quantity));
    -total.unwrap_or_default()
}

/// Decides what `event` does to `doc` (SPEC §8), without changing it.
pub fn plan_event(doc: &InputDocument, event: &Event) -> Result<LedgerEffect, EventError> {
    let settings = doc.settings();
    let locale = Locale::from_tag(doc.locale.as_deref());
    let figures = StockFigures::of(&doc.product, &settings);
    let q = event.qty;
    let order = event.order_id.as_str();
    let placed_before = doc.product.reservations.iter().any(|r| r.order_id.as_deref() == Some(order));

    if event.kind == EventKind::OrderPlaced {
        if placed_before {
            return Err(InputError::new("event.order_id", format!("order {} was already placed", quoted(order))).into());
        }
        let verdict = check_request(q, &settings, &figures, locale);
        if let (Some(last), Some(message)) = (verdict.errors.last(), verdict.shopper_message()) {
            return Err(EventError::Refused { code: last.code, message: message.to_string() });
        }
    }
    if !settings.manage_stock {
        // Magento writes no reservation and deducts no source for unmanaged stock.
        return Ok(LedgerEffect::default());
    }

    let reservation =
        |sign: Qty| Reservation { quantity: sign, event: Some(event.kind.name().to_string()), order_id: Some(event.order_id.clone()) };
    let open = open_qty(doc, order);
    let check_open = || -> Result<(), EventError> {
        if !placed_before {
            return Err(InputError::new("event.order_id", format!("no order {} was placed", quoted(order))).into());
        }
        if q > open {
            return Err(InputError::new("event.qty", format!("{q} is more than the {open} still open on order {}", quoted(order))).into());
        }
        Ok(())
    };

    let effect = match event.kind {
        EventKind::OrderPlaced => LedgerEffect { reservation: Some(reservation(-q)), source: None },
        EventKind::OrderCanceled => {
            check_open()?;
            LedgerEffect { reservation: Some(reservation(q)), source: None }
        }
        EventKind::ShipmentCreated => {
            let code = event.source_code.as_deref().unwrap_or_default();
            let index = doc
                .product
                .sources
                .iter()
                .position(|s| s.source_code == code)
                .ok_or_else(|| InputError::new("event.source_code", format!("unknown source {}", quoted(code))))?;
            check_open()?;
            let source = &doc.product.sources[index];
            // Magento's source selection never picks these; shipping from one would raise S,
            // since its stock is not counted but the reservation would still be released.
            if !source.counts() {
                let why = if source.source_enabled { "is out of stock" } else { "is disabled" };
                return Err(InputError::new("event.source_code", format!("source {} {why}: it cannot ship", quoted(code))).into());
            }
            if source.quantity < q {
                return Err(EventError::Refused {
                    code: RequestErrorCode::SourceDeductionNotEnough,
                    message: locale.text(&Message::ShipmentNotEnough),
                });
            }
            let quantity = source.quantity - q;
            let runs_out = !settings.backorders.enabled() && quantity == settings.effective_threshold();
            let status = (runs_out && source.status != SourceStatus::OutOfStock).then_some(SourceStatus::OutOfStock);
            LedgerEffect { reservation: Some(reservation(q)), source: Some(SourceChange { index, quantity, status }) }
        }
    };

    if let Some(r) = &effect.reservation {
        let all = doc.product.reservations.iter().map(|r| r.quantity).chain([r.quantity]);
        if Qty::checked_sum(all).is_none() {
            return Err(InputError::new("event.qty", "the reservations would add up to more than the largest total accepted").into());
        }
    }
    Ok(effect)
}

impl LedgerEffect {
    /// Applies the effect to a typed document.
    pub fn apply_to(&self, doc: &mut InputDocument) {
        if let Some(r) = &self.reservation {
            doc.product.reservations.push(r.clone());
        }
        if let Some(change) = &self.source {
            let source = &mut doc.product.sources[change.index];
            source.quantity = change.quantity;
            if let Some(status) = change.status {
                source.status = status;
            }
        }
    }
}

/// Plans and applies one event; on refusal `doc` is left as it was.
pub fn apply_event(doc: &mut InputDocument, event: &Event) -> Result<(), EventError> {
    plan_event(doc, event)?.apply_to(doc);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::evaluate;
    use crate::salable_qty::tests::doc;
    use crate::storefront_message::SchemaOrgAvailability;

    fn event(kind: EventKind, qty: f64, order: &str, source: Option<&str>) -> Event {
        Event { kind, qty: Qty::from_f64(qty).unwrap(), order_id: order.into(), source_code: source.map(Into::into) }
    }
    fn place(q: f64, order: &str) -> Event {
        event(EventKind::OrderPlaced, q, order, None)
    }
    fn cancel(q: f64, order: &str) -> Event {
        event(EventKind::OrderCanceled, q, order, None)
    }
    fn ship(q: f64, order: &str, source: &str) -> Event {
        event(EventKind::ShipmentCreated, q, order, Some(source))
    }
    fn salable(d: &InputDocument) -> String {
        evaluate(d).salable_qty.unwrap_or_default().to_string()
    }

    const SEED: &str = r#""backorders":"allow","out_of_stock_threshold":-50,"only_x_left_threshold":5"#;
    const DEFAULT25: &str = r#"{"source_code":"default","quantity":25,"status":"in_stock"}"#;

    #[test]
    fn seed_scenario_spec_8() {
        let mut d = doc(SEED, DEFAULT25, "");
        assert_eq!(salable(&d), "75");
        apply_event(&mut d, &place(25.0, "1")).unwrap();
        assert_eq!(salable(&d), "50");
        assert_eq!(evaluate(&d).schema_org_availability, SchemaOrgAvailability::BackOrder, "further orders are backorders");
        apply_event(&mut d, &place(45.0, "2")).unwrap();
        assert_eq!(evaluate(&d).message.text.as_deref(), Some("Only 5 left"));
        apply_event(&mut d, &place(5.0, "3")).unwrap();
        assert_eq!(evaluate(&d).message.text.as_deref(), Some("Out of stock"));
        let refused = apply_event(&mut d, &place(1.0, "4")).unwrap_err();
        assert_eq!(refused.to_string(), "Not enough items for sale");
        apply_event(&mut d, &cancel(5.0, "3")).unwrap();
        assert_eq!(salable(&d), "5");
        assert_eq!(d.product.sources[0].quantity, Qty::from_int(25), "a cancellation touches no source");
    }

    #[test]
    fn cancel_at_most_what_is_open_spec_8() {
        let mut d = doc("", DEFAULT25, "");
        apply_event(&mut d, &place(3.0, "A")).unwrap();
        let err = apply_event(&mut d, &cancel(4.0, "A")).unwrap_err();
        assert_eq!(err.to_string(), "event.qty: 4 is more than the 3 still open on order \"A\"");
        apply_event(&mut d, &ship(1.0, "A", "default")).unwrap();
        assert_eq!(open_qty(&d, "A"), Qty::from_int(2));
        assert!(apply_event(&mut d, &cancel(2.5, "A")).is_err());
        apply_event(&mut d, &cancel(2.0, "A")).unwrap();
        assert_eq!(open_qty(&d, "A"), Qty::ZERO);
        let err = apply_event(&mut d, &cancel(1.0, "B")).unwrap_err();
        assert_eq!(err.to_string(), "event.order_id: no order \"B\" was placed");
    }

    #[test]
    fn shipment_moves_stock_not_salable_qty_spec_8() {
        let mut d = doc("", DEFAULT25, "");
        apply_event(&mut d, &place(10.0, "A")).unwrap();
        let before = salable(&d);
        apply_event(&mut d, &ship(4.0, "A", "default")).unwrap();
        assert_eq!(salable(&d), before);
        assert_eq!(d.product.sources[0].quantity, Qty::from_int(21));
        let err = apply_event(&mut d, &ship(1.0, "A", "nowhere")).unwrap_err();
        assert_eq!(err.to_string(), "event.source_code: unknown source \"nowhere\"");
        let mut d =
            doc("", r#"{"source_code":"a","quantity":5,"status":"in_stock"},{"source_code":"b","quantity":5,"status":"out_of_stock"}"#, "");
        apply_event(&mut d, &place(2.0, "A")).unwrap();
        let err = apply_event(&mut d, &ship(1.0, "A", "b")).unwrap_err();
        assert_eq!(err.to_string(), "event.source_code: source \"b\" is out of stock: it cannot ship");
    }

    #[test]
    fn shipment_refused_when_the_source_holds_less_spec_8() {
        let mut d = doc(r#""backorders":"allow""#, r#"{"source_code":"default","quantity":2,"status":"in_stock"}"#, "");
        apply_event(&mut d, &place(5.0, "A")).unwrap();
        let before = d.clone();
        let err = apply_event(&mut d, &ship(3.0, "A", "default")).unwrap_err();
        assert_eq!(
            err,
            EventError::Refused {
                code: RequestErrorCode::SourceDeductionNotEnough,
                message: "Not all of your products are available in the requested quantity.".into()
            }
        );
        assert_eq!(d.product.reservations, before.product.reservations);
    }

    #[test]
    fn source_runs_out_at_the_threshold_without_backorders_spec_8() {
        let mut d = doc("", r#"{"source_code":"default","quantity":3,"status":"in_stock"}"#, "");
        apply_event(&mut d, &place(3.0, "A")).unwrap();
        apply_event(&mut d, &ship(3.0, "A", "default")).unwrap();
        assert_eq!(d.product.sources[0].status, SourceStatus::OutOfStock);
        let mut d = doc(r#""backorders":"allow""#, r#"{"source_code":"default","quantity":3,"status":"in_stock"}"#, "");
        apply_event(&mut d, &place(3.0, "A")).unwrap();
        apply_event(&mut d, &ship(3.0, "A", "default")).unwrap();
        assert_eq!(d.product.sources[0].status, SourceStatus::InStock);
    }

    #[test]
    fn unmanaged_stock_writes_nothing_spec_8() {
        let mut d = doc(r#""manage_stock":false"#, DEFAULT25, "");
        apply_event(&mut d, &place(100.0, "A")).unwrap();
        assert!(d.product.reservations.is_empty());
    }

    #[test]
    fn events_are_read_and_checked_spec_12() {
        let e = Event::from_json(r#"{"type":"shipment_created","qty":2.5,"order_id":"7","source_code":"s","note":"x"}"#).unwrap();
        assert_eq!(e, ship(2.5, "7", "s"));
        for (json, message) in [
            (r#"{"type":"order_placed","qty":0,"order_id":"1"}"#, "event.qty: must be greater than 0, found 0"),
            (r#"{"type":"order_placed","qty":-1,"order_id":"1"}"#, "event.qty: must be greater than 0, found -1"),
            (
                r#"{"type":"refund","qty":1,"order_id":"1"}"#,
                r#"event.type: expected one of "order_placed", "order_canceled", "shipment_created", found the string "refund""#,
            ),
            (r#"{"type":"order_placed","order_id":"1"}"#, "event.qty: is required"),
            (r#"{"type":"order_placed","qty":1}"#, "event.order_id: is required"),
            (r#"{"type":"shipment_created","qty":1,"order_id":"1"}"#, "event.source_code: is required for a shipment"),
            (r#"[]"#, "event: expected an object, found an array"),
        ] {
            assert_eq!(Event::from_json(json).unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn orders_are_checked_like_requests_spec_8() {
        let mut d = doc(r#""max_sale_qty":5"#, DEFAULT25, "");
        let err = apply_event(&mut d, &place(6.0, "A")).unwrap_err();
        assert_eq!(
            err,
            EventError::Refused {
                code: RequestErrorCode::MaxSaleQty,
                message: "The requested qty exceeds the maximum qty allowed in shopping cart".into()
            }
        );
        assert!(d.product.reservations.is_empty());
        apply_event(&mut d, &place(5.0, "A")).unwrap();
        let err = apply_event(&mut d, &place(1.0, "A")).unwrap_err();
        assert_eq!(err.to_string(), "event.order_id: order \"A\" was already placed");
    }
}
