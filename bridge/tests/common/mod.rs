//! Shared set-up: the fake Magento on 127.0.0.1:0 and a bridge pointed at it.
#![allow(dead_code)]

use fake_magento::{FakeAuth, FakeMagento, Fixtures};
use salable_bridge::config::Config;
use salable_bridge::documents::Documents;
use salable_bridge::secret::Secret;
use salable_bridge::server::{self, AppState};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub const TOKEN: &str = "test-bearer-token-7f3a";

pub fn fixture_dir() -> PathBuf {
    fake_magento::fixtures_dir().join("magento-rest")
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn expected(sku: &str) -> String {
    fixture(&format!("expected/doc_{sku}_base.json"))
}

/// The configuration the fixtures' README assumes: Only X left 5, display on, not enough items.
pub fn config(url: &str) -> Config {
    let mut c = Config { magento_url: Some(url.to_owned()), ..Config::default() };
    c.auth.token = Some(Secret::new(TOKEN));
    c.stock.only_x_left_threshold = Some(salable::Qty::from_int(5));
    c.upstream.timeout_ms = 2_000;
    c.upstream.connect_timeout_ms = 500;
    c
}

pub async fn fake() -> FakeMagento {
    FakeMagento::start(Fixtures::embedded(), FakeAuth::Bearer(TOKEN.into())).await.unwrap()
}

/// A bridge serving on 127.0.0.1:0; stops when the returned sender is dropped or fired.
pub struct Bridge {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Bridge {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

pub async fn bridge(cfg: Config) -> Bridge {
    let state = AppState::new(Documents::new(cfg).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::run(listener, state.clone(), async {
        let _ = rx.await;
    }));
    Bridge { addr, state, _stop: tx }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(std::time::Duration::from_secs(20)).build().unwrap()
}

/// A raw HTTP/1.1 GET of `target` exactly as written (reqwest would normalise `..`), returning
/// the status and the body.
pub async fn raw_get(addr: SocketAddr, target: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// A JSON value compared by meaning: every number as f64 (`100` and `100.0` alike), and keys whose
/// value is null dropped (SPEC §10: an absent `notify_for_quantity_below` is a null one).
pub fn norm(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        Value::Object(m) => Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), norm(v))).collect()),
        other => other.clone(),
    }
}
