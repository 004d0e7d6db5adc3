//! The JSON names of the domain's enums: one table per enum, read by the input wing (which also
//! accepts Magento's stored numbers) and written by the output wing. A name is changed here or
//! nowhere.

use crate::document::{ProductType, SourceStatus};
use crate::ledger::EventKind;
use crate::request_check::RequestErrorCode;
use crate::settings::{Backorders, NotAvailableMessage};
use crate::storefront_message::{MessageKind, SchemaOrgAvailability};

/// An enum of the contract: its variants, their names, and Magento's numbers for them.
pub(crate) trait Named: Copy + PartialEq + 'static {
    /// Every variant, in the order of [`Named::NAMES`].
    const ALL: &'static [Self];
    /// The name of each variant in [`Named::ALL`].
    const NAMES: &'static [&'static str];
    /// Magento's stored number for each variant in [`Named::ALL`]; empty when it has none.
    const NUMBERS: &'static [i64] = &[];
}

/// The name a variant has in JSON.
pub(crate) fn name<T: Named>(value: T) -> &'static str {
    let index = T::ALL.iter().position(|v| *v == value).unwrap_or(0);
    T::NAMES.get(index).copied().unwrap_or("")
}

macro_rules! named {
    ($type:ty, [$($variant:expr => $name:literal),+ $(,)?] $(, numbers = [$($n:literal),+])?) => {
        impl Named for $type {
            const ALL: &'static [Self] = &[$($variant),+];
            const NAMES: &'static [&'static str] = &[$($name),+];
            $(const NUMBERS: &'static [i64] = &[$($n),+];)?
        }
    };
}

named!(Backorders, [Backorders::No => "no", Backorders::Allow => "allow", Backorders::AllowNotify => "allow_notify"], numbers = [0, 1, 2]);
named!(NotAvailableMessage, [
    NotAvailableMessage::NotEnoughItems => "not_enough_items",
    NotAvailableMessage::OnlyXOfYAvailable => "only_x_of_y_available",
]);
named!(SourceStatus, [SourceStatus::InStock => "in_stock", SourceStatus::OutOfStock => "out_of_stock"], numbers = [1, 0]);
named!(ProductType, [
    ProductType::Simple => "simple",
    ProductType::Virtual => "virtual",
    ProductType::Downloadable => "downloadable",
    ProductType::Configurable => "configurable",
    ProductType::Bundle => "bundle",
    ProductType::Grouped => "grouped",
]);
named!(EventKind, [
    EventKind::OrderPlaced => "order_placed",
    EventKind::OrderCanceled => "order_canceled",
    EventKind::ShipmentCreated => "shipment_created",
]);
named!(MessageKind, [
    MessageKind::InStock => "in_stock",
    MessageKind::OnlyXLeft => "only_x_left",
    MessageKind::OutOfStock => "out_of_stock",
    MessageKind::Hidden => "hidden",
]);
named!(SchemaOrgAvailability, [
    SchemaOrgAvailability::InStock => "https://schema.org/InStock",
    SchemaOrgAvailability::OutOfStock => "https://schema.org/OutOfStock",
    SchemaOrgAvailability::BackOrder => "https://schema.org/BackOrder",
]);
// Magento's codes (`IsProductSalableForRequestedQtyInterface`), never translated; `qty-invalid` is
// ours, for a requested quantity that is not a number above 0.
named!(RequestErrorCode, [
    RequestErrorCode::NotAssigned => "requested-sku-is-not-assigned-to-given-stock",
    RequestErrorCode::MinSaleQty => "is_correct_qty-min_sale_qty",
    RequestErrorCode::MaxSaleQty => "is_correct_qty-max_sale_qty",
    RequestErrorCode::QtyIncrement => "is_correct_qty-qty_increment",
    RequestErrorCode::QtyDecimal => "is_correct_qty-is_qty_decimal",
    RequestErrorCode::NoSourceItemsInStock => "is_any_source_item_in_stock-no_source_items_in_stock",
    RequestErrorCode::BackordersDisabled => "back_order-disabled",
    RequestErrorCode::ManageStockEnabled => "manage_stock-enabled",
    RequestErrorCode::NotEnoughQty => "is_salable_with_reservations-not_enough_qty",
    RequestErrorCode::QtyInvalid => "qty-invalid",
    RequestErrorCode::SourceDeductionNotEnough => "source_deduction-not-enough",
    RequestErrorCode::ConfigurableOptionsRequired => "configurable-options-required",
    RequestErrorCode::ProductNotAvailable => "product-not-available",
    RequestErrorCode::BundleOptionRequired => "bundle-option-required",
    RequestErrorCode::GroupedQtyRequired => "grouped-qty-required",
]);

#[cfg(test)]
mod tests {
    use super::*;

    fn distinct<T: Named>() {
        assert_eq!(T::ALL.len(), T::NAMES.len());
        assert!(T::NUMBERS.is_empty() || T::NUMBERS.len() == T::ALL.len());
        for (i, v) in T::ALL.iter().enumerate() {
            assert_eq!(name(*v), T::NAMES[i]);
            assert_eq!(T::NAMES.iter().filter(|n| **n == T::NAMES[i]).count(), 1, "{} twice", T::NAMES[i]);
        }
    }

    #[test]
    fn every_table_is_complete_and_unambiguous() {
        distinct::<Backorders>();
        distinct::<NotAvailableMessage>();
        distinct::<SourceStatus>();
        distinct::<EventKind>();
        distinct::<ProductType>();
        distinct::<MessageKind>();
        distinct::<SchemaOrgAvailability>();
        distinct::<RequestErrorCode>();
    }
}
