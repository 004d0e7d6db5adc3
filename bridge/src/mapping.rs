//! Magento's REST answers → a SPEC §10 input document (SPEC §16; fixtures README §6–7). Pure: no
//! I/O, so every rule here is tested against the fixtures directly.

use crate::core_api::{
    self, Backorders, BundleOption, BundleSelection, InputDocument, Product, ProductType, Qty, Reservation, SourceItem, SourceStatus,
    StockOptions,
};
use crate::magento::wire;
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

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
    /// MSI, or legacy CatalogInventory when the store runs without the MSI modules.
    pub inventory: Inventory,
}

/// Which stock Magento keeps (SPEC §16.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inventory {
    /// Multi-Source Inventory: source items, stocks, reservations (`/V1/inventory/*`).
    Msi,
    /// The MSI modules are disabled: legacy CatalogInventory's stock item (`qty`, `is_in_stock`),
    /// one source `default`, no reservations (stock is deducted when an order is placed).
    Legacy,
}

impl Inventory {
    pub fn name(self) -> &'static str {
        match self {
            Inventory::Msi => "msi",
            Inventory::Legacy => "legacy",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Inventory::Msi => "Multi-Source Inventory (MSI)",
            Inventory::Legacy => "legacy CatalogInventory (the MSI modules are disabled)",
        }
    }
}

/// The one source of a store without MSI (`Magento\InventoryApi`'s default source code).
pub const LEGACY_SOURCE: &str = "default";

#[derive(Clone, Debug, PartialEq)]
pub struct AssignedSource {
    pub code: String,
    pub enabled: bool,
    /// The store shoppers may pick up from, when the source is an active pickup location (SPEC §17).
    pub pickup: Option<salable::PickupLocation>,
}

/// The source as a pickup location (SPEC §17), or `None` when it is not an active one. The
/// default source never is (`DefaultSourceUseForPickupLocationValidator`), whatever the data says.
/// The shopper's name is `frontend_name`, else the source's `name` (Magento fills an empty
/// `frontend_name` with the name on save: shared/research/in-store-pickup.md). Coordinates that
/// are absent, alone or out of range are left out (Magento writes 0,0 for "unknown"; a store at
/// 0,0 is in the Gulf of Guinea): the store stays, without a distance.
pub fn pickup_location(source: &wire::Source) -> Option<salable::PickupLocation> {
    let ext = source.extension_attributes.as_ref()?;
    if source.source_code == LEGACY_SOURCE || !ext.is_pickup_location_active.is_some_and(|f| f.0) {
        return None;
    }
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let name = text(&ext.frontend_name).or_else(|| text(&source.name))?;
    let (latitude, longitude) = match (source.latitude, source.longitude) {
        (Some(lat), Some(long))
            if (-90.0..=90.0).contains(&lat.0) && (-180.0..=180.0).contains(&long.0) && (lat.0, long.0) != (0.0, 0.0) =>
        {
            (Some(lat.0), Some(long.0))
        }
        _ => (None, None),
    };
    Some(salable::PickupLocation {
        name,
        description: text(&ext.frontend_description),
        street: text(&source.street),
        city: text(&source.city),
        postcode: text(&source.postcode),
        region: text(&source.region),
        country_id: text(&source.country_id),
        phone: text(&source.phone),
        latitude,
        longitude,
    })
}

/// One product's answers, for one website's stock.
#[derive(Clone, Debug)]
pub struct ProductFacts {
    pub product: wire::Product,
    pub stock_item: wire::StockItem,
    /// All the SKU's source items, of every stock (filtered here); without MSI, the one
    /// [`legacy_source_items`] makes of the stock item.
    pub source_items: Vec<wire::SourceItem>,
    pub salability: Salability,
}

/// What Magento says of a product's stock beyond its sources.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Salability {
    /// `get-product-salable-quantity` (or `export-stock-salable-qty`'s `qty`) and `is-product-salable`.
    Msi { salable_qty: f64, is_salable: bool },
    /// Legacy CatalogInventory: no reservations exist.
    Legacy,
}

/// A store without MSI: the stock item as the one source `default` (SPEC §16.1): its `qty` and
/// `is_in_stock`. A stock item without `qty` has no document.
pub fn legacy_source_items(sku: &str, item: &wire::StockItem) -> Result<Vec<wire::SourceItem>, MapError> {
    let qty = item.qty.ok_or_else(|| MapError::Invalid(format!("the stock item of {sku:?} has no qty")))?;
    let status = wire::Int(i64::from(item.is_in_stock.is_some_and(|f| f.0)));
    Ok(vec![wire::SourceItem { sku: sku.to_owned(), source_code: LEGACY_SOURCE.to_owned(), quantity: qty, status }])
}

/// A configurable product's answers, for one website's stock (SPEC §13.3).
#[derive(Clone, Debug)]
pub struct ConfigurableFacts {
    pub product: wire::Product,
    /// The parent's own stock item: its Stock Status and settings.
    pub stock_item: wire::StockItem,
    /// Each child (`configurable-products/{sku}/children`), with its stock item, source items and
    /// salability, as for a simple product.
    pub children: Vec<ProductFacts>,
    /// Attribute code → option id → the store view's label (`size` → `168` → `S`); empty when
    /// Magento would not tell (then the ids are published).
    pub labels: HashMap<String, HashMap<String, String>>,
}

/// A bundle's answers (SPEC §13.4, §16.1 item 8): its options and selections as
/// `extension_attributes.bundle_product_options` gives them, each child read like a configurable's.
#[derive(Clone, Debug)]
pub struct BundleFacts {
    pub product: wire::Product,
    pub stock_item: wire::StockItem,
    pub options: Vec<wire::BundleOption>,
    /// Each distinct child once.
    pub children: Vec<ProductFacts>,
}

/// A grouped product's answers (SPEC §13.5): its `associated` links and each child.
#[derive(Clone, Debug)]
pub struct GroupedFacts {
    pub product: wire::Product,
    pub stock_item: wire::StockItem,
    pub links: Vec<wire::ProductLink>,
    pub children: Vec<ProductFacts>,
}

/// What a document is built from.
#[derive(Clone, Debug)]
pub enum Facts {
    /// simple, virtual, downloadable.
    Simple(ProductFacts),
    Configurable(ConfigurableFacts),
    Bundle(BundleFacts),
    Grouped(GroupedFacts),
}

impl Facts {
    /// The children whose verdicts `check` compares with Magento's (a simple product is its own).
    pub fn source_managed(&self) -> Vec<&ProductFacts> {
        match self {
            Facts::Simple(f) => vec![f],
            Facts::Configurable(c) => c.children.iter().collect(),
            Facts::Bundle(b) => b.children.iter().collect(),
            Facts::Grouped(g) => g.children.iter().collect(),
        }
    }
}

/// Why no document is published for a SKU.
#[derive(Clone, Debug, PartialEq)]
pub enum MapError {
    /// No such product, or not on this website, or disabled: a 404.
    NotFound(String),
    /// A `type_id` Magento's MSI does not manage and we do not know.
    UnknownType { type_id: String },
    /// Magento's data cannot make a valid document (an out-of-range number, an unknown enum).
    Invalid(String),
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapError::NotFound(m) => f.write_str(m),
            MapError::UnknownType { type_id } => {
                write!(f, "unknown product type {type_id:?}: only simple, virtual and downloadable products have source items")
            }
            MapError::Invalid(m) => write!(f, "Magento's data cannot be mapped: {m}"),
        }
    }
}

/// Types whose stock MSI manages through source items.
pub const SOURCE_MANAGED: [&str; 3] = ["simple", "virtual", "downloadable"];

/// The core's type of a Magento `type_id` the bridge publishes.
pub fn product_type(type_id: &str) -> Option<ProductType> {
    Some(match type_id {
        "simple" => ProductType::Simple,
        "virtual" => ProductType::Virtual,
        "downloadable" => ProductType::Downloadable,
        "configurable" => ProductType::Configurable,
        "bundle" => ProductType::Bundle,
        "grouped" => ProductType::Grouped,
        _ => return None,
    })
}

/// Refuses what must not become a document: other types, disabled products, products not on
/// the website. Call it before any MSI endpoint (fixtures README §3).
pub fn check_product(ctx: &WebsiteContext, product: &wire::Product) -> Result<(), MapError> {
    let type_id = product.type_id.as_deref().unwrap_or("");
    if product_type(type_id).is_none() {
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

/// Whether the product is sold on the website: enabled (`status` 1) and assigned to it (when the
/// answer says). A configurable child's `enabled` (SPEC §13.2).
pub fn on_website(ctx: &WebsiteContext, product: &wire::Product) -> bool {
    product.status.is_none_or(|s| s.0 != 2) && product.website_ids().is_none_or(|ids| ids.contains(&ctx.website_id))
}

fn q(v: wire::Num, what: &str) -> Result<Qty, MapError> {
    core_api::qty(v.0).map_err(|e| MapError::Invalid(format!("{what}: {e}")))
}

/// The settings Magento's stock items give, per product (see [`settings_from_stock_item`]): the
/// configuration cannot set them. Every other setting of the core is one REST cannot tell, which
/// the configuration gives ([`apply_display`]).
pub const FROM_STOCK_ITEM: [&str; 8] = [
    "manage_stock",
    "backorders",
    "out_of_stock_threshold",
    "min_sale_qty",
    "max_sale_qty",
    "notify_for_quantity_below",
    "enable_qty_increments",
    "qty_increments",
];

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

/// What every document states when the configuration does not: Magento's defaults of the three
/// settings the bridge has always written out (Only X Left off, stock status shown, "Not enough
/// items for sale"). A setting not listed here is written only when configured, so the core's
/// default applies to it otherwise.
const STATED_DEFAULTS: &str = r#"{"only_x_left_threshold":0,"display_stock_status":true,"not_available_message":"not_enough_items"}"#;

/// The settings REST cannot tell, from the bridge's configuration (`display`, read by the core's own
/// declaration, [`crate::stock_settings`]), over [`STATED_DEFAULTS`]. No setting is named here.
pub fn apply_display(config: &mut StockOptions, display: &StockOptions) -> Result<(), MapError> {
    static DEFAULTS: LazyLock<StockOptions> = LazyLock::new(|| serde_json::from_str(STATED_DEFAULTS).expect("the core's own names"));
    let layered = core_api::overlaid(config, &DEFAULTS).and_then(|c| core_api::overlaid(&c, display));
    *config = layered.map_err(|e| MapError::Invalid(format!("settings: {e}")))?;
    Ok(())
}

/// Builds the document for one SKU on one website.
pub fn build_document(
    ctx: &WebsiteContext,
    facts: &ProductFacts,
    display: &StockOptions,
    locale: Option<&str>,
) -> Result<InputDocument, MapError> {
    check_product(ctx, &facts.product)?;
    let type_id = facts.product.type_id.as_deref().unwrap_or("");
    if !SOURCE_MANAGED.contains(&type_id) {
        return Err(MapError::Invalid(format!("{type_id} product {:?} has no source items", facts.product.sku)));
    }
    let mut doc = source_managed(ctx, facts)?;
    apply_display(&mut doc.config, display)?;
    doc.locale = locale.map(str::to_owned).or_else(|| ctx.store_locale.as_deref().and_then(language));
    Ok(doc)
}

/// A source-managed product's document without display settings or locale: settings, the
/// website's sources, the derived reservation.
fn source_managed(ctx: &WebsiteContext, facts: &ProductFacts) -> Result<InputDocument, MapError> {
    let (config, overrides) = settings_from_stock_item(&facts.stock_item)?;

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
            pickup: assigned.pickup.clone(),
        });
    }

    let mut doc = core_api::blank_document();
    doc.config = config;
    doc.product.product_type = facts.product.type_id.as_deref().and_then(product_type).unwrap_or_default();
    doc.product.sku = facts.product.sku.clone();
    doc.product.name = facts.product.name.clone();
    doc.product.qty_uses_decimals = Some(facts.stock_item.is_qty_decimal.is_some_and(|f| f.0));
    doc.product.overrides = overrides;
    doc.product.sources = sources;

    if let Salability::Msi { salable_qty, is_salable } = facts.salability {
        let reserved = derive_reservation(&doc, is_salable, q(wire::Num(salable_qty), "salable quantity")?);
        if reserved != Qty::ZERO {
            doc.product.reservations.push(Reservation { quantity: reserved, event: None, order_id: None });
        }
    }
    Ok(doc)
}

/// The attribute codes of a configurable's options, in `position` order. The options name an
/// `attribute_id` only; the code is the custom attribute whose values on the children are among
/// the option's `value_index` ids (option ids are unique across attributes), else the one named
/// like the option's label (`Size` → `size`).
pub fn configurable_attributes(parent: &wire::Product, children: &[wire::Product]) -> Result<Vec<String>, MapError> {
    let options = parent.configurable_options().map_err(MapError::Invalid)?;
    let mut candidates: Vec<String> = Vec::new();
    for c in children {
        for code in c.custom_attribute_codes() {
            if !candidates.contains(&code) {
                candidates.push(code);
            }
        }
    }
    let mut codes = Vec::new();
    for o in &options {
        let ids: Vec<String> = o.values.iter().map(|v| v.value_index.0.to_string()).collect();
        let by_values = candidates.iter().find(|code| {
            !codes.contains(*code)
                && !ids.is_empty()
                && children.iter().all(|c| c.custom_attribute(code).is_some_and(|v| ids.contains(&v.trim().to_owned())))
        });
        let by_label = || {
            let named = o.label.as_deref()?.trim().to_lowercase().replace(' ', "_");
            candidates.iter().find(|code| **code == named && !codes.contains(*code))
        };
        match by_values.or_else(by_label) {
            Some(code) => codes.push(code.clone()),
            None if children.is_empty() => {}
            None => {
                return Err(MapError::Invalid(format!(
                    "{:?}: no child attribute matches configurable option {} ({:?})",
                    parent.sku,
                    o.attribute_id.0,
                    o.label.as_deref().unwrap_or("")
                )))
            }
        }
    }
    Ok(codes)
}

/// Moves into `overrides` every stock-item value of a child's `config` that the parent's `config`
/// does not hold: a child is evaluated under the parent document's `config` (SPEC §13.2), so its
/// effective settings stay its own.
fn relative_to(parent: &StockOptions, child_config: &StockOptions, overrides: &mut StockOptions) {
    macro_rules! keep {
        ($($field:ident),*) => {$(
            if overrides.$field.is_none() && child_config.$field.is_some() && child_config.$field != parent.$field {
                overrides.$field = child_config.$field;
            }
        )*};
    }
    keep!(
        manage_stock,
        backorders,
        out_of_stock_threshold,
        min_sale_qty,
        max_sale_qty,
        notify_for_quantity_below,
        enable_qty_increments,
        qty_increments
    );
}

/// Builds a configurable product's document (SPEC §13.3): the parent's Stock Status, settings and
/// `enabled`; each child mapped exactly as a simple product of the website, with its attribute
/// values (the store view's option labels where Magento gave them, else the option ids).
pub fn build_configurable(
    ctx: &WebsiteContext,
    facts: &ConfigurableFacts,
    display: &StockOptions,
    locale: Option<&str>,
) -> Result<InputDocument, MapError> {
    check_product(ctx, &facts.product)?;
    let (mut config, overrides) = settings_from_stock_item(&facts.stock_item)?;
    apply_display(&mut config, display)?;
    let child_products: Vec<wire::Product> = facts.children.iter().map(|c| c.product.clone()).collect();
    let codes = configurable_attributes(&facts.product, &child_products)?;

    let mut children = Vec::new();
    for child in &facts.children {
        if children.iter().any(|c: &Product| c.sku == child.product.sku) {
            continue;
        }
        let mut product = child_product(ctx, &config, &facts.product, child)?;
        for code in &codes {
            if let Some(id) = child.product.custom_attribute(code) {
                let id = id.trim().to_owned();
                let label = facts.labels.get(code).and_then(|l| l.get(&id)).cloned().unwrap_or(id);
                product.attributes.push((code.clone(), label));
            }
        }
        children.push(product);
    }
    let mut doc = composite_parent(ctx, &facts.product, &facts.stock_item, ProductType::Configurable, config, overrides, locale);
    doc.product.children = children;
    Ok(doc)
}

/// A child of a composite product, mapped exactly as a simple product of the website, with the
/// stock-item values the parent's `config` does not hold as its own overrides, and `enabled`.
fn child_product(
    ctx: &WebsiteContext,
    parent_config: &StockOptions,
    parent: &wire::Product,
    child: &ProductFacts,
) -> Result<Product, MapError> {
    let type_id = child.product.type_id.as_deref().unwrap_or("simple");
    if !SOURCE_MANAGED.contains(&type_id) {
        return Err(MapError::Invalid(format!("child {:?} of {:?} is a {type_id} product", child.product.sku, parent.sku)));
    }
    let doc = source_managed(ctx, child)?;
    let mut product = doc.product;
    relative_to(parent_config, &doc.config, &mut product.overrides);
    product.enabled = on_website(ctx, &child.product);
    Ok(product)
}

/// A composite parent's document before its children (SPEC §13.2): the parent's settings, its
/// Stock Status as `stock_flag`, `enabled`, no sources.
fn composite_parent(
    ctx: &WebsiteContext,
    product: &wire::Product,
    stock_item: &wire::StockItem,
    product_type: ProductType,
    config: StockOptions,
    overrides: StockOptions,
    locale: Option<&str>,
) -> InputDocument {
    let mut doc = core_api::blank_document();
    doc.config = config;
    doc.product.product_type = product_type;
    doc.product.sku = product.sku.clone();
    doc.product.name = product.name.clone();
    doc.product.overrides = overrides;
    doc.product.sources = Vec::new();
    doc.product.enabled = on_website(ctx, product);
    // Magento's Stock Status of the parent; a stock item without the key says nothing.
    doc.product.stock_flag = if stock_item.is_in_stock.is_some_and(|f| !f.0) { SourceStatus::OutOfStock } else { SourceStatus::InStock };
    doc.locale = locale.map(str::to_owned).or_else(|| ctx.store_locale.as_deref().and_then(language));
    doc
}

fn child_facts<'a>(children: &'a [ProductFacts], parent: &wire::Product, sku: &str) -> Result<&'a ProductFacts, MapError> {
    children
        .iter()
        .find(|c| c.product.sku == sku || c.product.sku.eq_ignore_ascii_case(sku))
        .ok_or_else(|| MapError::Invalid(format!("{:?} links to {sku:?}, which Magento did not return", parent.sku)))
}

/// Builds a bundle's document (SPEC §13.4, §16.1 item 8): each option (`option_id`, `title`,
/// `required`) with its selections (`id`, `qty`, `can_change_quantity`) and their children.
pub fn build_bundle(
    ctx: &WebsiteContext,
    facts: &BundleFacts,
    display: &StockOptions,
    locale: Option<&str>,
) -> Result<InputDocument, MapError> {
    check_product(ctx, &facts.product)?;
    let (mut config, overrides) = settings_from_stock_item(&facts.stock_item)?;
    apply_display(&mut config, display)?;
    let mut options = Vec::new();
    for o in &facts.options {
        let mut selections = Vec::new();
        for link in &o.product_links {
            let child = child_facts(&facts.children, &facts.product, &link.sku)?;
            let id = link.id.map(|i| i.0.to_string()).ok_or_else(|| {
                MapError::Invalid(format!("{:?}: bundle option {} has a selection without an id", facts.product.sku, o.option_id.0))
            })?;
            // Magento's selection_qty: 1 when unset.
            let qty = match link.qty {
                Some(v) if v.0 > 0.0 => q(v, "bundle selection qty")?,
                _ => Qty::ONE,
            };
            selections.push(BundleSelection {
                id,
                qty,
                can_change_qty: link.can_change_quantity.is_some_and(|f| f.0),
                child: child_product(ctx, &config, &facts.product, child)?,
            });
        }
        options.push(BundleOption {
            id: o.option_id.0.to_string(),
            title: o.title.clone(),
            required: o.required.is_some_and(|f| f.0),
            selections,
        });
    }
    let mut doc = composite_parent(ctx, &facts.product, &facts.stock_item, ProductType::Bundle, config, overrides, locale);
    doc.product.options = options;
    Ok(doc)
}

/// Builds a grouped product's document (SPEC §13.5): its `associated` children in `position`
/// order, each with its `default_qty` (`extension_attributes.qty`).
pub fn build_grouped(
    ctx: &WebsiteContext,
    facts: &GroupedFacts,
    display: &StockOptions,
    locale: Option<&str>,
) -> Result<InputDocument, MapError> {
    check_product(ctx, &facts.product)?;
    let (mut config, overrides) = settings_from_stock_item(&facts.stock_item)?;
    apply_display(&mut config, display)?;
    let mut children: Vec<Product> = Vec::new();
    for link in &facts.links {
        if children.iter().any(|c| c.sku == link.linked_product_sku) {
            continue;
        }
        let child = child_facts(&facts.children, &facts.product, &link.linked_product_sku)?;
        let mut product = child_product(ctx, &config, &facts.product, child)?;
        let default_qty = link.default_qty().map_err(MapError::Invalid)?;
        product.default_qty = q(wire::Num(default_qty.max(0.0)), "grouped default qty")?;
        children.push(product);
    }
    let mut doc = composite_parent(ctx, &facts.product, &facts.stock_item, ProductType::Grouped, config, overrides, locale);
    doc.product.children = children;
    Ok(doc)
}

/// Either kind of document.
pub fn build(ctx: &WebsiteContext, facts: &Facts, display: &StockOptions, locale: Option<&str>) -> Result<InputDocument, MapError> {
    match facts {
        Facts::Simple(f) => build_document(ctx, f, display, locale),
        Facts::Configurable(f) => build_configurable(ctx, f, display, locale),
        Facts::Bundle(f) => build_bundle(ctx, f, display, locale),
        Facts::Grouped(f) => build_grouped(ctx, f, display, locale),
    }
}

/// The one reservation (fixtures README §7): with the product salable `R = S − Q + T`; not
/// salable `R = min(0, T − Q)`; stock not managed, none.
pub fn derive_reservation(doc: &InputDocument, salable: bool, salable_qty: Qty) -> Qty {
    let (f, settings) = core_api::figures(doc);
    if !settings.manage_stock {
        return Qty::ZERO;
    }
    let (q, t) = (f.on_hand, f.threshold);
    if salable {
        salable_qty - q + t
    } else {
        (t - q).min(Qty::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the mapping can fill from a stock item is in [`FROM_STOCK_ITEM`], and no other:
    /// the configuration refuses exactly these.
    #[test]
    fn from_stock_item_lists_the_keys_a_stock_item_gives() {
        let all_config: wire::StockItem = serde_json::from_value(serde_json::json!({
            "manage_stock": true, "backorders": 1, "min_qty": 2, "min_sale_qty": 1, "max_sale_qty": 50,
            "notify_stock_qty": 3, "enable_qty_increments": true, "qty_increments": 2, "is_qty_decimal": false,
        }))
        .unwrap();
        let (config, overrides) = settings_from_stock_item(&all_config).unwrap();
        assert_eq!(overrides, StockOptions::default(), "no use_config_* flag: every value is the config's");
        let mut keys: Vec<String> = core_api::set_settings(&config).keys().cloned().collect();
        let mut listed: Vec<String> = FROM_STOCK_ITEM.iter().map(|k| k.to_string()).collect();
        keys.sort();
        listed.sort();
        assert_eq!(keys, listed);
    }

    #[test]
    fn display_settings_go_over_the_stated_defaults_and_the_stock_item() {
        let q = |v: f64| core_api::qty(v).unwrap();
        let from_item = StockOptions { min_sale_qty: Some(q(2.0)), ..Default::default() };
        let mut config = from_item.clone();
        apply_display(&mut config, &StockOptions::default()).unwrap();
        assert_eq!(
            core_api::document_json(&InputDocument { config: config.clone(), ..core_api::blank_document() }).split(",\"product\"").next(),
            Some(
                r#"{"config":{"min_sale_qty":2,"only_x_left_threshold":0,"display_stock_status":true,"not_available_message":"not_enough_items"}"#
            ),
            "show_out_of_stock is written only when configured"
        );
        let display = StockOptions {
            only_x_left_threshold: Some(q(2.5)),
            show_out_of_stock: Some(true),
            not_available_message: Some(core_api::NotAvailableMessage::OnlyXOfYAvailable),
            ..Default::default()
        };
        let mut config = from_item;
        apply_display(&mut config, &display).unwrap();
        assert_eq!(config.min_sale_qty, Some(q(2.0)));
        assert_eq!(config.only_x_left_threshold, Some(q(2.5)));
        assert_eq!(config.display_stock_status, Some(true));
        assert_eq!(config.show_out_of_stock, Some(true));
        assert_eq!(config.not_available_message, Some(core_api::NotAvailableMessage::OnlyXOfYAvailable));
    }
}
