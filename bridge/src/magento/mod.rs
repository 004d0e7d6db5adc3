//! Magento 2.4's admin REST API: its wire types, a client, OAuth 1.0a signing and the call plan.

pub mod client;
pub mod oauth;
pub mod plan;
pub mod wire;

pub use client::{Auth, Magento, UpstreamError};
