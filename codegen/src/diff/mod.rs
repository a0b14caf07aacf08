//! `molde diff`: what changed between two versions of a contract, and whether each change
//! breaks the side that sends or the side that receives it.
//!
//! Models are compared, not texts: operations by method and path, types by name (or, where a
//! `$ref` leads, by what it names), members by wire name. So a spec and its own `molde repair`
//! output do not differ, and a field-table document compares with a Swagger spec of the same
//! API. Each change is judged for the side it affects:
//! - in what clients **send** (parameters, request bodies), a change is breaking when it rejects
//!   a payload that was valid before (a new required member, a bound tightened, an enum value
//!   removed), compatible when it only accepts more;
//! - in what clients **receive** (responses), a change is breaking when a reader of the old
//!   contract could not handle it (a member removed or no longer required, an enum value added,
//!   a bound loosened), compatible when it only narrows;
//! - a type used on both sides (or by no operation) gets the stricter of the two verdicts;
//!   descriptions, examples and labels are info.
//!
//! ```
//! use molde_codegen::diff::{Impact, compare};
//! let old = molde_codegen::check_bytes("old.yaml", b"swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: string, maxLength: 10}\n", &[]);
//! let new = molde_codegen::check_bytes("new.yaml", b"swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: string, maxLength: 5}\n", &[]);
//! let changes = compare(old.spec.as_ref().unwrap(), new.spec.as_ref().unwrap());
//! assert_eq!(changes[0].code, "request.max-length-lowered");
//! assert_eq!(changes[0].impact, Impact::Breaking);
//! ```

mod operations;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::Spec;
use crate::tree::Pos;

/// How a change affects the users of the contract, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Documentation: descriptions, examples, labels.
    Info,
    /// Nothing that worked stops working.
    Compatible,
    /// Some payload or reader that worked before fails now.
    Breaking,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Info => "info",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        }
    }
}

/// The side of the exchange a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// What clients send: parameters and request bodies.
    Request,
    /// What clients receive: responses.
    Response,
    /// A type both sides use, or no operation uses.
    Both,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
            Side::Both => "both",
        }
    }
}

/// Where one side of a change is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// One change between the two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// Stable: the side, then what changed (`request.required-added`, `response.enum-widened`,
    /// `operation.removed`).
    pub code: String,
    pub impact: Impact,
    pub side: Side,
    /// The model path of what changed (in the new version, or the old one when it is gone).
    pub path: String,
    /// Where it is in the old version; `None` when it is new.
    pub old: Option<Location>,
    /// Where it is in the new version; `None` when it is gone.
    pub new: Option<Location>,
    pub message: String,
}

/// A kind of change and its verdict on each side: what [`schema`] and [`operations`] find.
#[derive(Clone, Copy)]
struct Kind {
    /// The code after the side (`required-added`).
    name: &'static str,
    request: Impact,
    response: Impact,
}

impl Kind {
    /// A change that makes the schema accept less (a bound tightened, a value removed).
    const fn narrows(name: &'static str) -> Kind {
        Kind {
            name,
            request: Impact::Breaking,
            response: Impact::Compatible,
        }
    }

    /// A change that makes the schema accept more.
    const fn widens(name: &'static str) -> Kind {
        Kind {
            name,
            request: Impact::Compatible,
            response: Impact::Breaking,
        }
    }

    /// A change that accepts other values (a pattern or a type replaced).
    const fn replaces(name: &'static str) -> Kind {
        Kind {
            name,
            request: Impact::Breaking,
            response: Impact::Breaking,
        }
    }

    const fn info(name: &'static str) -> Kind {
        Kind {
            name,
            request: Impact::Info,
            response: Impact::Info,
        }
    }

    const fn compatible(name: &'static str) -> Kind {
        Kind {
            name,
            request: Impact::Compatible,
            response: Impact::Compatible,
        }
    }

    fn impact(self, side: Side) -> Impact {
        match side {
            Side::Request => self.request,
            Side::Response => self.response,
            Side::Both => self.request.max(self.response),
        }
    }
}

/// What the comparison has found so far, and what it has already compared.
struct Found<'a> {
    old: &'a Spec,
    new: &'a Spec,
    changes: Vec<Change>,
    /// Named types compared on a side (old name, new name, side): each pair once.
    compared: HashSet<(String, String, Side)>,
    /// Named types of each version some operation reaches (through `$ref`s).
    reached_old: HashSet<String>,
    reached_new: HashSet<String>,
}

impl<'a> Found<'a> {
    fn location(spec: &Spec, pos: Pos) -> Option<Location> {
        (pos.line > 0).then(|| Location {
            file: spec.source.clone(),
            line: pos.line,
            column: pos.column,
        })
    }

    /// Records a change of `kind` on `side` (`old`/`new`: where it is on each side).
    fn push(
        &mut self,
        kind: Kind,
        side: Side,
        path: String,
        old: Option<Pos>,
        new: Option<Pos>,
        message: String,
    ) {
        // On both sides, the code names the side whose verdict is the stricter one.
        let side_name = match side {
            Side::Both if kind.response > kind.request => "response",
            Side::Both => "request",
            s => s.as_str(),
        };
        let code = if kind.name.contains('.') {
            kind.name.to_string()
        } else {
            format!("{side_name}.{}", kind.name)
        };
        self.changes.push(Change {
            code,
            impact: kind.impact(side),
            side,
            path,
            old: old.and_then(|p| Self::location(self.old, p)),
            new: new.and_then(|p| Self::location(self.new, p)),
            message,
        });
    }
}

/// Every change from `old` to `new`, in the new version's order (operations, then the types no
/// operation uses), each once: a change found on both sides is kept once with the stricter
/// verdict and `side: both`.
pub fn compare(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut found = Found {
        old,
        new,
        changes: Vec::new(),
        compared: HashSet::new(),
        reached_old: HashSet::new(),
        reached_new: HashSet::new(),
    };
    operations::compare(&mut found);
    // Types no operation reaches: judged for both sides.
    let (reached_old, reached_new) = (found.reached_old.clone(), found.reached_new.clone());
    for new_type in &new.types {
        if reached_new.contains(&new_type.name) {
            continue;
        }
        match old.type_named(&new_type.name) {
            Some(old_type) => {
                schema::compare_named(&mut found, &old_type.name, &new_type.name, Side::Both)
            }
            None => found.push(
                Kind::compatible("type.added"),
                Side::Both,
                format!("definitions.{}", new_type.name),
                None,
                Some(new_type.pos),
                format!("type `{}` is new", new_type.name),
            ),
        }
    }
    for old_type in &old.types {
        if new.type_named(&old_type.name).is_none() && !reached_old.contains(&old_type.name) {
            found.push(
                Kind::compatible("type.removed"),
                Side::Both,
                format!("definitions.{}", old_type.name),
                Some(old_type.pos),
                None,
                format!("type `{}` is gone", old_type.name),
            );
        }
    }
    merge(found.changes)
}

/// One change per (what, path): the same change reached on the request and the response side
/// becomes one on both, with the stricter verdict.
fn merge(changes: Vec<Change>) -> Vec<Change> {
    let what = |c: &Change| {
        let name = c.code.split_once('.').map_or(c.code.as_str(), |(_, n)| n);
        (name.to_string(), c.path.clone())
    };
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    let mut out: Vec<Change> = Vec::new();
    for change in changes {
        match at.get(&what(&change)) {
            Some(&i) => {
                let kept = &mut out[i];
                if kept.side != change.side {
                    kept.side = Side::Both;
                }
                if change.impact > kept.impact {
                    kept.impact = change.impact;
                    kept.code = change.code;
                }
            }
            None => {
                at.insert(what(&change), out.len());
                out.push(change);
            }
        }
    }
    out
}
