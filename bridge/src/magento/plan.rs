//! Which Magento calls make a document (fixtures README §8), one SKU at a time (`serve`) or in
//! batches (`export`), and how they survive a real 2.4.7 store (SPEC §16.1):
//! - every search sends `page_size` and `current_page`, within the configured maximum (input limits);
//! - every `in` list fits the web server's request line ([`in_lists`]), however long the SKUs;
//! - a SKU missing from a batched answer is asked for alone, and failing that is an error that
//!   names it ([`UpstreamError::Absent`]), never "out of stock";
//! - SKUs with a comma are looked up with `eq` (Magento splits `in` values on commas);
//! - under OAuth, SKUs that 2.4.6–2.4.7 cannot sign in a path are read through searches;
//! - without the MSI modules, legacy CatalogInventory's stock item is the one source.

use super::client::{Magento, UpstreamError};
use super::wire;
use crate::config::Config;
use crate::mapping::{
    self, AssignedSource, BundleFacts, ConfigurableFacts, Facts, GroupedFacts, Inventory, MapError, ProductFacts, Salability,
    WebsiteContext, LEGACY_SOURCE,
};
use std::collections::{HashMap, HashSet};

/// Found, or a 404 with a reason.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup<T> {
    Found(T),
    NotFound(String),
}

/// `searchCriteria` pairs for one filter, sort orders and a page. Magento applies a default page
/// size of 20 when the store has Web API input limits on (`DefaultPageSizeSetter`), so a page size
/// and a page are always sent (SPEC §16.1).
pub fn search_criteria(field: &str, value: &str, condition: &str, sort: &[&str], page_size: u32, page: u32) -> Vec<(String, String)> {
    let mut q = vec![
        ("searchCriteria[filter_groups][0][filters][0][field]".to_owned(), field.to_owned()),
        ("searchCriteria[filter_groups][0][filters][0][value]".to_owned(), value.to_owned()),
        ("searchCriteria[filter_groups][0][filters][0][condition_type]".to_owned(), condition.to_owned()),
    ];
    for (i, f) in sort.iter().enumerate() {
        q.push((format!("searchCriteria[sort_orders][{i}][field]"), (*f).to_owned()));
        q.push((format!("searchCriteria[sort_orders][{i}][direction]"), "ASC".to_owned()));
    }
    q.push(("searchCriteria[page_size]".to_owned(), page_size.to_string()));
    q.push(("searchCriteria[current_page]".to_owned(), page.to_string()));
    q
}

/// Whether a SKU can be found by an `in` filter: Magento explodes `in` values on commas
/// (`Pdo/Mysql::prepareSqlCondition`), so a SKU holding one is found by `eq` alone.
pub fn in_filterable(sku: &str) -> bool {
    !sku.contains(',')
}

/// The longest `in` value sent, percent-encoded, in bytes. A store's web server refuses a longer
/// request line: nginx (Magento's `nginx.conf.sample`, with nginx's default
/// `large_client_header_buffers 4 8k`) answers 414 above one 8 KB buffer, Apache's default
/// `LimitRequestLine` is 8,190. The rest of a search's line (method, path, the other criteria,
/// encoded) stays well under 2 KB, so a batch of long SKUs is split rather than refused whole.
pub const MAX_IN_VALUE_BYTES: usize = 6_000;

/// SKUs as `in` lists: at most `count` SKUs a list, and at most [`MAX_IN_VALUE_BYTES`] once
/// joined with commas and percent-encoded (a comma is `%2C`). Order is kept; no list is empty.
pub fn in_lists<'s>(skus: &[&'s str], count: usize) -> Vec<Vec<&'s str>> {
    let mut lists: Vec<Vec<&'s str>> = Vec::new();
    let mut bytes = 0;
    for &sku in skus {
        let encoded = super::percent::encode(sku).len();
        match lists.last_mut() {
            Some(list) if list.len() < count && bytes + 3 + encoded <= MAX_IN_VALUE_BYTES => {
                bytes += 3 + encoded;
                list.push(sku);
            }
            _ => {
                bytes = encoded;
                lists.push(vec![sku]);
            }
        }
    }
    lists
}

/// Most pages read for one search, whatever `total_count` claims.
const MAX_PAGES: u32 = 10_000;

/// Every page of a search: Magento repeats the last page past the end, so stop at `total_count`,
/// at a short page or at an empty one.
async fn all_pages<T: serde::de::DeserializeOwned>(
    m: &Magento,
    endpoint: &'static str,
    segments: &[&str],
    page_size: u32,
    criteria: impl Fn(u32) -> Vec<(String, String)>,
) -> Result<Vec<T>, UpstreamError> {
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let result: wire::SearchResult<T> = m.get(endpoint, None, segments, &criteria(page)).await?;
        let n = result.items.len();
        out.extend(result.items);
        let total = result.total_count.map(|t| t.0.max(0) as usize).unwrap_or(out.len());
        if n == 0 || n < page_size as usize || out.len() >= total {
            break;
        }
    }
    Ok(out)
}

/// The message Magento's REST router gives for a route no module declares.
const NO_ROUTE: &str = "Request does not match any route.";

/// Whether an error is Magento saying the route does not exist (a disabled module).
fn no_route(e: &UpstreamError) -> bool {
    matches!(e, UpstreamError::Status { status: 404, message, .. } if message.starts_with(NO_ROUTE))
}

/// MSI or legacy CatalogInventory: `GET /V1/inventory/sources` (one item) answers, or every
/// `/V1/inventory/*` route is a 404 "Request does not match any route." (SPEC §16.1). Called once,
/// on the first call the bridge makes.
pub async fn detect_inventory(m: &Magento) -> Result<Inventory, UpstreamError> {
    let criteria =
        vec![("searchCriteria[page_size]".to_owned(), "1".to_owned()), ("searchCriteria[current_page]".to_owned(), "1".to_owned())];
    match m.get::<wire::SearchResult<wire::Source>>("inventory/sources", None, &["inventory", "sources"], &criteria).await {
        Ok(_) => Ok(Inventory::Msi),
        Err(e) if no_route(&e) => {
            // A URL that is no Magento at all answers 404 everywhere: the store API must answer.
            m.get::<Vec<wire::Website>>("store/websites", None, &["store", "websites"], &[]).await?;
            Ok(Inventory::Legacy)
        }
        Err(e) => Err(e),
    }
}

/// Websites, the website's default store view, its stock and the stock's sources (cached per
/// website by the callers). The store view is the default store group's default store view
/// (`store/websites` → `default_group_id`, `store/storeGroups` → `default_store_id`), not the
/// first one listed (SPEC §16.1); the configuration's `store_code` wins.
pub async fn website(m: &Magento, cfg: &Config, code: &str, inventory: Inventory) -> Result<Lookup<WebsiteContext>, UpstreamError> {
    let websites = m.get::<Vec<wire::Website>>("store/websites", None, &["store", "websites"], &[]);
    let groups = m.get::<Vec<wire::StoreGroup>>("store/storeGroups", None, &["store", "storeGroups"], &[]);
    let stores = m.get::<Vec<wire::StoreConfig>>("store/storeConfigs", None, &["store", "storeConfigs"], &[]);
    let stock_path = ["inventory", "stock-resolver", "website", code];
    let stock = async {
        match inventory {
            Inventory::Msi => m.get::<wire::Stock>("stock-resolver", None, &stock_path, &[]).await.map(Some),
            Inventory::Legacy => Ok(None),
        }
    };
    let (websites, groups, stores, stock) = tokio::join!(websites, groups, stores, stock);
    let Some(website) = websites?.into_iter().find(|w| w.code == code && w.id.0 != 0) else {
        return Ok(Lookup::NotFound(format!("unknown website {code:?}")));
    };
    let stock = match stock {
        Ok(s) => s,
        Err(e) if e.status() == Some(404) => return Ok(Lookup::NotFound(format!("no stock is linked to website {code:?}"))),
        Err(e) => return Err(e),
    };
    let stores = stores?;
    let groups = groups?;
    let configured = cfg.websites.get(code).and_then(|w| w.store_code.clone());
    let default_store = website
        .default_group_id
        .and_then(|g| groups.iter().find(|sg| sg.id.0 == g.0))
        .and_then(|g| stores.iter().find(|s| s.id.is_some_and(|id| id.0 == g.default_store_id.0)));
    let store = match &configured {
        Some(c) => stores.iter().find(|s| &s.code == c),
        None => default_store.filter(|s| s.website_id.0 == website.id.0),
    };
    let (store_code, store_locale) = match (store, configured) {
        (Some(s), _) => (s.code.clone(), s.locale.clone()),
        (None, Some(c)) => (c, None),
        (None, None) => return Ok(Lookup::NotFound(format!("website {code:?} has no default store view"))),
    };
    let (stock_id, sources) = match stock {
        Some(stock) => {
            let stock_id = stock.stock_id.0.to_string();
            let path = ["inventory", "get-sources-assigned-to-stock-ordered-by-priority", stock_id.as_str()];
            let sources: Vec<wire::Source> = m.get("get-sources-assigned-to-stock-ordered-by-priority", None, &path, &[]).await?;
            let sources = sources.into_iter().map(|s| AssignedSource {
                pickup: crate::mapping::pickup_location(&s),
                enabled: s.enabled.is_none_or(|f| f.0),
                code: s.source_code,
            });
            (stock.stock_id.0, sources.collect())
        }
        // Legacy CatalogInventory keeps one stock (id 1) for every website.
        None => (1, vec![AssignedSource { code: LEGACY_SOURCE.to_owned(), enabled: true, pickup: None }]),
    };
    Ok(Lookup::Found(WebsiteContext {
        code: code.to_owned(),
        website_id: website.id.0,
        store_code,
        stock_id,
        store_locale,
        sources,
        inventory,
    }))
}

/// What a product lookup can end in, short of an upstream failure.
pub type FactsLookup = Result<Facts, MapError>;

/// The calls for one website: the client, the website and the page size in force.
#[derive(Clone, Copy)]
pub struct Plan<'a> {
    pub m: &'a Magento,
    pub ctx: &'a WebsiteContext,
    /// The store's maximum page size as configured (`upstream.page_size`).
    pub page_size: u32,
}

impl<'a> Plan<'a> {
    pub fn new(m: &'a Magento, ctx: &'a WebsiteContext, page_size: u32) -> Plan<'a> {
        Plan { m, ctx, page_size: page_size.max(1) }
    }

    /// `/rest/<store>/V1/products/{sku}`; 404 → not found. Under OAuth a SKU that cannot be
    /// signed in a path is found by a search with `eq`.
    pub async fn product(&self, sku: &str) -> Result<Result<wire::Product, MapError>, UpstreamError> {
        let found = if self.m.path_safe(sku) {
            match self.m.get::<wire::Product>("products", Some(&self.ctx.store_code), &["products", sku], &[]).await {
                Ok(p) => Some(p),
                Err(e) if e.status() == Some(404) && !no_route(&e) => None,
                Err(e) => return Err(e),
            }
        } else {
            let criteria = search_criteria("sku", sku, "eq", &[], 1, 1);
            let r: wire::SearchResult<wire::Product> =
                self.m.get("products (search)", Some(&self.ctx.store_code), &["products"], &criteria).await?;
            r.items.into_iter().next()
        };
        match found {
            Some(p) if p.sku == sku || p.sku.eq_ignore_ascii_case(sku) => Ok(Ok(p)),
            Some(_) => Err(UpstreamError::Garbage { endpoint: "products", detail: "answered for another SKU".into() }),
            None => Ok(Err(MapError::NotFound(format!("unknown SKU {sku:?}")))),
        }
    }

    /// Products by SKU in `sku in …` searches of the website's store view (`eq` for comma SKUs);
    /// each one a search left out is asked for alone. A SKU Magento does not know at all is an
    /// error naming it: a composite's link to it cannot be published as "nothing".
    pub async fn products(&self, skus: &[String]) -> Result<HashMap<String, wire::Product>, UpstreamError> {
        let mut out: HashMap<String, wire::Product> = HashMap::new();
        let batchable: Vec<&str> = skus.iter().map(String::as_str).filter(|s| in_filterable(s)).collect();
        for chunk in in_lists(&batchable, self.page_size as usize) {
            let list = chunk.join(",");
            let criteria = search_criteria("sku", &list, "in", &[], chunk.len() as u32, 1);
            let r: wire::SearchResult<wire::Product> =
                self.m.get("products (search)", Some(&self.ctx.store_code), &["products"], &criteria).await?;
            for p in r.items {
                if let Some(sku) = chunk.iter().find(|s| **s == p.sku || s.eq_ignore_ascii_case(&p.sku)) {
                    out.insert((*sku).to_owned(), p);
                }
            }
        }
        let missing: Vec<&String> = skus.iter().filter(|s| !out.contains_key(*s)).collect();
        for sku in missing {
            match self.product(sku).await? {
                Ok(p) => {
                    out.insert(sku.clone(), p);
                }
                Err(_) => return Err(UpstreamError::Absent { endpoint: "products", sku: sku.clone() }),
            }
        }
        Ok(out)
    }

    /// The stock item: the product's own `extension_attributes.stock_item`, else `/V1/stockItems/{sku}`.
    pub async fn stock_item(&self, product: &wire::Product) -> Result<Result<wire::StockItem, MapError>, UpstreamError> {
        match product.stock_item() {
            Some(Ok(item)) => Ok(Ok(item)),
            Some(Err(e)) => Err(UpstreamError::Garbage { endpoint: "products", detail: e }),
            None if !self.m.path_safe(&product.sku) => Err(UpstreamError::PathUnsafe { endpoint: "stockItems", sku: product.sku.clone() }),
            None => match self.m.get::<wire::StockItem>("stockItems", Some(&self.ctx.store_code), &["stockItems", &product.sku], &[]).await
            {
                Ok(item) => Ok(Ok(item)),
                Err(e) if e.status() == Some(404) => Ok(Err(MapError::NotFound(format!("no stock item for SKU {:?}", product.sku)))),
                Err(e) => Err(e),
            },
        }
    }

    /// The source items of one SKU (all stocks), `eq`, paged.
    pub async fn source_items(&self, sku: &str) -> Result<Vec<wire::SourceItem>, UpstreamError> {
        let size = self.page_size;
        all_pages(self.m, "source-items", &["inventory", "source-items"], size, |page| search_criteria("sku", sku, "eq", &[], size, page))
            .await
    }

    /// Source items of many SKUs: `sku in a,b,c`, sorted and paged (comma SKUs alone with `eq`);
    /// per SKU if Magento refuses the batch. A complete search answers for every SKU it was asked
    /// about: one with no item there has none.
    pub async fn source_items_batch(&self, skus: &[String]) -> Result<HashMap<String, Vec<wire::SourceItem>>, UpstreamError> {
        let mut out: HashMap<String, Vec<wire::SourceItem>> = skus.iter().map(|s| (s.clone(), Vec::new())).collect();
        let batchable: Vec<&str> = skus.iter().map(String::as_str).filter(|s| in_filterable(s)).collect();
        let size = self.page_size;
        // Comma SKUs alone with `eq`; the rest in `in` lists short enough for a request line, each
        // paged (a list's items may outnumber a page).
        let mut alone: Vec<&str> = skus.iter().map(String::as_str).filter(|s| !in_filterable(s)).collect();
        for chunk in in_lists(&batchable, usize::MAX) {
            let list = chunk.join(",");
            let batch = all_pages::<wire::SourceItem>(self.m, "source-items", &["inventory", "source-items"], size, |page| {
                search_criteria("sku", &list, "in", &["sku", "source_code"], size, page)
            })
            .await;
            match batch {
                Ok(items) => {
                    for item in items {
                        if let Some(list) = out.get_mut(&item.sku) {
                            if !list.iter().any(|i| i.source_code == item.source_code) {
                                list.push(item);
                            }
                        }
                    }
                }
                Err(e) if batch_refused(&e) => {
                    tracing::warn!(error = %e, "batched source-items refused; fetching per SKU");
                    alone.extend(chunk);
                }
                Err(e) => return Err(e),
            }
        }
        for sku in alone {
            out.insert(sku.to_owned(), self.source_items(sku).await?);
        }
        Ok(out)
    }

    /// `get-product-salable-quantity` and `is-product-salable` for one SKU, or, for a SKU that
    /// cannot go into a path, `export-stock-salable-qty` with `eq`. Nothing for it: an error.
    pub async fn salability(&self, sku: &str) -> Result<(f64, bool), UpstreamError> {
        if !self.m.path_safe(sku) {
            let found = self.export_salable(&[sku], "eq").await?;
            return found
                .get(sku)
                .copied()
                .ok_or_else(|| UpstreamError::Absent { endpoint: "export-stock-salable-qty", sku: sku.to_owned() });
        }
        let stock = self.ctx.stock_id.to_string();
        let qty_path = ["inventory", "get-product-salable-quantity", sku, &stock];
        let salable_path = ["inventory", "is-product-salable", sku, &stock];
        let qty = self.m.get::<serde_json::Value>("get-product-salable-quantity", None, &qty_path, &[]);
        let salable = self.m.get::<wire::Flag>("is-product-salable", None, &salable_path, &[]);
        let (qty, salable) = tokio::join!(qty, salable);
        let absent = |e: UpstreamError| match e.status() {
            Some(404) if !no_route(&e) => UpstreamError::Absent { endpoint: "get-product-salable-quantity", sku: sku.to_owned() },
            _ => e,
        };
        let qty = qty.map_err(absent)?;
        let qty =
            number(&qty).ok_or(UpstreamError::Garbage { endpoint: "get-product-salable-quantity", detail: "expected a number".into() })?;
        Ok((qty, salable.map_err(absent)?.0))
    }

    /// One page of `export-stock-salable-qty` for these SKUs: page size = their number, so the
    /// answer is whole even where Magento counts `total_count` as the items it returned
    /// (`ExportStockSalableQtyBySalesChannel`).
    async fn export_salable(&self, skus: &[&str], condition: &str) -> Result<HashMap<String, (f64, bool)>, UpstreamError> {
        let criteria = search_criteria("sku", &skus.join(","), condition, &[], skus.len().max(1) as u32, 1);
        let path = ["inventory", "export-stock-salable-qty", "website", self.ctx.code.as_str()];
        let r: wire::SearchResult<wire::ExportItem> = self.m.get("export-stock-salable-qty", None, &path, &criteria).await?;
        let mut out = HashMap::new();
        for item in r.items {
            if let Some(sku) = skus.iter().find(|s| **s == item.sku || s.eq_ignore_ascii_case(&item.sku)) {
                out.insert((*sku).to_owned(), (item.qty.0, item.is_salable.0));
            }
        }
        Ok(out)
    }

    /// Salable quantity and salability of many SKUs: `export-stock-salable-qty` in pages of at
    /// most `page_size` SKUs (`in`); every SKU it leaves out, comma SKUs included, asked for alone
    /// ([`Plan::salability`]). Each SKU gets its answer or its own error (SPEC §16.1).
    pub async fn salability_batch(&self, skus: &[String]) -> HashMap<String, Result<(f64, bool), UpstreamError>> {
        let mut out: HashMap<String, Result<(f64, bool), UpstreamError>> = HashMap::new();
        let batchable: Vec<&str> = skus.iter().map(String::as_str).filter(|s| in_filterable(s)).collect();
        for chunk in in_lists(&batchable, self.page_size as usize) {
            match self.export_salable(&chunk, "in").await {
                Ok(found) => out.extend(found.into_iter().map(|(k, v)| (k, Ok(v)))),
                Err(e) if batch_refused(&e) => tracing::warn!(error = %e, "export-stock-salable-qty refused; asking per SKU"),
                Err(e) => out.extend(chunk.iter().map(|s| ((*s).to_owned(), Err(e.clone())))),
            }
        }
        let missing: Vec<&String> = skus.iter().filter(|s| !out.contains_key(*s)).collect();
        if !missing.is_empty() {
            tracing::debug!(count = missing.len(), "SKUs not in export-stock-salable-qty; asking for each alone");
        }
        // Concurrently, within the client's own bound on calls in flight.
        let answers = futures::future::join_all(missing.iter().map(|sku| self.salability(sku))).await;
        out.extend(missing.into_iter().cloned().zip(answers));
        out
    }

    /// Everything for one SKU (serve's and check's path): the product first (a 404 or an unknown
    /// type stops there), then its stock and salability side by side; for a composite, its
    /// children's, batched.
    pub async fn product_facts(&self, sku: &str) -> Result<FactsLookup, UpstreamError> {
        let product = match self.product(sku).await? {
            Ok(p) => p,
            Err(e) => return Ok(Err(e)),
        };
        if let Err(e) = mapping::check_product(self.ctx, &product) {
            return Ok(Err(e));
        }
        let item = match self.stock_item(&product).await? {
            Ok(i) => i,
            Err(e) => return Ok(Err(e)),
        };
        if mapping::SOURCE_MANAGED.contains(&product.type_id.as_deref().unwrap_or("simple")) {
            let facts = match self.ctx.inventory {
                Inventory::Legacy => self.legacy_facts(product, item),
                Inventory::Msi => {
                    let (items, sal) = tokio::join!(self.source_items(&product.sku), self.salability(&product.sku));
                    let (salable_qty, is_salable) = sal?;
                    Ok(ProductFacts {
                        product,
                        stock_item: item,
                        source_items: items?,
                        salability: Salability::Msi { salable_qty, is_salable },
                    })
                }
            };
            return Ok(facts.map(Facts::Simple));
        }
        self.composite_facts(product, item).await
    }

    /// A product of a store without MSI: its stock item is its one source.
    fn legacy_facts(&self, product: wire::Product, stock_item: wire::StockItem) -> Result<ProductFacts, MapError> {
        let source_items = mapping::legacy_source_items(&product.sku, &stock_item)?;
        Ok(ProductFacts { product, stock_item, source_items, salability: Salability::Legacy })
    }

    /// A configurable, bundle or grouped product's facts: its structure from Magento, then its
    /// children read alike ([`Plan::children`]).
    pub async fn composite_facts(&self, product: wire::Product, stock_item: wire::StockItem) -> Result<FactsLookup, UpstreamError> {
        match product.type_id.as_deref() {
            Some("configurable") => Ok(self.configurable_facts(product, stock_item).await?.map(Facts::Configurable)),
            Some("bundle") => {
                let options = match product.bundle_options() {
                    Ok(o) => o,
                    Err(e) => return Ok(Err(MapError::Invalid(e))),
                };
                let skus = unique(options.iter().flat_map(|o| o.product_links.iter().map(|l| l.sku.clone())));
                let children = match self.children(self.products(&skus).await?, &skus).await? {
                    Ok(c) => c,
                    Err(e) => return Ok(Err(e)),
                };
                Ok(Ok(Facts::Bundle(BundleFacts { product, stock_item, options, children })))
            }
            Some("grouped") => {
                let links = match product.associated_links() {
                    Ok(l) => l,
                    Err(e) => return Ok(Err(MapError::Invalid(e))),
                };
                let skus = unique(links.iter().map(|l| l.linked_product_sku.clone()));
                let children = match self.children(self.products(&skus).await?, &skus).await? {
                    Ok(c) => c,
                    Err(e) => return Ok(Err(e)),
                };
                Ok(Ok(Facts::Grouped(GroupedFacts { product, stock_item, links, children })))
            }
            other => Ok(Err(MapError::UnknownType { type_id: other.unwrap_or("").to_owned() })),
        }
    }

    /// A configurable's children and what they need: `/V1/configurable-products/{sku}/children`
    /// (no stock items in it), the option labels of each attribute, and the children read by
    /// [`Plan::children`].
    pub async fn configurable_facts(
        &self,
        product: wire::Product,
        stock_item: wire::StockItem,
    ) -> Result<Result<ConfigurableFacts, MapError>, UpstreamError> {
        if !self.m.path_safe(&product.sku) {
            return Err(UpstreamError::PathUnsafe { endpoint: "configurable-products/children", sku: product.sku.clone() });
        }
        let path = ["configurable-products", product.sku.as_str(), "children"];
        let children: Vec<wire::Product> = match self.m.get("configurable-products/children", Some(&self.ctx.store_code), &path, &[]).await
        {
            Ok(c) => c,
            Err(e) if e.status() == Some(404) => return Ok(Err(MapError::NotFound(format!("unknown SKU {:?}", product.sku)))),
            Err(e) => return Err(e),
        };
        let codes = match mapping::configurable_attributes(&product, &children) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let skus = unique(children.iter().map(|c| c.sku.clone()));
        let by_sku: HashMap<String, wire::Product> = children.into_iter().map(|c| (c.sku.clone(), c)).collect();
        let labels = futures::future::join_all(codes.iter().map(|code| self.attribute_labels(code)));
        let (children, labels) = tokio::join!(self.children(by_sku, &skus), labels);
        let children = match children? {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let mut by_code = HashMap::new();
        for (code, l) in codes.into_iter().zip(labels) {
            by_code.insert(code, l?);
        }
        Ok(Ok(ConfigurableFacts { product, stock_item, children, labels: by_code }))
    }

    /// Children of a composite, in `skus` order, read like simple products of the website: each
    /// one's stock item (from its product answer, else `/V1/stockItems/{sku}`), then their source
    /// items in one `sku in …` search and their salability in `export-stock-salable-qty` pages
    /// (MSI), or their stock items as the one source (legacy). A child without an answer fails the
    /// parent with an error naming the child.
    pub async fn children(
        &self,
        mut products: HashMap<String, wire::Product>,
        skus: &[String],
    ) -> Result<Result<Vec<ProductFacts>, MapError>, UpstreamError> {
        let mut ordered = Vec::new();
        for sku in skus {
            let p = products.remove(sku).ok_or_else(|| UpstreamError::Absent { endpoint: "products", sku: sku.clone() })?;
            ordered.push(p);
        }
        let items = futures::future::join_all(ordered.iter().map(|p| self.stock_item(p))).await;
        let mut with_items = Vec::new();
        for (p, item) in ordered.into_iter().zip(items) {
            match item? {
                Ok(i) => with_items.push((p, i)),
                Err(_) => return Err(UpstreamError::Absent { endpoint: "stockItems", sku: p.sku }),
            }
        }
        if self.ctx.inventory == Inventory::Legacy {
            return Ok(with_items.into_iter().map(|(p, i)| self.legacy_facts(p, i)).collect());
        }
        let skus: Vec<String> = with_items.iter().map(|(p, _)| p.sku.clone()).collect();
        if skus.is_empty() {
            return Ok(Ok(Vec::new()));
        }
        let (items, mut sal) = tokio::join!(self.source_items_batch(&skus), self.salability_batch(&skus));
        let mut items = items?;
        let mut facts = Vec::new();
        for (product, stock_item) in with_items {
            let (salable_qty, is_salable) = sal
                .remove(&product.sku)
                .unwrap_or_else(|| Err(UpstreamError::Absent { endpoint: "export-stock-salable-qty", sku: product.sku.clone() }))?;
            let source_items = items.remove(&product.sku).unwrap_or_default();
            facts.push(ProductFacts { product, stock_item, source_items, salability: Salability::Msi { salable_qty, is_salable } });
        }
        Ok(Ok(facts))
    }

    /// `GET /rest/<store>/V1/products/attributes/{code}/options`: option id → the store view's
    /// label (what the storefront's swatches and drop-downs show). Empty, with a warning, when
    /// Magento refuses (the integration lacks `Magento_Catalog::attributes_attributes`, or no such
    /// route): the documents then carry the option ids.
    pub async fn attribute_labels(&self, code: &str) -> Result<HashMap<String, String>, UpstreamError> {
        let path = ["products", "attributes", code, "options"];
        match self.m.get::<Vec<wire::AttributeOption>>("products/attributes/options", Some(&self.ctx.store_code), &path, &[]).await {
            Ok(list) => Ok(list
                .into_iter()
                .filter_map(|o| {
                    let label = o.label.as_deref().map(str::trim).filter(|l| !l.is_empty())?.to_owned();
                    Some((o.id()?, label))
                })
                .collect()),
            Err(e) if matches!(e.status(), Some(401) | Some(403) | Some(404)) => {
                tracing::warn!(attribute = ?code, error = %e, "attribute option labels unavailable; publishing option ids");
                Ok(HashMap::new())
            }
            Err(e) => Err(e),
        }
    }

    /// Documents' facts for many source-managed products at once (`export`): their source items
    /// in one search and their salability in pages (MSI), or their stock items (legacy). Each SKU
    /// gets its facts or its own error.
    pub async fn simple_facts_batch(
        &self,
        products: Vec<(wire::Product, wire::StockItem)>,
    ) -> Vec<(String, Result<Result<ProductFacts, MapError>, UpstreamError>)> {
        if self.ctx.inventory == Inventory::Legacy {
            return products.into_iter().map(|(p, i)| (p.sku.clone(), Ok(self.legacy_facts(p, i)))).collect();
        }
        let skus = unique(products.iter().map(|(p, _)| p.sku.clone()));
        let (items, mut sal) = tokio::join!(self.source_items_batch(&skus), self.salability_batch(&skus));
        let mut items = match items {
            Ok(i) => i,
            Err(e) => return products.into_iter().map(|(p, _)| (p.sku, Err(e.clone()))).collect(),
        };
        products
            .into_iter()
            .map(|(product, stock_item)| {
                let sku = product.sku.clone();
                let sal = sal
                    .remove(&sku)
                    .unwrap_or_else(|| Err(UpstreamError::Absent { endpoint: "export-stock-salable-qty", sku: sku.clone() }));
                let facts = sal.map(|(salable_qty, is_salable)| {
                    let source_items = items.remove(&sku).unwrap_or_default();
                    Ok(ProductFacts { product, stock_item, source_items, salability: Salability::Msi { salable_qty, is_salable } })
                });
                (sku, facts)
            })
            .collect()
    }

    /// One page of the catalog's SKUs and types (`export --all`), in the website's store view so
    /// that names are the ones its shoppers see.
    pub async fn catalog_page(&self, page: u32) -> Result<(Vec<wire::Product>, usize), UpstreamError> {
        let criteria = vec![
            ("searchCriteria[sort_orders][0][field]".to_owned(), "entity_id".to_owned()),
            ("searchCriteria[sort_orders][0][direction]".to_owned(), "ASC".to_owned()),
            ("searchCriteria[page_size]".to_owned(), self.page_size.to_string()),
            ("searchCriteria[current_page]".to_owned(), page.to_string()),
        ];
        let r: wire::SearchResult<wire::Product> =
            self.m.get("products (search)", Some(&self.ctx.store_code), &["products"], &criteria).await?;
        let total = r.total_count.map(|t| t.0.max(0) as usize).unwrap_or(0);
        Ok((r.items, total))
    }
}

/// `items` without repeats, first occurrence kept (linear time).
pub fn unique(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|s| seen.insert(s.clone())).collect()
}

fn number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Refusals of a batch query that a per-SKU query may not meet (a page size above the store's
/// maximum, an old version without the route).
fn batch_refused(e: &UpstreamError) -> bool {
    matches!(e.status(), Some(400) | Some(404))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_lists_keep_every_sku_in_order_within_the_count_and_the_request_line() {
        let skus: Vec<String> = (0..500).map(|i| format!("{i:03}-{}", "LONG SKU/é".repeat(6))).collect();
        let skus: Vec<&str> = skus.iter().map(String::as_str).collect();
        let lists = in_lists(&skus, 300);
        assert_eq!(lists.concat(), skus, "every SKU once, in order");
        for list in &lists {
            assert!(!list.is_empty() && list.len() <= 300);
            assert!(super::super::percent::encode(&list.join(",")).len() <= MAX_IN_VALUE_BYTES);
        }
        // A list is cut only where the next SKU would not fit.
        for pair in lists.windows(2) {
            let joined = format!("{},{}", pair[0].join(","), pair[1][0]);
            assert!(super::super::percent::encode(&joined).len() > MAX_IN_VALUE_BYTES);
        }
        // Short SKUs: the count decides.
        let short: Vec<String> = (0..700).map(|i| format!("S{i}")).collect();
        let short: Vec<&str> = short.iter().map(String::as_str).collect();
        assert_eq!(in_lists(&short, 300).iter().map(Vec::len).collect::<Vec<_>>(), [300, 300, 100]);
        assert!(in_lists(&[], 300).is_empty());
    }

    #[test]
    fn every_search_names_its_page() {
        let q = search_criteria("sku", "A,B", "in", &["sku"], 20, 3);
        assert!(q.contains(&("searchCriteria[page_size]".to_owned(), "20".to_owned())));
        assert!(q.contains(&("searchCriteria[current_page]".to_owned(), "3".to_owned())));
    }

    #[test]
    fn comma_skus_are_not_in_filterable_and_unique_keeps_first_order() {
        assert!(in_filterable("24-MB01"));
        assert!(!in_filterable("TEE,RED"));
        assert_eq!(unique(["b", "a", "b", "c", "a"].map(String::from)), vec!["b", "a", "c"]);
    }
}
