//! Each habit of a real Magento 2.4.7 store (`Habits`, SPEC §16.1), as the fake answers it over
//! HTTP: input limits and the maximum page size, `in` splitting on commas, OAuth path normalisation,
//! nonces and timestamps, the Bearer switch, denied ACL resources, MSI off, store groups and views,
//! bundle and grouped shapes, and synthetic SKUs at catalog scale.

use fake_magento::{FakeAuth, FakeMagento, Fixtures, Habits};
use salable_bridge::magento::oauth as signer;
use salable_bridge::magento::percent;
use serde_json::Value;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const ADMIN: &str = "admin-token-5b1c";
const CK: &str = "ck-integration";
const CS: &str = "cs-integration-secret";
const AT: &str = "at-integration";
const ATS: &str = "ats-integration-secret";

fn both() -> FakeAuth {
    FakeAuth::AdminAndIntegration {
        admin_token: ADMIN.into(),
        consumer_key: CK.into(),
        consumer_secret: CS.into(),
        token: AT.into(),
        token_secret: ATS.into(),
    }
}

async fn start(habits: Habits) -> FakeMagento {
    FakeMagento::start_with(Fixtures::embedded(), both(), habits).await.unwrap()
}

/// GET `target` (path and query, already encoded) with an `Authorization` header.
async fn get(fake: &FakeMagento, target: &str, authorization: &str) -> (u16, Value) {
    let r = reqwest::Client::new().get(format!("{}{target}", fake.url())).header("authorization", authorization).send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{target}: {e}: {text}")))
}

async fn admin(fake: &FakeMagento, target: &str) -> (u16, Value) {
    get(fake, target, &format!("Bearer {ADMIN}")).await
}

fn enc(s: &str) -> String {
    percent::encode(s)
}

/// `searchCriteria` for one filter, with an optional page size.
fn criteria(field: &str, value: &str, condition: &str, page_size: Option<usize>) -> String {
    let mut q = format!(
        "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D={field}&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D={}&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D={condition}",
        enc(value)
    );
    if let Some(n) = page_size {
        q.push_str(&format!("&searchCriteria%5BpageSize%5D={n}"));
    }
    q
}

fn skus(v: &Value) -> Vec<String> {
    v["items"].as_array().unwrap().iter().map(|i| i["sku"].as_str().unwrap().to_owned()).collect()
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// An OAuth header made by the bridge's signer (a separate implementation) over `signed_url` and
/// `query` (encoded, as sent).
fn oauth_header(signed_url: &str, query: &str, nonce: &str, timestamp: u64, method: signer::Method) -> String {
    let creds = signer::Credentials { consumer_key: CK, consumer_secret: CS, token: AT, token_secret: ATS };
    signer::authorization(&creds, method, "GET", signed_url, &query_pairs(query), Some(nonce), Some(timestamp))
}

/// An encoded query string's pairs, decoded.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://x/?{query}")).unwrap();
    url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

#[tokio::test]
async fn input_limits_off_a_search_answers_every_item_and_any_page_size() {
    let fake = FakeMagento::start_with(Fixtures::embedded().with_synthetic(50, "24-MB01"), both(), Habits::default()).await.unwrap();
    let (s, v) = admin(&fake, &format!("/rest/V1/products?{}", criteria("sku", "LOAD-%", "like", None))).await;
    assert_eq!(s, 200);
    assert_eq!((skus(&v).len(), v["total_count"].as_u64()), (50, Some(50)));
    assert!(v["search_criteria"].get("page_size").is_none(), "{}", v["search_criteria"]);
    let (s, v) = admin(&fake, &format!("/rest/V1/products?{}", criteria("sku", "LOAD-%", "like", Some(1000)))).await;
    assert_eq!((s, skus(&v).len()), (200, 50));
}

#[tokio::test]
async fn input_limits_on_a_search_without_page_size_gets_20_and_export_counts_what_it_returned() {
    let habits = Habits { input_limits: true, ..Habits::default() };
    let fake = FakeMagento::start_with(Fixtures::embedded().with_synthetic(50, "24-MB01"), both(), habits).await.unwrap();
    // DefaultPageSizeSetter: 20 items, the full count, and the page size in the echo.
    let (s, v) = admin(&fake, &format!("/rest/V1/products?{}", criteria("sku", "LOAD-%", "like", None))).await;
    assert_eq!((s, skus(&v).len(), v["total_count"].as_u64()), (200, 20, Some(50)));
    assert_eq!(v["search_criteria"]["page_size"], 20);
    let list: Vec<String> = (0..50).map(|i| format!("LOAD-{i:04}")).collect();
    let (s, v) = admin(&fake, &format!("/rest/V1/inventory/source-items?{}", criteria("sku", &list.join(","), "in", None))).await;
    assert_eq!((s, skus(&v).len(), v["total_count"].as_u64()), (200, 20, Some(200)));
    // export-stock-salable-qty: a batch of 50 answers 20 items, and total_count says 20.
    let (s, v) =
        admin(&fake, &format!("/rest/V1/inventory/export-stock-salable-qty/website/base?{}", criteria("sku", &list.join(","), "in", None)))
            .await;
    assert_eq!(s, 200);
    assert_eq!(skus(&v), list[..20].to_vec());
    assert_eq!(v["total_count"], 20);
    // With page_size and current_page, every SKU can be had.
    let (_, v) = admin(
        &fake,
        &format!(
            "/rest/V1/inventory/export-stock-salable-qty/website/base?{}&searchCriteria%5BcurrentPage%5D=3",
            criteria("sku", &list.join(","), "in", Some(20))
        ),
    )
    .await;
    assert_eq!(skus(&v), list[40..].to_vec());
    assert_eq!(v["items"][0]["qty"], 97);
}

#[tokio::test]
async fn a_request_line_longer_than_nginxs_buffer_is_its_414_and_never_reaches_magento() {
    let fake = start(Habits::default()).await;
    let path = "/rest/V1/products?";
    let fixed = criteria("sku", "", "in", Some(300)).len() + "GET ".len() + path.len() + " HTTP/1.1\r\n".len();
    // The `in` value that makes the request line exactly 8,192 bytes, then one byte more.
    let fits = "A".repeat(8_192 - fixed);
    let (s, _) = admin(&fake, &format!("{path}{}", criteria("sku", &fits, "in", Some(300)))).await;
    assert_eq!(s, 200);
    let before = fake.total();
    let target = format!("{path}{}", criteria("sku", &format!("{fits}B"), "in", Some(300)));
    let r = reqwest::Client::new()
        .get(format!("{}{target}", fake.url()))
        .header("authorization", format!("Bearer {ADMIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 414);
    assert_eq!(r.headers()["content-type"], "text/html");
    assert!(r.text().await.unwrap().contains("<title>414 Request-URI Too Large</title>"));
    assert_eq!(fake.too_long(), 1);
    assert_eq!(fake.total(), before, "Magento never counted it");
}

#[tokio::test]
async fn input_limits_on_a_page_size_above_the_maximum_is_magentos_400() {
    let fake = start(Habits { input_limits: true, max_page_size: 50, ..Habits::default() }).await;
    for target in [
        format!("/rest/V1/products?{}", criteria("sku", "24-MB01", "eq", Some(51))),
        format!("/rest/V1/inventory/source-items?{}", criteria("sku", "24-MB01", "eq", Some(51))),
        format!("/rest/V1/inventory/export-stock-salable-qty/website/base?{}", criteria("sku", "24-MB01", "eq", Some(51))),
        "/rest/V1/inventory/sources?searchCriteria%5Bpage_size%5D=51".to_owned(),
    ] {
        let (s, v) = admin(&fake, &target).await;
        assert_eq!(s, 400, "{target}");
        assert_eq!(v, serde_json::json!({"message": "Maximum SearchCriteria pageSize is %max", "parameters": {"max": 50}}), "{target}");
    }
    let (s, _) = admin(&fake, &format!("/rest/V1/products?{}", criteria("sku", "24-MB01", "eq", Some(50)))).await;
    assert_eq!(s, 200);
    // Limits off: no maximum.
    fake.set_habits(Habits { max_page_size: 50, ..Habits::default() });
    let (s, _) = admin(&fake, &format!("/rest/V1/products?{}", criteria("sku", "24-MB01", "eq", Some(5000)))).await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn in_splits_on_commas_so_a_comma_sku_is_found_only_by_eq() {
    let fake = start(Habits::default()).await;
    let comma = "24-UG01,PK2";
    for path in ["/rest/V1/products", "/rest/V1/inventory/source-items", "/rest/V1/inventory/export-stock-salable-qty/website/base"] {
        let (s, v) = admin(&fake, &format!("{path}?{}", criteria("sku", &format!("{comma},24-MB01"), "in", Some(100)))).await;
        assert_eq!(s, 200);
        assert!(skus(&v).iter().all(|s| s == "24-MB01") && !skus(&v).is_empty(), "{path}: {v}");
        let (s, v) = admin(&fake, &format!("{path}?{}", criteria("sku", comma, "eq", Some(100)))).await;
        assert_eq!(s, 200);
        assert!(!skus(&v).is_empty() && skus(&v).iter().all(|s| s == comma), "{path}: {v}");
    }
    // The SKU's own answers exist (a full simple product), path-encoded.
    let (s, v) = admin(&fake, &format!("/rest/V1/products/{}", enc(comma))).await;
    assert_eq!((s, v["sku"].as_str()), (200, Some(comma)));
}

#[tokio::test]
async fn oauth_2_4_7_signs_the_decoded_path_so_an_encoded_path_signature_is_refused() {
    let fake = start(Habits::default()).await;
    let base = fake.url();
    for sku in ["MT07/S-GRN", "24-UG01,PK2", "24-UB02+CASE", "B&W:TEE-L"] {
        let path = format!("/rest/default/V1/products/{}", enc(sku));
        // Signed over the path as Laminas' Uri::normalize() leaves it: reserved characters decoded.
        let decoded = format!("{base}/rest/default/V1/products/{sku}");
        let good = oauth_header(&decoded, "", &format!("n1-{sku}"), now(), signer::Method::HmacSha256);
        let (s, v) = get(&fake, &path, &good).await;
        assert_eq!((s, v["sku"].as_str()), (200, Some(sku)), "{sku}: {v}");
        // Signed over the encoded path, as RFC 5849 would: 401.
        let bad = oauth_header(&format!("{base}{path}"), "", &format!("n2-{sku}"), now(), signer::Method::HmacSha256);
        let (s, v) = get(&fake, &path, &bad).await;
        assert_eq!(s, 401, "{sku}");
        assert_eq!(v["message"], "The signature is invalid. Verify and try again.");
    }
    // A plain SKU and signed searchCriteria: both ways agree.
    let query = criteria("sku", "24-MB01", "eq", Some(10));
    let h = oauth_header(&format!("{base}/rest/V1/inventory/source-items"), &query, "n3", now(), signer::Method::HmacSha256);
    assert_eq!(get(&fake, &format!("/rest/V1/inventory/source-items?{query}"), &h).await.0, 200);
    // Releases after 2.4.7 (normalisation off): the encoded path is the one signed.
    fake.set_habits(Habits { oauth_path_normalisation: false, ..Habits::default() });
    let path = format!("/rest/default/V1/products/{}", enc("MT07/S-GRN"));
    let h = oauth_header(&format!("{base}{path}"), "", "n4", now(), signer::Method::HmacSha256);
    assert_eq!(get(&fake, &path, &h).await.0, 200);
    let h = oauth_header(&format!("{base}/rest/default/V1/products/MT07/S-GRN"), "", "n5", now(), signer::Method::HmacSha256);
    assert_eq!(get(&fake, &path, &h).await.0, 401);
}

#[tokio::test]
async fn oauth_refuses_a_reused_nonce_a_future_timestamp_and_hmac_sha1() {
    let fake = start(Habits::default()).await;
    let url = format!("{}/rest/V1/products/24-MB01", fake.url());
    let h = oauth_header(&url, "", "once", now(), signer::Method::HmacSha256);
    assert_eq!(get(&fake, "/rest/V1/products/24-MB01", &h).await.0, 200);
    let (s, v) = get(&fake, "/rest/V1/products/24-MB01", &h).await;
    assert_eq!((s, v["message"].as_str()), (401, Some("The nonce is already being used by the consumer with ID %1")));
    // More than 600 s ahead (Nonce\Generator::TIME_DEVIATION); 500 s ahead and a day old pass.
    let (s, v) = get(&fake, "/rest/V1/products/24-MB01", &oauth_header(&url, "", "ahead", now() + 700, signer::Method::HmacSha256)).await;
    assert_eq!((s, v["message"].as_str()), (401, Some("An error occurred validating the nonce")));
    assert_eq!(
        get(&fake, "/rest/V1/products/24-MB01", &oauth_header(&url, "", "near", now() + 500, signer::Method::HmacSha256)).await.0,
        200
    );
    assert_eq!(
        get(&fake, "/rest/V1/products/24-MB01", &oauth_header(&url, "", "old", now() - 86_400, signer::Method::HmacSha256)).await.0,
        200
    );
    // 2.4 supports HMAC-SHA256 only.
    let (s, v) = get(&fake, "/rest/V1/products/24-MB01", &oauth_header(&url, "", "sha1", now(), signer::Method::HmacSha1)).await;
    assert_eq!(
        (s, v["message"].as_str(), v["parameters"][0].as_str()),
        (400, Some("Signature method %1 is not supported"), Some("HMAC-SHA1"))
    );
    // A wrong secret: the signature.
    let creds = signer::Credentials { consumer_key: CK, consumer_secret: "not-it", token: AT, token_secret: ATS };
    let h = signer::authorization(&creds, signer::Method::HmacSha256, "GET", &url, &[], Some("wrong"), Some(now()));
    assert_eq!(get(&fake, "/rest/V1/products/24-MB01", &h).await.1["message"], "The signature is invalid. Verify and try again.");
}

#[tokio::test]
async fn bearer_switch_off_an_integration_token_runs_as_guest_and_the_401_names_the_route_resource() {
    let fake = start(Habits::default()).await;
    let integration = format!("Bearer {AT}");
    for (target, resource) in [
        ("/rest/V1/products/24-MB01", "Magento_Catalog::products"),
        ("/rest/V1/inventory/source-items?searchCriteria%5Bpage_size%5D=1", "Magento_InventoryApi::source"),
        ("/rest/V1/inventory/get-product-salable-quantity/24-MB01/1", "Magento_InventorySalesApi::stock"),
        ("/rest/V1/stockItems/24-MB01", "Magento_CatalogInventory::cataloginventory"),
        ("/rest/V1/store/storeGroups", "Magento_Backend::store"),
    ] {
        let (s, v) = get(&fake, target, &integration).await;
        assert_eq!(s, 401, "{target}");
        assert_eq!(
            v,
            serde_json::json!({"message": "The consumer isn't authorized to access %resources.", "parameters": {"resources": resource}})
        );
        // The admin token is always good.
        assert_eq!(admin(&fake, target).await.0, 200, "{target}");
    }
    fake.set_habits(Habits { bearer_switch: true, ..Habits::default() });
    assert_eq!(get(&fake, "/rest/V1/products/24-MB01", &integration).await.0, 200);
    // An unknown token is a guest either way.
    assert_eq!(get(&fake, "/rest/V1/products/24-MB01", "Bearer nope").await.0, 401);
}

#[tokio::test]
async fn a_denied_resource_is_a_401_naming_it_for_a_valid_token() {
    let fake = start(Habits { denied_resources: vec!["Magento_InventorySalesApi::stock".into()], ..Habits::default() }).await;
    let (s, v) = admin(&fake, "/rest/V1/inventory/is-product-salable/24-MB01/1").await;
    assert_eq!((s, v["parameters"]["resources"].as_str()), (401, Some("Magento_InventorySalesApi::stock")));
    assert_eq!(admin(&fake, "/rest/V1/inventory/stock-resolver/website/base").await.0, 401);
    assert_eq!(admin(&fake, "/rest/V1/products/24-MB01").await.0, 200);
    assert_eq!(fake.unauthorized(), 2);
}

#[tokio::test]
async fn msi_off_every_inventory_route_is_a_404_and_legacy_stock_answers() {
    let fake = start(Habits { msi: false, ..Habits::default() }).await;
    for target in [
        "/rest/V1/inventory/source-items?searchCriteria%5Bpage_size%5D=1",
        "/rest/V1/inventory/stock-resolver/website/base",
        "/rest/V1/inventory/get-product-salable-quantity/24-MB01/1",
        "/rest/V1/inventory/export-stock-salable-qty/website/base?searchCriteria%5Bpage_size%5D=1",
        "/rest/V1/inventory/sources",
    ] {
        let (s, v) = admin(&fake, target).await;
        assert_eq!((s, v["message"].as_str()), (404, Some("Request does not match any route.")), "{target}");
        // Before any credential is looked at.
        assert_eq!(get(&fake, target, "").await.0, 404);
    }
    let (s, item) = admin(&fake, "/rest/V1/stockItems/24-MB01").await;
    assert_eq!((s, &item["qty"], &item["is_in_stock"]), (200, &Value::from(100), &Value::Bool(true)));
    let (s, status) = admin(&fake, "/rest/V1/stockStatuses/24-WB05").await;
    assert_eq!(s, 200);
    let keys: Vec<&str> = status.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 5);
    for k in ["product_id", "stock_id", "qty", "stock_status", "stock_item"] {
        assert!(keys.contains(&k), "{status}");
    }
    assert_eq!(
        (&status["qty"], &status["stock_status"], &status["stock_item"]["is_in_stock"]),
        (&Value::from(0), &Value::from(0), &Value::Bool(false))
    );
    let (s, p) = admin(&fake, "/rest/V1/products/24-MB01").await;
    assert_eq!((s, &p["extension_attributes"]["stock_item"]["qty"]), (200, &Value::from(100)));
    assert_eq!(admin(&fake, "/rest/V1/stockStatuses/NOPE-404").await.0, 404);
    // MSI back on.
    fake.set_habits(Habits::default());
    assert_eq!(admin(&fake, "/rest/V1/inventory/get-product-salable-quantity/24-MB01/1").await, (200, Value::from(97)));
}

#[tokio::test]
async fn store_groups_name_the_default_view_which_is_not_the_first_listed() {
    let fake = start(Habits::default()).await;
    let (_, websites) = admin(&fake, "/rest/V1/store/websites").await;
    let base = websites.as_array().unwrap().iter().find(|w| w["code"] == "base").unwrap().clone();
    let (s, groups) = admin(&fake, "/rest/V1/store/storeGroups").await;
    assert_eq!(s, 200);
    let group = groups.as_array().unwrap().iter().find(|g| g["id"] == base["default_group_id"]).unwrap();
    for k in ["id", "website_id", "root_category_id", "default_store_id", "name", "code"] {
        assert!(group.get(k).is_some(), "{group}");
    }
    let (_, configs) = admin(&fake, "/rest/V1/store/storeConfigs").await;
    let on_base: Vec<&Value> = configs.as_array().unwrap().iter().filter(|c| c["website_id"] == base["id"]).collect();
    assert_eq!(on_base.len(), 2);
    let default_view = on_base.iter().find(|c| c["id"] == group["default_store_id"]).unwrap();
    assert_ne!(on_base[0]["id"], group["default_store_id"], "the first listed is not the default view");
    assert_eq!(default_view["code"], "us_en");
    let (s, views) = admin(&fake, "/rest/V1/store/storeViews").await;
    assert_eq!((s, views[1]["code"].as_str(), views[3]["store_group_id"].as_u64()), (200, Some("default"), Some(1)));
    // A name set on the first-listed view only: the default view answers the product's own.
    let sku = enc("24-UB02+CASE");
    let (_, on_default) = admin(&fake, &format!("/rest/us_en/V1/products/{sku}")).await;
    let (_, on_first) = admin(&fake, &format!("/rest/default/V1/products/{sku}")).await;
    assert_eq!(on_default["name"], "Impulse Duffle + Travel Case");
    assert_eq!(on_first["name"], "Impulse Duffle with Case (Default Store View)");
    let (_, found) = admin(&fake, &format!("/rest/default/V1/products?{}", criteria("sku", "24-UB02+CASE", "eq", None))).await;
    assert_eq!(found["items"][0]["name"], on_first["name"]);
    // Every other product answers alike in both views.
    assert_eq!(admin(&fake, "/rest/us_en/V1/products/24-MB01").await, admin(&fake, "/rest/default/V1/products/24-MB01").await);
}

/// Every child: a full simple product with each answer the bridge reads.
async fn assert_full_simple(fake: &FakeMagento, sku: &str) -> (f64, bool) {
    let e = enc(sku);
    let (s, p) = admin(fake, &format!("/rest/V1/products/{e}")).await;
    assert_eq!((s, p["type_id"].as_str()), (200, Some("simple")), "{sku}");
    assert!(p["extension_attributes"]["stock_item"].is_object() && p["extension_attributes"]["website_ids"].is_array(), "{sku}");
    assert_eq!(admin(fake, &format!("/rest/V1/stockItems/{e}")).await.0, 200, "{sku}");
    let (_, items) = admin(fake, &format!("/rest/V1/inventory/source-items?{}", criteria("sku", sku, "eq", Some(100)))).await;
    assert!(!skus(&items).is_empty(), "{sku}");
    let (s, qty) = admin(fake, &format!("/rest/V1/inventory/get-product-salable-quantity/{e}/1")).await;
    let (s2, salable) = admin(fake, &format!("/rest/V1/inventory/is-product-salable/{e}/1")).await;
    assert_eq!((s, s2), (200, 200), "{sku}");
    let (_, export) =
        admin(fake, &format!("/rest/V1/inventory/export-stock-salable-qty/website/base?{}", criteria("sku", sku, "eq", None))).await;
    assert_eq!((&export["items"][0]["qty"], &export["items"][0]["is_salable"]), (&qty, &salable), "{sku}");
    (qty.as_f64().unwrap(), salable.as_bool().unwrap())
}

#[tokio::test]
async fn bundle_and_grouped_answer_in_magentos_shapes_with_full_children() {
    let fake = start(Habits::default()).await;
    let (s, kit) = admin(&fake, "/rest/V1/products/24-WG080").await;
    assert_eq!((s, kit["type_id"].as_str(), kit["name"].as_str()), (200, Some("bundle"), Some("Sprite Yoga Companion Kit")));
    assert_eq!(kit["extension_attributes"]["website_ids"], serde_json::json!([1, 2]));
    assert_eq!(kit["extension_attributes"]["stock_item"]["is_in_stock"], true);
    let options = kit["extension_attributes"]["bundle_product_options"].as_array().unwrap();
    let (_, all) = admin(&fake, "/rest/V1/bundle-products/24-WG080/options/all").await;
    assert_eq!(&all, &kit["extension_attributes"]["bundle_product_options"]);
    assert_eq!(options.len(), 3);
    assert_eq!(options.iter().filter(|o| o["required"] == false).count(), 1);
    let link_keys = ["id", "sku", "option_id", "qty", "position", "is_default", "price", "price_type", "can_change_quantity"];
    let mut children = Vec::new();
    for o in options {
        for k in ["option_id", "title", "required", "type", "position", "sku", "product_links"] {
            assert!(o.get(k).is_some(), "{o}");
        }
        for l in o["product_links"].as_array().unwrap() {
            assert_eq!(l.as_object().unwrap().keys().len(), link_keys.len(), "{l}");
            assert!(l["id"].is_string() && l["option_id"] == o["option_id"], "{l}");
            children.push(l["sku"].as_str().unwrap().to_owned());
        }
    }
    assert!(options.iter().flat_map(|o| o["product_links"].as_array().unwrap()).any(|l| l["can_change_quantity"] == 1));

    let (s, set) = admin(&fake, "/rest/V1/products/24-WG085_Group").await;
    assert_eq!((s, set["type_id"].as_str()), (200, Some("grouped")));
    let (_, links) = admin(&fake, "/rest/V1/products/24-WG085_Group/links/associated").await;
    assert_eq!(&links, &set["product_links"]);
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 3);
    for l in links {
        assert_eq!((l["link_type"].as_str(), l["linked_product_type"].as_str()), (Some("associated"), Some("simple")));
        assert!(l["extension_attributes"]["qty"].is_number(), "{l}");
        children.push(l["linked_product_sku"].as_str().unwrap().to_owned());
    }
    children.sort();
    children.dedup();
    assert_eq!(children.len(), 6);
    let mut states = Vec::new();
    for c in &children {
        states.push(assert_full_simple(&fake, c).await);
    }
    // Varied stock: one out of stock, one low, one on backorder (salable below zero).
    assert!(states.iter().any(|(q, s)| *q == 0.0 && !s));
    assert!(states.iter().any(|(q, s)| *q > 0.0 && *q <= 3.0 && *s));
    assert!(states.iter().any(|(q, s)| *q < 0.0 && *s));
    // The parents have no salable quantity of their own.
    assert_eq!(admin(&fake, "/rest/V1/inventory/get-product-salable-quantity/24-WG080/1").await.0, 400);
}

#[tokio::test]
async fn special_character_skus_are_full_simple_products() {
    let fake = start(Habits::default()).await;
    for sku in ["24-UG01,PK2", "MT07/S-GRN", "24-UB02+CASE", "B&W:TEE-L"] {
        assert_full_simple(&fake, sku).await;
    }
}

#[tokio::test]
async fn a_hundred_thousand_synthetic_skus_start_at_once_and_answer_by_index() {
    let t = Instant::now();
    let fixtures = Fixtures::embedded().with_synthetic(100_000, "24-MB01");
    assert!(fixtures.product_count() > 100_000);
    let fake = FakeMagento::start_with(fixtures, both(), Habits { input_limits: true, ..Habits::default() }).await.unwrap();
    let started = t.elapsed();
    let (s, p) = admin(&fake, "/rest/V1/products/LOAD-99999").await;
    assert_eq!((s, p["sku"].as_str(), p["name"].as_str()), (200, Some("LOAD-99999"), Some("Load test product 99999")));
    assert_eq!(admin(&fake, "/rest/V1/products/LOAD-100000").await.0, 404);
    assert_eq!(admin(&fake, "/rest/V1/inventory/get-product-salable-quantity/LOAD-54321/1").await, (200, Value::from(97)));
    // The last page of the catalog by entity_id, and a batch of source items by SKU.
    let (s, v) = admin(&fake, "/rest/V1/products?searchCriteria%5BsortOrders%5D%5B0%5D%5Bfield%5D=entity_id&searchCriteria%5BsortOrders%5D%5B0%5D%5Bdirection%5D=ASC&searchCriteria%5BpageSize%5D=300&searchCriteria%5BcurrentPage%5D=1000").await;
    let total = v["total_count"].as_u64().unwrap();
    assert_eq!(s, 200);
    assert_eq!(skus(&v).last().map(String::as_str), Some("LOAD-99999"));
    assert_eq!(skus(&v).len() as u64, total - 300 * (total / 300 - u64::from(total % 300 == 0)));
    let batch: Vec<String> = (99_900..100_000).map(|i| format!("LOAD-{i:04}")).collect();
    let (_, v) = admin(&fake, &format!("/rest/V1/inventory/source-items?{}", criteria("sku", &batch.join(","), "in", Some(300)))).await;
    assert_eq!(v["total_count"], 400);
    eprintln!("100,000 synthetic SKUs: started in {started:?}, answered in {:?}", t.elapsed() - started);
}

#[tokio::test]
async fn a_synthetic_sku_answers_with_its_own_id_everywhere() {
    let fake = FakeMagento::start(Fixtures::embedded().with_synthetic(10, "24-MB01"), FakeAuth::Bearer(ADMIN.into())).await.unwrap();
    let (_, p) = admin(&fake, "/rest/V1/products/LOAD-0007").await;
    let (_, item) = admin(&fake, "/rest/V1/stockItems/LOAD-0007").await;
    let (_, status) = admin(&fake, "/rest/V1/stockStatuses/LOAD-0007").await;
    let (_, found) = admin(&fake, &format!("/rest/V1/products?{}", criteria("sku", "LOAD-0007", "eq", None))).await;
    let id = &p["id"];
    assert_ne!(id, &Value::from(1));
    assert_eq!(
        [&p["extension_attributes"]["stock_item"]["product_id"], &item["product_id"], &status["product_id"], &found["items"][0]["id"]],
        [id; 4]
    );
}
