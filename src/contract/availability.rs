//! The output document (SPEC §11) and the playground's figures (SPEC §3): what the JS side reads,
//! declared once with `#[derive(Serialize)]`, written as JSON text by `crate::json` or as JS objects
//! by serde-wasm-bindgen; the names of the output's enums; their TypeScript.

use crate::backorder::BackorderNotice;
use crate::date::Date;
use crate::document::SourceStatus;
use crate::json::to_json;
#[cfg(feature = "pickup")]
use crate::outcome::Pickup;
use crate::outcome::{Availability, RequestOutcome, Restock};
use crate::outcome::{BundleOptionStatus, ChildLine, ChildRequest, OptionValue, ParentStatus, ProductOptions, SelectionStatus};
use crate::quantity::Qty;
use crate::request_check::{RequestError, RequestErrorCode};
#[cfg(any(test, all(target_arch = "wasm32", feature = "full")))]
use crate::salable_qty::FiguresReport;
use crate::storefront_message::{MessageKind, SchemaOrgAvailability, StorefrontMessage};
use serde::{Serialize, Serializer};

impl Availability<'_> {
    /// The output document (SPEC §11) as JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(512);
        to_json(self, &mut out);
        out
    }
}

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
    // In-store pickup (SPEC §17): `null` or the stores; absent where pickup is not read.
    #[cfg(feature = "pickup")]
    pickup: Option<Pickup<'a>>,
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

#[cfg(any(test, all(target_arch = "wasm32", feature = "full")))]
#[derive(Serialize)]
#[serde(remote = "FiguresReport")]
struct FiguresReportDef {
    quantity_on_hand: Qty,
    reserved: Qty,
    threshold: Qty,
    salable: Qty,
}

write_through_def!(
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
);

#[cfg(any(test, all(target_arch = "wasm32", feature = "full")))]
write_through_def!(FiguresReport => FiguresReportDef);

named!(MessageKind, [
    MessageKind::InStock => "in_stock",
    MessageKind::OnlyXLeft => "only_x_left",
    MessageKind::OutOfStock => "out_of_stock",
    MessageKind::Hidden => "hidden",
]);
named!(SchemaOrgAvailability, [
    SchemaOrgAvailability::InStock => "https://schema.org/InStock",
    SchemaOrgAvailability::OutOfStock => "https://schema.org/OutOfStock",
    SchemaOrgAvailability::BackOrder => "https://schema.org/BackOrder",
]);
// Magento's codes (`IsProductSalableForRequestedQtyInterface`), never translated; `qty-invalid` is
// ours, for a requested quantity that is not a number above 0.
named!(RequestErrorCode, [
    RequestErrorCode::NotAssigned => "requested-sku-is-not-assigned-to-given-stock",
    RequestErrorCode::MinSaleQty => "is_correct_qty-min_sale_qty",
    RequestErrorCode::MaxSaleQty => "is_correct_qty-max_sale_qty",
    RequestErrorCode::QtyIncrement => "is_correct_qty-qty_increment",
    RequestErrorCode::QtyDecimal => "is_correct_qty-is_qty_decimal",
    RequestErrorCode::NoSourceItemsInStock => "is_any_source_item_in_stock-no_source_items_in_stock",
    RequestErrorCode::BackordersDisabled => "back_order-disabled",
    RequestErrorCode::ManageStockEnabled => "manage_stock-enabled",
    RequestErrorCode::NotEnoughQty => "is_salable_with_reservations-not_enough_qty",
    RequestErrorCode::QtyInvalid => "qty-invalid",
    RequestErrorCode::SourceDeductionNotEnough => "source_deduction-not-enough",
    // Composite products' refusals (SPEC §13): the element's first module never writes them.
    #[cfg(feature = "composite")]
    RequestErrorCode::ConfigurableOptionsRequired => "configurable-options-required",
    #[cfg(feature = "composite")]
    RequestErrorCode::ProductNotAvailable => "product-not-available",
    #[cfg(feature = "composite")]
    RequestErrorCode::BundleOptionRequired => "bundle-option-required",
    #[cfg(feature = "composite")]
    RequestErrorCode::GroupedQtyRequired => "grouped-qty-required",
]);

typescript!(
    r#"

/** One value of a configurable product's attribute, as a swatch shows it (SPEC §13.3). */
export interface OptionValue {
  value: string;
  /** Show it at all. */
  offered: boolean;
  /** It can be bought with the rest of the current selection. */
  available: boolean;
}

/** A bundle option and whether each selection can be chosen (SPEC §13.4). */
export interface BundleOptionStatus {
  id: string;
  title?: string;
  required: boolean;
  selections: { id: string; sku: string; available: boolean }[];
}

/** One child's verdict in a bundle or grouped request (SPEC §13.4, §13.5). */
export interface ChildRequest {
  sku: string;
  qty: number;
  is_salable: boolean;
  errors: RequestError[];
  backorder_qty: number;
  notice: string | null;
  /** What to show on this child's line when it is refused, else null. */
  reason: string | null;
}

export type MessageKind = "in_stock" | "only_x_left" | "out_of_stock" | "hidden";

export interface RequestError {
  /** Magento's error code, never translated; `qty-invalid` when the quantity asked is not a number above 0. */
  code: string;
  /** The shopper's text, in the document's locale. */
  message: string;
}

/** The output document (SPEC §11). */
export interface StockOutput {
  sku: string;
  is_salable: boolean;
  /** null for a composite parent with no child named (SPEC §13.2). */
  salable_qty: number | null;
  stock_status: "in_stock" | "out_of_stock";
  message: { kind: MessageKind; text: string | null };
  only_x_left: number | null;
  request: {
    /** The quantity checked; null when what was asked is not a number above 0. */
    qty: number | null;
    is_salable: boolean;
    errors: RequestError[];
    /** null for bundles and grouped products: each child carries its own (SPEC §13.6). */
    backorder_qty: number | null;
    /** The backorder notice's text (code `back_order-not-enough`), shown with allow_notify. */
    notice: string | null;
    /** What to show the shopper under the message when the request is refused, else null. */
    reason: string | null;
    /** The restock date in force when the notice is shown (SPEC §14), ISO `YYYY-MM-DD`. */
    expected_date: string | null;
    /** Bundles and grouped products: each requested child's verdict. */
    children?: ChildRequest[];
  };
  low_stock_sources: string[];
  schema_org_availability:
    | "https://schema.org/InStock"
    | "https://schema.org/OutOfStock"
    | "https://schema.org/BackOrder";
  /** When a product that is not salable is expected back (SPEC §14). */
  restock: { date: string; text: string } | null;
  /** The restock date in force when the availability is BackOrder or OutOfStock: JSON-LD's `availabilityStarts`. */
  schema_org_availability_starts: string | null;
  /** In-store pickup: which stores hold the requested quantity on their shelf (SPEC §17); null when
   *  pickup is off, no source is a pickup location, or a composite parent has no child named. */
  pickup?: PickupAvailability | null;
  /** Configurable products: the child named, or null (SPEC §13.3). */
  variant?: string | null;
  /** With a child named, the parent's own answer (SPEC §13.6). */
  parent?: { is_salable: boolean; stock_status: "in_stock" | "out_of_stock" };
  /** Configurable: attribute code → its values; bundle: its options (SPEC §13.3, §13.4). */
  options?: Record<string, OptionValue[]> | BundleOptionStatus[];
  /** Bundles: how many whole bundles the stock builds, null when unlimited (SPEC §13.4). */
  buildable_qty?: number | null;
  /** Grouped products: a line per child (SPEC §13.5). */
  children?: { sku: string; name: string | null; is_salable: boolean; message: { kind: MessageKind; text: string | null }; default_qty: number }[];
}

/** The figures behind a verdict (SPEC §3); `salable` is S itself, which may be 0 or negative. */
export interface StockFigures {
  quantity_on_hand: number;
  reserved: number;
  threshold: number;
  salable: number;
}
"#
);

/// A remote `Serialize` derive does not notice a domain field its `…Def` lacks; these tests do:
/// every field the domain type's `Debug` shows must be written, under the same name.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::evaluate;
    use crate::document::InputDocument;
    use std::collections::BTreeSet;

    fn parse(json: &str) -> Result<InputDocument, crate::error::InputError> {
        InputDocument::from_json(json)
    }

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
        let out = evaluate(&doc);
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
        assert_written(&evaluate(&refused).request.errors[0], &[], &[]);
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
        let out = evaluate(&configurable);
        assert_written(&out, &["buildable_qty", "children"], &[]);
        assert_written(out.parent.as_ref().unwrap(), &[], &[]);
        let Some(ProductOptions::Configurable(attributes)) = &out.options else { panic!("configurable options") };
        assert_written(&attributes[0].values[0], &[], &[]);

        let bundle = parse(&format!(
            r#"{{"product":{{"type":"bundle","sku":"b","options":[{{"id":1,"title":"T","required":true,"selections":[{{"id":2,"qty":1,"child":{}}}]}}]}},"bundle_selection":{{"1":[{{"selection_id":2}}]}}}}"#,
            child("b-1", r#","name":"B""#)
        ))
        .unwrap();
        let out = evaluate(&bundle);
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
        let out = evaluate(&grouped);
        assert_written(&out, &["variant", "parent", "options", "buildable_qty"], &[]);
        assert_written(&out.children.as_ref().unwrap()[0], &[], &[]);
    }
}
