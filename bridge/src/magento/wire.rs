//! Magento's JSON, as its REST renderer writes it (fixtures README §1): PHP `json_encode` with
//! omitted nulls, integers and floats alike, flags that are `bool` on one key and `0`/`1` on the
//! next. Everything here is tolerant of what varies between versions: extra keys are ignored,
//! numbers may come as strings, flags as bools, ints or strings, `extension_attributes` may be
//! absent, `{}` or `[]`, and `min_sale_qty` may be null.

use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

/// A number as Magento prints it: `100`, `8.5`, `0.16999999999999993`, or a numeric string.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => n.as_f64().map(Num).ok_or_else(|| de::Error::custom("number out of range")),
            Value::String(s) => {
                s.trim().parse::<f64>().map(Num).map_err(|_| de::Error::custom(format!("expected a number, found the string {s:?}")))
            }
            other => Err(de::Error::custom(format!("expected a number, found {}", kind(&other)))),
        }
    }
}

/// A yes/no flag: `true`/`false`, `1`/`0`, or those as strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Flag, D::Error> {
        match Value::deserialize(d)? {
            Value::Bool(b) => Ok(Flag(b)),
            Value::Number(n) if n.as_f64() == Some(0.0) => Ok(Flag(false)),
            Value::Number(n) if n.as_f64() == Some(1.0) => Ok(Flag(true)),
            Value::String(s) => match s.trim() {
                "1" | "true" => Ok(Flag(true)),
                "0" | "false" | "" => Ok(Flag(false)),
                _ => Err(de::Error::custom(format!("expected a flag, found the string {s:?}"))),
            },
            other => Err(de::Error::custom(format!("expected a flag, found {}", kind(&other)))),
        }
    }
}

/// An integer that may come as a string (`"4"`, as filter echoes do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Int(pub i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Int, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Ok(Int(i)),
                (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Int(f as i64)),
                _ => Err(de::Error::custom("expected an integer")),
            },
            Value::String(s) => {
                s.trim().parse::<i64>().map(Int).map_err(|_| de::Error::custom(format!("expected an integer, found the string {s:?}")))
            }
            Value::Bool(b) => Ok(Int(b as i64)),
            other => Err(de::Error::custom(format!("expected an integer, found {}", kind(&other)))),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `StockItemInterface` (`/V1/stockItems/{sku}` and a product's `extension_attributes.stock_item`).
/// Every key is optional: `?fields=` trims responses, and versions differ.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct StockItem {
    /// Stock Status: a composite parent's own flag (SPEC §13.2); without MSI, the product's status.
    pub is_in_stock: Option<Flag>,
    /// Legacy CatalogInventory's quantity: read only when the MSI modules are disabled (SPEC §16.1).
    pub qty: Option<Num>,
    pub is_qty_decimal: Option<Flag>,
    pub use_config_min_qty: Option<Flag>,
    pub min_qty: Option<Num>,
    pub use_config_min_sale_qty: Option<Flag>,
    /// null means "no minimum" (`Minsaleqty::fixQty`).
    pub min_sale_qty: Option<Num>,
    pub use_config_max_sale_qty: Option<Flag>,
    pub max_sale_qty: Option<Num>,
    pub use_config_backorders: Option<Flag>,
    pub backorders: Option<Int>,
    pub use_config_notify_stock_qty: Option<Flag>,
    pub notify_stock_qty: Option<Num>,
    pub use_config_qty_increments: Option<Flag>,
    /// `false` when increments are disabled, in some versions.
    #[serde(deserialize_with = "num_or_false")]
    pub qty_increments: Option<Num>,
    pub use_config_enable_qty_inc: Option<Flag>,
    pub enable_qty_increments: Option<Flag>,
    pub use_config_manage_stock: Option<Flag>,
    pub manage_stock: Option<Flag>,
}

fn num_or_false<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Num>, D::Error> {
    match Value::deserialize(d)? {
        Value::Bool(false) | Value::Null => Ok(None),
        v => Num::deserialize(v).map(Some).map_err(de::Error::custom),
    }
}

/// `ProductInterface`, the keys we read.
#[derive(Clone, Debug, Deserialize)]
pub struct Product {
    pub sku: String,
    #[serde(default)]
    pub name: Option<String>,
    /// 1 enabled, 2 disabled.
    #[serde(default)]
    pub status: Option<Int>,
    #[serde(default)]
    pub type_id: Option<String>,
    #[serde(default)]
    pub extension_attributes: Option<Value>,
    /// `[{attribute_code, value}]`: a configurable child's option values (`size` → `"168"`).
    #[serde(default)]
    pub custom_attributes: Option<Value>,
    /// `[{link_type, linked_product_sku, position, extension_attributes: {qty}}]`: a grouped
    /// product's children (`associated`), among related and up-sell links.
    #[serde(default)]
    pub product_links: Option<Value>,
}

impl Product {
    /// `extension_attributes.website_ids`, when present.
    pub fn website_ids(&self) -> Option<Vec<i64>> {
        let ids = self.extension_attributes.as_ref()?.get("website_ids")?.as_array()?;
        Some(ids.iter().filter_map(|v| Int::deserialize(v.clone()).ok()).map(|i| i.0).collect())
    }

    /// `extension_attributes.stock_item`, when present (absent from `configurable-products/…/children`
    /// and from trimmed responses). `None` also when it cannot be read.
    pub fn stock_item(&self) -> Option<Result<StockItem, String>> {
        let item = self.extension_attributes.as_ref()?.get("stock_item")?;
        if !item.is_object() {
            return None;
        }
        Some(StockItem::deserialize(item.clone()).map_err(|e| format!("stock_item: {e}")))
    }

    /// `extension_attributes.configurable_product_options`, in `position` order; empty when absent.
    pub fn configurable_options(&self) -> Result<Vec<ConfigurableOption>, String> {
        let Some(list) = self.extension_attributes.as_ref().and_then(|e| e.get("configurable_product_options")) else {
            return Ok(Vec::new());
        };
        if list.is_null() {
            return Ok(Vec::new());
        }
        let mut options = Vec::<ConfigurableOption>::deserialize(list.clone()).map_err(|e| format!("configurable_product_options: {e}"))?;
        options.sort_by_key(|o| o.position.map_or(i64::MAX, |p| p.0));
        Ok(options)
    }

    /// A custom attribute's value as text (`"168"`); `None` when absent, null or a list.
    pub fn custom_attribute(&self, code: &str) -> Option<String> {
        let list = self.custom_attributes.as_ref()?.as_array()?;
        let item = list.iter().find(|a| a.get("attribute_code").and_then(Value::as_str) == Some(code))?;
        match item.get("value")? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// The codes of the custom attributes, in order.
    pub fn custom_attribute_codes(&self) -> Vec<String> {
        let list = self.custom_attributes.as_ref().and_then(Value::as_array);
        list.into_iter().flatten().filter_map(|a| a.get("attribute_code").and_then(Value::as_str).map(str::to_owned)).collect()
    }
}

impl Product {
    /// `extension_attributes.bundle_product_options` (`Bundle\Api\Data\OptionInterface`), in
    /// `position` order, each option's links in theirs; empty when absent.
    pub fn bundle_options(&self) -> Result<Vec<BundleOption>, String> {
        let Some(list) = self.extension_attributes.as_ref().and_then(|e| e.get("bundle_product_options")) else {
            return Ok(Vec::new());
        };
        if list.is_null() {
            return Ok(Vec::new());
        }
        let mut options = Vec::<BundleOption>::deserialize(list.clone()).map_err(|e| format!("bundle_product_options: {e}"))?;
        options.sort_by_key(|o| o.position.map_or(i64::MAX, |p| p.0));
        for o in &mut options {
            o.product_links.sort_by_key(|l| l.position.map_or(i64::MAX, |p| p.0));
        }
        Ok(options)
    }

    /// `product_links` of type `associated` (a grouped product's children, `ProductLinkInterface`),
    /// in `position` order; empty when absent.
    pub fn associated_links(&self) -> Result<Vec<ProductLink>, String> {
        let Some(list) = self.product_links.as_ref().filter(|l| !l.is_null()) else {
            return Ok(Vec::new());
        };
        let links = Vec::<ProductLink>::deserialize(list.clone()).map_err(|e| format!("product_links: {e}"))?;
        let mut links: Vec<ProductLink> = links.into_iter().filter(|l| l.link_type == "associated").collect();
        links.sort_by_key(|l| l.position.map_or(i64::MAX, |p| p.0));
        Ok(links)
    }
}

/// One of a bundle's options (`Bundle\Api\Data\OptionInterface`).
#[derive(Clone, Debug, Deserialize)]
pub struct BundleOption {
    pub option_id: Int,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub required: Option<Flag>,
    #[serde(default)]
    pub position: Option<Int>,
    #[serde(default)]
    pub product_links: Vec<BundleLink>,
}

/// One selection of a bundle option (`Bundle\Api\Data\LinkInterface`): `id` is the selection id.
#[derive(Clone, Debug, Deserialize)]
pub struct BundleLink {
    #[serde(default)]
    pub id: Option<Int>,
    pub sku: String,
    #[serde(default)]
    pub qty: Option<Num>,
    #[serde(default)]
    pub position: Option<Int>,
    #[serde(default)]
    pub can_change_quantity: Option<Flag>,
}

/// One of `product_links` (`Catalog\Api\Data\ProductLinkInterface`); a grouped child's default
/// quantity is `extension_attributes.qty`.
#[derive(Clone, Debug, Deserialize)]
pub struct ProductLink {
    #[serde(default)]
    pub link_type: String,
    pub linked_product_sku: String,
    #[serde(default)]
    pub position: Option<Int>,
    #[serde(default)]
    pub extension_attributes: Option<Value>,
}

impl ProductLink {
    /// The grouped child's default quantity (`extension_attributes.qty`), 0 when absent.
    pub fn default_qty(&self) -> Result<f64, String> {
        match self.extension_attributes.as_ref().and_then(|e| e.get("qty")) {
            None | Some(Value::Null) => Ok(0.0),
            Some(v) => Num::deserialize(v.clone()).map(|n| n.0).map_err(|e| format!("product_links[{}].qty: {e}", self.linked_product_sku)),
        }
    }
}

/// `CatalogInventory\Api\Data\StockStatusInterface` (`/V1/stockStatuses/{sku}`), legacy stock.
#[derive(Clone, Debug, Deserialize)]
pub struct StockStatus {
    #[serde(default)]
    pub qty: Option<Num>,
    pub stock_status: Flag,
}

/// One of a configurable's `extension_attributes.configurable_product_options`.
#[derive(Clone, Debug, Deserialize)]
pub struct ConfigurableOption {
    pub attribute_id: Int,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub position: Option<Int>,
    #[serde(default)]
    pub values: Vec<OptionValueIndex>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct OptionValueIndex {
    pub value_index: Int,
}

/// `GET /V1/products/attributes/{code}/options`: `[{label, value}]`, the first one `{" ", ""}`.
#[derive(Clone, Debug, Deserialize)]
pub struct AttributeOption {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub value: Option<Value>,
}

impl AttributeOption {
    /// The option id as text (`"168"`), numbers and strings alike.
    pub fn id(&self) -> Option<String> {
        match self.value.as_ref()? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// `SourceItemInterface`.
#[derive(Clone, Debug, Deserialize)]
pub struct SourceItem {
    pub sku: String,
    pub source_code: String,
    pub quantity: Num,
    /// 1 in stock, 0 out of stock.
    pub status: Int,
}

/// `SourceInterface`, the keys we read.
#[derive(Clone, Debug, Deserialize)]
pub struct Source {
    pub source_code: String,
    #[serde(default)]
    pub enabled: Option<Flag>,
    #[serde(default)]
    pub name: Option<String>,
    // The address a pickup location shows (SourceInterface; `?` fields are omitted when null).
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub country_id: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub latitude: Option<Num>,
    #[serde(default)]
    pub longitude: Option<Num>,
    /// In-store pickup (SPEC §17): added to every source `SourceRepositoryInterface::get`/`getList`
    /// return, which `get-sources-assigned-to-stock-ordered-by-priority` uses, by
    /// `InventoryInStorePickup/Plugin/InventoryApi/SourceRepository/LoadInStorePickupOnGet{,List}Plugin`
    /// (→ `Model/Source/InitPickupLocationExtensionAttributes`). Absent without that module.
    #[serde(default)]
    pub extension_attributes: Option<SourceExtension>,
}

/// `SourceExtensionInterface` as InventoryInStorePickup declares it (`etc/extension_attributes.xml`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SourceExtension {
    #[serde(default)]
    pub is_pickup_location_active: Option<Flag>,
    #[serde(default)]
    pub frontend_name: Option<String>,
    #[serde(default)]
    pub frontend_description: Option<String>,
}

/// `{items, search_criteria, total_count}`.
#[derive(Clone, Debug, Deserialize)]
pub struct SearchResult<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    #[serde(default)]
    pub total_count: Option<Int>,
}

/// `StockInterface`.
#[derive(Clone, Debug, Deserialize)]
pub struct Stock {
    pub stock_id: Int,
}

/// `WebsiteInterface`.
#[derive(Clone, Debug, Deserialize)]
pub struct Website {
    pub id: Int,
    pub code: String,
    /// The website's default store group (`store/storeGroups`), whose default store view speaks
    /// for it (SPEC §16.1).
    #[serde(default)]
    pub default_group_id: Option<Int>,
}

/// `GroupInterface` (`/V1/store/storeGroups`), the keys we read.
#[derive(Clone, Debug, Deserialize)]
pub struct StoreGroup {
    pub id: Int,
    #[serde(default)]
    pub website_id: Option<Int>,
    pub default_store_id: Int,
}

/// `StoreConfigInterface`, the keys we read.
#[derive(Clone, Debug, Deserialize)]
pub struct StoreConfig {
    #[serde(default)]
    pub id: Option<Int>,
    pub code: String,
    pub website_id: Int,
    #[serde(default)]
    pub locale: Option<String>,
}

/// `ProductSalableResultInterface` (`is-product-salable-for-requested-qty`).
#[derive(Clone, Debug, Deserialize)]
pub struct SalableResult {
    pub salable: Flag,
    #[serde(default)]
    pub errors: Vec<SalabilityError>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct SalabilityError {
    pub code: String,
    #[serde(default)]
    pub message: String,
}

/// One item of `export-stock-salable-qty`.
#[derive(Clone, Debug, Deserialize)]
pub struct ExportItem {
    pub sku: String,
    pub qty: Num,
    pub is_salable: Flag,
}

/// Magento's error body: `{message, parameters?, …}` with `%1` / `%name` placeholders.
#[derive(Clone, Debug, Deserialize)]
pub struct ErrorBody {
    pub message: String,
    #[serde(default)]
    pub parameters: Option<Value>,
}

impl ErrorBody {
    /// The message with its placeholders filled in.
    pub fn rendered(&self) -> String {
        let mut text = self.message.clone();
        match &self.parameters {
            Some(Value::Array(list)) => {
                for (i, v) in list.iter().enumerate().rev() {
                    text = text.replace(&format!("%{}", i + 1), &plain(v));
                }
            }
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    text = text.replace(&format!("%{k}"), &plain(v));
                }
            }
            _ => {}
        }
        text
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_scalars() {
        let item: StockItem = serde_json::from_str(
            r#"{"use_config_min_sale_qty":1,"min_sale_qty":null,"backorders":"2","qty_increments":false,"use_config_backorders":"0","min_qty":"-20.0000","extension_attributes":{}}"#,
        )
        .unwrap();
        assert_eq!(item.use_config_min_sale_qty, Some(Flag(true)));
        assert_eq!(item.min_sale_qty, None);
        assert_eq!(item.backorders, Some(Int(2)));
        assert_eq!(item.qty_increments, None);
        assert_eq!(item.use_config_backorders, Some(Flag(false)));
        assert_eq!(item.min_qty, Some(Num(-20.0)));
        assert!(serde_json::from_str::<Flag>("2").is_err());
        assert!(serde_json::from_str::<Num>(r#""ten""#).is_err());
    }

    #[test]
    fn error_bodies_render_their_parameters() {
        let e: ErrorBody =
            serde_json::from_str(r#"{"message":"The Product with the \"%1\" SKU doesn't exist.","parameters":["X"]}"#).unwrap();
        assert_eq!(e.rendered(), "The Product with the \"X\" SKU doesn't exist.");
        let e: ErrorBody =
            serde_json::from_str(r#"{"message":"Source with code \"%value\" does not exist.","parameters":{"value":"rome"}}"#).unwrap();
        assert_eq!(e.rendered(), "Source with code \"rome\" does not exist.");
    }

    #[test]
    fn extension_attributes_may_be_an_empty_array() {
        let p: Product = serde_json::from_str(r#"{"sku":"A","extension_attributes":[]}"#).unwrap();
        assert!(p.stock_item().is_none());
        assert!(p.website_ids().is_none());
    }
}
