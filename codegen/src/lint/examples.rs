//! `example.invalid`: every example a spec carries (`example`, `examples`) is checked against
//! the JSON Schema molde emits for what it exemplifies, by the same validator `molde validate`
//! uses, and each violation is reported at the offending value's line in the spec.

use std::collections::HashMap;

use molde_validator::{Options, Validator};
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::emit::json_schema::{self, Part};
use crate::model::{ExampleOf, Spec};
use crate::tree::{Node, Pos};

/// Checks every example of `spec`; `root` is the document it was read from (for positions).
pub fn check(spec: &Spec, root: &Node) -> Vec<Diagnostic> {
    if spec.examples.is_empty() {
        return Vec::new();
    }
    let schema = json_schema::to_json_schema(spec);
    let mut validators: HashMap<String, Option<Validator>> = HashMap::new();
    let mut found = Vec::new();
    for example in &spec.examples {
        let Some(entry) = entry_of(spec, &schema, &example.of) else {
            continue;
        };
        let validator = validators
            .entry(entry.clone())
            .or_insert_with(|| Validator::compile(&schema, &entry, Options::default()).ok());
        let Some(validator) = validator else { continue };
        let violations = validator.validate_value(&example.value);
        if violations.is_empty() {
            continue;
        }
        let node = walk(root, example.path.split('.'));
        for v in violations {
            let pos = node
                .and_then(|n| locate(n, &v.pointer, v.keyword == "required"))
                .unwrap_or(example.pos);
            let shown = if v.pointer.is_empty() {
                "the example".to_string()
            } else {
                format!("`{}`", v.pointer)
            };
            found.push(
                Diagnostic::warning(
                    "example.invalid",
                    format!("{shown} does not match its schema: {}", v.message),
                )
                .at(pos)
                .path(format!("{}{}", example.path, v.pointer.replace('/', ".")))
                .hint(format!(
                    "fix the example or the schema (an overlay can); failed keyword: `{}`",
                    v.keyword
                )),
            );
        }
    }
    found
}

/// The pointer into the emitted schema for what an example exemplifies, when it resolves.
fn entry_of(spec: &Spec, schema: &Value, of: &ExampleOf) -> Option<String> {
    let pointer = match of {
        ExampleOf::Type { name } => format!("#/$defs/{}", escape(name)),
        ExampleOf::Schema { path } => {
            // `definitions.X.properties.y` -> `#/$defs/X/properties/y` (names with dots are skipped).
            let rest = path.strip_prefix("definitions.")?;
            format!(
                "#/$defs/{}",
                rest.split('.').map(escape).collect::<Vec<_>>().join("/")
            )
        }
        ExampleOf::Response {
            method,
            path,
            status,
            mime,
        } => {
            if !mime.contains("json") {
                return None;
            }
            let op = spec.operation(method, path)?;
            json_schema::entry_pointer(spec, op, Part::Response(status.clone()))?
        }
    };
    schema.pointer(&pointer[1..])?;
    Some(pointer)
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The node at a dotted model path (`None` when a key holds a dot and the walk gets lost).
fn walk<'a, 'p>(root: &'a Node, path: impl Iterator<Item = &'p str>) -> Option<&'a Node> {
    let mut node = root;
    for segment in path {
        node = match node.get(segment) {
            Some(next) => next,
            None => node.as_seq()?.get(segment.parse::<usize>().ok()?)?,
        };
    }
    Some(node)
}

/// The position of the value at an RFC 6901 `pointer` inside `node`; for a missing member, its
/// enclosing object's.
fn locate(node: &Node, pointer: &str, missing_member: bool) -> Option<Pos> {
    let mut segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    if missing_member {
        segments.pop();
    }
    walk(node, segments.iter().map(String::as_str)).map(|n| n.pos)
}
