//! Catalogs (the full API's `evaluateCatalog`, built with `full` only): one envelope, many
//! products, and a product that cannot be read refused alone; the slot that says so; their
//! TypeScript.

use super::checks::{check_product, push_index};
use super::envelope::{Body, Envelope};
use super::values::MAX_SKU;
use crate::date::Date;
use crate::document::Product;
use crate::error::{check_len, InputError};
use crate::json::{from_text, from_text_tolerant, TOLERANT_TOKEN};
use crate::quantity::Qty;
use crate::settings::StockOptions;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A catalog's products: each one read, or refused without sinking the others.
pub(super) struct CatalogProducts(Vec<Option<Product>>);

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

/// A product a catalog could not read: why, and its `sku` if that much was readable.
pub(crate) type Refused = (InputError, Option<String>);

/// A catalog read from JSON text: its envelope, and one slot per product, in order.
pub(crate) struct Catalog {
    pub config: StockOptions,
    pub requested_qty: Option<Qty>,
    pub locale: Option<String>,
    pub today: Option<Date>,
    /// The shopper's position, which orders pickup stores (SPEC §17); `full` has `pickup`.
    pub near: Option<crate::document::GeoPoint>,
    pub products: Vec<Result<Product, Refused>>,
}

/// Reads `{ "config", "products": [ … ], "locale", "requested_qty" }`. A product that cannot be read
/// takes an error slot and the others go on; a malformed envelope is an error.
pub(crate) fn read_catalog(text: &str) -> Result<Catalog, InputError> {
    let (envelope, refused) = from_text_tolerant::<Envelope<CatalogProducts>>(text)?;
    let mut refused = refused.into_iter().map(|(error, product)| (error, sku_of(product)));
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
    Ok(Catalog {
        config: envelope.config,
        requested_qty: envelope.requested_qty,
        locale: envelope.locale,
        today: envelope.today,
        near: envelope.near,
        products,
    })
}

/// The `sku` of a product that failed to read, if it has a readable one: the first `sku` key of the
/// object, a string of at most 64 characters (SPEC §12).
fn sku_of(product: &str) -> Option<String> {
    struct FirstSku(Option<String>);
    impl<'de> Deserialize<'de> for FirstSku {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = FirstSku;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FirstSku, A::Error> {
                    let mut sku = None;
                    while let Some(key) = map.next_key::<std::borrow::Cow<'_, str>>()? {
                        if sku.is_none() && key == "sku" {
                            // Not a string: no sku, and nothing else is looked at.
                            let Ok(text) = map.next_value::<String>() else { return Ok(FirstSku(None)) };
                            sku = Some(Some(text).filter(|s| check_len(s, MAX_SKU).is_ok()));
                        } else {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                    Ok(FirstSku(sku.flatten()))
                }
            }
            d.deserialize_map(V)
        }
    }
    from_text::<FirstSku>(product, "").ok().and_then(|s| s.0)
}

/// One slot of a catalog's answer for a product that could not be read.
#[derive(Serialize)]
pub(crate) struct RefusedSlot<'a> {
    pub sku: Option<&'a str>,
    /// `path: problem`, as the error of a single document reads.
    pub error: String,
}

typescript!(
    r#"

/** One slot of evaluateCatalog's answer: an output document, or why that product was refused. */
export type CatalogSlot = StockOutput | { sku: string | null; error: string };
"#
);
