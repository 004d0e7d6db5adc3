//! serde's `Serializer` writing JSON text: the contract declares the documents with
//! `#[derive(Serialize)]` (`crate::contract`) and they are written here. Quantities go out as exact decimals
//! (`0.17`, `72`), never through float formatting, which would also cost the element's wasm about
//! 15 KB: a [`Qty`] asks this writer for its compact form (its count of ten-thousandths) because
//! the writer says it is not human-readable, and the writer prints that count as a decimal.

use super::error::Unwritable;
use super::QTY_TOKEN;
use crate::quantity::{push_int, Qty};
use serde::ser::{self, Impossible, Serialize};

/// Writes any `Serialize` value as JSON text.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, out: &mut String) {
    // Nothing the contract declares can fail to write; a failure would be a bug in a declaration,
    // and leaves `null` rather than half a document.
    let start = out.len();
    if value.serialize(&mut TextWriter { out, qty_next: false }).is_err() {
        out.truncate(start);
        out.push_str("null");
    }
}

struct TextWriter<'o> {
    out: &'o mut String,
    /// The next integer is a [`Qty`]'s count of ten-thousandths.
    qty_next: bool,
}

/// An object or array being written: whether a comma comes before the next item.
pub(crate) struct Container<'w, 'o> {
    w: &'w mut TextWriter<'o>,
    first: bool,
    close: char,
}

impl Container<'_, '_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.w.out.push(',');
        }
    }

    fn end(self) -> Result {
        self.w.out.push(self.close);
        Ok(())
    }
}

type Result<T = ()> = std::result::Result<T, Unwritable>;

impl<'w, 'o> ser::Serializer for &'w mut TextWriter<'o> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Container<'w, 'o>;
    type SerializeTuple = Container<'w, 'o>;
    type SerializeTupleStruct = Impossible<(), Unwritable>;
    type SerializeTupleVariant = Impossible<(), Unwritable>;
    type SerializeMap = Container<'w, 'o>;
    type SerializeStruct = Container<'w, 'o>;
    type SerializeStructVariant = Impossible<(), Unwritable>;

    /// Asks [`Qty`] for its exact count rather than a float (see the module's doc).
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i64(self, v: i64) -> Result {
        if std::mem::take(&mut self.qty_next) {
            Qty::from_ten_thousandths(v).write_decimal(self.out, '.');
            return Ok(());
        }
        if v < 0 {
            self.out.push('-');
        }
        push_int(self.out, v.unsigned_abs());
        Ok(())
    }

    fn serialize_u64(self, v: u64) -> Result {
        push_int(self.out, v);
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }

    /// Floats have no place in the contract: quantities are [`Qty`].
    fn serialize_f32(self, _: f32) -> Result {
        Err(Unwritable)
    }
    fn serialize_f64(self, _: f64) -> Result {
        Err(Unwritable)
    }

    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        write_string(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(Unwritable)
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result {
        self.qty_next = name == QTY_TOKEN;
        let written = value.serialize(&mut *self);
        self.qty_next = false;
        written
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result {
        Err(Unwritable)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Container<'w, 'o>> {
        self.out.push('[');
        Ok(Container { w: self, first: true, close: ']' })
    }

    fn serialize_tuple(self, len: usize) -> Result<Container<'w, 'o>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        Err(Unwritable)
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant> {
        Err(Unwritable)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Container<'w, 'o>> {
        self.out.push('{');
        Ok(Container { w: self, first: true, close: '}' })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Container<'w, 'o>> {
        self.out.push('{');
        Ok(Container { w: self, first: true, close: '}' })
    }

    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant> {
        Err(Unwritable)
    }
}

impl ser::SerializeSeq for Container<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.separate();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        Container::end(self)
    }
}

impl ser::SerializeTuple for Container<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result {
        Container::end(self)
    }
}

/// Objects with keys known only at run time (a configurable product's attribute codes). Keys are
/// written as whatever they serialize to: strings, in the contract.
impl ser::SerializeMap for Container<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.separate();
        key.serialize(&mut *self.w)?;
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        Container::end(self)
    }
}

impl ser::SerializeStruct for Container<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.separate();
        write_string(self.w.out, key);
        self.w.out.push(':');
        value.serialize(&mut *self.w)
    }
    fn skip_field(&mut self, _: &'static str) -> Result {
        Ok(())
    }
    fn end(self) -> Result {
        Container::end(self)
    }
}

/// A JSON string literal. Escapes what JSON requires, plus U+2028/U+2029 so that the text is also
/// safe to paste into a script. Runs of plain bytes are copied whole.
pub(crate) fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "u",
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => "u",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        if escape == "u" {
            let (n, len) = if b == 0xE2 { (if bytes.get(i + 2) == Some(&0xA8) { 0x2028 } else { 0x2029 }, 3) } else { (b as u32, 1) };
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((n >> shift) & 0xf) as usize] as char);
            }
            i += len;
        } else {
            out.push_str(escape);
            i += 1;
        }
        run = i;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Sample<'a> {
        a: Qty,
        b: (bool, Option<Qty>, &'a str),
        c: Vec<Qty>,
        d: Option<Qty>,
        #[serde(skip_serializing_if = "Option::is_none")]
        e: Option<bool>,
    }

    #[test]
    fn writes_nested_values_with_commas_and_exact_quantities() {
        let mut s = String::new();
        let big = Qty::from_ten_thousandths(9_999_999_999_999_999);
        to_json(
            &Sample { a: Qty::from_ten_thousandths(1700), b: (true, None, "x"), c: vec![big, Qty::from_int(-3)], d: None, e: None },
            &mut s,
        );
        assert_eq!(s, r#"{"a":0.17,"b":[true,null,"x"],"c":[999999999999.9999,-3],"d":null}"#);
    }

    #[test]
    fn a_float_is_refused_not_formatted() {
        let mut s = String::from("[");
        to_json(&1.5f64, &mut s);
        assert_eq!(s, "[null");
    }

    #[test]
    fn escapes_strings() {
        let mut s = String::new();
        write_string(&mut s, "a\"b\\c\nd\u{1}e\u{2028}é😀");
        assert_eq!(s, r#""a\"b\\c\nd\u0001e\u2028é😀""#);
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}e\u{2028}é😀");
    }
}
