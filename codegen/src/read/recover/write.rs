//! Writing the recovered document: each input line re-indented at the column of the object it
//! was placed in, multi-line values copied whole, and a line map back to the input.

use super::evidence::is_media_type;
use super::facts::takes_by_name;
use super::frames::Body;
use super::lex::{
    Line, Start, bracket_balance, classify, closing_quote, comment, flow_closes_on_line,
    line_rest_len, scalar_text, split_key, unescape_double, value_start,
};
use super::lookahead::starts_plain_value;
use super::place::Pass;
use super::rules::{
    COMMA_GOES_ON, FLOW_MAP_NOT_SCHEMA, HEADER_IN_TEXT, HEADING_IN_BLOCK, KEYWORD_VALUE_IN_TEXT,
    OWN_FIELD_ENDS_BLOCK, PLAIN_VALUE_NEXT_LINE, RULE_LINE_IN_BLOCK, SPACED_NAME_SCHEMA,
};
use super::{MAX_REPARSED_BYTES, MAX_UNPLACEABLE_LINES};
use crate::diag::Diagnostic;
use crate::read::grammar::{self, Kind};
use crate::read::yaml;
use crate::tree::{Node, Pos, Value};

/// Re-indented YAML and the way back to the input's positions.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The recovered document, indented with two spaces per level.
    pub text: String,
    /// Per output line: the 1-based input line and the columns added in front of it.
    pub(super) lines: Vec<(u32, i64)>,
    /// `yaml.recovered` findings: the overall notice and every ambiguous or unplaceable line.
    pub diagnostics: Vec<Diagnostic>,
    /// The keys placed where another open object could have taken them (when recorded).
    pub(super) decisions: Vec<super::place::Decision>,
    /// How many times [`Recovered::make_parsable`] parsed the whole text (the search's budget).
    pub(super) parses: usize,
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
    pub(super) fn make_parsable(&mut self) -> yaml::Parsed {
        // Each try parses the whole text again: fewer tries for very large inputs.
        let tries = (MAX_REPARSED_BYTES / self.text.len().max(1)).clamp(1, MAX_UNPLACEABLE_LINES);
        let mut last_error_line = 0;
        for _ in 0..tries {
            self.parses += 1;
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

pub(super) struct OutLine {
    pub(super) src: u32,
    pub(super) added: i64,
    pub(super) text: String,
}

impl Pass<'_, '_> {
    pub(super) fn emit(&mut self, src: usize, indent: usize, text: &str) {
        let original = self.lines[src];
        let lead = original.len() - original.trim_start().len();
        self.out.push(OutLine {
            src: src as u32 + 1,
            added: indent as i64 - lead as i64,
            text: text.to_string(),
        });
    }

    pub(super) fn recovered(&mut self, src: usize, message: String, hint: &str) {
        let d = Diagnostic::warning("yaml.recovered", message)
            .at(Pos::new(src as u32 + 1, 1))
            .hint(hint);
        self.diagnostics.push(d);
    }

    /// A line that is neither key nor list item: the continuation of a plain scalar, or noise.
    pub(super) fn text_line(&mut self, i: usize, s: &str) -> usize {
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

    /// Writes the key line `i` at `indent`, with a multi-line value; returns the next line index.
    pub(super) fn write_key(&mut self, i: usize, indent: usize, rest: &str) -> usize {
        let line = self.lines[i].trim();
        // The key's own text, up to and including the colon, is kept as written.
        let head_len = line.len() - line_rest_len(line, rest);
        let head = &line[..head_len];
        self.write_value(i, indent, "", head, rest)
    }

    /// Writes a value that starts on line `i` after `head` (`key:` or `-`), at `indent`.
    pub(super) fn write_value(
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
                    // A plain scalar that starts on the next line is the value's, under it.
                    Some(next)
                        if self.rules.is_on(PLAIN_VALUE_NEXT_LINE)
                            && matches!(classify(next), Line::Text)
                            && starts_plain_value(next) =>
                    {
                        self.plain_continuation = Some(value_col);
                        i + 1
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
    pub(super) fn write_multiline_quoted(
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
    pub(super) fn write_block(
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
        // The block's last line ended with a comma: the list it writes goes on.
        let mut after_comma = false;
        // The levels of the markdown headings the block holds (bit n: n `#`s).
        let mut heading_levels = 0u8;
        while j < self.lines.len() {
            let s = self.lines[j].trim();
            let in_json = json_depth > 0 && s.starts_with('"');
            // A name alone before `type: string` opens a schema, whatever the text before ended
            // with (`Example null,` closing a description).
            let goes_on = after_comma
                && self.rules.is_on(COMMA_GOES_ON)
                && !(matches!(classify(s), Line::Key(_, rest) if rest.is_empty())
                    && self.next_line_opens_schema(j));
            if !s.is_empty()
                && !in_json
                && !goes_on
                && !self.shows_own_header(s)
                && !self.keyword_value_in_text(s)
                && (self.fits_structure(j, s) || self.own_field_ends_block(j, s))
            {
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
                    // One `## Name` line alone, of a level the block uses, or a `# Name`
                    // line alone in a block whose sections are `##` or deeper: otherwise a
                    // `# ` line is how YAML comments are written, and a run of lines is
                    // comment prose.
                    let alone = after.is_none_or(|k| k == j + 1);
                    let own_heading = self.rules.is_on(HEADING_IN_BLOCK)
                        && alone
                        && heading_level(s).is_some_and(|n| {
                            (n >= 2 && heading_levels & (1 << n) != 0)
                                || (n == 1 && heading_levels & !0b11 != 0)
                        });
                    comments_end_block = Some(
                        !own_heading
                            && after.is_none_or(|k| self.fits_structure(k, self.lines[k].trim())),
                    );
                }
                if comments_end_block == Some(true) {
                    break;
                }
            } else if !s.is_empty() {
                comments_end_block = None;
            }
            json_depth = (json_depth + bracket_balance(s)).max(0);
            if !s.is_empty() {
                after_comma = s.ends_with(',');
            }
            if let Some(n) = heading_level(s) {
                heading_levels |= 1 << n;
            }
            self.emit(j, col, s);
            j += 1;
        }
        j
    }

    /// True when `s` is a fixed field of the object the block scalar is in, which that object
    /// does not hold yet (`example:` after a property's folded description): the block ends
    /// there even when the soft rules weigh against the value (an object example of a string
    /// property is the spec's own mistake, and read as prose it would be lost as structure).
    fn own_field_ends_block(&self, j: usize, s: &str) -> bool {
        let Line::Key(key, rest) = classify(s) else {
            return false;
        };
        let top = self.stack.len() - 1;
        let Some(kind) = self.stack[top].kind() else {
            return false;
        };
        self.rules.is_on(OWN_FIELD_ENDS_BLOCK)
            && !matches!(kind, Kind::Any | Kind::Examples)
            && grammar::is_fixed_field(kind, &key)
            && self.fit_key(top, &key, &self.shape_of(j, rest)).is_some()
    }

    /// True when `rest` is a flow mapping written on its line whose first key no schema takes
    /// (`{"iteration": 209}`): as the value of a definition or a property it would be no
    /// schema, so the line is the block's text (`Example: {"iteration": 209}` in a title).
    fn flow_value_is_no_schema(&self, rest: &str) -> bool {
        if !self.rules.is_on(FLOW_MAP_NOT_SCHEMA) || !flow_closes_on_line(rest) {
            return false;
        }
        let Some(inner) = rest.trim().strip_prefix('{') else {
            return false;
        };
        let Some((key, _)) = split_key(inner.trim_start()) else {
            return false;
        };
        !(key.starts_with("x-") || key == "$ref" || grammar::is_fixed_field(Kind::Schema, &key))
    }

    /// True when `s` reads as a schema keyword with a value it cannot have
    /// (`keyword-value-in-text`): the block's text.
    fn keyword_value_in_text(&self, s: &str) -> bool {
        self.rules.is_on(KEYWORD_VALUE_IN_TEXT) && keyword_value_unfit(s)
    }

    /// True when `s` is `Name: value` and the block being written describes a header (or a
    /// header parameter) called `Name`: the line shows the header as sent.
    fn shows_own_header(&self, s: &str) -> bool {
        let Line::Key(key, rest) = classify(s) else {
            return false;
        };
        let Some(frame) = self.stack.last() else {
            return false;
        };
        let header = match &frame.body {
            Body::Map {
                kind: Kind::Header, ..
            } => Some(frame.name.as_str()),
            Body::Map {
                kind: Kind::Parameter,
                location: Some(location),
                named: Some(named),
                ..
            } if location == "header" => Some(named.as_str()),
            _ => None,
        };
        !rest.is_empty()
            && header.is_some_and(|h| h.eq_ignore_ascii_case(&key))
            && self.rules.is_on(HEADER_IN_TEXT)
    }

    /// True when the line after `j` starts a schema beyond doubt: `type:` with a JSON type, or
    /// a `$ref` (and the `spaced-name-schema` rule is on).
    fn schema_follows(&self, j: usize) -> bool {
        self.rules.is_on(SPACED_NAME_SCHEMA) && self.next_line_opens_schema(j)
    }

    /// True when the line after `j` is `type:` with a JSON type, or a `$ref`.
    fn next_line_opens_schema(&self, j: usize) -> bool {
        self.lines
            .get(j + 1)
            .is_some_and(|l| match classify(l.trim()) {
                Line::Key(k, rest) => match k.as_str() {
                    "type" => matches!(
                        scalar_text(rest).as_str(),
                        "string" | "integer" | "number" | "boolean" | "object" | "array"
                    ),
                    "$ref" => !rest.is_empty(),
                    _ => false,
                },
                _ => false,
            })
    }

    /// True when line `j` reads naturally as the next key or list item of the open objects.
    pub(super) fn fits_structure(&self, j: usize, s: &str) -> bool {
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
                // `Response body:` then `type: string`: a property whose name has spaces.
                // A short name of words (prose such as `The `kind` of change is one of:` before
                // the property's own `type` goes on as text).
                let spaced_schema = prose
                    && rest.is_empty()
                    && !key.contains(['`', '\t'])
                    && key.split(' ').count() <= 3
                    && self.schema_follows(j);
                let fits = self.place_key(&key, &shape).is_some_and(|c| {
                    let kind = self.stack[c.index].kind();
                    c.penalty == 0
                        && (kind != Some(Kind::Examples) || is_media_type(&key))
                        && (!prose
                            || kind.is_some_and(|k| grammar::is_fixed_field(k, &key))
                            || (spaced_schema && kind == Some(Kind::SchemaMap)))
                        && !(kind == Some(Kind::SchemaMap) && self.flow_value_is_no_schema(rest))
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
            // A markdown rule in a block (`---` under a heading) is the block's, unless a
            // document starts after it.
            Line::Marker if s.starts_with("---") => {
                !self.rules.is_on(RULE_LINE_IN_BLOCK)
                    || self.lines[j + 1..]
                        .iter()
                        .map(|l| l.trim())
                        .find(|l| !l.is_empty() && !l.starts_with('#'))
                        .is_none_or(|l| l.starts_with("swagger:") || l.starts_with("openapi:"))
            }
            _ => false,
        }
    }

    /// A flow collection (`[...]`, `{...}`) may span lines: copy them until the brackets balance.
    pub(super) fn write_flow(
        &mut self,
        i: usize,
        indent: usize,
        prefix: &str,
        rest: &str,
    ) -> usize {
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
}

/// The level of a markdown heading line (`### Obtaining a token`: 3), if `s` is one.
fn heading_level(s: &str) -> Option<u8> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    let text = s[hashes..].strip_prefix(' ')?;
    ((1..=6).contains(&hashes) && !text.trim().is_empty()).then_some(hashes as u8)
}

/// True when `s` is a schema keyword whose value it cannot have: a `format` or `type` of
/// several words, a bound that is no number (`format: Sat, 13 Mar 2010` in a description of
/// a timestamp is the description's text).
fn keyword_value_unfit(s: &str) -> bool {
    let Line::Key(key, rest) = classify(s) else {
        return false;
    };
    if !matches!(value_start(rest), Start::Plain | Start::Quoted(_, true)) {
        return false;
    }
    let value = scalar_text(rest);
    match key.as_str() {
        "format" | "type" => value.split_whitespace().nth(1).is_some(),
        "minimum" | "maximum" | "minLength" | "maxLength" | "minItems" | "maxItems"
        | "multipleOf" => value.parse::<f64>().is_err(),
        _ => false,
    }
}
