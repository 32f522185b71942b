//! The layers of ARCHITECTURE.md, checked on the source text: `basics` → `table` → `dossier` →
//! `index` → `export` → (`sample`) → `wasm` / `bin`; a module may use its own layer and those
//! before it, never one after it. And only `src/wasm/` may know wasm-bindgen.

use std::path::{Path, PathBuf};

/// The layers in order; a file under `src/<layer>/` may name `crate::<l>` only for `l` at or
/// before its own layer.
const LAYERS: [&str; 6] = ["basics", "table", "dossier", "index", "export", "sample"];

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
    assert_eq!(layer_of("src/export/sheet.rs"), Some(4));
    assert_eq!(layer_of("src/lib.rs"), None);
    assert_eq!(layer_of("src/wasm/mod.rs"), None);
}

/// Files of data (tables, translations) that may be long.
const DATA_FILES: [&str; 0] = [];

fn all_files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "pkg" && name != "node_modules" && name != "vendor" {
                all_files(&p, exts, out);
            }
        } else if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

#[test]
fn no_source_file_over_700_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    all_files(&root.join("src"), &["rs"], &mut files);
    all_files(&root.join("www"), &["js", "css", "html"], &mut files);
    let mut bad = Vec::new();
    for p in files {
        let rel = p
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let n = std::fs::read_to_string(&p).unwrap().lines().count();
        if n > 700 && !DATA_FILES.contains(&rel.as_str()) {
            bad.push(format!("{rel}: {n} lines"));
        }
    }
    assert!(bad.is_empty(), "files over 700 lines:\n{}", bad.join("\n"));
}

/// Functions of more than `max` lines whose doc comment does not say why they are long (a doc
/// line with the word «long»). Functions are found by their `fn` line and the closing brace at
/// the same indentation; a reason is a doc line saying «long» or «80 lines», which is how rustfmt lays them out.
fn long_functions(text: &str, max: usize) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let indent = &line[..line.len() - t.len()];
        let mut rest = t;
        for prefix in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let Some(sig) = rest.strip_prefix("fn ") else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let name: String = sig
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        let Some(end) = lines[i + 1..].iter().position(|l| l.trim_end() == close) else {
            continue;
        };
        let n = end + 2;
        if n <= max {
            continue;
        }
        let mut j = i;
        let mut reason = false;
        while j > 0 {
            j -= 1;
            let d = lines[j].trim_start();
            if d.starts_with("///") {
                let d = d.to_lowercase();
                reason |= d.contains("long") || d.contains("80 lines");
            } else if !d.starts_with("#[") {
                break;
            }
        }
        if !reason {
            out.push((i + 1, name, n));
        }
    }
    out
}

#[test]
fn no_function_over_80_lines_without_a_reason() {
    let mut bad = Vec::new();
    for (rel, text) in src_files() {
        for (line, name, n) in long_functions(&text, 80) {
            bad.push(format!("{rel}:{line}: fn {name} has {n} lines"));
        }
    }
    assert!(
        bad.is_empty(),
        "long functions without a reason in their doc comment:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_length_check_can_fail() {
    let body = "    x();\n".repeat(90);
    let long = format!("/// Adds.\nfn f() {{\n{body}}}\n");
    assert_eq!(long_functions(&long, 80).len(), 1);
    let excused = format!("/// Long: a table.\nfn f() {{\n{body}}}\n");
    assert!(long_functions(&excused, 80).is_empty());
}
