//! OAuth 1.0a request signing (RFC 5849 §3.4) with the `oauth1-request` crate. Magento 2.4 accepts
//! HMAC-SHA256 only (`Framework/Oauth/Oauth::getSupportedSignatureMethods`), which the crate does not
//! ship: [`HmacSha256`] plugs it in through the crate's `SignatureMethod`/`Sign` traits (HMAC-SHA1,
//! the crate's own, stays for the RFC's vectors and for tests that Magento refuses it).
//!
//! What the crate leaves to its caller is done here: the base string URI (§3.4.1.2,
//! [`signature_base_url`]) and the request's parameters encoded then sorted by encoded name, then
//! encoded value (§3.4.1.3.2). Magento decodes the query with `rawurldecode` and re-encodes it with
//! `rawurlencode` (`~` unreserved), which is [`encode`].

use super::percent::encode;
use base64::Engine;
use hmac::{Hmac, Mac};
use oauth1_request::request::{AssertSorted, Request};
use oauth1_request::serializer::auth::{Authorizer, Options};
use oauth1_request::signature_method::{Sign, SignatureMethod};
use std::fmt::{self, Display, Write};
use std::num::NonZeroU64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    HmacSha1,
    HmacSha256,
}

/// The integration's four credentials.
pub struct Credentials<'a> {
    pub consumer_key: &'a str,
    pub consumer_secret: &'a str,
    pub token: &'a str,
    pub token_secret: &'a str,
}

/// The `Authorization` header value for `http_method uri?query`. `uri` is the base string URI
/// ([`signature_base_url`]); `query` the request's query pairs, not encoded. `nonce` and
/// `timestamp` are for tests: `None` has the crate draw a random nonce and read the clock.
pub fn authorization(
    creds: &Credentials<'_>,
    method: Method,
    http_method: &str,
    uri: &str,
    query: &[(String, String)],
    nonce: Option<&str>,
    timestamp: Option<u64>,
) -> String {
    let mut options = Options::new();
    options.version(true).nonce(nonce).timestamp(timestamp.and_then(NonZeroU64::new));
    match method {
        Method::HmacSha1 => header(oauth1_request::HMAC_SHA1, creds, http_method, uri, query, &options),
        Method::HmacSha256 => header(HmacSha256, creds, http_method, uri, query, &options),
    }
}

fn header<SM: SignatureMethod>(
    sm: SM,
    creds: &Credentials<'_>,
    http_method: &str,
    uri: &str,
    query: &[(String, String)],
    options: &Options<'_>,
) -> String {
    let client = oauth1_request::Credentials::new(creds.consumer_key, creds.consumer_secret);
    let token = oauth1_request::Credentials::new(creds.token, creds.token_secret);
    let params = normalized(query);
    let request = AssertSorted::new(params.iter().map(|(k, v)| (k.as_str(), *v)));
    request.serialize(Authorizer::authorization(&http_method.to_ascii_uppercase(), uri, client, Some(token), options, sm))
}

/// RFC 5849 §3.4.1.3.2: each name and value encoded, the pairs sorted by encoded name, then by
/// encoded value (byte order; a raw sort would put `a0` before `a[`, the encoded one `a%5B` first).
/// The crate writes a name into the base string as given and encodes a value twice itself, so a name
/// goes in encoded twice and a value raw. The crate's own `ParameterList` would sort raw names and
/// values, and leave names unencoded.
fn normalized(query: &[(String, String)]) -> Vec<(String, &str)> {
    let mut pairs: Vec<(String, String, &str)> = query.iter().map(|(k, v)| (encode(k), encode(v), v.as_str())).collect();
    pairs.sort();
    pairs.into_iter().map(|(k, _, v)| (encode(&k), v)).collect()
}

/// RFC 5849 §3.4.1.2: lower-case scheme and host, the port only when not the default, and the path
/// as sent (its segments percent-encoded), no query.
pub fn signature_base_url(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    match url.port() {
        Some(port) => format!("{}://{}:{}{}", url.scheme(), host, port, url.path()),
        None => format!("{}://{}{}", url.scheme(), host, url.path()),
    }
}

/// The `HMAC-SHA256` signature method for the crate's `Authorizer`: key
/// `enc(consumer secret)&enc(token secret)`, base64 of the MAC, as Laminas `Signature\Hmac` checks.
#[derive(Clone, Copy, Debug, Default)]
pub struct HmacSha256;

/// The MAC being fed the base string. No `Debug`: it is keyed with the secrets.
pub struct HmacSha256Sign(Hmac<sha2::Sha256>);

impl SignatureMethod for HmacSha256 {
    type Sign = HmacSha256Sign;

    fn sign_with(self, client_secret: &str, token_secret: Option<&str>) -> HmacSha256Sign {
        let key = format!("{}&{}", encode(client_secret), encode(token_secret.unwrap_or("")));
        HmacSha256Sign(Hmac::new_from_slice(key.as_bytes()).expect("HMAC takes any key length"))
    }
}

/// `fmt::Write` into a MAC, for the crate's `Display` pieces of the base string.
struct Feed<'a>(&'a mut Hmac<sha2::Sha256>);

impl Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl Sign for HmacSha256Sign {
    /// The signature, base64 then percent-encoded, as it goes into the header.
    type Signature = String;

    fn get_signature_method_name(&self) -> &'static str {
        "HMAC-SHA256"
    }

    fn request_method(&mut self, method: &str) {
        self.0.update(method.as_bytes());
        self.0.update(b"&");
    }

    fn uri<T: Display>(&mut self, uri: T) {
        write!(Feed(&mut self.0), "{uri}&").expect("a MAC takes any input");
    }

    fn parameter<V: Display>(&mut self, key: &str, value: V) {
        write!(Feed(&mut self.0), "{key}%3D{value}").expect("a MAC takes any input");
    }

    fn delimiter(&mut self) {
        self.0.update(b"%26");
    }

    fn end(self) -> String {
        encode(&base64::engine::general_purpose::STANDARD.encode(self.0.finalize().into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `SignatureMethod` whose "signature" is the base string itself, to read what the crate
    /// would sign; it names itself as the method it stands for.
    struct BaseString(&'static str);
    struct BaseStringSign(&'static str, String);

    impl SignatureMethod for BaseString {
        type Sign = BaseStringSign;
        fn sign_with(self, _: &str, _: Option<&str>) -> BaseStringSign {
            BaseStringSign(self.0, String::new())
        }
    }

    impl Sign for BaseStringSign {
        type Signature = String;
        fn get_signature_method_name(&self) -> &'static str {
            self.0
        }
        fn request_method(&mut self, method: &str) {
            write!(self.1, "{method}&").unwrap();
        }
        fn uri<T: Display>(&mut self, uri: T) {
            write!(self.1, "{uri}&").unwrap();
        }
        fn parameter<V: Display>(&mut self, key: &str, value: V) {
            write!(self.1, "{key}%3D{value}").unwrap();
        }
        fn delimiter(&mut self) {
            self.1.push_str("%26");
        }
        fn end(self) -> String {
            self.1
        }
    }

    /// The base string the crate signs for this request with the method named `method`.
    fn base_string(
        method: &'static str,
        creds: &Credentials<'_>,
        http_method: &str,
        uri: &str,
        query: &[(String, String)],
        options: &Options<'_>,
    ) -> String {
        let h = header(BaseString(method), creds, http_method, uri, query, options);
        h.split("oauth_signature=\"").nth(1).unwrap().trim_end_matches('"').to_owned()
    }

    /// The header's pairs, decoded, in order.
    fn pairs(header: &str) -> Vec<(String, String)> {
        let dec = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8().unwrap().into_owned();
        header
            .strip_prefix("OAuth ")
            .unwrap()
            .split(',')
            .map(|p| {
                let (k, v) = p.trim().split_once('=').unwrap();
                (dec(k), dec(v.trim_matches('"')))
            })
            .collect()
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn options<'a>(nonce: &'a str, timestamp: u64, version: bool) -> Options<'a> {
        let mut o = Options::new();
        o.version(version).nonce(nonce).timestamp(NonZeroU64::new(timestamp));
        o
    }

    /// Twitter's "Creating a signature" worked example (HMAC-SHA1, the crate's own method): its
    /// base string and signature, `+`, `,`, `!` and spaces in a value.
    #[test]
    fn twitter_hmac_sha1_vector() {
        let creds = Credentials {
            consumer_key: "xvz1evFS4wEEPTGEFPHBog",
            consumer_secret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            token_secret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        };
        let query = owned(&[("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), ("include_entities", "true")]);
        let (uri, nonce, ts) =
            ("https://api.twitter.com/1.1/statuses/update.json", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958);
        assert_eq!(
            base_string("HMAC-SHA1", &creds, "post", uri, &query, &options(nonce, ts, true)),
            "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521"
        );
        let h = authorization(&creds, Method::HmacSha1, "POST", uri, &query, Some(nonce), Some(ts));
        assert!(pairs(&h).contains(&("oauth_signature".into(), "hCtSmYh+iHYCEqBWrE7C7hYmtUk=".into())), "{h}");
    }

    /// RFC 5849 §3.4.1.1's example request (no `oauth_version`): its base string as the RFC prints
    /// it; a repeated name (`a3`) sorted by value, `=` and `%3D` in a value, `@` in a name. The
    /// HMAC-SHA1 signature over it with §3.1's secrets was computed apart from this code (Python's
    /// hmac and hashlib).
    #[test]
    fn rfc_5849_example_base_string() {
        let creds = Credentials {
            consumer_key: "9djdj82h48djs9d2",
            consumer_secret: "j49sk3j29djd",
            token: "kkk9d7dh3k39sjv7",
            token_secret: "dh893hdasih9",
        };
        let query = owned(&[("b5", "=%3D"), ("a3", "a"), ("c@", ""), ("a2", "r b"), ("c2", ""), ("a3", "2 q")]);
        let o = options("7d8f3e4a", 137131201, false);
        assert_eq!(
            base_string("HMAC-SHA1", &creds, "POST", "http://example.com/request", &query, &o),
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
        );
        let h = header(oauth1_request::HMAC_SHA1, &creds, "POST", "http://example.com/request", &query, &o);
        assert!(h.ends_with("oauth_signature=\"r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D\""), "{h}");
    }

    /// HMAC-SHA256 over a Magento-shaped request: the base string and signature below were
    /// computed apart from this code (Python's hmac and hashlib over the base string asserted here).
    #[test]
    fn magento_hmac_sha256_vector_with_search_criteria() {
        let creds = Credentials { consumer_key: "ck123", consumer_secret: "cs456", token: "at789", token_secret: "ts000" };
        let query = owned(&[
            ("searchCriteria[filter_groups][0][filters][0][field]", "sku"),
            ("searchCriteria[filter_groups][0][filters][0][value]", "24-MB01"),
        ]);
        let uri = "http://127.0.0.1:8080/rest/default/V1/inventory/source-items";
        assert_eq!(
            base_string("HMAC-SHA256", &creds, "GET", uri, &query, &options("abc", 1700000000, true)),
            "GET&http%3A%2F%2F127.0.0.1%3A8080%2Frest%2Fdefault%2FV1%2Finventory%2Fsource-items&oauth_consumer_key%3Dck123%26oauth_nonce%3Dabc%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dat789%26oauth_version%3D1.0%26searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bfield%255D%3Dsku%26searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bvalue%255D%3D24-MB01"
        );
        let h = authorization(&creds, Method::HmacSha256, "GET", uri, &query, Some("abc"), Some(1700000000));
        let p = pairs(&h);
        assert!(p.contains(&("oauth_signature".into(), "6/PsI52UdHrLx6JhSR7by1Wtqdra90rKu6KSfPejGl8=".into())), "{h}");
        assert!(p.contains(&("oauth_signature_method".into(), "HMAC-SHA256".into())), "{h}");
        assert!(p.contains(&("oauth_version".into(), "1.0".into())), "{h}");
    }

    /// Magento-style HMAC-SHA256 with what a raw sort would get wrong: names `a[` and `a0` (`[`
    /// sorts after digits raw, `%5B` before them encoded), a repeated name with values `[` and `0`,
    /// a `searchCriteria` value with a comma, a space, `+`, `~` and non-ASCII, and secrets holding
    /// `&`, space, `+`, `~` and `é`. Base string and signature computed apart from this code
    /// (Python's urllib.parse.quote with `-._~` safe, sorted, hmac/hashlib).
    #[test]
    fn magento_hmac_sha256_vector_where_raw_and_encoded_orders_differ() {
        let creds = Credentials { consumer_key: "ck123", consumer_secret: "cs&456 é", token: "at789", token_secret: "ts+000~" };
        let sc = "searchCriteria[filter_groups][0][filters][0]";
        let query = owned(&[
            (&format!("{sc}[field]"), "sku"),
            (&format!("{sc}[value]"), "24-MB01,MH03 XL+é漢~"),
            (&format!("{sc}[condition_type]"), "in"),
            ("searchCriteria[page_size]", "100"),
            ("a[", "1"),
            ("a0", "2"),
            ("k", "["),
            ("k", "0"),
        ]);
        let url = reqwest::Url::parse("https://Shop.Example.COM:443/rest/default/V1/inventory/source-items").unwrap();
        let uri = signature_base_url(&url);
        let nonce = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            base_string("HMAC-SHA256", &creds, "GET", &uri, &query, &options(nonce, 1700000000, true)),
            "GET&https%3A%2F%2Fshop.example.com%2Frest%2Fdefault%2FV1%2Finventory%2Fsource-items&a%255B%3D1%26a0%3D2%26k%3D%255B%26k%3D0%26oauth_consumer_key%3Dck123%26oauth_nonce%3D0123456789abcdef0123456789abcdef%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dat789%26oauth_version%3D1.0%26searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bcondition_type%255D%3Din%26searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bfield%255D%3Dsku%26searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bvalue%255D%3D24-MB01%252CMH03%2520XL%252B%25C3%25A9%25E6%25BC%25A2~%26searchCriteria%255Bpage_size%255D%3D100"
        );
        let h = authorization(&creds, Method::HmacSha256, "GET", &uri, &query, Some(nonce), Some(1700000000));
        assert!(h.ends_with("oauth_signature=\"bxB1KUgeQpikL97El44Y1pxI9aVleF6bkDRGDV2eTa8%3D\""), "{h}");
        // The secrets are keys, never header values.
        assert!(!h.contains("cs&456") && !h.contains("cs%26456") && !h.contains("ts+000") && !h.contains("ts%2B000"), "{h}");
    }

    #[test]
    fn base_url_lowercases_scheme_and_host_drops_default_ports_keeps_the_path_as_sent() {
        let u = |s: &str| signature_base_url(&reqwest::Url::parse(s).unwrap());
        assert_eq!(
            u("HTTPS://Shop.Example.com:443/rest/V1/products/MT07%20S%3FX"),
            "https://shop.example.com/rest/V1/products/MT07%20S%3FX"
        );
        assert_eq!(u("http://Shop.Example.com:80/rest/V1/products/a~b"), "http://shop.example.com/rest/V1/products/a~b");
        assert_eq!(u("http://127.0.0.1:8080/rest/V1/products/%C3%A9"), "http://127.0.0.1:8080/rest/V1/products/%C3%A9");
        assert_eq!(u("https://shop.example.com/shop/rest/V1/x"), "https://shop.example.com/shop/rest/V1/x");
    }

    /// Without a nonce and a timestamp the crate draws one and reads the clock: two headers differ.
    #[test]
    fn the_crate_draws_a_fresh_nonce_and_reads_the_clock() {
        let creds = Credentials { consumer_key: "ck", consumer_secret: "cs", token: "at", token_secret: "ts" };
        let (a, b) = (
            pairs(&authorization(&creds, Method::HmacSha256, "GET", "http://h/rest/V1/x", &[], None, None)),
            pairs(&authorization(&creds, Method::HmacSha256, "GET", "http://h/rest/V1/x", &[], None, None)),
        );
        let get = |p: &[(String, String)], k: &str| p.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap();
        assert_ne!(get(&a, "oauth_nonce"), get(&b, "oauth_nonce"));
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let ts: u64 = get(&a, "oauth_timestamp").parse().unwrap();
        assert!(ts.abs_diff(now) < 60, "{ts} vs {now}");
    }
}
