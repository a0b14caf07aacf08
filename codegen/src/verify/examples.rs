//! `example.invalid`: every example a spec carries (`example`, `examples`) is checked against
//! the JSON Schema molde emits for what it exemplifies, by the same validator `molde validate`
//! uses, and each violation is reported at the offending value's line in the spec.
//! `example.unchecked`: an example molde could not check, and why (never a silent skip).
//! `example.unknown-member`: a member the example sends that its object does not declare. Such
//! objects allow unknown members, so the validator says nothing; but in a field-table document
//! (whose tables list every field) it is a finding, and anywhere a name close to a declared one
//! is a likely typo (`account_type_description` for `acount_type_description`).

use std::collections::HashMap;

use molde_validator::{Options, Validator};
use serde_json::Value as Json;

use crate::diag::Diagnostic;
use crate::emit::json_schema::{self, ExtraDefinitions, Part, SchemaIndex, def_pointer};
use crate::model::{Example, ExampleOf, ModelPath, Schema, Spec, Type, UnknownMembers};
use crate::suggest::closest_name;
use crate::tree::{Node, Pos, Value};

/// The `$defs` name under which a schema with no place of its own in the document (a
/// parameter's, a header's) is added to check its examples; `$` keeps it apart from spec names.
pub(super) const EXTRA_DEFINITION: &str = "$molde-example";

/// What an example is checked against.
pub(super) enum Target {
    /// An entry of the spec's emitted document.
    Entry(String),
    /// A document of its own: the spec's with the example's schema added.
    Extra(Json),
    /// Nothing to check: a response without a schema, or an example that is not JSON.
    Nothing,
    /// Cannot be checked, and why.
    Unchecked(String),
}

pub(super) fn check(
    spec: &Spec,
    document: &Json,
    index: &SchemaIndex,
    extras: &ExtraDefinitions<'_>,
) -> Vec<Diagnostic> {
    let mut validators: HashMap<String, Result<Validator, String>> = HashMap::new();
    let mut found = Vec::new();
    for example in &spec.examples {
        let compiled = match target(spec, index, extras, &example.of) {
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
        if let Some(schema) = schema_of(spec, &example.of).filter(|_| example.fails_with.is_none())
        {
            let table = spec.format.is_field_table();
            unknown_members(
                spec,
                schema,
                &example.tree,
                &example.path,
                table,
                0,
                &mut found,
            );
        }
        match compiled {
            // Introduced as giving an error status: a finding only when it fits.
            Ok(violations) if example.fails_with.is_some() => {
                if violations.is_empty() {
                    let status = example.fails_with.as_deref().unwrap_or_default();
                    found.push(
                        Diagnostic::warning(
                            "example.unexpectedly-valid",
                            format!("this example is said to get status {status}, but it fits its schema"),
                        )
                        .at(example.pos)
                        .path(example.path.to_string())
                        .hint("the service cannot reject it for what it sends; fix the example or the text before it"),
                    );
                }
            }
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

pub(super) fn target(
    spec: &Spec,
    index: &SchemaIndex,
    extras: &ExtraDefinitions<'_>,
    of: &ExampleOf,
) -> Target {
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
                Some(schema) => match extras.document(schema, EXTRA_DEFINITION) {
                    Some(document) => Target::Extra(document),
                    None => {
                        Target::Unchecked(format!("molde could not build a schema for `{path}`"))
                    }
                },
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
        // A missing member is the fault of the object that lacks it.
        let at = match v.keyword {
            "required" => v.pointer.rsplit_once('/').map_or("", |(parent, _)| parent),
            _ => v.pointer.as_str(),
        };
        let shown = if at.is_empty() {
            "the example".to_string()
        } else {
            format!("`{at}`")
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

/// The model schema an example is an instance of.
fn schema_of<'s>(spec: &'s Spec, of: &ExampleOf) -> Option<&'s Schema> {
    match of {
        ExampleOf::Type { name } => spec.type_named(name).map(|t| &t.schema),
        ExampleOf::Schema { path } => spec.schema_at(path),
        ExampleOf::Response {
            method,
            path,
            status,
            ..
        } => spec
            .operation(method, path)?
            .response(status)?
            .schema
            .as_ref(),
    }
}

/// Examples nest no deeper than this for the unknown-member walk (the tree itself is bounded).
const MAX_WALK_DEPTH: usize = 128;

/// Reports each member of `value` that the object of `schema` does not declare (see the module
/// documentation): all of them in a field-table document, else those close to a declared name.
fn unknown_members(
    spec: &Spec,
    schema: &Schema,
    value: &Node,
    path: &ModelPath,
    all: bool,
    depth: usize,
    found: &mut Vec<Diagnostic>,
) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    let schema = match &schema.ty {
        Type::Ref(r) => match spec.type_named(&r.name) {
            Some(named) => &named.schema,
            None => return,
        },
        Type::Recursive(link) => match spec.schema_at(&link.path) {
            Some(target) if !matches!(target.ty, Type::Recursive(_)) => target,
            _ => return,
        },
        _ => schema,
    };
    match (&schema.ty, &value.value) {
        // An object that declares no fields (a table row that links elsewhere for them) has
        // nothing to tell its members by.
        (Type::Object(object), Value::Map(_)) if object.fields.is_empty() => {}
        (Type::Object(object), Value::Map(entries)) => {
            for entry in entries {
                let member = path.child(entry.key.as_str());
                match object.field(&entry.key) {
                    Some(field) => unknown_members(
                        spec,
                        &field.schema,
                        &entry.value,
                        &member,
                        all,
                        depth + 1,
                        found,
                    ),
                    None => match &object.unknown_members {
                        UnknownMembers::Map(values) => unknown_members(
                            spec,
                            values,
                            &entry.value,
                            &member,
                            all,
                            depth + 1,
                            found,
                        ),
                        UnknownMembers::Closed => {}
                        UnknownMembers::Open => {
                            let names = object.fields.iter().map(|f| f.name.as_str());
                            let close = closest_name(&entry.key, names);
                            if !all && close.is_none() {
                                continue;
                            }
                            let hint = match close {
                                Some(name) => format!("did you mean `{name}`?"),
                                None => "the table does not list it; add it there, or remove it from the example".to_string(),
                            };
                            found.push(
                                Diagnostic::warning(
                                    "example.unknown-member",
                                    format!(
                                        "the example sends `{}`, which its object does not declare",
                                        entry.key
                                    ),
                                )
                                .at(entry.key_pos)
                                .path(member.to_string())
                                .hint(hint),
                            );
                        }
                    },
                }
            }
        }
        (Type::Array(array), Value::Seq(items)) => {
            for (i, item) in items.iter().enumerate() {
                unknown_members(
                    spec,
                    &array.items,
                    item,
                    &path.child(i.to_string()),
                    all,
                    depth + 1,
                    found,
                );
            }
        }
        _ => {}
    }
}
