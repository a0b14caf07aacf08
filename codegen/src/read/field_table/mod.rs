//! Field tables, whatever document they come from (a markdown page, a plain-text doc): their
//! columns, their rows, and the operation they describe, read into the common model
//! (DESIGN.md, "Reading field tables").
//!
//! A reader finds the pieces ([`Page`]: the endpoint, the tables of the request and of each
//! response, the examples) and [`build`] turns them into a [`Spec`]:
//! - column roles come from header names in Spanish or English ([`columns`]);
//! - nesting comes from level columns (`NIVEL 1`, `NIVEL 2`) or, in a flat table, from the
//!   structure of the example ([`guided`]);
//! - each row becomes a field ([`tree`]): its type and size ([`types`]), the codes it lists
//!   ([`values`]), whether it is required, "same as" another field;
//! - a response with examples and no table gets the type its examples show ([`infer`]).

mod captions;
mod columns;
mod dotted;
mod guided;
mod infer;
pub(crate) mod page;
pub(crate) mod rules;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
pub(crate) mod testing;
mod tree;
pub(crate) mod types;
pub(crate) mod values;

use crate::diag::Diagnostic;
use crate::model::{
    Body, Example, ExampleOf, Location, ModelPath, Operation, Parameter, Response, Spec,
};
use crate::read::json_tolerant::{self, Fragment};
use crate::tree::{Node, Pos};
pub use rules::TableRules;

pub(crate) use columns::{Columns, Role};

/// Text folded for matching words: lower case, accents off, punctuation as spaces.
pub(crate) fn fold_text(text: &str) -> String {
    columns::fold(text)
}

/// One cell of a table, as read and as written.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    /// The text, markup and escapes resolved (`first\_name\*` reads `first_name*`).
    pub text: String,
    /// The text as written in the document.
    pub raw: String,
    pub pos: Pos,
    /// Where its links point (`static-data.md`).
    pub links: Vec<String>,
    /// The cell holds markup inside a word (`second\__supplier_\_...`).
    pub markup: bool,
}

/// A table found in a document: its header row and its rows, each a list of cells.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub pos: Pos,
    /// The headings and short lines between the previous table and this one (`Tópico
    /// Customer`, `### Deudores`): they may name the object the table describes.
    pub captions: Vec<String>,
}

/// A line of an attribute list (`- tipo_documento_id int requerido`).
#[derive(Clone, Debug)]
pub(crate) struct Attribute {
    pub name: Cell,
    pub ty: Option<Cell>,
    pub required: bool,
}

/// An example as the document writes it: one or more fragments, joined in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocExample {
    /// Each fragment's text and the document position of its first character.
    pub fragments: Vec<(String, Pos)>,
    /// The response status it is an example of (`201`, `4XX`), when the document says.
    pub status: Option<String>,
}

/// A response the document describes.
#[derive(Clone, Debug, Default)]
pub(crate) struct ResponsePart {
    /// `201`, `4XX`; `None` when the document gives none (read as `200`).
    pub status: Option<String>,
    pub description: Option<String>,
    pub tables: Vec<Table>,
    pub pos: Pos,
}

/// What a document says about one operation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    /// Upper case: `POST`.
    pub method: String,
    pub path: String,
    pub pos: Pos,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// How clients authenticate, as the document says it.
    pub authentication: Option<String>,
    pub request_tables: Vec<Table>,
    /// Tables of parameters outside the body (under `Query parameters`, `Headers`), with where
    /// they go.
    pub parameter_tables: Vec<(Table, Location)>,
    pub attributes: Vec<Attribute>,
    pub request_examples: Vec<DocExample>,
    pub responses: Vec<ResponsePart>,
    pub response_examples: Vec<DocExample>,
}

/// Reads the examples of a page; each repair and each unreadable example is a finding.
fn read_example(example: &DocExample, found: &mut Vec<Diagnostic>) -> Option<Node> {
    let fragments: Vec<Fragment<'_>> = example
        .fragments
        .iter()
        .map(|(text, start)| Fragment {
            text,
            start: *start,
        })
        .collect();
    let read = json_tolerant::read(&fragments);
    found.extend(read.diagnostics);
    read.value
}

/// The spec a document's pages describe. `file` names it in findings.
pub(crate) fn build(
    file: &str,
    title: &str,
    pages: &[Page],
    rules: &TableRules,
    found: &mut Vec<Diagnostic>,
) -> Spec {
    let mut spec = Spec {
        title: title.to_string(),
        source: file.to_string(),
        ..Spec::default()
    };
    let mut named = tree::NamedTypes::default();
    for page in pages {
        let operation = operation(page, rules, &mut named, &mut spec, found);
        spec.operations.push(operation);
    }
    spec.types = named.into_types();
    for d in found.iter_mut() {
        if d.file.is_empty() {
            d.file = file.to_string();
        }
    }
    spec
}

fn operation(
    page: &Page,
    rules: &TableRules,
    named: &mut tree::NamedTypes,
    spec: &mut Spec,
    found: &mut Vec<Diagnostic>,
) -> Operation {
    let label = format!("{} {}", page.method, page.path);
    let base = ModelPath::from([label.as_str()]);
    let request_examples: Vec<(Node, &DocExample)> = page
        .request_examples
        .iter()
        .filter_map(|e| read_example(e, found).map(|node| (node, e)))
        .collect();
    let mut op = Operation {
        method: page.method.clone(),
        path: page.path.clone(),
        operation_id: None,
        summary: page.summary.clone(),
        description: page.description.clone(),
        parameters: Vec::new(),
        body: None,
        responses: Vec::new(),
        consumes: vec!["application/json".into()],
        produces: vec!["application/json".into()],
        extensions: Default::default(),
        authentication: page.authentication.clone(),
        pos: page.pos,
    };
    // A GET or HEAD has no body: its request tables list query parameters.
    let bodiless = matches!(page.method.as_str(), "GET" | "HEAD" | "OPTIONS");
    let mut parameter_tables = page.parameter_tables.clone();
    let (request_tables, attributes): (&[Table], &[Attribute]) = if bodiless {
        parameter_tables.extend(
            page.request_tables
                .iter()
                .map(|t| (t.clone(), Location::Query)),
        );
        (&[], &[])
    } else {
        (&page.request_tables, &page.attributes)
    };
    op.parameters = parameters(page, &parameter_tables, &base, rules, named, found);
    // The request: its tables (and attribute list), shaped by its first example when flat.
    if !request_tables.is_empty() || !attributes.is_empty() {
        let path = base.child("request");
        let guide = request_examples.first().map(|(node, _)| node);
        let described = tree::Described {
            tables: request_tables,
            attributes,
            guide,
        };
        let schema = tree::object_from_tables(described, &path, page.pos, rules, named, found);
        op.body = Some(Body {
            name: "body".into(),
            required: true,
            description: None,
            schema,
            pos: page.pos,
        });
    }
    for (i, (node, _)) in request_examples.iter().enumerate() {
        if let Some(body) = &op.body {
            spec.examples.push(Example {
                of: ExampleOf::Schema {
                    path: body.schema.path.clone(),
                },
                path: base.join(&["request", "examples", &(i + 1).to_string()]),
                value: node.to_json(),
                pos: node.pos,
                tree: node.clone(),
                fails_with: None,
            });
        }
    }
    // Responses: those the document lists, and those its examples name.
    let response_examples: Vec<(Node, String)> = page
        .response_examples
        .iter()
        .filter_map(|e| {
            let status = e.status.clone().unwrap_or_else(|| default_status(page));
            read_example(e, found).map(|node| (node, status))
        })
        .collect();
    // Every part the document gives for a status (a listed `**201** - Created`, then a table
    // under it that names no status) is one response.
    let mut statuses: Vec<(String, Vec<&ResponsePart>)> = Vec::new();
    for part in &page.responses {
        let status = part.status.clone().unwrap_or_else(|| default_status(page));
        match statuses.iter_mut().find(|(s, _)| *s == status) {
            Some((_, parts)) => parts.push(part),
            None => statuses.push((status, vec![part])),
        }
    }
    for (_, status) in &response_examples {
        if !statuses.iter().any(|(s, _)| s == status) {
            statuses.push((status.clone(), Vec::new()));
        }
    }
    for (status, parts) in statuses {
        let path = base.child("responses").child(status.as_str());
        let examples: Vec<&Node> = response_examples
            .iter()
            .filter(|(_, s)| *s == status)
            .map(|(node, _)| node)
            .collect();
        let tables: Vec<Table> = parts
            .iter()
            .flat_map(|p| p.tables.iter().cloned())
            .collect();
        let pos = parts
            .iter()
            .find(|p| !p.tables.is_empty())
            .or(parts.first())
            .map_or(page.pos, |p| p.pos);
        let description = parts.iter().find_map(|p| p.description.clone());
        let schema = if !tables.is_empty() {
            let described = tree::Described {
                tables: &tables,
                attributes: &[],
                guide: examples.first().copied(),
            };
            Some(tree::object_from_tables(
                described,
                &path.child("schema"),
                pos,
                rules,
                named,
                found,
            ))
        } else if !examples.is_empty() && rules.is_on(rules::RESPONSE_FROM_EXAMPLES) {
            Some(infer::from_examples(&examples, &path.child("schema")))
        } else {
            None
        };
        op.responses.push(Response {
            status: status.clone(),
            description,
            schema,
            headers: Vec::new(),
            pos,
        });
        for (i, node) in examples.iter().enumerate() {
            spec.examples.push(Example {
                of: ExampleOf::Response {
                    method: page.method.clone(),
                    path: page.path.clone(),
                    status: status.clone(),
                    mime: "application/json".into(),
                },
                path: path.join(&["examples", &(i + 1).to_string()]),
                value: node.to_json(),
                pos: node.pos,
                tree: (*node).clone(),
                fails_with: None,
            });
        }
    }
    op
}

/// The parameters outside the body the tables list, in their tables' order: each table's rows
/// read like a body's, then each top-level field becomes a parameter. A name the path template
/// holds (`{id}`) is a path parameter, required, wherever its table says it goes.
fn parameters(
    page: &Page,
    tables: &[(Table, Location)],
    base: &ModelPath,
    rules: &TableRules,
    named: &mut tree::NamedTypes,
    found: &mut Vec<Diagnostic>,
) -> Vec<Parameter> {
    let mut out: Vec<Parameter> = Vec::new();
    for (table, location) in tables {
        let path = base.child("parameters");
        let described = tree::Described {
            tables: std::slice::from_ref(table),
            attributes: &[],
            guide: None,
        };
        let object = tree::object_from_tables(described, &path, table.pos, rules, named, found);
        let crate::model::Type::Object(object) = object.ty else {
            continue;
        };
        for field in object.fields {
            let in_path = page.path.contains(&format!("{{{}}}", field.name));
            let location = if in_path { Location::Path } else { *location };
            if out
                .iter()
                .any(|p| p.name == field.name && p.location == location)
            {
                continue;
            }
            let mut schema = field.schema;
            schema.nullable = false;
            out.push(Parameter {
                name: field.name,
                location,
                required: field.required || in_path,
                collection_format: None,
                schema,
                pos: field.pos,
            });
        }
    }
    out
}

/// The status of a response example the document gives none for: the only success response
/// the document lists, else `200`.
fn default_status(page: &Page) -> String {
    let listed: Vec<&String> = page
        .responses
        .iter()
        .filter_map(|r| r.status.as_ref())
        .filter(|s| s.starts_with('2'))
        .collect();
    match listed.as_slice() {
        [only] => (*only).clone(),
        _ => "200".into(),
    }
}
