//! The TypeScript declarations of every value that crosses into JavaScript, derived from the Rust
//! types by `ts-rs` (serde attributes included: renames, flattening, optional and untagged
//! fields): the dossier `Report`, the `IndexReport`, the options and the manual entries. The
//! wasm build writes them to `www/pkg/tthc_types.d.ts` (`tthc typescript`), the bindings' own
//! declarations import them, and `tsc` checks the page against them.
//!
//! Integers are declared `number`: they cross as JS numbers (JSON-compatible), never as BigInt.

use crate::dossier::{report::Report, Options};
use crate::index::{IndexOptions, IndexReport, ManualEntry};
use std::any::TypeId;
use std::collections::BTreeMap;
use ts_rs::{Config, TS};

/// The roots: the values the bindings take or return. Their parts follow (see `declarations`).
fn roots(cfg: &Config, out: &mut Vec<(TypeId, String, String)>) {
    push::<Report>(cfg, out);
    push::<IndexReport>(cfg, out);
    push::<Options>(cfg, out);
    push::<IndexOptions>(cfg, out);
    push::<ManualEntry>(cfg, out);
    push::<crate::dossier::options::MappingPreset>(cfg, out);
}

fn push<T: TS + 'static + ?Sized>(cfg: &Config, out: &mut Vec<(TypeId, String, String)>) {
    out.push((TypeId::of::<T>(), T::ident(cfg), T::decl(cfg)));
    // every named type it uses, declared the same way
    struct Visit<'a>(&'a Config, &'a mut Vec<(TypeId, String, String)>);
    impl ts_rs::TypeVisitor for Visit<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            if U::output_path().is_some() {
                self.1
                    .push((TypeId::of::<U>(), U::ident(self.0), U::decl(self.0)));
                U::visit_dependencies(self);
            }
        }
    }
    T::visit_dependencies(&mut Visit(cfg, out));
}

/// The text of `tthc_types.d.ts`: one `export type` per type, sorted by name.
pub fn declarations() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut all = Vec::new();
    roots(&cfg, &mut all);
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    for (_, name, decl) in all {
        by_name.entry(name).or_insert(decl);
    }
    let mut out = String::from(
        "// Generated from the Rust types by `tthc typescript` (src/typescript.rs): do not edit.\n",
    );
    for decl in by_name.values() {
        out.push_str("\nexport ");
        out.push_str(decl.trim_end());
        out.push('\n');
    }
    out
}
