//! Differential test: molde-validator against the `jsonschema` crate on payloads generated from
//! every type of every spec in `schemas/`: a valid instance, the spec's own examples, and
//! systematic mutations (each required member removed, strings at and one code point past
//! maxLength with non-ASCII characters, enum values replaced, wrong types, impossible dates).
//! Both must give the same verdict and the same set of locations. jsonschema reports a missing
//! member at its parent object, molde at the member itself, so `required` is compared by parent.

use std::collections::BTreeSet;
use std::path::Path;

use molde_codegen::config::Config;
use molde_codegen::emit::json_schema::to_json_schema;
use molde_codegen::load_spec;
use molde_codegen::model::ExampleOf;
use molde_validator::{Options, Validator};
use serde_json::{Map, Value, json};

/// Follows `$ref`s of the emitted schema (all local, `#/$defs/...`).
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
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

fn types_of(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A valid instance of `schema`: every declared property present.
fn instance(root: &Value, schema: &Value, depth: usize) -> Value {
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

fn strip(schema: &Value, key: &str) -> Value {
    let mut s = schema.clone();
    if let Some(o) = s.as_object_mut() {
        o.remove(key);
    }
    s
}

/// Payload variants: the instance and its mutations, each with what it exercises.
fn mutations(
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

fn property_schema<'a>(root: &'a Value, schema: &'a Value, name: &str) -> Option<&'a Value> {
    if let Some(p) = schema.get("properties").and_then(|p| p.get(name)) {
        return Some(p);
    }
    schema
        .get("allOf")?
        .as_array()?
        .iter()
        .find_map(|part| property_schema(root, resolve(root, part), name))
}

fn parent(pointer: &str) -> String {
    pointer
        .rsplit_once('/')
        .map(|(p, _)| p.to_string())
        .unwrap_or_default()
}

#[test]
fn molde_and_jsonschema_agree() {
    let root_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(&root_dir.join("molde.toml")).unwrap();
    let (mut payloads, mut invalid, mut disagreements) = (0usize, 0usize, Vec::new());
    for entry in &config.specs {
        let overlays: Vec<_> = entry
            .overlays
            .iter()
            .map(|o| (o.clone(), o.display().to_string()))
            .collect();
        let spec = load_spec(&entry.path, &entry.path.display().to_string(), &overlays)
            .spec
            .expect("spec reads");
        let schema = to_json_schema(&spec);
        for ty in &spec.types {
            let entry_ptr = format!("#/$defs/{}", ty.name);
            let molde = Validator::compile(
                &schema,
                &entry_ptr,
                Options {
                    assert_formats: true,
                },
            )
            .unwrap();
            let mut peer_schema = schema["$defs"][&ty.name].clone();
            if !peer_schema.is_object() {
                continue;
            }
            peer_schema["$defs"] = schema["$defs"].clone();
            peer_schema["$schema"] = schema["$schema"].clone();
            let peer = jsonschema::options()
                .should_validate_formats(true)
                .build(&peer_schema)
                .unwrap();
            let base = instance(&schema, &schema["$defs"][&ty.name], 0);
            let mut cases = vec![("instance".to_string(), base.clone())];
            for example in &spec.examples {
                if matches!(&example.of, ExampleOf::Type { name } if *name == ty.name) {
                    cases.push((
                        format!("example at line {}", example.pos.line),
                        example.value.clone(),
                    ));
                }
            }
            mutations(
                &schema,
                &schema["$defs"][&ty.name],
                &base,
                "",
                &mut cases,
                &base,
            );
            for (what, payload) in cases {
                payloads += 1;
                let text = serde_json::to_vec_pretty(&payload).unwrap();
                let ours: BTreeSet<String> = molde
                    .validate_bytes(&text)
                    .expect("generated payloads are JSON")
                    .iter()
                    .map(|v| {
                        if v.keyword == "required" {
                            parent(&v.pointer)
                        } else {
                            v.pointer.clone()
                        }
                    })
                    .collect();
                if !ours.is_empty() {
                    invalid += 1;
                }
                let theirs: BTreeSet<String> = peer
                    .iter_errors(&payload)
                    .map(|e| e.instance_path().to_string())
                    .collect();
                if ours != theirs {
                    disagreements.push(format!(
                        "{} {}: {what}: molde {ours:?}, jsonschema {theirs:?}",
                        entry.path.display(),
                        ty.name
                    ));
                }
            }
        }
    }
    eprintln!(
        "{payloads} payloads ({invalid} invalid), {} disagreements",
        disagreements.len()
    );
    for d in &disagreements {
        eprintln!("  {d}");
    }
    assert!(
        payloads > 200,
        "the generator produced payloads: {payloads}"
    );
    assert!(
        invalid * 2 > payloads,
        "most mutations break the payload: {invalid} of {payloads}"
    );
    assert!(disagreements.is_empty());
}
