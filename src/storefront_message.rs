//! The line a shopper reads on the product page (SPEC §5) and its schema.org twin (SPEC §11).

use crate::i18n::{Locale, Message};
use crate::quantity::Qty;
use crate::salable_qty::StockFigures;
use crate::settings::Settings;

/// `https://schema.org/ItemAvailability` values (SPEC §11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaOrgAvailability {
    /// `https://schema.org/InStock`: salable from stock.
    InStock,
    /// `https://schema.org/OutOfStock`: not salable.
    OutOfStock,
    /// `https://schema.org/BackOrder`: salable, stock managed, backorders on and `Q + R ≤ 0`.
    BackOrder,
}

/// Which of the storefront's messages applies (SPEC §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// "In stock".
    InStock,
    /// "Only {S} left": salable, stock managed and `0 < S ≤ only_x_left_threshold`.
    OnlyXLeft,
    /// "Out of stock": not salable.
    OutOfStock,
    /// No text: `display_stock_status` is off.
    Hidden,
}

/// What the element shows. `text` is `None` only when the kind is `hidden`.
#[derive(Clone, Debug, PartialEq)]
pub struct StorefrontMessage {
    /// Which message applies; never translated.
    pub kind: MessageKind,
    /// The message in the document's locale.
    pub text: Option<String>,
    /// The number in "Only X left" (which is `S`, not the physical quantity), else `None`.
    pub only_x_left: Option<Qty>,
}

/// The message for a product, given whether it is salable (SPEC §5).
pub fn storefront_message(settings: &Settings, figures: &StockFigures, salable: bool, locale: Locale) -> StorefrontMessage {
    let shown = |kind, message: Message<'_>, only_x_left| StorefrontMessage { kind, text: Some(locale.text(&message)), only_x_left };
    if !settings.display_stock_status {
        return StorefrontMessage { kind: MessageKind::Hidden, text: None, only_x_left: None };
    }
    if !salable {
        return shown(MessageKind::OutOfStock, Message::OutOfStock, None);
    }
    let s = figures.salable();
    // As Magento ships it, whatever the backorders setting.
    if settings.manage_stock && s > Qty::ZERO && s <= settings.only_x_left_threshold {
        return shown(MessageKind::OnlyXLeft, Message::OnlyXLeft { qty: s }, Some(s));
    }
    shown(MessageKind::InStock, Message::InStock, None)
}

/// `https://schema.org/ItemAvailability` for rich results.
pub fn schema_org_availability(settings: &Settings, figures: &StockFigures, salable: bool) -> SchemaOrgAvailability {
    if !salable {
        SchemaOrgAvailability::OutOfStock
    } else if settings.manage_stock && settings.backorders.enabled() && figures.available() <= Qty::ZERO {
        SchemaOrgAvailability::BackOrder
    } else {
        SchemaOrgAvailability::InStock
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salable_qty::tests::doc;

    fn message(config: &str, reservations: &str) -> (StorefrontMessage, SchemaOrgAvailability) {
        let d = doc(config, r#"{"source_code":"default","quantity":25,"status":"in_stock"}"#, reservations);
        let s = d.settings();
        let f = StockFigures::of(&d.product, &s);
        let salable = f.is_salable(&s);
        (storefront_message(&s, &f, salable, Locale::En), schema_org_availability(&s, &f, salable))
    }

    const SEED: &str = r#""backorders":"allow","out_of_stock_threshold":-50,"only_x_left_threshold":5"#;

    #[test]
    fn seed_example_messages_spec_5() {
        let (m, a) = message(SEED, "");
        assert_eq!((m.kind, m.text.as_deref(), a), (MessageKind::InStock, Some("In stock"), SchemaOrgAvailability::InStock));
        let (m, a) = message(SEED, r#"{"quantity":-25}"#);
        assert_eq!((m.kind, a), (MessageKind::InStock, SchemaOrgAvailability::BackOrder));
        let (m, _) = message(SEED, r#"{"quantity":-70}"#);
        assert_eq!((m.kind, m.text.as_deref(), m.only_x_left), (MessageKind::OnlyXLeft, Some("Only 5 left"), Some(Qty::from_int(5))));
        let (m, a) = message(SEED, r#"{"quantity":-75}"#);
        assert_eq!((m.kind, m.text.as_deref(), a), (MessageKind::OutOfStock, Some("Out of stock"), SchemaOrgAvailability::OutOfStock));
    }

    #[test]
    fn only_x_left_needs_managed_stock_and_a_threshold_spec_5() {
        let (m, _) = message(r#""only_x_left_threshold":25"#, "");
        assert_eq!(m.text.as_deref(), Some("Only 25 left"));
        let (m, _) = message(r#""only_x_left_threshold":24"#, "");
        assert_eq!(m.kind, MessageKind::InStock);
        let (m, _) = message(r#""only_x_left_threshold":25,"manage_stock":false"#, "");
        assert_eq!(m.kind, MessageKind::InStock);
        let (m, _) = message(r#""only_x_left_threshold":0"#, r#"{"quantity":-24}"#);
        assert_eq!(m.kind, MessageKind::InStock, "0 turns the message off");
    }

    #[test]
    fn hidden_shows_nothing_spec_5() {
        let (m, _) = message(r#""display_stock_status":false"#, r#"{"quantity":-25}"#);
        assert_eq!((m.kind, m.text), (MessageKind::Hidden, None));
    }
}
