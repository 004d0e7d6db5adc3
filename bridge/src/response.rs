//! What `serve` sends: a held document, as `.json` or as the `.html` markup rendered from it,
//! through one function (ETag, `304`, `Cache-Control`, the stale headers); and [`ApiError`], every
//! refusal as a fixed public JSON text per kind. The detail of a refusal (Magento's words, a type
//! id, why a SKU has no document) goes to the log where it happens, never into a body.

use crate::mapping::MapError;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// A document ready to send.
pub struct Good {
    pub body: Bytes,
    pub etag: String,
    pub fetched: Instant,
}

impl Good {
    /// The §10 text of a document, with its ETag, fetched now.
    pub fn new(body: String) -> Good {
        let etag = etag_of(body.as_bytes());
        Good { body: body.into(), etag, fetched: Instant::now() }
    }
}

/// A strong ETag over the bytes sent.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether `If-None-Match` names `etag` (or `*`); a weak tag matches too (RFC 9110 §13.1.2).
pub fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    let bare = etag.trim_matches('"');
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|t| {
        let t = t.trim();
        t == "*" || t.trim_start_matches("W/").trim_matches('"') == bare
    })
}

pub const JSON: &str = "application/json; charset=utf-8";
pub const HTML: &str = "text/html; charset=utf-8";

/// What one answer sends of a held document: `body` (the document's text, or markup rendered from
/// it) as `content_type`, with `etag`.
pub struct Representation {
    pub body: Bytes,
    pub content_type: &'static str,
    pub etag: String,
}

/// The one answer for a held document: `304` when `If-None-Match` names its ETag, else `200` with
/// the body and its `Content-Type` (a `304` carries no representation metadata, RFC 9110 §15.4.5).
/// A fresh document carries the configured `cache_control`; a stale one (served because Magento
/// fails, `stale_for` being its age) `max-age=0, must-revalidate`, `Age` and `x-salable-stale: 1`.
pub fn document_response(r: Representation, request: &HeaderMap, cache_control: &HeaderValue, stale_for: Option<Duration>) -> Response {
    let mut res = if matches_etag(request, &r.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut ok = Response::new(Body::from(r.body));
        ok.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(r.content_type));
        ok
    };
    let h = res.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_str(&r.etag).expect("hex"));
    match stale_for {
        None => {
            h.insert(header::CACHE_CONTROL, cache_control.clone());
        }
        Some(age) => {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=0, must-revalidate"));
            h.insert(header::AGE, HeaderValue::from(age.as_secs()));
            h.insert("x-salable-stale", HeaderValue::from_static("1"));
        }
    }
    res
}

/// The one 404 text for a SKU without a document, whatever the reason (unknown, disabled, not on
/// the website): the body does not tell the reasons apart.
pub const NOT_FOUND: &str = "no stock document for this SKU and website";

/// Why `serve` sends no document. Each kind has a fixed public text ([`IntoResponse`]); the
/// detail a kind carries is for the log, written by the handler that knows the request.
#[derive(Debug)]
pub enum ApiError {
    /// Anything but GET and HEAD.
    MethodNotAllowed,
    /// A request target longer than the server accepts.
    UriTooLong,
    /// A path the bridge does not serve.
    NoSuchPath,
    /// `/stock/{website}/{file}` whose parts cannot be read.
    NoSuchDocument,
    /// A file that is neither `.json` nor `.html`.
    NotADocument,
    /// A website code that cannot be one.
    UnknownWebsite,
    /// A SKU that cannot be one (too long, control characters, dot segments).
    UnknownSku,
    /// Magento's answers give the SKU no document.
    Refused(MapError),
    /// Magento failed (or took too long) and no recent document is held.
    Upstream { timeout: bool },
    /// The `.html` query cannot be rendered: the core's words about the query's own values.
    BadRequest(String),
}

impl ApiError {
    /// Status, `error` code and `message`: fixed per kind, but for the query's own problem.
    fn public(&self) -> (StatusCode, &'static str, &str) {
        match self {
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "only GET and HEAD"),
            ApiError::UriTooLong => (StatusCode::URI_TOO_LONG, "uri_too_long", "request path too long"),
            ApiError::NoSuchPath => (StatusCode::NOT_FOUND, "not_found", "no such path; documents are at /stock/{website}/{sku}.json"),
            ApiError::NoSuchDocument => (StatusCode::NOT_FOUND, "not_found", "no such document"),
            ApiError::NotADocument => (StatusCode::NOT_FOUND, "not_found", "documents end in .json (or .html for the markup)"),
            ApiError::UnknownWebsite => (StatusCode::NOT_FOUND, "unknown_website", "no such website"),
            ApiError::UnknownSku => (StatusCode::NOT_FOUND, "unknown_sku", "no such SKU"),
            ApiError::Refused(MapError::NotFound(_)) => (StatusCode::NOT_FOUND, "not_found", NOT_FOUND),
            ApiError::Refused(MapError::UnknownType { .. }) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "unknown_product_type", "this product type is not published")
            }
            ApiError::Refused(MapError::Invalid(_)) => (StatusCode::BAD_GATEWAY, "upstream_invalid", "Magento's answer could not be read"),
            ApiError::Upstream { timeout: true } => (StatusCode::GATEWAY_TIMEOUT, "upstream_timeout", "the store did not answer in time"),
            ApiError::Upstream { timeout: false } => (StatusCode::BAD_GATEWAY, "upstream_error", "the store's stock could not be read"),
            ApiError::BadRequest(problem) => (StatusCode::BAD_REQUEST, "bad_request", problem),
        }
    }
}

/// `{"error": code, "message": text}`, never cached.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.public();
        let body = serde_json::json!({ "error": code, "message": message }).to_string();
        (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(JSON)), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            body,
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(r: Response) -> (u16, String, String) {
        let status = r.status().as_u16();
        let h = r.headers().clone();
        assert_eq!(
            (&h[header::CONTENT_TYPE], &h[header::CACHE_CONTROL]),
            (&HeaderValue::from_static(JSON), &HeaderValue::from_static("no-store"))
        );
        let bytes = axum::body::to_bytes(r.into_body(), 64 * 1024).await.unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap(), format!("{h:?}"))
    }

    #[tokio::test]
    async fn every_kind_has_its_fixed_public_body_and_no_detail() {
        let cases = [
            (ApiError::MethodNotAllowed, 405, r#"{"error":"method_not_allowed","message":"only GET and HEAD"}"#),
            (ApiError::UriTooLong, 414, r#"{"error":"uri_too_long","message":"request path too long"}"#),
            (ApiError::NoSuchPath, 404, r#"{"error":"not_found","message":"no such path; documents are at /stock/{website}/{sku}.json"}"#),
            (ApiError::NoSuchDocument, 404, r#"{"error":"not_found","message":"no such document"}"#),
            (ApiError::NotADocument, 404, r#"{"error":"not_found","message":"documents end in .json (or .html for the markup)"}"#),
            (ApiError::UnknownWebsite, 404, r#"{"error":"unknown_website","message":"no such website"}"#),
            (ApiError::UnknownSku, 404, r#"{"error":"unknown_sku","message":"no such SKU"}"#),
            (
                ApiError::Refused(MapError::NotFound("unknown SKU \"SECRET-SKU\"".into())),
                404,
                r#"{"error":"not_found","message":"no stock document for this SKU and website"}"#,
            ),
            (
                ApiError::Refused(MapError::NotFound("product is not assigned to website \"eu\"".into())),
                404,
                r#"{"error":"not_found","message":"no stock document for this SKU and website"}"#,
            ),
            (
                ApiError::Refused(MapError::Invalid("stock_item.backorders: 7 is not 0, 1 or 2".into())),
                502,
                r#"{"error":"upstream_invalid","message":"Magento's answer could not be read"}"#,
            ),
            (
                ApiError::Refused(MapError::UnknownType { type_id: "gift<script>".into() }),
                422,
                r#"{"error":"unknown_product_type","message":"this product type is not published"}"#,
            ),
            (ApiError::Upstream { timeout: true }, 504, r#"{"error":"upstream_timeout","message":"the store did not answer in time"}"#),
            (ApiError::Upstream { timeout: false }, 502, r#"{"error":"upstream_error","message":"the store's stock could not be read"}"#),
            (ApiError::BadRequest("qty: expected a number".into()), 400, r#"{"error":"bad_request","message":"qty: expected a number"}"#),
        ];
        for (e, status, body) in cases {
            let what = format!("{e:?}");
            let (s, b, headers) = body_of(e.into_response()).await;
            assert_eq!((s, b.as_str()), (status, body), "{what}");
            for detail in ["SECRET-SKU", "assigned", "backorders", "gift"] {
                assert!(!b.contains(detail) && !headers.contains(detail), "{what}: {b}");
            }
        }
    }

    #[test]
    fn a_document_answers_200_or_304_fresh_or_stale() {
        let cc = HeaderValue::from_static("public, max-age=30, stale-while-revalidate=60");
        let doc = || Representation { body: Bytes::from_static(b"{}"), content_type: HTML, etag: etag_of(b"{}") };
        let fresh = document_response(doc(), &HeaderMap::new(), &cc, None);
        assert_eq!(fresh.status(), 200);
        let h = fresh.headers();
        assert_eq!(
            (&h[header::CONTENT_TYPE], &h[header::CACHE_CONTROL], &h[header::ETAG]),
            (&HeaderValue::from_static(HTML), &cc, &HeaderValue::from_str(&etag_of(b"{}")).unwrap())
        );
        assert!(h.get(header::AGE).is_none() && h.get("x-salable-stale").is_none());

        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&format!("\"other\", W/{}", etag_of(b"{}"))).unwrap());
        let stale = document_response(doc(), &request, &cc, Some(Duration::from_secs(42)));
        assert_eq!(stale.status(), 304);
        let h = stale.headers();
        assert!(h.get(header::CONTENT_TYPE).is_none());
        assert_eq!(&h[header::CACHE_CONTROL], "public, max-age=0, must-revalidate");
        assert_eq!(
            (&h[header::AGE], &h["x-salable-stale"], &h[header::ETAG]),
            (&HeaderValue::from(42u64), &HeaderValue::from_static("1"), &HeaderValue::from_str(&etag_of(b"{}")).unwrap())
        );
        request.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert_eq!(document_response(doc(), &request, &cc, None).status(), 200);
    }
}
