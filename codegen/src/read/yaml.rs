//! YAML and JSON text into a [`Node`] tree with positions, on top of `saphyr-parser`'s events.
//!
//! The builder is iterative (no recursion), caps nesting depth and alias expansion, and reports
//! duplicate keys: the usual symptom of a file whose indentation was stripped.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diag::Diagnostic;
use crate::tree::{Entry, Node, Pos, Value};

/// Deeper documents are refused rather than risk the stack of later passes.
pub const MAX_DEPTH: usize = 512;
/// Alias expansion may not grow the document past this many nodes ("billion laughs").
const MAX_NODES: usize = 5_000_000;

/// A parsed document and what the parser noticed on the way (duplicate keys).
#[derive(Debug)]
pub struct Parsed {
    pub root: Node,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses YAML (JSON is YAML too) into a tree. Only the first document of a stream is read.
///
/// ```ignore
/// let parsed = molde_codegen::read::yaml::parse("a:\n  b: 1\n").unwrap();
/// assert_eq!(parsed.root.get("a").unwrap().get("b").unwrap().as_i64(), Some(1));
/// ```
pub fn parse(text: &str) -> Result<Parsed, Box<Diagnostic>> {
    let mut shifts = LineShifts::default();
    let mut current = Cow::Borrowed(text);
    for _ in 0..MAX_QUOTED_REINDENTS {
        match parse_strict(&current) {
            Ok(mut parsed) => {
                shifts.remap_tree(&mut parsed.root);
                for d in &mut parsed.diagnostics {
                    shifts.remap_diagnostic(d);
                }
                return Ok(parsed);
            }
            Err(mut e) if e.message.ends_with(UNDER_INDENTED_QUOTE) => {
                match reindent_quoted(&current, e.line, e.column, &mut shifts) {
                    Some(fixed) => current = Cow::Owned(fixed),
                    None => {
                        shifts.remap_diagnostic(&mut e);
                        return Err(e);
                    }
                }
            }
            Err(mut e) if e.message.ends_with(UNDER_INDENTED_FLOW) => {
                match reindent_closing_bracket(&current, e.line, &mut shifts) {
                    Some(fixed) => current = Cow::Owned(fixed),
                    None => {
                        shifts.remap_diagnostic(&mut e);
                        return Err(e);
                    }
                }
            }
            Err(mut e) => {
                shifts.remap_diagnostic(&mut e);
                return Err(e);
            }
        }
    }
    let mut last = parse_strict(&current);
    if let Err(e) = &mut last {
        shifts.remap_diagnostic(e);
    }
    last
}

/// saphyr's message for a quoted scalar whose continuation line is indented no deeper than its
/// key. YAML 1.2 forbids it, but libyaml (PyYAML, Ruby, Go's yaml.v2) reads it, and real specs
/// (Docker's among them) are written that way.
const UNDER_INDENTED_QUOTE: &str = "invalid indentation in quoted scalar";
/// saphyr's message for, among others, a flow collection closed at its key's indentation
/// (`example: [` ... `]` with `]` under `example`). libyaml reads that too. It is also a suffix
/// of [`UNDER_INDENTED_QUOTE`], whose arm `parse` matches first. Both repairs share the one
/// bounded retry loop.
const UNDER_INDENTED_FLOW: &str = "invalid indentation";
/// Each retry repairs one quoted scalar; a file with more such scalars than this is refused.
const MAX_QUOTED_REINDENTS: usize = 1024;

/// Spaces added in front of lines (1-based line to count), so positions can be moved back.
#[derive(Default)]
struct LineShifts(HashMap<u32, u32>);

impl LineShifts {
    fn original(&self, pos: Pos) -> Pos {
        match self.0.get(&pos.line) {
            Some(&added) => Pos::new(pos.line, pos.column.saturating_sub(added).max(1)),
            None => pos,
        }
    }

    fn remap_tree(&self, root: &mut Node) {
        if self.0.is_empty() {
            return;
        }
        let mut pending: Vec<&mut Node> = vec![root];
        while let Some(node) = pending.pop() {
            node.pos = self.original(node.pos);
            match &mut node.value {
                Value::Seq(items) => pending.extend(items.iter_mut()),
                Value::Map(entries) => {
                    for e in entries.iter_mut() {
                        e.key_pos = self.original(e.key_pos);
                        pending.push(&mut e.value);
                    }
                }
                _ => {}
            }
        }
    }

    fn remap_diagnostic(&self, d: &mut Diagnostic) {
        let pos = self.original(Pos::new(d.line, d.column));
        d.column = pos.column;
    }
}

/// Indents line `line` (1-based) by one more space when it starts with a closing bracket, which
/// does not change the flow collection it closes. `None` for any other line.
fn reindent_closing_bracket(text: &str, line: u32, shifts: &mut LineShifts) -> Option<String> {
    let index = (line as usize).checked_sub(1)?;
    let target = text.split('\n').nth(index)?;
    if !target.trim_start().starts_with([']', '}']) {
        return None;
    }
    *shifts.0.entry(line).or_default() += 1;
    let mut out = String::with_capacity(text.len() + 1);
    for (k, l) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k == index {
            out.push(' ');
        }
        out.push_str(l);
    }
    Some(out)
}

/// Indents the continuation lines of the quoted scalar that starts at `line`:`column` (1-based)
/// up to the quote's column, which does not change its value (leading spaces of a continuation
/// line are folded away). `None` when there is no such scalar or it never closes.
fn reindent_quoted(text: &str, line: u32, column: u32, shifts: &mut LineShifts) -> Option<String> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let start = (line as usize).checked_sub(1)?;
    let first = *lines.get(start)?;
    let quote_at = first
        .char_indices()
        .nth((column as usize).checked_sub(1)?)
        .map(|(i, _)| i)?;
    let q = *first.as_bytes().get(quote_at)?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let want = first[..quote_at].chars().count() + 1;
    // Find the line holding the closing quote.
    let mut end = None;
    let mut escaped = false;
    'scan: for (k, l) in lines.iter().enumerate().skip(start) {
        let from = if k == start { quote_at + 1 } else { 0 };
        let b = l.as_bytes();
        let mut i = from;
        while i < b.len() {
            match b[i] {
                _ if escaped => escaped = false,
                b'\\' if q == b'"' => escaped = true,
                b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
                c if c == q => {
                    end = Some(k);
                    break 'scan;
                }
                _ => {}
            }
            i += 1;
        }
        // A backslash before the line break escapes the break.
        escaped = false;
    }
    let end = end?;
    let mut changed = false;
    let mut owned: Vec<String> = Vec::new();
    for (k, l) in lines.iter().enumerate().take(end + 1).skip(start + 1) {
        let lead = l.len() - l.trim_start_matches(' ').len();
        if lead < want && !l.trim().is_empty() {
            let added = want - lead;
            *shifts.0.entry(k as u32 + 1).or_default() += added as u32;
            owned.push(format!("{}{l}", " ".repeat(added)));
            changed = true;
        } else {
            owned.push(l.to_string());
        }
    }
    if !changed {
        return None;
    }
    let tail = lines.split_off(end + 1);
    lines.truncate(start + 1);
    let mut out = lines.join("\n");
    for l in &owned {
        out.push('\n');
        out.push_str(l);
    }
    for l in tail {
        out.push('\n');
        out.push_str(l);
    }
    Some(out)
}

fn parse_strict(text: &str) -> Result<Parsed, Box<Diagnostic>> {
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder::default();
    loop {
        match parser.next_event() {
            None => break,
            Some(Err(e)) => {
                let m = e.marker();
                return Err(Box::new(
                    Diagnostic::error("yaml.syntax", format!("invalid YAML: {}", e.info()))
                        .at(Pos::new(m.line() as u32, m.col() as u32 + 1)),
                ));
            }
            Some(Ok((event, span))) => {
                if builder.on_event(event, span)? {
                    break;
                }
            }
        }
    }
    let root = builder
        .root
        .unwrap_or_else(|| Node::new(Value::Null, Pos::new(1, 1)));
    Ok(Parsed {
        root,
        diagnostics: builder.diagnostics,
    })
}

enum Frame {
    Seq(Node, usize),
    /// A mapping under construction, the key waiting for its value, and where each key
    /// already in it sits in its entries (so a duplicate is found without a scan: a vendor
    /// spec can hold tens of thousands of paths in one mapping).
    Map(Node, usize, Option<(String, Pos)>, HashMap<String, usize>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    diagnostics: Vec<Diagnostic>,
}

fn pos(span: &Span) -> Pos {
    Pos::new(span.start.line() as u32, span.start.col() as u32 + 1)
}

impl Builder {
    /// Returns `Ok(true)` when the first document is complete.
    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<bool, Box<Diagnostic>> {
        let at = pos(&span);
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                let node = Node::new(scalar_value(text, style), at);
                self.remember(anchor, &node);
                self.push_value(node)?;
            }
            Event::SequenceStart(anchor, _) => self.open(
                Frame::Seq(Node::new(Value::Seq(Vec::new()), at), anchor),
                at,
            )?,
            Event::MappingStart(anchor, _) => self.open(
                Frame::Map(
                    Node::new(Value::Map(Vec::new()), at),
                    anchor,
                    None,
                    HashMap::new(),
                ),
                at,
            )?,
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Seq(node, anchor)) | Some(Frame::Map(node, anchor, _, _)) => {
                        self.remember(anchor, &node);
                        node
                    }
                    None => {
                        return Err(Box::new(
                            Diagnostic::error("yaml.syntax", "unbalanced YAML collection").at(at),
                        ));
                    }
                };
                self.push_value(node)?;
            }
            Event::Alias(id) => {
                let node = match self.anchors.get(&id) {
                    Some(node) => Node::new(node.value.clone(), at),
                    None => {
                        return Err(Box::new(
                            Diagnostic::error("yaml.syntax", "alias to an unknown anchor").at(at),
                        ));
                    }
                };
                self.nodes += count_nodes(&node);
                if self.nodes > MAX_NODES {
                    return Err(Box::new(
                        Diagnostic::error(
                            "yaml.too-large",
                            "aliases expand this document past 5,000,000 values",
                        )
                        .at(at),
                    ));
                }
                self.push_value(node)?;
            }
            Event::DocumentEnd => return Ok(self.root.is_some()),
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {}
        }
        Ok(false)
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
    }

    fn open(&mut self, frame: Frame, at: Pos) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Box::new(
                Diagnostic::error(
                    "yaml.too-deep",
                    format!("the document nests deeper than {MAX_DEPTH} levels"),
                )
                .at(at),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn push_value(&mut self, node: Node) -> Result<(), Box<Diagnostic>> {
        self.nodes += 1;
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq(seq, _)) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Some(Frame::Map(map, _, pending, index)) => match pending.take() {
                None => {
                    let key = match &node.value {
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(Box::new(
                                Diagnostic::error(
                                    "yaml.complex-key",
                                    "a mapping key must be a scalar",
                                )
                                .at(node.pos),
                            ));
                        }
                        _ => node.scalar_text().unwrap_or_default(),
                    };
                    *pending = Some((key, node.pos));
                }
                Some((key, key_pos)) => {
                    if let Value::Map(entries) = &mut map.value {
                        if let Some(first) = index.get(&key).map(|&at| &entries[at]) {
                            self.diagnostics.push(
                                Diagnostic::error(
                                    "yaml.duplicate-key",
                                    format!("duplicated mapping key `{key}`"),
                                )
                                .at(key_pos)
                                .hint(format!(
                                    "the first `{key}` is at line {}; the later one is ignored",
                                    first.key_pos.line
                                )),
                            );
                        } else {
                            index.insert(key.clone(), entries.len());
                            entries.push(Entry {
                                key,
                                key_pos,
                                value: node,
                            });
                        }
                    }
                }
            },
        }
        Ok(())
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut pending = vec![node];
    while let Some(n) = pending.pop() {
        count += 1;
        match &n.value {
            Value::Seq(items) => pending.extend(items.iter()),
            Value::Map(entries) => pending.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    count
}

/// Resolves a scalar by the YAML 1.2 core schema; quoted and block scalars are strings.
fn scalar_value(text: Cow<'_, str>, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::Str(text.into_owned());
    }
    resolve_plain(&text).unwrap_or_else(|| Value::Str(text.into_owned()))
}

/// The core-schema type of a plain scalar, or `None` for a string.
pub fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Float(f64::NAN)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let digits = bytes
        .strip_prefix(b"-")
        .or_else(|| bytes.strip_prefix(b"+"))
        .unwrap_or(bytes);
    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse().ok()?),
        });
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Value::Int);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok().map(Value::Int);
    }
    if is_float(text) {
        return text.parse().ok().map(Value::Float);
    }
    None
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let parsed = parse("a: 1\nb:\n  c: 'x'\n").unwrap();
        let b = parsed.root.entry("b").unwrap();
        assert_eq!(b.key_pos, Pos::new(2, 1));
        assert_eq!(b.value.get("c").unwrap().pos, Pos::new(3, 6));
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let parsed = parse("a: 1\na: 2\n").unwrap();
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].code, "yaml.duplicate-key");
        assert_eq!(parsed.diagnostics[0].line, 2);
    }

    #[test]
    fn a_mapping_of_many_keys_finds_its_duplicate_in_linear_time() {
        // 60,000 keys took minutes in a debug build when each key scanned the ones before it.
        let mut text: String = (0..60_000).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k59999: again\n");
        let started = std::time::Instant::now();
        let parsed = parse(&text).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let d = &parsed.diagnostics[0];
        assert_eq!((d.code, d.line), ("yaml.duplicate-key", 60_001));
        assert_eq!(
            d.hint.as_deref(),
            Some("the first `k59999` is at line 60000; the later one is ignored")
        );
    }

    #[test]
    fn core_schema() {
        let parsed = parse("[1, -2, 1.5, true, null, '3', x, 1e3, 0x1f]").unwrap();
        let kinds: Vec<_> = parsed
            .root
            .as_seq()
            .unwrap()
            .iter()
            .map(Node::kind)
            .collect();
        assert_eq!(
            kinds,
            [
                "integer", "integer", "number", "boolean", "null", "string", "string", "number",
                "integer"
            ]
        );
    }

    #[test]
    fn quoted_scalar_continued_at_its_key_column_is_read_like_libyaml() {
        // Docker's spec writes descriptions this way; PyYAML and libyaml accept it.
        let text = "a:\n  b: \"one\n  two\"\n  c: 'x\n  y'\n  d: 1\n";
        assert!(parse_strict(text).is_err(), "saphyr alone refuses it");
        let parsed = parse(text).unwrap();
        let a = parsed.root.get("a").unwrap();
        assert_eq!(a.get("b").unwrap().as_str(), Some("one two"));
        assert_eq!(a.get("c").unwrap().as_str(), Some("x y"));
        // Positions still point into the text as given.
        assert_eq!(a.entry("d").unwrap().key_pos, Pos::new(6, 3));
        assert_eq!(a.get("d").unwrap().pos, Pos::new(6, 6));
        // An unterminated quote is still an error, at its place in the text as given.
        let err = parse("a:\n  b: \"one\n  two\n").unwrap_err();
        assert_eq!(err.code, "yaml.syntax");
    }

    #[test]
    fn flow_collection_closed_at_its_key_column_is_read_like_libyaml() {
        // `]` under `example`: PyYAML reads it; real specs are written that way.
        let text =
            "a:\n  example: [\n    \"x\",\n    \"y\"\n  ]\n  enum: {\n    k: v\n  }\n  d: 1\n";
        assert!(parse_strict(text).is_err(), "saphyr alone refuses it");
        let parsed = parse(text).unwrap();
        let a = parsed.root.get("a").unwrap();
        let example = a.get("example").unwrap().as_seq().unwrap();
        assert_eq!(example.len(), 2);
        assert_eq!(
            a.get("enum")
                .and_then(|e| e.get("k"))
                .and_then(Node::as_str),
            Some("v")
        );
        assert_eq!(a.entry("d").unwrap().key_pos, Pos::new(9, 3));
        // Other indentation faults are still errors.
        let err = parse("a:\n  b: 1\n c: 2\n").unwrap_err();
        assert_eq!(err.code, "yaml.syntax");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(10_000);
        let err = parse(&text).unwrap_err();
        assert!(
            err.code == "yaml.too-deep" || err.code == "yaml.syntax",
            "{err:?}"
        );
    }
}
