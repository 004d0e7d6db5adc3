//! `serve` over real HTTP on loopback: ETag and 304, Cache-Control, CORS, JSON errors, request
//! coalescing, Magento slow / down / 500 / garbage, hostile SKUs and paths.

mod common;

use common::*;
use fake_magento::Mode;
use salable_bridge::documents::Documents;
use salable_bridge::server::{self, AppState};
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

#[tokio::test]
async fn documents_carry_etag_cache_control_and_cors_and_answer_304() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.cache.max_age = 45;
    cfg.cache.stale_while_revalidate = 90;
    cfg.cors_origin = Some("https://shop.example.com".into());
    let b = bridge(cfg).await;
    let c = client();
    let r = c.get(b.url("/stock/base/24-MB01.json")).header("origin", "https://shop.example.com").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["cache-control"], "public, max-age=45, stale-while-revalidate=90");
    assert_eq!(h["access-control-allow-origin"], "https://shop.example.com");
    assert!(h["content-type"].to_str().unwrap().starts_with("application/json"));
    let etag = h["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() > 10);
    let body: Value = r.json().await.unwrap();
    assert_eq!(norm(&body), norm(&serde_json::from_str::<Value>(&expected("24-MB01")).unwrap()));

    let r = c.get(b.url("/stock/base/24-MB01.json")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()["etag"], etag.as_str());
    assert!(r.bytes().await.unwrap().is_empty());
    let r = c.get(b.url("/stock/base/24-MB01.json")).header("if-none-match", format!("\"other\", W/{etag}")).send().await.unwrap();
    assert_eq!(r.status(), 304, "weak comparison, lists");
    let r = c.get(b.url("/stock/base/24-MB01.json")).header("if-none-match", "\"stale\"").send().await.unwrap();
    assert_eq!(r.status(), 200);
    // Another document, another tag.
    let other = c.get(b.url("/stock/base/24-MB04.json")).send().await.unwrap();
    assert_ne!(other.headers()["etag"], etag.as_str());
    // The CORS preflight.
    let pre = c
        .request(reqwest::Method::OPTIONS, b.url("/stock/base/24-MB01.json"))
        .header("origin", "https://shop.example.com")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success());
    assert_eq!(pre.headers()["access-control-allow-origin"], "https://shop.example.com");
    // Health.
    let r = c.get(b.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "ok");
}

async fn json_error(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{status}");
    (status, r.json().await.unwrap())
}

#[tokio::test]
async fn unknown_skus_websites_and_paths_are_json_404s() {
    let fake = fake().await;
    let b = bridge(config(&fake.url())).await;
    let c = client();
    for (path, status, code) in [
        ("/stock/base/NOPE-404.json", 404, "not_found"),
        ("/stock/nope/24-MB01.json", 404, "not_found"),
        ("/stock/base/24-MB01", 404, "not_found"),
        ("/nothing/here", 404, "not_found"),
    ] {
        let (s, body) = json_error(c.get(b.url(path)).send().await.unwrap()).await;
        assert_eq!((s, body["error"].as_str().unwrap()), (status, code), "{path}: {body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    // A document's 404 says the same whatever the reason, and names neither the SKU nor why.
    for path in ["/stock/base/NOPE-404.json", "/stock/nope/24-MB01.json"] {
        let (_, body) = json_error(c.get(b.url(path)).send().await.unwrap()).await;
        assert_eq!(body["message"], "no stock document for this SKU and website", "{path}: {body}");
        for detail in ["NOPE-404", "unknown", "nope", "website \"", "disabled", "assigned"] {
            assert!(!body.to_string().contains(detail), "{path}: {body}");
        }
    }
    let (s, body) = json_error(c.post(b.url("/stock/base/24-MB01.json")).send().await.unwrap()).await;
    assert_eq!((s, body["error"].as_str().unwrap()), (405, "method_not_allowed"));
    assert_eq!(fake.non_get(), 0);
}

#[tokio::test]
async fn a_thousand_concurrent_requests_make_one_fetch_of_each_endpoint() {
    let fake = fake().await;
    // Slow enough that every request arrives while the first fetch is in flight.
    fake.set_delay(Duration::from_millis(150));
    let state = AppState::new(Documents::new(config(&fake.url())).unwrap());
    let app = server::router(state);
    let mut tasks = Vec::new();
    for _ in 0..1000 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let req = axum::http::Request::get("/stock/base/24-MB04.json").body(axum::body::Body::empty()).unwrap();
            let res = app.oneshot(req).await.unwrap();
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
            (status, body)
        }));
    }
    let mut bodies = std::collections::HashSet::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, 200);
        bodies.insert(body);
    }
    assert_eq!(bodies.len(), 1);
    let counts = fake.counts();
    for path in [
        "/V1/inventory/sources",
        "/V1/store/websites",
        "/V1/store/storeGroups",
        "/V1/store/storeConfigs",
        "/V1/inventory/stock-resolver/website/base",
        "/V1/inventory/get-sources-assigned-to-stock-ordered-by-priority/1",
        "/V1/products/24-MB04",
        "/V1/inventory/source-items",
        "/V1/inventory/get-product-salable-quantity/24-MB04/1",
        "/V1/inventory/is-product-salable/24-MB04/1",
    ] {
        assert_eq!(counts.get(path).copied(), Some(1), "{path}: {counts:?}");
    }
    assert_eq!(fake.total(), 10, "{counts:?}");
}

#[tokio::test]
async fn when_magento_fails_the_last_good_document_is_served_within_its_bound() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.cache.max_age = 1;
    cfg.cache.stale_if_error = 60;
    cfg.upstream.timeout_ms = 300;
    let b = bridge(cfg).await;
    let c = client();
    let good = c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap();
    assert_eq!(good.status(), 200);
    let good_body = good.text().await.unwrap();
    for mode in [Mode::Fail500, Mode::Garbage, Mode::Hang] {
        fake.set_mode(mode);
        tokio::time::sleep(Duration::from_millis(1100)).await; // past max-age
        let r = c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{mode:?}");
        assert_eq!(r.headers()["x-salable-stale"], "1");
        assert_eq!(r.headers()["cache-control"], "public, max-age=0, must-revalidate");
        assert_eq!(r.text().await.unwrap(), good_body, "{mode:?}");
        // A SKU never fetched before has nothing to fall back on: a clean JSON error.
        let (s, body) = json_error(c.get(b.url("/stock/base/24-WB05.json")).send().await.unwrap()).await;
        let expected = if mode == Mode::Hang { (504, "upstream_timeout") } else { (502, "upstream_error") };
        assert_eq!((s, body["error"].as_str().unwrap()), expected, "{mode:?}: {body}");
    }
    fake.set_mode(Mode::Normal);
    fake.stop().await; // down: connection refused
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), good_body);
    let (s, body) = json_error(c.get(b.url("/stock/eu/24-MB01.json")).send().await.unwrap()).await;
    assert_eq!((s, body["error"].as_str().unwrap()), (502, "upstream_error"));
}

#[tokio::test]
async fn without_a_recent_document_magento_failures_are_clean_errors() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.cache.max_age = 1;
    cfg.cache.stale_if_error = 0; // stale serving off
    cfg.upstream.timeout_ms = 300;
    let b = bridge(cfg).await;
    let c = client();
    assert_eq!(c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap().status(), 200);
    fake.set_delay(Duration::from_millis(800)); // slow: beyond the timeout
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let started = std::time::Instant::now();
    let (s, body) = json_error(c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap()).await;
    assert_eq!((s, body["error"].as_str().unwrap()), (504, "upstream_timeout"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(3), "bounded by the upstream timeout");
    fake.set_delay(Duration::ZERO);
    fake.set_mode(Mode::Fail500);
    let r = c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let (s, body) = json_error(r).await;
    assert_eq!((s, body["error"].as_str().unwrap()), (502, "upstream_error"));
    assert!(!body.to_string().contains("Report ID"), "Magento's internals stay inside: {body}");
    // Magento recovers: a fresh document again.
    fake.set_mode(Mode::Normal);
    assert_eq!(c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn hostile_skus_and_paths_never_reach_another_upstream_path() {
    let fake = fake().await;
    let b = bridge(config(&fake.url())).await;
    let long = format!("/stock/base/{}.json", "A".repeat(5000));
    let sku65 = format!("/stock/base/{}.json", "B".repeat(65));
    let cases: Vec<(&str, u16)> = vec![
        ("/stock/base/../../etc/passwd", 404),
        ("/stock/base/..%2F..%2Fetc%2Fpasswd.json", 404),
        ("/stock/base/%2E%2E.json", 404),
        ("/stock/base/..json", 404),
        ("/stock/..%2Fadmin/24-MB01.json", 404),
        ("/stock/base%2F..%2Feu/24-MB01.json", 404),
        ("/stock/base/24-MB01%0A.json", 404),
        ("/stock/base/24-MB01%00.json", 404),
        ("/stock/base/%FF%FE.json", 404),
        ("/stock/base/a%3Fsearch%3D1%23x.json", 404),
        ("/stock/base/Caf%C3%A9%20cr%C3%A8me%20%E2%9C%93.json", 404),
        ("/stock/base/%20leading.json", 404),
        (long.as_str(), 414),
        (sku65.as_str(), 404),
        ("/stock/base/24-MB01.json?x=../../", 200),
    ];
    for (target, status) in &cases {
        let (s, body) = raw_get(b.addr, target).await;
        assert_eq!(s, *status, "{target}: {body}");
        if s != 200 {
            let v: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{target}: not JSON: {body}"));
            assert!(v["error"].is_string(), "{target}");
        }
    }
    // Upstream, every path stayed under /rest/<store>/V1 with the SKU as one encoded segment.
    let targets = fake.targets();
    for t in &targets {
        assert!(under_rest_v1(t), "{t}");
        assert!(!t.contains("/../") && !t.contains("passwd/") && !t.contains('#'), "{t}");
    }
    let products: Vec<&String> = targets.iter().filter(|t| t.contains("/V1/products/")).collect();
    assert!(products.iter().any(|t| t.ends_with("/V1/products/..%2F..%2Fetc%2Fpasswd")), "{products:?}");
    assert!(products.iter().any(|t| t.ends_with("/V1/products/a%3Fsearch%3D1%23x")), "{products:?}");
    assert!(products.iter().any(|t| t.ends_with("/V1/products/Caf%C3%A9%20cr%C3%A8me%20%E2%9C%93")), "{products:?}");
    // Refused before any upstream call: dot segments, control characters, bad UTF-8, too long.
    for bad in ["%0A", "%00", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "AAAAAAAAAA", "/V1/products/..", "%FF"] {
        assert!(!products.iter().any(|t| t.contains(bad) && !t.contains("%2F")), "{bad} reached Magento: {products:?}");
    }
    assert_eq!(fake.non_get(), 0);
}

#[tokio::test]
async fn a_sku_with_a_slash_is_one_upstream_segment() {
    // Magento SKUs may hold slashes and spaces: a fixture set whose SKU is "BAG/01 XL".
    let dir = std::env::temp_dir().join(format!("salable-bridge-slash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut manifest: Vec<Value> = serde_json::from_str(&fixture("manifest.json")).unwrap();
    for e in &mut manifest {
        let file = e["file"].as_str().unwrap().to_owned();
        std::fs::write(dir.join(&file), fixture(&file).replace("24-MB01", "BAG\\/01 XL")).unwrap();
        // A manifest path holds literal segments: the slash inside the SKU is written encoded.
        let path = e["path"].as_str().unwrap().replace("24-MB01", "BAG%2F01 XL");
        e["path"] = Value::String(path);
        if let Some(q) = e["query"].as_str() {
            e["query"] = Value::String(q.replace("24-MB01", "BAG/01 XL"));
        }
    }
    std::fs::write(dir.join("manifest.json"), serde_json::to_string(&manifest).unwrap()).unwrap();
    // The store's other answers (store groups, sources) from the embedded set; the SKU's are these.
    let fixtures = fake_magento::Fixtures::from_dir(&dir).unwrap().with(fake_magento::Fixtures::embedded());
    let fake = fake_magento::FakeMagento::start(fixtures, fake_magento::FakeAuth::Bearer(TOKEN.into())).await.unwrap();
    let b = bridge(config(&fake.url())).await;
    let r = client().get(b.url("/stock/base/BAG%2F01%20XL.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["product"]["sku"], "BAG/01 XL");
    assert_eq!(doc["product"]["reservations"][0]["quantity"].as_f64(), Some(-3.0));
    let product = fake.targets().into_iter().find(|t| t.ends_with("/V1/products/BAG%2F01%20XL"));
    assert!(product.as_deref().is_some_and(under_rest_v1), "{:?}", fake.targets());
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn upstream_calls_respect_the_concurrency_limit() {
    let fake = fake_magento::FakeMagento::start(
        fake_magento::Fixtures::embedded().with_synthetic(12, "24-MB01"),
        fake_magento::FakeAuth::Bearer(TOKEN.into()),
    )
    .await
    .unwrap();
    fake.set_delay(Duration::from_millis(100));
    let mut cfg = config(&fake.url());
    cfg.upstream.concurrency = 3;
    let b = bridge(cfg).await;
    let c = client();
    let requests = (0..12).map(|i| c.get(b.url(&format!("/stock/base/LOAD-{i:04}.json"))).send());
    for r in futures::future::join_all(requests).await {
        assert_eq!(r.unwrap().status(), 200);
    }
    // The inventory detection, 5 website calls, 4 per SKU; never more than 3 at once.
    assert_eq!(fake.total(), 1 + 5 + 4 * 12);
    assert_eq!(fake.max_in_flight(), 3, "the limit is reached and kept");
}

#[tokio::test]
async fn a_document_older_than_the_stale_bound_is_not_served() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.cache.max_age = 1;
    cfg.cache.stale_if_error = 3;
    let b = bridge(cfg).await;
    let c = client();
    assert_eq!(c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap().status(), 200);
    fake.set_mode(Mode::Fail500);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let r = c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap();
    assert_eq!(r.status(), 200, "within the bound: stale");
    assert_eq!(r.headers()["x-salable-stale"], "1");
    tokio::time::sleep(Duration::from_millis(2400)).await; // 3.6 s since it was fetched
    let (s, body) = json_error(c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap()).await;
    assert_eq!((s, body["error"].as_str().unwrap()), (502, "upstream_error"), "past the bound: {body}");
}

/// `/rest/V1/…` or `/rest/<store code>/V1/…`: a path that stayed under Magento's REST root.
fn under_rest_v1(target: &str) -> bool {
    let Some(rest) = target.strip_prefix("/rest/") else { return false };
    let rest = match rest.split_once('/') {
        Some((store, tail)) if store != "V1" && !store.is_empty() && store.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => tail,
        _ => rest,
    };
    rest.starts_with("V1/")
}
