//! Checking a requested quantity, as Magento's add-to-cart does (SPEC §7).

use crate::i18n::{Locale, Message};
use crate::quantity::Qty;
use crate::salable_qty::StockFigures;
use crate::settings::{NotAvailableMessage, Settings};

/// Magento's error codes (`IsProductSalableForRequestedQtyInterface`). Never translated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestErrorCode {
    /// `requested-sku-is-not-assigned-to-given-stock`: the product has no source item.
    NotAssigned,
    /// `is_correct_qty-min_sale_qty`: fewer than the minimum (SPEC §7 a).
    MinSaleQty,
    /// `is_correct_qty-max_sale_qty`: more than the maximum (SPEC §7 a).
    MaxSaleQty,
    /// `is_correct_qty-qty_increment`: not a multiple of the increment (SPEC §7 a).
    QtyIncrement,
    /// `is_correct_qty-is_qty_decimal`: a fraction where decimals are not allowed (SPEC §7 a).
    QtyDecimal,
    /// `is_any_source_item_in_stock-no_source_items_in_stock`: no source in stock (SPEC §7 b).
    NoSourceItemsInStock,
    /// `back_order-disabled`: backorders are off or limited (SPEC §7 c).
    BackordersDisabled,
    /// `manage_stock-enabled`: stock is managed (SPEC §7 d).
    ManageStockEnabled,
    /// `is_salable_with_reservations-not_enough_qty`: `S` is below the request (SPEC §7 e).
    NotEnoughQty,
    /// The requested quantity is not a number above 0 (a shopper's typo in a quantity box).
    QtyInvalid,
    /// A shipment's source holds less than it ships (`SourceDeductionService`; events only).
    SourceDeductionNotEnough,
    /// A configurable product asked for with no child chosen (SPEC §13.3).
    #[cfg(feature = "composite")]
    ConfigurableOptionsRequired,
    /// A composite parent, or a named child, that cannot be bought (SPEC §13.6).
    #[cfg(feature = "composite")]
    ProductNotAvailable,
    /// A bundle asked for without every required option chosen (SPEC §13.4).
    #[cfg(feature = "composite")]
    BundleOptionRequired,
    /// A grouped product asked for with no quantity above 0 (SPEC §13.5).
    #[cfg(feature = "composite")]
    GroupedQtyRequired,
}

impl RequestErrorCode {
    /// A refusal that asks for a choice the shopper has not made yet (SPEC §13.3–13.5): like a
    /// required form field's message, a page shows it only once the shopper tries to buy.
    pub fn asks_for_a_choice(self) -> bool {
        #[cfg(feature = "composite")]
        return matches!(self, Self::ConfigurableOptionsRequired | Self::BundleOptionRequired | Self::GroupedQtyRequired);
        #[cfg(not(feature = "composite"))]
        false
    }
}

/// One reason a request is refused: a stable code and the shopper's text.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestError {
    /// Magento's code, never translated.
    pub code: RequestErrorCode,
    /// The shopper's text, in the document's locale.
    pub message: String,
}

/// The verdict on one requested quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestVerdict {
    /// The quantity checked.
    pub qty: Qty,
    /// Every failing check's error, in the order of SPEC §7; empty when the request is accepted.
    pub errors: Vec<RequestError>,
}

impl RequestVerdict {
    /// Accepted: no check failed.
    pub fn is_salable(&self) -> bool {
        self.errors.is_empty()
    }

    /// The text a shopper sees for a refused request: the last error's (SPEC §7).
    pub fn shopper_message(&self) -> Option<&str> {
        self.errors.last().map(|e| e.message.as_str())
    }
}

/// Runs the checks of SPEC §7 for `qty`.
pub fn check_request(qty: Qty, settings: &Settings, figures: &StockFigures, locale: Locale) -> RequestVerdict {
    let error = |code, message: Message<'_>| RequestError { code, message: locale.text(&message) };
    let mut errors = Vec::new();

    if !figures.assigned {
        errors.push(error(RequestErrorCode::NotAssigned, Message::NotAssigned));
        return RequestVerdict { qty, errors };
    }

    // a. Quantity rules: the first failure only, in Magento's order.
    let s = settings;
    if s.min_sale_qty > Qty::ZERO && qty < s.min_sale_qty {
        errors.push(error(RequestErrorCode::MinSaleQty, Message::MinSaleQty { min: s.min_sale_qty }));
    } else if s.max_sale_qty > Qty::ZERO && qty > s.max_sale_qty {
        errors.push(error(RequestErrorCode::MaxSaleQty, Message::MaxSaleQty));
    } else if s.enable_qty_increments && s.qty_increments > Qty::ZERO && !qty.is_multiple_of(s.qty_increments) {
        errors.push(error(RequestErrorCode::QtyIncrement, Message::QtyIncrements { step: s.qty_increments }));
    } else if !s.qty_uses_decimals && !qty.is_whole() {
        errors.push(error(RequestErrorCode::QtyDecimal, Message::QtyDecimal));
    }

    // b. Some source must be in stock when stock is managed.
    if s.manage_stock && !figures.any_source_in_stock {
        errors.push(error(RequestErrorCode::NoSourceItemsInStock, Message::NoSourceInStock));
    }
    if !errors.is_empty() {
        return RequestVerdict { qty, errors };
    }

    // c–e. Any one of these makes the request salable; if none holds, all three errors stand.
    let salable = figures.salable();
    if s.unlimited_backorders() || !s.manage_stock || salable >= qty {
        return RequestVerdict { qty, errors };
    }
    errors.push(error(RequestErrorCode::BackordersDisabled, Message::BackordersDisabled));
    errors.push(error(RequestErrorCode::ManageStockEnabled, Message::ManageStockEnabled));
    let not_enough = match s.not_available_message {
        NotAvailableMessage::NotEnoughItems => Message::NotEnoughQty,
        NotAvailableMessage::OnlyXOfYAvailable => Message::OnlyXOfY { salable, requested: qty },
    };
    errors.push(error(RequestErrorCode::NotEnoughQty, not_enough));
    RequestVerdict { qty, errors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salable_qty::tests::doc;

    fn verdict(config: &str, sources: &str, reservations: &str, qty: f64) -> RequestVerdict {
        let d = doc(config, sources, reservations);
        let s = d.settings();
        check_request(Qty::from_f64(qty).unwrap(), &s, &StockFigures::of(&d.product, &s), Locale::En)
    }

    fn codes(v: &RequestVerdict) -> Vec<RequestErrorCode> {
        v.errors.iter().map(|e| e.code).collect()
    }

    const IN10: &str = r#"{"source_code":"a","quantity":10,"status":"in_stock"}"#;

    #[test]
    fn not_assigned_is_the_only_error_spec_7() {
        let v = verdict(r#""min_sale_qty":5"#, "", "", 1.0);
        assert_eq!(codes(&v), [RequestErrorCode::NotAssigned]);
        assert_eq!(v.shopper_message(), Some("The requested sku is not assigned to given stock."));
    }

    #[test]
    fn quantity_rules_report_the_first_failure_only_spec_7a() {
        let v = verdict(r#""min_sale_qty":2,"max_sale_qty":1"#, IN10, "", 1.5);
        assert_eq!(codes(&v), [RequestErrorCode::MinSaleQty]);
        assert_eq!(v.shopper_message(), Some("The fewest you may purchase is 2."));
        let v = verdict(r#""max_sale_qty":6"#, IN10, "", 7.0);
        assert_eq!(codes(&v), [RequestErrorCode::MaxSaleQty]);
        let v = verdict(r#""enable_qty_increments":true,"qty_increments":3"#, IN10, "", 4.0);
        assert_eq!(codes(&v), [RequestErrorCode::QtyIncrement]);
        assert_eq!(v.shopper_message(), Some("You can buy this product only in quantities of 3 at a time."));
        let v = verdict(r#""enable_qty_increments":false,"qty_increments":3"#, IN10, "", 4.0);
        assert!(v.is_salable(), "increments off: any whole quantity");
        let v = verdict("", IN10, "", 2.5);
        assert_eq!(codes(&v), [RequestErrorCode::QtyDecimal]);
        let v = verdict(r#""min_sale_qty":0,"max_sale_qty":0"#, IN10, "", 10.0);
        assert!(v.is_salable(), "0 means no limit");
    }

    #[test]
    fn a_quantity_error_and_no_source_in_stock_both_stand_spec_7b() {
        let v = verdict(r#""min_sale_qty":0"#, r#"{"source_code":"a","quantity":10,"status":"out_of_stock"}"#, "", 0.5);
        assert_eq!(codes(&v), [RequestErrorCode::QtyDecimal, RequestErrorCode::NoSourceItemsInStock]);
        let v = verdict(r#""manage_stock":false"#, r#"{"source_code":"a","quantity":0,"status":"out_of_stock"}"#, "", 1.0);
        assert!(v.is_salable(), "b only applies when stock is managed");
    }

    #[test]
    fn not_enough_gives_all_three_errors_spec_7e() {
        let v = verdict("", IN10, r#"{"quantity":-8}"#, 3.0);
        assert_eq!(codes(&v), [RequestErrorCode::BackordersDisabled, RequestErrorCode::ManageStockEnabled, RequestErrorCode::NotEnoughQty]);
        assert_eq!(v.shopper_message(), Some("Not enough items for sale"));
        let v = verdict(r#""not_available_message":"only_x_of_y_available""#, IN10, r#"{"quantity":-8}"#, 3.0);
        assert_eq!(v.shopper_message(), Some("Only 2 of 3 available"));
        let v = verdict("", IN10, r#"{"quantity":-8}"#, 2.0);
        assert!(v.is_salable(), "S ≥ q is enough");
    }

    #[test]
    fn backorders_with_negative_threshold_are_capped_spec_7c() {
        let cfg = r#""backorders":"allow","out_of_stock_threshold":-3"#;
        assert!(verdict(cfg, IN10, "", 13.0).is_salable());
        let v = verdict(cfg, IN10, "", 14.0);
        assert_eq!(codes(&v)[0], RequestErrorCode::BackordersDisabled);
        assert!(verdict(r#""backorders":"allow""#, IN10, "", 9999.0).is_salable(), "T = 0: unlimited");
    }

    #[test]
    fn increments_allow_decimal_steps() {
        let cfg = r#""enable_qty_increments":true,"qty_increments":0.5"#;
        let d = doc(cfg, IN10, "");
        let mut s = d.settings();
        s.qty_uses_decimals = true;
        let f = StockFigures::of(&d.product, &s);
        assert!(check_request(Qty::from_f64(1.5).unwrap(), &s, &f, Locale::En).is_salable());
        assert!(!check_request(Qty::from_f64(1.25).unwrap(), &s, &f, Locale::En).is_salable());
    }
}
