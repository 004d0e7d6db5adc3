//! The running fake: routes, credentials, habits, misbehaviour and counts. For each GET it
//! - strips `/rest` and a store code, refuses store `all` (`Webapi/Controller/Rest/RequestValidator`);
//! - matches the route (`routes.rs`; MSI routes only with MSI on), 404 otherwise;
//! - identifies the caller (admin token, integration by OAuth or by Bearer with the switch on, else a
//!   guest) and refuses a guest or a denied resource with 401 naming the route's resource;
//! - refuses a `page_size` above the maximum with input limits on;
//! - answers searches (`search.rs`), `export-stock-salable-qty`, `stockStatuses`, and every other
//!   route from the fixtures.

use crate::fixtures::{php_query, Answer, Fixtures, JSON};
use crate::habits::Habits;
use crate::oauth;
use crate::routes::{route, Route};
use crate::search::{self, Kind, View};
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the fake accepts as credentials.
#[derive(Clone, Debug)]
pub enum FakeAuth {
    /// Anyone, any credentials (every resource granted).
    Open,
    /// An admin user's token (`POST /V1/integration/admin/token`): always good as `Bearer`.
    Bearer(String),
    /// An integration's credentials: OAuth 1.0a signed requests; its access token as `Bearer` only
    /// with [`Habits::bearer_switch`].
    OAuth { consumer_key: String, consumer_secret: String, token: String, token_secret: String },
    /// Both an admin token and an integration.
    AdminAndIntegration { admin_token: String, consumer_key: String, consumer_secret: String, token: String, token_secret: String },
}

impl FakeAuth {
    fn admin_token(&self) -> Option<&str> {
        match self {
            FakeAuth::Bearer(t) | FakeAuth::AdminAndIntegration { admin_token: t, .. } => Some(t),
            _ => None,
        }
    }

    /// (consumer key, consumer secret, access token, token secret).
    fn integration(&self) -> Option<(&str, &str, &str, &str)> {
        match self {
            FakeAuth::OAuth { consumer_key, consumer_secret, token, token_secret }
            | FakeAuth::AdminAndIntegration { consumer_key, consumer_secret, token, token_secret, .. } => {
                Some((consumer_key, consumer_secret, token, token_secret))
            }
            _ => None,
        }
    }
}

/// How the fake misbehaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Mode {
    Normal = 0,
    /// `500` with Magento's "Internal Error" body.
    Fail500 = 1,
    /// `200` with an HTML maintenance page.
    Garbage = 2,
    /// Never answers (until the client gives up).
    Hang = 3,
}

pub struct FakeState {
    fixtures: Fixtures,
    auth: FakeAuth,
    habits: RwLock<Arc<Habits>>,
    /// (consumer key, nonce) pairs seen (`oauth_nonce` table).
    nonces: Mutex<HashSet<(String, String)>>,
    mode: AtomicU8,
    delay_ms: AtomicU64,
    counts: Mutex<HashMap<String, u64>>,
    total: AtomicU64,
    non_get: AtomicU64,
    too_long: AtomicU64,
    unauthorized: AtomicU64,
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
    targets: Mutex<Vec<String>>,
    authorizations: Mutex<Vec<String>>,
}

impl FakeState {
    fn count(&self, key: String, target: &str) {
        self.total.fetch_add(1, Ordering::Relaxed);
        *self.counts.lock().unwrap().entry(key).or_default() += 1;
        let mut t = self.targets.lock().unwrap();
        if t.len() < 10_000 {
            t.push(target.to_owned());
        }
    }
}

/// A running fake Magento.
pub struct FakeMagento {
    pub addr: SocketAddr,
    pub state: Arc<FakeState>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl FakeMagento {
    /// Starts on 127.0.0.1 with a free port, as a stock 2.4.7 ([`Habits::default`]).
    pub async fn start(fixtures: Fixtures, auth: FakeAuth) -> std::io::Result<FakeMagento> {
        FakeMagento::start_with(fixtures, auth, Habits::default()).await
    }

    /// Starts on 127.0.0.1 with a free port and these habits.
    pub async fn start_with(fixtures: Fixtures, auth: FakeAuth, habits: Habits) -> std::io::Result<FakeMagento> {
        FakeMagento::start_on("127.0.0.1:0".parse().expect("an address"), fixtures, auth, habits).await
    }

    pub async fn start_on(addr: SocketAddr, fixtures: Fixtures, auth: FakeAuth, habits: Habits) -> std::io::Result<FakeMagento> {
        let state = Arc::new(FakeState {
            fixtures,
            auth,
            habits: RwLock::new(Arc::new(habits)),
            nonces: Mutex::new(HashSet::new()),
            mode: AtomicU8::new(Mode::Normal as u8),
            delay_ms: AtomicU64::new(0),
            counts: Mutex::new(HashMap::new()),
            total: AtomicU64::new(0),
            non_get: AtomicU64::new(0),
            too_long: AtomicU64::new(0),
            unauthorized: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            max_in_flight: AtomicU64::new(0),
            targets: Mutex::new(Vec::new()),
            authorizations: Mutex::new(Vec::new()),
        });
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let app_state = state.clone();
        let app = Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap| {
            let st = app_state.clone();
            async move { handle(&st, method, uri, headers).await }
        });
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(FakeMagento { addr, state, shutdown: Some(tx), task: Some(task) })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The store's configuration from now on.
    pub fn set_habits(&self, habits: Habits) {
        *self.state.habits.write().unwrap() = Arc::new(habits);
    }

    pub fn habits(&self) -> Habits {
        (**self.state.habits.read().unwrap()).clone()
    }

    pub fn set_mode(&self, mode: Mode) {
        self.state.mode.store(mode as u8, Ordering::SeqCst);
    }

    pub fn set_delay(&self, d: Duration) {
        self.state.delay_ms.store(d.as_millis() as u64, Ordering::SeqCst);
    }

    /// Requests for one path (`/V1/products/24-MB01`, store code stripped, as sent).
    pub fn count(&self, path: &str) -> u64 {
        self.state.counts.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    pub fn counts(&self) -> HashMap<String, u64> {
        self.state.counts.lock().unwrap().clone()
    }

    pub fn total(&self) -> u64 {
        self.state.total.load(Ordering::Relaxed)
    }

    pub fn non_get(&self) -> u64 {
        self.state.non_get.load(Ordering::Relaxed)
    }

    /// Requests refused with 414 for a request line longer than `Habits::max_request_line`.
    pub fn too_long(&self) -> u64 {
        self.state.too_long.load(Ordering::Relaxed)
    }

    /// Most requests the fake was answering at once.
    pub fn max_in_flight(&self) -> u64 {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    /// 401s answered.
    pub fn unauthorized(&self) -> u64 {
        self.state.unauthorized.load(Ordering::Relaxed)
    }

    /// Raw request targets (path and query as received), the first 10,000.
    pub fn targets(&self) -> Vec<String> {
        self.state.targets.lock().unwrap().clone()
    }

    /// `Authorization` headers received (tests of what leaves the bridge), the first 1,000.
    pub fn authorizations(&self) -> Vec<String> {
        self.state.authorizations.lock().unwrap().clone()
    }

    pub fn reset_counts(&self) {
        self.state.counts.lock().unwrap().clear();
        self.state.targets.lock().unwrap().clear();
        self.state.total.store(0, Ordering::Relaxed);
    }

    /// Goes down: the port stops accepting connections.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for FakeMagento {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

fn respond(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

/// Magento's error body (`Webapi/Rest/Response::_renderMessages`): `message`, then `parameters`.
fn magento_error(status: u16, message: &str, parameters: Option<Value>) -> Response {
    let mut body = format!("{{\"message\":{}", Value::from(message));
    if let Some(p) = parameters {
        body.push_str(&format!(",\"parameters\":{p}"));
    }
    body.push('}');
    respond(status, JSON, body.into_bytes())
}

fn answer(a: Answer) -> Response {
    respond(a.status, &a.content_type, a.body.to_vec())
}

/// `AuthorizationException::NOT_AUTHORIZED` with the route's resource (`RequestValidator::checkPermissions`).
fn not_authorized(st: &FakeState, resource: &str) -> Response {
    st.unauthorized.fetch_add(1, Ordering::Relaxed);
    magento_error(401, "The consumer isn't authorized to access %resources.", Some(json!({ "resources": resource })))
}

/// Who is calling.
enum Caller {
    /// An admin or an integration: every resource but the denied ones.
    Known,
    /// Nobody Magento recognises: only anonymous resources (none of the fake's routes).
    Guest,
    /// Refused before any resource is checked (a bad OAuth request).
    Refused(Response),
}

fn identify(st: &FakeState, habits: &Habits, method: &Method, uri: &Uri, headers: &HeaderMap) -> Caller {
    if matches!(st.auth, FakeAuth::Open) {
        return Caller::Known;
    }
    let value = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    if value.len() > 7 && value[..7].eq_ignore_ascii_case("bearer ") {
        let token = value[7..].trim();
        if st.auth.admin_token() == Some(token) {
            return Caller::Known;
        }
        // An integration's access token is a Bearer token only with the switch on
        // (`oauth/consumer/enable_integration_as_bearer`); otherwise, like an unknown token, it
        // identifies nobody and the request runs as a guest (`TokenUserContext::processRequest`).
        if st.auth.integration().is_some_and(|(_, _, t, _)| t == token) && habits.bearer_switch {
            return Caller::Known;
        }
        return Caller::Guest;
    }
    match oauth::header_params(value) {
        Some(params) => match check_oauth(st, habits, method, uri, headers, params) {
            Ok(()) => Caller::Known,
            Err(Refusal(status, message, parameters)) => Caller::Refused(magento_error(status, &message, parameters)),
        },
        None => Caller::Guest,
    }
}

/// A refused OAuth request: status, message, parameters.
struct Refusal(u16, String, Option<Value>);

/// `Framework/Oauth/Oauth::validateAccessTokenRequest`, in its order. Left out: the length checks of
/// the token and consumer key (32 characters in Magento), so tests may use short credentials.
fn check_oauth(
    st: &FakeState,
    habits: &Habits,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    mut params: Vec<(String, String)>,
) -> Result<(), Refusal> {
    let refuse = |message: &str| {
        st.unauthorized.fetch_add(1, Ordering::Relaxed);
        Err(Refusal(401, message.to_owned(), None))
    };
    params.extend(oauth::query_params(uri.query().unwrap_or("")));
    let get = |k: &str| params.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    // _validateProtocolParams → _validateVersionParam, _checkRequiredParams (OauthInputException: 400).
    if let Some(v) = get("oauth_version").filter(|v| v != "1.0") {
        return Err(Refusal(400, "The \"%1\" Oauth version isn't supported.".to_owned(), Some(json!([v]))));
    }
    for required in ["oauth_consumer_key", "oauth_signature", "oauth_signature_method", "oauth_nonce", "oauth_timestamp", "oauth_token"] {
        if get(required).is_none() {
            return Err(Refusal(
                400,
                "\"%fieldName\" is required. Enter and try again.".to_owned(),
                Some(json!({ "fieldName": required })),
            ));
        }
    }
    let sig_method = get("oauth_signature_method").unwrap_or_default();
    // getSupportedSignatureMethods() is [SIGNATURE_SHA256] on 2.4.
    if sig_method != "HMAC-SHA256" {
        return Err(Refusal(400, "Signature method %1 is not supported".to_owned(), Some(json!([sig_method]))));
    }
    let Some((consumer_key, consumer_secret, token, token_secret)) = st.auth.integration() else {
        return refuse("A consumer having the specified key does not exist");
    };
    // TokenProvider::getConsumerByKey (Oauth\Exception: 401; text not re-read).
    if get("oauth_consumer_key").as_deref() != Some(consumer_key) {
        return refuse("A consumer having the specified key does not exist");
    }
    // Nonce\Generator::validateNonce: a timestamp more than TIME_DEVIATION (600 s) ahead, or not
    // positive, throws OauthInputException, which its catch-all turns into "An error occurred
    // validating the nonce"; a nonce the consumer used before is refused; a new one is stored
    // before the signature is checked.
    let timestamp: i64 = get("oauth_timestamp").unwrap_or_default().trim().parse().unwrap_or(0);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    if timestamp <= 0 || timestamp > now + 600 {
        return refuse("An error occurred validating the nonce");
    }
    let nonce = get("oauth_nonce").unwrap_or_default();
    if !st.nonces.lock().unwrap().insert((consumer_key.to_owned(), nonce)) {
        st.unauthorized.fetch_add(1, Ordering::Relaxed);
        return Err(Refusal(401, "The nonce is already being used by the consumer with ID %1".to_owned(), Some(json!(["1"]))));
    }
    // TokenProvider::validateAccessTokenRequest (text not re-read).
    if get("oauth_token").as_deref() != Some(token) {
        return refuse("The token isn't associated with the specified consumer.");
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let url = oauth::normalised_url(host, uri.path(), habits.oauth_path_normalisation);
    let base = oauth::base_string(method.as_str(), &url, &params);
    if oauth::hmac_sha256(&base, consumer_secret, token_secret) != get("oauth_signature").unwrap_or_default() {
        return refuse("The signature is invalid. Verify and try again.");
    }
    Ok(())
}

/// Counts the request as in flight while it is answered.
struct InFlight<'a>(&'a FakeState);

impl<'a> InFlight<'a> {
    fn enter(st: &'a FakeState) -> InFlight<'a> {
        let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        st.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(st)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

const NO_ROUTE: &str = "Request does not match any route.";
const NO_PRODUCT: &str = "The product that was requested doesn't exist. Verify the product and try again.";

async fn handle(st: &FakeState, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let _in_flight = InFlight::enter(st);
    let target = uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    // The web server in front of Magento refuses a request line longer than its buffer (Habits).
    let max_line = st.habits.read().unwrap().max_request_line;
    if method.as_str().len() + 1 + target.len() + " HTTP/1.1\r\n".len() > max_line {
        st.too_long.fetch_add(1, Ordering::Relaxed);
        let body = "<html>\r\n<head><title>414 Request-URI Too Large</title></head>\r\n<body>\r\n<center><h1>414 Request-URI Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return respond(414, "text/html", body.as_bytes().to_vec());
    }
    if method != Method::GET {
        st.non_get.fetch_add(1, Ordering::Relaxed);
        return magento_error(404, NO_ROUTE, None);
    }
    if let Some(a) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        let mut list = st.authorizations.lock().unwrap();
        if list.len() < 1_000 {
            list.push(a.to_owned());
        }
    }
    // Strip /rest and an optional store code.
    let raw: Vec<&str> = uri.path().split('/').filter(|s| !s.is_empty()).collect();
    if raw.first() != Some(&"rest") {
        return magento_error(404, NO_ROUTE, None);
    }
    let (store, rest) = match raw.get(1) {
        Some(&"V1") => (None, &raw[1..]),
        Some(s) => (Some(*s), raw.get(2..).unwrap_or(&[])),
        None => (None, &raw[1..]),
    };
    st.count(format!("/{}", rest.join("/")), &target);
    let delay = st.delay_ms.load(Ordering::Relaxed);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    match st.mode.load(Ordering::SeqCst) {
        1 => return magento_error(500, "Internal Error. Details are available in Magento log file. Report ID: webapi-6512f0c1a1b2c", None),
        2 => {
            return respond(200, "text/html", b"<!doctype html><title>Maintenance</title><h1>Service temporarily unavailable</h1>".to_vec())
        }
        3 => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return magento_error(500, "hung", None);
        }
        _ => {}
    }
    if store == Some("all") {
        return magento_error(400, "Cannot perform GET operation with store code 'all'", None);
    }
    let habits = st.habits.read().unwrap().clone();
    let segments: Vec<String> = rest.iter().map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned()).collect();
    let seg: Vec<&str> = segments.iter().map(String::as_str).collect();
    let Some(Route { resource, msi }) = route(&seg) else { return magento_error(404, NO_ROUTE, None) };
    if msi && !habits.msi {
        return magento_error(404, NO_ROUTE, None);
    }
    match identify(st, &habits, &method, &uri, &headers) {
        Caller::Refused(r) => return r,
        Caller::Guest => return not_authorized(st, resource),
        Caller::Known if habits.denied_resources.iter().any(|d| d == resource) => return not_authorized(st, resource),
        Caller::Known => {}
    }
    let query = uri.query().unwrap_or("");
    if let Some(message) = search::page_size_refusal(query, &habits) {
        return respond(400, JSON, message.into_bytes());
    }
    let f = &st.fixtures;
    match seg.as_slice() {
        ["V1", "inventory", "source-items"] => run_search(f, Kind::SourceItems, store, query, &habits, true),
        ["V1", "products"] => run_search(f, Kind::Products, store, query, &habits, false),
        ["V1", "inventory", "export-stock-salable-qty", "website", code] => export_salable(f, code, store, query, &habits),
        ["V1", "stockStatuses", _] => stock_status(f, store, &segments),
        ["V1", "inventory", "sources"] if !query.is_empty() => list_sources(f, query, &habits),
        _ => match f.lookup(store, &segments, &php_query(query)) {
            Some(a) => answer(a),
            None => not_found(&seg),
        },
    }
}

/// `GET /V1/inventory/sources?searchCriteria…` (`InventoryApi/Api/SourceRepositoryInterface::getList`,
/// whose `searchCriteria` is optional): the sources of the fixture's unfiltered answer, one page of
/// them (filters are not modelled: nothing the bridge sends filters sources).
fn list_sources(f: &Fixtures, query: &str, habits: &Habits) -> Response {
    let c = match search::parse_criteria(query) {
        Ok(c) => c,
        Err(message) => return magento_error(400, &message, None),
    };
    let seg = ["V1", "inventory", "sources"].map(str::to_owned);
    let Some(all) = f.lookup(None, &seg, &[]).filter(|a| a.status == 200) else { return magento_error(404, NO_ROUTE, None) };
    let Ok(v) = serde_json::from_slice::<Value>(&all.body) else { return answer(all) };
    let items = v["items"].as_array().cloned().unwrap_or_default();
    let total = items.len();
    let size = c.page_size.or(habits.input_limits.then_some(habits.default_page_size)).unwrap_or(total.max(1)).max(1);
    // Past the end, Magento's collection repeats the last page.
    let pages = total.div_ceil(size).max(1);
    let page = c.current_page.unwrap_or(1).clamp(1, pages);
    let rows = items.into_iter().skip((page - 1) * size).take(size).map(|i| i.to_string().into_bytes());
    respond(200, JSON, search::body(rows, &search::echo(&c, habits), total))
}

/// What Magento says of a SKU it does not have, per route; other unknown answers are unknown routes.
fn not_found(seg: &[&str]) -> Response {
    match seg {
        ["V1", "products", _] | ["V1", "inventory", "get-product-salable-quantity" | "is-product-salable", ..] => {
            magento_error(404, NO_PRODUCT, None)
        }
        ["V1", "stockItems" | "stockStatuses", sku] => {
            magento_error(404, "The Product with the \"%1\" SKU doesn't exist.", Some(json!([sku])))
        }
        _ => magento_error(404, NO_ROUTE, None),
    }
}

fn run_search(f: &Fixtures, kind: Kind, store: Option<&str>, query: &str, habits: &Habits, required: bool) -> Response {
    let c = match search::parse_criteria(query) {
        Ok(c) => c,
        Err(message) => return magento_error(400, &message, None),
    };
    if required && !c.present {
        return respond(400, JSON, f.no_criteria.to_vec());
    }
    let view = View { f, kind, store };
    match search::run(&view, &c, habits) {
        Ok(found) => {
            let body = search::body(found.rows.iter().map(|r| view.raw(*r).into_owned()), &search::echo(&c, habits), found.total);
            respond(200, JSON, body)
        }
        Err(message) => magento_error(400, &message, None),
    }
}

/// `export-stock-salable-qty/website/{code}` (InventoryExportStock
/// `ExportStockSalableQtyBySalesChannel::execute`): the products search with the same criteria
/// (so input limits page it), then each product's salable quantity and flag on the website's stock
/// (`PreciseExportStockProcessor`), SKUs not assigned to a source skipped, and `total_count` the
/// number of items returned.
fn export_salable(f: &Fixtures, code: &str, store: Option<&str>, query: &str, habits: &Habits) -> Response {
    let seg = |parts: &[&str]| parts.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let Some(stock) = f.lookup(None, &seg(&["V1", "inventory", "stock-resolver", "website", code]), &[]).filter(|a| a.status == 200) else {
        return magento_error(404, "No linked stock found", None);
    };
    let stock_id = serde_json::from_slice::<Value>(&stock.body).ok().map(|v| v["stock_id"].to_string()).unwrap_or_default();
    let c = match search::parse_criteria(query) {
        Ok(c) => c,
        Err(message) => return magento_error(400, &message, None),
    };
    let view = View { f, kind: Kind::Products, store };
    let found = match search::run(&view, &c, habits) {
        Ok(found) => found,
        Err(message) => return magento_error(400, &message, None),
    };
    let mut items = Vec::new();
    for r in found.rows {
        let Some(sku) = view.field(r, "sku") else { continue };
        let ask = |what: &str| f.lookup(None, &seg(&["V1", "inventory", what, &sku, &stock_id]), &[]).filter(|a| a.status == 200);
        if let (Some(q), Some(s), true) = (ask("get-product-salable-quantity"), ask("is-product-salable"), f.has_source_items(&sku)) {
            let (q, s) = (String::from_utf8_lossy(&q.body).into_owned(), String::from_utf8_lossy(&s.body).into_owned());
            items.push(format!("{{\"sku\":{},\"qty\":{},\"is_salable\":{}}}", Value::from(sku.as_str()), q.trim(), s.trim()).into_bytes());
        }
    }
    let n = items.len();
    respond(200, JSON, search::body(items.into_iter(), &search::echo(&c, habits), n))
}

/// `GET /V1/stockStatuses/{sku}` (`CatalogInventory/Api/StockRegistryInterface::getStockStatusBySku`):
/// legacy `StockStatusInterface` (`product_id`, `stock_id`, `qty`, `stock_status`, `stock_item`),
/// made from the SKU's stock item, which stays whether MSI is on or off.
fn stock_status(f: &Fixtures, store: Option<&str>, segments: &[String]) -> Response {
    let mut item_path = segments.to_vec();
    item_path[1] = "stockItems".into();
    let Some(a) = f.lookup(store, &item_path, &[]) else { return not_found(&["V1", "stockStatuses", &segments[2]]) };
    if a.status != 200 {
        return answer(a);
    }
    let Ok(item) = serde_json::from_slice::<Value>(&a.body) else { return answer(a) };
    let body = format!(
        "{{\"product_id\":{},\"stock_id\":{},\"qty\":{},\"stock_status\":{},\"stock_item\":{}}}",
        item["product_id"],
        item["stock_id"],
        item["qty"],
        u8::from(item["is_in_stock"].as_bool().unwrap_or(false)),
        String::from_utf8_lossy(&a.body)
    );
    respond(200, JSON, body.into_bytes())
}
