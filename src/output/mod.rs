//! The output wing: the documents the JS side reads (SPEC §11 and the playground's reports),
//! declared once with `#[derive(Serialize)]`, and written as JSON text by [`writer`] or as JS
//! objects by serde-wasm-bindgen.
//!
//! Each `…Def` mirrors a domain type field for field (`#[serde(remote)]`), so a field the rules add
//! and the contract forgets does not compile.

#[cfg(feature = "full")]
pub(crate) mod html;
mod writer;

pub(crate) use writer::to_json;

use crate::backorder::BackorderNotice;
use crate::date::Date;
use crate::document::{ProductType, SourceStatus};
use crate::ledger::EventKind;
use crate::names::name;
use crate::outcome::Restock;
use crate::outcome::{Availability, RequestOutcome};
use crate::outcome::{BundleOptionStatus, ChildLine, ChildRequest, OptionValue, ParentStatus, ProductOptions, SelectionStatus};
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
            // A whole number as an integer (`100`, not serde_json's `100.0`).
            match self.as_whole() {
                Some(n) => s.serialize_i64(n),
                None => s.serialize_f64(self.to_f64()),
            }
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

serialize_named!(
    Backorders,
    NotAvailableMessage,
    SourceStatus,
    EventKind,
    MessageKind,
    SchemaOrgAvailability,
    RequestErrorCode,
    ProductType
);

#[derive(Serialize)]
#[serde(remote = "Availability")]
struct AvailabilityDef<'a> {
    sku: &'a str,
    is_salable: bool,
    salable_qty: Option<Qty>,
    stock_status: SourceStatus,
    message: StorefrontMessage,
    only_x_left: Option<Qty>,
    request: RequestOutcome<'a>,
    low_stock_sources: Vec<&'a str>,
    schema_org_availability: SchemaOrgAvailability,
    restock: Option<Restock>,
    schema_org_availability_starts: Option<Date>,
    // Composite products only (SPEC §13): absent for the others.
    #[cfg(feature = "composite")]
    #[serde(skip_serializing_if = "Option::is_none")]
    variant: Option<Option<&'a str>>,
    #[cfg(feature = "composite")]
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<ParentStatus>,
    #[cfg(feature = "composite")]
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<ProductOptions<'a>>,
    #[cfg(feature = "composite")]
    #[serde(skip_serializing_if = "Option::is_none")]
    buildable_qty: Option<Option<Qty>>,
    #[cfg(feature = "composite")]
    #[serde(skip_serializing_if = "Option::is_none")]
    children: Option<Vec<ChildLine<'a>>>,
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
struct RequestOutcomeDef<'a> {
    qty: Option<Qty>,
    is_salable: bool,
    errors: Vec<RequestError>,
    backorder_qty: Option<Qty>,
    notice: Option<BackorderNotice>,
    reason: Option<String>,
    expected_date: Option<Date>,
    #[cfg(feature = "composite")]
    #[serde(skip_serializing_if = "Option::is_none")]
    children: Option<Vec<ChildRequest<'a>>>,
    /// Keeps `'a` used when `children`, above, is left out with the `composite` feature.
    #[cfg(not(feature = "composite"))]
    #[serde(skip)]
    #[allow(dead_code)]
    children: std::marker::PhantomData<&'a ()>,
}

#[derive(Serialize)]
#[serde(remote = "Restock")]
struct RestockDef {
    date: Date,
    text: String,
}

/// A date as ISO `YYYY-MM-DD` text (SPEC §14).
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

#[derive(Serialize)]
#[serde(remote = "ParentStatus")]
struct ParentStatusDef {
    is_salable: bool,
    stock_status: SourceStatus,
}

#[derive(Serialize)]
#[serde(remote = "OptionValue")]
struct OptionValueDef<'a> {
    value: &'a str,
    offered: bool,
    available: bool,
}

#[derive(Serialize)]
#[serde(remote = "BundleOptionStatus")]
struct BundleOptionStatusDef<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    required: bool,
    selections: Vec<SelectionStatus<'a>>,
}

#[derive(Serialize)]
#[serde(remote = "SelectionStatus")]
struct SelectionStatusDef<'a> {
    id: &'a str,
    sku: &'a str,
    available: bool,
}

#[derive(Serialize)]
#[serde(remote = "ChildLine")]
struct ChildLineDef<'a> {
    sku: &'a str,
    name: Option<&'a str>,
    is_salable: bool,
    message: StorefrontMessage,
    default_qty: Qty,
}

#[derive(Serialize)]
#[serde(remote = "ChildRequest")]
struct ChildRequestDef<'a> {
    sku: &'a str,
    qty: Qty,
    is_salable: bool,
    errors: Vec<RequestError>,
    backorder_qty: Qty,
    notice: Option<BackorderNotice>,
    reason: Option<String>,
}

/// A configurable product's options are an object (attribute code → its values, in first-seen
/// order); a bundle's, an array of options (SPEC §13.3, §13.4).
impl Serialize for ProductOptions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ProductOptions::Configurable(attributes) => s.collect_map(attributes.iter().map(|a| (a.code, &a.values))),
            ProductOptions::Bundle(options) => options.serialize(s),
        }
    }
}

#[derive(Serialize)]
#[serde(remote = "RequestError")]
struct RequestErrorDef {
    code: RequestErrorCode,
    message: String,
}

/// The notice is its text (SPEC §6; `request.notice` in the product-type cases); its code,
/// `back_order-not-enough`, never varies.
impl Serialize for BackorderNotice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.message)
    }
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
    RequestOutcome<'_> => RequestOutcomeDef,
    ParentStatus => ParentStatusDef,
    OptionValue<'_> => OptionValueDef,
    BundleOptionStatus<'_> => BundleOptionStatusDef,
    SelectionStatus<'_> => SelectionStatusDef,
    ChildLine<'_> => ChildLineDef,
    ChildRequest<'_> => ChildRequestDef,
    RequestError => RequestErrorDef,
    Restock => RestockDef,
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
    show_out_of_stock: bool,
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
        // Keys of composite products are absent for the others.
        let composite_only = ["variant", "parent", "options", "buildable_qty", "children"];
        assert_written(&out, &composite_only, &[]);
        assert_written(&out.message, &["only_x_left"], &[]);
        assert_written(&out.request, &["children"], &[]);
        let mut notice = String::new();
        to_json(out.request.notice.as_ref().unwrap(), &mut notice);
        assert!(notice.starts_with("\"We don't have as many"), "the notice is written as its text: {notice}");
        let refused = parse(r#"{"config":{"min_sale_qty":2},"product":{"sku":"a","sources":[]},"requested_qty":1}"#).unwrap();
        assert_written(&crate::evaluate(&refused).request.errors[0], &[], &[]);
        let figures = crate::salable_qty::StockFigures::of(&doc.product, &doc.settings());
        assert_written(&FiguresReport::from(&figures), &[], &[]);
        #[cfg(feature = "full")]
        assert_written(&doc.settings(), &[], &["effective_threshold"]);

        let child =
            |sku: &str, extra: &str| format!(r#"{{"sku":"{sku}","sources":[{{"source_code":"s","quantity":5,"status":1}}]{extra}}}"#);
        let configurable = parse(&format!(
            r#"{{"product":{{"type":"configurable","sku":"c","children":[{},{}]}},"variant":"c-s"}}"#,
            child("c-s", r#","attributes":{"size":"S"}"#),
            child("c-m", r#","attributes":{"size":"M"}"#)
        ))
        .unwrap();
        let out = crate::evaluate(&configurable);
        assert_written(&out, &["buildable_qty", "children"], &[]);
        assert_written(out.parent.as_ref().unwrap(), &[], &[]);
        let Some(ProductOptions::Configurable(attributes)) = &out.options else { panic!("configurable options") };
        assert_written(&attributes[0].values[0], &[], &[]);

        let bundle = parse(&format!(
            r#"{{"product":{{"type":"bundle","sku":"b","options":[{{"id":1,"title":"T","required":true,"selections":[{{"id":2,"qty":1,"child":{}}}]}}]}},"bundle_selection":{{"1":[{{"selection_id":2}}]}}}}"#,
            child("b-1", r#","name":"B""#)
        ))
        .unwrap();
        let out = crate::evaluate(&bundle);
        assert_written(&out, &["variant", "parent", "children"], &[]);
        assert_written(&out.request, &[], &[]);
        assert_written(&out.request.children.as_ref().unwrap()[0], &[], &[]);
        let Some(ProductOptions::Bundle(options)) = &out.options else { panic!("bundle options") };
        assert_written(&options[0], &[], &[]);
        assert_written(&options[0].selections[0], &[], &[]);

        let grouped = parse(&format!(
            r#"{{"product":{{"type":"grouped","sku":"g","children":[{}]}}}}"#,
            child("g-1", r#","name":"G","default_qty":1"#)
        ))
        .unwrap();
        let out = crate::evaluate(&grouped);
        assert_written(&out, &["variant", "parent", "options", "buildable_qty"], &[]);
        assert_written(&out.children.as_ref().unwrap()[0], &[], &[]);
    }
}
