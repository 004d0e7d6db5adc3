//! The load harness (`salable-load`, `npm run load`): the fake Magento with synthetic SKUs and the
//! bridge, both on loopback in this process; a fixed number of requests from concurrent clients over the SKUs,
//! sent to the bridge itself or ([`Front::Varnish`]) to a real `varnishd` running
//! `deploy/varnish/salable.vcl` in front of it. Reports requests per second, p50 and p99 latency,
//! errors, requests that reached the bridge and Magento calls. Bounded: it stops after the
//! requests are made, and stops varnishd.

use crate::varnish::Varnish;
use crate::{FakeAuth, FakeMagento, Fixtures};
use salable_bridge::config::Config;
use salable_bridge::documents::Documents;
use salable_bridge::secret::Secret;
use salable_bridge::server::{self, AppState};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the clients send their requests.
#[derive(Debug, Clone)]
pub enum Front {
    /// The bridge itself: every request reaches it.
    Bridge,
    /// varnishd with this VCL (its backend pointed at the bridge), started for the pass.
    Varnish(std::path::PathBuf),
}

#[derive(Debug, Clone)]
pub struct LoadReport {
    pub front: &'static str,
    pub requests: usize,
    pub concurrency: usize,
    pub skus: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub errors: usize,
    /// Requests that reached the bridge: all of them bare, Varnish's `MAIN.backend_req` through it.
    pub bridge_requests: u64,
    pub upstream_calls: u64,
}

pub async fn run(requests: usize, concurrency: usize, skus: usize) -> Result<LoadReport, String> {
    run_through(Front::Bridge, requests, concurrency, skus).await
}

/// One pass: a fresh fake Magento and bridge (cold caches), `front` before them.
pub async fn run_through(front: Front, requests: usize, concurrency: usize, skus: usize) -> Result<LoadReport, String> {
    let token = "load-test-token";
    let fake = FakeMagento::start(Fixtures::embedded().with_synthetic(skus, "24-MB01"), FakeAuth::Bearer(token.into()))
        .await
        .map_err(|e| e.to_string())?;
    let mut cfg = Config { magento_url: Some(fake.url()), ..Config::default() };
    cfg.auth.token = Some(Secret::new(token));
    cfg.cache.max_age = 60;
    cfg.stock.only_x_left_threshold = Some(salable_bridge::core_api::Qty::from_int(5));
    let state = AppState::new(Documents::new(cfg)?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::run(listener, state, async {
        let _ = stop_rx.await;
    }));

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let varnish = match &front {
        Front::Bridge => None,
        Front::Varnish(vcl) => Some(Varnish::start(vcl, addr).await?),
    };
    let target = varnish.as_ref().map_or(addr, |v| v.addr);
    let urls: Arc<Vec<String>> = Arc::new((0..skus).map(|i| format!("http://{target}/stock/base/LOAD-{i:04}.json")).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, urls, next) = (client.clone(), urls.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let t = Instant::now();
                let ok = match client.get(&urls[i % urls.len()]).send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok_and(|b| b.len() > 100),
                    _ => false,
                };
                latencies.push(t.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::with_capacity(requests);
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.map_err(|e| e.to_string())?;
        all.extend(l);
        errors += e;
    }
    let seconds = start.elapsed().as_secs_f64();
    let bridge_requests = match &varnish {
        Some(v) => v.counter("MAIN.backend_req")?,
        None => all.len() as u64,
    };
    drop(varnish);
    let _ = stop_tx.send(());
    let _ = server.await;
    let upstream_calls = fake.total();
    fake.stop().await;
    all.sort();
    let pct = |p: f64| all.get(((all.len() as f64 * p).ceil() as usize).saturating_sub(1)).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
    Ok(LoadReport {
        front: match front {
            Front::Bridge => "bridge",
            Front::Varnish(_) => "varnish",
        },
        requests: all.len(),
        concurrency,
        skus,
        seconds,
        per_second: all.len() as f64 / seconds,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        max_ms: all.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0),
        errors,
        bridge_requests,
        upstream_calls,
    })
}
