//! Diagnostics for people (rustc-style snippets) and for machines (one JSON object per line).
//!
//! ```text
//! warning[constraint.inapplicable]: maxLength does not apply to a number
//!   --> schemas/smart-collection-score.swagger.yaml:391:1
//!     |
//! 391 | maxLength: 4
//!     | ^^^^^^^^^^^^
//!     = path: definitions.Respuesta.properties.score
//!     = help: drop maxLength, or make the property a string
//! ```

use crate::diag::{Diagnostic, Severity};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const GUTTER: &str = "\x1b[1;34m";

/// Tabs in a snippet are shown as this many spaces, so the carets line up.
const TAB_WIDTH: usize = 4;

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

/// Wraps text in an ANSI style, or not at all when colour is off.
struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// One diagnostic as a rustc-style block, ending with a newline.
///
/// `source` is the text of `d.file`; without it, or when the line is 0 (a finding about the
/// whole file) or past the end of the text, the snippet is left out. The carets run from the
/// column (counted in characters) to the end of the line, trailing blanks excluded.
/// `color` adds ANSI styles; pass it only when writing to a terminal.
pub fn render(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let snippet = match d.line {
        0 => None,
        n => source.and_then(|text| text.lines().nth(n as usize - 1)),
    };
    render_line(d, snippet, color)
}

/// [`render`] given the diagnostic's source line itself (`None` leaves the snippet out).
pub fn render_line(d: &Diagnostic, snippet: Option<&str>, color: bool) -> String {
    let p = Paint { color };
    let style = severity_style(d.severity);
    // The gutter is as wide as the line number, so `|` and `=` line up under it.
    let pad = " ".repeat(if d.line > 0 {
        d.line.to_string().len()
    } else {
        1
    });
    let bar = p.paint(GUTTER, "|");
    let mut out = String::new();

    let header = format!("{}[{}]", d.severity.as_str(), d.code);
    let message = format!(
        ": {}",
        indent_lines(&shorten_quoted(&clean(&d.message)), &pad)
    );
    out += &format!("{}{}\n", p.paint(style, &header), p.paint(BOLD, &message));

    if !d.file.is_empty() || d.line > 0 {
        let mut location = match d.file.as_str() {
            "" => "<input>".to_string(),
            file => clean(file),
        };
        if d.line > 0 {
            location += &format!(":{}", d.line);
            if d.column > 0 {
                location += &format!(":{}", d.column);
            }
        }
        out += &format!("  {} {location}\n", p.paint(GUTTER, "-->"));
    }

    if let Some(line) = snippet {
        let (shown, start, len) = underline(line, d.column);
        let number = p.paint(GUTTER, &format!("{} |", d.line));
        out += &format!("{pad} {bar}\n");
        if shown.is_empty() {
            out += &format!("{number}\n");
        } else {
            out += &format!("{number} {shown}\n");
        }
        let carets = p.paint(style, &"^".repeat(len));
        out += &format!("{pad} {bar} {}{carets}\n", " ".repeat(start));
    }

    let eq = p.paint(GUTTER, "=");
    if !d.path.is_empty() {
        out += &format!("{pad} {eq} path: {}\n", clean(&d.path));
    }
    if let Some(hint) = &d.hint {
        let hint = indent_lines(&clean(hint), &format!("{pad}         "));
        out += &format!("{pad} {eq} {}: {hint}\n", p.paint(BOLD, "help"));
    }
    out
}

/// One place a [`render_block`] shows: a tag (`old`, `new`), and the file, line and column, or
/// `None` when that side has no such place.
pub struct Place<'a> {
    pub tag: &'a str,
    pub at: Option<(&'a str, u32, u32)>,
}

/// The first line of a [`render_block`]: `word[code]: message`, coloured as `severity`.
#[derive(Clone, Copy)]
pub struct Header<'a> {
    pub word: &'a str,
    pub severity: Severity,
    pub code: &'a str,
    pub message: &'a str,
}

/// A rustc-style block with a header word of its own (`breaking[request.required-added]: …`),
/// a snippet for each place (from `sources`), and `= name: value` notes. `severity` picks the
/// colour. `molde diff` shows both versions of a change this way.
pub fn render_block(
    header: &Header<'_>,
    places: &[Place<'_>],
    notes: &[(&str, String)],
    sources: &mut SourceCache,
    color: bool,
) -> String {
    let Header {
        word,
        severity,
        code,
        message,
    } = *header;
    let p = Paint { color };
    let style = severity_style(severity);
    let widest = places
        .iter()
        .filter_map(|pl| pl.at.map(|(_, line, _)| line.to_string().len()))
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(widest);
    let bar = p.paint(GUTTER, "|");
    let mut out = format!(
        "{}{}\n",
        p.paint(style, &format!("{word}[{code}]")),
        p.paint(
            BOLD,
            &format!(": {}", indent_lines(&shorten_quoted(&clean(message)), &pad))
        )
    );
    for place in places {
        let Some((file, line, column)) = place.at else {
            out += &format!("{pad}{} {}: none\n", p.paint(GUTTER, "-->"), place.tag);
            continue;
        };
        out += &format!(
            "{pad}{} {}: {}:{line}:{column}\n",
            p.paint(GUTTER, "-->"),
            place.tag,
            clean(file)
        );
        if let Some(text) = sources.line(file, line) {
            let (shown, start, len) = underline(text, column);
            let number = format!("{line:>widest$} |");
            out += &format!("{pad} {bar}\n{} {shown}\n", p.paint(GUTTER, &number));
            out += &format!(
                "{pad} {bar} {}{}\n",
                " ".repeat(start),
                p.paint(style, &"^".repeat(len))
            );
        }
    }
    let eq = p.paint(GUTTER, "=");
    for (name, value) in notes {
        out += &format!("{pad} {eq} {name}: {}\n", clean(value));
    }
    out
}

/// The line as shown (tabs expanded, control characters replaced), the display column where
/// the carets start, and how many there are (at least one). A long line is cut to a window of
/// [`WINDOW`] characters around the column, marked with `…`, so a 10 MB line prints one row;
/// only the window is looked at, so a thousand findings on a minified JSON line stay cheap.
fn underline(line: &str, column: u32) -> (String, usize, usize) {
    let first = (column.max(1) - 1) as usize;
    let (lo, from) = char_offset(line, first.saturating_sub(WINDOW / 2));
    let mut chars: Vec<char> = line[from..].chars().take(WINDOW + 1).collect();
    let cut = chars.len() > WINDOW;
    chars.truncate(WINDOW);
    let hi = lo + chars.len();
    let at = |i: usize| chars[i - lo];
    let mut shown = String::new();
    let mut width = 0;
    if lo > 0 {
        shown.push('…');
        width += 1;
    }
    // Display column of every character in the window, plus one for its end.
    let mut starts = Vec::with_capacity(chars.len() + 1);
    for &c in &chars {
        starts.push(width);
        match c {
            '\t' => {
                shown.push_str(&" ".repeat(TAB_WIDTH));
                width += TAB_WIDTH;
            }
            c if c.is_control() => {
                shown.push('\u{fffd}');
                width += 1;
            }
            c => {
                shown.push(c);
                width += 1;
            }
        }
    }
    starts.push(width);
    if cut {
        shown.push('…');
    }
    if first >= hi {
        // Past the end: one caret just after the last character.
        return (shown.trim_end().to_string(), width, 1);
    }
    let start = starts[first - lo];
    // In a table row (`| a | b |`, or tab-separated cells) the finding is about one cell.
    let table_row = line.trim_start().starts_with('|') || line.contains('\t');
    let cell_end = (first + 1..hi)
        .find(|&i| table_row && (at(i) == '\t' || (at(i) == '|' && (i == lo || at(i - 1) != '\\'))))
        .unwrap_or(hi);
    let token_end = (first..cell_end)
        .rev()
        .find(|&i| !at(i).is_whitespace())
        .map_or(start + 1, |i| starts[i - lo + 1]);
    (
        shown.trim_end().to_string(),
        start,
        token_end.saturating_sub(start).max(1),
    )
}

/// The index of character `n` of `line` (or its character count, when shorter) and its byte
/// offset; an ASCII prefix is not walked character by character.
fn char_offset(line: &str, n: usize) -> (usize, usize) {
    if line.len() >= n && line.as_bytes()[..n].is_ascii() {
        return (n, n);
    }
    let mut count = 0;
    for (byte, _) in line.char_indices() {
        if count == n {
            return (n, byte);
        }
        count += 1;
    }
    (count, line.len())
}

/// Characters of a long source line shown around the column of a diagnostic.
const WINDOW: usize = 160;

/// Control characters from a spec (an escape sequence in a key, say) must not reach the
/// terminal; line breaks and tabs stay.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Names and values quoted in a message (`` `x` ``) longer than a line are cut: a 10 MB field
/// name must not make a 10 MB message on a terminal (`--format json` keeps it whole).
fn shorten_quoted(text: &str) -> String {
    const MAX: usize = 80;
    if text.len() <= MAX {
        return text.to_string();
    }
    let parts: Vec<&str> = text.split('`').collect();
    let closed = parts.len() % 2 == 1;
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let quoted = i % 2 == 1 && (closed || i + 1 < parts.len());
            if quoted && part.chars().count() > MAX {
                let head: String = part.chars().take(MAX).collect();
                format!("{head}…")
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// Continuation lines of a multi-line message start under the first one's text.
fn indent_lines(text: &str, indent: &str) -> String {
    text.replace('\n', &format!("\n{indent}"))
}

/// The closing line of `molde check`: `2 errors, 1 warning, 3 infos`, or `no problems found`.
pub fn summary(errors: usize, warnings: usize, infos: usize) -> String {
    let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "info")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
        .collect();
    if parts.is_empty() {
        "no problems found".to_string()
    } else {
        parts.join(", ")
    }
}

/// One diagnostic as the JSON line of `--format json` (DESIGN.md, "Diagnostics"):
/// `{"severity","code","message","file","line","column","path","hint"}`, `hint` null when absent.
pub fn to_json_line(d: &Diagnostic) -> String {
    serde_json::to_string(d).expect("a Diagnostic has only string keys and plain values")
}

/// Findings of one group shown in full before the rest are folded into one line.
pub const GROUP_SHOWN: usize = 3;

/// Every diagnostic as [`render`] writes it, except that after [`GROUP_SHOWN`] findings of one
/// [`Diagnostic::group`] in a file the rest of that group are folded into a single note that
/// names their lines, so that a large recovered spec stays readable.
pub fn render_all(diags: &[Diagnostic], sources: &mut SourceCache, color: bool) -> Vec<String> {
    use std::collections::HashMap;
    let mut members: HashMap<(&str, &str), Vec<&Diagnostic>> = HashMap::new();
    for d in diags {
        if let Some(g) = &d.group {
            members
                .entry((d.file.as_str(), g.as_str()))
                .or_default()
                .push(d);
        }
    }
    // Findings without a group that say the same thing (same code, same message once names
    // and numbers are taken out): the first is shown, the rest folded. Errors are all shown.
    let alike_key = |d: &Diagnostic| (d.file.clone(), d.code, shape(&d.message));
    let mut alike: HashMap<(String, &str, String), Vec<&Diagnostic>> = HashMap::new();
    for d in diags
        .iter()
        .filter(|d| d.group.is_none() && d.severity != Severity::Error)
    {
        alike.entry(alike_key(d)).or_default().push(d);
    }
    let mut alike_seen: HashMap<(String, &str, String), usize> = HashMap::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut out = Vec::new();
    for d in diags {
        let Some(g) = &d.group else {
            let key = alike_key(d);
            let all = alike.get(&key).map_or(&[][..], Vec::as_slice);
            if all.len() < ALIKE_FOLDED {
                out.push(sources.render(d, color));
                continue;
            }
            let n = alike_seen.entry(key).or_default();
            *n += 1;
            match *n {
                1 => out.push(sources.render(d, color)),
                2 => out.push(folded_note(&all[1..], d, None, color)),
                _ => {}
            }
            continue;
        };
        let key = (d.file.as_str(), g.as_str());
        let n = seen.entry(key).or_default();
        *n += 1;
        let all = &members[&key];
        if *n <= GROUP_SHOWN || all.len() == GROUP_SHOWN + 1 {
            out.push(sources.render(d, color));
        } else if *n == GROUP_SHOWN + 1 {
            out.push(folded_note(&all[GROUP_SHOWN..], d, Some(g), color));
        }
    }
    out
}

/// Findings without a group that say the same thing are folded when there are this many.
pub const ALIKE_FOLDED: usize = 4;

/// The note that stands for `rest`, findings like `d` (of group `g`, if any).
fn folded_note(rest: &[&Diagnostic], d: &Diagnostic, g: Option<&str>, color: bool) -> String {
    let mut lines: Vec<String> = rest.iter().take(20).map(|d| d.line.to_string()).collect();
    if rest.len() > 20 {
        lines.push("…".to_string());
    }
    let file = if d.file.is_empty() {
        String::new()
    } else {
        format!("{}: ", d.file)
    };
    let why = g.map_or(String::new(), |g| format!(" ({g})"));
    let p = Paint { color };
    format!(
        "{}: … and {} more {}[{}] like this{why}, at {file}lines {}\n  = help: `molde check --format json` lists every one\n",
        p.paint(BOLD, "note"),
        thousands(rest.len()),
        d.severity.as_str(),
        d.code,
        lines.join(", ")
    )
}

/// `1,464`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A message with what varies between findings of one kind taken out: quoted names and
/// values (`` `x` ``, `"x"`) and numbers.
fn shape(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut in_number = false;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => {
                quote = Some(c);
                out.push('_');
            }
            None if c.is_ascii_digit() => {
                if !in_number {
                    out.push('#');
                }
                in_number = true;
                continue;
            }
            None => out.push(c),
        }
        in_number = false;
    }
    out
}

/// Source texts for snippets, read once per file.
#[derive(Default)]
pub struct SourceCache {
    files: Vec<Source>,
}

/// A file's text (`None` when it cannot be read) and where each of its lines starts.
struct Source {
    file: String,
    text: Option<String>,
    starts: Vec<usize>,
}

impl SourceCache {
    pub fn get(&mut self, file: &str) -> Option<&str> {
        self.source(file).text.as_deref()
    }

    /// Line `n` (1-based) of `file`, as `str::lines` gives it, found without a scan.
    pub fn line(&mut self, file: &str, n: u32) -> Option<&str> {
        let source = self.source(file);
        let text = source.text.as_deref()?;
        let start = *source.starts.get((n as usize).checked_sub(1)?)?;
        let rest = &text[start..];
        let line = rest.split('\n').next().unwrap_or(rest);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// Gives `file` this text instead of what is on disk (a version read from git, say).
    pub fn insert(&mut self, file: &str, text: String) {
        self.files.retain(|s| s.file != file);
        let starts = line_starts(&text);
        self.files.push(Source {
            file: file.to_string(),
            text: Some(text),
            starts,
        });
    }

    /// [`render`] with the diagnostic's line taken from this cache.
    pub fn render(&mut self, d: &Diagnostic, color: bool) -> String {
        let snippet = match d.line {
            0 => None,
            n => self.line(&d.file, n),
        };
        render_line(d, snippet, color)
    }

    fn source(&mut self, file: &str) -> &Source {
        let at = match self.files.iter().position(|s| s.file == file) {
            Some(at) => at,
            None => {
                let text = std::fs::read(file)
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned());
                let starts = text.as_deref().map_or_else(Vec::new, line_starts);
                self.files.push(Source {
                    file: file.to_string(),
                    text,
                    starts,
                });
                self.files.len() - 1
            }
        };
        &self.files[at]
    }
}

/// The byte offset of every line of `text`, as `str::lines` counts them.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if !text.is_empty() {
        starts.push(0);
    }
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(i, b)| b == b'\n' && i + 1 < text.len())
            .map(|(i, _)| i + 1),
    );
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(severity: Severity, line: u32, column: u32) -> Diagnostic {
        Diagnostic::new(
            severity,
            "constraint.inapplicable",
            "maxLength does not apply to a number",
        )
        .file("schemas/s.yaml")
        .at(crate::tree::Pos::new(line, column))
    }

    #[test]
    fn in_a_table_row_one_cell_is_underlined() {
        let (_, start, len) = underline("| client\\_info | first\\_name\\* | varchar |", 3);
        assert_eq!((start, len), (2, 12));
        let (_, start, len) = underline("tipo\tInteger\tTipo de documento", 6);
        assert_eq!((start, len), (8, 7));
        let (_, start, len) = underline("description: 'a b c'", 14);
        assert_eq!((start, len), (13, 7));
    }

    #[test]
    fn long_quoted_names_are_cut() {
        let long = "a".repeat(10_000);
        let cut = shorten_quoted(&format!(
            "the field name `{long}` is written with stray markup"
        ));
        assert_eq!(
            cut,
            format!(
                "the field name `{}…` is written with stray markup",
                "a".repeat(80)
            )
        );
        assert_eq!(shorten_quoted("`short` stays"), "`short` stays");
    }

    #[test]
    fn renders_like_rustc() {
        let source = "a: 1\n\tmaxLength: 4   \r\nnombre: 'Peña' # x\n\n";
        let long: String =
            std::iter::repeat_n("x: 1\n", 390).collect::<String>() + "maxLength: 4\n";
        let with_path_and_hint = diag(Severity::Warning, 391, 1)
            .path("definitions.Respuesta.properties.score")
            .hint("drop maxLength, or make the property a string");
        let cases: Vec<(Diagnostic, &str, &str)> = vec![
            (
                with_path_and_hint,
                &long,
                "warning[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml:391:1\n\
                 \x20   |\n\
                 391 | maxLength: 4\n\
                 \x20   | ^^^^^^^^^^^^\n\
                 \x20   = path: definitions.Respuesta.properties.score\n\
                 \x20   = help: drop maxLength, or make the property a string\n",
            ),
            (
                // A tab before the token, trailing blanks and a CR not underlined.
                diag(Severity::Error, 2, 2),
                source,
                "error[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml:2:2\n\
                 \x20 |\n\
                 2 |     maxLength: 4\n\
                 \x20 |     ^^^^^^^^^^^^\n",
            ),
            (
                // Columns count characters: `ñ` is one.
                diag(Severity::Info, 3, 13).hint("two\nlines"),
                source,
                "info[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml:3:13\n\
                 \x20 |\n\
                 3 | nombre: 'Peña' # x\n\
                 \x20 |             ^^^^^^\n\
                 \x20 = help: two\n\
                 \x20         lines\n",
            ),
            (
                // An empty line, and a column past the end of a line.
                diag(Severity::Error, 4, 1),
                source,
                "error[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml:4:1\n\
                 \x20 |\n\
                 4 |\n\
                 \x20 | ^\n",
            ),
            (
                diag(Severity::Error, 1, 9),
                source,
                "error[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml:1:9\n\
                 \x20 |\n\
                 1 | a: 1\n\
                 \x20 |     ^\n",
            ),
            (
                // Past the end of the text: location only.
                diag(Severity::Error, 99, 1).path("definitions.A"),
                source,
                "error[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml:99:1\n\
                 \x20  = path: definitions.A\n",
            ),
            (
                // The whole file; a control character from the spec is neutralised.
                diag(Severity::Warning, 0, 0)
                    .hint("see \x1b[31mthis")
                    .path(""),
                source,
                "warning[constraint.inapplicable]: maxLength does not apply to a number\n\
                 \x20 --> schemas/s.yaml\n\
                 \x20 = help: see \u{fffd}[31mthis\n",
            ),
            (
                Diagnostic::error("yaml.syntax", "bad").at(crate::tree::Pos::new(1, 1)),
                "",
                "error[yaml.syntax]: bad\n\
                 \x20 --> <input>:1:1\n",
            ),
        ];
        for (d, source, expected) in cases {
            assert_eq!(render(&d, Some(source), false), expected, "{d:?}");
        }
        let no_source = diag(Severity::Error, 2, 2);
        assert_eq!(
            render(&no_source, None, false),
            "error[constraint.inapplicable]: maxLength does not apply to a number\n\
             \x20 --> schemas/s.yaml:2:2\n"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("description: '{}', foo: 1", "y".repeat(1_000_000));
        let column = line.find("foo").unwrap() as u32 + 1;
        let (shown, start, len) = underline(&line, column);
        assert!(
            shown.starts_with('…') && shown.ends_with("foo: 1"),
            "{shown}"
        );
        assert!(shown.chars().count() <= WINDOW + 2);
        assert_eq!(
            shown.chars().skip(start).take(len).collect::<String>(),
            "foo: 1"
        );
    }

    #[test]
    fn a_window_is_found_the_same_way_after_non_ascii_text() {
        // Every character before the column is two bytes: the offset is counted in characters.
        let line = format!("d: '{}', foo: 1", "ñ".repeat(10_000));
        let column = line.chars().position(|c| c == 'f').unwrap() as u32 + 1;
        let (shown, start, len) = underline(&line, column);
        assert_eq!(
            shown.chars().skip(start).take(len).collect::<String>(),
            "foo: 1"
        );
        // Past the end of a short line: one caret after its last character.
        assert_eq!(underline("añb", 9), ("añb".to_string(), 3, 1));
    }

    #[test]
    fn the_cache_finds_the_lines_str_lines_finds() {
        let dir = std::env::temp_dir().join(format!("molde-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (i, text) in ["", "a", "a\n", "a\r\nb\r\n", "\n\nc", "x\n\ny\n"]
            .iter()
            .enumerate()
        {
            let file = dir.join(format!("{i}.yaml"));
            std::fs::write(&file, text).unwrap();
            let file = file.to_string_lossy().into_owned();
            let mut cache = SourceCache::default();
            for n in 1..=5u32 {
                assert_eq!(
                    cache.line(&file, n),
                    text.lines().nth(n as usize - 1),
                    "{text:?} line {n}"
                );
            }
            assert_eq!(cache.line(&file, 0), None);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn colour_only_when_asked() {
        let d = diag(Severity::Error, 1, 1).hint("h");
        assert!(!render(&d, Some("a: 1"), false).contains('\x1b'));
        assert_eq!(
            render(&d, Some("a: 1"), true),
            "\x1b[1;31merror[constraint.inapplicable]\x1b[0m\x1b[1m: maxLength does not apply to a number\x1b[0m\n\
             \x20 \x1b[1;34m-->\x1b[0m schemas/s.yaml:1:1\n\
             \x20 \x1b[1;34m|\x1b[0m\n\
             \x1b[1;34m1 |\x1b[0m a: 1\n\
             \x20 \x1b[1;34m|\x1b[0m \x1b[1;31m^^^^\x1b[0m\n\
             \x20 \x1b[1;34m=\x1b[0m \x1b[1mhelp\x1b[0m: h\n"
        );
    }

    #[test]
    fn summaries() {
        let cases = [
            ((0, 0, 0), "no problems found"),
            ((1, 0, 0), "1 error"),
            ((2, 1, 0), "2 errors, 1 warning"),
            ((0, 2, 3), "2 warnings, 3 infos"),
            ((1, 1, 1), "1 error, 1 warning, 1 info"),
        ];
        for ((e, w, i), expected) in cases {
            assert_eq!(summary(e, w, i), expected);
        }
    }

    #[test]
    fn json_lines() {
        let cases = [
            (
                diag(Severity::Warning, 391, 1)
                    .path("definitions.R")
                    .hint("say \"no\""),
                r#"{"severity":"warning","code":"constraint.inapplicable","message":"maxLength does not apply to a number","file":"schemas/s.yaml","line":391,"column":1,"path":"definitions.R","hint":"say \"no\""}"#,
            ),
            (
                Diagnostic::info("yaml.recovered", "línea\nnueva"),
                r#"{"severity":"info","code":"yaml.recovered","message":"línea\nnueva","file":"","line":0,"column":0,"path":"","hint":null}"#,
            ),
        ];
        for (d, expected) in cases {
            assert_eq!(to_json_line(&d), expected);
        }
    }
}

#[cfg(test)]
mod folding_tests {
    use super::*;

    #[test]
    fn a_group_folds_after_the_first_few_and_names_every_other_line() {
        let mut diags: Vec<Diagnostic> = (1..=6)
            .map(|n| {
                Diagnostic::warning("yaml.recovered", format!("guess {n}"))
                    .at(crate::tree::Pos::new(n * 10, 1))
                    .group("rule `x`")
            })
            .collect();
        diags.push(Diagnostic::warning("other.code", "kept").at(crate::tree::Pos::new(99, 1)));
        let out = render_all(&diags, &mut SourceCache::default(), false);
        assert_eq!(out.len(), GROUP_SHOWN + 2, "{out:#?}");
        assert!(out[..GROUP_SHOWN].iter().all(|b| b.contains("guess")));
        assert!(
            out[GROUP_SHOWN]
                .starts_with("note: … and 3 more warning[yaml.recovered] like this (rule `x`)")
        );
        assert!(
            out[GROUP_SHOWN].contains("lines 40, 50, 60"),
            "{}",
            out[GROUP_SHOWN]
        );
        assert!(out[GROUP_SHOWN + 1].contains("kept"));
        // One more than the shown few is shown whole: a note would save nothing.
        let out = render_all(&diags[2..], &mut SourceCache::default(), false);
        assert_eq!(out.len(), 5);
    }

    #[test]
    fn findings_that_say_the_same_thing_fold_after_the_first_but_errors_never_do() {
        let alike = |severity, n: u32| {
            Diagnostic::new(
                severity,
                "constraint.inapplicable",
                format!("`uniqueItems` does not apply to a string (number {n})"),
            )
            .at(crate::tree::Pos::new(n, 1))
        };
        let mut diags: Vec<Diagnostic> = (1..=1500).map(|n| alike(Severity::Info, n)).collect();
        diags.push(
            Diagnostic::info("constraint.inapplicable", "`minimum` on a boolean")
                .at(crate::tree::Pos::new(2000, 1)),
        );
        let out = render_all(&diags, &mut SourceCache::default(), false);
        assert_eq!(out.len(), 3, "{out:#?}");
        assert!(out[0].contains("(number 1)"));
        assert!(
            out[1].starts_with(
                "note: … and 1,499 more info[constraint.inapplicable] like this, at lines 2, 3, 4"
            ),
            "{}",
            out[1]
        );
        assert!(out[2].contains("`minimum` on a boolean"));
        // Three alike are shown as they are; errors are all shown.
        let three: Vec<Diagnostic> = (1..=3).map(|n| alike(Severity::Info, n)).collect();
        assert_eq!(
            render_all(&three, &mut SourceCache::default(), false).len(),
            3
        );
        let errors: Vec<Diagnostic> = (1..=10).map(|n| alike(Severity::Error, n)).collect();
        assert_eq!(
            render_all(&errors, &mut SourceCache::default(), false).len(),
            10
        );
    }
}
