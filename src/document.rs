//! What the rules are given about one product (SPEC §10): its sources, reservations and settings.
//!
//! These are domain types only. How they are read from and written to JSON, with the checks of
//! SPEC §12, is the input wing's business (`crate::input`).

use crate::quantity::Qty;
use crate::settings::{Settings, StockOptions};

/// What a product page fetches and what [`crate::evaluate`] takes.
#[derive(Clone, Debug, PartialEq)]
pub struct InputDocument {
    pub config: StockOptions,
    pub product: Product,
    pub requested_qty: Option<Qty>,
    pub locale: Option<String>,
}

/// One product: what the rules know of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    pub sku: String,
    pub name: Option<String>,
    pub qty_uses_decimals: Option<bool>,
    pub overrides: StockOptions,
    pub sources: Vec<SourceItem>,
    pub reservations: Vec<Reservation>,
}

/// One source's stock of the product.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceItem {
    pub source_code: String,
    pub quantity: Qty,
    pub status: SourceStatus,
    pub source_enabled: bool,
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
    InStock,
    OutOfStock,
}

/// A signed quantity written when something happens to an order (SPEC §1, §8).
#[derive(Clone, Debug, PartialEq)]
pub struct Reservation {
    pub quantity: Qty,
    pub event: Option<String>,
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
