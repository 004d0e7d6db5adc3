//! Documents from Magento: the website context (cached and coalesced per website), the call plan
//! for one SKU, the mapping and the optional clamp. Shared by `serve`, `export` and `check`.

use crate::clamp;
use crate::config::Config;
use crate::config::InventoryMode;
use crate::core_api::InputDocument;
use crate::magento::plan::{self, Lookup, Plan};
use crate::magento::{Auth, Magento, UpstreamError};
use crate::mapping::{self, Facts, Inventory, MapError, WebsiteContext};
use std::sync::Arc;
use std::time::Duration;

pub struct Documents {
    pub magento: Magento,
    pub cfg: Config,
    websites: moka::future::Cache<String, Arc<Lookup<WebsiteContext>>>,
    /// MSI or legacy, found on the first call (or set by `inventory` in the configuration).
    inventory: tokio::sync::OnceCell<Inventory>,
    /// The latest documents' outcomes, for `/healthz`.
    pub upstream: crate::health::UpstreamHealth,
}

impl Documents {
    /// Builds the client from the configuration (URL, credentials, timeouts, concurrency).
    pub fn new(cfg: Config) -> Result<Documents, String> {
        cfg.validate()?;
        let url = cfg.magento_url.clone().ok_or("no Magento URL: pass --magento-url or set magento_url in the config file")?;
        let a = &cfg.auth;
        let auth = match (&a.token, &a.consumer_key, &a.consumer_secret, &a.access_token, &a.access_token_secret) {
            (_, Some(ck), Some(cs), Some(at), Some(ats)) => Auth::OAuth {
                consumer_key: ck.clone(),
                consumer_secret: cs.clone(),
                access_token: at.clone(),
                access_token_secret: ats.clone(),
            },
            (Some(t), ..) if !t.is_empty() => Auth::Bearer(t.clone()),
            _ => Auth::None,
        };
        let magento = Magento::new(
            &url,
            auth,
            cfg.timeout(),
            Duration::from_millis(cfg.upstream.connect_timeout_ms.max(1)),
            cfg.upstream.concurrency,
        )?;
        let websites =
            moka::future::Cache::builder().max_capacity(1_000).time_to_live(Duration::from_secs(cfg.cache.website_ttl.max(1))).build();
        let inventory = match cfg.inventory {
            InventoryMode::Auto => tokio::sync::OnceCell::new(),
            InventoryMode::Msi => tokio::sync::OnceCell::new_with(Some(Inventory::Msi)),
            InventoryMode::Legacy => tokio::sync::OnceCell::new_with(Some(Inventory::Legacy)),
        };
        Ok(Documents { magento, cfg, websites, inventory, upstream: Default::default() })
    }

    /// MSI or legacy CatalogInventory (SPEC §16.1): detected by the first call that needs it, then
    /// kept for the life of the process. A failed detection is retried by the next caller.
    pub async fn inventory(&self) -> Result<Inventory, UpstreamError> {
        self.inventory.get_or_try_init(|| plan::detect_inventory(&self.magento)).await.copied()
    }

    /// The mode when known, without calling Magento (`/healthz`).
    pub fn inventory_known(&self) -> Option<Inventory> {
        self.inventory.get().copied()
    }

    pub fn has_credentials(&self) -> bool {
        let a = &self.cfg.auth;
        a.token.is_some() || a.consumer_key.is_some()
    }

    /// The website's context; concurrent callers share one set of upstream calls.
    pub async fn website(&self, code: &str) -> Result<Arc<Lookup<WebsiteContext>>, UpstreamError> {
        self.websites
            .try_get_with(code.to_owned(), async {
                let inventory = self.inventory().await?;
                plan::website(&self.magento, &self.cfg, code, inventory).await.map(Arc::new)
            })
            .await
            .map_err(|e| (*e).clone())
    }

    /// The document of one SKU on one website, or why there is none; its outcome is noted for
    /// `/healthz`.
    pub async fn document(&self, website: &str, sku: &str) -> Result<Result<InputDocument, MapError>, UpstreamError> {
        let result = self.fetch_document(website, sku).await;
        match &result {
            Ok(_) => self.upstream.success(),
            Err(e) => self.upstream.failure(e),
        }
        result
    }

    async fn fetch_document(&self, website: &str, sku: &str) -> Result<Result<InputDocument, MapError>, UpstreamError> {
        let ctx = match &*self.website(website).await? {
            Lookup::Found(ctx) => ctx.clone(),
            Lookup::NotFound(why) => return Ok(Err(MapError::NotFound(why.clone()))),
        };
        match self.plan(&ctx).product_facts(sku).await? {
            Ok(facts) => Ok(self.finish(&ctx, &facts)),
            Err(e) => Ok(Err(e)),
        }
    }

    /// The calls for one website, with the configured page size.
    pub fn plan<'a>(&'a self, ctx: &'a WebsiteContext) -> Plan<'a> {
        Plan::new(&self.magento, ctx, self.cfg.upstream.page_size)
    }

    /// Mapping, with this website's display settings and locale, then the clamp when enabled.
    pub fn finish(&self, ctx: &WebsiteContext, facts: &Facts) -> Result<InputDocument, MapError> {
        self.build(ctx, facts, self.cfg.clamp)
    }

    /// [`Documents::finish`] with the clamp chosen by the caller (`check` compares unclamped).
    pub fn build(&self, ctx: &WebsiteContext, facts: &Facts, clamp: bool) -> Result<InputDocument, MapError> {
        let display = self.cfg.display_for(&ctx.code).map_err(MapError::Invalid)?;
        let locale = self.cfg.websites.get(&ctx.code).and_then(|w| w.locale.as_deref());
        let mut doc = mapping::build(ctx, facts, &display, locale)?;
        if clamp {
            clamp::clamp_document(&mut doc);
        }
        Ok(doc)
    }
}

/// Bounds on what a request may name (issue 9, security): Magento's `sku` is varchar(64).
pub const MAX_SKU_CHARS: usize = 64;

/// A SKU we are willing to look up: 1–64 characters, no control characters, not `.` or `..`
/// (dot segments that a URL parser would resolve away), no leading or trailing space.
pub fn valid_sku(sku: &str) -> bool {
    let n = sku.chars().count();
    (1..=MAX_SKU_CHARS).contains(&n) && sku != "." && sku != ".." && !sku.chars().any(char::is_control) && sku.trim() == sku
}

/// A Magento website code: a letter, then letters, digits or underscores, at most 64.
pub fn valid_website(code: &str) -> bool {
    let mut chars = code.chars();
    code.len() <= 64 && chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sku_and_website_bounds() {
        assert!(valid_sku("24-MB01"));
        assert!(valid_sku("a/b c"));
        assert!(valid_sku("Café-Crème"));
        assert!(!valid_sku(""));
        assert!(!valid_sku(".."));
        assert!(!valid_sku("."));
        assert!(!valid_sku("a\nb"));
        assert!(!valid_sku("a\u{0}"));
        assert!(!valid_sku(&"x".repeat(65)));
        assert!(valid_sku(&"é".repeat(64)));
        assert!(valid_website("base"));
        assert!(valid_website("eu_fr2"));
        assert!(!valid_website("../x"));
        assert!(!valid_website("1eu"));
        assert!(!valid_website(""));
    }
}
