//! `renderHtml`'s options and result (SPEC §15, built with `full` only), the JSON-LD `Offer` it
//! writes, and their TypeScript.
//! The markup itself is `crate::html`'s.

use crate::date::Date;
use crate::storefront_message::SchemaOrgAvailability;
use serde::{Deserialize, Deserializer, Serialize};

/// What `renderHtml` writes beyond the output itself.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct RenderOptions {
    /// The element's `src` attribute, so it refreshes from the feed in the background.
    #[serde(default)]
    pub src: Option<String>,
    /// The element's `qty` attribute, and the requested quantity as typed (as the element's).
    #[serde(default)]
    pub qty: Option<String>,
    /// The element's `locale` attribute, and the locale of the texts.
    #[serde(default)]
    pub locale: Option<String>,
    /// `today` (ISO `YYYY-MM-DD`) when the document has none (SPEC §14).
    #[serde(default)]
    pub today: Option<String>,
    /// The element's `near` attribute, `"latitude,longitude"`: pickup stores nearest first (SPEC §17).
    #[serde(default)]
    pub near: Option<String>,
    /// The URL of `stock-status.css`; `/assets/salable/stock-status.css`, beside the element as the
    /// README installs it, when absent.
    #[serde(default)]
    pub stylesheet: Option<String>,
    /// Also return the schema.org `Offer` as a `<script type="application/ld+json">` block.
    #[serde(default, deserialize_with = "null_as_false")]
    pub json_ld: bool,
}

fn null_as_false<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

/// The markup, and the JSON-LD block when asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenderedHtml {
    /// `<stock-status …><template shadowrootmode="open">…</template></stock-status>`.
    pub html: String,
    /// `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Offer",…}</script>`.
    pub json_ld: Option<String>,
}

/// The schema.org `Offer` (SPEC §11, §14) that `renderHtml` writes as JSON-LD.
#[derive(Serialize)]
pub(crate) struct Offer<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    sku: &'a str,
    availability: SchemaOrgAvailability,
    #[serde(rename = "availabilityStarts", skip_serializing_if = "Option::is_none")]
    availability_starts: Option<Date>,
}

impl<'a> Offer<'a> {
    pub(crate) fn new(sku: &'a str, availability: SchemaOrgAvailability, starts: Option<Date>) -> Self {
        Offer { context: "https://schema.org", kind: "Offer", sku, availability, availability_starts: starts }
    }
}

typescript!(
    r#"

/** renderHtml's options (SPEC §15). `qty`, `locale` and `today` apply as the element's would. */
export interface RenderOptions {
  /** The element's `src`: it refreshes from there in the background. */
  src?: string | null;
  /** The element's `qty` attribute: the requested quantity as typed. */
  qty?: string | null;
  /** The element's `locale` attribute. */
  locale?: string | null;
  /** ISO `YYYY-MM-DD`, when the document has no `today`. */
  today?: string | null;
  /** The element's `near` attribute, "latitude,longitude": pickup stores nearest first (SPEC §17). */
  near?: string | null;
  /** URL of dist/stock-status.css; default "/assets/salable/stock-status.css". */
  stylesheet?: string | null;
  /** Also return the schema.org Offer as a JSON-LD script block. */
  json_ld?: boolean | null;
}

/** The element's markup with a declarative shadow root, and the JSON-LD block when asked for. */
export interface RenderedHtml {
  html: string;
  json_ld: string | null;
}
"#
);
