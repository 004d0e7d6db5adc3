//! What the composite types share: a child's evaluation, the parent's own rule and answer, and
//! requests refused whole or joined from children.

use crate::document::{Choice, Product, ProductType, SourceStatus};
use crate::i18n::{Locale, Message};
use crate::outcome::ChildRequest;
use crate::outcome::{Availability, RequestOutcome, Requested};
use crate::quantity::Qty;
use crate::request_check::{RequestError, RequestErrorCode, RequestVerdict};
use crate::salable_qty::StockFigures;
use crate::settings::{Settings, StockOptions};
use crate::storefront_message::{storefront_message, SchemaOrgAvailability};

/// Evaluates a composite parent (SPEC §13.2–13.6).
pub(crate) fn evaluate<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Locale,
) -> Availability<'a> {
    match product.product_type {
        ProductType::Configurable => super::configurable::evaluate(config, product, requested, choice, locale),
        ProductType::Bundle => super::bundle::evaluate(config, product, requested, choice, locale),
        _ => super::grouped::evaluate(config, product, requested, choice, locale),
    }
}

/// A child's settings and figures under the parent document's config.
pub(super) struct Child<'a> {
    pub(super) product: &'a Product,
    pub(super) settings: Settings,
    pub(super) figures: StockFigures,
    /// `child_salable(c) = c.enabled and §4(c)` (SPEC §13.2).
    pub(super) salable: bool,
}

impl<'a> Child<'a> {
    pub(super) fn of(config: &StockOptions, product: &'a Product) -> Child<'a> {
        let settings = product.settings(config);
        let figures = StockFigures::of(product, &settings);
        let salable = product.enabled && figures.is_salable(&settings);
        Child { product, settings, figures, salable }
    }

    /// §7 at `qty`, with the backorder quantity and notice of §6; a disabled child is refused.
    pub(super) fn request(&self, qty: Qty, locale: Locale) -> ChildRequest<'a> {
        let verdict = if self.product.enabled {
            crate::request_check::check_request(qty, &self.settings, &self.figures, locale)
        } else {
            RequestVerdict { qty, errors: vec![refusal(RequestErrorCode::ProductNotAvailable, locale)] }
        };
        let reason = verdict.shopper_message().map(str::to_string);
        let errors = verdict.errors;
        let is_salable = errors.is_empty();
        let backorder_qty = if is_salable { crate::backorder::backorder_qty(qty, &self.settings, &self.figures) } else { Qty::ZERO };
        ChildRequest {
            sku: &self.product.sku,
            qty,
            is_salable,
            errors,
            backorder_qty,
            notice: crate::backorder::notice(backorder_qty, &self.settings, self.product.name.as_deref(), locale),
            reason,
        }
    }
}

/// The parent's own rule: enabled, and its *Stock Status* in stock unless its stock is not managed
/// (SPEC §13.2, §13.6).
pub(super) fn parent_rule(product: &Product, settings: &Settings) -> bool {
    product.enabled && (product.stock_flag == SourceStatus::InStock || !settings.manage_stock)
}

pub(super) fn refusal(code: RequestErrorCode, locale: Locale) -> RequestError {
    let message = match code {
        RequestErrorCode::ConfigurableOptionsRequired => Message::ConfigurableOptionsRequired,
        RequestErrorCode::BundleOptionRequired => Message::BundleOptionRequired,
        RequestErrorCode::GroupedQtyRequired => Message::GroupedQtyRequired,
        RequestErrorCode::QtyDecimal => Message::QtyDecimal,
        RequestErrorCode::QtyInvalid => Message::QtyInvalid,
        _ => Message::ProductNotAvailable,
    };
    RequestError { code, message: locale.text(&message) }
}

/// The parent's answer, with no child named: its message (never "Only X left"), no salable quantity
/// of its own (SPEC §13.2), and the given request.
pub(super) fn parent_answer<'a>(
    product: &'a Product,
    settings: &Settings,
    salable: bool,
    request: RequestOutcome<'a>,
    locale: Locale,
) -> Availability<'a> {
    // §5 on the parent, but never "Only X left" (SPEC §13.2): it has no salable quantity of its own
    // (with backorders and a negative threshold, `S = −T` would otherwise read as a count).
    let figures = StockFigures { on_hand: Qty::ZERO, reserved: Qty::ZERO, threshold: Qty::ZERO, assigned: true, any_source_in_stock: true };
    let message = storefront_message(settings, &figures, salable, locale);
    Availability {
        sku: &product.sku,
        is_salable: salable,
        salable_qty: None,
        stock_status: status(salable),
        message,
        only_x_left: None,
        request,
        low_stock_sources: Vec::new(),
        schema_org_availability: if salable { SchemaOrgAvailability::InStock } else { SchemaOrgAvailability::OutOfStock },
        variant: None,
        parent: None,
        options: None,
        buildable_qty: None,
        children: None,
        restock: None,
        schema_org_availability_starts: None,
        #[cfg(feature = "pickup")]
        pickup: None,
    }
}

pub(super) fn status(salable: bool) -> SourceStatus {
    if salable {
        SourceStatus::InStock
    } else {
        SourceStatus::OutOfStock
    }
}

/// A request refused whole with one error: a configurable's (whose backorder quantity is 0) or, with
/// `children`, a bundle's or grouped product's (whose backorder quantity is null, SPEC §13.6).
pub(super) fn refused_request<'a>(qty: Option<Qty>, error: RequestError, salable: bool, children: bool) -> RequestOutcome<'a> {
    RequestOutcome {
        qty,
        is_salable: false,
        reason: salable.then(|| error.message.clone()),
        errors: vec![error],
        backorder_qty: if children { None } else { Some(Qty::ZERO) },
        notice: None,
        children: children.then(Vec::new),
        expected_date: None,
    }
}

/// A bundle's or grouped product's request from its children's verdicts (SPEC §13.6): refused if any
/// child is, errors joined in order, no backorder quantity or notice of its own.
pub(super) fn children_request<'a>(qty: Option<Qty>, children: Vec<ChildRequest<'a>>, salable: bool) -> RequestOutcome<'a> {
    let verdict = RequestVerdict { qty: qty.unwrap_or_default(), errors: children.iter().flat_map(|c| c.errors.iter().cloned()).collect() };
    RequestOutcome {
        qty,
        is_salable: verdict.is_salable(),
        reason: if salable { verdict.shopper_message().map(str::to_string) } else { None },
        errors: verdict.errors,
        backorder_qty: None,
        notice: None,
        children: Some(children),
        expected_date: None,
    }
}

/// The quantity a composite request asks for: the document's, or 1.
pub(super) fn requested_qty(requested: Requested) -> Option<Qty> {
    match requested {
        Requested::Qty(q) => Some(q),
        Requested::Default => Some(Qty::ONE),
        Requested::Invalid => None,
    }
}
