//! The hand-written OAuth 1.0a signer the bridge used before `oauth1-request`, kept only while the
//! property test in `oauth.rs` compares the two.
#![allow(dead_code)]

use super::percent::encode;
use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::percent_decode_str;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    HmacSha1,
    HmacSha256,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::HmacSha1 => "HMAC-SHA1",
            Method::HmacSha256 => "HMAC-SHA256",
        }
    }
}

/// The four credentials and the per-request values.
pub struct Credentials<'a> {
    pub consumer_key: &'a str,
    pub consumer_secret: &'a str,
    pub token: &'a str,
    pub token_secret: &'a str,
}

/// Splits a raw query string into decoded pairs (`+` is a space, as PHP reads it).
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let dec = |s: &str| percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
            (dec(k), dec(v))
        })
        .collect()
}

/// The signature base string: `METHOD&enc(base URL)&enc(normalized parameters)`.
/// `base_url` is scheme, host, optional port and path, without the query.
pub fn base_string(method: &str, base_url: &str, params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = params.iter().map(|(k, v)| (encode(k), encode(v))).collect();
    encoded.sort();
    let normalized = encoded.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    format!("{}&{}&{}", method.to_ascii_uppercase(), encode(base_url), encode(&normalized))
}

/// Signs a base string with `enc(consumer_secret)&enc(token_secret)`.
pub fn sign(method: Method, base: &str, consumer_secret: &str, token_secret: &str) -> String {
    let key = format!("{}&{}", encode(consumer_secret), encode(token_secret));
    let b64 = base64::engine::general_purpose::STANDARD;
    match method {
        Method::HmacSha1 => {
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
            mac.update(base.as_bytes());
            b64.encode(mac.finalize().into_bytes())
        }
        Method::HmacSha256 => {
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
            mac.update(base.as_bytes());
            b64.encode(mac.finalize().into_bytes())
        }
    }
}

/// The `oauth_*` protocol parameters for one request, before the signature.
pub fn protocol_params(creds: &Credentials<'_>, method: Method, nonce: &str, timestamp: u64) -> Vec<(String, String)> {
    vec![
        ("oauth_consumer_key".into(), creds.consumer_key.into()),
        ("oauth_nonce".into(), nonce.into()),
        ("oauth_signature_method".into(), method.name().into()),
        ("oauth_timestamp".into(), timestamp.to_string()),
        ("oauth_token".into(), creds.token.into()),
        ("oauth_version".into(), "1.0".into()),
    ]
}

/// The `Authorization` header value for a GET of `base_url?query`.
pub fn authorization(creds: &Credentials<'_>, method: Method, base_url: &str, query: &str, nonce: &str, timestamp: u64) -> String {
    let oauth = protocol_params(creds, method, nonce, timestamp);
    let mut all = decode_query(query);
    all.extend(oauth.iter().cloned());
    let base = base_string("GET", base_url, &all);
    let signature = sign(method, &base, creds.consumer_secret, creds.token_secret);
    let mut parts: Vec<String> = oauth.iter().map(|(k, v)| format!("{k}=\"{}\"", encode(v))).collect();
    parts.push(format!("oauth_signature=\"{}\"", encode(&signature)));
    format!("OAuth {}", parts.join(", "))
}

/// Reads an `Authorization: OAuth …` header into decoded pairs (for the fake Magento's check).
pub fn parse_header(value: &str) -> Option<Vec<(String, String)>> {
    let rest = value.strip_prefix("OAuth ")?;
    let mut out = Vec::new();
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        let v = v.trim().strip_prefix('"')?.strip_suffix('"')?;
        out.push((percent_decode_str(k.trim()).decode_utf8().ok()?.into_owned(), percent_decode_str(v).decode_utf8().ok()?.into_owned()));
    }
    Some(out)
}
