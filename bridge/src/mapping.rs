//! Magento's REST answers → a SPEC §10 input document (SPEC §16; fixtures README §6–7). Pure: no
//! I/O, so every rule here is tested against the fixtures directly.

use crate::config::StockDisplay;
use crate::core_api::{self, Backorders, InputDocument, NotAvailableMessage, Qty, Reservation, SourceItem, SourceStatus, StockOptions};
use crate::magento::wire;
use std::fmt;

/// What one website contributes to every document of it.
#[derive(Clone, Debug, PartialEq)]
pub struct WebsiteContext {
    pub code: String,
    pub website_id: i64,
    /// The store view whose names and stock-item values the documents use.
    pub store_code: String,
    pub stock_id: i64,
    /// The store view's locale, `fr_FR`.
    pub store_locale: Option<String>,
    /// The stock's sources in priority order, disabled ones included.
    pub sources: Vec<AssignedSource>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignedSource {
    pub code: String,
    pub enabled: bool,
}

/// One product's answers, for one website's stock.
#[derive(Clone, Debug)]
pub struct ProductFacts {
    pub product: wire::Product,
    pub stock_item: wire::StockItem,
    /// All the SKU's source items, of every stock (filtered here).
    pub source_items: Vec<wire::SourceItem>,
    /// `get-product-salable-quantity`.
    pub salable_qty: f64,
    /// `is-product-salable`.
    pub is_salable: bool,
}

/// Why no document is published for a SKU.
#[derive(Clone, Debug, PartialEq)]
pub enum MapError {
    /// No such product, or not on this website, or disabled: a 404.
    NotFound(String),
    /// Configurable, bundle, grouped: SPEC §13 is not in the core yet.
    NotSupportedYet { type_id: String },
    /// A `type_id` Magento's MSI does not manage and we do not know.
    UnknownType { type_id: String },
    /// Magento's data cannot make a valid document (an out-of-range number, an unknown enum).
    Invalid(String),
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapError::NotFound(m) => f.write_str(m),
            MapError::NotSupportedYet { type_id } => write!(
                f,
                "{type_id} products are not supported yet: their availability comes from their children (SPEC §13); publish the child SKUs"
            ),
            MapError::UnknownType { type_id } => {
                write!(f, "unknown product type {type_id:?}: only simple, virtual and downloadable products have source items")
            }
            MapError::Invalid(m) => write!(f, "Magento's data cannot be mapped: {m}"),
        }
    }
}

/// Types whose stock MSI manages through source items.
pub const SOURCE_MANAGED: [&str; 3] = ["simple", "virtual", "downloadable"];
/// Types SPEC §13 will cover once the core has it.
pub const COMPOSITE: [&str; 3] = ["configurable", "bundle", "grouped"];

/// Refuses what must not become a document: other types, disabled products, products not on
/// the website. Call it before any MSI endpoint (fixtures README §3).
pub fn check_product(ctx: &WebsiteContext, product: &wire::Product) -> Result<(), MapError> {
    let type_id = product.type_id.as_deref().unwrap_or("");
    if COMPOSITE.contains(&type_id) {
        return Err(MapError::NotSupportedYet { type_id: type_id.to_owned() });
    }
    if !SOURCE_MANAGED.contains(&type_id) {
        return Err(MapError::UnknownType { type_id: type_id.to_owned() });
    }
    if product.status.is_some_and(|s| s.0 == 2) {
        return Err(MapError::NotFound("product is disabled".into()));
    }
    if let Some(ids) = product.website_ids() {
        if !ids.contains(&ctx.website_id) {
            return Err(MapError::NotFound(format!("product is not assigned to website {:?}", ctx.code)));
        }
    }
    Ok(())
}

fn q(v: wire::Num, what: &str) -> Result<Qty, MapError> {
    core_api::qty(v.0).map_err(|e| MapError::Invalid(format!("{what}: {e}")))
}

/// Stock-item values: those whose `use_config_*` flag is set go to `config` (the stock item holds
/// the resolved store-scope value), the others to `overrides` (SPEC §2, §16).
pub fn settings_from_stock_item(item: &wire::StockItem) -> Result<(StockOptions, StockOptions), MapError> {
    let mut config = StockOptions::default();
    let mut overrides = StockOptions::default();
    // A missing flag means "use config": Magento's default for a new product.
    macro_rules! put {
        ($flag:expr, $field:ident, $value:expr) => {{
            let value = $value;
            if $flag.is_none_or(|f: wire::Flag| f.0) {
                config.$field = value;
            } else {
                overrides.$field = value;
            }
        }};
    }
    if let Some(v) = item.manage_stock {
        put!(item.use_config_manage_stock, manage_stock, Some(v.0));
    }
    if let Some(b) = item.backorders {
        let value = match b.0 {
            0 => Backorders::No,
            1 => Backorders::Allow,
            2 => Backorders::AllowNotify,
            other => return Err(MapError::Invalid(format!("stock_item.backorders: {other} is not 0, 1 or 2"))),
        };
        put!(item.use_config_backorders, backorders, Some(value));
    }
    if let Some(v) = item.min_qty {
        put!(item.use_config_min_qty, out_of_stock_threshold, Some(q(v, "stock_item.min_qty")?));
    }
    // null is the config's "no minimum" (`Minsaleqty::fixQty`): 0. An absent key (trimmed
    // response) says nothing.
    if item.use_config_min_sale_qty.is_some() || item.min_sale_qty.is_some() {
        let v = match item.min_sale_qty {
            Some(v) => q(v, "stock_item.min_sale_qty")?,
            None => Qty::ZERO,
        };
        put!(item.use_config_min_sale_qty, min_sale_qty, Some(v));
    }
    if let Some(v) = item.max_sale_qty {
        put!(item.use_config_max_sale_qty, max_sale_qty, Some(q(v, "stock_item.max_sale_qty")?));
    }
    if let Some(v) = item.notify_stock_qty {
        put!(item.use_config_notify_stock_qty, notify_for_quantity_below, Some(q(v, "stock_item.notify_stock_qty")?));
    }
    if let Some(v) = item.enable_qty_increments {
        put!(item.use_config_enable_qty_inc, enable_qty_increments, Some(v.0));
        // The step only when increments are on: the getter says 0 (or false) otherwise.
        if v.0 {
            if let Some(step) = item.qty_increments {
                put!(item.use_config_qty_increments, qty_increments, Some(q(step, "stock_item.qty_increments")?));
            }
        }
    }
    Ok((config, overrides))
}

/// `fr_FR` → `fr`.
pub fn language(locale: &str) -> Option<String> {
    let lang: String = locale.split(['_', '-']).next()?.to_ascii_lowercase();
    (!lang.is_empty() && lang.len() <= 8 && lang.chars().all(|c| c.is_ascii_alphabetic())).then_some(lang)
}

/// The config-only settings REST cannot tell, from the bridge's configuration.
pub fn apply_display(config: &mut StockOptions, display: &StockDisplay) -> Result<(), MapError> {
    let threshold = display.only_x_left_threshold.unwrap_or(0.0);
    config.only_x_left_threshold = Some(core_api::qty(threshold).map_err(|e| MapError::Invalid(format!("only_x_left_threshold: {e}")))?);
    config.display_stock_status = Some(display.display_stock_status.unwrap_or(true));
    config.not_available_message = Some(match display.not_available_message.as_deref() {
        Some("only_x_of_y_available") => NotAvailableMessage::OnlyXOfYAvailable,
        _ => NotAvailableMessage::NotEnoughItems,
    });
    Ok(())
}

/// Builds the document for one SKU on one website.
pub fn build_document(
    ctx: &WebsiteContext,
    facts: &ProductFacts,
    display: &StockDisplay,
    locale: Option<&str>,
) -> Result<InputDocument, MapError> {
    check_product(ctx, &facts.product)?;
    let (mut config, overrides) = settings_from_stock_item(&facts.stock_item)?;
    apply_display(&mut config, display)?;

    // The website's stock's sources only, in priority order; disabled ones kept (SPEC §16).
    let mut sources = Vec::new();
    for assigned in &ctx.sources {
        let Some(item) = facts.source_items.iter().find(|i| i.source_code == assigned.code && i.sku == facts.product.sku) else { continue };
        let status = match item.status.0 {
            1 => SourceStatus::InStock,
            0 => SourceStatus::OutOfStock,
            other => return Err(MapError::Invalid(format!("source item {:?}: status {other} is not 0 or 1", item.source_code))),
        };
        sources.push(SourceItem {
            source_code: item.source_code.clone(),
            quantity: q(item.quantity, "source item quantity")?,
            status,
            source_enabled: assigned.enabled,
            notify_for_quantity_below: None,
        });
    }

    let mut doc = core_api::blank_document();
    doc.config = config;
    doc.product.sku = facts.product.sku.clone();
    doc.product.name = facts.product.name.clone();
    doc.product.qty_uses_decimals = Some(facts.stock_item.is_qty_decimal.is_some_and(|f| f.0));
    doc.product.overrides = overrides;
    doc.product.sources = sources;
    doc.locale = locale.map(str::to_owned).or_else(|| ctx.store_locale.as_deref().and_then(language));

    let reserved = derive_reservation(&doc, facts.is_salable, q(wire::Num(facts.salable_qty), "salable quantity")?);
    if reserved != Qty::ZERO {
        doc.product.reservations.push(Reservation { quantity: reserved, event: None, order_id: None });
    }
    Ok(doc)
}

/// The one reservation (fixtures README §7): with the product salable `R = S − Q + T`; not
/// salable `R = min(0, T − Q)`; stock not managed, none.
pub fn derive_reservation(doc: &InputDocument, salable: bool, salable_qty: Qty) -> Qty {
    let f = core_api::figures(doc);
    if !f.manage_stock {
        return Qty::ZERO;
    }
    let (s, q, t) = (salable_qty.ten_thousandths(), f.on_hand.ten_thousandths(), f.threshold.ten_thousandths());
    let r = if salable { s - q + t } else { (t - q).min(0) };
    Qty::from_ten_thousandths(r)
}
