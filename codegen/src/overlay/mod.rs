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
mod tests;
