//! The type of a response the document shows only by example (`{"customer_number": 1234}` for
//! `201`): members present in every example are required, a member some example gives as
//! `null` may be null, values of different kinds are any value.

use crate::model::{ArrayType, Field, ModelPath, ObjectType, ScalarKind, Schema, Type};
use crate::tree::{Node, Value};

/// The schema every one of `examples` is an instance of, as they show it.
pub(super) fn from_examples(examples: &[&Node], path: &ModelPath) -> Schema {
    let pos = examples.first().map_or_else(Default::default, |e| e.pos);
    let mut schema = Schema::new(Type::Any, path.clone(), pos);
    let Some(first) = examples.first() else {
        return schema;
    };
    schema.nullable = examples.iter().any(|e| e.is_null());
    let present: Vec<&Node> = examples.iter().copied().filter(|e| !e.is_null()).collect();
    let Some(shape) = present.first() else {
        return schema;
    };
    // Values of different kinds (a row written as a list, `[1499040000000, "0.0163"]`) say no
    // one type: any value.
    let kind = |n: &Node| match n.value {
        Value::Map(_) => 0,
        Value::Seq(_) => 1,
        Value::Str(_) => 2,
        Value::Int(_) | Value::Float(_) => 3,
        Value::Bool(_) => 4,
        Value::Null => 5,
    };
    if present.iter().any(|e| kind(e) != kind(shape)) {
        return schema;
    }
    schema.ty = match &shape.value {
        Value::Map(_) => {
            let mut object = ObjectType::default();
            let maps: Vec<&Node> = present
                .iter()
                .copied()
                .filter(|e| e.as_map().is_some())
                .collect();
            let mut names: Vec<String> = Vec::new();
            for map in &maps {
                for entry in map.as_map().unwrap_or_default() {
                    if !names.contains(&entry.key) {
                        names.push(entry.key.clone());
                    }
                }
            }
            let properties = path.child("properties");
            for name in names {
                let values: Vec<&Node> = maps.iter().filter_map(|m| m.get(&name)).collect();
                let key_pos = maps
                    .iter()
                    .find_map(|m| m.entry(&name))
                    .map_or(first.pos, |e| e.key_pos);
                object.fields.push(Field {
                    required: values.len() == maps.len(),
                    pos: key_pos,
                    schema: from_examples(&values, &properties.child(name.as_str())),
                    name,
                });
            }
            Type::Object(object)
        }
        Value::Seq(_) => {
            let items: Vec<&Node> = present
                .iter()
                .filter_map(|e| e.as_seq())
                .flatten()
                .collect();
            Type::Array(ArrayType {
                items: Box::new(from_examples(&items, &path.child("items"))),
            })
        }
        Value::Str(_) => Type::Scalar {
            ty: ScalarKind::String,
        },
        Value::Int(_) => {
            let all_ints = present.iter().all(|e| matches!(e.value, Value::Int(_)));
            Type::Scalar {
                ty: if all_ints {
                    ScalarKind::Integer
                } else {
                    ScalarKind::Number
                },
            }
        }
        Value::Float(_) => Type::Scalar {
            ty: ScalarKind::Number,
        },
        Value::Bool(_) => Type::Scalar {
            ty: ScalarKind::Boolean,
        },
        Value::Null => Type::Any,
    };
    schema
}
