//! Magento 2.4's admin REST API: its wire types, a client, OAuth 1.0a signing, RFC 3986
//! percent-encoding and the call plan.

pub mod client;
pub mod oauth;
pub mod percent;
pub mod plan;
pub mod wire;

pub use client::{Auth, Magento, UpstreamError};
