//! Embeds the Magento REST fixtures (tests/fixtures/magento-rest) so that the fake Magento behind
//! `serve --demo`, `fake-magento` and `load` works from the binary alone.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("tests/fixtures/magento-rest");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out =
        String::from("/// (file name, bytes) of every fixture, manifest.json included.\npub static FIXTURES: &[(&str, &[u8])] = &[\n");
    for n in &names {
        out.push_str(&format!("    ({n:?}, include_bytes!({:?})),\n", dir.join(n).display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("fixtures.rs"), out).unwrap();
}
