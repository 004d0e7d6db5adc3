//! Every rule applied to one product (SPEC §3–9): what the output document (SPEC §11) says.

use crate::backorder::{backorder_qty, notice, BackorderNotice};
use crate::document::{Choice, InputDocument, Product, SourceStatus};
use crate::i18n::{Locale, Message};
use crate::low_stock::low_stock_sources;
use crate::product_types::{ChildLine, ChildRequest, ParentStatus, ProductOptions};
use crate::quantity::Qty;
use crate::request_check::{check_request, RequestError, RequestErrorCode};
use crate::restock::{apply_restock, Date, Restock};
use crate::salable_qty::StockFigures;
use crate::settings::StockOptions;
use crate::storefront_message::{schema_org_availability, storefront_message, SchemaOrgAvailability, StorefrontMessage};

/// What `evaluate` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Availability<'a> {
    /// The product's SKU, as given.
    pub sku: &'a str,
    /// Whether the product is salable (SPEC §4).
    pub is_salable: bool,
    /// `S` when the product is salable, `0` when it is not; may be negative with unlimited backorders
    /// (SPEC §4). `None` for a composite parent with no child named (SPEC §13.2).
    pub salable_qty: Option<Qty>,
    /// `InStock` exactly when the product is salable.
    pub stock_status: SourceStatus,
    /// What the product page says (SPEC §5).
    pub message: StorefrontMessage,
    /// The number in "Only X left", or `None` when that message is not shown (SPEC §5).
    pub only_x_left: Option<Qty>,
    /// The verdict on the requested quantity (SPEC §6–7).
    pub request: RequestOutcome<'a>,
    /// The codes of the sources whose stock is low, for the merchant (SPEC §9).
    pub low_stock_sources: Vec<&'a str>,
    /// The schema.org availability for the page's structured data (SPEC §11).
    pub schema_org_availability: SchemaOrgAvailability,
    /// Configurable products only: the child named, or `Some(None)` (SPEC §13.3).
    pub variant: Option<Option<&'a str>>,
    /// With a child named, the parent's own answer (SPEC §13.6).
    pub parent: Option<ParentStatus>,
    /// Configurable and bundle products: what the page offers (SPEC §13.3, §13.4).
    pub options: Option<ProductOptions<'a>>,
    /// Bundles only: how many the stock builds, when known (SPEC §13.4).
    pub buildable_qty: Option<Option<Qty>>,
    /// Grouped products only: a line per child (SPEC §13.5).
    pub children: Option<Vec<ChildLine<'a>>>,
    /// When a product that is not salable is expected back (SPEC §14).
    pub restock: Option<Restock>,
    /// The restock date in force, whenever `schema_org_availability` is `BackOrder` or `OutOfStock`,
    /// for JSON-LD's `availabilityStarts` (SPEC §14).
    pub schema_org_availability_starts: Option<Date>,
}

/// The verdict on the requested quantity (SPEC §6–7).
#[derive(Clone, Debug, PartialEq)]
pub struct RequestOutcome<'a> {
    /// The quantity checked; `None` when what was asked is not a number above 0.
    pub qty: Option<Qty>,
    /// Whether the request is accepted (SPEC §7).
    pub is_salable: bool,
    /// Why the request is refused, in Magento's order; empty when it is accepted (SPEC §7).
    pub errors: Vec<RequestError>,
    /// The part of an accepted request that will be backordered; `0` otherwise (SPEC §6). `None`
    /// for bundles and grouped products, whose children carry their own (SPEC §13.6).
    pub backorder_qty: Option<Qty>,
    /// The backorder notice, shown only with *Allow Qty Below 0 and Notify Customer* (SPEC §6).
    pub notice: Option<BackorderNotice>,
    /// What the shopper reads under the message when the request is refused: the last error's text
    /// (SPEC §7, §12), while the product itself is salable (otherwise the message says it all).
    pub reason: Option<String>,
    /// Bundles and grouped products: each child's verdict (SPEC §13.4, §13.5).
    pub children: Option<Vec<ChildRequest<'a>>>,
    /// When a backordered request is expected to ship: the restock date in force, when the notice
    /// is shown (SPEC §14).
    pub expected_date: Option<Date>,
}

/// The quantity a shopper asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Requested {
    /// None named: the product's default (SPEC §7).
    Default,
    /// This quantity.
    Qty(Qty),
    /// Not a number above 0 (a typo in a quantity box): refused with `qty-invalid`.
    Invalid,
}

impl From<Option<Qty>> for Requested {
    fn from(q: Option<Qty>) -> Requested {
        q.map_or(Requested::Default, Requested::Qty)
    }
}

/// Applies SPEC §3–9 to a validated document.
pub fn evaluate(doc: &InputDocument) -> Availability<'_> {
    let locale = Locale::from_tag(doc.locale.as_deref());
    let mut out = evaluate_product(&doc.config, &doc.product, doc.requested_qty.into(), &doc.choice, locale);
    let restock_date = restock_date_for(&doc.product, &out);
    apply_restock(&mut out, restock_date, doc.today, doc.locale.as_deref());
    out
}

/// The restock date that applies to an answer (SPEC §14): a configurable product's named child's
/// own date, else the product's.
pub(crate) fn restock_date_for(product: &Product, out: &Availability<'_>) -> Option<Date> {
    match out.variant {
        Some(Some(sku)) => product.children.iter().find(|c| c.sku == sku).and_then(|c| c.restock_date).or(product.restock_date),
        _ => product.restock_date,
    }
}

/// [`evaluate`] for one product of many that share a config (the catalog path), or with a request
/// the document does not hold (the element's `qty` attribute).
///
/// Composite parents (SPEC §13) combine their children's answers; `choice` is the shopper's choice
/// on their page, and is ignored for other types.
pub fn evaluate_product<'a>(
    config: &StockOptions,
    product: &'a Product,
    requested: Requested,
    choice: &'a Choice,
    locale: Locale,
) -> Availability<'a> {
    #[cfg(feature = "composite")]
    if product.product_type.is_composite() {
        return crate::product_types::evaluate(config, product, requested, choice, locale);
    }
    // Without the `composite` feature, reading refuses composite products (input::COMPOSITE_ELSEWHERE).
    #[cfg(not(feature = "composite"))]
    let _ = choice;
    evaluate_stocked(config, product, requested, locale)
}

/// SPEC §3–9 for a product with stock of its own (simple, virtual, downloadable, and every child).
pub(crate) fn evaluate_stocked<'a>(config: &StockOptions, product: &'a Product, requested: Requested, locale: Locale) -> Availability<'a> {
    let settings = product.settings(config);
    let figures = StockFigures::of(product, &settings);
    let salable = figures.is_salable(&settings);
    let message = storefront_message(&settings, &figures, salable, locale);

    let (qty, errors) = match requested {
        Requested::Invalid => {
            let error = RequestError { code: RequestErrorCode::QtyInvalid, message: locale.text(&Message::QtyInvalid) };
            (None, vec![error])
        }
        Requested::Default | Requested::Qty(_) => {
            let qty = match requested {
                Requested::Qty(q) => q,
                _ => settings.default_request_qty(),
            };
            (Some(qty), check_request(qty, &settings, &figures, locale).errors)
        }
    };
    let verdict = crate::request_check::RequestVerdict { qty: qty.unwrap_or_default(), errors };
    let request_salable = verdict.is_salable();
    let backordered = match qty {
        Some(q) if request_salable => backorder_qty(q, &settings, &figures),
        _ => Qty::ZERO,
    };
    let reason = if salable { verdict.shopper_message().map(str::to_string) } else { None };

    Availability {
        sku: &product.sku,
        is_salable: salable,
        salable_qty: Some(figures.reported_salable_qty(&settings)),
        stock_status: if salable { SourceStatus::InStock } else { SourceStatus::OutOfStock },
        only_x_left: message.only_x_left,
        message,
        request: RequestOutcome {
            qty,
            is_salable: request_salable,
            errors: verdict.errors,
            backorder_qty: Some(backordered),
            notice: notice(backordered, &settings, product.name.as_deref(), locale),
            reason,
            children: None,
            expected_date: None,
        },
        low_stock_sources: low_stock_sources(product, &settings),
        schema_org_availability: schema_org_availability(&settings, &figures, salable),
        variant: None,
        parent: None,
        options: None,
        buildable_qty: None,
        children: None,
        // SPEC §14 needs the document's `today`: `apply_restock` adds them.
        restock: None,
        schema_org_availability_starts: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse;

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
                "restock":null,"schema_org_availability_starts":null}"#,
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
        let out = evaluate_product(&doc.config, &doc.product, Requested::Invalid, &doc.choice, Locale::Fr);
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
