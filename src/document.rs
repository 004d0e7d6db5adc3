//! What the rules are given about one product (SPEC §10): its sources, reservations and settings.
//!
//! These are domain types only. How they are read from and written to JSON, with the checks of
//! SPEC §12, is the input wing's business (`crate::input`).

use crate::quantity::Qty;
use crate::settings::{Settings, StockOptions};

/// What a product page fetches and what [`crate::evaluate`] takes.
#[derive(Clone, Debug, PartialEq)]
pub struct InputDocument {
    /// The store-wide settings, Magento's *Default Config* (SPEC §2).
    pub config: StockOptions,
    /// The product to evaluate.
    pub product: Product,
    /// The quantity the shopper asks for; `None` means the product's default (SPEC §7).
    pub requested_qty: Option<Qty>,
    /// The language of the texts; absent or unknown means `en` (SPEC §12).
    pub locale: Option<String>,
}

/// One product: what the rules know of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
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
}

impl SourceItem {
    /// Enabled and in stock: the only source items whose quantity counts (SPEC §3).
    pub fn counts(&self) -> bool {
        self.source_enabled && self.status == SourceStatus::InStock
    }
}

/// A source item's status in Magento (also the product's stock status in the output).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    /// *In Stock* (`in_stock`, or Magento's `1`).
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
        Settings::resolve(config, &self.overrides, self.qty_uses_decimals.unwrap_or(false))
    }
}
