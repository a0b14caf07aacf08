//! Schema -> checker tree. Every schema reachable from the entry becomes one [`Node`] in an
//! arena, keyed by its JSON pointer, so `$ref` cycles (recursive schemas) are plain indices.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicU16;

use serde_json::{Map, Value};

use crate::format::Format;
use crate::keywords::number::NumView;
use crate::keywords::object::key_hash;
use crate::keywords::types::{Kind, Types};
use crate::{CompileError, Options};

pub(crate) type NodeId = u32;

/// The compiled schema: nodes and the entry node.
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    pub entry: NodeId,
}

impl Tree {
    /// True when schema `id` admits a value of `kind` at its root (its `type` allows it, or it
    /// has none); `integral` tells an integer from another number.
    pub fn admits(&self, id: NodeId, kind: Kind, integral: impl FnOnce() -> bool) -> bool {
        match self.node(id) {
            Node::True | Node::Alias(_) => true,
            Node::False => false,
            Node::Checks(checks) => checks.types.is_none_or(|t| t.admits(kind, integral)),
        }
    }

    /// Points every declared member at the node its schema stands for, past schemas that are
    /// only a `$ref` ([`Tree::node`] gives the same node either way; this saves following them
    /// for every member read). Alias cycles are refused before.
    fn resolve_member_aliases(&mut self) {
        let target = |nodes: &[Node], mut id: NodeId| {
            while let Node::Alias(to) = nodes[id as usize] {
                id = to;
            }
            id
        };
        for i in 0..self.nodes.len() {
            let Node::Checks(checks) = &self.nodes[i] else {
                continue;
            };
            let Some(object) = &checks.object else {
                continue;
            };
            let resolved: Vec<Option<NodeId>> = object
                .members
                .iter()
                .map(|m| m.schema.map(|id| target(&self.nodes, id)))
                .collect();
            if let Node::Checks(checks) = &mut self.nodes[i]
                && let Some(object) = &mut checks.object
            {
                for (member, schema) in object.members.iter_mut().zip(resolved) {
                    member.schema = schema;
                }
            }
        }
    }

    /// The node `id` stands for, following schemas that are only a `$ref`.
    pub fn node(&self, mut id: NodeId) -> &Node {
        loop {
            match &self.nodes[id as usize] {
                Node::Alias(to) => id = *to,
                node => return node,
            }
        }
    }
}

pub(crate) enum Node {
    /// `true`, `{}` or a schema of annotations only: anything goes.
    True,
    /// `false`: nothing goes.
    False,
    /// A schema that is only a `$ref` (or a draft-04 `$ref`, whose siblings do not count).
    Alias(NodeId),
    Checks(Box<Checks>),
}

/// The values of an `enum`, with its strings in a hash table so a string is found in one probe
/// (catalogues of hundreds of codes are common in vendor specs).
pub(crate) struct Enumeration {
    pub values: Vec<Value>,
    /// The string members, and an open-addressing table of indexes into them by [`key_hash`].
    strings: Vec<(u64, Box<str>)>,
    slots: Vec<u32>,
    /// When no string member is longer than 8 bytes (codes such as `"AGS"` or `"M"`): the
    /// members as words, so a lookup is a multiply and a compare in a register.
    short: Option<ShortStrings>,
}

/// A set of strings of at most 8 bytes, none holding a NUL byte, each kept as its bytes in a
/// zero-padded word (which its length cannot change: no member ends in a zero byte).
struct ShortStrings {
    /// Open addressing by [`ShortStrings::slot`]; 0 is an empty slot (the empty string is
    /// `empty`).
    slots: Vec<u64>,
    shift: u32,
    empty: bool,
}

impl ShortStrings {
    fn new<'a>(members: impl Iterator<Item = &'a str> + Clone) -> Option<Self> {
        if !members
            .clone()
            .all(|m| m.len() <= 8 && !m.as_bytes().contains(&0))
        {
            return None;
        }
        let size = (members.clone().count() * 2).next_power_of_two().max(4);
        let mut set = ShortStrings {
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            empty: false,
        };
        for m in members {
            if m.is_empty() {
                set.empty = true;
                continue;
            }
            let word = word_of(m.as_bytes());
            let mut slot = set.slot(word);
            while set.slots[slot] != 0 && set.slots[slot] != word {
                slot = (slot + 1) & (size - 1);
            }
            set.slots[slot] = word;
        }
        Some(set)
    }

    #[inline]
    fn slot(&self, word: u64) -> usize {
        (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn contains(&self, text: &[u8]) -> bool {
        if text.is_empty() {
            return self.empty;
        }
        if text.len() > 8 {
            return false;
        }
        let word = word_of(text);
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(word);
        loop {
            match self.slots[slot] {
                0 => return false,
                w if w == word => return true,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// `bytes` (at most 8) in a little-endian word, zero-padded.
#[inline]
fn word_of(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0, |word, &b| (word << 8) | u64::from(b))
}

impl Enumeration {
    pub fn new(values: Vec<Value>) -> Self {
        let strings: Vec<(u64, Box<str>)> = values
            .iter()
            .filter_map(Value::as_str)
            .map(|s| (key_hash(s.as_bytes()), Box::from(s)))
            .collect();
        let mut slots = vec![EMPTY; (strings.len() * 2).next_power_of_two().max(2)];
        let mask = slots.len() - 1;
        for (i, (hash, _)) in strings.iter().enumerate() {
            let mut slot = *hash as usize & mask;
            while slots[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i as u32;
        }
        let short = ShortStrings::new(strings.iter().map(|(_, s)| &**s));
        Enumeration {
            values,
            strings,
            slots,
            short,
        }
    }

    /// True when `text` (UTF-8, unescaped) is one of the string members. Inlined where
    /// strings are read: a set of short codes is a multiply and a compare, no call.
    #[inline]
    pub fn has_string(&self, text: &[u8]) -> bool {
        if let Some(short) = &self.short {
            return short.contains(text);
        }
        self.has_long_string(text)
    }

    /// [`Enumeration::has_string`] by hashing `text`, for sets with members past 8 bytes.
    #[inline(never)]
    fn has_long_string(&self, text: &[u8]) -> bool {
        let hash = key_hash(text);
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                EMPTY => return false,
                i => {
                    let (h, s) = &self.strings[i as usize];
                    if *h == hash && s.as_bytes() == text {
                        return true;
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The assertions of one schema object, grouped by the kind of value they apply to.
#[derive(Default)]
pub(crate) struct Checks {
    pub types: Option<Types>,
    pub enumeration: Option<Enumeration>,
    pub constant: Option<Value>,
    pub string: Option<StringChecks>,
    pub number: Option<NumberChecks>,
    pub array: Option<ArrayChecks>,
    pub object: Option<ObjectChecks>,
    /// In-place applicators: `$ref` beside other keywords (2020-12), allOf, anyOf, oneOf, not.
    pub reference: Option<NodeId>,
    pub all_of: Vec<NodeId>,
    pub any_of: Vec<NodeId>,
    pub one_of: Vec<NodeId>,
    pub not: Option<NodeId>,
    /// A string value needs only this schema's string keywords and `enum`: no other type's,
    /// no `const`, no in-place applicator, and its `type` (if any) takes strings. The stream
    /// checks such a value without the general dispatch.
    pub string_leaf: bool,
    /// The same for a number: no `enum`, no `const`, no in-place applicator, and its `type`
    /// (if any) takes numbers or integers.
    pub number_leaf: bool,
    /// The same for an object: no `enum`, no `const`, no in-place applicator, and its `type`
    /// (if any) takes objects.
    pub object_leaf: bool,
}

#[derive(Default)]
pub(crate) struct StringChecks {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<Pattern>,
    pub format: Option<Format>,
}

pub(crate) struct Pattern {
    pub source: String,
    pub regex: regress::Regex,
}

#[derive(Default)]
pub(crate) struct NumberChecks {
    pub bounds: Vec<Bound>,
    /// The divisor as written in the schema (a JSON number, text form).
    pub multiple_of: Option<String>,
}

pub(crate) struct Bound {
    pub keyword: &'static str,
    /// The limit as JSON number text, compared exactly against the payload's digits.
    pub limit: String,
    pub upper: bool,
    pub exclusive: bool,
}

#[derive(Default)]
pub(crate) struct ArrayChecks {
    pub prefix: Vec<NodeId>,
    /// Schema for the items after `prefix`, and the keyword that gave it.
    pub rest: Option<(NodeId, &'static str)>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique: bool,
}

#[derive(Default)]
pub(crate) struct ObjectChecks {
    /// `properties` and `required` names together, sorted by name for binary search.
    pub members: Vec<Member>,
    /// `required` in schema order, so violations come in the order the author wrote.
    pub required: Vec<String>,
    pub additional: Option<NodeId>,
    /// Open-addressing table over `members` by [`key_hash`]: slot -> member index or `EMPTY`.
    pub slots: Vec<u32>,
    /// The member names payloads are expected to come in, learnt from the last object read:
    /// slot 0 holds the index of the member that came first, slot `i + 1` the one that came
    /// after member `i`. Payloads of one producer write their members in one order, so the
    /// next name is nearly always this guess, compared in place with no hashing. Only a hint:
    /// a wrong guess costs one compare and the verdict never depends on it.
    pub order: Box<[AtomicU16]>,
    /// With at most 256 members: the bits of the required ones' indexes, so that an object's
    /// bits of members seen say at once whether every required member is there (unused past
    /// 256 members).
    pub required_bits: [u64; 4],
    /// The member index of each `required` name, in `required`'s order.
    pub required_members: Vec<usize>,
}

const EMPTY: u32 = u32::MAX;

pub(crate) struct Member {
    pub name: String,
    pub hash: u64,
    /// The name in quotes as JSON writes it with no escapes, when it can be (no quote,
    /// backslash or control character): a payload's bytes are compared with it in words.
    pub quoted: Option<QuotedName>,
    pub schema: Option<NodeId>,
    /// Index into `ObjectChecks::required` when the member is required.
    pub required: Option<usize>,
}

impl ObjectChecks {
    /// The member called `name`, whose [`key_hash`] is `hash`.
    #[inline]
    pub fn member(&self, hash: u64, name: &[u8]) -> Option<(usize, &Member)> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = hash as usize & mask;
        loop {
            let index = *self.slots.get(slot)?;
            if index == EMPTY {
                return None;
            }
            let member = &self.members[index as usize];
            if member.hash == hash && member.name.as_bytes() == name {
                return Some((index as usize, member));
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Keywords that change nothing about validity.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "id",
    "$defs",
    "definitions",
    "title",
    "description",
    "default",
    "examples",
    "example",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$comment",
    // Swagger 2.0 schema annotations with no bearing on validity.
    "externalDocs",
    "xml",
];

/// In-place applicators (`$ref` beside keywords, allOf, anyOf, oneOf, not) re-read the value
/// they are on; these bound how deep such re-reads nest and how many a single value gets, so a
/// schema cannot make checking a value overflow the stack or take exponential time (a chain of
/// `allOf` diamonds doubles the work at each step).
const MAX_IN_PLACE_DEPTH: u32 = 64;
const MAX_IN_PLACE_CHECKS: u32 = 1_000;

pub(crate) fn compile(
    schema: &Value,
    entry: &str,
    options: &Options,
) -> Result<Tree, CompileError> {
    let mut compiler = Compiler::new(schema, options);
    let entry = compiler.entry(entry)?;
    compiler.drain()?;
    if let Some(e) = compiler.refuse_cycles().into_iter().next() {
        return Err(e);
    }
    compiler.bound_in_place()?;
    let mut tree = Tree {
        nodes: compiler.nodes,
        entry,
    };
    tree.resolve_member_aliases();
    Ok(tree)
}

/// Compiles the schemas at every entry of one document, sharing what they share, and returns
/// every problem found (each once), where [`compile`] stops at the first.
pub(crate) fn problems(schema: &Value, entries: &[&str], options: &Options) -> Vec<CompileError> {
    let mut compiler = Compiler::new(schema, options);
    let mut found = Vec::new();
    for entry in entries {
        match compiler.entry(entry) {
            Ok(_) => {}
            Err(e) => found.push(e),
        }
        // A schema that fails leaves `true` in its place, so the rest still compiles.
        while let Err(e) = compiler.drain() {
            found.push(e);
        }
    }
    found.extend(compiler.refuse_cycles());
    if found.is_empty() {
        // Only an acyclic tree can be measured.
        found.extend(compiler.bound_in_place().err());
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|e| seen.insert(e.to_string()));
    found
}

/// Draft-04 (as Swagger 2.0 uses it) differs in one way that matters here: `$ref` replaces
/// its siblings instead of joining them.
fn is_draft4(root: &Value) -> bool {
    match root.get("$schema").and_then(Value::as_str) {
        Some(s) => s.contains("draft-04") || s.contains("draft-03"),
        None => root.get("swagger").is_some(),
    }
}

/// `#/a/b`, `#`, `""` or `/a/b` -> the pointer `/a/b` (percent-decoded), `None` for anchors.
fn fragment_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#').unwrap_or(reference);
    let decoded = percent_decode(fragment)?;
    (decoded.is_empty() || decoded.starts_with('/')).then_some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

struct Compiler<'s, 'o> {
    root: &'s Value,
    options: &'o Options,
    draft4: bool,
    nodes: Vec<Node>,
    /// Schema location of each node, for errors.
    pointers: Vec<String>,
    by_pointer: HashMap<String, NodeId>,
    /// Nodes allocated and not compiled yet: compiling is a loop over this list, not recursion,
    /// so a chain of thousands of definitions compiles as well as a short one.
    pending: Vec<NodeId>,
}

impl<'s, 'o> Compiler<'s, 'o> {
    fn new(root: &'s Value, options: &'o Options) -> Self {
        Compiler {
            root,
            options,
            draft4: is_draft4(root),
            nodes: Vec::new(),
            pointers: Vec::new(),
            by_pointer: HashMap::new(),
            pending: Vec::new(),
        }
    }

    /// The node of the schema an entry fragment (`#/$defs/X`) names.
    fn entry(&mut self, entry: &str) -> Result<NodeId, CompileError> {
        let pointer = fragment_pointer(entry).ok_or_else(|| CompileError::Invalid {
            message: format!(
                "entry `{entry}` is not a JSON pointer fragment such as `#/$defs/Name`"
            ),
            pointer: entry.to_owned(),
        })?;
        self.node_at(&pointer)
    }

    /// Compiles every pending node. On an error the failing node stays `true` and the rest are
    /// still pending: calling again goes on.
    fn drain(&mut self) -> Result<(), CompileError> {
        while let Some(id) = self.pending.pop() {
            let pointer = self.pointers[id as usize].clone();
            let root = self.root;
            let schema = root
                .pointer(&pointer)
                .expect("a node is allocated only for a pointer that resolves");
            self.nodes[id as usize] = self.compile_schema(schema, &pointer)?;
        }
        Ok(())
    }
}

impl Compiler<'_, '_> {
    /// The node for the schema at `pointer` (RFC 6901, relative to the document root), compiled
    /// later by [`Compiler::drain`].
    fn node_at(&mut self, pointer: &str) -> Result<NodeId, CompileError> {
        if let Some(&id) = self.by_pointer.get(pointer) {
            return Ok(id);
        }
        if self.root.pointer(pointer).is_none() {
            return Err(invalid(pointer, "no schema at this location"));
        }
        let id =
            NodeId::try_from(self.nodes.len()).map_err(|_| invalid(pointer, "schema too large"))?;
        self.nodes.push(Node::True);
        self.pointers.push(pointer.to_owned());
        self.by_pointer.insert(pointer.to_owned(), id);
        self.pending.push(id);
        Ok(id)
    }

    fn compile_schema(&mut self, schema: &Value, at: &str) -> Result<Node, CompileError> {
        let map = match schema {
            Value::Bool(true) => return Ok(Node::True),
            Value::Bool(false) => return Ok(Node::False),
            Value::Object(map) => map,
            _ => return Err(invalid(at, "a schema must be an object or a boolean")),
        };
        if let Some(reference) = map.get("$ref") {
            let target = self.reference(reference, at)?;
            if self.draft4 || map.keys().all(|k| k == "$ref" || is_annotation(k)) {
                return Ok(Node::Alias(target));
            }
            let mut checks = self.checks(map, at)?;
            checks.reference = Some(target);
            checks.mark_leaves();
            return Ok(Node::Checks(Box::new(checks)));
        }
        let mut checks = self.checks(map, at)?;
        if checks.is_empty() {
            return Ok(Node::True);
        }
        checks.mark_leaves();
        Ok(Node::Checks(Box::new(checks)))
    }

    fn reference(&mut self, reference: &Value, at: &str) -> Result<NodeId, CompileError> {
        let here = format!("{at}/$ref");
        let text = reference
            .as_str()
            .ok_or_else(|| invalid(&here, "`$ref` must be a string"))?;
        let pointer = text
            .starts_with('#')
            .then(|| fragment_pointer(text))
            .flatten()
            .ok_or_else(|| CompileError::Unsupported {
                keyword: format!("$ref: {text}"),
                pointer: format!("#{here}"),
            })?;
        if self.root.pointer(&pointer).is_none() {
            return Err(invalid(&here, &format!("`{text}` points at nothing")));
        }
        self.node_at(&pointer)
    }

    fn sub(&mut self, at: &str, path: &str) -> Result<NodeId, CompileError> {
        self.node_at(&format!("{at}/{path}"))
    }

    fn subs(
        &mut self,
        value: &Value,
        at: &str,
        keyword: &str,
    ) -> Result<Vec<NodeId>, CompileError> {
        let list = value.as_array().filter(|l| !l.is_empty()).ok_or_else(|| {
            invalid(
                &format!("{at}/{keyword}"),
                "expected a non-empty array of schemas",
            )
        })?;
        (0..list.len())
            .map(|i| self.sub(at, &format!("{keyword}/{i}")))
            .collect()
    }

    fn checks(&mut self, map: &Map<String, Value>, at: &str) -> Result<Checks, CompileError> {
        let mut c = Checks::default();
        let draft4_tuple = matches!(map.get("items"), Some(Value::Array(_)));
        for (keyword, value) in map {
            let here = format!("{at}/{}", escape_token(keyword));
            match keyword.as_str() {
                "$ref" => {}
                "type" => {
                    c.types =
                        Some(Types::parse(value).ok_or_else(|| invalid(&here, "unknown type"))?)
                }
                "enum" => {
                    let values = value
                        .as_array()
                        .ok_or_else(|| invalid(&here, "`enum` must be an array"))?;
                    c.enumeration = Some(Enumeration::new(values.clone()));
                }
                "const" => c.constant = Some(value.clone()),
                "minLength" => {
                    c.string.get_or_insert_default().min_length = Some(count(value, &here)?)
                }
                "maxLength" => {
                    c.string.get_or_insert_default().max_length = Some(count(value, &here)?)
                }
                "pattern" => {
                    let source = value
                        .as_str()
                        .ok_or_else(|| invalid(&here, "`pattern` must be a string"))?;
                    let regex = compile_pattern(source).map_err(|e| invalid(&here, &e))?;
                    c.string.get_or_insert_default().pattern = Some(Pattern {
                        source: source.to_owned(),
                        regex,
                    });
                }
                "format" => {
                    let name = value
                        .as_str()
                        .ok_or_else(|| invalid(&here, "`format` must be a string"))?;
                    if self.options.assert_formats
                        && let Some(format) = Format::from_name(name)
                    {
                        c.string.get_or_insert_default().format = Some(format);
                    }
                }
                "minimum" | "maximum" => {
                    let upper = keyword == "maximum";
                    let exclusive_flag = if upper {
                        "exclusiveMaximum"
                    } else {
                        "exclusiveMinimum"
                    };
                    let exclusive = map
                        .get(exclusive_flag)
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                    c.number.get_or_insert_default().bounds.push(Bound {
                        keyword: if exclusive {
                            exclusive_flag
                        } else {
                            if upper { "maximum" } else { "minimum" }
                        },
                        limit: number_text(value, &here)?,
                        upper,
                        exclusive,
                    });
                }
                "exclusiveMinimum" | "exclusiveMaximum" => {
                    // Draft-04 booleans modify minimum/maximum (handled there); 2020-12 numbers are bounds.
                    if value.is_boolean() {
                        continue;
                    }
                    let upper = keyword == "exclusiveMaximum";
                    c.number.get_or_insert_default().bounds.push(Bound {
                        keyword: if upper {
                            "exclusiveMaximum"
                        } else {
                            "exclusiveMinimum"
                        },
                        limit: number_text(value, &here)?,
                        upper,
                        exclusive: true,
                    });
                }
                "multipleOf" => {
                    let text = number_text(value, &here)?;
                    if !NumView::parse(text.as_bytes()).is_positive() {
                        return Err(invalid(&here, "`multipleOf` must be greater than 0"));
                    }
                    c.number.get_or_insert_default().multiple_of = Some(text);
                }
                "minItems" => {
                    c.array.get_or_insert_default().min_items = Some(count(value, &here)?)
                }
                "maxItems" => {
                    c.array.get_or_insert_default().max_items = Some(count(value, &here)?)
                }
                "uniqueItems" => {
                    c.array.get_or_insert_default().unique = value
                        .as_bool()
                        .ok_or_else(|| invalid(&here, "`uniqueItems` must be a boolean"))?;
                }
                "prefixItems" => {
                    if draft4_tuple {
                        return Err(invalid(
                            &here,
                            "`prefixItems` beside an array-valued `items`",
                        ));
                    }
                    c.array.get_or_insert_default().prefix = self.subs(value, at, "prefixItems")?;
                }
                "items" => {
                    if value.is_array() {
                        // Draft-04 tuple form: the rest is governed by additionalItems.
                        c.array.get_or_insert_default().prefix = self.subs(value, at, "items")?;
                    } else {
                        let node = self.sub(at, "items")?;
                        c.array.get_or_insert_default().rest = Some((node, "items"));
                    }
                }
                "additionalItems" => {
                    // Only meaningful after a tuple `items`; ignored otherwise, as draft-04 says.
                    if draft4_tuple {
                        let node = self.sub(at, "additionalItems")?;
                        c.array.get_or_insert_default().rest = Some((node, "additionalItems"));
                    }
                }
                "properties" => {
                    let props = value
                        .as_object()
                        .ok_or_else(|| invalid(&here, "`properties` must be an object"))?;
                    let object = c.object.get_or_insert_default();
                    let mut members = std::mem::take(&mut object.members);
                    for name in props.keys() {
                        let node = self.sub(at, &format!("properties/{}", escape_token(name)))?;
                        members.push(Member {
                            name: name.clone(),
                            hash: key_hash(name.as_bytes()),
                            quoted: QuotedName::new(name),
                            schema: Some(node),
                            required: None,
                        });
                    }
                    c.object.get_or_insert_default().members = members;
                }
                "required" => {
                    let names = value
                        .as_array()
                        .and_then(|l| {
                            l.iter()
                                .map(|v| v.as_str().map(str::to_owned))
                                .collect::<Option<Vec<_>>>()
                        })
                        .ok_or_else(|| invalid(&here, "`required` must be an array of strings"))?;
                    // A name listed twice is required once (and reported missing once).
                    let mut listed = HashSet::new();
                    let names = names
                        .into_iter()
                        .filter(|n| listed.insert(n.clone()))
                        .collect();
                    c.object.get_or_insert_default().required = names;
                }
                "additionalProperties" => {
                    let node = self.sub(at, "additionalProperties")?;
                    c.object.get_or_insert_default().additional = Some(node);
                }
                "allOf" => c.all_of = self.subs(value, at, "allOf")?,
                "anyOf" => c.any_of = self.subs(value, at, "anyOf")?,
                "oneOf" => c.one_of = self.subs(value, at, "oneOf")?,
                "not" => c.not = Some(self.sub(at, "not")?),
                k if is_annotation(k) => {}
                _ => {
                    return Err(CompileError::Unsupported {
                        keyword: keyword.clone(),
                        pointer: format!("#{here}"),
                    });
                }
            }
        }
        if let Some(object) = c.object.as_mut() {
            index_members(object);
        }
        Ok(c)
    }

    /// A value checked against a schema that, through $ref/allOf/anyOf/oneOf/not, comes back to
    /// itself without stepping into a member or item would never finish: every such loop is
    /// refused up front, each once (named by the schema where the walk found it closing).
    fn refuse_cycles(&self) -> Vec<CompileError> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut found = Vec::new();
        let mut marks = vec![Mark::New; self.nodes.len()];
        for start in 0..self.nodes.len() {
            if marks[start] != Mark::New {
                continue;
            }
            // Iterative DFS: (node, next edge index).
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::Open;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let edge = in_place_edges(&self.nodes[node]).nth(*next);
                *next += 1;
                match edge.map(|to| to as usize) {
                    Some(to) if marks[to] == Mark::Open => {
                        found.push(CompileError::Cycle {
                            pointer: format!("#{}", self.pointers[to]),
                        });
                    }
                    Some(to) if marks[to] == Mark::New => {
                        marks[to] = Mark::Open;
                        stack.push((to, 0));
                    }
                    Some(_) => {}
                    None => {
                        marks[node] = Mark::Done;
                        stack.pop();
                    }
                }
            }
        }
        found
    }

    /// Refuses a schema under which checking one value nests in-place re-reads deeper than
    /// [`MAX_IN_PLACE_DEPTH`] or makes more than [`MAX_IN_PLACE_CHECKS`] of them. The tree must
    /// be free of in-place cycles ([`Compiler::refuse_cycles`]).
    fn bound_in_place(&self) -> Result<(), CompileError> {
        // (depth, checks) per node, computed children first by an iterative post-order walk.
        let mut cost: Vec<Option<(u32, u32)>> = vec![None; self.nodes.len()];
        for start in 0..self.nodes.len() {
            if cost[start].is_some() {
                continue;
            }
            let mut stack = vec![(start, false)];
            while let Some((node, children_done)) = stack.pop() {
                if cost[node].is_some() {
                    continue;
                }
                let edges: Vec<usize> = in_place_edges(&self.nodes[node])
                    .map(|to| to as usize)
                    .collect();
                if !children_done {
                    stack.push((node, true));
                    stack.extend(
                        edges
                            .iter()
                            .filter(|&&to| cost[to].is_none())
                            .map(|&to| (to, false)),
                    );
                    continue;
                }
                let (mut depth, mut checks) = (0u32, 0u32);
                for to in &edges {
                    let (d, c) = cost[*to].unwrap_or((0, 0));
                    depth = depth.max(d);
                    checks = checks.saturating_add(c);
                }
                // An alias is followed in a loop, not a nested call: it adds nothing.
                let here = match self.nodes[node] {
                    Node::Alias(_) => (depth, checks),
                    _ if edges.is_empty() => (0, 0),
                    _ => (depth + 1, checks.saturating_add(edges.len() as u32)),
                };
                if here.0 > MAX_IN_PLACE_DEPTH || here.1 > MAX_IN_PLACE_CHECKS {
                    return Err(invalid(
                        &self.pointers[node],
                        &format!(
                            "checking one value against this schema re-reads it {} times, {} deep, through $ref, allOf, anyOf, oneOf and not; molde refuses more than {MAX_IN_PLACE_CHECKS} times or {MAX_IN_PLACE_DEPTH} deep",
                            here.1, here.0
                        ),
                    ));
                }
                cost[node] = Some(here);
            }
        }
        Ok(())
    }
}

fn in_place_edges(node: &Node) -> Box<dyn Iterator<Item = NodeId> + '_> {
    match node {
        Node::Alias(to) => Box::new(std::iter::once(*to)),
        Node::Checks(c) => Box::new(
            c.reference
                .iter()
                .chain(&c.all_of)
                .chain(&c.any_of)
                .chain(&c.one_of)
                .chain(&c.not)
                .copied(),
        ),
        Node::True | Node::False => Box::new(std::iter::empty()),
    }
}

impl Checks {
    /// Whether a value is read again for `$ref` beside keywords, allOf, anyOf, oneOf or not.
    #[inline]
    pub fn has_in_place(&self) -> bool {
        self.reference.is_some()
            || !self.all_of.is_empty()
            || !self.any_of.is_empty()
            || !self.one_of.is_empty()
            || self.not.is_some()
    }

    /// Sets [`Checks::string_leaf`], [`Checks::number_leaf`] and [`Checks::object_leaf`].
    fn mark_leaves(&mut self) {
        let plain = self.constant.is_none() && !self.has_in_place();
        let takes = |kind| self.types.is_none_or(|t| t.admits(kind, || true));
        self.string_leaf = plain && takes(Kind::String);
        self.number_leaf = plain && self.enumeration.is_none() && takes(Kind::Number);
        self.object_leaf = plain && self.enumeration.is_none() && takes(Kind::Object);
    }

    fn is_empty(&self) -> bool {
        self.types.is_none()
            && self.enumeration.is_none()
            && self.constant.is_none()
            && self.string.is_none()
            && self.number.is_none()
            && self.array.is_none()
            && self.object.is_none()
            && !self.has_in_place()
    }
}

/// Merges `required` into the sorted member table.
fn index_members(object: &mut ObjectChecks) {
    let ObjectChecks {
        members,
        required,
        slots,
        required_bits,
        required_members,
        ..
    } = object;
    // Name -> member, so that a schema with thousands of properties, all required, indexes
    // in linear time.
    let mut by_name: HashMap<String, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.clone(), i))
        .collect();
    for (i, name) in required.iter().enumerate() {
        match by_name.get(name) {
            Some(&at) => members[at].required = members[at].required.or(Some(i)),
            None => {
                by_name.insert(name.clone(), members.len());
                members.push(Member {
                    name: name.clone(),
                    hash: key_hash(name.as_bytes()),
                    quoted: QuotedName::new(name),
                    schema: None,
                    required: Some(i),
                });
            }
        }
    }
    *required_members = required.iter().map(|name| by_name[name]).collect();
    *required_bits = [0; 4];
    for &i in required_members.iter().filter(|&&i| i < 256) {
        required_bits[i / 64] |= 1 << (i % 64);
    }
    // At most half full, so probes stay short.
    let size = (members.len() * 2).next_power_of_two().max(4);
    *slots = vec![EMPTY; size];
    for (i, member) in members.iter().enumerate() {
        let mut slot = member.hash as usize & (size - 1);
        while slots[slot] != EMPTY {
            slot = (slot + 1) & (size - 1);
        }
        slots[slot] = i as u32;
    }
    // Past `u16::MAX` members no guess is kept (the stream reader makes none past 256).
    let guesses = if members.len() < usize::from(u16::MAX) {
        members.len() + 1
    } else {
        0
    };
    object.order = (0..guesses).map(|i| AtomicU16::new(i as u16)).collect();
}

/// A member name in quotes (`"folio"`), as words to compare a payload's bytes with: the
/// words at offsets 0, 8, 16, ... and, past 8 bytes, the last eight bytes (overlapping). The
/// same for the name and the colon after it (`"folio":`), as payloads nearly always write it.
pub(crate) struct QuotedName {
    len: usize,
    words: Box<[u64]>,
    with_colon: Box<[u64]>,
}

impl QuotedName {
    /// `None` when JSON cannot write `name` as its very bytes between the quotes.
    fn new(name: &str) -> Option<QuotedName> {
        if !name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            return None;
        }
        let quoted = format!("\"{name}\":").into_bytes();
        let len = quoted.len() - 1;
        Some(QuotedName {
            len,
            words: name_words(&quoted[..len]),
            with_colon: name_words(&quoted),
        })
    }

    /// The length of the name with its quotes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when `bytes` hold this quoted name at `at`.
    #[inline]
    pub fn is_at(&self, bytes: &[u8], at: usize) -> bool {
        words_at(&self.words, self.len, bytes, at)
    }

    /// True when `bytes` hold this quoted name and a colon right after it at `at`.
    #[inline]
    pub fn is_at_with_colon(&self, bytes: &[u8], at: usize) -> bool {
        words_at(&self.with_colon, self.len + 1, bytes, at)
    }
}

/// `text`'s words for [`words_at`]: at offsets 0, 8, 16, ... and, past 8 bytes, the last
/// eight bytes in the last word.
fn name_words(text: &[u8]) -> Box<[u64]> {
    let len = text.len();
    let mut words: Vec<u64> = text.chunks(8).map(word_of).collect();
    if len > 8 {
        // The last chunk as the last eight bytes, so it is compared unmasked.
        *words.last_mut().expect("at least two chunks") = word_of(&text[len - 8..]);
    }
    words.into_boxed_slice()
}

/// True when `bytes` hold at `at` the `len` bytes whose [`name_words`] are `words`.
#[inline(always)]
fn words_at(words: &[u64], len: usize, bytes: &[u8], at: usize) -> bool {
    if len <= 8 {
        // Shorter than a word: the bytes after it are masked off (a name this short is
        // followed by at least a colon, a value and a brace, unless the payload ends).
        let mask = u64::MAX >> (8 * (8 - len));
        return match bytes.get(at..at + 8) {
            Some(w) => {
                (u64::from_le_bytes(w.try_into().expect("eight bytes")) ^ words[0]) & mask == 0
            }
            None => bytes
                .get(at..at + len)
                .is_some_and(|b| word_of(b) == words[0]),
        };
    }
    let Some(here) = bytes.get(at..at + len) else {
        return false;
    };
    let word = |i: usize| u64::from_le_bytes(here[i..i + 8].try_into().expect("eight bytes"));
    // The first and the last word decide a name of up to 16 bytes; longer ones compare the
    // words between.
    let last = words.len() - 1;
    if word(0) != words[0] || word(len - 8) != words[last] {
        return false;
    }
    let mut k = 1;
    while k < last {
        if word(8 * k) != words[k] {
            return false;
        }
        k += 1;
    }
    true
}

fn is_annotation(keyword: &str) -> bool {
    keyword.starts_with("x-") || ANNOTATIONS.contains(&keyword)
}

/// JSON Schema regexes are ECMA-262. Unicode mode first (what the spec intends); vendor
/// patterns such as `[\w\-]` are only legal without it, so those fall back to legacy mode.
pub(crate) fn compile_pattern(source: &str) -> Result<regress::Regex, String> {
    let unicode = regress::Flags {
        unicode: true,
        ..Default::default()
    };
    regress::Regex::with_flags(source, unicode)
        .or_else(|_| regress::Regex::new(source))
        .map_err(|e| format!("`{source}` is not an ECMA-262 regular expression: {e}"))
}

fn count(value: &Value, at: &str) -> Result<u64, CompileError> {
    value
        .as_u64()
        .or_else(|| {
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        })
        .ok_or_else(|| invalid(at, "expected a non-negative integer"))
}

fn number_text(value: &Value, at: &str) -> Result<String, CompileError> {
    match value {
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(invalid(at, "expected a number")),
    }
}

fn invalid(pointer: &str, message: &str) -> CompileError {
    CompileError::Invalid {
        message: message.to_owned(),
        pointer: format!("#{pointer}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Enumeration, QuotedName};
    use serde_json::json;

    #[test]
    fn a_quoted_name_is_found_in_words_only_where_it_is_whole() {
        for name in [
            "a",
            "abcdef",
            "abcdefg",
            "abcdefghijklmn",
            "delegacionMunicipioXY_2",
        ] {
            let quoted = QuotedName::new(name).unwrap();
            let exact = format!("\"{name}\"");
            // At the very end of the bytes, and with more after it.
            for tail in ["", ":1}", ": 12345678901234567890}"] {
                let bytes = format!("{exact}{tail}");
                assert!(quoted.is_at(bytes.as_bytes(), 0), "{bytes}");
                let shifted = format!("{{{bytes}");
                assert!(quoted.is_at(shifted.as_bytes(), 1), "{shifted}");
            }
            // One byte changed anywhere, one more or one less: not it.
            for i in 0..exact.len() {
                let mut other = exact.clone().into_bytes();
                other[i] = if other[i] == b'x' { b'y' } else { b'x' };
                other.extend_from_slice(b":1}");
                assert!(
                    !quoted.is_at(&other, 0),
                    "{}",
                    String::from_utf8_lossy(&other)
                );
            }
            let longer = format!("\"{name}x\":1}}");
            assert!(!quoted.is_at(longer.as_bytes(), 0), "{longer}");
            let shorter = format!("\"{}\":1}}", &name[..name.len() - 1]);
            assert!(!quoted.is_at(shorter.as_bytes(), 0), "{shorter}");
            assert!(!quoted.is_at(&exact.as_bytes()[..exact.len() - 1], 0));
        }
        assert!(QuotedName::new("a\"b").is_none() && QuotedName::new("a\\b").is_none());
    }

    #[test]
    fn short_string_members_are_found_as_words_and_only_they() {
        let values = |v: serde_json::Value| v.as_array().unwrap().clone();
        let codes = Enumeration::new(values(json!(["", "M", "AGS", "ABCDEFGH", 3, null])));
        assert!(codes.short.is_some());
        for member in ["", "M", "AGS", "ABCDEFGH"] {
            assert!(codes.has_string(member.as_bytes()), "{member:?}");
        }
        for other in ["AG", "AGSX", "ABCDEFGHI", "m", "3", "null", "A\u{0}"] {
            assert!(!codes.has_string(other.as_bytes()), "{other:?}");
        }
        // A longer member, or one with a NUL byte, keeps the general table.
        for long in [json!(["M", "ABCDEFGHI"]), json!(["M", "A\u{0}"])] {
            let e = Enumeration::new(values(long.clone()));
            assert!(e.short.is_none());
            for member in long.as_array().unwrap() {
                assert!(e.has_string(member.as_str().unwrap().as_bytes()));
            }
            assert!(!e.has_string(b"A"));
        }
        // Many members (a catalogue of countries) still take the word path.
        let many: Vec<_> = (0..300).map(|i| json!(format!("{i:03}"))).collect();
        let e = Enumeration::new(many);
        assert!(e.short.is_some());
        assert!(e.has_string(b"299") && e.has_string(b"000") && !e.has_string(b"300"));
    }
}
