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
use molde_validator::{Options, Validator};

#[path = "support/payloads.rs"]
mod payloads;

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
            let cases = payloads::payload_set(&spec, &schema, &ty.name);
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
