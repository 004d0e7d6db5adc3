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
    /// Text that is not a decimal number (`"abc"`, `"+1"`, `"1."`).
    Malformed,
}

impl fmt::Display for QtyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QtyError::NotFinite(v) if v.is_nan() => f.write_str("expected a finite number, found NaN"),
            QtyError::NotFinite(v) if *v > 0.0 => f.write_str("expected a finite number, found Infinity"),
            QtyError::NotFinite(_) => f.write_str("expected a finite number, found -Infinity"),
            QtyError::OutOfRange(_) => f.write_str("number out of range: must lie within ±1000000000000"),
            QtyError::Malformed => f.write_str("expected a number"),
        }
    }
}

impl Qty {
    /// Zero.
    pub const ZERO: Qty = Qty(0);
    /// One unit.
    pub const ONE: Qty = Qty(SCALE);

    /// A whole number of units.
    pub const fn from_int(units: i64) -> Qty {
        Qty(units * SCALE)
    }

    /// A count of ten-thousandths.
    pub const fn from_ten_thousandths(n: i64) -> Qty {
        Qty(n)
    }

    /// The quantity as a count of ten-thousandths.
    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// Converts a binary float, as JavaScript and serde_json hand numbers over (SPEC §1).
    ///
    /// The float is read as the shortest decimal that converts back to it, which is what
    /// `JSON.stringify` writes and what a person typed, and that decimal is rounded half away from
    /// zero to 4 places. So a number gives the same `Qty` whether it arrives as a JS number or as
    /// JSON text: `1.00005` rounds up although its float is `1.0000499999…`, and `6e10` stays whole.
    /// (Only the full API and native callers use this: the element's module never formats a float.)
    pub fn from_f64(v: f64) -> Result<Qty, QtyError> {
        if !v.is_finite() {
            return Err(QtyError::NotFinite(v));
        }
        if v.abs() > MAX_INPUT {
            return Err(QtyError::OutOfRange(v));
        }
        // Ryu's shortest digits break ties to even, like `Number.prototype.toString`; Rust's own
        // `Display` does not (−860132512414.15625 prints ….1563 there, ….1562 in JS).
        parse_decimal(ryu::Buffer::new().format_finite(v))
    }

    /// The nearest binary float: what `JSON.parse` would give for the printed decimal.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// Whether the quantity has no fractional part.
    pub fn is_whole(self) -> bool {
        self.0 % SCALE == 0
    }

    /// The whole part, when there is no fraction.
    pub fn as_whole(self) -> Option<i64> {
        self.is_whole().then_some(self.0 / SCALE)
    }

    /// The smaller of two quantities.
    pub fn min(self, other: Qty) -> Qty {
        Qty(self.0.min(other.0))
    }

    /// The larger of two quantities.
    pub fn max(self, other: Qty) -> Qty {
        Qty(self.0.max(other.0))
    }

    /// The quantity held within `lo..=hi` (`hi` wins if they cross).
    pub fn clamp(self, lo: Qty, hi: Qty) -> Qty {
        self.max(lo).min(hi)
    }

    /// `self + other`, held within ±`MAX_TOTAL`.
    pub fn saturating_add(self, other: Qty) -> Qty {
        Qty(self.0.saturating_add(other.0).clamp(-MAX_TOTAL.0, MAX_TOTAL.0))
    }

    /// `self × n` for a whole number `n` (a bundle's quantity), held within ±`MAX_TOTAL`.
    pub fn times_whole(self, n: i64) -> Qty {
        Qty((self.0 as i128 * n as i128).clamp(-(MAX_TOTAL.0 as i128), MAX_TOTAL.0 as i128) as i64)
    }

    /// `self × other`, rounded half away from zero to 4 decimals (SPEC §1), held within
    /// ±`MAX_TOTAL` (a grouped child's default quantity times the requested quantity).
    pub fn times(self, other: Qty) -> Qty {
        let product = self.0 as i128 * other.0 as i128;
        let scale = SCALE as i128;
        let half = if product < 0 { -scale / 2 } else { scale / 2 };
        Qty(((product + half) / scale).clamp(-(MAX_TOTAL.0 as i128), MAX_TOTAL.0 as i128) as i64)
    }

    /// Sums quantities exactly; `None` when the total passes `MAX_TOTAL` (10^14).
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

/// Converts a JSON number's text to a [`Qty`] exactly: round half away from zero to 4 decimals
/// (SPEC §1), refuse magnitudes beyond 10^12 (SPEC §12), and refuse text that is not a JSON number. No float is involved, so `1.00005` rounds
/// up as written, which a binary float of it would not.
pub(crate) fn parse_decimal(raw: &str) -> Result<Qty, QtyError> {
    if !is_json_number(raw) {
        return Err(QtyError::Malformed);
    }
    let (negative, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (mantissa, exponent) = match split_at_byte(unsigned, |b| b == b'e' || b == b'E') {
        // An exponent too long for i64 is far out of range either way; saturate it.
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(if e.starts_with('-') { i64::MIN / 2 } else { i64::MAX / 2 })),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = split_at_byte(mantissa, |b| b == b'.').unwrap_or((mantissa, ""));
    // Significant digits and where the decimal point falls among them: value = 0.DIGITS × 10^point.
    let digit = |k: usize| -> u8 {
        let b =
            if k < int_part.len() { int_part.as_bytes()[k] } else { frac_part.as_bytes().get(k - int_part.len()).copied().unwrap_or(b'0') };
        b - b'0'
    };
    let total = int_part.len() + frac_part.len();
    let leading_zeros = (0..total).take_while(|&k| digit(k) == 0).count();
    if leading_zeros == total {
        return Ok(Qty::ZERO);
    }
    let point = (int_part.len() as i64 - leading_zeros as i64).saturating_add(exponent);
    // Ten-thousandths: the first `point + 4` significant digits form the integer part.
    let whole_digits = point.saturating_add(4);
    let out_of_range = || QtyError::OutOfRange(if negative { -1e13 } else { 1e13 });
    if whole_digits > 17 {
        return Err(out_of_range());
    }
    let significant = |k: usize| if leading_zeros + k < total { digit(leading_zeros + k) } else { 0 };
    let mut units: i64 = 0;
    for k in 0..whole_digits.max(0) as usize {
        units = units * 10 + significant(k) as i64;
    }
    if whole_digits >= 0 && significant(whole_digits as usize) >= 5 {
        units += 1;
    }
    if units > MAX_INPUT_UNITS {
        return Err(out_of_range());
    }
    Ok(Qty::from_ten_thousandths(if negative { -units } else { units }))
}

/// `text` around its first byte that `is` picks, that byte left out. (`str::split_once` with a char
/// pattern brings a vectorised memchr into the element's wasm for texts this short.)
pub(crate) fn split_at_byte(text: &str, is: impl Fn(u8) -> bool) -> Option<(&str, &str)> {
    let at = text.bytes().position(is)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(raw: &str) -> bool {
    scan_json_number(raw.as_bytes(), 0) == Ok(raw.len())
}

/// Where the JSON number that starts at `start` ends; or, for text that is not one, where it goes
/// wrong and what was expected there. The one copy of the grammar: the tokenizer and
/// [`Qty::from_str`](std::str::FromStr) both use it.
pub(crate) fn scan_json_number(b: &[u8], start: usize) -> Result<usize, (usize, &'static str)> {
    let mut i = start + usize::from(b.get(start) == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return Err((i, "a digit")),
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return Err((i, "a digit after '.'"));
        }
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return Err((i, "a digit in the exponent"));
        }
    }
    Ok(i)
}

impl std::str::FromStr for Qty {
    type Err = QtyError;

    /// Exact decimal text in JSON's number grammar, rounded half away from zero to 4 places.
    fn from_str(text: &str) -> Result<Qty, QtyError> {
        parse_decimal(text)
    }
}

impl std::ops::Add for Qty {
    type Output = Qty;
    /// Operands are bounded by `MAX_TOTAL` wherever the rules add them, so this cannot overflow.
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

    fn d(raw: &str) -> String {
        parse_decimal(raw).map(|q| q.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn decimals_are_exact_and_rounded_half_away_from_zero_spec_1() {
        assert_eq!(d("0.17"), "0.17");
        assert_eq!(d("8.5"), "8.5");
        assert_eq!(d("-9.33"), "-9.33");
        assert_eq!(d("1.00005"), "1.0001");
        assert_eq!(d("-1.00005"), "-1.0001");
        assert_eq!(d("1.000049999"), "1");
        assert_eq!(d("0.00005"), "0.0001");
        assert_eq!(d("0.00004999"), "0");
        assert_eq!(d("-0"), "0");
        assert_eq!(d("0"), "0");
        assert_eq!(d("000.0"), "error: expected a number", "not JSON");
        assert_eq!(d("25"), "25");
        assert_eq!(d("2.5e1"), "25");
        assert_eq!(d("25E-2"), "0.25");
        assert_eq!(d("1e-300"), "0");
        assert_eq!(d("9.99995"), "10");
        assert_eq!(d("123.45678901234567890123"), "123.4568");
    }

    #[test]
    fn range_is_plus_minus_ten_to_the_twelve_spec_12() {
        assert_eq!(d("1000000000000"), "1000000000000");
        assert_eq!(d("-1e12"), "-1000000000000");
        assert!(d("1000000000001").starts_with("error: number out of range"));
        assert!(d("1e13").starts_with("error"));
        assert!(d("1e300").starts_with("error"));
        assert!(d("-123456789012345678901234567890").starts_with("error"));
        assert!(d("1e99999999999999999999").starts_with("error"));
    }

    #[test]
    fn from_str_is_total_and_follows_json_grammar() {
        for bad in ["", "+1", "1.", ".5", "01", "-", "1e", "NaN", "Infinity", "abc", " 1", "1 ", "0x10", "1e+"] {
            assert_eq!(bad.parse::<Qty>(), Err(QtyError::Malformed), "{bad:?}");
        }
        assert_eq!("2.5".parse::<Qty>(), Ok(q(2.5)));
        assert_eq!("-0.17".parse::<Qty>(), Ok(q(-0.17)));
    }

    #[test]
    fn large_whole_floats_stay_whole() {
        // Before: 6e10 came out as 60000000000.0001 (float scaling error).
        assert_eq!(show(q(6e10)), "60000000000");
        assert_eq!(show(q(999_999_999_999.0)), "999999999999");
        assert_eq!(show(q(123_456_789_012.5)), "123456789012.5");
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

/// Properties of [`Qty::from_f64`]: a number gives the same quantity as a JS number (a float) and as
/// JSON text (issue 8).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod float_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Every whole number in ±10^12 converts exactly.
        #[test]
        fn whole_numbers_are_exact(n in -1_000_000_000_000i64..=1_000_000_000_000) {
            prop_assert_eq!(Qty::from_f64(n as f64), Ok(Qty::from_int(n)));
        }

        /// A decimal with up to 4 places, anywhere in ±10^12: the float and the text agree wherever
        /// a float can hold the decimal (15 significant digits, which covers every 4-place decimal
        /// below 10^11); beyond that the float itself is off, and the quantity by one ten-thousandth
        /// at most.
        #[test]
        fn four_place_decimals_agree_with_their_text(units in -10_000_000_000_000_000i64..=10_000_000_000_000_000) {
            let text = Qty::from_ten_thousandths(units).to_string();
            let float: f64 = text.parse().unwrap();
            let from_float = Qty::from_f64(float).unwrap();
            let significant = text.trim_start_matches(['-', '0', '.']).chars().filter(char::is_ascii_digit).count();
            if significant <= 15 {
                prop_assert_eq!(from_float, Qty::from_ten_thousandths(units), "{}", text);
            } else {
                prop_assert!((from_float.ten_thousandths() - units).abs() <= 1, "{} became {}", text, from_float);
            }
        }

        /// Any float in range reads as the shortest decimal that `JSON.stringify` would write (the
        /// wasm suites check the same against JavaScript itself).
        #[test]
        fn any_float_agrees_with_its_json_text(v in -1e12f64..=1e12) {
            let json = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(Qty::from_f64(v), json.parse::<Qty>(), "{}", json);
        }

        /// Halfway cases (a 5 in the fifth place) round away from zero from the float as from the
        /// text, wherever a float can tell the decimal apart (15 significant digits).
        #[test]
        fn halfway_cases_agree_with_their_text(whole in -9_999_999_999i64..=9_999_999_999, frac in 0u32..10_000) {
            let text = format!("{}{}.{:04}5", if whole == 0 && frac % 2 == 1 { "-" } else { "" }, whole, frac);
            let float: f64 = text.parse().unwrap();
            let exact = text.parse::<Qty>().unwrap();
            prop_assert_eq!(Qty::from_f64(float), Ok(exact), "{}", text);
            prop_assert_eq!(exact.ten_thousandths().unsigned_abs(), whole.unsigned_abs() * 10_000 + frac as u64 + 1, "{}", text);
        }
    }
}
