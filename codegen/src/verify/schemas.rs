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
    let mut found: Vec<Diagnostic> = Validator::problems(document, &entries, Options::default())
        .into_iter()
        .map(|problem| diagnose(spec, index, &problem))
        .collect();
    // Parameters and headers have no place in the emitted document: their patterns are
    // checked here, with the same regex engine.
    for schema in spec.schemas() {
        let Some(pattern) = &schema.constraints.pattern else {
            continue;
        };
        if index.pointer(&schema.path).is_some() {
            continue;
        }
        if let Some(message) = molde_validator::pattern_error(&pattern.value) {
            found.push(
                Diagnostic::error(
                    "pattern.invalid",
                    format!("the pattern of `{}` cannot be used: {message}", schema.path),
                )
                .hint(PATTERN_HINT)
                .at(pattern.pos)
                .path(schema.path.to_string()),
            );
        }
    }
    found
}

const PATTERN_HINT: &str =
    "JSON Schema patterns are ECMA-262 regular expressions; fix it (an overlay can)";

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
        .hint(PATTERN_HINT),
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

#[cfg(test)]
mod tests {
    #[test]
    fn an_invalid_pattern_is_an_error_with_the_engine_message_in_parameters_too() {
        let spec = "swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      parameters:
      - {name: q, in: query, type: string, pattern: '[a-'}
      - {name: ok, in: query, type: string, pattern: '^[a-z]+$'}
      responses: {200: {description: ok}}
definitions:
  A:
    type: string
    pattern: '(a'
";
        let found: Vec<_> = crate::check_bytes("t.yaml", spec.as_bytes(), &[])
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "pattern.invalid")
            .collect();
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.severity, d.line, d.column, d.path.as_str()))
            .collect();
        use crate::diag::Severity::Error;
        assert_eq!(
            got,
            vec![
                (Error, 7, 44, "paths./pets.get.parameters.q"),
                (Error, 13, 5, "definitions.A"),
            ]
        );
        assert!(found[0].message.contains("Unbalanced bracket"), "{found:?}");
    }
}
