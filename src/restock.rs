//! The expected restock date (SPEC §14): when an out-of-stock product is expected back, and when a
//! backordered request is expected to ship.
//!
//! A product may carry `restock_date`; the document may carry `today`. A date before `today` is
//! stale and ignored. With a date in force, [`apply_restock`] adds to an evaluated product:
//! - not salable: `restock`, the date and "Expected back {date}.";
//! - salable with a backorder quantity above 0 and `allow_notify` (the notice is shown): the
//!   notice's second sentence "Expected to ship {date}." and `request.expected_date`;
//! - `schema_org_availability_starts` whenever the schema.org availability is `BackOrder` or
//!   `OutOfStock`.
//!
//! Per-child dates (configurable products, SPEC §13) go through the same two functions:
//! [`restock_in_force`] to pick the date, [`apply_restock`] on the child's evaluation.

use crate::date::Date;
use crate::i18n::dates::{expected_back, expected_to_ship, DateStyle};
use crate::outcome::{Availability, Restock};
use crate::quantity::Qty;
use crate::storefront_message::SchemaOrgAvailability;

/// The restock date in force: `date`, unless `today` is known and the date is before it (stale).
/// Without `today` a date is taken as given. This is the hook for per-child dates (SPEC §13, §14).
pub fn restock_in_force(date: Option<Date>, today: Option<Date>) -> Option<Date> {
    match (date, today) {
        (Some(date), Some(today)) if date < today => None,
        (date, _) => date,
    }
}

/// Adds what SPEC §14 says about `date` (already through [`restock_in_force`], or not: stale dates
/// are dropped here too) to an evaluated product. `locale` is the tag the texts follow (`en-GB`
/// writes "12 December 2026").
pub fn apply_restock(out: &mut Availability<'_>, date: Option<Date>, today: Option<Date>, locale: Option<&str>) {
    let Some(date) = restock_in_force(date, today) else { return };
    let style = DateStyle::from_tag(locale);
    if !out.is_salable {
        out.restock = Some(Restock { date, text: expected_back(style, date) });
    } else if out.request.backorder_qty.is_some_and(|q| q > Qty::ZERO) {
        // The notice exists exactly with `allow_notify` and something backordered (SPEC §6).
        if let Some(notice) = out.request.notice.as_mut() {
            notice.message.push(' ');
            notice.message.push_str(&expected_to_ship(style, date));
            out.request.expected_date = Some(date);
        }
    }
    if matches!(out.schema_org_availability, SchemaOrgAvailability::BackOrder | SchemaOrgAvailability::OutOfStock) {
        out.schema_org_availability_starts = Some(date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap_or_else(|| panic!("{text} is a date"))
    }

    #[test]
    fn iso_dates_are_read_strictly_spec_14() {
        assert_eq!(d("2026-12-12"), Date::new(2026, 12, 12).unwrap());
        assert_eq!(d("0001-01-01").to_iso(), "0001-01-01");
        assert_eq!(d("9999-12-31").to_iso(), "9999-12-31");
        for bad in [
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-02-29",
            "2026-12-00",
            "0000-01-01",
            "2026-1-01",
            "2026-01-1",
            "26-01-01",
            "2026/01/01",
            "2026-01-01T00:00:00Z",
            " 2026-01-01",
            "2026-01-01 ",
            "+026-01-01",
            "２０２６-01-01",
            "",
            "2026-0a-01",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn february_29_exists_in_leap_years_only() {
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2000-02-29").is_some(), "divisible by 400");
        assert!(Date::parse_iso("2028-02-29").is_some());
        assert!(Date::parse_iso("2026-02-29").is_none());
        assert!(Date::parse_iso("1900-02-29").is_none(), "a century not divisible by 400");
        assert!(Date::parse_iso("2100-02-29").is_none());
        assert!(Date::parse_iso("2024-02-30").is_none());
    }

    #[test]
    fn unix_days_to_dates() {
        assert_eq!(Date::from_unix_days(0), Some(d("1970-01-01")));
        assert_eq!(Date::from_unix_days(-1), Some(d("1969-12-31")));
        assert_eq!(Date::from_unix_days(19_782), Some(d("2024-02-29")));
        assert_eq!(Date::from_unix_days(20_799), Some(d("2026-12-12")));
        assert_eq!(Date::from_unix_days(2_932_896), Some(d("9999-12-31")));
        assert_eq!(Date::from_unix_days(2_932_897), None);
        assert_eq!(Date::from_unix_days(i64::MAX), None);
    }

    #[test]
    fn dates_order_by_time() {
        assert!(d("2026-12-12") < d("2027-01-01"));
        assert!(d("2026-11-30") < d("2026-12-01"));
        assert!(d("2026-12-01") < d("2026-12-02"));
    }

    #[test]
    fn stale_dates_are_ignored_spec_14() {
        let today = Some(d("2026-06-15"));
        assert_eq!(restock_in_force(Some(d("2026-06-14")), today), None);
        assert_eq!(restock_in_force(Some(d("2026-06-15")), today), Some(d("2026-06-15")), "today itself is not stale");
        assert_eq!(restock_in_force(Some(d("2026-06-16")), today), Some(d("2026-06-16")));
        assert_eq!(restock_in_force(Some(d("2020-01-01")), None), Some(d("2020-01-01")), "no today: taken as given");
        assert_eq!(restock_in_force(None, today), None);
    }

    fn eval(product: &str, envelope: &str) -> serde_json::Value {
        let text = format!(r#"{{"product":{{"sku":"a","name":"Bag",{product}}}{envelope}}}"#);
        let out = crate::evaluate_json(&text, crate::RequestOverride::default()).unwrap();
        let native = crate::evaluate(&crate::InputDocument::from_json(&text).unwrap()).to_json();
        assert_eq!(out, native, "evaluate and evaluate_json agree");
        serde_json::from_str(&out).unwrap()
    }

    const OUT: &str = r#""sources":[{"source_code":"s","quantity":0,"status":1}]"#;

    #[test]
    fn not_salable_shows_when_it_is_expected_back_spec_14() {
        let out = eval(&format!(r#"{OUT},"restock_date":"2026-12-12""#), r#","today":"2026-06-01""#);
        assert_eq!(out["message"]["kind"], "out_of_stock");
        assert_eq!(out["restock"], serde_json::json!({"date":"2026-12-12","text":"Expected back December 12, 2026."}));
        assert_eq!(out["schema_org_availability"], "https://schema.org/OutOfStock");
        assert_eq!(out["schema_org_availability_starts"], "2026-12-12");
        assert_eq!(out["request"]["expected_date"], serde_json::Value::Null);
        let gb = eval(&format!(r#"{OUT},"restock_date":"2026-12-12""#), r#","locale":"en-GB""#);
        assert_eq!(gb["restock"]["text"], "Expected back 12 December 2026.");
        let fr = eval(&format!(r#"{OUT},"restock_date":"2026-12-01""#), r#","locale":"fr-CA""#);
        assert_eq!(fr["restock"]["text"], "De retour prévu le 1 décembre 2026.");
    }

    #[test]
    fn a_stale_date_says_nothing_spec_14() {
        let out = eval(&format!(r#"{OUT},"restock_date":"2026-05-31""#), r#","today":"2026-06-01""#);
        assert_eq!(out["restock"], serde_json::Value::Null);
        assert_eq!(out["schema_org_availability_starts"], serde_json::Value::Null);
        let same_day = eval(&format!(r#"{OUT},"restock_date":"2026-06-01""#), r#","today":"2026-06-01""#);
        assert_eq!(same_day["restock"]["date"], "2026-06-01");
    }

    #[test]
    fn a_backordered_request_is_expected_to_ship_spec_14() {
        let notify = r#""overrides":{"backorders":"allow_notify"},"sources":[{"source_code":"s","quantity":2,"status":1}],"restock_date":"2026-12-12""#;
        let out = eval(notify, r#","requested_qty":5,"today":"2026-06-01""#);
        assert_eq!(out["is_salable"], true);
        assert_eq!(out["restock"], serde_json::Value::Null, "salable: no restock line");
        assert_eq!(
            out["request"]["notice"],
            "We don't have as many \"Bag\" as you requested, but we'll back order the remaining 3. Expected to ship December 12, 2026."
        );
        assert_eq!(out["request"]["expected_date"], "2026-12-12");
        assert_eq!(out["schema_org_availability"], "https://schema.org/InStock", "Q + R > 0");
        assert_eq!(out["schema_org_availability_starts"], serde_json::Value::Null);
        let fr = eval(notify, r#","requested_qty":5,"locale":"fr""#);
        assert!(fr["request"]["notice"].as_str().unwrap().ends_with(" Expédition prévue le 12 décembre 2026."));

        // Nothing backordered: no notice, no date.
        let covered = eval(notify, r#","requested_qty":1"#);
        assert_eq!(
            (&covered["request"]["notice"], &covered["request"]["expected_date"]),
            (&serde_json::Value::Null, &serde_json::Value::Null)
        );
        // `allow` backorders silently: no notice, no expected date; schema.org still says when.
        let allow =
            r#""overrides":{"backorders":"allow"},"sources":[{"source_code":"s","quantity":0,"status":1}],"restock_date":"2026-12-12""#;
        let out = eval(allow, r#","requested_qty":5"#);
        assert_eq!((&out["request"]["notice"], &out["request"]["expected_date"]), (&serde_json::Value::Null, &serde_json::Value::Null));
        assert_eq!(out["schema_org_availability"], "https://schema.org/BackOrder");
        assert_eq!(out["schema_org_availability_starts"], "2026-12-12");
    }

    #[test]
    fn in_stock_ignores_the_date_spec_14() {
        let out = eval(r#""sources":[{"source_code":"s","quantity":9,"status":1}],"restock_date":"2026-12-12""#, "");
        for key in ["restock", "schema_org_availability_starts"] {
            assert_eq!(out[key], serde_json::Value::Null, "{key}");
        }
        assert_eq!(out["request"]["expected_date"], serde_json::Value::Null);
    }

    #[test]
    fn malformed_dates_are_refused_with_their_path_spec_12() {
        let refused = |product: &str, envelope: &str| {
            let text = format!(r#"{{"product":{{"sku":"a",{OUT}{product}}}{envelope}}}"#);
            crate::InputDocument::from_json(&text).unwrap_err().to_string()
        };
        assert_eq!(
            refused(r#","restock_date":"2026-13-01""#, ""),
            r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-13-01""#
        );
        assert_eq!(
            refused(r#","restock_date":"2026-02-29""#, ""),
            r#"product.restock_date: expected a date YYYY-MM-DD, found the string "2026-02-29""#
        );
        assert_eq!(
            refused(r#","restock_date":20261212"#, ""),
            "product.restock_date: expected a date YYYY-MM-DD, found the number 20261212"
        );
        assert_eq!(refused("", r#","today":"12/12/2026""#), r#"today: expected a date YYYY-MM-DD, found the string "12/12/2026""#);
        assert_eq!(
            refused("", r#","today":"2026-01-01","today":"2026-01-01""#),
            "today: duplicate key: a key that is read may appear once"
        );
        assert!(crate::InputDocument::from_json(&format!(r#"{{"product":{{"sku":"a",{OUT},"restock_date":null}},"today":null}}"#)).is_ok());
        assert!(crate::InputDocument::from_json(&format!(r#"{{"product":{{"sku":"a",{OUT},"restock_date":"2024-02-29"}}}}"#)).is_ok());
    }

    #[test]
    fn the_callers_today_is_a_fallback_for_the_documents() {
        let text = format!(r#"{{"product":{{"sku":"a",{OUT},"restock_date":"2026-06-10"}},"today":"2026-06-01"}}"#);
        let with = |today| crate::RequestOverride { today: Some(today), ..Default::default() };
        let out: serde_json::Value = serde_json::from_str(&crate::evaluate_json(&text, with("2026-07-01")).unwrap()).unwrap();
        assert_eq!(out["restock"]["date"], "2026-06-10", "the document's today wins");
        let undated = text.replace(r#","today":"2026-06-01""#, "");
        let out: serde_json::Value = serde_json::from_str(&crate::evaluate_json(&undated, with("2026-07-01")).unwrap()).unwrap();
        assert_eq!(out["restock"], serde_json::Value::Null, "stale against the caller's today");
        let err = crate::evaluate_json(&undated, with("tomorrow")).unwrap_err();
        assert_eq!(err.to_string(), r#"today: expected a date YYYY-MM-DD, found the string "tomorrow""#);
    }
}
