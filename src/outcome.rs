//! What the rules decide about one product, before any JSON: the answer (SPEC §11), the verdict on
//! a request (SPEC §6–7), and what composite pages show (SPEC §13). The output wing writes these.

use crate::backorder::BackorderNotice;
use crate::date::Date;
use crate::document::{PickupLocation, SourceStatus};
use crate::quantity::Qty;
use crate::request_check::RequestError;
use crate::storefront_message::{SchemaOrgAvailability, StorefrontMessage};

/// What `evaluate` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Availability<'a> {
    /// The product's SKU, as given.
    pub sku: &'a str,
    /// Whether the product is salable (SPEC §4).
    pub is_salable: bool,
    /// `S` when the product is salable, `0` when it is not; may be negative with unlimited backorders
    /// (SPEC §4). `None` for a composite parent with no child named (SPEC §13.2).
    pub salable_qty: Option<Qty>,
    /// `InStock` exactly when the product is salable.
    pub stock_status: SourceStatus,
    /// What the product page says (SPEC §5).
    pub message: StorefrontMessage,
    /// The number in "Only X left", or `None` when that message is not shown (SPEC §5).
    pub only_x_left: Option<Qty>,
    /// The verdict on the requested quantity (SPEC §6–7).
    pub request: RequestOutcome<'a>,
    /// The codes of the sources whose stock is low, for the merchant (SPEC §9).
    pub low_stock_sources: Vec<&'a str>,
    /// The schema.org availability for the page's structured data (SPEC §11).
    pub schema_org_availability: SchemaOrgAvailability,
    /// Configurable products only: the child named, or `Some(None)` (SPEC §13.3).
    pub variant: Option<Option<&'a str>>,
    /// With a child named, the parent's own answer (SPEC §13.6).
    pub parent: Option<ParentStatus>,
    /// Configurable and bundle products: what the page offers (SPEC §13.3, §13.4).
    pub options: Option<ProductOptions<'a>>,
    /// Bundles only: how many the stock builds, when known (SPEC §13.4).
    pub buildable_qty: Option<Option<Qty>>,
    /// Grouped products only: a line per child (SPEC §13.5).
    pub children: Option<Vec<ChildLine<'a>>>,
    /// When a product that is not salable is expected back (SPEC §14).
    pub restock: Option<Restock>,
    /// The restock date in force, whenever `schema_org_availability` is `BackOrder` or `OutOfStock`,
    /// for JSON-LD's `availabilityStarts` (SPEC §14).
    pub schema_org_availability_starts: Option<Date>,
    /// Which pickup stores have the request on the shelf; `None` when pickup is off or no enabled
    /// source is a pickup location, and for composite parents without a named child (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup: Option<Pickup<'a>>,
}

/// In-store pickup on the product page (SPEC §17). No quantity is ever part of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pickup<'a> {
    /// How many of `locations` are available.
    pub available_count: usize,
    /// "Pickup available at {name}. Also at {n} other stores", or "Pickup currently unavailable".
    pub message: String,
    /// Every pickup store, in document order or by distance from the shopper.
    pub locations: Vec<PickupStore<'a>>,
}

/// One pickup store and its verdict for the request (SPEC §17).
#[derive(Clone, Debug, PartialEq)]
pub struct PickupStore<'a> {
    /// The source's code.
    pub source_code: &'a str,
    /// The store as the document describes it: name, description, address, phone.
    pub location: &'a PickupLocation,
    /// Whether the store's own shelf holds the request.
    pub available: bool,
    /// The distance from the shopper, rounded half up to 0.1 km; `None` without a position.
    pub distance_km: Option<Qty>,
    /// "Available for pickup" or "Currently unavailable", in the document's language.
    pub text: String,
}

/// The verdict on the requested quantity (SPEC §6–7).
#[derive(Clone, Debug, PartialEq)]
pub struct RequestOutcome<'a> {
    /// The quantity checked; `None` when what was asked is not a number above 0.
    pub qty: Option<Qty>,
    /// Whether the request is accepted (SPEC §7).
    pub is_salable: bool,
    /// Why the request is refused, in Magento's order; empty when it is accepted (SPEC §7).
    pub errors: Vec<RequestError>,
    /// The part of an accepted request that will be backordered; `0` otherwise (SPEC §6). `None`
    /// for bundles and grouped products, whose children carry their own (SPEC §13.6).
    pub backorder_qty: Option<Qty>,
    /// The backorder notice, shown only with *Allow Qty Below 0 and Notify Customer* (SPEC §6).
    pub notice: Option<BackorderNotice>,
    /// What the shopper reads under the message when the request is refused: the last error's text
    /// (SPEC §7, §12), while the product itself is salable (otherwise the message says it all).
    pub reason: Option<String>,
    /// Bundles and grouped products: each child's verdict (SPEC §13.4, §13.5).
    pub children: Option<Vec<ChildRequest<'a>>>,
    /// When a backordered request is expected to ship: the restock date in force, when the notice
    /// is shown (SPEC §14).
    pub expected_date: Option<Date>,
}

/// The quantity a shopper asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Requested {
    /// None named: the product's default (SPEC §7).
    Default,
    /// This quantity.
    Qty(Qty),
    /// Not a number above 0 (a typo in a quantity box): refused with `qty-invalid`.
    Invalid,
}

impl From<Option<Qty>> for Requested {
    fn from(q: Option<Qty>) -> Requested {
        q.map_or(Requested::Default, Requested::Qty)
    }
}

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
    /// What the shopper reads on this child's line when it is refused: the last error's text (SPEC §7).
    pub reason: Option<String>,
}

/// When an out-of-stock product is expected back: shown under "Out of stock" (SPEC §14).
#[derive(Clone, Debug, PartialEq)]
pub struct Restock {
    /// The expected date.
    pub date: Date,
    /// "Expected back {date}.", in the document's locale, the date in CLDR's long form.
    pub text: String,
}
