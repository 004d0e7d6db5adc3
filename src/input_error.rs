//! The one error for malformed input (SPEC §12): where in the document, and what is wrong there.
//!
//! Serde's own messages read "invalid type: string \"ten\", expected a number" and carry no location.
//! Shop developers debug from a console line, so every refusal is reworded here into one shape,
//! `product.sources[1].quantity: expected a number, found the string "ten"`, whichever deserializer
//! (JSON text or a JS object) produced it.

use std::fmt;

/// A refused input document or event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Dotted path into the document, `[i]` for array items: `product.sources[1].quantity`.
    pub path: String,
    /// What is wrong at that path.
    pub problem: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> InputError {
        InputError { path: path.into(), problem: problem.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl std::error::Error for InputError {}

/// Deserializes `T`, turning any failure into an [`InputError`] whose path starts with `root`
/// (empty for the top-level document, `"event"` for an event).
pub fn deserialize_at<'de, T, D>(deserializer: D, root: &str) -> Result<T, InputError>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
    D::Error: fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let mut path = String::from(root);
        for segment in err.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    use fmt::Write;
                    let _ = write!(path, "[{index}]");
                }
                serde_path_to_error::Segment::Map { key } => push_key(&mut path, key),
                serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
            }
        }
        let message = err.inner().to_string();
        let (path, problem) = reword(path, strip_position(&message));
        InputError { path: if path.is_empty() { "document".into() } else { path }, problem }
    })
}

pub(crate) fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// serde_json ends its messages with " at line L column C", and serde-wasm-bindgen's begin with
/// the JS `Error: ` prefix; the path says more than either, so both go.
fn strip_position(message: &str) -> &str {
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    if let Some(at) = message.rfind(" at line ") {
        let tail = &message[at + " at line ".len()..];
        let mut parts = tail.split(" column ");
        let digits = |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        if digits(parts.next()) && digits(parts.next()) && parts.next().is_none() {
            return &message[..at];
        }
    }
    message
}

/// Rewords serde's standard messages; messages this crate wrote itself pass through unchanged.
fn reword(mut path: String, message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        push_key(&mut path, field);
        return (path, "is required".into());
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            // serde writes "{unexpected}, expected {expected}"; the unexpected part may itself contain
            // ", expected " only inside a quoted string, so split at the last occurrence.
            if let Some(at) = rest.rfind(", expected ") {
                let found = describe_unexpected(&rest[..at]);
                let expected = describe_expected(&rest[at + ", expected ".len()..]);
                return (path, format!("expected {expected}, found {found}"));
            }
        }
    }
    (path, message.to_string())
}

fn describe_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "an array".into(),
        "f64" | "i64" | "u64" => "a number".into(),
        "a boolean" | "a string" => expected.into(),
        other => other.into(),
    }
}

fn describe_unexpected(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string \"").and_then(|s| s.strip_suffix('"')) {
        return format!("the string {}", quoted(s));
    }
    for (prefix, label) in [("integer `", "the number "), ("floating point `", "the number "), ("boolean `", "")] {
        if let Some(v) = found.strip_prefix(prefix).and_then(|s| s.strip_suffix('`')) {
            return format!("{label}{v}");
        }
    }
    match found {
        "map" => "an object".into(),
        "sequence" => "an array".into(),
        "unit value" | "Option value" | "null" | "undefined" => "null".into(),
        other => other.into(),
    }
}

/// Implements `Deserialize` for structs derived with `#[serde(remote = "Self")]` so that they accept
/// objects only. Serde's derive also takes an array as a struct, by position, which would turn
/// `"product": ["a"]` into a confusing error about `sku`; here it is "expected an object".
macro_rules! deserialize_objects_only {
    ($($t:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::deserialize($crate::input_error::ObjectOnly(d))
            }
        }
    )*};
}
pub(crate) use deserialize_objects_only;

/// A deserializer that hands its visitor maps only; see [`deserialize_objects_only`].
pub(crate) struct ObjectOnly<D>(pub D);

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(MapsOnly(visitor))
    }

    /// Kept as `deserialize_struct`: serde-wasm-bindgen then reads only the named fields of a JS
    /// object instead of listing all of its entries.
    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, MapsOnly(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

struct MapsOnly<V>(V);

impl<'de, V: serde::de::Visitor<'de>> serde::de::Visitor<'de> for MapsOnly<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// Quotes a string for an error message, shortened so that a 10 MB value cannot make a 10 MB message.
pub(crate) fn quoted(s: &str) -> String {
    const SHOWN: usize = 40;
    let count = s.chars().count();
    if count <= SHOWN {
        return format!("\"{s}\"");
    }
    let head: String = s.chars().take(SHOWN).collect();
    format!("\"{head}…\" ({count} characters)")
}

/// Shows a float in an error message without pulling float formatting into the wasm build.
pub(crate) struct FloatText(pub f64);

impl fmt::Display for FloatText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match crate::quantity::Qty::from_f64(self.0) {
            Ok(q) => write!(f, "{q}"),
            Err(e) => write!(f, "({e})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewords_serde_type_errors() {
        let (p, m) = reword("product.sources[1].quantity".into(), "invalid type: string \"ten\", expected a number");
        assert_eq!(format!("{p}: {m}"), "product.sources[1].quantity: expected a number, found the string \"ten\"");
        let (_, m) = reword("product".into(), "invalid type: sequence, expected an object");
        assert_eq!(m, "expected an object, found an array");
        let (_, m) = reword("x".into(), "invalid type: integer `5`, expected a boolean");
        assert_eq!(m, "expected a boolean, found the number 5");
        let (_, m) = reword("x".into(), "invalid type: unit value, expected a sequence");
        assert_eq!(m, "expected an array, found null");
    }

    #[test]
    fn missing_fields_name_the_field() {
        let (p, m) = reword("product".into(), "missing field `sku`");
        assert_eq!((p.as_str(), m.as_str()), ("product.sku", "is required"));
    }

    #[test]
    fn long_strings_are_shortened() {
        let big = "x".repeat(10_000_000);
        let q = quoted(&big);
        assert!(q.len() < 100, "{q}");
        assert!(q.ends_with("(10000000 characters)"));
    }

    #[test]
    fn own_messages_pass_through() {
        let (_, m) = reword("a".into(), "expected a finite number, found NaN");
        assert_eq!(m, "expected a finite number, found NaN");
    }
}
