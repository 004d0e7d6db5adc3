//! Reading `renderHtml`'s options (SPEC §15) from a JS object: the full API only.

use crate::output::html::RenderOptions;
use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(remote = "RenderOptions")]
struct RenderOptionsDef {
    #[serde(default)]
    src: Option<String>,
    #[serde(default)]
    qty: Option<String>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    today: Option<String>,
    #[serde(default)]
    stylesheet: Option<String>,
    #[serde(default, deserialize_with = "null_as_false")]
    json_ld: bool,
}

fn null_as_false<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

impl<'de> Deserialize<'de> for RenderOptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RenderOptionsDef::deserialize(d)
    }
}
