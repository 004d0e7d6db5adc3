//! Composite products (SPEC §13.2–13.6): configurable, bundle and grouped parents. They have no stock
//! of their own; each child is a product evaluated by the same rules as any other (SPEC §3–9), under
//! the parent document's config. Nothing here re-states a stock rule: it combines children's answers.

mod bundle;
mod configurable;
mod grouped;

use crate::availability::{Availability, RequestOutcome, Requested};
use crate::backorder::BackorderNotice;
use crate::document::{Choice, Product, ProductType, SourceStatus};
use crate::i18n::{Locale, Message};
use crate::quantity::Qty;
use crate::request_check::{RequestError, RequestErrorCode};
use crate::salable_qty::StockFigures;
use crate::settings::{Settings, StockOptions};
use crate::storefront_message::{storefront_message, SchemaOrgAvailability, StorefrontMessage};

/// The parent's own answer, when the top level answers for a named child (SPEC §13.6).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParentStatus {
    /// Whether the parent is salable: its own rule and its type's.
    pub is_salable: bool,
    /// `InStock` exactly when the parent is salable.
    pub stock_status: SourceStatus,
}

/// What a composite page offers (SPEC §13.3, §13.4).
#[derive(Clone, Debug, PartialEq)]
pub enum ProductOptions<'a> {
    /// A configurable product's attributes, in first-seen order.
    Configurable(Vec<AttributeOptions<'a>>),
    /// A bundle's options, in order.
    Bundle(Vec<BundleOptionStatus<'a>>),
}

/// One attribute of a configurable product and its values, in first-seen order.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributeOptions<'a> {
    /// The attribute code (`size`).
    pub code: &'a str,
    /// Its values.
    pub values: Vec<OptionValue<'a>>,
}

/// One value of a configurable product's attribute, as a swatch shows it (SPEC §13.3).
#[derive(Clone, Debug, PartialEq)]
pub struct OptionValue<'a> {
    /// The value (`M`).
    pub value: &'a str,
    /// Shown at all: some enabled child has it, and is salable unless out-of-stock products show.
    pub offered: bool,
    /// Can be bought with the rest of the current selection.
    pub available: bool,
}

/// One bundle option and whether each of its selections can be chosen (SPEC §13.4).
#[derive(Clone, Debug, PartialEq)]
pub struct BundleOptionStatus<'a> {
    /// The option's id.
    pub id: &'a str,
    /// The option's title.
    pub title: Option<&'a str>,
    /// Whether a choice is required.
    pub required: bool,
    /// Its selections, in order.
    pub selections: Vec<SelectionStatus<'a>>,
}

/// One bundle selection.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectionStatus<'a> {
    /// The selection's id.
    pub id: &'a str,
    /// The child's sku.
    pub sku: &'a str,
    /// `selection_ok`: the child is salable in the quantity the selection takes.
    pub available: bool,
}

/// One line of a grouped product's page (SPEC §13.5).
#[derive(Clone, Debug, PartialEq)]
pub struct ChildLine<'a> {
    /// The child's sku.
    pub sku: &'a str,
    /// The child's name.
    pub name: Option<&'a str>,
    /// Whether the child is salable.
    pub is_salable: bool,
    /// The child's own storefront message (SPEC §5).
    pub message: StorefrontMessage,
    /// The quantity the form starts with.
    pub default_qty: Qty,
}

/// The verdict on one child of a bundle or grouped request (SPEC §13.4, §13.5).
#[derive(Clone, Debug, PartialEq)]
pub struct ChildRequest<'a> {
    /// The child's sku.
    pub sku: &'a str,
    /// The quantity of the child the request takes.
    pub qty: Qty,
    /// Whether that quantity is accepted.
    pub is_salable: bool,
    /// Why not, with Magento's codes (SPEC §7).
    pub errors: Vec<RequestError>,
    /// How much of it is backordered (SPEC §6).
    pub backorder_qty: Qty,
    /// The backorder notice, if any (SPEC §6).
    pub notice: Option<BackorderNotice>,
}

/// Evaluates a composite parent (SPEC §13.2–13.6).
pub(crate) fn evaluate<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Locale,
) -> Availability<'a> {
    match product.product_type {
        ProductType::Configurable => configurable::evaluate(config, product, requested, choice, locale),
        ProductType::Bundle => bundle::evaluate(config, product, requested, choice, locale),
        _ => grouped::evaluate(config, product, requested, choice, locale),
    }
}

/// A child's settings and figures under the parent document's config.
struct Child<'a> {
    product: &'a Product,
    settings: Settings,
    figures: StockFigures,
    /// `child_salable(c) = c.enabled and §4(c)` (SPEC §13.2).
    salable: bool,
}

impl<'a> Child<'a> {
    fn of(config: &StockOptions, product: &'a Product) -> Child<'a> {
        let settings = product.settings(config);
        let figures = StockFigures::of(product, &settings);
        let salable = product.enabled && figures.is_salable(&settings);
        Child { product, settings, figures, salable }
    }

    /// §7 at `qty`, with the backorder quantity and notice of §6; a disabled child is refused.
    fn request(&self, qty: Qty, locale: Locale) -> ChildRequest<'a> {
        let errors = if self.product.enabled {
            crate::request_check::check_request(qty, &self.settings, &self.figures, locale).errors
        } else {
            vec![refusal(RequestErrorCode::ProductNotAvailable, locale)]
        };
        let is_salable = errors.is_empty();
        let backorder_qty = if is_salable { crate::backorder::backorder_qty(qty, &self.settings, &self.figures) } else { Qty::ZERO };
        ChildRequest {
            sku: &self.product.sku,
            qty,
            is_salable,
            errors,
            backorder_qty,
            notice: crate::backorder::notice(backorder_qty, &self.settings, self.product.name.as_deref(), locale),
        }
    }
}

/// The parent's own rule: enabled, and its *Stock Status* in stock unless its stock is not managed
/// (SPEC §13.2, §13.6).
fn parent_rule(product: &Product, settings: &Settings) -> bool {
    product.enabled && (product.stock_flag == SourceStatus::InStock || !settings.manage_stock)
}

fn refusal(code: RequestErrorCode, locale: Locale) -> RequestError {
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
fn parent_answer<'a>(
    product: &'a Product,
    settings: &Settings,
    salable: bool,
    request: RequestOutcome<'a>,
    locale: Locale,
) -> Availability<'a> {
    // A parent has no sources: its figures are all zero, so §5 gives in stock or out of stock.
    let figures = StockFigures::of(product, settings);
    let mut message = storefront_message(settings, &figures, salable, locale);
    message.only_x_left = None;
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
    }
}

fn status(salable: bool) -> SourceStatus {
    if salable {
        SourceStatus::InStock
    } else {
        SourceStatus::OutOfStock
    }
}

/// A request refused whole with one error.
fn refused_request<'a>(qty: Option<Qty>, error: RequestError, salable: bool) -> RequestOutcome<'a> {
    RequestOutcome {
        qty,
        is_salable: false,
        reason: salable.then(|| error.message.clone()),
        errors: vec![error],
        backorder_qty: Some(Qty::ZERO),
        notice: None,
        children: None,
        expected_date: None,
    }
}

/// A bundle's or grouped product's request from its children's verdicts (SPEC §13.6): refused if any
/// child is, errors joined in order, no backorder quantity or notice of its own.
fn children_request<'a>(qty: Option<Qty>, children: Vec<ChildRequest<'a>>, salable: bool) -> RequestOutcome<'a> {
    let errors: Vec<RequestError> = children.iter().flat_map(|c| c.errors.iter().cloned()).collect();
    RequestOutcome {
        qty,
        is_salable: errors.is_empty(),
        reason: if salable { errors.last().map(|e| e.message.clone()) } else { None },
        errors,
        backorder_qty: None,
        notice: None,
        children: Some(children),
        expected_date: None,
    }
}

/// The quantity a composite request asks for: the document's, or 1.
fn requested_qty(requested: Requested) -> Option<Qty> {
    match requested {
        Requested::Qty(q) => Some(q),
        Requested::Default => Some(Qty::ONE),
        Requested::Invalid => None,
    }
}
