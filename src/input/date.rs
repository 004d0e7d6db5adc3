//! Reading dates (SPEC §14): ISO `YYYY-MM-DD`, strictly; anything else is bad input (SPEC §12),
//! `product.restock_date: expected a date YYYY-MM-DD, found the string "2026-13-01"`.

use crate::date::Date;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
        Date::parse_iso(s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

/// An optional date: `null` is absent.
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Option::<Date>::deserialize(d)
}

/// A date given as text beside a document (the element's `today`); errors are placed at `path`.
pub(crate) fn date_at(text: &str, path: &str) -> Result<Date, super::InputError> {
    Date::parse_iso(text).ok_or_else(|| {
        let mut problem = String::from("expected a date YYYY-MM-DD, found the string ");
        problem.push_str(&super::quoted(text));
        super::InputError::new(path, problem)
    })
}
