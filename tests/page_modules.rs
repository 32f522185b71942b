//! The page's scripts and its four wasm modules (issue 10), checked on the source text of `www/`:
//! - `index.html` preloads (`<link rel="modulepreload">`) exactly the modules app.js imports,
//!   directly or not, so that they are fetched at once and not level by level (the cold start);
//! - the analysis workers load the analysis module (and the analysis worker the index module, on
//!   demand) and the export worker the export module, never another (the workbook writer and the
//!   index stay out of what every page loads); `lib/wasm.js` names the `.wasm` files as
//!   `scripts/build-wasm.sh` writes them;
//! - when `www/pkg` is built: each module's declarations have its own bindings only.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn www() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(www().join(rel)).unwrap_or_else(|e| panic!("www/{rel}: {e}"))
}

/// The relative modules a script imports statically (`import … from './x.js'`, `import './x.js'`),
/// as paths under `www/`.
fn imports(rel: &str) -> Vec<String> {
    let dir = Path::new(rel).parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    let text = read(rel);
    let mut rest = text.as_str();
    // an import statement starts a line (after the `// @ts-check` line); its module is the
    // quoted string after `from`, or right after `import`
    while let Some(i) = rest.find("\nimport ") {
        rest = &rest[i + 1..];
        let end = rest.find(';').unwrap_or(rest.len());
        let stmt = &rest[..end];
        let spec = stmt.rsplit_once("from ").map_or_else(
            || stmt.trim_start_matches("import ").trim(),
            |(_, s)| s.trim(),
        );
        let spec = spec.trim_matches(|c| c == '\'' || c == '"');
        if spec.starts_with('.') {
            out.push(normalise(&dir.join(spec)));
        }
        rest = &rest[end..];
    }
    out
}

fn normalise(p: &Path) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in p.components() {
        match c.as_os_str().to_str().unwrap() {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every module `entry` imports, directly or not (without `entry`).
fn graph(entry: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![entry.to_string()];
    while let Some(m) = todo.pop() {
        for d in imports(&m) {
            if seen.insert(d.clone()) {
                todo.push(d);
            }
        }
    }
    seen.remove(entry);
    seen
}

/// The values of `attr="…"` in the tags of `html` that contain `marker`.
fn tag_values(html: &str, marker: &str, attr: &str) -> BTreeSet<String> {
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let v = tag.split_once(&format!("{attr}=\""))?.1;
            Some(v[..v.find('"')?].to_string())
        })
        .collect()
}

#[test]
fn the_import_reader_sees_every_form() {
    // checks the reader above on the page's own files: app.js imports run.js, run.js lib/wasm.js
    assert!(imports("app.js").contains(&"run.js".to_string()));
    assert_eq!(imports("run.js"), ["lib/wasm.js"]);
    assert!(imports("views/report.js").contains(&"views/report-charts.js".to_string()));
    assert!(graph("app.js").contains("views/index766-inputs.js"));
}

#[test]
fn index_html_preloads_every_module_of_app_js() {
    let html = read("index.html");
    let preloaded = tag_values(&html, "rel=\"modulepreload\"", "href");
    let scripts = tag_values(&html, "type=\"module\"", "src");
    assert_eq!(
        scripts,
        BTreeSet::from(["app.js".to_string(), "boot.js".to_string()])
    );
    let mut needed = graph("app.js");
    needed.extend(graph("boot.js"));
    let missing: Vec<_> = needed.difference(&preloaded).collect();
    let extra: Vec<_> = preloaded.difference(&needed).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "www/index.html: add <link rel=\"modulepreload\"> for {missing:?}, remove it for {extra:?}"
    );
}

#[test]
fn each_worker_loads_its_own_wasm_module() {
    for (worker, module, not) in [
        ("worker.js", "pkg/tthc_analytics.js", "pkg/tthc_export.js"),
        (
            "part-worker.js",
            "pkg/tthc_analytics.js",
            "pkg/tthc_export.js",
        ),
        (
            "export-worker.js",
            "pkg/tthc_export.js",
            "pkg/tthc_analytics.js",
        ),
    ] {
        let g = graph(worker);
        assert!(g.contains(module), "{worker} does not import {module}");
        assert!(!g.contains(not), "{worker} imports {not}");
    }
    // the index and legacy modules only on demand: dynamic imports in the analysis worker alone
    for module in ["tthc_index", "tthc_analytics_legacy"] {
        assert!(read("worker.js").contains(&format!("import('./pkg/{module}.js')")));
        for worker in ["part-worker.js", "export-worker.js"] {
            assert!(!read(worker).contains(module), "{worker}");
        }
    }
    // the page, the element and the API import no bindings (lib/wasm.js compiles the analysis
    // module by its URL)
    for entry in ["app.js", "boot.js", "tthc.js", "tthc-dashboard.js"] {
        assert!(
            graph(entry).iter().all(|m| !m.starts_with("pkg/")),
            "{entry}"
        );
    }
    let names = read("lib/wasm.js");
    let build = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-wasm.sh"),
    )
    .unwrap();
    for (feature, name) in [
        ("wasm-analysis", "tthc_analytics"),
        ("wasm-index,legacy-workbooks", "tthc_index"),
        ("wasm-export", "tthc_export"),
        ("wasm-analysis,legacy-workbooks", "tthc_analytics_legacy"),
    ] {
        assert!(build.contains(&format!("\"{feature} {name}\"")), "{name}");
        assert!(
            names.contains(&format!("'../pkg/{name}_bg.wasm'")),
            "{name}"
        );
    }
}

#[test]
fn each_built_module_has_its_own_bindings() {
    let pkg = www().join("pkg");
    let (Ok(analysis), Ok(index), Ok(export)) = (
        std::fs::read_to_string(pkg.join("tthc_analytics.d.ts")),
        std::fs::read_to_string(pkg.join("tthc_index.d.ts")),
        std::fs::read_to_string(pkg.join("tthc_export.d.ts")),
    ) else {
        eprintln!("www/pkg is not built (make wasm): not checked");
        return;
    };
    // each module's own bindings, and none of another's
    let own: [(&str, &String, &[&str]); 3] = [
        (
            "analysis",
            &analysis,
            &[
                "class Analyzer",
                "class SampleStream",
                "function indexMethodologies(",
                "function isSummary(",
                "function mergeSummaries(",
                "function summaryRefused(",
            ],
        ),
        (
            "index",
            &index,
            &[
                "class IndexBuilder",
                "function indexSampleFiles(",
                "function indexSampleFocus(",
            ],
        ),
        (
            "export",
            &export,
            &[
                "function exportXlsx(",
                "function exportForm06(",
                "function exportIndexXlsx(",
                "function tableCsv(",
                "function makeSummary(",
            ],
        ),
    ];
    for (name, text, fns) in own {
        for f in fns {
            assert!(text.contains(f), "the {name} module lacks {f}");
            for (other, other_text, _) in own {
                if other != name {
                    assert!(!other_text.contains(f), "the {other} module has {f}");
                }
            }
        }
        assert!(text.contains("function takePanic("), "{name}");
    }
}
