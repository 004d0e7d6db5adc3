//! What `GET /healthz` says about Magento, learnt from the bridge's own recent calls: a probe never
//! calls Magento (a load balancer probing every second must not add load to the store).

use crate::magento::UpstreamError;
use serde_json::{json, Value};
use std::sync::Mutex;
use std::time::Instant;

/// The outcome of the latest document fetches from Magento.
#[derive(Default)]
pub struct UpstreamHealth {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    last_success: Option<Instant>,
    last_failure: Option<(Instant, Failure)>,
}

/// A failure's kind, endpoint and HTTP status: never Magento's message (it may quote a request).
#[derive(Clone, Copy)]
struct Failure {
    kind: &'static str,
    endpoint: &'static str,
    status: Option<u16>,
}

impl UpstreamHealth {
    /// Magento answered a whole document's calls (a 404 for an unknown SKU is an answer too).
    pub fn success(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).last_success = Some(Instant::now());
    }

    /// A document's calls failed: Magento unreachable, too slow, refusing or garbled. A SKU its
    /// answers left out is a SKU's problem, not Magento's (it did answer); a SKU that could not be
    /// put in a path made no call.
    pub fn failure(&self, e: &UpstreamError) {
        let failure = match e {
            UpstreamError::Timeout { endpoint } => Failure { kind: "timeout", endpoint, status: None },
            UpstreamError::Unreachable { endpoint } => Failure { kind: "unreachable", endpoint, status: None },
            UpstreamError::Status { endpoint, status, .. } => Failure { kind: "status", endpoint, status: Some(*status) },
            UpstreamError::Garbage { endpoint, .. } => Failure { kind: "invalid_answer", endpoint, status: None },
            UpstreamError::Absent { .. } => return self.success(),
            UpstreamError::PathUnsafe { .. } => return,
        };
        self.state.lock().unwrap_or_else(|e| e.into_inner()).last_failure = Some((Instant::now(), failure));
    }

    /// `{"state": "ok"|"failing"|"unknown", "last_success_age_s", "last_failure_age_s",
    /// "last_failure": {kind, endpoint, status}}`: "failing" when the latest outcome was a
    /// failure, "unknown" before the first document was asked for.
    pub fn report(&self) -> Value {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let age = |t: Instant| t.elapsed().as_secs();
        let state = match (s.last_success, &s.last_failure) {
            (None, None) => "unknown",
            (Some(ok), Some((bad, _))) if *bad > ok => "failing",
            (None, Some(_)) => "failing",
            _ => "ok",
        };
        json!({
            "state": state,
            "last_success_age_s": s.last_success.map(age),
            "last_failure_age_s": s.last_failure.as_ref().map(|(t, _)| age(*t)),
            "last_failure": s.last_failure.as_ref().map(|(_, f)| json!({ "kind": f.kind, "endpoint": f.endpoint, "status": f.status })),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_outcome_decides_and_no_message_is_reported() {
        let h = UpstreamHealth::default();
        assert_eq!(h.report()["state"], "unknown");
        assert_eq!(h.report()["last_success_age_s"], Value::Null);
        h.success();
        assert_eq!(h.report()["state"], "ok");
        assert_eq!(h.report()["last_success_age_s"], 0);
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.failure(&UpstreamError::Status { endpoint: "products", status: 401, message: "token SECRET-XYZ refused".into() });
        let r = h.report();
        assert_eq!(r["state"], "failing");
        assert_eq!(r["last_failure"], json!({ "kind": "status", "endpoint": "products", "status": 401 }));
        assert!(!r.to_string().contains("SECRET"), "{r}");
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.success();
        assert_eq!(h.report()["state"], "ok");
        assert_eq!(h.report()["last_failure"]["kind"], "status", "the last failure stays visible");
    }
}
