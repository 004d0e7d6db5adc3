//! Quantity on hand, reservations, salable quantity (SPEC §3) and whether the product is salable
//! (SPEC §4).

use crate::document::Product;
use crate::quantity::Qty;
use crate::settings::Settings;

/// The figures every other rule reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StockFigures {
    /// `Q`: quantity on hand in enabled, in-stock sources.
    pub on_hand: Qty,
    /// `R`: sum of reservations, negative while orders are open.
    pub reserved: Qty,
    /// `T`: the effective out-of-stock threshold.
    pub threshold: Qty,
    /// At least one source item, enabled or not.
    pub assigned: bool,
    /// At least one enabled source item with status in stock, whatever its quantity.
    pub any_source_in_stock: bool,
}

impl StockFigures {
    /// Totals were bounded when the document was validated, so the sums here cannot overflow.
    pub fn of(product: &Product, settings: &Settings) -> StockFigures {
        let counted = product.sources.iter().filter(|s| s.counts());
        StockFigures {
            on_hand: Qty::checked_sum(counted.clone().map(|s| s.quantity)).unwrap_or_default(),
            reserved: Qty::checked_sum(product.reservations.iter().map(|r| r.quantity)).unwrap_or_default(),
            threshold: settings.effective_threshold(),
            assigned: !product.sources.is_empty(),
            any_source_in_stock: counted.count() > 0,
        }
    }

    /// `Q + R`: stock on hand net of open orders.
    pub fn available(&self) -> Qty {
        self.on_hand + self.reserved
    }

    /// `S = Q + R − T`.
    pub fn salable(&self) -> Qty {
        self.available() - self.threshold
    }

    /// SPEC §4, steps in order.
    pub fn is_salable(&self, settings: &Settings) -> bool {
        if !self.assigned {
            return false;
        }
        if !settings.manage_stock {
            return true;
        }
        if !self.any_source_in_stock {
            return false;
        }
        if settings.unlimited_backorders() {
            return true;
        }
        self.salable() > Qty::ZERO
    }

    /// `S` when salable, else 0. With unlimited backorders `S` may be negative and is reported so.
    pub fn reported_salable_qty(&self, settings: &Settings) -> Qty {
        if self.is_salable(settings) {
            self.salable()
        } else {
            Qty::ZERO
        }
    }
}

/// The raw figures behind a verdict, for the merchant's preview (the full API's `stockFigures`):
/// `salable` is `S` itself, which may be zero or negative where `salable_qty` in the output document
/// reports 0.
#[cfg(any(test, all(target_arch = "wasm32", feature = "full")))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FiguresReport {
    /// `Q`: quantity on hand in enabled, in-stock sources (SPEC §3).
    pub quantity_on_hand: Qty,
    /// `R`: sum of reservations, negative while orders are open (SPEC §3).
    pub reserved: Qty,
    /// `T`: the effective out-of-stock threshold (SPEC §2).
    pub threshold: Qty,
    /// `S = Q + R − T`, as it is (SPEC §3).
    pub salable: Qty,
}

#[cfg(any(test, all(target_arch = "wasm32", feature = "full")))]
impl From<&StockFigures> for FiguresReport {
    fn from(f: &StockFigures) -> Self {
        FiguresReport { quantity_on_hand: f.on_hand, reserved: f.reserved, threshold: f.threshold, salable: f.salable() }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::document::InputDocument;

    fn parse(json: &str) -> Result<InputDocument, crate::error::InputError> {
        InputDocument::from_json(json)
    }

    /// A document with one `default` source and the given settings, for rule tests.
    pub(crate) fn doc(config: &str, sources: &str, reservations: &str) -> crate::document::InputDocument {
        parse(&format!(
            r#"{{"config":{{{config}}},"product":{{"sku":"SKU-1","name":"Bag","sources":[{sources}],"reservations":[{reservations}]}}}}"#
        ))
        .unwrap()
    }

    fn figures(config: &str, sources: &str, reservations: &str) -> (StockFigures, Settings) {
        let d = doc(config, sources, reservations);
        let s = d.settings();
        (StockFigures::of(&d.product, &s), s)
    }

    const IN25: &str = r#"{"source_code":"default","quantity":25,"status":"in_stock"}"#;

    #[test]
    fn seed_example_salable_qty_is_75_spec_3() {
        let (f, s) = figures(r#""backorders":"allow","out_of_stock_threshold":-50"#, IN25, "");
        assert_eq!(f.salable(), Qty::from_int(75));
        assert_eq!(f.reported_salable_qty(&s), Qty::from_int(75));
    }

    #[test]
    fn only_enabled_in_stock_sources_count_spec_3() {
        let (f, _) = figures(
            "",
            r#"{"source_code":"a","quantity":5.5,"status":"in_stock"},{"source_code":"b","quantity":3,"status":"in_stock"},
               {"source_code":"c","quantity":10,"status":"out_of_stock"},{"source_code":"d","quantity":10,"status":"in_stock","source_enabled":false}"#,
            "",
        );
        assert_eq!(f.on_hand.to_string(), "8.5");
        assert!(f.assigned && f.any_source_in_stock);
    }

    #[test]
    fn reservations_and_threshold_move_s_spec_3() {
        let (f, s) = figures(r#""out_of_stock_threshold":2"#, IN25, r#"{"quantity":-3},{"quantity":1}"#);
        assert_eq!(f.reserved, Qty::from_int(-2));
        assert_eq!(f.salable(), Qty::from_int(21));
        assert!(f.is_salable(&s));
    }

    #[test]
    fn salability_steps_in_order_spec_4() {
        // 1. not assigned
        let (f, s) = figures(r#""manage_stock":false"#, "", "");
        assert!(!f.is_salable(&s));
        // 2. stock not managed beats everything else
        let (f, s) = figures(r#""manage_stock":false"#, r#"{"source_code":"a","quantity":0,"status":"out_of_stock"}"#, "");
        assert!(f.is_salable(&s));
        // 3. no source in stock
        let (f, s) = figures(r#""backorders":"allow""#, r#"{"source_code":"a","quantity":100,"status":"out_of_stock"}"#, "");
        assert!(!f.is_salable(&s));
        // 4. unlimited backorders: salable with S negative, reported as it is
        let (f, s) = figures(r#""backorders":"allow""#, r#"{"source_code":"a","quantity":0,"status":"in_stock"}"#, r#"{"quantity":-4}"#);
        assert!(f.is_salable(&s));
        assert_eq!(f.reported_salable_qty(&s), Qty::from_int(-4));
        // 5. S > 0 strictly
        let (f, s) = figures("", r#"{"source_code":"a","quantity":3,"status":"in_stock"}"#, r#"{"quantity":-3}"#);
        assert!(!f.is_salable(&s));
        assert_eq!(f.reported_salable_qty(&s), Qty::ZERO);
        let (f, s) = figures("", r#"{"source_code":"a","quantity":3,"status":"in_stock"}"#, r#"{"quantity":-2.9999}"#);
        assert!(f.is_salable(&s));
        assert_eq!(f.reported_salable_qty(&s).to_string(), "0.0001");
    }

    #[test]
    fn positive_threshold_holds_stock_back_without_backorders_spec_4() {
        let (f, s) = figures(r#""out_of_stock_threshold":5"#, r#"{"source_code":"a","quantity":5,"status":"in_stock"}"#, "");
        assert!(!f.is_salable(&s));
        let (f, s) =
            figures(r#""out_of_stock_threshold":5,"backorders":"allow""#, r#"{"source_code":"a","quantity":5,"status":"in_stock"}"#, "");
        assert!(f.is_salable(&s), "backorders on: positive threshold ignored, unlimited");
    }
}
