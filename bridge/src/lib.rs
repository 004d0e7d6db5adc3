//! salable-bridge: publishes SPEC §10 input documents built from a Magento 2.4 store's admin REST
//! API, for the `<stock-status>` element (SPEC §16, `fake-magento/fixtures/magento-rest/README.md`).
//!
//! - [`magento`]: Magento's wire types, the HTTP client (timeouts, concurrency limit, Bearer or
//!   OAuth 1.0a) and the call plan.
//! - [`mapping`]: Magento's responses to a §10 document (pure; the core's types).
//! - [`core_api`]: the few places that touch the core crate.
//! - [`server`], [`export`], [`check`]: the three commands; [`response`]: what `serve` sends.
//!
//! The fake Magento its tests, the demo and the load test run against is the `fake-magento` crate
//! (`bridge/fake-magento`), never part of this one.

pub mod check;
pub mod clamp;
pub mod cli;
pub mod config;
pub mod core_api;
pub mod documents;
pub mod export;
pub mod fragment;
pub mod health;
pub mod magento;
pub mod mapping;
pub mod response;
pub mod secret;
pub mod server;
pub mod stock_settings;
