//! The checks of SPEC §12 that run after a read, whichever deserializer did it (our text reader,
//! serde-wasm-bindgen, serde_json): lengths, duplicate source codes, totals, a choice that names
//! what the product has, an event's quantity and source. One value's own checks are read with it
//! (`values.rs`); these need more than one value, or a path the reader no longer knows.
//!
//! Also the shape of a refusal in JS (`SalableError`), whose `path` these errors name.

use super::product::sources_were_absent;
use super::values::{check_positive, MAX_ORDER_ID, MAX_SKU, MAX_TEXT};
use crate::document::{Choice, InputDocument, Product, ProductType};
use crate::error::{check_len, push_key, quoted, InputError};
use crate::ledger::{Event, EventKind};
use crate::quantity::{push_int, Qty, MAX_TOTAL};

/// Source items per product. Magento stores have a handful of sources, a few hundred at most.
const MAX_SOURCES: usize = 1000;

/// The checks across a document's items, after any deserializer read it (SPEC §12).
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub(crate) fn check_document(doc: &mut InputDocument) -> Result<(), InputError> {
    check_document_items(doc)
}

/// [`check_document`], for every build.
pub(super) fn check_document_items(doc: &mut InputDocument) -> Result<(), InputError> {
    check_product(&mut doc.product, "product")?;
    #[cfg(not(feature = "composite"))]
    if doc.product.product_type.is_composite() {
        // The element's first module: the element loads its second one for this product.
        return Err(InputError::new("product.type", COMPOSITE_ELSEWHERE));
    }
    check_choice(&doc.product, &doc.choice)
}

/// What the element's first module answers for a composite product (the element then loads
/// `stock-status-composite`, which reads every type).
#[cfg(not(feature = "composite"))]
const COMPOSITE_ELSEWHERE: &str = "configurable, bundle and grouped products are read by stock-status-composite";

/// A choice must name what the product has (SPEC §13.3–13.6): an unknown child, option or
/// selection, or a selection that matches no child, is bad input.
pub(super) fn check_choice(product: &Product, choice: &Choice) -> Result<(), InputError> {
    let children = &product.children;
    match product.product_type {
        ProductType::Configurable => {
            if let Some(sku) = &choice.variant {
                if !children.iter().any(|c| &c.sku == sku) {
                    return Err(InputError::new("variant", String::from("no child has the sku ") + &quoted(sku)));
                }
            }
            if let Some(selection) = &choice.selection {
                let matches = |c: &Product| selection.iter().all(|(k, v)| c.attributes.iter().any(|(ck, cv)| ck == k && cv == v));
                if choice.variant.is_none() && !children.iter().any(matches) {
                    return Err(InputError::new("selection", "no child has these attribute values"));
                }
            }
        }
        ProductType::Bundle => {
            for (option_id, picks) in choice.bundle_selection.iter().flatten() {
                let mut at = String::from("bundle_selection");
                push_key(&mut at, option_id);
                let Some(option) = product.options.iter().find(|o| &o.id == option_id) else {
                    return Err(InputError::new(at, String::from("no option has the id ") + &quoted(option_id)));
                };
                for (i, pick) in picks.iter().enumerate() {
                    if let Some(q) = pick.qty {
                        positive(q, &|| item(&at, i, ".qty"))?;
                    }
                    if !option.selections.iter().any(|s| s.id == pick.selection_id) {
                        push_index(&mut at, i);
                        at.push_str(".selection_id");
                        return Err(InputError::new(
                            at,
                            String::from("no selection of this option has the id ") + &quoted(&pick.selection_id),
                        ));
                    }
                }
            }
        }
        ProductType::Grouped => {
            for (sku, _) in choice.grouped_qty.iter().flatten() {
                if !children.iter().any(|c| &c.sku == sku) {
                    let mut at = String::from("grouped_qty");
                    push_key(&mut at, sku);
                    return Err(InputError::new(at, "no child has this sku"));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The checks across one product's items; `at` is the product's path.
pub(super) fn check_product(product: &mut Product, at: &str) -> Result<(), InputError> {
    if sources_were_absent(&product.sources) {
        // Required of source-managed types (SPEC §10); composite parents have none (SPEC §13.2).
        if !product.product_type.is_composite() {
            return Err(InputError::new(String::from(at) + ".sources", "is required"));
        }
        product.sources.clear();
    }
    let sources = &product.sources;
    let path = |tail: &str| {
        let mut p = String::from(at);
        p.push_str(tail);
        p
    };
    // Values one by one (SPEC §12), in document order.
    identifier(&product.sku, MAX_SKU, &|| path(".sku"))?;
    bounded(product.name.as_deref(), MAX_TEXT, &|| path(".name"))?;
    for (i, source) in sources.iter().enumerate() {
        identifier(&source.source_code, MAX_TEXT, &|| item(&path(".sources"), i, ".source_code"))?;
    }
    for (i, reservation) in product.reservations.iter().enumerate() {
        bounded(reservation.event.as_deref(), MAX_TEXT, &|| item(&path(".reservations"), i, ".event"))?;
        bounded(reservation.order_id.as_deref(), MAX_ORDER_ID, &|| item(&path(".reservations"), i, ".order_id"))?;
    }
    if sources.len() > MAX_SOURCES {
        let mut problem = String::from("too many source items: at most ");
        push_int(&mut problem, MAX_SOURCES as u64);
        return Err(InputError::new(path(".sources"), problem));
    }
    // Quadratic, but over at most MAX_SOURCES items; a sort or a hash set would cost every shopper
    // kilobytes of wasm for feeds no store has.
    for (i, source) in sources.iter().enumerate() {
        if let Some(first) = sources.iter().take(i).position(|other| other.source_code == source.source_code) {
            let mut at_i = path(".sources");
            push_index(&mut at_i, i);
            at_i.push_str(".source_code");
            let mut problem = String::from("duplicate source code ");
            problem.push_str(&quoted(&source.source_code));
            problem.push_str(" (also at ");
            problem.push_str(&path(".sources"));
            push_index(&mut problem, first);
            problem.push(')');
            return Err(InputError::new(at_i, problem));
        }
    }
    if Qty::checked_sum(sources.iter().map(|s| s.quantity)).is_none() {
        return Err(InputError::new(path(".sources"), too_large("the quantities")));
    }
    if Qty::checked_sum(product.reservations.iter().map(|r| r.quantity)).is_none() {
        return Err(InputError::new(path(".reservations"), too_large("the reservation quantities")));
    }
    // Children are products too (SPEC §13.2).
    #[cfg(feature = "composite")]
    check_children(product, at)?;
    Ok(())
}

/// The checks of every child of a composite product, at its path.
#[cfg(feature = "composite")]
fn check_children(product: &mut Product, at: &str) -> Result<(), InputError> {
    let path = |tail: &str| String::from(at) + tail;
    for (i, option) in product.options.iter().enumerate() {
        let at_option = item(&path(".options"), i, "");
        bounded(option.title.as_deref(), MAX_TEXT, &|| at_option.clone() + ".title")?;
        for (j, selection) in option.selections.iter().enumerate() {
            positive(selection.qty, &|| item(&(at_option.clone() + ".selections"), j, ".qty"))?;
        }
    }
    if product.default_qty < Qty::ZERO {
        return Err(InputError::new(path(".default_qty"), at_least_zero(product.default_qty)));
    }
    for (i, child) in product.children.iter_mut().enumerate() {
        let mut at_child = path(".children");
        push_index(&mut at_child, i);
        check_product(child, &at_child)?;
    }
    for (i, option) in product.options.iter_mut().enumerate() {
        for (j, selection) in option.selections.iter_mut().enumerate() {
            let mut at_child = path(".options");
            push_index(&mut at_child, i);
            at_child.push_str(".selections");
            push_index(&mut at_child, j);
            at_child.push_str(".child");
            check_product(&mut selection.child, &at_child)?;
        }
    }
    Ok(())
}

/// `at[i]tail`.
fn item(at: &str, i: usize, tail: &str) -> String {
    let mut p = String::from(at);
    push_index(&mut p, i);
    p.push_str(tail);
    p
}

/// A required identifier: non-empty, at most `max` characters.
fn identifier(s: &str, max: usize, at: &dyn Fn() -> String) -> Result<(), InputError> {
    if s.is_empty() {
        return Err(InputError::new(at(), "must not be empty"));
    }
    bounded(Some(s), max, at)
}

/// An optional string of at most `max` characters (a 10 MB value is a broken feed).
fn bounded(s: Option<&str>, max: usize, at: &dyn Fn() -> String) -> Result<(), InputError> {
    match s.map(|s| check_len(s, max)) {
        Some(Err(problem)) => Err(InputError::new(at(), problem)),
        _ => Ok(()),
    }
}

/// A quantity above 0 (SPEC §12).
fn positive(q: Qty, at: &dyn Fn() -> String) -> Result<(), InputError> {
    check_positive(q).map_err(|problem| InputError::new(at(), problem))
}

#[cfg(feature = "composite")]
fn at_least_zero(q: Qty) -> String {
    let mut problem = String::from("must be 0 or more, found ");
    q.write_decimal(&mut problem, '.');
    problem
}

fn too_large(what: &str) -> String {
    let mut problem = String::from(what);
    problem.push_str(" add up to more than ±");
    MAX_TOTAL.write_decimal(&mut problem, '.');
    problem
}

pub(super) fn push_index(path: &mut String, i: usize) {
    path.push('[');
    push_int(path, i as u64);
    path.push(']');
}

/// What an event needs beyond its keys.
pub(crate) fn check_event(event: &Event) -> Result<(), InputError> {
    positive(event.qty, &|| "event.qty".into())?;
    identifier(&event.order_id, MAX_ORDER_ID, &|| "event.order_id".into())?;
    bounded(event.source_code.as_deref(), MAX_TEXT, &|| "event.source_code".into())?;
    if event.kind == EventKind::ShipmentCreated && event.source_code.is_none() {
        return Err(InputError::new("event.source_code", "is required for a shipment"));
    }
    Ok(())
}

typescript!(
    r#"

/**
 * What evaluate and applyEvent throw. `path` names the offending input (`product.sources[1].quantity`,
 * `event.qty`) when the input was malformed; `code` is Magento's code when the store refused an event.
 */
export interface SalableError extends Error {
  path?: string;
  code?: string;
}
"#
);
