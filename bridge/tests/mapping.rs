//! Mapping against every fixture: the four `base` documents are those of `expected/` and evaluate
//! like them; the engine agrees with Magento's salable quantities and requested-qty verdicts on
//! both websites; composite and unknown types are refused; version differences are tolerated.

mod common;

use common::*;
use salable_bridge::core_api::{self, Qty};
use salable_bridge::documents::Documents;
use salable_bridge::magento::wire;
use salable_bridge::mapping::{self, AssignedSource, Inventory, MapError, ProductFacts, Salability, WebsiteContext};
use serde_json::Value;

const SKUS: [&str; 4] = ["24-MB01", "24-MB04", "24-WB05", "FAB-LIN-M"];

async fn doc(docs: &Documents, website: &str, sku: &str) -> core_api::InputDocument {
    docs.document(website, sku).await.expect("Magento answers").unwrap_or_else(|e| panic!("{sku}@{website}: {e}"))
}

#[tokio::test]
async fn base_documents_are_the_expected_ones_and_evaluate_alike() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    for sku in SKUS {
        let ours = doc(&docs, "base", sku).await;
        let text = core_api::document_json(&ours);
        let expected_text = expected(sku);
        // The same document, read back by the core's own reader…
        let theirs = core_api::parse_document(&expected_text).unwrap();
        assert_eq!(core_api::parse_document(&text).unwrap(), theirs, "{sku}: {text}");
        // …and the same JSON value, key for key.
        assert_eq!(
            norm(&serde_json::from_str::<Value>(&text).unwrap()),
            norm(&serde_json::from_str::<Value>(&expected_text).unwrap()),
            "{sku}"
        );
        // Evaluated alike, with and without requested quantities.
        for rq in [None, Some(1.0), Some(0.5), Some(10.0), Some(20.0), Some(1.1), Some(97.0), Some(98.0)] {
            let rq = rq.map(|q| core_api::qty(q).unwrap());
            assert_eq!(core_api::evaluate(&ours, rq), core_api::evaluate(&theirs, rq), "{sku} {rq:?}");
        }
        assert!(!text.contains("order_id") && !text.contains("event"), "no order data leaves the bridge: {text}");
    }
}

fn fixture_number(name: &str) -> f64 {
    fixture(name).trim().parse().unwrap()
}

#[tokio::test]
async fn the_engine_agrees_with_magento_on_both_websites() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    for (website, stock) in [("base", 1), ("eu", 2)] {
        for sku in SKUS {
            let d = doc(&docs, website, sku).await;
            let out = core_api::evaluate(&d, None);
            let magento_qty =
                core_api::qty(fixture_number(&format!("GET_V1_inventory_get-product-salable-quantity_{sku}_{stock}.json"))).unwrap();
            let magento_salable: bool = fixture(&format!("GET_V1_inventory_is-product-salable_{sku}_{stock}.json")).trim() == "true";
            assert_eq!(out["is_salable"], magento_salable, "{sku}@{website}");
            let ours = core_api::qty(out["salable_qty"].as_f64().unwrap()).unwrap();
            assert_eq!(ours, if magento_salable { magento_qty } else { Qty::ZERO }, "{sku}@{website}");
        }
    }
}

#[tokio::test]
async fn requested_quantity_verdicts_match_the_six_fixtures() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    let cases = [
        ("24-MB01", 1, "1", "base"),
        ("24-MB04", 1, "10", "base"),
        ("24-MB04", 1, "20", "base"),
        ("24-WB05", 1, "1", "base"),
        ("FAB-LIN-M", 1, "1.1", "base"),
        ("FAB-LIN-M", 2, "0.5", "eu"),
    ];
    for (sku, stock, q, website) in cases {
        let magento: Value =
            serde_json::from_str(&fixture(&format!("GET_V1_inventory_is-product-salable-for-requested-qty_{sku}_{stock}_{q}.json")))
                .unwrap();
        let d = doc(&docs, website, sku).await;
        let out = core_api::evaluate(&d, Some(core_api::qty(q.parse().unwrap()).unwrap()));
        assert_eq!(out["request"]["is_salable"], magento["salable"], "{sku}/{stock}/{q}");
        let codes = |v: &Value| v.as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(codes(&out["request"]["errors"]), codes(&magento["errors"]), "{sku}/{stock}/{q}");
    }
}

#[tokio::test]
async fn eu_documents_keep_the_stocks_sources_with_disabled_ones_and_speak_french() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    let d = doc(&docs, "eu", "24-MB01").await;
    let codes: Vec<(&str, bool)> = d.product.sources.iter().map(|s| (s.source_code.as_str(), s.source_enabled)).collect();
    assert_eq!(codes, [("paris", true), ("lyon", false), ("berlin", true)], "stock 2's sources by priority, default dropped");
    assert_eq!(d.locale.as_deref(), Some("fr"));
    assert_eq!(d.product.reservations.iter().map(|r| r.quantity).collect::<Vec<_>>(), [core_api::qty(-2.0).unwrap()]);
    assert_eq!(core_api::evaluate(&d, None)["message"]["text"], "En stock");
    // 0.16999999999999993 is 0.17: R = 0.17 − 8.5 = −8.33 exactly.
    let fab = doc(&docs, "eu", "FAB-LIN-M").await;
    assert_eq!(fab.product.reservations[0].quantity, core_api::qty(-8.33).unwrap());
    let out = core_api::evaluate(&fab, None);
    assert_eq!(out["message"]["kind"], "only_x_left", "{out}");
    assert_eq!(out["only_x_left"], 0.17, "{out}");
    // R = 0 is no reservation at all.
    assert!(doc(&docs, "eu", "24-MB04").await.product.reservations.is_empty());
    // The locale set in the bridge's config wins.
    let mut cfg = config(&fake.url());
    cfg.websites.entry("eu".into()).or_default().locale = Some("en".into());
    let d = Documents::new(cfg).unwrap().document("eu", "24-MB01").await.unwrap().unwrap();
    assert_eq!(d.locale.as_deref(), Some("en"));
}

#[tokio::test]
async fn unknown_and_missing_products_are_refused_before_any_msi_call() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    assert!(docs.document("base", "WS-TEE").await.unwrap().is_ok(), "configurable: published");
    assert!(matches!(docs.document("base", "NOPE-404").await.unwrap(), Err(MapError::NotFound(_))));
    assert!(matches!(docs.document("nope", "24-MB01").await.unwrap(), Err(MapError::NotFound(_))));
    assert!(matches!(docs.document("admin", "24-MB01").await.unwrap(), Err(MapError::NotFound(_))));
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/WS-TEE/1"), 0);
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/NOPE-404/1"), 0);
    assert_eq!(fake.non_get(), 0, "only GETs reach Magento");
}

fn base_context() -> WebsiteContext {
    WebsiteContext {
        code: "base".into(),
        website_id: 1,
        store_code: "default".into(),
        stock_id: 1,
        store_locale: Some("en_US".into()),
        sources: vec![AssignedSource { code: "default".into(), enabled: true, pickup: None }],
        inventory: Inventory::Msi,
    }
}

fn facts(product: &str, stock_item: &str, items: &str, salable_qty: f64, is_salable: bool) -> ProductFacts {
    ProductFacts {
        product: serde_json::from_str(product).unwrap(),
        stock_item: serde_json::from_str(stock_item).unwrap(),
        source_items: serde_json::from_str::<wire::SearchResult<wire::SourceItem>>(items).unwrap().items,
        salability: Salability::Msi { salable_qty, is_salable },
    }
}

#[test]
fn unknown_types_disabled_products_and_other_websites_are_refused() {
    let display = Default::default();
    let item = r#"{"qty":1}"#;
    let items = r#"{"items":[]}"#;
    for (product, expected) in [
        (r#"{"sku":"G","type_id":"giftcard"}"#, MapError::UnknownType { type_id: "giftcard".into() }),
        (r#"{"sku":"G"}"#, MapError::UnknownType { type_id: "".into() }),
        // Composites are built by their own builders, never as a simple product.
        (r#"{"sku":"B","type_id":"bundle"}"#, MapError::Invalid(r#"bundle product "B" has no source items"#.into())),
        (r#"{"sku":"G","type_id":"grouped"}"#, MapError::Invalid(r#"grouped product "G" has no source items"#.into())),
    ] {
        assert_eq!(
            mapping::build_document(&base_context(), &facts(product, item, items, 0.0, false), &display, None).unwrap_err(),
            expected
        );
    }
    let disabled = facts(r#"{"sku":"D","type_id":"simple","status":2}"#, item, items, 0.0, false);
    assert!(matches!(mapping::build_document(&base_context(), &disabled, &display, None), Err(MapError::NotFound(_))));
    let elsewhere =
        facts(r#"{"sku":"E","type_id":"virtual","status":1,"extension_attributes":{"website_ids":[2]}}"#, item, items, 0.0, false);
    assert!(matches!(mapping::build_document(&base_context(), &elsewhere, &display, None), Err(MapError::NotFound(_))));
    let bad_backorders = facts(r#"{"sku":"X","type_id":"simple"}"#, r#"{"use_config_backorders":false,"backorders":3}"#, items, 0.0, false);
    assert!(matches!(mapping::build_document(&base_context(), &bad_backorders, &display, None), Err(MapError::Invalid(_))));
}

/// Shapes that vary between versions: a 2.3-era stock item with `extension_attributes: {}`,
/// flags as 0/1 or strings, quantities as decimal strings, `qty_increments: false`, a missing
/// `use_config_*` key, `min_sale_qty: null`, a trimmed product without `stock_item`.
#[test]
fn version_differences_give_the_same_document() {
    let ctx = base_context();
    let display = Default::default();
    let product = fixture("GET_V1_products_24-MB04.json");
    let items = fixture("GET_V1_inventory_source-items_sku_24-MB04.json");
    let modern = fixture("GET_V1_stockItems_24-MB04.json");
    let older = r#"{"item_id":"2","qty":"5.0000","is_in_stock":1,"is_qty_decimal":0,"use_config_min_qty":"0","min_qty":"-20.0000","use_config_min_sale_qty":1,"min_sale_qty":1,"use_config_max_sale_qty":1,"max_sale_qty":"10000.0000","use_config_backorders":0,"backorders":"2","use_config_notify_stock_qty":0,"notify_stock_qty":"3.0000","use_config_qty_increments":1,"qty_increments":false,"use_config_enable_qty_inc":1,"enable_qty_increments":0,"use_config_manage_stock":1,"manage_stock":1,"low_stock_date":null,"extension_attributes":{}}"#;
    let a = mapping::build_document(&ctx, &facts(&product, &modern, &items, 13.0, true), &display, None).unwrap();
    let b = mapping::build_document(&ctx, &facts(&product, older, &items, 13.0, true), &display, None).unwrap();
    assert_eq!(a, b);
    // min_sale_qty null under use_config: the config's "no minimum".
    let none =
        mapping::settings_from_stock_item(&serde_json::from_str(r#"{"use_config_min_sale_qty":1,"min_sale_qty":null}"#).unwrap()).unwrap();
    assert_eq!(none.0.min_sale_qty, Some(Qty::ZERO));
    // A source item of a source not linked to the stock is dropped; an unknown status refused.
    let extra = r#"{"items":[{"sku":"24-MB04","source_code":"default","quantity":5,"status":1},{"sku":"24-MB04","source_code":"paris","quantity":4,"status":1}],"total_count":2}"#;
    let d = mapping::build_document(&ctx, &facts(&product, &modern, extra, 13.0, true), &display, None).unwrap();
    assert_eq!(d.product.sources.len(), 1);
    let odd = r#"{"items":[{"sku":"24-MB04","source_code":"default","quantity":5,"status":7}]}"#;
    assert!(matches!(mapping::build_document(&ctx, &facts(&product, &modern, odd, 13.0, true), &display, None), Err(MapError::Invalid(_))));
}

#[test]
fn the_reservation_follows_the_readme_formula() {
    let ctx = base_context();
    let display = Default::default();
    let product = fixture("GET_V1_products_24-WB05.json");
    let item = fixture("GET_V1_stockItems_24-WB05.json");
    // Not salable, out-of-stock source: min(0, T − Q) = 0.
    let items = fixture("GET_V1_inventory_source-items_sku_24-WB05.json");
    assert!(mapping::build_document(&ctx, &facts(&product, &item, &items, 0.0, false), &display, None)
        .unwrap()
        .product
        .reservations
        .is_empty());
    // Not salable with stock on hand (index lag): R = −Q makes it not salable here too.
    let in_stock = r#"{"items":[{"sku":"24-WB05","source_code":"default","quantity":4,"status":1}]}"#;
    let d = mapping::build_document(&ctx, &facts(&product, &item, in_stock, 0.0, false), &display, None).unwrap();
    assert_eq!(d.product.reservations[0].quantity, core_api::qty(-4.0).unwrap());
    assert_eq!(core_api::evaluate(&d, None)["is_salable"], false);
    // Stock not managed: no reservation whatever Magento says.
    let unmanaged = r#"{"use_config_manage_stock":false,"manage_stock":false}"#;
    assert!(mapping::build_document(&ctx, &facts(&product, unmanaged, in_stock, 100.0, true), &display, None)
        .unwrap()
        .product
        .reservations
        .is_empty());
}
