//! `export`: writes `DIR/{website}/{sku}.json` for static hosting or a CDN. Source items and
//! salable quantities are fetched in batches (`sku in …`), products concurrently within the
//! upstream limit; `--all` pages through the catalog.

use crate::core_api;
use crate::documents::{valid_sku, Documents};
use crate::magento::percent;
use crate::magento::plan::{Lookup, Plan};
use crate::magento::{wire, UpstreamError};
use crate::mapping::{self, Facts, MapError, WebsiteContext};
use futures::stream::{self, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

/// A product and its stock item, a refusal, or a Magento failure.
type ProductLookup = Result<Result<(wire::Product, wire::StockItem), MapError>, UpstreamError>;
/// A document's facts, a refusal, or a Magento failure.
type FactsLookup = Result<Result<Facts, MapError>, UpstreamError>;

/// What an export did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub written: usize,
    pub not_found: Vec<String>,
    pub unknown_type: Vec<String>,
    pub invalid: Vec<String>,
    /// SKUs Magento gave no usable answer for, each with the error that names its call.
    pub failed: Vec<(String, String)>,
    pub upstream_calls: u64,
    pub seconds: f64,
}

impl Summary {
    pub fn print(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(out, "exported {} document(s) in {:.1} s with {} Magento call(s)", self.written, self.seconds, self.upstream_calls)?;
        let lists = [("not found", &self.not_found), ("unknown product type", &self.unknown_type), ("invalid data", &self.invalid)];
        for (what, list) in lists {
            if !list.is_empty() {
                let shown: Vec<String> = list.iter().take(20).map(|s| format!("{s:?}")).collect();
                let more = if list.len() > 20 { format!(" and {} more", list.len() - 20) } else { String::new() };
                writeln!(out, "  {what}: {}{more}", shown.join(", "))?;
            }
        }
        if !self.failed.is_empty() {
            writeln!(out, "  failed (no document written; Magento gave no usable answer): {}", self.failed.len())?;
            for (sku, why) in self.failed.iter().take(20) {
                writeln!(out, "    {sku:?}: {why}")?;
            }
            if self.failed.len() > 20 {
                writeln!(out, "    and {} more (see the log)", self.failed.len() - 20)?;
            }
        }
        Ok(())
    }
}

/// The file name of a SKU: RFC 3986 unreserved characters kept, everything else percent-encoded,
/// so no SKU can name another directory.
pub fn file_name(sku: &str) -> String {
    format!("{}.json", percent::encode(sku))
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
    let plan = docs.plan(&ctx);
    let dir = out.join(website);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut summary = Summary::default();

    let bar = if progress { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} SKUs  {elapsed_precise}  eta {eta}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let batch_size = docs.cfg.upstream.batch_size;
    let mut seen: HashSet<String> = HashSet::new();
    if all {
        // Each catalog page is exported as it arrives, so memory holds one page and one batch,
        // not the catalog (BENCHMARKS.md, "Export at catalog scale").
        let mut pending: Vec<(String, Option<wire::Product>)> = Vec::new();
        let mut page = 1;
        loop {
            let (items, total) = plan.catalog_page(page).await.map_err(|e| e.to_string())?;
            bar.set_length(total as u64);
            let n = items.len();
            let mut new = 0;
            for p in items {
                if seen.insert(p.sku.clone()) {
                    pending.push((p.sku.clone(), Some(p)));
                    new += 1;
                }
            }
            while pending.len() >= batch_size {
                let batch: Vec<_> = pending.drain(..batch_size).collect();
                export_batch(docs, &plan, &batch, &dir, &mut summary, &bar).await;
                bar.set_message(format!("{} Magento calls", docs.magento.calls()));
            }
            // Magento repeats the last page past the end: a page with nothing new is the end too.
            if n == 0 || new == 0 || seen.len() >= total || page >= 100_000 {
                break;
            }
            page += 1;
        }
        bar.set_length(seen.len() as u64);
        export_batch(docs, &plan, &pending, &dir, &mut summary, &bar).await;
    } else {
        let mut listed: Vec<(String, Option<wire::Product>)> = Vec::new();
        for sku in skus {
            if !valid_sku(sku) {
                summary.not_found.push(sku.clone());
            } else if seen.insert(sku.clone()) {
                listed.push((sku.clone(), None));
            }
        }
        bar.set_length(listed.len() as u64);
        for batch in listed.chunks(batch_size) {
            export_batch(docs, &plan, batch, &dir, &mut summary, &bar).await;
            bar.set_message(format!("{} Magento calls", docs.magento.calls()));
        }
    }
    bar.finish_and_clear();
    summary.upstream_calls = docs.magento.calls();
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

async fn export_batch(
    docs: &Documents,
    plan: &Plan<'_>,
    batch: &[(String, Option<wire::Product>)],
    dir: &Path,
    summary: &mut Summary,
    bar: &ProgressBar,
) {
    if batch.is_empty() {
        return;
    }
    let ctx = plan.ctx;
    let concurrency = docs.cfg.upstream.concurrency;
    // 1. Products (with their stock items), concurrently.
    let products: Vec<(String, ProductLookup)> = stream::iter(batch.iter().cloned())
        .map(|(sku, listed)| async move {
            let product = match listed.filter(|p| p.stock_item().is_some()) {
                Some(p) => Ok(Ok(p)),
                None => plan.product(&sku).await,
            };
            let result = match product {
                Ok(Ok(p)) => match mapping::check_product(ctx, &p) {
                    Err(e) => Ok(Err(e)),
                    Ok(()) => match plan.stock_item(&p).await {
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

    let mut simple: Vec<(wire::Product, wire::StockItem)> = Vec::new();
    let mut composite: Vec<(wire::Product, wire::StockItem)> = Vec::new();
    for (sku, r) in products {
        match r {
            Ok(Ok(pair)) if mapping::SOURCE_MANAGED.contains(&pair.0.type_id.as_deref().unwrap_or("simple")) => simple.push(pair),
            Ok(Ok(pair)) => composite.push(pair),
            Ok(Err(e)) => {
                refused(summary, &sku, &e);
                bar.inc(1);
            }
            Err(e) => {
                failed(docs, dir, summary, &sku, &e);
                bar.inc(1);
            }
        }
    }
    // Configurable, bundle and grouped products: each one's children batched, concurrently.
    let built: Vec<(String, FactsLookup)> = stream::iter(composite)
        .map(|(product, item)| async move { (product.sku.clone(), plan.composite_facts(product, item).await) })
        .buffered(concurrency)
        .collect()
        .await;
    // 2. Source items and salability for the simple products of the batch.
    let facts = plan.simple_facts_batch(simple).await;
    // 3. Documents.
    for (sku, r) in built.into_iter().chain(facts.into_iter().map(|(sku, r)| (sku, r.map(|f| f.map(Facts::Simple))))) {
        match r {
            Ok(Ok(facts)) => write_document(docs, ctx, dir, summary, &sku, &facts),
            Ok(Err(e)) => refused(summary, &sku, &e),
            Err(e) => failed(docs, dir, summary, &sku, &e),
        }
        bar.inc(1);
    }
}

fn write_document(docs: &Documents, ctx: &WebsiteContext, dir: &Path, summary: &mut Summary, sku: &str, facts: &Facts) {
    match docs.finish(ctx, facts) {
        Ok(doc) => match write_atomic(&dir.join(file_name(sku)), &core_api::document_json(&doc)) {
            Ok(()) => summary.written += 1,
            Err(e) => {
                tracing::error!(sku = ?sku, error = %e, "could not write the document");
                summary.failed.push((sku.to_owned(), format!("could not write the document: {e}")));
            }
        },
        Err(e) => refused(summary, sku, &e),
    }
}

/// No document for `sku`: Magento gave no usable answer. Logged and listed with the call.
/// Its previous file stays while younger than `cache.stale_if_error`, as `serve` keeps a last good
/// document; an older one is removed, so a static host answers 404 (the element's "Availability
/// unavailable"), never an old "In stock" past the bound.
fn failed(docs: &Documents, dir: &Path, summary: &mut Summary, sku: &str, e: &UpstreamError) {
    tracing::warn!(sku = ?sku, error = %e, "no document: Magento gave no usable answer");
    summary.failed.push((sku.to_owned(), e.to_string()));
    let path = dir.join(file_name(sku));
    let age = std::fs::metadata(&path).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    if age.is_some_and(|a| a.as_secs() >= docs.cfg.cache.stale_if_error) {
        match std::fs::remove_file(&path) {
            Ok(()) => tracing::warn!(sku = ?sku, "its previous document, older than stale_if_error, was removed"),
            Err(e) => tracing::error!(sku = ?sku, error = %e, "could not remove its previous document"),
        }
    }
}

fn refused(summary: &mut Summary, sku: &str, e: &MapError) {
    let list = match e {
        MapError::NotFound(_) => &mut summary.not_found,
        MapError::UnknownType { .. } => &mut summary.unknown_type,
        MapError::Invalid(_) => &mut summary.invalid,
    };
    list.push(sku.to_owned());
}
