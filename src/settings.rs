//! Settings and where they come from (SPEC §2): store-wide config, then the product's overrides.

use crate::quantity::Qty;

/// Magento's *Backorders* setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Backorders {
    /// *No Backorders* (Magento `0`).
    #[default]
    No,
    /// *Allow Qty Below 0* (Magento `1`).
    Allow,
    /// *Allow Qty Below 0 and Notify Customer* (Magento `2`).
    AllowNotify,
}

impl Backorders {
    /// Any backorders allowed.
    pub fn enabled(self) -> bool {
        self != Backorders::No
    }
}

/// Which text a refused request shows when there is not enough stock (SPEC §7 e).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NotAvailableMessage {
    /// "Not enough items for sale" (`not_enough_items`, the default).
    #[default]
    NotEnoughItems,
    /// "Only {S} of {q} available" (`only_x_of_y_available`).
    OnlyXOfYAvailable,
}

/// One layer of settings as the document gives it: the store's *Default Config* (`config`) or a
/// product's *Advanced Inventory* overrides (`product.overrides`). `None` means "not set here".
/// Both layers share this type; config-only keys in overrides are read but never used, as in
/// Magento, where the product form has no such fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StockOptions {
    /// *Manage Stock*: track quantities at all.
    pub manage_stock: Option<bool>,
    /// *Backorders*.
    pub backorders: Option<Backorders>,
    /// *Out-of-Stock Threshold*, Magento's `min_qty`.
    pub out_of_stock_threshold: Option<Qty>,
    /// Fewest a shopper may add to the cart; `0` means no minimum.
    pub min_sale_qty: Option<Qty>,
    /// Most a shopper may add to the cart; `0` means no maximum.
    pub max_sale_qty: Option<Qty>,
    /// *Notify for Quantity Below*: the merchant's low-stock level (SPEC §9).
    pub notify_for_quantity_below: Option<Qty>,
    /// *Enable Qty Increments*.
    pub enable_qty_increments: Option<bool>,
    /// *Qty Increments*: the step, when enabled.
    pub qty_increments: Option<Qty>,
    /// Config only: *Only X Left Threshold*; `0` turns "Only X left" off.
    pub only_x_left_threshold: Option<Qty>,
    /// Config only: whether the storefront shows a stock message at all.
    pub display_stock_status: Option<bool>,
    /// *Display Out of Stock Products* (config only): composite pages offer unsalable children too,
    /// shown as unavailable (SPEC §13.3, §13.5).
    pub show_out_of_stock: Option<bool>,
    /// Config only: the text for a request that stock cannot cover (SPEC §7 e).
    pub not_available_message: Option<NotAvailableMessage>,
    /// Config only: whether the website offers in-store pickup (Magento's `carriers/instore/active`,
    /// SPEC §17). Read with the `pickup` feature only: the element's first module, which has no
    /// pickup, leaves it unread, and the element chooses its second module for such a feed.
    #[cfg(feature = "pickup")]
    pub pickup_enabled: Option<bool>,
}

/// The settings in force for one product, every default applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// *Manage Stock*: `false` means always salable (default `true`).
    pub manage_stock: bool,
    /// *Backorders* (default *No Backorders*).
    pub backorders: Backorders,
    /// The threshold as saved (Magento's `min_qty`); see [`Settings::effective_threshold`].
    pub out_of_stock_threshold: Qty,
    /// Fewest a shopper may add to the cart; `0` means no minimum (default `1`).
    pub min_sale_qty: Qty,
    /// Most a shopper may add to the cart; `0` means no maximum (default `10000`).
    pub max_sale_qty: Qty,
    /// The product's low-stock level for the merchant (default `1`, SPEC §9).
    pub notify_for_quantity_below: Qty,
    /// Whether quantities must be multiples of [`Settings::qty_increments`] (default `false`).
    pub enable_qty_increments: bool,
    /// The step, when increments are enabled (default `1`).
    pub qty_increments: Qty,
    /// "Only X left" shows at or below this salable quantity; `0` turns it off (SPEC §5).
    pub only_x_left_threshold: Qty,
    /// Whether the storefront shows a stock message at all (default `true`).
    pub display_stock_status: bool,
    /// *Display Out of Stock Products* (config only; default off).
    pub show_out_of_stock: bool,
    /// The text for a request that stock cannot cover (SPEC §7 e).
    pub not_available_message: NotAvailableMessage,
    /// Product only: whether decimal quantities may be ordered (default `false`).
    pub qty_uses_decimals: bool,
    /// Config only: whether the website offers in-store pickup (default `false`, SPEC §17).
    #[cfg(feature = "pickup")]
    pub pickup_enabled: bool,
}

impl Settings {
    /// Product override, else config, else the default (SPEC §2).
    pub fn resolve(config: &StockOptions, overrides: &StockOptions, qty_uses_decimals: bool) -> Settings {
        Settings {
            manage_stock: overrides.manage_stock.or(config.manage_stock).unwrap_or(true),
            backorders: overrides.backorders.or(config.backorders).unwrap_or_default(),
            out_of_stock_threshold: overrides.out_of_stock_threshold.or(config.out_of_stock_threshold).unwrap_or(Qty::ZERO),
            min_sale_qty: overrides.min_sale_qty.or(config.min_sale_qty).unwrap_or(Qty::ONE),
            max_sale_qty: overrides.max_sale_qty.or(config.max_sale_qty).unwrap_or(Qty::from_int(10_000)),
            notify_for_quantity_below: overrides.notify_for_quantity_below.or(config.notify_for_quantity_below).unwrap_or(Qty::ONE),
            enable_qty_increments: overrides.enable_qty_increments.or(config.enable_qty_increments).unwrap_or(false),
            qty_increments: overrides.qty_increments.or(config.qty_increments).unwrap_or(Qty::ONE),
            only_x_left_threshold: config.only_x_left_threshold.unwrap_or(Qty::ZERO),
            display_stock_status: config.display_stock_status.unwrap_or(true),
            show_out_of_stock: config.show_out_of_stock.unwrap_or(false),
            not_available_message: config.not_available_message.unwrap_or_default(),
            qty_uses_decimals,
            #[cfg(feature = "pickup")]
            pickup_enabled: config.pickup_enabled.unwrap_or(false),
        }
    }

    /// The threshold `T` the rules use (SPEC §2). Magento's admin saves either sign whatever the
    /// backorders setting; its service layer ignores the sign that makes no sense for that setting.
    pub fn effective_threshold(&self) -> Qty {
        if self.backorders.enabled() {
            self.out_of_stock_threshold.min(Qty::ZERO)
        } else {
            self.out_of_stock_threshold.max(Qty::ZERO)
        }
    }

    /// Backorders on with `T ≥ 0`: no limit on how far below zero orders may go (SPEC §4 step 4).
    pub fn unlimited_backorders(&self) -> bool {
        self.backorders.enabled() && self.effective_threshold() >= Qty::ZERO
    }

    /// The quantity a request asks for when it names none (SPEC §7).
    pub fn default_request_qty(&self) -> Qty {
        if self.min_sale_qty > Qty::ZERO {
            self.min_sale_qty
        } else {
            Qty::ONE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64) -> Qty {
        Qty::from_f64(v).unwrap()
    }

    fn settings(backorders: Backorders, threshold: f64) -> Settings {
        let config = StockOptions { backorders: Some(backorders), out_of_stock_threshold: Some(q(threshold)), ..StockOptions::default() };
        Settings::resolve(&config, &StockOptions::default(), false)
    }

    #[test]
    fn defaults_apply_when_nothing_is_set_spec_2() {
        let s = Settings::resolve(&StockOptions::default(), &StockOptions::default(), false);
        assert!(s.manage_stock);
        assert_eq!(s.backorders, Backorders::No);
        assert_eq!(s.out_of_stock_threshold, Qty::ZERO);
        assert_eq!(s.min_sale_qty, Qty::ONE);
        assert_eq!(s.max_sale_qty, Qty::from_int(10_000));
        assert_eq!(s.notify_for_quantity_below, Qty::ONE);
        assert!(!s.enable_qty_increments);
        assert_eq!(s.qty_increments, Qty::ONE);
        assert_eq!(s.only_x_left_threshold, Qty::ZERO);
        assert!(s.display_stock_status);
        assert_eq!(s.not_available_message, NotAvailableMessage::NotEnoughItems);
    }

    #[test]
    fn override_wins_over_config_spec_2() {
        let config = StockOptions { backorders: Some(Backorders::No), min_sale_qty: Some(q(2.0)), ..StockOptions::default() };
        let overrides =
            StockOptions { backorders: Some(Backorders::AllowNotify), only_x_left_threshold: Some(q(9.0)), ..StockOptions::default() };
        let s = Settings::resolve(&config, &overrides, false);
        assert_eq!(s.backorders, Backorders::AllowNotify);
        assert_eq!(s.min_sale_qty, q(2.0), "an absent override key uses config");
        assert_eq!(s.only_x_left_threshold, Qty::ZERO, "config-only keys are not read from overrides");
    }

    #[test]
    fn effective_threshold_ignores_the_sign_that_does_not_fit_spec_2() {
        assert_eq!(settings(Backorders::Allow, -50.0).effective_threshold(), q(-50.0));
        assert_eq!(settings(Backorders::Allow, 5.0).effective_threshold(), Qty::ZERO);
        assert_eq!(settings(Backorders::No, 5.0).effective_threshold(), q(5.0));
        assert_eq!(settings(Backorders::No, -50.0).effective_threshold(), Qty::ZERO);
        assert!(settings(Backorders::AllowNotify, 0.0).unlimited_backorders());
        assert!(settings(Backorders::Allow, 3.0).unlimited_backorders());
        assert!(!settings(Backorders::Allow, -1.0).unlimited_backorders());
        assert!(!settings(Backorders::No, 0.0).unlimited_backorders());
    }

    #[test]
    fn default_request_qty_is_min_sale_qty_or_one_spec_7() {
        let mut s = settings(Backorders::No, 0.0);
        s.min_sale_qty = q(3.0);
        assert_eq!(s.default_request_qty(), q(3.0));
        s.min_sale_qty = Qty::ZERO;
        assert_eq!(s.default_request_qty(), Qty::ONE);
    }
}
