//! A fake Magento 2.4 admin REST API serving the fixtures (`tests/fixtures/magento-rest`) by the
//! rules of their `manifest.json`, on loopback. It
//! - strips `/rest` and a store code, compares queries after decoding, ignoring order;
//! - checks Bearer tokens or OAuth 1.0a signatures, refusing bad ones with Magento's 401 body;
//! - parses `searchCriteria` (both spellings, `eq`/`in`/`like`/…, sort orders) and pages results
//!   for `source-items` and `products`, with Magento's habit of repeating the last page;
//! - answers `export-stock-salable-qty` for any SKU list from the per-SKU fixtures;
//! - can synthesize SKUs shaped like a fixture SKU (`LOAD-0000`…) for the load test;
//! - counts requests per path, and can be made slow, fail with a 500, return garbage, hang, or go
//!   down.
//!
//! Used by the tests in-process, and as a process by `fake-magento`, `serve --demo` and `load`.

use crate::magento::oauth;
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

const JSON: &str = "application/json; charset=utf-8";

#[derive(Clone, Debug)]
struct Entry {
    segments: Vec<String>,
    query: Option<Vec<(String, String)>>,
    status: u16,
    content_type: String,
    body: Arc<Vec<u8>>,
}

/// The fixture set: static answers, plus the catalogs the searches run over.
#[derive(Clone, Debug)]
pub struct Fixtures {
    entries: Vec<Entry>,
    source_items: Vec<Value>,
    products: Vec<Value>,
    unauthorized: Arc<Vec<u8>>,
    no_criteria: Arc<Vec<u8>>,
}

fn sorted_query(q: &str) -> Vec<(String, String)> {
    let mut pairs = oauth::decode_query(q);
    pairs.sort();
    pairs
}

fn split_path(path: &str) -> Vec<String> {
    path.split('/').filter(|s| !s.is_empty()).map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned()).collect()
}

impl Fixtures {
    /// The fixtures compiled into the binary: `magento-rest/`, then the constructed answers for
    /// the configurable's children (`magento-rest-composite/`).
    pub fn embedded() -> Fixtures {
        let read = |set: &[(&str, &[u8])]| {
            let files: HashMap<String, Vec<u8>> = set.iter().map(|(n, b)| ((*n).to_owned(), b.to_vec())).collect();
            Fixtures::from_files(&files).expect("the embedded fixtures are valid")
        };
        read(FIXTURES).with(read(COMPOSITE_FIXTURES))
    }

    /// `self`, then `more`'s answers and catalog items (for a request both answer, `self` wins).
    pub fn with(mut self, more: Fixtures) -> Fixtures {
        self.entries.extend(more.entries);
        for item in more.source_items {
            if !self.source_items.iter().any(|i| i["sku"] == item["sku"] && i["source_code"] == item["source_code"]) {
                self.source_items.push(item);
            }
        }
        for p in more.products {
            if !self.products.iter().any(|q| q["sku"] == p["sku"]) {
                self.products.push(p);
            }
        }
        self
    }

    /// A fixture folder with its `manifest.json` (another catalog, same conventions).
    pub fn from_dir(dir: &std::path::Path) -> Result<Fixtures, String> {
        let mut files = HashMap::new();
        for e in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let e = e.map_err(|e| e.to_string())?;
            if e.path().is_file() {
                files.insert(e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).map_err(|e| e.to_string())?);
            }
        }
        Fixtures::from_files(&files)
    }

    fn from_files(files: &HashMap<String, Vec<u8>>) -> Result<Fixtures, String> {
        let manifest: Vec<Value> =
            serde_json::from_slice(files.get("manifest.json").ok_or("no manifest.json")?).map_err(|e| format!("manifest.json: {e}"))?;
        let mut entries = Vec::new();
        let mut unauthorized = br#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_InventoryApi::source"}}"#.to_vec();
        let mut no_criteria =
            br#"{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"searchCriteria"}}"#.to_vec();
        let mut source_items: Vec<Value> = Vec::new();
        let mut products: Vec<Value> = Vec::new();
        for m in &manifest {
            let file = m["file"].as_str().ok_or("manifest entry without file")?;
            let body = files.get(file).ok_or_else(|| format!("manifest names a missing file {file}"))?.clone();
            let status = m["status"].as_u64().unwrap_or(200) as u16;
            let path = m["path"].as_str().unwrap_or("");
            if status == 401 {
                unauthorized = body;
                continue;
            }
            if status == 400 && path == "/V1/inventory/source-items" && m["query"].is_null() {
                no_criteria = body.clone();
            }
            let query = m["query"].as_str().map(sorted_query);
            let segments = split_path(path);
            if status == 200 && path == "/V1/inventory/source-items" {
                if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                    for item in v["items"].as_array().into_iter().flatten() {
                        if !source_items.iter().any(|i| i["sku"] == item["sku"] && i["source_code"] == item["source_code"]) {
                            source_items.push(item.clone());
                        }
                    }
                }
            }
            if status == 200 && segments.len() == 3 && segments[1] == "products" {
                if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                    if !products.iter().any(|p| p["sku"] == v["sku"]) {
                        products.push(v);
                    }
                }
            }
            entries.push(Entry {
                segments,
                query,
                status,
                content_type: m["content_type"].as_str().unwrap_or(JSON).to_owned(),
                body: Arc::new(body),
            });
        }
        Ok(Fixtures { entries, source_items, products, unauthorized: Arc::new(unauthorized), no_criteria: Arc::new(no_criteria) })
    }

    /// Adds `n` SKUs `LOAD-0000`… answering like `template` does (product, stock item, source
    /// items, salable quantity, requested-qty checks).
    pub fn with_synthetic(mut self, n: usize, template: &str) -> Fixtures {
        let originals: Vec<Entry> = self.entries.iter().filter(|e| e.segments.iter().any(|s| s == template)).cloned().collect();
        let tmpl_items: Vec<Value> = self.source_items.iter().filter(|i| i["sku"] == template).cloned().collect();
        let tmpl_product = self.products.iter().find(|p| p["sku"] == template).cloned();
        for i in 0..n {
            let sku = format!("LOAD-{i:04}");
            for e in &originals {
                let mut copy = e.clone();
                for s in &mut copy.segments {
                    if s == template {
                        s.clone_from(&sku);
                    }
                }
                let text = String::from_utf8_lossy(&e.body).replace(template, &sku);
                copy.body = Arc::new(text.into_bytes());
                self.entries.push(copy);
            }
            for item in &tmpl_items {
                let mut item = item.clone();
                item["sku"] = json!(sku);
                self.source_items.push(item);
            }
            if let Some(p) = &tmpl_product {
                let mut p = p.clone();
                p["sku"] = json!(sku);
                p["name"] = json!(format!("Load test product {i}"));
                self.products.push(p);
            }
        }
        self
    }

    fn lookup(&self, segments: &[String], query: &str) -> Option<&Entry> {
        let q = sorted_query(query);
        self.entries.iter().find(|e| e.segments == segments && e.query.as_ref().map_or(q.is_empty(), |eq| *eq == q))
    }
}

/// What the fake accepts as credentials.
#[derive(Clone, Debug)]
pub enum FakeAuth {
    Open,
    Bearer(String),
    OAuth { consumer_key: String, consumer_secret: String, token: String, token_secret: String },
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
    mode: AtomicU8,
    delay_ms: AtomicU64,
    counts: Mutex<HashMap<String, u64>>,
    total: AtomicU64,
    non_get: AtomicU64,
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
    /// Starts on 127.0.0.1 with a free port.
    pub async fn start(fixtures: Fixtures, auth: FakeAuth) -> std::io::Result<FakeMagento> {
        FakeMagento::start_on("127.0.0.1:0".parse().unwrap(), fixtures, auth).await
    }

    pub async fn start_on(addr: SocketAddr, fixtures: Fixtures, auth: FakeAuth) -> std::io::Result<FakeMagento> {
        let state = Arc::new(FakeState {
            fixtures,
            auth,
            mode: AtomicU8::new(Mode::Normal as u8),
            delay_ms: AtomicU64::new(0),
            counts: Mutex::new(HashMap::new()),
            total: AtomicU64::new(0),
            non_get: AtomicU64::new(0),
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

    /// Most requests the fake was answering at once.
    pub fn max_in_flight(&self) -> u64 {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    pub fn unauthorized(&self) -> u64 {
        self.state.unauthorized.load(Ordering::Relaxed)
    }

    /// Raw request targets (path and query as received), the first 10,000.
    pub fn targets(&self) -> Vec<String> {
        self.state.targets.lock().unwrap().clone()
    }

    /// `Authorization` headers received (tests of what leaves the bridge).
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

fn magento_error(status: u16, message: &str) -> Response {
    respond(status, JSON, json!({ "message": message }).to_string().into_bytes())
}

fn authorized(st: &FakeState, method: &Method, uri: &Uri, headers: &HeaderMap) -> bool {
    let value = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    match &st.auth {
        FakeAuth::Open => true,
        FakeAuth::Bearer(token) => value.strip_prefix("Bearer ") == Some(token.as_str()),
        FakeAuth::OAuth { consumer_key, consumer_secret, token, token_secret } => {
            let Some(params) = oauth::parse_header(value) else { return false };
            let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            let method_name = get("oauth_signature_method");
            let sig_method = match method_name {
                Some("HMAC-SHA256") => oauth::Method::HmacSha256,
                Some("HMAC-SHA1") => oauth::Method::HmacSha1,
                _ => return false,
            };
            if get("oauth_consumer_key") != Some(consumer_key)
                || get("oauth_token") != Some(token)
                || get("oauth_version").is_some_and(|v| v != "1.0")
            {
                return false;
            }
            let Some(signature) = get("oauth_signature") else { return false };
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
            let base_url = format!("http://{}{}", host.to_ascii_lowercase(), uri.path());
            let mut all = oauth::decode_query(uri.query().unwrap_or(""));
            all.extend(params.iter().filter(|(k, _)| k != "oauth_signature" && k != "realm").cloned());
            let base = oauth::base_string(method.as_str(), &base_url, &all);
            oauth::sign(sig_method, &base, consumer_secret, token_secret) == signature
        }
    }
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

async fn handle(st: &FakeState, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let _in_flight = InFlight::enter(st);
    let target = uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    if method != Method::GET {
        st.non_get.fetch_add(1, Ordering::Relaxed);
        return magento_error(404, "Request does not match any route.");
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
        return magento_error(404, "Request does not match any route.");
    }
    let (store, rest) = match raw.get(1) {
        Some(&"V1") => (None, &raw[1..]),
        Some(s) => (Some(*s), raw.get(2..).unwrap_or(&[])),
        None => (None, &raw[1..]),
    };
    let key = format!("/{}", rest.join("/"));
    st.count(key, &target);
    let delay = st.delay_ms.load(Ordering::Relaxed);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    match st.mode.load(Ordering::SeqCst) {
        1 => return magento_error(500, "Internal Error. Details are available in Magento log file. Report ID: webapi-6512f0c1a1b2c"),
        2 => {
            return respond(200, "text/html", b"<!doctype html><title>Maintenance</title><h1>Service temporarily unavailable</h1>".to_vec())
        }
        3 => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return magento_error(500, "hung");
        }
        _ => {}
    }
    if store == Some("all") {
        return magento_error(400, "Cannot perform GET operation with store code 'all'");
    }
    if !authorized(st, &method, &uri, &headers) {
        st.unauthorized.fetch_add(1, Ordering::Relaxed);
        return respond(401, JSON, st.fixtures.unauthorized.to_vec());
    }
    let segments: Vec<String> = rest.iter().map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned()).collect();
    let query = uri.query().unwrap_or("");
    let seg: Vec<&str> = segments.iter().map(String::as_str).collect();
    match seg.as_slice() {
        ["V1", "inventory", "source-items"] => search(&st.fixtures.source_items, query, Some(&st.fixtures.no_criteria)),
        ["V1", "products"] => search(&st.fixtures.products, query, None),
        ["V1", "inventory", "export-stock-salable-qty", "website", code] => export_salable(&st.fixtures, code, query),
        _ => match st.fixtures.lookup(&segments, query) {
            Some(e) => respond(e.status, &e.content_type, e.body.to_vec()),
            None => magento_error(404, "Request does not match any route."),
        },
    }
}

#[derive(Default, Debug)]
struct Criteria {
    groups: BTreeMap<usize, BTreeMap<usize, BTreeMap<String, String>>>,
    sorts: BTreeMap<usize, BTreeMap<String, String>>,
    page_size: Option<usize>,
    current_page: Option<usize>,
    present: bool,
}

/// `pageSize` → `page_size`.
fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_criteria(query: &str) -> Result<Criteria, String> {
    let mut c = Criteria::default();
    for (k, v) in oauth::decode_query(query) {
        let Some(rest) = k.strip_prefix("searchCriteria") else { continue };
        c.present = true;
        let parts: Vec<String> = rest.trim_start_matches('[').trim_end_matches(']').split("][").map(snake).collect();
        let num = |s: &str| s.parse::<usize>().map_err(|_| format!("bad index {s:?}"));
        match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["filter_groups", g, "filters", f, field] => {
                c.groups.entry(num(g)?).or_default().entry(num(f)?).or_default().insert((*field).to_owned(), v);
            }
            ["sort_orders", n, field] => {
                c.sorts.entry(num(n)?).or_default().insert((*field).to_owned(), v);
            }
            ["page_size"] => {
                c.page_size =
                    Some(v.parse().map_err(|_| {
                        format!("The \"{v}\" value's type is invalid. The \"int\" type was expected. Verify and try again.")
                    })?)
            }
            ["current_page"] => {
                c.current_page =
                    Some(v.parse().map_err(|_| {
                        format!("The \"{v}\" value's type is invalid. The \"int\" type was expected. Verify and try again.")
                    })?)
            }
            _ => {}
        }
    }
    Ok(c)
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn like(pattern: &str, value: &str) -> bool {
    let parts: Vec<&str> = pattern.split('%').collect();
    if parts.len() == 1 {
        return pattern == value;
    }
    let mut rest = value;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(p) else { return false };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(p);
        } else if let Some(pos) = rest.find(p) {
            rest = &rest[pos + p.len()..];
        } else {
            return false;
        }
    }
    true
}

fn matches(item: &Value, f: &BTreeMap<String, String>) -> Result<bool, String> {
    let field = f.get("field").ok_or("filter without field")?;
    let value = f.get("value").cloned().unwrap_or_default();
    let cond = f.get("condition_type").map(String::as_str).unwrap_or("eq");
    let got = text(&item[field.as_str()]);
    let num = |s: &str| s.parse::<f64>().ok();
    let cmp = |op: fn(f64, f64) -> bool| -> bool {
        match (got.as_deref().and_then(num), num(&value)) {
            (Some(a), Some(b)) => op(a, b),
            _ => false,
        }
    };
    // MySQL's default collation compares SKUs without regard to case.
    let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    Ok(match cond {
        "eq" => got.is_some_and(|g| eq(&g, &value)),
        "neq" => got.is_none_or(|g| !eq(&g, &value)),
        "in" => got.is_some_and(|g| value.split(',').any(|v| eq(v.trim(), &g))),
        "nin" => got.is_none_or(|g| !value.split(',').any(|v| eq(v.trim(), &g))),
        "like" => got.is_some_and(|g| like(&value.to_lowercase(), &g.to_lowercase())),
        "nlike" => got.is_none_or(|g| !like(&value.to_lowercase(), &g.to_lowercase())),
        "gt" => cmp(|a, b| a > b),
        "gteq" | "from" | "moreq" => cmp(|a, b| a >= b),
        "lt" => cmp(|a, b| a < b),
        "lteq" | "to" => cmp(|a, b| a <= b),
        "null" => got.is_none(),
        "notnull" => got.is_some(),
        other => return Err(format!("unsupported condition_type {other:?}")),
    })
}

/// A searchCriteria search over `items`, with the echo and `total_count` of a real one.
fn search(items: &[Value], query: &str, required: Option<&Arc<Vec<u8>>>) -> Response {
    let c = match parse_criteria(query) {
        Ok(c) => c,
        Err(message) => return magento_error(400, &message),
    };
    if !c.present {
        if let Some(body) = required {
            return respond(400, JSON, body.to_vec());
        }
    }
    let mut found: Vec<&Value> = Vec::new();
    'items: for item in items {
        for group in c.groups.values() {
            let mut any = false;
            for f in group.values() {
                match matches(item, f) {
                    Ok(true) => any = true,
                    Ok(false) => {}
                    Err(message) => return magento_error(400, &message),
                }
            }
            if !any {
                continue 'items;
            }
        }
        found.push(item);
    }
    for s in c.sorts.values().rev() {
        let field = s.get("field").cloned().unwrap_or_default();
        let dir = s.get("direction").map(|d| d.to_ascii_uppercase()).unwrap_or_else(|| "ASC".into());
        if dir != "ASC" && dir != "DESC" {
            return respond(400, JSON, json!({"message": "The sort order has to be specified as %1 for ascending order or %2 for descending order.", "parameters": ["ASC", "DESC"]}).to_string().into_bytes());
        }
        let field = if field == "entity_id" { "id".to_owned() } else { field };
        found.sort_by(|a, b| {
            let (x, y) = (&a[field.as_str()], &b[field.as_str()]);
            let o = match (x.as_f64(), y.as_f64()) {
                (Some(p), Some(q)) => p.partial_cmp(&q).unwrap_or(std::cmp::Ordering::Equal),
                _ => text(x).cmp(&text(y)),
            };
            if dir == "DESC" {
                o.reverse()
            } else {
                o
            }
        });
    }
    let total = found.len();
    let page_items: Vec<Value> = match c.page_size {
        Some(size) if size > 0 => {
            let pages = total.div_ceil(size).max(1);
            // Magento clamps a page past the end to the last page.
            let page = c.current_page.unwrap_or(1).clamp(1, pages);
            found.iter().skip((page - 1) * size).take(size).map(|v| (*v).clone()).collect()
        }
        _ => found.iter().map(|v| (*v).clone()).collect(),
    };
    let mut echo = Map::new();
    let groups: Vec<Value> = c
        .groups
        .values()
        .map(|g| {
            let filters: Vec<Value> = g
                .values()
                .map(|f| {
                    let mut m = Map::new();
                    for k in ["field", "value", "condition_type"] {
                        if let Some(v) = f.get(k) {
                            m.insert(k.into(), json!(v));
                        }
                    }
                    Value::Object(m)
                })
                .collect();
            json!({ "filters": filters })
        })
        .collect();
    echo.insert("filter_groups".into(), Value::Array(groups));
    if !c.sorts.is_empty() {
        echo.insert(
            "sort_orders".into(),
            Value::Array(c.sorts.values().map(|s| json!({"field": s.get("field"), "direction": s.get("direction")})).collect()),
        );
    }
    if let Some(p) = c.page_size {
        echo.insert("page_size".into(), json!(p));
    }
    if let Some(p) = c.current_page {
        echo.insert("current_page".into(), json!(p));
    }
    respond(200, JSON, json!({ "items": page_items, "search_criteria": echo, "total_count": total }).to_string().into_bytes())
}

/// `export-stock-salable-qty/website/{code}` for the SKUs of the criteria, from the per-SKU
/// fixtures of the website's stock; unassigned SKUs are skipped, as Magento does.
fn export_salable(f: &Fixtures, code: &str, query: &str) -> Response {
    let seg = |parts: &[&str]| parts.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let Some(stock) = f.lookup(&seg(&["V1", "inventory", "stock-resolver", "website", code]), "").filter(|e| e.status == 200) else {
        return magento_error(404, "No linked stock found");
    };
    let stock_id = serde_json::from_slice::<Value>(&stock.body).ok().and_then(|v| text(&v["stock_id"])).unwrap_or_default();
    let c = match parse_criteria(query) {
        Ok(c) => c,
        Err(message) => return magento_error(400, &message),
    };
    let mut skus: Vec<String> = Vec::new();
    for g in c.groups.values() {
        for flt in g.values() {
            if flt.get("field").map(String::as_str) == Some("sku") {
                skus.extend(flt.get("value").into_iter().flat_map(|v| v.split(',').map(|s| s.trim().to_owned())));
            }
        }
    }
    let mut items = Vec::new();
    for sku in &skus {
        let qty = f.lookup(&seg(&["V1", "inventory", "get-product-salable-quantity", sku, &stock_id]), "").filter(|e| e.status == 200);
        let salable = f.lookup(&seg(&["V1", "inventory", "is-product-salable", sku, &stock_id]), "").filter(|e| e.status == 200);
        let assigned = f.source_items.iter().any(|i| i["sku"] == json!(sku));
        if let (Some(q), Some(s), true) = (qty, salable, assigned) {
            let q: Value = serde_json::from_slice(&q.body).unwrap_or(json!(0));
            let s: Value = serde_json::from_slice(&s.body).unwrap_or(json!(false));
            items.push(json!({ "sku": sku, "qty": q, "is_salable": s }));
        }
    }
    let n = items.len();
    let echo = json!({ "filter_groups": [{ "filters": [{ "field": "sku", "value": skus.join(","), "condition_type": "in" }] }] });
    respond(200, JSON, json!({ "items": items, "search_criteria": echo, "total_count": n }).to_string().into_bytes())
}
