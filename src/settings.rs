//! Settings and where they come from (SPEC §2): store-wide config, then the product's overrides.

use crate::quantity::Qty;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Magento's *Backorders* setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
    pub fn enabled(self) -> bool {
        self != Backorders::No
    }
}

/// Which text a refused request shows when there is not enough stock (SPEC §7 e).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotAvailableMessage {
    #[default]
    NotEnoughItems,
    OnlyXOfYAvailable,
}

/// Store-wide settings, Magento's *Default Config*. `None` means "the system value" (SPEC §2 defaults).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, remote = "Self")]
pub struct Config {
    pub manage_stock: Option<bool>,
    pub backorders: Option<Backorders>,
    pub out_of_stock_threshold: Option<Qty>,
    pub min_sale_qty: Option<Qty>,
    pub max_sale_qty: Option<Qty>,
    pub notify_for_quantity_below: Option<Qty>,
    pub enable_qty_increments: Option<bool>,
    pub qty_increments: Option<Qty>,
    pub only_x_left_threshold: Option<Qty>,
    pub display_stock_status: Option<bool>,
    pub not_available_message: Option<NotAvailableMessage>,
}

/// A product's *Advanced Inventory* with *Use Config Settings* unticked: a present key wins.
/// Config-only keys (`only_x_left_threshold`, …) are not read here, as in Magento.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, remote = "Self")]
pub struct Overrides {
    pub manage_stock: Option<bool>,
    pub backorders: Option<Backorders>,
    pub out_of_stock_threshold: Option<Qty>,
    pub min_sale_qty: Option<Qty>,
    pub max_sale_qty: Option<Qty>,
    pub notify_for_quantity_below: Option<Qty>,
    pub enable_qty_increments: Option<bool>,
    pub qty_increments: Option<Qty>,
}

crate::input_error::deserialize_objects_only!(Config, Overrides);

/// The settings in force for one product, every default applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Settings {
    pub manage_stock: bool,
    pub backorders: Backorders,
    /// The threshold as saved (Magento's `min_qty`); see [`Settings::effective_threshold`].
    pub out_of_stock_threshold: Qty,
    pub min_sale_qty: Qty,
    pub max_sale_qty: Qty,
    pub notify_for_quantity_below: Qty,
    pub enable_qty_increments: bool,
    pub qty_increments: Qty,
    pub only_x_left_threshold: Qty,
    pub display_stock_status: bool,
    pub not_available_message: NotAvailableMessage,
    pub qty_uses_decimals: bool,
}

impl Settings {
    /// Product override, else config, else the default (SPEC §2).
    pub fn resolve(config: &Config, overrides: &Overrides, qty_uses_decimals: bool) -> Settings {
        Settings {
            manage_stock: overrides.manage_stock.or(config.manage_stock).unwrap_or(true),
            backorders: overrides.backorders.or(config.backorders).unwrap_or_default(),
            out_of_stock_threshold: overrides
                .out_of_stock_threshold
                .or(config.out_of_stock_threshold)
                .unwrap_or(Qty::ZERO),
            min_sale_qty: overrides.min_sale_qty.or(config.min_sale_qty).unwrap_or(Qty::ONE),
            max_sale_qty: overrides
                .max_sale_qty
                .or(config.max_sale_qty)
                .unwrap_or(Qty::from_int(10_000)),
            notify_for_quantity_below: overrides
                .notify_for_quantity_below
                .or(config.notify_for_quantity_below)
                .unwrap_or(Qty::ONE),
            enable_qty_increments: overrides
                .enable_qty_increments
                .or(config.enable_qty_increments)
                .unwrap_or(false),
            qty_increments: overrides.qty_increments.or(config.qty_increments).unwrap_or(Qty::ONE),
            only_x_left_threshold: config.only_x_left_threshold.unwrap_or(Qty::ZERO),
            display_stock_status: config.display_stock_status.unwrap_or(true),
            not_available_message: config.not_available_message.unwrap_or_default(),
            qty_uses_decimals,
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

impl<'de> Deserialize<'de> for Backorders {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EnumVisitor::<Backorders> {
            names: &[("no", Backorders::No), ("allow", Backorders::Allow), ("allow_notify", Backorders::AllowNotify)],
            numbers: &[(0, Backorders::No), (1, Backorders::Allow), (2, Backorders::AllowNotify)],
        })
    }
}

impl<'de> Deserialize<'de> for NotAvailableMessage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EnumVisitor::<NotAvailableMessage> {
            names: &[
                ("not_enough_items", NotAvailableMessage::NotEnoughItems),
                ("only_x_of_y_available", NotAvailableMessage::OnlyXOfYAvailable),
            ],
            numbers: &[],
        })
    }
}

/// Reads an enum given by name or, as Magento stores it, by number; anything else is refused with
/// the list of what is accepted (SPEC §12).
pub(crate) struct EnumVisitor<T: 'static> {
    pub names: &'static [(&'static str, T)],
    pub numbers: &'static [(i64, T)],
}

impl<T: Copy + 'static> EnumVisitor<T> {
    fn refuse<E: serde::de::Error>(&self, found: fmt::Arguments<'_>) -> E {
        E::custom(format_args!("expected {}, found {}", self.accepted(), found))
    }

    fn accepted(&self) -> String {
        let mut s = String::from("one of ");
        for (i, (name, _)) in self.names.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push('"');
            s.push_str(name);
            s.push('"');
        }
        for (n, _) in self.numbers {
            s.push_str(", ");
            use fmt::Write;
            let _ = write!(s, "{n}");
        }
        s
    }

    fn by_number<E: serde::de::Error>(&self, v: i64) -> Result<T, E> {
        match self.numbers.iter().find(|(n, _)| *n == v) {
            Some((_, t)) => Ok(*t),
            None => Err(self.refuse(format_args!("the number {v}"))),
        }
    }
}

impl<'de, T: Copy + 'static> serde::de::Visitor<'de> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.accepted())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        match self.names.iter().find(|(n, _)| *n == v) {
            Some((_, t)) => Ok(*t),
            None => Err(self.refuse(format_args!("the string {}", crate::input_error::quoted(v)))),
        }
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
        self.by_number(v)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        self.by_number(i64::try_from(v).unwrap_or(i64::MAX))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
        // JS hands every number over as a float; `1.0` is Magento's `1`.
        if v.fract() == 0.0 && v.abs() < 1e15 {
            return self.by_number(v as i64);
        }
        Err(self.refuse(format_args!("the number {}", crate::input_error::FloatText(v))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64) -> Qty {
        Qty::from_f64(v).unwrap()
    }

    fn settings(backorders: Backorders, threshold: f64) -> Settings {
        let config = Config { backorders: Some(backorders), out_of_stock_threshold: Some(q(threshold)), ..Config::default() };
        Settings::resolve(&config, &Overrides::default(), false)
    }

    #[test]
    fn defaults_apply_when_nothing_is_set_spec_2() {
        let s = Settings::resolve(&Config::default(), &Overrides::default(), false);
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
        let config = Config { backorders: Some(Backorders::No), min_sale_qty: Some(q(2.0)), ..Config::default() };
        let overrides = Overrides { backorders: Some(Backorders::AllowNotify), ..Overrides::default() };
        let s = Settings::resolve(&config, &overrides, false);
        assert_eq!(s.backorders, Backorders::AllowNotify);
        assert_eq!(s.min_sale_qty, q(2.0), "an absent override key uses config");
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
