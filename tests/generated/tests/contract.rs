//! The generated Rust against the specs it came from: every example of every spec in
//! molde.toml deserializes and serializes back to the same JSON; `from_json` gives exactly the
//! violations `molde validate` gives on the differential payload set; `validate` agrees with
//! it on values built in Rust.

use std::path::{Path, PathBuf};

use molde_codegen::Spec;
use molde_codegen::config::Config;
use molde_codegen::emit::json_schema::{Part, def_pointer, entry_pointer, schema_file_name};
use molde_codegen::emit::rust::{generated_types, module_name};
use molde_codegen::model::ExampleOf;
use molde_generated_tests::with_generated_type;
use molde_validator::generated::{FromJsonError, SpecType};
use molde_validator::{Options, Validator, Violation};
use serde_json::Value;

#[path = "../../support/payloads.rs"]
mod payloads;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Each spec of molde.toml: its module name, the model, and the checked-in JSON Schema.
fn project() -> Vec<(String, Spec, Value)> {
    let config = Config::load(&root().join("molde.toml")).expect("molde.toml reads");
    config
        .specs
        .iter()
        .map(|entry| {
            let overlays: Vec<_> = entry
                .overlays
                .iter()
                .map(|o| (o.clone(), o.display().to_string()))
                .collect();
            let spec = molde_codegen::load_spec_as(
                &entry.path,
                &entry.path.display().to_string(),
                &overlays,
                entry.format,
            )
            .spec
            .expect("the spec reads");
            let file = root()
                .join("schemas/json")
                .join(schema_file_name(&entry.path));
            let schema: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("checked in")).unwrap();
            (module_name(&entry.path), spec, schema)
        })
        .collect()
}

/// What a generated type makes of some bytes: `from_json`, then the value serialized back and
/// checked again with `validate`.
struct Outcome {
    decoded: Result<Value, FromJsonError>,
    revalidated: Result<(), Vec<Violation>>,
}

fn decode<T: SpecType>() -> fn(&[u8]) -> Outcome {
    |bytes| match T::from_json(bytes) {
        Ok(value) => Outcome {
            decoded: Ok(serde_json::to_value(&value).expect("a generated value serializes")),
            revalidated: value.validate(),
        },
        Err(e) => Outcome {
            decoded: Err(e),
            revalidated: Ok(()),
        },
    }
}

/// Equal as JSON values, numbers by value (`15301` and `15301.0` are one number).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// The pointer of the schema an example illustrates, in the emitted document.
fn pointer_of(spec: &Spec, of: &ExampleOf) -> Option<String> {
    match of {
        ExampleOf::Type { name } => Some(def_pointer(name)),
        ExampleOf::Schema { path } => spec.operations.iter().find_map(|op| {
            op.body
                .as_ref()
                .filter(|b| b.schema.path == *path)
                .and_then(|_| entry_pointer(spec, op, Part::Request))
        }),
        ExampleOf::Response {
            method,
            path,
            status,
            ..
        } => {
            let op = spec.operation(method, path)?;
            entry_pointer(spec, op, Part::Response(status.clone()))
        }
    }
}

#[test]
fn the_embedded_schema_is_the_checked_in_one() {
    // All but the `$comment`, which names the spec by the path the build script gave.
    let without_comment = |text: &str| {
        let mut value: Value = serde_json::from_str(text).unwrap();
        value.as_object_mut().unwrap().remove("$comment");
        value
    };
    for (embedded, file) in [
        (
            molde_generated_tests::vantage::SCHEMA,
            "vantage.swagger.json",
        ),
        (
            molde_generated_tests::smart_collection_score::SCHEMA,
            "smart-collection-score.swagger.json",
        ),
        (
            molde_generated_tests::core_customer::SCHEMA,
            "core-customer.json",
        ),
        (molde_generated_tests::cliente::SCHEMA, "cliente.json"),
    ] {
        let checked_in = std::fs::read_to_string(root().join("schemas/json").join(file)).unwrap();
        assert_eq!(
            without_comment(embedded),
            without_comment(&checked_in),
            "{file}"
        );
    }
}

#[test]
fn every_example_round_trips_through_its_type() {
    let (mut examples, mut round_trips, mut invalid, mut unmapped, mut fields) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for (module, spec, schema) in project() {
        for example in spec.examples.iter().filter(|e| e.fails_with.is_none()) {
            examples += 1;
            // An example of one field (`CP: "65432"`) has no type of its own: the examples of
            // the objects around it carry it.
            if let ExampleOf::Schema { path } = &example.of
                && spec
                    .schema_at(path)
                    .is_some_and(|s| s.ty.scalar_kind().is_some())
            {
                fields += 1;
                continue;
            }
            let Some(pointer) = pointer_of(&spec, &example.of) else {
                unmapped += 1;
                eprintln!("no schema for {module} {:?}", example.of);
                continue;
            };
            let Some(run) = with_generated_type!(module.as_str(), pointer.as_str(), decode) else {
                unmapped += 1;
                eprintln!("no type for {module} {pointer}");
                continue;
            };
            let bytes = serde_json::to_vec_pretty(&example.value).unwrap();
            let outcome = run(&bytes);
            let expected = Validator::compile(&schema, &pointer, Options::default())
                .unwrap()
                .validate_bytes(&bytes)
                .unwrap();
            match outcome.decoded {
                Ok(value) if expected.is_empty() => {
                    if same_json(&value, &example.value) && outcome.revalidated.is_ok() {
                        round_trips += 1;
                    } else {
                        failures.push(format!(
                            "{module} {pointer} line {}: came back as {value}",
                            example.pos.line
                        ));
                    }
                }
                Err(FromJsonError::Invalid(found)) if found == expected => invalid += 1,
                other => failures.push(format!(
                    "{module} {pointer} line {}: {:?}, molde validate: {expected:?}",
                    example.pos.line,
                    other.map(|_| ())
                )),
            }
        }
    }
    eprintln!(
        "{examples} examples: {round_trips} round-trip, {invalid} invalid (as molde check says), {fields} of single fields, {unmapped} without a generated type"
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(round_trips >= 20, "{round_trips}");
    assert_eq!(unmapped, 0, "every example's schema has a generated type");
}

#[test]
fn from_json_gives_what_molde_validate_gives_on_the_differential_payloads() {
    let (mut payloads, mut valid) = (0, 0);
    let mut disagreements = Vec::new();
    for (module, spec, schema) in project() {
        for ty in &spec.types {
            let pointer = def_pointer(&ty.name);
            let Some(run) = with_generated_type!(module.as_str(), pointer.as_str(), decode) else {
                continue;
            };
            let validator = Validator::compile(&schema, &pointer, Options::default()).unwrap();
            for (what, payload) in payloads::payload_set(&spec, &schema, &ty.name) {
                payloads += 1;
                let bytes = serde_json::to_vec_pretty(&payload).unwrap();
                let expected = validator.validate_bytes(&bytes).unwrap();
                let outcome = run(&bytes);
                let agrees = match &outcome.decoded {
                    Ok(value) => {
                        valid += 1;
                        expected.is_empty()
                            && outcome.revalidated.is_ok()
                            && same_json(value, &payload)
                    }
                    Err(FromJsonError::Invalid(found)) => *found == expected,
                    Err(_) => false,
                };
                if !agrees {
                    disagreements.push(format!(
                        "{module} {}: {what}: generated {:?}, molde validate {expected:?}",
                        ty.name,
                        outcome.decoded.map(|_| ())
                    ));
                }
            }
        }
    }
    eprintln!(
        "{payloads} payloads ({valid} valid), {} disagreements",
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    assert!(payloads > 200, "{payloads}");
}

#[test]
fn validate_checks_values_built_in_rust() {
    use molde_generated_tests::vantage::{
        CatalogoContrato, CatalogoFrecuenciaPago, CatalogoProducto, DomicilioPeticion,
        NoAportantesPeticion, PersonaPeticion,
    };
    let domicilio = DomicilioPeticion::from_json(
        br#"{"direccion": "FLORES 23", "coloniaPoblacion": "JARDINES", "delegacionMunicipio": "VALLE DE CHALCO", "ciudad": "MEXICO", "estado": "JAL", "CP": "65432"}"#,
    )
    .expect("a valid address");
    let persona = PersonaPeticion::from_json(
        r#"{"primerNombre": "JUAN", "apellidoPaterno": "LÓPEZ", "apellidoMaterno": "FUENTES", "fechaNacimiento": "1978-03-23", "domicilio": {"direccion": "FLORES 23", "coloniaPoblacion": "JARDINES", "delegacionMunicipio": "VALLE DE CHALCO", "ciudad": "MEXICO", "estado": "JAL", "CP": "65432"}}"#
            .as_bytes(),
    )
    .expect("a valid persona");
    assert!(domicilio.validate().is_ok());
    let mut request = NoAportantesPeticion {
        folio: "1500001".into(),
        tipo_producto: CatalogoProducto::ALL[0],
        tipo_contrato: CatalogoContrato::AutomotrizBancario,
        frecuencia_pago: CatalogoFrecuenciaPago::ALL[0],
        dias_atraso: 21,
        persona,
        numero_cuenta: "2000001".into(),
        fecha_apertura: "2019-01-01".into(),
        saldo_actual: 15301.0,
        additional: Default::default(),
    };
    assert_eq!(request.validate(), Ok(()));
    request.folio = "ñ".repeat(51);
    request.fecha_apertura = "2019-02-30".into();
    let found = request.validate().unwrap_err();
    let mut keywords: Vec<(&str, &str)> = found
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword))
        .collect();
    keywords.sort();
    assert_eq!(
        keywords,
        [("/fechaApertura", "format"), ("/folio", "maxLength")]
    );
    // The same as the validator on the value serialized.
    let schema: Value = serde_json::from_str(molde_generated_tests::vantage::SCHEMA).unwrap();
    let validator =
        Validator::compile(&schema, "#/$defs/NoAportantesPeticion", Options::default()).unwrap();
    assert_eq!(
        validator.validate_value(&serde_json::to_value(&request).unwrap()),
        found
    );
    assert_eq!(CatalogoContrato::AutomotrizBancario.as_str(), "AB");
    assert_eq!(
        "AB".parse::<CatalogoContrato>(),
        Ok(CatalogoContrato::AutomotrizBancario)
    );
    assert!("ZZ".parse::<CatalogoContrato>().is_err());
}

#[test]
fn from_json_reports_every_violation_with_its_line() {
    use molde_generated_tests::vantage::NoAportantesPeticion;
    let error = NoAportantesPeticion::from_json(b"{\n  \"folio\": 7\n}").unwrap_err();
    let found: Vec<(&str, &str, u32)> = error
        .violations()
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword, v.line))
        .collect();
    assert_eq!(found[0], ("/folio", "type", 2));
    assert!(
        found
            .iter()
            .any(|(p, k, _)| *p == "/persona" && *k == "required")
    );
    assert!(matches!(
        NoAportantesPeticion::from_json(b"{"),
        Err(FromJsonError::Input(_))
    ));
}

/// The JSON Schema schemars derives for a generated type (the `schemars` feature).
#[cfg(feature = "schemars")]
fn schemars_schema<T: schemars::JsonSchema>() -> fn() -> Value {
    || serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes")
}

/// The node at `#/…` of `root`, with a `$ref` to a definition followed (also the `$ref` of an
/// `anyOf: [{$ref}, {type: null}]`, as schemars writes an optional member of a named type).
#[cfg(feature = "schemars")]
fn resolved<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let reference = node.get("$ref").or_else(|| {
        let branches = node.get("anyOf")?.as_array()?;
        let [a, b] = branches.as_slice() else {
            return None;
        };
        let null = serde_json::json!({"type": "null"});
        if *b == null {
            a.get("$ref")
        } else if *a == null {
            b.get("$ref")
        } else {
            None
        }
    });
    match reference.and_then(Value::as_str) {
        Some(pointer) => root
            .pointer(pointer.trim_start_matches('#'))
            .unwrap_or(node),
        None => node,
    }
}

/// schemars, given the derives and attributes molde writes, carries the spec's bounds: for
/// every generated type, each length, range and pattern keyword that molde's schema writes on
/// the type or on one of its members is in the schema schemars derives, with the same value;
/// and an enum lists the same codes.
#[cfg(feature = "schemars")]
#[test]
fn schemars_schemas_carry_the_specs_bounds() {
    const KEYWORDS: &[&str] = &[
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
    ];
    let same = |a: &Value, b: &Value| match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    };
    let (mut types, mut compared, mut enums) = (0, 0, 0);
    let mut differences = Vec::new();
    for (module, spec, schema) in project() {
        for (pointer, _) in generated_types(&spec, &Default::default()) {
            let Some(derive) =
                with_generated_type!(module.as_str(), pointer.as_str(), schemars_schema)
            else {
                continue;
            };
            types += 1;
            let ours = schema.pointer(pointer.trim_start_matches('#')).unwrap();
            let theirs_root = derive();
            let theirs = resolved(&theirs_root, &theirs_root);
            let mut pairs = vec![(String::new(), ours, theirs)];
            if let Some(members) = ours.get("properties").and_then(Value::as_object) {
                for (name, member) in members {
                    let Some(their_member) = theirs.pointer(&format!("/properties/{name}")) else {
                        differences.push(format!("{module} {pointer}: schemars has no `{name}`"));
                        continue;
                    };
                    pairs.push((
                        format!("/{name}"),
                        member,
                        resolved(&theirs_root, their_member),
                    ));
                }
            }
            for (at, ours, theirs) in pairs {
                for keyword in KEYWORDS {
                    let Some(expected) = ours.get(*keyword) else {
                        continue;
                    };
                    compared += 1;
                    match theirs.get(*keyword) {
                        Some(found) if same(found, expected) => {}
                        found => differences.push(format!(
                            "{module} {pointer}{at} {keyword}: molde {expected}, schemars {found:?} in {theirs}"
                        )),
                    }
                }
            }
            if let Some(codes) = ours.get("enum") {
                enums += 1;
                if theirs.get("enum") != Some(codes) {
                    differences.push(format!("{module} {pointer}: enum {codes} vs {theirs}"));
                }
            }
        }
    }
    eprintln!(
        "{types} types: {compared} keywords and {enums} enums compared with schemars; {} differ",
        differences.len()
    );
    assert!(differences.is_empty(), "{differences:#?}");
    assert!(
        types > 50 && compared > 100 && enums > 10,
        "{types} {compared} {enums}"
    );
}
