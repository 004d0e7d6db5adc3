//! serde's `Deserializer` over the [`Reader`]: the contract's types are declared once with
//! `#[derive(Deserialize)]` (`crate::contract`) and read through here from JSON text.
//!
//! What it adds to a generic JSON deserializer, and why it is its own:
//! - every error is placed on the path where it happened (`product.sources[1].quantity`), and the
//!   "found …" part of a type error is described from the text itself (`the number 1.50`), so no
//!   float is ever formatted (SPEC §12, and 15 KB of wasm);
//! - a [`Qty`] is handed the number's exact digits ([`QTY_TOKEN`]), never a float;
//! - unread values are skipped by the reader's iterative scan, whatever their depth;
//! - a value can be refused alone while the read goes on ([`TOLERANT_TOKEN`]: one bad product in a
//!   catalog).

use super::error::DeError;
use super::reader::Reader;
use super::QTY_TOKEN;
#[cfg(feature = "full")]
use super::{Refused, TOLERANT_TOKEN};
use crate::error::InputError;
use crate::quantity::Qty;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

pub(crate) struct Deserializer<'r, 'a> {
    r: &'r mut Reader<'a>,
    /// Values refused under [`TOLERANT_TOKEN`], in text order.
    #[cfg(feature = "full")]
    pub(crate) refused: Vec<Refused<'a>>,
    /// The last object that failed to read, as it failed.
    failed: Option<InputError>,
}

type Result<T> = std::result::Result<T, DeError>;

impl<'r, 'a> Deserializer<'r, 'a> {
    pub(crate) fn new(r: &'r mut Reader<'a>) -> Self {
        Deserializer {
            r,
            #[cfg(feature = "full")]
            refused: Vec::new(),
            failed: None,
        }
    }

    /// Places an error that does not know where it happened at the reader's current path; a type
    /// error describes the value that starts at `start`.
    pub(crate) fn locate(&mut self, e: DeError, start: usize) -> InputError {
        match e {
            DeError::Located(e) => e,
            DeError::Problem(problem) => self.r.error(problem),
            DeError::Expected(what) => {
                self.r.rewind(start);
                self.r.expected(&what)
            }
            DeError::Missing(key) => self.r.error_at_key(key, "is required"),
            DeError::Duplicate(key) => self.r.error_at_key(key, "duplicate key: a key that is read may appear once"),
        }
    }

    fn read<T>(&mut self, result: std::result::Result<T, InputError>) -> Result<T> {
        result.map_err(DeError::Located)
    }
}

impl<'de, 'r> de::Deserializer<'de> for &mut Deserializer<'r, 'de> {
    type Error = DeError;

    /// Only the contract's enums ask for "any": a name, Magento's number, or something to refuse.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.r.next_byte() {
            Some(b'"') => self.deserialize_str(visitor),
            Some(b'{') => self.deserialize_map(visitor),
            Some(b'[') => self.deserialize_seq(visitor),
            Some(b't' | b'f') => self.deserialize_bool(visitor),
            Some(b'n') if self.r.null() => visitor.visit_unit(),
            _ => {
                let raw = self.r.number();
                let raw = self.read(raw)?;
                match raw.parse::<Qty>().ok().and_then(Qty::as_whole) {
                    Some(n) => visitor.visit_i64(n),
                    // Not a whole number in range: no enum has it; let the visitor refuse it.
                    None => visitor.visit_unit(),
                }
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let b = self.r.boolean();
        visitor.visit_bool(self.read(b)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let s = self.r.string();
        match self.read(s)? {
            std::borrow::Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            std::borrow::Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.r.null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.r.null() {
            visitor.visit_unit()
        } else {
            Err(DeError::Located(self.r.expected("null")))
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value> {
        if name == QTY_TOKEN {
            let raw = self.r.number();
            return visitor.visit_borrowed_str(self.read(raw)?);
        }
        #[cfg(feature = "full")]
        if name == TOLERANT_TOKEN {
            let start = self.r.position();
            let depth = self.r.depth();
            self.failed = None;
            let value = visitor.visit_newtype_struct(&mut *self)?;
            if let Some(error) = self.failed.take() {
                // Skip the refused value whole. If even that fails, the text is not JSON and the
                // whole read fails: a NaN or an Infinity is named where it stands, anything else
                // is the syntax error.
                self.r.truncate(depth);
                self.r.rewind(start);
                if let Err(syntax) = self.r.skip() {
                    let non_finite = error.problem.starts_with("expected a finite number");
                    return Err(DeError::Located(if non_finite { error } else { syntax }));
                }
                self.refused.push((error, self.r.slice_from(start)));
            }
            return Ok(value);
        }
        visitor.visit_newtype_struct(self)
    }

    /// `null` reads as an empty array: an absent list (SPEC §10).
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.r.null() {
            return visitor.visit_seq(Elements { de: self, index: usize::MAX });
        }
        let opened = self.r.open_array();
        self.read(opened)?;
        visitor.visit_seq(Elements { de: self, index: 0 })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let start = self.r.position();
        let depth = self.r.depth();
        let opened = self.r.open_object();
        let read = match opened {
            Ok(()) => visitor.visit_map(Entries { de: self, first: true }),
            Err(e) => Err(DeError::Located(e)),
        };
        read.map_err(|e| {
            // A missing or repeated key is found by the visitor after the keys are read: name
            // it under this object, not under the last key seen.
            self.r.truncate(depth);
            let e = self.locate(e, start);
            self.failed = Some(e.clone());
            DeError::Located(e)
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let skipped = self.r.skip();
        self.read(skipped)?;
        visitor.visit_unit()
    }

    /// The contract has no floats: quantities come through [`QTY_TOKEN`]. Refusing here keeps
    /// the float-reading paths of other deserializers (and their float code) out of the wasm.
    fn deserialize_f64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(DeError::Expected("a number".into()))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char bytes byte_buf
        unit_struct tuple_struct enum identifier
    }
}

/// The entries of an object, each value read under its key.
struct Entries<'d, 'r, 'a> {
    de: &'d mut Deserializer<'r, 'a>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_, 'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let key = self.de.r.next_key(self.first);
        self.first = false;
        let Some(key) = self.de.read(key)? else { return Ok(None) };
        self.de.r.enter_key(key.clone());
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let start = self.de.r.position();
        let value = seed.deserialize(&mut *self.de).map_err(|e| DeError::Located(self.de.locate(e, start)));
        self.de.r.leave();
        value
    }
}

/// The elements of an array, each read under its index.
struct Elements<'d, 'r, 'a> {
    de: &'d mut Deserializer<'r, 'a>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, '_, 'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.index == usize::MAX {
            return Ok(None);
        }
        let more = self.de.r.next_element(self.index == 0);
        if !self.de.read(more)? {
            return Ok(None);
        }
        self.de.r.enter_index(self.index);
        self.index += 1;
        let start = self.de.r.position();
        let value = seed.deserialize(&mut *self.de).map_err(|e| DeError::Located(self.de.locate(e, start)));
        self.de.r.leave();
        value.map(Some)
    }
}
