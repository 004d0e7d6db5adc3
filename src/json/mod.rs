//! The JSON format engine: text to any `Deserialize`, any `Serialize` to text. It knows no document:
//! what a document holds is the contract's business (`crate::contract`), which declares it with
//! serde derive; this module only reads and writes JSON, the way stock documents need it.
//!
//! - `reader`: the tokenizer. Paths for every error (SPEC §12), numbers kept as their exact text
//!   (SPEC §1), unread values skipped without recursion, `NaN` refused.
//! - `deserializer`: serde's `Deserializer` over the reader, errors placed on their path.
//! - `writer`: serde's `Serializer` writing text, quantities exact, no float code.
//! - `error`: what the two pass around while they work.
//!
//! A type talks to the engine beyond serde's data model through two newtype names, owned here:
//! [`QTY_TOKEN`] (a quantity asks for, or hands over, a number's exact digits) and
//! [`TOLERANT_TOKEN`] (a value may be refused alone, and the read goes on).
//!
//! Why not serde_json: its float formatting and generic error paths cost the element's wasm about
//! 25 KB gzipped of a 35 KB budget (BENCHMARKS.md).

mod deserializer;
mod error;
mod reader;
mod writer;

pub(crate) use writer::to_json;

use crate::error::InputError;
use deserializer::Deserializer;
use reader::Reader;
use serde::Deserialize;

/// The newtype name under which a quantity asks the deserializer for a number's exact text, and
/// hands the writer its count of ten-thousandths (`crate::quantity::Qty`).
pub(crate) const QTY_TOKEN: &str = "$salable::Qty";

/// The newtype name under which a value asks to be refused alone rather than fail the whole read.
/// The visitor reads the value and keeps `None` if that fails; the failure itself, seen on its way
/// through `Deserializer::deserialize_map`, goes to the refused list with the value's text, and the
/// reader skips the value whole.
#[cfg(feature = "full")]
pub(crate) const TOLERANT_TOKEN: &str = "$salable::Tolerant";

/// A value refused under [`TOLERANT_TOKEN`]: why, and its text.
#[cfg(feature = "full")]
pub(crate) type Refused<'a> = (InputError, &'a str);

/// Reads one value of type `T` that must fill the whole text; paths in errors start with `root`
/// (`event.qty`), or name the value `document` at the top.
pub(crate) fn from_text<'a, T: Deserialize<'a>>(text: &'a str, root: &'static str) -> Result<T, InputError> {
    let mut r = Reader::with_root(text, root);
    let mut de = Deserializer::new(&mut r);
    let value = T::deserialize(&mut de).map_err(|e| de.locate(e, 0))?;
    r.finish()?;
    Ok(value)
}

/// [`from_text`], and the values refused alone under [`TOLERANT_TOKEN`], in text order.
#[cfg(feature = "full")]
pub(crate) fn from_text_tolerant<'a, T: Deserialize<'a>>(text: &'a str) -> Result<(T, Vec<Refused<'a>>), InputError> {
    let mut r = Reader::new(text);
    let mut de = Deserializer::new(&mut r);
    let value = T::deserialize(&mut de).map_err(|e| de.locate(e, 0))?;
    let refused = std::mem::take(&mut de.refused);
    r.finish()?;
    Ok((value, refused))
}
