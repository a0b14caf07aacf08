//! Lines, read one at a time and without context: a key, a list item, the continuation of a
//! scalar, a comment; how a value written after a key begins; quoting and escapes.

/// Opening minus closing brackets (`{`, `[`) on a line, outside double-quoted strings.
pub(super) fn bracket_balance(line: &str) -> i64 {
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

/// `text` as a YAML comment; characters YAML does not allow even there become U+FFFD.
pub(super) fn comment(text: &str) -> String {
    // A byte order mark is printable, but YAML allows it nowhere inside a document.
    let printable = |c: char| {
        c != '\u{feff}'
            && (matches!(c, '\t' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
                || c >= '\u{10000}')
    };
    let text: String = text
        .chars()
        .map(|c| if printable(c) { c } else { '\u{fffd}' })
        .collect();
    format!("# {text}")
}

/// One input line, classified without context.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Line<'a> {
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

pub(super) fn classify(s: &str) -> Line<'_> {
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
pub(super) fn split_key(s: &str) -> Option<(String, &str)> {
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
pub(super) fn closing_quote(s: &str, from: usize, q: u8) -> Option<usize> {
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

pub(super) fn unescape_double(raw: &str) -> String {
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

pub(super) fn push_code(out: &mut String, chars: &mut std::str::Chars<'_>, n: usize) {
    let hex: String = chars.take(n).collect();
    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        out.push(c);
    }
}

/// How a value written after `key:` or `- ` begins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Start {
    /// Nothing: the value is on the following lines (or null).
    Open,
    Plain,
    /// A quoted scalar; `true` when it closes on this line.
    Quoted(u8, bool),
    Block,
    Flow,
}

pub(super) fn value_start(rest: &str) -> Start {
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
pub(super) fn strip_properties(mut rest: &str) -> &str {
    while rest.starts_with(['&', '!']) {
        match rest.find(' ') {
            Some(i) => rest = rest[i..].trim_start(),
            None => return "",
        }
    }
    rest
}

pub(super) fn is_block_header(rest: &str) -> bool {
    let head = rest.split(" #").next().unwrap_or(rest).trim_end();
    head.len() <= 3
        && head[1..]
            .bytes()
            .all(|b| b == b'-' || b == b'+' || b.is_ascii_digit())
}

/// True when the flow collection that `rest` opens is closed on the same line.
pub(super) fn flow_closes_on_line(rest: &str) -> bool {
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
pub(super) fn scalar_text(rest: &str) -> String {
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
pub(super) fn line_rest_len(line: &str, rest: &str) -> usize {
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

/// Explicit keys (`? /payments/{id}/validations` and `: post:` on the next line), which a
/// stripped file cannot nest, written as the plain key they are: `(line, new text)` for each
/// line to rewrite. The `?` line becomes `key:` (quoted when the key needs it); the `:` line
/// keeps what follows the colon, which the key's value then is. Line numbers do not move.
pub(super) fn explicit_keys(lines: &[&str]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(key) = line.trim().strip_prefix("? ").map(str::trim) else {
            continue;
        };
        let Some(next) = lines.get(i + 1).map(|l| l.trim()) else {
            continue;
        };
        let value = match next.strip_prefix(':') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start(),
            _ => continue,
        };
        // Only a scalar key: `? - a` or `? {a: 1}` is a complex key molde does not model.
        if key.is_empty() || key.starts_with(['-', '[', '{', '?', '|', '>']) {
            continue;
        }
        let plain = !key.starts_with(['\'', '"', '&', '*', '!', '%', '@', '`', '#', ','])
            && !key.contains(": ")
            && !key.contains(" #")
            && !key.ends_with(':');
        let written = if plain || key.starts_with(['\'', '"']) {
            format!("{key}:")
        } else {
            format!("'{}':", key.replace('\'', "''"))
        };
        out.push((i, written));
        out.push((i + 1, value.to_string()));
    }
    out
}
