//! The one error for malformed input (SPEC §12): where in the document, and what is wrong there.
//! Its own module, because the input wing reads documents into it and the ledger refuses events
//! with it; neither owns it.
//!
//! Shop developers debug from a console line, so every refusal has one shape,
//! `product.sources[1].quantity: expected a number, found the string "ten"`. Every piece of the
//! input that a message repeats (a key in the path, a quoted value, a number) is shortened, so a
//! hostile 10 MiB key or value cannot make a 10 MiB message.

use crate::quantity::push_int;
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
    /// An error at `path`.
    pub fn new(path: impl Into<String>, problem: impl Into<String>) -> InputError {
        InputError { path: path.into(), problem: problem.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        f.write_str(": ")?;
        f.write_str(&self.problem)
    }
}

impl std::error::Error for InputError {}

/// Characters in `s`: its bytes that do not continue a UTF-8 sequence. `str::chars().count()`
/// does the same with a wide unrolled loop, four times the size in the element's wasm.
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Longest piece of input repeated in a message, in characters.
const SHOWN: usize = 40;

/// Appends `.key` (or `key` at the start), shortening a hostile key.
pub(crate) fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    push_shortened(path, key);
}

/// Appends `s`, or its first [`SHOWN`] characters and how long it was.
pub(crate) fn push_shortened(out: &mut String, s: &str) {
    if s.len() <= SHOWN {
        out.push_str(s);
        return;
    }
    let count = char_count(s);
    if count <= SHOWN {
        out.push_str(s);
        return;
    }
    out.extend(s.chars().take(SHOWN));
    out.push_str("… (");
    push_int(out, count as u64);
    out.push_str(" characters)");
}

/// Quotes a string for an error message, shortened like a key.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    if s.len() <= SHOWN || char_count(s) <= SHOWN {
        out.push_str(s);
        out.push('"');
        return out;
    }
    out.extend(s.chars().take(SHOWN));
    out.push_str("…\" (");
    push_int(&mut out, char_count(s) as u64);
    out.push_str(" characters)");
    out
}

/// Checks a string's length in characters; the problem text when it is too long.
pub(crate) fn check_len(s: &str, max: usize) -> Result<(), String> {
    // Byte length bounds the character count from above; count characters only when it matters.
    if s.len() > max && char_count(s) > max {
        let mut problem = String::from("too long: ");
        push_int(&mut problem, char_count(s) as u64);
        problem.push_str(" characters, at most ");
        push_int(&mut problem, max as u64);
        return Err(problem);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_are_shortened() {
        let big = "x".repeat(10_000_000);
        let q = quoted(&big);
        assert!(q.len() < 100, "{q}");
        assert!(q.ends_with("(10000000 characters)"));
        let mut path = String::from("feed");
        push_key(&mut path, &big);
        assert!(path.len() < 100 && path.starts_with("feed.xxx"), "{path}");
    }

    #[test]
    fn lengths_count_characters() {
        assert!(check_len("ééé", 3).is_ok());
        assert_eq!(check_len("éééé", 3).unwrap_err(), "too long: 4 characters, at most 3");
    }
}
