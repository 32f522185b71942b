//! tthc-analytics: Vietnamese TTHC dossier exports in, the official figures out.
//!
//! The core is pure: bytes and options in, a serialisable [`Report`] out. Only `wasm.rs` knows
//! wasm-bindgen. See ARCHITECTURE.md for the bird's-eye view.

pub mod aggregate;
mod build;
pub mod classify;
pub mod format;
pub mod index;
pub mod ingest;
pub mod model;
pub mod report;
pub mod sample;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use ingest::{Analyzer, Options};
pub use report::Report;

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
    Ok(a.finish())
}
