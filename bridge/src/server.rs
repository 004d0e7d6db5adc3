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
use crate::fragment::Fragment;
use crate::mapping::MapError;
use crate::response::{document_response, ApiError, Good, Representation, JSON};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Longest request target accepted (path and query).
pub const MAX_URI: usize = 1024;

type Key = (String, String);

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

async fn guard(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return ApiError::MethodNotAllowed.into_response();
    }
    let target = req.uri().path_and_query().map(|p| p.as_str().len()).unwrap_or(0);
    if target > MAX_URI {
        return ApiError::UriTooLong.into_response();
    }
    let mut res = next.run(req).await;
    res.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

async fn fallback() -> ApiError {
    ApiError::NoSuchPath
}

/// `200` while the bridge runs (a liveness probe: every replica shares one Magento, so taking one
/// out of a load balancer for Magento's sake helps nobody), with Magento's state as the latest
/// document fetches found it and what the cache holds. No Magento call is made for it.
async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    let magento = state.docs.upstream.report();
    let status = if magento["state"] == "failing" { "degraded" } else { "ok" };
    let c = &state.docs.cfg.cache;
    let body = serde_json::json!({
        "status": status,
        // MSI or legacy CatalogInventory (SPEC §16.1); null until the first call has told.
        "inventory": state.docs.inventory_known().map(|i| i.name()),
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

async fn stock(
    State(state): State<Arc<AppState>>,
    path: Result<Path<(String, String)>, axum::extract::rejection::PathRejection>,
    headers: HeaderMap,
    query: axum::extract::RawQuery,
) -> Result<Response, ApiError> {
    let Ok(Path((website, file))) = path else {
        return Err(ApiError::NoSuchDocument);
    };
    // `.html`: the element's server-rendered markup, a fragment for ESI or SSI (SPEC §15).
    let (sku, fragment) = match (file.strip_suffix(".json"), file.strip_suffix(".html")) {
        (Some(sku), _) => (sku, None),
        (_, Some(sku)) => (sku, Some(Fragment::new(&website, sku, query.0.as_deref()))),
        _ => return Err(ApiError::NotADocument),
    };
    if !valid_website(&website) {
        return Err(ApiError::UnknownWebsite);
    }
    if !valid_sku(sku) {
        return Err(ApiError::UnknownSku);
    }
    let key = (website.clone(), sku.to_owned());
    let fetched = state
        .answers
        .try_get_with(key.clone(), async {
            let answer = match state.docs.document(&website, sku).await? {
                Ok(doc) => {
                    let good = Arc::new(Good::new(crate::core_api::document_json(&doc)));
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
            Answer::Doc(good) => respond(&state, good, fragment.as_ref(), &headers, false),
            Answer::Refused(e) => {
                tracing::info!(website = %website, sku = ?sku, reason = %e, "no document published");
                Err(ApiError::Refused(e.clone()))
            }
        },
        Err(e) => {
            if let Some(good) = state.last_good.as_ref().and_then(|l| l.get(&key)) {
                tracing::warn!(website = %website, sku = ?sku, error = %e, age_s = good.fetched.elapsed().as_secs(), "Magento failed; serving the last good document");
                return respond(&state, &good, fragment.as_ref(), &headers, true);
            }
            tracing::warn!(website = %website, sku = ?sku, error = %e, "Magento failed and no recent document is held");
            Err(ApiError::Upstream { timeout: e.is_timeout() })
        }
    }
}

/// A held document as asked: its own text (`.json`), or the markup rendered from it (`.html`,
/// with the ETag of the markup); `stale` when served because Magento fails.
fn respond(state: &AppState, good: &Good, fragment: Option<&Fragment>, headers: &HeaderMap, stale: bool) -> Result<Response, ApiError> {
    let representation = match fragment {
        None => Representation { body: good.body.clone(), content_type: JSON, etag: good.etag.clone() },
        Some(fragment) => fragment.render(good)?,
    };
    let stale_for = stale.then(|| good.fetched.elapsed());
    Ok(document_response(representation, headers, &state.cache_control, stale_for))
}

/// Serves until `shutdown` resolves.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}
