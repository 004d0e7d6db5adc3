//! Writes the output documents as JSON text. Numbers go out as exact decimals (`0.17`, `72`), never
//! through float formatting, which would also cost the wasm build about 20 KB.

use crate::quantity::Qty;

/// Appends one JSON value at a time to a `String`, placing commas itself.
pub struct JsonWriter<'a> {
    out: &'a mut String,
    /// Whether the value about to be written in the current container needs a comma before it.
    comma: bool,
}

impl<'a> JsonWriter<'a> {
    pub fn new(out: &'a mut String) -> JsonWriter<'a> {
        JsonWriter { out, comma: false }
    }

    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    /// Writes `"key":` inside an object; the value follows.
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.separate();
        write_string(self.out, key);
        self.out.push(':');
        self.comma = false;
        self
    }

    pub fn object(&mut self, body: impl FnOnce(&mut JsonWriter<'_>)) -> &mut Self {
        self.container('{', '}', body)
    }

    pub fn array(&mut self, body: impl FnOnce(&mut JsonWriter<'_>)) -> &mut Self {
        self.container('[', ']', body)
    }

    fn container(&mut self, open: char, close: char, body: impl FnOnce(&mut JsonWriter<'_>)) -> &mut Self {
        self.separate();
        self.out.push(open);
        body(&mut JsonWriter { out: self.out, comma: false });
        self.out.push(close);
        self
    }

    pub fn string(&mut self, s: &str) -> &mut Self {
        self.separate();
        write_string(self.out, s);
        self
    }

    pub fn opt_string(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    pub fn qty(&mut self, q: Qty) -> &mut Self {
        self.separate();
        q.write_decimal(self.out, '.');
        self
    }

    pub fn opt_qty(&mut self, q: Option<Qty>) -> &mut Self {
        match q {
            Some(q) => self.qty(q),
            None => self.null(),
        }
    }

    pub fn boolean(&mut self, b: bool) -> &mut Self {
        self.separate();
        self.out.push_str(if b { "true" } else { "false" });
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.separate();
        self.out.push_str("null");
        self
    }

}

/// A JSON string literal. Escapes what JSON requires, plus U+2028/U+2029 so that the text is also
/// safe to paste into a script. Runs of plain bytes are copied whole.
pub fn write_string(out: &mut String, s: &str) {
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

    #[test]
    fn writes_nested_values_with_commas() {
        let mut s = String::new();
        JsonWriter::new(&mut s).object(|w| {
            w.key("a").qty(Qty::from_ten_thousandths(1700));
            w.key("b").array(|w| {
                w.boolean(true).null().string("x");
            });
            w.key("c").object(|_| {});
            w.key("d").opt_qty(None);
        });
        assert_eq!(s, r#"{"a":0.17,"b":[true,null,"x"],"c":{},"d":null}"#);
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
