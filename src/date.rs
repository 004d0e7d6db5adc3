//! Calendar dates (SPEC §14): ISO `YYYY-MM-DD`, checked, for restock dates and the document's
//! `today`. A domain type of its own, so the rules, the texts and the wings all name it here.

/// A calendar date (proleptic Gregorian), as ISO `YYYY-MM-DD` writes it. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists: year 1–9999, month 1–12, a day the month has (Feb 29 in leap years).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Reads ISO `YYYY-MM-DD` strictly: ten ASCII characters, digits and two hyphens, a real date.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let number = |from: usize, to: usize| -> Option<u16> {
            b[from..to].iter().try_fold(0u16, |n, &c| c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0')))
        };
        let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
        Date::new(year, month as u8, day as u8)
    }

    /// The date `days` after 1970-01-01 (negative: before), for servers that know the time as a
    /// Unix timestamp (`today` = `from_unix_days(secs / 86400)`, UTC). Civil-from-days, exact over
    /// years 1–9999.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The year, 1–9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Appends the date as ISO `YYYY-MM-DD` (no `core::fmt`: it would weigh on the element).
    pub fn write_iso(self, out: &mut String) {
        let digits = |out: &mut String, n: u16, width: u32| {
            for place in (0..width).rev() {
                out.push(char::from(b'0' + (n / 10u16.pow(place) % 10) as u8));
            }
        };
        digits(out, self.year, 4);
        out.push('-');
        digits(out, u16::from(self.month), 2);
        out.push('-');
        digits(out, u16::from(self.day), 2);
    }

    /// The date as ISO `YYYY-MM-DD` text.
    pub fn to_iso(self) -> String {
        let mut out = String::with_capacity(10);
        self.write_iso(&mut out);
        out
    }
}

/// Gregorian leap years: every fourth year, except centuries not divisible by 400.
pub fn is_leap_year(year: u16) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
