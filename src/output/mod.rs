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
    message: StorefrontMessage,
    only_x_left: Option<Qty>,
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
    StorefrontMessage => StorefrontMessageDef,
    RequestOutcome => RequestOutcomeDef,
    RequestError => RequestErrorDef,
    BackorderNotice => BackorderNoticeDef,
    FiguresReport => FiguresReportDef,
);

/// Every setting in force after config, overrides and defaults (SPEC §2), for a preview that shows
/// what "Use Config Settings" inherits; `effective_threshold` is the `T` the rules use.
#[cfg(feature = "full")]
#[derive(Serialize)]
#[serde(remote = "Settings")]
struct SettingsDef {
    manage_stock: bool,
    backorders: Backorders,
    out_of_stock_threshold: Qty,
    #[serde(getter = "Settings::effective_threshold")]
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
serialize_through_def!(Settings => SettingsDef);

/// One slot of a catalog's answer for a product that could not be read.
#[cfg(feature = "full")]
#[derive(Serialize)]
pub(crate) struct RefusedSlot<'a> {
    pub sku: Option<&'a str>,
    /// `path: problem`, as the error of a single document reads.
    pub error: String,
}

/// A remote `Serialize` derive does not notice a domain field its `…Def` lacks; these tests do:
/// every field the domain type's `Debug` shows must be written, under the same name.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse;
    use std::collections::BTreeSet;

    /// Field names at the top level of a `Debug` rendering (`Name { a: …, b: Some(X { c: … }) }`).
    fn debug_fields(debug: &str) -> BTreeSet<String> {
        let body = &debug[debug.find('{').unwrap() + 1..debug.rfind('}').unwrap()];
        let (mut depth, mut fields, mut token) = (0, BTreeSet::new(), String::new());
        let mut in_string = false;
        for c in body.chars() {
            match c {
                '"' => in_string = !in_string,
                _ if in_string => {}
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth -= 1,
                ':' if depth == 0 && !token.trim().is_empty() => {
                    fields.insert(token.trim().trim_start_matches(',').trim().to_string());
                    token.clear();
                    continue;
                }
                ',' if depth == 0 => token.clear(),
                _ => {}
            }
            if depth == 0 && c != ',' {
                token.push(c);
            } else if depth == 0 {
                token.clear();
            }
        }
        fields
    }

    fn json_keys<T: Serialize>(value: &T) -> BTreeSet<String> {
        let mut text = String::new();
        to_json(value, &mut text);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v.as_object().unwrap().keys().cloned().collect()
    }

    fn assert_written<T: Serialize + std::fmt::Debug>(value: &T, skipped: &[&str], computed: &[&str]) {
        let mut fields = debug_fields(&format!("{value:?}"));
        for s in skipped {
            assert!(fields.remove(*s), "{s} is not a field any more");
        }
        let mut keys = json_keys(value);
        for c in computed {
            assert!(keys.remove(*c), "{c} is not written any more");
        }
        assert_eq!(fields, keys, "the output declaration and the domain type disagree");
    }

    #[test]
    fn every_domain_field_is_written() {
        let doc = parse(
            r#"{"config":{"backorders":"allow_notify","min_sale_qty":2},"product":{"sku":"a","name":"N",
              "sources":[{"source_code":"s","quantity":1,"status":1,"notify_for_quantity_below":5}]},"requested_qty":4}"#,
        )
        .unwrap();
        let out = crate::evaluate(&doc);
        assert!(out.request.notice.is_some(), "the sample must have a notice to check its fields");
        assert_written(&out, &[], &[]);
        assert_written(&out.message, &["only_x_left"], &[]);
        assert_written(&out.request, &[], &[]);
        assert_written(out.request.notice.as_ref().unwrap(), &[], &[]);
        let refused = parse(r#"{"config":{"min_sale_qty":2},"product":{"sku":"a","sources":[]},"requested_qty":1}"#).unwrap();
        assert_written(&crate::evaluate(&refused).request.errors[0], &[], &[]);
        let figures = crate::salable_qty::StockFigures::of(&doc.product, &doc.settings());
        assert_written(&FiguresReport::from(&figures), &[], &[]);
        #[cfg(feature = "full")]
        assert_written(&doc.settings(), &[], &["effective_threshold"]);
    }
}
