//! The JSON Schema emitter: the checked-in `schemas/json/` files are what it produces for every
//! spec of molde.toml, they conform to the 2020-12 meta-schema and compile, the Vant/Age example
//! is valid once the overlay fixes CatalogoNacionalidad, and small specs give exact schemas.
//!
//! `MOLDE_WRITE_SCHEMAS=1 cargo test -p molde-codegen --test json_schema` rewrites the files.

use std::path::{Path, PathBuf};

use molde_codegen::config::Config;
use molde_codegen::emit::json_schema::{
    Part, def_pointer, entry_pointer, schema_file_name, to_json_schema, to_json_schema_string,
};
use molde_codegen::load_spec;
use molde_codegen::model::{ExampleOf, Spec};
use serde_json::{Value, json};

#[path = "support/inputs.rs"]
mod inputs;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ sits in the workspace root")
        .to_path_buf()
}

/// The specs of molde.toml as the CLI reads them from the workspace root: shown by their
/// relative paths (the `$comment` names them), with their overlays unless `overlays` is false.
fn config_specs(overlays: bool) -> Vec<(PathBuf, Spec)> {
    let root = workspace();
    let text = std::fs::read_to_string(root.join("molde.toml")).unwrap();
    let config = Config::parse(&text, Path::new("molde.toml")).unwrap();
    config
        .specs
        .iter()
        .map(|entry| {
            let applied: Vec<(PathBuf, String)> = if overlays {
                let shown = |p: &PathBuf| (root.join(p), p.display().to_string());
                entry.overlays.iter().map(shown).collect()
            } else {
                Vec::new()
            };
            let shown = entry.path.display().to_string();
            let loaded = load_spec(&root.join(&entry.path), &shown, &applied);
            let spec = loaded.spec.unwrap_or_else(|| panic!("{shown} reads"));
            (entry.path.clone(), spec)
        })
        .collect()
}

fn read(text: &str) -> Spec {
    molde_codegen::check_bytes("spec.yaml", text.as_bytes(), &[])
        .spec
        .expect("the spec reads")
}

/// A validator for the definition at `pointer` (`#/$defs/X`) of an emitted document, asserting
/// formats as the molde validator does.
fn validator_at(document: &Value, pointer: &str) -> jsonschema::Validator {
    compile_at(document, &[pointer.to_string()])
        .unwrap_or_else(|e| panic!("{pointer} compiles: {e}"))
}

/// `document` compiled so that a value must satisfy every definition at `pointers`.
fn compile_at(document: &Value, pointers: &[String]) -> Result<jsonschema::Validator, String> {
    let mut entry = document.clone();
    if !pointers.is_empty() {
        let all = pointers.iter().map(|p| json!({ "$ref": p })).collect();
        entry["allOf"] = Value::Array(all);
    }
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&entry)
        .map_err(|e| e.to_string())
}

#[test]
fn checked_in_schemas_are_what_the_emitter_produces() {
    let write = std::env::var_os("MOLDE_WRITE_SCHEMAS").is_some_and(|v| v == "1");
    let dir = workspace().join("schemas/json");
    let specs = config_specs(true);
    let expected: Vec<String> = specs.iter().map(|(p, _)| schema_file_name(p)).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            expected.contains(&name),
            "schemas/json/{name} belongs to no spec of molde.toml: remove it"
        );
    }
    for (path, spec) in specs {
        let file = dir.join(schema_file_name(&path));
        let emitted = to_json_schema_string(&spec);
        if write {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &emitted).unwrap();
            continue;
        }
        let checked_in = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            checked_in == emitted,
            "{} is not what the emitter produces for {}: run `MOLDE_WRITE_SCHEMAS=1 cargo test -p molde-codegen --test json_schema` and review the diff",
            file.display(),
            path.display()
        );
    }
}

/// The keywords an emitted schema may use where a schema is expected: what the molde validator
/// checks, and annotations.
const VALIDATION: &[&str] = &[
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "enum",
    "const",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "$ref",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "format",
];
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$comment",
    "$defs",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
];

/// Every keyword of every schema in `document` that is neither in [`VALIDATION`], an annotation
/// nor an `x-` keyword, with its location.
fn unsupported_keywords(document: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![("#".to_string(), document)];
    while let Some((at, schema)) = pending.pop() {
        let Some(members) = schema.as_object() else {
            continue;
        };
        for (key, value) in members {
            let here = format!("{at}/{key}");
            match key.as_str() {
                "properties" | "$defs" => pending.extend(
                    value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(k, v)| (format!("{here}/{k}"), v)),
                ),
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => pending.extend(
                    value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, v)| (format!("{here}/{i}"), v)),
                ),
                "items" | "additionalProperties" | "not" => pending.push((here, value)),
                k if VALIDATION.contains(&k) || ANNOTATIONS.contains(&k) || k.starts_with("x-") => {
                }
                _ => found.push(here),
            }
        }
    }
    found
}

/// The Swagger 2.0 corpus the recovery test uses, when it is there (under CI it must be).
fn corpus_specs() -> Vec<(PathBuf, Spec)> {
    let Some(dir) = inputs::corpus() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pending = vec![dir];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                pending.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) && let Some(spec) = load_spec(&path, &path.display().to_string(), &[]).spec
            {
                out.push((path, spec));
            }
        }
    }
    out
}

#[test]
fn emitted_schemas_conform_to_the_meta_schema_compile_and_use_supported_keywords() {
    let config = config_specs(true).into_iter().chain(config_specs(false));
    let specs = config
        .map(|s| (true, s))
        .chain(corpus_specs().into_iter().map(|s| (false, s)));
    let (mut checked, mut peer_regex_refusals) = (0, Vec::new());
    for (strict, (path, spec)) in specs {
        let document = to_json_schema(&spec);
        let shown = path.display();
        assert_eq!(
            serde_json::from_str::<Value>(&to_json_schema_string(&spec)).unwrap(),
            document,
            "{shown}: the text and the value agree"
        );
        if let Err(e) = jsonschema::draft202012::meta::validate(&document) {
            panic!(
                "{shown}: not a 2020-12 schema: {e} at {}",
                e.instance_path()
            );
        }
        assert_eq!(
            unsupported_keywords(&document),
            Vec::<String>::new(),
            "{shown}"
        );
        let defs = document["$defs"].as_object().unwrap().keys();
        let mut pointers: Vec<String> = defs.map(|name| def_pointer(name)).collect();
        for op in &spec.operations {
            let parts = std::iter::once(Part::Request).chain(
                op.responses
                    .iter()
                    .map(|r| Part::Response(r.status.clone())),
            );
            pointers.extend(parts.filter_map(|part| entry_pointer(&spec, op, part)));
        }
        // One build per document: every definition and entry point compiled, every `$ref`
        // in them resolved.
        match compile_at(&document, &pointers) {
            Ok(_) => {}
            // Patterns go out as the vendor wrote them. `[\w- ]` is ECMA-262 (Annex B) but
            // jsonschema-rs refuses it; the seeds must compile everywhere.
            Err(e) if !strict && e.contains("is not a \"regex\"") => {
                peer_regex_refusals.push(format!("{shown}: {e}"))
            }
            Err(e) => panic!("{shown}: does not compile: {e}"),
        }
        checked += 1;
    }
    assert!(checked >= 4, "the config specs, with and without overlays");
    for refusal in peer_regex_refusals {
        eprintln!("peer regex refusal: {refusal}");
    }
}

#[test]
fn vantage_example_is_valid_only_with_the_overlay() {
    for (overlays, valid) in [(true, true), (false, false)] {
        let specs = config_specs(overlays);
        let (_, spec) = specs
            .iter()
            .find(|(path, _)| path.ends_with("vantage.swagger.yaml"))
            .expect("molde.toml lists vantage.swagger.yaml");
        let example = spec
            .examples
            .iter()
            .find(|e| {
                e.of == ExampleOf::Type {
                    name: "NoAportantesPeticion".into(),
                }
            })
            .expect("NoAportantesPeticion has an example");
        assert_eq!(example.value["persona"]["nacionalidad"], "MX");
        let document = to_json_schema(spec);
        let validator = validator_at(&document, "#/$defs/NoAportantesPeticion");
        let errors: Vec<String> = validator
            .iter_errors(&example.value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        if valid {
            assert_eq!(errors, Vec::<String>::new(), "with the overlay");
        } else {
            assert_eq!(errors.len(), 1, "without the overlay: {errors:?}");
            assert!(
                errors[0].starts_with("/persona/nacionalidad: \"MX\""),
                "{errors:?}"
            );
        }
        // The CLI's `--request "POST /noAportantes"` lands on the same definition.
        let op = spec.operation("POST", "/noAportantes").unwrap();
        assert_eq!(
            entry_pointer(spec, op, Part::Request).as_deref(),
            Some("#/$defs/NoAportantesPeticion")
        );
    }
}

const HEADER: &str = "swagger: '2.0'
info: {title: Demo, version: '1'}
";

#[test]
fn small_specs_give_exact_schemas() {
    // (what, definitions and paths after the header, $defs entry, expected schema)
    let cases: &[(&str, &str, &str, Value)] = &[
        (
            "required and nullable fields; an undeclared required name kept out of `required`",
            "paths: {}
definitions:
  Persona:
    type: object
    description: Una persona
    required: [nombre, ventanaDeTiempo]
    additionalProperties: false
    properties:
      nombre: {type: string, maxLength: 30, example: JUAN}
      segundoNombre: {type: string, x-nullable: true}
      domicilio: {$ref: '#/definitions/Domicilio', x-nullable: true}
      estado: {$ref: '#/definitions/CatalogoEstados'}
  Domicilio: {type: object}
",
            "Persona",
            json!({
                "description": "Una persona",
                "type": "object",
                "properties": {
                    "nombre": {"type": "string", "maxLength": 30, "examples": ["JUAN"]},
                    "segundoNombre": {"type": ["string", "null"]},
                    "domicilio": {"anyOf": [{"$ref": "#/$defs/Domicilio"}, {"type": "null"}]},
                    "estado": {"x-unresolvedRef": "#/definitions/CatalogoEstados"}
                },
                "required": ["nombre"],
                "x-undeclaredRequired": ["ventanaDeTiempo"],
                "additionalProperties": false
            }),
        ),
        (
            "labelled, nullable enum",
            "paths: {}
definitions:
  CatalogoSexo:
    type: string
    description: |
      Clave | Descripción |
      ---|
      F | Femenino |
      M | Masculino |
    enum: [F, M]
    maxLength: 1
    default: F
    x-nullable: true
",
            "CatalogoSexo",
            json!({
                "description": "Clave | Descripción |\n---|\nF | Femenino |\nM | Masculino |\n",
                "type": ["string", "null"],
                "enum": ["F", "M", null],
                "x-enumLabels": {"F": "Femenino", "M": "Masculino"},
                "maxLength": 1,
                "default": "F"
            }),
        ),
        (
            "integer: inapplicable maxLength left out, int32 kept as format, exclusive bound",
            "paths: {}
definitions:
  Dias:
    type: integer
    format: int32
    minLength: 1
    maxLength: 10
    minimum: 0
    exclusiveMinimum: true
    maximum: 90
",
            "Dias",
            json!({"type": "integer", "format": "int32", "exclusiveMinimum": 0, "maximum": 90}),
        ),
        (
            "yyyy-MM-dd is a date",
            "paths: {}
definitions:
  Fecha: {type: string, format: yyyy-MM-dd, minLength: 10, maxLength: 10}
",
            "Fecha",
            json!({"type": "string", "format": "date", "minLength": 10, "maxLength": 10}),
        ),
        (
            "allOf: merged properties and required, the members only named",
            "paths: {}
definitions:
  Base:
    type: object
    required: [id]
    properties:
      id: {type: integer}
  Sellado:
    type: object
    additionalProperties: false
    properties:
      sello: {type: string}
  Persona:
    allOf:
      - $ref: '#/definitions/Base'
      - $ref: '#/definitions/Sellado'
      - type: object
        required: [nombre]
        properties:
          nombre: {type: string}
",
            "Persona",
            json!({
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "sello": {"type": "string"},
                    "nombre": {"type": "string"}
                },
                "required": ["id", "nombre"],
                "x-allOf": ["#/definitions/Base", "#/definitions/Sellado"]
            }),
        ),
        (
            "a recursive type written inline refers to the schema it repeats",
            "paths: {}
definitions:
  Cat:
    type: object
    required: [name]
    properties:
      name: {type: string}
      siblings:
        type: array
        items:
          allOf:
            - type: object
              required: [rank]
              properties:
                rank: {type: integer}
            - $ref: '#/definitions/Cat'
",
            "Cat",
            json!({
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "siblings": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "rank": {"type": "integer"},
                                "name": {"type": "string"},
                                "siblings": {
                                    "type": "array",
                                    "items": {"$ref": "#/$defs/Cat/properties/siblings/items"}
                                }
                            },
                            "required": ["rank", "name"],
                            "x-allOf": ["#/definitions/Cat"]
                        }
                    }
                },
                "required": ["name"]
            }),
        ),
        (
            "a diamond names each member once",
            "paths: {}
definitions:
  D0: {type: object, properties: {a: {type: string}}}
  D1:
    allOf: [{$ref: '#/definitions/D0'}, {$ref: '#/definitions/D0'}]
  D2:
    allOf: [{$ref: '#/definitions/D1'}, {$ref: '#/definitions/D1'}]
",
            "D2",
            json!({
                "type": "object",
                "properties": {"a": {"type": "string"}},
                "x-allOf": ["#/definitions/D1", "#/definitions/D0"]
            }),
        ),
        (
            "a request body that is not a plain reference gets its own definition",
            "paths:
  /personas/{id}:
    post:
      parameters:
        - {name: id, in: path, required: true, type: string}
        - name: body
          in: body
          description: Las personas
          schema: {type: array, items: {$ref: '#/definitions/Base'}, minItems: 1}
      responses:
        '200': {description: OK, schema: {$ref: '#/definitions/Base'}}
definitions:
  Base: {type: object}
",
            "post_personas_id.request",
            json!({
                "description": "Las personas",
                "type": "array",
                "items": {"$ref": "#/$defs/Base"},
                "minItems": 1
            }),
        ),
        (
            "a response that is not a plain reference gets its own definition, with its examples",
            "paths:
  /:
    post:
      operationId: getReporte
      responses:
        '400':
          description: Petición inválida
          schema:
            type: object
            properties:
              codigo: {type: string, example: '400.1'}
          examples:
            application/json: {codigo: '400.1'}
",
            "getReporte.response.400",
            json!({
                "description": "Petición inválida",
                "type": "object",
                "properties": {"codigo": {"type": "string", "examples": ["400.1"]}},
                "examples": [{"codigo": "400.1"}]
            }),
        ),
    ];
    for (what, text, def, expected) in cases {
        let spec = read(&format!("{HEADER}{text}"));
        let document = to_json_schema(&spec);
        assert_eq!(&document["$defs"][def], expected, "{what}");
        assert!(jsonschema::draft202012::meta::is_valid(&document), "{what}");
    }
}

#[test]
fn document_header_order_and_entry_points() {
    let spec = read(&format!(
        "{HEADER}paths:
  /personas/{{id}}:
    post:
      parameters:
        - {{name: body, in: body, schema: {{type: array, items: {{type: string}}}}}}
      responses:
        '200': {{description: OK, schema: {{$ref: '#/definitions/Zeta'}}}}
        '204': {{description: Vacío}}
definitions:
  Zeta:
    type: object
    properties:
      z: {{type: string}}
      a: {{type: string}}
  Alfa: {{type: string}}
"
    ));
    let text = to_json_schema_string(&spec);
    assert!(text.starts_with(
        r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Demo",
  "$comment": "Generated by molde from spec.yaml. Do not edit: run `molde gen schema` again.",
  "$defs": {
    "Zeta": {
      "type": "object",
      "properties": {
        "z": {
          "type": "string"
        },
        "a": {"#
    ));
    let defs: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("    \"")?.split('"').next())
        .collect();
    assert_eq!(defs, ["Zeta", "Alfa", "post_personas_id.request"]);
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert_eq!(text, to_json_schema_string(&spec), "deterministic");

    let op = &spec.operations[0];
    let pointer = |part| entry_pointer(&spec, op, part);
    assert_eq!(
        pointer(Part::Request).as_deref(),
        Some("#/$defs/post_personas_id.request")
    );
    assert_eq!(
        pointer(Part::Response("200".into())).as_deref(),
        Some("#/$defs/Zeta")
    );
    assert_eq!(pointer(Part::Response("204".into())), None);
    assert_eq!(pointer(Part::Response("500".into())), None);
}
