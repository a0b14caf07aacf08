//! Strips every corpus spec of its indentation and blank lines, recovers it, and compares the
//! result with the original document (strings compared with whitespace collapsed).

use std::path::{Path, PathBuf};

use molde_codegen::emit::yaml::to_block_yaml;
use molde_codegen::read::recover::recover_indentation;
use molde_codegen::read::yaml::parse;
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/swagger2");
    dir.is_dir().then_some(dir)
}

fn specs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// What a person gets after copying the spec out of a portal: no indentation, no blank lines.
fn strip(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim_start();
        if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn collapse(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.split_whitespace().collect::<Vec<_>>().join(" ")),
        Value::Array(items) => Value::Array(items.iter().map(collapse).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), collapse(v))).collect())
        }
        other => other.clone(),
    }
}

/// The first difference between two documents, as a JSON pointer and both values.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &format!("{path}/{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}/{k}: missing in the recovered document")),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{path}/{k}: only in the recovered document"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}/{i}"))),
        _ if a == b => None,
        _ => {
            let short = |v: &Value| v.to_string().chars().take(120).collect::<String>();
            Some(format!(
                "{path}: original {} recovered {}",
                short(a),
                short(b)
            ))
        }
    }
}

/// How many of the corpus's specs recover exactly today.
const MIN_MATCHED: usize = 13;

#[test]
fn stripped_corpus_specs_recover_to_the_original() {
    let Some(dir) = corpus() else {
        eprintln!("skipped: ../shared/corpus/swagger2 is not present");
        return;
    };
    let mut matched = 0;
    let mut failures = Vec::new();
    let files = specs(&dir);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let original = match parse(&text) {
            Ok(p) => p.root,
            Err(e) => {
                failures.push(format!(
                    "{}: original does not parse: {} at {}:{}",
                    path.display(),
                    e.message,
                    e.line,
                    e.column
                ));
                continue;
            }
        };
        let yaml = if path.extension().is_some_and(|e| e == "json") {
            to_block_yaml(&original)
        } else {
            text
        };
        let recovered = recover_indentation(&strip(&yaml));
        let name = path.strip_prefix(&dir).unwrap().display().to_string();
        if let Ok(dump) = std::env::var("MOLDE_DUMP_RECOVERY") {
            // Debugging aid: the block YAML, its stripped form and the recovery, side by side.
            let stem = name.replace('/', "_");
            std::fs::write(format!("{dump}/{stem}.orig.yaml"), &yaml).unwrap();
            std::fs::write(format!("{dump}/{stem}.stripped.yaml"), strip(&yaml)).unwrap();
            std::fs::write(format!("{dump}/{stem}.recovered.yaml"), &recovered.text).unwrap();
        }
        let back = match parse(&recovered.text) {
            Ok(p) => p.root,
            Err(e) => {
                failures.push(format!(
                    "{name}: recovered YAML does not parse: {} at line {}",
                    e.message, e.line
                ));
                continue;
            }
        };
        match first_difference(
            &collapse(&original.to_json()),
            &collapse(&back.to_json()),
            "",
        ) {
            None => matched += 1,
            Some(d) => failures.push(format!("{name}: {d}")),
        }
    }
    eprintln!(
        "{matched} of {} stripped corpus specs recovered exactly",
        files.len()
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    // A ratchet: raise it as recovery improves; a drop is a regression.
    assert!(
        matched >= MIN_MATCHED,
        "only {matched} of {} specs recover exactly (expected at least {MIN_MATCHED})",
        files.len()
    );
}
