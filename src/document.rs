//! What the rules are given about one product (SPEC §10): its sources, reservations and settings.
//!
//! These are domain types only. How they are read from and written to JSON, with the checks of
//! SPEC §12, is the input wing's business (`crate::input`).

use crate::date::Date;
use crate::quantity::Qty;
use crate::settings::{Settings, StockOptions};

/// What a product page fetches and what [`crate::evaluate`] takes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputDocument {
    /// The store-wide settings, Magento's *Default Config* (SPEC §2).
    pub config: StockOptions,
    /// The product to evaluate.
    pub product: Product,
    /// The quantity the shopper asks for; `None` means the product's default (SPEC §7).
    pub requested_qty: Option<Qty>,
    /// The language of the texts; absent or unknown means `en` (SPEC §12).
    pub locale: Option<String>,
    /// The shopper's choice on a composite product's page (SPEC §13.6).
    pub choice: Choice,
    /// The date the document is evaluated on; restock dates before it are stale (SPEC §14).
    pub today: Option<Date>,
    /// The shopper's approximate position, which orders pickup stores by distance (SPEC §17).
    #[cfg(feature = "pickup")]
    pub near: Option<GeoPoint>,
}

/// A point on Earth in decimal degrees: latitude −90…90, longitude −180…180 (SPEC §17).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoPoint {
    /// Degrees north (negative: south).
    pub latitude: f64,
    /// Degrees east (negative: west).
    pub longitude: f64,
}

/// A source that is an active in-store pickup location, as Magento's pickup extension attributes
/// and the source's address describe it (SPEC §17). Present on a source item only when its source
/// is one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PickupLocation {
    /// The store's name for shoppers (Magento's `frontend_name`); never empty.
    pub name: String,
    /// Magento's `frontend_description`.
    pub description: Option<String>,
    /// The source's street.
    pub street: Option<String>,
    /// The source's city.
    pub city: Option<String>,
    /// The source's postcode.
    pub postcode: Option<String>,
    /// The source's region, as text.
    pub region: Option<String>,
    /// The source's country (ISO 3166-1 alpha-2, as Magento stores it).
    pub country_id: Option<String>,
    /// The source's phone.
    pub phone: Option<String>,
    /// Where the store is; given with `longitude` or not at all.
    pub latitude: Option<f64>,
    /// Where the store is; given with `latitude` or not at all.
    pub longitude: Option<f64>,
}

impl PickupLocation {
    /// The store's position, when both coordinates are given.
    pub fn position(&self) -> Option<GeoPoint> {
        Some(GeoPoint { latitude: self.latitude?, longitude: self.longitude? })
    }
}

/// What a shopper chose on a composite product's page (SPEC §13.3–13.6). Empty for simple products.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    /// A configurable product's child, by sku.
    pub variant: Option<String>,
    /// A configurable product's attribute values, attribute code → value (complete or partial).
    pub selection: Option<Vec<(String, String)>>,
    /// A bundle's choices: option id → the selections picked in it.
    pub bundle_selection: Option<Vec<(String, Vec<BundlePick>)>>,
    /// A grouped product's quantities: child sku → quantity.
    pub grouped_qty: Option<Vec<(String, Qty)>>,
}

/// One selection picked in a bundle option.
#[derive(Clone, Debug, PartialEq)]
pub struct BundlePick {
    /// The selection's id.
    pub selection_id: String,
    /// The quantity, where the selection lets the shopper change it; `None` means 1.
    pub qty: Option<Qty>,
}

/// Magento's product types (SPEC §13).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProductType {
    /// Stock from its own sources (SPEC §1–12).
    #[default]
    Simple,
    /// Like simple, without weight.
    Virtual,
    /// Like simple; never decimal quantities (SPEC §13.1).
    Downloadable,
    /// A parent with one child per combination of attribute values (SPEC §13.3).
    Configurable,
    /// A kit built from options of children (SPEC §13.4).
    Bundle,
    /// A set of children sold side by side (SPEC §13.5).
    Grouped,
}

impl ProductType {
    /// Configurable, bundle and grouped: no stock of their own (SPEC §13.2).
    pub fn is_composite(self) -> bool {
        matches!(self, ProductType::Configurable | ProductType::Bundle | ProductType::Grouped)
    }
}

/// One option of a bundle (SPEC §13.4).
#[derive(Clone, Debug, PartialEq)]
pub struct BundleOption {
    /// The option's id (Magento's numbers are read as their decimal text).
    pub id: String,
    /// The option's title.
    pub title: Option<String>,
    /// Whether the shopper must pick a selection in it.
    pub required: bool,
    /// The children it offers.
    pub selections: Vec<BundleSelection>,
}

/// One child offered by a bundle option.
#[derive(Clone, Debug, PartialEq)]
pub struct BundleSelection {
    /// The selection's id.
    pub id: String,
    /// The quantity of the child in one bundle (the default when the shopper may change it).
    pub qty: Qty,
    /// Whether the shopper may change the quantity.
    pub can_change_qty: bool,
    /// The child product.
    pub child: Product,
}

/// One product: what the rules know of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    /// Magento's product type; absent means `simple` (SPEC §13).
    pub product_type: ProductType,
    /// The product's SKU.
    pub sku: String,
    /// The product's name, used in the backorder notice (SPEC §6).
    pub name: Option<String>,
    /// Whether decimal quantities may be ordered; absent means `false` (SPEC §2).
    pub qty_uses_decimals: Option<bool>,
    /// The product's own settings, with *Use Config Settings* unticked (SPEC §2).
    pub overrides: StockOptions,
    /// The source items of the sources linked to the stock (SPEC §1).
    pub sources: Vec<SourceItem>,
    /// Every reservation written for the product's orders (SPEC §1, §8).
    pub reservations: Vec<Reservation>,
    /// Whether the product is enabled; a disabled child is never salable (SPEC §13.2).
    pub enabled: bool,
    /// A composite parent's own *Stock Status* (SPEC §13.2).
    pub stock_flag: SourceStatus,
    /// A configurable child's attribute values, in order: attribute code → value (SPEC §13.3).
    pub attributes: Vec<(String, String)>,
    /// A grouped child's default quantity (SPEC §13.5).
    pub default_qty: Qty,
    /// A configurable or grouped parent's children (SPEC §13.3, §13.5).
    pub children: Vec<Product>,
    /// A bundle's options (SPEC §13.4).
    pub options: Vec<BundleOption>,
    /// When the product is expected back in stock (SPEC §14).
    pub restock_date: Option<Date>,
}

/// One source's stock of the product.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceItem {
    /// The source's code, unique within the product (SPEC §12).
    pub source_code: String,
    /// The quantity the source holds; may be negative.
    pub quantity: Qty,
    /// Whether the source item is in stock.
    pub status: SourceStatus,
    /// Whether the source itself is enabled.
    pub source_enabled: bool,
    /// This source item's own low-stock level; `None` means the product's setting (SPEC §9).
    pub notify_for_quantity_below: Option<Qty>,
    /// The store shoppers may pick the product up from, when the source is a pickup location (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup: Option<PickupLocation>,
}

impl Default for Product {
    /// An enabled simple product with no sources, settings or children.
    fn default() -> Self {
        Product {
            product_type: ProductType::Simple,
            sku: String::new(),
            name: None,
            qty_uses_decimals: None,
            overrides: StockOptions::default(),
            sources: Vec::new(),
            reservations: Vec::new(),
            enabled: true,
            stock_flag: SourceStatus::InStock,
            attributes: Vec::new(),
            default_qty: Qty::ZERO,
            children: Vec::new(),
            options: Vec::new(),
            restock_date: None,
        }
    }
}

impl SourceItem {
    /// Enabled and in stock: the only source items whose quantity counts (SPEC §3).
    pub fn counts(&self) -> bool {
        self.source_enabled && self.status == SourceStatus::InStock
    }
}

/// A source item's status in Magento (also the product's stock status in the output).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceStatus {
    /// *In Stock* (`in_stock`, or Magento's `1`).
    #[default]
    InStock,
    /// *Out of Stock* (`out_of_stock`, or Magento's `0`).
    OutOfStock,
}

/// A signed quantity written when something happens to an order (SPEC §1, §8).
#[derive(Clone, Debug, PartialEq)]
pub struct Reservation {
    /// Signed: −q when an order is placed, +q when it is cancelled or shipped (SPEC §1).
    pub quantity: Qty,
    /// The event that wrote it (`order_placed`, `order_canceled`, `shipment_created`), if known.
    pub event: Option<String>,
    /// The order it belongs to, if known.
    pub order_id: Option<String>,
}

impl InputDocument {
    /// The settings in force for this product (SPEC §2).
    pub fn settings(&self) -> Settings {
        self.product.settings(&self.config)
    }
}

impl Product {
    /// The settings in force for this product under `config` (SPEC §2).
    pub fn settings(&self, config: &StockOptions) -> Settings {
        // A downloadable product never takes decimal quantities (SPEC §13.1).
        let decimals = self.qty_uses_decimals.unwrap_or(false) && self.product_type != ProductType::Downloadable;
        Settings::resolve(config, &self.overrides, decimals)
    }
}
