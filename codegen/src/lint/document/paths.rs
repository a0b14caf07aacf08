//! Path templates and parameter lists.
//!
//! - `path.query-string`: a `?` in a path key (the query belongs in `in: query` parameters);
//! - `path.empty-parameter`: `{}` in a template;
//! - `path.equivalent` (error): two templates that differ only in parameter names
//!   (`/pets/{id}`, `/pets/{petId}`): no router can tell them apart;
//! - `path.parameter-undeclared`: a `{name}` no path parameter of the operation declares;
//! - `path.parameter-unused`: a path parameter the template does not name;
//! - `parameter.path-required` (error): a path parameter without `required: true`;
//! - `parameter.duplicate` (error): two parameters of one list with the same name and `in`;
//! - `parameter.body-conflict` (error): two body parameters, or a body and formData ones;
//! - `parameter.body-unexpected`: a body on GET, HEAD or DELETE, which servers may drop;
//! - `parameter.form-consumes`: formData parameters without a form media type in `consumes`,
//!   or a file sent with only `application/x-www-form-urlencoded`;
//! - `parameter.file-outside-form` (error): `type: file` anywhere but formData;
//! - `parameter.multi-not-allowed` (error): `collectionFormat: multi` outside query and formData;
//! - `parameter.type-missing` (error): a parameter other than a body without `type`.

use std::collections::HashMap;

use super::{Op, resolved, text};
use crate::diag::Diagnostic;
use crate::model::ModelPath;
use crate::tree::{Node, Pos};

const FORM_TYPES: [&str; 2] = ["application/x-www-form-urlencoded", "multipart/form-data"];

/// The names a template's `{…}` segments hold, in order (`""` for `{}`).
fn template_names(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// The template with every parameter name taken out (`/pets/{}`).
fn shape(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push_str(&rest[..=open]);
        out.push('}');
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

pub(super) fn templates(root: &Node, found: &mut Vec<Diagnostic>) {
    let Some(paths) = root.get("paths").and_then(Node::as_map) else {
        return;
    };
    let paths_path = ModelPath::from(["paths"]);
    let mut shapes: HashMap<String, &str> = HashMap::new();
    for item in paths {
        if item.key.starts_with("x-") {
            continue;
        }
        let path = paths_path.child(item.key.as_str()).to_string();
        if item.key.contains('?') {
            found.push(
                Diagnostic::warning(
                    "path.query-string",
                    format!("the path `{}` holds a query string", item.key),
                )
                .at(item.key_pos)
                .path(path.clone())
                .hint("declare the query's names as `in: query` parameters and drop them from the path"),
            );
        }
        if template_names(&item.key).contains(&"") {
            found.push(
                Diagnostic::warning(
                    "path.empty-parameter",
                    format!("the path `{}` has an empty `{{}}`", item.key),
                )
                .at(item.key_pos)
                .path(path.clone())
                .hint("name the parameter (`{id}`) and declare it `in: path`"),
            );
        }
        match shapes.get(&shape(&item.key)) {
            Some(first) if *first != item.key => found.push(
                Diagnostic::error(
                    "path.equivalent",
                    format!(
                        "the paths `{first}` and `{}` differ only in their parameter names",
                        item.key
                    ),
                )
                .at(item.key_pos)
                .path(path.clone())
                .hint("no router can tell them apart; merge their operations under one path"),
            ),
            Some(_) => {}
            None => {
                shapes.insert(shape(&item.key), &item.key);
            }
        }
        if let Some(list) = item.value.get("parameters") {
            let list_path = paths_path.child(item.key.as_str()).child("parameters");
            duplicates(root, list, &list_path, found);
        }
    }
}

/// A parameter as the operation sees it: where it is used, and what it says.
struct Param<'a> {
    node: &'a Node,
    /// The list item (a `$ref` to a shared parameter is used where the item is written).
    at: Pos,
    name: &'a str,
    location: &'a str,
    path: ModelPath,
}

/// The parameters of one list, resolved (references to nothing are the lints of `ref`).
fn list<'a>(root: &'a Node, list: &'a Node, list_path: &ModelPath) -> Vec<Param<'a>> {
    let mut out = Vec::new();
    for item in list.as_seq().unwrap_or_default() {
        let Some(node) = resolved(root, item, "parameters") else {
            continue;
        };
        let name = text(node, "name").unwrap_or_default();
        out.push(Param {
            node,
            at: item.pos,
            name,
            location: text(node, "in").unwrap_or_default(),
            path: list_path.child(name),
        });
    }
    out
}

fn duplicates(root: &Node, node: &Node, list_path: &ModelPath, found: &mut Vec<Diagnostic>) {
    let params = list(root, node, list_path);
    for (i, p) in params.iter().enumerate() {
        if params[..i]
            .iter()
            .any(|q| q.name == p.name && q.location == p.location)
        {
            found.push(
                Diagnostic::error(
                    "parameter.duplicate",
                    format!(
                        "parameter `{}` (`in: {}`) is declared twice in this list",
                        p.name, p.location
                    ),
                )
                .at(p.at)
                .path(p.path.to_string())
                .hint("a parameter is identified by its name and `in`; remove one of them"),
            );
        }
    }
}

pub(super) fn parameters(root: &Node, op: &Op<'_>, found: &mut Vec<Diagnostic>) {
    let own_path = op.path.child("parameters");
    if let Some(own) = op.node().get("parameters") {
        duplicates(root, own, &own_path, found);
    }
    // The path item's parameters, overridden by the operation's own with the same name and `in`.
    let mut effective: Vec<Param<'_>> = Vec::new();
    let inherited = op.item.get("parameters");
    for (node, path) in [
        (inherited, own_path.clone()),
        (op.node().get("parameters"), own_path),
    ] {
        let Some(node) = node else { continue };
        for p in list(root, node, &path) {
            match effective
                .iter_mut()
                .find(|q| q.name == p.name && q.location == p.location)
            {
                Some(q) => *q = p,
                None => effective.push(p),
            }
        }
    }
    let names = template_names(op.template);
    // A parameter `$ref` into another file may declare any name: say nothing then.
    let unknown = [inherited, op.node().get("parameters")]
        .into_iter()
        .flatten()
        .flat_map(|l| l.as_seq().unwrap_or_default())
        .any(|item| resolved(root, item, "parameters").is_none());
    for name in names.iter().filter(|n| !n.is_empty() && !unknown) {
        if !effective
            .iter()
            .any(|p| p.location == "path" && p.name == *name)
        {
            found.push(
                Diagnostic::warning(
                    "path.parameter-undeclared",
                    format!(
                        "`{{{name}}}` in `{}` is not declared as a path parameter of {}",
                        op.template,
                        op.method.to_ascii_uppercase()
                    ),
                )
                .at(op.entry.key_pos)
                .path(op.path.to_string())
                .hint(format!(
                    "add `- {{name: {name}, in: path, required: true, type: string}}` to its parameters"
                )),
            );
        }
    }
    for p in &effective {
        each(op, p, &names, found);
    }
    bodies(op, &effective, found);
}

/// The lints of one parameter on its own.
fn each(op: &Op<'_>, p: &Param<'_>, names: &[&str], found: &mut Vec<Diagnostic>) {
    let path = p.path.to_string();
    let ty = text(p.node, "type");
    if p.location == "path" {
        if !names.contains(&p.name) {
            found.push(
                Diagnostic::warning(
                    "path.parameter-unused",
                    format!(
                        "path parameter `{}` is not in the template `{}`",
                        p.name, op.template
                    ),
                )
                .at(p.at)
                .path(path.clone())
                .hint(format!(
                    "name it in the path (`{{{}}}`) or make it another kind of parameter",
                    p.name
                )),
            );
        }
        if p.node.get("required").and_then(Node::as_bool) != Some(true) {
            found.push(
                Diagnostic::error(
                    "parameter.path-required",
                    format!("path parameter `{}` is not `required: true`", p.name),
                )
                .at(p.at)
                .path(path.clone())
                .hint("a path parameter is always sent; Swagger 2.0 requires `required: true`"),
            );
        }
    }
    if p.location != "body" && !p.location.is_empty() && ty.is_none() {
        found.push(
            Diagnostic::error(
                "parameter.type-missing",
                format!(
                    "parameter `{}` (`in: {}`) has no `type`",
                    p.name, p.location
                ),
            )
            .at(p.at)
            .path(path.clone())
            .hint("only a body parameter takes a `schema`; give this one a `type`"),
        );
    }
    if ty == Some("file") && p.location != "formData" {
        found.push(
            Diagnostic::error(
                "parameter.file-outside-form",
                format!(
                    "parameter `{}` is `type: file` but `in: {}`",
                    p.name, p.location
                ),
            )
            .at(p.at)
            .path(path.clone())
            .hint("a file is sent as a formData parameter with `consumes: [multipart/form-data]`"),
        );
    }
    if text(p.node, "collectionFormat") == Some("multi")
        && !matches!(p.location, "query" | "formData")
    {
        found.push(
            Diagnostic::error(
                "parameter.multi-not-allowed",
                format!(
                    "parameter `{}` is `in: {}` with `collectionFormat: multi`",
                    p.name, p.location
                ),
            )
            .at(p.at)
            .path(path)
            .hint("`multi` repeats the parameter (`?a=1&a=2`) and exists only for query and formData; use `csv` here"),
        );
    }
}

/// Bodies and form data of one operation, together.
fn bodies(op: &Op<'_>, effective: &[Param<'_>], found: &mut Vec<Diagnostic>) {
    let bodies: Vec<&Param<'_>> = effective.iter().filter(|p| p.location == "body").collect();
    let form: Vec<&Param<'_>> = effective
        .iter()
        .filter(|p| p.location == "formData")
        .collect();
    for extra in bodies.iter().skip(1) {
        found.push(
            Diagnostic::error(
                "parameter.body-conflict",
                format!(
                    "{} has a second body parameter, `{}`",
                    op.method.to_ascii_uppercase(),
                    extra.name
                ),
            )
            .at(extra.at)
            .path(extra.path.to_string())
            .hint("an operation has at most one body; put both in one schema"),
        );
    }
    if let (Some(body), Some(first)) = (bodies.first(), form.first()) {
        found.push(
            Diagnostic::error(
                "parameter.body-conflict",
                format!(
                    "{} has both a body (`{}`) and formData parameters (`{}`)",
                    op.method.to_ascii_uppercase(),
                    body.name,
                    first.name
                ),
            )
            .at(body.at)
            .path(body.path.to_string())
            .hint("the request body is either a JSON body or a form, not both"),
        );
    }
    if let Some(body) = bodies.first()
        && matches!(op.method, "get" | "head" | "delete")
    {
        found.push(
            Diagnostic::warning(
                "parameter.body-unexpected",
                format!(
                    "{} takes a body (`{}`)",
                    op.method.to_ascii_uppercase(),
                    body.name
                ),
            )
            .at(body.at)
            .path(body.path.to_string())
            .hint("a body on GET, HEAD or DELETE has no defined meaning, and proxies and servers may drop it"),
        );
    }
    if let Some(first) = form.first() {
        let consumes = op
            .node()
            .get("consumes")
            .or(op.root_consumes)
            .and_then(Node::as_seq)
            .unwrap_or_default();
        let consumed: Vec<&str> = consumes.iter().filter_map(Node::as_str).collect();
        let file = form.iter().find(|p| text(p.node, "type") == Some("file"));
        if let Some(file) = file
            && consumed.iter().any(|c| c.starts_with(FORM_TYPES[0]))
            && !consumed.iter().any(|c| c.starts_with(FORM_TYPES[1]))
        {
            found.push(
                Diagnostic::warning(
                    "parameter.form-consumes",
                    format!(
                        "{} sends the file `{}` but consumes only `{}`",
                        op.method.to_ascii_uppercase(),
                        file.name,
                        FORM_TYPES[0]
                    ),
                )
                .at(file.at)
                .path(file.path.to_string())
                .hint("a URL-encoded form cannot carry a file; add `multipart/form-data` to `consumes`"),
            );
        }
        if !consumed
            .iter()
            .any(|c| FORM_TYPES.iter().any(|f| c.starts_with(f)))
        {
            found.push(
                Diagnostic::warning(
                    "parameter.form-consumes",
                    format!(
                        "{} has formData parameters (`{}`) but does not consume a form",
                        op.method.to_ascii_uppercase(),
                        first.name
                    ),
                )
                .at(first.at)
                .path(first.path.to_string())
                .hint("add `consumes: [application/x-www-form-urlencoded]` (or `multipart/form-data` for files)"),
            );
        }
    }
}
