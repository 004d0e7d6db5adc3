//! Composite products (SPEC §13.2–13.6): configurable, bundle and grouped parents. They have no stock
//! of their own; each child is a product evaluated by the same rules as any other (SPEC §3–9), under
//! the parent document's config. Nothing here re-states a stock rule: it combines children's answers.
//!
//! Their output types are in `crate::outcome`; this evaluation is built only with the
//! `composite` feature, which the element's first module leaves out.

#[cfg(feature = "composite")]
mod bundle;
#[cfg(feature = "composite")]
mod configurable;
#[cfg(feature = "composite")]
mod evaluation;
#[cfg(feature = "composite")]
mod grouped;
#[cfg(feature = "composite")]
use crate::outcome::{AttributeOptions, BundleOptionStatus, ChildLine, OptionValue, ParentStatus, ProductOptions, SelectionStatus};
#[cfg(feature = "composite")]
pub(crate) use evaluation::evaluate;
#[cfg(feature = "composite")]
use evaluation::*;
