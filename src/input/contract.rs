//! The input contract (SPEC §10), declared once: keys, defaults, `null`s and the per-value checks
//! of SPEC §12, as serde derives over the domain types.
//!
//! Each `…Def` mirrors a domain type field for field (`#[serde(remote)]`), so the compiler refuses
//! a domain field that the contract forgets, and the domain modules stay free of JSON. The same
//! declarations read (our text reader, serde-wasm-bindgen, serde_json) and write (the bridge
//! publishes documents with them). Checks across items (duplicate source codes, totals) run after
//! the read, in [`super::check`].

use super::error::check_len;
use crate::date::Date;
use crate::document::{BundleOption, BundlePick, BundleSelection, Product, ProductType, Reservation, SourceItem, SourceStatus};
use crate::ledger::{Event, EventKind};
use crate::names::Named;
use crate::quantity::Qty;
use crate::settings::{Backorders, NotAvailableMessage, StockOptions};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Longest accepted strings. Magento's own columns: `sku` varchar(64), `source_code` and the
/// product name varchar(255), `increment_id` varchar(50). Longer input is a broken feed.
pub(crate) const MAX_SKU: usize = 64;
pub(crate) const MAX_TEXT: usize = 255;
pub(crate) const MAX_ORDER_ID: usize = 50;
pub(crate) const MAX_LOCALE: usize = 35;

/// The newtype name under which [`crate::Qty`] asks for a number's exact text.
pub(crate) const QTY_TOKEN: &str = "$salable::Qty";
/// The newtype name under which a catalog product asks to be skipped, not fail the catalog, when it
/// cannot be read. The visitor reads the product and keeps `None` if that fails; the failure
/// itself, seen on its way through `Deserializer::deserialize_map`, goes to
/// `Deserializer::refused`, and the reader skips the product whole.
#[cfg(feature = "full")]
pub(crate) const TOLERANT_TOKEN: &str = "$salable::Tolerant";

#[derive(Deserialize, Serialize)]
#[serde(remote = "StockOptions")]
struct StockOptionsDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    manage_stock: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backorders: Option<Backorders>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    out_of_stock_threshold: Option<Qty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_sale_qty: Option<Qty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_sale_qty: Option<Qty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notify_for_quantity_below: Option<Qty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enable_qty_increments: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qty_increments: Option<Qty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    only_x_left_threshold: Option<Qty>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    display_stock_status: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_available_message: Option<NotAvailableMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    show_out_of_stock: Option<bool>,
}

/// A product or a child (SPEC §10, §13). `sources` is required of source-managed types only: an
/// absent key reads as a marker that `impl Deserialize for Product` below checks. Lengths and
/// other per-value checks are in `super::check_product`, after the read: a `deserialize_with` per
/// field would be a copy of the reading code per field in the element's wasm.
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
#[serde(remote = "BundlePick")]
struct BundlePickDef {
    #[serde(deserialize_with = "id")]
    selection_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qty: Option<Qty>,
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

#[derive(Deserialize, Serialize)]
#[serde(remote = "Event")]
struct EventDef {
    #[serde(rename = "type")]
    kind: EventKind,
    qty: Qty,
    order_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_code: Option<String>,
}

/// `impl Deserialize` and `impl Serialize` for a domain type through its `…Def`.
macro_rules! through_def {
    ($($type:ty => $def:ty),+ $(,)?) => {$(
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$def>::deserialize(d)
            }
        }
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$def>::serialize(self, s)
            }
        }
    )+};
}

/// Settings are all optional, so a reader that takes any object for a struct (serde-wasm-bindgen
/// takes an array) would read `"config": []` as "nothing set". Asking for "any" and accepting only a
/// map refuses it on every path, as the text reader always did. (Only the full API meets
/// serde-wasm-bindgen; the element's modules read settings straight through the `…Def`.)
#[cfg(feature = "full")]
impl<'de> Deserialize<'de> for StockOptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectOnly;
        impl<'de> Visitor<'de> for ObjectOnly {
            type Value = StockOptions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<StockOptions, A::Error> {
                StockOptionsDef::deserialize(de::value::MapAccessDeserializer::new(map))
            }
            /// `null`: nothing set (SPEC §10).
            fn visit_unit<E: de::Error>(self) -> Result<StockOptions, E> {
                Ok(StockOptions::default())
            }
        }
        d.deserialize_any(ObjectOnly)
    }
}

#[cfg(not(feature = "full"))]
impl<'de> Deserialize<'de> for StockOptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NullIsNothingSet;
        impl<'de> Visitor<'de> for NullIsNothingSet {
            type Value = StockOptions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_none<E: de::Error>(self) -> Result<StockOptions, E> {
                Ok(StockOptions::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StockOptions, D::Error> {
                StockOptionsDef::deserialize(d)
            }
        }
        d.deserialize_option(NullIsNothingSet)
    }
}

impl Serialize for StockOptions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StockOptionsDef::serialize(self, s)
    }
}

/// Reads a product; `super::check_product` then turns the marker an absent `sources` leaves into
/// an error (source-managed types) or an empty list (composite parents, SPEC §13.2).
impl<'de> Deserialize<'de> for Product {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ProductDef::deserialize(d)
    }
}

/// Whether `sources` is the marker of an absent key (see [`sources_absent`]).
pub(crate) fn sources_were_absent(sources: &[SourceItem]) -> bool {
    matches!(sources, [only] if only.source_code.is_empty())
}

impl Serialize for Product {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ProductDef::serialize(self, s)
    }
}

through_def!(BundleOption => BundleOptionDef, BundleSelection => BundleSelectionDef, BundlePick => BundlePickDef);

through_def!(SourceItem => SourceItemDef, Reservation => ReservationDef, Event => EventDef);

// ---- values -------------------------------------------------------------------------------

fn yes() -> bool {
    true
}

fn one() -> Qty {
    Qty::ONE
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_simple(t: &ProductType) -> bool {
    *t == ProductType::Simple
}

fn is_in_stock(s: &SourceStatus) -> bool {
    *s == SourceStatus::InStock
}

fn is_zero(q: &Qty) -> bool {
    *q == Qty::ZERO
}

/// An absent `sources` key: one item whose code is empty, which no read item can have (codes are
/// non-empty identifiers). `impl Deserialize for Product` turns it into an error or an empty list.
fn sources_absent() -> Vec<SourceItem> {
    vec![SourceItem {
        source_code: String::new(),
        quantity: Qty::ZERO,
        status: SourceStatus::OutOfStock,
        source_enabled: false,
        notify_for_quantity_below: None,
    }]
}

/// An id, as Magento writes them: a number or a string; kept as its text.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct IdVisitor;
    impl<'de> Visitor<'de> for IdVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (a whole number or a string)")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            if s.is_empty() || s.len() > MAX_TEXT {
                return Err(E::custom("must be 1 to 255 characters"));
            }
            Ok(s.to_string())
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<String, E> {
            let mut s = String::new();
            if n < 0 {
                s.push('-');
            }
            crate::quantity::push_int(&mut s, n.unsigned_abs());
            Ok(s)
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<String, E> {
            let mut s = String::new();
            crate::quantity::push_int(&mut s, n);
            Ok(s)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            if v.fract() == 0.0 && v.abs() < 9.0e15 {
                self.visit_i64(v as i64)
            } else {
                Err(E::invalid_type(de::Unexpected::Other("a fraction"), &self))
            }
        }
    }
    d.deserialize_any(IdVisitor)
}

/// A product's `attributes`, in the order written. A configurable child's are strings (SPEC §13.3);
/// any other product's `attributes` is a feed's own key (SPEC §10: ignored), so what is not an
/// object of scalars is not refused: whole numbers and booleans are kept as their text, anything
/// else left out.
#[cfg(feature = "composite")]
pub(crate) fn attributes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
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

/// A shopper's `selection`: attribute code → value, strings (SPEC §13.3).
#[cfg(feature = "composite")]
pub(crate) fn selection<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    pairs(d, TextSeed)
}

#[cfg(feature = "composite")]
/// Reads a bounded string.
#[derive(Clone, Copy)]
pub(crate) struct TextSeed;

#[cfg(feature = "composite")]
impl<'de> de::DeserializeSeed<'de> for TextSeed {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        bounded(d, MAX_TEXT)
    }
}

#[cfg(feature = "composite")]
/// An object read as its pairs, in the order written, each value by `seed`; `null` is empty. A key
/// given twice is refused, like a repeated key of a struct.
pub(crate) fn pairs<'de, D: Deserializer<'de>, S: de::DeserializeSeed<'de> + Copy>(
    d: D,
    seed: S,
) -> Result<Vec<(String, S::Value)>, D::Error> {
    struct Pairs<S>(S);
    impl<'de, S: de::DeserializeSeed<'de> + Copy> Visitor<'de> for Pairs<S> {
        type Value = Vec<(String, S::Value)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(String, S::Value)> = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value_seed(self.0)?;
                if out.iter().any(|(k, _)| *k == key) {
                    let mut problem = String::from("duplicate key ");
                    problem.push_str(&super::quoted(&key));
                    return Err(de::Error::custom(problem));
                }
                out.push((key, value));
            }
            Ok(out)
        }
    }
    d.deserialize_option(Pairs(seed))
}

#[cfg(feature = "composite")]
/// A bundle's choices: option id → `[{ "selection_id", "qty"? }]` (SPEC §13.4).
pub(crate) fn bundle_selection<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Vec<BundlePick>)>, D::Error> {
    #[derive(Clone, Copy)]
    struct Picks;
    impl<'de> de::DeserializeSeed<'de> for Picks {
        type Value = Vec<BundlePick>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<BundlePick>, D::Error> {
            Vec::deserialize(d)
        }
    }
    pairs(d, Picks)
}

#[cfg(feature = "composite")]
/// A grouped product's quantities: child sku → a quantity of 0 or more (SPEC §13.5).
pub(crate) fn grouped_qty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Qty)>, D::Error> {
    #[derive(Clone, Copy)]
    struct NotNegative;
    impl<'de> de::DeserializeSeed<'de> for NotNegative {
        type Value = Qty;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Qty, D::Error> {
            let q = Qty::deserialize(d)?;
            if q < Qty::ZERO {
                let mut problem = String::from("must be 0 or more, found ");
                q.write_decimal(&mut problem, '.');
                return Err(de::Error::custom(problem));
            }
            Ok(q)
        }
    }
    pairs(d, NotNegative)
}

/// Writes ordered pairs as an object.
pub(crate) fn pairs_out<S: Serializer, V: Serialize>(pairs: &[(String, V)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

fn null_as_yes<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

/// A string of at most `max` characters (a 10 MB value is a broken feed).
fn bounded<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    check_len(&s, max).map_err(de::Error::custom)?;
    Ok(s)
}

/// An optional string: `null` is absent.
fn opt_bounded<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<Option<String>, D::Error> {
    struct Bounded(usize);
    impl<'de> de::DeserializeSeed<'de> for Bounded {
        type Value = String;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            bounded(d, self.0)
        }
    }
    struct OptVisitor(usize);
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de::DeserializeSeed::deserialize(Bounded(self.0), d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor(max))
}

#[cfg(any(feature = "composite", feature = "full"))]
pub(crate) fn opt_sku<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_bounded(d, MAX_SKU)
}

pub(crate) fn opt_locale<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_bounded(d, MAX_LOCALE)
}

pub(crate) fn opt_positive_qty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Qty>, D::Error> {
    let q = Option::<Qty>::deserialize(d)?;
    if let Some(q) = q {
        check_positive(q).map_err(de::Error::custom)?;
    }
    Ok(q)
}

pub(crate) fn check_positive(q: Qty) -> Result<(), String> {
    if q <= Qty::ZERO {
        let mut problem = String::from("must be greater than 0, found ");
        q.write_decimal(&mut problem, '.');
        return Err(problem);
    }
    Ok(())
}

/// A quantity (SPEC §1): from our reader, the number's exact digits; from any other deserializer
/// (serde-wasm-bindgen, serde_json), a float read as its shortest decimal ([`Qty::from_f64`]).
impl<'de> Deserialize<'de> for Qty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Qty, D::Error> {
        d.deserialize_newtype_struct(QTY_TOKEN, QtyVisitor)
    }
}

struct QtyVisitor;

impl<'de> Visitor<'de> for QtyVisitor {
    type Value = Qty;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    /// Our reader's path: the digits as written, already known to be a JSON number.
    fn visit_str<E: de::Error>(self, raw: &str) -> Result<Qty, E> {
        raw.parse().map_err(|e: crate::quantity::QtyError| E::custom(e))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Qty, D::Error> {
        d.deserialize_f64(self)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Qty, E> {
        Qty::from_f64(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Qty, E> {
        Qty::from_f64(v as f64).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Qty, E> {
        Qty::from_f64(v as f64).map_err(E::custom)
    }
}

// ---- enums --------------------------------------------------------------------------------

/// Reads a variant's index by name or, as Magento stores it, by number. One visitor for every
/// enum: it knows only the tables, so its code exists once in the wasm.
struct EnumVisitor {
    names: &'static [&'static str],
    numbers: &'static [i64],
}

impl<'de> Visitor<'de> for EnumVisitor {
    type Value = usize;

    /// `one of "no", "allow", "allow_notify", 0, 1, 2`: the table itself.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, name) in self.names.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str("\"")?;
            f.write_str(name)?;
            f.write_str("\"")?;
        }
        for n in self.numbers {
            let mut digits = String::new();
            crate::quantity::push_int(&mut digits, n.unsigned_abs());
            f.write_str(", ")?;
            f.write_str(&digits)?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.names.iter().position(|n| *n == s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<usize, E> {
        self.numbers.iter().position(|m| *m == n).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(n), &self))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<usize, E> {
        self.visit_i64(i64::try_from(n).unwrap_or(-1))
    }

    /// serde-wasm-bindgen hands JS numbers over as floats.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<usize, E> {
        let whole = v as i64;
        if whole as f64 == v {
            self.visit_i64(whole)
        } else {
            Err(E::invalid_type(de::Unexpected::Other("a fraction"), &self))
        }
    }
}

fn deserialize_named<'de, T: Named, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let index = d.deserialize_any(EnumVisitor { names: T::NAMES, numbers: T::NUMBERS })?;
    T::ALL.get(index).copied().ok_or_else(|| de::Error::custom("unknown variant"))
}

macro_rules! deserialize_named {
    ($($type:ty),+) => {$(
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_named(d)
            }
        }
    )+};
}

deserialize_named!(Backorders, NotAvailableMessage, SourceStatus, EventKind, ProductType);
