//! The bridge's settings: a TOML (or JSON) file, command-line flags over it, and credentials from
//! the environment over both. What Magento's REST API cannot tell (SPEC §16, fixtures README §8)
//! lives here: the store settings the core reads from `config` (Only X Left Threshold, Display Out
//! of Stock Products, …, by the core's own names: [`crate::stock_settings`]), and the store view
//! and locale per website.

use crate::core_api::{self, Qty, StockOptions};
use crate::secret::Secret;
use crate::stock_settings;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Duration;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The store's base URL, e.g. `https://shop.example.com` (the bridge adds `/rest/…`).
    pub magento_url: Option<String>,
    /// Where `serve` listens, e.g. `127.0.0.1:8787`.
    pub listen: Option<String>,
    pub auth: AuthConfig,
    pub cache: CacheConfig,
    pub upstream: UpstreamConfig,
    /// `Access-Control-Allow-Origin`: `*` or one origin such as `https://shop.example.com`.
    pub cors_origin: Option<String>,
    /// Hide exact stock levels (README, "Connect your Magento store").
    pub clamp: bool,
    /// Defaults for every website: the store settings REST cannot tell, by the core's names.
    #[serde(deserialize_with = "stock_settings::deserialize")]
    pub stock: StockOptions,
    /// Per website code: store view, locale and any `[stock]` key.
    pub websites: BTreeMap<String, WebsiteConfig>,
    /// `auto` (default): MSI, or legacy CatalogInventory when Magento has no `/V1/inventory/*`
    /// routes (SPEC §16.1); `msi` or `legacy` to skip the detection.
    pub inventory: InventoryMode,
}

/// Which stock the bridge reads (SPEC §16.1).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum InventoryMode {
    #[default]
    Auto,
    Msi,
    Legacy,
}

/// Bearer token, or OAuth 1.0a's four values. The environment wins over the file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    pub token: Option<Secret>,
    pub consumer_key: Option<Secret>,
    pub consumer_secret: Option<Secret>,
    pub access_token: Option<Secret>,
    pub access_token_secret: Option<Secret>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheConfig {
    /// `Cache-Control: max-age`, and how long the bridge itself keeps a document.
    pub max_age: u64,
    /// `Cache-Control: stale-while-revalidate`.
    pub stale_while_revalidate: u64,
    /// How old a last good document may be and still be served when Magento fails (seconds;
    /// 0 turns stale serving off).
    pub stale_if_error: u64,
    /// Most documents held in memory.
    pub capacity: u64,
    /// How long a website's stock, store view and sources are kept.
    pub website_ttl: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig { max_age: 30, stale_while_revalidate: 60, stale_if_error: 3600, capacity: 100_000, website_ttl: 300 }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UpstreamConfig {
    /// Whole-request timeout for one Magento call, in milliseconds.
    pub timeout_ms: u64,
    pub connect_timeout_ms: u64,
    /// Most Magento calls in flight at once.
    pub concurrency: usize,
    /// `searchCriteria[page_size]` for batched source items and catalog paging (at most 300).
    pub page_size: u32,
    /// SKUs per batch in `export`.
    pub batch_size: usize,
}

impl Default for UpstreamConfig {
    fn default() -> Self {
        UpstreamConfig { timeout_ms: 10_000, connect_timeout_ms: 3_000, concurrency: 16, page_size: 100, batch_size: 100 }
    }
}

/// One website's keys: any `[stock]` key (over `[stock]`'s), and these two.
#[derive(Clone, Debug, Default)]
pub struct WebsiteConfig {
    /// Store view whose names and settings the documents use; default: the website's default
    /// store view (its default store group's, SPEC §16.1).
    pub store_code: Option<String>,
    /// `en`, `fr`, …; default: the store view's locale (`fr_FR` → `fr`).
    pub locale: Option<String>,
    /// The store settings REST cannot tell, for this website.
    pub stock: StockOptions,
}

impl<'de> Deserialize<'de> for WebsiteConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = WebsiteConfig;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a website's table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WebsiteConfig, A::Error> {
                let mut w = WebsiteConfig::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "store_code" => w.store_code = map.next_value()?,
                        "locale" => w.locale = map.next_value()?,
                        _ => stock_settings::read_into(&mut w.stock, &key, &mut map)?,
                    }
                }
                Ok(w)
            }
        }
        d.deserialize_map(Keys)
    }
}

impl Config {
    /// Reads a `.toml` or `.json` file. Errors name the file and the problem, never a value.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let parsed = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).map_err(|e| format!("{}: line {}: {}", path.display(), e.line(), classify(&e.to_string())))
        } else {
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), classify(e.message())))
        }?;
        Ok(parsed)
    }

    /// Credentials from the environment replace the file's.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) {
        let set = |slot: &mut Option<Secret>, name: &str| {
            if let Some(v) = get(name).filter(|v| !v.is_empty()) {
                *slot = Some(Secret::new(v));
            }
        };
        set(&mut self.auth.token, "MAGENTO_TOKEN");
        set(&mut self.auth.consumer_key, "MAGENTO_CONSUMER_KEY");
        set(&mut self.auth.consumer_secret, "MAGENTO_CONSUMER_SECRET");
        set(&mut self.auth.access_token, "MAGENTO_ACCESS_TOKEN");
        set(&mut self.auth.access_token_secret, "MAGENTO_ACCESS_TOKEN_SECRET");
    }

    /// The store settings in force for one website: its own over `[stock]`'s.
    pub fn display_for(&self, website: &str) -> Result<StockOptions, String> {
        match self.websites.get(website) {
            Some(w) => core_api::overlaid(&self.stock, &w.stock),
            None => Ok(self.stock.clone()),
        }
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.upstream.timeout_ms.max(1))
    }

    /// Checks values a typo could make absurd.
    pub fn validate(&self) -> Result<(), String> {
        if self.upstream.concurrency == 0 {
            return Err("upstream.concurrency must be at least 1".into());
        }
        if !(1..=300).contains(&self.upstream.page_size) {
            return Err("upstream.page_size must lie within 1..=300 (Magento's input limit)".into());
        }
        if self.upstream.batch_size == 0 || self.upstream.batch_size > 1000 {
            return Err("upstream.batch_size must lie within 1..=1000".into());
        }
        for (code, w) in std::iter::once(("(default)", &self.stock)).chain(self.websites.iter().map(|(k, v)| (k.as_str(), &v.stock))) {
            if w.only_x_left_threshold.is_some_and(|t| t < Qty::ZERO) {
                return Err(format!("{code}: only_x_left_threshold must be a number from 0"));
            }
        }
        let a = &self.auth;
        let oauth = [&a.consumer_key, &a.consumer_secret, &a.access_token, &a.access_token_secret];
        let given = oauth.iter().filter(|s| s.is_some()).count();
        if given != 0 && given != 4 {
            return Err("OAuth needs all four of consumer_key, consumer_secret, access_token and access_token_secret".into());
        }
        Ok(())
    }
}

/// Parser messages can quote the offending text; keep only the part that names the problem when
/// it could hold a value (a secret placed under a wrong key, say).
fn classify(message: &str) -> String {
    if message.contains("unknown field") {
        message.split(", expected").next().unwrap_or(message).to_owned()
    } else if message.contains("invalid type") || message.contains("invalid value") {
        message.split(':').next().unwrap_or("invalid value").to_owned()
    } else {
        message.lines().next().unwrap_or("").chars().take(200).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_with_websites_and_env_credentials() {
        let mut c: Config = toml::from_str(
            r#"
            magento_url = "https://shop.example.com"
            cors_origin = "https://shop.example.com"
            inventory = "legacy"
            [auth]
            token = "file-token"
            [cache]
            max_age = 10
            [stock]
            only_x_left_threshold = 5
            [websites.eu]
            locale = "fr"
            only_x_left_threshold = 3
            not_available_message = "only_x_of_y_available"
            "#,
        )
        .unwrap();
        c.apply_env(|k| (k == "MAGENTO_TOKEN").then(|| "env-token".to_owned()));
        assert_eq!(c.auth.token.as_ref().unwrap().expose(), "env-token");
        let q = |v: f64| Some(core_api::qty(v).unwrap());
        assert_eq!(c.display_for("eu").unwrap().only_x_left_threshold, q(3.0));
        assert_eq!(c.display_for("base").unwrap().only_x_left_threshold, q(5.0));
        assert_eq!(c.display_for("eu").unwrap().not_available_message, Some(core_api::NotAvailableMessage::OnlyXOfYAvailable));
        assert_eq!(c.display_for("base").unwrap().not_available_message, None);
        assert_eq!(c.websites["eu"].locale.as_deref(), Some("fr"));
        assert!(toml::from_str::<Config>("[stock]\nnot_available_message = \"nope\"\n").is_err());
        assert_eq!(c.cache.max_age, 10);
        assert_eq!(c.cache.stale_while_revalidate, 60);
        assert_eq!(c.inventory, InventoryMode::Legacy);
        assert_eq!(Config::default().inventory, InventoryMode::Auto);
        assert!(toml::from_str::<Config>("inventory = \"msii\"\n").is_err());
        assert!(c.validate().is_ok());
        assert!(!format!("{c:?}").contains("env-token"));
    }

    #[test]
    fn a_misspelt_key_is_refused_without_its_value() {
        let dir = std::env::temp_dir().join(format!("salable-bridge-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.toml");
        std::fs::write(&path, "[auth]\ntokn = \"s3cr3t-value\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("tokn"), "{err}");
        assert!(!err.contains("s3cr3t-value"), "{err}");
        std::fs::write(&path, "[auth]\ntoken = 12345678\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(!err.contains("12345678"), "{err}");
        // Store settings, at both levels, in TOML and in JSON: the key, never the value.
        for (name, text, key) in [
            ("stock.toml", "[stock]\nonly_x_left_treshold = \"s3cr3t-value\"\n", "only_x_left_treshold"),
            ("website.toml", "[websites.eu]\nlocale = \"fr\"\nshow_out_of_stok = \"s3cr3t-value\"\n", "show_out_of_stok"),
            ("value.toml", "[websites.eu]\ndisplay_stock_status = \"s3cr3t-value\"\n", "display_stock_status"),
            ("item.toml", "[stock]\nmax_sale_qty = 5\n", "max_sale_qty"),
            ("value.json", r#"{"websites": {"eu": {"not_available_message": "s3cr3t-value"}}}"#, "not_available_message"),
            ("unknown.json", r#"{"stock": {"tresh": "s3cr3t-value"}}"#, "tresh"),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            let err = Config::load(&path).unwrap_err();
            assert!(err.contains(key), "{name}: {err}");
            assert!(!err.contains("s3cr3t-value"), "{name}: {err}");
        }
        let path = dir.join("negative.toml");
        std::fs::write(&path, "[websites.eu]\nonly_x_left_threshold = -1\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().validate().unwrap_err(), "eu: only_x_left_threshold must be a number from 0");
    }
}
