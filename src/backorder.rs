//! How much of a request is backordered, and the notice a shopper sees (SPEC §6).

use crate::i18n::{Locale, Message};
use crate::quantity::Qty;
use crate::salable_qty::StockFigures;
use crate::settings::{Backorders, Settings};

/// The notice shown with `allow_notify`. Its code is Magento's and never translated.
#[derive(Clone, Debug, PartialEq)]
pub struct BackorderNotice {
    /// Magento's code, `back_order-not-enough`.
    pub code: &'static str,
    /// The notice's text, in the document's locale.
    pub message: String,
}

/// The part of an accepted request `q` that stock on hand, net of open orders, cannot cover:
/// `clamp(q − (Q + R), 0, q)`, when stock is managed and backorders are on.
pub fn backorder_qty(q: Qty, settings: &Settings, figures: &StockFigures) -> Qty {
    if !settings.manage_stock || !settings.backorders.enabled() {
        return Qty::ZERO;
    }
    (q - figures.available()).clamp(Qty::ZERO, q)
}

/// Only "Allow Qty Below 0 and Notify Customer" tells the shopper, and only when something is
/// actually backordered.
pub fn notice(backordered: Qty, settings: &Settings, name: Option<&str>, locale: Locale) -> Option<BackorderNotice> {
    if settings.backorders != Backorders::AllowNotify || backordered <= Qty::ZERO {
        return None;
    }
    let name = name.filter(|n| !n.is_empty());
    Some(BackorderNotice { code: "back_order-not-enough", message: locale.text(&Message::BackorderNotice { name, qty: backordered }) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salable_qty::tests::doc;

    fn run(config: &str, qty: f64, reservations: &str) -> (Qty, Option<BackorderNotice>) {
        let d = doc(config, r#"{"source_code":"a","quantity":5.5,"status":"in_stock"}"#, reservations);
        let s = d.settings();
        let f = StockFigures::of(&d.product, &s);
        let b = backorder_qty(Qty::from_f64(qty).unwrap(), &s, &f);
        (b, notice(b, &s, d.product.name.as_deref(), Locale::En))
    }

    #[test]
    fn backorder_qty_is_the_uncovered_part_spec_6() {
        assert_eq!(run(r#""backorders":"allow_notify""#, 10.0, "").0.to_string(), "4.5");
        assert_eq!(run(r#""backorders":"allow_notify""#, 1.0, "").0, Qty::ZERO);
        // Open orders already took the stock: the whole request is backordered, never more.
        assert_eq!(run(r#""backorders":"allow""#, 2.0, r#"{"quantity":-20}"#).0, Qty::from_int(2));
        assert_eq!(run(r#""backorders":"no""#, 10.0, "").0, Qty::ZERO);
        assert_eq!(run(r#""backorders":"allow","manage_stock":false"#, 10.0, "").0, Qty::ZERO);
    }

    #[test]
    fn only_allow_notify_shows_the_notice_spec_6() {
        let (_, n) = run(r#""backorders":"allow_notify""#, 10.0, "");
        let n = n.expect("notice");
        assert_eq!(n.code, "back_order-not-enough");
        assert_eq!(n.message, "We don't have as many \"Bag\" as you requested, but we'll back order the remaining 4.5.");
        assert_eq!(run(r#""backorders":"allow""#, 10.0, "").1, None);
        assert_eq!(run(r#""backorders":"allow_notify""#, 5.0, "").1, None);
    }
}
