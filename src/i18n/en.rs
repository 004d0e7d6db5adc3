//! English: Magento's own texts, word for word (SPEC §5–§8).

use super::{Catalog, Operands, Plural, PluralCategory};

/// CLDR `en`: one when `i = 1 and v = 0`.
fn plural(n: Operands) -> PluralCategory {
    if n.i == 1 && n.v == 0 {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}

/// A text with one form for every number.
const fn same(text: &'static str) -> Plural {
    Plural { one: None, many: None, other: text }
}

/// This language's texts.
pub(super) static CATALOG: Catalog = Catalog {
    decimal_separator: '.',
    plural,
    in_stock: "In stock",
    only_x_left: same("Only {qty} left"),
    out_of_stock: "Out of stock",
    backorder_notice_named: same("We don't have as many \"{name}\" as you requested, but we'll back order the remaining {qty}."),
    backorder_notice: same("We don't have as many of this product as you requested, but we'll back order the remaining {qty}."),
    min_sale_qty: same("The fewest you may purchase is {qty}."),
    max_sale_qty: "The requested qty exceeds the maximum qty allowed in shopping cart",
    qty_increments: same("You can buy this product only in quantities of {qty} at a time."),
    qty_decimal: "You cannot use decimal quantity for this product.",
    no_source_in_stock: "There are no source items with the in stock status",
    not_assigned: "The requested sku is not assigned to given stock.",
    backorders_disabled: "Backorders are disabled",
    manage_stock_enabled: "Manage stock is enabled",
    not_enough_qty: "Not enough items for sale",
    only_x_of_y: same("Only {qty} of {requested} available"),
    shipment_not_enough: "Not all of your products are available in the requested quantity.",
    // Magento's storefront validation of the quantity box (validate-item-quantity).
    qty_invalid: "Please enter a quantity greater than 0.",
    #[cfg(feature = "composite")]
    configurable_options_required: "You need to choose options for your item.",
    #[cfg(feature = "composite")]
    product_not_available: "Product that you are trying to add is not available.",
    #[cfg(feature = "composite")]
    bundle_option_required: "Please select all required options.",
    #[cfg(feature = "composite")]
    grouped_qty_required: "Please specify the quantity of product(s).",
    #[cfg(feature = "pickup")]
    pickup_at: "Pickup available at {name}",
    #[cfg(feature = "pickup")]
    pickup_also: Plural { one: Some("Also at {qty} other store"), many: None, other: "Also at {qty} other stores" },
    #[cfg(feature = "pickup")]
    pickup_unavailable: "Pickup currently unavailable",
    #[cfg(feature = "pickup")]
    pickup_store_available: "Available for pickup",
    #[cfg(feature = "pickup")]
    pickup_store_unavailable: "Currently unavailable",
};
