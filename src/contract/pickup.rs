//! In-store pickup (SPEC §17): a source item's `pickup` and the document's `near` in, the output's
//! `pickup` out, the `"latitude,longitude"` text of the element's `near` attribute, and their
//! TypeScript. `config.pickup_enabled` is a setting (`contract/settings.rs`).
//!
//! Coordinates are the contract's only numbers that are not quantities. They are read from the
//! number's exact text (no float parsing code in the element's module) or, from JS objects and
//! serde_json, as the float given; they are never written into an output.

use super::values::{bounded, opt_bounded, MAX_TEXT};
use crate::document::{GeoPoint, PickupLocation};
#[cfg(feature = "pickup")]
use crate::error::{quoted, InputError};
use crate::json::QTY_TOKEN;
use crate::outcome::{Pickup, PickupStore};
#[cfg(feature = "pickup")]
use crate::quantity::scan_json_number;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Magento's `frontend_description` is a `text` column; a store's opening hours fit well within this.
const MAX_DESCRIPTION: usize = 4096;

#[derive(Deserialize, Serialize)]
#[serde(remote = "PickupLocation")]
struct PickupLocationDef {
    #[serde(deserialize_with = "store_name")]
    name: String,
    #[serde(default, deserialize_with = "opt_description", skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    street: Option<String>,
    #[serde(default, deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    city: Option<String>,
    #[serde(default, deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    postcode: Option<String>,
    #[serde(default, deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(default, deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    country_id: Option<String>,
    #[serde(default, deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "opt_latitude", serialize_with = "opt_degrees_out", skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(default, deserialize_with = "opt_longitude", serialize_with = "opt_degrees_out", skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
}

/// A pickup location; latitude and longitude go together (SPEC §17).
impl<'de> Deserialize<'de> for PickupLocation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let location = PickupLocationDef::deserialize(d)?;
        match (location.latitude, location.longitude) {
            (Some(_), None) => Err(de::Error::custom("longitude is missing: latitude and longitude are given together")),
            (None, Some(_)) => Err(de::Error::custom("latitude is missing: latitude and longitude are given together")),
            _ => Ok(location),
        }
    }
}

impl Serialize for PickupLocation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PickupLocationDef::serialize(self, s)
    }
}

#[derive(Deserialize, Serialize)]
#[serde(remote = "GeoPoint")]
struct GeoPointDef {
    #[serde(deserialize_with = "latitude", serialize_with = "degrees_out")]
    latitude: f64,
    #[serde(deserialize_with = "longitude", serialize_with = "degrees_out")]
    longitude: f64,
}

through_def!(GeoPoint => GeoPointDef);

/// The document's `near`: an object, `null` meaning none (SPEC §17).
#[cfg(feature = "pickup")]
pub(super) fn opt_near<'de, D: Deserializer<'de>>(d: D) -> Result<Option<GeoPoint>, D::Error> {
    Option::<GeoPoint>::deserialize(d)
}

/// The element's `near` attribute, `"48.86,2.35"`, placed at `path` when malformed (SPEC §17).
#[cfg(feature = "pickup")]
pub(crate) fn near_at(text: &str, path: &str) -> Result<GeoPoint, InputError> {
    let refuse = |problem: &str| {
        let mut message = String::from(problem);
        message.push_str(", found the string ");
        message.push_str(&quoted(text));
        InputError::new(path, message)
    };
    let Some((lat, long)) = text.split_once(',') else {
        return Err(refuse("expected \"latitude,longitude\" in decimal degrees"));
    };
    let degrees = |part: &str| {
        let part = part.trim_ascii();
        let whole_number = scan_json_number(part.as_bytes(), 0).is_ok_and(|end| end == part.len());
        if whole_number {
            decimal_to_f64(part)
        } else {
            None
        }
    };
    let (Some(latitude), Some(longitude)) = (degrees(lat), degrees(long)) else {
        return Err(refuse("expected \"latitude,longitude\" in decimal degrees"));
    };
    if !Degrees::LATITUDE.holds(latitude) {
        return Err(refuse("latitude must be between -90 and 90"));
    }
    if !Degrees::LONGITUDE.holds(longitude) {
        return Err(refuse("longitude must be between -180 and 180"));
    }
    Ok(GeoPoint { latitude, longitude })
}

// ---- reading ------------------------------------------------------------------------------

fn store_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = bounded(d, MAX_TEXT)?;
    if name.trim_ascii().is_empty() {
        return Err(de::Error::custom("must be a non-empty string"));
    }
    Ok(name)
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_bounded(d, MAX_TEXT)
}

fn opt_description<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_bounded(d, MAX_DESCRIPTION)
}

/// Reads degrees within `-max…max`: from our reader, the number's exact text; from any other
/// deserializer, the number given.
#[derive(Clone, Copy)]
struct Degrees {
    what: &'static str,
    max: f64,
}

impl Degrees {
    const LATITUDE: Degrees = Degrees { what: "a latitude between -90 and 90", max: 90.0 };
    const LONGITUDE: Degrees = Degrees { what: "a longitude between -180 and 180", max: 180.0 };

    /// Within range, and not NaN.
    fn holds(self, v: f64) -> bool {
        (-self.max..=self.max).contains(&v)
    }

    fn check<E: de::Error>(self, v: f64, found: &str) -> Result<f64, E> {
        if self.holds(v) {
            return Ok(v);
        }
        let mut problem = String::from("must be ");
        problem.push_str(self.what);
        if !found.is_empty() {
            problem.push_str(", found ");
            problem.push_str(found);
        }
        Err(E::custom(problem))
    }
}

impl<'de> Visitor<'de> for Degrees {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }

    /// Our reader's path: the digits as written, already known to be a JSON number.
    fn visit_str<E: de::Error>(self, raw: &str) -> Result<f64, E> {
        let v = decimal_to_f64(raw).ok_or_else(|| E::invalid_value(de::Unexpected::Str(raw), &self))?;
        self.check(v, raw)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<f64, D::Error> {
        d.deserialize_f64(self)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        self.check(v, "")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        self.check(v as f64, "")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        self.check(v as f64, "")
    }
}

impl<'de> de::DeserializeSeed<'de> for Degrees {
    type Value = f64;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<f64, D::Error> {
        d.deserialize_newtype_struct(QTY_TOKEN, self)
    }
}

fn latitude<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    de::DeserializeSeed::deserialize(Degrees::LATITUDE, d)
}

fn longitude<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    de::DeserializeSeed::deserialize(Degrees::LONGITUDE, d)
}

fn opt_degrees<'de, D: Deserializer<'de>>(d: D, degrees: Degrees) -> Result<Option<f64>, D::Error> {
    struct Opt(Degrees);
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0.what)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de::DeserializeSeed::deserialize(self.0, d).map(Some)
        }
    }
    d.deserialize_option(Opt(degrees))
}

fn opt_latitude<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    opt_degrees(d, Degrees::LATITUDE)
}

fn opt_longitude<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    opt_degrees(d, Degrees::LONGITUDE)
}

/// A JSON number's text as the nearest float within an ulp or two: the first 19 significant digits
/// scaled by a power of ten. Coordinates need no more (1e-9° is 0.1 mm), and the element's module
/// carries no float parser for them. `None` for text that is not a JSON number.
pub(crate) fn decimal_to_f64(raw: &str) -> Option<f64> {
    let bytes = raw.as_bytes();
    let (negative, mut i) = if bytes.first() == Some(&b'-') { (true, 1) } else { (false, 0) };
    let (mut mantissa, mut exponent, mut digits, mut any) = (0u64, 0i32, 0u32, false);
    let mut fraction = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                any = true;
                if digits < 19 {
                    if mantissa != 0 || b != b'0' {
                        digits += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if fraction {
                        exponent -= 1;
                    }
                } else if !fraction {
                    exponent += 1;
                }
            }
            b'.' if !fraction => fraction = true,
            b'e' | b'E' => {
                let rest = raw.get(i + 1..)?;
                let rest = rest.strip_prefix('+').unwrap_or(rest);
                if rest.is_empty() || rest.len() > 6 {
                    // `1e1000000` is no coordinate; refuse rather than overflow.
                    return if rest.is_empty() { None } else { Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY }) };
                }
                let (sign, digits_text) = match rest.strip_prefix('-') {
                    Some(d) => (-1, d),
                    None => (1, rest),
                };
                let mut e = 0i32;
                for c in digits_text.bytes() {
                    if !c.is_ascii_digit() {
                        return None;
                    }
                    e = e * 10 + i32::from(c - b'0');
                }
                exponent += sign * e;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    if !any {
        return None;
    }
    let scale = 10f64.powi(exponent.unsigned_abs().min(400) as i32);
    let magnitude = if exponent < 0 { mantissa as f64 / scale } else { mantissa as f64 * scale };
    Some(if negative { -magnitude } else { magnitude })
}

// ---- writing ------------------------------------------------------------------------------

/// Degrees as a float for JS and serde_json; our writer has no float code, so it writes the
/// nearest ten-thousandth of a degree (about 11 m), through a quantity's exact digits.
fn degrees_out<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        s.serialize_f64(*v)
    } else {
        s.serialize_newtype_struct(QTY_TOKEN, &((*v * 10_000.0).round() as i64))
    }
}

fn opt_degrees_out<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => degrees_out(v, s),
        None => s.serialize_none(),
    }
}

#[derive(Serialize)]
#[serde(remote = "Pickup")]
pub(super) struct PickupDef<'a> {
    available_count: usize,
    message: String,
    locations: Vec<PickupStore<'a>>,
}

write_through_def!(Pickup<'_> => PickupDef);

/// One store as the output shows it: the input's texts, its verdict and distance; never a
/// quantity, and never its coordinates (SPEC §17).
impl Serialize for PickupStore<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let l = self.location;
        let mut store = s.serialize_struct("PickupStore", 8)?;
        store.serialize_field("source_code", self.source_code)?;
        store.serialize_field("name", &l.name)?;
        store.serialize_field("description", &l.description)?;
        store.serialize_field("available", &self.available)?;
        store.serialize_field("distance_km", &self.distance_km)?;
        store.serialize_field("address", &Address(l))?;
        store.serialize_field("phone", &l.phone)?;
        store.serialize_field("text", &self.text)?;
        store.end()
    }
}

/// The address parts given, as given, in Magento's order; `{}` when none (SPEC §17).
struct Address<'a>(&'a PickupLocation);

impl Serialize for Address<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let parts =
            [("street", &l.street), ("city", &l.city), ("postcode", &l.postcode), ("region", &l.region), ("country_id", &l.country_id)];
        s.collect_map(parts.iter().filter_map(|(k, v)| v.as_deref().map(|v| (*k, v))))
    }
}

typescript!(
    r#"
/** A point in decimal degrees (SPEC §17). */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A source that is an active in-store pickup location (SPEC §17): Magento's `frontend_name`,
 *  `frontend_description` and the source's address. */
export interface PickupLocationInput {
  name: string;
  description?: string | null;
  street?: string | null;
  city?: string | null;
  postcode?: string | null;
  region?: string | null;
  country_id?: string | null;
  phone?: string | null;
  /** −90…90, given with `longitude`. */
  latitude?: number | null;
  /** −180…180, given with `latitude`. */
  longitude?: number | null;
}

/** In-store pickup on the product page (SPEC §17); no quantity is ever written. */
export interface PickupAvailability {
  available_count: number;
  /** "Pickup available at Paris Rivoli. Also at 2 other stores", or "Pickup currently unavailable". */
  message: string;
  /** In document order, or nearest first when the page gave `near`. */
  locations: PickupStoreStatus[];
}

/** One pickup store and its verdict for the requested quantity (SPEC §17). */
export interface PickupStoreStatus {
  source_code: string;
  name: string;
  description: string | null;
  /** Whether this store's own shelf holds the requested quantity. */
  available: boolean;
  /** Rounded half up to 0.1 km; null without `near`. */
  distance_km: number | null;
  /** The parts given, as given. */
  address: { street?: string; city?: string; postcode?: string; region?: string; country_id?: string };
  phone: string | null;
  /** "Available for pickup" or "Currently unavailable", in the document's language. */
  text: string;
}
"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_reads_as_the_nearest_float() {
        for (text, v) in [
            ("48.8566", 48.8566),
            ("-0.1276", -0.1276),
            ("90", 90.0),
            ("1e1", 10.0),
            ("2.35E-1", 0.235),
            ("0", 0.0),
            ("-180.000000", -180.0),
        ] {
            let got = decimal_to_f64(text).unwrap();
            assert!((got - v).abs() <= v.abs() * 4.0 * f64::EPSILON, "{text}: {got} vs {v}");
        }
        assert_eq!(decimal_to_f64("abc"), None);
        assert_eq!(decimal_to_f64(""), None);
        assert_eq!(decimal_to_f64("1e"), None);
        assert!(decimal_to_f64("1e999999999").unwrap().is_infinite());
    }

    #[cfg(feature = "pickup")]
    #[test]
    fn near_text_is_latitude_comma_longitude_spec_17() {
        assert_eq!(near_at("48.86,2.35", "near").unwrap(), GeoPoint { latitude: 48.86, longitude: 2.35 });
        assert_eq!(near_at(" -33.9 , 151.2 ", "near").unwrap(), GeoPoint { latitude: -33.9, longitude: 151.2 });
        for bad in ["", "48.86", "48.86;2.35", "a,b", "91,0", "0,181", "1,2,3", "NaN,0"] {
            let e = near_at(bad, "near").unwrap_err();
            assert_eq!(e.path, "near", "{bad}");
        }
        assert!(near_at("91,0", "near").unwrap_err().problem.contains("latitude must be between -90 and 90"));
    }
}
