//! Lints over the model: what a spec says that cannot be right (a reference to nothing, an enum
//! its own documentation contradicts, bounds no value meets). How a spec is written is the
//! readers' business; their findings stay in [`Spec::diagnostics`](crate::model::Spec).
//!
//! ```
//! let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\ndefinitions:\n  A:\n    $ref: '#/definitions/B'\n";
//! let root = molde_codegen::read::yaml::parse(text).unwrap().root;
//! let spec = molde_codegen::read::swagger::read("a.yaml", &root);
//! let found = molde_codegen::lint::run(&spec);
//! assert_eq!(found[0].code, "ref.dangling");
//! assert_eq!((found[0].line, found[0].column), (5, 11));
//! ```

mod constraints;
mod enums;
pub mod examples;
mod refs;
mod required;

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::Spec;

/// Runs every lint over `spec`. Findings come in model order, each once (a field merged into
/// several types through `allOf` is reported where it is written, once).
pub fn run(spec: &Spec) -> Vec<Diagnostic> {
    let schemas = spec.schemas();
    let mut found = Vec::new();
    refs::dangling(spec, &schemas, &mut found);
    for schema in &schemas {
        enums::doc_mismatch(schema, &mut found);
        constraints::unsatisfiable(schema, &mut found);
        constraints::inapplicable(schema, &mut found);
        constraints::nonstandard_format(schema, &mut found);
        required::undeclared(schema, &mut found);
    }
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter(|d| seen.insert((d.code, d.line, d.column, d.message.clone())))
        .map(|d| d.file(spec.source.as_str()))
        .collect()
}

/// The candidate closest to `name` by edit distance (ignoring case), if it is close enough to be
/// a likely typo: at most one edit per five characters, and at least one.
///
/// ```
/// use molde_codegen::lint::closest_name;
/// assert_eq!(closest_name("Persna", ["Persona", "Domicilio"]), Some("Persona"));
/// assert_eq!(closest_name("CatalogoEstados", ["CatalogoEstadoCivil"]), None);
/// ```
pub fn closest_name<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (name.chars().count() / 5).max(1);
    let name = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
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
