//! `searchCriteria` as Magento reads and runs it (fixtures README §2): both key spellings, filters
//! ORed within a group and groups ANDed, `condition_type` as `Pdo/Mysql::prepareSqlCondition` reads
//! it (`in`/`nin` split on every comma, no trimming), comparisons as MySQL's default collation makes
//! them (case and trailing spaces ignored), sort orders, pages (a page past the end repeats the last
//! one), and Web API input limits (`Habits`). Rows are referred to, not copied, so a search over
//! 100,000 synthetic SKUs touches only what it answers: a SKU filter goes through the SKU index, no
//! filter with the natural order (`entity_id` for products) pages by arithmetic.

use crate::fixtures::{php_query, Fixtures, Synthetic};
use crate::habits::Habits;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One filter: `field`, `value`, `condition_type` (default `eq`).
type Filter = BTreeMap<String, String>;

#[derive(Default, Debug)]
pub(crate) struct Criteria {
    pub groups: BTreeMap<usize, BTreeMap<usize, Filter>>,
    pub sorts: BTreeMap<usize, BTreeMap<String, String>>,
    pub page_size: Option<usize>,
    pub current_page: Option<usize>,
    /// Whether any `searchCriteria` key was sent.
    pub present: bool,
}

/// `pageSize` → `page_size` (`ServiceInputProcessor` maps both spellings to one getter).
fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn int_error(v: &str) -> String {
    format!("The \"{v}\" value's type is invalid. The \"int\" type was expected. Verify and try again.")
}

pub(crate) fn parse_criteria(query: &str) -> Result<Criteria, String> {
    let mut c = Criteria::default();
    for (k, v) in php_query(query) {
        let Some(rest) = k.strip_prefix("searchCriteria") else { continue };
        c.present = true;
        let parts: Vec<String> = rest.trim_start_matches('[').trim_end_matches(']').split("][").map(snake).collect();
        let num = |s: &str| s.parse::<usize>().map_err(|_| format!("bad index {s:?}"));
        match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["filter_groups", g, "filters", f, field] => {
                c.groups.entry(num(g)?).or_default().entry(num(f)?).or_default().insert((*field).to_owned(), v);
            }
            ["sort_orders", n, field] => {
                c.sorts.entry(num(n)?).or_default().insert((*field).to_owned(), v);
            }
            ["page_size"] => c.page_size = Some(v.parse().map_err(|_| int_error(&v))?),
            ["current_page"] => c.current_page = Some(v.parse().map_err(|_| int_error(&v))?),
            _ => {}
        }
    }
    Ok(c)
}

/// The page size a search runs with: the one sent, else with input limits on the default one
/// (`DefaultPageSizeSetter::processSearchCriteria`, which sets it on the criteria, so the echo shows it).
pub(crate) fn effective_page_size(c: &Criteria, habits: &Habits) -> Option<usize> {
    c.page_size.or(habits.input_limits.then_some(habits.default_page_size))
}

/// The 400 of a `page_size` above the maximum, with input limits on
/// (`Framework/Webapi/Validator/SearchCriteriaValidator::validateEntityValue`:
/// `__('Maximum SearchCriteria pageSize is %max', ['max' => $max])`).
pub(crate) fn page_size_refusal(query: &str, habits: &Habits) -> Option<String> {
    if !habits.input_limits {
        return None;
    }
    let size = php_query(query).into_iter().find_map(|(k, v)| {
        let rest = k.strip_prefix("searchCriteria")?;
        matches!(rest.trim_matches(|c| c == '[' || c == ']'), "page_size" | "pageSize").then(|| v.parse::<usize>().ok()).flatten()
    })?;
    (size > habits.max_page_size)
        .then(|| json!({"message": "Maximum SearchCriteria pageSize is %max", "parameters": {"max": habits.max_page_size}}).to_string())
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// MySQL's `utf8_general_ci` equality: case-insensitive, trailing spaces ignored (PAD SPACE).
fn same(a: &str, b: &str) -> bool {
    a.trim_end_matches(' ').to_lowercase() == b.trim_end_matches(' ').to_lowercase()
}

fn like(pattern: &str, value: &str) -> bool {
    let parts: Vec<&str> = pattern.split('%').collect();
    if parts.len() == 1 {
        return pattern == value;
    }
    let mut rest = value;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(p) else { return false };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(p);
        } else if let Some(pos) = rest.find(p) {
            rest = &rest[pos + p.len()..];
        } else {
            return false;
        }
    }
    true
}

fn matches(got: Option<&str>, f: &Filter) -> Result<bool, String> {
    let value = f.get("value").map(String::as_str).unwrap_or_default();
    let cond = f.get("condition_type").map(String::as_str).unwrap_or("eq");
    let num = |s: &str| s.parse::<f64>().ok();
    let cmp = |op: fn(f64, f64) -> bool| -> bool {
        match (got.and_then(num), num(value)) {
            (Some(a), Some(b)) => op(a, b),
            _ => false,
        }
    };
    // `Pdo/Mysql::prepareSqlCondition`: `if (in_array($key, ['in', 'nin']) && is_string($value))
    // $value = explode(',', $value);`: a SKU holding a comma is never one `in` value.
    let listed = |g: &str| value.split(',').any(|v| same(v, g));
    Ok(match cond {
        "eq" => got.is_some_and(|g| same(g, value)),
        "neq" => got.is_none_or(|g| !same(g, value)),
        "in" => got.is_some_and(listed),
        "nin" => got.is_none_or(|g| !listed(g)),
        "like" => got.is_some_and(|g| like(&value.to_lowercase(), &g.to_lowercase())),
        "nlike" => got.is_none_or(|g| !like(&value.to_lowercase(), &g.to_lowercase())),
        "gt" => cmp(|a, b| a > b),
        "gteq" | "from" | "moreq" => cmp(|a, b| a >= b),
        "lt" => cmp(|a, b| a < b),
        "lteq" | "to" => cmp(|a, b| a <= b),
        "null" => got.is_none(),
        "notnull" => got.is_some(),
        other => return Err(format!("unsupported condition_type {other:?}")),
    })
}

/// Which catalog a search runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Products,
    SourceItems,
}

/// A row: a stored one, or synthetic SKU `i`'s copy of the template's row `j`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Row {
    Real(usize),
    Synth(usize, usize),
}

/// A catalog as one store view sees it.
pub(crate) struct View<'a> {
    pub f: &'a Fixtures,
    pub kind: Kind,
    pub store: Option<&'a str>,
}

impl<'a> View<'a> {
    fn real(&self) -> usize {
        match self.kind {
            Kind::Products => self.f.products.items.len(),
            Kind::SourceItems => self.f.source_items.items.len(),
        }
    }

    fn per_synthetic(&self) -> usize {
        self.f.synthetic.as_ref().map_or(0, |s| match self.kind {
            Kind::Products => usize::from(s.product.is_some()),
            Kind::SourceItems => s.items.len(),
        })
    }

    fn len(&self) -> usize {
        self.real() + self.f.synthetic.as_ref().map_or(0, |s| s.count * self.per_synthetic())
    }

    /// The row at a position of the natural order (stored rows, then synthetic ones).
    fn nth(&self, n: usize) -> Row {
        let real = self.real();
        if n < real {
            Row::Real(n)
        } else {
            let per = self.per_synthetic();
            Row::Synth((n - real) / per, (n - real) % per)
        }
    }

    fn position(&self, r: Row) -> usize {
        match r {
            Row::Real(i) => i,
            Row::Synth(i, j) => self.real() + i * self.per_synthetic() + j,
        }
    }

    fn value(&self, r: Row) -> &Value {
        let s = self.f.synthetic.as_ref();
        match (self.kind, r) {
            (Kind::Products, Row::Real(i)) => &self.f.products.items[i].value,
            (Kind::SourceItems, Row::Real(i)) => &self.f.source_items.items[i].value,
            (Kind::Products, Row::Synth(..)) => &s.and_then(|s| s.product.as_ref()).expect("a synthetic product row").value,
            (Kind::SourceItems, Row::Synth(_, j)) => &s.expect("a synthetic row").items[j].value,
        }
    }

    /// A top-level field as text (`entity_id` is a product's `id`).
    pub fn field(&self, r: Row, name: &str) -> Option<String> {
        let name = if self.kind == Kind::Products && name == "entity_id" { "id" } else { name };
        if let (Row::Synth(i, _), Some(s)) = (r, self.f.synthetic.as_ref()) {
            match (self.kind, name) {
                (_, "sku") => return Some(Synthetic::sku(i)),
                (Kind::Products, "name") => return Some(Synthetic::name(i)),
                (Kind::Products, "id") => return Some((s.first_id + i as i64).to_string()),
                _ => {}
            }
        }
        text(&self.value(r)[name])
    }

    /// The row's bytes as Magento writes them.
    pub fn raw(&self, r: Row) -> Cow<'a, [u8]> {
        let s = self.f.synthetic.as_ref();
        match (self.kind, r) {
            (Kind::Products, Row::Real(i)) => self.f.product_raw(i, self.store),
            (Kind::SourceItems, Row::Real(i)) => Cow::Borrowed(&self.f.source_items.items[i].raw),
            (Kind::Products, Row::Synth(i, _)) => {
                let s = s.expect("synthetic");
                Cow::Owned(s.rewrite(&s.product.as_ref().expect("a synthetic product").raw, i, true))
            }
            (Kind::SourceItems, Row::Synth(i, j)) => {
                let s = s.expect("synthetic");
                Cow::Owned(s.rewrite(&s.items[j].raw, i, false))
            }
        }
    }

    /// Rows of one SKU, from the index.
    fn by_sku(&self, sku: &str) -> Vec<Row> {
        let cat = match self.kind {
            Kind::Products => &self.f.products,
            Kind::SourceItems => &self.f.source_items,
        };
        let mut out: Vec<Row> = cat.by_sku(sku).iter().map(|&i| Row::Real(i)).collect();
        if let Some(i) = self.f.synthetic.as_ref().and_then(|s| s.index(sku)) {
            out.extend((0..self.per_synthetic()).map(|j| Row::Synth(i, j)));
        }
        out
    }
}

/// The rows a search answers (one page) and how many matched.
pub(crate) struct Found {
    pub rows: Vec<Row>,
    pub total: usize,
}

fn keep(view: &View, r: Row, c: &Criteria) -> Result<bool, String> {
    for group in c.groups.values() {
        let mut any = false;
        for f in group.values() {
            let field = f.get("field").ok_or("filter without field")?;
            if matches(view.field(r, field).as_deref(), f)? {
                any = true;
            }
        }
        if !any {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The rows a SKU-only filter group can match, from the index (None: no such group).
fn sku_candidates(view: &View, c: &Criteria) -> Option<Vec<Row>> {
    let group = c.groups.values().find(|g| {
        g.values().all(|f| {
            f.get("field").map(String::as_str) == Some("sku")
                && matches!(f.get("condition_type").map(String::as_str), None | Some("eq" | "in"))
        })
    })?;
    let mut rows: Vec<Row> = Vec::new();
    for f in group.values() {
        let value = f.get("value").map(String::as_str).unwrap_or_default();
        let values: Vec<&str> =
            if f.get("condition_type").map(String::as_str) == Some("in") { value.split(',').collect() } else { vec![value] };
        for v in values {
            rows.extend(view.by_sku(v));
        }
    }
    rows.sort_by_key(|r| view.position(*r));
    rows.dedup();
    Some(rows)
}

fn compare(view: &View, a: Row, b: Row, sorts: &[(String, bool)]) -> Ordering {
    for (field, desc) in sorts {
        let (x, y) = (view.field(a, field), view.field(b, field));
        let o = match (x.as_deref().and_then(|s| s.parse::<f64>().ok()), y.as_deref().and_then(|s| s.parse::<f64>().ok())) {
            (Some(p), Some(q)) => p.partial_cmp(&q).unwrap_or(Ordering::Equal),
            _ => x.cmp(&y),
        };
        let o = if *desc { o.reverse() } else { o };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// Runs a search: `Err` is a 400's message.
pub(crate) fn run(view: &View, c: &Criteria, habits: &Habits) -> Result<Found, String> {
    let mut sorts: Vec<(String, bool)> = Vec::new();
    for s in c.sorts.values() {
        let dir = s.get("direction").map(|d| d.to_ascii_uppercase()).unwrap_or_else(|| "ASC".into());
        if dir != "ASC" && dir != "DESC" {
            return Err("The sort order has to be specified as %1 for ascending order or %2 for descending order.".into());
        }
        sorts.push((s.get("field").cloned().unwrap_or_default(), dir == "DESC"));
    }
    // The natural order is the products' entity_id (stored rows are kept sorted by it, synthetic ids
    // follow them) and the source items' row order.
    let by_id = |f: &str| view.kind == Kind::Products && (f == "entity_id" || f == "id");
    let natural = sorts.is_empty() || (sorts.len() == 1 && by_id(&sorts[0].0) && !sorts[0].1);
    let reversed = sorts.len() == 1 && by_id(&sorts[0].0) && sorts[0].1;

    // None: every row, in natural order, unfiltered.
    let mut rows: Option<Vec<Row>> = None;
    if !c.groups.is_empty() {
        let candidates: Vec<Row> = match sku_candidates(view, c) {
            Some(rows) => rows,
            None => (0..view.len()).map(|n| view.nth(n)).collect(),
        };
        let mut kept = Vec::with_capacity(candidates.len());
        for r in candidates {
            if keep(view, r, c)? {
                kept.push(r);
            }
        }
        rows = Some(kept);
    }
    if !natural && !reversed {
        let mut all = rows.take().unwrap_or_else(|| (0..view.len()).map(|n| view.nth(n)).collect());
        all.sort_by(|a, b| compare(view, *a, *b, &sorts));
        rows = Some(all);
    } else if reversed {
        if let Some(r) = rows.as_mut() {
            r.reverse();
        }
    }
    let total = rows.as_ref().map_or_else(|| view.len(), Vec::len);
    let at = |k: usize| -> Row {
        match &rows {
            Some(r) => r[k],
            None if reversed => view.nth(total - 1 - k),
            None => view.nth(k),
        }
    };
    let range = match effective_page_size(c, habits) {
        Some(size) if size > 0 => {
            let pages = total.div_ceil(size).max(1);
            // A page past the end answers the last page.
            let page = c.current_page.unwrap_or(1).clamp(1, pages);
            ((page - 1) * size).min(total)..(page * size).min(total)
        }
        _ => 0..total,
    };
    Ok(Found { rows: range.map(at).collect(), total })
}

/// `search_criteria` as Magento echoes it, keys in `SearchCriteriaInterface`'s order: what was
/// sent, and the default page size once set.
pub(crate) fn echo(c: &Criteria, habits: &Habits) -> String {
    let s = |v: &str| Value::from(v).to_string();
    let groups: Vec<String> = c
        .groups
        .values()
        .map(|g| {
            let filters: Vec<String> = g
                .values()
                .map(|f| {
                    let kv: Vec<String> = ["field", "value", "condition_type"]
                        .iter()
                        .filter_map(|k| f.get(*k).map(|v| format!("{}:{}", s(k), s(v))))
                        .collect();
                    format!("{{{}}}", kv.join(","))
                })
                .collect();
            format!("{{\"filters\":[{}]}}", filters.join(","))
        })
        .collect();
    let mut out = format!("{{\"filter_groups\":[{}]", groups.join(","));
    if !c.sorts.is_empty() {
        let sorts: Vec<String> = c
            .sorts
            .values()
            .map(|o| {
                let kv: Vec<String> =
                    ["field", "direction"].iter().filter_map(|k| o.get(*k).map(|v| format!("{}:{}", s(k), s(v)))).collect();
                format!("{{{}}}", kv.join(","))
            })
            .collect();
        out.push_str(&format!(",\"sort_orders\":[{}]", sorts.join(",")));
    }
    if let Some(p) = effective_page_size(c, habits) {
        out.push_str(&format!(",\"page_size\":{p}"));
    }
    if let Some(p) = c.current_page {
        out.push_str(&format!(",\"current_page\":{p}"));
    }
    out.push('}');
    out
}

/// `{items, search_criteria, total_count}` with the rows' own bytes.
pub(crate) fn body(items: impl Iterator<Item = Vec<u8>>, echo: &str, total: usize) -> Vec<u8> {
    let mut out = b"{\"items\":[".to_vec();
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&item);
    }
    out.extend_from_slice(format!("],\"search_criteria\":{echo},\"total_count\":{total}}}").as_bytes());
    out
}
