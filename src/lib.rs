// The full API's fast UTF-8 copy writes into a vector's spare capacity (src/js_api/full.rs); every
// other build, the element's module included, has no unsafe code at all.
#![cfg_attr(not(all(target_arch = "wasm32", feature = "full")), forbid(unsafe_code))]
#![cfg_attr(all(target_arch = "wasm32", feature = "full"), deny(unsafe_code))]
#![warn(missing_docs)]
//! # salable
//!
//! Adobe Commerce (Magento 2) Inventory Management availability rules for storefront widgets: is a
//! product salable, what does the product page say ("In stock", "Only X left", "Out of stock"), is
//! the requested quantity accepted, how much of it is backordered, and how orders, cancellations
//! and shipments move the salable quantity. `SPEC.md` is the source of the rules; each module cites
//! the section it implements.
//!
//! The core knows nothing of JavaScript and is tested with plain `cargo test`. The only module that
//! does is `js_api`, compiled for `wasm32` alone. Documents are read and written with serde
//! (`InputDocument: Deserialize + Serialize`, `Availability: Serialize`), through the crate's own
//! JSON text reader and writer, or any serde format.
//!
//! ```
//! let json = r#"{"config":{"only_x_left_threshold":5},
//!   "product":{"sku":"24-MB01","sources":[{"source_code":"default","quantity":4,"status":"in_stock"}]}}"#;
//! let doc = salable::InputDocument::from_json(json).unwrap();
//! let out = salable::evaluate(&doc);
//! assert_eq!(out.message.text.as_deref(), Some("Only 4 left"));
//! ```

// Rule modules: domain types and the functions of one SPEC section each. They import neither
// `json` nor `contract`, nor anything above them.
mod availability;
mod backorder;
mod date;
mod document;
mod error;
mod i18n;
mod ledger;
mod low_stock;
mod outcome;
#[cfg(feature = "pickup")]
mod pickup;
mod product_types;
mod quantity;
mod request_check;
mod restock;
mod salable_qty;
mod settings;
mod stocked;
mod storefront_message;

// The JSON format engine: tokenizer, serde Deserializer and Serializer. It knows no document.
mod json;

// The contract: every document, one file per family, with its TypeScript.
mod contract;

// Entry points over text (and `renderHtml`'s markup), for the binding and for native callers.
#[cfg(feature = "full")]
mod html;
mod json_api;

#[cfg(target_arch = "wasm32")]
pub mod js_api;

/// talc instead of dlmalloc: a few KB less for every shopper, and faster on the catalog path.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// What a user of the crate calls, and the types in those calls and their results. Users: the
// bridge, the fuzz targets, the native bench, `tests/` and the examples.
pub use availability::evaluate;
pub use backorder::BackorderNotice;
#[cfg(feature = "full")]
pub use contract::{RenderOptions, RenderedHtml};
pub use date::Date;
pub use document::{
    BundleOption, BundlePick, BundleSelection, Choice, GeoPoint, InputDocument, PickupLocation, Product, ProductType, Reservation,
    SourceItem, SourceStatus,
};
pub use error::InputError;
#[cfg(feature = "full")]
pub use json_api::{evaluate_catalog, render_html};
pub use json_api::{evaluate_json, RequestOverride};
pub use ledger::{apply_event, open_qty, Event, EventError, EventKind};
pub use outcome::{
    AttributeOptions, BundleOptionStatus, ChildLine, ChildRequest, OptionValue, ParentStatus, ProductOptions, SelectionStatus,
};
pub use outcome::{Availability, Pickup, PickupStore, RequestOutcome, Restock};
pub use quantity::{Qty, QtyError};
pub use request_check::{RequestError, RequestErrorCode};
pub use salable_qty::StockFigures;
pub use settings::{Backorders, NotAvailableMessage, Settings, StockOptions};
pub use storefront_message::{MessageKind, SchemaOrgAvailability, StorefrontMessage};
