//! The doubt no rule can settle: where a nested object's properties end, and where a nested
//! mapping inside an extension's value ends.
//!
//! Without indentation, `version: {type: object, properties: {a, b}}` followed by `c: ...` reads
//! as `c` inside `version` or beside it; both are valid and, short of an enclosing `required`
//! list or an example (which the rules use), nothing in the file tells them apart. Recovery keeps
//! the innermost reading, which is right most of the time. This module reports each nested
//! object whose properties could end earlier, so that a reader knows where to look: a
//! `yaml.recovered` warning on the nested object, naming the properties that could belong to the
//! object around it. Human output folds them after the first few.
//!
//! An extension's value (`x-amples: [{request: {params: {...}}, response: ...}]`) has no schema
//! to say where its nested mappings end either: the members after a nested mapping's first may
//! be the enclosing mapping's. Those get a warning of their own group.

use std::collections::HashMap;

use super::evidence::{known_extension_home, known_extension_value};
use super::place::join_path;
use crate::diag::Diagnostic;
use crate::read::grammar::{self, Kind};
use crate::tree::{Entry, Node, Value};

/// The group the warnings are folded under in human output.
pub(super) const GROUP: &str = "where nested properties end";
/// The group of the warnings about mappings nested in an extension's value.
pub(super) const EXTENSION_GROUP: &str = "where mappings in an extension end";
/// The group of the warnings about extensions written after another extension's value.
pub(super) const AFTER_EXTENSION_GROUP: &str = "where extensions after an extension's value go";
/// The group of the warnings about extensions written after a `$ref`.
pub(super) const REF_EXTENSION_GROUP: &str = "where extensions after a reference go";
/// The group of the warnings about object properties written after comment lines.
pub(super) const COMMENTED_GROUP: &str = "whether a property after comments starts a definition";
/// The group of the warnings about extensions written after a path's last operation.
pub(super) const OPERATION_END_GROUP: &str = "where extensions after a path's last operation go";

/// A warning for every nested object of `root` (positions already in the input) whose last
/// properties could be the enclosing schema's.
/// `lines` are the input's, which the positions of `root` point into.
pub(super) fn nested_ends(root: &Node, lines: &[&str]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut written = HashMap::new();
    count_extensions(root, 0, &mut written);
    let doc = Doc {
        lines,
        extensions_written: written,
    };
    walk(root, "", &doc, &mut out);
    commented_boundaries(root, &doc, &mut out);
    operation_ends(root, &mut out);
    out
}

/// An extension written after the responses of a path's last operation, which the path does not
/// hold: swagger-node and others read `x-swagger-router-controller` (and the like) from a path as
/// well as from an operation, and the stripped file does not say which the author indented it
/// under.
fn operation_ends(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(paths) = root.get("paths").and_then(Node::as_map) else {
        return;
    };
    let is_operation = |key: &str| {
        grammar::field(Kind::PathItem, key) == Some(grammar::Expect::Obj(Kind::Operation))
    };
    for path in paths {
        let Some(fields) = path.value.as_map() else {
            continue;
        };
        let Some(last) = fields.last().filter(|f| is_operation(&f.key)) else {
            continue;
        };
        let Some(members) = last.value.as_map() else {
            continue;
        };
        let Some(responses) = members.iter().position(|m| m.key == "responses") else {
            continue;
        };
        for m in &members[responses + 1..] {
            if !m.key.starts_with("x-") || fields.iter().any(|f| f.key == m.key) {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    "yaml.recovered",
                    format!(
                        "where `{}` goes is a guess: written after the responses of `paths.{}.{}`, it may be the path's rather than the operation's",
                        m.key, path.key, last.key
                    ),
                )
                .at(m.key_pos)
                .path(join_path(&join_path(&join_path("paths", &path.key), &last.key), &m.key))
                .hint("a path and its operations both take extensions; check it in `molde repair`'s output")
                .group(OPERATION_END_GROUP),
            );
        }
    }
}

/// A definition's property written right after comment lines (`# Deprecated`), whose value is
/// an object schema: people comment where a definition starts more often than inside one, and
/// the stripped file does not say whether the definition before it ended there.
fn commented_boundaries(root: &Node, doc: &Doc, out: &mut Vec<Diagnostic>) {
    let Some(definitions) = root.get("definitions").and_then(Node::as_map) else {
        return;
    };
    for d in definitions {
        let Some(props) = d.value.get("properties").and_then(Node::as_map) else {
            continue;
        };
        for p in props.iter().skip(1) {
            let line = p.key_pos.line as usize;
            let commented = line >= 2
                && doc
                    .lines
                    .get(line - 2)
                    .is_some_and(|l| l.trim_start().starts_with('#'));
            let object = p.value.get("properties").is_some()
                || p.value.get("allOf").is_some()
                || p.value.get("type").and_then(Node::as_str) == Some("object");
            if !commented || !object || definitions.iter().any(|o| o.key == p.key) {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    "yaml.recovered",
                    format!(
                        "where `{}` goes is a guess: written after comment lines, it may be a definition of its own rather than a property of `definitions.{}`",
                        p.key, d.key
                    ),
                )
                .at(p.key_pos)
                .path(join_path(&join_path(&join_path("definitions", &d.key), "properties"), &p.key))
                .hint("comments often mark where a definition starts, and the stripped file does not say whether the one before ended there; check it in `molde repair`'s output")
                .group(COMMENTED_GROUP),
            );
        }
    }
}

/// What the walk needs of the whole document.
struct Doc<'l> {
    lines: &'l [&'l str],
    /// How often each `x-` key is written anywhere in the document.
    extensions_written: HashMap<String, usize>,
}

fn count_extensions(node: &Node, depth: usize, out: &mut HashMap<String, usize>) {
    if depth > 64 {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            for e in entries {
                if e.key.starts_with("x-") {
                    *out.entry(e.key.clone()).or_default() += 1;
                }
                count_extensions(&e.value, depth + 1, out);
            }
        }
        Value::Seq(items) => items
            .iter()
            .for_each(|n| count_extensions(n, depth + 1, out)),
        _ => {}
    }
}

/// An extension written once in the document, right after another extension's block value (edX's
/// root `x-edx-api-vendors` after the last operation's `x-amazon-apigateway-integration`): the
/// object the value is in ends somewhere, and nothing says whether the extension is that
/// object's or an enclosing one's.
fn extensions_after_extensions(
    entries: &[Entry],
    path: &str,
    doc: &Doc,
    out: &mut Vec<Diagnostic>,
) {
    if path.is_empty() {
        return;
    }
    for pair in entries.windows(2) {
        let (before, e) = (&pair[0], &pair[1]);
        let block_value = matches!(&before.value.value, Value::Map(m) if !m.is_empty())
            || matches!(&before.value.value, Value::Seq(s) if !s.is_empty());
        let after_extension =
            before.key.starts_with("x-") && e.key.starts_with("x-") && block_value;
        if !after_extension
            || written_in_flow(&before.value, doc.lines)
            || known_extension_home(&e.key).is_some()
            || doc.extensions_written.get(&e.key).copied().unwrap_or(0) > 1
        {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "yaml.recovered",
                format!(
                    "where `{}` goes is a guess: written after the value of `{}` in `{path}`, it may be an enclosing object's instead (the document's root, say)",
                    e.key, before.key
                ),
            )
            .at(e.key_pos)
            .path(join_path(path, &e.key))
            .hint("the stripped file does not say where the object before an extension ends, and the document writes this extension nowhere else; check it in `molde repair`'s output")
            .group(AFTER_EXTENSION_GROUP),
        );
    }
}

/// Keys whose values are instances or free-form, not schemas or structure.
fn free_form(key: &str) -> bool {
    matches!(
        key,
        "example" | "examples" | "default" | "enum" | "x-example" | "x-examples"
    ) || key.starts_with("x-")
}

fn walk(node: &Node, path: &str, doc: &Doc, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Map(entries) => {
            if let Some(props) = node.get("properties").and_then(Node::as_map) {
                for p in props {
                    let Some(inner) = last_properties(&p.value, 0) else {
                        continue;
                    };
                    if inner.len() < 2 || settled_by_required(&p.value, inner) {
                        continue;
                    }
                    let movable = movable(inner, props);
                    if movable.is_empty() {
                        continue;
                    }
                    let here = join_path(&join_path(path, "properties"), &p.key);
                    let outer = if path.is_empty() {
                        "the schema around it".to_string()
                    } else {
                        format!("`{path}`")
                    };
                    out.push(
                        Diagnostic::warning(
                            "yaml.recovered",
                            format!(
                                "where the properties of `{}` end is a guess: {} may be properties of {outer} instead",
                                p.key,
                                listed(&movable)
                            ),
                        )
                        .at(p.key_pos)
                        .path(here)
                        .hint("the stripped file does not say where a nested object ends; molde kept its properties together; check them in `molde repair`'s output")
                        .group(GROUP),
                    );
                }
            }
            ref_extensions(entries, path, out);
            extensions_after_extensions(entries, path, doc, out);
            for e in entries {
                // `responses.default` is a response, not a schema's default value.
                let response = e.key == "default" && path.ends_with("responses");
                // An extension whose value tools read as an operation is structure.
                if !free_form(&e.key) || response || known_extension_value(&e.key).is_some() {
                    walk(&e.value, &join_path(path, &e.key), doc, out);
                } else if e.key.starts_with("x-")
                    && !matches!(e.key.as_str(), "x-example" | "x-examples")
                {
                    // `x-examples` are a parameter's examples: its schema says where they end.
                    extension_ends(&e.value, &join_path(path, &e.key), 0, doc.lines, out);
                }
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &join_path(path, &i.to_string()), doc, out);
            }
        }
        _ => {}
    }
}

/// A schema that is only a `$ref` and extensions after it: each extension no tool reads from a
/// schema could be the object around the schema's (a response's, an operation's, the enclosing
/// schema's) just as well, and the stripped file does not say which.
fn ref_extensions(entries: &[Entry], path: &str, out: &mut Vec<Diagnostic>) {
    let Some(at) = entries.iter().position(|e| e.key == "$ref") else {
        return;
    };
    let only_annotations = entries.iter().all(|e| {
        e.key == "$ref"
            || e.key.starts_with("x-")
            || matches!(e.key.as_str(), "description" | "title" | "readOnly")
    });
    if path.is_empty() || !only_annotations {
        return;
    }
    for e in &entries[at + 1..] {
        if !e.key.starts_with("x-") || known_extension_home(&e.key) == Some(Kind::Schema) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "yaml.recovered",
                format!(
                    "where `{}` goes is a guess: written after the `$ref` of `{path}`, it may be the enclosing object's instead",
                    e.key
                ),
            )
            .at(e.key_pos)
            .path(join_path(path, &e.key))
            .hint("the stripped file does not say whether an extension after a reference is the schema's or the object's around it; check it in `molde repair`'s output")
            .group(REF_EXTENSION_GROUP),
        );
    }
}

/// Inside an extension's value: a warning for every mapping whose last member is a mapping of
/// two or more members that it does not hold itself (those could be its own).
fn extension_ends(
    node: &Node,
    path: &str,
    depth: usize,
    lines: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    if depth > 64 || written_in_flow(node, lines) {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            if let Some(last) = entries.last()
                && let Some(inner) = last.value.as_map()
                && inner.len() >= 2
                && !written_in_flow(&last.value, lines)
            {
                let movable = movable(inner, entries);
                if !movable.is_empty() {
                    out.push(
                        Diagnostic::warning(
                            "yaml.recovered",
                            format!(
                                "where the mapping `{}` ends is a guess: {} may be members of `{path}` instead",
                                last.key,
                                listed(&movable)
                            ),
                        )
                        .at(last.key_pos)
                        .path(join_path(path, &last.key))
                        .hint("an extension's value has no schema, and the stripped file does not say where a nested mapping ends; check it in `molde repair`'s output")
                        .group(EXTENSION_GROUP),
                    );
                }
            }
            for e in entries {
                extension_ends(&e.value, &join_path(path, &e.key), depth + 1, lines, out);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                extension_ends(
                    item,
                    &join_path(path, &i.to_string()),
                    depth + 1,
                    lines,
                    out,
                );
            }
        }
        _ => {}
    }
}

/// The members of a nested mapping after its first that the mapping around it does not hold:
/// those that could be its members instead.
fn movable<'n>(inner: &'n [Entry], around: &[Entry]) -> Vec<&'n str> {
    inner[1..]
        .iter()
        .map(|e| e.key.as_str())
        .filter(|k| !around.iter().any(|q| q.key == *k))
        .collect()
}

/// "`a`, `b`, `c` and 2 more".
fn listed(names: &[&str]) -> String {
    let shown: Vec<String> = names.iter().take(3).map(|k| format!("`{k}`")).collect();
    match names.len() {
        n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
        _ => shown.join(", "),
    }
}

/// True when a collection is written in flow style (`{...}`, `[...]`): its brackets say where
/// it ends.
fn written_in_flow(node: &Node, lines: &[&str]) -> bool {
    let (line, column) = (node.pos.line as usize, node.pos.column as usize);
    matches!(&node.value, Value::Map(_) | Value::Seq(_))
        && line >= 1
        && lines
            .get(line - 1)
            .and_then(|l| l.chars().nth(column.saturating_sub(1)))
            .is_some_and(|c| c == '{' || c == '[')
}

/// The `properties` a schema's text ends with: its own, when `properties` is its last key (past
/// trailing annotations), or those its last `items`, `additionalProperties` or `allOf` member
/// ends with.
fn last_properties(schema: &Node, depth: usize) -> Option<&[Entry]> {
    if depth > 32 {
        return None;
    }
    // Annotations and a `required` list written after the nested schema's properties could be
    // the enclosing schema's as well: look past them.
    let last = schema
        .as_map()?
        .iter()
        .rev()
        .find(|e| !trailing_keyword(&e.key, &e.value))?;
    match last.key.as_str() {
        "properties" => last.value.as_map(),
        "items" | "additionalProperties" => last_properties(&last.value, depth + 1),
        "allOf" => last_properties(last.value.as_seq()?.last()?, depth + 1),
        _ => None,
    }
}

/// A keyword that may follow a schema's properties without ending them: an annotation, a
/// `required` list, a scalar validation keyword.
fn trailing_keyword(key: &str, value: &Node) -> bool {
    key.starts_with("x-")
        || matches!(
            key,
            "required"
                | "description"
                | "title"
                | "example"
                | "default"
                | "readOnly"
                | "format"
                | "minProperties"
                | "maxProperties"
                | "discriminator"
        )
        || (key == "additionalProperties" && value.as_map().is_none())
}

/// The nested schema's own `required` names its last property: the properties reach that far.
fn settled_by_required(schema: &Node, inner: &[Entry]) -> bool {
    let last = inner.last().map(|e| e.key.as_str());
    schema
        .get("required")
        .and_then(Node::as_seq)
        .is_some_and(|names| names.iter().any(|n| n.as_str() == last))
}
