//! Embeds the fixture folders (`fixtures/magento-rest`, the configurable's children in
//! `fixtures/magento-rest-composite`, the 2.4.7 habits' catalog in `fixtures/magento-rest-247`) so
//! that `fake-magento` and `salable-load` work from the binary alone.
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("fixtures");
    let mut out = String::new();
    for (dir, name) in
        [("magento-rest", "FIXTURES"), ("magento-rest-composite", "COMPOSITE_FIXTURES"), ("magento-rest-247", "HABITS_FIXTURES")]
    {
        out.push_str(&embed(&root.join(dir), name));
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("fixtures.rs"), out).unwrap();
}

fn embed(dir: &Path, name: &str) -> String {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out = format!("/// (file name, bytes) of every fixture, manifest.json included.\npub static {name}: &[(&str, &[u8])] = &[\n");
    for n in &names {
        out.push_str(&format!("    ({n:?}, include_bytes!({:?})),\n", dir.join(n).display().to_string()));
    }
    out.push_str("];\n");
    out
}
