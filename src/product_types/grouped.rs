//! Grouped products (SPEC §13.5, §13.6): children sold side by side, each requested on its own.

use super::{children_request, parent_answer, parent_rule, refusal, refused_request, Child, ChildLine};
use crate::document::{Choice, Product};
use crate::i18n::Locale;
use crate::outcome::{Availability, Requested};
use crate::quantity::Qty;
use crate::request_check::RequestErrorCode;
use crate::settings::StockOptions;
use crate::storefront_message::storefront_message;

pub(super) fn evaluate<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Locale,
) -> Availability<'a> {
    let settings = product.settings(config);
    let children: Vec<Child<'a>> = product.children.iter().map(|c| Child::of(config, c)).collect();
    let salable = parent_rule(product, &settings) && children.iter().any(|c| c.salable);

    let request = if !salable {
        refused_request(None, refusal(RequestErrorCode::ProductNotAvailable, locale), false, true)
    } else {
        request(&children, requested, choice, locale)
    };
    let mut out = parent_answer(product, &settings, salable, request, locale);
    out.children = Some(
        children
            .iter()
            .filter(|c| c.product.enabled && (c.salable || settings.show_out_of_stock))
            .map(|c| ChildLine {
                sku: &c.product.sku,
                name: c.product.name.as_deref(),
                is_salable: c.salable,
                message: storefront_message(&c.settings, &c.figures, c.salable, locale),
                default_qty: c.product.default_qty,
            })
            .collect(),
    );
    out
}

/// Without `grouped_qty`, the form as the page fills it: every salable child with a default quantity,
/// times `requested_qty` (SPEC §13.6). With it, the children it names; the others are 0.
fn request<'a>(children: &[Child<'a>], requested: Requested, choice: &Choice, locale: Locale) -> crate::outcome::RequestOutcome<'a> {
    let times = match requested {
        Requested::Qty(q) => q,
        Requested::Default => Qty::ONE,
        Requested::Invalid => return refused_request(None, refusal(RequestErrorCode::QtyInvalid, locale), true, true),
    };
    let asked: Vec<(&Child<'a>, Qty)> = children
        .iter()
        .map(|c| {
            let qty = match &choice.grouped_qty {
                Some(quantities) => quantities.iter().find(|(sku, _)| *sku == c.product.sku).map(|(_, q)| *q).unwrap_or(Qty::ZERO),
                None if c.salable => c.product.default_qty.times(times),
                None => Qty::ZERO,
            };
            (c, qty)
        })
        .filter(|(_, q)| *q > Qty::ZERO)
        .collect();
    if asked.is_empty() {
        return refused_request(None, refusal(RequestErrorCode::GroupedQtyRequired, locale), true, true);
    }
    children_request(None, asked.into_iter().map(|(c, q)| c.request(q, locale)).collect(), true)
}
