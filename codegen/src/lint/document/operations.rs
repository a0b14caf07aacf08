//! Operations:
//! - `operation.duplicate-id` (error): two operations with one `operationId` (generated clients
//!   name a method after it, so the second would not compile or would shadow the first);
//! - `operation.no-success-response`: an operation that lists responses but no 2xx or 3xx one,
//!   so a client cannot tell what success returns. A `default` response answers that (it is
//!   every status the others do not list, and generators read success from it), and so does
//!   `101 Switching Protocols` (an upgraded connection: docker's `/session`).

use std::collections::HashMap;

use super::{Op, text};
use crate::diag::Diagnostic;
use crate::tree::Node;

pub(super) fn ids(operations: &[Op<'_>], found: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &Op<'_>> = HashMap::new();
    for op in operations {
        let Some(id) = text(op.node(), "operationId") else {
            continue;
        };
        let at = op
            .node()
            .get("operationId")
            .map_or(op.entry.key_pos, |n| n.pos);
        match first.get(id) {
            Some(earlier) => found.push(
                Diagnostic::error(
                    "operation.duplicate-id",
                    format!(
                        "operationId `{id}` is also {} {}'s",
                        earlier.method.to_ascii_uppercase(),
                        earlier.template
                    ),
                )
                .at(at)
                .path(op.path.child("operationId").to_string())
                .hint("operation ids name the generated methods; give each operation its own"),
            ),
            None => {
                first.insert(id, op);
            }
        }
    }
}

pub(super) fn success_response(op: &Op<'_>, found: &mut Vec<Diagnostic>) {
    let Some(responses) = op.node().get("responses").and_then(Node::as_map) else {
        return;
    };
    let success = |code: &str| {
        let digits = code.as_bytes();
        code == "default"
            || code == "101"
            || (digits.len() == 3 && matches!(digits[0], b'2' | b'3'))
    };
    if responses.is_empty() || responses.iter().any(|r| success(&r.key)) {
        return;
    }
    let at = op
        .node()
        .entry("responses")
        .map_or(op.entry.key_pos, |e| e.key_pos);
    let listed: Vec<&str> = responses
        .iter()
        .map(|r| r.key.as_str())
        .filter(|k| !k.starts_with("x-"))
        .collect();
    if listed.is_empty() {
        return;
    }
    found.push(
        Diagnostic::warning(
            "operation.no-success-response",
            format!(
                "{} {} has no 2xx or 3xx response (only {})",
                op.method.to_ascii_uppercase(),
                op.template,
                listed.join(", ")
            ),
        )
        .at(at)
        .path(op.path.child("responses").to_string())
        .hint(
            "declare what success returns (`200`, `201`, `204`, …), so clients know what to read",
        ),
    );
}
