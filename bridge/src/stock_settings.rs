//! The store settings Magento's REST API cannot tell (SPEC §16; fixtures README §8): the config
//! file's `[stock]` table, the keys of a `[websites.CODE]` table beside `store_code` and `locale`,
//! and `--stock KEY=VALUE`. Each setting is read by the core's own serde declaration of
//! [`StockOptions`], so a setting the core gains is read, layered and published with no edit in
//! the bridge.
//!
//! Refused, naming the key and never the value (a secret pasted under a wrong key must not reach a
//! log): a key the core does not know (a typo is never silently ignored), a setting Magento's stock
//! items give per product ([`FROM_STOCK_ITEM`]), a value of the wrong kind.

use crate::core_api::{self, StockOptions};
use crate::mapping::FROM_STOCK_ITEM;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;

/// `deserialize_with` of a table of settings (`[stock]`).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<StockOptions, D::Error> {
    struct Table;
    impl<'de> Visitor<'de> for Table {
        type Value = StockOptions;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a table of store settings")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StockOptions, A::Error> {
            let mut options = StockOptions::default();
            while let Some(key) = map.next_key::<String>()? {
                read_into(&mut options, &key, &mut map)?;
            }
            Ok(options)
        }
    }
    d.deserialize_map(Table)
}

/// Reads the value of `key`, next in `map`, as that one setting, and sets it in `options`. For a
/// table holding other keys too (`[websites.CODE]`).
pub fn read_into<'de, A: MapAccess<'de>>(options: &mut StockOptions, key: &str, map: &mut A) -> Result<(), A::Error> {
    let one = map.next_value_seed(Setting(key))?;
    *options = core_api::overlaid(options, &one).map_err(|e| de::Error::custom(format!("{key}: {e}")))?;
    Ok(())
}

/// `options` with the setting `key` given on the command line as `text`: JSON (`5`, `2.5`, `true`)
/// or else plain text (`only_x_of_y_available`). The error names the key, never the text.
pub fn with_flag(options: &StockOptions, key: &str, text: &str) -> Result<StockOptions, String> {
    let value = serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()));
    let one = Setting(key).deserialize(value).map_err(|e| e.to_string())?;
    core_api::overlaid(options, &one).map_err(|e| format!("{key}: {e}"))
}

/// One setting's value, read as the one-key table `{key: value}` by the core's declaration, with
/// `serde_ignored` telling whether the core skipped the key as unknown.
struct Setting<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for Setting<'_> {
    type Value = StockOptions;

    fn deserialize<D: Deserializer<'de>>(self, value: D) -> Result<StockOptions, D::Error> {
        let key = self.0;
        if FROM_STOCK_ITEM.contains(&key) {
            return Err(de::Error::custom(format!("{key}: Magento's stock items give this setting, per product; set it in Magento")));
        }
        let mut unknown = false;
        let entry = de::value::MapAccessDeserializer::new(Entry { key: Some(key), value: Some(value) });
        let read: Result<StockOptions, D::Error> = serde_ignored::deserialize(entry, |_| unknown = true);
        match read {
            _ if unknown => Err(de::Error::custom(format!("unknown field `{key}`"))),
            Ok(options) => Ok(options),
            Err(e) => Err(de::Error::custom(format!("{key}: {}", problem(&e.to_string())))),
        }
    }
}

/// The map `{key: value}` over a format's own value, so the value is read as the format gives it
/// (a TOML `nan` stays a float, refused by the core, rather than becoming JSON's `null`).
struct Entry<'k, D> {
    key: Option<&'k str>,
    value: Option<D>,
}

impl<'de, D: Deserializer<'de>> MapAccess<'de> for Entry<'_, D> {
    type Error = D::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, D::Error> {
        self.key.take().map(|key| seed.deserialize(de::value::StrDeserializer::new(key))).transpose()
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, D::Error> {
        let value = self.value.take().ok_or_else(|| de::Error::custom("a value read twice"))?;
        seed.deserialize(value)
    }
}

/// What is wrong, without the value: serde's messages quote it (`invalid type: string "x",
/// expected a number`); what was expected is stated by the type, never by the input.
fn problem(message: &str) -> String {
    let message = message.lines().next().unwrap_or("");
    let message = message.split(" at line ").next().unwrap_or(message);
    match message.find("expected ") {
        Some(i) => message[i..].split(", found").next().unwrap_or("").to_owned(),
        None => message.split(':').next().unwrap_or("").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core_api::{qty, NotAvailableMessage};

    fn toml_table(text: &str) -> Result<StockOptions, String> {
        #[derive(serde::Deserialize, Debug)]
        struct File {
            #[serde(deserialize_with = "deserialize")]
            stock: StockOptions,
        }
        toml::from_str::<File>(text).map(|f| f.stock).map_err(|e| e.message().to_owned())
    }

    #[test]
    fn every_setting_is_read_by_the_cores_names() {
        let s = toml_table(
            "[stock]\nonly_x_left_threshold = 2.5\ndisplay_stock_status = false\nnot_available_message = \"only_x_of_y_available\"\nshow_out_of_stock = true\n",
        )
        .unwrap();
        assert_eq!(
            s,
            StockOptions {
                only_x_left_threshold: Some(qty(2.5).unwrap()),
                display_stock_status: Some(false),
                not_available_message: Some(NotAvailableMessage::OnlyXOfYAvailable),
                show_out_of_stock: Some(true),
                ..Default::default()
            }
        );
        assert_eq!(toml_table("[stock]\n").unwrap(), StockOptions::default());
        let json: StockOptions = deserialize(serde_json::json!({ "only_x_left_threshold": 5, "show_out_of_stock": null })).unwrap();
        assert_eq!(json, StockOptions { only_x_left_threshold: Some(qty(5.0).unwrap()), ..Default::default() });
    }

    #[test]
    fn unknown_keys_stock_item_keys_and_bad_values_are_refused_by_key_never_by_value() {
        for (text, key, what) in [
            ("only_x_left_treshold = 5", "only_x_left_treshold", "unknown field"),
            ("manage_stock = false", "manage_stock", "stock items give"),
            ("display_stock_status = \"s3cr3t-value\"", "display_stock_status", "expected"),
            ("not_available_message = \"s3cr3t-value\"", "not_available_message", "expected one of"),
            ("only_x_left_threshold = \"s3cr3t-value\"", "only_x_left_threshold", "expected a number"),
            ("only_x_left_threshold = nan", "only_x_left_threshold", "expected a finite number"),
            ("only_x_left_threshold = 1e13", "only_x_left_threshold", "number out of range"),
        ] {
            let e = toml_table(&format!("[stock]\n{text}\n")).unwrap_err();
            assert!(e.contains(key) && e.contains(what), "{text}: {e}");
            assert!(!e.contains("s3cr3t"), "{text}: {e}");
        }
    }

    #[test]
    fn flags_take_json_or_plain_text() {
        let s = with_flag(&StockOptions::default(), "only_x_left_threshold", "5").unwrap();
        let s = with_flag(&s, "not_available_message", "only_x_of_y_available").unwrap();
        let s = with_flag(&s, "show_out_of_stock", "true").unwrap();
        let s = with_flag(&s, "only_x_left_threshold", "3").unwrap();
        assert_eq!(
            s,
            StockOptions {
                only_x_left_threshold: Some(qty(3.0).unwrap()),
                not_available_message: Some(NotAvailableMessage::OnlyXOfYAvailable),
                show_out_of_stock: Some(true),
                ..Default::default()
            }
        );
        let e = with_flag(&s, "display_stock_status", "s3cr3t-value").unwrap_err();
        assert!(e.starts_with("display_stock_status: expected"), "{e}");
        assert!(!e.contains("s3cr3t"), "{e}");
        assert_eq!(with_flag(&s, "bogus", "1").unwrap_err(), "unknown field `bogus`");
        assert!(with_flag(&s, "backorders", "1").unwrap_err().starts_with("backorders: Magento's stock items"));
    }
}
