//! Checking straight from bytes: a JSON scanner that applies the schema as it reads, so no
//! `Value` is ever built. Values no schema constrains are only scanned (still fully checked
//! for syntax, UTF-8 and duplicate member names). In-place applicators (`$ref` with siblings,
//! allOf, anyOf, oneOf, not) re-scan the value's bytes once per subschema.

use std::borrow::Cow;
use std::collections::HashSet;
use std::mem::MaybeUninit;
use std::sync::atomic::Ordering::Relaxed;

use crate::InputError;
use crate::compile::{Checks, Node, NodeId, ObjectChecks, Tree};
use crate::keywords::applicators::{self, Mode};
use crate::keywords::equality::{self, Instance, hash_str};
use crate::keywords::number::{self, NumView, mix};
use crate::keywords::object::{hash_finish, hash_step, key_hash};
use crate::keywords::string::{self, StrSource};
use crate::keywords::types::Kind;
use crate::keywords::{array, object};
use crate::report::{At, Path, Seg, Sink, Stop, code_points, position};

/// Containers nested deeper than this make the payload an input error (never a stack overflow).
pub const MAX_DEPTH: u32 = 256;
/// Containers plus the schema's in-place re-reads (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`)
/// nested deeper than this end the check with an input error: the stack stays bounded whatever
/// the schema and the payload (a 2 MiB thread stack holds it in a debug build).
pub(crate) const MAX_CHECK_NESTING: u32 = 2 * MAX_DEPTH;

/// Checks one payload against the tree's entry schema.
pub(crate) fn check_payload(
    tree: &Tree,
    bytes: &[u8],
    sink: &mut Sink<'_, '_>,
) -> Result<(), Stop> {
    let mut stream = Stream {
        tree,
        bytes,
        pos: 0,
        keys: KeyTable::new(),
        checked_until: 0,
        rereads: 0,
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        stream.pos = 3;
    }
    // One pass over the whole payload is cheaper than checking each string on its own; only
    // a payload that fails it is read again, to say where.
    if simdutf8::basic::from_utf8(bytes).is_err()
        && let Err(e) = std::str::from_utf8(bytes)
    {
        return Err(stream.error(e.valid_up_to(), "invalid UTF-8"));
    }
    stream.check_member(sink, tree.entry, &Path::ROOT, 0)?;
    stream.ws();
    if stream.pos < bytes.len() {
        return Err(stream.error(stream.pos, "unexpected text after the JSON value"));
    }
    Ok(())
}

/// Scans the whole payload for syntax only (after a probe stopped early, to tell an invalid
/// payload from one that is not JSON).
pub(crate) fn check_syntax(bytes: &[u8]) -> Result<(), InputError> {
    let tree = Tree {
        nodes: vec![Node::True],
        entry: 0,
    };
    let mut out = Vec::new();
    let mut sink = Sink::probing(&mut out);
    match check_payload(&tree, bytes, &mut sink) {
        Err(Stop::Input(e)) => Err(*e),
        _ => Ok(()),
    }
}

struct Stream<'s, 't> {
    tree: &'s Tree,
    bytes: &'t [u8],
    pos: usize,
    keys: KeyTable,
    /// Bytes before this offset were already read once (an applicator is re-reading them):
    /// their UTF-8 and member names need no second check.
    checked_until: usize,
    /// In-place re-reads open around the current value (see [`MAX_CHECK_NESTING`]).
    rereads: u32,
}

/// A string as it appears in the payload, between its quotes.
#[derive(Clone, Copy)]
pub(crate) struct RawStr<'t> {
    raw: &'t [u8],
    escaped: bool,
    /// Every byte is ASCII, so each is one code point (escapes aside). False when not known.
    ascii: bool,
}

impl StrSource for RawStr<'_> {
    fn chars(&self) -> usize {
        if !self.escaped {
            return if self.ascii {
                self.raw.len()
            } else {
                code_points(self.raw)
            };
        }
        let mut n = 0;
        let mut i = 0;
        while i < self.raw.len() {
            match self.raw[i] {
                b'\\' if self.raw[i + 1] == b'u' => {
                    let surrogate_pair =
                        matches!(hex4(&self.raw[i + 2..i + 6]), Some(0xD800..=0xDBFF));
                    i += if surrogate_pair { 12 } else { 6 };
                }
                b'\\' => i += 2,
                b => {
                    i += 1;
                    if b & 0xC0 == 0x80 {
                        continue;
                    }
                }
            }
            n += 1;
        }
        n
    }

    fn chars_bounds(&self) -> (usize, usize) {
        // UTF-8 takes at most 4 bytes a code point; an escape at most 12 (`\uD83D\uDE00`).
        if self.ascii && !self.escaped {
            return (self.raw.len(), self.raw.len());
        }
        let widest = if self.escaped { 12 } else { 4 };
        (self.raw.len().div_ceil(widest), self.raw.len())
    }

    fn text(&self) -> Cow<'_, str> {
        if self.escaped {
            unescape(self.raw)
        } else {
            // SAFETY: `check_payload` checks the payload's UTF-8 as a whole before reading it,
            // and a string is cut from it at its quotes, so its bytes are whole characters.
            Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(self.raw) })
        }
    }
}

impl<'s, 't> Stream<'s, 't> {
    fn error(&self, offset: usize, message: &str) -> Stop {
        let (line, column) = position(self.bytes, offset);
        Stop::from(InputError {
            message: message.to_owned(),
            line,
            column,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), Stop> {
        self.ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(message))
        }
    }

    fn unexpected(&self, expected: &str) -> Stop {
        match self.peek() {
            None => self.error(self.pos, &format!("unexpected end of input: {expected}")),
            Some(_) => self.error(self.pos, &format!("unexpected character: {expected}")),
        }
    }

    fn kind(&self) -> Result<Kind, Stop> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9' | b'{' | b'[' | b'"' | b't' | b'f' | b'n') => {
                Ok(kind_of(self.peek()))
            }
            _ => Err(self.unexpected("expected a JSON value")),
        }
    }

    /// Reads the string at `pos` (on its opening quote), checking escapes (UTF-8 is checked
    /// once for the whole payload).
    #[inline(always)]
    fn string(&mut self) -> Result<RawStr<'t>, Stop> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        // Every word read, OR-ed together: no high bit set says every byte of the string is
        // ASCII. (A word may reach past the closing quote: then a wide byte after the string
        // only makes the answer "not known", never wrong.)
        let mut seen = 0u64;
        loop {
            // Eight bytes at a time while none is a quote, a backslash or a control character,
            // then straight to the first one.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("slice of 8 bytes"));
                let special = special_bytes(word);
                seen |= word;
                if special == 0 {
                    i += 8;
                    continue;
                }
                i += special.trailing_zeros() as usize / 8;
                break;
            }
            match bytes.get(i) {
                None => return Err(self.error(self.pos, "unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    i += self.escape(i)?;
                }
                Some(&b) if b < 0x20 => {
                    return Err(self.error(i, "control character in a string (escape it)"));
                }
                Some(&b) => {
                    seen |= u64::from(b);
                    i += 1;
                }
            }
        }
        let raw = &bytes[start..i];
        self.pos = i + 1;
        Ok(RawStr {
            raw,
            escaped,
            ascii: seen & 0x8080_8080_8080_8080 == 0,
        })
    }

    /// Reads a member name and its [`key_hash`]: a name without escapes (nearly all of them) is
    /// hashed in the same pass that finds its end.
    fn name_and_hash(&mut self) -> Result<(RawStr<'t>, u64), Stop> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        let mut h = 0;
        // Eight bytes at a time; the word that holds the closing quote is hashed with the
        // bytes after the quote masked off (the zero padding `key_hash` uses).
        let end = loop {
            let Some(chunk) = bytes.get(i..i + 8) else {
                // Fewer than eight bytes left: byte by byte.
                let n = bytes[i..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
                match n {
                    Some(n) if bytes[i + n] == b'"' => {
                        if n > 0 {
                            let mut last = [0u8; 8];
                            last[..n].copy_from_slice(&bytes[i..i + n]);
                            h = hash_step(h, u64::from_le_bytes(last));
                        }
                        break Some(i + n);
                    }
                    _ => break None,
                }
            };
            let word = u64::from_le_bytes(chunk.try_into().expect("slice of 8 bytes"));
            let special = special_bytes(word);
            if special == 0 {
                h = hash_step(h, word);
                i += 8;
                continue;
            }
            let n = special.trailing_zeros() as usize / 8;
            if bytes[i + n] != b'"' {
                break None;
            }
            if n > 0 {
                h = hash_step(h, word & ((1u64 << (8 * n)) - 1));
            }
            break Some(i + n);
        };
        if let Some(end) = end {
            self.pos = end + 1;
            let raw = &bytes[start..end];
            return Ok((
                RawStr {
                    raw,
                    escaped: false,
                    ascii: false,
                },
                hash_finish(h, raw.len()),
            ));
        }
        // Escapes, control characters or the end of the input: the general path says which.
        let key = self.string()?;
        let hash = if key.escaped {
            key_hash(key.text().as_bytes())
        } else {
            key_hash(key.raw)
        };
        Ok((key, hash))
    }

    /// Checks the escape at `at` (a backslash) and returns its length.
    fn escape(&self, at: usize) -> Result<usize, Stop> {
        let bytes = self.bytes;
        match bytes.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(2),
            Some(b'u') => {
                let unit = bytes
                    .get(at + 2..at + 6)
                    .and_then(hex4)
                    .ok_or_else(|| self.error(at, "invalid \\u escape"))?;
                match unit {
                    0xD800..=0xDBFF => {
                        let low = bytes
                            .get(at + 6..at + 12)
                            .filter(|next| next.starts_with(b"\\u"))
                            .and_then(|next| hex4(&next[2..]));
                        match low {
                            Some(0xDC00..=0xDFFF) => Ok(12),
                            _ => Err(self.error(at, "unpaired surrogate in a \\u escape")),
                        }
                    }
                    0xDC00..=0xDFFF => Err(self.error(at, "unpaired surrogate in a \\u escape")),
                    _ => Ok(6),
                }
            }
            _ => Err(self.error(at, "invalid escape in a string")),
        }
    }

    /// Reads the number at `pos`, returning its text and whether it is written as a plain
    /// integer (no fraction, no exponent: then it is an integer without reading its digits).
    #[cfg_attr(debug_assertions, inline(never))]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn number(&mut self) -> Result<(&'t str, bool), Stop> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        let n = digits(&mut i);
        if n == 0 || (n > 1 && bytes[int_start] == b'0') {
            return Err(self.error(start, "invalid number"));
        }
        let int_end = i;
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(self.error(start, "invalid number: digits expected after '.'"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(self.error(start, "invalid number: digits expected in the exponent"));
            }
        }
        self.pos = i;
        let text = &bytes[start..i];
        debug_assert!(text.is_ascii());
        // SAFETY: every byte of `text` was matched above as an ASCII digit, sign, '.' or 'e'.
        Ok((unsafe { std::str::from_utf8_unchecked(text) }, i == int_end))
    }

    fn literal(&mut self) -> Result<(), Stop> {
        let rest = &self.bytes[self.pos..];
        for word in [&b"true"[..], b"false", b"null"] {
            if rest.starts_with(word) {
                self.pos += word.len();
                return Ok(());
            }
        }
        Err(self.error(self.pos, "invalid literal (expected true, false or null)"))
    }

    fn enter(&self, depth: u32) -> Result<(), Stop> {
        if depth >= MAX_DEPTH {
            return Err(self.error(self.pos, &format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// Reads a member name and the colon after it, refusing a name the object already has.
    /// Returns the name and its [`key_hash`] (of the decoded text).
    fn member_name(&mut self, object_keys: &mut ObjectKeys) -> Result<(RawStr<'t>, u64), Stop> {
        let (key, hash, at) = self.name_then_colon()?;
        self.unseen_name(object_keys, key, hash, at)?;
        Ok((key, hash))
    }

    /// Reads a member name and the colon after it; returns the name, its [`key_hash`] and
    /// where its opening quote is. Whether the object already has it is the caller's question.
    #[inline]
    fn name_then_colon(&mut self) -> Result<(RawStr<'t>, u64, usize), Stop> {
        self.ws();
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("expected a member name in quotes"));
        }
        let at = self.pos;
        let (key, hash) = self.name_and_hash()?;
        self.colon()?;
        Ok((key, hash, at))
    }

    /// The colon after a member name.
    #[inline]
    fn colon(&mut self) -> Result<(), Stop> {
        if self.peek() == Some(b':') {
            self.pos += 1;
            Ok(())
        } else {
            self.expect(b':', "expected ':' after a member name")
        }
    }

    /// When the next member name is the one `object.order` guesses at slot `after`, reads it
    /// and the colon after it in place (no scan for its end, no hash): returns the name, where
    /// its quote is and the member's index. `None` (nothing read) when the guess is wrong.
    #[inline]
    fn guessed_name(
        &mut self,
        object: &ObjectChecks,
        after: usize,
    ) -> Result<Option<(RawStr<'t>, usize, usize)>, Stop> {
        let Some(index) = object
            .order
            .get(after)
            .map(|g| usize::from(g.load(Relaxed)))
        else {
            return Ok(None);
        };
        let Some(name) = object.members.get(index).and_then(|m| m.quoted.as_ref()) else {
            return Ok(None);
        };
        let bytes = self.bytes;
        // Nearly always the name and its colon, right where the last value or brace ended.
        let at = self.pos;
        let at = if name.is_at_with_colon(bytes, at) {
            self.pos = at + name.len() + 1;
            at
        } else {
            self.ws();
            let at = self.pos;
            if !name.is_at(bytes, at) {
                return Ok(None);
            }
            self.pos = at + name.len();
            self.colon()?;
            at
        };
        let key = RawStr {
            raw: &bytes[at + 1..at + name.len() - 1],
            escaped: false,
            ascii: false,
        };
        Ok(Some((key, at, index)))
    }

    /// Refuses a name (its quote at `at`) that the object already has, unless an applicator is
    /// re-reading bytes already checked.
    fn unseen_name(
        &mut self,
        object_keys: &mut ObjectKeys,
        key: RawStr<'t>,
        hash: u64,
        at: usize,
    ) -> Result<(), Stop> {
        if at >= self.checked_until && !self.keys.insert(object_keys, key, hash, at + 1, self.bytes)
        {
            return Err(self.duplicate(key, at));
        }
        Ok(())
    }

    #[cold]
    fn duplicate(&self, key: RawStr<'t>, at: usize) -> Stop {
        let message = format!("duplicate member name {}", string::quote(&key.text()));
        self.error(at, &message)
    }

    /// After a member or item: true if another follows, false at the closing bracket.
    #[inline]
    fn next(&mut self, close: u8) -> Result<bool, Stop> {
        // Nearly always a comma right after the value.
        if self.peek() == Some(b',') {
            self.pos += 1;
            return Ok(true);
        }
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.unexpected(if close == b'}' {
                "expected ',' or '}'"
            } else {
                "expected ',' or ']'"
            })),
        }
    }

    /// Opens a container: true if it is empty (and already closed).
    fn open(&mut self, close: u8, depth: u32) -> Result<bool, Stop> {
        self.enter(depth)?;
        self.pos += 1;
        self.ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// Scans one value that no schema constrains.
    fn skip(&mut self, depth: u32) -> Result<(), Stop> {
        self.ws();
        match self.kind()? {
            Kind::Object => {
                if self.open(b'}', depth)? {
                    return Ok(());
                }
                let mut object_keys = self.keys.open();
                loop {
                    self.member_name(&mut object_keys)?;
                    self.skip(depth + 1)?;
                    if !self.next(b'}')? {
                        break;
                    }
                }
                self.keys.close(object_keys);
            }
            Kind::Array => {
                if self.open(b']', depth)? {
                    return Ok(());
                }
                loop {
                    self.skip(depth + 1)?;
                    if !self.next(b']')? {
                        break;
                    }
                }
            }
            Kind::String => {
                self.string()?;
            }
            Kind::Number => {
                self.number()?;
            }
            Kind::Boolean | Kind::Null => self.literal()?,
        }
        Ok(())
    }

    fn node(&self, id: NodeId) -> &'s Node {
        self.tree.node(id)
    }

    /// [`Stream::check`], with a string, a number or an object under a schema that is a leaf
    /// for it ([`Checks::string_leaf`], [`Checks::number_leaf`], [`Checks::object_leaf`]: most
    /// members of most payloads) checked right here, without the general dispatch.
    #[inline(always)]
    fn check_member(
        &mut self,
        sink: &mut Sink<'_, '_>,
        id: NodeId,
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        self.ws();
        if let Some(byte) = self.peek()
            && let Node::Checks(checks) = self.node(id)
        {
            match byte {
                b'"' if checks.string_leaf => return self.leaf_string(sink, checks, path),
                b'-' | b'0'..=b'9' if checks.number_leaf => {
                    let at = At {
                        path,
                        offset: Some(self.pos),
                    };
                    return self.number_value(sink, checks, at).map(drop);
                }
                // What `check` does for an object whose schema takes one, less its dispatch.
                b'{' if checks.object_leaf => return self.object(sink, checks, path, depth),
                _ => {}
            }
        }
        self.check(sink, id, path, depth)
    }

    /// The number at `pos` against `checks`' `type` and number keywords: what [`Stream::check`]
    /// does for a number before `enum`, `const` and the in-place applicators. False when the
    /// type is wrong (reported; nothing more is checked on the value).
    #[cfg_attr(debug_assertions, inline(never))]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn number_value(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        at: At<'_, '_>,
    ) -> Result<bool, Stop> {
        let (text, plain_integer) = self.number()?;
        if let Some(types) = checks.types
            && !types.admits(Kind::Number, || {
                plain_integer || NumView::parse(text.as_bytes()).is_integer()
            })
        {
            sink.fail(at, "type", || {
                format!("expected {}, found {}", types.describe(), number_kind(text))
            })?;
            return Ok(false);
        }
        if let Some(number_checks) = &checks.number {
            number::check(number_checks, text, sink, at)?;
        }
        Ok(true)
    }

    /// The string at `pos` against a [`Checks::string_leaf`] schema: what [`Stream::check`]
    /// does for a string there, step for step. Inlined into the containers' loops in optimised
    /// builds; a debug build keeps it apart, or frames that nest as deep as the payload would
    /// outgrow a 2 MiB stack.
    #[cfg_attr(debug_assertions, inline(never))]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn leaf_string(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        path: &Path<'_>,
    ) -> Result<(), Stop> {
        let start = self.pos;
        let at = At {
            path,
            offset: Some(start),
        };
        let s = self.string()?;
        if let Some(string_checks) = &checks.string {
            string::check(string_checks, &s, sink, at)?;
        }
        if let Some(values) = &checks.enumeration
            && (s.escaped || !values.has_string(s.raw))
        {
            let span = Span(&self.bytes[start..self.pos]);
            equality::check_enum(values, &span, sink, at)?;
        }
        Ok(())
    }

    /// Checks the value at `pos` against schema `id`, leaving `pos` after the value.
    fn check(
        &mut self,
        sink: &mut Sink<'_, '_>,
        id: NodeId,
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        self.ws();
        let start = self.pos;
        let at = At {
            path,
            offset: Some(start),
        };
        let checks = match self.node(id) {
            Node::True | Node::Alias(_) => return self.skip(depth),
            Node::False => {
                // Scan first: a payload that is not JSON is an input error, not a violation.
                self.skip(depth)?;
                return sink.fail(at, "false", || {
                    "no value is allowed here (the schema is `false`)".to_owned()
                });
            }
            Node::Checks(checks) => checks,
        };
        let kind = self.kind()?;
        match kind {
            Kind::Object | Kind::Array => {
                if let Some(types) = checks.types
                    && !types.admits(kind, || false)
                {
                    self.skip(depth)?;
                    return sink.fail(at, "type", || {
                        format!("expected {}, found {}", types.describe(), kind.name())
                    });
                }
                if kind == Kind::Object {
                    self.object(sink, checks, path, depth)?;
                } else {
                    self.array(sink, checks, path, depth)?;
                }
            }
            Kind::String => {
                let s = self.string()?;
                if let Some(types) = checks.types
                    && !types.admits(kind, || false)
                {
                    return sink.fail(at, "type", || {
                        format!("expected {}, found string", types.describe())
                    });
                }
                if let Some(string_checks) = &checks.string {
                    string::check(string_checks, &s, sink, at)?;
                }
                // A string written without escapes is in a string enum or not by one lookup
                // of its bytes as they lie in the payload.
                if let Some(values) = &checks.enumeration
                    && !s.escaped
                    && checks.constant.is_none()
                {
                    if !values.has_string(s.raw) {
                        let span = Span(&self.bytes[start..self.pos]);
                        equality::check_enum(values, &span, sink, at)?;
                    }
                    return self.in_place(sink, checks, path, depth, start);
                }
            }
            Kind::Number => {
                if !self.number_value(sink, checks, at)? {
                    return Ok(());
                }
            }
            Kind::Boolean | Kind::Null => {
                self.literal()?;
                let kind = if self.bytes[start] == b'n' {
                    Kind::Null
                } else {
                    Kind::Boolean
                };
                if let Some(types) = checks.types
                    && !types.admits(kind, || false)
                {
                    return sink.fail(at, "type", || {
                        format!("expected {}, found {}", types.describe(), kind.name())
                    });
                }
            }
        }
        let span = Span(&self.bytes[start..self.pos]);
        if let Some(values) = &checks.enumeration {
            equality::check_enum(values, &span, sink, at)?;
        }
        if let Some(expected) = &checks.constant {
            equality::check_const(expected, &span, sink, at)?;
        }
        self.in_place(sink, checks, path, depth, start)
    }

    /// $ref beside other keywords, allOf, anyOf, oneOf and not: each re-reads the value.
    fn in_place(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        path: &Path<'_>,
        depth: u32,
        start: usize,
    ) -> Result<(), Stop> {
        if !checks.has_in_place() {
            return Ok(());
        }
        let end = self.pos;
        let outer = self.checked_until;
        self.checked_until = outer.max(end);
        let outcome = self.reread(sink, checks, path, depth, start);
        self.checked_until = outer;
        self.pos = end;
        outcome
    }

    fn reread(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        path: &Path<'_>,
        depth: u32,
        start: usize,
    ) -> Result<(), Stop> {
        // Re-reads nest like containers do: together they must stay within the stack.
        if depth + self.rereads >= MAX_CHECK_NESTING {
            return Err(self.error(
                start,
                &format!(
                    "checking nests deeper than {MAX_CHECK_NESTING} levels here (the payload's nesting plus the schema's $ref, allOf, anyOf, oneOf and not)"
                ),
            ));
        }
        self.rereads += 1;
        let outcome = self.reread_each(sink, checks, path, depth, start);
        self.rereads -= 1;
        outcome
    }

    fn reread_each(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        path: &Path<'_>,
        depth: u32,
        start: usize,
    ) -> Result<(), Stop> {
        for &sub in checks.reference.iter().chain(&checks.all_of) {
            self.pos = start;
            self.check(sink, sub, path, depth)?;
        }
        if checks.any_of.is_empty() && checks.one_of.is_empty() && checks.not.is_none() {
            return Ok(());
        }
        let at = At {
            path,
            offset: Some(start),
        };
        let tree = self.tree;
        let kind = kind_of(self.bytes.get(start).copied());
        let number = &self.bytes[start..];
        let number = &number[..number
            .iter()
            .position(|b| !matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
            .unwrap_or(number.len())];
        let integral = || NumView::parse(number).is_integer();
        let fits = |branch| tree.admits(branch, kind, integral);
        applicators::check(
            checks,
            sink,
            at,
            |sink, branch, mode| {
                self.pos = start;
                let mark = self.keys.mark();
                let probing = mode == Mode::Probe;
                if probing {
                    sink.begin_probe();
                }
                let outcome = self.check(sink, branch, path, depth);
                if probing {
                    sink.end_probe();
                }
                self.keys.reset(mark);
                match outcome {
                    Ok(()) => Ok(true),
                    Err(Stop::Fail) => Ok(false),
                    Err(e) => Err(e),
                }
            },
            fits,
        )
    }

    fn object(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        let start = self.pos;
        let Some(object) = &checks.object else {
            return self.skip(depth);
        };
        // Declared members are told apart by their index: a name seen twice is one bit test,
        // the same bits say which required members came, and only names the schema does not
        // declare go into the key table. (Up to 256 declared members, so the bits stay on the
        // stack; past that, the table, and a bit per `required` entry.)
        let by_index = object.members.len() <= object::INLINE_BITS;
        let mut seen = object::Seen::new(if by_index { 0 } else { object.required.len() });
        let mut declared = object::Seen::new(if by_index { object.members.len() } else { 0 });
        if !self.open(b'}', depth)? {
            let mut object_keys = self.keys.open();
            // Where in `object.order` the guess for the next name is: 0 before the first.
            let mut after = 0;
            loop {
                let guess = if by_index {
                    self.guessed_name(object, after)?
                } else {
                    None
                };
                // A right guess is a declared member told apart by its index: its hash, which
                // only the key table of undeclared names needs, is never used.
                let (key, hash, at, found) = match guess {
                    Some((key, at, index)) => (key, 0, at, Some((index, &object.members[index]))),
                    None => {
                        let (key, hash, at) = self.name_then_colon()?;
                        let found = if key.escaped {
                            object.member(hash, key.text().as_bytes())
                        } else {
                            object.member(hash, key.raw)
                        };
                        if let (Some((index, _)), Some(slot)) = (found, object.order.get(after)) {
                            slot.store(index as u16, Relaxed);
                        }
                        (key, hash, at, found)
                    }
                };
                if let Some((index, _)) = found {
                    after = index + 1;
                }
                let child = path.child(Seg::RawKey(key.raw));
                let member = match found {
                    Some((index, member)) if by_index => {
                        // Set on re-reads too: the bits also tell the required members.
                        if !declared.insert_new(index) && at >= self.checked_until {
                            return Err(self.duplicate(key, at));
                        }
                        Some(member)
                    }
                    found => {
                        self.unseen_name(&mut object_keys, key, hash, at)?;
                        found.map(|(_, member)| member)
                    }
                };
                if !by_index && let Some(i) = member.and_then(|m| m.required) {
                    seen.insert(i);
                }
                match (member.and_then(|m| m.schema), object.additional) {
                    (Some(schema), _) => self.check_member(sink, schema, &child, depth + 1)?,
                    (None, None) => self.skip(depth + 1)?,
                    (None, Some(additional)) => {
                        if let Node::False = self.node(additional) {
                            self.ws();
                            let value_at = At {
                                path: &child,
                                offset: Some(self.pos),
                            };
                            self.skip(depth + 1)?;
                            sink.fail(value_at, "additionalProperties", || {
                                object::unexpected_member(object, &key.text())
                            })?;
                        } else {
                            self.check(sink, additional, &child, depth + 1)?;
                        }
                    }
                }
                if !self.next(b'}')? {
                    break;
                }
            }
            self.keys.close(object_keys);
        }
        let at = At {
            path,
            offset: Some(start),
        };
        if by_index {
            object::check_required_by_index(object, &mut declared, sink, at)
        } else {
            object::check_required(object, &mut seen, sink, at)
        }
    }

    fn array(
        &mut self,
        sink: &mut Sink<'_, '_>,
        checks: &Checks,
        path: &Path<'_>,
        depth: u32,
    ) -> Result<(), Stop> {
        let start = self.pos;
        let Some(items) = &checks.array else {
            return self.skip(depth);
        };
        let mut count = 0;
        let mut spans: Vec<Span<'t>> = Vec::new();
        if !self.open(b']', depth)? {
            loop {
                self.ws();
                let item_start = self.pos;
                let child = path.child(Seg::Index(count));
                let schema = match items.prefix.get(count) {
                    Some(&schema) => Some((schema, "prefixItems")),
                    None => items.rest,
                };
                match schema {
                    None => self.skip(depth + 1)?,
                    Some((schema, keyword)) => {
                        if let Node::False = self.node(schema) {
                            self.skip(depth + 1)?;
                            let n = items.prefix.len();
                            let item_at = At {
                                path: &child,
                                offset: Some(item_start),
                            };
                            sink.fail(item_at, keyword, || {
                                format!(
                                    "unexpected item: at most {n} {} allowed",
                                    if n == 1 { "item is" } else { "items are" }
                                )
                            })?;
                        } else {
                            self.check_member(sink, schema, &child, depth + 1)?;
                        }
                    }
                }
                if items.unique {
                    spans.push(Span(&self.bytes[item_start..self.pos]));
                }
                count += 1;
                if !self.next(b']')? {
                    break;
                }
            }
        }
        let at = At {
            path,
            offset: Some(start),
        };
        array::check_count(items, count, sink, at)?;
        if items.unique && spans.len() > 1 {
            equality::check_unique(&spans, sink, at)?;
        }
        Ok(())
    }
}

/// The kind of value a byte opens (a number for anything that is not another kind's).
fn kind_of(byte: Option<u8>) -> Kind {
    match byte {
        Some(b'{') => Kind::Object,
        Some(b'[') => Kind::Array,
        Some(b'"') => Kind::String,
        Some(b't' | b'f') => Kind::Boolean,
        Some(b'n') => Kind::Null,
        _ => Kind::Number,
    }
}

fn number_kind(text: &str) -> &'static str {
    if NumView::parse(text.as_bytes()).is_integer() {
        "integer"
    } else {
        "number"
    }
}

/// The high bit of each byte of `word` (eight bytes of a string, little-endian) that may be a
/// quote, a backslash or a control character. Bits above the lowest may be false alarms (a
/// borrow carries into the next byte), but the lowest set bit is always the first such byte
/// (the classic "has zero byte" bit trick).
#[inline]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    (zero_in(quote) | zero_in(backslash) | below_space) & HIGH
}

fn hex4(bytes: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(bytes.get(..4)?).ok()?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(text, 16).ok()
}

/// Decodes a string's escapes (the text between the quotes, already checked).
pub(crate) fn unescape(raw: &[u8]) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'\\', raw) else {
        return Cow::Borrowed(std::str::from_utf8(raw).unwrap_or_default());
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(std::str::from_utf8(&raw[..first]).unwrap_or_default());
    let mut i = first;
    while i < raw.len() {
        if raw[i] != b'\\' {
            let next = memchr::memchr(b'\\', &raw[i..]).map_or(raw.len(), |n| i + n);
            out.push_str(std::str::from_utf8(&raw[i..next]).unwrap_or_default());
            i = next;
            continue;
        }
        let c = match raw.get(i + 1) {
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = hex4(&raw[i + 2..]).unwrap_or(0xFFFD);
                i += 6;
                let code = if (0xD800..0xDC00).contains(&unit) {
                    let low = hex4(raw.get(i + 2..).unwrap_or_default()).unwrap_or(0xDC00);
                    i += 6;
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                continue;
            }
            Some(&other) => char::from(other),
            None => break,
        };
        out.push(c);
        i += 2;
    }
    Cow::Owned(out)
}

/// The member names of the objects being read, to refuse duplicates. Names live in one table
/// shared by all open objects (on the stack for the first 256); an object with many members
/// moves its names into a hash set so a hostile object with a million members stays linear.
struct KeyTable {
    /// The first entries. Those below `len` are written; the rest are never read, so a new
    /// table (one per payload) costs no zeroing.
    inline: [MaybeUninit<KeyEntry>; INLINE_KEYS],
    spill: Vec<KeyEntry>,
    len: usize,
}

const INLINE_KEYS: usize = 32;
/// Members an object may have before its names move into a hash set.
const LINEAR_KEYS: usize = 48;

#[derive(Clone, Copy)]
struct KeyEntry {
    hash: u64,
    /// Where the name is written in the payload (between the quotes).
    start: usize,
    end: usize,
}

/// One open object's part of the table.
struct ObjectKeys {
    base: usize,
    large: Option<HashSet<String>>,
}

impl KeyTable {
    fn new() -> KeyTable {
        KeyTable {
            inline: [const { MaybeUninit::uninit() }; INLINE_KEYS],
            spill: Vec::new(),
            len: 0,
        }
    }

    fn open(&mut self) -> ObjectKeys {
        ObjectKeys {
            base: self.len,
            large: None,
        }
    }

    fn close(&mut self, object: ObjectKeys) {
        self.reset(object.base);
    }

    fn mark(&self) -> usize {
        self.len
    }

    /// Back to an earlier mark; never past `len`, so every entry below `len` stays written.
    fn reset(&mut self, mark: usize) {
        self.len = mark.min(self.len);
        self.spill.truncate(mark.saturating_sub(INLINE_KEYS));
    }

    /// Entry `i`, below `len`.
    fn get(&self, i: usize) -> KeyEntry {
        assert!(
            i < self.len,
            "key entry {i} read past the table's {}",
            self.len
        );
        if i < INLINE_KEYS {
            // SAFETY: `push` writes every entry below `len` before `len` passes it, `len` only
            // grows through `push`, and `reset` only lowers it.
            unsafe { self.inline[i].assume_init() }
        } else {
            self.spill[i - INLINE_KEYS]
        }
    }

    fn push(&mut self, entry: KeyEntry) {
        if self.len < INLINE_KEYS {
            self.inline[self.len] = MaybeUninit::new(entry);
        } else {
            self.spill.push(entry);
        }
        self.len += 1;
    }

    /// Adds `key` to the object's names; false if it is already there.
    fn insert(
        &mut self,
        object: &mut ObjectKeys,
        key: RawStr<'_>,
        hash: u64,
        start: usize,
        payload: &[u8],
    ) -> bool {
        if let Some(large) = &mut object.large {
            return large.insert(key.text().into_owned());
        }
        for i in object.base..self.len {
            let entry = self.get(i);
            if entry.hash != hash {
                continue;
            }
            // Names written without escapes compare as bytes; only escaped ones are decoded.
            let other = &payload[entry.start..entry.end];
            let same = if key.escaped || other.contains(&b'\\') {
                unescape(other) == key.text()
            } else {
                other == key.raw
            };
            if same {
                return false;
            }
        }
        if self.len - object.base >= LINEAR_KEYS {
            let mut large: HashSet<String> = (object.base..self.len)
                .map(|i| {
                    let entry = self.get(i);
                    unescape(&payload[entry.start..entry.end]).into_owned()
                })
                .collect();
            large.insert(key.text().into_owned());
            self.reset(object.base);
            object.large = Some(large);
            return true;
        }
        self.push(KeyEntry {
            hash,
            start,
            end: start + key.raw.len(),
        });
        true
    }
}

/// The bytes of one value, already checked: compared and hashed without building a `Value`.
#[derive(Clone, Copy)]
struct Span<'t>(&'t [u8]);

impl<'t> Span<'t> {
    fn kind(self) -> u8 {
        self.0[0]
    }

    /// Members (raw name, value) of an object span.
    fn members(self) -> impl Iterator<Item = (&'t [u8], Span<'t>)> {
        let mut r = Reader {
            bytes: self.0,
            pos: 1,
        };
        std::iter::from_fn(move || {
            r.ws();
            if r.bytes.get(r.pos) != Some(&b'"') {
                return None;
            }
            let key = r.string_raw();
            r.ws();
            r.pos += 1; // ':'
            r.ws();
            let value = r.value();
            r.ws();
            r.pos += 1; // ',' or '}'
            Some((key, value))
        })
    }

    fn items(self) -> impl Iterator<Item = Span<'t>> {
        let mut r = Reader {
            bytes: self.0,
            pos: 1,
        };
        std::iter::from_fn(move || {
            r.ws();
            if r.bytes.get(r.pos).is_none_or(|b| *b == b']') {
                return None;
            }
            let value = r.value();
            r.ws();
            r.pos += 1;
            Some(value)
        })
    }

    fn string(self) -> Cow<'t, str> {
        unescape(&self.0[1..self.0.len() - 1])
    }
}

/// Walks bytes that have already been checked, so it needs no error handling.
struct Reader<'t> {
    bytes: &'t [u8],
    pos: usize,
}

impl<'t> Reader<'t> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn string_raw(&mut self) -> &'t [u8] {
        let start = self.pos + 1;
        let mut i = start;
        loop {
            match memchr::memchr2(b'"', b'\\', &self.bytes[i..]) {
                Some(n) if self.bytes[i + n] == b'\\' => i += n + 2,
                Some(n) => {
                    self.pos = i + n + 1;
                    return &self.bytes[start..i + n];
                }
                None => {
                    self.pos = self.bytes.len();
                    return &self.bytes[start..];
                }
            }
        }
    }

    fn value(&mut self) -> Span<'t> {
        let start = self.pos;
        match self.bytes[self.pos] {
            b'"' => {
                self.string_raw();
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                while let Some(&b) = self.bytes.get(self.pos) {
                    match b {
                        b'"' => {
                            self.string_raw();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while self.bytes.get(self.pos).is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                }) {
                    self.pos += 1;
                }
            }
        }
        Span(&self.bytes[start..self.pos])
    }
}

impl Instance for Span<'_> {
    fn plain_str(&self) -> Option<&[u8]> {
        let raw = self.0.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
        (!raw.contains(&b'\\')).then_some(raw)
    }

    fn equals(&self, expected: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self.kind(), expected) {
            (b'"', Value::String(s)) => {
                let raw = &self.0[1..self.0.len() - 1];
                raw == s.as_bytes() || (raw.contains(&b'\\') && self.string() == s.as_str())
            }
            (b'-' | b'0'..=b'9', Value::Number(n)) => number::with_text(n, |t| {
                NumView::parse(self.0)
                    .cmp(&NumView::parse(t.as_bytes()))
                    .is_eq()
            }),
            (b't', Value::Bool(true)) | (b'f', Value::Bool(false)) | (b'n', Value::Null) => true,
            (b'[', Value::Array(list)) => {
                let mut expected = list.iter();
                self.items()
                    .all(|item| expected.next().is_some_and(|e| item.equals(e)))
                    && expected.next().is_none()
            }
            (b'{', Value::Object(map)) => {
                let mut count = 0;
                self.members().all(|(key, value)| {
                    count += 1;
                    map.get(unescape(key).as_ref())
                        .is_some_and(|e| value.equals(e))
                }) && count == map.len()
            }
            _ => false,
        }
    }

    fn canonical_hash(&self) -> u64 {
        let mut h = 0;
        match self.kind() {
            b'"' => hash_str(&mut h, self.string().chars()),
            b'-' | b'0'..=b'9' => NumView::parse(self.0).hash_into(&mut h),
            b'n' => mix(&mut h, 1),
            b'f' => mix(&mut h, 2),
            b't' => mix(&mut h, 3),
            b'[' => {
                mix(&mut h, 5);
                for item in self.items() {
                    mix(&mut h, item.canonical_hash());
                }
            }
            _ => {
                let sum = self.members().fold(0u64, |acc, (k, v)| {
                    let mut m = 0;
                    hash_str(&mut m, unescape(k).chars());
                    mix(&mut m, v.canonical_hash());
                    acc.wrapping_add(m)
                });
                mix(&mut h, 6);
                mix(&mut h, sum);
            }
        }
        h
    }

    fn equals_instance(&self, other: &Self) -> bool {
        match (self.kind(), other.kind()) {
            (b'"', b'"') => self.string() == other.string(),
            (b'-' | b'0'..=b'9', b'-' | b'0'..=b'9') => {
                NumView::parse(self.0).cmp(&NumView::parse(other.0)).is_eq()
            }
            (b'[', b'[') => {
                let mut theirs = other.items();
                self.items()
                    .all(|a| theirs.next().is_some_and(|b| a.equals_instance(&b)))
                    && theirs.next().is_none()
            }
            (b'{', b'{') => {
                let mut count = 0;
                let all = self.members().all(|(key, value)| {
                    count += 1;
                    let key = unescape(key);
                    other
                        .members()
                        .find(|(k, _)| unescape(k) == key)
                        .is_some_and(|(_, v)| value.equals_instance(&v))
                });
                all && count == other.members().count()
            }
            (a, b) => a == b && matches!(a, b't' | b'f' | b'n'),
        }
    }

    fn describe(&self) -> String {
        match std::str::from_utf8(self.0) {
            Ok(text) => match text.char_indices().nth(60) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text.to_owned(),
            },
            Err(_) => String::new(),
        }
    }
}
