//! Look-ahead: the shape of a value from the lines after its key, and what the lines further
//! on say (a sibling written like the last one, a field written again, a list of names).

use std::collections::HashMap;

use super::evidence::{known_extension_home, member_kind};
use super::facts::takes_by_name;
use super::frames::Frame;
use super::lex::{Line, Start, classify, scalar_text, strip_properties, value_start};
use super::place::Pass;
use super::rules::{COMMENTED_OUT_LIST, PLAIN_VALUE_NEXT_LINE};

/// Lines after a block scalar's key searched for the key that follows it.
const BLOCK_LOOKAHEAD: usize = 8;
use crate::read::grammar::{self, Elem, Expect, Kind};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape {
    Scalar,
    FlowMap,
    FlowSeq,
    /// A nested mapping whose first key is given, and whether that key's value is a scalar.
    OpenMap(String, bool),
    /// A nested list, with its scalar members when it has any (for `required`).
    OpenSeq(Vec<String>),
    OpenNull,
    /// An alias (`*base`): it stands for a node written elsewhere, of any shape.
    Alias,
}

/// What the value of a key becomes once placed: a new open object, a new open list, or a leaf.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Opens {
    Map(Kind),
    Seq(Elem),
    Leaf,
}

/// Whether `shape` can be the value of a field that expects `expect`: `None` when it cannot,
/// else a penalty (0 = a natural fit) and what the value opens.
pub(super) fn fit_shape(expect: Expect, shape: &Shape) -> Option<(u8, Opens)> {
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
            // An alias stands for a node of any shape; a scalar field is rarely written as one.
            S::Alias => leaf(1),
            S::OpenNull | S::OpenMap(..) => leaf(2),
            S::OpenSeq(_) | S::FlowMap | S::FlowSeq => None,
        },
        Expect::ScalarOrList => match shape {
            S::Scalar | S::FlowSeq | S::Alias => leaf(0),
            S::OpenSeq(_) => Some((0, Opens::Seq(Elem::Scalar))),
            S::OpenNull | S::OpenMap(..) => leaf(2),
            S::FlowMap => None,
        },
        Expect::Obj(kind) => match shape {
            S::OpenMap(first, scalar) => {
                Some((first_member_penalty(kind, first, *scalar), Opens::Map(kind)))
            }
            S::FlowMap | S::Alias => leaf(0),
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
            S::FlowSeq | S::Alias => leaf(0),
            S::OpenNull | S::OpenMap(..) => leaf(2),
            S::Scalar | S::FlowMap => None,
        },
        Expect::BoolOrObj(kind) => match shape {
            S::Scalar | S::FlowMap | S::Alias => leaf(0),
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
            S::FlowMap | S::FlowSeq | S::Alias => leaf(0),
            S::OpenNull => leaf(2),
            S::Scalar => None,
        },
    }
}

/// How well a mapping whose first member is `first` (with a scalar value or not) fits `kind`.
pub(super) fn first_member_penalty(kind: Kind, first: &str, scalar: bool) -> u8 {
    // A map of named parameters, responses or headers whose first name is a field of the
    // objects it holds (`parameters: {items: ...}`) is more likely one such object.
    if member_kind(kind).is_some_and(|m| grammar::is_fixed_field(m, first)) {
        return 1;
    }
    match grammar::field(kind, first) {
        // A schema opens with one of its keywords (or an extension): a value whose first key
        // is neither (`description:` with nothing after its colon, then the next definition's
        // name) is no schema, but a field left empty.
        None if kind == Kind::Schema && !first.starts_with("x-") => 2,
        None => 1,
        Some(Expect::Obj(_) | Expect::List(_) | Expect::ObjOrList(_)) if scalar => 1,
        Some(Expect::Scalar) if !scalar => 1,
        Some(_) => 0,
    }
}

/// Lines of a value compared at most when looking for a sibling written like it (a sibling
/// object worth comparing is small; the bound keeps each comparison cheap).
pub(super) const MAX_RESEMBLED_LINES: usize = 40;

/// True for a comment that reads as a list item commented out: `#- name: a`, `# - a`.
fn is_commented_item(comment: &str) -> bool {
    let body = comment.trim_start_matches('#');
    let body = body.strip_prefix(' ').unwrap_or(body);
    body.strip_prefix('-')
        .is_some_and(|after| after.starts_with(' ') && !after.trim().is_empty())
}

/// What a line says about the shape of a value: its key (`-` before a list item's), or nothing
/// for the continuation of a scalar. Scalar values do not count.
pub(super) fn shape_key(line: &str) -> String {
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
pub(super) fn prefix_edit_distance(
    a: &[String],
    b: &[String],
    min_len: usize,
    limit: usize,
) -> usize {
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

/// Whether a line that is neither a key nor a list item, right after a key with no value on its
/// own line, is that key's plain scalar written from the next line on (`description:` then
/// `IndexInfo contains information about a registry.`): YAML reads it so when it is indented
/// under the key. Not when it begins with what opens another kind of node (a flow collection,
/// an anchor, a tag, a block scalar indicator).
pub(super) fn starts_plain_value(line: &str) -> bool {
    !line.is_empty() && !line.starts_with(['{', '[', '&', '!', '|', '>', '#', '*'])
}

/// Each anchor that names a node written on the lines after it (`common: &common`, `- &item`),
/// with its line (the first, when one is written twice).
fn anchored_nodes<'a>(lines: &[&'a str]) -> HashMap<&'a str, usize> {
    let mut anchors = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        let before = line.split(" #").next().unwrap_or(line).trim_end();
        let Some((head, name)) = before.rsplit_once('&') else {
            continue;
        };
        let head = head.trim_end();
        if !name.is_empty() && !name.contains(' ') && (head == "-" || head.ends_with(':')) {
            anchors.entry(name).or_insert(i);
        }
    }
    anchors
}

impl<'g> Pass<'_, 'g> {
    /// The shape of the value that starts with `rest` on line `i`.
    pub(super) fn shape_of(&self, i: usize, rest: &str) -> Shape {
        match value_start(rest) {
            Start::Open => self.lookahead(i),
            Start::Flow if strip_properties(rest).starts_with('{') => Shape::FlowMap,
            Start::Flow => Shape::FlowSeq,
            _ if rest.trim_start().starts_with('*') => Shape::Alias,
            _ => Shape::Scalar,
        }
    }

    /// The shape of an empty value at line `i`, from the next meaningful line.
    pub(super) fn lookahead(&self, i: usize) -> Shape {
        // Whether the first comment after the key is a list item commented out (`#- name: a`).
        let mut commented_item = None;
        for (at, s) in self.lines.iter().enumerate().skip(i + 1) {
            match classify(s.trim()) {
                Line::Blank => continue,
                Line::Comment => {
                    commented_item.get_or_insert_with(|| is_commented_item(s.trim()));
                    continue;
                }
                Line::Item(_) => return Shape::OpenSeq(self.list_scalars(i + 1)),
                // `parameters:`, its items commented out, then the operation's next field: the
                // value is empty, not a mapping of that field.
                Line::Key(..)
                    if commented_item == Some(true) && self.rules.is_on(COMMENTED_OUT_LIST) =>
                {
                    return Shape::OpenNull;
                }
                Line::Key(k, rest) => {
                    // `description:` with its text on the next line has a scalar value too.
                    let scalar = match value_start(rest) {
                        Start::Plain | Start::Quoted(..) | Start::Block => true,
                        Start::Open => self.plain_value_follows(at),
                        _ => false,
                    };
                    return Shape::OpenMap(k, scalar);
                }
                Line::Text if s.trim().starts_with('{') => return Shape::FlowMap,
                Line::Text if s.trim().starts_with('[') => return Shape::FlowSeq,
                Line::Text
                    if self.rules.is_on(PLAIN_VALUE_NEXT_LINE) && starts_plain_value(s.trim()) =>
                {
                    return Shape::Scalar;
                }
                _ => return Shape::OpenNull,
            }
        }
        Shape::OpenNull
    }

    /// True when the next meaningful line after the empty value at line `i` is that value's
    /// plain text (`plain-value-next-line`).
    fn plain_value_follows(&self, i: usize) -> bool {
        self.rules.is_on(PLAIN_VALUE_NEXT_LINE)
            && self.lines[i + 1..]
                .iter()
                .map(|s| s.trim())
                .find(|s| !matches!(classify(s), Line::Blank | Line::Comment))
                .is_some_and(|s| matches!(classify(s), Line::Text) && starts_plain_value(s))
    }

    /// The scalar members of the list whose first line is at or after `from`.
    pub(super) fn list_scalars(&self, from: usize) -> Vec<String> {
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

    /// For a merge key's value (`*common`), the first member of the mapping its anchor
    /// (`common: &common`, then the members on the next lines) names, with its value's shape.
    /// A mapping that itself starts with a merge key (`<<: *Base`) is followed to Base's first
    /// member, a few merges deep at most (anchors may be written in a cycle).
    pub(super) fn merged_member(&self, rest: &str) -> Option<(String, Shape)> {
        let lines = self.lines;
        let anchors = self.anchors.get_or_init(|| anchored_nodes(lines));
        let mut rest = rest.to_string();
        for _ in 0..8 {
            let name = rest.trim().strip_prefix('*')?.split([' ', '\t']).next()?;
            let at = *anchors.get(name)?;
            let (j, line) = lines
                .iter()
                .enumerate()
                .skip(at + 1)
                .find(|(_, l)| !matches!(classify(l.trim()), Line::Blank | Line::Comment))?;
            match classify(line.trim()) {
                Line::Key(k, next) if k == "<<" => rest = next.to_string(),
                Line::Key(k, next) => return Some((k, self.shape_of(j, next))),
                _ => return None,
            }
        }
        None
    }

    /// The key on the first line after the scalar list that starts on the line after the
    /// current one (`required:`, `- a`, `- b`, then `properties:`).
    pub(super) fn key_after_list(&self) -> Option<String> {
        for s in self.lines.get(self.current + 1..)? {
            match classify(s.trim()) {
                Line::Blank | Line::Comment => continue,
                Line::Item(rest) if !matches!(classify(rest), Line::Key(..)) => continue,
                Line::Key(k, _) => return Some(k),
                _ => return None,
            }
        }
        None
    }

    /// The key and scalar value of the line after the current one (`name: Category`).
    pub(super) fn lines_after_key(&self) -> Option<(String, String)> {
        let s = self.lines.get(self.current + 1)?.trim();
        match classify(s) {
            Line::Key(k, rest) if !rest.is_empty() => Some((k, scalar_text(rest))),
            _ => None,
        }
    }

    /// The key on the line after the current one, when the current line holds its whole value
    /// (`description: x` then `pattern: ...`), or the first key after a short block scalar;
    /// with what follows that key's colon.
    pub(super) fn next_key_line_after_value(&self) -> Option<(String, String)> {
        let line = self.lines.get(self.current)?.trim();
        let Line::Key(_, rest) = classify(line) else {
            return None;
        };
        match value_start(rest) {
            Start::Plain | Start::Quoted(_, true) => {
                match classify(self.lines.get(self.current + 1)?.trim()) {
                    Line::Key(k, rest) => Some((k, rest.to_string())),
                    _ => None,
                }
            }
            // A block scalar: the first line after it that reads as a plain key (no spaces in
            // the name) within a few lines, as the block's end is not marked.
            Start::Block => self
                .lines
                .iter()
                .skip(self.current + 1)
                .take(BLOCK_LOOKAHEAD)
                .find_map(|l| match classify(l.trim()) {
                    Line::Key(k, rest) if !k.contains([' ', '`', '\t']) => {
                        Some((k, rest.to_string()))
                    }
                    _ => None,
                }),
            _ => None,
        }
    }

    /// The kind of object the current key's value is by the `$ref` on the line after its key,
    /// when that reference points into a section of a document: `'common.yml#/responses/Error'`
    /// is a response, `#/parameters/limit` a parameter, `#/definitions/Pet` a schema.
    pub(super) fn value_ref_kind(&self) -> Option<Kind> {
        let Line::Key(_, rest) = classify(self.lines.get(self.current)?.trim()) else {
            return None;
        };
        if !matches!(value_start(rest), Start::Open) {
            return None;
        }
        let Line::Key(key, rest) = classify(self.lines.get(self.current + 1)?.trim()) else {
            return None;
        };
        if key != "$ref" {
            return None;
        }
        let target = scalar_text(rest);
        let (_, pointer) = target.split_once("#/")?;
        match pointer.split('/').next()? {
            "responses" => Some(Kind::Response),
            "parameters" => Some(Kind::Parameter),
            "definitions" => Some(Kind::Schema),
            _ => None,
        }
    }

    /// The kind of object a widely used extension is read from, when the current key's value
    /// is on its line and the keys after it are one-line extensions up to that extension
    /// (`x-component: NBI`, then `x-logo:`, which is `info`'s).
    pub(super) fn extension_run_home(&self) -> Option<Kind> {
        let one_line = |l: &str| {
            matches!(classify(l.trim()), Line::Key(_, rest)
                if matches!(value_start(rest), Start::Plain | Start::Quoted(_, true)))
        };
        if !one_line(self.lines.get(self.current)?) {
            return None;
        }
        for l in self
            .lines
            .iter()
            .skip(self.current + 1)
            .take(BLOCK_LOOKAHEAD)
        {
            let Line::Key(k, _) = classify(l.trim()) else {
                return None;
            };
            if !k.starts_with("x-") {
                return None;
            }
            if let Some(home) = known_extension_home(&k) {
                return Some(home);
            }
            if !one_line(l) {
                return None;
            }
        }
        None
    }

    /// True when the key written after the current key's one-line value is one that no open
    /// object outside the free-form value at stack `index` takes (any key a map of names takes counts
    /// as taken).
    pub(super) fn next_key_fits_only_free_form(&self, index: usize) -> bool {
        // After a one-line value, or a block scalar whose end is the first plain key within a
        // few lines, written bare (an example's `description: >` then `metadata: false`; a
        // quoted `"message":` is more likely JSON shown in the block).
        let start = self
            .lines
            .get(self.current)
            .and_then(|l| match classify(l.trim()) {
                Line::Key(_, rest) => Some(value_start(rest)),
                _ => None,
            });
        let one_line = match start {
            Some(Start::Plain | Start::Quoted(_, true)) => true,
            Some(Start::Block) => self
                .lines
                .iter()
                .skip(self.current + 1)
                .take(BLOCK_LOOKAHEAD)
                .map(|l| l.trim())
                .find(|l| matches!(classify(l), Line::Key(k, _) if !k.contains([' ', '`', '\t'])))
                .is_some_and(|l| l.starts_with(|c: char| c.is_alphanumeric() || c == '_')),
            _ => false,
        };
        let Some((next, _)) = self.next_key_line_after_value().filter(|_| one_line) else {
            return false;
        };
        !self.stack[..index].iter().any(|f| {
            f.kind().is_some_and(|kind| {
                !matches!(kind, Kind::Any | Kind::Examples) && grammar::field(kind, &next).is_some()
            })
        })
    }

    /// True when the lines after the current key's value go on with fields only the document's
    /// root takes (`securityDefinitions`, `definitions`, a `parameters` map), past other fields
    /// an operation could take too (`produces` after `consumes`).
    pub(super) fn root_fields_follow(&self) -> bool {
        let root_only = |k: &str| {
            !k.starts_with("x-")
                && grammar::field(Kind::Root, k).is_some()
                && grammar::field(Kind::Operation, k).is_none()
                && grammar::field(Kind::PathItem, k).is_none()
        };
        let end = self.lines.len().min(self.current + 400);
        for j in self.current + 1..end {
            match classify(self.lines[j].trim()) {
                Line::Key(k, rest) => {
                    if root_only(&k) {
                        return true;
                    }
                    if k == "parameters" && rest.is_empty() {
                        // A map of parameters is the root's; an operation's is a list.
                        return self
                            .lines
                            .get(j + 1)
                            .is_some_and(|l| matches!(classify(l.trim()), Line::Key(..)));
                    }
                    if k == "responses" && rest.is_empty() {
                        // The root's responses are named; an operation's are status codes.
                        return self.lines.get(j + 1).is_some_and(|l| {
                            matches!(classify(l.trim()), Line::Key(name, _)
                                if grammar::field(Kind::Responses, &name).is_none())
                        });
                    }
                    if grammar::field(Kind::Root, &k).is_none()
                        || grammar::field(Kind::Operation, &k).is_none()
                    {
                        return false;
                    }
                }
                Line::Item(_) | Line::Blank | Line::Comment | Line::Text => {}
                Line::Marker => return false,
            }
        }
        false
    }

    /// The value's second key (`headers:` after `description: x`), when its first line is a key
    /// with a one-line scalar value.
    pub(super) fn second_key_of_value(&self) -> Option<String> {
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
    pub(super) fn first_item_is_collection(&self) -> bool {
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

    /// True when the operation visibly goes on (another `parameters`, or a field only an
    /// operation has) before the next operation or path.
    pub(super) fn second_parameters_follow(&self) -> bool {
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

    /// True when the text shows that paths hold parameter lists of their own, wherever the
    /// lists after operations' responses go: an operation lists its parameters before its
    /// responses (so a list after them is not its own; kubernetes), a path lists parameters
    /// before its first operation, or two lists follow one operation's responses (shipyard's
    /// `post`). A document whose operations each write one list, after their responses
    /// (APIOps), shows none of these.
    pub(super) fn path_parameters_shown(&self) -> bool {
        *self.path_parameters_shown.get_or_init(|| {
            #[derive(PartialEq)]
            enum At {
                Elsewhere,
                Path,
                Operation,
                AfterResponses(u8),
            }
            let mut at = At::Elsewhere;
            for s in self.lines {
                let Line::Key(k, _) = classify(s.trim()) else {
                    continue;
                };
                at = match (k.as_str(), at) {
                    (k, _) if k.starts_with('/') => At::Path,
                    ("get" | "put" | "post" | "delete" | "options" | "head" | "patch", _) => {
                        At::Operation
                    }
                    ("responses", At::Operation) => At::AfterResponses(0),
                    ("parameters", At::Path | At::Operation) => return true,
                    ("parameters", At::AfterResponses(1)) => return true,
                    ("parameters", At::AfterResponses(n)) => At::AfterResponses(n + 1),
                    (k, _)
                        if grammar::is_fixed_field(Kind::Root, k)
                            && !grammar::is_fixed_field(Kind::Operation, k) =>
                    {
                        At::Elsewhere
                    }
                    (_, at) => at,
                };
            }
            false
        })
    }

    /// True when the parameter list that starts on the line after the current one holds only
    /// body or form parameters (`in: body`): a path takes parameters to share its path and
    /// query parameters among its operations, and rarely a request body alone.
    pub(super) fn parameters_take_a_body(&self) -> bool {
        let (mut body, mut other) = (false, false);
        for s in self.lines.iter().skip(self.current + 1).take(2000) {
            let item = s.trim();
            let line = match classify(item) {
                Line::Item(rest) => rest,
                Line::Blank | Line::Comment => continue,
                _ => item,
            };
            match classify(line) {
                Line::Key(k, rest) if k == "in" => match scalar_text(rest).as_str() {
                    "body" | "formData" => body = true,
                    _ => other = true,
                },
                // The list ends where a key no parameter (nor its schema) takes is written.
                Line::Key(k, _)
                    if !k.starts_with("x-")
                        && !grammar::is_fixed_field(Kind::Parameter, &k)
                        && !grammar::is_fixed_field(Kind::Schema, &k) =>
                {
                    break;
                }
                _ => {}
            }
        }
        body && !other
    }

    /// True when `key`, a field of an operation, is written again before the next operation or
    /// path: this one is a free-form value's own (an API gateway integration's `responses`),
    /// the later one the operation's.
    pub(super) fn operation_field_recurs(&self, index: usize, key: &str) -> bool {
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

    /// True when the value of `frame`'s last key (its lines up to the current one) is repeated
    /// line for line right after the current key.
    pub(super) fn repeats_last_value(&self, frame: &Frame<'g>) -> bool {
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

    /// Whether the value of `frame`'s last key is written again right after the current key,
    /// key for key, give or take a schema keyword in four lines (scalar values may differ; the
    /// property names may not): a sibling of that member rather than a member nested in it.
    /// When it is, the value's length in lines and the edit distance.
    pub(super) fn resemblance(&self, frame: &Frame<'g>) -> Option<(usize, usize)> {
        let value = frame
            .last_key_line
            .and_then(|last| self.lines.get(last + 1..self.current))?;
        let n = value.len();
        if !(3..=MAX_RESEMBLED_LINES).contains(&n) {
            return None;
        }
        let slack = (n / 4).max(1);
        let from = (self.current + 1).min(self.lines.len());
        let to = (from + n + slack).min(self.lines.len());
        let next = &self.lines[from..to];
        if next.len() + slack < n {
            return None;
        }
        let a: Vec<String> = value.iter().map(|l| shape_key(l)).collect();
        let b: Vec<String> = next.iter().map(|l| shape_key(l)).collect();
        let distance = prefix_edit_distance(&a, &b, n - slack, slack);
        (distance <= slack).then_some((n, distance))
    }
}
