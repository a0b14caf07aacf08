//! The document's own fields:
//! - `host.invalid`: a `host` with a scheme (`https://`) or a path in it (`schemes` and
//!   `basePath` hold those, and clients join the three);
//! - `base-path.invalid`: a `basePath` that does not start with `/`;
//! - `security.undefined-scheme`: a security requirement naming a scheme `securityDefinitions`
//!   does not define;
//! - `security.undefined-scope`: a scope the scheme does not list (an OAuth2 scheme's
//!   `scopes`), or any scope on a scheme that has none (API keys, basic);
//! - `tag.duplicate`: a name listed twice in the document's `tags`.

use super::{Op, text};
use crate::diag::Diagnostic;
use crate::model::ModelPath;
use crate::tree::Node;

pub(super) fn host(root: &Node, found: &mut Vec<Diagnostic>) {
    let Some(host) = text(root, "host") else {
        return;
    };
    let node = root.get("host").unwrap_or(root);
    let problem = if host.contains("://") {
        Some("a scheme")
    } else if host.contains('/') {
        Some("a path")
    } else {
        None
    };
    if let Some(what) = problem {
        found.push(
            Diagnostic::warning(
                "host.invalid",
                format!("`host: {host}` holds {what}; it is a name and an optional port"),
            )
            .at(node.pos)
            .path("host")
            .hint("put the scheme in `schemes` and the path in `basePath`; clients join them as scheme://host/basePath"),
        );
    }
}

pub(super) fn base_path(root: &Node, found: &mut Vec<Diagnostic>) {
    let Some(base) = text(root, "basePath") else {
        return;
    };
    if !base.starts_with('/') {
        found.push(
            Diagnostic::warning(
                "base-path.invalid",
                format!("`basePath: {base}` does not start with `/`"),
            )
            .at(root.get("basePath").map_or(root.pos, |n| n.pos))
            .path("basePath")
            .hint(format!("write `/{}`", base.trim_start_matches('/'))),
        );
    }
}

pub(super) fn security(root: &Node, operations: &[Op<'_>], found: &mut Vec<Diagnostic>) {
    let definitions = root.get("securityDefinitions");
    let mut lists = vec![(root.get("security"), ModelPath::from(["security"]))];
    for op in operations {
        lists.push((op.node().get("security"), op.path.child("security")));
    }
    for (list, path) in lists {
        let Some(requirements) = list.and_then(Node::as_seq) else {
            continue;
        };
        for requirement in requirements {
            for entry in requirement.as_map().unwrap_or_default() {
                let name = entry.key.as_str();
                let here = path.child(name).to_string();
                let Some(scheme) = definitions.and_then(|d| d.get(name)) else {
                    let defined: Vec<&str> = definitions
                        .and_then(Node::as_map)
                        .unwrap_or_default()
                        .iter()
                        .map(|e| e.key.as_str())
                        .collect();
                    let hint = match crate::suggest::closest_name(name, defined.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("define `{name}` under `securityDefinitions`"),
                    };
                    found.push(
                        Diagnostic::warning(
                            "security.undefined-scheme",
                            format!(
                                "security scheme `{name}` is not defined in `securityDefinitions`"
                            ),
                        )
                        .at(entry.key_pos)
                        .path(here)
                        .hint(hint),
                    );
                    continue;
                };
                let oauth2 = text(scheme, "type") == Some("oauth2");
                let scopes = scheme.get("scopes");
                for scope in entry.value.as_seq().unwrap_or_default() {
                    let Some(s) = scope.as_str() else { continue };
                    if oauth2 && scopes.and_then(|m| m.get(s)).is_some() {
                        continue;
                    }
                    let message = if oauth2 {
                        format!("scope `{s}` is not one of the scopes scheme `{name}` lists")
                    } else {
                        format!(
                            "scheme `{name}` is not OAuth2, so it takes no scopes, but `{s}` is asked for"
                        )
                    };
                    found.push(
                        Diagnostic::warning("security.undefined-scope", message)
                            .at(scope.pos)
                            .path(here.clone())
                            .hint(if oauth2 {
                                format!("add `{s}` to the scheme's `scopes`, or fix its spelling")
                            } else {
                                "leave the list empty (`[]`) for API keys and basic authentication"
                                    .to_string()
                            }),
                    );
                }
            }
        }
    }
}

pub(super) fn tags(root: &Node, found: &mut Vec<Diagnostic>) {
    let Some(tags) = root.get("tags").and_then(Node::as_seq) else {
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    for tag in tags {
        let Some(name) = text(tag, "name") else {
            continue;
        };
        if seen.contains(&name) {
            found.push(
                Diagnostic::warning("tag.duplicate", format!("tag `{name}` is listed twice"))
                    .at(tag.get("name").map_or(tag.pos, |n| n.pos))
                    .path(ModelPath::from(["tags"]).child(name).to_string())
                    .hint("merge the two entries"),
            );
        } else {
            seen.push(name);
        }
    }
}
