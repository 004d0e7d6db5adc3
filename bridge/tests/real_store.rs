//! The bridge against a fake Magento with a real 2.4.7 store's habits (SPEC §16.1,
//! `shared/research/magento-rest-habits.md`): input limits, comma SKUs, OAuth path normalisation,
//! the Bearer switch and missing ACL resources, the default store view from store groups, MSI
//! disabled, bundle and grouped products, and a SKU Magento leaves out of an answer. The fake's own
//! tests (`bridge/fake-magento/tests/`) show that it behaves as Magento does; these show the bridge
//! survives it.

mod common;

use common::*;
use fake_magento::{FakeAuth, FakeMagento, Fixtures, Habits};
use salable::{ProductType, Qty, SourceStatus};
use salable_bridge::core_api;
use salable_bridge::documents::Documents;
use salable_bridge::magento::UpstreamError;
use salable_bridge::mapping::Inventory;
use salable_bridge::secret::Secret;
use serde_json::Value;
use std::path::PathBuf;

const COMMA: &str = "24-UG01,PK2";
const PLUS: &str = "24-UB02+CASE";
const SLASH: &str = "MT07/S-GRN";
const AMP_COLON: &str = "B&W:TEE-L";

const CK: &str = "ck-5d1e";
const CS: &str = "cs-secret-91b2";
const AT: &str = "at-token-77c0";
const ATS: &str = "ats-secret-3e4f";

fn integration() -> FakeAuth {
    FakeAuth::OAuth { consumer_key: CK.into(), consumer_secret: CS.into(), token: AT.into(), token_secret: ATS.into() }
}

fn oauth_config(url: &str) -> salable_bridge::config::Config {
    let mut c = config(url);
    c.auth.token = None;
    c.auth.consumer_key = Some(Secret::new(CK));
    c.auth.consumer_secret = Some(Secret::new(CS));
    c.auth.access_token = Some(Secret::new(AT));
    c.auth.access_token_secret = Some(Secret::new(ATS));
    c
}

async fn start(habits: Habits) -> FakeMagento {
    FakeMagento::start_with(Fixtures::embedded(), FakeAuth::Bearer(TOKEN.into()), habits).await.unwrap()
}

fn limits(max: usize) -> Habits {
    Habits { input_limits: true, max_page_size: max, ..Habits::default() }
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salable-real-store-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

fn read(dir: &std::path::Path, sku: &str) -> core_api::InputDocument {
    let path = dir.join("base").join(salable_bridge::export::file_name(sku));
    core_api::parse_document(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// The query value of `key` in a raw request target, decoded.
fn param(target: &str, key: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let k = percent_encoding::percent_decode_str(k).decode_utf8_lossy();
        (k == key).then(|| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
    })
}

#[tokio::test]
async fn with_input_limits_every_search_names_its_page_within_the_maximum_and_every_sku_is_whole() {
    // A store whose maximum page size is 7: a page size above it is a 400, none gives 20 items.
    let fake = FakeMagento::start_with(Fixtures::embedded().with_synthetic(45, "24-MB01"), FakeAuth::Bearer(TOKEN.into()), limits(7))
        .await
        .unwrap();
    let mut cfg = config(&fake.url());
    cfg.upstream.page_size = 7;
    cfg.upstream.batch_size = 30;
    let docs = Documents::new(cfg).unwrap();
    let out = temp("limits");
    let summary = salable_bridge::export::run(&docs, "base", &[], true, &out, false).await.unwrap();
    assert!(summary.failed.is_empty(), "{summary:?}");
    assert!(summary.written >= 45, "{summary:?}");
    let searches: Vec<String> = fake.targets().into_iter().filter(|t| t.contains("searchCriteria")).collect();
    assert!(!searches.is_empty());
    for t in &searches {
        let size: usize = param(t, "searchCriteria[page_size]").unwrap_or_else(|| panic!("no page size: {t}")).parse().unwrap();
        assert!((1..=7).contains(&size), "{t}");
        assert!(param(t, "searchCriteria[current_page]").is_some(), "no current page: {t}");
    }
    // Every synthetic SKU's salable quantity came from export-stock-salable-qty pages (24-MB01's
    // S = 72 with 25 on hand and a threshold of −50): its reservation is whole, never a made-up 0.
    for i in [0, 6, 7, 29, 30, 44] {
        let d = read(&out, &format!("LOAD-{i:04}"));
        assert_eq!(d.product.reservations[0].quantity, Qty::from_int(-3), "LOAD-{i:04}");
    }
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/LOAD-0044/1"), 0, "no SKU needed asking alone");
    std::fs::remove_dir_all(&out).ok();
}

#[tokio::test]
async fn a_batch_too_long_for_the_web_servers_request_line_is_split_never_refused_whole() {
    // The largest batch the config allows, of 900 SKUs: `sku in …` of all of them would be a 10 KB
    // request line, which nginx in front of Magento answers 414 (Habits::max_request_line).
    let fake =
        FakeMagento::start_with(Fixtures::embedded().with_synthetic(900, "24-MB01"), FakeAuth::Bearer(TOKEN.into()), Habits::default())
            .await
            .unwrap();
    let mut cfg = config(&fake.url());
    cfg.upstream.page_size = 300;
    cfg.upstream.batch_size = 1000;
    let docs = Documents::new(cfg).unwrap();
    let out = temp("request-line");
    let skus: Vec<String> = (0..900).map(|i| format!("LOAD-{i:04}")).collect();
    let summary = salable_bridge::export::run(&docs, "base", &skus, false, &out, false).await.unwrap();
    assert_eq!(fake.too_long(), 0, "no request refused for its length");
    assert!(summary.failed.is_empty(), "{summary:?}");
    assert!(summary.written >= 900, "{summary:?}");
    for t in fake.targets() {
        assert!(t.len() + "GET  HTTP/1.1\r\n".len() <= 8_192, "{} bytes: {}", t.len(), &t[..120]);
    }
    // Still batched: the source items of 900 SKUs in two `in` lists (each paged), not 900 lookups.
    let lists: std::collections::HashSet<String> = fake
        .targets()
        .into_iter()
        .filter(|t| t.contains("/V1/inventory/source-items?"))
        .filter_map(|t| param(&t, "searchCriteria[filter_groups][0][filters][0][value]"))
        .filter(|v| v.starts_with("LOAD-"))
        .collect();
    assert_eq!(lists.len(), 2, "{:?}", lists.iter().map(|l| l.split(',').count()).collect::<Vec<_>>());
    for i in [0, 450, 899] {
        let d = read(&out, &format!("LOAD-{i:04}"));
        assert_eq!(d.product.reservations[0].quantity, Qty::from_int(-3), "LOAD-{i:04}");
    }
    std::fs::remove_dir_all(&out).ok();
}

#[tokio::test]
async fn a_sku_magento_leaves_out_is_asked_alone_and_then_named_in_an_error_never_out_of_stock() {
    // 24-WG088 without its salable-quantity answers: export-stock-salable-qty leaves it out (the
    // fake lists only SKUs with a salable quantity), and asked alone Magento has nothing either.
    let dir = temp("absent-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let src = fake_magento::fixtures_dir().join("magento-rest-247");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.join(&name)).unwrap();
        }
    }
    let manifest: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let kept: Vec<&Value> = manifest
        .iter()
        .filter(|m| {
            !m["file"].as_str().unwrap().contains("salable-quantity_24-WG088")
                && !m["file"].as_str().unwrap().contains("is-product-salable_24-WG088")
        })
        .collect();
    assert!(kept.len() < manifest.len());
    std::fs::write(dir.join("manifest.json"), serde_json::to_string(&kept).unwrap()).unwrap();
    let fixtures = Fixtures::shared().with(Fixtures::from_dir(&dir).unwrap());
    let fake = FakeMagento::start_with(fixtures, FakeAuth::Bearer(TOKEN.into()), limits(300)).await.unwrap();
    let docs = Documents::new(config(&fake.url())).unwrap();
    let out = temp("absent");
    // A previous run's files: 24-WG088's is past stale_if_error (an hour by default), and goes.
    std::fs::create_dir_all(out.join("base")).unwrap();
    let old = std::fs::File::create(out.join("base/24-WG088.json")).unwrap();
    old.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7_200)).unwrap();
    let skus = ["24-WG088".to_owned(), "24-WG085".to_owned(), COMMA.to_owned()];
    let summary = salable_bridge::export::run(&docs, "base", &skus, false, &out, false).await.unwrap();
    assert_eq!(summary.written, 2, "{summary:?}");
    assert_eq!(summary.failed.len(), 1, "{summary:?}");
    let (sku, why) = &summary.failed[0];
    assert_eq!(sku, "24-WG088");
    assert!(why.contains("24-WG088") && why.contains("get-product-salable-quantity"), "{why}");
    assert!(!out.join("base/24-WG088.json").exists(), "no document, not an out-of-stock one, and not the old one");
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/24-WG088/1"), 1, "asked alone once");
    // The comma SKU is never put in an `in` list: asked alone, found, and whole.
    assert!(fake
        .targets()
        .iter()
        .filter_map(|t| param(t, "searchCriteria[filter_groups][0][filters][0][value]"))
        .all(|v| v == COMMA || !v.contains(COMMA)));
    let d = read(&out, COMMA);
    assert_eq!(d.product.sku, COMMA);
    assert!(!d.product.sources.is_empty(), "its source items found by eq");
    let eq = fake.targets().into_iter().any(|t| {
        param(&t, "searchCriteria[filter_groups][0][filters][0][value]").as_deref() == Some(COMMA)
            && param(&t, "searchCriteria[filter_groups][0][filters][0][condition_type]").as_deref() == Some("eq")
    });
    assert!(eq, "{:?}", fake.targets());

    // A file younger than the bound stays, as serve keeps its last good document.
    std::fs::write(out.join("base/24-WG088.json"), "{}").unwrap();
    salable_bridge::export::run(&docs, "base", &skus[..1], false, &out, false).await.unwrap();
    assert!(out.join("base/24-WG088.json").exists(), "a recent previous file is kept within stale_if_error");
    // serve: the same SKU is a 502 naming nothing to the shopper, never an "Out of stock" document.
    let bridge = bridge(config(&fake.url())).await;
    let r = reqwest::get(bridge.url("/stock/base/24-WG088.json")).await.unwrap();
    assert_eq!(r.status(), 502);
    std::fs::remove_dir_all(&out).ok();
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn under_oauth_special_character_skus_stay_out_of_paths_and_sign_cleanly() {
    let fake = FakeMagento::start_with(Fixtures::embedded(), integration(), Habits::default()).await.unwrap();
    let docs = Documents::new(oauth_config(&fake.url())).unwrap();
    for sku in [SLASH, AMP_COLON, PLUS, COMMA] {
        let d = docs.document("base", sku).await.unwrap_or_else(|e| panic!("{sku}: {e}")).unwrap_or_else(|e| panic!("{sku}: {e}"));
        assert_eq!(d.product.sku, sku);
        assert!(!d.product.sources.is_empty(), "{sku}");
    }
    assert_eq!(fake.unauthorized(), 0, "every signature accepted: {:?}", fake.targets());
    for t in fake.targets() {
        let path = t.split('?').next().unwrap();
        for sku in [SLASH, AMP_COLON, PLUS, COMMA] {
            assert!(!path.contains(&salable_bridge::magento::percent::encode(sku)), "{sku} in a signed path: {t}");
        }
    }
    // With a Bearer token nothing is signed, and the SKU goes in the path as usual.
    let fake = start(Habits::default()).await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    docs.document("base", SLASH).await.unwrap().unwrap();
    assert_eq!(fake.count(&format!("/V1/products/{}", salable_bridge::magento::percent::encode(SLASH))), 1, "{:?}", fake.counts());
}

#[tokio::test]
async fn names_come_from_the_websites_default_store_view_not_the_first_listed() {
    let fake = start(Habits::default()).await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    let d = docs.document("base", PLUS).await.unwrap().unwrap();
    // `default` is listed first for website base, but its default group's default store is us_en.
    assert_eq!(d.product.name.as_deref(), Some("Impulse Duffle + Travel Case"));
    assert!(fake.targets().iter().any(|t| t.starts_with("/rest/us_en/V1/products")), "{:?}", fake.targets());
    assert!(!fake.targets().iter().any(|t| t.starts_with("/rest/default/")), "{:?}", fake.targets());
}

#[tokio::test]
async fn a_401_says_which_cause_is_likely() {
    // The integration's access token as a Bearer token, with the switch off: a guest, refused.
    let fake = FakeMagento::start_with(Fixtures::embedded(), integration(), Habits::default()).await.unwrap();
    let mut cfg = config(&fake.url());
    cfg.auth.token = Some(Secret::new(AT));
    let docs = Documents::new(cfg.clone()).unwrap();
    let e = docs.document("base", "24-MB01").await.unwrap_err();
    let text = e.to_string();
    assert_eq!(e.status(), Some(401), "{text}");
    assert!(text.contains("standalone Bearer tokens"), "{text}");
    assert!(!text.contains(AT) && !text.contains(CS), "no secret in {text}");
    // The merchant turns the switch on: the same token works.
    fake.set_habits(Habits { bearer_switch: true, ..Habits::default() });
    let docs = Documents::new(cfg).unwrap();
    docs.document("base", "24-MB01").await.unwrap().unwrap();

    // OAuth with a resource the integration lacks: the resource is named.
    fake.set_habits(Habits { denied_resources: vec!["Magento_InventoryApi::source".into()], ..Habits::default() });
    let docs = Documents::new(oauth_config(&fake.url())).unwrap();
    let text = docs.document("base", "24-MB01").await.unwrap_err().to_string();
    assert!(text.contains("missing ACL resource") && text.contains("Magento_InventoryApi::source"), "{text}");
    assert!(!text.contains("standalone Bearer"), "{text}");
}

#[tokio::test]
async fn without_msi_the_stock_item_is_the_one_source_and_healthz_and_check_say_legacy() {
    let fake = start(Habits { msi: false, ..Habits::default() }).await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    assert_eq!(docs.inventory().await.unwrap(), Inventory::Legacy);
    let d = docs.document("base", "24-MB01").await.unwrap().unwrap();
    let item: Value = serde_json::from_str(&fixture("GET_V1_stockItems_24-MB01.json")).unwrap();
    assert_eq!(d.product.sources.len(), 1);
    assert_eq!(d.product.sources[0].source_code, "default");
    assert_eq!(d.product.sources[0].quantity, core_api::qty(item["qty"].as_f64().unwrap()).unwrap());
    assert_eq!(d.product.sources[0].status == SourceStatus::InStock, item["is_in_stock"].as_bool().unwrap());
    assert!(d.product.reservations.is_empty(), "legacy stock has no reservations");
    assert!(fake.targets().iter().all(|t| !t.contains("/V1/inventory/") || t.contains("/V1/inventory/sources")), "{:?}", fake.targets());

    // check compares with the legacy stock status, with no difference.
    let report = salable_bridge::check::run(&docs, "base", &["24-MB01".to_owned(), "24-MB04".to_owned()], &[]).await.unwrap();
    assert_eq!((report.differences, report.errors), (0, 0), "{}", report.lines.join("\n"));
    assert!(report.lines.iter().any(|l| l.contains("stock status (legacy)")), "{}", report.lines.join("\n"));

    // serve says which mode it runs in.
    let legacy = bridge(config(&fake.url())).await;
    assert_eq!(reqwest::get(legacy.url("/stock/base/24-MB01.json")).await.unwrap().status(), 200);
    let health: Value = reqwest::get(legacy.url("/healthz")).await.unwrap().json().await.unwrap();
    assert_eq!(health["inventory"], "legacy", "{health}");

    // And an MSI store says so too.
    let fake = start(Habits::default()).await;
    let msi = bridge(config(&fake.url())).await;
    assert_eq!(reqwest::get(msi.url("/stock/base/24-MB01.json")).await.unwrap().status(), 200);
    let health: Value = reqwest::get(msi.url("/healthz")).await.unwrap().json().await.unwrap();
    assert_eq!(health["inventory"], "msi", "{health}");
}

#[tokio::test]
async fn bundle_and_grouped_products_are_published_served_exported_and_checked() {
    let fake = start(limits(300)).await;
    let docs = Documents::new(config(&fake.url())).unwrap();

    let kit = docs.document("base", "24-WG080").await.unwrap().unwrap();
    assert_eq!(kit.product.product_type, ProductType::Bundle);
    let shape: Vec<(String, bool, usize)> = kit.product.options.iter().map(|o| (o.id.clone(), o.required, o.selections.len())).collect();
    assert_eq!(shape, [("11".to_owned(), true, 2), ("12".to_owned(), true, 3), ("13".to_owned(), false, 1)]);
    let out = core_api::evaluate(&kit, None);
    assert_eq!(out["is_salable"], true, "{out}");
    // 24-WG083-blue is not salable in Magento (0, false): its selection is not available.
    let balls = &out["options"][0]["selections"];
    assert_eq!((balls[0]["available"].as_bool(), balls[1]["available"].as_bool()), (Some(true), Some(false)), "{out}");

    let straps = docs.document("base", "24-WG085_Group").await.unwrap().unwrap();
    assert_eq!(straps.product.product_type, ProductType::Grouped);
    let kids: Vec<(&str, Qty)> = straps.product.children.iter().map(|c| (c.sku.as_str(), c.default_qty)).collect();
    assert_eq!(kids, [("24-WG085", Qty::from_int(1)), ("24-WG086", Qty::from_int(2)), ("24-WG087", Qty::ZERO)]);
    assert_eq!(core_api::evaluate(&straps, None)["is_salable"], true);

    // serve: 200 documents the element reads.
    let bridge = bridge(config(&fake.url())).await;
    for sku in ["24-WG080", "24-WG085_Group"] {
        let r = reqwest::get(bridge.url(&format!("/stock/base/{sku}.json"))).await.unwrap();
        assert_eq!(r.status(), 200, "{sku}");
        let d = core_api::parse_document(&r.text().await.unwrap()).unwrap();
        assert_eq!(d.product.sku, sku);
    }
    // export: both written beside a simple product.
    let out_dir = temp("composites");
    let skus = ["24-WG080".to_owned(), "24-WG085_Group".to_owned(), "24-MB01".to_owned()];
    let summary = salable_bridge::export::run(&docs, "base", &skus, false, &out_dir, false).await.unwrap();
    assert_eq!(summary.written, 3, "{summary:?}");
    assert_eq!(read(&out_dir, "24-WG080"), kit);
    // check: each child compared with Magento's own answers, no difference.
    let report = salable_bridge::check::run(&docs, "base", &skus[..2], &[]).await.unwrap();
    assert_eq!((report.differences, report.errors), (0, 0), "{}", report.lines.join("\n"));
    assert!(report.lines.iter().any(|l| l.contains("bundle: checking its 6 child(ren)")), "{}", report.lines.join("\n"));
    std::fs::remove_dir_all(&out_dir).ok();
}

#[tokio::test]
async fn an_absent_answer_is_an_upstream_error_that_names_the_sku() {
    let e = UpstreamError::Absent { endpoint: "export-stock-salable-qty", sku: "24-WG088".into() };
    assert!(e.to_string().contains("\"24-WG088\"") && e.to_string().contains("export-stock-salable-qty"));
}
