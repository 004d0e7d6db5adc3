//! Times `evaluate_catalog` natively on a catalog file: `cargo run --release --example catalog_time -- target/bench-catalog.json`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/bench-catalog.json".into());
    let text = std::fs::read_to_string(&path).expect("catalog file");
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let out = salable::evaluate_catalog(&text).expect("catalog evaluates");
        println!("{} MB in, {} MB out, {:?}", text.len() / 1_000_000, out.len() / 1_000_000, t.elapsed());
    }
}
