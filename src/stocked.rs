//! SPEC §3–9 for one product with stock of its own: simple, virtual, downloadable, and every child
//! of a composite product.

use crate::backorder::{backorder_qty, notice};
use crate::document::{Product, SourceStatus};
use crate::i18n::{Locale, Message};
use crate::low_stock::low_stock_sources;
use crate::outcome::{Availability, RequestOutcome, Requested};
use crate::quantity::Qty;
use crate::request_check::{check_request, RequestError, RequestErrorCode};
use crate::salable_qty::StockFigures;
use crate::settings::StockOptions;
use crate::storefront_message::{schema_org_availability, storefront_message};

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
        #[cfg(feature = "pickup")]
        pickup: None,
    }
}
