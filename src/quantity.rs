//! Exact decimal quantities (SPEC §1).
//!
//! Magento compares quantities at 4 decimals. Binary floats cannot hold `0.17` exactly, so
//! `8.5 + (−9.33) − (−1)` would not come out as `0.17`. A [`Qty`] is a count of ten-thousandths in an
//! `i64`: sums and comparisons are exact, and printing never goes through float formatting.

use std::fmt;

/// Ten-thousandths per unit: 4 fractional digits.
const SCALE: i64 = 10_000;

/// The largest magnitude an input number may have (SPEC §12).
pub const MAX_INPUT: f64 = 1e12;

/// [`MAX_INPUT`] in ten-thousandths.
pub const MAX_INPUT_UNITS: i64 = 1_000_000_000_000 * SCALE;

/// The largest magnitude a total (a sum of source quantities or reservations) may reach. Keeps every
/// derived figure (`Q + R − T`, `q − (Q + R)`) far inside `i64`, so no arithmetic here can overflow.
pub const MAX_TOTAL: Qty = Qty(100_000_000_000_000 * SCALE);

/// A decimal quantity with exactly 4 fractional digits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Qty(i64);

/// Why a number cannot be a quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QtyError {
    /// NaN or ±Infinity.
    NotFinite(f64),
    /// Beyond ±10^12.
    OutOfRange(f64),
}

impl fmt::Display for QtyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QtyError::NotFinite(v) if v.is_nan() => f.write_str("expected a finite number, found NaN"),
            QtyError::NotFinite(v) if *v > 0.0 => f.write_str("expected a finite number, found Infinity"),
            QtyError::NotFinite(_) => f.write_str("expected a finite number, found -Infinity"),
            QtyError::OutOfRange(_) => f.write_str("number out of range: must lie within ±1000000000000"),
        }
    }
}

impl Qty {
    pub const ZERO: Qty = Qty(0);
    pub const ONE: Qty = Qty(SCALE);

    /// A whole number of units.
    pub const fn from_int(units: i64) -> Qty {
        Qty(units * SCALE)
    }

    /// A count of ten-thousandths.
    pub const fn from_ten_thousandths(n: i64) -> Qty {
        Qty(n)
    }

    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// Converts an input number, rounding half away from zero to 4 decimals (SPEC §1).
    ///
    /// `v * 10000` in binary may land a hair below a true half (`1.00005` is stored as
    /// `1.0000499999…`); a remainder within a few ulps of one half is taken as the half the writer
    /// meant, so decimal literals round the way a person reading them expects.
    pub fn from_f64(v: f64) -> Result<Qty, QtyError> {
        if !v.is_finite() {
            return Err(QtyError::NotFinite(v));
        }
        if v.abs() > MAX_INPUT {
            return Err(QtyError::OutOfRange(v));
        }
        let scaled = v * SCALE as f64;
        let whole = scaled.trunc();
        let frac = (scaled - whole).abs();
        let tolerance = scaled.abs() * 4.0 * f64::EPSILON;
        let rounded = if (frac - 0.5).abs() <= tolerance {
            whole + scaled.signum()
        } else {
            scaled.round()
        };
        // In range by the check above (|rounded| ≤ 10^16 < 2^63), so the cast is exact.
        Ok(Qty(rounded as i64))
    }

    /// The nearest binary float: what `JSON.parse` would give for the printed decimal.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    pub fn is_whole(self) -> bool {
        self.0 % SCALE == 0
    }

    /// The whole part, when there is no fraction.
    pub fn as_whole(self) -> Option<i64> {
        self.is_whole().then_some(self.0 / SCALE)
    }

    pub fn min(self, other: Qty) -> Qty {
        Qty(self.0.min(other.0))
    }

    pub fn max(self, other: Qty) -> Qty {
        Qty(self.0.max(other.0))
    }

    pub fn clamp(self, lo: Qty, hi: Qty) -> Qty {
        self.max(lo).min(hi)
    }

    /// Sums quantities exactly; `None` when the total passes [`MAX_TOTAL`].
    pub fn checked_sum(items: impl IntoIterator<Item = Qty>) -> Option<Qty> {
        let mut total: i128 = 0;
        for q in items {
            total += q.0 as i128;
            // Checked as we go so that no count of items can overflow the i128.
            if total.unsigned_abs() > MAX_TOTAL.0 as u128 {
                return None;
            }
        }
        Some(Qty(total as i64))
    }

    /// Whether `self` is a multiple of `step`, with Magento's tolerance of `step / 10000`
    /// (`Magento\Framework\Math\Division::getExactDivision`, strict comparisons).
    pub fn is_multiple_of(self, step: Qty) -> bool {
        if step.0 <= 0 {
            return true;
        }
        let remainder = (self.0 as i128).rem_euclid(step.0 as i128);
        let step128 = step.0 as i128;
        let scale = SCALE as i128;
        // remainder < step/10000  ⇔  remainder·10000 < step, exact in integers.
        remainder * scale < step128 || (step128 - remainder) * scale < step128
    }

    /// Writes the number without trailing zeros, with `decimal_separator` before any fraction.
    pub fn write_decimal(self, out: &mut String, decimal_separator: char) {
        if self.0 < 0 {
            out.push('-');
        }
        let magnitude = self.0.unsigned_abs();
        let scale = SCALE as u64;
        push_int(out, magnitude / scale);
        let mut frac = magnitude % scale;
        if frac != 0 {
            out.push(decimal_separator);
            let mut digits = 4;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            // Leading zeros of the fraction: 0.0017 has two.
            for place in (1..digits).rev() {
                if frac < 10u64.pow(place) {
                    out.push('0');
                }
            }
            push_int(out, frac);
        }
    }
}

/// Appends an integer's decimal digits. `core::fmt` would do it too, but brings its padding and
/// formatting engine into the wasm for every shopper.
pub(crate) fn push_int(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d as char);
    }
}

impl std::ops::Add for Qty {
    type Output = Qty;
    /// Operands are bounded by [`MAX_TOTAL`] wherever the rules add them, so this cannot overflow.
    fn add(self, rhs: Qty) -> Qty {
        Qty(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Qty {
    type Output = Qty;
    fn sub(self, rhs: Qty) -> Qty {
        Qty(self.0 - rhs.0)
    }
}

impl std::ops::Neg for Qty {
    type Output = Qty;
    fn neg(self) -> Qty {
        Qty(-self.0)
    }
}

impl fmt::Display for Qty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_decimal(&mut s, '.');
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64) -> Qty {
        Qty::from_f64(v).unwrap()
    }

    fn show(v: Qty) -> String {
        v.to_string()
    }

    #[test]
    fn sums_are_exact_spec_1() {
        // SPEC §1: 8.5 + (−9.33) − (−1) = 0.17 exactly.
        assert_eq!(q(8.5) + q(-9.33) - q(-1.0), q(0.17));
        assert_eq!(show(q(8.5) + q(-9.33) - q(-1.0)), "0.17");
        assert_ne!(8.5f64 + (-9.33) - (-1.0), 0.17, "the float version really is wrong");
    }

    #[test]
    fn prints_without_trailing_zeros_spec_1() {
        assert_eq!(show(q(7.0)), "7");
        assert_eq!(show(q(4.5)), "4.5");
        assert_eq!(show(q(0.17)), "0.17");
        assert_eq!(show(q(-3.0)), "-3");
        assert_eq!(show(q(-0.0005)), "-0.0005");
        assert_eq!(show(q(1000.0001)), "1000.0001");
        assert_eq!(show(q(0.0017)), "0.0017");
        assert_eq!(show(q(12.0305)), "12.0305");
        assert_eq!(show(Qty::from_int(-1_000_000_000_000)), "-1000000000000");
        assert_eq!(show(q(-0.0)), "0");
        let mut fr = String::new();
        q(4.5).write_decimal(&mut fr, ',');
        assert_eq!(fr, "4,5");
    }

    #[test]
    fn rounds_half_away_from_zero_to_4_decimals_spec_1() {
        assert_eq!(q(1.00005), q(1.0001));
        assert_eq!(q(-1.00005), q(-1.0001));
        assert_eq!(q(0.00004), Qty::ZERO);
        assert_eq!(q(2.123449), q(2.1234));
        assert_eq!(q(2.12345), q(2.1235));
        assert_eq!(q(0.00005), q(0.0001));
    }

    #[test]
    fn refuses_non_finite_and_out_of_range_spec_12() {
        assert!(matches!(Qty::from_f64(f64::NAN), Err(QtyError::NotFinite(_))));
        assert!(matches!(Qty::from_f64(f64::INFINITY), Err(QtyError::NotFinite(_))));
        assert!(matches!(Qty::from_f64(1e12 + 1.0), Err(QtyError::OutOfRange(_))));
        assert_eq!(q(1e12), Qty::from_int(1_000_000_000_000));
        assert_eq!(q(-1e12), Qty::from_int(-1_000_000_000_000));
    }

    #[test]
    fn multiples_use_magento_tolerance() {
        assert!(q(9.0).is_multiple_of(q(3.0)));
        assert!(!q(10.0).is_multiple_of(q(3.0)));
        assert!(q(1.5).is_multiple_of(q(0.5)));
        assert!(!q(1.0001).is_multiple_of(q(1.0)));
        assert!(q(-6.0).is_multiple_of(q(3.0)));
        assert!(q(5.0).is_multiple_of(Qty::ZERO));
    }

    #[test]
    fn checked_sum_bounds_totals() {
        assert_eq!(Qty::checked_sum([q(1.5), q(2.25)]), Some(q(3.75)));
        assert_eq!(Qty::checked_sum(std::iter::repeat_n(q(1e12), 100)), Some(Qty::from_int(100_000_000_000_000)));
        assert_eq!(Qty::checked_sum(std::iter::repeat_n(q(1e12), 101)), None);
    }
}
