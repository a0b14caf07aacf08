//! A markdown page that describes an operation with field tables (a GitBook page, say), read
//! with a CommonMark/GFM parser (`pulldown-cmark`, whose offsets give every cell its line and
//! column).
//!
//! What the page says, and where molde looks for it:
//! - the endpoint: a URL (`https://{URLCLIENTE}/core_customer`, in a code block or a paragraph)
//!   and a method line (`**Método:** POST`), or `POST /path` anywhere;
//! - the authentication: a line such as `**Tipo de Autenticación:** Basic Authentication`;
//! - field tables ([`field_table::Columns`]): under a heading about the request (entrada,
//!   request, parámetros) or about the responses (respuesta, response, salida);
//! - the responses: list items that start with a status (`**201** - Respuesta exitosa`);
//! - examples: fenced blocks holding JSON, each an example of the request or (in a responses
//!   section) of the response whose status the text just before names
//!   (`Ejemplo 2 - Caso error (HTTP STATUS CODE 4XX)`). A block that does not open with `{` or
//!   `[` goes on with the example before it.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::model::{SourceFormat, Spec};
use crate::read::field_table::page::{
    METHODS, Pages, Section, curl_endpoint, endpoint_line, location_of, section_of, status_in,
    url_path,
};
use crate::read::field_table::{self, Cell, Columns, Table, TableRules};
use crate::tree::Pos;

/// Reads a markdown page into a spec. `file` names it in findings.
pub(crate) fn read(file: &str, text: &str, rules: &TableRules) -> Spec {
    let lines = LineIndex::new(text);
    let mut reader = PageReader::default();
    reader.walk(text, &lines);
    let mut found = reader.found;
    let pages = reader.pages.finish(&mut found);
    if pages.is_empty() {
        found.push(
            Diagnostic::error(
                "table.no-fields",
                "this markdown page has no field table molde can read",
            )
            .at(Pos::new(1, 1))
            .hint("a field table has a name column (Campo, Field, NIVEL 1...) and a type or description column"),
        );
    }
    let title = reader.title.unwrap_or_default();
    let mut spec = field_table::build(file, &title, &pages, rules, &mut found);
    spec.format = SourceFormat::Markdown;
    spec.diagnostics = found;
    spec
}

/// Byte offsets to 1-based lines and columns (in characters).
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        Pos::new(line as u32 + 1, column as u32 + 1)
    }
}

/// The page as it is read: sections, tables, examples, one operation per endpoint.
#[derive(Default)]
struct PageReader {
    title: Option<String>,
    pages: Pages,
    found: Vec<Diagnostic>,
}

impl PageReader {
    fn walk(&mut self, text: &str, lines: &LineIndex<'_>) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        let mut events = Parser::new_ext(text, options).into_offset_iter().peekable();
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let heading = collect_text(&mut events, TagEnd::Heading(level));
                    if level == HeadingLevel::H1 && self.title.is_none() {
                        self.title = Some(heading.trim().to_string());
                    }
                    self.pages.caption(&heading, true);
                    if section_of(&heading).is_some() || location_of(&heading).is_some() {
                        self.pages.label(&heading);
                    } else {
                        self.pages.location = None;
                    }
                    if let Some(status) = status_in(&heading) {
                        self.pages.status = Some(status);
                    }
                    if let Some((method, path)) = endpoint_line(heading.trim()) {
                        self.pages
                            .endpoint(Some(method), Some(path), lines.pos(range.start));
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    let paragraph = collect_text(&mut events, TagEnd::Paragraph);
                    if paragraph.split_whitespace().count() <= 16 {
                        self.pages.caption(&paragraph, false);
                    }
                    self.paragraph(&paragraph, lines.pos(range.start));
                }
                Event::Start(Tag::Item) => {
                    let item = collect_text(&mut events, TagEnd::Item);
                    self.item(&item, lines.pos(range.start));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let content_start = match &kind {
                        CodeBlockKind::Fenced(_) => text[range.start..]
                            .find('\n')
                            .map_or(range.end, |i| range.start + i + 1),
                        CodeBlockKind::Indented => range.start,
                    };
                    let mut content = String::new();
                    for (event, _) in events.by_ref() {
                        match event {
                            Event::Text(t) => content.push_str(&t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    self.code(content, lines.pos(content_start));
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    let plain = strip_tags(&html);
                    if let Some(status) = status_in(&plain) {
                        self.pages.status = Some(status);
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    let table = read_table(text, lines, &mut events, range.start);
                    if Columns::of(&table.header).is_some() {
                        self.pages.add_table(table);
                    } else {
                        self.endpoint_table(&table);
                    }
                }
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, paragraph: &str, pos: Pos) {
        self.pages.line(paragraph, pos);
    }

    /// A table that gives the endpoint: `| Endpoint | Método HTTP |` with a row under it, or
    /// label and value pairs (`| Método | POST |`, `| URL | https://... |`).
    fn endpoint_table(&mut self, table: &Table) {
        let folded: Vec<String> = table
            .header
            .iter()
            .map(|c| crate::read::field_table::fold_text(&c.text))
            .collect();
        let column = |words: &[&str]| {
            folded
                .iter()
                .position(|h| words.iter().any(|w| h.split(' ').any(|x| x == *w)))
        };
        let url = column(&["endpoint", "url", "ruta", "uri", "path", "recurso"]);
        let method = column(&["metodo", "method", "verbo", "verb"]);
        if let (Some(url), Some(method), Some(row)) = (url, method, table.rows.first()) {
            let target = row.get(url).map_or("", |c| c.text.trim());
            let verb = row
                .get(method)
                .map_or(String::new(), |c| c.text.trim().to_ascii_uppercase());
            let path =
                url_path(target).or_else(|| target.starts_with('/').then(|| target.to_string()));
            if let Some(path) = path
                && METHODS.contains(&verb.as_str())
            {
                let pos = row.get(url).map_or(table.pos, |c| c.pos);
                self.pages.endpoint(Some(verb), Some(path), pos);
            }
            return;
        }
        if table.header.len() == 2 {
            for row in std::iter::once(&table.header).chain(&table.rows) {
                if let [label, value] = row.as_slice() {
                    let folded = crate::read::field_table::fold_text(&label.text);
                    let endpoint_label = [
                        "metodo",
                        "method",
                        "verbo",
                        "url",
                        "endpoint",
                        "ruta",
                        "uri",
                        "path",
                        "autenticacion",
                        "authentication",
                    ]
                    .iter()
                    .any(|w| folded.split(' ').any(|x| x == *w));
                    if endpoint_label {
                        let line = format!("{}: {}", label.text.trim(), value.text.trim());
                        self.paragraph(&line, label.pos);
                    }
                }
            }
        }
    }

    /// A list item: in a responses section, `**201** - Respuesta exitosa` lists a response.
    fn item(&mut self, item: &str, pos: Pos) {
        let trimmed = item.trim();
        let first = trimmed.split_whitespace().next().unwrap_or("");
        let status = status_in(first).filter(|s| first.trim_matches(['*', ':', '-']) == s);
        let Some(status) = status else {
            // `- Method : POST`, `- URL: https://...`: read as a paragraph.
            self.paragraph(trimmed, pos);
            return;
        };
        if self.pages.section != Section::Responses {
            return;
        }
        let description = trimmed[first.len()..]
            .trim_start_matches([' ', '-', ':', '–'])
            .trim()
            .to_string();
        self.pages.add_response(
            status,
            (!description.is_empty()).then_some(description),
            pos,
        );
    }

    fn code(&mut self, content: String, pos: Pos) {
        let trimmed = content.trim();
        if let Some((method, path)) = endpoint_line(trimmed) {
            self.pages.endpoint(Some(method), Some(path), pos);
            return;
        }
        // An HTTP request written out (`POST /x HTTP/1.1`, headers, a blank line, the body).
        let first_line = trimmed.lines().next().unwrap_or("");
        if let Some((method, path)) = endpoint_line(first_line) {
            self.pages.endpoint(Some(method), Some(path), pos);
            if let Some(blank) = content.find("\n\n").or_else(|| content.find("\n\r\n")) {
                let body = &content[blank..];
                let lead = body.len() - body.trim_start().len();
                let body_start = blank + lead;
                let line = content[..body_start].matches('\n').count() as u32;
                if body.trim_start().starts_with(['{', '[']) {
                    self.pages.add_example(
                        content[body_start..].to_string(),
                        Pos::new(pos.line + line, 1),
                    );
                }
            }
            return;
        }
        if let Some((method, path)) = curl_endpoint(trimmed) {
            self.pages.endpoint(Some(method), Some(path), pos);
            return;
        }
        if !trimmed.contains('\n') {
            // A URL, or a path alone in a block (`/account/kyc` under `Service:`).
            let path = url_path(trimmed).or_else(|| {
                (trimmed.starts_with('/') && !trimmed.contains(char::is_whitespace))
                    .then(|| trimmed.to_string())
            });
            if let Some(path) = path {
                self.pages.pending_path = Some((path.clone(), pos));
                self.pages.endpoint(None, Some(path), pos);
                return;
            }
        }
        self.pages.add_example(content, pos);
    }
}

/// The text of the events up to `end`, inline markup dropped.
fn collect_text<'e>(
    events: &mut impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    end: TagEnd,
) -> String {
    let mut out = String::new();
    for (event, _) in events.by_ref() {
        match event {
            Event::End(e) if e == end => break,
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::InlineHtml(h) => out.push_str(&strip_tags(&h)),
            _ => {}
        }
    }
    out
}

/// `<summary>Ejemplo 1</summary>` -> `Ejemplo 1`.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A table's header and rows, every cell with its text, source, position and links.
fn read_table<'e>(
    text: &str,
    lines: &LineIndex<'_>,
    events: &mut impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    start: usize,
) -> Table {
    let mut table = Table {
        pos: lines.pos(start),
        ..Table::default()
    };
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut in_head = false;
    let mut row_end = 0;
    for (event, range) in events.by_ref() {
        match event {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                table.header = std::mem::take(&mut row);
                in_head = false;
            }
            Event::Start(Tag::TableRow) => {
                row.clear();
                row_end = range.end;
            }
            Event::End(TagEnd::TableRow) => table.rows.push(std::mem::take(&mut row)),
            // A cell the row does not have: the parser pads short rows with empty cells at
            // the row's end. Left out, so that the row reads as short (and is reported).
            Event::Start(Tag::TableCell) if range.is_empty() && range.start >= row_end => {}
            Event::End(TagEnd::TableCell) if cell.is_none() => {}
            Event::Start(Tag::TableCell) => {
                let raw = text.get(range.clone()).unwrap_or("");
                let lead = raw.len() - raw.trim_start().len();
                cell = Some(Cell {
                    raw: raw.trim().to_string(),
                    pos: lines.pos(range.start + lead),
                    ..Cell::default()
                });
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(mut c) = cell.take() {
                    c.text = c.text.trim().to_string();
                    row.push(c);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => {
                if let Some(c) = cell.as_mut() {
                    c.markup |= !c.raw.contains(char::is_whitespace);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(c) = cell.as_mut() {
                    c.links.push(dest_url.to_string());
                }
            }
            // `<br>`, `<p>`: the words on either side stay apart.
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_) | Event::Html(_) => {
                if let Some(c) = cell.as_mut()
                    && !c.text.ends_with(' ')
                {
                    c.text.push(' ');
                }
            }
            _ => {}
        }
    }
    let _ = in_head;
    table
}

#[cfg(test)]
mod tests;
