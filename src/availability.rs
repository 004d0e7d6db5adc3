//! Every rule applied to one product (SPEC §3–9, §13, §14): a stocked product's answer, or a
//! composite parent's, with its restock date.

use crate::date::Date;
use crate::document::{Choice, GeoPoint, InputDocument, Product};
use crate::i18n::Locale;
use crate::outcome::{Availability, Requested};
use crate::restock::apply_restock;
use crate::settings::StockOptions;
use crate::stocked::evaluate_stocked;

/// Applies SPEC §3–9, §13 and §14 to a validated document.
pub fn evaluate(doc: &InputDocument) -> Availability<'_> {
    #[cfg(feature = "pickup")]
    let near = doc.near;
    #[cfg(not(feature = "pickup"))]
    let near = None;
    evaluate_product(&doc.config, &doc.product, doc.requested_qty.into(), &doc.choice, doc.locale.as_deref(), doc.today, near)
}

/// The restock date that applies to an answer (SPEC §14): a configurable product's named child's
/// own date, else the product's.
fn restock_date_for(product: &Product, out: &Availability<'_>) -> Option<Date> {
    match out.variant {
        Some(Some(sku)) => product.children.iter().find(|c| c.sku == sku).and_then(|c| c.restock_date).or(product.restock_date),
        _ => product.restock_date,
    }
}

/// [`evaluate`] for one product of many that share a config (the catalog path), or with a request
/// the document does not hold (the element's `qty` attribute). `locale` is the BCP 47 tag (texts,
/// and the form of dates); `today` makes older restock dates stale (SPEC §14).
///
/// Composite parents (SPEC §13) combine their children's answers; `choice` is the shopper's choice
/// on their page, and is ignored for other types. `near` is the shopper's position, which orders
/// pickup stores (SPEC §17).
pub fn evaluate_product<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Option<&str>,
    today: Option<Date>,
    near: Option<GeoPoint>,
) -> Availability<'a> {
    let texts = Locale::from_tag(locale);
    #[cfg(feature = "composite")]
    let mut out = if product.product_type.is_composite() {
        crate::product_types::evaluate(config, product, requested, choice, texts)
    } else {
        evaluate_stocked(config, product, requested, texts)
    };
    // Without the `composite` feature, reading refuses composite products (input::COMPOSITE_ELSEWHERE).
    #[cfg(not(feature = "composite"))]
    let mut out = {
        let _ = choice;
        evaluate_stocked(config, product, requested, texts)
    };
    let restock_date = restock_date_for(product, &out);
    apply_restock(&mut out, restock_date, today, locale);
    // Without the `pickup` feature, reading refuses a document that turns pickup on.
    #[cfg(feature = "pickup")]
    crate::pickup::apply_pickup(&mut out, config, product, near, texts);
    #[cfg(not(feature = "pickup"))]
    let _ = near;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputDocument;

    fn parse(json: &str) -> Result<InputDocument, crate::error::InputError> {
        InputDocument::from_json(json)
    }
    use crate::quantity::Qty;
    use crate::request_check::RequestErrorCode;

    #[test]
    fn the_spec_example_gives_the_spec_output_spec_11() {
        let doc = parse(
            r#"{"config":{"backorders":"no","only_x_left_threshold":5},
                "product":{"sku":"24-MB01","name":"Joust Duffle Bag","qty_uses_decimals":false,
                  "overrides":{"backorders":"allow","out_of_stock_threshold":-50,"notify_for_quantity_below":10},
                  "sources":[{"source_code":"default","quantity":25,"status":"in_stock","source_enabled":true,"notify_for_quantity_below":null}],
                  "reservations":[{"quantity":-3,"event":"order_placed","order_id":"000000042"}]},
                "requested_qty":1,"locale":"en"}"#,
        )
        .unwrap();
        let out: serde_json::Value = serde_json::from_str(&evaluate(&doc).to_json()).unwrap();
        let expected: serde_json::Value = serde_json::from_str(
            r#"{"sku":"24-MB01","is_salable":true,"salable_qty":72,"stock_status":"in_stock",
                "message":{"kind":"in_stock","text":"In stock"},"only_x_left":null,
                "request":{"qty":1,"is_salable":true,"errors":[],"backorder_qty":0,"notice":null,"reason":null,"expected_date":null},
                "low_stock_sources":[],"schema_org_availability":"https://schema.org/InStock",
                "restock":null,"schema_org_availability_starts":null,"pickup":null}"#,
        )
        .unwrap();
        assert_eq!(out, expected);
    }

    #[test]
    fn refused_requests_carry_codes_and_texts_in_the_locale() {
        let doc = parse(r#"{"config":{"min_sale_qty":2},"product":{"sku":"a","sources":[{"source_code":"s","quantity":9,"status":1}]},"requested_qty":1,"locale":"fr-FR"}"#).unwrap();
        let out = evaluate(&doc);
        assert!(!out.request.is_salable);
        assert_eq!(out.request.errors[0].code, RequestErrorCode::MinSaleQty);
        assert_eq!(out.request.reason.as_deref(), Some("Vous devez acheter au moins 2 articles."));
        assert_eq!(out.request.errors[0].message, "Vous devez acheter au moins 2 articles.");
        assert_eq!(out.message.text.as_deref(), Some("En stock"));
    }

    #[test]
    fn default_request_is_min_sale_qty() {
        let doc = parse(r#"{"config":{"min_sale_qty":3},"product":{"sku":"a","sources":[{"source_code":"s","quantity":9,"status":1}]}}"#)
            .unwrap();
        assert_eq!(evaluate(&doc).request.qty, Some(Qty::from_int(3)));
    }

    #[test]
    fn an_invalid_request_is_refused_in_the_locale_not_an_error() {
        let doc = parse(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":9,"status":1}]}}"#).unwrap();
        let out = evaluate_product(&doc.config, &doc.product, Requested::Invalid, &doc.choice, Some("fr"), None, None);
        assert_eq!(out.request.qty, None);
        assert!(!out.request.is_salable && out.is_salable);
        assert_eq!(out.request.errors[0].code, RequestErrorCode::QtyInvalid);
        assert_eq!(out.request.reason.as_deref(), Some("Veuillez saisir une quantité supérieure à 0."));
    }

    #[test]
    fn no_reason_when_the_product_itself_is_not_salable() {
        let doc = parse(r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":0,"status":1}]},"requested_qty":2}"#).unwrap();
        let out = evaluate(&doc);
        assert!(!out.request.is_salable && !out.request.errors.is_empty());
        assert_eq!(out.request.reason, None);
    }
}
