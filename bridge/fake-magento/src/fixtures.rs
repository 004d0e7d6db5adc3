//! The fixture set: recorded answers (one per manifest entry, keyed by store code, path and sorted
//! query), and the catalogs the searches run over (products by `entity_id`, source items), each
//! indexed by SKU. Synthetic SKUs (`LOAD-0000`…) answer like a template SKU without being stored:
//! each answer is made from the template's when asked, so 100,000 of them cost nothing at start.

use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

pub(crate) const JSON: &str = "application/json; charset=utf-8";

/// The fixture folders of this crate (`fixtures/magento-rest`, `…-composite`, `…-247`), for tests
/// that read the files or their `expected/` documents.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// One recorded answer.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: Arc<str>,
    pub body: Arc<Vec<u8>>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Key {
    store: Option<String>,
    segments: Vec<String>,
    query: Vec<(String, String)>,
}

/// A catalog row: its parsed value (to filter and sort) and its bytes (to answer, in Magento's key order).
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub value: Arc<Value>,
    pub raw: Arc<Vec<u8>>,
}

/// Rows with an index by SKU, compared as MySQL's default collation does (case and trailing spaces
/// ignored).
#[derive(Clone, Debug, Default)]
pub(crate) struct Catalog {
    pub items: Vec<Item>,
    by_sku: HashMap<String, Vec<usize>>,
}

pub(crate) fn sku_key(sku: &str) -> String {
    sku.trim_end_matches(' ').to_lowercase()
}

impl Catalog {
    fn reindex(&mut self) {
        self.by_sku.clear();
        for (i, it) in self.items.iter().enumerate() {
            if let Some(s) = it.value["sku"].as_str() {
                self.by_sku.entry(sku_key(s)).or_default().push(i);
            }
        }
    }

    pub fn by_sku(&self, sku: &str) -> &[usize] {
        self.by_sku.get(&sku_key(sku)).map_or(&[], Vec::as_slice)
    }
}

/// `LOAD-0000`… shaped like a template SKU.
#[derive(Clone, Debug)]
pub(crate) struct Synthetic {
    pub count: usize,
    pub template: String,
    pub product: Option<Item>,
    pub items: Vec<Item>,
    pub first_id: i64,
}

impl Synthetic {
    pub fn sku(i: usize) -> String {
        format!("LOAD-{i:04}")
    }

    /// The index of a synthetic SKU (exactly as [`Synthetic::sku`] writes it, any case).
    pub fn index(&self, sku: &str) -> Option<usize> {
        let digits = sku.get(..5).filter(|p| p.eq_ignore_ascii_case("LOAD-")).map(|_| &sku[5..])?;
        let i: usize = digits.parse().ok().filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?;
        (i < self.count && format!("{i:04}") == digits).then_some(i)
    }

    pub fn name(i: usize) -> String {
        format!("Load test product {i}")
    }

    /// The template's bytes with the SKU (and, for its product, id and name) of SKU `i`.
    pub fn rewrite(&self, raw: &[u8], i: usize, product: bool) -> Vec<u8> {
        let mut text = String::from_utf8_lossy(raw).into_owned();
        if product {
            if let Some(p) = &self.product {
                let (id, name) = (&p.value["id"], &p.value["name"]);
                text = text.replacen(&format!("\"id\":{id},"), &format!("\"id\":{},", self.first_id + i as i64), 1);
                text = text.replacen(&format!("\"name\":{name}"), &format!("\"name\":\"{}\"", Synthetic::name(i)), 1);
            }
        }
        text.replace(&self.template, &Synthetic::sku(i)).into_bytes()
    }
}

/// The fixture set: static answers, plus the catalogs the searches run over.
#[derive(Clone, Debug)]
pub struct Fixtures {
    entries: HashMap<Key, Answer>,
    pub(crate) products: Catalog,
    pub(crate) source_items: Catalog,
    /// Products as one store view answers them (a name set at store-view scope): (store, sku key).
    store_products: HashMap<(String, String), Item>,
    pub(crate) no_criteria: Arc<Vec<u8>>,
    pub(crate) synthetic: Option<Synthetic>,
}

/// Decoded path segments of a manifest path (a SKU with `/` is written `%2F` there).
fn split_path(path: &str) -> Vec<String> {
    path.split('/').filter(|s| !s.is_empty()).map(|s| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()).collect()
}

/// A query string read as PHP reads it (`+` is a space), sorted: the fixtures' key.
pub(crate) fn php_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let dec = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
            (dec(k), dec(v))
        })
        .collect()
}

fn sorted(mut q: Vec<(String, String)>) -> Vec<(String, String)> {
    q.sort();
    q
}

/// A JSON object written with `order`'s keys first (Magento's getter order), then the rest.
fn ordered_json(v: &Value, order: &[&str]) -> Vec<u8> {
    let Some(m) = v.as_object() else { return v.to_string().into_bytes() };
    let mut parts: Vec<String> = Vec::new();
    for k in order {
        if let Some(x) = m.get(*k) {
            parts.push(format!("{}:{x}", Value::from(*k)));
        }
    }
    for (k, x) in m {
        if !order.contains(&k.as_str()) {
            parts.push(format!("{}:{x}", Value::from(k.as_str())));
        }
    }
    format!("{{{}}}", parts.join(",")).into_bytes()
}

impl Fixtures {
    /// The fixtures compiled into the binary: `magento-rest/` (the shared fixtures), the constructed
    /// answers for the configurable's children (`magento-rest-composite/`), and the 2.4.7 habits'
    /// catalog (`magento-rest-247/`: special-character SKUs, a bundle, a grouped product, store
    /// groups and views). For a request two sets answer, the earlier wins.
    pub fn embedded() -> Fixtures {
        let read = |set: &[(&str, &[u8])]| {
            let files: HashMap<String, Vec<u8>> = set.iter().map(|(n, b)| ((*n).to_owned(), b.to_vec())).collect();
            Fixtures::from_files(&files).expect("the embedded fixtures are valid")
        };
        read(FIXTURES).with(read(COMPOSITE_FIXTURES)).with(read(HABITS_FIXTURES))
    }

    /// The shared fixtures and the configurable's children only (`magento-rest/`,
    /// `magento-rest-composite/`), without the 2.4.7 habits' catalog: the store as it was before.
    pub fn shared() -> Fixtures {
        let read = |set: &[(&str, &[u8])]| {
            let files: HashMap<String, Vec<u8>> = set.iter().map(|(n, b)| ((*n).to_owned(), b.to_vec())).collect();
            Fixtures::from_files(&files).expect("the embedded fixtures are valid")
        };
        read(FIXTURES).with(read(COMPOSITE_FIXTURES))
    }

    /// `self`, then `more`'s answers and catalog rows (for a request both answer, `self` wins).
    pub fn with(mut self, more: Fixtures) -> Fixtures {
        for (k, v) in more.entries {
            self.entries.entry(k).or_insert(v);
        }
        for (k, v) in more.store_products {
            self.store_products.entry(k).or_insert(v);
        }
        for item in more.source_items.items {
            let (sku, code) = (item.value["sku"].as_str().unwrap_or(""), &item.value["source_code"]);
            if !self.source_items.by_sku(sku).iter().any(|&i| self.source_items.items[i].value["source_code"] == *code) {
                self.source_items.items.push(item);
                self.source_items.reindex();
            }
        }
        for p in more.products.items {
            if self.products.by_sku(p.value["sku"].as_str().unwrap_or("")).is_empty() {
                self.products.items.push(p);
                self.products.reindex();
            }
        }
        self.sort_products();
        self.synthetic = self.synthetic.or(more.synthetic);
        self
    }

    /// A fixture folder with its `manifest.json` (another catalog, same conventions).
    pub fn from_dir(dir: &Path) -> Result<Fixtures, String> {
        let mut files = HashMap::new();
        for e in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let e = e.map_err(|e| e.to_string())?;
            if e.path().is_file() {
                files.insert(e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).map_err(|e| e.to_string())?);
            }
        }
        Fixtures::from_files(&files)
    }

    fn from_files(files: &HashMap<String, Vec<u8>>) -> Result<Fixtures, String> {
        let manifest: Vec<Value> =
            serde_json::from_slice(files.get("manifest.json").ok_or("no manifest.json")?).map_err(|e| format!("manifest.json: {e}"))?;
        let mut f = Fixtures {
            entries: HashMap::new(),
            products: Catalog::default(),
            source_items: Catalog::default(),
            store_products: HashMap::new(),
            no_criteria: Arc::new(
                br#"{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"searchCriteria"}}"#.to_vec(),
            ),
            synthetic: None,
        };
        for m in &manifest {
            let file = m["file"].as_str().ok_or("manifest entry without file")?;
            let body = files.get(file).ok_or_else(|| format!("manifest names a missing file {file}"))?.clone();
            let status = m["status"].as_u64().unwrap_or(200) as u16;
            let path = m["path"].as_str().unwrap_or("");
            let store = m["store"].as_str().map(str::to_owned);
            if status == 401 {
                // Every 401 is made per route (its own ACL resource): server::not_authorized.
                continue;
            }
            if status == 400 && path == "/V1/inventory/source-items" && m["query"].is_null() {
                f.no_criteria = Arc::new(body.clone());
            }
            let segments = split_path(path);
            if status == 200 && path == "/V1/inventory/source-items" {
                let v: Value = serde_json::from_slice(&body).map_err(|e| format!("{file}: {e}"))?;
                for item in v["items"].as_array().into_iter().flatten() {
                    let sku = item["sku"].as_str().unwrap_or("");
                    if !f.source_items.by_sku(sku).iter().any(|&i| f.source_items.items[i].value["source_code"] == item["source_code"]) {
                        let raw = ordered_json(item, &["sku", "source_code", "quantity", "status"]);
                        f.source_items.items.push(Item { value: Arc::new(item.clone()), raw: Arc::new(raw) });
                        f.source_items.reindex();
                    }
                }
            }
            // A configurable's children are products too (a products search finds them), answered
            // there from EAV only, as the children route gives them.
            if status == 200 && segments.len() == 4 && segments[1] == "configurable-products" && store.is_none() {
                let v: Value = serde_json::from_slice(&body).map_err(|e| format!("{file}: {e}"))?;
                for child in v.as_array().into_iter().flatten() {
                    let sku = child["sku"].as_str().unwrap_or("");
                    if f.products.by_sku(sku).is_empty() {
                        let raw = child.to_string().into_bytes();
                        f.products.items.push(Item { value: Arc::new(child.clone()), raw: Arc::new(raw) });
                        f.products.reindex();
                    }
                }
            }
            if status == 200 && segments.len() == 3 && segments[1] == "products" {
                let v: Value = serde_json::from_slice(&body).map_err(|e| format!("{file}: {e}"))?;
                let item = Item { value: Arc::new(v), raw: Arc::new(body.clone()) };
                let sku = item.value["sku"].as_str().unwrap_or("").to_owned();
                match &store {
                    Some(s) => {
                        f.store_products.entry((s.clone(), sku_key(&sku))).or_insert(item);
                    }
                    None => match f.products.by_sku(&sku).first() {
                        // The product's own answer is fuller than a children list's row.
                        Some(&i) => f.products.items[i] = item,
                        None => {
                            f.products.items.push(item);
                            f.products.reindex();
                        }
                    },
                }
            }
            let query = m["query"].as_str().map(|q| sorted(php_query(q))).unwrap_or_default();
            let answer = Answer { status, content_type: Arc::from(m["content_type"].as_str().unwrap_or(JSON)), body: Arc::new(body) };
            f.entries.entry(Key { store, segments, query }).or_insert(answer);
        }
        f.sort_products();
        Ok(f)
    }

    /// Products in `entity_id` order (the natural order of a products search).
    fn sort_products(&mut self) {
        self.products.items.sort_by_key(|p| p.value["id"].as_i64().unwrap_or(i64::MAX));
        self.products.reindex();
    }

    /// Adds `n` SKUs `LOAD-0000`… answering like `template` does (product, stock item, source
    /// items, salable quantity, requested-qty checks), made from the template's answers when asked.
    pub fn with_synthetic(mut self, n: usize, template: &str) -> Fixtures {
        let product = self.products.by_sku(template).first().map(|&i| self.products.items[i].clone());
        let items = self.source_items.by_sku(template).iter().map(|&i| self.source_items.items[i].clone()).collect();
        let first_id = self.products.items.iter().filter_map(|p| p.value["id"].as_i64()).max().unwrap_or(0) + 1;
        self.synthetic = Some(Synthetic { count: n, template: template.to_owned(), product, items, first_id });
        self
    }

    /// The recorded answer for a request: the store's own first, then any store's; a synthetic SKU
    /// in the path answers as its template.
    pub(crate) fn lookup(&self, store: Option<&str>, segments: &[String], query: &[(String, String)]) -> Option<Answer> {
        let query = sorted(query.to_vec());
        let find = |segments: &[String]| {
            let mut key = Key { store: store.map(str::to_owned), segments: segments.to_vec(), query: query.clone() };
            if key.store.is_some() {
                if let Some(a) = self.entries.get(&key) {
                    return Some(a.clone());
                }
            }
            key.store = None;
            self.entries.get(&key).cloned()
        };
        if let Some(a) = find(segments) {
            return Some(a);
        }
        let s = self.synthetic.as_ref()?;
        let (pos, i) = segments.iter().enumerate().find_map(|(p, seg)| s.index(seg).map(|i| (p, i)))?;
        let mut as_template = segments.to_vec();
        as_template[pos].clone_from(&s.template);
        let a = find(&as_template)?;
        let product = segments.len() == 3 && segments[1] == "products";
        Some(Answer { body: Arc::new(s.rewrite(&a.body, i, product)), ..a })
    }

    /// A product row as store view `store` answers it.
    pub(crate) fn product_raw<'a>(&'a self, idx: usize, store: Option<&str>) -> Cow<'a, [u8]> {
        let p = &self.products.items[idx];
        if let (Some(store), Some(sku)) = (store, p.value["sku"].as_str()) {
            if let Some(o) = self.store_products.get(&(store.to_owned(), sku_key(sku))) {
                return Cow::Borrowed(&o.raw);
            }
        }
        Cow::Borrowed(&p.raw)
    }

    /// Whether `sku` has source items (is assigned to a source), synthetic ones included.
    pub(crate) fn has_source_items(&self, sku: &str) -> bool {
        !self.source_items.by_sku(sku).is_empty() || self.synthetic.as_ref().is_some_and(|s| s.index(sku).is_some() && !s.items.is_empty())
    }

    /// How many SKUs the catalog holds (products, synthetic included).
    pub fn product_count(&self) -> usize {
        self.products.items.len() + self.synthetic.as_ref().map_or(0, |s| if s.product.is_some() { s.count } else { 0 })
    }
}
