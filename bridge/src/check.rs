//! `check`: compares our engine with Magento's own answers: `is_salable` with
//! `is-product-salable`, the salable quantity with `get-product-salable-quantity`, and each
//! requested-quantity verdict with `is-product-salable-for-requested-qty` (salable, and the
//! error codes in order). Differences are printed; this is how a merchant gains trust in us.

use crate::core_api::{self, Qty};
use crate::documents::Documents;
use crate::magento::plan::{self, Lookup};
use crate::magento::wire;
use crate::mapping::{Facts, ProductFacts, WebsiteContext};
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
        let facts = match plan::product_facts(&docs.magento, &ctx, sku, docs.cfg.upstream.page_size).await {
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
        match facts {
            Facts::Simple(f) => compare(&mut r, docs, &ctx, f, qtys).await,
            Facts::Configurable(c) => {
                // Magento has no salable quantity for a configurable (400 "products without Source
                // Items support"); its children are compared one by one.
                r.lines.push(format!("  configurable: checking its {} child(ren) as their own SKUs", c.children.len()));
                for child in c.children {
                    r.lines.push(format!("  {} (child of {sku})", child.product.sku));
                    compare(&mut r, docs, &ctx, child, qtys).await;
                }
            }
        }
    }
    r.lines.push(format!("{} comparison(s), {} difference(s), {} not checked", r.compared, r.differences, r.errors));
    Ok(r)
}

/// Our verdicts on one source-managed product against Magento's.
async fn compare(r: &mut Report, docs: &Documents, ctx: &WebsiteContext, facts: ProductFacts, qtys: &[Qty]) {
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
    r.line(our_salable == facts.is_salable, format!("is_salable: Magento {}, salable {}", facts.is_salable, our_salable));
    let magento_qty = core_api::qty(facts.salable_qty).map(core_api::qty_text).unwrap_or_else(|e| e);
    let our_qty = match &ours["salable_qty"] {
        Value::Number(n) => n.as_f64().and_then(|f| core_api::qty(f).ok()).map(core_api::qty_text).unwrap_or_default(),
        _ => String::new(),
    };
    r.line(magento_qty == our_qty, format!("salable quantity: Magento {magento_qty}, salable {our_qty}"));
    let wanted: Vec<Qty> = if qtys.is_empty() { vec![core_api::default_request_qty(&doc)] } else { qtys.to_vec() };
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

fn verdict(ok: bool) -> &'static str {
    if ok {
        "salable"
    } else {
        "refused"
    }
}
