//! What `Validator::compile` accepts, and what it refuses with which keyword and pointer.

use molde_validator::{CompileError, Options, Validator};
use serde_json::{Value, json};

fn compile(schema: &Value, entry: &str) -> Result<Validator, CompileError> {
    Validator::compile(schema, entry, Options::default())
}

#[test]
fn unsupported_keywords_are_refused_where_they_are() {
    let cases = [
        (
            json!({"patternProperties": {"^x": {}}}),
            "patternProperties",
            "#/patternProperties",
        ),
        (
            json!({"properties": {"a": {"dependentRequired": {}}}}),
            "dependentRequired",
            "#/properties/a/dependentRequired",
        ),
        (json!({"if": {}, "then": {}}), "if", "#/if"),
        (
            json!({"items": {"unevaluatedProperties": false}}),
            "unevaluatedProperties",
            "#/items/unevaluatedProperties",
        ),
        (json!({"contains": {}}), "contains", "#/contains"),
        (
            json!({"propertyNames": {}}),
            "propertyNames",
            "#/propertyNames",
        ),
        (
            json!({"minProperties": 1}),
            "minProperties",
            "#/minProperties",
        ),
        (json!({"$dynamicRef": "#x"}), "$dynamicRef", "#/$dynamicRef"),
        (
            json!({"allOf": [{"nullable": true}]}),
            "nullable",
            "#/allOf/0/nullable",
        ),
        (
            json!({"$ref": "other.json#/X"}),
            "$ref: other.json#/X",
            "#/$ref",
        ),
        (json!({"$ref": "#anchor"}), "$ref: #anchor", "#/$ref"),
        (
            json!({"properties": {"a/b": {"requried": ["x"]}}}),
            "requried",
            "#/properties/a~1b/requried",
        ),
    ];
    for (schema, keyword, pointer) in cases {
        match compile(&schema, "#") {
            Err(CompileError::Unsupported {
                keyword: k,
                pointer: p,
            }) => {
                assert_eq!((k.as_str(), p.as_str()), (keyword, pointer), "{schema}");
            }
            other => panic!("{schema}: expected Unsupported, got {:?}", other.err()),
        }
    }
}

#[test]
fn annotations_are_accepted() {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:x", "id": "x",
        "title": "t", "description": "d", "default": 1, "examples": [1], "example": 1, "readOnly": true,
        "writeOnly": false, "deprecated": false, "$comment": "c", "x-molde-source": "a.yaml:3",
        "format": "uuid", "$defs": {"Unused": {"patternProperties": {}}}, "definitions": {}
    });
    let validator = compile(&schema, "#").expect("annotations only");
    assert!(
        validator
            .validate_bytes(b"{\"anything\": [1, 2]}")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn malformed_schemas_are_invalid() {
    let cases = [
        (json!({"pattern": "("}), "#", "#/pattern"),
        (json!({"minLength": -1}), "#", "#/minLength"),
        (json!({"type": "text"}), "#", "#/type"),
        (json!({"$ref": "#/$defs/Missing"}), "#", "#/$ref"),
        (json!({"multipleOf": 0}), "#", "#/multipleOf"),
        (json!({"required": "a"}), "#", "#/required"),
        (json!({"$defs": {}}), "#/$defs/Nope", "#/$defs/Nope"),
        (json!({"properties": 3}), "#", "#/properties"),
    ];
    for (schema, entry, pointer) in cases {
        match compile(&schema, entry) {
            Err(CompileError::Invalid {
                pointer: p,
                message,
            }) => assert_eq!(p, pointer, "{schema}: {message}"),
            other => panic!("{schema}: expected Invalid, got {:?}", other.err()),
        }
    }
}

#[test]
fn schemas_that_come_back_to_themselves_in_place_are_cycles() {
    let cases = [
        (
            json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"allOf": [{"$ref": "#/$defs/A"}]}}}),
            "#/$defs/A",
        ),
        (json!({"$ref": "#"}), "#"),
        (
            json!({"$defs": {"A": {"anyOf": [{"type": "null"}, {"not": {"$ref": "#/$defs/A"}}]}}}),
            "#/$defs/A",
        ),
    ];
    for (schema, entry) in cases {
        match compile(&schema, entry) {
            Err(e @ CompileError::Cycle { .. }) => {
                assert!(e.to_string().contains("refers back to itself"), "{e}")
            }
            other => panic!("{schema}: expected Cycle, got {:?}", other.err()),
        }
    }
}

/// 2,000 distinct definitions, each holding the next as a member: a legitimate schema, compiled
/// without recursion.
#[test]
fn long_chains_of_definitions_compile() {
    let mut defs = serde_json::Map::new();
    for i in 0..2000 {
        defs.insert(
            format!("D{i}"),
            json!({"type": "object", "properties": {"next": {"$ref": format!("#/$defs/D{}", i + 1)}}}),
        );
    }
    defs.insert("D2000".into(), json!({"type": "string"}));
    let schema = json!({ "$defs": defs });
    let validator = compile(&schema, "#/$defs/D0").expect("a long chain compiles");
    let payload = "{\"next\": ".repeat(3) + "5" + &"}".repeat(3);
    let violations = validator.validate_bytes(payload.as_bytes()).unwrap();
    let got: Vec<_> = violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword))
        .collect();
    assert_eq!(got, [("/next/next/next", "type")], "D3 is an object");
    let payload = "{\"next\": ".repeat(200) + "{}" + &"}".repeat(200);
    assert!(
        validator
            .validate_bytes(payload.as_bytes())
            .unwrap()
            .is_empty()
    );
}

/// A chain of `allOf` diamonds doubles the re-reads of a value at each step: refused with a
/// clear error instead of taking exponential time.
#[test]
fn exponential_in_place_work_is_refused() {
    let mut defs = serde_json::Map::new();
    defs.insert("D0".into(), json!({"type": "string"}));
    for i in 1..=30 {
        let prev = format!("#/$defs/D{}", i - 1);
        defs.insert(
            format!("D{i}"),
            json!({"allOf": [{"$ref": prev}, {"$ref": prev}]}),
        );
    }
    let schema = json!({ "$defs": defs });
    assert!(
        compile(&schema, "#/$defs/D5").is_ok(),
        "32 re-reads are fine"
    );
    match compile(&schema, "#/$defs/D30") {
        Err(CompileError::Invalid { message, .. }) => {
            assert!(message.contains("re-reads it"), "{message}")
        }
        other => panic!("expected Invalid, got {:?}", other.err()),
    }
    // A straight chain of 100 `allOf`s nests too deep.
    let mut defs = serde_json::Map::new();
    defs.insert("C0".into(), json!({"type": "string"}));
    for i in 1..=100 {
        defs.insert(
            format!("C{i}"),
            json!({"allOf": [{"$ref": format!("#/$defs/C{}", i - 1)}], "minLength": 1}),
        );
    }
    let schema = json!({ "$defs": defs });
    assert!(compile(&schema, "#/$defs/C40").is_ok());
    assert!(compile(&schema, "#/$defs/C100").is_err());
}

#[test]
fn problems_lists_every_entrys_problem_once() {
    let schema = json!({"$defs": {
        "A": {"$ref": "#/$defs/B"},
        "B": {"$ref": "#/$defs/A"},
        "C": {"properties": {"x": {"pattern": "("}, "y": {"$ref": "#/$defs/C/properties/x"}}},
        "D": {"type": "string", "minLength": -2},
        "E": {"type": "string"}
    }});
    let entries = [
        "#/$defs/A",
        "#/$defs/B",
        "#/$defs/C",
        "#/$defs/D",
        "#/$defs/E",
    ];
    let found = Validator::problems(&schema, &entries, Options::default());
    let mut pointers: Vec<&str> = found.iter().map(CompileError::pointer).collect();
    pointers.sort();
    assert_eq!(
        pointers,
        [
            "#/$defs/A",
            "#/$defs/C/properties/x/pattern",
            "#/$defs/D/minLength"
        ],
        "{found:?}"
    );
    // Each entry alone is refused for the same reason `problems` gives.
    for entry in ["#/$defs/A", "#/$defs/B", "#/$defs/C", "#/$defs/D"] {
        assert!(compile(&schema, entry).is_err(), "{entry}");
    }
    assert!(compile(&schema, "#/$defs/E").is_ok());
}

#[test]
fn entries_name_any_local_pointer() {
    let schema = json!({
        "definitions": {"A": {"type": "string"}},
        "$defs": {"No Aportantes": {"properties": {"a~b": {"type": "integer"}}}}
    });
    for entry in [
        "#/definitions/A",
        "/definitions/A",
        "#/$defs/No%20Aportantes/properties/a~0b",
    ] {
        assert!(compile(&schema, entry).is_ok(), "{entry}");
    }
    for entry in ["", "#"] {
        assert!(compile(&schema, entry).is_ok(), "{entry:?}");
    }
    assert!(compile(&schema, "#anchor").is_err());
}

#[test]
fn recursive_schemas_compile() {
    let schema = json!({"definitions": {"Tree": {"properties": {"kids": {"items": {"$ref": "#/definitions/Tree"}}}}}});
    let validator = compile(&schema, "#/definitions/Tree").unwrap();
    let deep = "{\"kids\": [".repeat(100) + &"]}".repeat(100);
    assert!(
        validator
            .validate_bytes(deep.as_bytes())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn errors_read_well() {
    let err = compile(&json!({"contains": {}}), "#").err().unwrap();
    assert_eq!(
        err.to_string(),
        "#/contains: `contains` is not supported by the molde validator"
    );
}
