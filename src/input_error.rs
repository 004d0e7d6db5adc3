//! The one error for malformed input (SPEC §12): where in the document, and what is wrong there.
//!
//! Shop developers debug from a console line, so every refusal has one shape,
//! `product.sources[1].quantity: expected a number, found the string "ten"`.

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

pub(crate) fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// Quotes a string for an error message, shortened so that a 10 MB value cannot make a 10 MB message.
pub(crate) fn quoted(s: &str) -> String {
    const SHOWN: usize = 40;
    let count = s.chars().count();
    if count <= SHOWN {
        return format!("\"{s}\"");
    }
    let mut out = String::from("\"");
    out.extend(s.chars().take(SHOWN));
    out.push_str("…\" (");
    crate::quantity::push_int(&mut out, count as u64);
    out.push_str(" characters)");
    out
}

/// Checks a string's length in characters; the problem text when it is too long.
pub(crate) fn check_len(s: &str, max: usize) -> Result<(), String> {
    // Byte length bounds the character count from above; count characters only when it matters.
    if s.len() > max && s.chars().count() > max {
        let mut problem = String::from("too long: ");
        crate::quantity::push_int(&mut problem, s.chars().count() as u64);
        problem.push_str(" characters, at most ");
        crate::quantity::push_int(&mut problem, max as u64);
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
    }

    #[test]
    fn lengths_count_characters() {
        assert!(check_len("ééé", 3).is_ok());
        assert_eq!(check_len("éééé", 3).unwrap_err(), "too long: 4 characters, at most 3");
    }
}
