//! The pages of a document as a reader finds them: one [`Page`] per operation, the section the
//! text is in (request or responses), the status it last named, and examples joined across
//! fragments. Markdown and plain-text readers feed it; [`super::build`] reads the result.

use crate::diag::Diagnostic;
use crate::model::Location;
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
    /// Where the request parameters the text is about go, when it says (`Query parameters`,
    /// `Headers`); `None`: the body.
    pub(crate) location: Option<Location>,
    /// Headings and short lines since the last table, for the next one.
    captions: Vec<String>,
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
        // A method or path the open operation has already, once it has tables or examples,
        // starts the next operation (a page of several, each with a URL and a method line).
        let conflicts = (method.is_some() && !page.method.is_empty())
            || (path.is_some() && !page.path.is_empty());
        let has_content = !page.request_tables.is_empty()
            || !page.attributes.is_empty()
            || !page.request_examples.is_empty()
            || page.responses.iter().any(|r| !r.tables.is_empty());
        if (open_has_endpoint && method.is_some() && path.is_some()) || (conflicts && has_content) {
            // A second endpoint starts a second operation.
            self.pages.push(Page::default());
            self.section = Section::Request;
            self.location = None;
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

    /// A line (or paragraph) of text: an endpoint (`POST /x`), a label and its value
    /// (`**Método:** POST`, `URL Servicio: https://...`, `Tipo de Autenticación: Basic`), a
    /// short label for what follows (`**Response:**`), a URL alone, a status.
    pub(crate) fn line(&mut self, text: &str, pos: Pos) {
        let trimmed = text.trim();
        if let Some((method, path)) = endpoint_line(trimmed) {
            self.endpoint(Some(method), Some(path), pos);
            return;
        }
        if let Some((label, value)) = labelled(trimmed).filter(|(_, v)| !v.trim().is_empty()) {
            let first = value
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(['`', '*'])
                .to_string();
            let method = first.to_ascii_uppercase();
            let names_url = [
                "url", "endpoint", "ruta", "path", "uri", "recurso", "resource",
            ]
            .iter()
            .any(|w| label.split(' ').any(|l| l == *w));
            if let Some((method, path)) = endpoint_line(&value) {
                // `Ruta : POST /api/x`, `Endpoint: GET https://host/x`.
                self.endpoint(Some(method), Some(path), pos);
            } else if (label.contains("metodo") || label.contains("method") || label == "verbo")
                && METHODS.contains(&method.as_str())
            {
                self.endpoint(Some(method), None, pos);
            } else if names_url
                && let Some(path) =
                    url_path(&first).or_else(|| first.starts_with('/').then(|| first.clone()))
            {
                self.pending_path = Some((path.clone(), pos));
                self.endpoint(None, Some(path), pos);
            } else if label.contains("autenticacion")
                || label.contains("authentication")
                || label == "auth"
            {
                self.current().authentication = Some(value);
            }
        } else if trimmed.split_whitespace().count() <= 6 && !trimmed.contains("//") {
            // A short line that says what follows (`**Response:**`, `Query parameters`).
            self.label(trimmed);
        } else if !trimmed.contains(char::is_whitespace)
            && let Some(path) = url_path(trimmed)
        {
            // A URL alone on its line.
            self.pending_path = Some((path.clone(), pos));
            self.endpoint(None, Some(path), pos);
        }
        if speaks_of_status(trimmed)
            && let Some(status) = status_in(trimmed)
        {
            self.status = Some(status);
        }
    }

    /// A heading or label: the section and parameter location it names, if any.
    pub(crate) fn label(&mut self, text: &str) {
        if let Some(responses) = section_of(text) {
            self.set_section(responses);
            self.location = if responses { None } else { location_of(text) };
        } else if let Some(location) = location_of(text) {
            self.section = Section::Request;
            self.location = Some(location);
        }
    }

    /// A heading (`heading`: it starts a new run of captions) or a short line before a table.
    pub(crate) fn caption(&mut self, text: &str, heading: bool) {
        if heading {
            self.captions.clear();
        }
        let text = text.trim();
        if !text.is_empty() && self.captions.len() < 8 {
            self.captions.push(text.to_string());
        }
    }

    pub(crate) fn add_table(&mut self, mut table: Table) {
        table.captions = std::mem::take(&mut self.captions);
        let section = self.section;
        let status = self.status.clone();
        let location = self.location;
        let page = self.current();
        match section {
            Section::Request => match location {
                Some(location) => page.parameter_tables.push((table, location)),
                None => page.request_tables.push(table),
            },
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

/// `POST /cliente` (or `POST https://host/cliente`, `GET /balances HTTP/1.1`, `### **POST
/// /x**`): the method and path, when `text` is one.
pub(crate) fn endpoint_line(text: &str) -> Option<(String, String)> {
    let text = text.trim().trim_start_matches('#').trim();
    let mut words = text.split_whitespace();
    let method = words.next()?.trim_matches(['*', '`']).to_ascii_uppercase();
    let target = words.next()?.trim_matches(['*', '`', '"', '\'']);
    let rest: Vec<&str> = words.collect();
    let protocol = matches!(rest.as_slice(), [p] if p.starts_with("HTTP/"));
    if !(rest.is_empty() || protocol) || !METHODS.contains(&method.as_str()) {
        return None;
    }
    let path =
        url_path(target).or_else(|| target.starts_with('/').then(|| placeholders(target)))?;
    Some((method, path))
}

/// The endpoint of a `curl` command: `-X`/`--request` names the method (else `POST` when it
/// sends data, `GET` when not), the first URL the path.
pub(crate) fn curl_endpoint(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '\\')
        .filter(|w| !w.is_empty())
        .collect();
    if !words.contains(&"curl") {
        return None;
    }
    let path = words
        .iter()
        .find_map(|w| url_path(w.trim_matches(['"', '\''])))?;
    let method = words
        .windows(2)
        .find(|pair| matches!(pair[0], "-X" | "--request"))
        .map(|pair| pair[1].trim_matches(['"', '\'']).to_ascii_uppercase())
        .filter(|m| METHODS.contains(&m.as_str()))
        .unwrap_or_else(|| {
            let sends = words.iter().any(|w| {
                matches!(
                    *w,
                    "-d" | "--data" | "--data-raw" | "--data-binary" | "--json"
                )
            });
            if sends { "POST" } else { "GET" }.to_string()
        });
    Some((method, path))
}

/// `<tenantId>` and `:id` in a path written as `{tenantId}`, `{id}` (Swagger's template form).
fn placeholders(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if let Some(name) = segment.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
                format!("{{{name}}}")
            } else if let Some(name) = segment.strip_prefix(':').filter(|n| !n.is_empty()) {
                format!("{{{name}}}")
            } else {
                segment.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The path of a URL (`https://{URLCLIENTE}/core_customer` -> `/core_customer`).
pub(crate) fn url_path(text: &str) -> Option<String> {
    let text = text.trim().trim_matches(['`', '<', '>']);
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = path.split(['?', '#', '"', '\'']).next().unwrap_or(path);
    Some(placeholders(path))
}

/// The status a text names: `201`, `4XX`, `(HTTP STATUS CODE 201)`. Only codes HTTP defines
/// count (`255` in `Largo máximo: 255` is no status).
pub(crate) fn status_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            let b = w.as_bytes();
            if w.len() != 3 || !matches!(b[0], b'1'..=b'5') {
                return false;
            }
            if b[1..].eq_ignore_ascii_case(b"xx") {
                return true;
            }
            w.parse::<u16>().is_ok_and(|n| {
                matches!(n, 100..=103 | 200..=208 | 226 | 300..=308 | 400..=431 | 451 | 500..=511)
            })
        })
        .map(str::to_uppercase)
}

/// A line that may name the status of what follows: a short one, or one about a status
/// (`Ejemplo 2 - Caso error (HTTP STATUS CODE 4XX)`, `- Status Code 400`).
fn speaks_of_status(text: &str) -> bool {
    let folded = crate::read::field_table::fold_text(text);
    text.split_whitespace().count() <= 8
        || [
            "status",
            "http",
            "codigo",
            "code",
            "estado",
            "respuesta",
            "response",
        ]
        .iter()
        .any(|w| folded.split(' ').any(|x| x == *w))
}

/// Where the parameters a heading introduces go, when it says: `Query parameters`,
/// `Parámetros de consulta (QueryParam)`, `Path parameters`, `Headers`, `Encabezados`.
pub(crate) fn location_of(heading: &str) -> Option<Location> {
    let h = crate::read::field_table::fold_text(heading);
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w) || h.contains(w) && w.len() > 6;
    if has("query") || has("queryparam") || h.contains("de consulta") || has("querystring") {
        Some(Location::Query)
    } else if has("path") && (has("parameters") || has("params") || has("parametros")) {
        Some(Location::Path)
    } else if has("header")
        || has("headers")
        || has("encabezados")
        || has("cabeceras")
        || has("encabezado")
    {
        Some(Location::Header)
    } else {
        None
    }
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

/// A `Label: value` paragraph's label and value (`**Método:** POST`).
fn labelled(text: &str) -> Option<(String, String)> {
    let (label, value) = text.split_once(':')?;
    if value.starts_with("//") {
        // A URL (`https://...`), not a label.
        return None;
    }
    let label = crate::read::field_table::fold_text(label);
    (!label.is_empty() && label.split(' ').count() <= 4).then(|| (label, value.trim().to_string()))
}
