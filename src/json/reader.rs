//! A JSON reader made for stock documents: it tracks where it is, so every refusal names its path
//! (SPEC §12); it reads numbers straight from their decimal digits into [`Qty`], so `0.17` is exactly
//! 0.17 and rounding to 4 decimals is done on the text the feed wrote (SPEC §1); and it skips the
//! values we do not read without building them and without recursion, so a feed's descriptions and
//! a hostile, deeply nested value cost a scan and nothing more.
//!
//! This is the tokenizer; `super::deserializer` puts serde's derive on top of it. Why not
//! serde_json: its float formatting and generic error paths cost the element's wasm about 25 KB
//! gzipped of a 35 KB budget (BENCHMARKS.md).

use crate::error::{push_key, push_shortened, quoted, InputError};
use crate::quantity::push_int;

/// One step of the path to the value being read.
#[derive(Clone, Debug)]
enum Segment<'a> {
    Key(std::borrow::Cow<'a, str>),
    Index(usize),
}

/// A cursor over one JSON text.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    path: Vec<Segment<'a>>,
    /// Prepended to every path: `"event"` for events; empty for documents.
    root: &'static str,
}

pub type ReadResult<T> = Result<T, InputError>;

impl<'a> Reader<'a> {
    #[cfg(any(test, feature = "full"))]
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader::with_root(text, "")
    }

    /// A reader whose paths start with `root` (`event.qty`).
    pub fn with_root(text: &'a str, root: &'static str) -> Reader<'a> {
        Reader { text, bytes: text.as_bytes(), pos: 0, path: Vec::new(), root }
    }

    /// The current path, as shown in errors: `product.sources[1].quantity`.
    pub fn path(&self) -> String {
        let mut s = String::from(self.root);
        for segment in &self.path {
            match segment {
                Segment::Key(k) => push_key(&mut s, k),
                Segment::Index(i) => {
                    s.push('[');
                    push_int(&mut s, *i as u64);
                    s.push(']');
                }
            }
        }
        if s.is_empty() {
            s.push_str("document");
        }
        s
    }

    /// An error at the current path.
    pub fn error(&self, problem: impl Into<String>) -> InputError {
        InputError::new(self.path(), problem)
    }

    /// An error at the current path with `.key` added (for a missing required key).
    pub fn error_at_key(&self, key: &str, problem: impl Into<String>) -> InputError {
        let mut path = self.path();
        if path == "document" {
            path.clear();
        }
        push_key(&mut path, key);
        InputError::new(path, problem)
    }

    fn syntax(&self, what: &str) -> InputError {
        let before = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let mut problem = String::from("invalid JSON at line ");
        push_int(&mut problem, line as u64);
        problem.push_str(", column ");
        push_int(&mut problem, column as u64);
        problem.push_str(": expected ");
        problem.push_str(what);
        problem.push_str(", found ");
        match self.rest(self.pos).chars().next() {
            None => problem.push_str("the end of the text"),
            Some(c @ '!'..='~') => {
                problem.push('\'');
                problem.push(c);
                problem.push('\'');
            }
            Some(c) => {
                // Invisible or non-ASCII: its code point says what it is without escaping rules.
                problem.push_str("U+");
                let n = c as u32;
                for shift in [20u32, 16, 12, 8, 4, 0].into_iter().filter(|&sh| sh < 16 || n >> sh != 0) {
                    problem.push(char::from_digit((n >> shift) & 0xf, 16).unwrap_or('0').to_ascii_uppercase());
                }
            }
        }
        self.error(problem)
    }

    /// The text from `at` on; never panics, so no slicing panic path reaches the wasm.
    fn rest(&self, at: usize) -> &'a str {
        self.text.get(at..).unwrap_or("")
    }

    fn sub(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_byte(&mut self, b: u8, what: &str) -> ReadResult<()> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    /// After the whole document: only white space may remain.
    pub fn finish(&mut self) -> ReadResult<()> {
        self.path.clear();
        if self.peek().is_some() {
            return Err(self.syntax("the end of the text"));
        }
        Ok(())
    }

    /// Where the next value starts; with [`Reader::rewind`], lets a caller skip a value it failed
    /// to read and carry on (one bad product in a catalog).
    pub fn position(&mut self) -> usize {
        self.ws();
        self.pos
    }

    pub fn rewind(&mut self, pos: usize) {
        self.pos = pos;
    }

    /// The text of the value starting at `pos` and ending at the current position.
    #[cfg(feature = "full")]
    pub fn slice_from(&self, pos: usize) -> &'a str {
        self.sub(pos, self.pos)
    }

    /// "expected {what}, found {the next value}", at the current path.
    pub fn expected(&mut self, what: &str) -> InputError {
        let found = self.describe_next();
        let mut problem = String::from("expected ");
        problem.push_str(what);
        problem.push_str(", found ");
        problem.push_str(&found);
        self.error(problem)
    }

    /// Names the next value for an error message, reading it only as far as needed.
    fn describe_next(&mut self) -> String {
        let start = self.position();
        let described = match self.bytes.get(start) {
            Some(b'{') => "an object".to_string(),
            Some(b'[') => "an array".to_string(),
            Some(b'"') => match self.string_raw() {
                Ok(s) => String::from("the string ") + &quoted(&s),
                Err(_) => "a malformed string".to_string(),
            },
            Some(b't') if self.rest(start).starts_with("true") => "true".into(),
            Some(b'f') if self.rest(start).starts_with("false") => "false".into(),
            Some(b'n') if self.rest(start).starts_with("null") => "null".into(),
            Some(b'N' | b'I' | b'-' | b'0'..=b'9') => match self.number_token() {
                Ok(NumberToken::NonFinite(name)) => name.to_string(),
                Ok(NumberToken::Finite(raw)) => {
                    let mut found = String::from("the number ");
                    push_shortened(&mut found, raw);
                    found
                }
                Err(_) => "a malformed number".to_string(),
            },
            Some(_) => "something that is not JSON".to_string(),
            None => "nothing".to_string(),
        };
        self.pos = start;
        described
    }

    /// Consumes `null` if it comes next.
    pub fn null(&mut self) -> bool {
        if self.peek() == Some(b'n') && self.rest(self.pos).starts_with("null") {
            self.pos += 4;
            true
        } else {
            false
        }
    }

    /// The first byte of the next value, if any (after white space).
    pub fn next_byte(&mut self) -> Option<u8> {
        self.peek()
    }

    /// Consumes the `{` that opens an object.
    pub fn open_object(&mut self) -> ReadResult<()> {
        if self.peek() != Some(b'{') {
            return Err(self.expected("an object"));
        }
        self.pos += 1;
        Ok(())
    }

    /// The next key of an object opened with [`Reader::open_object`] (consuming the `:` after it), or
    /// `None` at its closing `}`. `first` is true for the first call on an object.
    pub fn next_key(&mut self, first: bool) -> ReadResult<Option<std::borrow::Cow<'a, str>>> {
        if first {
            if self.eat(b'}') {
                return Ok(None);
            }
        } else if !self.eat(b',') {
            self.expect_byte(b'}', "',' or '}'")?;
            return Ok(None);
        }
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a key in double quotes"));
        }
        let key = self.string_cow()?;
        self.expect_byte(b':', "':'")?;
        Ok(Some(key))
    }

    /// Consumes the `[` that opens an array.
    pub fn open_array(&mut self) -> ReadResult<()> {
        if self.peek() != Some(b'[') {
            return Err(self.expected("an array"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Whether another element follows in an array opened with [`Reader::open_array`]; consumes the
    /// `,` before it or the closing `]`.
    pub fn next_element(&mut self, first: bool) -> ReadResult<bool> {
        if first {
            return Ok(!self.eat(b']'));
        }
        if self.eat(b',') {
            return Ok(true);
        }
        self.expect_byte(b']', "',' or ']'")?;
        Ok(false)
    }

    /// Enters a key or an index: errors until [`Reader::leave`] name it in their path.
    pub fn enter_key(&mut self, key: std::borrow::Cow<'a, str>) {
        self.path.push(Segment::Key(key));
    }

    pub fn enter_index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// How many keys and indexes deep the reader is; with [`Reader::truncate`], lets a caller
    /// return to a depth after an error left deeper segments behind.
    pub fn depth(&self) -> usize {
        self.path.len()
    }

    pub fn truncate(&mut self, depth: usize) {
        self.path.truncate(depth);
    }

    pub fn boolean(&mut self) -> ReadResult<bool> {
        self.peek();
        if self.rest(self.pos).starts_with("true") {
            self.pos += 4;
            Ok(true)
        } else if self.rest(self.pos).starts_with("false") {
            self.pos += 5;
            Ok(false)
        } else {
            Err(self.expected("true or false"))
        }
    }

    /// A string, borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> ReadResult<std::borrow::Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("a string"));
        }
        self.string_cow()
    }

    /// The text of the number that comes next, exactly as written; `NaN`, `Infinity` and
    /// `-Infinity` are refused by name (they are not JSON, but Python's json module writes them).
    pub fn number(&mut self) -> ReadResult<&'a str> {
        let start = self.position();
        match self.bytes.get(start) {
            Some(b'N' | b'I' | b'-' | b'0'..=b'9') => {}
            _ => return Err(self.expected("a number")),
        }
        match self.number_token()? {
            NumberToken::NonFinite(name) => {
                self.pos = start;
                let mut problem = String::from("expected a finite number, found ");
                problem.push_str(name);
                Err(self.error(problem))
            }
            NumberToken::Finite(raw) => Ok(raw),
        }
    }

    /// Skips one value of any shape, checking its syntax, without building it or recursing.
    pub fn skip(&mut self) -> ReadResult<()> {
        // Closers of the open containers, innermost last: on the heap, so nesting depth is bounded
        // by memory rather than by the wasm stack.
        let mut open: Vec<u8> = Vec::new();
        'value: loop {
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    if !self.eat(b'}') {
                        open.push(b'}');
                        self.skip_key()?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    if !self.eat(b']') {
                        open.push(b']');
                        continue 'value;
                    }
                }
                Some(b'"') => self.skip_string()?,
                Some(b't') if self.rest(self.pos).starts_with("true") => self.pos += 4,
                Some(b'f') if self.rest(self.pos).starts_with("false") => self.pos += 5,
                Some(b'n') if self.rest(self.pos).starts_with("null") => self.pos += 4,
                Some(b'N' | b'I' | b'-' | b'0'..=b'9') => {
                    let start = self.pos;
                    if let NumberToken::NonFinite(_) = self.number_token()? {
                        // Not JSON, wherever it stands: JSON.parse and serde_json refuse it too.
                        self.pos = start;
                        return Err(self.syntax("a value"));
                    }
                }
                _ => return Err(self.syntax("a value")),
            }
            // After a value: close containers until one continues with a comma.
            loop {
                let Some(&closer) = open.last() else { return Ok(()) };
                if self.eat(b',') {
                    if closer == b'}' {
                        self.skip_key()?;
                    }
                    continue 'value;
                }
                if self.eat(closer) {
                    open.pop();
                    continue;
                }
                return Err(self.syntax(if closer == b'}' { "',' or '}'" } else { "',' or ']'" }));
            }
        }
    }

    fn skip_key(&mut self) -> ReadResult<()> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a key in double quotes"));
        }
        self.skip_string()?;
        self.expect_byte(b':', "':'")
    }

    /// Skips a string, checking only what makes it a string: a closing quote, valid escapes and no
    /// raw control characters.
    fn skip_string(&mut self) -> ReadResult<()> {
        self.pos += 1;
        loop {
            self.pos = find_special(self.bytes, self.pos);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => match self.bytes.get(self.pos + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 2,
                    Some(b'u') if self.bytes.get(self.pos + 2..self.pos + 6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => {
                        self.pos += 6
                    }
                    _ => {
                        self.pos += 1;
                        return Err(self.syntax("a valid escape"));
                    }
                },
                Some(_) => return Err(self.syntax("a character other than a control character")),
                None => return Err(self.syntax("'\"'")),
            }
        }
    }

    /// A string that is borrowed from the text when it has no escapes (keys, mostly).
    fn string_cow(&mut self) -> ReadResult<std::borrow::Cow<'a, str>> {
        let start = self.pos + 1;
        let end = find_special(self.bytes, start);
        if self.bytes.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(std::borrow::Cow::Borrowed(self.sub(start, end)));
        }
        self.string_raw().map(std::borrow::Cow::Owned)
    }

    /// Reads a string at the current position (a `"` must be next), decoding escapes.
    fn string_raw(&mut self) -> ReadResult<String> {
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            self.pos = find_special(self.bytes, self.pos);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    out.push_str(self.sub(run, self.pos));
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.sub(run, self.pos));
                    let escape = self.bytes.get(self.pos + 1).copied();
                    self.pos += 2;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.syntax("a valid escape"));
                        }
                    }
                    run = self.pos;
                }
                Some(0..=0x1f) => return Err(self.syntax("a character other than a control character")),
                Some(_) => self.pos += 1,
                None => return Err(self.syntax("'\"'")),
            }
        }
    }

    fn hex4(&mut self) -> ReadResult<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let Some(digits) = digits else { return Err(self.syntax("four hex digits")) };
        let value = digits.iter().fold(0u32, |acc, &d| acc * 16 + (d as char).to_digit(16).unwrap_or(0));
        self.pos += 4;
        Ok(value)
    }

    /// After `\u`: one code point, joining a surrogate pair; a lone surrogate becomes U+FFFD, as
    /// browsers do when they decode such text.
    fn unicode_escape(&mut self) -> ReadResult<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.rest(self.pos).starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    /// Scans a number (JSON grammar, plus `NaN`, `Infinity` and `-Infinity`, which Python's json
    /// module writes and which we refuse by name rather than as a syntax error).
    fn number_token(&mut self) -> ReadResult<NumberToken<'a>> {
        let start = self.pos;
        for name in ["NaN", "Infinity", "-Infinity"] {
            if self.rest(start).starts_with(name) {
                self.pos += name.len();
                return Ok(NumberToken::NonFinite(name));
            }
        }
        match crate::quantity::scan_json_number(self.bytes, start) {
            Ok(end) => {
                self.pos = end;
                Ok(NumberToken::Finite(self.sub(start, end)))
            }
            Err((at, expected)) => {
                self.pos = at;
                Err(self.syntax(expected))
            }
        }
    }
}

/// The index of the first `"`, `\\` or control character at or after `from` (or the length).
/// Strings are most of a feed's bytes; looking at eight bytes at a time makes skipping them several
/// times faster, in wasm as natively.
fn find_special(bytes: &[u8], mut from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Bytes below 0x20 (high bit clear, and x - 0x20 borrows), or equal to '"' or '\\'.
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let special = control | has_zero(x ^ (ONES * b'"' as u64)) | has_zero(x ^ (ONES * b'\\' as u64));
        if special != 0 {
            return from + (special.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&b) = bytes.get(from) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return from;
        }
        from += 1;
    }
    from
}

enum NumberToken<'a> {
    Finite(&'a str),
    NonFinite(&'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> ReadResult<()> {
        let mut r = Reader::new(text);
        r.skip()?;
        r.finish()
    }

    #[test]
    fn skip_checks_syntax_without_recursion() {
        assert!(read_all(r#"{"a":[1,2,{"b":null,"c":"x\"y\u00e9"}],"d":-1.5e3,"e":true}"#).is_ok());
        let deep = "[".repeat(200_000) + &"]".repeat(200_000);
        assert!(read_all(&deep).is_ok(), "deep nesting is skipped without a stack overflow");
        let unclosed = "[".repeat(200_000);
        assert!(read_all(&unclosed).is_err());
        for bad in ["{\"a\" 1}", "[1,]", "[1 2]", "{,}", "\"abc", "01", "1.", "-", "tru", "{\"a\":1}}", "\"\u{1}\"", "\"\\x\""] {
            assert!(read_all(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn syntax_errors_say_where() {
        let err = read_all("{\n  \"a\": [1,\n  2 3]}").unwrap_err();
        assert_eq!(err.to_string(), "document: invalid JSON at line 3, column 5: expected ',' or ']', found '3'");
        let err = read_all("").unwrap_err();
        assert_eq!(err.to_string(), "document: invalid JSON at line 1, column 1: expected a value, found the end of the text");
    }

    #[test]
    fn find_special_agrees_with_a_plain_scan() {
        let text = "abcdefghijklmnop\"qrs\\tuv\u{1}wxyzé€😀abcdefghij\u{1f}";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            let plain = (from..bytes.len()).find(|&i| matches!(bytes[i], b'"' | b'\\' | 0..=0x1f)).unwrap_or(bytes.len());
            assert_eq!(find_special(bytes, from), plain, "from {from}");
        }
    }

    #[test]
    fn strings_decode_escapes() {
        let mut r = Reader::new(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x""#);
        assert_eq!(r.string().unwrap(), "a\"b\\c/d\né😀\u{FFFD}x");
    }

    #[test]
    fn paths_follow_keys_and_indexes_and_stay_short() {
        let mut r = Reader::new("");
        r.enter_key("product".into());
        r.enter_key("sources".into());
        r.enter_index(1);
        r.enter_key("quantity".into());
        assert_eq!(r.path(), "product.sources[1].quantity");
        r.leave();
        r.enter_key("k".repeat(10 * 1024 * 1024).into());
        let path = r.path();
        assert!(path.len() < 200, "a hostile 10 MiB key stays out of messages: {} bytes", path.len());
        assert!(path.starts_with("product.sources[1].kkkk") && path.ends_with("(10485760 characters)"), "{path}");
    }

    #[test]
    fn non_finite_numbers_are_not_json_anywhere() {
        for text in [r#"{"x":NaN}"#, r#"[1,Infinity]"#, r#"{"a":{"b":[-Infinity]}}"#, "NaN"] {
            let err = read_all(text).unwrap_err();
            assert!(err.problem.contains("invalid JSON") && err.problem.contains("expected a value"), "{text}: {err}");
        }
    }

    #[test]
    fn describes_what_it_found() {
        for (text, found) in [
            ("{}", "an object"),
            ("[]", "an array"),
            ("true", "true"),
            ("null", "null"),
            ("NaN", "NaN"),
            ("-Infinity", "-Infinity"),
            ("1.50", "the number 1.50"),
        ] {
            let mut r = Reader::new(text);
            assert_eq!(r.expected("x").problem, format!("expected x, found {found}"));
        }
        let mut r = Reader::new("NaN");
        assert_eq!(r.number().unwrap_err().problem, "expected a finite number, found NaN");
    }
}
