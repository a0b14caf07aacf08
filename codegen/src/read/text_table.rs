//! A plain-text document that describes operations with tab-separated field tables, read line
//! by line:
//! - `METHOD /path` starts an operation;
//! - `Atributos:` (`Attributes:`) starts a list of `- name type requerido` lines;
//! - a line of tab-separated cells whose header names field-table columns starts a table, which
//!   goes on while lines have cells (blank lines in between included); a document whose tabs
//!   became spaces (pasted from a page) separates its cells by runs of two or more spaces;
//! - a short line about the request (`Descripción Request`, `Formato de ejemplo para el
//!   request:`) or the response (`Descripción Respuesta`, `Ejemplo de respuesta:`) says what
//!   the tables and examples after it describe; a response given without a status is `200`;
//! - fenced blocks (```` ``` ````) hold examples; one that does not open with `{` or `[` goes on
//!   with the example before it (examples split over several fences are one).

use crate::diag::Diagnostic;
use crate::model::{SourceFormat, Spec};
use crate::read::field_table::page::{Pages, endpoint_line};
use crate::read::field_table::rules::SPACE_ALIGNED;
use crate::read::field_table::{self, Attribute, Cell, Columns, Table, TableRules};
use crate::tree::Pos;

/// Reads a plain-text document into a spec. `file` names it in findings.
pub(crate) fn read(file: &str, text: &str, rules: &TableRules) -> Spec {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut pages = Pages::default();
    let mut found = Vec::new();
    let mut title = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        let pos = Pos::new(
            i as u32 + 1,
            (line.len() - line.trim_start().len()) as u32 + 1,
        );
        if trimmed.starts_with("```") {
            i = fence(&lines, i, &mut pages, &mut found);
            continue;
        }
        if let Some((method, path)) = endpoint_line(trimmed) {
            pages.open_endpoint(method, path, pos);
            if title.is_empty() {
                title = trimmed.to_string();
            }
            i += 1;
            continue;
        }
        if let Some(separator) = Separator::of_header(line, rules.is_on(SPACE_ALIGNED)) {
            let header = cells(line, i, separator);
            i = table(&lines, i, header, separator, &mut pages);
            continue;
        }
        let folded = field_table::fold_text(trimmed);
        if matches!(
            folded.as_str(),
            "atributos" | "attributes" | "parametros" | "parameters" | "campos"
        ) {
            i = attributes(&lines, i + 1, &mut pages);
            continue;
        }
        // A line that says what follows (`Descripción Respuesta`), the endpoint
        // (`URL Servicio: https://...`), a status.
        if !trimmed.is_empty() {
            if trimmed.split_whitespace().count() <= 8 {
                pages.caption(trimmed, false);
                pages.label(trimmed);
            }
            pages.line(trimmed, pos);
        }
        i += 1;
    }
    let pages = pages.finish(&mut found);
    if pages.is_empty() {
        found.push(
            Diagnostic::error(
                "table.no-fields",
                "this document has no field table molde can read",
            )
            .at(Pos::new(1, 1))
            .hint("a field table is a tab-separated header (Campo, Tipo, Descripción...) and rows under it"),
        );
    }
    let mut spec = field_table::build(file, &title, &pages, rules, &mut found);
    spec.format = SourceFormat::Text;
    spec.diagnostics = found;
    spec
}

/// How a table's cells are separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Separator {
    Tab,
    /// Two or more spaces (tabs turned to spaces when the text was pasted).
    Spaces,
    /// `|` between cells, as reStructuredText grid tables draw them (`| email | string |`,
    /// with `+----+` borders between rows).
    Pipe,
}

impl Separator {
    /// The separator of `line` when it is a field table's header row (`spaces`: runs of
    /// spaces may separate cells).
    pub(crate) fn of_header(line: &str, spaces: bool) -> Option<Separator> {
        [Separator::Pipe, Separator::Tab, Separator::Spaces]
            .into_iter()
            .take(if spaces { 3 } else { 2 })
            .find(|&separator| {
                separator.is_row(line) && Columns::of(&cells(line, 0, separator)).is_some()
            })
    }

    /// Whether `line` has cells separated this way.
    fn is_row(self, line: &str) -> bool {
        match self {
            Separator::Tab => line.contains('\t'),
            Separator::Spaces => split(line.trim(), self).len() >= 2,
            Separator::Pipe => {
                let t = line.trim();
                (t.starts_with('|') && t[1..].contains('|')) || is_border(t)
            }
        }
    }
}

/// A grid table's border between rows: `+-----+----+`, `+=====+`, `|----|----|`.
fn is_border(line: &str) -> bool {
    let t = line.trim();
    t.len() > 2
        && (t.starts_with('+') || t.starts_with('|'))
        && t.contains(['-', '='])
        && t.chars()
            .all(|c| matches!(c, '+' | '-' | '=' | '|' | ':' | ' '))
}

/// The parts of `line`, with their byte offsets.
fn split(line: &str, separator: Separator) -> Vec<(usize, &str)> {
    match separator {
        Separator::Pipe => {
            let lead = line.len() - line.trim_start().len();
            let inner = line.trim();
            let inner = inner.strip_prefix('|').unwrap_or(inner);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            let mut out = Vec::new();
            let mut at = lead + 1;
            for part in inner.split('|') {
                out.push((at, part));
                at += part.len() + 1;
            }
            out
        }
        Separator::Tab => {
            let mut out = Vec::new();
            let mut at = 0;
            for part in line.split('\t') {
                out.push((at, part));
                at += part.len() + 1;
            }
            out
        }
        Separator::Spaces => {
            let mut out = Vec::new();
            let bytes = line.as_bytes();
            let mut start = None;
            let mut i = 0;
            while i < bytes.len() {
                let gap = bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ');
                match (gap, start) {
                    (true, Some(s)) => {
                        out.push((s, &line[s..i]));
                        start = None;
                    }
                    (false, None) if bytes[i] != b' ' => start = Some(i),
                    _ => {}
                }
                i += 1;
            }
            if let Some(s) = start {
                out.push((s, line[s..].trim_end()));
            }
            out
        }
    }
}

/// The cells of line `i`, each with its position.
fn cells(line: &str, i: usize, separator: Separator) -> Vec<Cell> {
    split(line, separator)
        .into_iter()
        .map(|(at, part)| {
            let lead = part.len() - part.trim_start().len();
            Cell {
                text: part.trim().to_string(),
                raw: part.to_string(),
                pos: Pos::new(i as u32 + 1, line[..at + lead].chars().count() as u32 + 1),
                ..Cell::default()
            }
        })
        .collect()
}

/// A table whose header is line `start`; returns the first line after it.
fn table(
    lines: &[&str],
    start: usize,
    header: Vec<Cell>,
    separator: Separator,
    pages: &mut Pages,
) -> usize {
    let width = header.len();
    let name_column = Columns::of(&header).and_then(|c| c.find(field_table::Role::Name));
    let mut table = Table {
        pos: header
            .first()
            .map_or(Pos::new(start as u32 + 1, 1), |c| c.pos),
        header,
        rows: Vec::new(),
        captions: Vec::new(),
    };
    let is_row =
        |k: usize| separator.is_row(lines[k]) && Separator::of_header(lines[k], true).is_none();
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            // A blank line inside a table: it goes on if the next line with text is a row.
            let next = (i + 1..lines.len()).find(|&k| !lines[k].trim().is_empty());
            match next {
                Some(k) if is_row(k) => {
                    i = k;
                    continue;
                }
                _ => break,
            }
        }
        // A line that is not a row ends the table; so does another table's header.
        if !is_row(i) {
            break;
        }
        if separator == Separator::Pipe && is_border(line) {
            i += 1;
            continue;
        }
        let mut row = cells(line, i, separator);
        // A grid table's cell that runs over several lines: a row with no name goes on with
        // the row above.
        if separator == Separator::Pipe
            && let Some(name) = name_column
            && row.get(name).is_some_and(|c| c.text.is_empty())
            && let Some(previous) = table.rows.last_mut()
        {
            for (into, more) in previous.iter_mut().zip(&row) {
                if !more.text.is_empty() {
                    if !into.text.is_empty() {
                        into.text.push(' ');
                    }
                    into.text.push_str(&more.text);
                }
            }
            i += 1;
            continue;
        }
        if separator == Separator::Spaces {
            // Trailing empty cells leave no trace between spaces; more cells than the header
            // has are runs of spaces inside the last one.
            if row.len() > width && width > 0 {
                let extra: Vec<Cell> = row.drain(width..).collect();
                let last = row.last_mut().expect("width > 0");
                for cell in extra {
                    last.text.push(' ');
                    last.text.push_str(&cell.text);
                }
            }
            while row.len() < width {
                row.push(Cell {
                    pos: row.last().map_or(Pos::new(i as u32 + 1, 1), |c| c.pos),
                    ..Cell::default()
                });
            }
        }
        table.rows.push(row);
        i += 1;
    }
    pages.add_table(table);
    i
}

/// `- name type [requerido]` lines from `start`; returns the first line after them.
fn attributes(lines: &[&str], start: usize, pages: &mut Pages) -> usize {
    let mut i = start;
    let mut list = Vec::new();
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if list.is_empty() {
                i += 1;
                continue;
            }
            break;
        }
        let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        else {
            break;
        };
        let lead = line.len() - line.trim_start().len() + 2;
        let words: Vec<&str> = item.split_whitespace().collect();
        if let Some(name) = words.first() {
            let folded: Vec<String> = words[1..]
                .iter()
                .map(|w| field_table::fold_text(w))
                .collect();
            let required = folded.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "requerido" | "required" | "obligatorio" | "mandatory"
                )
            });
            let ty = words.get(1).filter(|w| {
                !matches!(
                    field_table::fold_text(w).as_str(),
                    "requerido" | "required" | "obligatorio" | "opcional" | "optional"
                )
            });
            let at = Pos::new(i as u32 + 1, lead as u32 + 1);
            list.push(Attribute {
                name: Cell {
                    text: name.to_string(),
                    raw: name.to_string(),
                    pos: at,
                    ..Cell::default()
                },
                ty: ty.map(|t| Cell {
                    text: t.to_string(),
                    raw: t.to_string(),
                    pos: Pos::new(at.line, at.column + name.chars().count() as u32 + 1),
                    ..Cell::default()
                }),
                required,
            });
        }
        i += 1;
    }
    pages.add_attributes(list);
    i
}

/// A fenced block from line `start`; returns the line after its closing fence. An unclosed
/// fence runs to the end of the document (a warning says so).
fn fence(lines: &[&str], start: usize, pages: &mut Pages, found: &mut Vec<Diagnostic>) -> usize {
    let mut end = start + 1;
    while end < lines.len() && !lines[end].trim_start().starts_with("```") {
        end += 1;
    }
    if end >= lines.len() {
        found.push(
            Diagnostic::warning("table.unclosed-fence", "this fenced block is never closed")
                .at(Pos::new(start as u32 + 1, 1))
                .hint("close it with ```; molde read it to the end of the document"),
        );
    }
    let content = lines[start + 1..end.min(lines.len())].join("\n");
    pages.add_example(content, Pos::new(start as u32 + 2, 1));
    end + 1
}

#[cfg(test)]
mod tests;
