//! Which reader a file goes to: its content decides, its extension breaks ties, and
//! `molde.toml` may say (`format = "markdown"`).

use crate::diag::Diagnostic;
use crate::model::SourceFormat;
use crate::read::field_table::Cell;
use crate::read::field_table::Columns;
use crate::read::field_table::TableRules;
use crate::read::field_table::rules::SPACE_ALIGNED;
use crate::tree::Pos;

/// The format of `text`, read from the file shown as `display`.
pub(crate) fn detect(
    display: &str,
    text: &str,
    rules: &TableRules,
) -> Result<SourceFormat, Box<Diagnostic>> {
    let extension = display
        .rsplit('.')
        .next()
        .filter(|e| e.len() < display.len())
        .map(str::to_ascii_lowercase);
    let first = text.trim_start_matches('\u{feff}').trim_start();
    if first.starts_with('{') || first.starts_with('[') || has_swagger_key(text) {
        return Ok(SourceFormat::Swagger);
    }
    if has_markdown_field_table(text) {
        return Ok(SourceFormat::Markdown);
    }
    if has_text_field_table(text, rules.is_on(SPACE_ALIGNED)) {
        return Ok(SourceFormat::Text);
    }
    match extension.as_deref() {
        Some("yaml" | "yml" | "json") => Ok(SourceFormat::Swagger),
        Some("md" | "markdown") => Ok(SourceFormat::Markdown),
        Some("txt" | "text") => Ok(SourceFormat::Text),
        _ if looks_like_yaml(text) => Ok(SourceFormat::Swagger),
        _ => Err(Box::new(
            Diagnostic::error(
                "input.unknown-format",
                "this file is not a Swagger 2.0 spec (it has no `swagger:` key), nor a markdown page or plain-text document with a field table",
            )
            .at(Pos::new(1, 1))
            .hint("molde reads Swagger 2.0 (YAML or JSON) and field tables (a `| Campo | Tipo |` markdown table, or tab-separated `Campo\tTipo` lines); name the format in molde.toml with `format = \"markdown\"` if it is one"),
        )),
    }
}

/// A `swagger:` or `openapi:` key at the start of a line (indented or stripped YAML alike).
fn has_swagger_key(text: &str) -> bool {
    text.lines().take(400).any(|l| {
        let l = l.trim_start_matches('\u{feff}');
        ["swagger:", "'swagger':", "\"swagger\":", "openapi:"]
            .iter()
            .any(|k| l.starts_with(k))
    })
}

/// A pipe table whose header row names field-table columns, followed by a `|---|` row.
fn has_markdown_field_table(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines.windows(2).any(|pair| {
        let (header, rule) = (pair[0].trim(), pair[1].trim());
        header.starts_with('|')
            && rule.starts_with('|')
            && rule.contains("--")
            && Columns::of(&cells(header.trim_matches('|').split('|'))).is_some()
    })
}

/// A line of tab-separated (or space-aligned) cells that name field-table columns.
fn has_text_field_table(text: &str, spaces: bool) -> bool {
    text.lines()
        .any(|l| crate::read::text_table::Separator::of_header(l, spaces).is_some())
}

fn cells<'a>(parts: impl Iterator<Item = &'a str>) -> Vec<Cell> {
    parts
        .map(|p| Cell {
            text: p.trim().replace("\\", ""),
            ..Cell::default()
        })
        .collect()
}

/// Lines of `key: value` or `- item`: YAML, for a file with no telling extension.
fn looks_like_yaml(text: &str) -> bool {
    let meaningful: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(20)
        .collect();
    !meaningful.is_empty()
        && meaningful
            .iter()
            .all(|l| l.starts_with("- ") || l.contains(": ") || l.ends_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_and_the_extension_breaks_ties() {
        let cases = [
            (
                "a.yaml",
                "swagger: '2.0'\ninfo:\ntitle: t\n",
                SourceFormat::Swagger,
            ),
            ("a.txt", "{\"swagger\": \"2.0\"}", SourceFormat::Swagger),
            (
                "page.md",
                "---\ncover: x\n---\n# T\n\n| Campo | Tipo |\n| --- | --- |\n| a | int |\n",
                SourceFormat::Markdown,
            ),
            (
                "doc",
                "POST /x\n\nCampo\tTipo\tDescripción\na\tint\tx\n",
                SourceFormat::Text,
            ),
            ("notes.md", "# Just notes\n", SourceFormat::Markdown),
            ("spec.yml", "info: {}\n", SourceFormat::Swagger),
            (
                "api.txt",
                "| Field | Type | Description |\n|---|---|---|\n| id | integer | Id |\n",
                SourceFormat::Markdown,
            ),
            (
                "pasted",
                "GET /y\n\nField    Type    Description\nid    integer    Id\n",
                SourceFormat::Text,
            ),
            // A field table wins over the extension.
            (
                "page.yaml",
                "POST /x\n\nCampo\tTipo\tDescripción\na\tint\tx\n",
                SourceFormat::Text,
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(
                detect(name, text, &TableRules::all()).ok(),
                Some(want),
                "{name}"
            );
        }
        let unknown = detect("notes", "Hello.\nThis is prose.\n", &TableRules::all()).unwrap_err();
        assert_eq!(unknown.code, "input.unknown-format");
    }
}

/// One error for a parsed document that is some other kind of contract than molde reads
/// (OpenAPI 3, AsyncAPI, a plain JSON Schema), instead of a cascade of Swagger findings.
pub(crate) fn foreign_contract(root: &crate::tree::Node) -> Option<Diagnostic> {
    use crate::tree::Node;
    if root.get("swagger").is_some() {
        return None;
    }
    let version = |key: &str| root.get(key).and_then(Node::scalar_text);
    let at = |key: &str| root.entry(key).map_or(root.pos, |e| e.key_pos);
    if let Some(v) = version("openapi") {
        return Some(
            Diagnostic::error(
                "input.unsupported",
                format!("this is an OpenAPI {v} document; molde reads Swagger 2.0 (and field-table documents)"),
            )
            .at(at("openapi"))
            .path("openapi")
            .hint("convert it to Swagger 2.0 (e.g. with api-spec-converter), or use a tool for OpenAPI 3"),
        );
    }
    if let Some(v) = version("asyncapi") {
        return Some(
            Diagnostic::error(
                "input.unsupported",
                format!("this is an AsyncAPI {v} document; molde reads Swagger 2.0 (and field-table documents)"),
            )
            .at(at("asyncapi"))
            .path("asyncapi"),
        );
    }
    let schema_keys = [
        "$schema",
        "$defs",
        "properties",
        "type",
        "allOf",
        "oneOf",
        "anyOf",
        "$ref",
    ];
    let looks_like_schema = root.get("$schema").is_some()
        || (root.get("paths").is_none()
            && root.get("info").is_none()
            && schema_keys.iter().any(|k| root.get(k).is_some()));
    if looks_like_schema {
        return Some(
            Diagnostic::error(
                "input.unsupported",
                "this is a JSON Schema, not an API contract; `molde check` reads Swagger 2.0 and field-table documents",
            )
            .at(root.pos)
            .hint("its payloads are checked against it by any JSON Schema validator; molde validates against the types of a contract"),
        );
    }
    None
}

#[cfg(test)]
mod foreign_tests {
    #[test]
    fn other_kinds_of_document_get_one_error_that_names_them() {
        let cases: &[(&str, &str)] = &[
            (
                "openapi: 3.0.1\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents: {}\n",
                "OpenAPI 3.0.1",
            ),
            (
                "asyncapi: 2.6.0\ninfo: {title: T, version: '1'}\nchannels: {}\n",
                "AsyncAPI 2.6.0",
            ),
            (
                "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}",
                "JSON Schema",
            ),
            (
                "type: object\nproperties: {a: {type: string}}\n",
                "JSON Schema",
            ),
        ];
        for (text, names) in cases {
            let found = crate::check_bytes("x.yaml", text.as_bytes(), &[]).diagnostics;
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(found[0].code, "input.unsupported");
            assert!(found[0].message.contains(names), "{}", found[0].message);
        }
        // A Swagger document is not one of them, even with a `type` at the top.
        let swagger = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n";
        assert!(
            crate::check_bytes("s.yaml", swagger.as_bytes(), &[])
                .diagnostics
                .is_empty()
        );
    }
}
