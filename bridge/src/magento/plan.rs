//! Which Magento calls make a document (fixtures README §8), one SKU at a time (`serve`) or in
//! batches (`export`).

use super::client::{Magento, UpstreamError};
use super::wire;
use crate::config::Config;
use crate::mapping::{self, AssignedSource, ConfigurableFacts, Facts, MapError, ProductFacts, WebsiteContext};
use std::collections::HashMap;

/// Found, or a 404 with a reason.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup<T> {
    Found(T),
    NotFound(String),
}

/// `searchCriteria` pairs for one filter group, sort orders and a page.
pub fn search_criteria(
    field: &str,
    value: &str,
    condition: &str,
    sort: &[&str],
    page_size: Option<u32>,
    page: Option<u32>,
) -> Vec<(String, String)> {
    let mut q = vec![
        ("searchCriteria[filter_groups][0][filters][0][field]".to_owned(), field.to_owned()),
        ("searchCriteria[filter_groups][0][filters][0][value]".to_owned(), value.to_owned()),
        ("searchCriteria[filter_groups][0][filters][0][condition_type]".to_owned(), condition.to_owned()),
    ];
    for (i, f) in sort.iter().enumerate() {
        q.push((format!("searchCriteria[sort_orders][{i}][field]"), (*f).to_owned()));
        q.push((format!("searchCriteria[sort_orders][{i}][direction]"), "ASC".to_owned()));
    }
    if let Some(size) = page_size {
        q.push(("searchCriteria[page_size]".to_owned(), size.to_string()));
    }
    if let Some(p) = page {
        q.push(("searchCriteria[current_page]".to_owned(), p.to_string()));
    }
    q
}

/// Most pages read for one search, whatever `total_count` claims.
const MAX_PAGES: u32 = 10_000;

/// Every page of a search: Magento repeats the last page past the end, so stop at `total_count`
/// or at an empty page.
async fn all_pages<T: serde::de::DeserializeOwned>(
    m: &Magento,
    endpoint: &'static str,
    segments: &[&str],
    criteria: impl Fn(u32) -> Vec<(String, String)>,
) -> Result<Vec<T>, UpstreamError> {
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let result: wire::SearchResult<T> = m.get(endpoint, None, segments, &criteria(page)).await?;
        let n = result.items.len();
        out.extend(result.items);
        let total = result.total_count.map(|t| t.0.max(0) as usize).unwrap_or(out.len());
        if n == 0 || out.len() >= total {
            break;
        }
    }
    Ok(out)
}

/// Websites, store view, stock and its sources (cached per website by the callers).
pub async fn website(m: &Magento, cfg: &Config, code: &str) -> Result<Lookup<WebsiteContext>, UpstreamError> {
    let websites = m.get::<Vec<wire::Website>>("store/websites", None, &["store", "websites"], &[]);
    let stores = m.get::<Vec<wire::StoreConfig>>("store/storeConfigs", None, &["store", "storeConfigs"], &[]);
    let stock_path = ["inventory", "stock-resolver", "website", code];
    let stock = m.get::<wire::Stock>("stock-resolver", None, &stock_path, &[]);
    let (websites, stores, stock) = tokio::join!(websites, stores, stock);
    let Some(website) = websites?.into_iter().find(|w| w.code == code && w.id.0 != 0) else {
        return Ok(Lookup::NotFound(format!("unknown website {code:?}")));
    };
    let stock = match stock {
        Ok(s) => s,
        Err(e) if e.status() == Some(404) => return Ok(Lookup::NotFound(format!("no stock is linked to website {code:?}"))),
        Err(e) => return Err(e),
    };
    let stores = stores?;
    let configured = cfg.websites.get(code).and_then(|w| w.store_code.clone());
    let store = match &configured {
        Some(c) => stores.iter().find(|s| &s.code == c),
        // The first store view of the website, as the fixtures' README says.
        None => stores.iter().find(|s| s.website_id.0 == website.id.0),
    };
    let (store_code, store_locale) = match (store, configured) {
        (Some(s), _) => (s.code.clone(), s.locale.clone()),
        (None, Some(c)) => (c, None),
        (None, None) => return Ok(Lookup::NotFound(format!("website {code:?} has no store view"))),
    };
    let stock_id = stock.stock_id.0.to_string();
    let sources: Vec<wire::Source> = m
        .get(
            "get-sources-assigned-to-stock-ordered-by-priority",
            None,
            &["inventory", "get-sources-assigned-to-stock-ordered-by-priority", &stock_id],
            &[],
        )
        .await?;
    Ok(Lookup::Found(WebsiteContext {
        code: code.to_owned(),
        website_id: website.id.0,
        store_code,
        stock_id: stock.stock_id.0,
        store_locale,
        sources: sources.into_iter().map(|s| AssignedSource { code: s.source_code, enabled: s.enabled.is_none_or(|f| f.0) }).collect(),
    }))
}

/// What a product lookup can end in, short of an upstream failure.
pub type FactsLookup = Result<Facts, MapError>;

/// `/rest/<store>/V1/products/{sku}`; 404 → not found.
pub async fn product(m: &Magento, ctx: &WebsiteContext, sku: &str) -> Result<Result<wire::Product, MapError>, UpstreamError> {
    match m.get::<wire::Product>("products", Some(&ctx.store_code), &["products", sku], &[]).await {
        Ok(p) if p.sku == sku || p.sku.eq_ignore_ascii_case(sku) => Ok(Ok(p)),
        Ok(_) => Err(UpstreamError::Garbage { endpoint: "products", detail: "answered for another SKU".into() }),
        Err(e) if e.status() == Some(404) => Ok(Err(MapError::NotFound(format!("unknown SKU {sku:?}")))),
        Err(e) => Err(e),
    }
}

/// The stock item: the product's own `extension_attributes.stock_item`, else `/V1/stockItems/{sku}`.
pub async fn stock_item(
    m: &Magento,
    ctx: &WebsiteContext,
    product: &wire::Product,
) -> Result<Result<wire::StockItem, MapError>, UpstreamError> {
    match product.stock_item() {
        Some(Ok(item)) => Ok(Ok(item)),
        Some(Err(e)) => Err(UpstreamError::Garbage { endpoint: "products", detail: e }),
        None => match m.get::<wire::StockItem>("stockItems", Some(&ctx.store_code), &["stockItems", &product.sku], &[]).await {
            Ok(item) => Ok(Ok(item)),
            Err(e) if e.status() == Some(404) => Ok(Err(MapError::NotFound(format!("no stock item for SKU {:?}", product.sku)))),
            Err(e) => Err(e),
        },
    }
}

/// The source items of one SKU (all stocks).
pub async fn source_items(m: &Magento, sku: &str) -> Result<Vec<wire::SourceItem>, UpstreamError> {
    all_pages(m, "source-items", &["inventory", "source-items"], |page| search_criteria("sku", sku, "eq", &[], Some(100), Some(page))).await
}

fn number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `get-product-salable-quantity` and `is-product-salable` for one SKU and stock.
pub async fn salability(m: &Magento, ctx: &WebsiteContext, sku: &str) -> Result<(f64, bool), UpstreamError> {
    let stock = ctx.stock_id.to_string();
    let qty_path = ["inventory", "get-product-salable-quantity", sku, &stock];
    let salable_path = ["inventory", "is-product-salable", sku, &stock];
    let qty = m.get::<serde_json::Value>("get-product-salable-quantity", None, &qty_path, &[]);
    let salable = m.get::<wire::Flag>("is-product-salable", None, &salable_path, &[]);
    let (qty, salable) = tokio::join!(qty, salable);
    let qty = qty?;
    let qty =
        number(&qty).ok_or(UpstreamError::Garbage { endpoint: "get-product-salable-quantity", detail: "expected a number".into() })?;
    Ok((qty, salable?.0))
}

/// Everything for one SKU on one website (serve's path): the product first (a 404 or an
/// unsupported type stops there), then source items and salability side by side; for a
/// configurable, its children's, batched.
pub async fn product_facts(m: &Magento, ctx: &WebsiteContext, sku: &str, page_size: u32) -> Result<FactsLookup, UpstreamError> {
    let product = match product(m, ctx, sku).await? {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    if let Err(e) = mapping::check_product(ctx, &product) {
        return Ok(Err(e));
    }
    if product.type_id.as_deref() == Some("configurable") {
        let item = match stock_item(m, ctx, &product).await? {
            Ok(i) => i,
            Err(e) => return Ok(Err(e)),
        };
        return Ok(configurable_facts(m, ctx, product, item, page_size).await?.map(Facts::Configurable));
    }
    let canonical = product.sku.clone();
    let (item, items, sal) = tokio::join!(stock_item(m, ctx, &product), source_items(m, &canonical), salability(m, ctx, &canonical));
    let stock_item = match item? {
        Ok(i) => i,
        Err(e) => return Ok(Err(e)),
    };
    let (salable_qty, is_salable) = sal?;
    Ok(Ok(Facts::Simple(ProductFacts { product, stock_item, source_items: items?, salable_qty, is_salable })))
}

/// A configurable's children and what they need (serve and export alike):
/// `/V1/configurable-products/{sku}/children` (no stock items in it), then side by side each
/// child's `/V1/stockItems/{sku}`, the children's source items in one `sku in …` search, their
/// salability in one `export-stock-salable-qty`, and the option labels of each attribute.
pub async fn configurable_facts(
    m: &Magento,
    ctx: &WebsiteContext,
    product: wire::Product,
    stock_item: wire::StockItem,
    page_size: u32,
) -> Result<Result<ConfigurableFacts, MapError>, UpstreamError> {
    let path = ["configurable-products", product.sku.as_str(), "children"];
    let children: Vec<wire::Product> = match m.get("configurable-products/children", Some(&ctx.store_code), &path, &[]).await {
        Ok(c) => c,
        Err(e) if e.status() == Some(404) => return Ok(Err(MapError::NotFound(format!("unknown SKU {:?}", product.sku)))),
        Err(e) => return Err(e),
    };
    let codes = match mapping::configurable_attributes(&product, &children) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let mut skus: Vec<String> = children.iter().map(|c| c.sku.clone()).collect();
    skus.sort();
    skus.dedup();
    let batches = async {
        if skus.is_empty() {
            return Ok((HashMap::new(), HashMap::new()));
        }
        let (items, sal) = tokio::join!(source_items_batch(m, &skus, page_size), salability_batch(m, ctx, &skus));
        Ok::<_, UpstreamError>((items?, sal?))
    };
    let items = futures::future::join_all(children.iter().map(|c| stock_item_of(m, ctx, c)));
    let labels = futures::future::join_all(codes.iter().map(|code| attribute_labels(m, ctx, code)));
    let (batches, items, labels) = tokio::join!(batches, items, labels);
    let (mut source_items, salability) = batches?;
    let mut facts = Vec::new();
    for (child, item) in children.into_iter().zip(items) {
        let Some(item) = item? else {
            tracing::warn!(parent = ?product.sku, child = ?child.sku, "child without a stock item left out");
            continue;
        };
        let (salable_qty, is_salable) = salability.get(&child.sku).copied().unwrap_or((0.0, false));
        let items = source_items.remove(&child.sku).unwrap_or_default();
        facts.push(ProductFacts { product: child, stock_item: item, source_items: items, salable_qty, is_salable });
    }
    let mut by_code = HashMap::new();
    for (code, l) in codes.into_iter().zip(labels) {
        by_code.insert(code, l?);
    }
    Ok(Ok(ConfigurableFacts { product, stock_item, children: facts, labels: by_code }))
}

/// A child's stock item (the children endpoint carries none); `None` when Magento has none.
async fn stock_item_of(m: &Magento, ctx: &WebsiteContext, child: &wire::Product) -> Result<Option<wire::StockItem>, UpstreamError> {
    Ok(stock_item(m, ctx, child).await?.ok())
}

/// `GET /rest/<store>/V1/products/attributes/{code}/options`: option id → the store view's label
/// (what the storefront's swatches and drop-downs show). Empty, with a warning, when Magento
/// refuses (the integration lacks `Magento_Catalog::attributes_attributes`, or no such route):
/// the documents then carry the option ids.
pub async fn attribute_labels(m: &Magento, ctx: &WebsiteContext, code: &str) -> Result<HashMap<String, String>, UpstreamError> {
    let path = ["products", "attributes", code, "options"];
    match m.get::<Vec<wire::AttributeOption>>("products/attributes/options", Some(&ctx.store_code), &path, &[]).await {
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

/// Refusals of a batch query that a per-SKU query may not meet (input limits, an old version).
fn batch_refused(e: &UpstreamError) -> bool {
    matches!(e.status(), Some(400) | Some(404))
}

/// Source items of many SKUs: `sku in a,b,c`, sorted, paged; per SKU if Magento refuses the batch.
pub async fn source_items_batch(
    m: &Magento,
    skus: &[String],
    page_size: u32,
) -> Result<HashMap<String, Vec<wire::SourceItem>>, UpstreamError> {
    let list = skus.join(",");
    let batch = all_pages::<wire::SourceItem>(m, "source-items", &["inventory", "source-items"], |page| {
        search_criteria("sku", &list, "in", &["sku", "source_code"], Some(page_size), Some(page))
    })
    .await;
    let mut out: HashMap<String, Vec<wire::SourceItem>> = skus.iter().map(|s| (s.clone(), Vec::new())).collect();
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
            for sku in skus {
                out.insert(sku.clone(), source_items(m, sku).await?);
            }
        }
        Err(e) => return Err(e),
    }
    Ok(out)
}

/// Salable quantity and salability of many SKUs: `export-stock-salable-qty` with `sku in`; SKUs
/// it skips are not assigned to the stock (0, not salable). Per SKU if the batch is refused.
pub async fn salability_batch(m: &Magento, ctx: &WebsiteContext, skus: &[String]) -> Result<HashMap<String, (f64, bool)>, UpstreamError> {
    let list = skus.join(",");
    let criteria = search_criteria("sku", &list, "in", &[], None, None);
    let result = m
        .get::<wire::SearchResult<wire::ExportItem>>(
            "export-stock-salable-qty",
            None,
            &["inventory", "export-stock-salable-qty", "website", &ctx.code],
            &criteria,
        )
        .await;
    match result {
        Ok(r) => {
            let mut out: HashMap<String, (f64, bool)> = skus.iter().map(|s| (s.clone(), (0.0, false))).collect();
            for item in r.items {
                if let Some(slot) = out.get_mut(&item.sku) {
                    *slot = (item.qty.0, item.is_salable.0);
                }
            }
            Ok(out)
        }
        Err(e) if batch_refused(&e) => {
            tracing::warn!(error = %e, "export-stock-salable-qty refused; fetching per SKU");
            let mut out = HashMap::new();
            for sku in skus {
                out.insert(sku.clone(), salability(m, ctx, sku).await?);
            }
            Ok(out)
        }
        Err(e) => Err(e),
    }
}

/// One page of the catalog's SKUs and types (`export --all`).
pub async fn catalog_page(
    m: &Magento,
    ctx: &WebsiteContext,
    page: u32,
    page_size: u32,
) -> Result<(Vec<wire::Product>, usize), UpstreamError> {
    let criteria = vec![
        ("searchCriteria[sort_orders][0][field]".to_owned(), "entity_id".to_owned()),
        ("searchCriteria[sort_orders][0][direction]".to_owned(), "ASC".to_owned()),
        ("searchCriteria[page_size]".to_owned(), page_size.to_string()),
        ("searchCriteria[current_page]".to_owned(), page.to_string()),
    ];
    // The website's store view, so that names are the ones its shoppers see.
    let r: wire::SearchResult<wire::Product> = m.get("products (search)", Some(&ctx.store_code), &["products"], &criteria).await?;
    let total = r.total_count.map(|t| t.0.max(0) as usize).unwrap_or(0);
    Ok((r.items, total))
}
