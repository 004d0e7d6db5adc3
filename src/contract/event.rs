//! Events (SPEC §8): what `applyEvent` reads, the names of the event types, and their TypeScript.
//! The checks an event needs beyond its keys are `super::checks::check_event`.

use super::checks::check_event;
use crate::error::InputError;
use crate::json::from_text;
use crate::ledger::{Event, EventKind};
use crate::quantity::Qty;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
#[serde(remote = "Event")]
struct EventDef {
    #[serde(rename = "type")]
    kind: EventKind,
    qty: Qty,
    order_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_code: Option<String>,
}

through_def!(Event => EventDef);

impl Event {
    /// Reads and checks an event from JSON text; paths in errors start with `event`.
    pub fn from_json(text: &str) -> Result<Event, InputError> {
        let event: Event = from_text(text, "event")?;
        check_event(&event)?;
        Ok(event)
    }
}

// The names are the ledger's: a reservation records them (SPEC §8).
named!(EventKind, [
    EventKind::OrderPlaced => EventKind::OrderPlaced.name(),
    EventKind::OrderCanceled => EventKind::OrderCanceled.name(),
    EventKind::ShipmentCreated => EventKind::ShipmentCreated.name(),
]);
read_by_name!(EventKind);

typescript!(
    r#"

/** Something that happened to an order (SPEC §8). `source_code` is for shipments only. */
export interface StockEvent {
  type: "order_placed" | "order_canceled" | "shipment_created";
  qty: number;
  order_id: string;
  source_code?: string | null;
  [extra: string]: unknown;
}
"#
);
