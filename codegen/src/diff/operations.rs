//! Operations matched by method and path: each parameter and the body on the request side,
//! each response's schema and headers on the response side.

use super::schema;
use super::{Found, Impact, Kind, Side};
use crate::model::{Location, ModelPath, Operation, Parameter};

pub(super) fn compare(found: &mut Found<'_>) {
    let (old_spec, new_spec) = (found.old, found.new);
    for new in &new_spec.operations {
        let op_path = ModelPath::from(["paths"])
            .child(new.path.as_str())
            .child(new.method.to_ascii_lowercase())
            .to_string();
        let Some(old) = old_spec.operation(&new.method, &new.path) else {
            found.push(
                Kind::compatible("operation.added"),
                Side::Request,
                op_path,
                None,
                Some(new.pos),
                format!("{} is a new operation", new.label()),
            );
            continue;
        };
        parameters(found, old, new);
        body(found, old, new, &op_path);
        responses(found, old, new, &op_path);
    }
    for old in &old_spec.operations {
        if new_spec.operation(&old.method, &old.path).is_none() {
            found.push(
                Kind {
                    name: "operation.removed",
                    request: Impact::Breaking,
                    response: Impact::Breaking,
                },
                Side::Request,
                ModelPath::from(["paths"])
                    .child(old.path.as_str())
                    .child(old.method.to_ascii_lowercase())
                    .to_string(),
                Some(old.pos),
                None,
                format!("{} is gone: clients that call it fail", old.label()),
            );
        }
    }
}

fn location_name(l: Location) -> &'static str {
    match l {
        Location::Header => "header",
        Location::Query => "query",
        Location::Path => "path",
        Location::FormData => "formData",
    }
}

fn parameters(found: &mut Found<'_>, old: &Operation, new: &Operation) {
    let same = |a: &Parameter, b: &Parameter| a.name == b.name && a.location == b.location;
    for p in &new.parameters {
        let path = p.schema.path.to_string();
        let what = format!("{} parameter `{}`", location_name(p.location), p.name);
        match old.parameters.iter().find(|q| same(q, p)) {
            Some(q) => {
                match (q.required, p.required) {
                    (false, true) => found.push(
                        Kind::narrows("parameter-required-added"),
                        Side::Request,
                        path.clone(),
                        Some(q.pos),
                        Some(p.pos),
                        format!("{what} of {} is required now", new.label()),
                    ),
                    (true, false) => found.push(
                        Kind::widens("parameter-required-removed"),
                        Side::Request,
                        path.clone(),
                        Some(q.pos),
                        Some(p.pos),
                        format!("{what} of {} is optional now", new.label()),
                    ),
                    _ => {}
                }
                schema::compare(found, &q.schema, &p.schema, Side::Request);
            }
            None if p.required => found.push(
                Kind::narrows("parameter-required-added"),
                Side::Request,
                path,
                None,
                Some(p.pos),
                format!("{} has a new required {what}", new.label()),
            ),
            None => found.push(
                Kind::compatible("parameter-added"),
                Side::Request,
                path,
                None,
                Some(p.pos),
                format!("{} has a new optional {what}", new.label()),
            ),
        }
    }
    for q in &old.parameters {
        if !new.parameters.iter().any(|p| same(q, p)) {
            found.push(
                Kind::compatible("parameter-removed"),
                Side::Request,
                q.schema.path.to_string(),
                Some(q.pos),
                None,
                format!(
                    "{} no longer takes the {} parameter `{}` (clients that send it are ignored)",
                    old.label(),
                    location_name(q.location),
                    q.name
                ),
            );
        }
    }
}

fn body(found: &mut Found<'_>, old: &Operation, new: &Operation, op_path: &str) {
    let path = format!("{op_path}.body");
    match (&old.body, &new.body) {
        (Some(a), Some(b)) => {
            match (a.required, b.required) {
                (false, true) => found.push(
                    Kind::narrows("body-required-added"),
                    Side::Request,
                    path,
                    Some(a.pos),
                    Some(b.pos),
                    format!("the body of {} is required now", new.label()),
                ),
                (true, false) => found.push(
                    Kind::widens("body-required-removed"),
                    Side::Request,
                    path,
                    Some(a.pos),
                    Some(b.pos),
                    format!("the body of {} is optional now", new.label()),
                ),
                _ => {}
            }
            schema::compare(found, &a.schema, &b.schema, Side::Request);
        }
        (None, Some(b)) => found.push(
            if b.required {
                Kind::narrows("body-required-added")
            } else {
                Kind::compatible("body-added")
            },
            Side::Request,
            path,
            None,
            Some(b.pos),
            format!("{} takes a body now", new.label()),
        ),
        (Some(a), None) => found.push(
            Kind::compatible("body-removed"),
            Side::Request,
            path,
            Some(a.pos),
            None,
            format!("{} takes no body now", new.label()),
        ),
        (None, None) => {}
    }
}

fn responses(found: &mut Found<'_>, old: &Operation, new: &Operation, op_path: &str) {
    for r in &new.responses {
        let path = format!("{op_path}.responses.{}", r.status);
        let Some(before) = old.response(&r.status) else {
            found.push(
                Kind::compatible("status-added"),
                Side::Response,
                path,
                None,
                Some(r.pos),
                format!("{} may answer {} now", new.label(), r.status),
            );
            continue;
        };
        match (&before.schema, &r.schema) {
            (Some(a), Some(b)) => schema::compare(found, a, b, Side::Response),
            (Some(a), None) => found.push(
                Kind::replaces("schema-removed"),
                Side::Response,
                path.clone(),
                Some(a.pos),
                Some(r.pos),
                format!(
                    "the {} response of {} no longer says what it holds",
                    r.status,
                    new.label()
                ),
            ),
            (None, Some(b)) => found.push(
                Kind::compatible("schema-added"),
                Side::Response,
                path.clone(),
                Some(before.pos),
                Some(b.pos),
                format!(
                    "the {} response of {} says what it holds now",
                    r.status,
                    new.label()
                ),
            ),
            (None, None) => {}
        }
        for h in &r.headers {
            match before.headers.iter().find(|g| g.name == h.name) {
                Some(g) => schema::compare(found, &g.schema, &h.schema, Side::Response),
                None => found.push(
                    Kind::compatible("header-added"),
                    Side::Response,
                    h.schema.path.to_string(),
                    None,
                    Some(h.pos),
                    format!(
                        "the {} response sends the header `{}` now",
                        r.status, h.name
                    ),
                ),
            }
        }
        for g in &before.headers {
            if !r.headers.iter().any(|h| h.name == g.name) {
                found.push(
                    Kind::widens("header-removed"),
                    Side::Response,
                    g.schema.path.to_string(),
                    Some(g.pos),
                    None,
                    format!(
                        "the {} response no longer sends the header `{}`",
                        r.status, g.name
                    ),
                );
            }
        }
    }
    for before in &old.responses {
        if new.response(&before.status).is_none() {
            found.push(
                Kind::compatible("status-removed"),
                Side::Response,
                format!("{op_path}.responses.{}", before.status),
                Some(before.pos),
                None,
                format!("{} no longer answers {}", old.label(), before.status),
            );
        }
    }
}
