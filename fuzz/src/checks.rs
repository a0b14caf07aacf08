//! The bodies of molde's fuzz targets: one `pub fn` per target, taking the raw input bytes and
//! panicking when an invariant of molde's public API does not hold (a panic is a bug).
//!
//! This file is shared: `fuzz/fuzz_targets/*.rs` call these functions, and the main workspace's
//! `tests/fuzz_corpus.rs` includes it with `#[path]` to run the committed corpora in CI. So it
//! uses nothing but `molde_codegen`, `molde_validator`, `serde_json` and std, and only their
//! public API.

use std::sync::OnceLock;

use molde_codegen::emit::json_schema::to_json_schema;
use molde_codegen::model::SourceFormat;
use molde_codegen::{
    Loaded, Severity, check_bytes, check_bytes_as, read_document, recover_indentation,
};
use molde_validator::{CompileError, Options, Validator};
use serde_json::Value;

/// Written between the two halves of a two-part input (spec and overlay, schema and payload).
/// Inputs without it are cut in half.
pub const SEPARATOR: &[u8] = b"\n---8<---\n";

/// Splits a two-part input at the first [`SEPARATOR`], or in the middle when there is none.
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
        None => data.split_at(data.len() / 2),
    }
}

/// `read`: any bytes through the whole pipeline (decode, recover, parse, grammar, model, lints,
/// examples), then the JSON Schema emitter on the model.
///
/// - Nothing panics (`check_bytes` promises it).
/// - A non-empty input's error diagnostics point at a line (>= 1).
/// - The emitted document uses only keywords the validator implements (the emitter's module
///   docs promise it), so no `$defs` entry fails to compile as `Unsupported`.
pub fn read(data: &[u8]) {
    let loaded = check_bytes("spec.yaml", data, &[]);
    if !data.is_empty() {
        errors_have_lines(&loaded);
    }
    emitted_schema_compiles(&loaded);
}

/// `markdown`: any bytes as a markdown page with field tables (the GitBook kind), through the
/// whole pipeline: the markdown reader, the tolerant JSON reader for its examples, the model,
/// lints and example checks, then the emitter.
///
/// - The invariants of [`read`].
/// - Every finding points inside the document: its line is at most the document's last.
pub fn markdown(data: &[u8]) {
    field_table(data, SourceFormat::Markdown, "page.md");
}

/// `text`: any bytes as a plain-text document with tab-separated field tables (the
/// `cliente.txt` kind). The invariants of [`markdown`].
pub fn text(data: &[u8]) {
    field_table(data, SourceFormat::Text, "doc.txt");
}

fn field_table(data: &[u8], format: SourceFormat, file: &str) {
    let loaded = check_bytes_as(file, data, &[], Some(format));
    if !data.is_empty() {
        errors_have_lines(&loaded);
    }
    let lines = data.split(|&b| b == b'\n').count() as u32;
    for d in &loaded.diagnostics {
        assert!(
            d.line <= lines,
            "a finding past the end of the document ({lines} lines): {d:?}"
        );
    }
    emitted_schema_compiles(&loaded);
}

/// `recover`: a spec whose indentation a portal stripped. Every line of the input loses its
/// leading whitespace, then:
///
/// - `recover_indentation` gives text that parses (recovery comments out lines until the
///   result parses, so it promises parsable output);
/// - the whole pipeline runs on the stripped text as in [`read`].
pub fn recover(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The pipeline refuses a file with NUL bytes before recovery (it is binary).
    if text.contains('\0') {
        return;
    }
    let stripped = strip_indentation(text);
    let recovered = recover_indentation(&stripped);
    let reread = read_document("recovered.yaml", recovered.text.as_bytes());
    // Blank text is an empty document (`read_document` calls it an empty file, rightly).
    let unreadable = reread.root.is_none() && !recovered.text.trim().is_empty();
    if unreadable || reread.diagnostics.iter().any(|d| d.code == "yaml.syntax") {
        panic!(
            "recovered text does not parse: {:?}\n--- recovered text ---\n{}",
            reread.diagnostics, recovered.text
        );
    }
    let loaded = check_bytes("spec.yaml", stripped.as_bytes(), &[]);
    if !stripped.is_empty() {
        errors_have_lines(&loaded);
    }
    emitted_schema_compiles(&loaded);
}

/// `overlay`: a spec and an OpenAPI overlay (split by [`split`]) through the whole pipeline.
/// Same invariants as [`read`].
pub fn overlay(data: &[u8]) {
    let (spec, overlay) = split(data);
    let loaded = check_bytes(
        "spec.yaml",
        spec,
        &[("overlay.yaml".to_string(), overlay.to_vec())],
    );
    if !spec.is_empty() {
        errors_have_lines(&loaded);
    }
    emitted_schema_compiles(&loaded);
}

/// `validate`: a JSON Schema and a payload (split by [`split`]). When the schema is JSON and
/// compiles at `#`, the validator's three entry points must agree on the payload (see
/// [`entry_points_agree`]).
pub fn validate(data: &[u8]) {
    let (schema, payload) = split(data);
    let Ok(schema) = serde_json::from_slice::<Value>(schema) else {
        return;
    };
    let Ok(validator) = Validator::compile(&schema, "#", Options::default()) else {
        return;
    };
    entry_points_agree(&validator, payload);
}

/// `validate_vantage`: payloads against the project's own emitted schema for the Vant/Age
/// request (`schemas/json/vantage.swagger.json`, `#/$defs/NoAportantesPeticion`), with the same
/// agreement invariant as [`validate`].
pub fn validate_vantage(data: &[u8]) {
    static VANTAGE: OnceLock<Validator> = OnceLock::new();
    let validator = VANTAGE.get_or_init(|| {
        let text = include_str!("../../schemas/json/vantage.swagger.json");
        let schema: Value =
            serde_json::from_str(text).expect("schemas/json/vantage.swagger.json is JSON");
        Validator::compile(&schema, "#/$defs/NoAportantesPeticion", Options::default())
            .expect("the checked-in vantage schema compiles")
    });
    entry_points_agree(validator, data);
}

/// `validate_bytes`, `is_valid_bytes` and `validate_value` give the same verdict on `payload`.
///
/// - `validate_bytes` and `is_valid_bytes`: `Ok(no violations)` exactly when `Ok(true)`, and
///   an input error from one exactly when from the other.
/// - Every violation found in the bytes has a 1-based line and column.
/// - `validate_value` on the payload parsed by serde_json: only the verdict (valid or not) is
///   compared, not the violations. `validate_value` has no text, so every line and column is 0;
///   its messages print numbers as serde_json holds them (as `f64`, `1e20` for
///   `100000000000000000000`); and the order of members differs (serde_json's map is sorted by
///   name), so the lists legitimately differ while the verdicts may not.
/// - serde_json (without `arbitrary_precision`) rounds numbers to `f64`/`i64`/`u64`, while the
///   validator decides on the digits as written (`100000000000000000001` is not
///   `100000000000000000000`; `2.00000000000000000001` is above `maximum: 2`). So the verdict on
///   the parsed value is compared with the verdict on the payload's own bytes only when every
///   number in the payload survives parsing exactly; it is always compared with the verdict on
///   serde_json's re-serialisation of the value, which has the same numbers as the value.
pub fn entry_points_agree(validator: &Validator, payload: &[u8]) {
    let full = validator.validate_bytes(payload);
    let quick = validator.is_valid_bytes(payload);
    match (&full, &quick) {
        (Ok(violations), Ok(valid)) => assert_eq!(
            violations.is_empty(),
            *valid,
            "validate_bytes found {violations:?} but is_valid_bytes says valid = {valid}"
        ),
        (Err(_), Err(_)) => {}
        _ => panic!(
            "validate_bytes and is_valid_bytes disagree on whether the payload is JSON: \
             validate_bytes = {full:?}, is_valid_bytes = {quick:?}"
        ),
    }
    let Ok(violations) = full else {
        return;
    };
    for v in &violations {
        assert!(
            v.line >= 1 && v.column >= 1,
            "violation without a position: {v:?}"
        );
    }
    let Ok(value) = serde_json::from_slice::<Value>(payload) else {
        return;
    };
    let by_value = validator.validate_value(&value);
    let reserialised = serde_json::to_vec(&value).expect("a Value serialises");
    match validator.validate_bytes(&reserialised) {
        Ok(again) => assert_eq!(
            by_value.is_empty(),
            again.is_empty(),
            "validate_value found {by_value:?}, validate_bytes on the same value as serde_json \
             writes it ({}) found {again:?}",
            String::from_utf8_lossy(&reserialised)
        ),
        Err(e) => panic!(
            "the validator refuses serde_json's own output {}: {e}",
            String::from_utf8_lossy(&reserialised)
        ),
    }
    if numbers_survive_parsing(payload) {
        assert_eq!(
            by_value.is_empty(),
            violations.is_empty(),
            "validate_value found {by_value:?}, validate_bytes found {violations:?}"
        );
    }
}

/// Every error diagnostic points at a line of the file (only file-level findings may have line
/// 0, and those are not errors).
fn errors_have_lines(loaded: &Loaded) {
    for d in &loaded.diagnostics {
        if d.severity == Severity::Error {
            assert!(d.line >= 1, "error diagnostic without a line: {d:?}");
        }
    }
}

/// The emitter promises output the validator can compile: only supported keywords, and
/// dangling references turned into `x-unresolvedRef`. So no `$defs` entry may be refused as
/// `Unsupported`. (`Invalid`, such as a spec's bad `pattern`, is the spec's fault, not molde's.)
fn emitted_schema_compiles(loaded: &Loaded) {
    let Some(spec) = &loaded.spec else {
        return;
    };
    let document = to_json_schema(spec);
    let Some(defs) = document.get("$defs").and_then(Value::as_object) else {
        return;
    };
    for name in defs.keys() {
        let entry = format!("#/$defs/{}", name.replace('~', "~0").replace('/', "~1"));
        if let Err(e @ CompileError::Unsupported { .. }) =
            Validator::compile(&document, &entry, Options::default())
        {
            panic!("the emitted schema's {entry} does not compile: {e}");
        }
    }
}

/// Removes the leading whitespace of every line, as a developer portal does when a spec is
/// copied out of it.
pub fn strip_indentation(text: &str) -> String {
    text.split('\n')
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// True when every number in `payload` (valid JSON) means the same after serde_json parses it:
/// its digits as written equal, as decimals, the digits serde_json writes back for it.
fn numbers_survive_parsing(payload: &[u8]) -> bool {
    let mut i = 0;
    while i < payload.len() {
        match payload[i] {
            b'"' => {
                i += 1;
                while i < payload.len() && payload[i] != b'"' {
                    i += if payload[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < payload.len()
                    && matches!(payload[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                let Ok(token) = std::str::from_utf8(&payload[start..i]) else {
                    return false;
                };
                let Ok(number) = serde_json::from_str::<serde_json::Number>(token) else {
                    return false;
                };
                if decimal(token) != decimal(&number.to_string()) {
                    return false;
                }
            }
            _ => i += 1,
        }
    }
    true
}

/// A number's text as (negative, significant digits, exponent): the value is
/// `0.DIGITS x 10^exponent`. Zero is `(false, "", 0)`, whatever its sign or spelling.
fn decimal(text: &str) -> (bool, String, i128) {
    let (neg, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, "0"),
    };
    let exponent: i128 =
        exponent
            .trim_start_matches('+')
            .parse()
            .unwrap_or(if exponent.starts_with('-') {
                i128::MIN / 2
            } else {
                i128::MAX / 2
            });
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let lead = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits.trim_matches('0');
    if significant.is_empty() {
        return (false, String::new(), 0);
    }
    let magnitude = int.len() as i128 - lead as i128 + exponent;
    (neg, significant.to_string(), magnitude)
}
