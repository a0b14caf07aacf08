//! Specs that once hung molde, blew up its time or memory, skipped a check without a word, or
//! made `check` and `validate` disagree. Each runs under a deadline, so a regression fails
//! fast instead of stalling the suite.

use std::time::Duration;

use molde_codegen::emit::json_schema::{def_pointer, to_json_schema};
use molde_codegen::{Diagnostic, Loaded, Severity, check_bytes};
use molde_validator::{Options, Validator};

#[path = "support/deadline.rs"]
mod deadline;

/// Debug builds are slow and CI machines busy; each of these takes milliseconds in release.
const LIMIT: Duration = Duration::from_secs(20);

fn check(name: &str, text: String) -> Loaded {
    deadline::within(name, LIMIT, move || {
        check_bytes("t.yaml", text.as_bytes(), &[])
    })
}

fn found(loaded: &Loaded, severity: Severity) -> Vec<(&'static str, u32)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| (d.code, d.line))
        .collect()
}

fn errors(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The schema of `name` compiles as `molde validate` compiles it.
fn compiles(loaded: &Loaded, name: &str) -> Result<Validator, String> {
    let spec = loaded.spec.as_ref().expect("the spec reads");
    Validator::compile(
        &to_json_schema(spec),
        &def_pointer(name),
        Options::default(),
    )
    .map_err(|e| e.to_string())
}

/// A stripped spec whose example is guided through a definition that merges itself: the walk
/// that follows `$ref` and `allOf` had no visited set and never ended.
#[test]
fn an_example_guided_through_a_self_merging_definition_ends() {
    let text = "swagger: '2.0'\ninfo:\ntitle: t\nversion: '1'\npaths: {}\ndefinitions:\nA:\nallOf:\n- $ref: '#/definitions/A'\nB:\ntype: object\nproperties:\na:\n$ref: '#/definitions/A'\nexample:\na:\nx:\ny: 1\n";
    let loaded = check("self-merging definition", text.to_string());
    assert_eq!(found(&loaded, Severity::Error), [("ref.cycle", 9)]);
}

/// `D1: allOf [D0, D0]`, `D2: allOf [D1, D1]`, ...: every merge re-read every target, so 20
/// steps took seconds and 600 MB. Each definition is merged once now.
#[test]
fn a_chain_of_allof_diamonds_is_read_in_linear_time() {
    let mut text = String::from(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  D0: {type: object, properties: {a: {type: string}}, example: {a: 1}}\n",
    );
    for i in 1..=40 {
        text.push_str(&format!(
            "  D{i}:\n    allOf: [{{$ref: '#/definitions/D{p}'}}, {{$ref: '#/definitions/D{p}'}}]\n    example: {{a: x}}\n",
            p = i - 1
        ));
    }
    let loaded = check("40 diamonds", text);
    assert_eq!(found(&loaded, Severity::Error), []);
    assert_eq!(found(&loaded, Severity::Warning), [("example.invalid", 5)]);
    let spec = loaded.spec.as_ref().unwrap();
    let d40 = &spec.type_named("D40").unwrap().schema;
    let molde_codegen::model::Type::Object(object) = &d40.ty else {
        panic!("D40 is an object");
    };
    assert_eq!(object.fields.len(), 1);
    assert_eq!(object.all_of.len(), 40, "each member named once");
    let validator = compiles(&loaded, "D40").expect("D40 compiles");
    assert_eq!(validator.validate_bytes(br#"{"a": 1}"#).unwrap().len(), 1);
}

/// Examples under dotted definition names (the Kubernetes convention) were looked up by a
/// dotted path split on dots, and silently never checked.
#[test]
fn examples_under_dotted_names_are_checked() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  io.k8s.api.core.v1.Pod:\n    type: object\n    properties:\n      name:\n        type: string\n        example: 5\n      spec:\n        type: object\n        properties:\n          replicas: {type: integer}\n        example:\n          replicas: many\n";
    let loaded = check("dotted names", text.to_string());
    let warnings: Vec<(&str, u32, &str)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.path.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                "example.invalid",
                10,
                "definitions.io.k8s.api.core.v1.Pod.properties.name.example"
            ),
            (
                "example.invalid",
                16,
                "definitions.io.k8s.api.core.v1.Pod.properties.spec.example.replicas"
            ),
        ]
    );
}

/// An example whose schema cannot be compiled is reported as not checked, beside the error
/// that says why; parameters' examples are checked although they have no `$defs` entry.
#[test]
fn no_example_is_skipped_without_a_word() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: n, in: query, type: integer, maximum: 3, x-example: 1}\n      - name: m\n        in: query\n        type: string\n        maxLength: 2\n        example: toolong\n      responses:\n        '200': {description: ok}\ndefinitions:\n  Code:\n    type: string\n    pattern: '('\n    example: x\n";
    let loaded = check("unchecked examples", text.to_string());
    let got: Vec<(&str, Severity, u32)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.line))
        .collect();
    assert_eq!(
        got,
        [
            // Swagger 2.0 has no `example` on parameters; molde checks it all the same.
            ("swagger.unknown-field", Severity::Error, 12),
            ("example.invalid", Severity::Warning, 12),
            ("pattern.invalid", Severity::Error, 18),
            ("example.unchecked", Severity::Warning, 19),
        ],
        "{:#?}",
        loaded.diagnostics
    );
}

/// `A: {$ref: B}`, `B: {$ref: A}`: `check` said clean and `validate` refused. Now `check`
/// reports the loop as an error at the reference.
#[test]
fn a_reference_loop_without_members_is_an_error_check_reports() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    $ref: '#/definitions/B'\n  B:\n    $ref: '#/definitions/A'\n";
    let loaded = check("reference loop", text.to_string());
    let errors = errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].code, errors[0].line), ("ref.cycle", 6));
    assert!(compiles(&loaded, "A").is_err(), "validate refuses it too");
}

/// A chain of a few hundred distinct definitions, each holding the next: a legitimate schema.
/// `check` said clean and `validate` refused it as "nested too deeply"; both accept it now.
#[test]
fn a_long_chain_of_definitions_is_checked_and_validated() {
    let mut text =
        String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n");
    for i in 0..600 {
        text.push_str(&format!(
            "  D{i}:\n    type: object\n    properties:\n      next: {{$ref: '#/definitions/D{}'}}\n",
            i + 1
        ));
    }
    text.push_str("  D600: {type: string, maxLength: 1}\n");
    let loaded = check("600 definitions", text);
    assert_eq!(errors(&loaded).len(), 0, "{:#?}", loaded.diagnostics);
    let validator = compiles(&loaded, "D0").expect("D0 compiles");
    let payload = "{\"next\": ".repeat(3) + "{}" + &"}".repeat(3);
    assert!(
        validator
            .validate_bytes(payload.as_bytes())
            .unwrap()
            .is_empty()
    );
}

/// `conversions.yaml` (go-swagger's corpus): `Cat.siblings` are items of
/// `allOf: [{rank}, {$ref: Cat}]`, a recursive type through a member and an item that every
/// validator accepts. molde called it a cycle and refused to validate against `Cat`.
#[test]
fn a_recursive_type_through_members_and_items_is_no_cycle() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Cat:\n    type: object\n    required: [name]\n    properties:\n      name: {type: string}\n      siblings:\n        type: array\n        items:\n          allOf:\n          - type: object\n            required: [rank]\n            properties:\n              rank: {type: integer, minimum: 0}\n          - $ref: '#/definitions/Cat'\n    example:\n      name: Tom\n      siblings:\n      - {rank: 1, name: Ann, siblings: [{rank: -1, name: Bo}]}\n";
    let loaded = check("recursive Cat", text.to_string());
    assert_eq!(errors(&loaded).len(), 0, "{:#?}", loaded.diagnostics);
    // The example is checked three levels down.
    assert_eq!(
        found(&loaded, Severity::Warning),
        [("example.invalid", 22)],
        "{:#?}",
        loaded.diagnostics
    );
    let validator = compiles(&loaded, "Cat").expect("Cat compiles");
    let payload =
        br#"{"name": "a", "siblings": [{"rank": 0, "name": "b", "siblings": [{"name": "c"}]}]}"#;
    let violations = validator.validate_bytes(payload).unwrap();
    let got: Vec<(&str, &str)> = violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.keyword))
        .collect();
    assert_eq!(got, [("/siblings/0/siblings/0/rank", "required")]);
}

/// Definitions that merge each other through members in every direction: the reader stops
/// merging after a bound, with an error, instead of working for ever.
#[test]
fn a_web_of_merges_through_members_is_bounded() {
    let mut text =
        String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n");
    let n = 12;
    for i in 0..n {
        text.push_str(&format!("  D{i}:\n    type: object\n    properties:\n"));
        for j in 0..n {
            text.push_str(&format!(
                "      p{j}: {{allOf: [{{$ref: '#/definitions/D{j}'}}, {{required: [p{j}]}}]}}\n"
            ));
        }
    }
    let loaded = check("web of merges", text);
    assert!(loaded.spec.is_some());
    let errors = found(&loaded, Severity::Error);
    assert!(
        errors
            .iter()
            .any(|(code, _)| *code == "swagger.too-complex"),
        "{errors:#?}"
    );
}
