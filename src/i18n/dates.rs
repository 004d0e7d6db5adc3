//! Dates in CLDR's long form (SPEC §14), from tables: no date library, no `core::fmt`, a few
//! hundred bytes in the element.
//!
//! | tag | form | example |
//! |---|---|---|
//! | `en`, `en-US`, `en-CA`, `en-PH` and the US territories | CLDR `en` `MMMM d, y` | December 12, 2026 |
//! | `en` with any other region (`en-GB`, `en-AU`, `en-IE`, `en-NZ`, `en-IN`, `en-ZA`, `en-150`…) | CLDR `en-001`/`en-GB` `d MMMM y` | 12 December 2026 |
//! | `fr`, `fr-*` | CLDR `fr` `d MMMM y` | 12 décembre 2026 (and "1 décembre": CLDR has no "1er") |
//! | anything else | as its texts: English | December 12, 2026 |
//!
//! CLDR gives most English regions the `en-001` (world English) form, day first; only the United
//! States, Canada, the Philippines and the US territories keep `en`'s month first.

use crate::date::Date;

/// How a locale writes a long date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// "December 12, 2026".
    En,
    /// "12 December 2026".
    EnGb,
    /// "12 décembre 2026".
    Fr,
}

/// English regions that write the month first, as CLDR `en` does (all others follow `en-001`).
const MONTH_FIRST_REGIONS: [&str; 9] = ["US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM"];

const EN_MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const FR_MONTHS: [&str; 12] =
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

impl DateStyle {
    /// The style of a BCP 47 tag (`en-GB`, `fr_CA`, `en-Latn-AU`); unknown languages write as English.
    pub fn from_tag(tag: Option<&str>) -> DateStyle {
        let mut subtags = super::subtags(tag.unwrap_or(""));
        let language = subtags.next().unwrap_or("");
        if language.eq_ignore_ascii_case("fr") {
            return DateStyle::Fr;
        }
        if !language.eq_ignore_ascii_case("en") {
            return DateStyle::En;
        }
        // The region is the first subtag of two letters or three digits (after an optional script).
        let region = subtags.find(|s| s.len() == 2 || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit())));
        match region {
            Some(region) if !MONTH_FIRST_REGIONS.iter().any(|r| r.eq_ignore_ascii_case(region)) => DateStyle::EnGb,
            _ => DateStyle::En,
        }
    }
}

/// Appends `date` in the style's long form.
pub fn write_long_date(style: DateStyle, date: Date, out: &mut String) {
    let month = usize::from(date.month() - 1);
    let mut day = String::new();
    crate::quantity::push_int(&mut day, u64::from(date.day()));
    let mut year = String::new();
    crate::quantity::push_int(&mut year, u64::from(date.year()));
    match style {
        DateStyle::En => {
            out.push_str(EN_MONTHS[month]);
            out.push(' ');
            out.push_str(&day);
            out.push_str(", ");
        }
        DateStyle::EnGb | DateStyle::Fr => {
            out.push_str(&day);
            out.push(' ');
            out.push_str(if style == DateStyle::Fr { FR_MONTHS[month] } else { EN_MONTHS[month] });
            out.push(' ');
        }
    }
    out.push_str(&year);
}

/// `date` in the style's long form.
#[cfg(test)]
pub fn long_date(style: DateStyle, date: Date) -> String {
    let mut out = String::with_capacity(20);
    write_long_date(style, date, &mut out);
    out
}

fn sentence(before: &str, style: DateStyle, date: Date) -> String {
    let mut out = String::with_capacity(before.len() + 20);
    out.push_str(before);
    write_long_date(style, date, &mut out);
    out.push('.');
    out
}

/// "Expected back {date}." / "De retour prévu le {date}." (SPEC §14).
pub fn expected_back(style: DateStyle, date: Date) -> String {
    sentence(if style == DateStyle::Fr { "De retour prévu le " } else { "Expected back " }, style, date)
}

/// "Expected to ship {date}." / "Expédition prévue le {date}." (SPEC §14).
pub fn expected_to_ship(style: DateStyle, date: Date) -> String {
    sentence(if style == DateStyle::Fr { "Expédition prévue le " } else { "Expected to ship " }, style, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn every_month_in_every_locale_spec_14() {
        let en = [
            "January 12, 2026",
            "February 12, 2026",
            "March 12, 2026",
            "April 12, 2026",
            "May 12, 2026",
            "June 12, 2026",
            "July 12, 2026",
            "August 12, 2026",
            "September 12, 2026",
            "October 12, 2026",
            "November 12, 2026",
            "December 12, 2026",
        ];
        let en_gb = [
            "12 January 2026",
            "12 February 2026",
            "12 March 2026",
            "12 April 2026",
            "12 May 2026",
            "12 June 2026",
            "12 July 2026",
            "12 August 2026",
            "12 September 2026",
            "12 October 2026",
            "12 November 2026",
            "12 December 2026",
        ];
        let fr = [
            "12 janvier 2026",
            "12 février 2026",
            "12 mars 2026",
            "12 avril 2026",
            "12 mai 2026",
            "12 juin 2026",
            "12 juillet 2026",
            "12 août 2026",
            "12 septembre 2026",
            "12 octobre 2026",
            "12 novembre 2026",
            "12 décembre 2026",
        ];
        for m in 1..=12u8 {
            let i = usize::from(m - 1);
            assert_eq!(long_date(DateStyle::En, d(2026, m, 12)), en[i]);
            assert_eq!(long_date(DateStyle::EnGb, d(2026, m, 12)), en_gb[i]);
            assert_eq!(long_date(DateStyle::Fr, d(2026, m, 12)), fr[i]);
        }
    }

    #[test]
    fn days_and_years_are_not_padded() {
        assert_eq!(long_date(DateStyle::En, d(2026, 3, 1)), "March 1, 2026");
        assert_eq!(long_date(DateStyle::EnGb, d(2026, 3, 1)), "1 March 2026");
        assert_eq!(long_date(DateStyle::Fr, d(2026, 3, 1)), "1 mars 2026");
        assert_eq!(long_date(DateStyle::En, d(987, 3, 31)), "March 31, 987");
        assert_eq!(long_date(DateStyle::Fr, d(2024, 2, 29)), "29 février 2024");
    }

    #[test]
    fn locale_fallbacks() {
        for (tag, style) in [
            (None, DateStyle::En),
            (Some(""), DateStyle::En),
            (Some("en"), DateStyle::En),
            (Some("en-US"), DateStyle::En),
            (Some("en_us"), DateStyle::En),
            (Some("en-CA"), DateStyle::En),
            (Some("en-PH"), DateStyle::En),
            (Some("en-Latn-US"), DateStyle::En),
            (Some("en-GB"), DateStyle::EnGb),
            (Some("en_GB"), DateStyle::EnGb),
            (Some("en-gb"), DateStyle::EnGb),
            (Some("en-AU"), DateStyle::EnGb),
            (Some("en-IE"), DateStyle::EnGb),
            (Some("en-NZ"), DateStyle::EnGb),
            (Some("en-IN"), DateStyle::EnGb),
            (Some("en-ZA"), DateStyle::EnGb),
            (Some("en-150"), DateStyle::EnGb),
            (Some("en-Latn-GB"), DateStyle::EnGb),
            (Some("fr"), DateStyle::Fr),
            (Some("fr-FR"), DateStyle::Fr),
            (Some("fr-CA"), DateStyle::Fr),
            (Some("FR_be"), DateStyle::Fr),
            (Some("de-DE"), DateStyle::En),
            (Some("engb"), DateStyle::En),
            (Some("english"), DateStyle::En),
        ] {
            assert_eq!(DateStyle::from_tag(tag), style, "{tag:?}");
        }
    }

    #[test]
    fn sentences_spec_14() {
        let date = d(2026, 12, 12);
        assert_eq!(expected_back(DateStyle::En, date), "Expected back December 12, 2026.");
        assert_eq!(expected_back(DateStyle::EnGb, date), "Expected back 12 December 2026.");
        assert_eq!(expected_back(DateStyle::Fr, date), "De retour prévu le 12 décembre 2026.");
        assert_eq!(expected_to_ship(DateStyle::En, date), "Expected to ship December 12, 2026.");
        assert_eq!(expected_to_ship(DateStyle::EnGb, date), "Expected to ship 12 December 2026.");
        assert_eq!(expected_to_ship(DateStyle::Fr, date), "Expédition prévue le 12 décembre 2026.");
    }
}
