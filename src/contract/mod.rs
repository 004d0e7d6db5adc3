//! The contract: what every document the core reads or writes looks like, declared once per
//! family with serde derive over the domain types, and the same family's TypeScript beside it.
//!
//! | family | file | reads | writes | TypeScript |
//! |---|---|---|---|---|
//! | settings (SPEC §2) | `settings.rs` | `config`, `product.overrides` | `effectiveSettings` | `StockConfig`, `ProductOverrides`, `EffectiveSettings` |
//! | product (SPEC §10, §13) | `product.rs` | `product`, its sources, reservations, children, bundle options | the same (the bridge publishes documents) | `StockProduct` and its parts |
//! | envelope (SPEC §10, §13.6) | `envelope.rs` | the document around `product`: `requested_qty`, `locale`, `today`, the shopper's choice | the same | `StockInput` |
//! | event (SPEC §8) | `event.rs` | `applyEvent`'s event | — | `StockEvent` |
//! | availability (SPEC §11) | `availability.rs` | — | the output document, `stockFigures` | `StockOutput`, `StockFigures` |
//! | catalog | `catalog.rs` (`full`) | `evaluateCatalog`'s envelope, one product refused alone | its slots | `CatalogSlot` |
//! | render options (SPEC §15) | `render.rs` (`full`) | `renderHtml`'s options | its result | `RenderOptions`, `RenderedHtml` |
//! | checks (SPEC §12) | `checks.rs` | the checks across items, after any deserializer read | — | `SalableError` |
//!
//! `values.rs` holds what the families share: quantities, dates, ids, bounded strings, and the
//! enums' tables read by name or by Magento's number.
//!
//! **Where a new field goes**: in its family's file, three times: the `…Def` that reads it (or
//! writes it), the TypeScript constant, and, for an enum, its `named!` table. A new family (a
//! document of its own) is a new file here, declared below. Nothing else in the crate learns
//! a key: the rule modules get domain values, `crate::json` reads and writes any serde type, and
//! the binding converts whatever the contract declares.
//!
//! Each `…Def` mirrors a domain type field for field (`#[serde(remote)]`): an input `…Def`
//! constructs the domain type, so a domain field the contract forgets does not compile; an output
//! `…Def` is checked by `availability::tests`, which fails when a domain field is not written.

/// Declares a family's TypeScript: a plain constant (tests read it), and the same text as a
/// section that wasm-bindgen adds to the full API's `.d.ts` (`dist/salable.d.ts`). This macro is the
/// contract's one contact with wasm-bindgen, and only the full API's wasm32 build expands it so.
macro_rules! typescript {
    ($text:literal) => {
        /// This family's TypeScript declarations, as the full API's `.d.ts` carries them.
        #[allow(dead_code)] // read by tests only; the section below is what the build emits
        pub(crate) const TYPESCRIPT: &str = $text;

        #[cfg(all(target_arch = "wasm32", feature = "full"))]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TYPESCRIPT_SECTION: &str = $text;
    };
}

/// An enum's JSON names (and Magento's numbers for it), and its `Serialize` by name. A name is
/// changed here or nowhere.
macro_rules! named {
    ($type:ty, [$($(#[$meta:meta])* $variant:path => $name:expr),+ $(,)?] $(, numbers = [$($n:literal),+])?) => {
        impl crate::contract::values::Named for $type {
            const ALL: &'static [Self] = &[$($(#[$meta])* $variant),+];
            const NAMES: &'static [&'static str] = &[$($(#[$meta])* $name),+];
            $(const NUMBERS: &'static [i64] = &[$($n),+];)?
        }
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(crate::contract::values::name(*self))
            }
        }
    };
}

/// `Deserialize` for enums of the input, by name or by Magento's number.
macro_rules! read_by_name {
    ($($type:ty),+) => {$(
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::contract::values::deserialize_named(d)
            }
        }
    )+};
}

/// `Deserialize` and `Serialize` for a domain type through its `…Def`.
macro_rules! through_def {
    ($($type:ty => $def:ty),+ $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$def>::deserialize(d)
            }
        }
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$def>::serialize(self, s)
            }
        }
    )+};
}

/// `Serialize` for an output type through its `…Def`.
macro_rules! write_through_def {
    ($($type:ty => $def:ty),+ $(,)?) => {$(
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$def>::serialize(self, s)
            }
        }
    )+};
}

mod availability;
#[cfg(feature = "full")]
mod catalog;
mod checks;
mod envelope;
mod event;
mod pickup;
mod product;
#[cfg(feature = "full")]
mod render;
mod settings;
#[cfg(test)]
mod tests;
mod values;

#[cfg(feature = "full")]
pub(crate) use catalog::{read_catalog, RefusedSlot};
#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub(crate) use checks::{check_document, check_event};
#[cfg(feature = "composite")]
pub(crate) use envelope::read_choice;
#[cfg(feature = "pickup")]
pub(crate) use pickup::near_at;
#[cfg(feature = "full")]
pub(crate) use render::Offer;
#[cfg(feature = "full")]
pub use render::{RenderOptions, RenderedHtml};
pub(crate) use values::date_at;
#[cfg(feature = "full")]
pub(crate) use values::name;

#[cfg(all(test, feature = "full"))]
mod typescript_tests {
    /// Every family's section, as the `.d.ts` concatenates them.
    const SECTIONS: [&str; 9] = [
        super::settings::TYPESCRIPT,
        super::pickup::TYPESCRIPT,
        super::product::TYPESCRIPT,
        super::envelope::TYPESCRIPT,
        super::event::TYPESCRIPT,
        super::availability::TYPESCRIPT,
        super::catalog::TYPESCRIPT,
        super::render::TYPESCRIPT,
        super::checks::TYPESCRIPT,
    ];

    /// Two families declaring one name would make the `.d.ts` refuse to compile (a type alias) or
    /// merge two interfaces silently: each name belongs to one family.
    #[test]
    fn each_type_is_declared_by_one_family() {
        let mut names: Vec<&str> = Vec::new();
        for section in SECTIONS {
            let declared: Vec<&str> = section
                .lines()
                .filter_map(|l| l.strip_prefix("export type ").or_else(|| l.strip_prefix("export interface ")))
                .filter_map(|rest| rest.split([' ', '<', '=']).next())
                .collect();
            assert!(!declared.is_empty(), "a family without a type: {section}");
            for name in declared {
                assert!(!names.contains(&name), "{name} is declared twice");
                names.push(name);
            }
        }
        assert!(names.len() >= 26, "today's 26 types are found: {names:?}");
    }
}
