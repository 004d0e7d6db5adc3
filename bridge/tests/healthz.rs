//! `GET /healthz`: Magento's state from the bridge's own recent calls and the cache's size, with no
//! Magento call per probe, and `200` while the bridge runs (a liveness probe).

mod common;

use common::*;
use fake_magento::Mode;
use serde_json::Value;

async fn health(c: &reqwest::Client, b: &Bridge) -> Value {
    let r = c.get(b.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    r.json().await.unwrap()
}

#[tokio::test]
async fn healthz_reports_magento_from_recent_calls_without_calling_it() {
    let fake = fake().await;
    let b = bridge(config(&fake.url())).await;
    let c = client();

    let h = health(&c, &b).await;
    assert_eq!(h["status"], "ok");
    assert_eq!(h["magento"]["state"], "unknown", "{h}");
    assert_eq!(h["magento"]["last_success_age_s"], Value::Null);
    for _ in 0..5 {
        health(&c, &b).await;
    }
    assert_eq!(fake.total(), 0, "a probe never calls Magento");

    assert_eq!(c.get(b.url("/stock/base/24-MB04.json")).send().await.unwrap().status(), 200);
    let calls = fake.total();
    assert!(calls > 0);
    let h = health(&c, &b).await;
    assert_eq!(h["status"], "ok");
    assert_eq!(h["magento"]["state"], "ok");
    assert_eq!(h["magento"]["last_success_age_s"], 0);
    assert_eq!(h["magento"]["last_failure"], Value::Null);
    assert_eq!(h["cache"]["max_age_s"], 30);

    // Magento starts failing: the next document fetch says so, and the probe reports it.
    fake.set_mode(Mode::Fail500);
    assert!(c.get(b.url("/stock/base/24-WB05.json")).send().await.unwrap().status().is_server_error());
    let calls = fake.total().max(calls);
    let h = health(&c, &b).await;
    assert_eq!(h["status"], "degraded", "{h}");
    assert_eq!(h["magento"]["state"], "failing");
    assert_eq!(h["magento"]["last_failure"]["kind"], "status");
    assert_eq!(h["magento"]["last_failure"]["status"], 500);
    assert_eq!(h["magento"]["last_success_age_s"], 0, "the last success is still known");
    for _ in 0..5 {
        health(&c, &b).await;
    }
    assert_eq!(fake.total(), calls, "probes while Magento fails call nothing either");

    fake.set_mode(Mode::Normal);
    assert_eq!(c.get(b.url("/stock/base/24-WB05.json")).send().await.unwrap().status(), 200);
    assert_eq!(health(&c, &b).await["magento"]["state"], "ok");
}
