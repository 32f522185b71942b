//! tthc-analytics: Vietnamese TTHC dossier exports in, the official figures out.
//!
//! The core is pure: bytes and options in, a serialisable [`Report`] out. Only `src/wasm/` knows
//! wasm-bindgen. Layers run one way: `basics` → `table` → `dossier` → `index` → `export` →
//! `wasm` / `bin` (`sample` beside them, used by the page, the CLI and the tests). See
//! ARCHITECTURE.md.

pub mod basics;
pub mod dossier;
pub mod export;
pub mod index;
pub mod sample;
pub mod table;
pub mod typescript;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use dossier::{Analyzer, Options, Report};

/// Analyses whole files at once: `(name, bytes)` pairs through one [`Analyzer`].
pub fn analyze_files<'a>(
    options: Options,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Report, String> {
    let mut a = Analyzer::new(options)?;
    for (name, bytes) in files {
        a.begin_file(name);
        a.push(bytes);
        a.end_file();
    }
    Ok(a.finish_report())
}
