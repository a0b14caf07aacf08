//! Every schema of the emitted document compiles: `ref.cycle` for a loop no value can end,
//! `pattern.invalid` for a pattern that is not an ECMA-262 regular expression, and
//! `schema.uncompilable` for anything else the validator refuses.

use molde_validator::{CompileError, Options, Validator};
use serde_json::Value as Json;

use crate::diag::Diagnostic;
use crate::emit::json_schema::{SchemaIndex, def_pointer};
use crate::model::{Schema, Spec, Type};
use crate::tree::Pos;

pub(super) fn check(spec: &Spec, document: &Json, index: &SchemaIndex) -> Vec<Diagnostic> {
    let entries: Vec<String> = document
        .get("$defs")
        .and_then(Json::as_object)
        .map(|defs| defs.keys().map(|name| def_pointer(name)).collect())
        .unwrap_or_default();
    let entries: Vec<&str> = entries.iter().map(String::as_str).collect();
    Validator::problems(document, &entries, Options::default())
        .into_iter()
        .map(|problem| diagnose(spec, index, &problem))
        .collect()
}

/// The finding for one problem, at the schema (or keyword) of the spec it comes from.
fn diagnose(spec: &Spec, index: &SchemaIndex, problem: &CompileError) -> Diagnostic {
    let pointer = problem.pointer().trim_start_matches('#');
    let (schema, keyword) = locate(index, pointer);
    let model = schema.and_then(|(path, _)| spec.schema_at(path));
    let pos = match (model, keyword) {
        (Some(s), Some(keyword)) => keyword_pos(s, keyword),
        (Some(s), None) => reference_pos(s),
        (None, _) => None,
    }
    .or(schema.map(|(_, pos)| *pos))
    .unwrap_or_default();
    let path = schema.map(|(path, _)| path.to_string()).unwrap_or_default();
    let shown = if path.is_empty() {
        format!("`{pointer}`")
    } else {
        format!("`{path}`")
    };
    let diagnostic = match problem {
        CompileError::Cycle { .. } => Diagnostic::error(
            "ref.cycle",
            format!(
                "{shown} refers back to itself through `$ref` or `allOf` without a member or item in between: no value can be checked against it"
            ),
        )
        .hint("make one schema of the loop an object or an array, or remove a reference (an overlay can)"),
        CompileError::Invalid { message, .. } if keyword == Some("pattern") => Diagnostic::error(
            "pattern.invalid",
            format!("the pattern of {shown} cannot be used: {message}"),
        )
        .hint("JSON Schema patterns are ECMA-262 regular expressions; fix it (an overlay can)"),
        CompileError::Invalid { message, .. } => Diagnostic::error(
            "schema.uncompilable",
            format!("{shown} cannot be checked: {message}"),
        )
        .hint("`molde validate` refuses this schema; fix the spec (an overlay can)"),
        other => Diagnostic::error(
            "schema.uncompilable",
            format!("{shown} cannot be checked: {other}"),
        )
        .hint("`molde validate` refuses this schema; fix the spec (an overlay can)"),
    };
    diagnostic.at(pos).path(path)
}

/// The emitted schema a pointer falls in (its model path and position), and the keyword after
/// it when the pointer goes on into one (`/$defs/X/pattern` -> X, `pattern`).
fn locate<'i>(
    index: &'i SchemaIndex,
    pointer: &'i str,
) -> (Option<&'i (crate::model::ModelPath, Pos)>, Option<&'i str>) {
    let mut end = pointer.len();
    loop {
        let prefix = &pointer[..end];
        if let Some(found) = index.schema_at(prefix) {
            let rest = pointer[end..].trim_start_matches('/');
            let keyword = rest.split('/').next().filter(|k| !k.is_empty());
            return (Some(found), keyword);
        }
        match prefix.rfind('/') {
            Some(slash) => end = slash,
            None => return (None, None),
        }
    }
}

fn keyword_pos(schema: &Schema, keyword: &str) -> Option<Pos> {
    schema
        .constraints
        .keywords()
        .into_iter()
        .find(|(name, _, _)| *name == keyword)
        .map(|(_, pos, _)| pos)
        .or_else(|| reference_pos(schema))
}

/// Where a schema refers elsewhere: its `$ref`, or the reference that closes a recursive type.
fn reference_pos(schema: &Schema) -> Option<Pos> {
    match &schema.ty {
        Type::Ref(r) => Some(r.pos),
        Type::Recursive(link) => Some(link.pos),
        _ => None,
    }
}
