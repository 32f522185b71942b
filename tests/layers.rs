//! The layers of ARCHITECTURE.md, checked on the source text: `basics` → `table` → `dossier` →
//! `index` → (`sample`) → `wasm` / `bin`; a module may use its own layer and those before it,
//! never one after it. And only `src/wasm/` may know wasm-bindgen.

use std::path::{Path, PathBuf};

/// The layers in order; a file under `src/<layer>/` may name `crate::<l>` only for `l` at or
/// before its own layer.
const LAYERS: [&str; 5] = ["basics", "table", "dossier", "index", "sample"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn layer_of(rel: &str) -> Option<usize> {
    let first = rel.strip_prefix("src/")?.split('/').next()?;
    LAYERS
        .iter()
        .position(|l| *l == first || format!("{l}.rs") == first)
}

#[test]
fn only_src_wasm_knows_wasm_bindgen() {
    let mut bad = Vec::new();
    for (rel, text) in src_files() {
        if rel.starts_with("src/wasm/") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            for word in ["wasm_bindgen", "js_sys", "web_sys", "JsValue"] {
                if line.contains(word) {
                    bad.push(format!("{rel}:{}: {word}", n + 1));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "wasm-bindgen named outside src/wasm/:\n{}",
        bad.join("\n")
    );
}

#[test]
fn nothing_imports_upward() {
    let mut bad = Vec::new();
    let mut seen = [false; LAYERS.len()];
    for (rel, text) in src_files() {
        let Some(own) = layer_of(&rel) else { continue };
        seen[own] = true;
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("crate::") {
                rest = &rest[i + 7..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let target = if name == "wasm" {
                    Some(LAYERS.len())
                } else {
                    LAYERS.iter().position(|l| *l == name)
                };
                if let Some(t) = target {
                    if t > own {
                        bad.push(format!(
                            "{rel}:{}: {} uses crate::{name}",
                            n + 1,
                            LAYERS[own]
                        ));
                    }
                }
            }
        }
    }
    assert!(
        seen.iter().all(|&s| s),
        "every layer has a folder under src/"
    );
    assert!(bad.is_empty(), "upward imports:\n{}", bad.join("\n"));
}

#[test]
fn the_check_can_fail() {
    assert_eq!(layer_of("src/table/cells.rs"), Some(1));
    assert_eq!(layer_of("src/index/score.rs"), Some(3));
    assert_eq!(layer_of("src/lib.rs"), None);
    assert_eq!(layer_of("src/wasm/mod.rs"), None);
}
