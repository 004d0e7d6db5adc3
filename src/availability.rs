//! The output document (SPEC §11): every rule applied to one input document.

use crate::backorder::{backorder_qty, notice, BackorderNotice};
use crate::document::{InputDocument, Product};
use crate::settings::StockOptions;
use crate::i18n::Locale;
use crate::low_stock::low_stock_sources;
use crate::quantity::Qty;
use crate::request_check::{check_request, RequestError};
use crate::salable_qty::StockFigures;
use crate::storefront_message::{schema_org_availability, storefront_message, StorefrontMessage};
use crate::json_writer::JsonWriter;

/// What `evaluate` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Availability<'a> {
    pub sku: &'a str,
    pub is_salable: bool,
    pub salable_qty: Qty,
    pub stock_status: &'static str,
    pub message: StorefrontMessage,
    pub only_x_left: Option<Qty>,
    pub request: RequestOutcome,
    pub low_stock_sources: Vec<&'a str>,
    pub schema_org_availability: &'static str,
}

/// The verdict on `requested_qty` (SPEC §6–7).
#[derive(Clone, Debug, PartialEq)]
pub struct RequestOutcome {
    pub qty: Qty,
    pub is_salable: bool,
    pub errors: Vec<RequestError>,
    pub backorder_qty: Qty,
    pub notice: Option<BackorderNotice>,
}

impl Availability<'_> {
    /// The output document as JSON text (SPEC §11), keys in the order SPEC shows them.
    pub fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.object(|w| {
            w.key("sku").string(self.sku);
            w.key("is_salable").boolean(self.is_salable);
            w.key("salable_qty").qty(self.salable_qty);
            w.key("stock_status").string(self.stock_status);
            w.key("message").object(|w| {
                w.key("kind").string(self.message.kind.as_str());
                w.key("text").opt_string(self.message.text.as_deref());
            });
            w.key("only_x_left").opt_qty(self.only_x_left);
            let request = &self.request;
            w.key("request").object(|w| {
                w.key("qty").qty(request.qty);
                w.key("is_salable").boolean(request.is_salable);
                w.key("errors").array(|w| {
                    for e in &request.errors {
                        w.object(|w| {
                            w.key("code").string(e.code.as_str());
                            w.key("message").string(&e.message);
                        });
                    }
                });
                w.key("backorder_qty").qty(request.backorder_qty);
                match &request.notice {
                    Some(n) => w.key("notice").object(|w| {
                        w.key("code").string(n.code);
                        w.key("message").string(&n.message);
                    }),
                    None => w.key("notice").null(),
                };
            });
            w.key("low_stock_sources").array(|w| {
                for code in &self.low_stock_sources {
                    w.string(code);
                }
            });
            w.key("schema_org_availability").string(self.schema_org_availability);
        });
    }

    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(512);
        self.write_json(&mut JsonWriter::new(&mut out));
        out
    }
}

/// Applies SPEC §3–9 to a validated document.
pub fn evaluate(doc: &InputDocument) -> Availability<'_> {
    let locale = Locale::from_tag(doc.locale.as_deref());
    evaluate_product(&doc.config, &doc.product, doc.requested_qty, locale)
}

/// [`evaluate`] for one product of many that share a config (the catalog path).
pub fn evaluate_product<'a>(config: &StockOptions, product: &'a Product, requested_qty: Option<Qty>, locale: Locale) -> Availability<'a> {
    let settings = product.settings(config);
    let figures = StockFigures::of(product, &settings);
    let salable = figures.is_salable(&settings);
    let message = storefront_message(&settings, &figures, salable, locale);

    let qty = requested_qty.unwrap_or_else(|| settings.default_request_qty());
    let verdict = check_request(qty, &settings, &figures, locale);
    let request_salable = verdict.is_salable();
    let backordered = if request_salable { backorder_qty(qty, &settings, &figures) } else { Qty::ZERO };

    Availability {
        sku: &product.sku,
        is_salable: salable,
        salable_qty: figures.reported_salable_qty(&settings),
        stock_status: if salable { "in_stock" } else { "out_of_stock" },
        only_x_left: message.only_x_left,
        message,
        request: RequestOutcome {
            qty,
            is_salable: request_salable,
            errors: verdict.errors,
            backorder_qty: backordered,
            notice: notice(backordered, &settings, product.name.as_deref(), locale),
        },
        low_stock_sources: low_stock_sources(product, &settings),
        schema_org_availability: schema_org_availability(&settings, &figures, salable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::parse;

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
                "request":{"qty":1,"is_salable":true,"errors":[],"backorder_qty":0,"notice":null},
                "low_stock_sources":[],"schema_org_availability":"https://schema.org/InStock"}"#,
        )
        .unwrap();
        assert_eq!(out, expected);
    }

    #[test]
    fn refused_requests_carry_codes_and_texts_in_the_locale() {
        let doc = parse(r#"{"config":{"min_sale_qty":2},"product":{"sku":"a","sources":[{"source_code":"s","quantity":9,"status":1}]},"requested_qty":1,"locale":"fr-FR"}"#).unwrap();
        let out = evaluate(&doc);
        assert!(!out.request.is_salable);
        assert_eq!(out.request.errors[0].code.as_str(), "is_correct_qty-min_sale_qty");
        assert_eq!(out.request.errors[0].message, "Vous devez acheter au moins 2 articles.");
        assert_eq!(out.message.text.as_deref(), Some("En stock"));
    }

    #[test]
    fn default_request_is_min_sale_qty() {
        let doc = parse(r#"{"config":{"min_sale_qty":3},"product":{"sku":"a","sources":[{"source_code":"s","quantity":9,"status":1}]}}"#).unwrap();
        assert_eq!(evaluate(&doc).request.qty, Qty::from_int(3));
    }
}
