//! `export` (library and binary) and `check` against the fake Magento.

mod common;

use common::*;
use fake_magento::{FakeAuth, FakeMagento, Fixtures};
use salable_bridge::core_api;
use salable_bridge::documents::Documents;
use serde_json::Value;

fn temp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("salable-bridge-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[tokio::test]
async fn export_writes_the_four_base_documents_with_batched_source_items() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.upstream.page_size = 10; // 14 source items: two pages
    let docs = Documents::new(cfg).unwrap();
    let out = temp("export");
    let skus: Vec<String> = ["24-MB01", "24-MB04", "24-WB05", "FAB-LIN-M", "WS-TEE", "NOPE-404"].map(String::from).to_vec();
    let summary = salable_bridge::export::run(&docs, "base", &skus, false, &out, false).await.unwrap();
    assert_eq!(summary.written, 5, "{summary:?}");
    assert_eq!(summary.not_found, ["NOPE-404"]);
    assert!(summary.failed.is_empty());
    for sku in ["24-MB01", "24-MB04", "24-WB05", "FAB-LIN-M"] {
        let written = std::fs::read_to_string(out.join("base").join(format!("{sku}.json"))).unwrap();
        let ours = core_api::parse_document(&written).unwrap();
        let theirs = core_api::parse_document(&expected(sku)).unwrap();
        assert_eq!(ours, theirs, "{sku}");
        assert_eq!(core_api::evaluate(&ours, None), core_api::evaluate(&theirs, None));
    }
    // Batched: two pages of `sku in …` and one export-stock-salable-qty, not four of each; and
    // one of each for WS-TEE's two children.
    assert_eq!(fake.count("/V1/inventory/source-items"), 3, "{:?}", fake.counts());
    assert_eq!(fake.count("/V1/inventory/export-stock-salable-qty/website/base"), 2);
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/24-MB01/1"), 0);
    assert_eq!(fake.count("/V1/inventory/get-product-salable-quantity/WS-TEE-S/1"), 0);
    let batch = fake.targets().into_iter().filter(|t| t.contains("source-items")).collect::<Vec<_>>();
    assert!(batch.iter().all(|t| t.contains("%5Bcondition_type%5D=in")), "{batch:?}");
    assert_eq!(batch.iter().filter(|t| t.contains("24-MB01%2C24-MB04%2C24-WB05%2CFAB-LIN-M")).count(), 2, "{batch:?}");
    assert_eq!(batch.iter().filter(|t| t.contains("WS-TEE-M%2CWS-TEE-S")).count(), 1, "{batch:?}");
    std::fs::remove_dir_all(&out).ok();
}

#[tokio::test]
async fn export_all_pages_through_the_catalog() {
    let fake = FakeMagento::start(Fixtures::shared().with_synthetic(25, "24-MB01"), FakeAuth::Bearer(TOKEN.into())).await.unwrap();
    let mut cfg = config(&fake.url());
    cfg.upstream.page_size = 7;
    cfg.upstream.batch_size = 10;
    let docs = Documents::new(cfg).unwrap();
    let out = temp("export-all");
    let summary = salable_bridge::export::run(&docs, "base", &[], true, &out, false).await.unwrap();
    // The five products, WS-TEE's two children (products of their own) and 25 synthetic SKUs.
    assert_eq!(summary.written, 32, "{summary:?}");
    assert!(out.join("base/WS-TEE.json").is_file());
    // 32 products in pages of 7: 5 catalog pages.
    assert_eq!(fake.count("/V1/products"), 5);
    // Four batches of at most 10 SKUs (about 40 source items each, 6 pages of 7): fewer calls
    // than SKUs, and no per-SKU query.
    let pages = fake.count("/V1/inventory/source-items");
    assert!((4..=24).contains(&pages), "{:?}", fake.counts());
    assert!(fake.targets().iter().filter(|t| t.contains("source-items")).all(|t| t.contains("%5Bcondition_type%5D=in")));
    // One per batch, and one for WS-TEE's children.
    assert_eq!(fake.count("/V1/inventory/export-stock-salable-qty/website/base"), 5);
    let d: Value = serde_json::from_str(&std::fs::read_to_string(out.join("base/LOAD-0024.json")).unwrap()).unwrap();
    assert_eq!(d["product"]["reservations"][0]["quantity"].as_f64(), Some(-3.0));
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn the_binary_exports_and_checks() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt.block_on(fake());
    let out = temp("bin");
    let bin = env!("CARGO_BIN_EXE_salable-bridge");
    let run =
        |args: &[&str]| std::process::Command::new(bin).args(args).env("MAGENTO_TOKEN", TOKEN).env("RUST_LOG", "warn").output().unwrap();
    let url = fake.url();
    let o = run(&[
        "export",
        "--magento-url",
        &url,
        "--website",
        "base",
        "--sku",
        "24-MB01,24-MB04",
        "--sku",
        "24-WB05",
        "--sku",
        "FAB-LIN-M",
        "--only-x-left-threshold",
        "5",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout} {}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("exported 4 document(s)"), "{stdout}");
    for sku in ["24-MB01", "24-MB04", "24-WB05", "FAB-LIN-M"] {
        let written: Value = serde_json::from_str(&std::fs::read_to_string(out.join(format!("base/{sku}.json"))).unwrap()).unwrap();
        assert_eq!(norm(&written), norm(&serde_json::from_str::<Value>(&expected(sku)).unwrap()), "{sku}");
    }
    // A configurable is written; a SKU that is not makes export exit 1.
    let o = run(&["export", "--magento-url", &url, "--website", "base", "--sku", "WS-TEE", "--out", out.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout} {}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("exported 1 document(s)"), "{stdout}");
    let tee = core_api::parse_document(&std::fs::read_to_string(out.join("base/WS-TEE.json")).unwrap()).unwrap();
    assert_eq!(tee.product.children.len(), 2);
    let o = run(&["export", "--magento-url", &url, "--website", "base", "--sku", "NOPE-404", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    // check: no difference on the fixtures.
    let o = run(&["check", "--magento-url", &url, "--website", "base", "--sku", "24-MB04", "--qty", "10,20"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.contains("4 comparison(s), 0 difference(s), 0 not checked"), "{stdout}");
    // Without credentials: a clean message, exit 2 for a website that cannot be read.
    let o = std::process::Command::new(bin)
        .args(["check", "--magento-url", &url, "--website", "base", "--sku", "24-MB01"])
        .env_remove("MAGENTO_TOKEN")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("401"));
    std::fs::remove_dir_all(&out).ok();
    drop(fake);
}

#[tokio::test]
async fn check_agrees_on_every_fixture_and_reports_a_difference() {
    let fake = fake().await;
    let docs = Documents::new(config(&fake.url())).unwrap();
    let q = |v: f64| core_api::qty(v).unwrap();
    for (website, sku, qtys) in [
        ("base", "24-MB01", vec![q(1.0)]),
        ("base", "24-MB04", vec![q(10.0), q(20.0)]),
        ("base", "24-WB05", vec![q(1.0)]),
        ("base", "FAB-LIN-M", vec![q(1.1)]),
        ("eu", "FAB-LIN-M", vec![q(0.5)]),
    ] {
        let r = salable_bridge::check::run(&docs, website, &[sku.to_owned()], &qtys).await.unwrap();
        assert_eq!((r.differences, r.errors), (0, 0), "{sku}@{website}: {:#?}", r.lines);
        assert_eq!(r.compared, 2 + qtys.len());
    }
    // A Magento that disagrees (its verdict for 24-MB04 × 20 flipped): the difference is shown.
    let dir = temp("check-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(fixture_dir()).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    std::fs::write(dir.join("GET_V1_inventory_is-product-salable-for-requested-qty_24-MB04_1_20.json"), r#"{"salable":true,"errors":[]}"#)
        .unwrap();
    let other = FakeMagento::start(Fixtures::from_dir(&dir).unwrap(), FakeAuth::Bearer(TOKEN.into())).await.unwrap();
    let docs = Documents::new(config(&other.url())).unwrap();
    let r = salable_bridge::check::run(&docs, "base", &["24-MB04".to_owned()], &[q(20.0)]).await.unwrap();
    assert_eq!(r.differences, 1, "{:#?}", r.lines);
    assert!(r.lines.iter().any(|l| l.starts_with("  DIFF qty 20")), "{:#?}", r.lines);
    std::fs::remove_dir_all(&dir).ok();
}
