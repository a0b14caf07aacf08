//! OpenAPI Overlay 1.0: fixes to a spec kept beside it instead of edits to the user's file.
//!
//! An overlay is `overlay: 1.0.0`, `info`, and `actions`, each with a JSONPath `target` and
//! either `update` (merged into every selected node) or `remove: true` (every selected node is
//! taken out of its parent). Actions apply in order, so a `remove` followed by an `update`
//! replaces a list instead of appending to it.
//!
//! Targets are RFC 9535 JSONPath, parsed and run by the `serde_json_path` crate (see [`apply`]);
//! a target it refuses is an `overlay.invalid` error rather than a silent no-op.
//!
//! ```
//! let spec = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    enum: [x]\n";
//! let fix = b"overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n\
//!     - target: $.definitions.A.enum\n  remove: true\n\
//!     - target: $.definitions.A\n  update: {enum: [y, z]}\n";
//! let loaded = molde_codegen::check_bytes("a.yaml", spec, &[("fix.yaml".into(), fix.to_vec())]);
//! assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
//! let schema = molde_codegen::emit::json_schema::to_json_schema(&loaded.spec.unwrap());
//! assert_eq!(schema["$defs"]["A"]["enum"], serde_json::json!(["y", "z"]));
//! ```

use std::collections::HashMap;

use serde_json_path::{JsonPath, NormalizedPath, PathElement};

use crate::diag::{Diagnostic, Severity};
use crate::tree::{Node, Value};

/// Applies the actions of `overlay` to `doc` in order and returns what went wrong.
///
/// Targets are RFC 9535 JSONPath, run by `serde_json_path`: `$`, `.name`, `['name']` /
/// `["name"]`, `[N]` (negative counts from the end), slices `[1:3]`, `[*]` / `.*`, unions
/// `['a','b']`, `..` (descendants), filters such as `[?@.in == 'header' && !@.required]` or the
/// parenthesised `[?(@.name == 'x')]`, and the standard functions (`length`, `count`, `match`,
/// `search`, `value`). Each selected node counts once, and nodes are changed in document order.
///
/// RFC 9535 is stricter than some overlay tools: a name after `.` is letters, digits and `_`,
/// not starting with a digit, so `.x-foo`, `.200` and `.$ref` must be written `['x-foo']`,
/// `['200']`, `['$ref']`; `!` applies to one test or a parenthesised expression (`!(!@.a)`, not
/// `!!@.a`). Such a target is an error whose hint gives the standard spelling. Brackets and
/// parentheses nest at most 32 deep, brackets at most 5.
///
/// `update` follows the Overlay spec: mappings merge recursively (members present in both are
/// merged when both are mappings, concatenated when both are sequences, replaced otherwise; new
/// members are appended); a selected sequence gets the update appended (the items of a sequence
/// update, as common tools do). Inserted nodes keep their positions in the overlay file.
///
/// Diagnostics carry `overlay_file`: `overlay.invalid` (error) for a malformed overlay or target,
/// `overlay.no-match` (warning) for a target that selects nothing. Never panics.
pub(crate) fn apply(doc: &mut Node, overlay: &Node, overlay_file: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let invalid = |message: String, node: &Node, path: &str| {
        Diagnostic::error("overlay.invalid", message)
            .at(node.pos)
            .path(path)
            .file(overlay_file)
    };

    if overlay.as_map().is_none() {
        diags.push(invalid(
            format!("an overlay is a mapping, found a {}", overlay.kind()),
            overlay,
            "",
        ));
        return diags;
    }
    match overlay.get("overlay") {
        None => diags.push(
            invalid("the overlay has no `overlay` version".into(), overlay, "")
                .hint("start the file with `overlay: 1.0.0`"),
        ),
        Some(version) => match version.scalar_text() {
            Some(v) if v.split('.').next() == Some("1") => {}
            _ => diags.push(
                invalid(
                    format!(
                        "unsupported overlay version `{}`",
                        version.scalar_text().unwrap_or_default()
                    ),
                    version,
                    "overlay",
                )
                .hint("molde applies Overlay 1.x: `overlay: 1.0.0`"),
            ),
        },
    }
    if overlay.get("info").and_then(Node::as_map).is_none() {
        diags.push(
            Diagnostic::warning("overlay.invalid", "the overlay has no `info` mapping")
                .at(overlay.pos)
                .file(overlay_file)
                .hint("add `info: {title: ..., version: ...}` so the fix says what it is"),
        );
    }
    let actions = match overlay.get("actions") {
        Some(actions) => match actions.as_seq() {
            Some(actions) => actions,
            None => {
                diags.push(invalid(
                    format!("`actions` is a sequence, found a {}", actions.kind()),
                    actions,
                    "actions",
                ));
                return diags;
            }
        },
        None => {
            diags.push(
                invalid("the overlay has no `actions`".into(), overlay, "")
                    .hint("list the changes under `actions:`, each with a `target`"),
            );
            return diags;
        }
    };
    // An overlay for another version is not applied: guessing its meaning could damage the spec.
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return diags;
    }

    for (i, action) in actions.iter().enumerate() {
        let at = format!("actions[{i}]");
        match Action::read(action) {
            Ok(parsed) => {
                diags.extend(parsed.warnings.iter().map(|(message, node)| {
                    Diagnostic::warning("overlay.invalid", message.as_str())
                        .at(node.pos)
                        .path(at.as_str())
                        .file(overlay_file)
                }));
                diags.extend(
                    parsed
                        .apply_to(doc)
                        .into_iter()
                        .map(|d| d.path(at.as_str()).file(overlay_file)),
                );
            }
            Err(refusal) => {
                let diag = invalid(refusal.message, refusal.node, &at);
                diags.push(match refusal.hint {
                    Some(hint) => diag.hint(hint),
                    None => diag,
                });
            }
        }
    }
    diags
}

/// One action, checked before it touches the document.
struct Action<'o> {
    node: &'o Node,
    target_text: &'o str,
    target: JsonPath,
    change: Change<'o>,
    /// Questionable but harmless parts of the action (unknown fields, no modifier).
    warnings: Vec<(String, &'o Node)>,
}

/// Why an action is not applied: the message, the overlay node at fault, maybe a hint.
struct Refusal<'o> {
    message: String,
    node: &'o Node,
    hint: Option<String>,
}

impl<'o> Refusal<'o> {
    fn new(message: String, node: &'o Node) -> Self {
        Refusal {
            message,
            node,
            hint: None,
        }
    }
}

enum Change<'o> {
    Update(&'o Node),
    Remove,
    Nothing,
}

impl<'o> Action<'o> {
    fn read(node: &'o Node) -> Result<Self, Refusal<'o>> {
        let Some(entries) = node.as_map() else {
            return Err(Refusal::new(
                format!("an action is a mapping, found a {}", node.kind()),
                node,
            ));
        };
        let mut warnings = Vec::new();
        for entry in entries {
            if !matches!(
                entry.key.as_str(),
                "target" | "description" | "update" | "remove"
            ) && !entry.key.starts_with("x-")
            {
                warnings.push((
                    format!(
                        "unknown action field `{}` is ignored (Overlay 1.0 has target, description, update, remove)",
                        entry.key
                    ),
                    &entry.value,
                ));
            }
        }
        let target_node = node
            .get("target")
            .ok_or_else(|| Refusal::new("the action has no `target`".into(), node))?;
        let target_text = target_node.as_str().ok_or_else(|| {
            Refusal::new(
                format!(
                    "`target` is a JSONPath string, found a {}",
                    target_node.kind()
                ),
                target_node,
            )
        })?;
        let target = parse_target(target_text).map_err(|(message, hint)| Refusal {
            message: format!("invalid JSONPath `{target_text}`: {message}"),
            node: target_node,
            hint: Some(hint),
        })?;
        let remove = match node.get("remove") {
            None => false,
            Some(r) => r.as_bool().ok_or_else(|| {
                Refusal::new(
                    format!("`remove` is true or false, found a {}", r.kind()),
                    r,
                )
            })?,
        };
        // The spec: `update` has no effect when `remove` is true.
        let change = match (remove, node.get("update")) {
            (true, _) => Change::Remove,
            (false, Some(update)) => Change::Update(update),
            (false, None) => {
                warnings.push((
                    "the action has neither `update` nor `remove: true`; it changes nothing".into(),
                    node,
                ));
                Change::Nothing
            }
        };
        Ok(Action {
            node,
            target_text,
            target,
            change,
            warnings,
        })
    }

    /// Applies the action; the diagnostics still need the overlay file and action path.
    fn apply_to(&self, doc: &mut Node) -> Vec<Diagnostic> {
        let selected = select(&self.target, doc);
        if selected.is_empty() {
            return vec![
                Diagnostic::warning(
                    "overlay.no-match",
                    format!("target `{}` selects nothing", self.target_text),
                )
                .at(self.node.pos)
                .hint("check the names against the spec; an earlier action may have removed it"),
            ];
        }
        let mut diags = Vec::new();
        match self.change {
            Change::Nothing => {}
            Change::Update(update) => {
                let mut refused = None;
                for steps in &selected {
                    if let Some(node) = node_at_mut(doc, steps) {
                        if let Err(kind) = update_selected(node, update) {
                            refused.get_or_insert((kind, steps.clone()));
                        }
                    }
                }
                if let Some((found, steps)) = refused {
                    diags.push(
                        Diagnostic::error(
                            "overlay.invalid",
                            format!(
                                "cannot merge a {} into the {found} at {}",
                                update.kind(),
                                display_steps(&steps)
                            ),
                        )
                        .at(update.pos)
                        .hint("`update` merges a mapping into a mapping or appends to a sequence; target the parent mapping to replace a value"),
                    );
                }
            }
            Change::Remove => {
                // Last in document order first (so the deeper before the node holding it): removing
                // one node never shifts the path of one still to remove.
                for steps in selected.iter().rev() {
                    let Some((last, parent)) = steps.split_last() else {
                        diags.push(
                            Diagnostic::error(
                                "overlay.invalid",
                                "cannot remove the whole document",
                            )
                            .at(self.node.pos),
                        );
                        continue;
                    };
                    if let Some(parent) = node_at_mut(doc, parent) {
                        remove_child(parent, last);
                    }
                }
            }
        }
        diags
    }
}

/// Merges `update` into a node the target selected; `Err` names what was found instead.
fn update_selected(node: &mut Node, update: &Node) -> Result<(), &'static str> {
    match (&mut node.value, &update.value) {
        (Value::Map(_), Value::Map(_)) => {
            merge(node, update);
            Ok(())
        }
        (Value::Seq(items), Value::Seq(more)) => {
            items.extend(more.iter().cloned());
            Ok(())
        }
        (Value::Seq(items), _) => {
            items.push(update.clone());
            Ok(())
        }
        _ => Err(node.kind()),
    }
}

/// Recursive merge of mapping members: mappings merge, sequences concatenate, the rest replaces.
fn merge(target: &mut Node, update: &Node) {
    match (&mut target.value, &update.value) {
        (Value::Map(entries), Value::Map(changes)) => {
            for change in changes {
                match entries.iter_mut().find(|e| e.key == change.key) {
                    Some(existing) => merge(&mut existing.value, &change.value),
                    None => entries.push(change.clone()),
                }
            }
        }
        (Value::Seq(items), Value::Seq(more)) => items.extend(more.iter().cloned()),
        _ => *target = update.clone(),
    }
}

fn remove_child(parent: &mut Node, step: &Step) {
    match (&mut parent.value, step) {
        (Value::Map(entries), Step::Key(key)) => entries.retain(|e| &e.key != key),
        (Value::Seq(items), Step::Index(i)) if *i < items.len() => {
            items.remove(*i);
        }
        _ => {}
    }
}

/// One step from a node to a child: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

type Steps = Vec<Step>;

fn node_at_mut<'a>(root: &'a mut Node, steps: &[Step]) -> Option<&'a mut Node> {
    let mut node = root;
    for step in steps {
        node = match (&mut node.value, step) {
            (Value::Map(entries), Step::Key(key)) => {
                &mut entries.iter_mut().find(|e| &e.key == key)?.value
            }
            (Value::Seq(items), Step::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// `$['definitions']['A'][0]`, for messages.
fn display_steps(steps: &[Step]) -> String {
    let mut out = String::from("$");
    for step in steps {
        match step {
            Step::Key(key) => out.push_str(&format!("['{}']", key.replace('\'', "\\'"))),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Targets: RFC 9535 JSONPath, parsed and run by serde_json_path on a JSON copy of the document.

/// Brackets and parentheses nest at most this deep in a target: serde_json_path parses them by
/// recursion, and a few hundred `(` overflow a test thread's stack.
const MAX_NESTING: usize = 32;
/// Brackets nest at most this deep (`$[?@.a[?@.b]]` is 2): serde_json_path takes about twice
/// as long to parse for each filter nested in another, so 32 nested filters would take hours.
const MAX_BRACKET_NESTING: usize = 5;

/// Parses a target; the error is the message for `overlay.invalid` (the crate's, with the
/// character it points at) and a hint.
fn parse_target(text: &str) -> Result<JsonPath, (String, String)> {
    // RFC 9535 has no blanks around a query; a quoted YAML scalar may keep some.
    let target = text.trim();
    let lead = text[..text.len() - text.trim_start().len()].chars().count();
    let (message, at) = match nesting_error(target) {
        Some(error) => error,
        None => match JsonPath::parse(target) {
            Ok(path) => return Ok(path),
            Err(e) => {
                // The crate counts bytes from 0.
                let before = target.get(..e.position()).unwrap_or(target);
                (e.message().to_string(), before.chars().count())
            }
        },
    };
    let hint = match standard_spelling(target) {
        Some(standard) => format!(
            "did you mean `{standard}`? A target starts with `$`, and a name after `.` is \
             letters, digits and `_`, not starting with a digit; write others as `['x-foo']`"
        ),
        None => "targets are RFC 9535 JSONPath, such as \
                 `$.paths['/users/{id}'].get.parameters[?@.in == 'header']`"
            .into(),
    };
    Err((format!("{message} (at character {})", lead + at + 1), hint))
}

/// The 0-based character where `target` opens one bracket or parenthesis too many, with why.
fn nesting_error(target: &str) -> Option<(String, usize)> {
    let mut open = Vec::new();
    let mut brackets = 0;
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in target.chars().enumerate() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' => {
                open.push(c);
                brackets += usize::from(c == '[');
                if open.len() > MAX_NESTING {
                    return Some((
                        format!("brackets and parentheses nest deeper than {MAX_NESTING}"),
                        i,
                    ));
                }
                if brackets > MAX_BRACKET_NESTING {
                    return Some((
                        format!("brackets nest deeper than {MAX_BRACKET_NESTING}"),
                        i,
                    ));
                }
            }
            ')' | ']' => brackets -= usize::from(open.pop() == Some('[')),
            _ => {}
        }
    }
    None
}

/// The standard spelling of a target written the loose way some tools accept, if it parses:
/// `$.` put in front, and names after `.` that RFC 9535 does not allow there (`.x-foo`, `.200`,
/// `./users`, `.$ref`) put in brackets.
fn standard_spelling(target: &str) -> Option<String> {
    let mut out = String::new();
    if !target.starts_with('$') {
        out.push_str(if target.starts_with(['.', '[']) {
            "$"
        } else {
            "$."
        });
    }
    let mut chars = target.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        // A `.` after a number is its decimal point (`@.a == 1.5`).
        let word = out.len()
            - out
                .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
                .len();
        let after_number = word > 0 && out[out.len() - word..].bytes().all(|b| b.is_ascii_digit());
        out.push(c);
        if let Some(q) = quote {
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '.' if !after_number => {
                let descendant = chars.next_if_eq(&'.').is_some();
                let mut name = String::new();
                while let Some(c) =
                    chars.next_if(|&c| !c.is_whitespace() && !".[]'\"()=!<>&|,?*@".contains(c))
                {
                    name.push(c);
                }
                if name.is_empty() || is_shorthand(&name) {
                    out.push_str(if descendant { "." } else { "" });
                    out.push_str(&name);
                } else {
                    if descendant {
                        out.push('.');
                    } else {
                        out.pop();
                    }
                    out.push_str(&format!("['{}']", name.replace('\\', "\\\\")));
                }
            }
            _ => {}
        }
    }
    let parses = nesting_error(&out).is_none() && JsonPath::parse(&out).is_ok();
    (out != target && parses).then_some(out)
}

/// A name RFC 9535 allows after `.`: letters, `_`, digits (not first) and any non-ASCII.
fn is_shorthand(name: &str) -> bool {
    let first = |c: char| c.is_ascii_alphabetic() || c == '_' || !c.is_ascii();
    let mut chars = name.chars();
    chars.next().is_some_and(first) && chars.all(|c| first(c) || c.is_ascii_digit())
}

/// The nodes `target` selects in `doc`, as paths from the root, in document order, each once.
///
/// serde_json_path runs on a JSON copy of the document, and each normalized path it reports is
/// followed back into the tree: a name to the first member with that key (as [`Node::get`]), an
/// index to that item. The copy's object key order (sorted, unless some crate turns on
/// serde_json's `preserve_order`) does not matter: the paths are sorted by where they are in the
/// document, and repeats (`$['a','a']`, overlapping `..`) are dropped, so no node is updated
/// twice and a removal never takes out the wrong item.
fn select(target: &JsonPath, doc: &Node) -> Vec<Steps> {
    let json = query_json(doc);
    let mut places = Places::default();
    let mut found: Vec<(Vec<usize>, Steps)> = target
        .query_located(&json)
        .iter()
        .filter_map(|located| places.locate(doc, located.location()))
        .collect();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    found.dedup_by(|a, b| a.0 == b.0);
    found.into_iter().map(|(_, steps)| steps).collect()
}

/// The document as JSON for the query. Like [`Node::to_json`], except that a key given twice
/// keeps its first value, the one [`Node::get`] and [`Places::locate`] find.
fn query_json(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Map(entries) => {
            let mut object = serde_json::Map::new();
            for entry in entries {
                if !object.contains_key(&entry.key) {
                    object.insert(entry.key.clone(), query_json(&entry.value));
                }
            }
            serde_json::Value::Object(object)
        }
        Value::Seq(items) => serde_json::Value::Array(items.iter().map(query_json).collect()),
        _ => node.to_json(),
    }
}

/// Where members are in the mappings the selected paths go through: `$..*` on a spec with
/// thousands of paths would otherwise search the `paths` mapping once per selected node.
#[derive(Default)]
struct Places<'d> {
    /// For each mapping searched (by address) with more than a few members, each key's first place.
    by_key: HashMap<*const Node, HashMap<&'d str, usize>>,
}

impl<'d> Places<'d> {
    /// A normalized path followed through the tree: each step's place among its siblings (so
    /// that paths sort in document order) and the steps.
    fn locate(&mut self, doc: &'d Node, path: &NormalizedPath) -> Option<(Vec<usize>, Steps)> {
        let mut node = doc;
        let mut places = Vec::with_capacity(path.len());
        let mut steps = Vec::with_capacity(path.len());
        for element in path.iter() {
            match (element, &node.value) {
                (PathElement::Name(name), Value::Map(entries)) => {
                    let place = if entries.len() <= 8 {
                        entries.iter().position(|e| e.key == *name)?
                    } else {
                        let by_key = self.by_key.entry(node).or_insert_with(|| {
                            let mut by_key = HashMap::with_capacity(entries.len());
                            for (place, e) in entries.iter().enumerate() {
                                by_key.entry(e.key.as_str()).or_insert(place);
                            }
                            by_key
                        });
                        *by_key.get(name)?
                    };
                    node = &entries[place].value;
                    places.push(place);
                    steps.push(Step::Key(name.to_string()));
                }
                (PathElement::Index(i), Value::Seq(items)) => {
                    node = items.get(*i)?;
                    places.push(*i);
                    steps.push(Step::Index(*i));
                }
                _ => return None,
            }
        }
        Some((places, steps))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::yaml::parse;
    use crate::tree::Pos;

    const DOC: &str = r#"
paths:
  /users/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true}
        - {name: X-Trace, in: header}
        - {name: limit, in: query, maximum: 10}
definitions:
  A:
    type: string
    enum: [x, y]
  My Type:
    description: spaced
"#;

    fn doc() -> Node {
        parse(DOC).unwrap().root
    }

    #[test]
    fn targets_select_these_nodes() {
        let params = "$['paths']['/users/{id}']['get']['parameters']";
        let cases: &[(&str, &[&str])] = &[
            ("$", &["$"]),
            ("$.definitions.A", &["$['definitions']['A']"]),
            (
                "$['definitions'][\"My Type\"]",
                &["$['definitions']['My Type']"],
            ),
            (
                "$.paths['/users/{id}'].get.parameters[1].name",
                &[&format!("{params}[1]['name']")],
            ),
            (
                "$.paths['/users/{id}'].get.parameters[-1]",
                &[&format!("{params}[2]")],
            ),
            ("$.paths['/users/{id}'].get.parameters[5]", &[]),
            (
                "$.definitions.*",
                &["$['definitions']['A']", "$['definitions']['My Type']"],
            ),
            ("$.definitions[*].type", &["$['definitions']['A']['type']"]),
            (
                "$.definitions['A','My Type', 'A']",
                &["$['definitions']['A']", "$['definitions']['My Type']"],
            ),
            ("$..enum[0]", &["$['definitions']['A']['enum'][0]"]),
            (
                "$..description",
                &["$['definitions']['My Type']['description']"],
            ),
            (
                "$..parameters[?(@.in == 'header')]",
                &[&format!("{params}[1]")],
            ),
            (
                "$..parameters[?@.in != 'header' && @.required]",
                &[&format!("{params}[0]")],
            ),
            (
                "$..parameters[?@.maximum >= 10 || @.name == \"id\"]",
                &[&format!("{params}[0]"), &format!("{params}[2]")],
            ),
            (
                "$..parameters[?!@.required]",
                &[&format!("{params}[1]"), &format!("{params}[2]")],
            ),
            (
                "$..parameters[?(@['in'] == 'query' && (@.maximum < 5 || @.maximum > 9))]",
                &[&format!("{params}[2]")],
            ),
            (
                "$.definitions[?@.type == 'string'].enum",
                &["$['definitions']['A']['enum']"],
            ),
            ("$.nothing.here", &[]),
            ("$.definitions.A.type.deeper", &[]),
        ];
        let doc = doc();
        for (target, expected) in cases {
            let path = parse_target(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
            let got: Vec<String> = select(&path, &doc)
                .iter()
                .map(|steps| display_steps(steps))
                .collect();
            assert_eq!(got, *expected, "{target}");
        }
    }

    #[test]
    fn bad_targets_are_refused() {
        // (target, character, message start, suggested spelling)
        let cases = [
            ("definitions.A", 1, "parser error", Some("$.definitions.A")),
            ("$.", 3, "in dot member name", None),
            (
                "$['a'",
                6,
                "in long-hand segment, expected closing ']'",
                None,
            ),
            (
                "$['a]",
                6,
                "in long-hand segment, expected an ending quote",
                None,
            ),
            ("$[?(@.a == 'x']", 4, "in long-hand segment", None),
            ("$[?@.a == x]", 8, "in long-hand segment", None),
            ("$[?'x']", 4, "in long-hand segment", None),
            ("$ x", 2, "parser error", None),
            ("$[?!!@.a]", 5, "in long-hand segment", None),
            (
                "$.paths./users.get.responses.200",
                9,
                "in dot member name",
                Some("$.paths['/users'].get.responses['200']"),
            ),
            ("  $.a.x-foo", 8, "parser error", Some("$.a['x-foo']")),
            ("$..$ref", 4, "must start with", Some("$..['$ref']")),
        ];
        for (target, at, message, standard) in cases {
            let (got, hint) = parse_target(target).unwrap_err();
            assert!(got.starts_with(message), "{target}: {got}");
            assert!(
                got.ends_with(&format!("(at character {at})")),
                "{target}: {got}"
            );
            match standard {
                Some(s) => assert!(hint.starts_with(&format!("did you mean `{s}`?")), "{hint}"),
                None => assert!(hint.starts_with("targets are RFC 9535 JSONPath"), "{hint}"),
            }
        }
        let deep = format!("$[?{}@.a{}]", "(".repeat(100), ")".repeat(100));
        let (message, _) = parse_target(&deep).unwrap_err();
        assert_eq!(
            message,
            "brackets and parentheses nest deeper than 32 (at character 35)"
        );
        let nested = format!("$[?{}@.a{}]", "@[?".repeat(40), "]".repeat(40));
        let (message, _) = parse_target(&nested).unwrap_err();
        assert_eq!(message, "brackets nest deeper than 5 (at character 17)");
        // Brackets inside names are text, not nesting.
        let names = format!("$['{}']", "[(".repeat(100));
        assert!(parse_target(&names).is_ok());
    }

    fn overlay(actions: &str) -> Node {
        let text = format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
        parse(&text).unwrap().root
    }

    #[test]
    fn actions_change_the_document() {
        // (actions, JSON pointer in the result, expected JSON there)
        let cases: &[(&str, &str, serde_json::Value)] = &[
            (
                "- target: $.definitions.A\n  update: {description: new, enum: [z]}\n",
                "/definitions/A",
                serde_json::json!({"type": "string", "enum": ["x", "y", "z"], "description": "new"}),
            ),
            (
                "- target: $.definitions.A.enum\n  remove: true\n- target: $.definitions.A\n  update: {enum: [z]}\n",
                "/definitions/A/enum",
                serde_json::json!(["z"]),
            ),
            (
                "- target: $.definitions.A.enum\n  update: w\n- target: $.definitions.A.enum\n  update: [v, u]\n",
                "/definitions/A/enum",
                serde_json::json!(["x", "y", "w", "v", "u"]),
            ),
            (
                "- target: $.definitions\n  update:\n    B: {type: integer}\n    A: {type: number}\n",
                "/definitions",
                serde_json::json!({"A": {"type": "number", "enum": ["x", "y"]}, "My Type": {"description": "spaced"}, "B": {"type": "integer"}}),
            ),
            (
                "- target: $..parameters[?@.in == 'header']\n  remove: true\n",
                "/paths/~1users~1{id}/get/parameters",
                serde_json::json!([{"name": "id", "in": "path", "required": true}, {"name": "limit", "in": "query", "maximum": 10}]),
            ),
            (
                "- target: $..parameters[*]\n  remove: true\n",
                "/paths/~1users~1{id}/get/parameters",
                serde_json::json!([]),
            ),
            (
                "- target: $..*[?@.in]\n  update: {x-seen: true}\n",
                "/paths/~1users~1{id}/get/parameters/1",
                serde_json::json!({"name": "X-Trace", "in": "header", "x-seen": true}),
            ),
            (
                "- target: $.definitions['My Type']\n  remove: true\n  update: {ignored: true}\n",
                "/definitions",
                serde_json::json!({"A": {"type": "string", "enum": ["x", "y"]}}),
            ),
            (
                "- target: $\n  update: {swagger: '2.0'}\n",
                "/swagger",
                serde_json::json!("2.0"),
            ),
        ];
        for (actions, pointer, expected) in cases {
            let mut doc = doc();
            let diags = apply(&mut doc, &overlay(actions), "o.yaml");
            assert_eq!(diags, [], "{actions}");
            let json = doc.to_json();
            assert_eq!(json.pointer(pointer), Some(expected), "{actions}");
        }
    }

    #[test]
    fn problems_are_diagnosed() {
        // (severity, code, line, message start)
        type Expected = (&'static str, &'static str, u32, &'static str);
        let cases: &[(&str, &[Expected])] = &[
            (
                "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n",
                &[(
                    "error",
                    "overlay.invalid",
                    1,
                    "the overlay has no `actions`",
                )],
            ),
            (
                "[1]",
                &[("error", "overlay.invalid", 1, "an overlay is a mapping")],
            ),
            (
                "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: []\n",
                &[(
                    "error",
                    "overlay.invalid",
                    1,
                    "unsupported overlay version `2.0.0`",
                )],
            ),
            (
                "overlay: 1.0.0\nactions: []\n",
                &[("warning", "overlay.invalid", 1, "the overlay has no `info`")],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions: {}\n",
                &[("error", "overlay.invalid", 3, "`actions` is a sequence")],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.nope\n  remove: true\n- target: $.definitions.A\n  update: {a: 1}\n",
                &[(
                    "warning",
                    "overlay.no-match",
                    4,
                    "target `$.nope` selects nothing",
                )],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions:\n- target: definitions\n  remove: true\n",
                &[(
                    "error",
                    "overlay.invalid",
                    4,
                    "invalid JSONPath `definitions`: parser error (at character 1)",
                )],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions:\n- remove: true\n- x\n- target: 3\n- target: $\n  remove: yes\n",
                &[
                    ("error", "overlay.invalid", 4, "the action has no `target`"),
                    ("error", "overlay.invalid", 5, "an action is a mapping"),
                    (
                        "error",
                        "overlay.invalid",
                        6,
                        "`target` is a JSONPath string",
                    ),
                    ("error", "overlay.invalid", 8, "`remove` is true or false"),
                ],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $\n  remove: true\n",
                &[(
                    "error",
                    "overlay.invalid",
                    4,
                    "cannot remove the whole document",
                )],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.definitions.A.type\n  update: {a: 1}\n- target: $.definitions\n  update: [1]\n",
                &[
                    (
                        "error",
                        "overlay.invalid",
                        5,
                        "cannot merge a mapping into the string at $['definitions']['A']['type']",
                    ),
                    (
                        "error",
                        "overlay.invalid",
                        7,
                        "cannot merge a sequence into the mapping at $['definitions']",
                    ),
                ],
            ),
            (
                "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.definitions\n  updates: {}\n",
                &[
                    (
                        "warning",
                        "overlay.invalid",
                        5,
                        "unknown action field `updates`",
                    ),
                    (
                        "warning",
                        "overlay.invalid",
                        4,
                        "the action has neither `update` nor `remove: true`",
                    ),
                ],
            ),
        ];
        for (text, expected) in cases {
            let mut doc = doc();
            let before = doc.clone();
            let diags = apply(&mut doc, &parse(text).unwrap().root, "o.yaml");
            let got: Vec<_> = diags
                .iter()
                .map(|d| (d.severity.as_str(), d.code, d.line, d.message.as_str()))
                .collect();
            assert_eq!(got.len(), expected.len(), "{text}\n{diags:#?}");
            for (g, e) in got.iter().zip(expected.iter()) {
                assert!(
                    g.0 == e.0 && g.1 == e.1 && g.2 == e.2 && g.3.starts_with(e.3),
                    "{text}\n got {g:?}\nwant {e:?}"
                );
            }
            assert!(diags.iter().all(|d| d.file == "o.yaml"));
            if diags
                .iter()
                .any(|d| d.code == "overlay.invalid" && d.path.is_empty())
            {
                assert_eq!(doc, before, "a malformed overlay leaves the document alone");
            }
        }
    }

    #[test]
    fn standard_features_the_old_engine_refused_select() {
        let params = "$['paths']['/users/{id}']['get']['parameters']";
        let cases: &[(&str, &[&str])] = &[
            // Descendants then a filter, with no name in between.
            ("$..[?@.in == 'header']", &[&format!("{params}[1]")]),
            (
                "$.paths.*.get.parameters[0:2]",
                &[&format!("{params}[0]"), &format!("{params}[1]")],
            ),
            (
                "$..parameters[::-2]",
                &[&format!("{params}[0]"), &format!("{params}[2]")],
            ),
            (
                "$..parameters[?length(@.name) == 2]",
                &[&format!("{params}[0]")],
            ),
            (
                "$..parameters[?match(@.name, 'X-.*')]",
                &[&format!("{params}[1]")],
            ),
            (
                "$.definitions[?@..description]",
                &["$['definitions']['My Type']"],
            ),
            (
                "$..parameters[?@.in == $.definitions.A.enum[0] || @.in == 'path']",
                &[&format!("{params}[0]")],
            ),
            // A union that names one node twice, and out of document order.
            (
                "$..parameters[2, 0, 0, -1]",
                &[&format!("{params}[0]"), &format!("{params}[2]")],
            ),
            (
                "$.paths..[?@ == 'path' || @.in == 'path']",
                &[&format!("{params}[0]"), &format!("{params}[0]['in']")],
            ),
            ("  $.definitions.A  ", &["$['definitions']['A']"]),
        ];
        let doc = doc();
        for (target, expected) in cases {
            let path = parse_target(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
            let got: Vec<String> = select(&path, &doc)
                .iter()
                .map(|s| display_steps(s))
                .collect();
            assert_eq!(got, *expected, "{target}");
        }
    }

    #[test]
    fn selection_follows_the_document_not_the_json_copy() {
        // serde_json sorts object keys; the selection keeps the document's order.
        let doc = parse("definitions:\n  Z: {type: string}\n  A: {type: string}\n  M: 1\n")
            .unwrap()
            .root;
        let path = parse_target("$.definitions[?@.type == 'string']").unwrap();
        let got: Vec<String> = select(&path, &doc)
            .iter()
            .map(|s| display_steps(s))
            .collect();
        assert_eq!(got, ["$['definitions']['Z']", "$['definitions']['A']"]);

        // A key given twice (the YAML reader keeps the first; a tree built otherwise may hold
        // both): the first value is the one queried and changed, as `Node::get` sees it.
        let mut doc = parse("definitions:\n  A: {type: string}\n  B: {type: integer}\n")
            .unwrap()
            .root;
        if let Some(Value::Map(entries)) = doc.get_mut("definitions").map(|d| &mut d.value) {
            entries[1].key = "A".into();
        }
        let integer = parse_target("$.definitions[?@.type == 'integer']").unwrap();
        assert!(select(&integer, &doc).is_empty());
        let fix = overlay("- target: $.definitions[?@.type == 'string']\n  update: {format: x}\n");
        assert_eq!(apply(&mut doc, &fix, "o.yaml"), []);
        let entries = doc.get("definitions").unwrap().as_map().unwrap();
        assert_eq!(entries[0].value.get("format").unwrap().as_str(), Some("x"));
        assert!(entries[1].value.get("format").is_none());

        // Non-finite numbers are null in the JSON copy (as `Node::to_json` makes them).
        let doc = parse("a: {maximum: .inf}\nb: {maximum: 1}\n").unwrap().root;
        let null = parse_target("$[?@.maximum == null]").unwrap();
        let got: Vec<String> = select(&null, &doc)
            .iter()
            .map(|s| display_steps(s))
            .collect();
        assert_eq!(got, ["$['a']"]);
    }

    #[test]
    fn one_target_removes_several_items_of_a_list() {
        let params = "/paths/~1users~1{id}/get/parameters";
        let cases: &[(&str, serde_json::Value)] = &[
            // The first and the last of three: removing the first must not shift the last.
            (
                "$..parameters[?@.name != 'X-Trace']",
                serde_json::json!([{"name": "X-Trace", "in": "header"}]),
            ),
            (
                "$..parameters[2, 0, 0]",
                serde_json::json!([{"name": "X-Trace", "in": "header"}]),
            ),
            (
                "$..[?@.in == 'header' || @.in == 'query']",
                serde_json::json!([{"name": "id", "in": "path", "required": true}]),
            ),
            // Members of two items, selected in reverse order.
            (
                "$..parameters[?@.in == 'query', 0]['in', 'required']",
                serde_json::json!([{"name": "id"}, {"name": "X-Trace", "in": "header"}, {"name": "limit", "maximum": 10}]),
            ),
            // An item and a member inside it: the member goes first, then the item.
            (
                "$.paths..[?@ == 'path' || @.in == 'path']",
                serde_json::json!([{"name": "X-Trace", "in": "header"}, {"name": "limit", "in": "query", "maximum": 10}]),
            ),
        ];
        for (target, expected) in cases {
            let mut doc = doc();
            let fix = overlay(&format!("- target: \"{target}\"\n  remove: true\n"));
            assert_eq!(apply(&mut doc, &fix, "o.yaml"), [], "{target}");
            assert_eq!(doc.to_json().pointer(params), Some(expected), "{target}");
        }
        // Each selected list gets the update once, however often the target names it.
        let mut doc = parse("a: [1]\nb: {c: [2], d: [3, 4]}\n").unwrap().root;
        let fix = overlay(
            "- target: $..[?length(@) == 1]\n  update: 9\n- target: $['a', 'a']\n  update: 8\n",
        );
        assert_eq!(apply(&mut doc, &fix, "o.yaml"), []);
        assert_eq!(
            doc.to_json(),
            serde_json::json!({"a": [1, 9, 8], "b": {"c": [2, 9], "d": [3, 4]}})
        );
    }

    #[test]
    fn a_refused_target_is_an_error_at_its_line() {
        let text = "overlay: 1.0.0\ninfo: {}\nactions:\n- target: $.definitions\n  update: {B: {}}\n\
                    - target: $.paths./users.get\n  remove: true\n- target: '$[?(@.a == 1]'\n  remove: true\n";
        let mut doc = doc();
        let before = doc.clone();
        let diags = apply(&mut doc, &parse(text).unwrap().root, "o.yaml");
        let got: Vec<_> = diags
            .iter()
            .map(|d| {
                (
                    d.code,
                    d.line,
                    d.column,
                    d.path.as_str(),
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "overlay.invalid",
                    6,
                    11,
                    "actions[1]",
                    "invalid JSONPath `$.paths./users.get`: in dot member name, must start with lowercase alpha or '_' (at character 9)"
                ),
                (
                    "overlay.invalid",
                    8,
                    11,
                    "actions[2]",
                    "invalid JSONPath `$[?(@.a == 1]`: in long-hand segment, parser error (at character 4)"
                ),
            ]
        );
        assert!(
            diags
                .iter()
                .all(|d| d.severity == Severity::Error && d.file == "o.yaml")
        );
        assert_eq!(
            diags[0].hint.as_deref().unwrap().split_once('?').unwrap().0,
            "did you mean `$.paths['/users'].get`"
        );
        assert!(
            diags[1]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("targets are RFC 9535 JSONPath")
        );
        // The good action still applies; the refused ones change nothing.
        assert!(doc.get("definitions").unwrap().get("B").is_some());
        assert_eq!(doc.get("paths"), before.get("paths"));
    }

    #[test]
    fn inserted_nodes_keep_their_overlay_positions() {
        let mut doc = doc();
        let fix = overlay("- target: $.definitions\n  update:\n    B:\n      type: integer\n");
        assert_eq!(apply(&mut doc, &fix, "o.yaml"), []);
        let b = doc.get("definitions").unwrap().entry("B").unwrap();
        assert_eq!(b.key_pos, Pos::new(6, 5));
        assert_eq!(b.value.get("type").unwrap().pos, Pos::new(7, 13));
    }

    /// The seed's `CatalogoNacionalidad` as its lines give it: the description (nationality table,
    /// then the states table) and the misplaced state codes as `enum`.
    struct SeedCatalogue {
        description: Vec<String>,
        enum_codes: Vec<String>,
    }

    fn seed_catalogue(seed: &str) -> SeedCatalogue {
        let lines: Vec<&str> = seed.lines().collect();
        let start = lines
            .iter()
            .position(|l| *l == "CatalogoNacionalidad:")
            .expect("the seed defines CatalogoNacionalidad");
        let first = lines[start + 2]
            .strip_prefix("description: '")
            .expect("the description follows the type");
        let mut description = vec![first.to_string()];
        let mut i = start + 3;
        while lines[i] != "'" {
            description.push(lines[i].to_string());
            i += 1;
        }
        assert_eq!(
            lines[i + 1..i + 4],
            ["minLength: 2", "maxLength: 4", "example: 'JAL'"]
        );
        let enum_codes = lines[i + 5..]
            .iter()
            .map_while(|l| l.strip_prefix("- '")?.strip_suffix('\''))
            .map(str::to_string)
            .collect();
        SeedCatalogue {
            description,
            enum_codes,
        }
    }

    fn codes(rows: &[String]) -> Vec<String> {
        rows.iter()
            .filter_map(|row| row.split_once(" | ").map(|(code, _)| code.to_string()))
            .collect()
    }

    fn strings(node: &Node) -> Vec<String> {
        node.as_seq()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    }

    /// The vantage overlay against the seed it fixes: every code and name comes from the seed.
    #[test]
    fn vantage_overlay_fixes_the_catalogues() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/");
        let seed = std::fs::read_to_string(format!("{root}vantage.swagger.yaml")).unwrap();
        let fix = std::fs::read_to_string(format!("{root}vantage.overlay.yaml")).unwrap();
        let seed = seed_catalogue(&seed);
        let split = seed
            .description
            .iter()
            .position(|l| l == "Clave | Estado |")
            .unwrap();
        let (nationalities, states) = seed.description.split_at(split);

        // The shape the Swagger reader gives this part of the seed once indentation is recovered.
        let lines = |rows: &[String]| rows.iter().map(|r| format!("{r}\n")).collect::<String>();
        let mut doc = parse(&format!(
            "definitions:\n  CatalogoNacionalidad:\n    type: string\n    description: {}\n    \
             minLength: 2\n    maxLength: 4\n    example: JAL\n    enum: {}\n",
            serde_json::Value::from(lines(&seed.description)),
            serde_json::Value::from(seed.enum_codes.clone()),
        ))
        .unwrap()
        .root;

        let diags = apply(&mut doc, &parse(&fix).unwrap().root, "vantage.overlay.yaml");
        assert_eq!(diags, []);
        let definitions = doc.get("definitions").unwrap();

        let estados = definitions.get("CatalogoEstados").unwrap();
        let state_codes = codes(&states[1..]);
        assert_eq!(state_codes.len(), 33);
        assert_eq!(
            (state_codes[0].as_str(), state_codes[32].as_str()),
            ("AGS", "ZAC")
        );
        let mut sorted = state_codes.clone();
        sorted.sort();
        let mut misplaced = seed.enum_codes.clone();
        misplaced.sort();
        assert_eq!(
            sorted, misplaced,
            "the misplaced enum holds the state codes"
        );
        assert_eq!(strings(estados.get("enum").unwrap()), state_codes);
        assert_eq!(
            estados.get("description").unwrap().as_str(),
            Some(lines(states).as_str())
        );
        assert_eq!(estados.get("type").unwrap().as_str(), Some("string"));
        assert_eq!(estados.get("minLength").unwrap().as_i64(), Some(2));
        assert_eq!(estados.get("maxLength").unwrap().as_i64(), Some(4));

        let nacionalidad = definitions.get("CatalogoNacionalidad").unwrap();
        let nationality_codes = codes(&nationalities[3..]);
        assert_eq!(nationality_codes.len(), 207);
        assert_eq!(
            nationalities[1..3],
            ["Clave | Nacionalidad | País |", "---|"]
        );
        assert_eq!(
            strings(nacionalidad.get("enum").unwrap()),
            nationality_codes
        );
        assert_eq!(
            nacionalidad.get("description").unwrap().as_str(),
            Some(lines(nationalities).as_str())
        );
        let keys: Vec<_> = nacionalidad
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(
            keys,
            ["type", "description", "minLength", "maxLength", "enum"]
        );
    }
}
