//! Payloads that are not JSON, or JSON meant to hurt: each gives an `InputError` (or, for huge
//! but valid input, an answer), never a panic or a stack overflow.

use molde_validator::{InputError, Options, Validator};
use serde_json::{Value, json};

fn validator(schema: Value) -> Validator {
    Validator::compile(&schema, "#", Options::default()).unwrap()
}

fn constrained() -> Validator {
    validator(json!({
        "$defs": {"Any": {"anyOf": [{"type": "object", "additionalProperties": {"$ref": "#/$defs/Any"}}, {"type": "array", "items": {"$ref": "#/$defs/Any"}}, {"type": ["string", "number", "boolean", "null"]}]}},
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/Any"}, "s": {"type": "string", "maxLength": 10}}
    }))
}

fn input_error(v: &Validator, payload: &[u8]) -> InputError {
    let e = v.validate_bytes(payload).expect_err("not JSON");
    assert_eq!(
        v.is_valid_bytes(payload).as_ref().err(),
        Some(&e),
        "is_valid_bytes agrees"
    );
    e
}

#[test]
fn malformed_payloads_are_input_errors_with_positions() {
    let cases: &[(&[u8], &str, u32, u32)] = &[
        (b"", "unexpected end of input", 1, 1),
        (b"   \n ", "unexpected end of input", 2, 2),
        (b"{\"a\": [1, 2", "unexpected end of input", 1, 12),
        (b"{\"s\": \"abc", "unterminated string", 1, 7),
        (b"{\"a\"", "unexpected end of input", 1, 5),
        (b"{\"a\": tru}", "invalid literal", 1, 7),
        (b"{\"a\": -}", "invalid number", 1, 7),
        (b"{\"a\": 1.}", "invalid number", 1, 7),
        (b"{\"a\": 01}", "invalid number", 1, 7),
        (b"{\"a\": 1e}", "invalid number", 1, 7),
        (b"{\"a\": 1,}", "expected a member name", 1, 9),
        (b"{\"a\": [1,]}", "expected a JSON value", 1, 10),
        (b"{} x", "unexpected text after the JSON value", 1, 4),
        (b"{}{}", "unexpected text after the JSON value", 1, 3),
        (b"{\"s\": \"a\xff\"}", "invalid UTF-8", 1, 9),
        (b"{\"s\": \"\xc3\"}", "invalid UTF-8", 1, 8),
        // Invalid UTF-8 anywhere is reported as such, before any syntax.
        (b"\xff", "invalid UTF-8", 1, 1),
        (b"{\"s\": \"a\nb\"}", "control character", 1, 9),
        (b"{\"s\": \"\\x\"}", "invalid escape", 1, 8),
        (b"{\"s\": \"\\ud800\"}", "unpaired surrogate", 1, 8),
        (b"{\"s\": \"\\udc00\\ud800\"}", "unpaired surrogate", 1, 8),
        (b"{\"s\": \"\\u12\"}", "invalid \\u escape", 1, 8),
        (
            b"{\"a\": 1, \"a\": 2}",
            "duplicate member name \"a\"",
            1,
            10,
        ),
        (
            b"{\"a\": {\"x\": 1, \"\\u0078\": 2}}",
            "duplicate member name \"x\"",
            1,
            16,
        ),
        (b"{'a': 1}", "expected a member name", 1, 2),
        (b"{\"a\" 1}", "expected ':'", 1, 6),
        (b"[1 2]", "", 0, 0),
    ];
    let v = constrained();
    let unconstrained = validator(json!(true));
    for &(payload, message, line, column) in cases {
        for v in [&v, &unconstrained] {
            let e = input_error(v, payload);
            if line > 0 {
                assert!(
                    e.message.contains(message),
                    "{:?}: {e}",
                    String::from_utf8_lossy(payload)
                );
                assert_eq!(
                    (e.line, e.column),
                    (line, column),
                    "{:?}: {e}",
                    String::from_utf8_lossy(payload)
                );
            }
        }
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    assert!(
        constrained()
            .validate_bytes(b"\xEF\xBB\xBF{\"s\": \"x\"}")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let v = constrained();
    let unconstrained = validator(json!(true));
    let nested = |n: usize| format!("{{\"a\": {}1{}}}", "[".repeat(n), "]".repeat(n));
    // The root object is one level, so 255 arrays inside it reach the limit exactly.
    for v in [&v, &unconstrained] {
        assert!(v.validate_bytes(nested(255).as_bytes()).unwrap().is_empty());
        let e = input_error(v, nested(256).as_bytes());
        assert!(e.message.contains("nesting deeper than 256"), "{e}");
        // A million open brackets: an error, not a crash.
        let e = input_error(v, nested(1_000_000).as_bytes());
        assert!(e.message.contains("nesting"), "{e}");
    }
    let objects = "{\"a\": ".repeat(100_000);
    assert!(
        input_error(&v, objects.as_bytes())
            .message
            .contains("nesting")
    );
}

#[test]
fn duplicates_are_found_in_large_objects_too() {
    let v = validator(json!({"type": "object"}));
    let mut members: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": {i}")).collect();
    let unique = format!("{{{}}}", members.join(","));
    assert!(v.validate_bytes(unique.as_bytes()).unwrap().is_empty());
    members.push("\"k\\u0037\": 0".to_owned()); // "k7", escaped
    let duplicated = format!("{{{}}}", members.join(","));
    assert!(
        input_error(&v, duplicated.as_bytes())
            .message
            .contains("duplicate member name \"k7\"")
    );
}

#[test]
fn huge_strings_and_numbers_are_fine() {
    let big = "é".repeat(25_000_000); // 50 MB
    let payload = format!("{{\"s\": \"{big}\", \"a\": \"{big}\"}}");
    let found = constrained().validate_bytes(payload.as_bytes()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "expected at most 10 characters, found 25000000"
    );
    assert_eq!((found[0].line, found[0].column), (1, 7));

    let digits = "9".repeat(5_000);
    let v = validator(
        json!({"items": {"type": "integer", "minimum": 0, "maximum": 1e300, "multipleOf": 3}}),
    );
    let payload =
        format!("[{digits}, -{digits}.5, 0.{digits}, {digits}e-5000, 1e99999999999999999999999]");
    let found: Vec<_> = v
        .validate_bytes(payload.as_bytes())
        .unwrap()
        .into_iter()
        .map(|v| (v.pointer, v.keyword))
        .collect();
    let expect = [
        ("/0", "maximum"),
        ("/1", "type"),
        ("/2", "type"),
        ("/3", "type"),
        ("/4", "maximum"),
        ("/4", "multipleOf"),
    ];
    let found: Vec<(&str, &str)> = found.iter().map(|(p, k)| (p.as_str(), *k)).collect();
    assert_eq!(found, expect);
}

/// Cheap deterministic pseudo-random numbers (xorshift), so the test needs no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Mutated payloads: never a panic; JSON exactly when serde_json says so (but for the cases
/// where the two differ on purpose); and the bytes and Value paths find the same violations.
#[test]
fn mutations_never_panic_and_agree_with_serde_json() {
    let schema = json!({
        "type": "object",
        "required": ["nombre", "edad"],
        "properties": {
            "nombre": {"type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[A-Z]"},
            "edad": {"type": "integer", "minimum": 0, "exclusiveMaximum": 150},
            "alta": {"type": "string", "format": "date"},
            "tags": {"type": "array", "items": {"enum": ["a", "b", 1, null]}, "uniqueItems": true, "maxItems": 3},
            "extra": {"oneOf": [{"type": "string"}, {"type": "object", "required": ["k"]}]},
            "monto": {"multipleOf": 0.01, "not": {"const": 13}}
        },
        "additionalProperties": {"type": ["string", "null"]}
    });
    let v = validator(schema);
    let seed = br#"{"nombre": "Ana\u00e9", "edad": 30, "alta": "2020-02-29", "tags": ["a", 1, null], "extra": {"k": [1, {"z": true}]}, "monto": 12.5, "x": "y"}"#;
    let alphabet = b"{}[]\",:0123456789-+.eEtrufalsn \\u\xc3\xa9\xff\n";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..30_000 {
        let mut payload = seed.to_vec();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(payload.len() + 1);
            match rng.below(3) {
                0 if at < payload.len() => {
                    payload.remove(at);
                }
                1 => payload.insert(at, alphabet[rng.below(alphabet.len())]),
                _ if at < payload.len() => payload[at] = alphabet[rng.below(alphabet.len())],
                _ => {}
            }
        }
        let ours = v.validate_bytes(&payload);
        let theirs = serde_json::from_slice::<Value>(&payload);
        match (&ours, &theirs) {
            (Ok(found), Ok(value)) => {
                let mut a: Vec<_> = found
                    .iter()
                    .map(|v| (v.pointer.clone(), v.keyword))
                    .collect();
                let mut b: Vec<_> = v
                    .validate_value(value)
                    .into_iter()
                    .map(|v| (v.pointer, v.keyword))
                    .collect();
                a.sort();
                b.sort();
                assert_eq!(a, b, "{}", String::from_utf8_lossy(&payload));
                assert_eq!(v.is_valid_bytes(&payload), Ok(found.is_empty()));
            }
            (Err(_), Err(_)) => {}
            (Err(e), Ok(_)) => assert!(
                e.message.contains("duplicate"),
                "{e}: {}",
                String::from_utf8_lossy(&payload)
            ),
            (Ok(_), Err(e)) => assert!(
                e.to_string().contains("out of range"),
                "{e}: {}",
                String::from_utf8_lossy(&payload)
            ),
        }
    }
}

/// The deepest in-place nesting the compiler accepts, at every level of a payload as deep as
/// the stream accepts, on a thread with the default 2 MiB stack: re-reads share the nesting
/// limit with containers, so the check ends with an input error instead of overflowing.
#[test]
fn deep_in_place_chains_at_every_level_fit_a_small_stack() {
    let mut defs = serde_json::Map::new();
    defs.insert(
        "C0".into(),
        serde_json::json!({"type": "object", "properties": {"x": {"$ref": "#/$defs/C63"}}}),
    );
    for i in 1..64 {
        defs.insert(
            format!("C{i}"),
            serde_json::json!({"type": "object", "allOf": [{"$ref": format!("#/$defs/C{}", i - 1)}]}),
        );
    }
    let schema = serde_json::json!({ "$defs": defs });
    let validator = molde_validator::Validator::compile(
        &schema,
        "#/$defs/C63",
        molde_validator::Options::default(),
    )
    .expect("64 in-place levels are accepted");
    let shallow = "{\"x\": ".repeat(2) + "{}" + &"}".repeat(2);
    let depth = molde_validator::MAX_DEPTH as usize - 1;
    let deep = "{\"x\": ".repeat(depth) + "{}" + &"}".repeat(depth);
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let value: serde_json::Value = serde_json::from_str(&shallow).unwrap();
            (
                validator
                    .validate_bytes(shallow.as_bytes())
                    .map(|v| v.len()),
                validator.validate_value(&value).len(),
                validator
                    .validate_bytes(deep.as_bytes())
                    .map_err(|e| e.message),
            )
        })
        .unwrap();
    let (shallow_bytes, shallow_value, deep) = handle.join().expect("no stack overflow");
    assert_eq!((shallow_bytes, shallow_value), (Ok(0), 0));
    assert!(deep.unwrap_err().contains("checking nests deeper than 512"));
}
