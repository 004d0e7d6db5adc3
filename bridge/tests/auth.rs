//! Bearer and OAuth 1.0a against the fake Magento, good and bad credentials.

mod common;

use common::*;
use fake_magento::{FakeAuth, FakeMagento, Fixtures};
use salable_bridge::config::Config;
use salable_bridge::documents::Documents;
use salable_bridge::magento::UpstreamError;
use salable_bridge::secret::Secret;

fn oauth_fake_auth() -> FakeAuth {
    FakeAuth::OAuth {
        consumer_key: "ck-test".into(),
        consumer_secret: "cs-test-secret".into(),
        token: "at-test".into(),
        token_secret: "ats-test-secret".into(),
    }
}

fn oauth_config(url: &str, consumer_secret: &str) -> Config {
    let mut c = config(url);
    c.auth.token = None;
    c.auth.consumer_key = Some(Secret::new("ck-test"));
    c.auth.consumer_secret = Some(Secret::new(consumer_secret));
    c.auth.access_token = Some(Secret::new("at-test"));
    c.auth.access_token_secret = Some(Secret::new("ats-test-secret"));
    c
}

#[tokio::test]
async fn bearer_good_and_bad() {
    let fake = fake().await;
    let good = Documents::new(config(&fake.url())).unwrap();
    assert!(good.document("base", "24-MB01").await.unwrap().is_ok());
    assert!(fake.authorizations().iter().all(|a| a == &format!("Bearer {TOKEN}")));
    assert_eq!(fake.unauthorized(), 0);

    let mut bad = config(&fake.url());
    bad.auth.token = Some(Secret::new("wrong-token"));
    let err = Documents::new(bad).unwrap().document("base", "24-MB01").await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().contains("isn't authorized"), "{err}");
    let mut none = config(&fake.url());
    none.auth.token = None;
    assert_eq!(Documents::new(none).unwrap().document("base", "24-MB01").await.unwrap_err().status(), Some(401));
    assert!(fake.unauthorized() >= 2);
}

#[tokio::test]
async fn oauth_signatures_good_and_bad() {
    let fake = FakeMagento::start(Fixtures::embedded(), oauth_fake_auth()).await.unwrap();
    let docs = Documents::new(oauth_config(&fake.url(), "cs-test-secret")).unwrap();
    // Every endpoint, searchCriteria included in the signature, verified by the fake.
    for sku in ["24-MB01", "24-MB04", "24-WB05", "FAB-LIN-M"] {
        assert!(docs.document("base", sku).await.unwrap().is_ok(), "{sku}");
    }
    assert_eq!(fake.unauthorized(), 0);
    let headers = fake.authorizations();
    assert!(headers.iter().all(|h| h.starts_with("OAuth ")
        && h.contains("oauth_signature_method=\"HMAC-SHA256\"")
        && !h.contains("cs-test-secret")
        && !h.contains("ats-test-secret")));
    // Two requests never share a nonce.
    let nonces: std::collections::HashSet<&str> =
        headers.iter().filter_map(|h| h.split("oauth_nonce=\"").nth(1)).filter_map(|r| r.split('"').next()).collect();
    assert_eq!(nonces.len(), headers.len());

    let wrong = Documents::new(oauth_config(&fake.url(), "not-the-secret")).unwrap();
    let err = wrong.document("eu", "24-MB01").await.unwrap_err();
    assert!(matches!(err, UpstreamError::Status { status: 401, .. }), "{err}");
    // A Bearer token is no good where OAuth is required.
    let bearer = Documents::new(config(&fake.url())).unwrap();
    assert_eq!(bearer.document("eu", "24-MB04").await.unwrap_err().status(), Some(401));
}

#[tokio::test]
async fn a_refused_token_is_a_clean_502_from_serve() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.auth.token = Some(Secret::new("revoked-token-123"));
    let b = bridge(cfg).await;
    let r = client().get(b.url("/stock/base/24-MB01.json")).send().await.unwrap();
    assert_eq!(r.status(), 502);
    let text = r.text().await.unwrap();
    assert!(text.contains("upstream_error") && !text.contains("revoked-token-123"), "{text}");
}
