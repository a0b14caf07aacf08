//! OpenAPI Overlay 1.0: fixes to a spec kept beside it instead of edits to the user's file.
//!
//! An overlay is `overlay: 1.0.0`, `info`, and `actions`, each with a JSONPath `target` and
//! either `update` (merged into every selected node) or `remove: true` (every selected node is
//! taken out of its parent). Actions apply in order, so a `remove` followed by an `update`
//! replaces a list instead of appending to it.
//!
//! Targets use the JSONPath subset people write in overlays (see [`apply`]); anything else is an
//! `overlay.invalid` error rather than a silent no-op.
//!
//! ```ignore
//! use molde_codegen::{overlay, read::yaml};
//! let mut doc = yaml::parse("definitions:\n  A:\n    enum: [x]\n").unwrap().root;
//! let fix = yaml::parse(
//!     "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n\
//!      - target: $.definitions.A.enum\n  remove: true\n\
//!      - target: $.definitions.A\n  update: {enum: [y, z]}\n",
//! )
//! .unwrap()
//! .root;
//! assert!(overlay::apply(&mut doc, &fix, "fix.yaml").is_empty());
//! assert_eq!(doc.get("definitions").unwrap().get("A").unwrap().to_json()["enum"][1], "z");
//! ```

use std::collections::HashSet;

use crate::diag::{Diagnostic, Severity};
use crate::tree::{Node, Value};

/// Applies the actions of `overlay` to `doc` in order and returns what went wrong.
///
/// Targets may use `$`, `.name`, `['name']` / `["name"]` (for names with `/`, `{` or spaces),
/// `[N]` (negative counts from the end), `[*]` / `.*`, unions `['a','b']`, `..name` / `..*` /
/// `..[…]` (recursive descent), and filters such as `[?(@.name == 'x')]` or
/// `[?@.in == 'header' && !@.required]` (singular `@` paths, literals, `== != < <= > >=`,
/// `&& || !`, parentheses, existence tests).
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
            Err((message, node)) => diags.push(invalid(message, node, &at)),
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

enum Change<'o> {
    Update(&'o Node),
    Remove,
    Nothing,
}

impl<'o> Action<'o> {
    fn read(node: &'o Node) -> Result<Self, (String, &'o Node)> {
        let Some(entries) = node.as_map() else {
            return Err((
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
            .ok_or_else(|| ("the action has no `target`".to_string(), node))?;
        let target_text = target_node.as_str().ok_or_else(|| {
            (
                format!(
                    "`target` is a JSONPath string, found a {}",
                    target_node.kind()
                ),
                target_node,
            )
        })?;
        let target = JsonPath::parse(target_text).map_err(|e| {
            (
                format!(
                    "invalid JSONPath `{target_text}`: {} (at character {})",
                    e.message,
                    e.offset + 1
                ),
                target_node,
            )
        })?;
        let remove = match node.get("remove") {
            None => false,
            Some(r) => r.as_bool().ok_or_else(|| {
                (
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
        let selected: Vec<Steps> = self
            .target
            .select(doc)
            .into_iter()
            .map(|(steps, _)| steps)
            .collect();
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
                let mut selected = selected;
                // Deepest and last first, so removing one node never shifts another's path.
                selected.sort_unstable_by(|a, b| b.cmp(a));
                for steps in &selected {
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
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
// JSONPath (RFC 9535), the subset overlays use.

/// A parsed target: segments applied one after the other from the root.
#[derive(Debug, PartialEq)]
struct JsonPath {
    segments: Vec<Segment>,
}

#[derive(Debug, PartialEq)]
enum Segment {
    /// `.name`, `[...]`: children of each current node.
    Child(Vec<Selector>),
    /// `..name`, `..[...]`: the node and all its descendants, then the selectors.
    Descendant(Vec<Selector>),
}

#[derive(Debug, PartialEq)]
enum Selector {
    Name(String),
    Index(i64),
    Wildcard,
    Filter(Filter),
}

#[derive(Debug, PartialEq)]
enum Filter {
    Or(Vec<Filter>),
    And(Vec<Filter>),
    Not(Box<Filter>),
    Exists(Vec<Step>),
    Compare(Operand, CompareOp, Operand),
}

#[derive(Debug, PartialEq)]
enum Operand {
    /// A singular path from `@`.
    Current(Vec<Step>),
    /// A literal, held as a node so comparisons see one kind of value.
    Literal(Node),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, PartialEq)]
struct PathError {
    /// 0-based character offset in the expression.
    offset: usize,
    message: String,
}

/// Filters nest no deeper than this, so a hostile target cannot exhaust the stack.
const MAX_FILTER_DEPTH: usize = 32;

struct PathParser {
    chars: Vec<char>,
    i: usize,
    depth: usize,
}

impl JsonPath {
    fn parse(text: &str) -> Result<JsonPath, PathError> {
        let mut p = PathParser {
            chars: text.trim().chars().collect(),
            i: 0,
            depth: 0,
        };
        if !p.eat('$') {
            return Err(p.error("a target starts with `$`"));
        }
        let mut segments = Vec::new();
        while p.i < p.chars.len() {
            segments.push(p.segment()?);
        }
        Ok(JsonPath { segments })
    }

    /// The selected nodes with their paths, in document order, without duplicates.
    fn select<'d>(&self, root: &'d Node) -> Vec<(Steps, &'d Node)> {
        let mut current = vec![(Vec::new(), root)];
        for segment in &self.segments {
            let mut next = Vec::new();
            for (steps, node) in &current {
                match segment {
                    Segment::Child(selectors) => {
                        for selector in selectors {
                            select_children(selector, steps, node, &mut next);
                        }
                    }
                    Segment::Descendant(selectors) => {
                        for (d_steps, d) in descendants(steps, node) {
                            for selector in selectors {
                                select_children(selector, &d_steps, d, &mut next);
                            }
                        }
                    }
                }
            }
            let mut seen = HashSet::new();
            next.retain(|(steps, _)| seen.insert(steps.clone()));
            current = next;
        }
        current
    }
}

/// The node and every node under it, in document order (pre-order), without recursion.
fn descendants<'d>(steps: &Steps, node: &'d Node) -> Vec<(Steps, &'d Node)> {
    let mut out = Vec::new();
    let mut pending = vec![(steps.clone(), node)];
    while let Some((steps, node)) = pending.pop() {
        let children = children(&steps, node);
        out.push((steps, node));
        pending.extend(children.into_iter().rev());
    }
    out
}

fn children<'d>(steps: &Steps, node: &'d Node) -> Vec<(Steps, &'d Node)> {
    let with = |step: Step| {
        let mut s = steps.clone();
        s.push(step);
        s
    };
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .map(|e| (with(Step::Key(e.key.clone())), &e.value))
            .collect(),
        Value::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (with(Step::Index(i)), item))
            .collect(),
        _ => Vec::new(),
    }
}

fn select_children<'d>(
    selector: &Selector,
    steps: &Steps,
    node: &'d Node,
    out: &mut Vec<(Steps, &'d Node)>,
) {
    let mut push = |step: Step, child: &'d Node| {
        let mut s = steps.clone();
        s.push(step);
        out.push((s, child));
    };
    match (selector, &node.value) {
        (Selector::Name(name), Value::Map(entries)) => {
            if let Some(e) = entries.iter().find(|e| &e.key == name) {
                push(Step::Key(e.key.clone()), &e.value);
            }
        }
        (Selector::Index(i), Value::Seq(items)) => {
            let len = items.len() as i64;
            let i = if *i < 0 { len + i } else { *i };
            if (0..len).contains(&i) {
                push(Step::Index(i as usize), &items[i as usize]);
            }
        }
        (Selector::Wildcard, _) => out.extend(children(steps, node)),
        (Selector::Filter(filter), _) => out.extend(
            children(steps, node)
                .into_iter()
                .filter(|(_, child)| filter.test(child)),
        ),
        _ => {}
    }
}

impl Filter {
    fn test(&self, current: &Node) -> bool {
        match self {
            Filter::Or(all) => all.iter().any(|f| f.test(current)),
            Filter::And(all) => all.iter().all(|f| f.test(current)),
            Filter::Not(f) => !f.test(current),
            Filter::Exists(steps) => node_at(current, steps).is_some(),
            Filter::Compare(a, op, b) => {
                let a = a.eval(current);
                let b = b.eval(current);
                match op {
                    CompareOp::Eq => equal(a, b),
                    CompareOp::Ne => !equal(a, b),
                    CompareOp::Lt => less(a, b),
                    CompareOp::Le => less(a, b) || equal(a, b),
                    CompareOp::Gt => less(b, a),
                    CompareOp::Ge => less(b, a) || equal(a, b),
                }
            }
        }
    }
}

impl Operand {
    fn eval<'a>(&'a self, current: &'a Node) -> Option<&'a Node> {
        match self {
            Operand::Current(steps) => node_at(current, steps),
            Operand::Literal(node) => Some(node),
        }
    }
}

fn node_at<'a>(node: &'a Node, steps: &[Step]) -> Option<&'a Node> {
    steps
        .iter()
        .try_fold(node, |node, step| match (&node.value, step) {
            (Value::Map(_), Step::Key(key)) => node.get(key),
            (Value::Seq(items), Step::Index(i)) => items.get(*i),
            _ => None,
        })
}

/// RFC 9535 comparison: a missing value equals only another missing value.
fn equal(a: Option<&Node>, b: Option<&Node>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (&a.value, &b.value) {
                (Value::Seq(_) | Value::Map(_), _) | (_, Value::Seq(_) | Value::Map(_)) => {
                    a.to_json() == b.to_json()
                }
                (x, y) => x == y,
            },
        },
        _ => false,
    }
}

/// `<` holds between two numbers or two strings only.
fn less(a: Option<&Node>, b: Option<&Node>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    match (a.as_f64(), b.as_f64(), a.as_str(), b.as_str()) {
        (Some(x), Some(y), _, _) => x < y,
        (_, _, Some(x), Some(y)) => x < y,
        _ => false,
    }
}

impl PathParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.chars.len() >= self.i + n
            && s.chars().eq(self.chars[self.i..self.i + n].iter().copied())
        {
            self.i += n;
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn error(&self, message: impl Into<String>) -> PathError {
        PathError {
            offset: self.i,
            message: message.into(),
        }
    }

    fn expected(&self, what: &str) -> PathError {
        match self.peek() {
            Some(c) => self.error(format!("expected {what}, found `{c}`")),
            None => self.error(format!("expected {what}, found the end")),
        }
    }

    fn segment(&mut self) -> Result<Segment, PathError> {
        if self.eat_str("..") {
            if self.peek() == Some('[') {
                return Ok(Segment::Descendant(self.bracket()?));
            }
            if self.eat('*') {
                return Ok(Segment::Descendant(vec![Selector::Wildcard]));
            }
            return Ok(Segment::Descendant(vec![Selector::Name(self.shorthand()?)]));
        }
        if self.eat('.') {
            if self.eat('*') {
                return Ok(Segment::Child(vec![Selector::Wildcard]));
            }
            return Ok(Segment::Child(vec![Selector::Name(self.shorthand()?)]));
        }
        if self.peek() == Some('[') {
            return Ok(Segment::Child(self.bracket()?));
        }
        Err(self.expected("`.`, `..` or `[`"))
    }

    /// The name after `.`: anything up to the next operator character. Looser than RFC 9535
    /// (which forbids `-` and leading digits) because overlays in the wild write `.x-foo`, `.200`.
    fn shorthand(&mut self) -> Result<String, PathError> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || ".[]'\"()=!<>&|,@$?*".contains(c) {
                break;
            }
            self.i += 1;
        }
        if self.i == start {
            return Err(self.expected("a member name (use ['...'] for names with punctuation)"));
        }
        Ok(self.chars[start..self.i].iter().collect())
    }

    /// `[selector, ...]`
    fn bracket(&mut self) -> Result<Vec<Selector>, PathError> {
        self.i += 1; // '['
        let mut selectors = Vec::new();
        loop {
            self.skip_spaces();
            selectors.push(self.selector()?);
            self.skip_spaces();
            if self.eat(']') {
                return Ok(selectors);
            }
            if !self.eat(',') {
                return Err(self.expected("`,` or `]`"));
            }
        }
    }

    fn selector(&mut self) -> Result<Selector, PathError> {
        match self.peek() {
            Some('\'' | '"') => Ok(Selector::Name(self.string()?)),
            Some('*') => {
                self.i += 1;
                Ok(Selector::Wildcard)
            }
            Some('?') => {
                self.i += 1;
                self.skip_spaces();
                Ok(Selector::Filter(self.or()?))
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let index = self.integer()?;
                self.skip_spaces();
                if self.peek() == Some(':') {
                    return Err(self.error("array slices are not supported; use indexes"));
                }
                Ok(Selector::Index(index))
            }
            Some(':') => Err(self.error("array slices are not supported; use indexes")),
            _ => Err(self.expected("a name in quotes, an index, `*` or a `?` filter")),
        }
    }

    fn integer(&mut self) -> Result<i64, PathError> {
        let start = self.i;
        self.eat('-');
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let text: String = self.chars[start..self.i].iter().collect();
        text.parse().map_err(|_| PathError {
            offset: start,
            message: format!("`{text}` is not an index"),
        })
    }

    /// A quoted string with JSON-style escapes (`\'` too).
    fn string(&mut self) -> Result<String, PathError> {
        let start = self.i;
        let quote = self.chars[self.i];
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(PathError {
                    offset: start,
                    message: "unterminated string".into(),
                });
            };
            self.i += 1;
            match c {
                c if c == quote => return Ok(out),
                '\\' => {
                    let Some(e) = self.peek() else { continue };
                    self.i += 1;
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'u' => self.unicode_escape()?,
                        other => other,
                    });
                }
                c => out.push(c),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, PathError> {
        let hex: String = self.chars.iter().skip(self.i).take(4).collect();
        let code = u32::from_str_radix(&hex, 16)
            .ok()
            .filter(|_| hex.len() == 4)
            .ok_or_else(|| self.error("`\\u` needs four hex digits"))?;
        self.i += 4;
        char::from_u32(code).ok_or_else(|| self.error("`\\u` escapes a surrogate"))
    }

    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, PathError>,
    ) -> Result<T, PathError> {
        self.depth += 1;
        if self.depth > MAX_FILTER_DEPTH {
            return Err(self.error("the filter nests too deeply"));
        }
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn or(&mut self) -> Result<Filter, PathError> {
        self.nested(|p| {
            let mut all = vec![p.and()?];
            while p.eat_str("||") {
                p.skip_spaces();
                all.push(p.and()?);
            }
            Ok(if all.len() == 1 {
                all.remove(0)
            } else {
                Filter::Or(all)
            })
        })
    }

    fn and(&mut self) -> Result<Filter, PathError> {
        let mut all = vec![self.unary()?];
        while self.eat_str("&&") {
            self.skip_spaces();
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.remove(0)
        } else {
            Filter::And(all)
        })
    }

    fn unary(&mut self) -> Result<Filter, PathError> {
        if self.peek() == Some('!') && self.peek_at(1) != Some('=') {
            self.i += 1;
            self.skip_spaces();
            return self.nested(|p| Ok(Filter::Not(Box::new(p.unary()?))));
        }
        if self.eat('(') {
            self.skip_spaces();
            let inner = self.or()?;
            if !self.eat(')') {
                return Err(self.expected("`)`"));
            }
            self.skip_spaces();
            return Ok(inner);
        }
        let start = self.i;
        let left = self.operand()?;
        self.skip_spaces();
        let op = [
            ("==", CompareOp::Eq),
            ("!=", CompareOp::Ne),
            ("<=", CompareOp::Le),
            (">=", CompareOp::Ge),
            ("<", CompareOp::Lt),
            (">", CompareOp::Gt),
        ]
        .into_iter()
        .find(|(text, _)| self.eat_str(text))
        .map(|(_, op)| op);
        let Some(op) = op else {
            return match left {
                Operand::Current(steps) => Ok(Filter::Exists(steps)),
                Operand::Literal(_) => Err(PathError {
                    offset: start,
                    message: "a literal alone is not a test; compare it with `==`".into(),
                }),
            };
        };
        self.skip_spaces();
        let right = self.operand()?;
        self.skip_spaces();
        Ok(Filter::Compare(left, op, right))
    }

    fn operand(&mut self) -> Result<Operand, PathError> {
        use crate::tree::Pos;
        let literal = |value| Ok(Operand::Literal(Node::new(value, Pos::default())));
        match self.peek() {
            Some('@') => {
                self.i += 1;
                let mut steps = Vec::new();
                loop {
                    if self.peek() == Some('.') && self.peek_at(1) != Some('.') {
                        self.i += 1;
                        steps.push(Step::Key(self.shorthand()?));
                    } else if self.peek() == Some('[') {
                        self.i += 1;
                        self.skip_spaces();
                        match self.peek() {
                            Some('\'' | '"') => steps.push(Step::Key(self.string()?)),
                            Some(c) if c.is_ascii_digit() => {
                                let i = self.integer()?;
                                steps.push(Step::Index(i as usize));
                            }
                            _ => {
                                return Err(self.expected(
                                    "a quoted name or an index (filters use single values)",
                                ));
                            }
                        }
                        self.skip_spaces();
                        if !self.eat(']') {
                            return Err(self.expected("`]`"));
                        }
                    } else if self.peek() == Some('.') || self.peek() == Some('*') {
                        return Err(
                            self.error("filters compare single values: no `..` or `*` after `@`")
                        );
                    } else {
                        return Ok(Operand::Current(steps));
                    }
                }
            }
            Some('\'' | '"') => {
                let s = self.string()?;
                literal(Value::Str(s))
            }
            Some('$') => {
                Err(self.error("filters compare values under `@`; `$` is not supported there"))
            }
            _ => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || "-+.".contains(c))
                {
                    self.i += 1;
                }
                let word: String = self.chars[start..self.i].iter().collect();
                match word.as_str() {
                    "true" => literal(Value::Bool(true)),
                    "false" => literal(Value::Bool(false)),
                    "null" => literal(Value::Null),
                    _ => match (word.parse::<i64>(), word.parse::<f64>()) {
                        (Ok(i), _) => literal(Value::Int(i)),
                        (_, Ok(f)) if f.is_finite() => literal(Value::Float(f)),
                        _ => Err(PathError {
                            offset: start,
                            message: if word.is_empty() {
                                "expected `@`, a string, a number, true, false or null".into()
                            } else {
                                format!("`{word}` is not a value; quote strings")
                            },
                        }),
                    },
                }
            }
        }
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
            let path = JsonPath::parse(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
            let got: Vec<String> = path
                .select(&doc)
                .iter()
                .map(|(steps, _)| display_steps(steps))
                .collect();
            assert_eq!(got, *expected, "{target}");
        }
    }

    #[test]
    fn bad_targets_are_refused() {
        let cases = [
            ("definitions.A", 0, "a target starts with `$`"),
            ("$.", 2, "expected a member name"),
            ("$[1:2]", 3, "array slices are not supported"),
            ("$['a'", 5, "expected `,` or `]`, found the end"),
            ("$['a]", 2, "unterminated string"),
            ("$[?(@.a == 'x']", 14, "expected `)`"),
            ("$[?@.a == x]", 10, "`x` is not a value"),
            ("$[?'x']", 3, "a literal alone is not a test"),
            ("$[?@..a]", 4, "filters compare single values"),
            ("$ x", 1, "expected `.`, `..` or `[`, found ` `"),
        ];
        for (target, offset, message) in cases {
            let err = JsonPath::parse(target).unwrap_err();
            assert!(err.message.starts_with(message), "{target}: {err:?}");
            assert_eq!(err.offset, offset, "{target}: {err:?}");
        }
        let deep = format!("$[?{}@.a{}]", "(".repeat(100), ")".repeat(100));
        assert!(
            JsonPath::parse(&deep)
                .unwrap_err()
                .message
                .contains("too deeply")
        );
        let nots = format!("$[?{}@.a]", "!".repeat(100));
        assert!(
            JsonPath::parse(&nots)
                .unwrap_err()
                .message
                .contains("too deeply")
        );
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
                    "invalid JSONPath `definitions`: a target starts with `$` (at character 1)",
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
