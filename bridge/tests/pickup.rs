//! In-store pickup through the bridge (SPEC §17): `pickup` on the source items of the website's
//! stock's active pickup locations, as `get-sources-assigned-to-stock-ordered-by-priority` returns
//! them with InventoryInStorePickup's extension attributes (the fixtures' `paris` source, stock 2,
//! website `eu`), never on `default`; `pickup_enabled` per website from the configuration (REST
//! cannot read `carriers/instore/active`); and the documents evaluate to the stores' verdicts.

mod common;

use common::{bridge, client, config, fake};
use salable::StockOptions;
use salable_bridge::config::{Config, WebsiteConfig};
use salable_bridge::magento::wire;
use salable_bridge::mapping::pickup_location;
use serde_json::{json, Value};

async fn document(cfg: Config, path: &str) -> Value {
    let b = bridge(cfg).await;
    let r = client().get(b.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

fn evaluate(doc: &Value) -> Value {
    let parsed = salable::InputDocument::from_json(&doc.to_string()).expect("the bridge publishes valid documents");
    serde_json::from_str(&salable::evaluate(&parsed).to_json()).unwrap()
}

fn source<'a>(doc: &'a Value, code: &str) -> &'a Value {
    doc["product"]["sources"].as_array().unwrap().iter().find(|s| s["source_code"] == code).unwrap_or_else(|| panic!("no {code}: {doc}"))
}

fn pickup_on(website: &str) -> Config {
    let mut cfg = Config::default();
    cfg.websites.insert(
        website.to_owned(),
        WebsiteConfig { stock: StockOptions { pickup_enabled: Some(true), ..Default::default() }, ..Default::default() },
    );
    cfg
}

#[tokio::test]
async fn an_active_pickup_source_carries_its_store_and_the_website_switch_turns_it_on() {
    let fake = fake().await;
    let mut cfg = config(&fake.url());
    cfg.websites = pickup_on("eu").websites;
    let doc = document(cfg, "/stock/eu/24-MB04.json").await;
    assert_eq!(doc["config"]["pickup_enabled"], true, "{doc}");
    // The fixture's source (SourceInterface + extension_attributes), as a store for shoppers.
    assert_eq!(
        source(&doc, "paris")["pickup"],
        json!({ "name": "Boutique Paris Marais", "street": "12 rue des Archives", "city": "Paris", "postcode": "75004",
                "country_id": "FR", "phone": "+33 1 40 00 00 00", "latitude": 48.8566, "longitude": 2.3522 })
    );
    assert!(source(&doc, "berlin").get("pickup").is_none(), "not a pickup location: {doc}");
    // Paris holds 4 of 24-MB04: a request of 4 may be picked up there, 5 may not.
    let out = evaluate(&doc);
    assert_eq!(out["pickup"]["available_count"], 1, "{out}");
    assert_eq!(out["pickup"]["message"], "Retrait disponible à Boutique Paris Marais", "the eu store view is French");
    let mut five = doc.clone();
    five["requested_qty"] = json!(5);
    assert_eq!(evaluate(&five)["pickup"]["message"], "Retrait en magasin indisponible pour le moment");
    fake.stop().await;
}

#[tokio::test]
async fn without_the_switch_or_a_pickup_source_there_is_no_pickup() {
    let fake = fake().await;
    // `eu` without pickup_enabled: the stores are in the document, the answer has none.
    let doc = document(config(&fake.url()), "/stock/eu/24-MB04.json").await;
    assert!(doc["config"].get("pickup_enabled").is_none(), "{doc}");
    assert!(source(&doc, "paris").get("pickup").is_some());
    assert_eq!(evaluate(&doc)["pickup"], Value::Null);
    // `base` (stock 1: the default source only): the switch on, still no store.
    let mut cfg = config(&fake.url());
    cfg.websites = pickup_on("base").websites;
    let doc = document(cfg, "/stock/base/24-MB04.json").await;
    assert!(doc["product"]["sources"].as_array().unwrap().iter().all(|s| s.get("pickup").is_none()), "{doc}");
    assert_eq!(evaluate(&doc)["pickup"], Value::Null);
    fake.stop().await;
}

#[test]
fn the_switch_is_read_from_the_config_file_and_flags() {
    let cfg: Config = toml::from_str("[stock]\npickup_enabled = false\n[websites.eu]\npickup_enabled = true\n").unwrap();
    assert_eq!(cfg.display_for("eu").unwrap().pickup_enabled, Some(true));
    assert_eq!(cfg.display_for("base").unwrap().pickup_enabled, Some(false));
    assert!(toml::from_str::<Config>("[stock]\npickup_enabled = \"yes\"\n").is_err());
    let flagged = salable_bridge::stock_settings::with_flag(&StockOptions::default(), "pickup_enabled", "true").unwrap();
    assert_eq!(flagged.pickup_enabled, Some(true));
}

fn wire_source(v: Value) -> wire::Source {
    serde_json::from_value(v).unwrap()
}

#[test]
fn which_sources_are_stores_spec_17() {
    let active = json!({ "source_code": "lille", "name": "Lille Entrepôt", "enabled": true, "latitude": 50.63, "longitude": 3.06,
        "city": "Lille", "country_id": "FR", "postcode": "59000",
        "extension_attributes": { "is_pickup_location_active": true, "frontend_description": "Click & collect" } });
    // No frontend_name: the source's name (Magento fills it on save).
    let store = pickup_location(&wire_source(active.clone())).unwrap();
    assert_eq!(store.name, "Lille Entrepôt");
    assert_eq!(store.description.as_deref(), Some("Click & collect"));
    assert_eq!((store.latitude, store.longitude), (Some(50.63), Some(3.06)));
    // The default source is never a pickup location (DefaultSourceUseForPickupLocationValidator).
    let mut default = active.clone();
    default["source_code"] = json!("default");
    assert_eq!(pickup_location(&wire_source(default)), None);
    // Inactive, or without InventoryInStorePickup's attributes at all: no store.
    let mut inactive = active.clone();
    inactive["extension_attributes"]["is_pickup_location_active"] = json!(false);
    assert_eq!(pickup_location(&wire_source(inactive)), None);
    let mut bare = active.clone();
    bare.as_object_mut().unwrap().remove("extension_attributes");
    assert_eq!(pickup_location(&wire_source(bare)), None);
    // Magento's 0,0 for "not geocoded", and coordinates out of range: the store, without a position.
    for (lat, long) in [(json!(0), json!(0)), (json!(91), json!(3)), (json!("50.63"), Value::Null)] {
        let mut odd = active.clone();
        odd["latitude"] = lat;
        odd["longitude"] = long;
        let store = pickup_location(&wire_source(odd)).unwrap();
        assert_eq!((store.latitude, store.longitude), (None, None));
    }
    // Numbers as strings, as some Magento versions write decimals.
    let mut strings = active;
    strings["latitude"] = json!("50.63");
    strings["longitude"] = json!("3.06");
    assert_eq!(pickup_location(&wire_source(strings)).unwrap().latitude, Some(50.63));
}
