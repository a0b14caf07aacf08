//! A flat table (no level columns) nested as its example shows: the table lists the fields in
//! the order the example writes them, groups included, so each row is matched, in order, with
//! a member of the example. A row that matches a member holding an object (or a list of objects)
//! opens that group; the rows after it belong to it until one matches a member further out.
//!
//! Names are matched ignoring case, accents and punctuation, then by edit distance for typos
//! (`fuelle_ingresos_fijos` and `fuentes_ingresos_fijos`: one edit per four characters, among
//! the members of the open groups not matched yet, the first letter the same); every match that is not exact is
//! reported with both spellings. A name that differs only in case, accents or spaces is read as
//! the example spells it (the wire name); a typo keeps the table's spelling. A row the example
//! cannot place stays in the group it is listed in, with a warning.

use super::columns::fold;
use super::rules::{EXAMPLE_SPELLING, TYPO_MATCHING, TableRules};
use super::tree::FieldNode;
use super::types::TypeWord;
use crate::diag::Diagnostic;
use crate::model::{ModelPath, ScalarKind, Type};
use crate::suggest::closest_name_within;
use crate::tree::{Node, Value};

/// What an example shows for a field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shown {
    Object,
    /// A list, with what its first item shows.
    Array(Option<Box<Shown>>),
    Scalar(ScalarKind),
    Null,
}

impl Shown {
    pub(crate) fn of(node: &Node) -> Shown {
        match &node.value {
            Value::Map(_) => Shown::Object,
            Value::Seq(items) => Shown::Array(items.first().map(|i| Box::new(Shown::of(i)))),
            Value::Str(_) => Shown::Scalar(ScalarKind::String),
            Value::Int(_) => Shown::Scalar(ScalarKind::Integer),
            Value::Float(_) => Shown::Scalar(ScalarKind::Number),
            Value::Bool(_) => Shown::Scalar(ScalarKind::Boolean),
            Value::Null => Shown::Null,
        }
    }

    /// The model type of a scalar shown (anything else is read as any value).
    pub(crate) fn scalar_type(&self) -> Type {
        match self {
            Shown::Scalar(kind) => Type::Scalar { ty: *kind },
            _ => Type::Any,
        }
    }

    fn word(&self) -> &'static str {
        match self {
            Shown::Object => "an object",
            Shown::Array(_) => "a list",
            Shown::Scalar(ScalarKind::String) => "a string",
            Shown::Scalar(ScalarKind::Integer) => "an integer",
            Shown::Scalar(ScalarKind::Number) => "a number",
            Shown::Scalar(_) => "a scalar",
            Shown::Null => "null",
        }
    }
}

/// The type to read a guided field as: the structure the example shows (such docs call every
/// group an `Array`), the scalar kind the table names. A contradiction in structure is reported.
pub(super) fn reconcile(
    node: &FieldNode,
    shown: &Shown,
    word: TypeWord,
    path: &ModelPath,
    found: &mut Vec<Diagnostic>,
) -> TypeWord {
    let structured = |w: TypeWord| matches!(w, TypeWord::Array | TypeWord::Object);
    let from_example = match shown {
        Shown::Object => TypeWord::Object,
        Shown::Array(_) => TypeWord::Array,
        Shown::Scalar(kind) => TypeWord::Scalar(*kind),
        Shown::Null => return word,
    };
    let contradicts = match (word, shown) {
        (TypeWord::Unstated, _) => false,
        (TypeWord::Array, Shown::Array(_)) | (TypeWord::Object, Shown::Object) => false,
        (w, Shown::Scalar(_)) if !structured(w) => false,
        _ => true,
    };
    if !contradicts {
        return if word == TypeWord::Unstated {
            from_example
        } else {
            word
        };
    }
    let written = node.ty.as_ref().map_or("", |c| c.text.trim());
    found.push(
        Diagnostic::warning(
            "table.type-contradicts-example",
            format!(
                "`{}` is `{written}` in the table, but the example gives it {}: read as the example shows",
                node.name,
                shown.word()
            ),
        )
        .at(node.ty.as_ref().map_or(node.cell.pos, |c| c.pos))
        .path(path.to_string())
        .hint("make the table and the example agree"),
    );
    match (word, from_example) {
        // A scalar the table names keeps its kind where the example agrees it is a scalar.
        (TypeWord::Scalar(kind), TypeWord::Scalar(_)) => TypeWord::Scalar(kind),
        (_, shape) => shape,
    }
}

/// An open group of the example: its members, and the rows placed in it so far.
struct Frame<'e> {
    /// The row that opened it (none for the example itself).
    owner: Option<FieldNode>,
    members: Vec<Member<'e>>,
    rows: Vec<FieldNode>,
}

struct Member<'e> {
    key: String,
    folded: String,
    value: &'e Node,
    used: bool,
}

impl<'e> Frame<'e> {
    fn new(owner: Option<FieldNode>, object: Option<&'e Node>) -> Self {
        let members = object
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|e| Member {
                key: e.key.clone(),
                folded: fold(&e.key).replace(' ', ""),
                value: &e.value,
                used: false,
            })
            .collect();
        Frame {
            owner,
            members,
            rows: Vec::new(),
        }
    }
}

/// The object a value shows members of: itself, or the first item of a list of objects.
fn object_of(value: &Node) -> Option<&Node> {
    match &value.value {
        Value::Map(_) => Some(value),
        Value::Seq(items) => items.first().filter(|i| i.as_map().is_some()),
        _ => None,
    }
}

/// The rows of a flat table nested as `example` shows (see the module documentation).
pub(super) fn nest(
    rows: Vec<FieldNode>,
    example: &Node,
    rules: &TableRules,
    found: &mut Vec<Diagnostic>,
) -> Vec<FieldNode> {
    let mut frames: Vec<Frame<'_>> = vec![Frame::new(None, object_of(example))];
    for mut row in rows {
        let folded = fold(&row.name).replace(' ', "");
        let place = find(&frames, &folded, true).or_else(|| {
            rules
                .is_on(TYPO_MATCHING)
                .then(|| find(&frames, &folded, false))
                .flatten()
        });
        let Some((depth, index)) = place else {
            // Not in the example: it stays where the table lists it, in the innermost group the
            // table is describing. A group none of whose members any row has matched is one
            // the table does not describe (its fields are elsewhere, `[ITEMS](ITEMS.md)`): it
            // is closed, and the row goes to the group around it.
            while frames.len() > 1
                && frames
                    .last()
                    .is_some_and(|f| f.rows.is_empty() && !f.members.iter().any(|m| m.used))
            {
                close(&mut frames);
            }
            let group = frames
                .last()
                .and_then(|f| f.owner.as_ref())
                .map_or("the top level".to_string(), |o| format!("`{}`", o.name));
            found.push(
                Diagnostic::warning(
                    "table.unplaced-row",
                    format!(
                        "`{}` is not in the example, which decides where this table's rows belong; kept in {group}",
                        row.name
                    ),
                )
                .at(row.cell.pos)
                .hint("add it to the example, or check its name"),
            );
            let opens = row
                .ty
                .as_ref()
                .and_then(|c| super::types::type_word(&c.text))
                .is_some_and(|w| matches!(w, TypeWord::Array | TypeWord::Object));
            if opens {
                frames.push(Frame::new(Some(row), None));
            } else {
                frames
                    .last_mut()
                    .expect("the example's frame stays")
                    .rows
                    .push(row);
            }
            continue;
        };
        while frames.len() > depth + 1 {
            close(&mut frames);
        }
        let frame = frames.last_mut().expect("the frame found is open");
        let member = &mut frame.members[index];
        member.used = true;
        if member.key != row.name {
            // Case, accents or spaces apart, the example shows the name as it goes on the wire;
            // a typo on either side cannot be told, and the table is the contract.
            let same_letters = member.folded == folded;
            let kept = if same_letters && rules.is_on(EXAMPLE_SPELLING) {
                "read as the example spells it"
            } else {
                "the table's spelling kept"
            };
            found.push(
                Diagnostic::info(
                    "table.name-mismatch",
                    format!(
                        "`{}` in the table is `{}` in the example: matched, {kept}",
                        row.name, member.key
                    ),
                )
                .at(row.cell.pos)
                .hint("make the table and the example spell it the same way"),
            );
            if same_letters && rules.is_on(EXAMPLE_SPELLING) {
                row.name = member.key.trim().to_string();
            }
        }
        let value = member.value;
        row.shown = Some(Shown::of(value));
        match object_of(value) {
            Some(object) => frames.push(Frame::new(Some(row), Some(object))),
            None => frame.rows.push(row),
        }
    }
    while frames.len() > 1 {
        close(&mut frames);
    }
    frames.pop().map(|f| f.rows).unwrap_or_default()
}

/// The innermost open group with a member named `folded`: unused ones first, exactly (after
/// folding) or, when `exact` is false, within a typo's distance.
fn find(frames: &[Frame<'_>], folded: &str, exact: bool) -> Option<(usize, usize)> {
    for used in [false, true] {
        for (depth, frame) in frames.iter().enumerate().rev() {
            let candidates = frame
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.used == used);
            let hit = if exact {
                candidates
                    .into_iter()
                    .find(|(_, m)| m.folded == folded)
                    .map(|(i, _)| i)
            } else {
                let pool: Vec<(usize, &str)> =
                    candidates.map(|(i, m)| (i, m.folded.as_str())).collect();
                // The candidates are the few members of the open groups not matched yet: one
                // edit per four characters, the first letter kept.
                let first = folded.chars().next();
                let pool: Vec<(usize, &str)> = pool
                    .into_iter()
                    .filter(|(_, f)| f.chars().next() == first)
                    .collect();
                closest_name_within(folded, pool.iter().map(|(_, f)| *f), 4)
                    .and_then(|best| pool.iter().find(|(_, f)| *f == best).map(|(i, _)| *i))
            };
            if let Some(index) = hit {
                return Some((depth, index));
            }
        }
    }
    None
}

/// Closes the innermost group: its rows become the children of the row that opened it.
fn close(frames: &mut Vec<Frame<'_>>) {
    let frame = frames.pop().expect("a group is open");
    let mut owner = frame
        .owner
        .expect("only the example's own frame has no owner");
    owner.children = frame.rows;
    frames
        .last_mut()
        .expect("the example's frame stays")
        .rows
        .push(owner);
}
