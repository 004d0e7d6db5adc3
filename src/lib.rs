//! # salable
//!
//! Adobe Commerce (Magento 2) Inventory Management availability rules for storefront widgets: is a
//! product salable, what does the product page say ("In stock", "Only X left", "Out of stock"), is
//! the requested quantity accepted, how much of it is backordered, and how orders, cancellations
//! and shipments move the salable quantity. `SPEC.md` is the source of the rules; each module cites
//! the section it implements.
//!
//! The core knows nothing of JavaScript and is tested with plain `cargo test`. The only module that
//! does is `js_api`, compiled for `wasm32` alone.
//!
//! ```
//! let json = r#"{"config":{"only_x_left_threshold":5},
//!   "product":{"sku":"24-MB01","sources":[{"source_code":"default","quantity":4,"status":"in_stock"}]}}"#;
//! let doc = salable::InputDocument::from_json(json).unwrap();
//! let out = salable::evaluate(&doc);
//! assert_eq!(out.message.text.as_deref(), Some("Only 4 left"));
//! ```

pub mod availability;
pub mod backorder;
pub mod document;
pub mod i18n;
pub mod input_error;
pub mod json_api;
pub mod json_reader;
pub mod json_writer;
pub mod ledger;
pub mod low_stock;
pub mod quantity;
pub mod request_check;
pub mod salable_qty;
pub mod settings;
pub mod storefront_message;

#[cfg(target_arch = "wasm32")]
pub mod js_api;

/// talc instead of dlmalloc: a few KB less for every shopper, and faster on the catalog path.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use availability::{evaluate, Availability};
pub use json_api::{evaluate_catalog, evaluate_json, RequestOverride};
pub use document::InputDocument;
pub use input_error::InputError;
pub use ledger::{apply_event, plan_event, Event, EventError, LedgerEffect};
pub use quantity::Qty;
