//! Payloads generated from a type of a spec's emitted JSON Schema: a valid instance, the spec's
//! own examples, and systematic mutations (each required member removed, strings at and one
//! code point past maxLength with non-ASCII characters, enum values replaced, wrong types,
//! impossible dates). The differential test runs them through molde-validator and jsonschema;
//! the generated-Rust tests through `from_json`.

#![allow(dead_code)] // each test crate that includes this file uses part of it

use molde_codegen::Spec;
use molde_codegen::model::ExampleOf;
use serde_json::{Map, Value, json};

/// The payloads for the named type `name`: what each exercises, and the payload.
pub fn payload_set(spec: &Spec, schema: &Value, name: &str) -> Vec<(String, Value)> {
    let base = instance(schema, &schema["$defs"][name], 0);
    let mut cases = vec![("instance".to_string(), base.clone())];
    for example in &spec.examples {
        if matches!(&example.of, ExampleOf::Type { name: of } if of == name) {
            cases.push((
                format!("example at line {}", example.pos.line),
                example.value.clone(),
            ));
        }
    }
    mutations(schema, &schema["$defs"][name], &base, "", &mut cases, &base);
    cases
}

/// Follows `$ref`s of the emitted schema (all local, `#/$defs/...`).
pub fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                schema = root
                    .pointer(r.trim_start_matches('#'))
                    .expect("local ref resolves")
            }
            None => break,
        }
    }
    schema
}

pub fn types_of(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A valid instance of `schema`: every declared property present.
pub fn instance(root: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(root, schema);
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .find(|v| !v.is_null())
            .cloned()
            .unwrap_or(Value::Null);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(o) = instance(root, part, depth + 1) {
                merged.extend(o);
            }
        }
        if let Value::Object(o) = instance(root, &strip(schema, "allOf"), depth + 1) {
            merged.extend(o);
        }
        return Value::Object(merged);
    }
    let ty = types_of(schema)
        .into_iter()
        .find(|t| *t != "null")
        .unwrap_or(if schema.get("properties").is_some() {
            "object"
        } else {
            "string"
        });
    match ty {
        "object" => {
            let mut o = Map::new();
            if depth < 8 {
                for (name, prop) in schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    o.insert(name.clone(), instance(root, prop, depth + 1));
                }
            }
            Value::Object(o)
        }
        "array" => match schema.get("items") {
            Some(items) if depth < 8 => {
                let n = schema
                    .get("minItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .max(1);
                Value::Array((0..n).map(|_| instance(root, items, depth + 1)).collect())
            }
            _ => json!([]),
        },
        "integer" => json!(
            schema
                .get("minimum")
                .and_then(Value::as_i64)
                .unwrap_or(1)
                .max(1)
                .min(
                    schema
                        .get("maximum")
                        .and_then(Value::as_i64)
                        .unwrap_or(i64::MAX)
                )
        ),
        "number" => json!(schema.get("minimum").and_then(Value::as_f64).unwrap_or(1.5)),
        "boolean" => json!(true),
        _ => {
            let format = schema.get("format").and_then(Value::as_str);
            let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(1) as usize;
            let max = schema
                .get("maxLength")
                .and_then(Value::as_u64)
                .map(|m| m as usize);
            match format {
                Some("date") => json!("2020-02-29"),
                Some("date-time") => json!("2020-02-29T10:20:30Z"),
                Some("email") => json!("ana@example.mx"),
                _ => json!("ñ".repeat(min.max(1).min(max.unwrap_or(usize::MAX)))),
            }
        }
    }
}

pub fn strip(schema: &Value, key: &str) -> Value {
    let mut s = schema.clone();
    if let Some(o) = s.as_object_mut() {
        o.remove(key);
    }
    s
}

/// Payload variants: the instance and its mutations, each with what it exercises.
pub fn mutations(
    root: &Value,
    schema: &Value,
    value: &Value,
    pointer: &str,
    out: &mut Vec<(String, Value)>,
    whole: &Value,
) {
    let schema = resolve(root, schema);
    let set = |v: Value| {
        let mut w = whole.clone();
        if pointer.is_empty() {
            v
        } else {
            *w.pointer_mut(pointer).unwrap() = v;
            w
        }
    };
    // Wrong type.
    let wrong = match value {
        Value::String(_) => json!(42),
        Value::Number(_) => json!("42"),
        Value::Bool(_) => json!("true"),
        Value::Object(_) => json!([]),
        Value::Array(_) => json!({}),
        Value::Null => json!(0),
    };
    out.push((format!("{pointer}: wrong type"), set(wrong)));
    if schema.get("enum").is_some() {
        out.push((
            format!("{pointer}: not in enum"),
            set(json!("ZZ-no-such-code")),
        ));
    }
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
        out.push((
            format!("{pointer}: at maxLength"),
            set(json!("é".repeat(max as usize))),
        ));
        out.push((
            format!("{pointer}: past maxLength"),
            set(json!("é".repeat(max as usize + 1))),
        ));
    }
    match schema.get("format").and_then(Value::as_str) {
        Some("date") => out.push((
            format!("{pointer}: impossible date"),
            set(json!("2019-02-30")),
        )),
        Some("date-time") => out.push((
            format!("{pointer}: impossible date-time"),
            set(json!("2019-02-30T10:00:00Z")),
        )),
        _ => {}
    }
    if let Value::Object(members) = value {
        let mut required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            required.extend(
                resolve(root, part)
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str),
            );
        }
        for name in required {
            if members.contains_key(name) {
                let mut w = whole.clone();
                let target = if pointer.is_empty() {
                    &mut w
                } else {
                    w.pointer_mut(pointer).unwrap()
                };
                target.as_object_mut().unwrap().remove(name);
                out.push((format!("{pointer}: without required {name}"), w));
            }
        }
        for (name, member) in members {
            let prop = property_schema(root, schema, name);
            if let Some(prop) = prop {
                let p = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                mutations(root, prop, member, &p, out, whole);
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        if let Some(first) = items.first() {
            mutations(
                root,
                item_schema,
                first,
                &format!("{pointer}/0"),
                out,
                whole,
            );
        }
    }
}

pub fn property_schema<'a>(root: &'a Value, schema: &'a Value, name: &str) -> Option<&'a Value> {
    if let Some(p) = schema.get("properties").and_then(|p| p.get(name)) {
        return Some(p);
    }
    schema
        .get("allOf")?
        .as_array()?
        .iter()
        .find_map(|part| property_schema(root, resolve(root, part), name))
}
