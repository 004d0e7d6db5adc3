//! Catalogs (the full API's `evaluateCatalog`): one envelope, many products, and a product that
//! cannot be read refused alone. Built only with the `full` feature.

use super::contract::TOLERANT_TOKEN;
use super::deserializer::{Deserializer, Refused};
use super::reader::Reader;
use super::{check_product, push_index, Body, Envelope, InputError};
use crate::document::Product;
use crate::quantity::Qty;
use crate::settings::StockOptions;
use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A catalog's products: each one read, or refused without sinking the others.
pub(crate) struct CatalogProducts(pub Vec<Option<Product>>);

impl<'de> Body<'de> for CatalogProducts {
    const KEY: &'static str = "products";
    fn read<A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        /// One product, refused alone when it cannot be read (see [`TOLERANT_TOKEN`]).
        struct Tolerant(Option<Product>);
        impl<'de> Deserialize<'de> for Tolerant {
            fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Tolerant;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a product")
                    }
                    /// The deserializer keeps the error and skips the product (see the token).
                    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Tolerant, D::Error> {
                        Ok(Tolerant(Product::deserialize(d).ok()))
                    }
                }
                d.deserialize_newtype_struct(TOLERANT_TOKEN, V)
            }
        }
        let products: Vec<Tolerant> = map.next_value()?;
        Ok(CatalogProducts(products.into_iter().map(|t| t.0).collect()))
    }
}

/// A catalog read from JSON text: its envelope, and one slot per product, in order.
pub(crate) struct Catalog {
    pub config: StockOptions,
    pub requested_qty: Option<Qty>,
    pub locale: Option<String>,
    pub today: Option<crate::date::Date>,
    pub products: Vec<Result<Product, Refused>>,
}

/// Reads `{ "config", "products": [ … ], "locale", "requested_qty" }`. A product that cannot be read
/// takes an error slot and the others go on; a malformed envelope is an error.
pub(crate) fn read_catalog(text: &str) -> Result<Catalog, InputError> {
    let mut r = Reader::new(text);
    let mut de = Deserializer::new(&mut r);
    let envelope = Envelope::<CatalogProducts>::deserialize(&mut de).map_err(|e| de.locate(e, 0))?;
    let mut refused = std::mem::take(&mut de.refused).into_iter();
    r.finish()?;
    let mut products = Vec::with_capacity(envelope.body.0.len());
    for (i, slot) in envelope.body.0.into_iter().enumerate() {
        products.push(match slot {
            Some(product) => {
                let mut at = String::from("products");
                push_index(&mut at, i);
                let mut product = product;
                match check_product(&mut product, &at) {
                    Ok(()) => Ok(product),
                    Err(e) => Err((e, Some(product.sku))),
                }
            }
            None => Err(refused.next().unwrap_or_else(|| (InputError::new("products", "unreadable"), None))),
        });
    }
    Ok(Catalog { config: envelope.config, requested_qty: envelope.requested_qty, locale: envelope.locale, today: envelope.today, products })
}
