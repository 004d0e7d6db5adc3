//! A JSON reader made for stock documents: it tracks where it is, so every refusal names its path
//! (SPEC §12); it reads numbers straight from their decimal digits into [`Qty`], so `0.17` is exactly
//! 0.17 and rounding to 4 decimals is done on the text the feed wrote (SPEC §1); and it skips the
//! values we do not read without building them and without recursion, so a feed's descriptions and
//! a hostile, deeply nested value cost a scan and nothing more.
//!
//! Why not serde_json: with serde's derive and path tracking, the wasm module weighed 64 KB gzipped
//! against a 35 KB budget for everything a shopper downloads (BENCHMARKS.md); this reader and the
//! document code built on it are a fraction of that, and faster on feeds full of unread fields.

use crate::input_error::{quoted, InputError};
use crate::quantity::{Qty, QtyError};

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
                Segment::Key(k) => crate::input_error::push_key(&mut s, k),
                Segment::Index(i) => {
                    s.push('[');
                    crate::quantity::push_int(&mut s, *i as u64);
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
        crate::input_error::push_key(&mut path, key);
        InputError::new(path, problem)
    }

    fn syntax(&self, what: &str) -> InputError {
        let before = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let mut problem = String::from("invalid JSON at line ");
        crate::quantity::push_int(&mut problem, line as u64);
        problem.push_str(", column ");
        crate::quantity::push_int(&mut problem, column as u64);
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
    pub fn slice_from(&self, pos: usize) -> &'a str {
        self.sub(pos, self.pos)
    }

    /// "expected {what}, found {the next value}", at the current path.
    pub fn expected(&mut self, what: &str) -> InputError {
        let found = self.describe_next();
        self.error(format!("expected {what}, found {found}"))
    }

    /// Names the next value for an error message, reading it only as far as needed.
    fn describe_next(&mut self) -> String {
        let start = self.position();
        let described = match self.bytes.get(start) {
            Some(b'{') => "an object".to_string(),
            Some(b'[') => "an array".to_string(),
            Some(b'"') => match self.string_raw() {
                Ok(s) => format!("the string {}", quoted(&s)),
                Err(_) => "a malformed string".to_string(),
            },
            Some(b't') if self.rest(start).starts_with("true") => "true".into(),
            Some(b'f') if self.rest(start).starts_with("false") => "false".into(),
            Some(b'n') if self.rest(start).starts_with("null") => "null".into(),
            Some(b'N' | b'I' | b'-' | b'0'..=b'9') => match self.number_token() {
                Ok(NumberToken::NonFinite(name)) => name.to_string(),
                Ok(NumberToken::Finite(raw)) => format!("the number {}", shorten(raw)),
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

    /// Reads an object, calling `each` with every key; `each` must consume the value (read it or
    /// [`Reader::skip`] it). A repeated key is read again, so the last one wins, as in `JSON.parse`.
    ///
    /// `each` is a trait object so that the reading loop exists once in the wasm, not once per
    /// caller: this halves the reader's share of the download.
    pub fn object(&mut self, each: &mut dyn FnMut(&mut Self, &str) -> ReadResult<()>) -> ReadResult<()> {
        if self.peek() != Some(b'{') {
            return Err(self.expected("an object"));
        }
        self.pos += 1;
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.syntax("a key in double quotes"));
            }
            let key = self.string_cow()?;
            self.expect_byte(b':', "':'")?;
            self.path.push(Segment::Key(key.clone()));
            let result = each(self, &key);
            self.path.pop();
            result?;
            if self.eat(b',') {
                continue;
            }
            return self.expect_byte(b'}', "',' or '}'");
        }
    }

    /// Reads an array, calling `each` with every index; `each` must consume the element.
    pub fn array(&mut self, each: &mut dyn FnMut(&mut Self, usize) -> ReadResult<()>) -> ReadResult<()> {
        if self.peek() != Some(b'[') {
            return Err(self.expected("an array"));
        }
        self.pos += 1;
        if self.eat(b']') {
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.path.push(Segment::Index(index));
            let result = each(self, index);
            self.path.pop();
            result?;
            index += 1;
            if self.eat(b',') {
                continue;
            }
            return self.expect_byte(b']', "',' or ']'");
        }
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

    /// `null` reads as `None`: a key set to null means "not set".
    pub fn opt_boolean(&mut self) -> ReadResult<Option<bool>> {
        if self.null() {
            Ok(None)
        } else {
            self.boolean().map(Some)
        }
    }

    pub fn string(&mut self) -> ReadResult<String> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("a string"));
        }
        self.string_raw()
    }

    pub fn opt_string(&mut self) -> ReadResult<Option<String>> {
        if self.null() {
            Ok(None)
        } else {
            self.string().map(Some)
        }
    }

    /// A string value with at most `max` characters (SPEC §12: a 10 MB value is a broken feed).
    pub fn bounded_string(&mut self, max: usize) -> ReadResult<String> {
        let s = self.string()?;
        crate::input_error::check_len(&s, max).map_err(|problem| self.error(problem))?;
        Ok(s)
    }

    /// A required identifier (SKU, source code, order id): a non-empty string of at most `max`.
    pub fn identifier(&mut self, max: usize) -> ReadResult<String> {
        let s = self.bounded_string(max)?;
        if s.is_empty() {
            return Err(self.error("must not be empty"));
        }
        Ok(s)
    }

    pub fn opt_bounded_string(&mut self, max: usize) -> ReadResult<Option<String>> {
        if self.null() {
            Ok(None)
        } else {
            self.bounded_string(max).map(Some)
        }
    }

    pub fn qty(&mut self) -> ReadResult<Qty> {
        let start = self.position();
        match self.bytes.get(start) {
            Some(b'N' | b'I' | b'-' | b'0'..=b'9') => {}
            _ => return Err(self.expected("a number")),
        }
        match self.number_token()? {
            NumberToken::NonFinite(name) => {
                self.pos = start;
                Err(self.error(format!("expected a finite number, found {name}")))
            }
            NumberToken::Finite(raw) => parse_decimal(raw).map_err(|e| {
                self.pos = start;
                self.error(e.to_string())
            }),
        }
    }

    pub fn opt_qty(&mut self) -> ReadResult<Option<Qty>> {
        if self.null() {
            Ok(None)
        } else {
            self.qty().map(Some)
        }
    }

    /// Reads an enum given by name or, as Magento stores it, by number.
    pub fn enumeration<T: Copy>(&mut self, names: &[(&str, T)], numbers: &[(i64, T)]) -> ReadResult<T> {
        let start = self.position();
        let found = match self.bytes.get(start) {
            Some(b'"') => {
                let s = self.string_raw()?;
                names.iter().find(|(n, _)| *n == s).map(|(_, t)| *t)
            }
            Some(b'-' | b'0'..=b'9') => match self.number_token()? {
                NumberToken::Finite(raw) => parse_decimal(raw)
                    .ok()
                    .and_then(Qty::as_whole)
                    .and_then(|n| numbers.iter().find(|(m, _)| *m == n))
                    .map(|(_, t)| *t),
                NumberToken::NonFinite(_) => None,
            },
            _ => None,
        };
        found.ok_or_else(|| {
            self.pos = start;
            let mut accepted = String::from("one of ");
            for (i, (name, _)) in names.iter().enumerate() {
                if i > 0 {
                    accepted.push_str(", ");
                }
                accepted.push('"');
                accepted.push_str(name);
                accepted.push('"');
            }
            for (n, _) in numbers {
                accepted.push_str(", ");
                crate::quantity::push_int(&mut accepted, *n as u64);
            }
            self.expected(&accepted)
        })
    }

    pub fn opt_enumeration<T: Copy>(&mut self, names: &[(&str, T)], numbers: &[(i64, T)]) -> ReadResult<Option<T>> {
        if self.null() {
            Ok(None)
        } else {
            self.enumeration(names, numbers).map(Some)
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
                    self.number_token()?;
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
        let b = self.bytes;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => {
                self.pos = i;
                return Err(self.syntax("a digit"));
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                self.pos = i;
                return Err(self.syntax("a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                self.pos = i;
                return Err(self.syntax("a digit in the exponent"));
            }
        }
        self.pos = i;
        Ok(NumberToken::Finite(self.sub(start, i)))
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

fn shorten(raw: &str) -> String {
    match raw.get(..40) {
        Some(head) if raw.len() > 40 => {
            let mut s = String::from(head);
            s.push_str("… (");
            crate::quantity::push_int(&mut s, raw.len() as u64);
            s.push_str(" characters)");
            s
        }
        _ => raw.to_string(),
    }
}

/// Converts a JSON number's text to a [`Qty`] exactly: round half away from zero to 4 decimals
/// (SPEC §1), refuse magnitudes beyond 10^12 (SPEC §12). No float is involved, so `1.00005` rounds
/// up as written, which a binary float of it would not.
pub fn parse_decimal(raw: &str) -> Result<Qty, QtyError> {
    let (negative, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        // An exponent too long for i64 is far out of range either way; saturate it.
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(if e.starts_with('-') { i64::MIN / 2 } else { i64::MAX / 2 })),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // Significant digits and where the decimal point falls among them: value = 0.DIGITS × 10^point.
    let digit = |k: usize| -> u8 {
        let b = if k < int_part.len() { int_part.as_bytes()[k] } else { frac_part.as_bytes().get(k - int_part.len()).copied().unwrap_or(b'0') };
        b - b'0'
    };
    let total = int_part.len() + frac_part.len();
    let leading_zeros = (0..total).take_while(|&k| digit(k) == 0).count();
    if leading_zeros == total {
        return Ok(Qty::ZERO);
    }
    let point = (int_part.len() as i64 - leading_zeros as i64).saturating_add(exponent);
    // Ten-thousandths: the first `point + 4` significant digits form the integer part.
    let whole_digits = point.saturating_add(4);
    let out_of_range = || QtyError::OutOfRange(if negative { -1e13 } else { 1e13 });
    if whole_digits > 17 {
        return Err(out_of_range());
    }
    let significant = |k: usize| if leading_zeros + k < total { digit(leading_zeros + k) } else { 0 };
    let mut units: i64 = 0;
    for k in 0..whole_digits.max(0) as usize {
        units = units * 10 + significant(k) as i64;
    }
    if whole_digits >= 0 && significant(whole_digits as usize) >= 5 {
        units += 1;
    }
    if units > crate::quantity::MAX_INPUT_UNITS {
        return Err(out_of_range());
    }
    Ok(Qty::from_ten_thousandths(if negative { -units } else { units }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(raw: &str) -> String {
        parse_decimal(raw).map(|q| q.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn decimals_are_exact_and_rounded_half_away_from_zero_spec_1() {
        assert_eq!(q("0.17"), "0.17");
        assert_eq!(q("8.5"), "8.5");
        assert_eq!(q("-9.33"), "-9.33");
        assert_eq!(q("1.00005"), "1.0001");
        assert_eq!(q("-1.00005"), "-1.0001");
        assert_eq!(q("1.000049999"), "1");
        assert_eq!(q("0.00005"), "0.0001");
        assert_eq!(q("0.00004999"), "0");
        assert_eq!(q("-0"), "0");
        assert_eq!(q("0"), "0");
        assert_eq!(q("000.0"), "0");
        assert_eq!(q("25"), "25");
        assert_eq!(q("2.5e1"), "25");
        assert_eq!(q("25E-2"), "0.25");
        assert_eq!(q("1e-300"), "0");
        assert_eq!(q("9.99995"), "10");
        assert_eq!(q("123.45678901234567890123"), "123.4568");
    }

    #[test]
    fn range_is_plus_minus_ten_to_the_twelve_spec_12() {
        assert_eq!(q("1000000000000"), "1000000000000");
        assert_eq!(q("-1e12"), "-1000000000000");
        assert!(q("1000000000001").starts_with("error: number out of range"));
        assert!(q("1e13").starts_with("error"));
        assert!(q("1e300").starts_with("error"));
        assert!(q("-123456789012345678901234567890").starts_with("error"));
        assert!(q("1e99999999999999999999").starts_with("error"));
    }

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
    fn paths_follow_keys_and_indexes() {
        let mut r = Reader::new(r#"{"product":{"sources":[{"quantity":1},{"quantity":"ten"}]}}"#);
        let err = r
            .object(&mut |r, _| r.object(&mut |r, _| r.array(&mut |r, _| r.object(&mut |r, _| r.qty().map(drop)))))
            .unwrap_err();
        assert_eq!(err.to_string(), r#"product.sources[1].quantity: expected a number, found the string "ten""#);
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
        assert_eq!(r.qty().unwrap_err().problem, "expected a finite number, found NaN");
    }
}
