//! Settings (SPEC §2): `config` and `product.overrides` in (one layer each, [`StockOptions`]), the
//! settings in force out (`effectiveSettings`, [`Settings`]), the names of their enums, and their
//! TypeScript.
//!
//! A new setting: a field of `StockOptions` and `Settings` (`src/settings.rs`), then here its key in
//! `StockOptionsDef` and `SettingsDef`, and in the TypeScript (`ProductOverrides` or `StockConfig`,
//! and `EffectiveSettings`); `tests::every_key_is_typed` fails until the TypeScript has it.

use crate::quantity::Qty;
#[cfg(feature = "full")]
use crate::settings::Settings;
use crate::settings::{Backorders, NotAvailableMessage, StockOptions};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

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
    #[cfg(feature = "pickup")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pickup_enabled: Option<bool>,
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

/// The envelope's `config`: `null` means nothing set (SPEC §10).
pub(super) fn config<'de, D: Deserializer<'de>>(d: D) -> Result<StockOptions, D::Error> {
    Ok(Option::<StockOptions>::deserialize(d)?.unwrap_or_default())
}

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
    pickup_enabled: bool,
}

#[cfg(feature = "full")]
write_through_def!(Settings => SettingsDef);

named!(Backorders, [Backorders::No => "no", Backorders::Allow => "allow", Backorders::AllowNotify => "allow_notify"], numbers = [0, 1, 2]);
named!(NotAvailableMessage, [
    NotAvailableMessage::NotEnoughItems => "not_enough_items",
    NotAvailableMessage::OnlyXOfYAvailable => "only_x_of_y_available",
]);
read_by_name!(Backorders, NotAvailableMessage);

typescript!(
    r#"
/** Magento's Backorders setting, by name or by its stored number. */
export type Backorders = "no" | "allow" | "allow_notify" | 0 | 1 | 2;

/**
 * A product's Advanced Inventory with "Use Config Settings" unticked: a present key wins. Everywhere in
 * the input, an optional key set to null means "not set".
 */
export interface ProductOverrides {
  manage_stock?: boolean | null;
  backorders?: Backorders | null;
  out_of_stock_threshold?: number | null;
  min_sale_qty?: number | null;
  max_sale_qty?: number | null;
  notify_for_quantity_below?: number | null;
  enable_qty_increments?: boolean | null;
  qty_increments?: number | null;
  /** Keys we do not read (Magento's `use_config_*` flags, say) are ignored. */
  [extra: string]: unknown;
}

/** Store-wide settings (Magento's Default Config): the product settings plus the config-only ones. */
export interface StockConfig extends ProductOverrides {
  only_x_left_threshold?: number | null;
  display_stock_status?: boolean | null;
  not_available_message?: "not_enough_items" | "only_x_of_y_available" | null;
  /** Magento's Display Out of Stock Products: composite pages offer unsalable children too (SPEC §13). */
  show_out_of_stock?: boolean | null;
  /** Whether the website offers in-store pickup: Magento's `carriers/instore/active`, which REST
   *  cannot read (SPEC §17). */
  pickup_enabled?: boolean | null;
}

/** Every setting in force after config, overrides and defaults (SPEC §2). */
export interface EffectiveSettings {
  manage_stock: boolean;
  backorders: "no" | "allow" | "allow_notify";
  out_of_stock_threshold: number;
  effective_threshold: number;
  min_sale_qty: number;
  max_sale_qty: number;
  notify_for_quantity_below: number;
  enable_qty_increments: boolean;
  qty_increments: number;
  only_x_left_threshold: number;
  display_stock_status: boolean;
  not_available_message: "not_enough_items" | "only_x_of_y_available";
  qty_uses_decimals: boolean;
  show_out_of_stock: boolean;
  pickup_enabled: boolean;
}
"#
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::to_json;

    /// The keys of a JSON object our writer wrote.
    fn keys(json: &str) -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v.as_object().unwrap().keys().cloned().collect()
    }

    /// The members of one interface of [`TYPESCRIPT`]: `name?:` or `name:` at the start of a line.
    fn members(interface: &str) -> Vec<String> {
        let start = TYPESCRIPT.find(&format!("export interface {interface} ")).unwrap_or_else(|| panic!("no interface {interface}"));
        let body = &TYPESCRIPT[start..];
        let body = &body[..body.find("\n}").unwrap()];
        body.lines()
            .skip(1)
            .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k.trim_end_matches('?').to_string()))
            .filter(|k| !k.starts_with(['/', '*', '[']))
            .collect()
    }

    /// A setting the contract reads or writes and the TypeScript lacks fails here, natively,
    /// before the `.d.ts` drift test (`tests/types/`) could.
    #[test]
    fn every_key_is_typed() {
        let q = Some(Qty::ONE);
        let every = StockOptions {
            manage_stock: Some(true),
            backorders: Some(Backorders::Allow),
            out_of_stock_threshold: q,
            min_sale_qty: q,
            max_sale_qty: q,
            notify_for_quantity_below: q,
            enable_qty_increments: Some(true),
            qty_increments: q,
            only_x_left_threshold: q,
            display_stock_status: Some(true),
            show_out_of_stock: Some(true),
            pickup_enabled: Some(true),
            not_available_message: Some(NotAvailableMessage::OnlyXOfYAvailable),
        };
        let mut json = String::new();
        to_json(&every, &mut json);
        let mut typed = members("ProductOverrides");
        typed.extend(members("StockConfig"));
        for key in keys(&json) {
            assert!(typed.contains(&key), "StockConfig or ProductOverrides lacks {key}");
        }
        #[cfg(feature = "full")]
        {
            let settings = Settings::resolve(&every, &StockOptions::default(), false);
            let mut json = String::new();
            to_json(&settings, &mut json);
            let (mut written, mut typed) = (keys(&json), members("EffectiveSettings"));
            written.sort();
            typed.sort();
            assert_eq!(written, typed, "EffectiveSettings and SettingsDef differ");
        }
    }
}
