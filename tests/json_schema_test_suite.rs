//! The official JSON-Schema-Test-Suite, for the keywords molde-validator supports.
//!
//! `.ci/run` fetches the suite from the package registries into `target/json-schema-test-suite/`
//! (draft4 from the npm package `json-schema-test-suite`, draft2020-12 from the copy vendored in
//! the PyPI sdist of `jsonschema`). Point `JSON_SCHEMA_TEST_SUITE` elsewhere to use another copy;
//! without a copy the test skips with a message.
//!
//! A test group whose schema uses something molde refuses (a remote `$ref`, `$id`-relative
//! references, an unsupported keyword) is counted as refused: molde never checks half a schema.
//! Every test of every group molde compiles must give the suite's verdict, from bytes and from a
//! `Value` alike.

use std::path::{Path, PathBuf};

use molde_validator::{CompileError, Options, Validator};
use serde_json::Value;

#[path = "../codegen/tests/support/inputs.rs"]
mod inputs;

/// The suite files for the supported keywords, per draft.
const DRAFT2020: &[&str] = &[
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
    "ref",
    "defs",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "boolean_schema",
    "optional/format/date",
    "optional/format/date-time",
    "optional/format/email",
];
const DRAFT4: &[&str] = &[
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "multipleOf",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "ref",
    "definitions",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
];

fn suite_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("JSON_SCHEMA_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/json-schema-test-suite")
        });
    inputs::required_input(
        &dir,
        "the JSON-Schema-Test-Suite (`.ci/fetch-json-schema-test-suite` downloads it)",
    )
}

#[derive(Default)]
struct Tally {
    passed: usize,
    refused_groups: usize,
    refused_tests: usize,
    failures: Vec<String>,
}

fn run_file(path: &Path, tally: &mut Tally) -> (usize, usize) {
    let groups: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut passed, mut total) = (0, 0);
    for group in &groups {
        let tests = group["tests"].as_array().unwrap();
        let validator = match Validator::compile(
            &group["schema"],
            "#",
            Options {
                assert_formats: true,
            },
        ) {
            Ok(v) => v,
            Err(CompileError::Unsupported { .. }) => {
                tally.refused_groups += 1;
                tally.refused_tests += tests.len();
                continue;
            }
            Err(e) => {
                tally.failures.push(format!(
                    "{}: `{}` does not compile: {e}",
                    path.display(),
                    group["description"]
                ));
                continue;
            }
        };
        for test in tests {
            total += 1;
            let expected = test["valid"].as_bool().unwrap();
            let bytes = serde_json::to_vec(&test["data"]).unwrap();
            let from_bytes = validator.validate_bytes(&bytes).map(|v| v.is_empty());
            let from_value = validator.validate_value(&test["data"]).is_empty();
            if from_bytes.as_ref().ok() == Some(&expected) && from_value == expected {
                passed += 1;
            } else {
                tally.failures.push(format!(
                    "{}: {} / {}: expected valid={expected}, bytes gave {from_bytes:?}, value gave {from_value}",
                    path.display(),
                    group["description"],
                    test["description"]
                ));
            }
        }
    }
    tally.passed += passed;
    (passed, total)
}

#[test]
fn official_suite_for_supported_keywords() {
    let Some(dir) = suite_dir() else {
        return;
    };
    let mut tally = Tally::default();
    for (draft, files) in [("draft2020-12", DRAFT2020), ("draft4", DRAFT4)] {
        for file in files {
            let path = dir.join(draft).join(format!("{file}.json"));
            assert!(
                path.is_file(),
                "{} is missing from the suite copy",
                path.display()
            );
            let (passed, total) = run_file(&path, &mut tally);
            eprintln!("{draft}/{file}.json: {passed}/{total}");
        }
    }
    eprintln!(
        "passed {} tests; refused {} groups ({} tests) that use features molde does not support",
        tally.passed, tally.refused_groups, tally.refused_tests
    );
    for f in &tally.failures {
        eprintln!("FAIL {f}");
    }
    assert!(
        tally.failures.is_empty(),
        "{} suite tests failed",
        tally.failures.len()
    );
    assert!(tally.passed > 500, "the suite ran: {} passed", tally.passed);
}
