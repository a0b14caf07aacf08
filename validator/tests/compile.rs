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
        (
            json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"allOf": [{"$ref": "#/$defs/A"}]}}}),
            "#/$defs/A",
            "#/$defs/A",
        ),
        (json!({"$ref": "#"}), "#", "#"),
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
