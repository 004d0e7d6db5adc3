//! `export`: writes `DIR/{website}/{sku}.json` for static hosting or a CDN. Source items and
//! salable quantities are fetched in batches (`sku in …`), products concurrently within the
//! upstream limit; `--all` pages through the catalog.

use crate::core_api;
use crate::documents::{valid_sku, Documents};
use crate::magento::oauth;
use crate::magento::plan::{self, Lookup};
use crate::magento::{wire, UpstreamError};
use crate::mapping::{self, Facts, MapError, ProductFacts, WebsiteContext};
use futures::stream::{self, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::Instant;

/// A product and its stock item, a refusal, or a Magento failure.
type ProductLookup = Result<Result<(wire::Product, wire::StockItem), MapError>, UpstreamError>;
/// A configurable's facts, a refusal, or a Magento failure.
type ConfigurableLookup = Result<Result<mapping::ConfigurableFacts, MapError>, UpstreamError>;

/// What an export did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub written: usize,
    pub not_found: Vec<String>,
    pub not_supported: Vec<String>,
    pub unknown_type: Vec<String>,
    pub invalid: Vec<String>,
    pub failed: Vec<String>,
    pub upstream_calls: u64,
    pub seconds: f64,
}

impl Summary {
    pub fn print(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(out, "exported {} document(s) in {:.1} s with {} Magento call(s)", self.written, self.seconds, self.upstream_calls)?;
        let lists = [
            ("not found", &self.not_found),
            ("not supported yet (bundle, grouped)", &self.not_supported),
            ("unknown product type", &self.unknown_type),
            ("invalid data", &self.invalid),
            ("failed (Magento error)", &self.failed),
        ];
        for (what, list) in lists {
            if !list.is_empty() {
                let shown: Vec<String> = list.iter().take(20).map(|s| format!("{s:?}")).collect();
                let more = if list.len() > 20 { format!(" and {} more", list.len() - 20) } else { String::new() };
                writeln!(out, "  {what}: {}{more}", shown.join(", "))?;
            }
        }
        Ok(())
    }
}

/// The file name of a SKU: RFC 3986 unreserved characters kept, everything else percent-encoded,
/// so no SKU can name another directory.
pub fn file_name(sku: &str) -> String {
    format!("{}.json", oauth::encode(sku))
}

fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Runs an export of `skus` (or, with `all`, the whole catalog) for one website.
pub async fn run(docs: &Documents, website: &str, skus: &[String], all: bool, out: &Path, progress: bool) -> Result<Summary, String> {
    let start = Instant::now();
    let ctx = match &*docs.website(website).await.map_err(|e| e.to_string())? {
        Lookup::Found(ctx) => ctx.clone(),
        Lookup::NotFound(why) => return Err(why.clone()),
    };
    let dir = out.join(website);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let page_size = docs.cfg.upstream.page_size;
    let mut summary = Summary::default();

    // The SKUs, and the product bodies a catalog listing already gave.
    let mut listed: Vec<(String, Option<wire::Product>)> = Vec::new();
    if all {
        let mut page = 1;
        loop {
            let (items, total) = plan::catalog_page(&docs.magento, &ctx, page, page_size).await.map_err(|e| e.to_string())?;
            let n = items.len();
            for p in items {
                if !listed.iter().any(|(s, _)| *s == p.sku) {
                    listed.push((p.sku.clone(), Some(p)));
                }
            }
            if n == 0 || listed.len() >= total || page >= 100_000 {
                break;
            }
            page += 1;
        }
    } else {
        for sku in skus {
            if !valid_sku(sku) {
                summary.not_found.push(sku.clone());
            } else if !listed.iter().any(|(s, _)| s == sku) {
                listed.push((sku.clone(), None));
            }
        }
    }

    let bar = if progress { ProgressBar::new(listed.len() as u64) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} SKUs  {elapsed_precise}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    for batch in listed.chunks(docs.cfg.upstream.batch_size) {
        export_batch(docs, &ctx, batch, &dir, &mut summary, &bar).await;
    }
    bar.finish_and_clear();
    summary.upstream_calls = docs.magento.calls();
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

async fn export_batch(
    docs: &Documents,
    ctx: &WebsiteContext,
    batch: &[(String, Option<wire::Product>)],
    dir: &Path,
    summary: &mut Summary,
    bar: &ProgressBar,
) {
    let m = &docs.magento;
    let concurrency = docs.cfg.upstream.concurrency;
    // 1. Products (with their stock items), concurrently.
    let products: Vec<(String, ProductLookup)> = stream::iter(batch.iter().cloned())
        .map(|(sku, listed)| async move {
            let product = match listed.filter(|p| p.stock_item().is_some()) {
                Some(p) => Ok(Ok(p)),
                None => plan::product(m, ctx, &sku).await,
            };
            let result = match product {
                Ok(Ok(p)) => match mapping::check_product(ctx, &p) {
                    Err(e) => Ok(Err(e)),
                    Ok(()) => match plan::stock_item(m, ctx, &p).await {
                        Ok(Ok(item)) => Ok(Ok((p, item))),
                        Ok(Err(e)) => Ok(Err(e)),
                        Err(e) => Err(e),
                    },
                },
                Ok(Err(e)) => Ok(Err(e)),
                Err(e) => Err(e),
            };
            (sku, result)
        })
        .buffered(concurrency)
        .collect()
        .await;

    let mut eligible: Vec<(wire::Product, wire::StockItem)> = Vec::new();
    let mut configurable: Vec<(wire::Product, wire::StockItem)> = Vec::new();
    for (sku, r) in products {
        match r {
            Ok(Ok(pair)) if pair.0.type_id.as_deref() == Some("configurable") => configurable.push(pair),
            Ok(Ok(pair)) => eligible.push(pair),
            Ok(Err(e)) => {
                refused(summary, &sku, &e);
                bar.inc(1);
            }
            Err(e) => {
                tracing::warn!(sku = ?sku, error = %e, "product could not be read");
                summary.failed.push(sku);
                bar.inc(1);
            }
        }
    }
    // Configurables: each one's children in one batch (source items, salability), concurrently.
    let built: Vec<(String, ConfigurableLookup)> = stream::iter(configurable)
        .map(|(product, item)| async move {
            let sku = product.sku.clone();
            (sku, plan::configurable_facts(m, ctx, product, item, docs.cfg.upstream.page_size).await)
        })
        .buffered(concurrency)
        .collect()
        .await;
    for (sku, r) in built {
        match r {
            Ok(Ok(facts)) => write_document(docs, ctx, dir, summary, &sku, &Facts::Configurable(facts)),
            Ok(Err(e)) => refused(summary, &sku, &e),
            Err(e) => {
                tracing::warn!(sku = ?sku, error = %e, "configurable product's children could not be read");
                summary.failed.push(sku);
            }
        }
        bar.inc(1);
    }
    if eligible.is_empty() {
        return;
    }
    // 2. Source items and salability for the whole batch.
    let mut skus: Vec<String> = eligible.iter().map(|(p, _)| p.sku.clone()).collect();
    skus.sort();
    skus.dedup();
    let (items, salability) =
        tokio::join!(plan::source_items_batch(m, &skus, docs.cfg.upstream.page_size), plan::salability_batch(m, ctx, &skus));
    let (mut items, salability) = match (items, salability) {
        (Ok(i), Ok(s)) => (i, s),
        (Err(e), _) | (_, Err(e)) => {
            tracing::warn!(error = %e, "batch could not be read");
            for (p, _) in &eligible {
                summary.failed.push(p.sku.clone());
                bar.inc(1);
            }
            return;
        }
    };
    // 3. Documents.
    for (product, stock_item) in eligible {
        let sku = product.sku.clone();
        let (salable_qty, is_salable) = salability.get(&sku).copied().unwrap_or((0.0, false));
        let facts = ProductFacts { source_items: items.remove(&sku).unwrap_or_default(), product, stock_item, salable_qty, is_salable };
        write_document(docs, ctx, dir, summary, &sku, &Facts::Simple(facts));
        bar.inc(1);
    }
}

fn write_document(docs: &Documents, ctx: &WebsiteContext, dir: &Path, summary: &mut Summary, sku: &str, facts: &Facts) {
    match docs.finish(ctx, facts) {
        Ok(doc) => match write_atomic(&dir.join(file_name(sku)), &core_api::document_json(&doc)) {
            Ok(()) => summary.written += 1,
            Err(e) => {
                tracing::error!(sku = ?sku, error = %e, "could not write the document");
                summary.failed.push(sku.to_owned());
            }
        },
        Err(e) => refused(summary, sku, &e),
    }
}

fn refused(summary: &mut Summary, sku: &str, e: &MapError) {
    let list = match e {
        MapError::NotFound(_) => &mut summary.not_found,
        MapError::NotSupportedYet { .. } => &mut summary.not_supported,
        MapError::UnknownType { .. } => &mut summary.unknown_type,
        MapError::Invalid(_) => &mut summary.invalid,
    };
    list.push(sku.to_owned());
}
