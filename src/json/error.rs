//! The engine's errors: [`DeError`], which serde's derive and the deserializer pass around until it
//! is placed on its path as an [`InputError`], and [`Unwritable`], the writer's one failure. Neither
//! formats a float.

use crate::error::InputError;
use std::fmt;

/// The error serde's derive and our deserializer pass around while a document is read. Most of them
/// do not know where they happened; the deserializer places them on its path as they bubble up
/// ([`DeError::Located`]). None of them formats a float: `core::fmt`'s float code is about 15 KB of
/// wasm that every shopper would download.
#[derive(Debug)]
pub(crate) enum DeError {
    /// Placed: the final error.
    Located(InputError),
    /// Something wrong with the value being read (`must not be empty`).
    Problem(String),
    /// The value has the wrong type or is not in a list: `expected {0}, found …`, the "found" part
    /// described from the text itself.
    Expected(String),
    /// A required key is absent from the object being read.
    Missing(&'static str),
    /// A key that is read was given twice in one object.
    Duplicate(&'static str),
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeError::Located(e) => e.fmt(f),
            DeError::Problem(p) => f.write_str(p),
            DeError::Expected(what) => write!(f, "expected {what}"),
            DeError::Missing(key) => write!(f, "{key}: is required"),
            DeError::Duplicate(key) => write!(f, "{key}: is given twice"),
        }
    }
}

impl std::error::Error for DeError {}

impl serde::de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::Problem(msg.to_string())
    }

    fn invalid_type(_: serde::de::Unexpected<'_>, exp: &dyn serde::de::Expected) -> Self {
        DeError::Expected(exp.to_string())
    }

    fn invalid_value(_: serde::de::Unexpected<'_>, exp: &dyn serde::de::Expected) -> Self {
        DeError::Expected(exp.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::Missing(field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::Duplicate(field)
    }

    // The defaults of these format their numbers and lists with `core::fmt`; what was expected is
    // all a message needs, and the reader describes what was found.
    fn invalid_length(_: usize, exp: &dyn serde::de::Expected) -> Self {
        DeError::Expected(exp.to_string())
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        DeError::Problem("unknown variant".into())
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        DeError::Problem("unknown key".into())
    }
}

/// The one way writing fails: a value JSON text has no place for here (a float, bytes, a map key
/// that is not a string). Carries no text, so nothing is formatted.
#[derive(Debug)]
pub(crate) struct Unwritable;

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value the JSON contract has no place for")
    }
}

impl std::error::Error for Unwritable {}

impl serde::ser::Error for Unwritable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unwritable
    }
}
