//! The wasm build under Node: conformance cases, the seed scenario, errors. See `wasm_suite`.
#![cfg(target_arch = "wasm32")]

mod support;
mod wasm_suite;
