//! Bundle and grouped products (SPEC §13.4–13.5, §16.1 item 8) and legacy CatalogInventory
//! (SPEC §16.1), mapped from Magento's shapes without a server: `bundle_product_options` of
//! `GET /V1/products/{sku}` (`Bundle\Api\Data\OptionInterface`, `LinkInterface`), grouped
//! `product_links` (`ProductLinkInterface`, `extension_attributes.qty`), and a stock item as a
//! legacy store's one source. The values are constructed; the shapes follow Magento's interfaces.

use salable::{ProductType, SourceStatus};
use salable_bridge::core_api::{self, Qty};
use salable_bridge::magento::client::diagnose_401;
use salable_bridge::magento::{wire, Auth};
use salable_bridge::mapping::{
    self, AssignedSource, BundleFacts, GroupedFacts, Inventory, MapError, ProductFacts, Salability, WebsiteContext,
};
use salable_bridge::secret::Secret;
use serde_json::{json, Value};

fn ctx(inventory: Inventory) -> WebsiteContext {
    WebsiteContext {
        code: "base".into(),
        website_id: 1,
        store_code: "default".into(),
        stock_id: 1,
        store_locale: Some("en_US".into()),
        sources: vec![AssignedSource { code: "default".into(), enabled: true, pickup: None }],
        inventory,
    }
}

/// A stock item with every `use_config_*` flag set (Magento's defaults for a new product).
fn item(extra: Value) -> wire::StockItem {
    let mut v = json!({
        "is_in_stock": true, "is_qty_decimal": false, "use_config_min_qty": true, "min_qty": 0,
        "use_config_min_sale_qty": 1, "min_sale_qty": 1, "use_config_max_sale_qty": true, "max_sale_qty": 10000,
        "use_config_backorders": true, "backorders": 0, "use_config_notify_stock_qty": true, "notify_stock_qty": 1,
        "use_config_qty_increments": true, "qty_increments": 0, "use_config_enable_qty_inc": true,
        "enable_qty_increments": false, "use_config_manage_stock": true, "manage_stock": true
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    serde_json::from_value(v).unwrap()
}

/// A simple child with one `default` source item, salable as MSI says.
fn child(sku: &str, qty: f64, salable_qty: f64, is_salable: bool, extra: Value) -> ProductFacts {
    ProductFacts {
        product: serde_json::from_value(json!({ "sku": sku, "name": format!("{sku} name"), "type_id": "simple", "status": 1,
            "extension_attributes": { "website_ids": [1] } }))
        .unwrap(),
        stock_item: item(extra),
        source_items: vec![serde_json::from_value(
            json!({ "sku": sku, "source_code": "default", "quantity": qty, "status": if qty > 0.0 { 1 } else { 0 } }),
        )
        .unwrap()],
        salability: Salability::Msi { salable_qty, is_salable },
    }
}

fn display() -> salable::StockOptions {
    salable::StockOptions { only_x_left_threshold: Some(Qty::from_int(5)), ..Default::default() }
}

/// `24-WG080`, Sprite Yoga Companion Kit: a required ball (two selections, fixed qty 1), a required
/// strap whose quantity the shopper may change, an optional foam brick.
fn kit() -> BundleFacts {
    let product: wire::Product = serde_json::from_value(json!({
        "sku": "24-WG080", "name": "Sprite Yoga Companion Kit", "type_id": "bundle", "status": 1,
        "extension_attributes": {
            "website_ids": [1],
            "bundle_product_options": [
                { "option_id": 3, "title": "Foam Brick", "required": false, "type": "checkbox", "position": 3, "sku": "24-WG080",
                  "product_links": [ { "id": "7", "sku": "24-WG084", "option_id": 3, "qty": 1, "position": 1, "is_default": false,
                                       "price": 0, "price_type": null, "can_change_quantity": 0 } ] },
                { "option_id": 1, "title": "Sprite Stasis Ball", "required": true, "type": "radio", "position": 1, "sku": "24-WG080",
                  "product_links": [
                    { "id": "2", "sku": "24-WG082-blue", "option_id": 1, "qty": 1, "position": 2, "is_default": false, "price": 0, "price_type": null, "can_change_quantity": 0 },
                    { "id": "1", "sku": "24-WG081-gray", "option_id": 1, "qty": 1, "position": 1, "is_default": true, "price": 0, "price_type": null, "can_change_quantity": 0 } ] },
                { "option_id": 2, "title": "Sprite Yoga Strap", "required": true, "type": "select", "position": 2, "sku": "24-WG080",
                  "product_links": [ { "id": "5", "sku": "24-WG085", "option_id": 2, "qty": 2, "position": 1, "is_default": true,
                                       "price": 0, "price_type": null, "can_change_quantity": 1 } ] }
            ]
        }
    }))
    .unwrap();
    let options = product.bundle_options().unwrap();
    BundleFacts {
        product,
        stock_item: item(json!({})),
        options,
        children: vec![
            child("24-WG081-gray", 0.0, 0.0, false, json!({})),
            child("24-WG082-blue", 3.0, 3.0, true, json!({})),
            child("24-WG085", 40.0, 38.0, true, json!({})),
            child("24-WG084", 10.0, 10.0, true, json!({})),
        ],
    }
}

#[test]
fn a_bundle_maps_options_by_position_with_selection_ids_quantities_and_children() {
    let d = mapping::build_bundle(&ctx(Inventory::Msi), &kit(), &display(), None).unwrap();
    assert_eq!(d.product.product_type, ProductType::Bundle);
    assert_eq!((d.product.enabled, d.product.stock_flag), (true, SourceStatus::InStock));
    assert!(d.product.sources.is_empty());
    let ids: Vec<(&str, bool, Vec<&str>)> =
        d.product.options.iter().map(|o| (o.id.as_str(), o.required, o.selections.iter().map(|s| s.id.as_str()).collect())).collect();
    assert_eq!(ids, [("1", true, vec!["1", "2"]), ("2", true, vec!["5"]), ("3", false, vec!["7"])], "position order");
    let strap = &d.product.options[1].selections[0];
    assert_eq!((strap.qty, strap.can_change_qty, strap.child.sku.as_str()), (Qty::from_int(2), true, "24-WG085"));
    assert_eq!(strap.child.reservations[0].quantity, Qty::from_int(-2), "the child's derived reservation");
    assert_eq!(d.product.options[0].title.as_deref(), Some("Sprite Stasis Ball"));

    // Through the core: salable through the blue ball; the gray one is not available.
    let out = core_api::evaluate(&d, None);
    assert_eq!(out["is_salable"], true, "{out}");
    let balls = &out["options"][0]["selections"];
    assert_eq!((&balls[0]["available"], &balls[1]["available"]), (&json!(false), &json!(true)), "{out}");
    // The text the bridge writes reads back to the same document.
    assert_eq!(core_api::parse_document(&core_api::document_json(&d)).unwrap(), d);
}

#[test]
fn a_bundle_link_to_a_child_magento_did_not_return_is_an_error_naming_it() {
    let mut facts = kit();
    facts.children.retain(|c| c.product.sku != "24-WG085");
    let e = mapping::build_bundle(&ctx(Inventory::Msi), &facts, &display(), None).unwrap_err();
    assert!(matches!(&e, MapError::Invalid(m) if m.contains("24-WG085")), "{e}");
}

fn straps() -> GroupedFacts {
    let product: wire::Product = serde_json::from_value(json!({
        "sku": "24-WG085_Group", "name": "Set of Sprite Yoga Straps", "type_id": "grouped", "status": 1,
        "extension_attributes": { "website_ids": [1] },
        "product_links": [
            { "sku": "24-WG085_Group", "link_type": "related", "linked_product_sku": "24-MB01", "linked_product_type": "simple", "position": 0 },
            { "sku": "24-WG085_Group", "link_type": "associated", "linked_product_sku": "24-WG087", "linked_product_type": "simple", "position": 3,
              "extension_attributes": { "qty": 0 } },
            { "sku": "24-WG085_Group", "link_type": "associated", "linked_product_sku": "24-WG085", "linked_product_type": "simple", "position": 1,
              "extension_attributes": { "qty": 1 } },
            { "sku": "24-WG085_Group", "link_type": "associated", "linked_product_sku": "24-WG086", "linked_product_type": "simple", "position": 2,
              "extension_attributes": { "qty": "2.0000" } }
        ]
    }))
    .unwrap();
    let links = product.associated_links().unwrap();
    GroupedFacts {
        product,
        stock_item: item(json!({})),
        links,
        children: vec![
            child("24-WG085", 40.0, 38.0, true, json!({})),
            child("24-WG086", 0.0, 0.0, false, json!({})),
            child("24-WG087", 2.0, 2.0, true, json!({ "use_config_backorders": false, "backorders": 2 })),
        ],
    }
}

#[test]
fn a_grouped_product_maps_its_associated_links_in_position_order_with_default_quantities() {
    let d = mapping::build_grouped(&ctx(Inventory::Msi), &straps(), &display(), None).unwrap();
    assert_eq!(d.product.product_type, ProductType::Grouped);
    let kids: Vec<(&str, Qty)> = d.product.children.iter().map(|c| (c.sku.as_str(), c.default_qty)).collect();
    assert_eq!(kids, [("24-WG085", Qty::from_int(1)), ("24-WG086", Qty::from_int(2)), ("24-WG087", Qty::ZERO)], "related links left out");
    assert_eq!(d.product.children[2].overrides.backorders, Some(salable::Backorders::AllowNotify), "a child's own override");
    let out = core_api::evaluate(&d, None);
    assert_eq!(out["is_salable"], true, "{out}");
    // The untouched form: 24-WG086 (default 2) is not salable and refused, 24-WG085 at 1 is fine.
    let lines: Vec<(&str, bool)> = out["request"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["sku"].as_str().unwrap(), c["is_salable"].as_bool().unwrap()))
        .collect();
    assert_eq!(lines, [("24-WG085", true)], "{out}");
}

#[test]
fn a_legacy_store_has_its_stock_item_as_the_one_source_and_no_reservation() {
    let stock_item = item(json!({ "qty": 7, "is_in_stock": true, "use_config_min_qty": false, "min_qty": 2 }));
    let items = mapping::legacy_source_items("24-MB01", &stock_item).unwrap();
    let facts = ProductFacts {
        product: serde_json::from_value(json!({ "sku": "24-MB01", "name": "Joust Duffle Bag", "type_id": "simple", "status": 1 })).unwrap(),
        stock_item: stock_item.clone(),
        source_items: items,
        salability: Salability::Legacy,
    };
    let d = mapping::build_document(&ctx(Inventory::Legacy), &facts, &display(), None).unwrap();
    assert_eq!(d.product.sources.len(), 1);
    assert_eq!((d.product.sources[0].source_code.as_str(), d.product.sources[0].quantity), ("default", Qty::from_int(7)));
    assert_eq!(d.product.sources[0].status, SourceStatus::InStock);
    assert!(d.product.reservations.is_empty(), "legacy stock has no reservations");
    let out = core_api::evaluate(&d, None);
    assert_eq!((&out["salable_qty"], &out["message"]["kind"]), (&json!(5), &json!("only_x_left")), "{out}");

    // Out of stock with quantity left: the flag decides, and still no reservation is made up.
    let out_flag = item(json!({ "qty": 5, "is_in_stock": false }));
    let mut off = facts.clone();
    off.source_items = mapping::legacy_source_items("24-MB01", &out_flag).unwrap();
    off.stock_item = out_flag;
    let d = mapping::build_document(&ctx(Inventory::Legacy), &off, &display(), None).unwrap();
    assert!(d.product.reservations.is_empty());
    assert_eq!(core_api::evaluate(&d, None)["is_salable"], false);

    // A stock item without qty has no document: never a made-up 0.
    let e = mapping::legacy_source_items("24-MB01", &item(json!({}))).unwrap_err();
    assert!(matches!(&e, MapError::Invalid(m) if m.contains("24-MB01") && m.contains("qty")), "{e}");
}

#[test]
fn a_401_names_its_likely_cause() {
    let guest = "The consumer isn't authorized to access Magento_InventoryApi::source.";
    let bearer = diagnose_401(&Auth::Bearer(Secret::new("t0ken-value")), guest);
    assert!(bearer.contains("standalone Bearer tokens") && bearer.contains("Magento_InventoryApi::source"), "{bearer}");
    let oauth = Auth::OAuth {
        consumer_key: Secret::new("ck"),
        consumer_secret: Secret::new("cs"),
        access_token: Secret::new("at"),
        access_token_secret: Secret::new("ats"),
    };
    let missing = diagnose_401(&oauth, guest);
    assert!(missing.contains("missing ACL resource") && missing.contains("Magento_InventoryApi::source"), "{missing}");
    assert!(!missing.contains("Bearer"), "{missing}");
    let signature = diagnose_401(&oauth, "The signature is invalid. Verify and try again.");
    assert!(signature.contains("OAuth signature") && signature.contains("clock"), "{signature}");
    assert!(diagnose_401(&Auth::None, guest).contains("no credentials"));
}
