//! Every place the bridge touches the `salable` core: its domain types, `evaluate`, and the one
//! function that turns a built document into §10 JSON text. Keeping the contact surface here means
//! a change of the core's API touches this file alone.

pub use salable::{
    Backorders, BundleOption, BundleSelection, InputDocument, NotAvailableMessage, Product, ProductType, Qty, Reservation, Settings,
    SourceItem, SourceStatus, StockFigures, StockOptions,
};

use serde_json::Value;

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

/// A document with every field at its default (the core's `Default`: an enabled simple product),
/// for the mapping to fill in; fields the core gains later take their defaults.
pub fn blank_document() -> InputDocument {
    InputDocument::default()
}

/// The §10 JSON text of a document, written by the core's own `Serialize` (the document is
/// declared once, in the core).
pub fn document_json(doc: &InputDocument) -> String {
    serde_json::to_string(doc).expect("a document always serializes")
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

/// The settings `options` sets, by the core's own names: its `Serialize` writes a set key only.
pub fn set_settings(options: &StockOptions) -> serde_json::Map<String, Value> {
    match serde_json::to_value(options) {
        Ok(Value::Object(map)) => map,
        _ => unreachable!("the core writes settings as an object"),
    }
}

/// `base` with every setting `over` sets, key by key, through the core's own serde declaration of
/// [`StockOptions`]: no setting is named here, so one the core gains layers with no edit.
pub fn overlaid(base: &StockOptions, over: &StockOptions) -> Result<StockOptions, String> {
    let mut map = set_settings(base);
    map.extend(set_settings(over));
    serde_json::from_value(Value::Object(map)).map_err(|e| e.to_string())
}

/// `Q`, `R` and `T` of SPEC §2–3 by the core's own rules, with the settings in force.
pub fn figures(doc: &InputDocument) -> (StockFigures, Settings) {
    let settings = doc.product.settings(&doc.config);
    (StockFigures::of(&doc.product, &settings), settings)
}

/// The quantity a requested-qty check uses when none is given (SPEC §7).
pub fn default_request_qty(doc: &InputDocument) -> Qty {
    doc.settings().default_request_qty()
}

/// The element's server-rendered markup for `doc` (SPEC §15), followed by the JSON-LD `Offer` when
/// `options.json_ld`; `today` is the server's UTC date (SPEC §14).
pub fn render_html(doc: &InputDocument, mut options: salable::RenderOptions) -> Result<String, String> {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    options.today = salable::Date::from_unix_days(days as i64).map(salable::Date::to_iso);
    let rendered = salable::render_html(doc, &options).map_err(|e| e.to_string())?;
    Ok(rendered.html + rendered.json_ld.as_deref().unwrap_or(""))
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

    #[test]
    fn settings_layer_key_by_key_and_keep_exact_quantities() {
        let base = StockOptions { only_x_left_threshold: Some(qty(5.0).unwrap()), show_out_of_stock: Some(false), ..Default::default() };
        let over = StockOptions { show_out_of_stock: Some(true), max_sale_qty: Some(qty(0.0001).unwrap()), ..Default::default() };
        let both = overlaid(&base, &over).unwrap();
        assert_eq!(
            both,
            StockOptions {
                only_x_left_threshold: Some(qty(5.0).unwrap()),
                show_out_of_stock: Some(true),
                max_sale_qty: Some(qty(0.0001).unwrap()),
                ..Default::default()
            }
        );
        assert_eq!(overlaid(&both, &StockOptions::default()).unwrap(), both, "an unset key changes nothing");
        let set = set_settings(&both);
        assert_eq!(set.keys().collect::<Vec<_>>(), ["max_sale_qty", "only_x_left_threshold", "show_out_of_stock"]);
        let odd = StockOptions { out_of_stock_threshold: Some(qty(-1234.5678).unwrap()), ..Default::default() };
        assert_eq!(overlaid(&StockOptions::default(), &odd).unwrap(), odd);
    }
}
