//! Bundles (SPEC §13.4, §13.6): options of children; a request checks every chosen child at the
//! bundle's quantity times the selection's.

use super::{
    children_request, parent_answer, parent_rule, refusal, refused_request, BundleOptionStatus, Child, ProductOptions, SelectionStatus,
};
use crate::document::{BundleSelection, Choice, Product};
use crate::i18n::Locale;
use crate::outcome::{Availability, Requested};
use crate::quantity::Qty;
use crate::request_check::RequestErrorCode;
use crate::settings::StockOptions;

pub(super) fn evaluate<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Locale,
) -> Availability<'a> {
    let settings = product.settings(config);
    // Each option's selections, with their children evaluated once.
    let options: Vec<Vec<(&'a BundleSelection, Child<'a>, bool)>> = product
        .options
        .iter()
        .map(|o| {
            o.selections
                .iter()
                .map(|s| {
                    let child = Child::of(config, &s.child);
                    let ok = selection_ok(s, &child);
                    (s, child, ok)
                })
                .collect()
        })
        .collect();
    let any_required = product.options.iter().any(|o| o.required);
    let type_rule = !options.is_empty()
        && if any_required {
            product.options.iter().zip(&options).filter(|(o, _)| o.required).all(|(_, sels)| sels.iter().any(|(_, _, ok)| *ok))
        } else {
            options.iter().any(|sels| sels.iter().any(|(_, _, ok)| *ok))
        };
    let salable = parent_rule(product, &settings) && type_rule;

    let request = request(product, &options, requested, choice, salable, locale);
    let mut out = parent_answer(product, &settings, salable, request, locale);
    out.options = Some(ProductOptions::Bundle(
        product
            .options
            .iter()
            .zip(&options)
            .map(|(o, sels)| BundleOptionStatus {
                id: &o.id,
                title: o.title.as_deref(),
                required: o.required,
                selections: sels.iter().map(|(s, c, ok)| SelectionStatus { id: &s.id, sku: &c.product.sku, available: *ok }).collect(),
            })
            .collect(),
    ));
    out.buildable_qty = Some(buildable_qty(product, &options));
    out
}

/// `selection_ok(s)`: the child is salable, and can give the selection's quantity unless the shopper
/// sets it, its stock is not managed, or it takes backorders (SPEC §13.4).
fn selection_ok(s: &BundleSelection, child: &Child<'_>) -> bool {
    child.salable
        && (s.can_change_qty || !child.settings.manage_stock || child.settings.backorders.enabled() || child.figures.salable() >= s.qty)
}

/// How many whole bundles the stock builds (SPEC §13.4, §13.6): over the required options (every
/// option when none is), the best fixed selection's `floor(S / qty)`; unknown (`None`) when a usable
/// selection has no limit or a quantity the shopper sets.
fn buildable_qty(product: &Product, options: &[Vec<(&BundleSelection, Child<'_>, bool)>]) -> Option<Qty> {
    let any_required = product.options.iter().any(|o| o.required);
    let mut per_option = Vec::new();
    for (option, sels) in product.options.iter().zip(options) {
        if any_required && !option.required {
            continue;
        }
        let mut best: i64 = 0;
        for (s, child, ok) in sels {
            if !ok {
                continue;
            }
            if s.can_change_qty || !child.settings.manage_stock || child.settings.unlimited_backorders() {
                return None;
            }
            let whole = child.figures.salable().ten_thousandths().max(0) / s.qty.ten_thousandths().max(1);
            best = best.max(whole);
        }
        per_option.push(best);
    }
    let count = if any_required { per_option.iter().min() } else { per_option.iter().max() };
    Some(Qty::from_int(count.copied().unwrap_or(0)))
}

fn request<'a>(
    product: &'a Product,
    options: &[Vec<(&'a BundleSelection, Child<'a>, bool)>],
    requested: Requested,
    choice: &'a Choice,
    salable: bool,
    locale: Locale,
) -> crate::outcome::RequestOutcome<'a> {
    let qty = super::requested_qty(requested);
    let refuse = |code| refused_request(qty, refusal(code, locale), salable, true);
    if !salable {
        return refuse(RequestErrorCode::ProductNotAvailable);
    }
    let Some(q) = qty else { return refuse(RequestErrorCode::QtyInvalid) };
    let Some(whole) = q.as_whole() else { return refuse(RequestErrorCode::QtyDecimal) };
    let picks = choice.bundle_selection.as_deref().unwrap_or_default();
    let chosen = |id: &str| picks.iter().find(|(option, _)| option == id).map(|(_, p)| p.as_slice()).unwrap_or_default();
    if picks.iter().all(|(_, p)| p.is_empty()) || product.options.iter().any(|o| o.required && chosen(&o.id).is_empty()) {
        return refuse(RequestErrorCode::BundleOptionRequired);
    }
    // Each child's total across the selections that take it, in first-chosen order.
    let mut totals: Vec<(&Child<'a>, Qty)> = Vec::new();
    for (option, sels) in product.options.iter().zip(options) {
        for pick in chosen(&option.id) {
            let Some((s, child, _)) = sels.iter().find(|(s, _, _)| s.id == pick.selection_id) else { continue };
            let per_bundle = if s.can_change_qty { pick.qty.unwrap_or(Qty::ONE) } else { s.qty };
            let qty = per_bundle.times_whole(whole);
            match totals.iter_mut().find(|(c, _)| c.product.sku == child.product.sku) {
                Some((_, total)) => *total = total.saturating_add(qty),
                None => totals.push((child, qty)),
            }
        }
    }
    let children = totals.into_iter().map(|(child, qty)| child.request(qty, locale)).collect();
    children_request(Some(q), children, salable)
}
