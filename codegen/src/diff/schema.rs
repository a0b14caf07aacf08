//! Two schemas compared on one side: types, members, enum values, bounds, patterns, formats,
//! nullability and descriptions. `$ref`s are followed into what they name, each pair of named
//! types once per side, so recursive types end.

use super::{Found, Kind, Side};
use crate::model::{EnumType, Keyword, ObjectType, ScalarKind, Schema, Type, UnknownMembers};
use crate::tree::Pos;

/// The named types `old_name` and `new_name` compared on `side` (once per pair and side).
pub(super) fn compare_named(found: &mut Found<'_>, old_name: &str, new_name: &str, side: Side) {
    found.reached_old.insert(old_name.to_string());
    found.reached_new.insert(new_name.to_string());
    if !found
        .compared
        .insert((old_name.to_string(), new_name.to_string(), side))
    {
        return;
    }
    let (old_spec, new_spec) = (found.old, found.new);
    let (Some(old), Some(new)) = (old_spec.type_named(old_name), new_spec.type_named(new_name))
    else {
        return;
    };
    compare(found, &old.schema, &new.schema, side);
}

/// What a schema is, for telling a changed type from a changed detail.
#[derive(PartialEq, Clone, Copy)]
enum Shape {
    Object,
    Array,
    Scalar(ScalarKind),
    Enum(ScalarKind),
    Any,
}

fn shape(ty: &Type) -> Option<Shape> {
    Some(match ty {
        Type::Object(_) => Shape::Object,
        Type::Array(_) => Shape::Array,
        Type::Scalar { ty } => Shape::Scalar(*ty),
        Type::Enum(e) => Shape::Enum(e.base),
        Type::Any => Shape::Any,
        Type::Ref(_) | Type::Recursive(_) => return None,
    })
}

fn shape_name(s: Shape) -> String {
    match s {
        Shape::Object => "an object".into(),
        Shape::Array => "an array".into(),
        Shape::Scalar(k) => crate::suggest::with_article(k.as_str()),
        Shape::Enum(k) => format!("{} enum", crate::suggest::with_article(k.as_str())),
        Shape::Any => "anything".into(),
    }
}

/// `old` and `new` compared on `side`.
pub(super) fn compare(found: &mut Found<'_>, old: &Schema, new: &Schema, side: Side) {
    let (old_spec, new_spec) = (found.old, found.new);
    // Follow references: by name when both sides name a type, else into what the one names.
    match (&old.ty, &new.ty) {
        (Type::Ref(a), Type::Ref(b)) => return compare_named(found, &a.name, &b.name, side),
        (Type::Recursive(_), _) | (_, Type::Recursive(_)) => return,
        (Type::Ref(a), _) => {
            found.reached_old.insert(a.name.clone());
            if let Some(t) = old_spec.type_named(&a.name) {
                compare(found, &t.schema, new, side);
            }
            return;
        }
        (_, Type::Ref(b)) => {
            found.reached_new.insert(b.name.clone());
            if let Some(t) = new_spec.type_named(&b.name) {
                compare(found, old, &t.schema, side);
            }
            return;
        }
        _ => {}
    }
    let path = new.path.to_string();
    if old.description.as_deref().map(str::trim) != new.description.as_deref().map(str::trim) {
        found.push(
            Kind::info("description-changed"),
            side,
            path.clone(),
            old.description_pos.or(Some(old.pos)),
            new.description_pos.or(Some(new.pos)),
            format!("the description of `{path}` changed"),
        );
    }
    nullable(found, old, new, side, &path);
    let (Some(o), Some(n)) = (shape(&old.ty), shape(&new.ty)) else {
        return;
    };
    if o != n {
        let kind = match (o, n) {
            (Shape::Any, _) => Kind::narrows("type-narrowed"),
            (_, Shape::Any) => Kind::widens("type-widened"),
            (Shape::Scalar(ScalarKind::Number), Shape::Scalar(ScalarKind::Integer)) => {
                Kind::narrows("type-narrowed")
            }
            (Shape::Scalar(ScalarKind::Integer), Shape::Scalar(ScalarKind::Number)) => {
                Kind::widens("type-widened")
            }
            (Shape::Scalar(a), Shape::Enum(b)) if a == b => Kind::narrows("enum-added"),
            (Shape::Enum(a), Shape::Scalar(b)) if a == b => Kind::widens("enum-removed"),
            _ => Kind::replaces("type-changed"),
        };
        found.push(
            kind,
            side,
            path.clone(),
            Some(old.pos),
            Some(new.pos),
            format!("`{path}` was {}, is {} now", shape_name(o), shape_name(n)),
        );
    }
    match (&old.ty, &new.ty) {
        (Type::Object(a), Type::Object(b)) => objects(found, a, b, side, &path),
        (Type::Array(a), Type::Array(b)) => compare(found, &a.items, &b.items, side),
        (Type::Enum(a), Type::Enum(b)) => enums(found, a, b, side, &path),
        _ => {}
    }
    constraints(found, old, new, side, &path);
}

fn nullable(found: &mut Found<'_>, old: &Schema, new: &Schema, side: Side, path: &str) {
    let kind = match (old.nullable, new.nullable) {
        (false, true) => Kind::widens("nullable-added"),
        (true, false) => Kind::narrows("nullable-removed"),
        _ => return,
    };
    let now = if new.nullable { "may" } else { "may no longer" };
    found.push(
        kind,
        side,
        path.to_string(),
        Some(old.pos),
        Some(new.pos),
        format!("`{path}` {now} be null"),
    );
}

fn objects(found: &mut Found<'_>, old: &ObjectType, new: &ObjectType, side: Side, path: &str) {
    for field in &new.fields {
        let field_path = field.schema.path.to_string();
        match old.field(&field.name) {
            Some(before) => {
                match (before.required, field.required) {
                    (false, true) => found.push(
                        Kind::narrows("required-added"),
                        side,
                        field_path.clone(),
                        Some(before.pos),
                        Some(field.pos),
                        format!("`{}` is required now", field.name),
                    ),
                    (true, false) => found.push(
                        Kind::widens("required-removed"),
                        side,
                        field_path.clone(),
                        Some(before.pos),
                        Some(field.pos),
                        format!("`{}` is no longer required", field.name),
                    ),
                    _ => {}
                }
                compare(found, &before.schema, &field.schema, side);
            }
            None if field.required => found.push(
                Kind::narrows("required-added"),
                side,
                field_path,
                None,
                Some(field.pos),
                format!("`{}` is a new required member of `{path}`", field.name),
            ),
            None => found.push(
                Kind::compatible("member-added"),
                side,
                field_path,
                None,
                Some(field.pos),
                format!("`{}` is a new optional member of `{path}`", field.name),
            ),
        }
    }
    let closed = matches!(new.unknown_members, UnknownMembers::Closed);
    for before in &old.fields {
        if new.field(&before.name).is_some() {
            continue;
        }
        // A sender may still send it (ignored), unless the object refuses unknown members now;
        // a reader that expects it does not get it.
        let kind = Kind {
            name: "member-removed",
            request: if closed {
                super::Impact::Breaking
            } else {
                super::Impact::Compatible
            },
            response: super::Impact::Breaking,
        };
        let still_required = new.required.iter().any(|n| n.name == before.name);
        found.push(
            kind,
            side,
            before.schema.path.to_string(),
            Some(before.pos),
            None,
            format!(
                "`{}` is no longer a member of `{path}`{}",
                before.name,
                if still_required {
                    " (its name is still in `required`)"
                } else {
                    ""
                }
            ),
        );
    }
    match (&old.unknown_members, &new.unknown_members) {
        (UnknownMembers::Map(a), UnknownMembers::Map(b)) => compare(found, a, b, side),
        (UnknownMembers::Closed, UnknownMembers::Closed)
        | (UnknownMembers::Open, UnknownMembers::Open) => {}
        (_, UnknownMembers::Closed) => found.push(
            Kind::narrows("additional-properties-closed"),
            side,
            path.to_string(),
            None,
            None,
            format!("`{path}` refuses members it does not declare now"),
        ),
        (UnknownMembers::Closed, _) | (UnknownMembers::Map(_), UnknownMembers::Open) => found.push(
            Kind::widens("additional-properties-opened"),
            side,
            path.to_string(),
            None,
            None,
            format!("`{path}` accepts more undeclared members now"),
        ),
        (UnknownMembers::Open, UnknownMembers::Map(_)) => found.push(
            Kind::narrows("additional-properties-closed"),
            side,
            path.to_string(),
            None,
            None,
            format!("`{path}` restricts its undeclared members to one type now"),
        ),
    }
}

fn enums(found: &mut Found<'_>, old: &EnumType, new: &EnumType, side: Side, path: &str) {
    let shown = |values: Vec<String>| values.join(", ");
    let removed: Vec<String> = old
        .values
        .iter()
        .filter(|v| !new.values.iter().any(|w| w.value == v.value))
        .map(|v| v.value.to_string())
        .collect();
    let added: Vec<&crate::model::EnumValue> = new
        .values
        .iter()
        .filter(|v| !old.values.iter().any(|w| w.value == v.value))
        .collect();
    if !removed.is_empty() {
        found.push(
            Kind::narrows("enum-narrowed"),
            side,
            path.to_string(),
            Some(old.pos),
            Some(new.pos),
            format!("`{path}` no longer takes {}", shown(removed)),
        );
    }
    if let Some(first) = added.first() {
        found.push(
            Kind::widens("enum-widened"),
            side,
            path.to_string(),
            Some(old.pos),
            Some(first.pos),
            format!(
                "`{path}` takes {} now",
                shown(added.iter().map(|v| v.value.to_string()).collect())
            ),
        );
    }
    for value in &new.values {
        let Some(before) = old.values.iter().find(|w| w.value == value.value) else {
            continue;
        };
        if before.label != value.label {
            found.push(
                Kind::info("label-changed"),
                side,
                path.to_string(),
                Some(before.pos),
                Some(value.pos),
                format!(
                    "the label of {} changed from {} to {}",
                    value.value,
                    before
                        .label
                        .as_deref()
                        .map_or("none".into(), |l| format!("`{l}`")),
                    value
                        .label
                        .as_deref()
                        .map_or("none".into(), |l| format!("`{l}`"))
                ),
            );
        }
    }
}

/// A keyword that counts: written, and applicable to the type (JSON Schema ignores the rest).
fn live<T>(k: &Option<Keyword<T>>) -> Option<&Keyword<T>> {
    k.as_ref().filter(|k| k.applicable)
}

/// An upper bound (`maxLength`, `maximum`): tighter when lower; a lower one when higher.
const UPPER: bool = true;
const LOWER: bool = false;

/// Reports a bound that moved: `(upper, keyword, code when tighter, code when looser)`, its
/// value and place in each version (written only on one side counts as moved from infinity).
fn moved_bound(
    found: &mut Found<'_>,
    side: Side,
    path: &str,
    (upper, name, tighter, looser): (bool, &str, &'static str, &'static str),
    o: Option<(f64, Pos)>,
    n: Option<(f64, Pos)>,
) {
    let tightened = match (o, n) {
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some((x, _)), Some((y, _))) if y != x => (y < x) == upper,
        _ => return,
    };
    let (kind, verb) = match (tightened, upper) {
        (true, true) => (Kind::narrows(tighter), "lowered"),
        (true, false) => (Kind::narrows(tighter), "raised"),
        (false, true) => (Kind::widens(looser), "raised"),
        (false, false) => (Kind::widens(looser), "lowered"),
    };
    found.push(
        kind,
        side,
        path.to_string(),
        o.map(|(_, p)| p),
        n.map(|(_, p)| p),
        format!("`{name}` of `{path}` {verb}: {} -> {}", bound(o), bound(n)),
    );
}

fn constraints(found: &mut Found<'_>, old: &Schema, new: &Schema, side: Side, path: &str) {
    let (a, b) = (&old.constraints, &new.constraints);
    let as_f64 = |k: &Keyword<serde_json::Number>| k.value.as_f64().unwrap_or(0.0);
    let len = |k: &Option<Keyword<u64>>| live(k).map(|k| (k.value as f64, k.pos));
    // An exclusive bound is a hair inside the same inclusive one.
    let exclusive = |e: &Option<Keyword<bool>>| live(e).is_some_and(|k| k.value);
    let nudge = |v: f64, excl: bool, inward: f64| if excl { v + inward } else { v };
    let number = |k: &Option<Keyword<serde_json::Number>>, excl: bool, inward: f64| {
        live(k).map(|k| (nudge(as_f64(k), excl, inward), k.pos))
    };
    let bounds = [
        (
            UPPER,
            "maxLength",
            "max-length-lowered",
            "max-length-raised",
            len(&a.max_length),
            len(&b.max_length),
        ),
        (
            UPPER,
            "maxItems",
            "max-items-lowered",
            "max-items-raised",
            len(&a.max_items),
            len(&b.max_items),
        ),
        (
            UPPER,
            "maximum",
            "maximum-lowered",
            "maximum-raised",
            number(&a.maximum, exclusive(&a.exclusive_maximum), -1e-9),
            number(&b.maximum, exclusive(&b.exclusive_maximum), -1e-9),
        ),
        (
            LOWER,
            "minLength",
            "min-length-raised",
            "min-length-lowered",
            len(&a.min_length),
            len(&b.min_length),
        ),
        (
            LOWER,
            "minItems",
            "min-items-raised",
            "min-items-lowered",
            len(&a.min_items),
            len(&b.min_items),
        ),
        (
            LOWER,
            "minimum",
            "minimum-raised",
            "minimum-lowered",
            number(&a.minimum, exclusive(&a.exclusive_minimum), 1e-9),
            number(&b.minimum, exclusive(&b.exclusive_minimum), 1e-9),
        ),
    ];
    for (upper, name, tighter, looser, o, n) in bounds {
        moved_bound(found, side, path, (upper, name, tighter, looser), o, n);
    }
    replaced(
        found,
        side,
        path,
        "pattern",
        live(&a.pattern).map(|k| (k.value.clone(), k.pos)),
        live(&b.pattern).map(|k| (k.value.clone(), k.pos)),
    );
    replaced(
        found,
        side,
        path,
        "format",
        live(&a.format).map(|k| (k.value.name.clone(), k.pos)),
        live(&b.format).map(|k| (k.value.name.clone(), k.pos)),
    );
    replaced(
        found,
        side,
        path,
        "multipleOf",
        live(&a.multiple_of).map(|k| (k.value.to_string(), k.pos)),
        live(&b.multiple_of).map(|k| (k.value.to_string(), k.pos)),
    );
    let unique = |k: &Option<Keyword<bool>>| live(k).filter(|k| k.value).map(|k| k.pos);
    match (unique(&a.unique_items), unique(&b.unique_items)) {
        (None, Some(p)) => found.push(
            Kind::narrows("unique-items-added"),
            side,
            path.to_string(),
            None,
            Some(p),
            format!("the items of `{path}` must be unique now"),
        ),
        (Some(p), None) => found.push(
            Kind::widens("unique-items-removed"),
            side,
            path.to_string(),
            Some(p),
            None,
            format!("the items of `{path}` need no longer be unique"),
        ),
        _ => {}
    }
}

fn bound(b: Option<(f64, Pos)>) -> String {
    match b {
        None => "none".to_string(),
        Some((v, _)) => {
            let r = v.round();
            if (v - r).abs() < 1e-6 {
                format!("{}", r as i64)
            } else {
                format!("{v}")
            }
        }
    }
}

/// A keyword that holds a value rather than a bound (`pattern`, `format`, `multipleOf`): added
/// narrows, removed widens, changed replaces.
fn replaced(
    found: &mut Found<'_>,
    side: Side,
    path: &str,
    name: &'static str,
    old: Option<(String, Pos)>,
    new: Option<(String, Pos)>,
) {
    let code = |what: &str| -> &'static str {
        match (name, what) {
            ("pattern", "added") => "pattern-added",
            ("pattern", "removed") => "pattern-removed",
            ("pattern", _) => "pattern-changed",
            ("format", "added") => "format-added",
            ("format", "removed") => "format-removed",
            ("format", _) => "format-changed",
            (_, "added") => "multiple-of-added",
            (_, "removed") => "multiple-of-removed",
            _ => "multiple-of-changed",
        }
    };
    let (kind, message) = match (&old, &new) {
        (None, Some((v, _))) => (
            Kind::narrows(code("added")),
            format!("`{path}` has the {name} `{v}` now"),
        ),
        (Some((v, _)), None) => (
            Kind::widens(code("removed")),
            format!("`{path}` no longer has the {name} `{v}`"),
        ),
        (Some((x, _)), Some((y, _))) if x != y => (
            Kind::replaces(code("changed")),
            format!("the {name} of `{path}` changed: `{x}` -> `{y}`"),
        ),
        _ => return,
    };
    found.push(
        kind,
        side,
        path.to_string(),
        old.map(|(_, p)| p),
        new.map(|(_, p)| p),
        message,
    );
}
