//! Lints over the Swagger document itself, for what the model does not keep: path templates,
//! parameter lists as written (before an operation's parameters override its path item's),
//! operation ids, `host`, `basePath`, security requirements and tags.
//!
//! - [`paths`]: templates against their path parameters, and each parameter list;
//! - [`operations`]: operation ids and success responses;
//! - [`toplevel`]: `host`, `basePath`, `security` and `tags`.
//!
//! Every finding is about a defect a tool or a generated client trips over, never about style
//! (missing descriptions, contacts or tags stay out).

mod operations;
mod paths;
mod toplevel;

use crate::diag::Diagnostic;
use crate::model::ModelPath;
use crate::read::refs::local_ref;
use crate::tree::{Entry, Node};

/// The HTTP methods a path item holds operations under.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Every document lint over the Swagger document `root` (overlays applied).
pub(crate) fn run(root: &Node) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if root.as_map().is_none() {
        return found;
    }
    let operations = operations_of(root);
    paths::templates(root, &mut found);
    for op in &operations {
        paths::parameters(root, op, &mut found);
    }
    operations::ids(&operations, &mut found);
    for op in &operations {
        operations::success_response(op, &mut found);
    }
    toplevel::host(root, &mut found);
    toplevel::base_path(root, &mut found);
    toplevel::security(root, &operations, &mut found);
    toplevel::tags(root, &mut found);
    found
}

/// One operation as written: its path item and its own mapping.
struct Op<'a> {
    /// The path template (`/pets/{id}`).
    template: &'a str,
    /// Lower-case, as written.
    method: &'a str,
    /// Where the method key is written.
    entry: &'a Entry,
    /// The path item.
    item: &'a Node,
    /// The document's `consumes`, which the operation's own replaces.
    root_consumes: Option<&'a Node>,
    path: ModelPath,
}

impl<'a> Op<'a> {
    fn node(&self) -> &'a Node {
        &self.entry.value
    }
}

fn operations_of(root: &Node) -> Vec<Op<'_>> {
    let mut out = Vec::new();
    let Some(paths) = root.get("paths").and_then(Node::as_map) else {
        return out;
    };
    let paths_path = ModelPath::from(["paths"]);
    for item in paths {
        if item.key.starts_with("x-") {
            continue;
        }
        for entry in item.value.as_map().unwrap_or_default() {
            if METHODS.contains(&entry.key.as_str()) && entry.value.as_map().is_some() {
                out.push(Op {
                    template: &item.key,
                    method: &entry.key,
                    entry,
                    item: &item.value,
                    root_consumes: root.get("consumes"),
                    path: paths_path
                        .child(item.key.as_str())
                        .child(entry.key.as_str()),
                });
            }
        }
    }
    out
}

/// `node`, or what its `$ref` names in the document's `section` (`#/parameters/X`) when it is
/// a reference to one; `None` for a reference to nothing or to another file.
fn resolved<'a>(root: &'a Node, node: &'a Node, section: &str) -> Option<&'a Node> {
    match node.get("$ref").and_then(Node::as_str) {
        Some(pointer) => {
            let name = local_ref(pointer, section)?;
            root.get(section)?.get(&name)
        }
        None => Some(node),
    }
}

fn text<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Node::as_str)
}

#[cfg(test)]
mod tests;
