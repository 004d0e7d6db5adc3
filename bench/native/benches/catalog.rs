//! Products per second of `evaluate_catalog`, natively, on the catalog that `bench/run.mjs` wrote
//! (`target/bench-catalog.json`, 100,000 products from a fixed seed).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

fn catalog(c: &mut Criterion) {
    let path = std::env::var("BENCH_CATALOG").unwrap_or_else(|_| "../../target/bench-catalog.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}; run `npm run bench`, which writes it"));
    // One output per product: count them from a first run, which also checks the catalog evaluates.
    let products = salable::evaluate_catalog(&text).expect("the catalog evaluates").matches("\"schema_org_availability\"").count();
    let mut group = c.benchmark_group("evaluate_catalog");
    group.throughput(Throughput::Elements(products as u64));
    group.sample_size(10).measurement_time(Duration::from_secs(8)).warm_up_time(Duration::from_secs(2));
    group.bench_function(format!("{products} products"), |b| b.iter(|| salable::evaluate_catalog(std::hint::black_box(&text)).unwrap()));
    group.finish();
}

criterion_group!(benches, catalog);
criterion_main!(benches);
