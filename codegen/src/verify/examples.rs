//! `example.invalid`: every example a spec carries (`example`, `examples`) is checked against
//! the JSON Schema molde emits for what it exemplifies, by the same validator `molde validate`
//! uses, and each violation is reported at the offending value's line in the spec.
//! `example.unchecked`: an example molde could not check, and why (never a silent skip).

use std::collections::HashMap;

use molde_validator::{Options, Validator};
use serde_json::Value as Json;

use crate::diag::Diagnostic;
use crate::emit::json_schema::{self, Part, SchemaIndex, def_pointer};
use crate::model::{Example, ExampleOf, Spec};
use crate::tree::{Node, Pos};

/// The `$defs` name under which a schema with no place of its own in the document (a
/// parameter's, a header's) is added to check its examples; `$` keeps it apart from spec names.
const EXTRA_DEFINITION: &str = "$molde-example";

/// What an example is checked against.
enum Target {
    /// An entry of the spec's emitted document.
    Entry(String),
    /// A document of its own: the spec's with the example's schema added.
    Extra(Json),
    /// Nothing to check: a response without a schema, or an example that is not JSON.
    Nothing,
    /// Cannot be checked, and why.
    Unchecked(String),
}

pub(super) fn check(spec: &Spec, document: &Json, index: &SchemaIndex) -> Vec<Diagnostic> {
    let mut validators: HashMap<String, Result<Validator, String>> = HashMap::new();
    let mut found = Vec::new();
    for example in &spec.examples {
        let compiled = match target(spec, index, &example.of) {
            Target::Nothing => continue,
            Target::Unchecked(why) => Err(why),
            Target::Entry(entry) => validators
                .entry(entry.clone())
                .or_insert_with(|| {
                    Validator::compile(document, &entry, Options::default())
                        .map_err(|e| format!("its schema cannot be compiled ({e})"))
                })
                .as_ref()
                .map_err(Clone::clone)
                .map(|v| v.validate_value(&example.value)),
            Target::Extra(extra) => {
                Validator::compile(&extra, &def_pointer(EXTRA_DEFINITION), Options::default())
                    .map_err(|e| format!("its schema cannot be compiled ({e})"))
                    .map(|v| v.validate_value(&example.value))
            }
        };
        match compiled {
            Ok(violations) => report(example, violations, &mut found),
            Err(why) => found.push(
                Diagnostic::warning(
                    "example.unchecked",
                    format!("this example is not checked: {why}"),
                )
                .at(example.pos)
                .path(example.path.to_string())
                .hint("fix the schema it exemplifies; `molde check` reports why it cannot be compiled"),
            ),
        }
    }
    found
}

fn target(spec: &Spec, index: &SchemaIndex, of: &ExampleOf) -> Target {
    match of {
        ExampleOf::Type { name } => match spec.type_named(name) {
            Some(_) => Target::Entry(def_pointer(name)),
            None => Target::Unchecked(format!("the spec has no type `{name}`")),
        },
        ExampleOf::Schema { path } => {
            if let Some(pointer) = index.pointer(path) {
                return Target::Entry(format!("#{pointer}"));
            }
            // A parameter's or header's schema has no place in the document: add it.
            match spec.schema_at(path) {
                Some(schema) => {
                    match json_schema::with_extra_definition(spec, schema, EXTRA_DEFINITION) {
                        Some(document) => Target::Extra(document),
                        None => Target::Unchecked(format!(
                            "molde could not build a schema for `{path}`"
                        )),
                    }
                }
                None => Target::Unchecked(format!("molde found no schema at `{path}`")),
            }
        }
        ExampleOf::Response {
            method,
            path,
            status,
            mime,
        } => {
            if !mime.contains("json") {
                return Target::Nothing;
            }
            let Some(op) = spec.operation(method, path) else {
                return Target::Unchecked(format!("the spec has no operation `{method} {path}`"));
            };
            match json_schema::entry_pointer(spec, op, Part::Response(status.clone())) {
                Some(entry) => Target::Entry(entry),
                None => Target::Nothing,
            }
        }
    }
}

fn report(
    example: &Example,
    violations: Vec<molde_validator::Violation>,
    found: &mut Vec<Diagnostic>,
) {
    for v in violations {
        let pos = locate(&example.tree, &v.pointer, v.keyword == "required").unwrap_or(example.pos);
        let shown = if v.pointer.is_empty() {
            "the example".to_string()
        } else {
            format!("`{}`", v.pointer)
        };
        let segments = pointer_segments(&v.pointer);
        found.push(
            Diagnostic::warning(
                "example.invalid",
                format!("{shown} does not match its schema: {}", v.message),
            )
            .at(pos)
            .path(example.path.join(&segments).to_string())
            .hint(format!(
                "fix the example or the schema (an overlay can); failed keyword: `{}`",
                v.keyword
            )),
        );
    }
}

/// The reference tokens of an RFC 6901 pointer, unescaped.
fn pointer_segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The position of the value at `pointer` inside `node`; for a missing member, its enclosing
/// object's.
fn locate(node: &Node, pointer: &str, missing_member: bool) -> Option<Pos> {
    let mut segments = pointer_segments(pointer);
    if missing_member {
        segments.pop();
    }
    let mut current = node;
    for segment in &segments {
        current = match current.get(segment) {
            Some(next) => next,
            None => current.as_seq()?.get(segment.parse::<usize>().ok()?)?,
        };
    }
    Some(current.pos)
}
