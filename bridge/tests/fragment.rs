//! `GET /stock/{website}/{sku}.html` (SPEC §15): the element's markup rendered natively from the
//! same document as the `.json`, with its own ETag and the document's Cache-Control.

mod common;

use common::*;

#[tokio::test]
async fn the_html_fragment_is_the_elements_markup_for_the_json_document() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.cache.max_age = 45;
    let b = bridge(cfg).await;
    let c = client();
    let json: serde_json::Value = c.get(b.url("/stock/base/24-MB01.json")).send().await.unwrap().json().await.unwrap();
    let out: serde_json::Value =
        serde_json::from_str(&salable::evaluate(&salable::InputDocument::from_json(&json.to_string()).unwrap()).to_json()).unwrap();

    let r = c.get(b.url("/stock/base/24-MB01.html?json_ld=1&stylesheet=%2Fassets%2Fs.css")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    assert!(h["cache-control"].to_str().unwrap().starts_with("public, max-age=45"));
    let etag = h["etag"].to_str().unwrap().to_owned();
    let html = r.text().await.unwrap();
    let kind = out["message"]["kind"].as_str().unwrap();
    assert!(
        html.starts_with(&format!(r#"<stock-status src="/stock/base/24-MB01.json" data-kind="{kind}"><template shadowrootmode="open">"#)),
        "{html}"
    );
    assert!(html.contains(r#"<link rel="stylesheet" href="/assets/s.css">"#));
    assert!(html.contains(&format!(r#"<span part="message">{}</span>"#, out["message"]["text"].as_str().unwrap())), "{html}");
    assert!(html.contains(&format!(r#""availability":"{}""#, out["schema_org_availability"].as_str().unwrap())), "{html}");

    let r = c
        .get(b.url("/stock/base/24-MB01.html?json_ld=1&stylesheet=%2Fassets%2Fs.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let fr = c.get(b.url("/stock/base/24-MB01.html?locale=fr")).send().await.unwrap().text().await.unwrap();
    assert!(fr.contains(r#" locale="fr" "#) && !fr.contains("ld+json"), "{fr}");
    assert_eq!(c.get(b.url("/stock/base/24-MB01.txt")).send().await.unwrap().status(), 404);
}
