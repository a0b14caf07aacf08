//! Block-style YAML from a document tree (two spaces per level).
//!
//! Used to turn JSON specs into YAML and to print documents after overlays. Strings that the
//! YAML core schema would read as something else, or that need escapes, are double-quoted;
//! multi-line strings become literal blocks so their line breaks stay readable.

use crate::read::yaml::resolve_plain;
use crate::tree::{Node, Value};

/// The document as block YAML.
///
/// ```
/// let doc = molde_codegen::read_document("a.json", br#"{"a": {"b": [1, "x y"]}}"#).root.unwrap();
/// assert_eq!(molde_codegen::emit::yaml::to_block_yaml(&doc), "a:\n  b:\n    - 1\n    - x y\n");
/// ```
pub fn to_block_yaml(root: &Node) -> String {
    let mut out = String::new();
    // Iterative, so a deep document cannot overflow the stack: (node, indent, how it is introduced).
    enum Task<'a> {
        Value(&'a Node, usize),
        Text(String),
    }
    let mut tasks = vec![Task::Value(root, 0)];
    // The first value is written at the start of the line, without a separating space.
    let mut line_open = false;
    while let Some(task) = tasks.pop() {
        match task {
            Task::Text(t) => {
                out.push_str(&t);
                line_open = !t.ends_with('\n');
            }
            Task::Value(node, indent) => {
                let pad = " ".repeat(indent);
                match &node.value {
                    Value::Map(entries) if !entries.is_empty() => {
                        if line_open {
                            out.push('\n');
                        }
                        let mut items = Vec::new();
                        for e in entries {
                            items.push(Task::Text(format!("{pad}{}:", key_text(&e.key))));
                            items.push(Task::Value(&e.value, indent + 2));
                        }
                        tasks.extend(items.into_iter().rev());
                        line_open = false;
                    }
                    Value::Seq(items) if !items.is_empty() => {
                        if line_open {
                            out.push('\n');
                        }
                        let mut list = Vec::new();
                        for item in items {
                            list.push(Task::Text(format!("{pad}-")));
                            list.push(Task::Value(item, indent + 2));
                        }
                        tasks.extend(list.into_iter().rev());
                        line_open = false;
                    }
                    _ => {
                        let sep = if line_open { " " } else { "" };
                        out.push_str(sep);
                        out.push_str(&scalar_text(node, &pad));
                        out.push('\n');
                        line_open = false;
                    }
                }
            }
        }
    }
    out
}

fn key_text(key: &str) -> String {
    if is_plain_safe(key) {
        key.to_string()
    } else {
        quote(key)
    }
}

fn scalar_text(node: &Node, pad: &str) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_nan() => ".nan".into(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.into(),
        Value::Float(f) => {
            let s = f.to_string();
            if s.contains(['.', 'e', 'E']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        Value::Str(s) if s.contains('\n') && literal_safe(s) => {
            let chomp = if s.ends_with('\n') { "+" } else { "-" };
            let mut out = format!("|{chomp}");
            let body = s.strip_suffix('\n').unwrap_or(s);
            for line in body.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(pad);
                    out.push_str(line);
                }
            }
            out
        }
        Value::Str(s) if is_plain_safe(s) => s.clone(),
        Value::Str(s) => quote(s),
        Value::Seq(_) => "[]".into(),
        Value::Map(_) => "{}".into(),
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "''".into())
}

/// A literal block keeps the text exactly when no line starts with a space (the indentation
/// would be misread), nothing is a control character, and the first line is not empty.
fn literal_safe(s: &str) -> bool {
    let body = s.strip_suffix('\n').unwrap_or(s);
    !body.is_empty()
        && !body.starts_with('\n')
        && !body.ends_with('\n')
        && body
            .split('\n')
            .all(|l| !l.starts_with([' ', '\t']) && !l.ends_with([' ', '\t']))
        && body.chars().all(|c| c == '\n' || !c.is_control())
}

/// True when `s` can be written unquoted and still reads back as the same string.
fn is_plain_safe(s: &str) -> bool {
    if s.is_empty() || s.trim() != s || resolve_plain(s).is_some() {
        return false;
    }
    // YAML 1.1 parsers read these as booleans.
    if matches!(
        s.to_ascii_lowercase().as_str(),
        "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !(first == '-' && s.len() > 1 && !s.starts_with("- ") && s != "---")
    {
        return false;
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.contains(['\n', '\t', '\r']) {
        return false;
    }
    // Flow indicators are fine in block context but keep it simple and unambiguous.
    !s.chars()
        .any(|c| c.is_control() || matches!(c, '{' | '}' | '[' | ']' | ','))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::yaml::parse;

    #[test]
    fn round_trips_through_the_parser() {
        let cases = [
            r##"{"a": "yes", "b": "123", "c": "- x", "d": "a: b", "e": "", "f": "two\nlines", "g": [], "h": {}, "i": [[1, 2], {"j": null}], "k": 1.0, "l": "#x", "m": "-1"}"##,
            r#"[{"a": 1}, "x", [true]]"#,
            r#"{"desc": "line one\n\nline three\n", "sp": " lead", "tab": "a\tb"}"#,
        ];
        for case in cases {
            let doc = parse(case).unwrap().root;
            let text = to_block_yaml(&doc);
            let back = parse(&text)
                .unwrap_or_else(|e| panic!("{text}\n{e:?}"))
                .root;
            assert_eq!(back.to_json(), doc.to_json(), "{text}");
        }
    }
}
