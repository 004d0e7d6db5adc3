//! The output wing: the documents the JS side reads (SPEC §11 and the playground's reports),
//! declared once with `#[derive(Serialize)]`, and written as JSON text by [`writer`] or as JS
//! objects by serde-wasm-bindgen.
//!
//! Each `…Def` mirrors a domain type field for field (`#[serde(remote)]`), so a field the rules add
//! and the contract forgets does not compile.

mod writer;

pub(crate) use writer::to_json;

use crate::availability::{Availability, RequestOutcome};
use crate::backorder::BackorderNotice;
use crate::document::SourceStatus;
use crate::ledger::EventKind;
use crate::names::name;
use crate::quantity::Qty;
use crate::request_check::{RequestError, RequestErrorCode};
use crate::salable_qty::FiguresReport;
#[cfg(feature = "full")]
use crate::settings::Settings;
use crate::settings::{Backorders, NotAvailableMessage};
use crate::storefront_message::{MessageKind, SchemaOrgAvailability, StorefrontMessage};
use serde::{Serialize, Serializer};

/// A quantity: an exact decimal in JSON text, a number for JS and serde_json.
impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_f64(self.to_f64())
        } else {
            // Our writer (and any compact format): the exact count of ten-thousandths.
            s.serialize_newtype_struct(writer::QTY_TOKEN, &self.ten_thousandths())
        }
    }
}

macro_rules! serialize_named {
    ($($type:ty),+) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(name(*self))
            }
        }
    )+};
}

serialize_named!(Backorders, NotAvailableMessage, SourceStatus, EventKind, MessageKind, SchemaOrgAvailability, RequestErrorCode);

#[derive(Serialize)]
#[serde(remote = "Availability")]
struct AvailabilityDef<'a> {
    sku: &'a str,
    is_salable: bool,
    salable_qty: Qty,
    stock_status: SourceStatus,
    #[serde(with = "StorefrontMessageDef")]
    message: StorefrontMessage,
    only_x_left: Option<Qty>,
    #[serde(with = "RequestOutcomeDef")]
    request: RequestOutcome,
    low_stock_sources: Vec<&'a str>,
    schema_org_availability: SchemaOrgAvailability,
}

#[derive(Serialize)]
#[serde(remote = "StorefrontMessage")]
struct StorefrontMessageDef {
    kind: MessageKind,
    text: Option<String>,
    /// Output once, at the top level (`only_x_left`).
    #[serde(skip)]
    #[allow(dead_code)]
    only_x_left: Option<Qty>,
}

#[derive(Serialize)]
#[serde(remote = "RequestOutcome")]
struct RequestOutcomeDef {
    qty: Option<Qty>,
    is_salable: bool,
    errors: Vec<RequestError>,
    backorder_qty: Qty,
    notice: Option<BackorderNotice>,
    reason: Option<String>,
}

#[derive(Serialize)]
#[serde(remote = "RequestError")]
struct RequestErrorDef {
    code: RequestErrorCode,
    message: String,
}

#[derive(Serialize)]
#[serde(remote = "BackorderNotice")]
struct BackorderNoticeDef {
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
#[serde(remote = "FiguresReport")]
struct FiguresReportDef {
    quantity_on_hand: Qty,
    reserved: Qty,
    threshold: Qty,
    salable: Qty,
}

macro_rules! serialize_through_def {
    ($($type:ty => $def:ty),+ $(,)?) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$def>::serialize(self, s)
            }
        }
    )+};
}

serialize_through_def!(
    Availability<'_> => AvailabilityDef,
    RequestError => RequestErrorDef,
    BackorderNotice => BackorderNoticeDef,
    FiguresReport => FiguresReportDef,
);

/// Every setting in force after config, overrides and defaults (SPEC §2), for a preview that shows
/// what "Use Config Settings" inherits; `effective_threshold` is the `T` the rules use.
#[cfg(feature = "full")]
#[derive(Serialize)]
pub(crate) struct EffectiveSettings {
    manage_stock: bool,
    backorders: Backorders,
    out_of_stock_threshold: Qty,
    effective_threshold: Qty,
    min_sale_qty: Qty,
    max_sale_qty: Qty,
    notify_for_quantity_below: Qty,
    enable_qty_increments: bool,
    qty_increments: Qty,
    only_x_left_threshold: Qty,
    display_stock_status: bool,
    not_available_message: NotAvailableMessage,
    qty_uses_decimals: bool,
}

#[cfg(feature = "full")]
impl From<&Settings> for EffectiveSettings {
    fn from(s: &Settings) -> Self {
        EffectiveSettings {
            manage_stock: s.manage_stock,
            backorders: s.backorders,
            out_of_stock_threshold: s.out_of_stock_threshold,
            effective_threshold: s.effective_threshold(),
            min_sale_qty: s.min_sale_qty,
            max_sale_qty: s.max_sale_qty,
            notify_for_quantity_below: s.notify_for_quantity_below,
            enable_qty_increments: s.enable_qty_increments,
            qty_increments: s.qty_increments,
            only_x_left_threshold: s.only_x_left_threshold,
            display_stock_status: s.display_stock_status,
            not_available_message: s.not_available_message,
            qty_uses_decimals: s.qty_uses_decimals,
        }
    }
}

/// One slot of a catalog's answer for a product that could not be read.
#[cfg(feature = "full")]
#[derive(Serialize)]
pub(crate) struct RefusedSlot<'a> {
    pub sku: Option<&'a str>,
    /// `path: problem`, as the error of a single document reads.
    pub error: String,
}
