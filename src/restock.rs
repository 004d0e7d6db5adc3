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
}
