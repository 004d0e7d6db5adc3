//! `check`: compares our engine with Magento's own answers: `is_salable` with
//! `is-product-salable`, the salable quantity with `get-product-salable-quantity`, and each
//! requested-quantity verdict with `is-product-salable-for-requested-qty` (salable, and the
//! error codes in order). Differences are printed; this is how a merchant gains trust in us.
//!
//! Without MSI (legacy CatalogInventory, SPEC §16.1) Magento's own answer is `/V1/stockStatuses/{sku}`:
//! its stock status against our `is_salable`, its quantity against our quantity on hand; legacy
//! REST has no requested-quantity check, so none is compared.

use crate::core_api::{self, Qty};
use crate::documents::Documents;
use crate::magento::plan::Lookup;
use crate::magento::wire;
use crate::mapping::{Facts, Inventory, ProductFacts, Salability, WebsiteContext};
use serde_json::Value;

#[derive(Debug, Default, Clone)]
pub struct Report {
    pub lines: Vec<String>,
    pub compared: usize,
    pub differences: usize,
    /// SKUs or quantities that could not be checked (not found, Magento error).
    pub errors: usize,
}

impl Report {
    fn line(&mut self, same: bool, what: String) {
        self.compared += 1;
        if !same {
            self.differences += 1;
        }
        self.lines.push(format!("  {} {what}", if same { "ok  " } else { "DIFF" }));
    }
}

fn codes(v: &Value) -> Vec<String> {
    v["request"]["errors"].as_array().into_iter().flatten().filter_map(|e| e["code"].as_str().map(str::to_owned)).collect()
}

pub async fn run(docs: &Documents, website: &str, skus: &[String], qtys: &[Qty]) -> Result<Report, String> {
    let ctx = match &*docs.website(website).await.map_err(|e| e.to_string())? {
        Lookup::Found(ctx) => ctx.clone(),
        Lookup::NotFound(why) => return Err(why.clone()),
    };
    let mut r = Report::default();
    for sku in skus {
        r.lines.push(format!("{sku} on website {website} (stock {})", ctx.stock_id));
        let facts = match docs.plan(&ctx).product_facts(sku).await {
            Ok(Ok(f)) => f,
            Ok(Err(e)) => {
                r.errors += 1;
                r.lines.push(format!("  not checked: {e}"));
                continue;
            }
            Err(e) => {
                r.errors += 1;
                r.lines.push(format!("  not checked: {e}"));
                continue;
            }
        };
        if let Facts::Simple(f) = &facts {
            compare(&mut r, docs, &ctx, f, qtys).await;
            continue;
        }
        // Magento has no salable quantity for a composite (400 "products without Source Items
        // support"); its children are compared one by one.
        let kind = match &facts {
            Facts::Configurable(_) => "configurable",
            Facts::Bundle(_) => "bundle",
            _ => "grouped",
        };
        let children = facts.source_managed();
        r.lines.push(format!("  {kind}: checking its {} child(ren) as their own SKUs", children.len()));
        for child in children {
            r.lines.push(format!("  {} (child of {sku})", child.product.sku));
            compare(&mut r, docs, &ctx, child, qtys).await;
        }
    }
    r.lines.push(format!("{} comparison(s), {} difference(s), {} not checked", r.compared, r.differences, r.errors));
    Ok(r)
}

/// Our verdicts on one source-managed product against Magento's.
async fn compare(r: &mut Report, docs: &Documents, ctx: &WebsiteContext, facts: &ProductFacts, qtys: &[Qty]) {
    let doc = match docs.build(ctx, &Facts::Simple(facts.clone()), false) {
        Ok(d) => d,
        Err(e) => {
            r.errors += 1;
            r.lines.push(format!("  not checked: {e}"));
            return;
        }
    };
    let ours = core_api::evaluate(&doc, None);
    let our_salable = ours["is_salable"].as_bool().unwrap_or(false);
    let (salable_qty, is_salable) = match facts.salability {
        Salability::Msi { salable_qty, is_salable } => (salable_qty, is_salable),
        Salability::Legacy => return compare_legacy(r, docs, ctx, facts, &doc, our_salable).await,
    };
    r.line(our_salable == is_salable, format!("is_salable: Magento {is_salable}, salable {our_salable}"));
    let magento_qty = core_api::qty(salable_qty).map(core_api::qty_text).unwrap_or_else(|e| e);
    let our_qty = match &ours["salable_qty"] {
        Value::Number(n) => n.as_f64().and_then(|f| core_api::qty(f).ok()).map(core_api::qty_text).unwrap_or_default(),
        _ => String::new(),
    };
    r.line(magento_qty == our_qty, format!("salable quantity: Magento {magento_qty}, salable {our_qty}"));
    let wanted: Vec<Qty> = if qtys.is_empty() { vec![core_api::default_request_qty(&doc)] } else { qtys.to_vec() };
    if !docs.magento.path_safe(&facts.product.sku) {
        r.errors += 1;
        let e =
            crate::magento::UpstreamError::PathUnsafe { endpoint: "is-product-salable-for-requested-qty", sku: facts.product.sku.clone() };
        r.lines.push(format!("  not checked: requested quantities: {e}"));
        return;
    }
    for q in wanted {
        let text = core_api::qty_text(q);
        let stock = ctx.stock_id.to_string();
        let magento = docs
            .magento
            .get::<wire::SalableResult>(
                "is-product-salable-for-requested-qty",
                None,
                &["inventory", "is-product-salable-for-requested-qty", &facts.product.sku, &stock, &text],
                &[],
            )
            .await;
        let ours = core_api::evaluate(&doc, Some(q));
        let (our_ok, our_codes) = (ours["request"]["is_salable"].as_bool().unwrap_or(false), codes(&ours));
        match magento {
            Ok(m) => {
                let m_codes: Vec<String> = m.errors.iter().map(|e| e.code.clone()).collect();
                let same = m.salable.0 == our_ok && m_codes == our_codes;
                r.line(
                    same,
                    format!("qty {text}: Magento {} {:?}, salable {} {:?}", verdict(m.salable.0), m_codes, verdict(our_ok), our_codes),
                );
            }
            Err(e) => {
                r.errors += 1;
                r.lines.push(format!("  not checked: qty {text}: {e}"));
            }
        }
    }
}

/// A store without MSI: `/V1/stockStatuses/{sku}` (legacy `StockStatusInterface`) against our
/// verdict and our quantity on hand.
async fn compare_legacy(
    r: &mut Report,
    docs: &Documents,
    ctx: &WebsiteContext,
    facts: &ProductFacts,
    doc: &core_api::InputDocument,
    our_salable: bool,
) {
    debug_assert_eq!(ctx.inventory, Inventory::Legacy);
    let sku = &facts.product.sku;
    if !docs.magento.path_safe(sku) {
        r.errors += 1;
        r.lines
            .push(format!("  not checked: {}", crate::magento::UpstreamError::PathUnsafe { endpoint: "stockStatuses", sku: sku.clone() }));
        return;
    }
    match docs.magento.get::<wire::StockStatus>("stockStatuses", Some(&ctx.store_code), &["stockStatuses", sku], &[]).await {
        Ok(status) => {
            let magento = status.stock_status.0;
            r.line(
                magento == our_salable,
                format!("stock status (legacy): Magento {}, salable {}", verdict(magento), verdict(our_salable)),
            );
            let (figures, _) = core_api::figures(doc);
            let ours = core_api::qty_text(figures.on_hand);
            let theirs = status.qty.map(|q| core_api::qty(q.0).map(core_api::qty_text).unwrap_or_else(|e| e)).unwrap_or_default();
            r.line(ours == theirs, format!("quantity (legacy): Magento {theirs}, salable {ours}"));
            r.lines.push("  (legacy CatalogInventory has no REST check of a requested quantity; none compared)".to_owned());
        }
        Err(e) => {
            r.errors += 1;
            r.lines.push(format!("  not checked: {e}"));
        }
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "salable"
    } else {
        "refused"
    }
}
