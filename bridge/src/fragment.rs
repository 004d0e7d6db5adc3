//! `GET /stock/{website}/{sku}.html`: the element's server-rendered markup (SPEC §15), a fragment for
//! ESI or SSI includes beside the `.json` document, rendered natively by the core from the same
//! cached document (so both agree); `crate::response` sends either with the same ETag, `304` and
//! stale-if-error rules.
//!
//! Query: `qty`, `locale` (the element's attributes), `stylesheet` (the URL of `stock-status.css`;
//! default `/assets/salable/stock-status.css`), `json_ld=1` (append the schema.org `Offer`). The
//! element's `src` is the document's path on this server, `/stock/{website}/{sku}.json`.

use crate::response::{etag_of, ApiError, Good, Representation, HTML};

/// What one `.html` request asks for.
pub struct Fragment {
    options: salable::RenderOptions,
}

impl Fragment {
    /// Reads the request's path parts and query.
    pub fn new(website: &str, sku: &str, query: Option<&str>) -> Fragment {
        let mut options =
            salable::RenderOptions { src: Some(format!("/stock/{}/{}.json", encode(website), encode(sku))), ..Default::default() };
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "qty" => options.qty = Some(value),
                "locale" => options.locale = Some(value),
                "stylesheet" => options.stylesheet = Some(value),
                "json_ld" => options.json_ld = matches!(value.as_str(), "1" | "true"),
                _ => {}
            }
        }
        Fragment { options }
    }

    /// The markup of a held document, with its own ETag (the document's caching rules apply to it).
    pub fn render(&self, good: &Good) -> Result<Representation, ApiError> {
        let html = std::str::from_utf8(&good.body)
            .map_err(|e| e.to_string())
            .and_then(crate::core_api::parse_document)
            .and_then(|doc| crate::core_api::render_html(&doc, self.options.clone()))
            .map_err(ApiError::BadRequest)?;
        let etag = etag_of(html.as_bytes());
        Ok(Representation { body: html.into(), content_type: HTML, etag })
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` and `+` in a query value; invalid escapes stay as written.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match s.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok()).ok_or(()) {
                Ok(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                Err(_) => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_paths() {
        let f = Fragment::new("base", "24 MB/01", Some("qty=2&locale=fr-CA&json_ld=1&stylesheet=%2Fcss%2Fs.css&x=y"));
        assert_eq!(f.options.src.as_deref(), Some("/stock/base/24%20MB%2F01.json"));
        assert_eq!(f.options.qty.as_deref(), Some("2"));
        assert_eq!(f.options.locale.as_deref(), Some("fr-CA"));
        assert_eq!(f.options.stylesheet.as_deref(), Some("/css/s.css"));
        assert!(f.options.json_ld);
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz+b"), "%zz b");
        assert_eq!(decode("%C3%A9"), "é");
    }
}
