//! The input wing: reading documents (SPEC §10), catalogs and events (SPEC §8) into domain types,
//! and refusing bad ones with their path (SPEC §12).
//!
//! - [`contract`]: the keys, defaults and per-value checks, declared once with serde derive;
//! - [`reader`] and [`deserializer`]: the JSON text path (exact decimals, paths, no recursion on
//!   unread values);
//! - this module: the envelope shared by documents and catalogs, and the checks across items
//!   that run after a read, whichever deserializer did it.
//!
//! A key given twice in one object is refused when it is a key we read (`product.sku: duplicate
//! key …`), and ignored when it is not: two `quantity` values are ambiguous, a feed's repeated
//! extra field is not ours to judge. `JSON.parse` would keep the last; a JS object cannot carry two.

#[cfg(feature = "full")]
mod catalog;
mod contract;
mod date;
mod deserializer;
mod error;
mod reader;
#[cfg(feature = "full")]
mod render_options;
#[cfg(test)]
mod tests;

#[cfg(feature = "full")]
pub(crate) use catalog::read_catalog;
pub(crate) use date::date_at;
pub(crate) use error::quoted;
pub use error::InputError;

use crate::date::Date;
#[cfg(feature = "composite")]
use crate::document::BundlePick;
use crate::document::{Choice, InputDocument, Product};
use crate::ledger::Event;
use crate::quantity::{Qty, MAX_TOTAL};
use crate::settings::StockOptions;
use contract::{MAX_ORDER_ID, MAX_SKU, MAX_TEXT};
use deserializer::Deserializer;
use reader::Reader;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Source items per product. Magento stores have a handful of sources, a few hundred at most.
const MAX_SOURCES: usize = 1000;

/// The keys a document and a catalog share (SPEC §10), around their body: `product` for a
/// document, `products` for a catalog. One reader for both, so they cannot drift apart.
pub(crate) struct Envelope<B> {
    pub config: StockOptions,
    pub body: B,
    pub requested_qty: Option<Qty>,
    pub locale: Option<String>,
    pub choice: Choice,
    pub today: Option<Date>,
}

/// The envelope's keys besides the body's (SPEC §10, §13.6).
#[cfg(feature = "composite")]
const ENVELOPE_KEYS: &[&str] = &["config", "requested_qty", "locale", "today", "variant", "selection", "bundle_selection", "grouped_qty"];
/// Without composite products (the element's first module), their choices are keys not read.
#[cfg(not(feature = "composite"))]
const ENVELOPE_KEYS: &[&str] = &["config", "requested_qty", "locale", "today"];

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
    ConfigSeed => contract_null_as_default: StockOptions,
    RequestedQtySeed => contract::opt_positive_qty: Option<Qty>,
    LocaleSeed => contract::opt_locale: Option<String>,
    TodaySeed => date::opt_date: Option<Date>,
);

#[cfg(feature = "composite")]
seeds!(
    VariantSeed => contract::opt_sku: Option<String>,
    SelectionSeed => contract::selection: Vec<(String, String)>,
    BundleSelectionSeed => contract::bundle_selection: Vec<(String, Vec<BundlePick>)>,
    GroupedQtySeed => contract::grouped_qty: Vec<(String, Qty)>,
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
                    match ENVELOPE_KEYS[4..].iter().copied().find(|k| *k == key.as_ref()) {
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

fn contract_null_as_default<'de, D: de::Deserializer<'de>>(d: D) -> Result<StockOptions, D::Error> {
    Ok(Option::<StockOptions>::deserialize(d)?.unwrap_or_default())
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
        let doc: InputDocument = from_text(text, "")?;
        let mut doc = doc;
        check_document_items(&mut doc)?;
        Ok(doc)
    }
}

impl Event {
    /// Reads and checks an event from JSON text; paths in errors start with `event`.
    pub fn from_json(text: &str) -> Result<Event, InputError> {
        let event: Event = from_text(text, "event")?;
        check_event(&event)?;
        Ok(event)
    }
}

/// Reads one value of type `T` that must fill the whole text; paths start with `root`.
pub(crate) fn from_text<'a, T: Deserialize<'a>>(text: &'a str, root: &'static str) -> Result<T, InputError> {
    let mut r = Reader::with_root(text, root);
    let mut de = Deserializer::new(&mut r);
    let value = T::deserialize(&mut de).map_err(|e| de.locate(e, 0))?;
    r.finish()?;
    Ok(value)
}

/// The checks across a document's items, after any deserializer read it (SPEC §12).
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub(crate) fn check_document(doc: &mut InputDocument) -> Result<(), InputError> {
    check_document_items(doc)
}

fn check_document_items(doc: &mut InputDocument) -> Result<(), InputError> {
    check_product(&mut doc.product, "product")?;
    #[cfg(not(feature = "composite"))]
    if doc.product.product_type.is_composite() {
        // The element's first module: the element loads its second one for this product.
        return Err(InputError::new("product.type", COMPOSITE_ELSEWHERE));
    }
    check_choice(&doc.product, &doc.choice)
}

/// What the element's first module answers for a composite product (the element then loads
/// `stock-status-composite`, which reads every type).
#[cfg(not(feature = "composite"))]
pub(crate) const COMPOSITE_ELSEWHERE: &str = "configurable, bundle and grouped products are read by stock-status-composite";

/// A choice must name what the product has (SPEC §13.3–13.6): an unknown child, option or
/// selection, or a selection that matches no child, is bad input.
fn check_choice(product: &Product, choice: &Choice) -> Result<(), InputError> {
    use crate::document::ProductType;
    let children = &product.children;
    match product.product_type {
        ProductType::Configurable => {
            if let Some(sku) = &choice.variant {
                if !children.iter().any(|c| &c.sku == sku) {
                    return Err(InputError::new("variant", String::from("no child has the sku ") + &quoted(sku)));
                }
            }
            if let Some(selection) = &choice.selection {
                let matches = |c: &Product| selection.iter().all(|(k, v)| c.attributes.iter().any(|(ck, cv)| ck == k && cv == v));
                if choice.variant.is_none() && !children.iter().any(matches) {
                    return Err(InputError::new("selection", "no child has these attribute values"));
                }
            }
        }
        ProductType::Bundle => {
            for (option_id, picks) in choice.bundle_selection.iter().flatten() {
                let mut at = String::from("bundle_selection");
                error::push_key(&mut at, option_id);
                let Some(option) = product.options.iter().find(|o| &o.id == option_id) else {
                    return Err(InputError::new(at, String::from("no option has the id ") + &quoted(option_id)));
                };
                for (i, pick) in picks.iter().enumerate() {
                    if let Some(q) = pick.qty {
                        positive(q, &|| item(&at, i, ".qty"))?;
                    }
                    if !option.selections.iter().any(|s| s.id == pick.selection_id) {
                        push_index(&mut at, i);
                        at.push_str(".selection_id");
                        return Err(InputError::new(
                            at,
                            String::from("no selection of this option has the id ") + &quoted(&pick.selection_id),
                        ));
                    }
                }
            }
        }
        ProductType::Grouped => {
            for (sku, _) in choice.grouped_qty.iter().flatten() {
                if !children.iter().any(|c| &c.sku == sku) {
                    let mut at = String::from("grouped_qty");
                    error::push_key(&mut at, sku);
                    return Err(InputError::new(at, "no child has this sku"));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The checks across one product's items; `at` is the product's path.
pub(crate) fn check_product(product: &mut Product, at: &str) -> Result<(), InputError> {
    if contract::sources_were_absent(&product.sources) {
        // Required of source-managed types (SPEC §10); composite parents have none (SPEC §13.2).
        if !product.product_type.is_composite() {
            return Err(InputError::new(String::from(at) + ".sources", "is required"));
        }
        product.sources.clear();
    }
    let sources = &product.sources;
    let path = |tail: &str| {
        let mut p = String::from(at);
        p.push_str(tail);
        p
    };
    // Values one by one (SPEC §12), in document order.
    identifier(&product.sku, MAX_SKU, &|| path(".sku"))?;
    bounded(product.name.as_deref(), MAX_TEXT, &|| path(".name"))?;
    for (i, source) in sources.iter().enumerate() {
        identifier(&source.source_code, MAX_TEXT, &|| item(&path(".sources"), i, ".source_code"))?;
    }
    for (i, reservation) in product.reservations.iter().enumerate() {
        bounded(reservation.event.as_deref(), MAX_TEXT, &|| item(&path(".reservations"), i, ".event"))?;
        bounded(reservation.order_id.as_deref(), MAX_ORDER_ID, &|| item(&path(".reservations"), i, ".order_id"))?;
    }
    if sources.len() > MAX_SOURCES {
        let mut problem = String::from("too many source items: at most ");
        crate::quantity::push_int(&mut problem, MAX_SOURCES as u64);
        return Err(InputError::new(path(".sources"), problem));
    }
    // Quadratic, but over at most MAX_SOURCES items; a sort or a hash set would cost every shopper
    // kilobytes of wasm for feeds no store has.
    for (i, source) in sources.iter().enumerate() {
        if let Some(first) = sources.iter().take(i).position(|other| other.source_code == source.source_code) {
            let mut at_i = path(".sources");
            push_index(&mut at_i, i);
            at_i.push_str(".source_code");
            let mut problem = String::from("duplicate source code ");
            problem.push_str(&quoted(&source.source_code));
            problem.push_str(" (also at ");
            problem.push_str(&path(".sources"));
            push_index(&mut problem, first);
            problem.push(')');
            return Err(InputError::new(at_i, problem));
        }
    }
    if Qty::checked_sum(sources.iter().map(|s| s.quantity)).is_none() {
        return Err(InputError::new(path(".sources"), too_large("the quantities")));
    }
    if Qty::checked_sum(product.reservations.iter().map(|r| r.quantity)).is_none() {
        return Err(InputError::new(path(".reservations"), too_large("the reservation quantities")));
    }
    // Children are products too (SPEC §13.2).
    #[cfg(feature = "composite")]
    check_children(product, at)?;
    Ok(())
}

/// The checks of every child of a composite product, at its path.
#[cfg(feature = "composite")]
fn check_children(product: &mut Product, at: &str) -> Result<(), InputError> {
    let path = |tail: &str| String::from(at) + tail;
    for (i, option) in product.options.iter().enumerate() {
        let at_option = item(&path(".options"), i, "");
        bounded(option.title.as_deref(), MAX_TEXT, &|| at_option.clone() + ".title")?;
        for (j, selection) in option.selections.iter().enumerate() {
            positive(selection.qty, &|| item(&(at_option.clone() + ".selections"), j, ".qty"))?;
        }
    }
    if product.default_qty < Qty::ZERO {
        return Err(InputError::new(path(".default_qty"), at_least_zero(product.default_qty)));
    }
    for (i, child) in product.children.iter_mut().enumerate() {
        let mut at_child = path(".children");
        push_index(&mut at_child, i);
        check_product(child, &at_child)?;
    }
    for (i, option) in product.options.iter_mut().enumerate() {
        for (j, selection) in option.selections.iter_mut().enumerate() {
            let mut at_child = path(".options");
            push_index(&mut at_child, i);
            at_child.push_str(".selections");
            push_index(&mut at_child, j);
            at_child.push_str(".child");
            check_product(&mut selection.child, &at_child)?;
        }
    }
    Ok(())
}

/// `at[i]tail`.
fn item(at: &str, i: usize, tail: &str) -> String {
    let mut p = String::from(at);
    push_index(&mut p, i);
    p.push_str(tail);
    p
}

/// A required identifier: non-empty, at most `max` characters.
fn identifier(s: &str, max: usize, at: &dyn Fn() -> String) -> Result<(), InputError> {
    if s.is_empty() {
        return Err(InputError::new(at(), "must not be empty"));
    }
    bounded(Some(s), max, at)
}

/// An optional string of at most `max` characters (a 10 MB value is a broken feed).
fn bounded(s: Option<&str>, max: usize, at: &dyn Fn() -> String) -> Result<(), InputError> {
    match s.map(|s| error::check_len(s, max)) {
        Some(Err(problem)) => Err(InputError::new(at(), problem)),
        _ => Ok(()),
    }
}

/// A quantity above 0 (SPEC §12).
fn positive(q: Qty, at: &dyn Fn() -> String) -> Result<(), InputError> {
    contract::check_positive(q).map_err(|problem| InputError::new(at(), problem))
}

#[cfg(feature = "composite")]
fn at_least_zero(q: Qty) -> String {
    let mut problem = String::from("must be 0 or more, found ");
    q.write_decimal(&mut problem, '.');
    problem
}

fn too_large(what: &str) -> String {
    let mut problem = String::from(what);
    problem.push_str(" add up to more than ±");
    MAX_TOTAL.write_decimal(&mut problem, '.');
    problem
}

pub(crate) fn push_index(path: &mut String, i: usize) {
    path.push('[');
    crate::quantity::push_int(path, i as u64);
    path.push(']');
}

/// What an event needs beyond its keys.
pub(crate) fn check_event(event: &Event) -> Result<(), InputError> {
    positive(event.qty, &|| "event.qty".into())?;
    identifier(&event.order_id, MAX_ORDER_ID, &|| "event.order_id".into())?;
    bounded(event.source_code.as_deref(), MAX_TEXT, &|| "event.source_code".into())?;
    if event.kind == crate::ledger::EventKind::ShipmentCreated && event.source_code.is_none() {
        return Err(InputError::new("event.source_code", "is required for a shipment"));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn parse(json: &str) -> Result<InputDocument, InputError> {
    InputDocument::from_json(json)
}
