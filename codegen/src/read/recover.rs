//! Recovers the structure of a Swagger 2.0 YAML file whose indentation and blank lines were
//! stripped (as happens when a spec is copied out of a developer portal).
//!
//! Every line is a key (`name: value`), a list item (`- ...`), or the continuation of a multi-line
//! scalar. Without indentation the only question is *which open object a key belongs to*. We keep
//! a stack of open objects, each typed by the Swagger 2.0 [`grammar`](super::grammar), and give a
//! key to the innermost object that can hold it: the key must be a field of that object, not
//! already present, and its value's shape (found by look-ahead) must be what the field takes.
//! Soft rules break the remaining ties (a `required` list names the schema's own properties; an
//! `example` mapping holds only properties of its schema; `items` belongs to arrays). A first pass
//! reads the document this way; a second pass repeats it with the first pass's definitions at
//! hand, so that examples can be placed by the schema they illustrate even when that schema is
//! defined further down. Where a soft rule chose between two valid readings that mean different
//! things (an `example` that could illustrate a property or its enclosing schema), the final pass
//! reports a `yaml.recovered` warning naming both; rules that follow from validity (an example
//! fits its schema, a `$ref` resolves) decide without a report.
//!
//! The result is properly indented YAML (what `molde repair` prints) plus a line map, so every
//! position in the tree read from it points back into the file as given.

use std::collections::{BTreeSet, HashMap};

use crate::diag::Diagnostic;
use crate::read::grammar::{self, Elem, Expect, Kind};
use crate::read::refs::Definitions;
use crate::read::yaml;
use crate::tree::{Node, Pos, Value};

/// Re-indented YAML and the way back to the input's positions.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The recovered document, indented with two spaces per level.
    pub text: String,
    /// Per output line: the 1-based input line and the columns added in front of it.
    lines: Vec<(u32, i64)>,
    /// `yaml.recovered` findings: the overall notice and every ambiguous or unplaceable line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Recovered {
    /// Moves every position of a tree parsed from [`Recovered::text`] back to the input file.
    pub fn remap(&self, root: &mut Node) {
        let mut pending: Vec<&mut Node> = vec![root];
        while let Some(node) = pending.pop() {
            node.pos = self.input_pos(node.pos);
            match &mut node.value {
                Value::Seq(items) => pending.extend(items.iter_mut()),
                Value::Map(entries) => {
                    for e in entries.iter_mut() {
                        e.key_pos = self.input_pos(e.key_pos);
                        pending.push(&mut e.value);
                    }
                }
                _ => {}
            }
        }
    }

    /// Parses the recovered text; a line the parser refuses is turned into a comment (with a
    /// `yaml.recovered` warning) until it parses, so the result is always valid YAML.
    fn make_parsable(&mut self) -> yaml::Parsed {
        // Each try parses the whole text again: fewer tries for very large inputs.
        let tries = (MAX_REPARSED_BYTES / self.text.len().max(1)).clamp(1, MAX_UNPLACEABLE_LINES);
        let mut last_error_line = 0;
        for _ in 0..tries {
            let e = match yaml::parse(&self.text) {
                Ok(parsed) => return parsed,
                Err(e) => e,
            };
            let mut lines: Vec<String> = self.text.lines().map(str::to_string).collect();
            let is_yaml = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
            // The line the parser stopped at, or the nearest line above it that is still YAML:
            // the fault may lie in the construct that line continues.
            let at = (e.line as usize).clamp(1, lines.len().max(1)) - 1;
            let Some(k) = (0..=at)
                .rev()
                .find(|&k| lines.get(k).is_some_and(|l| is_yaml(l)))
            else {
                break;
            };
            let indent = |l: &str| l.len() - l.trim_start().len();
            let lead = indent(&lines[k]);
            // When leaving one line out did not get the parser further, the fault is the
            // structure under it; a document nested too deep loses the rest of the level.
            let deep = e.code == "yaml.too-deep";
            let stuck = e.line as usize <= last_error_line;
            last_error_line = e.line as usize;
            let mut end = k + 1;
            if stuck || deep {
                while end < lines.len()
                    && (lines[end].trim().is_empty()
                        || indent(&lines[end]) > lead
                        || (deep && indent(&lines[end]) == lead))
                {
                    end += 1;
                }
            }
            for line in &mut lines[k..end] {
                if is_yaml(line) {
                    let lead = indent(line);
                    *line = format!("{}{}", &line[..lead], comment(&line[lead..]));
                }
            }
            self.text = lines.join("\n") + "\n";
            let src = self.lines.get(k).map_or(1, |&(line, _)| line);
            let what = match end - k {
                1 => "this line".to_string(),
                n => format!("this line and the {} lines under it", n - 1),
            };
            self.diagnostics.push(
                Diagnostic::warning(
                    "yaml.recovered",
                    format!(
                        "{what} could not be placed so that the recovered YAML stays valid ({})",
                        e.message
                    ),
                )
                .at(Pos::new(src, 1))
                .hint("left out of the recovered document as comments; check them in `molde repair`'s output"),
            );
        }
        // Still refused: give up on the structure rather than hand back unparsable text.
        self.text = self.text.lines().map(|l| comment(l) + "\n").collect();
        self.diagnostics.push(
            Diagnostic::warning(
                "yaml.recovered",
                "the structure of this file could not be recovered as valid YAML",
            )
            .at(Pos::new(1, 1))
            .hint("the recovered document is empty; re-indent the file by hand"),
        );
        yaml::parse("").expect("an empty document always parses")
    }

    /// The input position of an output position.
    pub fn input_pos(&self, pos: Pos) -> Pos {
        match self.lines.get((pos.line as usize).wrapping_sub(1)) {
            Some(&(line, added)) => Pos::new(line, (pos.column as i64 - added).max(1) as u32),
            None => pos,
        }
    }
}

/// Opening minus closing brackets (`{`, `[`) on a line, outside double-quoted strings.
fn bracket_balance(line: &str) -> i64 {
    let mut balance = 0;
    let mut in_string = false;
    let mut escaped = false;
    for b in line.bytes() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'{' | b'[' if !in_string => balance += 1,
            b'}' | b']' if !in_string => balance -= 1,
            _ => {}
        }
    }
    balance
}

/// Lines of a value compared at most when looking for a sibling written like it (a sibling
/// object worth comparing is small; the bound keeps each comparison cheap).
const MAX_RESEMBLED_LINES: usize = 40;

/// What a line says about the shape of a value: its key (`-` before a list item's), or nothing
/// for the continuation of a scalar. Scalar values do not count.
fn shape_key(line: &str) -> String {
    match classify(line.trim()) {
        Line::Key(k, _) => k,
        Line::Item(rest) => match classify(rest) {
            Line::Key(k, _) => format!("-{k}"),
            _ => "-".to_string(),
        },
        _ => String::new(),
    }
}

/// The fewest keys added, removed or replaced to turn `a` into a prefix of `b` at least
/// `min_len` long, where only schema keywords (and list items and prose) may change: two
/// values that name different properties are not written alike. `limit` is the most edits
/// of interest; anything above comes back as `limit + 1`.
fn prefix_edit_distance(a: &[String], b: &[String], min_len: usize, limit: usize) -> usize {
    let blocked = limit + 1;
    let editable =
        |k: &str| k.is_empty() || k.starts_with('-') || grammar::field(Kind::Schema, k).is_some();
    let cost = |k: &str| if editable(k) { 1 } else { blocked };
    let mut row: Vec<usize> = Vec::with_capacity(b.len() + 1);
    row.push(0);
    for y in b {
        row.push((row[row.len() - 1] + cost(y)).min(blocked));
    }
    for x in a {
        let mut diagonal = row[0];
        row[0] = (row[0] + cost(x)).min(blocked);
        for (j, y) in b.iter().enumerate() {
            let replaced = diagonal
                + if x == y {
                    0
                } else if editable(x) && editable(y) {
                    1
                } else {
                    blocked
                };
            diagonal = row[j + 1];
            row[j + 1] = replaced
                .min(row[j] + cost(y))
                .min(row[j + 1] + cost(x))
                .min(blocked);
        }
    }
    row[min_len.min(b.len())..]
        .iter()
        .copied()
        .min()
        .unwrap_or(blocked)
}

/// Lines turned into comments before the recovered text is given up as unparsable.
const MAX_UNPLACEABLE_LINES: usize = 64;
/// Open objects kept at most; real specs nest a few dozen levels.
const MAX_RECOVERED_DEPTH: usize = 128;
/// Text parsed again while looking for unplaceable lines (bounds the time on huge inputs).
const MAX_REPARSED_BYTES: usize = 64 << 20;

/// `text` as a YAML comment; characters YAML does not allow even there become U+FFFD.
fn comment(text: &str) -> String {
    let printable = |c: char| {
        matches!(c, '\t' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    let text: String = text
        .chars()
        .map(|c| if printable(c) { c } else { '\u{fffd}' })
        .collect();
    format!("# {text}")
}

/// True when `text` looks like YAML whose indentation was stripped: no line is indented, and
/// some key without a value is followed by another key (a nested mapping flattened to one level).
pub fn looks_stripped(text: &str) -> bool {
    let first = text.trim_start_matches('\u{feff}').trim_start();
    if first.starts_with('{') || first.starts_with('[') {
        return false;
    }
    let mut indented = 0usize;
    let mut flattened = 0usize;
    let mut previous_opens = false;
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            indented += 1;
        }
        let cls = classify(line.trim());
        if previous_opens && matches!(cls, Line::Key(..)) {
            flattened += 1;
        }
        previous_opens = matches!(&cls, Line::Key(_, rest) if rest.is_empty());
    }
    flattened > 0 && indented == 0
}

/// Recovers the structure of a stripped YAML file (see the module documentation).
pub fn recover_indentation(text: &str) -> Recovered {
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let referenced = Referenced::new(text, &lines);
    let sorted_keys = keys_look_sorted(&lines);
    let mut first = Pass::new(&lines, None, &referenced);
    first.sorted_keys = sorted_keys;
    let mut first = first.run();
    let guide = first.make_parsable().root;
    let mut second = Pass::new(&lines, Some(&guide), &referenced);
    second.sorted_keys = sorted_keys;
    second.extension_pairs = extension_pairs(&guide);
    second.extension_homes = extension_homes(&guide);
    let mut out = second.run();
    out.make_parsable();
    out.diagnostics.insert(
        0,
        Diagnostic::info(
            "yaml.recovered",
            "this file's indentation was stripped; molde rebuilt its structure from the Swagger 2.0 grammar",
        )
        .at(Pos::new(1, 1))
        .hint("`molde repair FILE` prints the recovered YAML; keep it as the source if you can"),
    );
    out
}

/// The names the document refers to as `#/definitions/NAME`, each a definition rather than a
/// property, and the lines where each is written as a key that opens a value (`Driver:`).
struct Referenced {
    /// Sorted.
    names: Vec<String>,
    /// For each name, the lines that open it, with how much the value looks like a definition.
    openings: HashMap<String, Vec<(usize, u8)>>,
}

impl Referenced {
    fn new(text: &str, lines: &[&str]) -> Self {
        let mut names: Vec<String> = text
            .split("#/definitions/")
            .skip(1)
            .map(|rest| {
                rest.split(|c: char| {
                    c == '\'' || c == '"' || c.is_whitespace() || c == '/' || c == '}' || c == ','
                })
                .next()
                .unwrap_or("")
                .to_string()
            })
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        let mut openings: HashMap<String, Vec<(usize, u8)>> = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            if let Line::Key(key, "") = classify(line.trim()) {
                if names.binary_search(&key).is_ok() {
                    let likeness = definition_likeness(&lines[i + 1..]);
                    openings.entry(key).or_default().push((i, likeness));
                }
            }
        }
        Referenced { names, openings }
    }

    fn contains(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }

    /// True when a line after `at` opens `name` with a value that looks more like a definition
    /// than the one at `at`: a property `Driver: {type: string}` before the definition
    /// `Driver: {type: object, properties: ...}` is left to its schema.
    fn defined_later(&self, name: &str, at: usize) -> bool {
        let Some(openings) = self.openings.get(name) else {
            return false;
        };
        let here = openings
            .iter()
            .find(|&&(line, _)| line == at)
            .map_or(0, |&(_, l)| l);
        openings
            .iter()
            .any(|&(line, likeness)| line > at && likeness > here)
    }
}

/// 1 when the value on `lines` starts like an object schema (`type: object`, `properties`,
/// `allOf`) before any other nested value, else 0.
fn definition_likeness(lines: &[&str]) -> u8 {
    for line in lines.iter().take(12) {
        match classify(line.trim()) {
            Line::Key(key, rest) => match key.as_str() {
                // A reference to another schema: a property that uses it.
                "$ref" => return 0,
                "properties" | "allOf" => return 1,
                "type" if scalar_text(rest) == "object" => return 1,
                // Lists of scalars and prose do not open a nested schema.
                "required" | "enum" => {}
                _ if rest.is_empty() => return 0,
                _ => {}
            },
            Line::Item(_) | Line::Text | Line::Comment | Line::Blank => {}
            Line::Marker => return 0,
        }
    }
    0
}

/// Pairs of `x-` keys (in order) that some mapping of `root` holds together.
fn extension_pairs(root: &Node) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    let mut pending = vec![root];
    while let Some(node) = pending.pop() {
        match &node.value {
            Value::Seq(items) => pending.extend(items.iter()),
            Value::Map(entries) => {
                let ext: Vec<&str> = entries
                    .iter()
                    .map(|e| e.key.as_str())
                    .filter(|k| k.starts_with("x-"))
                    .collect();
                for a in &ext {
                    for b in &ext {
                        if a < b {
                            pairs.insert((a.to_string(), b.to_string()));
                        }
                    }
                }
                pending.extend(entries.iter().map(|e| &e.value));
            }
            _ => {}
        }
    }
    pairs
}

/// For each `x-` key of `root`, how often each kind of object holds it.
fn extension_homes(root: &Node) -> HashMap<String, HashMap<Kind, usize>> {
    let mut homes: HashMap<String, HashMap<Kind, usize>> = HashMap::new();
    let mut pending = vec![(root, Expect::Obj(Kind::Root))];
    while let Some((node, expect)) = pending.pop() {
        match (&node.value, expect) {
            (
                Value::Map(entries),
                Expect::Obj(kind) | Expect::BoolOrObj(kind) | Expect::ObjOrList(kind),
            ) => {
                for e in entries {
                    if e.key.starts_with("x-") && !grammar::is_open(kind) {
                        *homes
                            .entry(e.key.clone())
                            .or_default()
                            .entry(kind)
                            .or_default() += 1;
                    } else if let Some(inner) = grammar::field(kind, &e.key) {
                        pending.push((&e.value, inner));
                    }
                }
            }
            (Value::Seq(items), Expect::List(Elem::Obj(kind)) | Expect::ObjOrList(kind)) => {
                pending.extend(items.iter().map(|n| (n, Expect::Obj(kind))));
            }
            _ => {}
        }
    }
    homes
}

/// True when the file's keys look sorted, as tools that normalise specs write them. Two lines
/// in a row that both hold a Swagger keyword with a scalar value are mostly siblings
/// (`description: ...` then `type: string`): nearly all such pairs must be in byte order, and
/// the orders people write by hand (`type` then `format`, `name` then `in`) must be all but
/// absent.
fn keys_look_sorted(lines: &[&str]) -> bool {
    const KEYWORDS: &[&str] = &[
        "$ref",
        "allowEmptyValue",
        "basePath",
        "collectionFormat",
        "default",
        "deprecated",
        "description",
        "discriminator",
        "email",
        "example",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "host",
        "in",
        "maxItems",
        "maxLength",
        "maximum",
        "minItems",
        "minLength",
        "minimum",
        "multipleOf",
        "name",
        "operationId",
        "pattern",
        "readOnly",
        "required",
        "summary",
        "title",
        "type",
        "uniqueItems",
        "url",
        "version",
    ];
    let (mut sorted, mut total, mut by_hand) = (0usize, 0usize, 0usize);
    let mut previous: Option<String> = None;
    for line in lines {
        let current = match classify(line.trim()) {
            Line::Key(key, rest)
                if KEYWORDS.contains(&key.as_str())
                    && matches!(value_start(rest), Start::Plain | Start::Quoted(_, true)) =>
            {
                Some(key)
            }
            _ => None,
        };
        if let (Some(a), Some(b)) = (&previous, &current) {
            total += 1;
            sorted += usize::from(a <= b);
            by_hand += usize::from(matches!(
                (a.as_str(), b.as_str()),
                ("type", "format") | ("name", "in") | ("in", "description") | ("in", "type")
            ));
        }
        previous = current;
    }
    total >= 20 && sorted * 100 >= total * 85 && by_hand * 100 <= total
}

/// The kind of object a map of named objects holds.
fn member_kind(map: Kind) -> Option<Kind> {
    match map {
        Kind::Headers => Some(Kind::Header),
        Kind::ParameterMap => Some(Kind::Parameter),
        Kind::ResponseMap | Kind::Responses => Some(Kind::Response),
        Kind::SecurityDefinitions => Some(Kind::SecurityScheme),
        _ => None,
    }
}

/// `type/subtype`, as media types are written (`application/json`, `text/*`).
fn is_media_type(name: &str) -> bool {
    name.split_once('/').is_some_and(|(t, sub)| {
        !t.is_empty() && !sub.is_empty() && !t.contains(char::is_whitespace)
    })
}

/// The object that widely used extensions belong to, by the documentation of the tools that
/// read them (ReDoc, AWS API Gateway, swagger-node, go-swagger, NSwag): `x-logo` after `license`
/// is `info`'s.
fn known_extension_home(key: &str) -> Option<Kind> {
    match key {
        "x-logo" => Some(Kind::Info),
        "x-tagGroups" => Some(Kind::Root),
        "x-displayName" | "x-traitTag" => Some(Kind::Tag),
        "x-code-samples"
        | "x-codeSamples"
        | "x-amazon-apigateway-integration"
        | "x-swagger-router-controller" => Some(Kind::Operation),
        "x-nullable"
        | "x-isnullable"
        | "x-omitempty"
        | "x-go-name"
        | "x-go-type"
        | "x-enum-varnames"
        | "x-enumNames"
        | "x-enum-descriptions" => Some(Kind::Schema),
        _ => None,
    }
}

/// `PascalCase`: an upper-case letter followed somewhere by a lower-case one.
fn is_pascal_case(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase) && name.chars().any(char::is_lowercase)
}

// ---------------------------------------------------------------------------------------------
// Lines

/// One input line, classified without context.
#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Comment,
    /// `---`, `...` or a `%` directive: kept at column 0.
    Marker,
    /// `key: rest` with `rest` trimmed (empty when the value follows on the next lines).
    Key(String, &'a str),
    /// `- rest`.
    Item(&'a str),
    /// Anything else: the continuation of a multi-line scalar, or noise.
    Text,
}

fn classify(s: &str) -> Line<'_> {
    if s.is_empty() {
        return Line::Blank;
    }
    if s.starts_with('#') {
        return Line::Comment;
    }
    if s == "---" || s.starts_with("--- ") || s == "..." || s.starts_with('%') {
        return Line::Marker;
    }
    if s == "-" {
        return Line::Item("");
    }
    if let Some(rest) = s.strip_prefix("- ") {
        return Line::Item(rest.trim_start());
    }
    match split_key(s) {
        Some((key, rest)) => Line::Key(key, rest),
        None => Line::Text,
    }
}

/// Splits `key: rest` (plain or quoted key). `rest` loses a trailing comment when it is plain.
fn split_key(s: &str) -> Option<(String, &str)> {
    let (key, after) = if s.starts_with('\'') || s.starts_with('"') {
        let q = s.as_bytes()[0];
        let end = closing_quote(s, 1, q)?;
        let raw = &s[1..end];
        let key = if q == b'\'' {
            raw.replace("''", "'")
        } else {
            unescape_double(raw)
        };
        let after = s[end + 1..].trim_start();
        (key, after.strip_prefix(':')?)
    } else {
        if s.starts_with(['[', '{', '!', '&', '*', '|', '>', '%', '@', '`', '?', ',']) {
            return None;
        }
        let bytes = s.as_bytes();
        let mut idx = None;
        for i in 0..bytes.len() {
            if bytes[i] == b':'
                && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t')
            {
                idx = Some(i);
                break;
            }
            if bytes[i] == b'#' && i > 0 && bytes[i - 1] == b' ' {
                return None;
            }
        }
        let i = idx?;
        (s[..i].trim_end().to_string(), &s[i + 1..])
    };
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let rest = after.trim();
    let rest = if rest.starts_with('#') { "" } else { rest };
    Some((key, rest))
}

/// Index of the quote that closes a quoted scalar opened before `from`, on this line.
fn closing_quote(s: &str, from: usize, q: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        if q == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && i + 1 < b.len() && b[i + 1] == b'\'' {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

fn unescape_double(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => push_code(&mut out, &mut chars, 4),
            Some('x') => push_code(&mut out, &mut chars, 2),
            Some('U') => push_code(&mut out, &mut chars, 8),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn push_code(out: &mut String, chars: &mut std::str::Chars<'_>, n: usize) {
    let hex: String = chars.take(n).collect();
    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        out.push(c);
    }
}

/// How a value written after `key:` or `- ` begins.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Start {
    /// Nothing: the value is on the following lines (or null).
    Open,
    Plain,
    /// A quoted scalar; `true` when it closes on this line.
    Quoted(u8, bool),
    Block,
    Flow,
}

fn value_start(rest: &str) -> Start {
    let rest = strip_properties(rest);
    if rest.is_empty() {
        return Start::Open;
    }
    let b = rest.as_bytes();
    match b[0] {
        q @ (b'\'' | b'"') => {
            let closed = closing_quote(rest, 1, q).is_some();
            Start::Quoted(q, closed)
        }
        b'|' | b'>' if is_block_header(rest) => Start::Block,
        b'[' | b'{' => Start::Flow,
        _ => Start::Plain,
    }
}

/// Skips a leading anchor (`&a`) or tag (`!t`), which do not change a value's shape.
fn strip_properties(mut rest: &str) -> &str {
    while rest.starts_with(['&', '!']) {
        match rest.find(' ') {
            Some(i) => rest = rest[i..].trim_start(),
            None => return "",
        }
    }
    rest
}

fn is_block_header(rest: &str) -> bool {
    let head = rest.split(" #").next().unwrap_or(rest).trim_end();
    head.len() <= 3
        && head[1..]
            .bytes()
            .all(|b| b == b'-' || b == b'+' || b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// The shape of a value, seen by look-ahead

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Scalar,
    FlowMap,
    FlowSeq,
    /// A nested mapping whose first key is given, and whether that key's value is a scalar.
    OpenMap(String, bool),
    /// A nested list, with its scalar members when it has any (for `required`).
    OpenSeq(Vec<String>),
    OpenNull,
}

/// What the value of a key becomes once placed: a new open object, a new open list, or a leaf.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Opens {
    Map(Kind),
    Seq(Elem),
    Leaf,
}

/// Whether `shape` can be the value of a field that expects `expect`: `None` when it cannot,
/// else a penalty (0 = a natural fit) and what the value opens.
fn fit_shape(expect: Expect, shape: &Shape) -> Option<(u8, Opens)> {
    use Shape as S;
    let leaf = |p| Some((p, Opens::Leaf));
    match expect {
        Expect::Any => Some((
            0,
            match shape {
                S::OpenMap(..) => Opens::Map(Kind::Any),
                S::OpenSeq(_) => Opens::Seq(Elem::Any),
                _ => Opens::Leaf,
            },
        )),
        Expect::Scalar => match shape {
            S::Scalar => leaf(0),
            S::OpenNull | S::OpenMap(..) => leaf(2),
            S::OpenSeq(_) | S::FlowMap | S::FlowSeq => None,
        },
        Expect::ScalarOrList => match shape {
            S::Scalar | S::FlowSeq => leaf(0),
            S::OpenSeq(_) => Some((0, Opens::Seq(Elem::Scalar))),
            S::OpenNull | S::OpenMap(..) => leaf(2),
            S::FlowMap => None,
        },
        Expect::Obj(kind) => match shape {
            S::OpenMap(first, scalar) => {
                Some((first_member_penalty(kind, first, *scalar), Opens::Map(kind)))
            }
            S::FlowMap => leaf(0),
            S::OpenNull => leaf(2),
            S::Scalar | S::FlowSeq | S::OpenSeq(_) => None,
        },
        Expect::List(elem) => match shape {
            // Scalar members cannot be objects (`tags: [football]` in an example is not the
            // root's list of tag objects).
            S::OpenSeq(scalars) if !scalars.is_empty() && matches!(elem, Elem::Obj(_)) => {
                Some((2, Opens::Seq(elem)))
            }
            S::OpenSeq(_) => Some((0, Opens::Seq(elem))),
            S::FlowSeq => leaf(0),
            S::OpenNull | S::OpenMap(..) => leaf(2),
            S::Scalar | S::FlowMap => None,
        },
        Expect::BoolOrObj(kind) => match shape {
            S::Scalar | S::FlowMap => leaf(0),
            S::OpenMap(first, scalar) => {
                Some((first_member_penalty(kind, first, *scalar), Opens::Map(kind)))
            }
            S::OpenNull => leaf(2),
            S::OpenSeq(_) | S::FlowSeq => None,
        },
        Expect::ObjOrList(kind) => match shape {
            S::OpenMap(first, scalar) => {
                Some((first_member_penalty(kind, first, *scalar), Opens::Map(kind)))
            }
            S::OpenSeq(scalars) if !scalars.is_empty() => Some((2, Opens::Seq(Elem::Obj(kind)))),
            S::OpenSeq(_) => Some((0, Opens::Seq(Elem::Obj(kind)))),
            S::FlowMap | S::FlowSeq => leaf(0),
            S::OpenNull => leaf(2),
            S::Scalar => None,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The pass

/// What a list holds so far, to keep its members alike.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Member {
    Scalar,
    Map,
    Seq,
}

/// The keys placed in an open mapping, in order, with an index: a `paths` map can hold
/// thousands, and every new key asks whether it is already there.
#[derive(Debug, Default)]
struct Keys {
    order: Vec<String>,
    index: std::collections::HashSet<String>,
}

impl Keys {
    fn contains(&self, key: &str) -> bool {
        self.index.contains(key)
    }

    fn push(&mut self, key: String) {
        self.index.insert(key.clone());
        self.order.push(key);
    }
}

impl std::ops::Deref for Keys {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.order
    }
}

#[derive(Debug)]
enum Body {
    Map {
        kind: Kind,
        keys: Keys,
        /// The scalar `type` of a schema, parameter, items or header.
        ty: Option<String>,
        /// The `in` of a parameter.
        location: Option<String>,
        /// Property names placed in this schema's `properties` during this pass.
        props: Vec<String>,
        /// The names in this schema's `required` list, when it has been read.
        required: Vec<String>,
    },
    Seq {
        elem: Elem,
        members: Option<Member>,
        /// First keys of the mapping members so far.
        first_keys: Vec<String>,
        count: usize,
    },
}

struct Frame<'g> {
    /// Column of this object's keys or list dashes.
    indent: usize,
    /// The key this object is the value of (empty for list members and the root).
    name: String,
    body: Body,
    /// The same object in the first pass's tree, when there is one.
    earlier: Option<&'g Node>,
    /// For free-form values (examples, defaults): the schema they are an instance of.
    guide: Option<&'g Node>,
    /// The input line of the last key placed in this object.
    last_key_line: Option<usize>,
}

impl<'g> Frame<'g> {
    fn map(kind: Kind, indent: usize, earlier: Option<&'g Node>, guide: Option<&'g Node>) -> Self {
        Frame {
            indent,
            name: String::new(),
            body: Body::Map {
                kind,
                keys: Keys::default(),
                ty: None,
                location: None,
                props: Vec::new(),
                required: Vec::new(),
            },
            earlier,
            guide,
            last_key_line: None,
        }
    }

    fn seq(elem: Elem, indent: usize, earlier: Option<&'g Node>, guide: Option<&'g Node>) -> Self {
        Frame {
            indent,
            name: String::new(),
            body: Body::Seq {
                elem,
                members: None,
                first_keys: Vec::new(),
                count: 0,
            },
            earlier,
            guide,
            last_key_line: None,
        }
    }

    fn kind(&self) -> Option<Kind> {
        match &self.body {
            Body::Map { kind, .. } => Some(*kind),
            Body::Seq { .. } => None,
        }
    }

    fn has_key(&self, key: &str) -> bool {
        matches!(&self.body, Body::Map { keys, .. } if keys.contains(key))
    }
}

struct OutLine {
    src: u32,
    added: i64,
    text: String,
}

/// A candidate object for a key: its stack index, penalty and what the value opens.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    index: usize,
    /// `fit` plus the soft rules' penalties.
    penalty: u8,
    /// How well the value's shape fits the field (0: a valid Swagger 2.0 reading).
    fit: u8,
    opens: Opens,
    /// The soft rule that first weighed against this object.
    why: Option<Why>,
    /// The soft rule that kept the key here although an enclosing object takes it too.
    kept: Option<Why>,
}

impl Candidate {
    fn new(index: usize, penalty: u8, opens: Opens) -> Self {
        Candidate {
            index,
            penalty,
            fit: penalty,
            opens,
            why: None,
            kept: None,
        }
    }
}

/// The soft rules' verdict on one candidate object.
#[derive(Default)]
struct Soft {
    penalty: u8,
    why: Option<Why>,
    kept: Option<Why>,
}

impl Soft {
    fn add(&mut self, why: Why) {
        self.add_by(1, why);
    }

    fn add_by(&mut self, penalty: u8, why: Why) {
        self.penalty += penalty;
        self.why.get_or_insert(why);
    }

    fn keep(&mut self, why: Why) {
        self.kept.get_or_insert(why);
    }
}

/// Why a soft rule placed a key against (or, for `kept`, despite) another valid reading.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Why {
    NotInExample,
    InExample,
    OuterField,
    ReferencedDefinition,
    RefSibling,
    XmlNamesDefinition,
    OtherType,
    RequiredUndeclared,
    ExampleKeys,
    RequiredHere,
    PascalCase,
    OuterRequires,
    OuterKeyword,
    BodyParameter,
    NonBodyParameter,
    PathParameters,
    ExtensionCompany,
    ExtensionHome,
    NotSwagger,
    KeywordName,
    ParallelSibling,
    ResemblesSibling,
    ExampleItems,
    SortedKeys,
    ValueFields,
    NotMediaType,
    ExtensionInExtension,
    ExtensionLooksLikeSibling,
    ExampleOfEnclosing,
    TitleNamesSchema,
    NoRequestBody,
}

impl Why {
    /// The rule, said of the object it weighed against (or, for `kept`, of the one it chose).
    fn says(self, key: &str) -> String {
        match self {
            Why::NotInExample => "the schema that example illustrates has no such property".into(),
            Why::InExample => "the schema that example illustrates has that property".into(),
            Why::OuterField => format!("an enclosing object takes `{key}` as one of its fields"),
            Why::ReferencedDefinition => {
                format!("`#/definitions/{key}` is referenced and not defined yet")
            }
            Why::RefSibling => "Swagger ignores the siblings of a `$ref`".into(),
            Why::XmlNamesDefinition => "its `name` is the enclosing definition's".into(),
            Why::OtherType => "the value does not suit that object's `type`".into(),
            Why::RequiredUndeclared => "it names properties that schema does not declare".into(),
            Why::ExampleKeys => "its keys are not that schema's properties".into(),
            Why::RequiredHere => "that schema's `required` list names it".into(),
            Why::PascalCase => {
                "a PascalCase name among camelCase properties reads as a new definition".into()
            }
            Why::OuterRequires => "an enclosing schema's `required` list names it".into(),
            Why::OuterKeyword => "that value cannot be a property's schema".into(),
            Why::BodyParameter => "a body parameter takes a `schema`, not this field".into(),
            Why::NonBodyParameter => "only a body parameter takes a `schema`".into(),
            Why::PathParameters => {
                "the operation has its responses and does not go on; the path takes it".into()
            }
            Why::ExtensionCompany => {
                "the extensions it goes with elsewhere are in an enclosing object".into()
            }
            Why::ExtensionHome => {
                "elsewhere in the document an enclosing kind of object holds it".into()
            }
            Why::ParallelSibling => {
                "an enclosing map's last member is written exactly like this one".into()
            }
            Why::ResemblesSibling => {
                "an enclosing map's last member is written like this one, key for key".into()
            }
            Why::ExampleItems => "its members do not fit that array's `items`".into(),
            Why::TitleNamesSchema => "the title names an enclosing schema".into(),
            Why::ExtensionLooksLikeSibling => {
                "its value is written like that object, so it is a sibling named `x-`".into()
            }
            Why::ExampleOfEnclosing => "its keys are the enclosing schema's properties".into(),
            Why::ValueFields => "its value has a field that such an object does not take".into(),
            Why::NotMediaType => "that object maps media types, and this is not one".into(),
            Why::SortedKeys => {
                "the spec's keys are sorted, and it sorts before that object's last key".into()
            }
            Why::ExtensionInExtension => {
                "an extension's value rarely holds extensions; the object around it takes them"
                    .into()
            }
            Why::NoRequestBody => {
                "that operation takes no request body, and does not go on after its responses"
                    .into()
            }
            Why::NotSwagger => "it is JSON Schema, not a Swagger 2.0 keyword".into(),
            Why::KeywordName => {
                format!("an enclosing schema takes `{key}` as a keyword, a rare property name")
            }
        }
    }
}

struct Pass<'a, 'g> {
    lines: &'a [&'a str],
    /// Names referenced as `#/definitions/NAME` anywhere in the document.
    referenced: &'a Referenced,
    /// `x-` keys that share a mapping in the first pass's document (see [`extension_pairs`]).
    extension_pairs: BTreeSet<(String, String)>,
    /// How often each kind of object holds each `x-` key in the first pass's document.
    extension_homes: HashMap<String, HashMap<Kind, usize>>,
    /// The first pass's document, for definitions and for examples' schemas.
    earlier_root: Option<&'g Node>,
    /// The file's keys look sorted (as tools that normalise specs write them; see
    /// [`keys_look_sorted`]): a key that sorts before the last key of an object belongs further
    /// out.
    sorted_keys: bool,
    stack: Vec<Frame<'g>>,
    out: Vec<OutLine>,
    diagnostics: Vec<Diagnostic>,
    /// Column for continuation lines of the last plain scalar, while one may continue.
    plain_continuation: Option<usize>,
    /// The text of the scalar value just written (for `type` and `in`).
    last_scalar: Option<String>,
    /// The line being placed.
    current: usize,
}

impl<'a, 'g> Pass<'a, 'g> {
    fn new(
        lines: &'a [&'a str],
        earlier_root: Option<&'g Node>,
        referenced: &'a Referenced,
    ) -> Self {
        Pass {
            lines,
            referenced,
            extension_pairs: BTreeSet::new(),
            extension_homes: HashMap::new(),
            earlier_root,
            sorted_keys: false,
            stack: vec![Frame::map(Kind::Root, 0, earlier_root, None)],
            out: Vec::with_capacity(lines.len() + 16),
            diagnostics: Vec::new(),
            plain_continuation: None,
            last_scalar: None,
            current: 0,
        }
    }

    fn run(mut self) -> Recovered {
        let mut i = 0;
        while i < self.lines.len() {
            i = self.line(i);
        }
        let mut text = String::with_capacity(
            self.out
                .iter()
                .map(|l| l.text.len() + l.added.max(0) as usize + 1)
                .sum(),
        );
        for l in &self.out {
            for _ in 0..l.added.max(0) {
                text.push(' ');
            }
            text.push_str(&l.text);
            text.push('\n');
        }
        Recovered {
            text,
            lines: self.out.iter().map(|l| (l.src, l.added)).collect(),
            diagnostics: self.diagnostics,
        }
    }

    fn emit(&mut self, src: usize, indent: usize, text: &str) {
        let original = self.lines[src];
        let lead = original.len() - original.trim_start().len();
        self.out.push(OutLine {
            src: src as u32 + 1,
            added: indent as i64 - lead as i64,
            text: text.to_string(),
        });
    }

    fn recovered(&mut self, src: usize, message: String, hint: &str) {
        let d = Diagnostic::warning("yaml.recovered", message)
            .at(Pos::new(src as u32 + 1, 1))
            .hint(hint);
        self.diagnostics.push(d);
    }

    /// Handles the line at `i`; returns the index of the next unhandled line.
    fn line(&mut self, i: usize) -> usize {
        self.current = i;
        let s = self.lines[i].trim();
        if self.stack.len() >= MAX_RECOVERED_DEPTH {
            // Placing a line looks at every open object: keep the nesting (and the time) bounded.
            self.stack.truncate(MAX_RECOVERED_DEPTH - 1);
            let warned = self
                .diagnostics
                .iter()
                .any(|d| d.message.contains("nests deeper"));
            if !warned {
                self.recovered(
                    i,
                    format!("the structure nests deeper than {MAX_RECOVERED_DEPTH} levels here"),
                    "deeper values were kept at this level",
                );
            }
        }
        match classify(s) {
            Line::Blank => {
                self.out.push(OutLine {
                    src: i as u32 + 1,
                    added: 0,
                    text: String::new(),
                });
                i + 1
            }
            Line::Comment => {
                let indent = self.stack.last().map_or(0, |f| f.indent);
                self.emit(i, indent, s);
                i + 1
            }
            Line::Marker => {
                self.plain_continuation = None;
                self.emit(i, 0, s);
                i + 1
            }
            Line::Text => self.text_line(i, s),
            Line::Key(key, rest) => {
                let shape = self.shape_of(i, rest);
                match self.place_key(&key, &shape) {
                    Some(c) => {
                        // The first pass's readings are provisional: only the final pass reports.
                        if self.earlier_root.is_some() {
                            self.report_ambiguity(i, &key, &shape, c);
                        }
                        self.key_line(i, c, &key, rest)
                    }
                    None => {
                        let c = self.fallback_key(&key, &shape);
                        self.recovered(
                            i,
                            format!("`{key}` fits no open object of the Swagger 2.0 grammar here"),
                            "the key was kept in the innermost object; check the structure `molde repair` prints",
                        );
                        self.key_line(i, c, &key, rest)
                    }
                }
            }
            Line::Item(rest) => self.item_line(i, rest),
        }
    }

    /// Reports a key that a soft rule placed against another valid reading: sent out of a
    /// nearer object that could take it, or kept in although an enclosing object could.
    fn report_ambiguity(&mut self, i: usize, key: &str, shape: &Shape, c: Candidate) {
        // The nearest object that takes the key validly and that only a doubtful rule turned
        // down. A free-form value against an object the grammar types is no contest.
        let nearer = (c.index + 1..self.stack.len())
            .rev()
            .filter_map(|k| self.fit_key(k, key, shape))
            .filter(|o| o.fit == 0 && !(o.opens == Opens::Map(Kind::Any) && c.opens != o.opens))
            .find_map(|o| {
                o.why
                    .filter(|&why| self.doubtful(why, o.index, key))
                    .map(|why| (o.index, why))
            });
        let (verb, other, why) = match (nearer, c.kept) {
            (Some((index, why)), _) => ("placed in", index, why),
            (None, Some(why)) if self.doubtful(why, c.index, key) => {
                let outer = (0..c.index).rev().find(|&j| {
                    self.stack[j]
                        .kind()
                        .is_some_and(|kind| takes_by_name(kind, key))
                        && self.fit_key(j, key, shape).is_some_and(|o| o.fit == 0)
                });
                match outer {
                    Some(j) => ("kept in", j, why),
                    None => return,
                }
            }
            (None, _) => return,
        };
        let line = self.lines[i];
        let column = line.len() - line.trim_start().len() + 1;
        let place = self.model_path(c.index);
        let place = if place.is_empty() {
            "the document's root".to_string()
        } else {
            format!("`{place}`")
        };
        let d = Diagnostic::warning(
            "yaml.recovered",
            format!(
                "`{key}` {verb} {place}, not in {}: {}",
                self.describe(other),
                why.says(key)
            ),
        )
        .at(Pos::new(i as u32 + 1, column as u32))
        .path(join_path(&self.model_path(c.index), key))
        .hint("both readings are valid Swagger 2.0; if the other one is meant, indent this part of the file by hand");
        self.diagnostics.push(d);
    }

    /// True when `frame` holds an `x-` key that shares a mapping with `key` elsewhere.
    fn holds_companion(&self, frame: &Frame<'g>, key: &str) -> bool {
        let Body::Map { keys, .. } = &frame.body else {
            return false;
        };
        keys.iter().filter(|k| k.starts_with("x-")).any(|k| {
            let pair = if k.as_str() < key {
                (k.clone(), key.to_string())
            } else {
                (key.to_string(), k.clone())
            };
            self.extension_pairs.contains(&pair)
        })
    }

    /// True when rule `why`, weighing on open object `index`, decided between two readings that
    /// are both valid and mean different things. Rules that follow from validity (an example
    /// must fit its schema, a `$ref` must resolve, `collectionFormat` needs an array) and the
    /// grammar's plain precedence (a fixed field over a free name) settle the question.
    fn doubtful(&self, why: Why, index: usize, key: &str) -> bool {
        match why {
            // Evidence from the document's habits, not from validity: the other reading is
            // as good Swagger, so say which one was taken.
            Why::InExample
            | Why::ExampleKeys
            | Why::OuterKeyword
            | Why::ResemblesSibling
            | Why::ExampleOfEnclosing
            | Why::NoRequestBody => true,
            // Both objects take the key by name.
            Why::OuterField => self.stack[index]
                .kind()
                .is_some_and(|kind| takes_by_name(kind, key)),
            // With the path's only operation, both readings mean the same parameters.
            Why::PathParameters => index > 0 && {
                let path = &self.stack[index - 1];
                let is_operation =
                    |k: &&String| grammar::field(Kind::PathItem, k) == Some(Expect::Obj(Kind::Operation));
                let operations = match &path.body {
                    Body::Map { keys, .. } => keys.iter().filter(is_operation).count(),
                    Body::Seq { .. } => 0,
                };
                operations > 1
            },
            // Naming evidence: a property reading would leave the reference dangling, or break
            // the properties' naming; reporting every definition after another would be noise.
            Why::ReferencedDefinition
            | Why::PascalCase
            // A `required` list or Swagger's ignoring a `$ref`'s siblings settles it.
            | Why::OuterRequires
            | Why::RefSibling
            | Why::NotInExample
            | Why::XmlNamesDefinition
            | Why::OtherType
            | Why::RequiredUndeclared
            | Why::RequiredHere
            | Why::BodyParameter
            | Why::NonBodyParameter
            | Why::ExtensionCompany
            | Why::ExtensionHome
            | Why::NotSwagger
            | Why::KeywordName
            | Why::ExampleItems
            | Why::SortedKeys
            | Why::NotMediaType
            | Why::ValueFields
            | Why::ExtensionLooksLikeSibling
            | Why::TitleNamesSchema
            | Why::ExtensionInExtension
            | Why::ParallelSibling => false,
        }
    }

    /// The model path of open object `index` (`definitions.A.properties.b`), from frame names.
    fn model_path(&self, index: usize) -> String {
        let mut path = String::new();
        for k in 1..=index.min(self.stack.len() - 1) {
            let part = match &self.stack[k - 1].body {
                Body::Seq { count, .. } => count.saturating_sub(1).to_string(),
                Body::Map { .. } => self.stack[k].name.clone(),
            };
            path = join_path(&path, &part);
        }
        path
    }

    /// Open object `index` as a reader names it: "property `x`", "definition `X`", or its path.
    fn describe(&self, index: usize) -> String {
        let frame = &self.stack[index];
        if index >= 2 && frame.kind() == Some(Kind::Schema) {
            let map = &self.stack[index - 1];
            if self.is_definitions(map) {
                return format!("definition `{}`", frame.name);
            }
            if map.name == "properties" && map.kind() == Some(Kind::SchemaMap) {
                return format!("property `{}`", frame.name);
            }
        }
        if index >= 1
            && frame.name == "properties"
            && frame.kind() == Some(Kind::SchemaMap)
            && self.stack[index - 1].kind() == Some(Kind::Schema)
        {
            return format!("the properties of {}", self.describe(index - 1));
        }
        match self.model_path(index) {
            p if p.is_empty() => "the document's root".to_string(),
            p => format!("`{p}`"),
        }
    }

    /// A line that is neither key nor list item: the continuation of a plain scalar, or noise.
    fn text_line(&mut self, i: usize, s: &str) -> usize {
        match self.plain_continuation {
            Some(col) => self.emit(i, col, s),
            None => {
                let indent = self.stack.last().map_or(0, |f| f.indent);
                self.emit(i, indent, &format!("# {s}"));
                self.recovered(
                    i,
                    "this line is not a key, a list item or the continuation of a value"
                        .to_string(),
                    "it was left out of the recovered document",
                );
            }
        }
        i + 1
    }

    /// The shape of the value that starts with `rest` on line `i`.
    fn shape_of(&self, i: usize, rest: &str) -> Shape {
        match value_start(rest) {
            Start::Open => self.lookahead(i),
            Start::Flow if strip_properties(rest).starts_with('{') => Shape::FlowMap,
            Start::Flow => Shape::FlowSeq,
            _ => Shape::Scalar,
        }
    }

    /// The shape of an empty value at line `i`, from the next meaningful line.
    fn lookahead(&self, i: usize) -> Shape {
        for s in &self.lines[i + 1..] {
            match classify(s.trim()) {
                Line::Blank | Line::Comment => continue,
                Line::Item(_) => return Shape::OpenSeq(self.list_scalars(i + 1)),
                Line::Key(k, rest) => {
                    let scalar = matches!(
                        value_start(rest),
                        Start::Plain | Start::Quoted(..) | Start::Block
                    );
                    return Shape::OpenMap(k, scalar);
                }
                Line::Text if s.trim().starts_with('{') => return Shape::FlowMap,
                Line::Text if s.trim().starts_with('[') => return Shape::FlowSeq,
                _ => return Shape::OpenNull,
            }
        }
        Shape::OpenNull
    }

    /// The innermost open object that can take `key` with a value of `shape`.
    fn place_key(&self, key: &str, shape: &Shape) -> Option<Candidate> {
        // A mapping just opened by look-ahead was opened for this very key: an empty value
        // followed by a key is a mapping whose first member is that key.
        let top = self.stack.len() - 1;
        if matches!(&self.stack[top].body, Body::Map { keys, .. } if keys.is_empty()) && top > 0 {
            if let Some(c) = self.fit_key(top, key, shape) {
                return Some(Candidate {
                    penalty: 0,
                    why: None,
                    ..c
                });
            }
        }
        let mut best: Option<Candidate> = None;
        for index in (0..self.stack.len()).rev() {
            let Some(c) = self.fit_key(index, key, shape) else {
                continue;
            };
            if c.penalty == 0 {
                return Some(c);
            }
            if best.is_none_or(|b| c.penalty < b.penalty) {
                best = Some(c);
            }
        }
        best
    }

    /// When nothing fits: the innermost mapping.
    fn fallback_key(&self, key: &str, shape: &Shape) -> Candidate {
        let index = self
            .stack
            .iter()
            .rposition(|f| f.kind().is_some())
            .unwrap_or(0);
        let kind = self.stack[index].kind().unwrap_or(Kind::Any);
        let opens = grammar::field(kind, key)
            .and_then(|e| fit_shape(e, shape))
            .or_else(|| fit_shape(Expect::Any, shape))
            .map_or(Opens::Leaf, |(_, o)| o);
        Candidate::new(index, 9, opens)
    }

    fn fit_key(&self, index: usize, key: &str, shape: &Shape) -> Option<Candidate> {
        let frame = &self.stack[index];
        let Body::Map {
            kind,
            keys,
            ty,
            location,
            props,
            ..
        } = &frame.body
        else {
            return None;
        };
        if keys.contains(key) {
            return None;
        }
        let (expect, json_schema_only) = match grammar::field(*kind, key) {
            Some(expect) => (expect, false),
            None if *kind == Kind::Schema => (grammar::json_schema_only_field(key)?, true),
            None => return None,
        };
        let (fit, opens) = fit_shape(expect, shape)?;
        let mut soft = Soft::default();
        // Not Swagger 2.0, but where the author wrote it: a schema (the check reports it later).
        if json_schema_only {
            soft.add(Why::NotSwagger);
        }
        let is_type = |t: &str| ty.as_deref() == Some(t);
        let has_ref = keys.contains("$ref");
        // An extension goes where the extensions it keeps company with are: `x-tag` after a
        // path's parameters joins the path's `x-name`, not the last parameter.
        if key.starts_with("x-")
            && !self.holds_companion(frame, key)
            && (0..index).any(|j| {
                let f = &self.stack[j];
                !f.has_key(key)
                    && f.kind().is_some_and(|k| grammar::field(k, key).is_some())
                    && self.holds_companion(f, key)
            })
        {
            soft.add(Why::ExtensionCompany);
        } else if key.starts_with("x-") && self.extension_looks_like_sibling(index, shape) {
            soft.add(Why::ExtensionLooksLikeSibling);
        } else if key.starts_with("x-")
            && known_extension_home(key).is_some_and(|home| {
                home != *kind
                    && (0..index)
                        .any(|j| self.stack[j].kind() == Some(home) && !self.stack[j].has_key(key))
            })
        {
            soft.add(Why::ExtensionHome);
        } else if key.starts_with("x-") && !self.holds_companion(frame, key) {
            // No company to go by: an enclosing kind of object that holds it more often.
            let homes = self.extension_homes.get(key);
            let count = |k: Kind| homes.and_then(|h| h.get(&k)).copied().unwrap_or(0);
            let here = count(*kind);
            if (0..index).any(|j| {
                let f = &self.stack[j];
                !f.has_key(key) && f.kind().is_some_and(|k| count(k) > here)
            }) {
                soft.add(Why::ExtensionHome);
            }
        }
        // In a spec whose keys are sorted, a key that sorts before this object's last key
        // starts again in an enclosing object.
        // The root is left out: tools that sort keys often put `swagger` and `info` first.
        if self.sorted_keys
            && *kind != Kind::Root
            && keys.last().is_some_and(|last| last.as_str() > key)
        {
            soft.add(Why::SortedKeys);
        }
        // In free-form values, a key whose value starts like this object's own (`request:`
        // then `application/json:` after `populateDefaults: {application/json: ...}`) is this
        // object's sibling.
        if *kind == Kind::Any
            && index > 0
            && matches!(self.stack[index - 1].kind(), Some(Kind::Any) | None)
            && matches!(shape, Shape::OpenMap(first, _) if keys.first() == Some(first))
        {
            soft.add(Why::ResemblesSibling);
        }
        // A named header (parameter, response) whose value goes on with a field that such an
        // object lacks and the objects of an enclosing map take (`headers` after
        // `202_verified: {description}`) is a member of that enclosing map.
        if let (Some(member), Shape::OpenMap(_, true)) = (member_kind(*kind), shape)
            && let Some(second) = self.second_key_of_value()
            && grammar::field(member, &second).is_none()
            && (0..index).any(|j| {
                self.stack[j]
                    .kind()
                    .and_then(member_kind)
                    .is_some_and(|m| m != member && grammar::is_fixed_field(m, &second))
                    && !self.stack[j].has_key(key)
            })
        {
            soft.add(Why::ValueFields);
        }
        // A map of media types (`application/json: ...`) takes no other names: `type` after it
        // is the enclosing object's.
        if matches!(kind, Kind::Any | Kind::Examples)
            && index > 0
            && !keys.is_empty()
            && keys.iter().all(|k| is_media_type(k))
            && !is_media_type(key)
        {
            soft.add(Why::NotMediaType);
        }
        match kind {
            Kind::Any | Kind::Examples => {
                if let Some(names) = self.guide_properties(frame.guide) {
                    if !names.iter().any(|n| n == key) {
                        soft.add_by(2, Why::NotInExample);
                    } else if self.outer_fixed_field(index, key, shape) {
                        soft.keep(Why::InExample);
                    }
                } else if self.outer_fixed_field(index, key, shape)
                    && !self.operation_field_recurs(index, key)
                {
                    soft.add(Why::OuterField);
                } else if self.starts_definition(index, key) {
                    soft.add(Why::ReferencedDefinition);
                } else if key.starts_with("x-") && self.extension_fits_outside(index, key) {
                    soft.add(Why::ExtensionInExtension);
                }
            }
            Kind::Schema => {
                // First, so that the reason reported is about the example's keys.
                if matches!(key, "example" | "default") {
                    // A mapping or a list is an instance only of an object or an array.
                    let instance_type = match shape {
                        Shape::OpenMap(..) | Shape::FlowMap => Some("object"),
                        Shape::OpenSeq(_) | Shape::FlowSeq => Some("array"),
                        _ => None,
                    };
                    let other_type =
                        instance_type.is_some_and(|t| ty.as_deref().is_some_and(|ty| ty != t));
                    if other_type {
                        soft.add(Why::OtherType);
                    }
                    // An array of scalars cannot take lists or mappings as members.
                    if matches!(shape, Shape::OpenSeq(_)) && is_type("array") {
                        let member_type = frame
                            .earlier
                            .and_then(|n| n.get("items"))
                            .and_then(|n| n.get("type"))
                            .and_then(Node::as_str);
                        if member_type.is_some_and(|t| !matches!(t, "array" | "object"))
                            && self.first_item_is_collection()
                        {
                            soft.add(Why::ExampleItems);
                        }
                    }
                    if let Shape::OpenMap(first, _) = shape {
                        let names = self.schema_property_names(frame, props);
                        if !other_type && !names.is_empty() && !names.iter().any(|n| n == first) {
                            soft.add(Why::ExampleKeys);
                        }
                        if names.is_empty() && has_ref && !self.ref_has_property(frame, first) {
                            soft.add(Why::ExampleKeys);
                        }
                    }
                }
                // Siblings of `$ref` are ignored by Swagger; authors still annotate a reference
                // with a description, but a `required` or `example` after it belongs further out.
                if has_ref
                    && !matches!(key, "description" | "title" | "readOnly")
                    && !key.starts_with("x-")
                {
                    soft.add(Why::RefSibling);
                }
                // An array's `items: {$ref}` followed by a description: the array's, which
                // authors annotate rather than the reference to its members' schema.
                if has_ref
                    && matches!(key, "description" | "title" | "readOnly")
                    && frame.name == "items"
                    && index > 0
                    && self.stack[index - 1].kind() == Some(Kind::Schema)
                    && !self.stack[index - 1].has_key(key)
                {
                    soft.add(Why::RefSibling);
                }
                // A parameter's or response's `schema: {$ref}` followed by a description: the
                // description is the parameter's (a response's is even required).
                if has_ref
                    && key == "description"
                    && index > 0
                    && matches!(
                        self.stack[index - 1].kind(),
                        Some(Kind::Parameter | Kind::Response)
                    )
                    && !self.stack[index - 1].has_key(key)
                {
                    soft.add(Why::RefSibling);
                }
                if key == "externalDocs"
                    && self.outer_fixed_field_outside_schemas(index, key, shape)
                {
                    soft.add(Why::OuterField);
                }
                if key == "xml" && self.names_enclosing_definition(index, &self.lines_after_key()) {
                    soft.add(Why::XmlNamesDefinition);
                }
                if key == "type" && !self.type_suits_keys(keys) {
                    soft.add(Why::OtherType);
                }
                if key == "title" && self.title_names_enclosing_schema(index) {
                    soft.add(Why::TitleNamesSchema);
                }
                if !suits_type(ty.as_deref(), key) {
                    soft.add(Why::OtherType);
                }
                if key == "required" {
                    let names = self.schema_property_names(frame, props);
                    let listed = self.listed_scalars(shape);
                    if !names.is_empty() && listed.iter().any(|n| !names.contains(n)) {
                        soft.add(Why::RequiredUndeclared);
                    }
                    if !listed.is_empty()
                        && listed.iter().any(|n| !names.contains(n))
                        && self.outer_schema_declares(index, &listed)
                    {
                        soft.add(Why::RequiredUndeclared);
                    }
                }
            }
            Kind::Headers
            | Kind::ParameterMap
            | Kind::ResponseMap
            | Kind::SecurityDefinitions
            | Kind::Scopes
            | Kind::SecurityRequirement
                if self.outer_fixed_field(index, key, shape) =>
            {
                soft.add(Why::OuterField);
            }
            Kind::SchemaMap if index > 0 && self.stack[index - 1].kind() == Some(Kind::Schema) => {
                // A `properties` map: a name the document refers to as a definition, or a
                // PascalCase name among camelCase properties, more likely starts a new definition.
                let definitions_open = self.stack[..index].iter().any(|f| {
                    f.kind() == Some(Kind::SchemaMap) && !f.has_key(key) && self.is_definitions(f)
                });
                let upper_sibling = keys
                    .iter()
                    .any(|k| k.chars().next().is_some_and(char::is_uppercase));
                let lower_sibling = keys
                    .iter()
                    .any(|k| k.chars().next().is_some_and(char::is_lowercase));
                // A schema keyword whose value cannot be a property's schema written out
                // (`properties: {}`) closes the map and belongs to an enclosing schema.
                let outer_keyword =
                    matches!(shape, Shape::FlowMap | Shape::FlowSeq | Shape::OpenNull)
                        && schema_takes_keyword(&self.stack[..index], key, shape);
                // The schema's own `required` list naming the key settles it: a property.
                let required = self.required_names(&self.stack[index - 1]).contains(key);
                // After a nested object's last property, a name that an enclosing schema with
                // its properties open requires (and this one does not) is that schema's.
                let outer_requires = !required
                    && (1..index - 1).any(|j| {
                        self.stack[j - 1].kind() == Some(Kind::Schema)
                            && self.stack[j].kind() == Some(Kind::SchemaMap)
                            && self.stack[j].name == "properties"
                            && !self.stack[j].has_key(key)
                            && self.required_names(&self.stack[j - 1]).contains(key)
                    });
                let keyword_name = self.keyword_of_open_schema(key, shape);
                // A value written exactly like the value of an enclosing map's last member is
                // that member's sibling (`self`, `html`, `avatar` links), not nested in it.
                let parallel = !self.repeats_last_value(&self.stack[index])
                    && (0..index).any(|j| {
                        self.stack[j].kind() == Some(Kind::SchemaMap)
                            && !self.stack[j].has_key(key)
                            && self.repeats_last_value(&self.stack[j])
                    });
                // Looser: written like it, give or take a keyword (`explicit` with its
                // `additionalProperties` after `implicit`).
                // (A closure: it compares lines, so it runs only when the rules before it pass.)
                let resembles = || {
                    !self.resembles_last_value(&self.stack[index])
                        && (0..index).any(|j| {
                            // Only among properties: a definition that starts like the one it
                            // follows is no evidence against a nested property.
                            self.stack[j].kind() == Some(Kind::SchemaMap)
                                && self.stack[j].name == "properties"
                                && !self.stack[j].has_key(key)
                                && self.resembles_last_value(&self.stack[j])
                        })
                };
                // `example: {description: x}` after the last property, whose keys are the
                // enclosing schema's properties, illustrates that schema.
                let example_of_enclosing = matches!(key, "example" | "default")
                    && matches!(shape, Shape::OpenMap(first, _)
                        if self
                            .schema_property_names(&self.stack[index - 1], match &self.stack[index - 1].body {
                                Body::Map { props, .. } => props,
                                Body::Seq { .. } => &[],
                            })
                            .contains(first));
                let referenced = self.starts_definition(index, key);
                let pascal =
                    definitions_open && is_pascal_case(key) && lower_sibling && !upper_sibling;
                if required && (referenced || pascal) {
                    soft.keep(Why::RequiredHere);
                }
                if required {
                    // Settled: only a keyword an enclosing object takes can still close the map.
                    if self.outer_fixed_field_outside_schemas(index, key, shape) {
                        soft.add(Why::OuterField);
                    } else if outer_keyword {
                        soft.add(Why::OuterKeyword);
                    }
                } else if keyword_name {
                    soft.add_by(2, Why::KeywordName);
                } else if example_of_enclosing {
                    soft.add(Why::ExampleOfEnclosing);
                } else if parallel {
                    soft.add(Why::ParallelSibling);
                } else if resembles() {
                    soft.add(Why::ResemblesSibling);
                } else if referenced {
                    soft.add(Why::ReferencedDefinition);
                } else if pascal {
                    soft.add(Why::PascalCase);
                } else if outer_requires {
                    soft.add(Why::OuterRequires);
                } else if self.outer_fixed_field_outside_schemas(index, key, shape) {
                    soft.add(Why::OuterField);
                } else if outer_keyword {
                    soft.add(Why::OuterKeyword);
                }
            }
            Kind::SchemaMap if self.keyword_of_open_schema(key, shape) => {
                soft.add_by(2, Why::KeywordName);
            }
            // `definitions`: a root field after the last definition (`externalDocs`) is the
            // root's, not a definition of that name.
            Kind::SchemaMap if self.outer_fixed_field_outside_schemas(index, key, shape) => {
                soft.add(Why::OuterField);
            }
            Kind::Parameter => {
                let body = location.as_deref() == Some("body");
                if body && grammar::field(Kind::Items, key).is_some() {
                    soft.add(Why::BodyParameter);
                } else if location.is_some() && !body && key == "schema" {
                    soft.add(Why::NonBodyParameter);
                }
                if has_ref {
                    soft.add(Why::RefSibling);
                }
            }
            // Parameters after an operation's responses, when the operation does not visibly go
            // on before the next operation or path, are usually the path's own.
            Kind::Operation
                if key == "parameters"
                    && matches!(shape, Shape::OpenSeq(_))
                    && keys.contains("responses")
                    && index > 0
                    && self.stack[index - 1].kind() == Some(Kind::PathItem)
                    && !self.stack[index - 1].has_key(key)
                    && !self.second_parameters_follow() =>
            {
                soft.add(Why::PathParameters);
            }
            // `consumes` after the responses of a GET or HEAD, which take no body, when the
            // operation does not visibly go on: the document's own media types.
            Kind::Operation
                if key == "consumes"
                    && matches!(frame.name.as_str(), "get" | "head")
                    && keys.contains("responses")
                    && self.outer_fixed_field(index, key, shape)
                    && !self.second_parameters_follow() =>
            {
                soft.add(Why::NoRequestBody);
            }
            Kind::Items | Kind::Header
                if ty.is_some()
                    && !is_type("array")
                    && matches!(
                        key,
                        "collectionFormat" | "items" | "minItems" | "maxItems" | "uniqueItems"
                    ) =>
            {
                soft.add(Why::OtherType);
            }
            _ => {}
        }
        // In an example, an empty value whose schema is a string (number, boolean) is null, not
        // a mapping of the keys after it (`Cashier ID:` then `Lane: "123"`).
        let opens = match (kind, opens) {
            (Kind::Any | Kind::Examples, Opens::Map(_))
                if self
                    .guide_member(frame.guide, key)
                    .map(|s| self.resolve(s))
                    .and_then(|s| s.get("type"))
                    .and_then(Node::as_str)
                    .is_some_and(|t| matches!(t, "string" | "integer" | "number" | "boolean")) =>
            {
                Opens::Leaf
            }
            (_, opens) => opens,
        };
        Some(Candidate {
            index,
            penalty: fit + soft.penalty,
            fit,
            opens,
            why: soft.why,
            kept: soft.kept,
        })
    }

    /// True when `key` is referenced as `#/definitions/key` and the open `definitions` below
    /// frame `index` does not hold it yet: the key most likely starts that definition.
    fn starts_definition(&self, index: usize, key: &str) -> bool {
        // `Name: {$ref: '#/definitions/Name'}` (maybe with a description, or as its `items`)
        // is a property that uses the definition; a definition's own fields come before any
        // `properties` in which it could refer to itself.
        let target = format!("/{key}");
        let uses_it = self
            .lines
            .iter()
            .skip(self.current + 1)
            .take(8)
            .map(|l| classify(l.trim()))
            .take_while(|l| match l {
                Line::Key(k, rest) => !rest.is_empty() || matches!(k.as_str(), "items" | "schema"),
                _ => false,
            })
            .any(|l| matches!(l, Line::Key(k, rest) if k == "$ref" && scalar_text(rest).ends_with(&target)));
        !uses_it
            && self.referenced.contains(key)
            && !self.referenced.defined_later(key, self.current)
            && self.stack[..index].iter().any(|f| {
                f.kind() == Some(Kind::SchemaMap) && !f.has_key(key) && self.is_definitions(f)
            })
    }

    /// True when a schema below frame `index` declares every name in `listed` as a property.
    fn outer_schema_declares(&self, index: usize, listed: &[String]) -> bool {
        (0..index).rev().any(|j| {
            let f = &self.stack[j];
            match &f.body {
                Body::Map {
                    kind: Kind::Schema,
                    props,
                    ..
                } => {
                    let names = self.schema_property_names(f, props);
                    listed.iter().all(|n| names.contains(n))
                }
                _ => false,
            }
        })
    }

    /// The names a schema frame's `required` list holds (this pass and the first).
    fn required_names<'f>(&self, frame: &'f Frame<'g>) -> BTreeSet<&'f str> {
        let mut names: BTreeSet<&'f str> = match &frame.body {
            Body::Map { required, .. } => required.iter().map(String::as_str).collect(),
            Body::Seq { .. } => Default::default(),
        };
        if let Some(list) = frame
            .earlier
            .and_then(|n| n.get("required"))
            .and_then(Node::as_seq)
        {
            names.extend(list.iter().filter_map(Node::as_str));
        }
        names
    }

    /// True when the value of `frame`'s last key (its lines up to the current one) is repeated
    /// line for line right after the current key.
    fn repeats_last_value(&self, frame: &Frame<'g>) -> bool {
        let Some(value) = frame
            .last_key_line
            .and_then(|last| self.lines.get(last + 1..self.current))
        else {
            return false;
        };
        let next = self.current + 1;
        value.len() >= 2
            && self.lines.len() >= next + value.len()
            && value
                .iter()
                .zip(&self.lines[next..])
                .all(|(a, b)| a.trim() == b.trim())
    }

    /// True when the value of `frame`'s last key is written again right after the current key,
    /// key for key, give or take a schema keyword in four lines (scalar values may differ; the
    /// property names may not): a sibling of that member rather than a member nested in it.
    fn resembles_last_value(&self, frame: &Frame<'g>) -> bool {
        let Some(value) = frame
            .last_key_line
            .and_then(|last| self.lines.get(last + 1..self.current))
        else {
            return false;
        };
        let n = value.len();
        if !(3..=MAX_RESEMBLED_LINES).contains(&n) {
            return false;
        }
        let slack = (n / 4).max(1);
        let from = (self.current + 1).min(self.lines.len());
        let to = (from + n + slack).min(self.lines.len());
        let next = &self.lines[from..to];
        if next.len() + slack < n {
            return false;
        }
        let a: Vec<String> = value.iter().map(|l| shape_key(l)).collect();
        let b: Vec<String> = next.iter().map(|l| shape_key(l)).collect();
        prefix_edit_distance(&a, &b, n - slack, slack) <= slack
    }

    /// True when `key` is a compound keyword name that takes a schema (`additionalProperties`,
    /// `allOf`) and an open schema can take it: after a nested object's last property such a
    /// name is a keyword far more often than a property or definition of that name.
    fn keyword_of_open_schema(&self, key: &str, shape: &Shape) -> bool {
        is_compound_keyword(key)
            && matches!(shape, Shape::OpenMap(..) | Shape::OpenSeq(_))
            && schema_takes_keyword(&self.stack, key, shape)
    }

    /// Like [`Self::outer_fixed_field`], but only objects that are not schemas count.
    fn outer_fixed_field_outside_schemas(&self, index: usize, key: &str, shape: &Shape) -> bool {
        (0..index).rev().any(|j| {
            let f = &self.stack[j];
            match f.kind() {
                Some(Kind::Schema | Kind::SchemaMap) | None => false,
                Some(kind) => {
                    takes_by_name(kind, key)
                        && !f.has_key(key)
                        && grammar::field(kind, key)
                            .and_then(|e| fit_shape(e, shape))
                            .is_some_and(|(p, _)| p == 0)
                }
            }
        })
    }

    /// True when `xml: {name: X}` names the definition that encloses frame `index` (so it
    /// describes that definition, not one of its properties).
    fn names_enclosing_definition(&self, index: usize, next: &Option<(String, String)>) -> bool {
        let Some((key, value)) = next else {
            return false;
        };
        if key != "name" || index < 2 {
            return false;
        }
        self.stack[..index]
            .iter()
            .any(|f| f.name == *value && f.kind() == Some(Kind::Schema))
    }

    /// False when the current line's `type: X` contradicts a schema's keys so far: an array
    /// with `properties` and no `items`, an object with `items` and no `properties`, a scalar
    /// type with either.
    fn type_suits_keys(&self, keys: &[String]) -> bool {
        let ty = match classify(self.lines[self.current].trim()) {
            Line::Key(_, rest) if !rest.is_empty() => scalar_text(rest),
            _ => return true,
        };
        let has = |k: &str| keys.iter().any(|x| x == k);
        match ty.as_str() {
            "array" => !has("properties") || has("items"),
            "object" => !has("items") || has("properties"),
            "string" | "integer" | "number" | "boolean" => !has("properties") && !has("items"),
            _ => true,
        }
    }

    /// True when the current line's `title: Song` names a schema enclosing open schema `index`
    /// (`json_Song`) and not the schema at `index` itself: the enclosing schema's title.
    fn title_names_enclosing_schema(&self, index: usize) -> bool {
        let normal = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let title = match classify(self.lines[self.current].trim()) {
            Line::Key(_, rest) if !rest.is_empty() => normal(&scalar_text(rest)),
            _ => return false,
        };
        let names = |j: usize| {
            let name = normal(&self.stack[j].name);
            !name.is_empty() && name.ends_with(&title)
        };
        title.len() >= 3
            && !names(index)
            && (0..index).any(|j| self.stack[j].kind() == Some(Kind::Schema) && names(j))
    }

    /// The key and scalar value of the line after the current one (`name: Category`).
    fn lines_after_key(&self) -> Option<(String, String)> {
        let s = self.lines.get(self.current + 1)?.trim();
        match classify(s) {
            Line::Key(k, rest) if !rest.is_empty() => Some((k, scalar_text(rest))),
            _ => None,
        }
    }

    /// True when `key`, a field of an operation, is written again before the next operation or
    /// path: this one is a free-form value's own (an API gateway integration's `responses`),
    /// the later one the operation's.
    fn operation_field_recurs(&self, index: usize, key: &str) -> bool {
        // The nearest enclosing object that takes the key by name must be an operation.
        let taker = (0..index).rev().find(|&j| {
            let f = &self.stack[j];
            f.kind().is_some_and(|k| takes_by_name(k, key)) && !f.has_key(key)
        });
        if taker.is_none_or(|j| self.stack[j].kind() != Some(Kind::Operation)) {
            return false;
        }
        // Only a field no object inside an operation takes as well: a later `description`
        // may be a response's, a later `responses` is the operation's.
        let inner_kinds = [
            Kind::Parameter,
            Kind::Response,
            Kind::Header,
            Kind::Schema,
            Kind::Items,
        ];
        if inner_kinds
            .iter()
            .any(|&k| grammar::field(k, key).is_some())
        {
            return false;
        }
        for s in self.lines.iter().skip(self.current + 1).take(5000) {
            if let Line::Key(k, _) = classify(s.trim()) {
                if k == key {
                    return true;
                }
                if k.starts_with('/')
                    || matches!(
                        k.as_str(),
                        "get" | "put" | "post" | "delete" | "options" | "head" | "patch"
                    )
                    || grammar::is_fixed_field(Kind::Root, &k)
                {
                    return false;
                }
            }
        }
        false
    }

    /// True when the operation visibly goes on (another `parameters`, or a field only an
    /// operation has) before the next operation or path.
    fn second_parameters_follow(&self) -> bool {
        for s in self.lines.iter().skip(self.current + 1).take(5000) {
            if let Line::Key(k, _) = classify(s.trim()) {
                match k.as_str() {
                    // Fields only an operation has: the operation goes on after the list.
                    "parameters" | "tags" | "security" | "operationId" | "summary" | "consumes"
                    | "produces" | "schemes" | "deprecated" | "responses" => return true,
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch"
                    | "definitions" | "paths" => return false,
                    _ if k.starts_with('/') => return false,
                    _ => {}
                }
            }
        }
        false
    }

    /// True when open object `index` is a header (parameter, response) in a map of them, and an
    /// `x-` key's value starts with a field of such an object: a sibling named `x-jwt-ttl`, not
    /// an extension of this one.
    fn extension_looks_like_sibling(&self, index: usize, shape: &Shape) -> bool {
        let (Some(kind), Shape::OpenMap(first, _)) = (self.stack[index].kind(), shape) else {
            return false;
        };
        index > 0
            && self.stack[index - 1]
                .kind()
                .and_then(member_kind)
                .is_some_and(|m| m == kind)
            && grammar::is_fixed_field(kind, first)
    }

    /// True when frame `index` lies in the value of an `x-` extension and an object with fixed
    /// fields outside that value can take the extension `key` (`x-origin` after `x-logo`'s `url`
    /// is `info`'s).
    fn extension_fits_outside(&self, index: usize, key: &str) -> bool {
        let Some(extension) = (1..=index).find(|&j| self.stack[j].name.starts_with("x-")) else {
            return false;
        };
        (0..extension).rev().any(|j| {
            let f = &self.stack[j];
            f.kind().is_some_and(|k| !grammar::is_open(k)) && !f.has_key(key)
        })
    }

    /// The value's second key (`headers:` after `description: x`), when its first line is a key
    /// with a one-line scalar value.
    fn second_key_of_value(&self) -> Option<String> {
        // The first line must hold its whole value (not open a block scalar).
        match classify(self.lines.get(self.current + 1)?.trim()) {
            Line::Key(_, rest)
                if matches!(value_start(rest), Start::Plain | Start::Quoted(_, true)) => {}
            _ => return None,
        }
        match classify(self.lines.get(self.current + 2)?.trim()) {
            Line::Key(k, _) => Some(k),
            _ => None,
        }
    }

    /// True when the first member of the list that opens after the current line is itself a
    /// list or a mapping.
    fn first_item_is_collection(&self) -> bool {
        let next = self.lines[self.current + 1..]
            .iter()
            .map(|l| classify(l.trim()))
            .find(|l| !matches!(l, Line::Blank | Line::Comment));
        match next {
            Some(Line::Item(rest)) => {
                rest.is_empty()
                    || rest.starts_with(['[', '{', '-'])
                    || matches!(classify(rest), Line::Key(..))
            }
            _ => false,
        }
    }

    /// True when `frame` is the document's `definitions` (a schema map right under the root).
    fn is_definitions(&self, frame: &Frame<'g>) -> bool {
        std::ptr::eq(frame, &self.stack[1.min(self.stack.len() - 1)])
            && self.stack[0].kind() == Some(Kind::Root)
    }

    /// True when an object below `index` (not free-form) takes `key` as one of its fixed fields.
    fn outer_fixed_field(&self, index: usize, key: &str, shape: &Shape) -> bool {
        (0..index).rev().any(|j| {
            let f = &self.stack[j];
            match f.kind() {
                Some(kind) if takes_by_name(kind, key) && !f.has_key(key) => {
                    grammar::field(kind, key)
                        .and_then(|e| fit_shape(e, shape))
                        .is_some_and(|(p, _)| p == 0)
                }
                _ => false,
            }
        })
    }

    /// The property names a schema frame is known to declare (this pass and the first).
    fn schema_property_names(&self, frame: &Frame<'g>, props: &[String]) -> Vec<String> {
        let mut names = props.to_vec();
        if let Some(earlier) = self.guide_properties(frame.earlier) {
            names.extend(earlier);
        }
        names
    }

    /// True when the schema a `$ref` frame points at (first pass) declares `name`.
    fn ref_has_property(&self, frame: &Frame<'g>, name: &str) -> bool {
        self.guide_properties(frame.earlier)
            .is_some_and(|names| names.iter().any(|n| n == name))
    }

    /// The scalars of a list given by its shape (for `required`).
    fn listed_scalars(&self, shape: &Shape) -> Vec<String> {
        match shape {
            Shape::OpenSeq(items) => items.clone(),
            _ => Vec::new(),
        }
    }

    /// The scalar members of the list whose first line is at or after `from`.
    fn list_scalars(&self, from: usize) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.lines[from..] {
            match classify(s.trim()) {
                Line::Blank | Line::Comment => continue,
                Line::Item(rest)
                    if matches!(value_start(rest), Start::Plain | Start::Quoted(_, true))
                        && !matches!(classify(rest), Line::Key(..)) =>
                {
                    out.push(scalar_text(rest));
                }
                _ => break,
            }
        }
        out
    }

    /// The first pass's definitions, for following `$ref`s in its document.
    fn definitions(&self) -> Definitions<'g> {
        Definitions::of(self.earlier_root)
    }

    /// Property names of a schema of the first pass, following `$ref` and `allOf`.
    fn guide_properties(&self, schema: Option<&'g Node>) -> Option<Vec<String>> {
        let names: Vec<String> = self
            .definitions()
            .with_all_of(schema?)
            .filter_map(|s| s.get("properties").and_then(Node::as_map))
            .flat_map(|props| props.iter().map(|e| e.key.clone()))
            .collect();
        if names.is_empty() { None } else { Some(names) }
    }

    /// Follows `$ref: '#/definitions/X'` in the first pass's document.
    fn resolve(&self, schema: &'g Node) -> &'g Node {
        self.definitions().resolve(schema)
    }

    /// The schema of member `key` of an instance of `schema`.
    fn guide_member(&self, schema: Option<&'g Node>, key: &str) -> Option<&'g Node> {
        self.definitions()
            .with_all_of(schema?)
            .find_map(|s| s.get("properties").and_then(|p| p.get(key)))
    }

    /// The schema of the members of an array `schema`.
    fn guide_items(&self, schema: Option<&'g Node>) -> Option<&'g Node> {
        self.resolve(schema?).get("items")
    }

    /// Places `key` (line `i`) in the chosen object, emits it and opens its value.
    fn key_line(&mut self, i: usize, c: Candidate, key: &str, rest: &str) -> usize {
        self.stack.truncate(c.index + 1);
        self.plain_continuation = None;
        let indent = self.stack[c.index].indent;
        let next = self.write_key(i, indent, rest);
        self.open_after_key(c.index, key, c.opens, indent);
        next
    }

    /// Records `key` in frame `index` and pushes the object its value opens.
    fn open_after_key(&mut self, index: usize, key: &str, opens: Opens, indent: usize) {
        let parent_is_schema = index > 0 && self.stack[index - 1].kind() == Some(Kind::Schema);
        let earlier = self.stack[index].earlier.and_then(|n| n.get(key));
        let guide = self.child_guide(index, key);
        let value_text = self.last_scalar.take();
        let listed = if key == "required" {
            self.list_scalars(self.current + 1)
        } else {
            Vec::new()
        };
        {
            let frame = &mut self.stack[index];
            if let Body::Map {
                kind,
                keys,
                ty,
                location,
                required,
                ..
            } = &mut frame.body
            {
                keys.push(key.to_string());
                frame.last_key_line = Some(self.current);
                if *kind == Kind::Schema && key == "required" {
                    *required = listed;
                }
                if matches!(
                    kind,
                    Kind::Schema | Kind::Parameter | Kind::Items | Kind::Header
                ) && key == "type"
                {
                    *ty = value_text.clone();
                }
                if *kind == Kind::Parameter && key == "in" {
                    *location = value_text;
                }
            }
        }
        // A name placed in `properties` is a property of the schema below it.
        if parent_is_schema && self.stack[index].kind() == Some(Kind::SchemaMap) {
            if let Body::Map { props, .. } = &mut self.stack[index - 1].body {
                props.push(key.to_string());
            }
        }
        let child_indent = indent + 2;
        let mut child = match opens {
            Opens::Map(kind) => Frame::map(kind, child_indent, earlier, guide),
            Opens::Seq(elem) => Frame::seq(elem, child_indent, earlier, guide),
            Opens::Leaf => return,
        };
        child.name = key.to_string();
        self.stack.push(child);
    }

    /// The schema that free-form values under `key` of frame `index` are instances of.
    fn child_guide(&self, index: usize, key: &str) -> Option<&'g Node> {
        let frame = &self.stack[index];
        match frame.kind()? {
            Kind::Schema if matches!(key, "example" | "default") => frame.earlier,
            Kind::Response if key == "examples" => frame.earlier.and_then(|r| r.get("schema")),
            Kind::Examples => frame.guide,
            Kind::Any => self.guide_member(frame.guide, key),
            _ => None,
        }
    }

    /// Writes the key line `i` at `indent`, with a multi-line value; returns the next line index.
    fn write_key(&mut self, i: usize, indent: usize, rest: &str) -> usize {
        let line = self.lines[i].trim();
        // The key's own text, up to and including the colon, is kept as written.
        let head_len = line.len() - line_rest_len(line, rest);
        let head = &line[..head_len];
        self.write_value(i, indent, "", head, rest)
    }

    /// Writes a value that starts on line `i` after `head` (`key:` or `-`), at `indent`.
    fn write_value(
        &mut self,
        i: usize,
        indent: usize,
        prefix: &str,
        head: &str,
        rest: &str,
    ) -> usize {
        let value_col = indent + prefix.len() + 2;
        self.last_scalar = None;
        match value_start(rest) {
            Start::Open => {
                self.emit(i, indent, self.lines[i].trim());
                // A flow collection that opens on the next line (`example:` then `{`).
                match self.lines.get(i + 1).map(|l| l.trim()) {
                    Some(next) if prefix.is_empty() && next.starts_with(['{', '[']) => {
                        self.write_flow(i + 1, indent + 2, "", next)
                    }
                    _ => i + 1,
                }
            }
            Start::Plain => {
                self.last_scalar = Some(scalar_text(rest));
                self.emit(i, indent, self.lines[i].trim());
                self.plain_continuation = Some(value_col);
                i + 1
            }
            Start::Quoted(q, true) => {
                if let Some(end) = closing_quote(rest, 1, q) {
                    let raw = &rest[1..end];
                    self.last_scalar = Some(if q == b'\'' {
                        raw.replace("''", "'")
                    } else {
                        unescape_double(raw)
                    });
                }
                self.emit(i, indent, self.lines[i].trim());
                i + 1
            }
            Start::Quoted(q, false) => {
                self.write_multiline_quoted(i, indent, prefix, head, rest, q)
            }
            Start::Block => self.write_block(i, indent, prefix, head, rest),
            Start::Flow => self.write_flow(i, indent, prefix, rest),
        }
    }

    /// A quoted scalar over several lines becomes a literal block, so that its line breaks (the
    /// rows of a catalogue table, say) survive as the author wrote them.
    fn write_multiline_quoted(
        &mut self,
        i: usize,
        indent: usize,
        prefix: &str,
        head: &str,
        rest: &str,
        q: u8,
    ) -> usize {
        let mut parts: Vec<(usize, String)> = vec![(i, rest[1..].to_string())];
        let mut j = i + 1;
        let mut closed_at = None;
        while j < self.lines.len() {
            let s = self.lines[j].trim();
            if let Some(end) = closing_quote(s, 0, q) {
                parts.push((j, s[..end].to_string()));
                closed_at = Some((j, s[end + 1..].trim().to_string()));
                break;
            }
            parts.push((j, s.to_string()));
            j += 1;
        }
        let Some((last, tail)) = closed_at else {
            self.diagnostics.push(
                Diagnostic::error("yaml.syntax", "this quoted value is never closed")
                    .at(Pos::new(i as u32 + 1, 1))
                    .hint("add the closing quote"),
            );
            self.emit(i, indent, &format!("{prefix}{}", self.lines[i].trim()));
            for k in i + 1..self.lines.len() {
                self.emit(k, indent + 2, self.lines[k].trim());
            }
            return self.lines.len();
        };
        if !tail.is_empty() && !tail.starts_with('#') {
            self.recovered(
                last,
                format!("unexpected text after the closing quote: `{tail}`"),
                "it was dropped",
            );
        }
        // Unescape, keep line breaks, drop the empty first/last lines the quote placement leaves.
        let mut texts: Vec<(usize, String)> = Vec::new();
        let mut carry = String::new();
        for (src, raw) in parts {
            let mut t = if q == b'\'' {
                raw.replace("''", "'")
            } else {
                raw
            };
            if q == b'"' {
                // A backslash at the end of a line joins it to the next without a break.
                if t.ends_with('\\') && !t.ends_with("\\\\") {
                    t.pop();
                    carry.push_str(&t);
                    continue;
                }
                t = unescape_double(&format!("{carry}{t}"));
                carry.clear();
            }
            for piece in t.split('\n') {
                texts.push((src, piece.trim_end().to_string()));
            }
        }
        while texts.first().is_some_and(|(_, t)| t.trim().is_empty()) {
            texts.remove(0);
        }
        while texts.last().is_some_and(|(_, t)| t.trim().is_empty()) {
            texts.pop();
        }
        let value: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        self.last_scalar = Some(value.join("\n"));
        let printable = texts
            .iter()
            .all(|(_, t)| t.chars().all(|c| c == '\t' || !c.is_control()));
        let head = head.trim_end();
        if texts.is_empty() {
            self.emit(i, indent, &format!("{prefix}{head} ''"));
        } else if !printable {
            let json = serde_json::to_string(&value.join("\n")).unwrap_or_else(|_| "''".into());
            self.emit(i, indent, &format!("{prefix}{head} {json}"));
        } else {
            self.emit(i, indent, &format!("{prefix}{head} |-"));
            let col = indent + prefix.len() + 2;
            for (src, t) in &texts {
                let t = t.trim_start();
                self.emit(*src, col, t);
            }
        }
        last + 1
    }

    /// A block scalar (`|`, `>`): its content runs until a line that fits the structure again.
    fn write_block(
        &mut self,
        i: usize,
        indent: usize,
        prefix: &str,
        head: &str,
        rest: &str,
    ) -> usize {
        // Drop an explicit indentation indicator: we choose the indentation.
        let indicator: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace())
            .filter(|c| !c.is_ascii_digit())
            .collect();
        self.emit(
            i,
            indent,
            &format!("{prefix}{} {indicator}", head.trim_end()),
        );
        let col = indent + prefix.len() + 2;
        let mut j = i + 1;
        // Brackets left open by JSON in the block: inside them a `"key": value` line is the
        // JSON's, however well it would fit the structure.
        let mut json_depth = 0i64;
        let mut comments_end_block: Option<bool> = None;
        while j < self.lines.len() {
            let s = self.lines[j].trim();
            let in_json = json_depth > 0 && s.starts_with('"');
            if !s.is_empty() && !in_json && self.fits_structure(j, s) {
                break;
            }
            // Comment lines right before a line that ends the block are the structure's (a
            // markdown heading in the block is followed by its prose instead). Decided once for
            // a run of comment lines.
            if s.starts_with('#') && json_depth == 0 {
                if comments_end_block.is_none() {
                    let after = (j..self.lines.len()).find(|&k| {
                        let t = self.lines[k].trim();
                        !t.is_empty() && !t.starts_with('#')
                    });
                    comments_end_block =
                        Some(after.is_none_or(|k| self.fits_structure(k, self.lines[k].trim())));
                }
                if comments_end_block == Some(true) {
                    break;
                }
            } else if !s.is_empty() {
                comments_end_block = None;
            }
            json_depth = (json_depth + bracket_balance(s)).max(0);
            self.emit(j, col, s);
            j += 1;
        }
        j
    }

    /// True when line `j` reads naturally as the next key or list item of the open objects.
    fn fits_structure(&self, j: usize, s: &str) -> bool {
        match classify(s) {
            Line::Key(key, rest) => {
                // JSON inside a block (`"id": 1,`, `"links": [`) is content, not structure.
                if rest.ends_with(',')
                    || (rest.starts_with(['{', '[']) && !flow_closes_on_line(rest))
                {
                    return false;
                }
                // Prose (`or modified. The `Kind` can be one of:`) reads as a key too; a name
                // with spaces or backquotes only ends the block where it is a fixed field.
                let prose = key.contains([' ', '`', '\t']);
                let shape = self.shape_of(j, rest);
                let fits = self.place_key(&key, &shape).is_some_and(|c| {
                    let kind = self.stack[c.index].kind();
                    c.penalty == 0
                        && (kind != Some(Kind::Examples) || is_media_type(&key))
                        && (!prose || kind.is_some_and(|k| grammar::is_fixed_field(k, &key)))
                });
                // A media type's example may hold any key; the block still ends at a key that
                // an enclosing object takes by name (the next status code of `responses`).
                fits || (!prose
                    && (0..self.stack.len()).rev().any(|index| {
                        self.stack[index].kind().is_some_and(|k| {
                            !matches!(k, Kind::Examples | Kind::Any) && takes_by_name(k, &key)
                        }) && self
                            .fit_key(index, &key, &shape)
                            .is_some_and(|c| c.penalty == 0)
                    }))
            }
            Line::Item(rest) => self.place_item(j, rest).is_some_and(|c| c.penalty == 0),
            Line::Marker => s.starts_with("---"),
            _ => false,
        }
    }

    /// A flow collection (`[...]`, `{...}`) may span lines: copy them until the brackets balance.
    fn write_flow(&mut self, i: usize, indent: usize, prefix: &str, rest: &str) -> usize {
        let col = indent + prefix.len() + 2;
        let mut depth = 0i64;
        let mut quote: Option<u8> = None;
        let mut j = i;
        loop {
            let s = self.lines[j].trim();
            let start = if j == i { s.len() - rest.len() } else { 0 };
            for (k, b) in s.bytes().enumerate().skip(start) {
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None => match b {
                        b'\'' | b'"'
                            if k == 0
                                || matches!(
                                    s.as_bytes()[k - 1],
                                    b' ' | b'[' | b'{' | b',' | b':'
                                ) =>
                        {
                            quote = Some(b)
                        }
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' => depth -= 1,
                        _ => {}
                    },
                }
            }
            if j == i {
                self.emit(j, indent, s);
            } else {
                self.emit(j, col, s);
            }
            j += 1;
            if depth <= 0 || j >= self.lines.len() {
                break;
            }
        }
        j
    }

    /// Which open list takes the item `- rest` at line `i`.
    fn place_item(&self, i: usize, rest: &str) -> Option<Candidate> {
        let member = self.member_of(i, rest);
        let first_key = match classify(rest) {
            Line::Key(k, _) => Some(k),
            _ => None,
        };
        let mut best: Option<Candidate> = None;
        for index in (0..self.stack.len()).rev() {
            let frame = &self.stack[index];
            let Body::Seq {
                elem,
                members,
                first_keys,
                ..
            } = &frame.body
            else {
                continue;
            };
            let mut penalty = match (elem, member) {
                (Elem::Scalar, Member::Scalar) => 0,
                (Elem::Scalar, _) => continue,
                (Elem::Obj(kind), Member::Map) => match &first_key {
                    Some(k) if grammar::field(*kind, k).is_none() => 1,
                    _ => 0,
                },
                (Elem::Obj(_), _) => continue,
                (Elem::Any, _) => 0,
            };
            if members.is_some_and(|m| m != member) {
                penalty += 1;
            }
            if let (Member::Map, Some(k)) = (member, &first_key) {
                if *elem == Elem::Any {
                    if let Some(names) = self.guide_properties(self.guide_items(frame.guide)) {
                        if !names.contains(k) {
                            penalty += 1;
                        }
                    } else if !first_keys.is_empty() && !first_keys.contains(k) {
                        penalty += 1;
                    }
                }
            }
            let opens = match member {
                Member::Map => Opens::Map(match elem {
                    Elem::Obj(kind) => *kind,
                    _ => Kind::Any,
                }),
                Member::Seq => Opens::Seq(Elem::Any),
                Member::Scalar => Opens::Leaf,
            };
            let c = Candidate::new(index, penalty, opens);
            if penalty == 0 {
                return Some(c);
            }
            if best.is_none_or(|b| c.penalty < b.penalty) {
                best = Some(c);
            }
        }
        best
    }

    /// The kind of member `- rest` is.
    fn member_of(&self, i: usize, rest: &str) -> Member {
        match classify(rest) {
            Line::Key(..) => Member::Map,
            Line::Item(_) => Member::Seq,
            Line::Blank => match self.lookahead(i) {
                Shape::OpenMap(..) => Member::Map,
                _ => Member::Scalar,
            },
            _ => Member::Scalar,
        }
    }

    fn item_line(&mut self, i: usize, rest: &str) -> usize {
        let c = match self.place_item(i, rest) {
            Some(c) => c,
            None => {
                // No list is open that could take it: the previous key's value may have been a
                // scalar written like a list. Keep it in the innermost list, or give up on it.
                match self
                    .stack
                    .iter()
                    .rposition(|f| matches!(f.body, Body::Seq { .. }))
                {
                    Some(index) => Candidate::new(index, 9, Opens::Leaf),
                    None => {
                        let s = self.lines[i].trim().to_string();
                        self.plain_continuation = None;
                        return self.text_line(i, &s);
                    }
                }
            }
        };
        self.stack.truncate(c.index + 1);
        self.plain_continuation = None;
        let member = self.member_of(i, rest);
        let indent = self.stack[c.index].indent;
        let (item_earlier, item_guide) = {
            let frame = &self.stack[c.index];
            let count = match &frame.body {
                Body::Seq { count, .. } => *count,
                Body::Map { .. } => 0,
            };
            let earlier = frame
                .earlier
                .and_then(Node::as_seq)
                .and_then(|s| s.get(count));
            (earlier, self.guide_items(frame.guide))
        };
        if let Body::Seq {
            members,
            first_keys,
            count,
            ..
        } = &mut self.stack[c.index].body
        {
            *members = Some(member);
            *count += 1;
            if let Line::Key(k, _) = classify(rest) {
                first_keys.push(k);
            }
        }
        match (classify(rest), c.opens) {
            (Line::Key(key, krest), Opens::Map(kind)) => {
                // `- key: value`: a mapping member whose first key is on the dash's line.
                self.stack
                    .push(Frame::map(kind, indent + 2, item_earlier, item_guide));
                let index = self.stack.len() - 1;
                let shape = self.shape_of(i, krest);
                let expect = grammar::field(kind, &key).unwrap_or(Expect::Any);
                let opens = fit_shape(expect, &shape)
                    .or_else(|| fit_shape(Expect::Any, &shape))
                    .map_or(Opens::Leaf, |(_, o)| o);
                let line = self.lines[i].trim();
                let after_dash = line[1..].trim_start();
                let head_len = after_dash.len() - line_rest_len(after_dash, krest);
                let head = after_dash[..head_len].to_string();
                let next = self.write_value(i, indent, "- ", &head, krest);
                self.open_after_key(index, &key, opens, indent + 2);
                next
            }
            (Line::Blank, Opens::Map(kind)) => {
                self.emit(i, indent, "-");
                self.stack
                    .push(Frame::map(kind, indent + 2, item_earlier, item_guide));
                i + 1
            }
            (Line::Item(_), _) => {
                // `- - x`: a list inside a list, whose first member shares the line.
                let mut nested = Frame::seq(Elem::Any, indent + 2, item_earlier, item_guide);
                if let Body::Seq { members, count, .. } = &mut nested.body {
                    *members = Some(Member::Scalar);
                    *count = 1;
                }
                self.stack.push(nested);
                self.emit(i, indent, self.lines[i].trim());
                i + 1
            }
            _ => self.write_value(i, indent, "", "-", rest),
        }
    }
}

/// True when one of the schemas among `frames` takes `key` as a keyword it does not have yet,
/// suited to its `type`, with a value of `shape` that fits naturally (JSON-Schema-only keywords
/// included).
fn schema_takes_keyword(frames: &[Frame<'_>], key: &str, shape: &Shape) -> bool {
    frames.iter().any(|f| match &f.body {
        Body::Map {
            kind: Kind::Schema,
            keys,
            ty,
            ..
        } => {
            !keys.contains(key)
                && suits_type(ty.as_deref(), key)
                && grammar::field(Kind::Schema, key)
                    .or_else(|| grammar::json_schema_only_field(key))
                    .and_then(|e| fit_shape(e, shape))
                    .is_some_and(|(p, _)| p == 0)
        }
        _ => false,
    })
}

/// True for a schema keyword written as two words run together (`additionalProperties`,
/// `allOf`) that takes a schema or a list of them: API members are rarely named so.
fn is_compound_keyword(key: &str) -> bool {
    let structured = |e: Expect| !matches!(e, Expect::Scalar | Expect::ScalarOrList | Expect::Any);
    key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key.chars().any(|c| c.is_ascii_uppercase())
        && grammar::field(Kind::Schema, key)
            .or_else(|| grammar::json_schema_only_field(key))
            .is_some_and(structured)
}

/// False when `key` is a keyword only for another `type` of schema than `ty` (`items` of a
/// string); an untyped schema takes every keyword.
fn suits_type(ty: Option<&str>, key: &str) -> bool {
    let only_for = match key {
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "minProperties"
        | "maxProperties"
        | "discriminator"
        | "dependencies"
        | "propertyNames" => "object",
        "items" | "additionalItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" => {
            "array"
        }
        _ => return true,
    };
    ty.is_none_or(|t| t == only_for)
}

/// How well a mapping whose first member is `first` (with a scalar value or not) fits `kind`.
fn first_member_penalty(kind: Kind, first: &str, scalar: bool) -> u8 {
    // A map of named parameters, responses or headers whose first name is a field of the
    // objects it holds (`parameters: {items: ...}`) is more likely one such object.
    if member_kind(kind).is_some_and(|m| grammar::is_fixed_field(m, first)) {
        return 1;
    }
    match grammar::field(kind, first) {
        None => 1,
        Some(Expect::Obj(_) | Expect::List(_) | Expect::ObjOrList(_)) if scalar => 1,
        Some(Expect::Scalar) if !scalar => 1,
        Some(_) => 0,
    }
}

/// `path.key`, or `key` at the root.
fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// True when `kind` takes `key` because of its name: a fixed field, or a path or status code.
fn takes_by_name(kind: Kind, key: &str) -> bool {
    grammar::is_fixed_field(kind, key)
        || (matches!(kind, Kind::Paths | Kind::Responses)
            && !key.starts_with("x-")
            && grammar::field(kind, key).is_some())
}

/// True when the flow collection that `rest` opens is closed on the same line.
fn flow_closes_on_line(rest: &str) -> bool {
    let mut depth = 0i64;
    let mut quote = None;
    for b in rest.bytes() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth -= 1,
                _ => {}
            },
        }
    }
    depth <= 0
}

/// The text of a one-line scalar, unquoted.
fn scalar_text(rest: &str) -> String {
    let rest = rest.trim();
    match rest.as_bytes().first() {
        Some(&q @ (b'\'' | b'"')) => match closing_quote(rest, 1, q) {
            Some(end) if q == b'\'' => rest[1..end].replace("''", "'"),
            Some(end) => unescape_double(&rest[1..end]),
            None => rest.to_string(),
        },
        _ => rest.split(" #").next().unwrap_or(rest).trim().to_string(),
    }
}

/// Length of `rest` inside `line` (rest is a suffix of the trimmed line, maybe without a comment).
fn line_rest_len(line: &str, rest: &str) -> usize {
    if rest.is_empty() {
        // The value is empty: the head is everything up to and including the colon.
        return match line.rfind(':') {
            Some(i) => line.len() - i - 1,
            None => 0,
        };
    }
    match line.rfind(rest) {
        Some(start) => line.len() - start,
        None => rest.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_the_parser_refuses_becomes_a_comment_with_a_warning() {
        let mut r = Recovered {
            text: "a: 1\nb: `x`\nc:\n  d: 2\n".to_string(),
            lines: vec![(1, 0), (2, 0), (3, 0), (4, 2)],
            diagnostics: Vec::new(),
        };
        let parsed = r.make_parsable();
        assert_eq!(r.text, "a: 1\n# b: `x`\nc:\n  d: 2\n");
        assert_eq!(
            parsed
                .root
                .get("c")
                .and_then(|c| c.get("d"))
                .and_then(Node::as_i64),
            Some(2)
        );
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(
            (r.diagnostics[0].code, r.diagnostics[0].line),
            ("yaml.recovered", 2)
        );
    }

    #[test]
    fn an_example_sent_past_a_nearer_schema_is_reported_once() {
        // `example` could close `e` or `d`: `e` is a string, but `d` is an object whose
        // properties the example's keys are not.
        let text = "swagger: '2.0'\npaths: {}\ndefinitions:\nA:\ntype: object\nproperties:\nc:\ntype: string\nd:\ntype: object\nproperties:\ne:\ntype: string\nexample:\nc: x\n";
        let r = recover_indentation(text);
        let warnings: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "yaml.recovered" && d.severity == crate::diag::Severity::Warning)
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}\n{}", r.text);
        assert_eq!((warnings[0].line, warnings[0].column), (14, 1));
        assert_eq!(warnings[0].path, "definitions.A.example");
        assert_eq!(
            warnings[0].message,
            "`example` placed in `definitions.A`, not in property `d`: its keys are not that schema's properties"
        );
    }

    #[test]
    fn schema_keywords_stay_in_the_schema_the_author_wrote_them_in() {
        // `additionalProperties` after the last property closes `properties`; `additionalItems`
        // (JSON Schema, not Swagger 2.0) after a tuple's `items` stays in the array schema.
        let text = "definitions:\nA:\ntype: object\nproperties:\nname:\ntype: string\nadditionalProperties:\ntype: integer\nB:\ntype: array\nitems:\n- type: string\nadditionalItems:\ntype: number\n";
        let r = recover_indentation(text);
        let doc = yaml::parse(&r.text).unwrap().root;
        let definitions = doc.get("definitions").unwrap();
        let keys = |n: &Node| -> Vec<String> {
            n.as_map().unwrap().iter().map(|e| e.key.clone()).collect()
        };
        assert_eq!(keys(definitions), ["A", "B"], "{}", r.text);
        let a = definitions.get("A").unwrap();
        assert_eq!(keys(a), ["type", "properties", "additionalProperties"]);
        let b = definitions.get("B").unwrap();
        assert_eq!(keys(b), ["type", "items", "additionalItems"]);
    }

    #[test]
    fn values_written_alike_are_siblings_and_defaults_fit_their_type() {
        // `html` repeats `self`'s value line for line: a sibling, not a property of `self`.
        // `default: {}` cannot be the integer's: it is the nearest object's.
        let text = "definitions:\nA:\ntype: object\nproperties:\nlinks:\ntype: object\nproperties:\nself:\ntype: object\nproperties:\nhref:\ntype: string\nhtml:\ntype: object\nproperties:\nhref:\ntype: string\ncount:\ntype: integer\ndefault: {}\n";
        let r = recover_indentation(text);
        let doc = yaml::parse(&r.text).unwrap().root;
        let links = doc
            .get("definitions")
            .and_then(|d| d.get("A"))
            .and_then(|a| a.get("properties"))
            .and_then(|p| p.get("links"))
            .and_then(|l| l.get("properties"))
            .unwrap();
        let names = |n: &Node| -> Vec<String> {
            n.as_map().unwrap().iter().map(|e| e.key.clone()).collect()
        };
        assert_eq!(names(links), ["self", "html"], "{}", r.text);
        let html = links.get("html").unwrap();
        assert_eq!(names(html), ["type", "properties", "default"], "{}", r.text);
    }

    /// The names of a mapping's keys, in order.
    fn key_names(n: &Node) -> Vec<String> {
        n.as_map().unwrap().iter().map(|e| e.key.clone()).collect()
    }

    /// The recovered document and the `yaml.recovered` warnings (not the overall notice).
    fn recover_doc(text: &str) -> (Node, Vec<Diagnostic>, String) {
        let r = recover_indentation(text);
        let doc = yaml::parse(&r.text).unwrap().root;
        let warnings = r
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .collect();
        (doc, warnings, r.text)
    }

    #[test]
    fn a_property_written_like_the_one_it_follows_is_its_sibling() {
        // `explicit` repeats `implicit` key for key, give or take `additionalProperties`.
        let text = "definitions:\nBody:\ntype: object\nproperties:\nimplicit:\ntype: object\nproperties:\nbaz:\ntype: boolean\nexplicit:\ntype: object\nadditionalProperties: false\nproperties:\nbaz:\ntype: boolean\n";
        let (doc, warnings, text) = recover_doc(text);
        let props = doc
            .get("definitions")
            .and_then(|d| d.get("Body"))
            .and_then(|b| b.get("properties"))
            .unwrap();
        assert_eq!(key_names(props), ["implicit", "explicit"], "{text}");
        // Both readings are valid: the choice is reported at `explicit`.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, 10);
        assert!(
            warnings[0].message.contains("key for key"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn consumes_after_a_get_operations_responses_is_the_documents() {
        let text = "swagger: '2.0'\npaths:\n/:\nget:\nresponses:\n200:\ndescription: ok\nconsumes:\n- application/json\n";
        let (doc, warnings, recovered) = recover_doc(text);
        assert_eq!(
            key_names(&doc),
            ["swagger", "paths", "consumes"],
            "{recovered}"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        // A POST takes a body: there it stays the operation's.
        let (doc, _, recovered) = recover_doc(&text.replace("get:", "post:"));
        assert_eq!(key_names(&doc), ["swagger", "paths"], "{recovered}");
    }

    #[test]
    fn a_referenced_name_used_as_a_property_before_its_definition_stays_a_property() {
        // `Driver` is referenced as a definition; its first use is a string property, and the
        // object written further down is the definition. `Uses` refers to another schema: a
        // property too, however much the lines after it look like a definition.
        let text = "definitions:\nMount:\ntype: object\nproperties:\nName:\ntype: string\nDriver:\ntype: string\nMode:\n$ref: '#/definitions/Plugin'\nUses:\n$ref: '#/definitions/Plugin'\ndescription: x\nrequired:\n- Name\ntype: object\nPlugin:\ntype: object\nproperties:\nuses:\n$ref: '#/definitions/Driver'\nother:\n$ref: '#/definitions/Uses'\nDriver:\ndescription: A driver.\ntype: object\nproperties:\nName:\ntype: string\nUses:\ntype: object\nproperties:\nx:\ntype: string\n";
        let (doc, _, text) = recover_doc(text);
        let definitions = doc.get("definitions").unwrap();
        assert_eq!(
            key_names(definitions),
            ["Mount", "Plugin", "Driver", "Uses"],
            "{text}"
        );
        let mount = definitions
            .get("Mount")
            .and_then(|m| m.get("properties"))
            .unwrap();
        assert_eq!(
            key_names(mount),
            ["Name", "Driver", "Mode", "Uses"],
            "{text}"
        );
    }

    #[test]
    fn an_example_of_lists_belongs_to_the_array_of_arrays() {
        let text = "definitions:\nA:\ntype: object\nproperties:\ncaps:\ntype: array\nitems:\ntype: array\nitems:\ntype: string\nexample:\n- [\"gpu\", \"nvidia\"]\n";
        let (doc, _, text) = recover_doc(text);
        let caps = doc
            .get("definitions")
            .and_then(|d| d.get("A"))
            .and_then(|a| a.get("properties"))
            .and_then(|p| p.get("caps"))
            .unwrap();
        assert_eq!(key_names(caps), ["type", "items", "example"], "{text}");
    }

    /// The node at `path` (keys, or list members by index).
    fn at<'n>(doc: &'n Node, path: &[&str]) -> &'n Node {
        path.iter()
            .fold(doc, |node, step| match step.parse::<usize>() {
                Ok(i) if node.as_seq().is_some() => &node.as_seq().unwrap()[i],
                _ => node
                    .get(step)
                    .unwrap_or_else(|| panic!("no `{step}` on the way to {path:?}")),
            })
    }

    #[test]
    fn in_a_spec_with_sorted_keys_a_key_that_sorts_first_starts_again_further_out() {
        // Tools that normalise specs sort keys: `title` after the last property's `type` is
        // the definition's, as it sorts before `type`.
        let mut text = String::from("swagger: '2.0'\ndefinitions:\n");
        for n in 0..12 {
            text.push_str(&format!(
                "D{n}:\ndescription: d\nproperties:\na:\ndescription: a\nformat: date\nmaxLength: 10\ntype: string\nb:\ndescription: b\ntype: string\nc:\ndescription: c\nformat: int32\ntype: integer\ntitle: T{n}\ntype: object\n"
            ));
        }
        let (doc, _, recovered) = recover_doc(&text);
        let d0 = at(&doc, &["definitions", "D0"]);
        assert_eq!(
            key_names(d0),
            ["description", "properties", "title", "type"],
            "{recovered}"
        );
        // The same lines hand-ordered (`type` before `format`) are not read as sorted.
        assert!(!keys_look_sorted(
            &["type: integer", "format: int32"].repeat(20)
        ));
    }

    #[test]
    fn json_in_a_block_scalar_is_content_until_its_brackets_close() {
        // `"name": "x"` without a comma would fit the free-form map around it.
        let text = "swagger: '2.0'\npaths:\n/a:\nget:\nx-samples:\n- request:\napplication/json: |-\n{\n\"a\": {\n\"name\": \"x\"\n}\n}\nresponses:\n200:\ndescription: ok\n";
        let (doc, warnings, recovered) = recover_doc(text);
        let json = at(
            &doc,
            &[
                "paths",
                "/a",
                "get",
                "x-samples",
                "0",
                "request",
                "application/json",
            ],
        );
        assert!(
            json.as_str().unwrap().contains("\"name\": \"x\""),
            "{recovered}"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(
            at(&doc, &["paths", "/a", "get", "responses", "200"])
                .get("description")
                .is_some()
        );
    }

    #[test]
    fn a_flow_collection_may_open_on_the_line_after_its_key() {
        let text =
            "definitions:\nA:\ntype: object\nexample:\n{\n\"a\": [1,\n2]\n}\nB:\ntype: string\n";
        let (doc, warnings, recovered) = recover_doc(text);
        assert_eq!(
            key_names(at(&doc, &["definitions"])),
            ["A", "B"],
            "{recovered}"
        );
        assert_eq!(
            at(&doc, &["definitions", "A", "example", "a"])
                .as_seq()
                .map(<[_]>::len),
            Some(2)
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn comments_before_the_line_that_ends_a_block_are_not_its_content() {
        let text = "paths:\n/a:\nget:\ndescription: |\nSome text.\n# operationId must be unique\noperationId: getA\nresponses:\n200:\ndescription: ok\n";
        let (doc, _, recovered) = recover_doc(text);
        let get = at(&doc, &["paths", "/a", "get"]);
        assert_eq!(
            get.get("description").and_then(Node::as_str),
            Some("Some text.\n"),
            "{recovered}"
        );
        assert_eq!(get.get("operationId").and_then(Node::as_str), Some("getA"));
    }

    #[test]
    fn well_known_and_look_alike_extensions_find_their_objects() {
        // `x-logo` is `info`'s, not the license's; `x-jwt-ttl: {description, type}` is a header
        // like the one before it, not an extension of it.
        let text = "swagger: '2.0'\ninfo:\ntitle: t\nlicense:\nname: MIT\nx-logo:\nurl: logo.png\npaths:\n/a:\nget:\nresponses:\n200:\ndescription: ok\nheaders:\nx-rate:\ndescription: rate\ntype: integer\nx-jwt-ttl:\ndescription: ttl\ntype: integer\n";
        let (doc, _, recovered) = recover_doc(text);
        assert_eq!(
            key_names(at(&doc, &["info"])),
            ["title", "license", "x-logo"],
            "{recovered}"
        );
        let headers = at(&doc, &["paths", "/a", "get", "responses", "200", "headers"]);
        assert_eq!(key_names(headers), ["x-rate", "x-jwt-ttl"], "{recovered}");
    }

    #[test]
    fn an_arrays_description_after_its_items_reference_is_the_arrays() {
        let text = "definitions:\nA:\ntype: object\nproperties:\nsurveys:\ntype: array\nitems:\n$ref: '#/definitions/S'\ndescription: the surveys\nS:\ntype: string\n";
        let (doc, _, recovered) = recover_doc(text);
        let surveys = at(&doc, &["definitions", "A", "properties", "surveys"]);
        assert_eq!(
            key_names(surveys),
            ["type", "items", "description"],
            "{recovered}"
        );
    }

    #[test]
    fn an_example_whose_keys_are_the_schemas_properties_is_the_schemas() {
        // Not a property named `example` (a string property named `description` precedes it).
        let text = "definitions:\nCity:\ntype: object\nproperties:\ndescription:\ntype: string\nexample:\ndescription: Lima\n";
        let (doc, _, recovered) = recover_doc(text);
        let city = at(&doc, &["definitions", "City"]);
        assert_eq!(
            key_names(city),
            ["type", "properties", "example"],
            "{recovered}"
        );
    }

    #[test]
    fn an_operation_field_written_twice_leaves_the_first_to_the_value_it_is_in() {
        // API Gateway's integration has `responses` of its own; the operation's come after.
        let text = "paths:\n/a:\npost:\nx-amazon-apigateway-integration:\ntype: aws\nresponses:\ndefault:\nstatusCode: '200'\nresponses:\n200:\ndescription: ok\n";
        let (doc, _, recovered) = recover_doc(text);
        let post = at(&doc, &["paths", "/a", "post"]);
        assert_eq!(
            key_names(post),
            ["x-amazon-apigateway-integration", "responses"],
            "{recovered}"
        );
        assert!(
            at(post, &["x-amazon-apigateway-integration", "responses"])
                .get("default")
                .is_some()
        );
    }

    #[test]
    fn a_type_goes_to_the_schema_its_keys_agree_with() {
        // `type: array` after an `items` object's properties is the array's; `tags: [a, b]` in
        // an example is the example's, not the root's list of tag objects.
        let text = "definitions:\nA:\nproperties:\nerrors:\nitems:\nproperties:\nmessage:\ntype: string\ntype: array\nexample:\nerrors: []\ntags:\n- a\n- b\ntype: object\n";
        let (doc, _, recovered) = recover_doc(text);
        let errors = at(&doc, &["definitions", "A", "properties", "errors"]);
        assert_eq!(key_names(errors), ["items", "type"], "{recovered}");
        assert_eq!(errors.get("type").and_then(Node::as_str), Some("array"));
        let a = at(&doc, &["definitions", "A"]);
        assert_eq!(
            key_names(a),
            ["properties", "example", "type"],
            "{recovered}"
        );
        assert_eq!(
            key_names(at(a, &["example"])),
            ["errors", "tags"],
            "{recovered}"
        );
    }

    #[test]
    fn a_title_that_names_the_definition_is_the_definitions() {
        let text = "definitions:\njson_Song:\nproperties:\nwith:\n$ref: '#/definitions/Artist'\ntitle: song\ntype: object\nArtist:\ntype: object\n";
        let (doc, _, recovered) = recover_doc(text);
        let song = at(&doc, &["definitions", "json_Song"]);
        assert_eq!(
            key_names(song),
            ["properties", "title", "type"],
            "{recovered}"
        );
    }

    #[test]
    fn free_form_siblings_written_alike_and_maps_of_media_types_close_in_time() {
        // `request` starts like `populateDefaults` (a sibling); `type` is no media type, so it
        // leaves `response`'s map.
        let text = "paths:\n/a:\npost:\nx-samples:\n- name: one\npopulateDefaults:\napplication/json: '{}'\nrequest:\napplication/json: '{\"a\": 1}'\nresponse:\napplication/json: '{}'\ntype: documentation\nresponses:\n200:\ndescription: ok\n";
        let (doc, _, recovered) = recover_doc(text);
        let sample = at(&doc, &["paths", "/a", "post", "x-samples", "0"]);
        assert_eq!(
            key_names(sample),
            ["name", "populateDefaults", "request", "response", "type"],
            "{recovered}"
        );
        // `shipping` starts like `billing`: its sibling in the example, not its member.
        let text = "definitions:\nOrder:\ntype: object\nx-example:\nbilling:\ncity: Lima\nzip: '15001'\nshipping:\ncity: Cusco\nzip: '08000'\n";
        let (doc, _, recovered) = recover_doc(text);
        let example = at(&doc, &["definitions", "Order", "x-example"]);
        assert_eq!(key_names(example), ["billing", "shipping"], "{recovered}");
    }

    #[test]
    fn a_named_response_after_a_headers_map_is_a_response() {
        // `BadRequest` goes on with `schema`, which a response takes and a header does not.
        let text = "responses:\nFound:\ndescription: found\nheaders:\nLocation:\ntype: string\ndescription: where\nBadRequest:\ndescription: bad request\nschema:\ntype: string\n";
        let (doc, _, recovered) = recover_doc(text);
        assert_eq!(
            key_names(at(&doc, &["responses"])),
            ["Found", "BadRequest"],
            "{recovered}"
        );
    }

    #[test]
    fn an_empty_example_value_whose_schema_is_a_string_is_null() {
        let text = "definitions:\nT:\ntype: object\nproperties:\ncashier:\ntype: string\nlane:\ntype: string\nexample:\ncashier:\nlane: '123'\n";
        let (doc, _, recovered) = recover_doc(text);
        let example = at(&doc, &["definitions", "T", "example"]);
        assert_eq!(key_names(example), ["cashier", "lane"], "{recovered}");
        assert!(
            example
                .get("cashier")
                .is_some_and(|c| c.as_str().is_none() && c.as_map().is_none())
        );
    }

    #[test]
    fn an_operations_description_after_a_free_form_value_stays_the_operations() {
        // A later `description` is a response's: it says nothing about this one.
        let text = "paths:\n/a:\nget:\nx-code-samples:\n- lang: js\nsource: x\ndescription: op desc\nresponses:\n200:\ndescription: ok\n";
        let (doc, _, recovered) = recover_doc(text);
        let get = at(&doc, &["paths", "/a", "get"]);
        assert_eq!(
            key_names(get),
            ["x-code-samples", "description", "responses"],
            "{recovered}"
        );
    }

    #[test]
    fn a_block_example_ends_at_the_next_status_code() {
        let text = "paths:\n/:\nget:\nresponses:\n200:\ndescription: ok\nexamples:\napplication/json: |\n{\n\"a\": 1\n}\n\"300\":\ndescription: more\n";
        let r = recover_indentation(text);
        let doc = yaml::parse(&r.text).unwrap().root;
        let responses = doc
            .get("paths")
            .and_then(|p| p.get("/"))
            .and_then(|p| p.get("get"))
            .and_then(|o| o.get("responses"))
            .unwrap();
        assert!(responses.get("300").is_some(), "{}", r.text);
    }

    #[test]
    fn prose_in_a_block_scalar_does_not_end_it() {
        let text = "definitions:\nA:\nproperties:\nx:\ndescription: |\nThe `kind` of change is one of:\ntype: string\n";
        let r = recover_indentation(text);
        let doc = yaml::parse(&r.text).unwrap().root;
        let x = doc
            .get("definitions")
            .and_then(|d| d.get("A"))
            .and_then(|a| a.get("properties"))
            .and_then(|p| p.get("x"))
            .unwrap();
        assert_eq!(
            x.get("description").and_then(Node::as_str),
            Some("The `kind` of change is one of:\n")
        );
        assert_eq!(
            x.get("type").and_then(Node::as_str),
            Some("string"),
            "{}",
            r.text
        );
    }
}
