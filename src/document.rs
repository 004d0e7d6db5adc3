//! The input document (SPEC §10) and the checks of SPEC §12.
//!
//! Unknown keys are skipped without being built: product feeds carry descriptions, prices and
//! images we never read.

use crate::input_error::{quoted, InputError};
use crate::json_reader::{ReadResult, Reader};
use crate::quantity::{Qty, MAX_TOTAL};
use crate::settings::{Settings, StockOptions};

/// What a product page fetches and what `evaluate` takes.
#[derive(Clone, Debug, PartialEq)]
pub struct InputDocument {
    pub config: StockOptions,
    pub product: Product,
    pub requested_qty: Option<Qty>,
    pub locale: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    pub sku: String,
    pub name: Option<String>,
    pub qty_uses_decimals: Option<bool>,
    pub overrides: StockOptions,
    pub sources: Vec<SourceItem>,
    pub reservations: Vec<Reservation>,
}

/// One source's stock of the product.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceItem {
    pub source_code: String,
    pub quantity: Qty,
    pub status: SourceStatus,
    pub source_enabled: bool,
    pub notify_for_quantity_below: Option<Qty>,
}

impl SourceItem {
    /// Enabled and in stock: the only source items whose quantity counts (SPEC §3).
    pub fn counts(&self) -> bool {
        self.source_enabled && self.status == SourceStatus::InStock
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceStatus {
    InStock,
    OutOfStock,
}

impl SourceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::InStock => "in_stock",
            SourceStatus::OutOfStock => "out_of_stock",
        }
    }
}

/// A signed quantity written when something happens to an order (SPEC §1, §8).
#[derive(Clone, Debug, PartialEq)]
pub struct Reservation {
    pub quantity: Qty,
    pub event: Option<String>,
    pub order_id: Option<String>,
}

impl Reservation {
    pub fn write_json(&self, w: &mut crate::json_writer::JsonWriter<'_>) {
        w.object(|w| {
            w.key("quantity").qty(self.quantity);
            w.key("event").opt_string(self.event.as_deref());
            w.key("order_id").opt_string(self.order_id.as_deref());
        });
    }
}

/// Longest accepted strings. Magento's own columns: `sku` varchar(64), `source_code` and the
/// product name varchar(255), `increment_id` varchar(50). Longer input is a broken feed, and a cap
/// keeps a hostile 10 MB value out of every later message.
pub(crate) const MAX_SKU: usize = 64;
pub(crate) const MAX_TEXT: usize = 255;
pub(crate) const MAX_ORDER_ID: usize = 50;
/// Source items per product. Magento stores have a handful of sources, a few hundred at most.
const MAX_SOURCES: usize = 1000;
const MAX_LOCALE: usize = 35;

const STATUS_NAMES: &[(&str, SourceStatus)] = &[("in_stock", SourceStatus::InStock), ("out_of_stock", SourceStatus::OutOfStock)];
const STATUS_NUMBERS: &[(i64, SourceStatus)] = &[(1, SourceStatus::InStock), (0, SourceStatus::OutOfStock)];

impl InputDocument {
    /// Reads and checks a whole document from JSON text.
    pub fn from_json(text: &str) -> Result<InputDocument, InputError> {
        let mut r = Reader::new(text);
        let doc = InputDocument::read(&mut r)?;
        r.finish()?;
        Ok(doc)
    }

    /// Reads and checks a document at the reader's position.
    pub fn read(r: &mut Reader<'_>) -> ReadResult<InputDocument> {
        let mut config = StockOptions::default();
        let mut product = None;
        let mut requested_qty = None;
        let mut locale = None;
        r.object(&mut |r, key| {
            match key {
                "config" => config = StockOptions::read(r)?,
                "product" => product = Some(Product::read(r)?),
                "requested_qty" => requested_qty = read_request_qty(r)?,
                "locale" => locale = r.opt_bounded_string(MAX_LOCALE)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        let product = product.ok_or_else(|| r.error_at_key("product", "is required"))?;
        Ok(InputDocument { config, product, requested_qty, locale })
    }

    /// The settings in force for this product (SPEC §2).
    pub fn settings(&self) -> Settings {
        self.product.settings(&self.config)
    }
}

/// A requested quantity: greater than 0 (SPEC §12); `null` means "the default".
pub(crate) fn read_request_qty(r: &mut Reader<'_>) -> ReadResult<Option<Qty>> {
    let q = r.opt_qty()?;
    if let Some(q) = q {
        check_positive(q).map_err(|p| r.error(p))?;
    }
    Ok(q)
}

pub(crate) fn check_positive(q: Qty) -> Result<(), String> {
    if q <= Qty::ZERO {
        return Err(format!("must be greater than 0, found {q}"));
    }
    Ok(())
}

impl Product {
    /// The settings in force for this product under `config` (SPEC §2).
    pub fn settings(&self, config: &StockOptions) -> Settings {
        Settings::resolve(config, &self.overrides, self.qty_uses_decimals.unwrap_or(false))
    }

    /// Reads a product object, checking what SPEC §12 asks.
    pub fn read(r: &mut Reader<'_>) -> ReadResult<Product> {
        let mut sku = None;
        let mut name = None;
        let mut qty_uses_decimals = None;
        let mut overrides = StockOptions::default();
        let mut sources = None;
        let mut reservations = Vec::new();
        r.object(&mut |r, key| {
            match key {
                "sku" => sku = Some(r.identifier(MAX_SKU)?),
                "name" => name = r.opt_bounded_string(MAX_TEXT)?,
                "qty_uses_decimals" => qty_uses_decimals = r.opt_boolean()?,
                "overrides" => overrides = StockOptions::read(r)?,
                "sources" => sources = Some(read_sources(r)?),
                "reservations" => {
                    if !r.null() {
                        reservations = read_reservations(r)?;
                    }
                }
                _ => r.skip()?,
            }
            Ok(())
        })?;
        let sku = sku.ok_or_else(|| r.error_at_key("sku", "is required"))?;
        let sources = sources.ok_or_else(|| r.error_at_key("sources", "is required"))?;
        Ok(Product { sku, name, qty_uses_decimals, overrides, sources, reservations })
    }
}

fn read_sources(r: &mut Reader<'_>) -> ReadResult<Vec<SourceItem>> {
    let mut sources: Vec<SourceItem> = Vec::new();
    let at = r.path();
    r.array(&mut |r, i| {
        if i >= MAX_SOURCES {
            let mut problem = String::from("too many source items: at most ");
            crate::quantity::push_int(&mut problem, MAX_SOURCES as u64);
            return Err(InputError::new(at.clone(), problem));
        }
        let mut code = None;
        let mut quantity = None;
        let mut status = None;
        let mut source_enabled = true;
        let mut notify_for_quantity_below = None;
        r.object(&mut |r, key| {
            match key {
                "source_code" => {
                    let s = r.identifier(MAX_TEXT)?;
                    // Quadratic, but over at most MAX_SOURCES items; a sort or a hash set would
                    // cost every shopper kilobytes of wasm for feeds no store has.
                    if let Some(first) = sources.iter().position(|other| other.source_code == s) {
                        return Err(r.error(format!("duplicate source code {} (also at {at}[{first}])", quoted(&s))));
                    }
                    code = Some(s);
                }
                "quantity" => quantity = Some(r.qty()?),
                "status" => status = Some(r.enumeration(STATUS_NAMES, STATUS_NUMBERS)?),
                "source_enabled" => source_enabled = r.opt_boolean()?.unwrap_or(true),
                "notify_for_quantity_below" => notify_for_quantity_below = r.opt_qty()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        let missing = |key| r.error_at_key(key, "is required");
        sources.push(SourceItem {
            source_code: code.ok_or_else(|| missing("source_code"))?,
            quantity: quantity.ok_or_else(|| missing("quantity"))?,
            status: status.ok_or_else(|| missing("status"))?,
            source_enabled,
            notify_for_quantity_below,
        });
        Ok(())
    })?;
    if Qty::checked_sum(sources.iter().map(|s| s.quantity)).is_none() {
        return Err(r.error(format!("the quantities add up to more than ±{MAX_TOTAL}")));
    }
    Ok(sources)
}

fn read_reservations(r: &mut Reader<'_>) -> ReadResult<Vec<Reservation>> {
    let mut reservations = Vec::new();
    r.array(&mut |r, _| {
        let mut quantity = None;
        let mut event = None;
        let mut order_id = None;
        r.object(&mut |r, key| {
            match key {
                "quantity" => quantity = Some(r.qty()?),
                "event" => event = r.opt_bounded_string(MAX_TEXT)?,
                "order_id" => order_id = r.opt_bounded_string(MAX_ORDER_ID)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        let quantity = quantity.ok_or_else(|| r.error_at_key("quantity", "is required"))?;
        reservations.push(Reservation { quantity, event, order_id });
        Ok(())
    })?;
    if Qty::checked_sum(reservations.iter().map(|r| r.quantity)).is_none() {
        return Err(r.error(format!("the reservation quantities add up to more than ±{MAX_TOTAL}")));
    }
    Ok(reservations)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn parse(json: &str) -> Result<InputDocument, InputError> {
        InputDocument::from_json(json)
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
    fn duplicates_and_too_many_sources_are_refused_spec_12() {
        let sources = |codes: &[String]| {
            codes.iter().map(|c| format!(r#"{{"source_code":"{c}","quantity":1,"status":1}}"#)).collect::<Vec<_>>().join(",")
        };
        let codes = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let e = err(&format!(r#"{{"product":{{"sku":"a","sources":[{}]}}}}"#, sources(&codes(&["z", "b", "z", "b", "b"]))));
        assert_eq!(e, r#"product.sources[2].source_code: duplicate source code "z" (also at product.sources[0])"#);
        let many: Vec<String> = (0..1000).map(|i| format!("s{i}")).collect();
        assert!(parse(&format!(r#"{{"product":{{"sku":"a","sources":[{}]}}}}"#, sources(&many))).is_ok());
        let too_many: Vec<String> = (0..1001).map(|i| format!("s{i}")).collect();
        let e = err(&format!(r#"{{"product":{{"sku":"a","sources":[{}]}}}}"#, sources(&too_many)));
        assert_eq!(e, "product.sources: too many source items: at most 1000");
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
