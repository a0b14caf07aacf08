//! Swagger 2.0 documents (a [`Node`] tree) into the common [`model`](crate::model).
//!
//! The reader never panics and never gives up: a value of the wrong shape is reported as a
//! `swagger.shape` diagnostic and read as well as it can be. It resolves `#/parameters/` and
//! `#/responses/` references in place and keeps `#/definitions/` ones as [`Type::Ref`]; the
//! lints (not the reader) report references to definitions that do not exist.
//!
//! `allOf` members are merged into the object that lists them (see [`schema`]); each definition
//! is merged once however many objects name it, so a chain of diamonds stays linear.
//!
//! [`Type::Ref`]: crate::model::Type::Ref

mod descriptions;
mod operations;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::model::{Example, ExampleOf, Extensions, ModelPath, NamedType, Schema, Spec};
use crate::read::field_table::TableRules;
use crate::read::field_table::rules::DESCRIPTION_PAYLOADS;
use crate::read::refs::local_ref;
use crate::suggest::closest_name;
use crate::tree::Node;

/// Schemas nested deeper than this are read as `Any` (the tree itself is capped at 512 levels;
/// this keeps the recursive reader well inside any thread's stack).
const MAX_SCHEMA_DEPTH: usize = 128;
/// Schemas copied into objects by `allOf` merges at most. The specs of the corpus copy up to
/// about 200; definitions that merge each other through members in every direction would copy
/// an exponential number.
const MAX_MERGED_SCHEMAS: usize = 20_000;

/// Reads a Swagger 2.0 document. `file` names it in diagnostics.
#[cfg(test)]
pub(crate) fn read(file: &str, root: &Node) -> Spec {
    read_with(file, root, &TableRules::all())
}

/// [`read`] with the document rules given (`description-payloads` is theirs).
pub(crate) fn read_with(file: &str, root: &Node, rules: &TableRules) -> Spec {
    let mut reader = Reader {
        payloads: rules.is_on(DESCRIPTION_PAYLOADS),
        file,
        root,
        diagnostics: Vec::new(),
        examples: Vec::new(),
        muted: 0,
        members: 0,
        merging: Vec::new(),
        merged: HashMap::new(),
        merge_budget: MAX_MERGED_SCHEMAS,
    };
    let mut spec = Spec {
        source: file.to_string(),
        ..Spec::default()
    };
    if root.as_map().is_none() {
        reader.report(
            Diagnostic::error(
                "swagger.shape",
                format!("a Swagger document is a mapping, found a {}", root.kind()),
            )
            .at(root.pos),
        );
        spec.diagnostics = reader.finish_diagnostics();
        return spec;
    }
    reader.check_version();
    let info_path = ModelPath::from(["info"]);
    if let Some(info) = reader.map_at(root, "info", &info_path) {
        spec.title = text_of(info.get("title")).unwrap_or_default();
        spec.version = text_of(info.get("version")).unwrap_or_default();
    }
    spec.base_path = text_of(root.get("basePath"));
    spec.extensions = extensions(root);
    let definitions_path = ModelPath::from(["definitions"]);
    if let Some(definitions) = reader.map_at(root, "definitions", &definitions_path) {
        for entry in definitions.as_map().unwrap_or_default() {
            let path = definitions_path.child(entry.key.as_str());
            let schema = reader.schema_body(&entry.value, &path, 0);
            let of = ExampleOf::Type {
                name: entry.key.clone(),
            };
            if let Some(example) = entry.value.get("example") {
                reader.example(of.clone(), path.child("example"), example);
            }
            if let Some(description) = entry.value.get("description") {
                reader.description_examples(description, &of, &path.child("description"));
            }
            spec.types.push(NamedType {
                name: entry.key.clone(),
                pos: entry.key_pos,
                schema,
            });
        }
    }
    spec.operations = reader.operations();
    spec.examples = std::mem::take(&mut reader.examples);
    spec.diagnostics = reader.finish_diagnostics();
    spec
}

struct Reader<'a> {
    /// The `description-payloads` rule is on.
    payloads: bool,
    file: &'a str,
    root: &'a Node,
    diagnostics: Vec<Diagnostic>,
    examples: Vec<Example>,
    /// While above zero, findings are dropped: a definition read again to merge it into an
    /// `allOf` was already reported when read in its own place.
    muted: u32,
    /// How many members, array items and map values the read is inside: a definition met again
    /// while merging it is a recursive type when this grew since, a cycle when it did not.
    members: usize,
    /// The definitions being merged, innermost last, each with `members` when it began.
    merging: Vec<(String, usize)>,
    /// Definitions already merged, by name (`None`: there was nothing to merge).
    merged: HashMap<String, Option<Schema>>,
    /// Schemas merges may still copy (see [`MAX_MERGED_SCHEMAS`]).
    merge_budget: usize,
}

impl<'a> Reader<'a> {
    fn report(&mut self, diagnostic: Diagnostic) {
        if self.muted == 0 {
            self.diagnostics.push(diagnostic.file(self.file));
        }
    }

    fn shape(&mut self, node: &Node, path: &ModelPath, expected: &str) {
        self.report(
            Diagnostic::warning(
                "swagger.shape",
                format!("`{path}` should be {expected}, found a {}", node.kind()),
            )
            .at(node.pos)
            .path(path.to_string())
            .hint("molde ignores this value and reads the rest"),
        );
    }

    /// Reader findings in order, each once (a shared response read for two operations is
    /// reported once).
    fn finish_diagnostics(&mut self) -> Vec<Diagnostic> {
        let mut seen = HashSet::new();
        std::mem::take(&mut self.diagnostics)
            .into_iter()
            .filter(|d| seen.insert((d.code, d.line, d.column, d.message.clone())))
            .collect()
    }

    fn example(&mut self, of: ExampleOf, path: ModelPath, value: &Node) {
        if self.muted == 0 {
            self.examples.push(Example {
                of,
                path,
                value: value.to_json(),
                pos: value.pos,
                tree: value.clone(),
                fails_with: None,
            });
        }
    }

    fn check_version(&mut self) {
        let root = self.root;
        match root.get("swagger") {
            Some(v) if text_of(Some(v)).as_deref() == Some("2.0") => {}
            Some(v) => self.report(
                Diagnostic::warning(
                    "swagger.version",
                    format!(
                        "`swagger` is `{}`; molde reads Swagger 2.0",
                        v.scalar_text().unwrap_or_default()
                    ),
                )
                .at(v.pos)
                .path("swagger"),
            ),
            None => self.report(
                Diagnostic::warning("swagger.version", "no `swagger: '2.0'` at the top")
                    .at(root.pos)
                    .hint(if root.get("openapi").is_some() {
                        "this is an OpenAPI 3 document; molde reads Swagger 2.0"
                    } else {
                        "add `swagger: '2.0'`"
                    }),
            ),
        }
    }

    /// The member `key` of `node` when it is a mapping; reports any other shape.
    fn map_at<'n>(&mut self, node: &'n Node, key: &str, path: &ModelPath) -> Option<&'n Node> {
        let value = node.get(key)?;
        if value.as_map().is_some() {
            Some(value)
        } else {
            if !value.is_null() {
                self.shape(value, path, "a mapping");
            }
            None
        }
    }

    /// `node` itself, or the shared `#/<section>/<name>` it refers to. A missing target is a
    /// `ref.dangling` error (these references are resolved here, so the reader reports them).
    fn resolve<'n>(&mut self, node: &'n Node, section: &str, path: &ModelPath) -> Option<&'n Node>
    where
        'a: 'n,
    {
        let Some(r) = node.get("$ref") else {
            if node.as_map().is_none() {
                self.shape(node, path, "a mapping");
                return None;
            }
            return Some(node);
        };
        let Some(pointer) = r.as_str() else {
            self.shape(r, &path.child("$ref"), "a reference string");
            return None;
        };
        let root = self.root;
        let shared = root.get(section);
        let Some(name) = local_ref(pointer, section) else {
            self.report(
                Diagnostic::warning(
                    "ref.unsupported",
                    format!("`{pointer}` is not a `#/{section}/<name>` reference of this file"),
                )
                .at(r.pos)
                .path(path.to_string()),
            );
            return None;
        };
        if let Some(target) = shared.and_then(|s| s.get(&name)) {
            return Some(target);
        }
        let names: Vec<&str> = shared
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        let hint = match closest_name(&name, names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("declare `{name}` under `{section}`"),
        };
        self.report(
            Diagnostic::error(
                "ref.dangling",
                format!("`{pointer}` refers to `{section}.{name}`, which does not exist"),
            )
            .at(r.pos)
            .path(path.to_string())
            .hint(hint),
        );
        None
    }
}

fn text_of(node: Option<&Node>) -> Option<String> {
    node.and_then(Node::scalar_text)
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::scalar_text)
        .collect()
}

fn extensions(node: &Node) -> Extensions {
    node.as_map()
        .unwrap_or_default()
        .iter()
        .filter(|e| e.key.starts_with("x-"))
        .map(|e| (e.key.clone(), e.value.to_json()))
        .collect()
}
