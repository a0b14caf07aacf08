//! A table of its own for an object: docs often list an object's fields in a table after the
//! one that names the object, under a caption that names it again (`**Tópico Customer**`,
//! `### Deudores`, `Los campos del tipo de dato estructurado sBTPersona1 son:`). Such a table's
//! rows are the fields of the field its caption names: a field an earlier table lists (by its
//! name or by its type, `sBTPersona1`), or else a member of the example (`"Customer": {...}`),
//! which then becomes a field of its own.

use std::collections::HashSet;

use super::Cell;
use super::columns::fold;
use super::tree::FieldNode;
use crate::tree::{Node, Value};

/// Caption words that name no object.
const GENERIC: &[&str] = &[
    "campo",
    "campos",
    "field",
    "fields",
    "parametro",
    "parametros",
    "parameter",
    "parameters",
    "atributo",
    "atributos",
    "attribute",
    "attributes",
    "tabla",
    "table",
    "objeto",
    "object",
    "tipo",
    "type",
    "dato",
    "datos",
    "request",
    "response",
    "respuesta",
    "peticion",
    "body",
    "ejemplo",
    "example",
    "descripcion",
    "description",
    "estructura",
    "structure",
    "the",
    "los",
    "las",
    "del",
    "son",
    "siguientes",
    "following",
];

/// `first_bank_reference`, `First Bank Reference` -> `firstbankreference`.
fn key(text: &str) -> String {
    fold(text).replace(' ', "")
}

/// The object a table's captions name.
pub(super) struct Target<'e> {
    /// Folded name (or type) of the field.
    pub folded: String,
    /// The example's member of that name, when the example has one.
    pub member: Option<(&'e str, &'e Node)>,
}

/// The field the captions of a table name, among `known` (folded names and types of the rows
/// of the tables before it) and the members of `example`. The caption closest to the table is
/// asked first.
pub(super) fn target<'e>(
    captions: &[String],
    known: &HashSet<String>,
    example: Option<&'e Node>,
) -> Option<Target<'e>> {
    let members = example.map(members).unwrap_or_default();
    for caption in captions.iter().rev() {
        // The whole caption first: a type written as words (`Información del cónyuge`, a link
        // to the section of that name) is the caption of the table that describes it.
        let whole = key(caption.trim_end_matches(':'));
        if known.contains(&whole) {
            let member = members
                .iter()
                .find(|(k, _, _)| *k == whole)
                .map(|(_, n, v)| (*n, *v));
            return Some(Target {
                folded: whole,
                member,
            });
        }
        let words = caption
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| w.chars().count() >= 3)
            .map(key)
            .filter(|w| !GENERIC.contains(&w.as_str()));
        for word in words {
            let member = members
                .iter()
                .find(|(k, _, _)| *k == word)
                .map(|(_, name, node)| (*name, *node));
            if known.contains(&word) || member.is_some() {
                return Some(Target {
                    folded: word,
                    member,
                });
            }
        }
    }
    None
}

/// The folded names and types of `rows` and everything nested in them, into `known`.
pub(super) fn learn(rows: &[FieldNode], known: &mut HashSet<String>) {
    for row in rows {
        known.insert(key(&row.name));
        if let Some(ty) = &row.ty {
            known.insert(key(&ty.text));
        }
        learn(&row.children, known);
    }
}

/// Every member of an example (at any depth, through lists), folded, with its key and value.
fn members(example: &Node) -> Vec<(String, &str, &Node)> {
    let mut out = Vec::new();
    let mut stack = vec![(example, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > 16 {
            continue;
        }
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    out.push((key(&entry.key), entry.key.as_str(), &entry.value));
                    stack.push((&entry.value, depth + 1));
                }
            }
            Value::Seq(items) => {
                if let Some(first) = items.first() {
                    stack.push((first, depth + 1));
                }
            }
            _ => {}
        }
    }
    out
}

/// Gives `children` to the field `target` names in `nodes` (the first by name, else by type);
/// when no field has that name, to a new field named as the example spells it, at the top.
pub(super) fn attach(
    nodes: &mut Vec<FieldNode>,
    target: &Target<'_>,
    children: Vec<FieldNode>,
    at: &Cell,
) {
    let by_name = find(nodes, &target.folded, false).is_some();
    if let Some(node) = find(nodes, &target.folded, !by_name) {
        node.children.extend(children);
        return;
    }
    let (name, shape) = match target.member {
        Some((name, node)) => (name.to_string(), Some(node)),
        None => (target.folded.clone(), None),
    };
    let ty = shape.map(|node| match node.value {
        Value::Seq(_) => "Array",
        _ => "object",
    });
    nodes.push(FieldNode {
        name,
        cell: at.clone(),
        ty: ty.map(|t| Cell {
            text: t.to_string(),
            ..at.clone()
        }),
        children,
        ..FieldNode::default()
    });
}

fn find<'n>(nodes: &'n mut [FieldNode], folded: &str, by_type: bool) -> Option<&'n mut FieldNode> {
    for node in nodes.iter_mut() {
        let hit = if by_type {
            node.ty.as_ref().is_some_and(|t| key(&t.text) == folded)
        } else {
            key(&node.name) == folded
        };
        if hit {
            return Some(node);
        }
        if let Some(inner) = find(&mut node.children, folded, by_type) {
            return Some(inner);
        }
    }
    None
}

/// The part of `example` the object `target` names: its member's value (the first item of a
/// list), to guide the nesting of the object's own flat table.
pub(super) fn guide<'e>(target: &Target<'e>) -> Option<&'e Node> {
    let (_, node) = target.member?;
    match &node.value {
        Value::Map(_) => Some(node),
        Value::Seq(items) => items.first().filter(|i| i.as_map().is_some()),
        _ => None,
    }
}
