//! Products (SPEC §10, §13): the product, its source items and reservations, a composite parent's
//! children and bundle options; the names of `type` and `status`; their TypeScript. The same
//! declarations read a document and write one (the bridge publishes documents with them).
//!
//! Lengths and other per-value checks are in `super::checks`, after the read: a `deserialize_with`
//! per field would be a copy of the reading code per field in the element's wasm.

#[cfg(feature = "composite")]
use super::values::MAX_TEXT;
use super::values::{id, is_true, is_zero, null_as_yes, one, pairs_out, yes};
use crate::date::Date;
#[cfg(feature = "pickup")]
use crate::document::PickupLocation;
use crate::document::{BundleOption, BundleSelection, Product, ProductType, Reservation, SourceItem, SourceStatus};
#[cfg(feature = "composite")]
use crate::error::check_len;
use crate::quantity::Qty;
use crate::settings::StockOptions;
#[cfg(feature = "composite")]
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
#[cfg(feature = "composite")]
use std::fmt;

/// A product or a child (SPEC §10, §13). `sources` is required of source-managed types only: an
/// absent key reads as a marker ([`sources_absent`]) that `super::checks::check_product` turns into
/// an error or an empty list.
#[derive(Deserialize, Serialize)]
#[serde(remote = "Product")]
struct ProductDef {
    #[serde(rename = "type", default, skip_serializing_if = "is_simple")]
    product_type: ProductType,
    sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qty_uses_decimals: Option<bool>,
    #[serde(default)]
    overrides: StockOptions,
    #[serde(default = "sources_absent")]
    sources: Vec<SourceItem>,
    #[serde(default)]
    reservations: Vec<Reservation>,
    #[cfg_attr(not(feature = "composite"), serde(skip_deserializing))]
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    enabled: bool,
    #[cfg_attr(not(feature = "composite"), serde(skip_deserializing))]
    #[serde(default, skip_serializing_if = "is_in_stock")]
    stock_flag: SourceStatus,
    #[cfg_attr(not(feature = "composite"), serde(skip_deserializing))]
    #[serde(default, serialize_with = "pairs_out", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "composite", serde(deserialize_with = "attributes"))]
    attributes: Vec<(String, String)>,
    #[cfg_attr(not(feature = "composite"), serde(skip_deserializing))]
    #[serde(default, skip_serializing_if = "is_zero")]
    default_qty: Qty,
    #[cfg_attr(not(feature = "composite"), serde(skip_deserializing))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    children: Vec<Product>,
    #[cfg_attr(not(feature = "composite"), serde(skip_deserializing))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    options: Vec<BundleOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    restock_date: Option<Date>,
}

#[derive(Deserialize, Serialize)]
#[serde(remote = "BundleOption")]
struct BundleOptionDef {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default)]
    required: bool,
    selections: Vec<BundleSelection>,
}

#[derive(Deserialize, Serialize)]
#[serde(remote = "BundleSelection")]
struct BundleSelectionDef {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(default = "one")]
    qty: Qty,
    #[serde(default)]
    can_change_qty: bool,
    child: Product,
}

#[derive(Deserialize, Serialize)]
#[serde(remote = "SourceItem")]
struct SourceItemDef {
    source_code: String,
    quantity: Qty,
    status: SourceStatus,
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    source_enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notify_for_quantity_below: Option<Qty>,
    /// Read with the `pickup` feature only: the element's first module leaves `pickup` and
    /// `pickup_enabled` unread, and the element gives a feed with pickup on to its second module.
    #[cfg(feature = "pickup")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pickup: Option<PickupLocation>,
}

#[derive(Deserialize, Serialize)]
#[serde(remote = "Reservation")]
struct ReservationDef {
    quantity: Qty,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order_id: Option<String>,
}

// Reads a product; `super::checks::check_product` then turns the marker an absent `sources` leaves
// into an error (source-managed types) or an empty list (composite parents, SPEC §13.2).
through_def!(Product => ProductDef);

through_def!(BundleOption => BundleOptionDef, BundleSelection => BundleSelectionDef);

through_def!(SourceItem => SourceItemDef, Reservation => ReservationDef);

/// Whether `sources` is the marker of an absent key (see [`sources_absent`]).
pub(super) fn sources_were_absent(sources: &[SourceItem]) -> bool {
    matches!(sources, [only] if only.source_code.is_empty())
}

fn is_simple(t: &ProductType) -> bool {
    *t == ProductType::Simple
}

fn is_in_stock(s: &SourceStatus) -> bool {
    *s == SourceStatus::InStock
}

/// An absent `sources` key: one item whose code is empty, which no read item can have (codes are
/// non-empty identifiers). `super::checks::check_product` turns it into an error or an empty list.
fn sources_absent() -> Vec<SourceItem> {
    vec![SourceItem {
        source_code: String::new(),
        quantity: Qty::ZERO,
        status: SourceStatus::OutOfStock,
        source_enabled: false,
        notify_for_quantity_below: None,
        #[cfg(feature = "pickup")]
        pickup: None,
    }]
}

/// A product's `attributes`, in the order written. A configurable child's are strings (SPEC §13.3);
/// any other product's `attributes` is a feed's own key (SPEC §10: ignored), so what is not an
/// object of scalars is not refused: whole numbers and booleans are kept as their text, anything
/// else left out.
#[cfg(feature = "composite")]
pub(super) fn attributes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    struct Attributes;
    impl<'de> Visitor<'de> for Attributes {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(String, String)> = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if let Some(value) = map.next_value::<Scalar>()?.0 {
                    if !out.iter().any(|(k, _)| *k == key) {
                        out.push((key, value));
                    }
                }
            }
            Ok(out)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    /// An attribute's value as text, if it is a string, a whole number or a boolean.
    struct Scalar(Option<String>);
    impl<'de> Deserialize<'de> for Scalar {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Scalar;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a value")
                }
                fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar, E> {
                    Ok(Scalar(check_len(s, MAX_TEXT).is_ok().then(|| s.to_string())))
                }
                fn visit_bool<E: de::Error>(self, b: bool) -> Result<Scalar, E> {
                    Ok(Scalar(Some(String::from(if b { "true" } else { "false" }))))
                }
                fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar, E> {
                    let mut s = String::new();
                    if n < 0 {
                        s.push('-');
                    }
                    crate::quantity::push_int(&mut s, n.unsigned_abs());
                    Ok(Scalar(Some(s)))
                }
                fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar, E> {
                    self.visit_i64(i64::try_from(n).unwrap_or(i64::MAX))
                }
                fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
                    Ok(Scalar(None))
                }
                fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                    Ok(Scalar(None))
                }
                fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                    while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                    Ok(Scalar(None))
                }
                fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                    Ok(Scalar(None))
                }
            }
            d.deserialize_any(V)
        }
    }
    d.deserialize_any(Attributes)
}

named!(SourceStatus, [SourceStatus::InStock => "in_stock", SourceStatus::OutOfStock => "out_of_stock"], numbers = [1, 0]);
named!(ProductType, [
    ProductType::Simple => "simple",
    ProductType::Virtual => "virtual",
    ProductType::Downloadable => "downloadable",
    ProductType::Configurable => "configurable",
    ProductType::Bundle => "bundle",
    ProductType::Grouped => "grouped",
]);
read_by_name!(SourceStatus, ProductType);

typescript!(
    r#"

export interface SourceItem {
  source_code: string;
  quantity: number;
  status: "in_stock" | "out_of_stock" | 1 | 0;
  source_enabled?: boolean | null;
  notify_for_quantity_below?: number | null;
  /** Present when the source is an active in-store pickup location (SPEC §17). */
  pickup?: PickupLocationInput | null;
  [extra: string]: unknown;
}

export interface Reservation {
  quantity: number;
  event?: string | null;
  order_id?: string | null;
  [extra: string]: unknown;
}

/** Magento's product types (SPEC §13); absent means simple. */
export type ProductType = "simple" | "virtual" | "downloadable" | "configurable" | "bundle" | "grouped";

/** One selection of a bundle option: a child and its quantity in one bundle (SPEC §13.4). */
export interface BundleSelection {
  id: number | string;
  qty?: number | null;
  can_change_qty?: boolean | null;
  child: StockProduct;
  [extra: string]: unknown;
}

/** One option of a bundle (SPEC §13.4). */
export interface BundleOption {
  id: number | string;
  title?: string | null;
  required?: boolean | null;
  selections: BundleSelection[];
  [extra: string]: unknown;
}

/**
 * A product or a child. `sources` is required of simple, virtual and downloadable products only;
 * configurable and grouped parents carry `children`, bundles `options` (SPEC §13).
 */
export type StockProduct = StockedProduct | CompositeProduct;

/** A product with stock of its own: simple (the default), virtual or downloadable. */
export interface StockedProduct extends ProductFields {
  type?: "simple" | "virtual" | "downloadable" | null;
  sources: SourceItem[];
}

/** A configurable, bundle or grouped parent: no stock of its own (SPEC §13.2). */
export interface CompositeProduct extends ProductFields {
  type: "configurable" | "bundle" | "grouped";
  sources?: SourceItem[] | null;
}

/** What every product may carry. */
export interface ProductFields {
  sku: string;
  name?: string | null;
  qty_uses_decimals?: boolean | null;
  overrides?: ProductOverrides | null;
  reservations?: Reservation[] | null;
  /** Disabled products cannot be bought; a disabled child is never listed (SPEC §13). */
  enabled?: boolean | null;
  /** A composite parent's own Stock Status (SPEC §13.2). */
  stock_flag?: "in_stock" | "out_of_stock" | 1 | 0 | null;
  /** A configurable child's attribute values: `{ "size": "M", "color": "Blue" }`. */
  attributes?: Record<string, string> | null;
  /** A grouped child's default quantity. */
  default_qty?: number | null;
  children?: StockProduct[] | null;
  options?: BundleOption[] | null;
  /** When the product is expected back, ISO `YYYY-MM-DD` (SPEC §14). */
  restock_date?: string | null;
  [extra: string]: unknown;
}
"#
);
