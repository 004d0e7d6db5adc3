//! GETs to Magento's admin REST API: percent-encoded paths, Bearer or OAuth 1.0a, a timeout and a
//! concurrency limit on every call, bounded bodies, and errors that carry no secret and no URL
//! credentials. Nothing but GET is ever sent.

use super::wire::ErrorBody;
use super::{oauth, percent};
use crate::secret::{scrub, Secret};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION};
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Largest response body read from Magento (a page of 300 products is far below it).
const MAX_BODY: usize = 32 * 1024 * 1024;

#[derive(Clone)]
pub enum Auth {
    None,
    Bearer(Secret),
    OAuth { consumer_key: Secret, consumer_secret: Secret, access_token: Secret, access_token_secret: Secret },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Auth::None => "Auth::None",
            Auth::Bearer(_) => "Auth::Bearer([redacted])",
            Auth::OAuth { .. } => "Auth::OAuth([redacted])",
        })
    }
}

/// Why a Magento call gave no usable answer. `Display` names the endpoint (never a URL with
/// credentials, never a header) and Magento's own message, with any secret scrubbed out.
#[derive(Clone, Debug, PartialEq)]
pub enum UpstreamError {
    Timeout {
        endpoint: &'static str,
    },
    Unreachable {
        endpoint: &'static str,
    },
    Status {
        endpoint: &'static str,
        status: u16,
        message: String,
    },
    Garbage {
        endpoint: &'static str,
        detail: String,
    },
    /// Magento's answer left this SKU out, and asking for it alone did not bring it: the SKU gets
    /// no document (never "out of stock", SPEC §16.1).
    Absent {
        endpoint: &'static str,
        sku: String,
    },
    /// The SKU cannot go into this endpoint's path: under OAuth, Magento 2.4.6–2.4.7 signs the path
    /// with `/ : @ & = + $ , ;` decoded and refuses ours (SPEC §16.1), and no search answers instead.
    PathUnsafe {
        endpoint: &'static str,
        sku: String,
    },
}

impl UpstreamError {
    pub fn status(&self) -> Option<u16> {
        match self {
            UpstreamError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self, UpstreamError::Timeout { .. })
    }
}

impl fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpstreamError::Timeout { endpoint } => write!(f, "Magento did not answer in time ({endpoint})"),
            UpstreamError::Unreachable { endpoint } => write!(f, "Magento could not be reached ({endpoint})"),
            UpstreamError::Status { endpoint, status, message } => write!(f, "Magento answered {status} ({endpoint}): {message}"),
            UpstreamError::Garbage { endpoint, detail } => write!(f, "Magento's answer could not be read ({endpoint}): {detail}"),
            UpstreamError::Absent { endpoint, sku } => {
                write!(f, "Magento's {endpoint} did not return SKU {sku:?}, not even asked for it alone; no document is published for it")
            }
            UpstreamError::PathUnsafe { endpoint, sku } => write!(
                f,
                "SKU {sku:?} cannot be sent in the path of {endpoint} under OAuth: Magento 2.4.6-2.4.7 rejects the signature of paths \
                 holding / : @ & = + $ , or ; (magento2#37278). Use a Bearer token (README, \"Bearer or OAuth\")"
            ),
        }
    }
}

impl std::error::Error for UpstreamError {}

/// A Magento store's REST API.
pub struct Magento {
    http: reqwest::Client,
    /// `scheme://host[:port][/prefix]`, without a trailing slash.
    base: String,
    auth: Auth,
    limit: Arc<Semaphore>,
    timeout: Duration,
    secrets: Vec<Secret>,
    calls: AtomicU64,
}

impl fmt::Debug for Magento {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Magento").field("base", &self.base).field("auth", &self.auth).finish()
    }
}

impl Magento {
    /// `base_url` is the store's URL (`https://shop.example.com`); a trailing `/rest` is accepted.
    pub fn new(base_url: &str, auth: Auth, timeout: Duration, connect_timeout: Duration, concurrency: usize) -> Result<Magento, String> {
        let url = reqwest::Url::parse(base_url.trim()).map_err(|e| format!("--magento-url: {e}"))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err("--magento-url: must be an http or https URL".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("--magento-url: credentials do not belong in the URL; use MAGENTO_TOKEN or the OAuth variables".into());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err("--magento-url: must have no query or fragment".into());
        }
        let mut base = url.as_str().trim_end_matches('/').to_owned();
        if let Some(stripped) = base.strip_suffix("/rest") {
            base = stripped.to_owned();
        }
        let secrets = match &auth {
            Auth::None => vec![],
            Auth::Bearer(t) => vec![t.clone()],
            Auth::OAuth { consumer_key, consumer_secret, access_token, access_token_secret } => {
                vec![consumer_key.clone(), consumer_secret.clone(), access_token.clone(), access_token_secret.clone()]
            }
        };
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("salable-bridge/", env!("CARGO_PKG_VERSION")))
            .pool_max_idle_per_host(concurrency.max(1))
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(Magento { http, base, auth, limit: Arc::new(Semaphore::new(concurrency.max(1))), timeout, secrets, calls: AtomicU64::new(0) })
    }

    /// Whether `segment` may go into a request path. Under OAuth, Magento 2.4.6–2.4.7 hashes the
    /// path with `%2F %3A %40 %26 %3D %2B %24 %2C %3B` decoded (Laminas `Uri::normalize()`), so a
    /// segment holding one of those characters fails its signature check (SPEC §16.1). It decodes
    /// `%25` too, so a `%` (as in `A%41`, signed as `A%2541`, hashed as `A%41`) is kept out as well
    /// (`tests/oauth_signing.rs`). Bearer requests are not signed.
    pub fn path_safe(&self, segment: &str) -> bool {
        !matches!(self.auth, Auth::OAuth { .. }) || !segment.contains(['/', ':', '@', '&', '=', '+', '$', ',', ';', '%'])
    }

    /// Which credentials are in use, for diagnoses and `/healthz` (never their values).
    pub fn auth_kind(&self) -> &'static str {
        match self.auth {
            Auth::None => "none",
            Auth::Bearer(_) => "bearer",
            Auth::OAuth { .. } => "oauth",
        }
    }

    /// Calls made so far (export's summary).
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// GET `/rest[/{store}]/V1/{segments…}?{query}` and reads the JSON body as `T`. Each segment is
    /// percent-encoded whole, so a SKU holding `/`, `?`, `%` or spaces stays one segment.
    pub async fn get<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        store: Option<&str>,
        segments: &[&str],
        query: &[(String, String)],
    ) -> Result<T, UpstreamError> {
        let mut path = String::from("/rest");
        if let Some(store) = store {
            path.push('/');
            path.push_str(&percent::encode(store));
        }
        path.push_str("/V1");
        for s in segments {
            path.push('/');
            path.push_str(&percent::encode(s));
        }
        let query_text = query.iter().map(|(k, v)| format!("{}={}", percent::encode(k), percent::encode(v))).collect::<Vec<_>>().join("&");
        let base_url = format!("{}{}", self.base, path);
        let full = if query_text.is_empty() { base_url.clone() } else { format!("{base_url}?{query_text}") };
        let url = reqwest::Url::parse(&full)
            .map_err(|_| UpstreamError::Garbage { endpoint, detail: "could not build the request URL".into() })?;

        let _permit = match tokio::time::timeout(self.timeout, self.limit.acquire()).await {
            Ok(Ok(p)) => p,
            _ => return Err(UpstreamError::Timeout { endpoint }),
        };
        self.calls.fetch_add(1, Ordering::Relaxed);
        let mut request = self.http.get(url.clone()).header(ACCEPT, "application/json");
        if let Some(value) = self.authorization(&url, query) {
            request = request.header(AUTHORIZATION, value);
        }
        let mut response = match request.send().await {
            Ok(r) => r,
            Err(e) if e.is_timeout() => return Err(UpstreamError::Timeout { endpoint }),
            Err(_) => return Err(UpstreamError::Unreachable { endpoint }),
        };
        let status = response.status();
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY {
                        return Err(UpstreamError::Garbage { endpoint, detail: "response too large".into() });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => return Err(UpstreamError::Timeout { endpoint }),
                Err(_) => return Err(UpstreamError::Unreachable { endpoint }),
            }
        }
        if !status.is_success() {
            let message = match serde_json::from_slice::<ErrorBody>(&body) {
                Ok(e) => e.rendered(),
                Err(_) => "(no Magento error body)".to_owned(),
            };
            let mut message: String = scrub(&message, &self.secrets).chars().take(300).collect();
            if status.as_u16() == 401 {
                message = format!("{message} ({})", diagnose_401(&self.auth, &message));
            }
            return Err(UpstreamError::Status { endpoint, status: status.as_u16(), message });
        }
        serde_json::from_slice::<T>(&body)
            .map_err(|e| UpstreamError::Garbage { endpoint, detail: scrub(&short(&e.to_string()), &self.secrets) })
    }

    fn authorization(&self, url: &reqwest::Url, query: &[(String, String)]) -> Option<HeaderValue> {
        let text = match &self.auth {
            Auth::None => return None,
            Auth::Bearer(token) => format!("Bearer {}", token.expose()),
            Auth::OAuth { consumer_key, consumer_secret, access_token, access_token_secret } => {
                let creds = oauth::Credentials {
                    consumer_key: consumer_key.expose(),
                    consumer_secret: consumer_secret.expose(),
                    token: access_token.expose(),
                    token_secret: access_token_secret.expose(),
                };
                // The crate draws the nonce and reads the clock.
                oauth::authorization(&creds, oauth::Method::HmacSha256, "GET", &oauth::signature_base_url(url), query, None, None)
            }
        };
        let mut value = HeaderValue::from_str(&text).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

/// What a 401 most likely means, from the credentials in use and Magento's message (SPEC §16.1;
/// README, "Troubleshooting"). Magento answers a refused Bearer token by running the request as a
/// guest, so the message names the route's own ACL resource either way.
pub fn diagnose_401(auth: &Auth, message: &str) -> String {
    let resource = message.split("access ").nth(1).map(|r| r.trim_end_matches('.').trim()).filter(|r| !r.is_empty());
    let grant = |r: Option<&str>| match r {
        Some(r) => format!("tick {r} in the integration's API resources (System > Extensions > Integrations)"),
        None => "tick the missing resource in the integration's API resources (System > Extensions > Integrations)".to_owned(),
    };
    if message.contains("signature is invalid") {
        return "likely cause: the OAuth signature; check the four OAuth values, the bridge's clock (Magento refuses timestamps \
                over 600 s ahead), and that --magento-url's scheme and host are what Magento sees behind its proxy"
            .to_owned();
    }
    match auth {
        Auth::None => "likely cause: no credentials; set MAGENTO_TOKEN or the four MAGENTO_* OAuth values".to_owned(),
        Auth::Bearer(_) => format!(
            "likely cause: an integration's access token used as a Bearer token while Stores > Configuration > Services > OAuth > \
             Consumer Settings > Allow OAuth Access Tokens to be used as standalone Bearer tokens is No (Magento 2.4.4+): turn it on \
             or use the four OAuth values; otherwise a missing ACL resource: {}",
            grant(resource)
        ),
        Auth::OAuth { .. } => format!("likely cause: a missing ACL resource: {}", grant(resource)),
    }
}

fn short(s: &str) -> String {
    s.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_oauth_skus_magento_cannot_sign_stay_out_of_paths() {
        let oauth = Auth::OAuth {
            consumer_key: Secret::new("ck"),
            consumer_secret: Secret::new("cs"),
            access_token: Secret::new("at"),
            access_token_secret: Secret::new("ats"),
        };
        let m = |auth| Magento::new("http://127.0.0.1:1", auth, Duration::from_secs(1), Duration::from_secs(1), 1).unwrap();
        let signed = m(oauth);
        for sku in ["MT07/S-GRN", "B&W:TEE-L", "24-UB02+CASE", "24-UG01,PK2", "A%41", "50%OFF", "a@b", "a=b", "a$b", "a;b"] {
            assert!(!signed.path_safe(sku), "{sku}");
        }
        for sku in ["24-MB01", "BAG 01 XL", "Café", "a~b", "a.b_c"] {
            assert!(signed.path_safe(sku), "{sku}");
        }
        assert!(m(Auth::Bearer(Secret::new("t"))).path_safe("MT07/S-GRN%41"), "Bearer requests are not signed");
    }
}
