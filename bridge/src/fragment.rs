//! `GET /stock/{website}/{sku}.html`: the element's server-rendered markup (SPEC §15), a fragment for
//! ESI or SSI includes beside the `.json` document, rendered natively by the core from the same
//! cached document (so both agree, and share the ETag logic and stale-if-error).
//!
//! Query: `qty`, `locale` (the element's attributes), `stylesheet` (the URL of `stock-status.css`;
//! default `/assets/salable/stock-status.css`), `json_ld=1` (append the schema.org `Offer`). The
//! element's `src` is the document's path on this server, `/stock/{website}/{sku}.json`.

use crate::server::{error, etag_of, matches_etag, Good};
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

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

    /// The markup of a held document, with the document's caching rules and its own ETag.
    pub fn respond(&self, cache_control: &HeaderValue, good: &Good, headers: &HeaderMap, stale: bool) -> Response {
        let html = std::str::from_utf8(&good.body)
            .map_err(|e| e.to_string())
            .and_then(crate::core_api::parse_document)
            .and_then(|doc| crate::core_api::render_html(&doc, self.options.clone()));
        let html = match html {
            Ok(html) => html,
            Err(e) => return error(StatusCode::BAD_REQUEST, "bad_request", &e),
        };
        let etag = etag_of(html.as_bytes());
        let mut res = if matches_etag(headers, &etag) { StatusCode::NOT_MODIFIED.into_response() } else { Response::new(Body::from(html)) };
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        h.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex"));
        let cache = if stale { HeaderValue::from_static("public, max-age=0, must-revalidate") } else { cache_control.clone() };
        h.insert(header::CACHE_CONTROL, cache);
        if stale {
            h.insert(header::AGE, HeaderValue::from(good.fetched.elapsed().as_secs()));
            h.insert("x-salable-stale", HeaderValue::from_static("1"));
        }
        res
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
