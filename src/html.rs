//! Server-rendered markup (SPEC §15, built with `full` only): what `<stock-status>` would show, as
//! HTML a server sends with the page, so the first paint carries the real message and search
//! engines read it. Its options and result are the contract's (`contract/render.rs`).
//!
//! The markup is the element's own: the host with its attributes and `data-kind`, and a declarative
//! shadow root (`<template shadowrootmode="open">`) holding the same nodes and parts the element
//! builds (`www/stock-status.js`), text escaped. Styles come from the element's stylesheet file
//! (`dist/stock-status.css`, built from `www/stock-status.css`, the element's one source of style)
//! through `<link rel="stylesheet">`: no inline style, so a strict CSP holds. The element adopts
//! this root when it upgrades and refreshes it in the background.
//!
//! Optionally the schema.org `Offer` as JSON-LD, `availabilityStarts` included (SPEC §14).

use crate::contract::{name, Offer, RenderOptions, RenderedHtml};
use crate::date::Date;
use crate::i18n::Locale;
use crate::json::to_json;
use crate::outcome::{Availability, Pickup};
use crate::quantity::Qty;
use crate::storefront_message::SchemaOrgAvailability;

/// Where the element's stylesheet is, unless the caller says: beside the element as the README
/// installs it.
const DEFAULT_STYLESHEET: &str = "/assets/salable/stock-status.css";

/// The element's parts, in the element's order (`www/stock-status.js` builds the same).
const PARTS: [&str; 4] = ["message", "notice", "error", "restock"];

/// Renders an evaluated product as the element's markup (SPEC §15), in `locale`'s number format.
pub(crate) fn render_availability(out: &Availability<'_>, options: &RenderOptions, locale: Locale) -> RenderedHtml {
    let mut html = String::with_capacity(640);
    html.push_str("<stock-status");
    for (attribute, value) in [("src", &options.src), ("qty", &options.qty), ("locale", &options.locale), ("near", &options.near)] {
        if let Some(value) = value {
            push_attribute(&mut html, attribute, value);
        }
    }
    push_attribute(&mut html, "data-kind", name(out.message.kind));
    html.push_str("><template shadowrootmode=\"open\"><link rel=\"stylesheet\"");
    push_attribute(&mut html, "href", options.stylesheet.as_deref().unwrap_or(DEFAULT_STYLESHEET));
    html.push_str("><div part=\"status\" role=\"status\" aria-live=\"polite\">");
    let texts = [
        out.message.text.as_deref(),
        out.request.notice.as_ref().map(|n| n.message.as_str()),
        // The first paint shows availability, not a refusal the shopper has not earned: a choice not
        // made yet waits for the page's Add to Cart, as the element's reportValidity() does.
        out.request.reason.as_deref().filter(|_| !out.request.errors.last().is_some_and(|e| e.code.asks_for_a_choice())),
        out.restock.as_ref().map(|r| r.text.as_str()),
    ];
    for (part, text) in PARTS.iter().zip(texts) {
        html.push_str("<span part=\"");
        html.push_str(part);
        html.push('"');
        if text.is_none() {
            html.push_str(" hidden");
        }
        html.push('>');
        push_escaped(&mut html, text.unwrap_or(""));
        html.push_str("</span>");
    }
    html.push_str("</div>");
    push_pickup(&mut html, out.pickup.as_ref(), locale);
    html.push_str("</template></stock-status>");
    let json_ld = options.json_ld.then(|| json_ld(out.sku, out.schema_org_availability, out.schema_org_availability_starts));
    RenderedHtml { html, json_ld }
}

/// The in-store pickup block (SPEC §17), as the element builds it: a native disclosure whose summary
/// is the core's message, and the stores as a list; present but hidden when `pickup` is null, so the
/// element can adopt it.
fn push_pickup(html: &mut String, pickup: Option<&Pickup<'_>>, locale: Locale) {
    html.push_str("<details part=\"pickup-list\"");
    if pickup.is_none() {
        html.push_str(" hidden");
    }
    html.push_str("><summary part=\"pickup\" aria-live=\"polite\">");
    if let Some(pickup) = pickup {
        push_escaped(html, &pickup.message);
    }
    html.push_str("</summary><ul part=\"pickup-stores\" role=\"list\">");
    for store in pickup.map_or(&[][..], |p| &p.locations[..]) {
        html.push_str("<li part=\"pickup-store\" data-available=\"");
        html.push_str(if store.available { "true" } else { "false" });
        html.push_str("\">");
        let l = store.location;
        let distance = store.distance_km.map(|km| distance_text(km, locale));
        let town = [l.postcode.as_deref(), l.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let address = [l.street.as_deref(), Some(town.as_str()), l.region.as_deref(), l.country_id.as_deref()]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let lines = [
            ("pickup-store-name", Some(l.name.as_str())),
            ("pickup-store-text", Some(store.text.as_str())),
            ("pickup-store-distance", distance.as_deref()),
            ("pickup-store-address", Some(address.as_str())),
            ("pickup-store-phone", l.phone.as_deref()),
        ];
        for (part, text) in lines {
            let Some(text) = text.filter(|t| !t.is_empty()) else { continue };
            html.push_str("<span part=\"");
            html.push_str(part);
            html.push_str("\">");
            push_escaped(html, text);
            html.push_str("</span>");
        }
        html.push_str("</li>");
    }
    html.push_str("</ul></details>");
}

/// A store's distance as a shopper reads it in `locale`: `1,234.5 km` in English, `1 234,5 km` in
/// French (CLDR's separators), a no-break space before the unit. `www/stock-status-pickup.js`
/// writes the same for the element.
fn distance_text(km: Qty, locale: Locale) -> String {
    let mut plain = String::new();
    km.write_decimal(&mut plain, locale.decimal_separator());
    let whole = plain.find(locale.decimal_separator()).unwrap_or(plain.len());
    let mut text = String::with_capacity(plain.len() + 8);
    for (i, c) in plain.char_indices() {
        // The whole part is ASCII digits: a separator before each group of three from its end.
        if i > 0 && i < whole && (whole - i) % 3 == 0 {
            text.push(locale.group_separator());
        }
        text.push(c);
    }
    text.push_str("\u{a0}km");
    text
}

/// The schema.org `Offer` as JSON-LD in a data block.
fn json_ld(sku: &str, availability: SchemaOrgAvailability, starts: Option<Date>) -> String {
    let mut json = String::with_capacity(160);
    to_json(&Offer::new(sku, availability, starts), &mut json);
    let mut out = String::from("<script type=\"application/ld+json\">");
    // `<`, `>` and `&` occur only inside JSON strings here; as `\u003c`… they cannot close the script.
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.push_str("</script>");
    out
}

fn push_attribute(out: &mut String, attribute: &str, value: &str) {
    out.push(' ');
    out.push_str(attribute);
    out.push_str("=\"");
    push_escaped(out, value);
    out.push('"');
}

/// Text and attribute values: the five characters HTML gives meaning to.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::InputDocument;
    use crate::json_api::render_html;

    fn render(doc: &str, options: RenderOptions) -> RenderedHtml {
        render_html(&InputDocument::from_json(doc).unwrap(), &options).unwrap()
    }

    #[test]
    fn the_elements_markup_in_a_declarative_shadow_root_spec_15() {
        let doc =
            r#"{"config":{"only_x_left_threshold":5},"product":{"sku":"24-MB01","sources":[{"source_code":"s","quantity":3,"status":1}]}}"#;
        let out = render(
            doc,
            RenderOptions {
                src: Some("/stock/24-MB01.json".into()),
                stylesheet: Some("/dist/stock-status.css".into()),
                ..Default::default()
            },
        );
        assert_eq!(
            out.html,
            concat!(
                r#"<stock-status src="/stock/24-MB01.json" data-kind="only_x_left"><template shadowrootmode="open">"#,
                r#"<link rel="stylesheet" href="/dist/stock-status.css">"#,
                r#"<div part="status" role="status" aria-live="polite"><span part="message">Only 3 left</span>"#,
                r#"<span part="notice" hidden></span><span part="error" hidden></span><span part="restock" hidden></span>"#,
                r#"</div><details part="pickup-list" hidden><summary part="pickup" aria-live="polite"></summary>"#,
                r#"<ul part="pickup-stores" role="list"></ul></details></template></stock-status>"#
            )
        );
        assert_eq!(out.json_ld, None);
    }

    #[test]
    fn restock_and_json_ld_spec_14_15() {
        let doc = r#"{"product":{"sku":"a","sources":[{"source_code":"s","quantity":0,"status":1}],"restock_date":"2026-12-12"},"today":"2026-06-01"}"#;
        let out = render(doc, RenderOptions { locale: Some("en-GB".into()), json_ld: true, ..Default::default() });
        assert!(out.html.starts_with(r#"<stock-status locale="en-GB" data-kind="out_of_stock">"#), "{}", out.html);
        assert!(out.html.contains(r#"<link rel="stylesheet" href="/assets/salable/stock-status.css">"#));
        assert!(out.html.contains(r#"<span part="restock">Expected back 12 December 2026.</span>"#), "{}", out.html);
        assert_eq!(
            out.json_ld.as_deref(),
            Some(concat!(
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Offer","sku":"a","#,
                r#""availability":"https://schema.org/OutOfStock","availabilityStarts":"2026-12-12"}</script>"#
            ))
        );
    }

    #[test]
    fn text_is_escaped_and_json_ld_cannot_close_its_script() {
        let doc = r#"{"config":{"backorders":"allow_notify"},"product":{"sku":"</script><b>&'","name":"<img src=x onerror=alert(1)> \"Bag\"","sources":[{"source_code":"s","quantity":0,"status":1}]},"requested_qty":2}"#;
        let out = render(doc, RenderOptions { src: Some("/x.json?a=1&b=\"2\"".into()), json_ld: true, ..Default::default() });
        assert!(out.html.contains(r#"src="/x.json?a=1&amp;b=&quot;2&quot;""#), "{}", out.html);
        assert!(out.html.contains("&lt;img src=x onerror=alert(1)&gt; &quot;Bag&quot;"), "{}", out.html);
        assert!(!out.html.contains("<img"));
        let ld = out.json_ld.unwrap();
        assert_eq!(ld.matches("</script>").count(), 1, "{ld}");
        assert!(ld.contains(r#""sku":"\u003c/script\u003e\u003cb\u003e\u0026'""#), "{ld}");
        let json: serde_json::Value =
            serde_json::from_str(ld.trim_start_matches(r#"<script type="application/ld+json">"#).trim_end_matches("</script>")).unwrap();
        assert_eq!(json["sku"], "</script><b>&'");
        assert_eq!(json["availability"], "https://schema.org/BackOrder");
    }

    #[test]
    fn hidden_has_no_text_and_options_apply_as_the_elements_attributes() {
        let doc = r#"{"config":{"display_stock_status":false,"min_sale_qty":2},"product":{"sku":"a","sources":[{"source_code":"s","quantity":9,"status":1}]}}"#;
        let out = render(doc, RenderOptions::default());
        assert!(out.html.contains(r#"data-kind="hidden""#) && out.html.contains(r#"<span part="message" hidden></span>"#));
        let shown = doc.replace(r#""display_stock_status":false,"#, "");
        let out = render(&shown, RenderOptions { qty: Some("1".into()), locale: Some("fr".into()), ..Default::default() });
        assert!(out.html.contains(r#"<span part="error">Vous devez acheter au moins 2 articles.</span>"#), "{}", out.html);
        assert!(out.html.contains(r#" qty="1" locale="fr""#));
        let bad =
            render_html(&InputDocument::from_json(&shown).unwrap(), &RenderOptions { today: Some("soon".into()), ..Default::default() });
        assert_eq!(bad.unwrap_err().to_string(), r#"today: expected a date YYYY-MM-DD, found the string "soon""#);
    }

    #[test]
    fn a_choice_not_made_yet_is_not_refused_in_the_first_paint() {
        let tee = r#"{"product":{"sku":"T","type":"configurable","children":[
            {"sku":"T-S","attributes":{"size":"S"},"sources":[{"source_code":"s","quantity":5,"status":1}]}]}}"#;
        let out = render(tee, RenderOptions::default());
        assert!(out.html.contains(r#"<span part="message">In stock</span>"#), "{}", out.html);
        assert!(out.html.contains(r#"<span part="error" hidden></span>"#), "{}", out.html);
        // A named child's own refusal is earned and shows at once.
        let chosen = tee.replace(r#"]}}"#, r#"]},"variant":"T-S","requested_qty":9}"#);
        let out = render(&chosen, RenderOptions::default());
        assert!(out.html.contains(r#"<span part="error">"#) && !out.html.contains(r#"<span part="error" hidden>"#), "{}", out.html);
    }

    #[test]
    fn distances_group_thousands_as_cldr_does() {
        let km = |tenths: i64| Qty::from_ten_thousandths(tenths * 1_000);
        let cases = [
            (km(15), "1.5\u{a0}km", "1,5\u{a0}km"),
            (km(3_930), "393\u{a0}km", "393\u{a0}km"),
            (km(9_999), "999.9\u{a0}km", "999,9\u{a0}km"),
            (km(10_000), "1,000\u{a0}km", "1\u{202f}000\u{a0}km"),
            (km(68_513), "6,851.3\u{a0}km", "6\u{202f}851,3\u{a0}km"),
            (km(200_150), "20,015\u{a0}km", "20\u{202f}015\u{a0}km"),
        ];
        for (distance, en, fr) in cases {
            assert_eq!(distance_text(distance, Locale::En), en);
            assert_eq!(distance_text(distance, Locale::Fr), fr);
        }
    }

    #[test]
    fn pickup_is_in_the_first_paint_as_the_element_builds_it_spec_17() {
        let doc = r#"{"config":{"pickup_enabled":true},"requested_qty":2,"locale":"fr","product":{"sku":"M","sources":[
            {"source_code":"wh","quantity":50,"status":1},
            {"source_code":"lyon","quantity":1,"status":1,"pickup":{"name":"Lyon <Part-Dieu>","city":"Lyon","latitude":45.7606,"longitude":4.8597}},
            {"source_code":"paris","quantity":3,"status":1,"pickup":{"name":"Paris Rivoli","street":"99 rue de Rivoli","postcode":"75001","city":"Paris","country_id":"FR","phone":"+33 1 40 00 00 01","latitude":48.8606,"longitude":2.3376}}]}}"#;
        let out = render(doc, RenderOptions { near: Some("45.76,4.84".into()), ..Default::default() });
        assert!(out.html.starts_with(r#"<stock-status near="45.76,4.84" data-kind="in_stock">"#), "{}", out.html);
        assert!(
            out.html.ends_with(concat!(
                r#"</div><details part="pickup-list"><summary part="pickup" aria-live="polite">Retrait disponible à Paris Rivoli</summary>"#,
                r#"<ul part="pickup-stores" role="list">"#,
                r#"<li part="pickup-store" data-available="false"><span part="pickup-store-name">Lyon &lt;Part-Dieu&gt;</span>"#,
                r#"<span part="pickup-store-text">Indisponible pour le moment</span><span part="pickup-store-distance">1,5"#,
                "\u{a0}",
                r#"km</span>"#,
                r#"<span part="pickup-store-address">Lyon</span></li>"#,
                r#"<li part="pickup-store" data-available="true"><span part="pickup-store-name">Paris Rivoli</span>"#,
                r#"<span part="pickup-store-text">Disponible pour retrait</span><span part="pickup-store-distance">393"#,
                "\u{a0}",
                r#"km</span>"#,
                r#"<span part="pickup-store-address">99 rue de Rivoli, 75001 Paris, FR</span><span part="pickup-store-phone">+33 1 40 00 00 01</span></li>"#,
                r#"</ul></details></template></stock-status>"#
            )),
            "{}",
            out.html
        );
        let bad = render_html(&InputDocument::from_json(doc).unwrap(), &RenderOptions { near: Some("Lyon".into()), ..Default::default() });
        assert!(bad.unwrap_err().to_string().starts_with("near: expected"));
    }
}
