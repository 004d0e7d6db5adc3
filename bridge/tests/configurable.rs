//! Configurable products (SPEC §13.3): WS-TEE and its children. The parent, its children list and
//! the 400 for its salable quantity come from `fixtures/magento-rest/`; the children's stock items,
//! source items, salability and the size labels are constructed (`fixtures/magento-rest-composite/`,
//! see its README).

mod common;

use common::*;
use fake_magento::{FakeAuth, FakeMagento, Fixtures};
use salable::{ProductType, SourceStatus};
use salable_bridge::core_api::{self, InputDocument};
use salable_bridge::documents::Documents;
use salable_bridge::magento::wire;
use salable_bridge::mapping::{self, AssignedSource, ConfigurableFacts, Inventory, MapError, ProductFacts, Salability, WebsiteContext};
use serde_json::{json, Value};

async fn tee(docs: &Documents, website: &str) -> InputDocument {
    docs.document(website, "WS-TEE").await.expect("Magento answers").unwrap_or_else(|e| panic!("WS-TEE@{website}: {e}"))
}

fn composite_fixture(name: &str) -> String {
    let dir = fake_magento::fixtures_dir().join("magento-rest-composite");
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The document the bridge publishes for WS-TEE on `base`: the parent's settings in `config` (all
/// `use_config`), its Stock Status, no sources; each child as a simple product of `base` (only the
/// `default` source is linked to stock 1) with its derived reservation and its size label.
const WS_TEE_BASE: &str = r#"{
  "config": { "manage_stock": true, "backorders": "no", "out_of_stock_threshold": 0, "min_sale_qty": 1,
              "max_sale_qty": 10000, "notify_for_quantity_below": 1, "enable_qty_increments": false,
              "only_x_left_threshold": 5, "display_stock_status": true, "not_available_message": "not_enough_items" },
  "product": {
    "type": "configurable", "sku": "WS-TEE", "name": "Salable Tee", "overrides": {},
    "children": [
      { "sku": "WS-TEE-S", "name": "Salable Tee S", "qty_uses_decimals": false, "overrides": {},
        "sources": [ { "source_code": "default", "quantity": 6, "status": "in_stock", "source_enabled": true } ],
        "reservations": [ { "quantity": -2 } ], "attributes": { "size": "S" } },
      { "sku": "WS-TEE-M", "name": "Salable Tee M", "qty_uses_decimals": false, "overrides": {},
        "sources": [ { "source_code": "default", "quantity": 0, "status": "out_of_stock", "source_enabled": true } ],
        "attributes": { "size": "M" } }
    ]
  },
  "locale": "en"
}"#;

#[tokio::test]
async fn ws_tee_maps_to_a_configurable_document_with_its_children() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    let d = tee(&docs, "base").await;
    assert_eq!(d, core_api::parse_document(WS_TEE_BASE).unwrap(), "{}", core_api::document_json(&d));
    assert_eq!(d.product.product_type, ProductType::Configurable);
    assert_eq!((d.product.enabled, d.product.stock_flag), (true, SourceStatus::InStock));
    assert!(d.product.sources.is_empty() && d.product.reservations.is_empty());
    let attrs: Vec<_> = d.product.children.iter().map(|c| c.attributes.clone()).collect();
    assert_eq!(attrs, [vec![("size".to_owned(), "S".to_owned())], vec![("size".to_owned(), "M".to_owned())]]);
    // The text the bridge writes reads back to the same document.
    let text = core_api::document_json(&d);
    assert_eq!(core_api::parse_document(&text).unwrap(), d);
    assert!(text.contains(r#""type":"configurable""#) && text.contains(r#""attributes":{"size":"S"}"#), "{text}");

    // The call plan: the children once, their source items in one `sku in …` search, their
    // salability in one export-stock-salable-qty, a stock item each (the children carry none),
    // the size labels once; never the parent's salable quantity (Magento refuses it: 400).
    assert_eq!(fake.count("/V1/configurable-products/WS-TEE/children"), 1);
    assert_eq!(fake.count("/V1/inventory/source-items"), 1, "{:?}", fake.counts());
    let batch: Vec<String> = fake.targets().into_iter().filter(|t| t.contains("source-items")).collect();
    assert!(batch[0].contains("WS-TEE-S%2CWS-TEE-M") && batch[0].contains("%5Bcondition_type%5D=in"), "{batch:?}");
    assert_eq!(fake.count("/V1/inventory/export-stock-salable-qty/website/base"), 1);
    assert_eq!(fake.count("/V1/stockItems/WS-TEE-S") + fake.count("/V1/stockItems/WS-TEE-M"), 2);
    assert_eq!(fake.count("/V1/products/attributes/size/options"), 1);
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/WS-TEE/1"), 0);
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/WS-TEE-S/1"), 0);

    // eu: stock 2's sources (paris, lyon disabled, berlin), French.
    let eu = tee(&docs, "eu").await;
    let s = &eu.product.children[0];
    assert_eq!(s.sources.iter().map(|x| x.source_code.as_str()).collect::<Vec<_>>(), ["paris", "berlin"]);
    assert!(s.reservations.is_empty(), "S on eu: R = 4 − 4 + 0 = 0");
    let m = &eu.product.children[1];
    assert_eq!(
        m.sources.iter().map(|x| (x.source_code.as_str(), x.source_enabled)).collect::<Vec<_>>(),
        [("paris", true), ("lyon", false)]
    );
    assert_eq!(m.reservations[0].quantity, core_api::qty(-1.0).unwrap());
    assert_eq!(eu.locale.as_deref(), Some("fr"));
}

/// Magento's answers for one child on one stock: (salable quantity, is-product-salable).
fn magento_says(sku: &str, stock: u8) -> (f64, bool) {
    let qty: f64 =
        serde_json::from_str(&composite_fixture(&format!("GET_V1_inventory_get-product-salable-quantity_{sku}_{stock}.json"))).unwrap();
    let ok: bool = serde_json::from_str(&composite_fixture(&format!("GET_V1_inventory_is-product-salable_{sku}_{stock}.json"))).unwrap();
    (qty, ok)
}

#[tokio::test]
async fn ws_tee_evaluates_like_magento_answers() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    // Magento refuses a salable quantity for the parent: ours is null too.
    let refused: Value = serde_json::from_str(&fixture("GET_V1_inventory_get-product-salable-quantity_WS-TEE_1__400.json")).unwrap();
    assert!(refused["message"].as_str().unwrap().contains("without Source Items support"));
    for (website, stock) in [("base", 1), ("eu", 2)] {
        let d = tee(&docs, website).await;
        let out = core_api::evaluate(&d, None);
        assert_eq!(out["salable_qty"], Value::Null, "{out}");
        let any_child = ["WS-TEE-S", "WS-TEE-M"].iter().any(|c| magento_says(c, stock).1);
        assert_eq!(out["is_salable"], json!(any_child), "{website}: {out}");
        // Each child, named as the variant, answers what Magento says of it.
        for child in ["WS-TEE-S", "WS-TEE-M"] {
            let (qty, ok) = magento_says(child, stock);
            let mut named = d.clone();
            named.choice.variant = Some(child.to_owned());
            let out = core_api::evaluate(&named, None);
            assert_eq!(out["variant"], child, "{out}");
            assert_eq!(out["is_salable"], json!(ok), "{child}@{website}: {out}");
            assert_eq!(out["salable_qty"].as_f64(), Some(qty), "{child}@{website}: {out}");
        }
    }
    // base: M is out of stock, so only S is offered (Display Out of Stock Products is off).
    let out = core_api::evaluate(&tee(&docs, "base").await, None);
    assert_eq!(out["message"]["kind"], "in_stock", "{out}");
    let sizes = &out["options"]["size"];
    assert_eq!(sizes[0]["value"], "S");
    assert_eq!((&sizes[0]["offered"], &sizes[0]["available"]), (&json!(true), &json!(true)), "{out}");
    assert_eq!(sizes[1]["offered"], false, "{out}");
    // With it on (bridge config), M is offered but not available.
    let mut cfg = config(&fake.url());
    cfg.stock.show_out_of_stock = Some(true);
    let d = Documents::new(cfg).unwrap().document("base", "WS-TEE").await.unwrap().unwrap();
    let sizes = core_api::evaluate(&d, None)["options"]["size"].clone();
    assert_eq!((&sizes[1]["value"], &sizes[1]["offered"], &sizes[1]["available"]), (&json!("M"), &json!(true), &json!(false)));
}

#[tokio::test]
async fn serve_answers_200_with_a_document_the_element_reads_and_check_compares_the_children() {
    let fake = fake().await;
    let b = bridge(config(&fake.url())).await;
    let c = client();
    let r = c.get(b.url("/stock/base/WS-TEE.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("etag"));
    let text = r.text().await.unwrap();
    // The element loads its composite module on this pattern (www/stock-status.js).
    assert!(text.contains(r#""type":"configurable""#), "{text}");
    // The element's entry point, with the shopper's selection.
    let with = |choice: &'static str| salable::RequestOverride { choice: Some(choice), ..Default::default() };
    let out: Value = serde_json::from_str(&salable::evaluate_json(&text, with(r#"{"selection":{"size":"S"}}"#)).unwrap()).unwrap();
    assert_eq!(
        (&out["variant"], &out["salable_qty"], &out["message"]["kind"]),
        (&json!("WS-TEE-S"), &json!(4), &json!("only_x_left")),
        "{out}"
    );
    let out: Value = serde_json::from_str(&salable::evaluate_json(&text, with(r#"{"variant":"WS-TEE-M"}"#)).unwrap()).unwrap();
    assert_eq!((&out["is_salable"], &out["message"]["kind"]), (&json!(false), &json!("out_of_stock")), "{out}");
    // The server-rendered markup too.
    let r = c.get(b.url("/stock/base/WS-TEE.html")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().starts_with(r#"<stock-status src="/stock/base/WS-TEE.json""#));

    // check: Magento has no salable quantity for WS-TEE; each child is compared instead.
    let docs = Documents::new(config(&fake.url())).unwrap();
    let q = core_api::qty(1.0).unwrap();
    let r = salable_bridge::check::run(&docs, "base", &["WS-TEE".to_owned()], &[q]).await.unwrap();
    assert_eq!((r.compared, r.differences, r.errors), (6, 0, 0), "{:#?}", r.lines);
}

#[tokio::test]
async fn without_option_labels_the_option_ids_are_published() {
    // The composite answers without `products/attributes/size/options` (an integration without
    // Magento_Catalog::attributes_attributes gets a 401 there; a missing route, a 404).
    let dir = std::env::temp_dir().join(format!("salable-bridge-nolabels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = fake_magento::fixtures_dir().join("magento-rest-composite");
    let manifest: Vec<Value> = serde_json::from_str(&composite_fixture("manifest.json")).unwrap();
    let kept: Vec<Value> = manifest.into_iter().filter(|e| !e["path"].as_str().unwrap().contains("attributes")).collect();
    for e in &kept {
        let f = e["file"].as_str().unwrap();
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("manifest.json"), serde_json::to_string(&kept).unwrap()).unwrap();
    // The 2.4.7 set brings the store groups (the website's default store view).
    let store = Fixtures::from_dir(&fake_magento::fixtures_dir().join("magento-rest-247")).unwrap();
    let fixtures = Fixtures::from_dir(&fixture_dir()).unwrap().with(Fixtures::from_dir(&dir).unwrap()).with(store);
    let fake = FakeMagento::start(fixtures, FakeAuth::Bearer(TOKEN.into())).await.unwrap();
    let d = tee(&Documents::new(config(&fake.url())).unwrap(), "base").await;
    let values: Vec<&str> = d.product.children.iter().map(|c| c.attributes[0].1.as_str()).collect();
    assert_eq!(values, ["168", "169"]);
    assert_eq!(d.product.children[0].attributes[0].0, "size");
    std::fs::remove_dir_all(&dir).ok();
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

fn child(product: Value, stock_item: Value, qty: f64, salable_qty: f64, is_salable: bool) -> ProductFacts {
    let sku = product["sku"].as_str().unwrap().to_owned();
    let item = json!({ "sku": sku, "source_code": "default", "quantity": qty, "status": 1 });
    ProductFacts {
        product: serde_json::from_value(product).unwrap(),
        stock_item: serde_json::from_value(stock_item).unwrap(),
        source_items: vec![serde_json::from_value::<wire::SourceItem>(item).unwrap()],
        salability: Salability::Msi { salable_qty, is_salable },
    }
}

#[test]
fn the_parents_flag_disabled_children_and_a_childs_own_settings() {
    let parent_json: Value = serde_json::from_str(&fixture("GET_V1_products_WS-TEE.json")).unwrap();
    let children_json: Vec<Value> = serde_json::from_str(&fixture("GET_V1_configurable-products_WS-TEE_children.json")).unwrap();
    let all_config: Value = serde_json::from_str(&composite_fixture("GET_V1_stockItems_WS-TEE-S.json")).unwrap();
    let mut disabled = children_json[1].clone();
    disabled["status"] = json!(2);
    // S's backorders are "use config" but differ from the parent's config (a config at another
    // scope): kept on the child as an override, so its effective settings stay its own.
    let mut own = all_config.clone();
    own["backorders"] = json!(1);
    let mut parent_item = all_config.clone();
    parent_item["is_in_stock"] = json!(false);
    let facts = ConfigurableFacts {
        product: serde_json::from_value(parent_json.clone()).unwrap(),
        stock_item: serde_json::from_value(parent_item).unwrap(),
        children: vec![child(children_json[0].clone(), own, 3.0, 3.0, true), child(disabled, all_config.clone(), 5.0, 5.0, true)],
        labels: Default::default(),
    };
    let display = salable::StockOptions { only_x_left_threshold: Some(salable::Qty::from_int(5)), ..Default::default() };
    let d = mapping::build_configurable(&base_context(), &facts, &display, None).unwrap();
    assert_eq!(d.product.stock_flag, SourceStatus::OutOfStock);
    let out = core_api::evaluate(&d, None);
    assert_eq!((&out["is_salable"], &out["stock_status"]), (&json!(false), &json!("out_of_stock")), "{out}");
    assert_eq!(d.product.children[0].overrides.backorders, Some(salable::Backorders::Allow));
    assert_eq!(d.config.backorders, Some(salable::Backorders::No));
    assert!(d.product.children[0].enabled);
    assert!(!d.product.children[1].enabled, "status 2");
    assert_eq!(d.product.children[1].attributes, [("size".to_owned(), "169".to_owned())], "no labels: the ids");

    // In stock again: salable through S only (M is disabled).
    let mut in_stock = facts.clone();
    in_stock.stock_item = serde_json::from_value(all_config).unwrap();
    let d = mapping::build_configurable(&base_context(), &in_stock, &display, None).unwrap();
    assert_eq!(core_api::evaluate(&d, None)["is_salable"], true);

    // A disabled parent is a 404, like a simple product; a child of a composite type is refused.
    let mut off = facts.clone();
    off.product.status = Some(wire::Int(2));
    assert!(matches!(mapping::build_configurable(&base_context(), &off, &display, None), Err(MapError::NotFound(_))));
    let mut nested = facts;
    nested.children[0].product.type_id = Some("bundle".into());
    assert!(matches!(mapping::build_configurable(&base_context(), &nested, &display, None), Err(MapError::Invalid(_))));
}
