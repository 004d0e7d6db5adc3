//! Every place the bridge touches the `salable` core: its domain types, `evaluate`, and the one
//! function that turns a built document into §10 JSON text. The core is being reorganised (module
//! paths becoming private behind crate-root re-exports, serde on the document); keeping the
//! contact surface here means that change touches this file alone.

pub use salable::document::{InputDocument, Product, Reservation, SourceItem, SourceStatus};
pub use salable::settings::{Backorders, NotAvailableMessage, StockOptions};
pub use salable::Qty;

use serde_json::{json, Map, Value};

/// Magento's float, rounded half away from zero to 4 decimals (SPEC §1):
/// `0.16999999999999993` → `0.17`.
pub fn qty(v: f64) -> Result<Qty, String> {
    Qty::from_f64(v).map_err(|e| e.to_string())
}

/// `7`, `4.5`, `0.17`, `-3`: no trailing zeros.
pub fn qty_text(q: Qty) -> String {
    let n = q.ten_thousandths();
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (n.unsigned_abs() / 10_000, n.unsigned_abs() % 10_000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{}", format!("{frac:04}").trim_end_matches('0'))
    }
}

fn qty_json(q: Qty) -> Value {
    match q.as_whole() {
        Some(w) => json!(w),
        None => json!(q.to_f64()),
    }
}

/// The §10 JSON text of a document.
// TODO(core serde): `serde_json::to_string(doc)` once `InputDocument: Serialize` lands.
pub fn document_json(doc: &InputDocument) -> String {
    let p = &doc.product;
    let mut product = Map::new();
    product.insert("sku".into(), json!(p.sku));
    if let Some(name) = &p.name {
        product.insert("name".into(), json!(name));
    }
    if let Some(d) = p.qty_uses_decimals {
        product.insert("qty_uses_decimals".into(), json!(d));
    }
    product.insert("overrides".into(), options_json(&p.overrides));
    let sources: Vec<Value> = p
        .sources
        .iter()
        .map(|s| {
            json!({
                "source_code": s.source_code,
                "quantity": qty_json(s.quantity),
                "status": s.status.as_str(),
                "source_enabled": s.source_enabled,
                "notify_for_quantity_below": s.notify_for_quantity_below.map(qty_json),
            })
        })
        .collect();
    product.insert("sources".into(), Value::Array(sources));
    // Quantity only: order ids never leave the bridge (issue 9, security).
    let reservations: Vec<Value> = p.reservations.iter().map(|r| json!({ "quantity": qty_json(r.quantity) })).collect();
    product.insert("reservations".into(), Value::Array(reservations));
    let mut doc_json = Map::new();
    doc_json.insert("config".into(), options_json(&doc.config));
    doc_json.insert("product".into(), Value::Object(product));
    if let Some(q) = doc.requested_qty {
        doc_json.insert("requested_qty".into(), qty_json(q));
    }
    if let Some(l) = &doc.locale {
        doc_json.insert("locale".into(), json!(l));
    }
    Value::Object(doc_json).to_string()
}

fn options_json(o: &StockOptions) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    };
    put("manage_stock", o.manage_stock.map(Value::Bool));
    put("backorders", o.backorders.map(|b| json!(b.as_str())));
    put("out_of_stock_threshold", o.out_of_stock_threshold.map(qty_json));
    put("min_sale_qty", o.min_sale_qty.map(qty_json));
    put("max_sale_qty", o.max_sale_qty.map(qty_json));
    put("notify_for_quantity_below", o.notify_for_quantity_below.map(qty_json));
    put("enable_qty_increments", o.enable_qty_increments.map(Value::Bool));
    put("qty_increments", o.qty_increments.map(qty_json));
    put("only_x_left_threshold", o.only_x_left_threshold.map(qty_json));
    put("display_stock_status", o.display_stock_status.map(Value::Bool));
    put("not_available_message", o.not_available_message.map(|n| json!(n.as_str())));
    Value::Object(m)
}

/// Reads §10 text with the core's own reader (tests, and `check` of exported files).
pub fn parse_document(text: &str) -> Result<InputDocument, String> {
    InputDocument::from_json(text).map_err(|e| e.to_string())
}

/// The §11 output document of `doc`, with `requested_qty` replaced when given.
pub fn evaluate(doc: &InputDocument, requested_qty: Option<Qty>) -> Value {
    let out = match requested_qty {
        Some(q) => {
            let mut d = doc.clone();
            d.requested_qty = Some(q);
            salable::evaluate(&d).to_json()
        }
        None => salable::evaluate(doc).to_json(),
    };
    serde_json::from_str(&out).expect("the core writes valid JSON")
}

/// The figures of SPEC §2–3 the bridge needs: the effective threshold `T`, `Q`, `R`, and the
/// settings the clamp reasons about.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    pub on_hand: Qty,
    pub reserved: Qty,
    pub threshold: Qty,
    pub manage_stock: bool,
    pub max_sale_qty: Qty,
    pub only_x_left_threshold: Qty,
}

pub fn figures(doc: &InputDocument) -> Figures {
    let settings = doc.settings();
    let sum = |it: &mut dyn Iterator<Item = Qty>| Qty::from_ten_thousandths(it.map(|q| q.ten_thousandths()).sum());
    Figures {
        on_hand: sum(&mut doc.product.sources.iter().filter(|s| s.counts()).map(|s| s.quantity)),
        reserved: sum(&mut doc.product.reservations.iter().map(|r| r.quantity)),
        threshold: settings.effective_threshold(),
        manage_stock: settings.manage_stock,
        max_sale_qty: settings.max_sale_qty,
        only_x_left_threshold: settings.only_x_left_threshold,
    }
}

/// The quantity a requested-qty check uses when none is given (SPEC §7).
pub fn default_request_qty(doc: &InputDocument) -> Qty {
    doc.settings().default_request_qty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_print_without_trailing_zeros_and_round_magento_noise() {
        assert_eq!(qty_text(qty(0.16999999999999993).unwrap()), "0.17");
        assert_eq!(qty_text(qty(-8.33).unwrap()), "-8.33");
        assert_eq!(qty_text(qty(100.0).unwrap()), "100");
        assert_eq!(qty_text(qty(-0.5).unwrap()), "-0.5");
        assert_eq!(qty_text(qty(1.00005).unwrap()), "1.0001");
        assert!(qty(f64::NAN).is_err());
    }
}
