//! `molde check --format sarif`: the findings as one SARIF 2.1.0 log, for GitHub code scanning
//! and other SARIF readers. Each code is a rule (`ruleId`), each finding a result with its
//! level, message (the hint after it), file and region, and its model path as a logical
//! location.

use molde_codegen::diag::{Diagnostic, Severity};
use serde_json::{Value, json};

/// One SARIF log holding every finding.
pub(crate) fn log(found: &[Diagnostic]) -> Value {
    let mut rules: Vec<&str> = Vec::new();
    for d in found {
        if !rules.contains(&d.code) {
            rules.push(d.code);
        }
    }
    let results: Vec<Value> = found
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(hint) = &d.hint {
                text.push_str(&format!(" (help: {hint})"));
            }
            let mut physical = json!({"artifactLocation": {"uri": uri(&d.file)}});
            if d.line > 0 {
                let mut region = json!({"startLine": d.line});
                if d.column > 0 {
                    region["startColumn"] = json!(d.column);
                }
                physical["region"] = region;
            }
            let mut location = json!({"physicalLocation": physical});
            if !d.path.is_empty() {
                location["logicalLocations"] = json!([{"fullyQualifiedName": d.path}]);
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": rules.iter().position(|r| *r == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": if text.is_empty() { d.code.to_string() } else { text }},
                "locations": [location],
            })
        })
        .collect();
    let rules: Vec<Value> = rules
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "name": code,
                "shortDescription": {"text": format!("molde `{code}` (the README's lint table says what it means)")},
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "molde",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a relative URI reference: `/` separators, and the characters a URI cannot
/// hold percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if out.is_empty() {
        "<input>".to_string()
    } else {
        out
    }
}
