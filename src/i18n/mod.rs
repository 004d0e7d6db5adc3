//! Shopper-facing texts in each language, with CLDR plural rules.
//!
//! A language is one [`Catalog`] table: its decimal separator, its plural rule and its texts. Codes
//! and `kind` values are never translated; only the texts here are. Adding a language means adding a
//! file beside `en.rs` and one arm in [`Locale`].

pub(crate) mod dates;
mod en;
mod fr;

use crate::quantity::Qty;

/// A language we have texts for. Anything else falls back to English (SPEC §12).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    /// English, the default and the fallback.
    #[default]
    En,
    /// French.
    Fr,
}

/// The subtags of a BCP 47 tag, split at `-` or `_` (by bytes: a char-pattern split costs the
/// element's wasm a vectorised search).
#[allow(clippy::manual_pattern_char_comparison)] // the char-array pattern is the costly one
pub(crate) fn subtags(tag: &str) -> impl Iterator<Item = &str> {
    tag.split(|c| c == '-' || c == '_')
}

impl Locale {
    /// Reads a BCP 47 tag by its language subtag: `fr`, `fr-CA`, `FR_fr` are French.
    pub fn from_tag(tag: Option<&str>) -> Locale {
        if subtags(tag.unwrap_or("")).next().is_some_and(|language| language.eq_ignore_ascii_case("fr")) {
            Locale::Fr
        } else {
            Locale::En
        }
    }

    fn catalog(self) -> &'static Catalog {
        match self {
            Locale::En => &en::CATALOG,
            Locale::Fr => &fr::CATALOG,
        }
    }

    /// The character between whole and fractional digits in this language's numbers.
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    pub fn decimal_separator(self) -> char {
        self.catalog().decimal_separator
    }

    /// CLDR's grouping separator for this language: `1,234.5` in English, `1 234,5` (a narrow
    /// no-break space) in French. Written only in pickup distances (SPEC §17), which are ours:
    /// Magento writes the quantities in its messages ungrouped, and so do we.
    #[cfg(feature = "full")]
    pub fn group_separator(self) -> char {
        match self {
            Locale::En => ',',
            Locale::Fr => '\u{202f}',
        }
    }

    /// The text of `message` in this language.
    pub fn text(self, message: &Message<'_>) -> String {
        self.catalog().render(message)
    }
}

/// CLDR plural categories: the whole set, so that a language with `two` or `few` is a new table,
/// not a new type. English and French use `one`, `many` and `other`.
#[allow(dead_code)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    /// `zero`.
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`, the form every language has.
    Other,
}

/// CLDR plural operands of a number as we print it (no trailing zeros, no exponent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operands {
    /// Integer digits of the absolute value.
    pub i: u64,
    /// Count of visible fraction digits.
    pub v: u32,
    /// Visible fraction digits, as an integer.
    pub f: u64,
}

impl Operands {
    /// The operands of `q` as printed: `1.50` is `1.5`, so `v = 1`, `f = 5`.
    pub fn of(q: Qty) -> Operands {
        let n = q.ten_thousandths().unsigned_abs();
        let (i, mut f) = (n / 10_000, n % 10_000);
        let mut v = if f == 0 { 0 } else { 4 };
        while v > 0 && f % 10 == 0 {
            f /= 10;
            v -= 1;
        }
        Operands { i, v, f }
    }
}

/// A text that varies with a number, one form per CLDR category; missing forms fall back to `other`.
pub struct Plural {
    /// The `one` form, if the language has its own.
    pub one: Option<&'static str>,
    /// The `many` form, if the language has its own.
    pub many: Option<&'static str>,
    /// The `other` form, and the fallback.
    pub other: &'static str,
}

impl Plural {
    fn pick(&self, category: PluralCategory) -> &'static str {
        let form = match category {
            PluralCategory::One => self.one,
            PluralCategory::Many => self.many,
            _ => None,
        };
        form.unwrap_or(self.other)
    }
}

/// Every shopper-facing text of one language. Placeholders: `{qty}`, `{name}`, `{requested}`.
pub struct Catalog {
    /// The character between whole and fractional digits in printed quantities.
    pub decimal_separator: char,
    /// The language's CLDR cardinal plural rule.
    pub plural: fn(Operands) -> PluralCategory,
    /// "In stock" (SPEC §5).
    pub in_stock: &'static str,
    /// "Only {qty} left" (SPEC §5).
    pub only_x_left: Plural,
    /// "Out of stock" (SPEC §5).
    pub out_of_stock: &'static str,
    /// The backorder notice with the product's name (SPEC §6).
    pub backorder_notice_named: Plural,
    /// The backorder notice without a name (SPEC §6).
    pub backorder_notice: Plural,
    /// `is_correct_qty-min_sale_qty` (SPEC §7 a).
    pub min_sale_qty: Plural,
    /// `is_correct_qty-max_sale_qty` (SPEC §7 a).
    pub max_sale_qty: &'static str,
    /// `is_correct_qty-qty_increment` (SPEC §7 a).
    pub qty_increments: Plural,
    /// `is_correct_qty-is_qty_decimal` (SPEC §7 a).
    pub qty_decimal: &'static str,
    /// `is_any_source_item_in_stock-no_source_items_in_stock` (SPEC §7 b).
    pub no_source_in_stock: &'static str,
    /// `requested-sku-is-not-assigned-to-given-stock` (SPEC §7).
    pub not_assigned: &'static str,
    /// `back_order-disabled` (SPEC §7 c).
    pub backorders_disabled: &'static str,
    /// `manage_stock-enabled` (SPEC §7 d).
    pub manage_stock_enabled: &'static str,
    /// `is_salable_with_reservations-not_enough_qty`, *not_enough_items* form (SPEC §7 e).
    pub not_enough_qty: &'static str,
    /// `is_salable_with_reservations-not_enough_qty`, *only_x_of_y_available* form (SPEC §7 e).
    pub only_x_of_y: Plural,
    /// A shipment from a source that holds too little (SPEC §8).
    pub shipment_not_enough: &'static str,
    /// `qty-invalid`: a requested quantity that is not a number above 0.
    pub qty_invalid: &'static str,
    /// `configurable-options-required` (SPEC §13.3).
    #[cfg(feature = "composite")]
    pub configurable_options_required: &'static str,
    /// `product-not-available` (SPEC §13.6).
    #[cfg(feature = "composite")]
    pub product_not_available: &'static str,
    /// `bundle-option-required` (SPEC §13.4).
    #[cfg(feature = "composite")]
    pub bundle_option_required: &'static str,
    /// `grouped-qty-required` (SPEC §13.5).
    #[cfg(feature = "composite")]
    pub grouped_qty_required: &'static str,
    /// "Pickup available at {name}" (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup_at: &'static str,
    /// "Also at {qty} other stores", the second sentence of the pickup message (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup_also: Plural,
    /// "Pickup currently unavailable" (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup_unavailable: &'static str,
    /// A pickup store's "Available for pickup" (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup_store_available: &'static str,
    /// A pickup store's "Currently unavailable" (SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup_store_unavailable: &'static str,
}

/// What to say, with its figures; [`Locale::text`] says it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Message<'a> {
    InStock,
    OnlyXLeft {
        qty: Qty,
    },
    OutOfStock,
    BackorderNotice {
        name: Option<&'a str>,
        qty: Qty,
    },
    MinSaleQty {
        min: Qty,
    },
    MaxSaleQty,
    QtyIncrements {
        step: Qty,
    },
    QtyDecimal,
    NoSourceInStock,
    NotAssigned,
    BackordersDisabled,
    ManageStockEnabled,
    NotEnoughQty,
    OnlyXOfY {
        salable: Qty,
        requested: Qty,
    },
    ShipmentNotEnough,
    QtyInvalid,
    // Composite products' refusals (SPEC §13): said only where they are evaluated.
    #[cfg(feature = "composite")]
    ConfigurableOptionsRequired,
    #[cfg(feature = "composite")]
    ProductNotAvailable,
    #[cfg(feature = "composite")]
    BundleOptionRequired,
    #[cfg(feature = "composite")]
    GroupedQtyRequired,
    // In-store pickup (SPEC §17): said only where it is evaluated.
    #[cfg(feature = "pickup")]
    PickupAt {
        name: &'a str,
    },
    #[cfg(feature = "pickup")]
    PickupAlso {
        stores: Qty,
    },
    #[cfg(feature = "pickup")]
    PickupUnavailable,
    #[cfg(feature = "pickup")]
    PickupStoreAvailable,
    #[cfg(feature = "pickup")]
    PickupStoreUnavailable,
}

impl Catalog {
    fn render(&self, message: &Message<'_>) -> String {
        let plural = |p: &Plural, q: Qty| p.pick((self.plural)(Operands::of(q)));
        let (template, qty, name, requested) = match *message {
            Message::InStock => (self.in_stock, None, None, None),
            Message::OnlyXLeft { qty } => (plural(&self.only_x_left, qty), Some(qty), None, None),
            Message::OutOfStock => (self.out_of_stock, None, None, None),
            Message::BackorderNotice { name: Some(name), qty } => (plural(&self.backorder_notice_named, qty), Some(qty), Some(name), None),
            Message::BackorderNotice { name: None, qty } => (plural(&self.backorder_notice, qty), Some(qty), None, None),
            Message::MinSaleQty { min } => (plural(&self.min_sale_qty, min), Some(min), None, None),
            Message::MaxSaleQty => (self.max_sale_qty, None, None, None),
            Message::QtyIncrements { step } => (plural(&self.qty_increments, step), Some(step), None, None),
            Message::QtyDecimal => (self.qty_decimal, None, None, None),
            Message::NoSourceInStock => (self.no_source_in_stock, None, None, None),
            Message::NotAssigned => (self.not_assigned, None, None, None),
            Message::BackordersDisabled => (self.backorders_disabled, None, None, None),
            Message::ManageStockEnabled => (self.manage_stock_enabled, None, None, None),
            Message::NotEnoughQty => (self.not_enough_qty, None, None, None),
            Message::OnlyXOfY { salable, requested } => (plural(&self.only_x_of_y, salable), Some(salable), None, Some(requested)),
            Message::ShipmentNotEnough => (self.shipment_not_enough, None, None, None),
            Message::QtyInvalid => (self.qty_invalid, None, None, None),
            #[cfg(feature = "composite")]
            Message::ConfigurableOptionsRequired => (self.configurable_options_required, None, None, None),
            #[cfg(feature = "composite")]
            Message::ProductNotAvailable => (self.product_not_available, None, None, None),
            #[cfg(feature = "composite")]
            Message::BundleOptionRequired => (self.bundle_option_required, None, None, None),
            #[cfg(feature = "composite")]
            Message::GroupedQtyRequired => (self.grouped_qty_required, None, None, None),
            #[cfg(feature = "pickup")]
            Message::PickupAt { name } => (self.pickup_at, None, Some(name), None),
            #[cfg(feature = "pickup")]
            Message::PickupAlso { stores } => (plural(&self.pickup_also, stores), Some(stores), None, None),
            #[cfg(feature = "pickup")]
            Message::PickupUnavailable => (self.pickup_unavailable, None, None, None),
            #[cfg(feature = "pickup")]
            Message::PickupStoreAvailable => (self.pickup_store_available, None, None, None),
            #[cfg(feature = "pickup")]
            Message::PickupStoreUnavailable => (self.pickup_store_unavailable, None, None, None),
        };
        self.fill(template, qty, name, requested)
    }

    /// One pass over the template, so a product name that contains `{qty}` stays as written.
    fn fill(&self, template: &str, qty: Option<Qty>, name: Option<&str>, requested: Option<Qty>) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some((before, after)) = crate::quantity::split_at_byte(rest, |b| b == b'{') {
            out.push_str(before);
            let (placeholder, tail) = crate::quantity::split_at_byte(after, |b| b == b'}').unwrap_or((after, ""));
            match (placeholder, qty, name, requested) {
                ("qty", Some(q), _, _) | ("requested", _, _, Some(q)) => q.write_decimal(&mut out, self.decimal_separator),
                ("name", _, Some(name), _) => out.push_str(name),
                _ => {
                    out.push('{');
                    out.push_str(placeholder);
                    out.push('}');
                }
            }
            rest = tail;
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64) -> Qty {
        Qty::from_f64(v).unwrap()
    }

    #[test]
    fn locale_tags_fall_back_to_english_spec_12() {
        assert_eq!(Locale::from_tag(Some("fr")), Locale::Fr);
        assert_eq!(Locale::from_tag(Some("fr-CA")), Locale::Fr);
        assert_eq!(Locale::from_tag(Some("FR_fr")), Locale::Fr);
        assert_eq!(Locale::from_tag(Some("de")), Locale::En);
        assert_eq!(Locale::from_tag(Some("")), Locale::En);
        assert_eq!(Locale::from_tag(None), Locale::En);
        assert_eq!(Locale::from_tag(Some("francais")), Locale::En);
    }

    #[test]
    fn operands_follow_cldr() {
        assert_eq!(Operands::of(q(1.0)), Operands { i: 1, v: 0, f: 0 });
        assert_eq!(Operands::of(q(1.5)), Operands { i: 1, v: 1, f: 5 });
        assert_eq!(Operands::of(q(-2.25)), Operands { i: 2, v: 2, f: 25 });
        assert_eq!(Operands::of(q(0.0001)), Operands { i: 0, v: 4, f: 1 });
    }

    #[test]
    fn english_plural_rule() {
        let p = en::CATALOG.plural;
        assert_eq!(p(Operands::of(q(1.0))), PluralCategory::One);
        assert_eq!(p(Operands::of(q(1.5))), PluralCategory::Other);
        assert_eq!(p(Operands::of(q(0.0))), PluralCategory::Other);
        assert_eq!(p(Operands::of(q(2.0))), PluralCategory::Other);
    }

    #[test]
    fn french_plural_rule() {
        let p = fr::CATALOG.plural;
        assert_eq!(p(Operands::of(q(0.0))), PluralCategory::One);
        assert_eq!(p(Operands::of(q(1.0))), PluralCategory::One);
        assert_eq!(p(Operands::of(q(1.5))), PluralCategory::One);
        assert_eq!(p(Operands::of(q(2.0))), PluralCategory::Other);
        assert_eq!(p(Operands::of(q(1_000_000.0))), PluralCategory::Many);
        assert_eq!(p(Operands::of(q(2_000_000.0))), PluralCategory::Many);
        assert_eq!(p(Operands::of(q(1_000_001.0))), PluralCategory::Other);
    }

    #[test]
    fn french_texts_agree_in_number() {
        assert_eq!(Locale::Fr.text(&Message::OnlyXLeft { qty: q(1.0) }), "Plus que 1 article en stock");
        assert_eq!(Locale::Fr.text(&Message::OnlyXLeft { qty: q(5.0) }), "Plus que 5 articles en stock");
        assert_eq!(Locale::Fr.text(&Message::OnlyXLeft { qty: q(1.5) }), "Plus que 1,5 article en stock");
        assert_eq!(Locale::Fr.text(&Message::OnlyXLeft { qty: q(1_000_000.0) }), "Plus que 1000000 d’articles en stock");
        assert_eq!(
            Locale::Fr.text(&Message::BackorderNotice { name: Some("Sac"), qty: q(2.0) }),
            "Nous n’avons pas autant de « Sac » que demandé, mais les 2 articles manquants seront commandés auprès du fournisseur."
        );
        assert_eq!(
            Locale::Fr.text(&Message::BackorderNotice { name: None, qty: q(1.0) }),
            "Nous n’avons pas autant de ce produit que demandé, mais l’article manquant (1) sera commandé auprès du fournisseur."
        );
    }

    #[test]
    fn english_texts_are_magentos() {
        assert_eq!(Locale::En.text(&Message::OnlyXLeft { qty: q(5.0) }), "Only 5 left");
        assert_eq!(
            Locale::En.text(&Message::BackorderNotice { name: Some("Joust Duffle Bag"), qty: q(4.5) }),
            "We don't have as many \"Joust Duffle Bag\" as you requested, but we'll back order the remaining 4.5."
        );
        assert_eq!(
            Locale::En.text(&Message::BackorderNotice { name: None, qty: q(1.0) }),
            "We don't have as many of this product as you requested, but we'll back order the remaining 1."
        );
        assert_eq!(Locale::En.text(&Message::MinSaleQty { min: q(2.0) }), "The fewest you may purchase is 2.");
        assert_eq!(Locale::En.text(&Message::OnlyXOfY { salable: q(3.0), requested: q(5.0) }), "Only 3 of 5 available");
    }

    #[test]
    fn placeholders_in_names_are_not_expanded() {
        assert_eq!(
            Locale::En.text(&Message::BackorderNotice { name: Some("{qty} <b>x</b>"), qty: q(2.0) }),
            "We don't have as many \"{qty} <b>x</b>\" as you requested, but we'll back order the remaining 2."
        );
    }
}
