//! Property tests of the composite types (SPEC §13.2–13.6) over small random trees: a parent's
//! answer against its children's, each child evaluated alone as a simple product by the same core.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};

use salable::InputDocument;

const SIZES: [&str; 3] = ["S", "M", "L"];
const COLOURS: [&str; 2] = ["Red", "Blue"];

/// The store config of a random document.
#[derive(Clone, Debug)]
struct Config {
    backorders: &'static str,
    threshold: i64,
    manage_stock: bool,
    show_out_of_stock: bool,
    only_x_left: i64,
}

/// A child product: sources, reservations and its own overrides.
#[derive(Clone, Debug)]
struct Child {
    /// (quantity, in stock, source enabled)
    sources: Vec<(i64, bool, bool)>,
    reservations: Vec<i64>,
    enabled: bool,
    backorders: Option<&'static str>,
    threshold: Option<i64>,
    manage_stock: Option<bool>,
    size: usize,
    colour: usize,
    default_qty: i64,
}

/// A composite parent's own fields.
#[derive(Clone, Debug)]
struct Parent {
    enabled: bool,
    in_stock: bool,
    manage_stock: Option<bool>,
}

fn backorders() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("no"), Just("allow"), Just("allow_notify")]
}

prop_compose! {
    fn arb_config()(backorders in backorders(), threshold in -5i64..5, manage_stock in prop::bool::weighted(0.9),
                    show_out_of_stock in prop::bool::ANY, only_x_left in 0i64..6) -> Config {
        Config { backorders, threshold, manage_stock, show_out_of_stock, only_x_left }
    }
}

prop_compose! {
    fn arb_child()(sources in prop::collection::vec((-5i64..=20, prop::bool::weighted(0.8), prop::bool::weighted(0.9)), 0..3),
                   reservations in prop::collection::vec(-4i64..=0, 0..3),
                   enabled in prop::bool::weighted(0.8),
                   backorders in prop::option::weighted(0.4, backorders()),
                   threshold in prop::option::weighted(0.4, -5i64..5),
                   manage_stock in prop::option::weighted(0.2, prop::bool::weighted(0.5)),
                   size in 0usize..SIZES.len(), colour in 0usize..COLOURS.len(), default_qty in 0i64..3) -> Child {
        Child { sources, reservations, enabled, backorders, threshold, manage_stock, size, colour, default_qty }
    }
}

prop_compose! {
    fn arb_parent()(enabled in prop::bool::weighted(0.85), in_stock in prop::bool::weighted(0.75),
                    manage_stock in prop::option::weighted(0.3, prop::bool::ANY)) -> Parent {
        Parent { enabled, in_stock, manage_stock }
    }
}

fn arb_children() -> impl Strategy<Value = Vec<Child>> {
    prop::collection::vec(arb_child(), 1..=6)
}

/// A bundle option: required or not, and its selections (qty, can_change_qty, child).
type BundleOption = (bool, Vec<(i64, bool, Child)>);

fn arb_bundle_options() -> impl Strategy<Value = Vec<BundleOption>> {
    let selection = (1i64..=4, prop::bool::weighted(0.2), arb_child());
    prop::collection::vec((prop::bool::weighted(0.7), prop::collection::vec(selection, 1..=3)), 1..=3)
}

impl Config {
    fn json(&self) -> Value {
        json!({
            "backorders": self.backorders,
            "out_of_stock_threshold": self.threshold,
            "manage_stock": self.manage_stock,
            "show_out_of_stock": self.show_out_of_stock,
            "only_x_left_threshold": self.only_x_left,
            "max_sale_qty": 50,
        })
    }
}

impl Child {
    /// The child as a plain product document's `product` (no attributes, no `enabled`).
    fn json(&self, sku: &str) -> Value {
        let mut overrides = serde_json::Map::new();
        if let Some(b) = self.backorders {
            overrides.insert("backorders".into(), json!(b));
        }
        if let Some(t) = self.threshold {
            overrides.insert("out_of_stock_threshold".into(), json!(t));
        }
        if let Some(m) = self.manage_stock {
            overrides.insert("manage_stock".into(), json!(m));
        }
        let sources: Vec<Value> = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, (q, in_stock, enabled))| {
                json!({ "source_code": format!("s{i}"), "quantity": q,
                        "status": if *in_stock { "in_stock" } else { "out_of_stock" }, "source_enabled": enabled })
            })
            .collect();
        let reservations: Vec<Value> = self.reservations.iter().map(|q| json!({ "quantity": q })).collect();
        json!({ "sku": sku, "name": format!("Child {sku}"), "overrides": overrides, "sources": sources, "reservations": reservations })
    }

    /// The child as a configurable's child: with `enabled` and `attributes`.
    fn configurable_json(&self, sku: &str) -> Value {
        let mut v = self.json(sku);
        v["enabled"] = json!(self.enabled);
        v["attributes"] = json!({ "size": SIZES[self.size], "colour": COLOURS[self.colour] });
        v
    }

    /// The child as a grouped product's child: with `enabled` and `default_qty`.
    fn grouped_json(&self, sku: &str) -> Value {
        let mut v = self.json(sku);
        v["enabled"] = json!(self.enabled);
        v["default_qty"] = json!(self.default_qty);
        v
    }

    fn manages_stock(&self, config: &Config) -> bool {
        self.manage_stock.unwrap_or(config.manage_stock)
    }

    fn backorders_on(&self, config: &Config) -> bool {
        self.backorders.unwrap_or(config.backorders) != "no"
    }

    /// Backorders on with `T = min(threshold, 0) ≥ 0` (SPEC §2, §4).
    fn unlimited(&self, config: &Config) -> bool {
        self.backorders_on(config) && self.threshold.unwrap_or(config.threshold) >= 0
    }
}

impl Parent {
    fn fields(&self, ty: &str) -> Value {
        let mut v = json!({ "type": ty, "sku": "PARENT", "name": "Parent", "enabled": self.enabled,
                            "stock_flag": if self.in_stock { "in_stock" } else { "out_of_stock" } });
        if let Some(m) = self.manage_stock {
            v["overrides"] = json!({ "manage_stock": m });
        }
        v
    }

    /// The parent's own rule (SPEC §13.2, §13.6): enabled, and in stock unless its stock is not managed.
    fn rule(&self, config: &Config) -> bool {
        self.enabled && (self.in_stock || !self.manage_stock.unwrap_or(config.manage_stock))
    }
}

fn sku(i: usize) -> String {
    format!("C{i}")
}

/// Evaluates a whole document given as a JSON value, returning the output as a JSON value.
fn evaluate(doc: &Value) -> Value {
    let input = InputDocument::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}: {doc}"));
    serde_json::from_str(&salable::evaluate(&input).to_json()).unwrap()
}

fn document(config: &Config, product: Value, requested: Option<i64>) -> Value {
    let mut doc = json!({ "config": config.json(), "product": product });
    if let Some(q) = requested {
        doc["requested_qty"] = json!(q);
    }
    doc
}

/// The child evaluated alone, as the `product` of a document with the same config.
fn alone(config: &Config, child: &Child, sku: &str, requested: Option<i64>) -> Value {
    evaluate(&document(config, child.json(sku), requested))
}

/// `child_salable(c) = c.enabled and §4(c)` (SPEC §13.2), from the child's own evaluation.
fn salable_alone(config: &Config, child: &Child, sku: &str) -> bool {
    child.enabled && alone(config, child, sku, None)["is_salable"] == json!(true)
}

fn configurable(config: &Config, parent: &Parent, children: &[Child]) -> Value {
    let mut p = parent.fields("configurable");
    p["children"] = children.iter().enumerate().map(|(i, c)| c.configurable_json(&sku(i))).collect();
    document(config, p, None)
}

fn grouped(config: &Config, parent: &Parent, children: &[Child]) -> Value {
    let mut p = parent.fields("grouped");
    p["children"] = children.iter().enumerate().map(|(i, c)| c.grouped_json(&sku(i))).collect();
    document(config, p, None)
}

fn bundle_sku(o: usize, s: usize) -> String {
    format!("B{o}-{s}")
}

fn bundle(config: &Config, parent: &Parent, options: &[BundleOption]) -> Value {
    let mut p = parent.fields("bundle");
    p["options"] = options
        .iter()
        .enumerate()
        .map(|(o, (required, selections))| {
            let selections: Vec<Value> = selections
                .iter()
                .enumerate()
                .map(|(s, (qty, can_change, child))| {
                    let mut c = child.json(&bundle_sku(o, s));
                    c["enabled"] = json!(child.enabled);
                    json!({ "id": format!("s{o}-{s}"), "qty": qty, "can_change_qty": can_change, "child": c })
                })
                .collect();
            json!({ "id": format!("o{o}"), "title": format!("Option {o}"), "required": required, "selections": selections })
        })
        .collect();
    document(config, p, None)
}

/// The bundle output's `available` flags, option by option.
fn selection_flags(out: &Value) -> Vec<Vec<bool>> {
    out["options"]
        .as_array()
        .expect("a bundle's options")
        .iter()
        .map(|o| o["selections"].as_array().unwrap().iter().map(|s| s["available"].as_bool().unwrap()).collect())
        .collect()
}

/// `S(child)` as a number of ten-thousandths, from the child's own evaluation (salable children only).
fn salable_qty_units(out: &Value) -> i64 {
    (out["salable_qty"].as_f64().expect("a salable quantity") * 10_000.0).round() as i64
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Issue 10: a configurable product is salable exactly when the parent rule holds and some child,
    /// evaluated alone as a simple product, is salable (SPEC §13.2, §13.3).
    #[test]
    fn configurable_salable_iff_parent_rule_and_some_child(config in arb_config(), parent in arb_parent(), children in arb_children()) {
        let out = evaluate(&configurable(&config, &parent, &children));
        let some_child = children.iter().enumerate().any(|(i, c)| salable_alone(&config, c, &sku(i)));
        prop_assert_eq!(out["is_salable"].as_bool(), Some(parent.rule(&config) && some_child), "{}", out);
        // With no child named, the parent has no quantity of its own and refuses every request.
        prop_assert_eq!(&out["salable_qty"], &Value::Null);
        prop_assert_eq!(&out["request"]["is_salable"], &json!(false));
        let code = if parent.rule(&config) && some_child { "configurable-options-required" } else { "product-not-available" };
        prop_assert_eq!(&out["request"]["errors"][0]["code"], &json!(code));
    }

    /// A grouped product is salable exactly when the parent rule holds and some child is (SPEC §13.5).
    #[test]
    fn grouped_salable_iff_parent_rule_and_some_child(config in arb_config(), parent in arb_parent(), children in arb_children()) {
        let out = evaluate(&grouped(&config, &parent, &children));
        let some_child = children.iter().enumerate().any(|(i, c)| salable_alone(&config, c, &sku(i)));
        prop_assert_eq!(out["is_salable"].as_bool(), Some(parent.rule(&config) && some_child), "{}", out);
    }

    /// A bundle whose options are all required is salable exactly when the parent rule holds and every
    /// option has an available selection (SPEC §13.4); and each selection's `available` is
    /// `selection_ok`, computed from the child evaluated alone.
    #[test]
    fn bundle_with_required_options_salable_iff_every_option_available(config in arb_config(), parent in arb_parent(), options in arb_bundle_options()) {
        let options: Vec<_> = options.into_iter().map(|(_, sels)| (true, sels)).collect();
        let out = evaluate(&bundle(&config, &parent, &options));
        let flags = selection_flags(&out);
        prop_assert_eq!(flags.len(), options.len());
        let every_option = flags.iter().all(|sels| sels.iter().any(|a| *a));
        prop_assert_eq!(out["is_salable"].as_bool(), Some(parent.rule(&config) && every_option), "{}", out);
        for (o, (_, selections)) in options.iter().enumerate() {
            for (s, (qty, can_change, child)) in selections.iter().enumerate() {
                let own = alone(&config, child, &bundle_sku(o, s), None);
                let salable = child.enabled && own["is_salable"] == json!(true);
                let ok = salable
                    && (*can_change || !child.manages_stock(&config) || child.backorders_on(&config) || salable_qty_units(&own) >= qty * 10_000);
                prop_assert_eq!(flags[o][s], ok, "option {} selection {}: {}", o, s, out);
            }
        }
    }

    /// `buildable_qty` never exceeds `floor(S(child) / qty)` of any required option's best fixed
    /// selection; it is the minimum of those (the maximum over all options when none is required),
    /// and null when a usable selection has no limit or a quantity the shopper sets (SPEC §13.4, §13.6).
    #[test]
    fn buildable_qty_is_bounded_by_every_required_option(config in arb_config(), parent in arb_parent(), options in arb_bundle_options()) {
        let out = evaluate(&bundle(&config, &parent, &options));
        let flags = selection_flags(&out);
        let any_required = options.iter().any(|(required, _)| *required);
        let mut unbounded = false;
        let mut bests = Vec::new();
        for (o, (required, selections)) in options.iter().enumerate() {
            if any_required && !required {
                continue;
            }
            let mut best = 0i64;
            for (s, (qty, can_change, child)) in selections.iter().enumerate() {
                if !flags[o][s] {
                    continue;
                }
                if *can_change || !child.manages_stock(&config) || child.unlimited(&config) {
                    unbounded = true;
                    continue;
                }
                let own = alone(&config, child, &bundle_sku(o, s), None);
                best = best.max(salable_qty_units(&own).max(0) / (qty * 10_000));
            }
            bests.push(best);
        }
        if unbounded {
            prop_assert_eq!(&out["buildable_qty"], &Value::Null, "{}", out);
        } else {
            let buildable = out["buildable_qty"].as_i64().unwrap_or_else(|| panic!("a whole buildable_qty: {out}"));
            prop_assert!(buildable >= 0);
            if any_required {
                for best in &bests {
                    prop_assert!(buildable <= *best, "buildable {} above an option's best {}: {}", buildable, best, out);
                }
                prop_assert_eq!(Some(buildable), bests.iter().min().copied());
            } else {
                prop_assert_eq!(Some(buildable), bests.iter().max().copied());
            }
        }
    }

    /// With a variant named, a salable parent and an enabled child, the top level's `request`,
    /// `message`, `only_x_left` and `salable_qty` are the child's own evaluation (SPEC §13.3, §13.6);
    /// otherwise the request is refused with `product-not-available`.
    #[test]
    fn named_variant_answers_as_the_child_alone(config in arb_config(), parent in arb_parent(), children in arb_children(),
                                                pick in any::<prop::sample::Index>(), requested in prop::option::of(1i64..8)) {
        let i = pick.index(children.len());
        let mut doc = configurable(&config, &parent, &children);
        doc["variant"] = json!(sku(i));
        if let Some(q) = requested {
            doc["requested_qty"] = json!(q);
        }
        let out = evaluate(&doc);
        let parent_salable = parent.rule(&config) && children.iter().enumerate().any(|(k, c)| salable_alone(&config, c, &sku(k)));
        prop_assert_eq!(&out["variant"], &json!(sku(i)));
        prop_assert_eq!(&out["parent"]["is_salable"], &json!(parent_salable));
        if parent_salable && children[i].enabled {
            let own = alone(&config, &children[i], &sku(i), requested);
            for key in ["request", "message", "only_x_left", "salable_qty", "is_salable"] {
                prop_assert_eq!(&out[key], &own[key], "{}: {} against the child's {}", key, out, own);
            }
        } else {
            prop_assert_eq!(&out["is_salable"], &json!(false));
            prop_assert_eq!(&out["request"]["errors"][0]["code"], &json!("product-not-available"), "{}", out);
        }
    }

    /// In a configurable's `options`, a value that is available is offered (SPEC §13.3), whatever the
    /// current selection (none, partial or complete) and `show_out_of_stock`.
    #[test]
    fn available_option_values_are_offered(config in arb_config(), parent in arb_parent(), children in arb_children(),
                                           pick in any::<prop::sample::Index>(), mask in 0u8..4) {
        let mut doc = configurable(&config, &parent, &children);
        let from = &children[pick.index(children.len())];
        let mut selection = serde_json::Map::new();
        if mask & 1 != 0 {
            selection.insert("size".into(), json!(SIZES[from.size]));
        }
        if mask & 2 != 0 {
            selection.insert("colour".into(), json!(COLOURS[from.colour]));
        }
        if !selection.is_empty() {
            doc["selection"] = Value::Object(selection);
        }
        let out = evaluate(&doc);
        // A configurable's options: attribute code → its values (SPEC §13.3).
        let attributes = out["options"].as_object().expect("a configurable's options");
        prop_assert_eq!(attributes.len(), 2);
        for values in attributes.values() {
            for value in values.as_array().unwrap() {
                if value["available"] == json!(true) {
                    prop_assert_eq!(&value["offered"], &json!(true), "{}", out);
                }
            }
        }
    }

    /// With no child named, a parent's message is `in_stock` or `out_of_stock` as it is salable or
    /// not, never `only_x_left` (SPEC §13.2), for all three types.
    ///
    /// It found that a parent with backorders on and a negative threshold said "Only 3 left" (its S
    /// being `0 + 0 − T`), fixed in 4048ae9.
    #[test]
    fn a_parent_message_is_never_only_x_left(config in arb_config(), parent in arb_parent(), children in arb_children(), ty in 0usize..3) {
        let doc = match ty {
            0 => configurable(&config, &parent, &children),
            1 => grouped(&config, &parent, &children),
            _ => bundle(&config, &parent, &[(true, children.iter().map(|c| (1, false, c.clone())).collect())]),
        };
        let out = evaluate(&doc);
        let kind = if out["is_salable"] == json!(true) { "in_stock" } else { "out_of_stock" };
        prop_assert_eq!(&out["message"]["kind"], &json!(kind), "{}", out);
        prop_assert_eq!(&out["only_x_left"], &Value::Null);
    }
}
