//! The pages of a document as a reader finds them: one [`Page`] per operation, the section the
//! text is in (request or responses), the status it last named, and examples joined across
//! fragments. Markdown and plain-text readers feed it; [`super::build`] reads the result.

use crate::diag::Diagnostic;
use crate::read::field_table::{Attribute, DocExample, Page, ResponsePart, Table};
use crate::tree::Pos;

/// Which part of the operation the text is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Section {
    #[default]
    Request,
    Responses,
}

/// The operations of a page, the last one open.
#[derive(Default)]
pub(crate) struct Pages {
    pages: Vec<Page>,
    /// What the text is about now.
    pub(crate) section: Section,
    /// The last status the text named, for the examples after it.
    pub(crate) status: Option<String>,
    /// Where the last example was added (request or response), for continuations.
    last_example: Option<Section>,
    /// A URL path seen before any method.
    pub(crate) pending_path: Option<(String, Pos)>,
}

impl Pages {
    pub(crate) fn current(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        self.pages.last_mut().expect("a page is open")
    }

    pub(crate) fn endpoint(&mut self, method: Option<String>, path: Option<String>, pos: Pos) {
        let page = self.current();
        let open_has_endpoint = !page.method.is_empty() && !page.path.is_empty();
        if open_has_endpoint && (method.is_some() && path.is_some()) {
            // A second endpoint starts a second operation.
            self.pages.push(Page::default());
            self.section = Section::Request;
        }
        let page = self.current();
        if let Some(method) = method {
            page.method = method.to_ascii_uppercase();
            if page.pos == Pos::default() {
                page.pos = pos;
            }
        }
        if let Some(path) = path {
            page.path = path;
            page.pos = pos;
        }
    }

    pub(crate) fn add_table(&mut self, table: Table) {
        let section = self.section;
        let status = self.status.clone();
        let page = self.current();
        match section {
            Section::Request => page.request_tables.push(table),
            Section::Responses => {
                let pos = table.pos;
                match page
                    .responses
                    .iter_mut()
                    .find(|r| r.status == status && r.tables.is_empty())
                {
                    Some(part) => part.tables.push(table),
                    None => page.responses.push(ResponsePart {
                        status,
                        description: None,
                        tables: vec![table],
                        pos,
                    }),
                }
            }
        }
    }

    pub(crate) fn add_example(&mut self, text: String, pos: Pos) {
        let trimmed = text.trim_start();
        let opens = trimmed.starts_with('{') || trimmed.starts_with('[');
        let section = self.section;
        let status = self.status.clone();
        let last = self.last_example;
        let page = self.current();
        let list = match section {
            Section::Request => &mut page.request_examples,
            Section::Responses => &mut page.response_examples,
        };
        if !opens && last == Some(section) {
            if let Some(previous) = list.last_mut() {
                previous.fragments.push((text, pos));
                return;
            }
        }
        if !opens && !trimmed.starts_with('"') {
            return;
        }
        list.push(DocExample {
            fragments: vec![(text, pos)],
            status: match section {
                Section::Responses => status,
                Section::Request => None,
            },
        });
        self.last_example = Some(section);
    }

    /// `POST /path`: a new operation when the open one has its endpoint already.
    pub(crate) fn open_endpoint(&mut self, method: String, path: String, pos: Pos) {
        self.endpoint(Some(method), Some(path), pos);
    }

    /// The text turns to the responses (`true`) or the request.
    pub(crate) fn set_section(&mut self, responses: bool) {
        self.section = if responses {
            Section::Responses
        } else {
            Section::Request
        };
    }

    pub(crate) fn set_status(&mut self, status: String) {
        self.status = Some(status);
    }

    /// An attribute list describes the request of the open operation.
    pub(crate) fn add_attributes(&mut self, list: Vec<Attribute>) {
        self.current().attributes.extend(list);
    }

    /// A response the text lists (`**201** - created`), unless it is listed already.
    pub(crate) fn add_response(&mut self, status: String, description: Option<String>, pos: Pos) {
        let page = self.current();
        if !page
            .responses
            .iter()
            .any(|r| r.status.as_deref() == Some(status.as_str()))
        {
            page.responses.push(ResponsePart {
                status: Some(status),
                description,
                tables: Vec::new(),
                pos,
            });
        }
    }

    /// The pages that describe something, each with an endpoint (or the finding that it lacks one).
    pub(crate) fn finish(self, found: &mut Vec<Diagnostic>) -> Vec<Page> {
        let mut out = Vec::new();
        for mut page in self.pages {
            let describes = !page.request_tables.is_empty()
                || !page.attributes.is_empty()
                || page.responses.iter().any(|r| !r.tables.is_empty());
            if !describes {
                continue;
            }
            if page.path.is_empty() {
                if let Some((path, _)) = &self.pending_path {
                    page.path = path.clone();
                }
            }
            if page.method.is_empty() || page.path.is_empty() {
                found.push(
                    Diagnostic::warning(
                        "table.no-endpoint",
                        format!(
                            "the page does not say {} of the operation its tables describe",
                            match (page.method.is_empty(), page.path.is_empty()) {
                                (true, true) => "the method or the path",
                                (true, false) => "the method",
                                _ => "the path",
                            }
                        ),
                    )
                    .at(if page.pos == Pos::default() {
                        Pos::new(1, 1)
                    } else {
                        page.pos
                    })
                    .hint("write the endpoint as `POST /path`, or a URL and a `Method: POST` line"),
                );
                if page.method.is_empty() {
                    page.method = "POST".into();
                }
                if page.path.is_empty() {
                    page.path = "/".into();
                }
            }
            out.push(page);
        }
        out
    }
}

/// Methods an endpoint line may name.
pub(crate) const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// `POST /cliente` (or `POST https://host/cliente`): the method and path, when `text` is one.
pub(crate) fn endpoint_line(text: &str) -> Option<(String, String)> {
    let mut words = text.split_whitespace();
    let method = words.next()?.trim_matches(['*', '`']).to_ascii_uppercase();
    let target = words.next()?.trim_matches(['*', '`']);
    if words.next().is_some() || !METHODS.contains(&method.as_str()) {
        return None;
    }
    let path = url_path(target).or_else(|| target.starts_with('/').then(|| target.to_string()))?;
    Some((method, path))
}

/// The path of a URL (`https://{URLCLIENTE}/core_customer` -> `/core_customer`).
pub(crate) fn url_path(text: &str) -> Option<String> {
    let text = text.trim().trim_matches(['`', '<', '>']);
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some(path.to_string())
}

/// The status a text names: `201`, `4XX`, `(HTTP STATUS CODE 201)`.
pub(crate) fn status_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 3
                && matches!(w.as_bytes()[0], b'1'..=b'5')
                && w[1..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'X' || b == b'x')
        })
        .map(str::to_uppercase)
}

/// The section a heading opens, when it says.
pub(crate) fn section_of(heading: &str) -> Option<bool> {
    let h = crate::read::field_table::fold_text(heading);
    let responses = [
        "respuesta",
        "response",
        "salida",
        "output",
        "retorno",
        "resultado",
    ];
    let request = [
        "entrada",
        "request",
        "peticion",
        "solicitud",
        "parametro",
        "input",
        "body",
        "envio",
    ];
    if responses.iter().any(|w| h.contains(w)) {
        Some(true)
    } else if request.iter().any(|w| h.contains(w)) {
        Some(false)
    } else {
        None
    }
}
