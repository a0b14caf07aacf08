//! `default.invalid`: a schema's or a parameter's `default` that its own schema rejects (a
//! type, an enum, bounds or a pattern it breaks), checked by the validator `molde validate`
//! uses against the JSON Schema molde emits. A client that fills in the default sends a value
//! the server must refuse.

use std::collections::HashMap;

use molde_validator::{Options, Validator};
use serde_json::Value as Json;

use super::examples::{EXTRA_DEFINITION, Target, target};
use crate::diag::Diagnostic;
use crate::emit::json_schema::{ExtraDefinitions, SchemaIndex, def_pointer};
use crate::model::{ExampleOf, Spec};

/// Violations named in one finding at most.
const SHOWN: usize = 3;

pub(super) fn check(
    spec: &Spec,
    document: &Json,
    index: &SchemaIndex,
    extras: &ExtraDefinitions<'_>,
) -> Vec<Diagnostic> {
    let mut validators: HashMap<String, Option<Validator>> = HashMap::new();
    let mut found = Vec::new();
    for schema in spec.schemas() {
        let Some(default) = &schema.default else {
            continue;
        };
        let of = ExampleOf::Schema {
            path: schema.path.clone(),
        };
        // A schema that cannot be compiled is `check`'s finding already.
        let violations = match target(spec, index, extras, &of) {
            Target::Entry(entry) => validators
                .entry(entry.clone())
                .or_insert_with(|| Validator::compile(document, &entry, Options::default()).ok())
                .as_ref()
                .map(|v| v.validate_value(default)),
            Target::Extra(extra) => {
                Validator::compile(&extra, &def_pointer(EXTRA_DEFINITION), Options::default())
                    .ok()
                    .map(|v| v.validate_value(default))
            }
            Target::Nothing | Target::Unchecked(_) => None,
        };
        let Some(violations) = violations.filter(|v| !v.is_empty()) else {
            continue;
        };
        let mut why: Vec<String> = violations
            .iter()
            .take(SHOWN)
            .map(|v| v.message.clone())
            .collect();
        if violations.len() > SHOWN {
            why.push(format!("and {} more", violations.len() - SHOWN));
        }
        found.push(
            Diagnostic::warning(
                "default.invalid",
                format!(
                    "the default {} does not match its own schema: {}",
                    shorten(default),
                    why.join("; ")
                ),
            )
            .at(schema.default_pos.unwrap_or(schema.pos))
            .path(schema.path.child("default").to_string())
            .hint("a client that fills in the default sends a value the server must refuse; fix the default or the schema"),
        );
    }
    found
}

/// The default as JSON, cut after 60 characters.
fn shorten(value: &Json) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    /// (code, line, column, path) of every finding of these codes.
    fn found(spec: &str, codes: &[&str]) -> Vec<(&'static str, u32, u32, String)> {
        crate::check_bytes("t.yaml", spec.as_bytes(), &[])
            .diagnostics
            .into_iter()
            .filter(|d| codes.contains(&d.code))
            .map(|d| (d.code, d.line, d.column, d.path))
            .collect()
    }

    #[test]
    fn defaults_are_checked_against_their_own_schema_wherever_they_are() {
        let spec = "swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /pets:
    post:
      parameters:
      - {name: limit, in: query, type: integer, maximum: 100, default: 500}
      - {name: order, in: query, type: string, enum: [asc, desc], default: asc}
      - name: body
        in: body
        schema:
          type: object
          properties:
            kind: {type: string, enum: [a, b], default: c}
      responses: {200: {description: ok}}
definitions:
  Pet:
    type: object
    properties:
      size: {type: string, default: 3}
      code: {type: string, pattern: '^[A-Z]+$', default: abc}
      name: {type: string, maxLength: 10, default: Rex}
";
        assert_eq!(
            found(spec, &["default.invalid"]),
            vec![
                (
                    "default.invalid",
                    7,
                    72,
                    "paths./pets.post.parameters.limit.default".to_string()
                ),
                (
                    "default.invalid",
                    14,
                    57,
                    "paths./pets.post.parameters.body.schema.properties.kind.default".to_string()
                ),
                (
                    "default.invalid",
                    20,
                    37,
                    "definitions.Pet.properties.size.default".to_string()
                ),
                (
                    "default.invalid",
                    21,
                    58,
                    "definitions.Pet.properties.code.default".to_string()
                ),
            ]
        );
    }

    #[test]
    fn examples_of_inline_schemas_under_paths_are_checked_like_definitions() {
        let spec = "swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /pets:
    post:
      parameters:
      - name: body
        in: body
        schema:
          type: object
          properties:
            age: {type: integer}
          example: {age: old}
      responses:
        200:
          description: ok
          schema:
            type: array
            items: {type: string}
            example: [1]
";
        let got: Vec<(u32, String)> = found(spec, &["example.invalid"])
            .into_iter()
            .map(|(_, line, _, path)| (line, path))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    13,
                    "paths./pets.post.parameters.body.schema.example.age".to_string()
                ),
                (
                    20,
                    "paths./pets.post.responses.200.schema.example.0".to_string()
                ),
            ]
        );
    }
}
