//! `serve`: `GET /stock/{website}/{sku}.json` and `GET /healthz`.
//!
//! - A document is fetched once per `cache.max_age` per (website, SKU); concurrent requests share
//!   the one in-flight fetch (moka's `try_get_with`), so 1,000 shoppers opening one product page
//!   make one call of each Magento endpoint.
//! - Responses carry an `ETag` (strong, over the bytes) and answer `If-None-Match` with `304`.
//! - When Magento fails, the last good document is served while it is younger than
//!   `cache.stale_if_error`; otherwise a JSON `502` (`504` on a timeout), which the element turns
//!   into its neutral state.
//! - Paths are bounded, SKUs validated, everything but GET/HEAD/OPTIONS refused; every error is
//!   JSON and names no secret.

use crate::documents::{valid_sku, valid_website, Documents};
use crate::mapping::MapError;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Longest request target accepted (path and query).
pub const MAX_URI: usize = 1024;

type Key = (String, String);

/// A document ready to send.
pub struct Good {
    pub body: axum::body::Bytes,
    pub etag: String,
    pub fetched: Instant,
}

/// What the bridge answers for a (website, SKU) while it is fresh.
enum Answer {
    Doc(Arc<Good>),
    Refused(MapError),
}

pub struct AppState {
    pub docs: Documents,
    answers: moka::future::Cache<Key, Arc<Answer>>,
    last_good: Option<moka::sync::Cache<Key, Arc<Good>>>,
    cache_control: HeaderValue,
}

impl AppState {
    pub fn new(docs: Documents) -> Arc<AppState> {
        let c = &docs.cfg.cache;
        let answers = moka::future::Cache::builder().max_capacity(c.capacity).time_to_live(Duration::from_secs(c.max_age.max(1))).build();
        let last_good = (c.stale_if_error > 0)
            .then(|| moka::sync::Cache::builder().max_capacity(c.capacity).time_to_live(Duration::from_secs(c.stale_if_error)).build());
        let cache_control =
            HeaderValue::from_str(&format!("public, max-age={}, stale-while-revalidate={}", c.max_age, c.stale_while_revalidate))
                .expect("ASCII");
        Arc::new(AppState { docs, answers, last_good, cache_control })
    }
}

/// The router, with CORS, the path bound and JSON for every refusal.
pub fn router(state: Arc<AppState>) -> Router {
    let origin = state.docs.cfg.cors_origin.clone().unwrap_or_else(|| "*".to_owned());
    let allow = if origin == "*" {
        AllowOrigin::any()
    } else {
        AllowOrigin::exact(HeaderValue::from_str(&origin).unwrap_or(HeaderValue::from_static("null")))
    };
    let cors = CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers([header::IF_NONE_MATCH])
        .expose_headers([header::ETAG, header::CACHE_CONTROL])
        .max_age(Duration::from_secs(86_400));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/stock/{website}/{file}", get(stock))
        .fallback(fallback)
        .layer(middleware::from_fn(guard))
        .layer(cors)
        .with_state(state)
}

/// A JSON error: `{"error": code, "message": text}`, never cached.
pub fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": code, "message": message }).to_string();
    (
        status,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

async fn guard(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "only GET and HEAD");
    }
    let target = req.uri().path_and_query().map(|p| p.as_str().len()).unwrap_or(0);
    if target > MAX_URI {
        return error(StatusCode::URI_TOO_LONG, "uri_too_long", "request path too long");
    }
    let mut res = next.run(req).await;
    res.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

async fn fallback() -> Response {
    error(StatusCode::NOT_FOUND, "not_found", "no such path; documents are at /stock/{website}/{sku}.json")
}

/// `200` while the bridge runs (a liveness probe: every replica shares one Magento, so taking one
/// out of a load balancer for Magento's sake helps nobody), with Magento's state as the latest
/// document fetches found it and what the cache holds. No Magento call is made for it.
async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    let magento = state.docs.upstream.report();
    let status = if magento["state"] == "failing" { "degraded" } else { "ok" };
    let c = &state.docs.cfg.cache;
    let inventory = state.docs.inventory_known().map(|i| match i {
        crate::mapping::Inventory::Msi => "msi",
        crate::mapping::Inventory::Legacy => "legacy",
    });
    let body = serde_json::json!({
        "status": status,
        "inventory": inventory,
        "magento": magento,
        "cache": {
            "documents": state.answers.entry_count(),
            "last_good_documents": state.last_good.as_ref().map(|l| l.entry_count()),
            "max_age_s": c.max_age,
            "stale_if_error_s": c.stale_if_error,
        },
    });
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body.to_string(),
    )
        .into_response()
}

pub(crate) fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

pub(crate) fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    let bare = etag.trim_matches('"');
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|t| {
        let t = t.trim();
        t == "*" || t.trim_start_matches("W/").trim_matches('"') == bare
    })
}

async fn stock(
    State(state): State<Arc<AppState>>,
    path: Result<Path<(String, String)>, axum::extract::rejection::PathRejection>,
    headers: HeaderMap,
    query: axum::extract::RawQuery,
) -> Response {
    let Ok(Path((website, file))) = path else {
        return error(StatusCode::NOT_FOUND, "not_found", "no such document");
    };
    // `.html`: the element's server-rendered markup, a fragment for ESI or SSI (SPEC §15).
    let (sku, fragment) = match (file.strip_suffix(".json"), file.strip_suffix(".html")) {
        (Some(sku), _) => (sku, None),
        (_, Some(sku)) => (sku, Some(crate::fragment::Fragment::new(&website, sku, query.0.as_deref()))),
        _ => return error(StatusCode::NOT_FOUND, "not_found", "documents end in .json (or .html for the markup)"),
    };
    if !valid_website(&website) {
        return error(StatusCode::NOT_FOUND, "unknown_website", "no such website");
    }
    if !valid_sku(sku) {
        return error(StatusCode::NOT_FOUND, "unknown_sku", "no such SKU");
    }
    let key = (website.clone(), sku.to_owned());
    let fetched = state
        .answers
        .try_get_with(key.clone(), async {
            let answer = match state.docs.document(&website, sku).await? {
                Ok(doc) => {
                    let body = crate::core_api::document_json(&doc);
                    let etag = etag_of(body.as_bytes());
                    let good = Arc::new(Good { body: body.into(), etag, fetched: Instant::now() });
                    if let Some(last) = &state.last_good {
                        last.insert(key.clone(), good.clone());
                    }
                    Answer::Doc(good)
                }
                Err(refused) => {
                    if let Some(last) = &state.last_good {
                        last.invalidate(&key);
                    }
                    Answer::Refused(refused)
                }
            };
            Ok::<_, crate::magento::UpstreamError>(Arc::new(answer))
        })
        .await;
    match fetched {
        Ok(answer) => match &*answer {
            Answer::Doc(good) => match &fragment {
                Some(fragment) => fragment.respond(&state.cache_control, good, &headers, false),
                None => document(&state, good, &headers, false),
            },
            Answer::Refused(e) => refusal(&website, sku, e),
        },
        Err(e) => {
            if let Some(good) = state.last_good.as_ref().and_then(|l| l.get(&key)) {
                tracing::warn!(website = %website, sku = ?sku, error = %e, age_s = good.fetched.elapsed().as_secs(), "Magento failed; serving the last good document");
                return match &fragment {
                    Some(fragment) => fragment.respond(&state.cache_control, &good, &headers, true),
                    None => document(&state, &good, &headers, true),
                };
            }
            tracing::warn!(website = %website, sku = ?sku, error = %e, "Magento failed and no recent document is held");
            if e.is_timeout() {
                error(StatusCode::GATEWAY_TIMEOUT, "upstream_timeout", "the store did not answer in time")
            } else {
                error(StatusCode::BAD_GATEWAY, "upstream_error", "the store's stock could not be read")
            }
        }
    }
}

fn document(state: &AppState, good: &Good, headers: &HeaderMap, stale: bool) -> Response {
    let cache_control = if stale { HeaderValue::from_static("public, max-age=0, must-revalidate") } else { state.cache_control.clone() };
    let etag = HeaderValue::from_str(&good.etag).expect("hex");
    let mut res = if matches_etag(headers, &good.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(good.body.clone()));
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
        r
    };
    let h = res.headers_mut();
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, cache_control);
    if stale {
        h.insert(header::AGE, HeaderValue::from(good.fetched.elapsed().as_secs()));
        h.insert("x-salable-stale", HeaderValue::from_static("1"));
    }
    res
}

/// The public answer to a refusal. Its text is fixed per kind: the detail (Magento's words, a
/// type id, why a SKU has no document) goes to the log, never into the body.
fn refusal(website: &str, sku: &str, e: &MapError) -> Response {
    tracing::info!(website = %website, sku = ?sku, reason = %e, "no document published");
    match e {
        MapError::NotFound(_) => error(StatusCode::NOT_FOUND, "not_found", NOT_FOUND),
        MapError::UnknownType { .. } => {
            error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_product_type", "this product type is not published")
        }
        MapError::Invalid(_) => error(StatusCode::BAD_GATEWAY, "upstream_invalid", "Magento's answer could not be read"),
    }
}

/// The one 404 text for a SKU without a document, whatever the reason (unknown, disabled, not on
/// the website): the body does not tell the reasons apart.
pub const NOT_FOUND: &str = "no stock document for this SKU and website";

/// Serves until `shutdown` resolves.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(r: Response) -> (u16, serde_json::Value) {
        let status = r.status().as_u16();
        let bytes = axum::body::to_bytes(r.into_body(), 64 * 1024).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn refusals_carry_fixed_text_and_no_detail() {
        let cases = [
            (MapError::NotFound("unknown SKU \"SECRET-SKU\"".into()), 404, "not_found", NOT_FOUND, "SECRET-SKU"),
            (MapError::NotFound("product is disabled".into()), 404, "not_found", NOT_FOUND, "disabled"),
            (MapError::NotFound("product is not assigned to website \"eu\"".into()), 404, "not_found", NOT_FOUND, "assigned"),
            (
                MapError::Invalid("stock_item.backorders: 7 is not 0, 1 or 2".into()),
                502,
                "upstream_invalid",
                "Magento's answer could not be read",
                "backorders",
            ),
            (
                MapError::UnknownType { type_id: "gift<script>".into() },
                422,
                "unknown_product_type",
                "this product type is not published",
                "gift",
            ),
        ];
        for (e, status, code, message, detail) in cases {
            let (s, body) = body_of(refusal("base", "SKU-1", &e)).await;
            assert_eq!((s, body["error"].as_str().unwrap(), body["message"].as_str().unwrap()), (status, code, message), "{e}");
            assert!(!body.to_string().contains(detail), "{body}");
        }
    }
}
