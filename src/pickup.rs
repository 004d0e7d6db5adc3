//! In-store pickup on the product page (SPEC §17): which stores have the requested quantity on the
//! shelf, before the cart, in the order a shopper would walk to them.
//!
//! Magento asks the same question only after an order (`IsFulfillable`, "ready for pickup"): each
//! store is judged on its own source item, never on the stock-wide salable quantity, because a
//! shopper who walks in needs the goods on that shelf. Stock-wide rules still decide whether the
//! request can be placed at all: a refused request or an unsalable product leaves every store
//! unavailable, so the shopper sees why rather than an empty block.

use crate::document::{GeoPoint, PickupLocation, Product, ProductType, SourceItem, SourceStatus};
use crate::i18n::{Locale, Message};
use crate::outcome::{Availability, Pickup, PickupStore};
use crate::quantity::Qty;
use crate::settings::StockOptions;

mod great_circle;
use great_circle::great_circle_km;

/// Adds SPEC §17's `pickup` to an answer already made (SPEC §3–9, §13): `product` is the document's
/// product, `near` the shopper's position when the page gave one.
pub(crate) fn apply_pickup<'a>(
    out: &mut Availability<'a>,
    config: &StockOptions,
    product: &'a Product,
    near: Option<GeoPoint>,
    locale: Locale,
) {
    out.pickup = None;
    // Rule 1: the website's carrier (config only).
    let settings = product.settings(config);
    if !settings.pickup_enabled {
        return;
    }
    // Rule 5: a composite parent answers only for a configurable's named child.
    let stocked = if product.product_type.is_composite() {
        match out.variant {
            Some(Some(sku)) => match product.children.iter().find(|c| c.sku == sku) {
                Some(child) => child,
                None => return,
            },
            _ => return,
        }
    } else {
        product
    };
    // Virtual and downloadable products are never shipped, so never picked up: Magento's in-store
    // carrier is a shipping method, and a quote of virtual items has none (SPEC §17 is silent;
    // this is what a merchant sees at checkout).
    if matches!(stocked.product_type, ProductType::Virtual | ProductType::Downloadable) {
        return;
    }
    // Rule 3: the request as a whole must be placeable; rule 4: then each store's own shelf.
    let placeable = out.is_salable && out.request.is_salable;
    let requested = if placeable { out.request.qty } else { None };
    let managed = stocked.settings(config).manage_stock;
    out.pickup = pickup_for(stocked, managed, requested, near, locale);
}

/// Rules 1–4 for one product with stock of its own. `requested` is `None` when the request cannot
/// be placed (every store unavailable); `managed` is the product's *Manage Stock*.
pub(crate) fn pickup_for<'a>(
    product: &'a Product,
    managed: bool,
    requested: Option<Qty>,
    near: Option<GeoPoint>,
    locale: Locale,
) -> Option<Pickup<'a>> {
    // Rules 1–2: enabled source items with `pickup`, in document order (Magento's priority).
    let mut stores: Vec<(PickupStore<'a>, Option<f64>)> = product
        .sources
        .iter()
        .filter(|item| item.source_enabled)
        .filter_map(|item| {
            let location = item.pickup.as_ref()?;
            let available = requested.is_some_and(|q| shelf_covers(item, managed, q));
            let distance = near.zip(location.position()).map(|(from, to)| great_circle_km(from, to));
            Some((store(item, location, available, distance, locale), distance))
        })
        .collect();
    if stores.is_empty() {
        return None;
    }
    if near.is_some() {
        // An insertion sort: stable, so ties on the exact distance keep document order, and stores
        // without coordinates come last in document order; a product has few stores, and it is
        // smaller in the element's wasm than the standard library's stable sort.
        for i in 1..stores.len() {
            let mut j = i;
            while j > 0 && farther(stores[j - 1].1, stores[j].1) {
                stores.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let locations: Vec<PickupStore<'a>> = stores.into_iter().map(|(store, _)| store).collect();
    let available_count = locations.iter().filter(|s| s.available).count();
    let message = pickup_message(&locations, available_count, locale);
    Some(Pickup { available_count, message, locations })
}

/// Whether a store at distance `a` goes after one at `b`: strictly farther, or `b` has a distance
/// and `a` has none (stores without coordinates come last).
fn farther(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a > b,
        (None, Some(_)) => true,
        _ => false,
    }
}

/// Rule 4: unmanaged stock is on every pickup shelf; otherwise the source item itself must be in
/// stock and hold the whole request (exact, SPEC §1). Reservations, the threshold and backorders
/// are stock-wide and never put goods on a shelf.
fn shelf_covers(item: &SourceItem, managed: bool, q: Qty) -> bool {
    !managed || (item.status == SourceStatus::InStock && item.quantity >= q)
}

fn store<'a>(
    item: &'a SourceItem,
    location: &'a PickupLocation,
    available: bool,
    distance: Option<f64>,
    locale: Locale,
) -> PickupStore<'a> {
    let text = locale.text(if available { &Message::PickupStoreAvailable } else { &Message::PickupStoreUnavailable });
    PickupStore { source_code: &item.source_code, location, available, distance_km: distance.map(tenths_of_km), text }
}

/// "Pickup available at {name}. Also at {n} other stores", or "Pickup currently unavailable".
fn pickup_message(locations: &[PickupStore<'_>], available_count: usize, locale: Locale) -> String {
    let Some(first) = locations.iter().find(|s| s.available) else {
        return locale.text(&Message::PickupUnavailable);
    };
    let mut message = locale.text(&Message::PickupAt { name: &first.location.name });
    if available_count > 1 {
        message.push_str(". ");
        let others = Qty::from_int(available_count as i64 - 1);
        message.push_str(&locale.text(&Message::PickupAlso { stores: others }));
    }
    message
}

/// A distance rounded half up to 0.1 km, as an exact quantity (SPEC §17): the output never formats
/// a float.
pub(crate) fn tenths_of_km(km: f64) -> Qty {
    // Distances are at most half the Earth's circumference (about 20,016 km), so this fits.
    let tenths = (km * 10.0 + 0.5).floor() as i64;
    Qty::from_ten_thousandths(tenths * 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputDocument;

    fn point(latitude: f64, longitude: f64) -> GeoPoint {
        GeoPoint { latitude, longitude }
    }

    #[test]
    fn paris_to_london_rounds_to_a_tenth_spec_17() {
        let km = great_circle_km(point(48.8530, 2.3499), point(51.5073, -0.1276));
        assert_eq!(tenths_of_km(km), Qty::from_ten_thousandths(3_438_000));
    }

    #[test]
    fn tenths_round_half_up_spec_17() {
        assert_eq!(tenths_of_km(1.25), Qty::from_ten_thousandths(13_000));
        assert_eq!(tenths_of_km(1.24), Qty::from_ten_thousandths(12_000));
        assert_eq!(tenths_of_km(0.0), Qty::ZERO);
        assert_eq!(tenths_of_km(0.05), Qty::from_ten_thousandths(1_000));
    }

    fn doc(json: &str) -> InputDocument {
        InputDocument::from_json(json).unwrap()
    }

    #[test]
    fn a_store_is_judged_on_its_own_shelf_not_on_the_stock_spec_17_rule_4() {
        // 3 on the Rivoli shelf, 5 in the warehouse: the stock sells 4, only the warehouse... is no store.
        let d = doc(r#"{"config":{"pickup_enabled":true},"requested_qty":4,"product":{"sku":"p","sources":[
            {"source_code":"wh","quantity":5,"status":"in_stock"},
            {"source_code":"rivoli","quantity":3,"status":"in_stock","pickup":{"name":"Paris Rivoli"}}]}}"#);
        let out = crate::evaluate(&d);
        assert!(out.request.is_salable);
        let pickup = out.pickup.expect("a pickup block");
        assert_eq!(pickup.available_count, 0);
        assert!(!pickup.locations[0].available);
        assert_eq!(pickup.message, "Pickup currently unavailable");
    }

    #[test]
    fn pickup_off_or_no_pickup_source_is_null_spec_17_rule_1() {
        let off = doc(r#"{"product":{"sku":"p","sources":[{"source_code":"a","quantity":5,"status":"in_stock","pickup":{"name":"A"}}]}}"#);
        assert_eq!(crate::evaluate(&off).pickup, None);
        let none = doc(
            r#"{"config":{"pickup_enabled":true},"product":{"sku":"p","sources":[{"source_code":"a","quantity":5,"status":"in_stock"}]}}"#,
        );
        assert_eq!(crate::evaluate(&none).pickup, None);
        let disabled = doc(
            r#"{"config":{"pickup_enabled":true},"product":{"sku":"p","sources":[{"source_code":"a","quantity":5,"status":"in_stock","source_enabled":false,"pickup":{"name":"A"}}]}}"#,
        );
        assert_eq!(crate::evaluate(&disabled).pickup, None, "a disabled source is no location");
    }
}
