//! One table per keyword family: schema, payload, and the exact violations
//! (pointer, keyword, line, column) that come back.

use molde_validator::{Options, Validator};
use serde_json::{Value, json};

type Found = Vec<(String, &'static str, u32, u32)>;

fn violations(schema: &Value, payload: &str) -> Found {
    let validator = Validator::compile(schema, "#", Options::default()).expect("schema compiles");
    let found = validator
        .validate_bytes(payload.as_bytes())
        .expect("payload is JSON");
    // The Value path must agree on everything but positions (where serde_json can read the
    // payload at all: it refuses 1e400).
    let Ok(parsed) = serde_json::from_str::<Value>(payload) else {
        return found
            .into_iter()
            .map(|v| (v.pointer, v.keyword, v.line, v.column))
            .collect();
    };
    let from_value: Vec<_> = validator
        .validate_value(&parsed)
        .into_iter()
        .map(|v| (v.pointer, v.keyword))
        .collect();
    let mut from_bytes: Vec<_> = found
        .iter()
        .map(|v| (v.pointer.clone(), v.keyword))
        .collect();
    let mut sorted_value = from_value.clone();
    from_bytes.sort();
    sorted_value.sort();
    assert_eq!(
        from_bytes, sorted_value,
        "bytes and Value disagree on {payload}"
    );
    assert_eq!(
        validator.is_valid_bytes(payload.as_bytes()).unwrap(),
        found.is_empty(),
        "is_valid_bytes disagrees on {payload}"
    );
    found
        .into_iter()
        .map(|v| (v.pointer, v.keyword, v.line, v.column))
        .collect()
}

fn v(
    pointer: &str,
    keyword: &'static str,
    line: u32,
    column: u32,
) -> (String, &'static str, u32, u32) {
    (pointer.to_owned(), keyword, line, column)
}

fn run(cases: Vec<(Value, &str, Found)>) {
    for (schema, payload, expected) in cases {
        assert_eq!(
            violations(&schema, payload),
            expected,
            "schema {schema} payload {payload}"
        );
    }
}

#[test]
fn type_keyword() {
    run(vec![
        (json!({"type": "string"}), r#""a""#, vec![]),
        (json!({"type": "string"}), "1", vec![v("", "type", 1, 1)]),
        (json!({"type": ["string", "null"]}), "null", vec![]),
        (
            json!({"type": ["string", "null"]}),
            "true",
            vec![v("", "type", 1, 1)],
        ),
        (json!({"type": "integer"}), "1.0", vec![]),
        (
            json!({"type": "integer"}),
            "12e-1",
            vec![v("", "type", 1, 1)],
        ),
        (json!({"type": "integer"}), "1e400", vec![]),
        (json!({"type": "number"}), "-0.5", vec![]),
        (json!({"type": "object"}), "[]", vec![v("", "type", 1, 1)]),
        (json!({"type": "array"}), "{}", vec![v("", "type", 1, 1)]),
        (json!({"type": "boolean"}), "false", vec![]),
        // One type violation and nothing more for that value.
        (
            json!({"type": "string", "minLength": 3, "enum": ["abc"]}),
            "7",
            vec![v("", "type", 1, 1)],
        ),
        (
            json!({"properties": {"a": {"type": "integer"}}}),
            "{\n  \"a\": \"1\"\n}",
            vec![v("/a", "type", 2, 8)],
        ),
    ]);
}

#[test]
fn object_keywords() {
    let persona = json!({
        "type": "object",
        "required": ["nombre", "CP", "edad"],
        "properties": {
            "nombre": {"type": "string"},
            "CP": {"type": "string"},
            "edad": {"type": "integer"},
            "domicilio": {
                "type": "object",
                "required": ["calle"],
                "additionalProperties": false,
                "properties": {"calle": {"type": "string"}}
            }
        }
    });
    run(vec![
        (
            persona.clone(),
            r#"{"nombre": "A", "CP": "01000", "edad": 3}"#,
            vec![],
        ),
        (
            persona.clone(),
            "{\"nombre\": \"A\"}",
            vec![v("/CP", "required", 1, 1), v("/edad", "required", 1, 1)],
        ),
        (
            persona.clone(),
            "{\"nombre\": \"A\", \"CP\": \"1\", \"edad\": 1,\n \"domicilio\": {\"numero\": 5}}",
            vec![
                v("/domicilio/numero", "additionalProperties", 2, 26),
                v("/domicilio/calle", "required", 2, 15),
            ],
        ),
        (
            json!({"additionalProperties": {"type": "string"}, "properties": {"a": {}}}),
            r#"{"a": 1, "b": 2, "c": "x"}"#,
            vec![v("/b", "type", 1, 15)],
        ),
        // A required member need not be declared under properties (Swagger's ventanaDeTiempo).
        (
            json!({"required": ["ventanaDeTiempo"]}),
            "{}",
            vec![v("/ventanaDeTiempo", "required", 1, 1)],
        ),
        // Member names are matched after decoding escapes, and pointers escape ~ and /.
        (
            json!({"properties": {"a/b": {"type": "integer"}, "ñ": {"type": "integer"}}}),
            r#"{"a\/b": "x", "\u00f1": "y"}"#,
            vec![v("/a~1b", "type", 1, 10), v("/ñ", "type", 1, 25)],
        ),
        (
            json!({"required": ["m~n"]}),
            "{}",
            vec![v("/m~0n", "required", 1, 1)],
        ),
    ]);
}

#[test]
fn array_keywords() {
    run(vec![
        (
            json!({"items": {"type": "integer"}}),
            "[1, \"x\", 3, true]",
            vec![v("/1", "type", 1, 5), v("/3", "type", 1, 13)],
        ),
        (
            json!({"minItems": 2, "maxItems": 3}),
            "[1]",
            vec![v("", "minItems", 1, 1)],
        ),
        (
            json!({"minItems": 2, "maxItems": 3}),
            "[1,2,3,4]",
            vec![v("", "maxItems", 1, 1)],
        ),
        (
            json!({"prefixItems": [{"type": "string"}], "items": false}),
            r#"["a", 2]"#,
            vec![v("/1", "items", 1, 7)],
        ),
        (
            json!({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}),
            r#"[1, 2]"#,
            vec![v("/0", "type", 1, 2)],
        ),
        // Draft-04 tuple items with additionalItems.
        (
            json!({"items": [{"type": "string"}], "additionalItems": false}),
            r#"["a", 2]"#,
            vec![v("/1", "additionalItems", 1, 7)],
        ),
        (
            json!({"items": [{"type": "string"}]}),
            r#"["a", 2]"#,
            vec![],
        ),
        (
            json!({"uniqueItems": true}),
            "[1, 1.0]",
            vec![v("", "uniqueItems", 1, 1)],
        ),
        (
            json!({"uniqueItems": true}),
            r#"[{"a": 1, "b": [2]}, {"b": [2.0], "a": 1}]"#,
            vec![v("", "uniqueItems", 1, 1)],
        ),
        (
            json!({"uniqueItems": true}),
            r#"["a", "\u0061"]"#,
            vec![v("", "uniqueItems", 1, 1)],
        ),
        (
            json!({"uniqueItems": true}),
            r#"[1, "1", true, null, [1], {"a": 1}, {"a": 2}, 2]"#,
            vec![],
        ),
        (json!({"uniqueItems": true}), r#"[[1, 2], [2, 1]]"#, vec![]),
    ]);
}

#[test]
fn string_keywords() {
    run(vec![
        (json!({"maxLength": 5}), r#""ÁÉÍÓÚ""#, vec![]),
        (
            json!({"maxLength": 5}),
            r#""ÁÉÍÓÚÑ""#,
            vec![v("", "maxLength", 1, 1)],
        ),
        (json!({"maxLength": 1}), r#""😀""#, vec![]),
        (json!({"maxLength": 1}), r#""\ud83d\ude00""#, vec![]),
        (
            json!({"minLength": 2}),
            r#""\n""#,
            vec![v("", "minLength", 1, 1)],
        ),
        (json!({"pattern": "[0-9]{5}"}), r#""CP 01000""#, vec![]),
        (
            json!({"pattern": "^[0-9]{5}$"}),
            r#""CP 01000""#,
            vec![v("", "pattern", 1, 1)],
        ),
        (json!({"pattern": "^\\p{Lu}+$"}), r#""ÑANDÚ""#, vec![]),
        (json!({"pattern": "^a\\/b$"}), r#""a\/b""#, vec![]),
        (json!({"format": "date"}), r#""2020-02-29""#, vec![]),
        (
            json!({"format": "date"}),
            r#""2019-02-30""#,
            vec![v("", "format", 1, 1)],
        ),
        (
            json!({"format": "date-time"}),
            r#""2019-02-01T10:00:00Z""#,
            vec![],
        ),
        (
            json!({"format": "email"}),
            r#""no-arroba""#,
            vec![v("", "format", 1, 1)],
        ),
        (json!({"format": "uuid"}), r#""not checked""#, vec![]),
        (
            json!({"properties": {"a": {"minLength": 1}}}),
            "{\"a\": \"\"}",
            vec![v("/a", "minLength", 1, 7)],
        ),
    ]);
    let lenient = Validator::compile(
        &json!({"format": "date"}),
        "#",
        Options {
            assert_formats: false,
        },
    )
    .unwrap();
    assert!(
        lenient
            .validate_bytes(br#""2019-02-30""#)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn number_keywords() {
    run(vec![
        (json!({"minimum": 1, "maximum": 10}), "10", vec![]),
        (
            json!({"minimum": 1, "maximum": 10}),
            "0.5",
            vec![v("", "minimum", 1, 1)],
        ),
        (
            json!({"minimum": 1, "maximum": 10}),
            "10.0001",
            vec![v("", "maximum", 1, 1)],
        ),
        (
            json!({"exclusiveMaximum": 10}),
            "10",
            vec![v("", "exclusiveMaximum", 1, 1)],
        ),
        (
            json!({"exclusiveMinimum": 0}),
            "0.0",
            vec![v("", "exclusiveMinimum", 1, 1)],
        ),
        // Draft-04 boolean modifiers.
        (
            json!({"maximum": 10, "exclusiveMaximum": true}),
            "10",
            vec![v("", "exclusiveMaximum", 1, 1)],
        ),
        (
            json!({"minimum": 0, "exclusiveMinimum": false}),
            "0",
            vec![],
        ),
        (json!({"multipleOf": 0.01}), "19.99", vec![]),
        (
            json!({"multipleOf": 0.01}),
            "19.999",
            vec![v("", "multipleOf", 1, 1)],
        ),
        (
            json!({"multipleOf": 3}),
            "1e400",
            vec![v("", "multipleOf", 1, 1)],
        ),
        (
            json!({"maximum": 9007199254740992u64}),
            "9007199254740993",
            vec![v("", "maximum", 1, 1)],
        ),
        (
            json!({"maximum": 1e308}),
            "1e309",
            vec![v("", "maximum", 1, 1)],
        ),
    ]);
}

#[test]
fn enum_and_const() {
    run(vec![
        (json!({"enum": ["AGS", "BC", "ZAC"]}), r#""BC""#, vec![]),
        (
            json!({"enum": ["AGS", "BC", "ZAC"]}),
            r#""B\u0043""#,
            vec![],
        ),
        (
            json!({"enum": ["AGS", "BC", "ZAC"]}),
            r#""XX""#,
            vec![v("", "enum", 1, 1)],
        ),
        (json!({"enum": [1, 2]}), "2.0", vec![]),
        (
            json!({"enum": [{"a": [1, 2]}]}),
            r#"{"a": [1, 2.0]}"#,
            vec![],
        ),
        (
            json!({"enum": [{"a": [1, 2]}]}),
            r#"{"a": [2, 1]}"#,
            vec![v("", "enum", 1, 1)],
        ),
        (json!({"const": null}), "null", vec![]),
        (json!({"const": false}), "0", vec![v("", "const", 1, 1)]),
        (
            json!({"const": {"a": 1, "b": 2}}),
            r#"{"b": 2, "a": 1}"#,
            vec![],
        ),
    ]);
}

#[test]
fn applicators_and_refs() {
    let tree = json!({
        "$defs": {
            "Node": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}}
            }
        },
        "$ref": "#/$defs/Node"
    });
    run(vec![
        (
            tree.clone(),
            r#"{"name": "a", "children": [{"name": "b", "children": [{"name": 1}]}]}"#,
            vec![v("/children/0/children/0/name", "type", 1, 64)],
        ),
        (
            tree.clone(),
            r#"{"children": [{}]}"#,
            vec![
                v("/children/0/name", "required", 1, 15),
                v("/name", "required", 1, 1),
            ],
        ),
        (
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            "1",
            vec![],
        ),
        (
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            "1.5",
            vec![v("", "anyOf", 1, 1)],
        ),
        (
            json!({"oneOf": [{"minimum": 0}, {"maximum": 10}]}),
            "5",
            vec![v("", "oneOf", 1, 1)],
        ),
        (
            json!({"oneOf": [{"minimum": 0}, {"maximum": 10}]}),
            "50",
            vec![],
        ),
        (
            json!({"not": {"type": "null"}}),
            "null",
            vec![v("", "not", 1, 1)],
        ),
        (
            json!({"allOf": [{"required": ["a"]}, {"required": ["b"]}]}),
            "{}",
            vec![v("/a", "required", 1, 1), v("/b", "required", 1, 1)],
        ),
        (
            json!({"properties": {"a": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["x"]}]}}}),
            r#"{"a": {"y": {"z": [1]}}}"#,
            // Only the object branch is for an object: its violation says what is wrong.
            vec![v("/a/x", "required", 1, 7)],
        ),
        (json!(true), "[1, {\"a\": null}]", vec![]),
        (json!(false), "1", vec![v("", "false", 1, 1)]),
        (
            json!({"properties": {"a": false}}),
            r#"{"a": 1}"#,
            vec![v("/a", "false", 1, 7)],
        ),
        // 2020-12: $ref beside other keywords applies both.
        (
            json!({"$defs": {"S": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/S", "maxLength": 1}}}),
            r#"{"a": "xy"}"#,
            vec![v("/a", "maxLength", 1, 7)],
        ),
        (
            json!({"$defs": {"S": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/S", "maxLength": 1}}}),
            r#"{"a": 1}"#,
            vec![v("/a", "type", 1, 7)],
        ),
    ]);
}

#[test]
fn draft04_swagger_definitions() {
    let swagger = json!({
        "swagger": "2.0",
        "definitions": {
            "Peticion": {
                "type": "object",
                "required": ["folio", "persona"],
                "properties": {
                    "folio": {"type": "string", "maxLength": 4},
                    "monto": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
                    "persona": {"$ref": "#/definitions/Persona", "description": "siblings of $ref do not count in draft-04", "type": "string"}
                }
            },
            "Persona": {
                "type": "object",
                "required": ["CP"],
                "properties": {"CP": {"type": "string", "pattern": "^[0-9]{5}$"}, "estado": {"$ref": "#/definitions/CatalogoEstados"}}
            },
            "CatalogoEstados": {"type": "string", "enum": ["AGS", "ZAC"]}
        }
    });
    let validator =
        Validator::compile(&swagger, "#/definitions/Peticion", Options::default()).unwrap();
    let found = validator
        .validate_bytes(
            b"{\"folio\": \"12345\",\n\"monto\": 0,\n\"persona\": {\"estado\": \"CDMX\"}}",
        )
        .unwrap();
    let found: Found = found
        .into_iter()
        .map(|v| (v.pointer, v.keyword, v.line, v.column))
        .collect();
    assert_eq!(
        found,
        vec![
            v("/folio", "maxLength", 1, 11),
            v("/monto", "exclusiveMinimum", 2, 10),
            v("/persona/estado", "enum", 3, 23),
            v("/persona/CP", "required", 3, 12),
        ]
    );
}

#[test]
fn messages_are_sentences() {
    let schema = json!({"properties": {
        "a": {"maxLength": 5}, "b": {"minimum": 3}, "c": {"required": ["x"]}, "d": {"type": ["string", "null"]},
        "e": {"enum": ["A", "B"]}, "f": {"format": "date"}
    }});
    let validator = Validator::compile(&schema, "#", Options::default()).unwrap();
    let messages: Vec<String> = validator
        .validate_bytes(
            br#"{"a": "abcdef", "b": 2.5, "c": {}, "d": 1, "e": "C", "f": "2019-02-30"}"#,
        )
        .unwrap()
        .into_iter()
        .map(|v| v.message)
        .collect();
    assert_eq!(
        messages,
        [
            "expected at most 5 characters, found 6",
            "expected a number at least 3, found 2.5",
            "missing required member \"x\"",
            "expected string or null, found integer",
            "expected one of \"A\", \"B\", found \"C\"",
            "expected a date (YYYY-MM-DD), found \"2019-02-30\"",
        ]
    );
}

#[test]
fn member_names_read_by_guess_give_the_same_verdicts() {
    // One validator reads objects whose members come in one order, then in others: the names
    // it guesses from the last object must never change what it reports (a duplicate of the
    // guessed name, a longer or shorter name that starts like it, an escaped spelling).
    let schema = json!({
        "type": "object",
        "required": ["ab", "c"],
        "additionalProperties": false,
        "properties": {
            "ab": {"type": "integer"},
            "c": {"type": "string", "maxLength": 2},
            "d\"q": {"type": "boolean"}
        }
    });
    let validator = Validator::compile(&schema, "#", Options::default()).unwrap();
    let verdict = |payload: &str| -> Result<Vec<(String, &'static str)>, String> {
        validator
            .validate_bytes(payload.as_bytes())
            .map(|found| found.into_iter().map(|v| (v.pointer, v.keyword)).collect())
            .map_err(|e| e.to_string())
    };
    let ok = Ok(Vec::new());
    for _ in 0..3 {
        assert_eq!(verdict(r#"{"ab": 1, "c": "x"}"#), ok);
        assert_eq!(verdict(r#"{"c": "x", "ab": 1}"#), ok);
        assert_eq!(verdict(r#"{ "ab" : 1 , "c":"x", "d\"q": true}"#), ok);
        assert_eq!(verdict(r#"{"a\u0062": 1, "c": "x"}"#), ok);
        assert_eq!(
            verdict(r#"{"ab": 1, "abc": 2, "c": "x"}"#),
            Ok(vec![("/abc".to_string(), "additionalProperties")])
        );
        assert_eq!(verdict(r#"{"ab": 1, "c": "x"}"#), ok);
        assert_eq!(
            verdict(r#"{"abc": 2, "ab": 1, "c": "x"}"#),
            Ok(vec![("/abc".to_string(), "additionalProperties")])
        );
        assert_eq!(
            verdict(r#"{"a": 1, "c": "xyz"}"#),
            Ok(vec![
                ("/a".to_string(), "additionalProperties"),
                ("/c".to_string(), "maxLength"),
                ("/ab".to_string(), "required"),
            ])
        );
        let duplicate = verdict(r#"{"ab": 1, "c": "x", "ab": 2}"#).unwrap_err();
        assert!(duplicate.contains("duplicate member name"), "{duplicate}");
        let duplicate = verdict(r#"{"ab": 1, "a\u0062": 2, "c": "x"}"#).unwrap_err();
        assert!(duplicate.contains("duplicate member name"), "{duplicate}");
        assert!(verdict(r#"{"ab" 1}"#).is_err());
    }
}

#[test]
fn lengths_count_code_points_wherever_a_wide_character_falls() {
    // A string is scanned eight bytes at a time; a wide character at any offset, or right
    // after the closing quote, must still be counted as one code point.
    for len in 1..20 {
        for wide_at in 0..len {
            let text: String = (0..len)
                .map(|i| if i == wide_at { 'É' } else { 'a' })
                .collect();
            for (max, valid) in [(len, true), (len - 1, false)] {
                let schema = json!({"type": "object", "properties": {"s": {"maxLength": max}}});
                let validator = Validator::compile(&schema, "#", Options::default()).unwrap();
                let payload = format!(r#"{{"s":"{text}","ñ":1}}"#);
                let found = validator.validate_bytes(payload.as_bytes()).unwrap();
                assert_eq!(found.is_empty(), valid, "{payload} against maxLength {max}");
                let ascii = format!(r#"{{"s":"{}","ñ":1}}"#, "a".repeat(len));
                let found = validator.validate_bytes(ascii.as_bytes()).unwrap();
                assert_eq!(
                    found.is_empty(),
                    max >= len,
                    "{ascii} against maxLength {max}"
                );
            }
        }
    }
}

#[test]
fn a_name_listed_twice_in_required_is_required_once() {
    let schema = json!({"required": ["a", "b", "a"], "properties": {"b": {"type": "string"}}});
    let validator = Validator::compile(&schema, "#", Options::default()).unwrap();
    let found = |payload: &str| -> Vec<String> {
        validator
            .validate_bytes(payload.as_bytes())
            .unwrap()
            .into_iter()
            .map(|v| v.pointer)
            .collect()
    };
    assert_eq!(found(r#"{"a": 1, "b": "x"}"#), Vec::<String>::new());
    assert_eq!(found(r#"{"b": "x"}"#), ["/a"]);
}
