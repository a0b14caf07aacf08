//! The pass: every line is placed in the innermost open object that can take it, as the grammar,
//! the value's shape and the soft rules ([`super::rules`]) decide.

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap, HashSet};

use super::MAX_RECOVERED_DEPTH;
use super::evidence::{Referenced, known_extension_value};
use super::facts::takes_by_name;
use super::frames::{Body, Frame, Member};
use super::lex::{Line, classify, line_rest_len, strip_properties};
use super::lookahead::{Opens, Shape, fit_shape};
use super::rules::{
    self, ANCHORED_ITEM, DASH_CONTINUATION, EXTENSION_VALUE, ITEM_KEYS_ALIKE, ITEMS_ALIKE,
    MERGE_KEY, OPENAPI3_FIELD, PARALLEL_EXAMPLE, REPEATED_KEY, REPEATED_MEMBER, RecoveryRules,
    Rule, Site,
};
use super::write::{OutLine, Recovered};
use crate::diag::Diagnostic;
use crate::read::grammar::{self, Elem, Expect, Kind};
use crate::tree::{Node, Pos};

/// The group of the warnings for keys that no reading places validly.
const INVALID_HOME_GROUP: &str = "where a key goes that no open object takes validly";

/// A candidate object for a key: its stack index, penalty and what the value opens.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) index: usize,
    /// `fit` plus the soft rules' penalties.
    pub(super) penalty: u8,
    /// How well the value's shape fits the field (0: a valid Swagger 2.0 reading).
    pub(super) fit: u8,
    pub(super) opens: Opens,
    /// The soft rule that first weighed against this object.
    pub(super) why: Option<&'static Rule>,
    /// The soft rule that kept the key here although an enclosing object takes it too.
    pub(super) kept: Option<&'static Rule>,
}

impl Candidate {
    pub(super) fn new(index: usize, penalty: u8, opens: Opens) -> Self {
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

/// A key the pass placed where another open object could have taken it too: what the
/// [`super::search`] may try instead.
#[derive(Debug, Clone)]
pub(super) struct Decision {
    /// The input line (0-based).
    pub(super) line: usize,
    pub(super) key: String,
    /// The model path of the object chosen.
    pub(super) chosen: String,
    /// The other open objects that take the key validly: stack index and model path.
    pub(super) alternatives: Vec<(usize, String)>,
}

/// A placement the search settled: the open object to give the key on this line, and why.
#[derive(Debug, Clone)]
pub(super) struct Forced {
    pub(super) index: usize,
    pub(super) why: String,
}

pub(super) struct Pass<'a, 'g> {
    /// The soft rules that are on.
    pub rules: &'a RecoveryRules,
    pub(super) lines: &'a [&'a str],
    /// Names referenced as `#/definitions/NAME` anywhere in the document.
    pub(super) referenced: &'a Referenced,
    /// `x-` keys that share a mapping in the first pass's document (see [`extension_pairs`]).
    pub(super) extension_pairs: BTreeSet<(String, String)>,
    /// How often each kind of object holds each `x-` key in the first pass's document.
    pub(super) extension_homes: HashMap<String, HashMap<Kind, usize>>,
    /// The first pass's document, for definitions and for examples' schemas.
    pub(super) earlier_root: Option<&'g Node>,
    /// The file's keys look sorted (as tools that normalise specs write them; see
    /// [`keys_look_sorted`]): a key that sorts before the last key of an object belongs further
    /// out.
    pub(super) sorted_keys: bool,
    pub(super) stack: Vec<Frame<'g>>,
    pub(super) out: Vec<OutLine>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Column for continuation lines of the last plain scalar, while one may continue.
    pub(super) plain_continuation: Option<usize>,
    /// The text of the scalar value just written (for `type` and `in`).
    pub(super) last_scalar: Option<String>,
    /// The line being placed.
    pub(super) current: usize,
    /// Placements the search settled, by input line.
    pub(super) forced: HashMap<usize, Forced>,
    /// The input lines whose [`Decision`]s to record (the search asks for them).
    pub(super) record: HashSet<usize>,
    pub(super) decisions: Vec<Decision>,
    /// The line each anchor of a node written on the lines after it (`common: &common`) is
    /// on, found once when a merge key first asks.
    pub(super) anchors: OnceCell<HashMap<&'a str, usize>>,
    /// The last key a doubtful rule sent out of a nearer object, while the keys after it land
    /// beside it: they share its doubt.
    pub(super) doubt_run: Option<DoubtRun>,
    /// Whether the document evidently gives paths parameter lists of their own, found once
    /// when `path-parameters` first asks.
    pub(super) path_parameters_shown: OnceCell<bool>,
}

/// A key placed against a nearer valid reading, which the keys after it may follow.
pub(super) struct DoubtRun {
    /// The open object the key went to.
    index: usize,
    key: String,
    /// The nearer object, as a reader names it, and its kind.
    other: String,
    other_kind: Kind,
    rule: &'static str,
}

impl<'a, 'g> Pass<'a, 'g> {
    pub(super) fn new(
        lines: &'a [&'a str],
        earlier_root: Option<&'g Node>,
        referenced: &'a Referenced,
        rules: &'a RecoveryRules,
    ) -> Self {
        Pass {
            rules,
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
            forced: HashMap::new(),
            record: HashSet::new(),
            decisions: Vec::new(),
            anchors: OnceCell::new(),
            doubt_run: None,
            path_parameters_shown: OnceCell::new(),
        }
    }

    pub(super) fn run(mut self) -> Recovered {
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
            decisions: self.decisions,
            parses: 0,
        }
    }

    /// Handles the line at `i`; returns the index of the next unhandled line.
    pub(super) fn line(&mut self, i: usize) -> usize {
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
                // A merge key stands for the members of the mapping its alias names: it goes
                // where the first of them would.
                let merged = (key == "<<" && self.rules.is_on(MERGE_KEY))
                    .then(|| self.merged_member(rest))
                    .flatten();
                let (name, shape) = merged.unwrap_or_else(|| (key.clone(), self.shape_of(i, rest)));
                let placed = match self.repeated_member(&name, &shape) {
                    Some(c) => Some(c),
                    None => self
                        .place_key(&name, &shape)
                        .map(|c| self.settle(i, &name, &shape, c)),
                };
                match placed {
                    Some(c) => {
                        // The first pass's readings are provisional: only the final pass reports.
                        if self.earlier_root.is_some() {
                            self.report_ambiguity(i, &name, &shape, c);
                            self.report_invalid_home(i, &name, c.index);
                        }
                        let c = if name == key {
                            c
                        } else {
                            Candidate {
                                opens: Opens::Leaf,
                                ..c
                            }
                        };
                        self.key_line(i, c, &key, rest)
                    }
                    None if let Some(c) = self.repeated_key(&key, &shape) => {
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

    /// Applies the search's placement for line `i`, if it has one that is still a valid
    /// reading, and records the decision when asked to.
    fn settle(&mut self, i: usize, key: &str, shape: &Shape, c: Candidate) -> Candidate {
        let fresh = matches!(&self.stack[self.stack.len() - 1].body, Body::Map { keys, .. } if keys.is_empty())
            && c.index == self.stack.len() - 1;
        if let Some(forced) = self.forced.get(&i).cloned() {
            if forced.index < self.stack.len() && forced.index != c.index {
                if let Some(alt) = self.fit_key(forced.index, key, shape) {
                    let line = self.lines[i];
                    let column = line.len() - line.trim_start().len() + 1;
                    let d = Diagnostic::warning(
                        "yaml.recovered",
                        format!(
                            "`{key}` placed in {}, not in {}: {}",
                            self.describe(forced.index),
                            self.describe(c.index),
                            forced.why
                        ),
                    )
                    .at(Pos::new(i as u32 + 1, column as u32))
                    .hint("both readings are valid Swagger 2.0; molde chose the one the rest of the document agrees with")
                    .group(format!("recovery rule `{}`", super::rules::DOCUMENT_EVIDENCE));
                    if self.earlier_root.is_some() {
                        self.diagnostics.push(d);
                    }
                    return Candidate { kept: None, ..alt };
                }
            }
        }
        // The first key of a mapping just opened was what opened it: no choice there.
        if !fresh && self.record.contains(&i) {
            let alternatives: Vec<(usize, String)> = (0..self.stack.len())
                .filter(|&k| k != c.index)
                .filter(|&k| self.fit_key(k, key, shape).is_some_and(|o| o.fit == 0))
                .map(|k| (k, self.model_path(k)))
                .collect();
            if !alternatives.is_empty() {
                self.decisions.push(Decision {
                    line: i,
                    key: key.to_string(),
                    chosen: self.model_path(c.index),
                    alternatives,
                });
            }
        }
        c
    }

    /// Reports a key that a soft rule placed against another valid reading: sent out of a
    /// nearer object that could take it, or kept in although an enclosing object could.
    pub(super) fn report_ambiguity(&mut self, i: usize, key: &str, shape: &Shape, c: Candidate) {
        // The nearest object that takes the key validly and that only a doubtful rule turned
        // down. A free-form value against an object the grammar types is no contest.
        let nearer = (c.index + 1..self.stack.len())
            .rev()
            .filter_map(|k| self.fit_key(k, key, shape))
            .filter(|o| o.fit == 0 && !(o.opens == Opens::Map(Kind::Any) && c.opens != o.opens))
            .find_map(|o| {
                o.why
                    .filter(|why| why.doubtful(self, o.index, key))
                    .map(|why| (o.index, why))
            });
        let (verb, other, why) = match (nearer, c.kept) {
            (Some((index, why)), _) => ("placed in", index, why),
            (None, Some(why)) if why.doubtful(self, c.index, key) => {
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
            (None, _) => return self.follow_doubt(i, key, shape, c.index),
        };
        self.doubt_run = (verb == "placed in").then(|| DoubtRun {
            index: c.index,
            key: key.to_string(),
            other: self.describe(other),
            other_kind: self.stack[other].kind().unwrap_or(Kind::Any),
            rule: why.name,
        });
        let message = format!(
            "`{key}` {verb} {}, not in {}: {}",
            self.place_name(c.index),
            self.describe(other),
            (why.says)(key)
        );
        self.push_doubt(i, c.index, key, message, why.name);
    }

    /// Warns when `key` goes to the one open object that takes it by the grammar, but that
    /// object's own fields rule it out: a `schema` in a parameter that is not `in: body`. No
    /// reading of the stripped lines is valid there, so the place is a guess (some specs write
    /// an operation-level `schema`, invalid as written).
    fn report_invalid_home(&mut self, i: usize, key: &str, index: usize) {
        let Body::Map {
            kind: Kind::Parameter,
            location: Some(location),
            ..
        } = &self.stack[index].body
        else {
            return;
        };
        if key != "schema" || location == "body" {
            return;
        }
        let message = format!(
            "`schema` placed in {}, an `in: {location}` parameter, which takes no schema: no open object takes it validly",
            self.place_name(index)
        );
        let line = self.lines[i];
        let column = line.len() - line.trim_start().len() + 1;
        self.diagnostics.push(
            Diagnostic::warning("yaml.recovered", message)
                .at(Pos::new(i as u32 + 1, column as u32))
                .hint("the original may hold it elsewhere, or be invalid as written; check the structure `molde repair` prints")
                .group(INVALID_HOME_GROUP),
        );
    }

    /// Open object `index` as a warning names the place a key went: its path, or the root.
    fn place_name(&self, index: usize) -> String {
        match self.model_path(index) {
            p if p.is_empty() => "the document's root".to_string(),
            p => format!("`{p}`"),
        }
    }

    /// A `yaml.recovered` warning for `key` on line `i`, placed in open object `index` against
    /// another valid reading, grouped under the recovery rule that decided it.
    fn push_doubt(&mut self, i: usize, index: usize, key: &str, message: String, rule: &str) {
        let line = self.lines[i];
        let column = line.len() - line.trim_start().len() + 1;
        let d = Diagnostic::warning("yaml.recovered", message)
            .at(Pos::new(i as u32 + 1, column as u32))
            .path(join_path(&self.model_path(index), key))
            .hint("both readings are valid Swagger 2.0; if the other one is meant, indent this part of the file by hand")
            .group(format!("recovery rule `{rule}`"));
        self.diagnostics.push(d);
    }

    /// A key placed with no doubt of its own, beside the last key a doubtful rule sent out
    /// (`PeriodicidadeAvaliacaoCodigo` in `definitions` after `PeriodicidadeAtualizacaoCodigo`,
    /// which `pascal-case` sent there): if that one belongs in the nearer object, this one may
    /// too, so it is reported with it. A key placed further out ends the run.
    fn follow_doubt(&mut self, i: usize, key: &str, shape: &Shape, index: usize) {
        let Some(run) = &self.doubt_run else {
            return;
        };
        if index < run.index {
            self.doubt_run = None;
            return;
        }
        let fits_there = grammar::field(run.other_kind, key)
            .or_else(|| {
                (run.other_kind == Kind::Schema)
                    .then(|| grammar::json_schema_only_field(key))
                    .flatten()
            })
            .and_then(|expect| fit_shape(expect, shape))
            .is_some();
        if index > run.index || !fits_there {
            return;
        }
        let message = format!(
            "`{key}` placed in {} after `{}`, which a doubtful rule sent there: if `{}` belongs in {}, `{key}` may too",
            self.place_name(index),
            run.key,
            run.key,
            run.other
        );
        let rule = run.rule;
        self.push_doubt(i, index, key, message, rule);
    }

    /// The model path of open object `index` (`definitions.A.properties.b`), from frame names.
    pub(super) fn model_path(&self, index: usize) -> String {
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
    pub(super) fn describe(&self, index: usize) -> String {
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

    /// The innermost open object that can take `key` with a value of `shape`.
    pub(super) fn place_key(&self, key: &str, shape: &Shape) -> Option<Candidate> {
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

    /// A key that every open object which takes it already holds, in two cases where the
    /// spec itself most likely writes it twice (stripping alone never repeats a key in one
    /// object): the object being written holds it (`summary` twice in an operation), or it
    /// is a path `paths` holds. It goes beside the first, where the reader reports the
    /// repetition as the original's reader would; in an object the grammar does not give it,
    /// it would take the keys after it along. (Elsewhere the key goes on to
    /// [`Self::fallback_key`]: after an earlier misreading, a name can repeat where the
    /// original has it once, and the fallback keeps both values.)
    fn repeated_key(&self, key: &str, shape: &Shape) -> Option<Candidate> {
        if !self.rules.is_on(REPEATED_KEY) {
            return None;
        }
        let top = self.stack.len() - 1;
        let index = (0..self.stack.len()).rev().find(|&index| {
            let frame = &self.stack[index];
            frame.has_key(key)
                && match frame.kind() {
                    Some(Kind::Paths) => key.starts_with('/'),
                    Some(Kind::Any | Kind::Examples) | None => false,
                    Some(kind) => index == top || self.innermost_taker(key) == Some((index, kind)),
                }
        })?;
        let kind = self.stack[index].kind()?;
        let (_, opens) = fit_shape(grammar::field(kind, key)?, shape)?;
        Some(Candidate::new(index, 0, opens))
    }

    /// In an example, a key that names the mapping being written and starts its value with the
    /// same key that mapping started with (`service:` again after the members of a first
    /// `service:`, as XML-like examples write a repeated element): the spec writes the member
    /// twice, so it goes beside the first, not inside it.
    ///
    /// And in a response's `examples`, a key whose value starts with the member the example
    /// being written starts with, a property of the schema it illustrates, which that schema
    /// does not declare itself (`'Invalid Credentials': {msg: ...}` after `'Bad Request':
    /// {msg: ...}`): another example beside it (`parallel-example`).
    fn repeated_member(&self, key: &str, shape: &Shape) -> Option<Candidate> {
        let top = self.stack.len() - 1;
        let frame = &self.stack[top];
        let Body::Map {
            kind: Kind::Any,
            keys,
            ..
        } = &frame.body
        else {
            return None;
        };
        let Shape::OpenMap(first, _) = shape else {
            return None;
        };
        let parent = self.stack.get(top.checked_sub(1)?)?;
        let parent_kind = parent.kind()?;
        let starts_alike = keys.first().is_some_and(|k| k == first);
        let repeats = self.rules.is_on(REPEATED_MEMBER)
            && frame.name == key
            && matches!(parent_kind, Kind::Any | Kind::Examples)
            && parent.has_key(key)
            && starts_alike;
        let parallel = || {
            self.rules.is_on(PARALLEL_EXAMPLE)
                && parent_kind == Kind::Examples
                && !parent.has_key(key)
                && starts_alike
                && self
                    .guide_properties(frame.guide)
                    .is_some_and(|names| names.contains(first) && !names.iter().any(|n| n == key))
        };
        if !repeats && !parallel() {
            return None;
        }
        let (_, opens) = grammar::field(parent_kind, key)
            .and_then(|e| fit_shape(e, shape))
            .or_else(|| fit_shape(Expect::Any, shape))?;
        Some(Candidate::new(top - 1, 0, opens))
    }

    /// The innermost open object whose kind takes `key` as a fixed field (`operationId` of an
    /// operation, `default` of a parameter), when no object inside it takes the key at all: a
    /// second copy there is the spec's own repetition, not a key of the objects inside.
    fn innermost_taker(&self, key: &str) -> Option<(usize, Kind)> {
        let index = self
            .stack
            .iter()
            .rposition(|f| f.kind().is_some_and(|k| grammar::field(k, key).is_some()))?;
        let kind = self.stack[index].kind()?;
        grammar::is_fixed_field(kind, key).then_some((index, kind))
    }

    /// The kind of object an extension's value is, when its tools say (`extension-value`).
    fn extension_value(&self, key: &str) -> Option<Kind> {
        known_extension_value(key).filter(|_| self.rules.is_on(EXTENSION_VALUE))
    }

    /// When nothing fits: the innermost mapping.
    pub(super) fn fallback_key(&self, key: &str, shape: &Shape) -> Candidate {
        // The innermost object OpenAPI 3 gives the key (`openapi3-field`), else the innermost
        // mapping that does not hold the key yet: a second `description` in one object would
        // make the parser drop one of the two, and text is never lost.
        let openapi3 = self.rules.is_on(OPENAPI3_FIELD).then(|| {
            self.stack.iter().rposition(|f| {
                f.kind().is_some_and(|k| grammar::openapi3_field(k, key)) && !f.has_key(key)
            })
        });
        let index = openapi3
            .flatten()
            .or_else(|| {
                self.stack
                    .iter()
                    .rposition(|f| f.kind().is_some() && !f.has_key(key))
            })
            .or_else(|| self.stack.iter().rposition(|f| f.kind().is_some()))
            .unwrap_or(0);
        let kind = self.stack[index].kind().unwrap_or(Kind::Any);
        let opens = grammar::field(kind, key)
            .and_then(|e| fit_shape(e, shape))
            .or_else(|| fit_shape(Expect::Any, shape))
            .map_or(Opens::Leaf, |(_, o)| o);
        Candidate::new(index, 9, opens)
    }

    /// Whether open object `index` can take `key` with a value of `shape`: `None` when the
    /// grammar does not allow it there or the value cannot have that shape, else the candidate
    /// with what the soft rules ([`super::rules`]) weighed against it.
    pub(super) fn fit_key(&self, index: usize, key: &str, shape: &Shape) -> Option<Candidate> {
        let Body::Map { kind, keys, .. } = &self.stack[index].body else {
            return None;
        };
        if keys.contains(key) {
            return None;
        }
        let (expect, json_schema_only) = match grammar::field(*kind, key) {
            Some(Expect::Any) if let Some(value) = self.extension_value(key) => {
                (Expect::Obj(value), false)
            }
            Some(expect) => (expect, false),
            None if *kind == Kind::Schema => (grammar::json_schema_only_field(key)?, true),
            None => return None,
        };
        let (fit, opens) = fit_shape(expect, shape)?;
        let site = Site::new(self, index, key, shape, json_schema_only, opens)?;
        let verdict = rules::weigh(&site);
        Some(Candidate {
            index,
            penalty: fit.saturating_add(verdict.penalty),
            fit,
            opens: if verdict.leaf { Opens::Leaf } else { opens },
            why: verdict.why,
            kept: verdict.kept,
        })
    }

    /// Places `key` (line `i`) in the chosen object, emits it and opens its value.
    pub(super) fn key_line(&mut self, i: usize, c: Candidate, key: &str, rest: &str) -> usize {
        self.stack.truncate(c.index + 1);
        self.plain_continuation = None;
        let indent = self.stack[c.index].indent;
        let next = self.write_key(i, indent, rest);
        self.open_after_key(c.index, key, c.opens, indent);
        next
    }

    /// Records `key` in frame `index` and pushes the object its value opens.
    pub(super) fn open_after_key(&mut self, index: usize, key: &str, opens: Opens, indent: usize) {
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
                named,
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
                    *location = value_text.clone();
                }
                if *kind == Kind::Parameter && key == "name" {
                    *named = value_text;
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

    /// Which open list takes the item `- rest` at line `i`.
    pub(super) fn place_item(&self, i: usize, rest: &str) -> Option<Candidate> {
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
            if self.rules.is_on(ITEMS_ALIKE) && members.is_some_and(|m| m != member) {
                penalty += 1;
            }
            if let (Member::Map, Some(k), true) =
                (member, &first_key, self.rules.is_on(ITEM_KEYS_ALIKE))
            {
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
    pub(super) fn member_of(&self, i: usize, rest: &str) -> Member {
        // `- &ref_0` (or `- !tag`): the anchor names the node written on the next lines.
        let rest = if self.rules.is_on(ANCHORED_ITEM) {
            strip_properties(rest)
        } else {
            rest
        };
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

    pub(super) fn item_line(&mut self, i: usize, rest: &str) -> usize {
        let c = match self.place_item(i, rest) {
            Some(c) => c,
            // No list takes it, and a plain scalar is open: a line of that scalar that begins
            // with `- ` (`- SEND ...` in a description), as YAML reads it when indented.
            None if self.plain_continuation.is_some() && self.rules.is_on(DASH_CONTINUATION) => {
                let s = self.lines[i].trim().to_string();
                return self.text_line(i, &s);
            }
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
                // `- key: value`: a mapping member whose first key is on the dash's line. Its
                // other keys line up with the first, however many spaces follow the dash
                // (`-  name: a`), since the line is written as it is.
                let line = self.lines[i].trim();
                let after_dash = line[1..].trim_start();
                let column = indent + line.len() - after_dash.len();
                self.stack
                    .push(Frame::map(kind, column, item_earlier, item_guide));
                let index = self.stack.len() - 1;
                let shape = self.shape_of(i, krest);
                let expect = grammar::field(kind, &key).unwrap_or(Expect::Any);
                let opens = fit_shape(expect, &shape)
                    .or_else(|| fit_shape(Expect::Any, &shape))
                    .map_or(Opens::Leaf, |(_, o)| o);
                let head_len = after_dash.len() - line_rest_len(after_dash, krest);
                let head = after_dash[..head_len].to_string();
                let next = self.write_value(i, indent, "- ", &head, krest);
                self.open_after_key(index, &key, opens, column);
                next
            }
            (Line::Blank, Opens::Map(kind)) => {
                self.emit(i, indent, "-");
                self.stack
                    .push(Frame::map(kind, indent + 2, item_earlier, item_guide));
                i + 1
            }
            (_, Opens::Map(kind))
                if self.rules.is_on(ANCHORED_ITEM) && strip_properties(rest).is_empty() =>
            {
                self.emit(i, indent, self.lines[i].trim());
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

/// `path.key`, or `key` at the root.
pub(super) fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
