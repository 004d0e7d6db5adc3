//! Composite products (SPEC §13.2–13.6): configurable, bundle and grouped parents. They have no stock
//! of their own; each child is a product evaluated by the same rules as any other (SPEC §3–9), under
//! the parent document's config. Nothing here re-states a stock rule: it combines children's answers.
//!
//! The types below are always built (they are part of the output); the evaluation only with the
//! `composite` feature, which the element's first module leaves out.

#[cfg(feature = "composite")]
mod bundle;
#[cfg(feature = "composite")]
mod configurable;
#[cfg(feature = "composite")]
mod evaluation;
#[cfg(feature = "composite")]
mod grouped;
#[cfg(feature = "composite")]
pub(crate) use evaluation::evaluate;
#[cfg(feature = "composite")]
use evaluation::*;

use crate::backorder::BackorderNotice;
use crate::document::SourceStatus;
use crate::quantity::Qty;
use crate::request_check::RequestError;
use crate::storefront_message::StorefrontMessage;

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
