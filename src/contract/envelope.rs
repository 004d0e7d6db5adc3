//! The envelope (SPEC §10, §13.6): the keys a document and a catalog share around their body
//! (`config`, `requested_qty`, `locale`, `today`, and a composite product's choice), the document
//! itself, and its TypeScript.
//!
//! A key given twice in one object is refused when it is a key we read (`product.sku: duplicate
//! key …`), and ignored when it is not: two `quantity` values are ambiguous, a feed's repeated
//! extra field is not ours to judge. `JSON.parse` would keep the last; a JS object cannot carry two.

#[cfg(feature = "composite")]
use super::checks::check_choice;
use super::checks::check_document_items;
use super::settings::config;
#[cfg(feature = "composite")]
use super::values::{bounded, id, opt_sku, MAX_TEXT};
use super::values::{opt_date, opt_locale, opt_positive_qty};
use crate::date::Date;
#[cfg(feature = "composite")]
use crate::document::BundlePick;
#[cfg(feature = "pickup")]
use crate::document::GeoPoint;
use crate::document::{Choice, InputDocument, Product};
#[cfg(feature = "composite")]
use crate::error::quoted;
use crate::error::InputError;
use crate::json::from_text;
use crate::quantity::Qty;
use crate::settings::StockOptions;
#[cfg(feature = "composite")]
use serde::de::Deserializer;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The keys a document and a catalog share (SPEC §10), around their body: `product` for a
/// document, `products` for a catalog. One reader for both, so they cannot drift apart.
pub(crate) struct Envelope<B> {
    pub config: StockOptions,
    pub body: B,
    pub requested_qty: Option<Qty>,
    pub locale: Option<String>,
    pub choice: Choice,
    pub today: Option<Date>,
    #[cfg(feature = "pickup")]
    pub near: Option<GeoPoint>,
}

/// The envelope's keys besides the body's (SPEC §10, §13.6, §17), one list per build: without
/// composite products or pickup (the element's first module), their keys are keys not read.
#[cfg(all(feature = "composite", feature = "pickup"))]
const ENVELOPE_KEYS: &[&str] =
    &["config", "requested_qty", "locale", "today", "variant", "selection", "bundle_selection", "grouped_qty", "near"];
#[cfg(all(feature = "composite", not(feature = "pickup")))]
const ENVELOPE_KEYS: &[&str] = &["config", "requested_qty", "locale", "today", "variant", "selection", "bundle_selection", "grouped_qty"];
#[cfg(all(not(feature = "composite"), feature = "pickup"))]
const ENVELOPE_KEYS: &[&str] = &["config", "requested_qty", "locale", "today", "near"];
#[cfg(not(any(feature = "composite", feature = "pickup")))]
const ENVELOPE_KEYS: &[&str] = &["config", "requested_qty", "locale", "today"];
/// A composite product's choice (SPEC §13.6), within [`ENVELOPE_KEYS`].
#[cfg(feature = "composite")]
const CHOICE_KEYS: &[&str] = &["variant", "selection", "bundle_selection", "grouped_qty"];

/// What an envelope carries: its key, and how it is read.
pub(crate) trait Body<'de>: Sized {
    const KEY: &'static str;
    fn read<A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error>;
}

impl<'de> Body<'de> for Product {
    const KEY: &'static str = "product";
    fn read<A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value()
    }
}

impl<'de, B: Body<'de>> Deserialize<'de> for Envelope<B> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EnvelopeVisitor<B>(std::marker::PhantomData<B>);
        impl<'de, B: Body<'de>> Visitor<'de> for EnvelopeVisitor<B> {
            type Value = Envelope<B>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<B>, A::Error> {
                let (mut config, mut body, mut requested_qty, mut locale) = (None, None, None, None);
                #[allow(unused_mut)] // choices are read with the `composite` feature only
                let mut choice = Choice::default();
                let mut today = None;
                #[cfg(feature = "pickup")]
                let mut near = None;
                let mut seen: Vec<&'static str> = Vec::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'_, str>>()? {
                    let known = ENVELOPE_KEYS.iter().copied().find(|k| *k == key.as_ref()).or((key == B::KEY).then_some(B::KEY));
                    let Some(known) = known else {
                        map.next_value::<de::IgnoredAny>()?;
                        continue;
                    };
                    if seen.contains(&known) {
                        return Err(de::Error::duplicate_field(known));
                    }
                    seen.push(known);
                    match known {
                        "config" => config = Some(map.next_value_seed(ConfigSeed)?),
                        "requested_qty" => requested_qty = map.next_value_seed(RequestedQtySeed)?,
                        "locale" => locale = map.next_value_seed(LocaleSeed)?,
                        #[cfg(feature = "composite")]
                        "variant" | "selection" | "bundle_selection" | "grouped_qty" => read_choice_value(known, &mut map, &mut choice)?,
                        "today" => today = map.next_value_seed(TodaySeed)?,
                        #[cfg(feature = "pickup")]
                        "near" => near = map.next_value_seed(NearSeed)?,
                        _ => body = Some(B::read(&mut map)?),
                    }
                }
                Ok(Envelope {
                    config: config.unwrap_or_default(),
                    body: body.ok_or_else(|| de::Error::missing_field(B::KEY))?,
                    requested_qty,
                    locale,
                    choice,
                    today,
                    #[cfg(feature = "pickup")]
                    near,
                })
            }
        }
        d.deserialize_map(EnvelopeVisitor(std::marker::PhantomData))
    }
}

/// Seeds that read an envelope value with a `deserialize_with`-style function of the contract.
macro_rules! seeds {
    ($($seed:ident => $function:path: $value:ty),+ $(,)?) => {$(
        struct $seed;
        impl<'de> de::DeserializeSeed<'de> for $seed {
            type Value = $value;
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<$value, D::Error> {
                $function(d)
            }
        }
    )+};
}

seeds!(
    ConfigSeed => config: StockOptions,
    RequestedQtySeed => opt_positive_qty: Option<Qty>,
    LocaleSeed => opt_locale: Option<String>,
    TodaySeed => opt_date: Option<Date>,
);

#[cfg(feature = "pickup")]
seeds!(NearSeed => super::pickup::opt_near: Option<GeoPoint>);

#[cfg(feature = "composite")]
seeds!(
    VariantSeed => opt_sku: Option<String>,
    SelectionSeed => selection: Vec<(String, String)>,
    BundleSelectionSeed => bundle_selection: Vec<(String, Vec<BundlePick>)>,
    GroupedQtySeed => grouped_qty: Vec<(String, Qty)>,
);

/// Reads one of a composite product's choice keys into `choice` (SPEC §13.6).
#[cfg(feature = "composite")]
fn read_choice_value<'de, A: MapAccess<'de>>(key: &str, map: &mut A, choice: &mut Choice) -> Result<(), A::Error> {
    match key {
        "variant" => choice.variant = map.next_value_seed(VariantSeed)?,
        "selection" => choice.selection = Some(map.next_value_seed(SelectionSeed)?).filter(|s| !s.is_empty()),
        "bundle_selection" => choice.bundle_selection = Some(map.next_value_seed(BundleSelectionSeed)?),
        _ => choice.grouped_qty = Some(map.next_value_seed(GroupedQtySeed)?),
    }
    Ok(())
}

/// A choice on its own: `{ "variant", "selection", "bundle_selection", "grouped_qty" }`, the keys an
/// input document carries beside `requested_qty` (the element passes the shopper's swatches so).
#[cfg(feature = "composite")]
impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ChoiceVisitor;
        impl<'de> Visitor<'de> for ChoiceVisitor {
            type Value = Choice;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Choice, A::Error> {
                let mut choice = Choice::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'_, str>>()? {
                    match CHOICE_KEYS.iter().copied().find(|k| *k == key.as_ref()) {
                        Some(known) => read_choice_value(known, &mut map, &mut choice)?,
                        None => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(choice)
            }
        }
        d.deserialize_map(ChoiceVisitor)
    }
}

/// Reads a choice given beside a document (the element's `variant` and `selection`), and checks it
/// against the product.
#[cfg(feature = "composite")]
pub(crate) fn read_choice(text: &str, product: &Product) -> Result<Choice, InputError> {
    let choice: Choice = from_text(text, "")?;
    check_choice(product, &choice)?;
    Ok(choice)
}

impl From<Envelope<Product>> for InputDocument {
    fn from(e: Envelope<Product>) -> Self {
        InputDocument {
            config: e.config,
            product: e.body,
            requested_qty: e.requested_qty,
            locale: e.locale,
            choice: e.choice,
            today: e.today,
            #[cfg(feature = "pickup")]
            near: e.near,
        }
    }
}

impl<'de> Deserialize<'de> for InputDocument {
    /// Reads a document with any deserializer; call `check_document` afterwards for the checks
    /// across items. [`InputDocument::from_json`] does both.
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Envelope::<Product>::deserialize(d).map(InputDocument::from)
    }
}

#[derive(Serialize)]
#[serde(remote = "InputDocument")]
struct InputDocumentDef {
    config: StockOptions,
    product: Product,
    #[serde(skip_serializing_if = "Option::is_none")]
    requested_qty: Option<Qty>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    today: Option<Date>,
    #[cfg(feature = "pickup")]
    #[serde(skip_serializing_if = "Option::is_none")]
    near: Option<GeoPoint>,
}

impl Serialize for InputDocument {
    /// Writes the document as SPEC §10 shows it (the bridge publishes documents this way).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        InputDocumentDef::serialize(self, s)
    }
}

impl InputDocument {
    /// Reads and checks a whole document from JSON text (SPEC §10, §12).
    pub fn from_json(text: &str) -> Result<InputDocument, InputError> {
        let mut doc: InputDocument = from_text(text, "")?;
        check_document_items(&mut doc)?;
        Ok(doc)
    }
}

// ---- a composite product's choice (SPEC §13.3–13.6) -----------------------------------------

/// A shopper's `selection`: attribute code → value, strings (SPEC §13.3).
#[cfg(feature = "composite")]
fn selection<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    pairs(d, TextSeed)
}

#[cfg(feature = "composite")]
/// Reads a bounded string.
#[derive(Clone, Copy)]
struct TextSeed;

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
fn pairs<'de, D: Deserializer<'de>, S: de::DeserializeSeed<'de> + Copy>(d: D, seed: S) -> Result<Vec<(String, S::Value)>, D::Error> {
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
                    problem.push_str(&quoted(&key));
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
fn bundle_selection<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Vec<BundlePick>)>, D::Error> {
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
fn grouped_qty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, Qty)>, D::Error> {
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

#[cfg(feature = "composite")]
#[derive(Deserialize, Serialize)]
#[serde(remote = "BundlePick")]
struct BundlePickDef {
    #[serde(deserialize_with = "id")]
    selection_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qty: Option<Qty>,
}

#[cfg(feature = "composite")]
through_def!(BundlePick => BundlePickDef);

typescript!(
    r#"

/** The input document (SPEC §10). Unknown keys are ignored and kept by applyEvent. */
export interface StockInput {
  config?: StockConfig | null;
  product: StockProduct;
  requested_qty?: number | null;
  locale?: string | null;
  /** The date of the evaluation, ISO `YYYY-MM-DD`; restock dates before it are stale (SPEC §14). */
  today?: string | null;
  /** A configurable product's chosen child, by sku (SPEC §13.3). */
  variant?: string | null;
  /** A configurable product's chosen attribute values, complete or partial (SPEC §13.3). */
  selection?: Record<string, string> | null;
  /** A bundle's choices: option id → the selections picked (SPEC §13.4). */
  bundle_selection?: Record<string, { selection_id: number | string; qty?: number | null }[]> | null;
  /** A grouped product's quantities: child sku → quantity (SPEC §13.5). */
  grouped_qty?: Record<string, number> | null;
  /** The shopper's approximate position: pickup stores nearest first (SPEC §17). */
  near?: GeoPoint | null;
  [extra: string]: unknown;
}
"#
);
