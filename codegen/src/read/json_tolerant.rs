//! JSON as documentation writes it: examples in a markdown page, a plain-text doc or a Swagger
//! description. Such examples have trailing commas, comments, a value missing its opening quote
//! (`2020-12-12"`), member names without quotes, or one example broken over several fenced
//! fragments. This reader reads them anyway and reports every repair as an `example.repaired`
//! info with its line and column in the document; what it cannot read is an `example.syntax`
//! warning. Payloads given to `molde validate` never come here: they stay strict.
//!
//! Tokens come from `jsonc-parser`'s scanner (strings with their escapes, numbers, comments);
//! the repairs and the structure are this module's.

use jsonc_parser::tokens::Token;
use jsonc_parser::{Scanner, ScannerOptions};

use crate::diag::Diagnostic;
use crate::tree::{Entry, Node, Pos, Value};

/// Containers nested deeper than this end the read with an error.
const MAX_DEPTH: usize = 256;

/// A piece of the document that holds (part of) one example, and where it starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fragment<'a> {
    pub text: &'a str,
    /// The document position of the first character of `text`.
    pub start: Pos,
}

/// What was read.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// The value, when one could be read (repaired or not).
    pub value: Option<Node>,
    /// `example.repaired` infos and `example.syntax` warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one example from its fragments, joined in order.
pub(crate) fn read(fragments: &[Fragment<'_>]) -> Read {
    let source = Source::join(fragments);
    let (text, edits, mut diagnostics) = add_missing_quotes(&source);
    let mut tokens = match scan(&text) {
        Ok(tokens) => tokens,
        Err((offset, message)) => {
            let at = source.pos(original_offset(offset, &edits));
            diagnostics.push(syntax(at, &message));
            return Read {
                value: None,
                diagnostics,
            };
        }
    };
    for token in &mut tokens {
        token.start = original_offset(token.start, &edits);
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        source: &source,
        diagnostics,
    };
    parser.reopen_early_closes();
    let value = parser.document();
    Read {
        value,
        diagnostics: parser.diagnostics,
    }
}

/// The text of all fragments joined by line breaks, and the way back to document positions.
struct Source<'a> {
    text: String,
    /// (offset in `text` where the fragment starts, the fragment).
    pieces: Vec<(usize, Fragment<'a>)>,
    /// The offset in `text` after each line break, in order: a position is found by binary
    /// search, not by counting the lines before it again for every token.
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    fn join(fragments: &[Fragment<'a>]) -> Self {
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(fragments.len());
        for fragment in fragments {
            if !text.is_empty() {
                text.push('\n');
            }
            pieces.push((text.len(), *fragment));
            text.push_str(fragment.text);
        }
        let line_starts = text.match_indices('\n').map(|(at, _)| at + 1).collect();
        Source {
            text,
            pieces,
            line_starts,
        }
    }

    /// The document position of byte `offset` of the joined text.
    fn pos(&self, offset: usize) -> Pos {
        let index = self
            .pieces
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1);
        let Some(&(start, fragment)) = self.pieces.get(index) else {
            return Pos::new(1, 1);
        };
        let mut within = (offset - start.min(offset)).min(fragment.text.len());
        if !fragment.text.is_char_boundary(within) {
            within = fragment.text.len();
        }
        let end = start + within;
        // The line breaks inside the fragment, before `end`.
        let first = self.line_starts.partition_point(|&s| s <= start);
        let last = self.line_starts.partition_point(|&s| s <= end);
        let lines = (last - first) as u32;
        let line_start = if lines == 0 {
            start
        } else {
            self.line_starts[last - 1]
        };
        let column = self.text[line_start..end].chars().count() as u32;
        if lines == 0 {
            Pos::new(fragment.start.line, fragment.start.column + column)
        } else {
            Pos::new(fragment.start.line + lines, column + 1)
        }
    }
}

fn repaired(at: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::info("example.repaired", message)
        .at(at)
        .hint("molde read the example as repaired; fix the document so that it is JSON")
}

fn syntax(at: Pos, message: &str) -> Diagnostic {
    Diagnostic::warning(
        "example.syntax",
        format!("this example is not JSON molde can read: {message}"),
    )
    .at(at)
    .hint("the example is not checked; fix it so that it is JSON")
}

/// Text edits that make documentation JSON readable, with a repair reported for each:
/// - a value written without its opening quote (`"fecha": 2020-12-12",`) gets it back;
/// - a line that starts with a list bullet before a member (`- "folio": "1"`, markdown pasted
///   into an example) loses the bullet.
///
/// Returns the repaired text, the edits (offset in the repaired text, characters added there,
/// negative when removed) and the repairs.
fn add_missing_quotes(source: &Source<'_>) -> (String, Vec<(usize, i64)>, Vec<Diagnostic>) {
    let text = &source.text;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut edits = Vec::new();
    let mut diagnostics = Vec::new();
    let (mut i, mut copied) = (0, 0);
    let mut in_string = false;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                b'\n' => {
                    in_string = false;
                    line_start = true;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        if line_start && b == b'-' && bytes.get(i + 1) == Some(&b' ') {
            let mut j = i + 2;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if bytes.get(j) == Some(&b'"') {
                out.push_str(&text[copied..i]);
                edits.push((out.len(), -((j - i) as i64)));
                copied = j;
                diagnostics.push(repaired(
                    source.pos(i),
                    "a list bullet (`- `) before a member; left out",
                ));
                i = j;
                line_start = false;
                continue;
            }
        }
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'"' => in_string = true,
            b':' | b'[' | b',' => {
                // A value starts after optional spaces: a bare run up to a `"` before the next
                // delimiter or line end is a string missing its opening quote.
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                    j += 1;
                }
                let start = j;
                while j < bytes.len() && !b" \t\r\n,:[]{}\"".contains(&bytes[j]) {
                    j += 1;
                }
                if j > start && bytes.get(j) == Some(&b'"') {
                    out.push_str(&text[copied..start]);
                    edits.push((out.len(), 1));
                    out.push('"');
                    copied = start;
                    diagnostics.push(repaired(
                        source.pos(start),
                        format!(
                            "`{}\"` has no opening quote; read as the string \"{}\"",
                            &text[start..j],
                            &text[start..j]
                        ),
                    ));
                    // The closing quote is this value's: skip past it.
                    i = j + 1;
                    line_start = false;
                    continue;
                }
            }
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    out.push_str(&text[copied..]);
    (out, edits, diagnostics)
}

/// The offset in the original joined text of an offset in the repaired one.
fn original_offset(offset: usize, edits: &[(usize, i64)]) -> usize {
    let shift: i64 = edits
        .iter()
        .take_while(|(at, _)| *at <= offset)
        .map(|(_, added)| added)
        .sum();
    (offset as i64 - shift).max(0) as usize
}

/// The byte ranges of the JSON objects written in a text (a description with payloads in it):
/// each `{` outside an object already found, to its matching `}`, strings skipped.
pub(crate) fn find_objects(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let (mut depth, mut j, mut in_string) = (0usize, i, false);
        let mut end = None;
        while j < bytes.len() {
            let b = bytes[j];
            if in_string {
                match b {
                    b'\\' => j += 1,
                    b'"' | b'\n' => in_string = false,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(j + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            j += 1;
        }
        match end {
            // A JSON object has a member name in quotes.
            Some(end) if text[i..end].contains("\":") || text[i..end].contains("\" :") => {
                found.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

#[derive(Debug)]
struct Scanned<'t> {
    token: Token<'t>,
    /// Byte offset in the original joined text.
    start: usize,
    /// Left out by a repair.
    dropped: bool,
}

/// Every token of `text`, comments included, or the offset and message of the first that is
/// not JSON.
fn scan(text: &str) -> Result<Vec<Scanned<'_>>, (usize, String)> {
    let options = ScannerOptions {
        allow_single_quoted_strings: true,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let mut scanner = Scanner::new(text, &options);
    let mut out = Vec::new();
    loop {
        match scanner.scan() {
            Ok(Some(token)) => out.push(Scanned {
                token,
                start: scanner.token_start(),
                dropped: false,
            }),
            Ok(None) => return Ok(out),
            Err(e) => {
                let start = scanner.token_start();
                return Err((start, e.kind().to_string()));
            }
        }
    }
}

struct Parser<'t, 's> {
    tokens: Vec<Scanned<'t>>,
    next: usize,
    source: &'s Source<'s>,
    diagnostics: Vec<Diagnostic>,
}

/// A container being read.
enum Open {
    Object {
        pos: Pos,
        entries: Vec<Entry>,
        /// The member name read, waiting for its value.
        key: Option<(String, Pos)>,
    },
    Array {
        pos: Pos,
        items: Vec<Node>,
    },
}

impl<'t> Parser<'t, '_> {
    fn pos_of(&self, index: usize) -> Pos {
        self.source.pos(
            self.tokens
                .get(index)
                .map_or(self.source.text.len(), |t| t.start),
        )
    }

    /// An example written over several fragments is often closed at the end of a fragment and
    /// goes on with members in the next. At each boundary between fragments, the rest of the
    /// example closes a known number of containers; when that is more than are open, the
    /// closing brackets that end the fragment (as many as too many) are left out.
    fn reopen_early_closes(&mut self) {
        let structural =
            |t: &Token<'_>| !matches!(t, Token::CommentLine(_) | Token::CommentBlock(_));
        let weight = |t: &Token<'_>| match t {
            Token::OpenBrace | Token::OpenBracket => 1i64,
            Token::CloseBrace | Token::CloseBracket => -1,
            _ => 0,
        };
        let n = self.tokens.len();
        // How many more containers the tokens after each one close than open.
        let mut closes_after = vec![0i64; n];
        let mut sum = 0i64;
        for i in (0..n).rev() {
            closes_after[i] = sum;
            sum -= weight(&self.tokens[i].token);
        }
        let boundaries: Vec<usize> = self
            .source
            .pieces
            .iter()
            .skip(1)
            .map(|(start, _)| *start)
            .collect();
        let mut depth = 0i64;
        let mut next_boundary = 0;
        for (index, &closes) in closes_after.iter().enumerate().take(n) {
            depth += weight(&self.tokens[index].token);
            // The last token before a boundary between fragments.
            let at_boundary = next_boundary < boundaries.len()
                && self
                    .tokens
                    .get(index + 1)
                    .is_some_and(|t| t.start >= boundaries[next_boundary]);
            if !at_boundary {
                continue;
            }
            while next_boundary < boundaries.len()
                && self
                    .tokens
                    .get(index + 1)
                    .is_some_and(|t| t.start >= boundaries[next_boundary])
            {
                next_boundary += 1;
            }
            let excess = closes - depth;
            if excess <= 0 {
                continue;
            }
            // The run of closing brackets that ends the fragment, newest first.
            let run: Vec<usize> = (0..=index)
                .rev()
                .filter(|&i| structural(&self.tokens[i].token))
                .take_while(|&i| {
                    matches!(
                        self.tokens[i].token,
                        Token::CloseBrace | Token::CloseBracket | Token::Comma
                    )
                })
                .filter(|&i| !matches!(self.tokens[i].token, Token::Comma))
                .collect();
            // As many as the rest needs, at most the whole run (a later fragment may close
            // early too: its own boundary is repaired in turn).
            let count = (excess as usize).min(run.len());
            if count == 0 {
                continue;
            }
            let dropped = &run[..count];
            for &i in dropped {
                self.tokens[i].dropped = true;
            }
            let first = *dropped.last().expect("count > 0");
            self.diagnostics.push(repaired(
                self.pos_of(first),
                format!(
                    "the example goes on in the next fragment; {} closing bracket(s) here are left out",
                    dropped.len()
                ),
            ));
            depth += count as i64;
        }
    }

    /// The next token that is not a comment (reported) or dropped.
    fn peek(&mut self) -> Option<usize> {
        while let Some(t) = self.tokens.get(self.next) {
            if t.dropped {
                self.next += 1;
                continue;
            }
            if matches!(t.token, Token::CommentLine(_) | Token::CommentBlock(_)) {
                let at = self.pos_of(self.next);
                self.diagnostics.push(repaired(
                    at,
                    "a comment in a JSON example (JSON has none); left out",
                ));
                self.next += 1;
                continue;
            }
            return Some(self.next);
        }
        None
    }

    fn fail(&mut self, index: Option<usize>, message: &str) -> Option<Node> {
        let at = match index {
            Some(i) => self.pos_of(i),
            None => self.source.pos(self.source.text.len()),
        };
        self.diagnostics.push(syntax(at, message));
        None
    }

    /// The whole example: one value, containers read with an explicit stack.
    fn document(&mut self) -> Option<Node> {
        let mut stack: Vec<Open> = Vec::new();
        loop {
            let Some(index) = self.peek() else {
                if stack.is_empty() {
                    return self.fail(None, "the example is empty");
                }
                // Closed for the author, and said so.
                let at = self.source.pos(self.source.text.len());
                self.diagnostics.push(repaired(
                    at,
                    format!(
                        "the example ends with {} container(s) still open; closed here",
                        stack.len()
                    ),
                ));
                while let Some(open) = stack.pop() {
                    match self.attach(&mut stack, close(open)) {
                        Some(done) if stack.is_empty() => return Some(done),
                        Some(_) => {}
                        None => return None,
                    }
                }
                return None;
            };
            self.next += 1;
            let pos = self.pos_of(index);
            let token = self.tokens[index].token.clone();
            // In an object, first a member name.
            if let Some(Open::Object { key: None, .. }) = stack.last() {
                match token {
                    Token::CloseBrace => {
                        let node = close(stack.pop().expect("an object is open"));
                        match self.attach(&mut stack, node) {
                            Some(done) if stack.is_empty() => return self.end(done),
                            Some(_) => continue,
                            None => return None,
                        }
                    }
                    Token::Comma => {
                        let trailing = self
                            .peek()
                            .is_some_and(|i| matches!(self.tokens[i].token, Token::CloseBrace));
                        if trailing {
                            self.diagnostics
                                .push(repaired(pos, "a comma after the last member; left out"));
                        }
                        continue;
                    }
                    Token::String(name) => {
                        if !self.expect_colon() {
                            return self.fail(Some(index), "a member name without `:` after it");
                        }
                        if let Some(Open::Object { key, .. }) = stack.last_mut() {
                            *key = Some((name.into_owned(), pos));
                        }
                        continue;
                    }
                    Token::Word(name) => {
                        if !self.expect_colon() {
                            return self
                                .fail(Some(index), "an unquoted word where a member name goes");
                        }
                        self.diagnostics.push(repaired(
                            pos,
                            format!("the member name `{name}` has no quotes"),
                        ));
                        if let Some(Open::Object { key, .. }) = stack.last_mut() {
                            *key = Some((name.to_string(), pos));
                        }
                        continue;
                    }
                    _ => return self.fail(Some(index), "a member name (a string) was expected"),
                }
            }
            // In an array, a comma or `]` between items.
            if let Some(Open::Array { items, .. }) = stack.last() {
                match token {
                    Token::CloseBracket => {
                        let node = close(stack.pop().expect("an array is open"));
                        match self.attach(&mut stack, node) {
                            Some(done) if stack.is_empty() => return self.end(done),
                            Some(_) => continue,
                            None => return None,
                        }
                    }
                    Token::Comma if !items.is_empty() => {
                        let trailing = self
                            .peek()
                            .is_some_and(|i| matches!(self.tokens[i].token, Token::CloseBracket));
                        if trailing {
                            self.diagnostics
                                .push(repaired(pos, "a comma after the last item; left out"));
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            // A value.
            let node = match token {
                Token::OpenBrace | Token::OpenBracket => {
                    if stack.len() >= MAX_DEPTH {
                        return self.fail(
                            Some(index),
                            &format!("nesting deeper than {MAX_DEPTH} levels"),
                        );
                    }
                    stack.push(if matches!(token, Token::OpenBrace) {
                        Open::Object {
                            pos,
                            entries: Vec::new(),
                            key: None,
                        }
                    } else {
                        Open::Array {
                            pos,
                            items: Vec::new(),
                        }
                    });
                    continue;
                }
                Token::String(s) => {
                    if self.source.text.as_bytes().get(self.tokens[index].start) == Some(&b'\'') {
                        self.diagnostics
                            .push(repaired(pos, "a string in single quotes"));
                    }
                    Node::new(Value::Str(s.into_owned()), pos)
                }
                Token::Number(text) => Node::new(number(text), pos),
                Token::Boolean(b) => Node::new(Value::Bool(b), pos),
                Token::Null => Node::new(Value::Null, pos),
                Token::Word(word) => {
                    self.diagnostics.push(repaired(
                        pos,
                        format!("`{word}` has no quotes; read as the string \"{word}\""),
                    ));
                    Node::new(Value::Str(word.to_string()), pos)
                }
                _ => return self.fail(Some(index), "a value was expected"),
            };
            match self.attach(&mut stack, node) {
                Some(done) if stack.is_empty() => return self.end(done),
                Some(_) => {}
                None => return None,
            }
        }
    }

    /// Puts a finished value in its container; returns it back when there is none.
    fn attach(&mut self, stack: &mut [Open], node: Node) -> Option<Node> {
        match stack.last_mut() {
            None => Some(node),
            Some(Open::Object { entries, key, .. }) => {
                let Some((name, key_pos)) = key.take() else {
                    return self.fail(None, "a value where a member name goes");
                };
                entries.push(Entry {
                    key: name,
                    key_pos,
                    value: node,
                });
                // Members are separated by commas; a missing one is repaired.
                self.separator(Token::CloseBrace);
                Some(Node::new(Value::Null, Pos::default()))
            }
            Some(Open::Array { items, .. }) => {
                items.push(node);
                self.separator(Token::CloseBracket);
                Some(Node::new(Value::Null, Pos::default()))
            }
        }
    }

    /// After a member or item: a comma, the closer, or (repaired) nothing before the next one.
    fn separator(&mut self, closer: Token<'static>) {
        let Some(index) = self.peek() else {
            return;
        };
        let token = &self.tokens[index].token;
        let fine = matches!(token, Token::Comma) || *token == closer;
        if !fine {
            let at = self.pos_of(index);
            self.diagnostics.push(repaired(
                at,
                "a comma is missing before this; read as if it were there",
            ));
        }
    }

    fn expect_colon(&mut self) -> bool {
        match self.peek() {
            Some(i) if matches!(self.tokens[i].token, Token::Colon) => {
                self.next += 1;
                true
            }
            _ => false,
        }
    }

    /// The root value is read: anything after it is an error (the value is kept).
    fn end(&mut self, value: Node) -> Option<Node> {
        if let Some(index) = self.peek() {
            let at = self.pos_of(index);
            self.diagnostics
                .push(syntax(at, "text after the example's end"));
        }
        Some(value)
    }
}

fn close(open: Open) -> Node {
    match open {
        Open::Object { pos, entries, .. } => Node::new(Value::Map(entries), pos),
        Open::Array { pos, items } => Node::new(Value::Seq(items), pos),
    }
}

fn number(text: &str) -> Value {
    match text.parse::<i64>() {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Read {
        read(&[Fragment {
            text,
            start: Pos::new(10, 1),
        }])
    }

    fn codes(read: &Read) -> Vec<(&'static str, u32, u32)> {
        read.diagnostics
            .iter()
            .map(|d| (d.code, d.line, d.column))
            .collect()
    }

    #[test]
    fn plain_json_reads_with_positions_and_no_repairs() {
        let r = one("{\n  \"a\": [1, 2.5, \"x\"],\n  \"b\": {\"c\": null, \"d\": true}\n}");
        let v = r.value.as_ref().unwrap();
        assert_eq!(
            v.to_json(),
            serde_json::json!({"a": [1, 2.5, "x"], "b": {"c": null, "d": true}})
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let a = v.entry("a").unwrap();
        assert_eq!((a.key_pos.line, a.key_pos.column), (11, 3));
        assert_eq!(v.get("b").unwrap().get("d").unwrap().pos, Pos::new(12, 25));
    }

    #[test]
    fn trailing_commas_comments_and_missing_commas_are_repaired_and_reported() {
        let r = one("{\n\"a\": 1, // one\n\"b\": [1, 2,],\n\"c\": 3\n\"d\": 4,\n}");
        assert_eq!(
            r.value.as_ref().unwrap().to_json(),
            serde_json::json!({"a": 1, "b": [1, 2], "c": 3, "d": 4})
        );
        assert_eq!(
            codes(&r),
            [
                ("example.repaired", 11, 9),
                ("example.repaired", 12, 11),
                ("example.repaired", 14, 1),
                ("example.repaired", 14, 7),
            ]
        );
    }

    #[test]
    fn a_value_without_its_opening_quote_gets_it() {
        let r = one("{\"fecha\":2020-12-12\",\n\"n\": 5}");
        assert_eq!(
            r.value.as_ref().unwrap().to_json(),
            serde_json::json!({"fecha": "2020-12-12", "n": 5})
        );
        assert_eq!(codes(&r), [("example.repaired", 10, 10)]);
        let n = r.value.as_ref().unwrap().get("n").unwrap();
        assert_eq!(
            n.pos,
            Pos::new(11, 6),
            "positions after the repair are the document's"
        );
    }

    #[test]
    fn an_example_over_several_fragments_is_one_value() {
        // The first fragment closes the example early; the others go on with members.
        let fragments = [
            Fragment {
                text: "{\n  \"data\": {\n    \"a\": 1,\n  }\n}",
                start: Pos::new(3, 1),
            },
            Fragment {
                text: "\"b\": 2,\n\"c\": {",
                start: Pos::new(20, 1),
            },
            Fragment {
                text: "\"d\": 3,\n}\n},\n\"message\": \"ok\"\n}",
                start: Pos::new(40, 1),
            },
        ];
        let r = read(&fragments);
        assert_eq!(
            r.value.as_ref().unwrap().to_json(),
            serde_json::json!({"data": {"a": 1, "b": 2, "c": {"d": 3}}, "message": "ok"})
        );
        let v = r.value.as_ref().unwrap();
        assert_eq!(
            v.get("data")
                .unwrap()
                .get("c")
                .unwrap()
                .get("d")
                .unwrap()
                .pos,
            Pos::new(40, 6)
        );
        assert!(
            codes(&r).contains(&("example.repaired", 6, 3)),
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn bullets_before_members_are_left_out() {
        let r = one("{\n- \"folio\": \"1\",\n\"n\": 2\n}");
        assert_eq!(
            r.value.as_ref().unwrap().to_json(),
            serde_json::json!({"folio": "1", "n": 2})
        );
        assert_eq!(codes(&r), [("example.repaired", 11, 1)]);
        let folio = r.value.as_ref().unwrap().entry("folio").unwrap();
        assert_eq!(folio.key_pos, Pos::new(11, 3));
    }

    #[test]
    fn objects_are_found_in_prose() {
        let text = "Ejemplos:\n- Status Code 200\n{\"a\": {\"b\": 1}}\n- Status 400 {\"c\": \"}\"}\nfin {not json}";
        let found: Vec<&str> = find_objects(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["{\"a\": {\"b\": 1}}", "{\"c\": \"}\"}"]);
    }

    #[test]
    fn what_cannot_be_read_is_a_warning_with_a_position_never_a_panic() {
        let cases = [
            ("", 10),
            ("{\"a\": \"open", 10),
            ("{\"a\" 1}", 10),
            ("[1, 2] 3", 10),
            ("{\"a\": }", 10),
        ];
        for (text, line) in cases {
            let r = one(text);
            assert!(
                r.diagnostics
                    .iter()
                    .any(|d| d.code == "example.syntax" && d.line == line),
                "{text:?}: {:?}",
                r.diagnostics
            );
        }
        let deep = "[".repeat(10_000);
        assert!(
            one(&deep)
                .diagnostics
                .iter()
                .any(|d| d.message.contains("deeper"))
        );
        let unclosed = one("{\"a\": [1, {\"b\": 2");
        assert_eq!(
            unclosed.value.as_ref().unwrap().to_json(),
            serde_json::json!({"a": [1, {"b": 2}]})
        );
    }
}
