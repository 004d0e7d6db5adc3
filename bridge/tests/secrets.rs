//! A secret planted in the config file never shows in a response, an error message, a Debug
//! print or a log line (all tracing output captured at TRACE level, this binary's only test).

mod common;

use common::*;
use fake_magento::{FakeAuth, FakeMagento, Fixtures, Mode};
use salable_bridge::config::Config;
use salable_bridge::documents::Documents;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const PLANTED: [&str; 5] = ["PLANTED-bearer-9d1c2e", "PLANTED-ck-77aa", "PLANTED-cs-5b5b", "PLANTED-at-0f0f", "PLANTED-ats-a1a1"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planted_secrets_never_leave() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_ansi(false).with_writer(move || writer.clone()).init();

    let dir = std::env::temp_dir().join(format!("salable-bridge-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut seen = String::new();

    // 1. OAuth from a config file, against a fake that wants other secrets: every call is a 401.
    let path = dir.join("bridge.toml");
    std::fs::write(
        &path,
        format!(
            "[auth]\nconsumer_key = \"{}\"\nconsumer_secret = \"{}\"\naccess_token = \"{}\"\naccess_token_secret = \"{}\"\n[upstream]\ntimeout_ms = 500\n",
            PLANTED[1], PLANTED[2], PLANTED[3], PLANTED[4]
        ),
    )
    .unwrap();
    let fake = FakeMagento::start(Fixtures::embedded(), FakeAuth::Bearer("other".into())).await.unwrap();
    let mut cfg = Config::load(&path).unwrap();
    cfg.magento_url = Some(fake.url());
    seen.push_str(&format!("{cfg:?}"));
    let docs = Documents::new(cfg.clone()).unwrap();
    seen.push_str(&format!("{:?}", docs.magento));
    if let Err(e) = docs.document("base", "24-MB01").await {
        seen.push_str(&format!("{e} {e:?}"));
    }
    let b = bridge(cfg).await;
    let c = client();
    for path in ["/stock/base/24-MB01.json", "/stock/eu/24-MB04.json", "/stock/nope/X.json", "/healthz", "/stock/base/%FF.json"] {
        let r = c.get(b.url(path)).send().await.unwrap();
        seen.push_str(&format!("{:?}", r.headers()));
        seen.push_str(&r.text().await.unwrap());
    }

    // 2. Bearer, with a fake that echoes nothing, then fails in every way.
    let fake2 = FakeMagento::start(Fixtures::embedded(), FakeAuth::Bearer(PLANTED[0].into())).await.unwrap();
    let mut cfg = config(&fake2.url());
    cfg.auth.token = Some(salable_bridge::secret::Secret::new(PLANTED[0]));
    cfg.cache.max_age = 1;
    cfg.upstream.timeout_ms = 300;
    let b2 = bridge(cfg).await;
    for mode in [Mode::Normal, Mode::Fail500, Mode::Garbage, Mode::Hang] {
        fake2.set_mode(mode);
        for path in ["/stock/base/24-MB01.json", "/stock/base/WS-TEE.json", "/stock/base/NOPE-404.json"] {
            let r = c.get(b2.url(path)).send().await.unwrap();
            seen.push_str(&format!("{:?}", r.headers()));
            seen.push_str(&r.text().await.unwrap());
        }
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    }
    // A config file with a secret under a misspelt key, and one with a wrong type.
    std::fs::write(&path, format!("[auth]\ntokn = \"{}\"\n", PLANTED[0])).unwrap();
    seen.push_str(&Config::load(&path).unwrap_err());
    std::fs::write(&path, format!("[auth]\ntoken = [\"{}\"]\n", PLANTED[0])).unwrap();
    seen.push_str(&Config::load(&path).unwrap_err());
    // The bridge did authenticate with it, so the test is not vacuous.
    assert!(fake2.authorizations().iter().any(|a| a.contains(PLANTED[0])));
    assert!(fake.authorizations().iter().any(|a| a.contains(PLANTED[1])), "OAuth sends the consumer key, never the secrets");

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("Magento"), "logging was captured: {} bytes", logs.len());
    for secret in PLANTED {
        // The consumer key and access token are sent in the OAuth header by design; none of the
        // five may appear in what the bridge itself prints or answers.
        assert!(!seen.contains(secret), "{secret} leaked into output: {seen}");
        assert!(!logs.contains(secret), "{secret} leaked into the logs");
    }
    std::fs::remove_dir_all(&dir).ok();
}
