//! The input document (SPEC §10) and the checks that serde's types alone cannot make (SPEC §12).
//!
//! Unknown keys are skipped without being built: product feeds carry descriptions, prices and
//! images we never read.

use crate::input_error::{deserialize_at, deserialize_objects_only, quoted, InputError};
use crate::quantity::{Qty, MAX_TOTAL};
use crate::settings::{Config, EnumVisitor, Overrides, Settings};
use serde::{Deserialize, Serialize};

/// What a product page fetches and what `evaluate` takes.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self")]
pub struct InputDocument {
    #[serde(default, deserialize_with = "null_as_default")]
    pub config: Config,
    pub product: Product,
    #[serde(default)]
    pub requested_qty: Option<Qty>,
    #[serde(default)]
    pub locale: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self")]
pub struct Product {
    pub sku: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub qty_uses_decimals: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub overrides: Overrides,
    pub sources: Vec<SourceItem>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub reservations: Vec<Reservation>,
}

/// One source's stock of the product.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self")]
pub struct SourceItem {
    pub source_code: String,
    pub quantity: Qty,
    pub status: SourceStatus,
    #[serde(default = "yes", deserialize_with = "null_as_yes")]
    pub source_enabled: bool,
    #[serde(default)]
    pub notify_for_quantity_below: Option<Qty>,
}

impl SourceItem {
    /// Enabled and in stock: the only source items whose quantity counts (SPEC §3).
    pub fn counts(&self) -> bool {
        self.source_enabled && self.status == SourceStatus::InStock
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    InStock,
    OutOfStock,
}

impl<'de> Deserialize<'de> for SourceStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EnumVisitor::<SourceStatus> {
            names: &[("in_stock", SourceStatus::InStock), ("out_of_stock", SourceStatus::OutOfStock)],
            numbers: &[(1, SourceStatus::InStock), (0, SourceStatus::OutOfStock)],
        })
    }
}

/// A signed quantity written when something happens to an order (SPEC §1, §8).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(remote = "Self")]
pub struct Reservation {
    pub quantity: Qty,
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub order_id: Option<String>,
}

deserialize_objects_only!(InputDocument, Product, SourceItem, Reservation);

impl Serialize for Reservation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Reservation::serialize(self, s)
    }
}

fn yes() -> bool {
    true
}

fn null_as_yes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

/// `"config": null` reads as "no config" rather than as an error.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Longest accepted strings. Magento's own columns: `sku` varchar(64), `source_code` and the
/// product name varchar(255), `increment_id` varchar(50). Longer input is a broken feed, and a cap
/// keeps a hostile 10 MB value out of every later message.
const MAX_SKU: usize = 64;
const MAX_TEXT: usize = 255;
const MAX_ORDER_ID: usize = 50;
const MAX_LOCALE: usize = 35;

impl InputDocument {
    /// Reads and checks a document from any serde deserializer (JSON text, a JS object).
    pub fn from_deserializer<'de, D>(d: D) -> Result<InputDocument, InputError>
    where
        D: serde::Deserializer<'de>,
        D::Error: std::fmt::Display,
    {
        let doc: InputDocument = deserialize_at(d, "")?;
        doc.validate()?;
        Ok(doc)
    }

    /// The settings in force for this product (SPEC §2).
    pub fn settings(&self) -> Settings {
        Settings::resolve(&self.config, &self.product.overrides, self.product.qty_uses_decimals.unwrap_or(false))
    }

    /// The checks of SPEC §12 that types cannot express.
    pub fn validate(&self) -> Result<(), InputError> {
        check_len("locale", self.locale.as_deref(), MAX_LOCALE)?;
        if let Some(q) = self.requested_qty {
            check_positive("requested_qty", q)?;
        }
        self.product.validate("product")
    }
}

impl Product {
    pub(crate) fn validate(&self, at: &str) -> Result<(), InputError> {
        if self.sku.is_empty() {
            return Err(InputError::new(format!("{at}.sku"), "must not be empty"));
        }
        check_len(&format!("{at}.sku"), Some(&self.sku), MAX_SKU)?;
        check_len(&format!("{at}.name"), self.name.as_deref(), MAX_TEXT)?;

        for (i, source) in self.sources.iter().enumerate() {
            let here = format!("{at}.sources[{i}]");
            if source.source_code.is_empty() {
                return Err(InputError::new(format!("{here}.source_code"), "must not be empty"));
            }
            check_len(&format!("{here}.source_code"), Some(&source.source_code), MAX_TEXT)?;
            if let Some(first) = self.sources[..i].iter().position(|s| s.source_code == source.source_code) {
                return Err(InputError::new(
                    format!("{here}.source_code"),
                    format!("duplicate source code {} (also at {at}.sources[{first}])", quoted(&source.source_code)),
                ));
            }
        }
        for (i, r) in self.reservations.iter().enumerate() {
            let here = format!("{at}.reservations[{i}]");
            check_len(&format!("{here}.order_id"), r.order_id.as_deref(), MAX_ORDER_ID)?;
            check_len(&format!("{here}.event"), r.event.as_deref(), MAX_TEXT)?;
        }
        if Qty::checked_sum(self.sources.iter().map(|s| s.quantity)).is_none() {
            return Err(total_too_large(&format!("{at}.sources"), "quantities"));
        }
        if Qty::checked_sum(self.reservations.iter().map(|r| r.quantity)).is_none() {
            return Err(total_too_large(&format!("{at}.reservations"), "reservation quantities"));
        }
        Ok(())
    }
}

fn total_too_large(path: &str, what: &str) -> InputError {
    InputError::new(path, format!("the {what} add up to more than ±{MAX_TOTAL}"))
}

pub(crate) fn check_positive(path: &str, v: Qty) -> Result<(), InputError> {
    if v <= Qty::ZERO {
        return Err(InputError::new(path, format!("must be greater than 0, found {v}")));
    }
    Ok(())
}

pub(crate) fn check_len(path: &str, value: Option<&str>, max: usize) -> Result<(), InputError> {
    if let Some(s) = value {
        // Byte length bounds the character count from above; count characters only when it matters.
        if s.len() > max && s.chars().count() > max {
            return Err(InputError::new(
                path,
                format!("too long: {} characters, at most {max}", s.chars().count()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn parse(json: &str) -> Result<InputDocument, InputError> {
        let mut de = serde_json::Deserializer::from_str(json);
        InputDocument::from_deserializer(&mut de)
    }

    fn err(json: &str) -> String {
        parse(json).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_spec_example_spec_10() {
        let doc = parse(
            r#"{"config":{"backorders":"no","only_x_left_threshold":5},
                "product":{"sku":"24-MB01","name":"Joust Duffle Bag","qty_uses_decimals":false,
                  "overrides":{"backorders":"allow","out_of_stock_threshold":-50,"notify_for_quantity_below":10},
                  "sources":[{"source_code":"default","quantity":25,"status":"in_stock","source_enabled":true,"notify_for_quantity_below":null}],
                  "reservations":[{"quantity":-3,"event":"order_placed","order_id":"000000042"}]},
                "requested_qty":1,"locale":"en"}"#,
        )
        .unwrap();
        assert_eq!(doc.product.sku, "24-MB01");
        assert_eq!(doc.product.sources[0].quantity, Qty::from_int(25));
        assert_eq!(doc.product.reservations[0].quantity, Qty::from_int(-3));
        assert_eq!(doc.settings().effective_threshold(), Qty::from_int(-50));
    }

    #[test]
    fn defaults_and_magento_numbers_spec_10() {
        let doc = parse(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1},{"source_code":"t","quantity":1,"status":0}]},"config":{"backorders":2}}"#).unwrap();
        assert!(doc.product.sources[0].source_enabled);
        assert_eq!(doc.product.sources[0].status, SourceStatus::InStock);
        assert_eq!(doc.product.sources[1].status, SourceStatus::OutOfStock);
        assert!(doc.product.reservations.is_empty());
        assert_eq!(doc.settings().backorders, crate::settings::Backorders::AllowNotify);
    }

    #[test]
    fn unknown_keys_are_ignored_spec_10() {
        parse(r#"{"feed":{"deep":[[[1]]]},"product":{"sku":"a","price":9.99,"sources":[{"source_code":"s","quantity":1,"status":"in_stock","bin":"A4"}]}}"#).unwrap();
    }

    #[test]
    fn errors_name_the_path_spec_12() {
        assert_eq!(
            err(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":"in_stock"},{"source_code":"t","quantity":"ten","status":"in_stock"}]}}"#),
            r#"product.sources[1].quantity: expected a number, found the string "ten""#
        );
        assert_eq!(err(r#"{"product":{"sources":[]}}"#), "product.sku: is required");
        assert_eq!(err(r#"[]"#), "document: expected an object, found an array");
        assert_eq!(
            err(r#"{"config":{"backorders":3},"product":{"sku":"a","sources":[]}}"#),
            r#"config.backorders: expected one of "no", "allow", "allow_notify", 0, 1, 2, found the number 3"#
        );
        assert_eq!(
            err(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":"maybe"}]}}"#),
            r#"product.sources[0].status: expected one of "in_stock", "out_of_stock", 1, 0, found the string "maybe""#
        );
        assert_eq!(
            err(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1e13,"status":"in_stock"}]}}"#),
            "product.sources[0].quantity: number out of range: must lie within ±1000000000000"
        );
        assert_eq!(
            err(r#"{"product":{"sku":"a","sources":[],"reservations":[{"order_id":"1"}]}}"#),
            "product.reservations[0].quantity: is required"
        );
    }

    #[test]
    fn semantic_checks_spec_12() {
        assert_eq!(
            err(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1,"status":1},{"source_code":"s","quantity":2,"status":1}]}}"#),
            r#"product.sources[1].source_code: duplicate source code "s" (also at product.sources[0])"#
        );
        assert_eq!(err(r#"{"product":{"sku":"a","sources":[]},"requested_qty":0}"#), "requested_qty: must be greater than 0, found 0");
        assert_eq!(err(r#"{"product":{"sku":"a","sources":[]},"requested_qty":-2}"#), "requested_qty: must be greater than 0, found -2");
        assert_eq!(err(r#"{"product":{"sku":"","sources":[]}}"#), "product.sku: must not be empty");
        let long = format!(r#"{{"product":{{"sku":"{}","sources":[]}}}}"#, "x".repeat(65));
        assert_eq!(err(&long), "product.sku: too long: 65 characters, at most 64");
        // Magento saves negative cart limits and treats them as "no limit"; so do we (SPEC §7 a).
        assert!(parse(r#"{"config":{"min_sale_qty":-1},"product":{"sku":"a","sources":[]}}"#).is_ok());
    }

    #[test]
    fn more_than_four_decimals_is_rounded_not_refused_spec_12() {
        let doc = parse(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":1.23456,"status":1}]}}"#).unwrap();
        assert_eq!(doc.product.sources[0].quantity.to_string(), "1.2346");
    }

    #[test]
    fn nulls_mean_absent() {
        let doc = parse(r#"{"config":null,"product":{"sku":"a","overrides":null,"reservations":null,"sources":[{"source_code":"s","quantity":1,"status":1,"source_enabled":null}]},"requested_qty":null,"locale":null}"#).unwrap();
        assert!(doc.product.sources[0].source_enabled);
    }
}
