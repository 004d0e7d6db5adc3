//! RFC 3986 percent-encoding, as PHP's `rawurlencode` writes it: what goes into a request path
//! segment, a query pair, an OAuth base string or an exported file name.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`) stay; every other byte is encoded.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, UNRESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_stay_everything_else_is_encoded_bytewise() {
        assert_eq!(encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(encode("a b+c,[0]/?#%é"), "a%20b%2Bc%2C%5B0%5D%2F%3F%23%25%C3%A9");
    }
}
