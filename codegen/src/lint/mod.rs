//! Lints over the model: what a spec says that cannot be right (a reference to nothing, an enum
//! its own documentation contradicts, bounds no value meets). How a spec is written is the
//! readers' business; their findings stay in [`Spec::diagnostics`](crate::model::Spec).
//!
//! ```
//! let text = b"swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    $ref: '#/definitions/B'\n";
//! let found = molde_codegen::check_bytes("a.yaml", text, &[]).diagnostics;
//! assert_eq!(found[0].code, "ref.dangling");
//! assert_eq!((found[0].line, found[0].column), (6, 11));
//! ```

mod constraints;
pub(crate) mod document;
mod enums;
mod refs;
mod required;

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::Spec;

/// Runs every lint over `spec`. Findings come in model order, each once (a field merged into
/// several types through `allOf` is reported where it is written, once).
pub(crate) fn run(spec: &Spec) -> Vec<Diagnostic> {
    let schemas = spec.schemas();
    let mut found = Vec::new();
    refs::dangling(spec, &schemas, &mut found);
    for schema in &schemas {
        enums::doc_mismatch(schema, &mut found);
        enums::duplicate_label(schema, &mut found);
        enums::duplicate_value(schema, &mut found);
        constraints::unsatisfiable(schema, &mut found);
        constraints::inapplicable(schema, &mut found);
        constraints::nonstandard_format(schema, &mut found);
        required::undeclared(schema, &mut found);
        required::read_only(schema, &mut found);
        required::discriminator(schema, &mut found);
    }
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter(|d| seen.insert((d.code, d.line, d.column, d.message.clone())))
        .map(|d| d.file(spec.source.as_str()))
        .collect()
}

/// `a, b, c` for the first ten items, then `and N more`.
fn list(items: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = items
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests;
