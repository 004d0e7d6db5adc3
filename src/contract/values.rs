//! Single values, as every family reads and writes them: quantities (SPEC §1), dates (SPEC §14),
//! ids, bounded strings, and the enums by name (or by Magento's stored number).

use crate::date::Date;
use crate::error::{check_len, quoted, InputError};
use crate::json::QTY_TOKEN;
use crate::quantity::{push_int, Qty, QtyError};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Longest accepted strings. Magento's own columns: `sku` varchar(64), `source_code` and the
/// product name varchar(255), `increment_id` varchar(50). Longer input is a broken feed.
pub(super) const MAX_SKU: usize = 64;
pub(super) const MAX_TEXT: usize = 255;
pub(super) const MAX_ORDER_ID: usize = 50;
pub(super) const MAX_LOCALE: usize = 35;

// ---- enums --------------------------------------------------------------------------------

/// An enum of the contract: its variants, their names, and Magento's numbers for them. Each
/// family declares its enums' tables with `named!` (`contract/mod.rs`).
pub(crate) trait Named: Copy + PartialEq + 'static {
    /// Every variant, in the order of [`Named::NAMES`].
    const ALL: &'static [Self];
    /// The name of each variant in [`Named::ALL`].
    const NAMES: &'static [&'static str];
    /// Magento's stored number for each variant in [`Named::ALL`]; empty when it has none.
    const NUMBERS: &'static [i64] = &[];
}

/// The name a variant has in JSON.
pub(crate) fn name<T: Named>(value: T) -> &'static str {
    let index = T::ALL.iter().position(|v| *v == value).unwrap_or(0);
    T::NAMES.get(index).copied().unwrap_or("")
}

/// Reads a variant's index by name or, as Magento stores it, by number. One visitor for every
/// enum: it knows only the tables, so its code exists once in the wasm.
struct EnumVisitor {
    names: &'static [&'static str],
    numbers: &'static [i64],
}

impl<'de> Visitor<'de> for EnumVisitor {
    type Value = usize;

    /// `one of "no", "allow", "allow_notify", 0, 1, 2`: the table itself.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, name) in self.names.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str("\"")?;
            f.write_str(name)?;
            f.write_str("\"")?;
        }
        for n in self.numbers {
            let mut digits = String::new();
            push_int(&mut digits, n.unsigned_abs());
            f.write_str(", ")?;
            f.write_str(&digits)?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.names.iter().position(|n| *n == s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<usize, E> {
        self.numbers.iter().position(|m| *m == n).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(n), &self))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<usize, E> {
        self.visit_i64(i64::try_from(n).unwrap_or(-1))
    }

    /// serde-wasm-bindgen hands JS numbers over as floats.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<usize, E> {
        let whole = v as i64;
        if whole as f64 == v {
            self.visit_i64(whole)
        } else {
            Err(E::invalid_type(de::Unexpected::Other("a fraction"), &self))
        }
    }
}

/// Reads an enum of the contract through its table (`read_by_name!` in `contract/mod.rs`).
pub(super) fn deserialize_named<'de, T: Named, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let index = d.deserialize_any(EnumVisitor { names: T::NAMES, numbers: T::NUMBERS })?;
    T::ALL.get(index).copied().ok_or_else(|| de::Error::custom("unknown variant"))
}

// ---- quantities ---------------------------------------------------------------------------

/// A quantity (SPEC §1): from our reader, the number's exact digits; from any other deserializer
/// (serde-wasm-bindgen, serde_json), a float read as its shortest decimal ([`Qty::from_f64`]).
impl<'de> Deserialize<'de> for Qty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Qty, D::Error> {
        d.deserialize_newtype_struct(QTY_TOKEN, QtyVisitor)
    }
}

struct QtyVisitor;

impl<'de> Visitor<'de> for QtyVisitor {
    type Value = Qty;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    /// Our reader's path: the digits as written, already known to be a JSON number.
    fn visit_str<E: de::Error>(self, raw: &str) -> Result<Qty, E> {
        raw.parse().map_err(|e: QtyError| E::custom(e))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Qty, D::Error> {
        d.deserialize_f64(self)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Qty, E> {
        Qty::from_f64(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Qty, E> {
        Qty::from_f64(v as f64).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Qty, E> {
        Qty::from_f64(v as f64).map_err(E::custom)
    }
}

/// A quantity: an exact decimal in JSON text, a number for JS and serde_json.
impl Serialize for Qty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            // A whole number as an integer (`100`, not serde_json's `100.0`).
            match self.as_whole() {
                Some(n) => s.serialize_i64(n),
                None => s.serialize_f64(self.to_f64()),
            }
        } else {
            // Our writer (and any compact format): the exact count of ten-thousandths.
            s.serialize_newtype_struct(QTY_TOKEN, &self.ten_thousandths())
        }
    }
}

pub(super) fn opt_positive_qty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Qty>, D::Error> {
    let q = Option::<Qty>::deserialize(d)?;
    if let Some(q) = q {
        check_positive(q).map_err(de::Error::custom)?;
    }
    Ok(q)
}

/// A quantity above 0 (SPEC §12).
pub(super) fn check_positive(q: Qty) -> Result<(), String> {
    if q <= Qty::ZERO {
        let mut problem = String::from("must be greater than 0, found ");
        q.write_decimal(&mut problem, '.');
        return Err(problem);
    }
    Ok(())
}

pub(super) fn one() -> Qty {
    Qty::ONE
}

pub(super) fn is_zero(q: &Qty) -> bool {
    *q == Qty::ZERO
}

// ---- dates --------------------------------------------------------------------------------

/// Dates (SPEC §14): ISO `YYYY-MM-DD`, strictly; anything else is bad input (SPEC §12),
/// `product.restock_date: expected a date YYYY-MM-DD, found the string "2026-13-01"`.
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

/// A date as ISO `YYYY-MM-DD` text (SPEC §14).
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

/// An optional date: `null` is absent.
pub(super) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Option::<Date>::deserialize(d)
}

/// A date given as text beside a document (the element's `today`); errors are placed at `path`.
pub(crate) fn date_at(text: &str, path: &str) -> Result<Date, InputError> {
    Date::parse_iso(text).ok_or_else(|| {
        let mut problem = String::from("expected a date YYYY-MM-DD, found the string ");
        problem.push_str(&quoted(text));
        InputError::new(path, problem)
    })
}

// ---- ids, strings, booleans, pairs --------------------------------------------------------

/// An id, as Magento writes them: a number or a string; kept as its text.
pub(super) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct IdVisitor;
    impl<'de> Visitor<'de> for IdVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (a whole number or a string)")
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
            if s.is_empty() || s.len() > MAX_TEXT {
                return Err(E::custom("must be 1 to 255 characters"));
            }
            Ok(s.to_string())
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<String, E> {
            let mut s = String::new();
            if n < 0 {
                s.push('-');
            }
            push_int(&mut s, n.unsigned_abs());
            Ok(s)
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<String, E> {
            let mut s = String::new();
            push_int(&mut s, n);
            Ok(s)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            if v.fract() == 0.0 && v.abs() < 9.0e15 {
                self.visit_i64(v as i64)
            } else {
                Err(E::invalid_type(de::Unexpected::Other("a fraction"), &self))
            }
        }
    }
    d.deserialize_any(IdVisitor)
}

/// A string of at most `max` characters (a 10 MB value is a broken feed).
pub(super) fn bounded<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    check_len(&s, max).map_err(de::Error::custom)?;
    Ok(s)
}

/// An optional string: `null` is absent.
pub(super) fn opt_bounded<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<Option<String>, D::Error> {
    struct Bounded(usize);
    impl<'de> de::DeserializeSeed<'de> for Bounded {
        type Value = String;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            bounded(d, self.0)
        }
    }
    struct OptVisitor(usize);
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de::DeserializeSeed::deserialize(Bounded(self.0), d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor(max))
}

#[cfg(feature = "composite")]
pub(super) fn opt_sku<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_bounded(d, MAX_SKU)
}

pub(super) fn opt_locale<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_bounded(d, MAX_LOCALE)
}

pub(super) fn yes() -> bool {
    true
}

pub(super) fn is_true(b: &bool) -> bool {
    *b
}

pub(super) fn null_as_yes<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

/// Writes ordered pairs as an object.
pub(super) fn pairs_out<S: Serializer, V: Serialize>(pairs: &[(String, V)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ProductType, SourceStatus};
    use crate::ledger::EventKind;
    use crate::request_check::RequestErrorCode;
    use crate::settings::{Backorders, NotAvailableMessage};
    use crate::storefront_message::{MessageKind, SchemaOrgAvailability};

    fn distinct<T: Named>() {
        assert_eq!(T::ALL.len(), T::NAMES.len());
        assert!(T::NUMBERS.is_empty() || T::NUMBERS.len() == T::ALL.len());
        for (i, v) in T::ALL.iter().enumerate() {
            assert_eq!(name(*v), T::NAMES[i]);
            assert_eq!(T::NAMES.iter().filter(|n| **n == T::NAMES[i]).count(), 1, "{} twice", T::NAMES[i]);
        }
    }

    #[test]
    fn every_table_is_complete_and_unambiguous() {
        distinct::<Backorders>();
        distinct::<NotAvailableMessage>();
        distinct::<SourceStatus>();
        distinct::<EventKind>();
        distinct::<ProductType>();
        distinct::<MessageKind>();
        distinct::<SchemaOrgAvailability>();
        distinct::<RequestErrorCode>();
    }
}
