//! A fake Magento 2.4.7 admin REST API for salable-bridge's tests, `npm start`'s demo and
//! `npm run load`; never part of the bridge's binary. It serves the fixtures in `fixtures/` (recorded
//! answers, per their `manifest.json`) and behaves as a real store's source says it does, each habit
//! citing where in Magento it comes from ([`Habits`]; `/work/shared/research/magento-rest-habits.md`,
//! SPEC §16.1):
//! - Web API input limits (default page size, maximum page size) on every search;
//! - `in` filters split on commas;
//! - OAuth 1.0a checked by its own implementation of Magento's algorithm (HMAC-SHA256 only, 2.4.6–2.4.7
//!   path normalisation, nonces, timestamps), Bearer tokens told apart (admin, or an integration's
//!   with the "as Bearer" switch), and 401s naming the route's own ACL resource;
//! - MSI on or off (legacy CatalogInventory answers either way);
//! - store groups and views (website `base`'s first listed view is not its default one);
//! - bundle and grouped products in Magento's shapes;
//! - `LOAD-0000`… synthetic SKUs at catalog scale (100,000 start in a moment);
//! - and faults: slow, 500, garbage, hang, down; with counts of what it was asked.

mod fixtures;
mod habits;
pub mod load;
mod oauth;
mod routes;
mod search;
mod server;
pub mod varnish;

pub use fixtures::{fixtures_dir, Fixtures};
pub use habits::Habits;
pub use server::{FakeAuth, FakeMagento, FakeState, Mode};

/// OAuth 1.0a as Magento checks it, for tests that sign requests themselves.
pub mod oauth_check {
    pub use crate::oauth::{base_string, header_params, hmac_sha256, normalise_path, normalised_url, query_params, rawurlencode};
}
