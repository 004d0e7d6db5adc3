//! The GET routes the fake knows and the ACL resource each needs, as the modules' `etc/webapi.xml`
//! declare them (fixtures README §4's table; `Catalog`, `Bundle`, `CatalogInventory`, `Store` from
//! magento/magento2, the `Inventory*Api` modules from magento/inventory). The store routes and
//! `stockStatuses` are `anonymous` in their `webapi.xml`, but `WebapiSecurity` (`etc/di.xml`,
//! `AnonymousResourceSecurity`) keeps them behind `Magento_Backend::store` /
//! `Magento_CatalogInventory::cataloginventory` unless "Allow Anonymous Guest Access" is on (off by
//! default). A path no route matches is a 404 before any credential is checked
//! (`Webapi/Controller/Rest::processApiRequest` matches the route first).

/// One matched route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub resource: &'static str,
    /// Declared by an MSI module (`magento/inventory`): absent when MSI is disabled.
    pub msi: bool,
}

const PRODUCTS: &str = "Magento_Catalog::products";
const CATALOG: &str = "Magento_Catalog::catalog";
const ATTRIBUTES: &str = "Magento_Catalog::attributes_attributes";
const CATALOG_INVENTORY: &str = "Magento_CatalogInventory::cataloginventory";
const STORE: &str = "Magento_Backend::store";
const SOURCE: &str = "Magento_InventoryApi::source";
const STOCK: &str = "Magento_InventoryApi::stock";
const STOCK_SOURCE_LINK: &str = "Magento_InventoryApi::stock_source_link";
const SALES_STOCK: &str = "Magento_InventorySalesApi::stock";
const LOW_QTY: &str = "Magento_InventoryLowQuantityNotificationApi::low_quantity_notification";

/// The route of a GET of `segments` (decoded, after `/rest` and the store code).
pub fn route(segments: &[&str]) -> Option<Route> {
    let core = |resource| Some(Route { resource, msi: false });
    let msi = |resource| Some(Route { resource, msi: true });
    match segments {
        ["V1", "products"] | ["V1", "products", _] => core(PRODUCTS),
        ["V1", "products", "attributes", _, "options"] | ["V1", "products", "attributes", _] => core(ATTRIBUTES),
        ["V1", "products", _, "links", _] => core(CATALOG),
        ["V1", "configurable-products", _, "children"] => core(PRODUCTS),
        ["V1", "bundle-products", _, "options", "all"] | ["V1", "bundle-products", _, "children"] => core(PRODUCTS),
        ["V1", "stockItems", _] | ["V1", "stockStatuses", _] => core(CATALOG_INVENTORY),
        ["V1", "store", "storeViews" | "storeGroups" | "websites" | "storeConfigs"] => core(STORE),
        ["V1", "inventory", "sources"] | ["V1", "inventory", "sources", _] => msi(SOURCE),
        ["V1", "inventory", "source-items"] => msi(SOURCE),
        ["V1", "inventory", "get-sources-assigned-to-stock-ordered-by-priority", _] => msi(SOURCE),
        ["V1", "inventory", "stocks"] | ["V1", "inventory", "stocks", _] => msi(STOCK),
        ["V1", "inventory", "stock-source-links"] => msi(STOCK_SOURCE_LINK),
        ["V1", "inventory", "export-stock-salable-qty", _, _] => msi(STOCK),
        ["V1", "inventory", "stock-resolver", _, _]
        | ["V1", "inventory", "get-product-salable-quantity", _, _]
        | ["V1", "inventory", "is-product-salable", _, _]
        | ["V1", "inventory", "is-product-salable-for-requested-qty", _, _, _] => msi(SALES_STOCK),
        ["V1", "inventory", "low-quantity-notification", _, _] => msi(LOW_QTY),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_names_its_modules_resource() {
        assert_eq!(route(&["V1", "inventory", "source-items"]), Some(Route { resource: SOURCE, msi: true }));
        assert_eq!(route(&["V1", "stockStatuses", "24-MB01"]).unwrap().resource, CATALOG_INVENTORY);
        assert_eq!(route(&["V1", "products", "24-WG085_Group", "links", "associated"]).unwrap().resource, CATALOG);
        assert_eq!(route(&["V1", "inventory", "get-product-salable-quantity", "a", "1"]).unwrap().resource, SALES_STOCK);
        assert_eq!(route(&["V1", "inventory", "nothing"]), None);
        assert_eq!(route(&["V2", "products"]), None);
    }
}
