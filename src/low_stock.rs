//! Low stock for the merchant (SPEC §9): per source, strictly below its level.

use crate::document::Product;
use crate::quantity::Qty;
use crate::settings::Settings;

/// Codes of the source items that are low, in document order. Backorders and reservations play no
/// part: this is about what sits on the shelf of each source.
pub fn low_stock_sources<'a>(product: &'a Product, settings: &Settings) -> Vec<&'a str> {
    product
        .sources
        .iter()
        .filter(|s| {
            let level = s.notify_for_quantity_below.unwrap_or(settings.notify_for_quantity_below);
            s.counts() && s.quantity > Qty::ZERO && s.quantity < level
        })
        .map(|s| s.source_code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::salable_qty::tests::doc;

    #[test]
    fn strictly_below_the_source_or_product_level_spec_9() {
        let d = doc(
            r#""notify_for_quantity_below":10,"backorders":"allow""#,
            r#"{"source_code":"a","quantity":9,"status":"in_stock"},
               {"source_code":"b","quantity":10,"status":"in_stock"},
               {"source_code":"c","quantity":3,"status":"in_stock","notify_for_quantity_below":2},
               {"source_code":"d","quantity":3,"status":"out_of_stock"},
               {"source_code":"e","quantity":3,"status":"in_stock","source_enabled":false},
               {"source_code":"f","quantity":0,"status":"in_stock"},
               {"source_code":"g","quantity":1,"status":"in_stock","notify_for_quantity_below":2}"#,
            r#"{"quantity":-100}"#,
        );
        assert_eq!(low_stock_sources(&d.product, &d.settings()), ["a", "g"]);
    }
}
