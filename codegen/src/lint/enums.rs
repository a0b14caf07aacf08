//! `enum.doc-mismatch`: the values of `enum` and the catalogue table of the description
//! (`Clave | Descripción |`) list different codes.

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::{Schema, Type};

use super::list;

/// The first table of the description is the type's catalogue; later ones (the states table
/// under the nationalities of `CatalogoNacionalidad`) only serve the hint.
pub(super) fn doc_mismatch(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Type::Enum(enumeration) = &schema.ty else {
        return;
    };
    let tables = &enumeration.catalogue;
    let Some(table) = tables.first() else {
        return;
    };
    let values: Vec<String> = enumeration.values.iter().map(|v| v.code()).collect();
    let value_set: HashSet<&str> = values.iter().map(String::as_str).collect();
    let code_set: HashSet<&str> = table.codes().into_iter().collect();
    let undocumented: Vec<String> = values
        .iter()
        .filter(|v| !code_set.contains(v.as_str()))
        .cloned()
        .collect();
    let missing: Vec<String> = table
        .codes()
        .into_iter()
        .filter(|c| !value_set.contains(c))
        .map(str::to_string)
        .collect();
    if undocumented.is_empty() && missing.is_empty() {
        return;
    }
    let mut parts = Vec::new();
    if !undocumented.is_empty() {
        parts.push(format!(
            "{} enum value(s) not in the table: {}",
            undocumented.len(),
            list(&undocumented)
        ));
    }
    if !missing.is_empty() {
        parts.push(format!(
            "{} table code(s) not in the enum: {}",
            missing.len(),
            list(&missing)
        ));
    }
    let other = tables[1..].iter().find(|t| {
        let codes: HashSet<&str> = t.codes().into_iter().collect();
        codes == value_set
    });
    let hint = match other {
        Some(t) => format!(
            "the enum lists exactly the codes of the later table `{}`: it may belong to another type; \
             make `enum` list the codes of `{}` (an overlay can)",
            t.header_text(),
            table.header_text()
        ),
        None => {
            "make `enum` and the table list the same codes (an overlay can fix either)".to_string()
        }
    };
    found.push(
        Diagnostic::warning(
            "enum.doc-mismatch",
            format!(
                "`{}`: enum and its catalogue table `{}` disagree: {}",
                schema.path,
                table.header_text(),
                parts.join("; ")
            ),
        )
        .at(enumeration.pos)
        .path(schema.path.child("enum").to_string())
        .hint(hint),
    );
}

/// `enum.duplicate-label`: two values of one enum carry the same label (`Zona urbana` for two
/// codes of `CatalogoTipoAsentamiento`). Generated code names variants from labels and has to
/// tell these apart with a suffix; a reader of the catalogue cannot tell them apart at all.
pub(super) fn duplicate_label(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Type::Enum(enumeration) = &schema.ty else {
        return;
    };
    let mut first: Vec<(String, String)> = Vec::new(); // (folded label, code)
    for value in &enumeration.values {
        let Some(label) = value
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        else {
            continue;
        };
        let folded = label.to_lowercase();
        match first.iter().find(|(l, _)| *l == folded) {
            Some((_, code)) => found.push(
                Diagnostic::warning(
                    "enum.duplicate-label",
                    format!(
                        "`{}` and `{code}` have the same label, `{label}`",
                        value.code()
                    ),
                )
                .at(value.pos)
                .path(schema.path.to_string())
                .hint("give each code a label of its own in the catalogue table; generated Rust names the second variant with a number"),
            ),
            None => first.push((folded, value.code())),
        }
    }
}

/// `enum.duplicate-value`: a value listed twice in one `enum` (JSON equality: `1` and `"1"`
/// are different values). A generator emits the variant twice, or drops one in silence.
pub(super) fn duplicate_value(schema: &Schema, found: &mut Vec<Diagnostic>) {
    let Type::Enum(enumeration) = &schema.ty else {
        return;
    };
    for (i, value) in enumeration.values.iter().enumerate() {
        if enumeration.values[..i]
            .iter()
            .any(|v| v.value == value.value)
        {
            found.push(
                Diagnostic::warning(
                    "enum.duplicate-value",
                    format!("{} is listed twice in this enum", value.value),
                )
                .at(value.pos)
                .path(schema.path.child("enum").to_string())
                .hint("remove the second one"),
            );
        }
    }
}
