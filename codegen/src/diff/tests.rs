//! One case per rule: an old and a new version of a small spec, and the changes expected.

use super::{Change, Impact, Side, compare};
use crate::check_bytes;
use crate::model::Spec;

use Impact::{Breaking, Compatible, Info};

fn spec(file: &str, text: &str) -> Spec {
    let loaded = check_bytes(file, text.as_bytes(), &[]);
    loaded
        .spec
        .unwrap_or_else(|| panic!("{file} reads: {:#?}", loaded.diagnostics))
}

/// A spec whose `POST /x` sends a `Req` and answers 200 with a `Res`, with these definitions
/// (flow YAML) and extra operation lines.
fn with(req: &str, res: &str, params: &str) -> String {
    format!(
        "swagger: '2.0'
info: {{title: T, version: '1'}}
paths:
  /x:
    post:
      parameters:
      - {{name: body, in: body, required: true, schema: {{$ref: '#/definitions/Req'}}}}
{params}      responses:
        200: {{description: ok, schema: {{$ref: '#/definitions/Res'}}}}
definitions:
  Req: {req}
  Res: {res}
"
    )
}

fn changes(old: &str, new: &str) -> Vec<(String, Impact, Side)> {
    compare(&spec("old.yaml", old), &spec("new.yaml", new))
        .into_iter()
        .map(|c| (c.code, c.impact, c.side))
        .collect()
}

const OBJ: &str = "{type: object, properties: {a: {type: string}}}";

/// (what, old Req, old Res, new Req, new Res, expected changes).
type Case = (
    &'static str,
    [&'static str; 4],
    &'static [(&'static str, Impact, Side)],
);

const CASES: &[Case] = &[
    (
        "a new required member of what clients send",
        [
            OBJ,
            OBJ,
            "{type: object, required: [b], properties: {a: {type: string}, b: {type: string}}}",
            OBJ,
        ],
        &[("request.required-added", Breaking, Side::Request)],
    ),
    (
        "a new optional member, on both sides",
        [
            OBJ,
            OBJ,
            "{type: object, properties: {a: {type: string}, b: {type: string}}}",
            "{type: object, properties: {a: {type: string}, b: {type: string}}}",
        ],
        &[
            ("request.member-added", Compatible, Side::Request),
            ("response.member-added", Compatible, Side::Response),
        ],
    ),
    (
        "a member no longer required: fine to send, breaking to read",
        [
            "{type: object, required: [a], properties: {a: {type: string}}}",
            "{type: object, required: [a], properties: {a: {type: string}}}",
            OBJ,
            OBJ,
        ],
        &[
            ("request.required-removed", Compatible, Side::Request),
            ("response.required-removed", Breaking, Side::Response),
        ],
    ),
    (
        "a member removed: ignored when sent, missing when read",
        [OBJ, OBJ, "{type: object}", "{type: object}"],
        &[
            ("request.member-removed", Compatible, Side::Request),
            ("response.member-removed", Breaking, Side::Response),
        ],
    ),
    (
        "a member removed from an object that refuses unknown members",
        [OBJ, OBJ, "{type: object, additionalProperties: false}", OBJ],
        &[
            ("request.member-removed", Breaking, Side::Request),
            (
                "request.additional-properties-closed",
                Breaking,
                Side::Request,
            ),
        ],
    ),
    (
        "enum values removed and added",
        [
            "{type: string, enum: [a, b]}",
            "{type: string, enum: [a, b]}",
            "{type: string, enum: [a]}",
            "{type: string, enum: [a, b, c]}",
        ],
        &[
            ("request.enum-narrowed", Breaking, Side::Request),
            ("response.enum-widened", Breaking, Side::Response),
        ],
    ),
    (
        "enum values added to what is sent, removed from what is read",
        [
            "{type: string, enum: [a, b]}",
            "{type: string, enum: [a, b]}",
            "{type: string, enum: [a, b, c]}",
            "{type: string, enum: [a]}",
        ],
        &[
            ("request.enum-widened", Compatible, Side::Request),
            ("response.enum-narrowed", Compatible, Side::Response),
        ],
    ),
    (
        "lengths tightened in a request, loosened in a response",
        [
            "{type: string, minLength: 1, maxLength: 10}",
            "{type: string, minLength: 1, maxLength: 10}",
            "{type: string, minLength: 2, maxLength: 5}",
            "{type: string, minLength: 0, maxLength: 20}",
        ],
        &[
            ("request.max-length-lowered", Breaking, Side::Request),
            ("request.min-length-raised", Breaking, Side::Request),
            ("response.max-length-raised", Breaking, Side::Response),
            ("response.min-length-lowered", Breaking, Side::Response),
        ],
    ),
    (
        "bounds: minimum raised, maximum lowered (and the reverse, compatible)",
        [
            "{type: integer, minimum: 0, maximum: 100}",
            "{type: integer, minimum: 0, maximum: 100}",
            "{type: integer, minimum: 1, maximum: 99}",
            "{type: integer, minimum: 1, maximum: 99}",
        ],
        &[
            ("request.maximum-lowered", Breaking, Side::Request),
            ("request.minimum-raised", Breaking, Side::Request),
            ("response.maximum-lowered", Compatible, Side::Response),
            ("response.minimum-raised", Compatible, Side::Response),
        ],
    ),
    (
        "an exclusive bound is tighter than the same inclusive one",
        [
            "{type: number, maximum: 10}",
            "{type: number}",
            "{type: number, maximum: 10, exclusiveMaximum: true}",
            "{type: number}",
        ],
        &[("request.maximum-lowered", Breaking, Side::Request)],
    ),
    (
        "a pattern added, a pattern changed",
        [
            "{type: string}",
            "{type: string, pattern: '^[a-z]+$'}",
            "{type: string, pattern: '^[0-9]+$'}",
            "{type: string, pattern: '^[a-z0-9]+$'}",
        ],
        &[
            ("request.pattern-added", Breaking, Side::Request),
            ("response.pattern-changed", Breaking, Side::Response),
        ],
    ),
    (
        "a type changed, integer widened to number",
        [
            "{type: string}",
            "{type: integer}",
            "{type: integer}",
            "{type: number}",
        ],
        &[
            ("request.type-changed", Breaking, Side::Request),
            ("response.type-widened", Breaking, Side::Response),
        ],
    ),
    (
        "nullable added to what is read",
        [
            "{type: string}",
            "{type: string}",
            "{type: string}",
            "{type: string, x-nullable: true}",
        ],
        &[("response.nullable-added", Breaking, Side::Response)],
    ),
    (
        "descriptions and catalogue labels are info",
        [
            "{type: string, description: old words}",
            "{type: string, enum: ['1'], description: \"Clave | Descripción |\\n1 | Uno |\\n\"}",
            "{type: string, description: new words}",
            "{type: string, enum: ['1'], description: \"Clave | Descripción |\\n1 | Único |\\n\"}",
        ],
        &[
            ("request.description-changed", Info, Side::Request),
            ("response.description-changed", Info, Side::Response),
            ("response.label-changed", Info, Side::Response),
        ],
    ),
];

#[test]
fn each_rule_judges_the_side_it_affects() {
    for (what, [old_req, old_res, new_req, new_res], want) in CASES {
        let got = changes(&with(old_req, old_res, ""), &with(new_req, new_res, ""));
        let want: Vec<_> = want
            .iter()
            .map(|(code, impact, side)| (code.to_string(), *impact, *side))
            .collect();
        assert_eq!(got, want, "{what}");
    }
}

#[test]
fn parameters_and_operations() {
    let base = with(OBJ, OBJ, "      - {name: q, in: query, type: string}\n");
    let required = with(
        OBJ,
        OBJ,
        "      - {name: q, in: query, type: string, required: true}\n      - {name: r, in: header, type: string, required: true}\n      - {name: s, in: query, type: string}\n",
    );
    assert_eq!(
        changes(&base, &required),
        vec![
            (
                "request.parameter-required-added".to_string(),
                Breaking,
                Side::Request
            ),
            (
                "request.parameter-required-added".to_string(),
                Breaking,
                Side::Request
            ),
            (
                "request.parameter-added".to_string(),
                Compatible,
                Side::Request
            ),
        ]
    );
    let none = with(OBJ, OBJ, "");
    assert_eq!(
        changes(&base, &none),
        vec![(
            "request.parameter-removed".to_string(),
            Compatible,
            Side::Request
        )]
    );
    let other = none.replace("/x:", "/y:");
    assert_eq!(
        changes(&none, &other),
        vec![
            ("operation.added".to_string(), Compatible, Side::Request),
            ("operation.removed".to_string(), Breaking, Side::Request),
        ]
    );
}

#[test]
fn a_response_that_loses_its_schema_breaks_its_readers() {
    let old = with(OBJ, OBJ, "");
    let new = old.replace(
        "200: {description: ok, schema: {$ref: '#/definitions/Res'}}",
        "200: {description: ok}\n        404: {description: missing}",
    );
    let got = changes(&old, &new);
    assert_eq!(
        got,
        vec![
            (
                "response.schema-removed".to_string(),
                Breaking,
                Side::Response
            ),
            (
                "response.status-added".to_string(),
                Compatible,
                Side::Response
            ),
        ]
    );
}

#[test]
fn a_type_both_sides_use_gets_the_stricter_verdict() {
    // `Req` is also the response: a value added to its enum breaks the readers.
    let one = |values: &str| {
        with(&format!("{{type: string, enum: [{values}]}}"), OBJ, "").replace(
            "schema: {$ref: '#/definitions/Res'}",
            "schema: {$ref: '#/definitions/Req'}",
        )
    };
    let got: Vec<Change> = compare(
        &spec("old.yaml", &one("a")),
        &spec("new.yaml", &one("a, b")),
    );
    let got: Vec<_> = got
        .into_iter()
        .filter(|c| c.path.starts_with("definitions.Req"))
        .map(|c| (c.code, c.impact, c.side))
        .collect();
    assert_eq!(
        got,
        vec![("response.enum-widened".to_string(), Breaking, Side::Both)]
    );
}

#[test]
fn a_spec_has_no_changes_from_itself_or_from_its_repaired_form() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for seed in [
        "schemas/vantage.swagger.yaml",
        "schemas/smart-collection-score.swagger.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(seed)).expect("the seeds are in schemas/");
        let stripped = spec(seed, &text);
        assert!(compare(&stripped, &stripped).is_empty(), "{seed}");
        let repaired = crate::recover_indentation(&text).text;
        let changes = compare(&stripped, &spec("repaired.yaml", &repaired));
        assert!(changes.is_empty(), "{seed}: {changes:#?}");
    }
}

#[test]
fn the_smart_collection_score_drift_is_a_breaking_response_change() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("fixture present");
    let before = read("tests/fixtures/diff/smart-collection-score.before.swagger.yaml");
    let seed = read("schemas/smart-collection-score.swagger.yaml");
    let changes = compare(&spec("before.yaml", &before), &spec("seed.yaml", &seed));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(
        (c.code.as_str(), c.impact, c.side, c.path.as_str()),
        (
            "response.member-removed",
            Breaking,
            Side::Response,
            "definitions.Respuesta.properties.ventanaDeTiempo"
        )
    );
    assert!(c.new.is_none());
    assert_eq!(c.old.as_ref().map(|l| l.line), Some(399));
    assert!(c.message.contains("still in `required`"), "{}", c.message);
}

#[test]
fn a_field_table_document_compares_with_a_swagger_spec_of_the_same_api() {
    let table = "# Crear cliente

**URL del servicio:**

```bash
https://{URLCLIENTE}/clientes
```

**Método:** POST

| NIVEL 1 | NIVEL 2 | TIPO | TAMAÑO | DESCRIPCIÓN |
| ------- | ------- | ---- | ------ | ----------- |
| nombre\\* | | varchar | 30 | Nombre del cliente |
| edad | | integer | - | Edad en años |
";
    let swagger = |max: u32| {
        format!(
            "swagger: '2.0'
info: {{title: Clientes, version: '1'}}
paths:
  /clientes:
    post:
      parameters:
      - {{name: body, in: body, required: true, schema: {{$ref: '#/definitions/Cliente'}}}}
      responses: {{}}
definitions:
  Cliente:
    type: object
    required: [nombre]
    properties:
      nombre: {{type: string, maxLength: {max}, description: Nombre del cliente}}
      edad: {{type: integer, x-nullable: true, description: Edad en años}}
"
        )
    };
    let loaded = check_bytes("clientes.md", table.as_bytes(), &[]);
    let table = loaded.spec.expect("the table document reads");
    assert!(compare(&table, &spec("same.yaml", &swagger(30))).is_empty());
    let got: Vec<_> = compare(&table, &spec("tighter.yaml", &swagger(20)))
        .into_iter()
        .map(|c| (c.code, c.impact, c.path))
        .collect();
    assert_eq!(
        got,
        vec![(
            "request.max-length-lowered".to_string(),
            Breaking,
            "definitions.Cliente.properties.nombre".to_string()
        )]
    );
}
