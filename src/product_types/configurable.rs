//! Configurable products (SPEC §13.3, §13.6): one parent, a child per combination of attribute
//! values; swatches from `options`, and the named child's own answer.

use super::{
    parent_answer, parent_rule, refusal, refused_request, status, AttributeOptions, Child, OptionValue, ParentStatus, ProductOptions,
};
use crate::document::{Choice, Product};
use crate::i18n::Locale;
use crate::outcome::{Availability, Requested};
use crate::quantity::Qty;
use crate::request_check::RequestErrorCode;
use crate::settings::StockOptions;
use crate::stocked::evaluate_stocked;
use crate::storefront_message::SchemaOrgAvailability;

pub(super) fn evaluate<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Locale,
) -> Availability<'a> {
    let settings = product.settings(config);
    let children: Vec<Child<'a>> = product.children.iter().map(|c| Child::of(config, c)).collect();
    let parent_salable = parent_rule(product, &settings) && children.iter().any(|c| c.salable);

    let named = named_child(product, choice);
    // The current selection: the named child's attributes, else what the shopper picked so far.
    let current: Vec<(&str, &str)> = match named {
        Some(child) => child.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
        None => choice.selection.iter().flatten().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
    };
    let options = ProductOptions::Configurable(options(&children, &current, settings.show_out_of_stock));

    let Some(child) = named else {
        let qty = super::requested_qty(requested);
        let code = match requested {
            _ if !parent_salable => RequestErrorCode::ProductNotAvailable,
            Requested::Invalid => RequestErrorCode::QtyInvalid,
            _ => RequestErrorCode::ConfigurableOptionsRequired,
        };
        let request = refused_request(qty, refusal(code, locale), parent_salable, false);
        let mut out = parent_answer(product, &settings, parent_salable, request, locale);
        out.variant = Some(None);
        out.options = Some(options);
        return out;
    };

    // One child named: the top level answers what the shopper can buy now (SPEC §13.6).
    let mut out = evaluate_stocked(config, child, requested, locale);
    let child_enabled = child.enabled;
    if !parent_salable || !child_enabled {
        // The parent first, as Magento's page does; a disabled child cannot be bought either.
        let request = refused_request(out.request.qty, refusal(RequestErrorCode::ProductNotAvailable, locale), false, false);
        let parent = parent_answer(product, &settings, false, request, locale);
        out.is_salable = false;
        out.stock_status = parent.stock_status;
        out.schema_org_availability = SchemaOrgAvailability::OutOfStock;
        out.message = parent.message;
        out.only_x_left = None;
        out.salable_qty = Some(Qty::ZERO);
        out.request = parent.request;
    }
    out.sku = &product.sku;
    out.variant = Some(Some(&child.sku));
    out.parent = Some(ParentStatus { is_salable: parent_salable, stock_status: status(parent_salable) });
    out.options = Some(options);
    out
}

/// The child the request names: `variant`, or a `selection` that gives every attribute (the first
/// match). The input wing has already refused a name or selection that matches no child.
fn named_child<'a>(product: &'a Product, choice: &Choice) -> Option<&'a Product> {
    if let Some(sku) = &choice.variant {
        return product.children.iter().find(|c| &c.sku == sku);
    }
    let selection = choice.selection.as_ref()?;
    let codes = attribute_codes(&product.children);
    if !codes.iter().all(|code| selection.iter().any(|(k, _)| k == code)) {
        return None;
    }
    product.children.iter().find(|c| selection.iter().all(|(k, v)| value_of(c, k) == Some(v.as_str())))
}

fn value_of<'a>(child: &'a Product, code: &str) -> Option<&'a str> {
    child.attributes.iter().find(|(k, _)| k == code).map(|(_, v)| v.as_str())
}

/// Every attribute code, in first-seen order.
pub(crate) fn attribute_codes(children: &[Product]) -> Vec<&str> {
    let mut codes: Vec<&str> = Vec::new();
    for (code, _) in children.iter().flat_map(|c| c.attributes.iter()) {
        if !codes.contains(&code.as_str()) {
            codes.push(code);
        }
    }
    codes
}

/// `options` (SPEC §13.3): every attribute and value in first-seen order; `offered` when some enabled
/// child has it (and is salable, unless out-of-stock products are shown); `available` when some
/// salable child has it and matches the rest of the current selection.
fn options<'a>(children: &[Child<'a>], current: &[(&str, &str)], show_out_of_stock: bool) -> Vec<AttributeOptions<'a>> {
    let products: Vec<&'a Product> = children.iter().map(|c| c.product).collect();
    let mut out: Vec<AttributeOptions<'a>> = Vec::new();
    for child in &products {
        for (code, value) in &child.attributes {
            let index = match out.iter().position(|a| a.code == code) {
                Some(i) => i,
                None => {
                    out.push(AttributeOptions { code, values: Vec::new() });
                    out.len() - 1
                }
            };
            if out[index].values.iter().any(|v| v.value == value) {
                continue;
            }
            let has = |c: &Child<'_>| value_of(c.product, code) == Some(value.as_str());
            let matches_rest = |c: &Child<'_>| current.iter().filter(|(k, _)| k != code).all(|(k, v)| value_of(c.product, k) == Some(v));
            let offered = children.iter().any(|c| c.product.enabled && has(c) && (show_out_of_stock || c.salable));
            let available = children.iter().any(|c| c.salable && has(c) && matches_rest(c));
            out[index].values.push(OptionValue { value, offered, available });
        }
    }
    out
}
