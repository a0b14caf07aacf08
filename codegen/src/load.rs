//! From a file on disk to a linted [`Spec`]: decode, recover stripped indentation, parse, apply
//! overlays, check the Swagger grammar, read the model, lint. Every step reports diagnostics and
//! goes on as far as it can; nothing here panics on bad input.

use std::path::Path;

use crate::diag::{self, Diagnostic, Severity};
use crate::model::SourceFormat;
use crate::model::Spec;
use crate::read::field_table::TableRules;
use crate::read::field_table::rules::TABLE_RULES_OFF_VARIABLE;
use crate::read::recover::{
    RULES_OFF_VARIABLE, Recovered, RecoveryRules, looks_stripped, recover_indentation_with,
};
use crate::read::{detect, grammar, markdown, swagger, text_table, yaml};
use crate::tree::{Node, Pos};
use crate::{lint, overlay, verify};

/// Files larger than this are refused before parsing (no spec is anywhere near it).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A structured document (YAML or JSON) read from text.
#[derive(Debug)]
pub struct Document {
    /// The tree, when the text could be parsed.
    pub root: Option<Node>,
    /// The recovery, when the file's indentation had been stripped.
    pub recovered: Option<Recovered>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `bytes` as YAML or JSON, recovering stripped indentation first when needed.
/// Positions in the tree and diagnostics point into `bytes` as given.
pub fn read_document(file: &str, bytes: &[u8]) -> Document {
    let fail = |d: Diagnostic| Document {
        root: None,
        recovered: None,
        diagnostics: vec![d.file(file)],
    };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(d) => return fail(*d),
    };
    if text.trim().is_empty() {
        return fail(
            Diagnostic::error("input.empty", "the file is empty")
                .at(Pos::new(1, 1))
                .hint("a spec needs at least `swagger: '2.0'`, `info` and `paths`"),
        );
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let recovered = looks_stripped(text).then(|| {
        let rules =
            RecoveryRules::from_env().unwrap_or_else(|problem| {
                diagnostics.push(Diagnostic::warning("config.recovery-rules", problem).hint(
                    format!("every recovery rule is used; fix or unset {RULES_OFF_VARIABLE}"),
                ));
                RecoveryRules::all()
            });
        recover_indentation_with(text, &rules)
    });
    let source = recovered.as_ref().map_or(text, |r| r.text.as_str());
    diagnostics.extend(recovered.iter().flat_map(|r| r.diagnostics.iter().cloned()));
    let root = match yaml::parse(source) {
        Ok(parsed) => {
            let mut root = parsed.root;
            let mut found = parsed.diagnostics;
            if let Some(r) = &recovered {
                r.remap(&mut root);
                for d in &mut found {
                    let p = r.input_pos(Pos::new(d.line, d.column));
                    (d.line, d.column) = (p.line, p.column);
                }
            }
            diagnostics.extend(found);
            Some(root)
        }
        Err(e) => {
            let mut e = *e;
            if let Some(r) = &recovered {
                let p = r.input_pos(Pos::new(e.line, e.column));
                (e.line, e.column) = (p.line, p.column);
                e.hint = Some("the file's indentation was stripped and could not be fully recovered; `molde repair` shows the attempt".into());
            }
            diagnostics.push(e);
            None
        }
    };
    for d in &mut diagnostics {
        if d.file.is_empty() {
            d.file = file.to_string();
        }
    }
    Document {
        root,
        recovered,
        diagnostics,
    }
}

/// UTF-8 text (a BOM is skipped), or an error at the first byte that is not.
fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let pos = position_of(bytes, at);
        return Err(Box::new(
            Diagnostic::error(
                "input.binary",
                "the file holds NUL bytes: it is binary, not a YAML or JSON spec",
            )
            .at(pos),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let pos = position_of(bytes, e.valid_up_to());
        Box::new(
            Diagnostic::error("input.encoding", "the file is not valid UTF-8")
                .at(pos)
                .hint("save the spec as UTF-8 (it may be Latin-1: `iconv -f latin1 -t utf-8`)"),
        )
    })
}

/// 1-based line and column (in characters) of byte `at`.
fn position_of(bytes: &[u8], at: usize) -> Pos {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos::new(line as u32, column as u32)
}

/// A spec read from disk with its overlays: the model (when it could be built) and every finding.
#[derive(Debug)]
pub struct Loaded {
    pub spec: Option<Spec>,
    pub diagnostics: Vec<Diagnostic>,
    /// True when a file could not be read at all (the CLI exits with 2).
    pub io_error: bool,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Reads a file, refusing directories and oversized files with a diagnostic.
fn read_file(path: &Path, display: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
    let io = |e: std::io::Error| {
        Box::new(Diagnostic::error("input.io", format!("cannot read {display}: {e}")).file(display))
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Box::new(
            Diagnostic::error(
                "input.io",
                format!("{display} is a directory, not a spec file"),
            )
            .file(display),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                "input.too-large",
                format!(
                    "{display} is {} bytes; molde reads specs up to 64 MiB",
                    meta.len()
                ),
            )
            .file(display),
        ));
    }
    std::fs::read(path).map_err(io)
}

/// Reads the spec at `path` (shown as `display`), applies `overlays` in order, checks and lints it.
pub fn load_spec(path: &Path, display: &str, overlays: &[(std::path::PathBuf, String)]) -> Loaded {
    load_spec_as(path, display, overlays, None)
}

/// [`load_spec`] with the format given (`None`: found from the content and the extension).
pub fn load_spec_as(
    path: &Path,
    display: &str,
    overlays: &[(std::path::PathBuf, String)],
    format: Option<SourceFormat>,
) -> Loaded {
    let mut loaded = read_spec_as(path, display, overlays, format);
    finish(&mut loaded, display);
    loaded
}

/// [`load_spec_as`] without the lints and checks that need the whole model (`lint`, `verify`):
/// what a command that only looks for a type or an operation among several specs needs, before
/// it [`finish`]es the one it picks.
pub fn read_spec_as(
    path: &Path,
    display: &str,
    overlays: &[(std::path::PathBuf, String)],
    format: Option<SourceFormat>,
) -> Loaded {
    let io_failure = |d: Box<Diagnostic>| Loaded {
        spec: None,
        diagnostics: vec![*d],
        io_error: true,
    };
    let bytes = match read_file(path, display) {
        Ok(b) => b,
        Err(d) => return io_failure(d),
    };
    let mut overlay_bytes = Vec::with_capacity(overlays.len());
    for (overlay_path, overlay_display) in overlays {
        match read_file(overlay_path, overlay_display) {
            Ok(b) => overlay_bytes.push((overlay_display.clone(), b)),
            Err(d) => return io_failure(d),
        }
    }
    read_bytes_as(display, &bytes, &overlay_bytes, format)
}

/// Runs the lints and the model checks on a spec [`read_spec_as`] read: the result is what
/// [`load_spec_as`] gives.
pub fn finish(loaded: &mut Loaded, display: &str) {
    finish_with(loaded, display, verify::run);
}

/// [`finish`] for a spec that payloads are about to be checked against: the lints, and the
/// verification that every schema compiles, but not the examples and defaults, whose findings
/// are only warnings (on the seed specs this halves the time `molde validate` takes to start).
pub fn finish_for_payloads(loaded: &mut Loaded, display: &str) {
    finish_with(loaded, display, verify::run_schemas);
}

fn finish_with(loaded: &mut Loaded, display: &str, verify: fn(&Spec) -> Vec<Diagnostic>) {
    let Some(spec) = &loaded.spec else {
        return;
    };
    let mut found = lint::run(spec);
    found.extend(verify(spec));
    for d in &mut found {
        if d.file.is_empty() {
            d.file = display.to_string();
        }
    }
    loaded.diagnostics.extend(found);
    diag::sort(&mut loaded.diagnostics);
    loaded.diagnostics.dedup();
}

/// The whole pipeline on bytes already in memory: parses the spec shown as `display`, applies
/// each `(display, bytes)` overlay in order, checks the Swagger grammar, reads the model, lints,
/// verifies. The file's format is found from its content ([`check_bytes_as`] names it).
/// [`load_spec`] is this after reading the files; it never panics on bad input.
///
/// ```
/// let loaded = molde_codegen::check_bytes("api.yaml", b"swagger: '2.0'\ninfo: [\n", &[]);
/// assert!(loaded.spec.is_none());
/// assert_eq!(loaded.diagnostics[0].code, "yaml.syntax");
/// ```
pub fn check_bytes(display: &str, bytes: &[u8], overlays: &[(String, Vec<u8>)]) -> Loaded {
    check_bytes_as(display, bytes, overlays, None)
}

/// [`check_bytes`] with the format given (`None`: found from the content and the extension).
pub fn check_bytes_as(
    display: &str,
    bytes: &[u8],
    overlays: &[(String, Vec<u8>)],
    format: Option<SourceFormat>,
) -> Loaded {
    let mut loaded = read_bytes_as(display, bytes, overlays, format);
    finish(&mut loaded, display);
    loaded
}

/// [`check_bytes_as`] up to the model: parsing, overlays, the grammar and the document lints.
fn read_bytes_as(
    display: &str,
    bytes: &[u8],
    overlays: &[(String, Vec<u8>)],
    format: Option<SourceFormat>,
) -> Loaded {
    let failed = |diagnostics: Vec<Diagnostic>| Loaded {
        spec: None,
        diagnostics,
        io_error: false,
    };
    let mut rule_problem = None;
    let rules = TableRules::from_env().unwrap_or_else(|problem| {
        rule_problem = Some(
            Diagnostic::warning("config.table-rules", problem).hint(format!(
                "every table rule is used; fix or unset {TABLE_RULES_OFF_VARIABLE}"
            )),
        );
        TableRules::all()
    });
    let format = match format {
        Some(format) => format,
        None => {
            let text = match decode(bytes) {
                Ok(text) => text,
                Err(d) => return failed(vec![d.file(display)]),
            };
            if text.trim().is_empty() {
                // The Swagger path says it best (an empty file).
                SourceFormat::Swagger
            } else {
                match detect::detect(display, text, &rules) {
                    Ok(format) => format,
                    Err(d) => return failed(vec![d.file(display)]),
                }
            }
        }
    };
    let (spec, mut diagnostics) = match format {
        SourceFormat::Swagger => {
            let (spec, diagnostics) = read_swagger(display, bytes, overlays, &rules);
            match spec {
                Some(spec) => (spec, diagnostics),
                None => return failed(diagnostics),
            }
        }
        SourceFormat::Markdown | SourceFormat::Text => {
            let text = match decode(bytes) {
                Ok(text) => text,
                Err(d) => return failed(vec![d.file(display)]),
            };
            let mut diagnostics = Vec::new();
            if let Some((overlay, _)) = overlays.first() {
                diagnostics.push(
                    Diagnostic::warning(
                        "overlay.unsupported",
                        "overlays apply to Swagger documents; this field-table document is read without them",
                    )
                    .file(overlay.as_str())
                    .at(Pos::new(1, 1)),
                );
            }
            let spec = if format == SourceFormat::Markdown {
                markdown::read(display, text, &rules)
            } else {
                text_table::read(display, text, &rules)
            };
            (spec, diagnostics)
        }
    };
    diagnostics.extend(rule_problem);
    let mut spec = spec;
    diagnostics.append(&mut spec.diagnostics);
    for d in &mut diagnostics {
        if d.file.is_empty() {
            d.file = display.to_string();
        }
    }
    diag::sort(&mut diagnostics);
    diagnostics.dedup();
    Loaded {
        spec: Some(spec),
        diagnostics,
        io_error: false,
    }
}

/// A Swagger document with its overlays applied, read into the model (`None` when it is not
/// one molde can read), and what was found on the way.
fn read_swagger(
    display: &str,
    bytes: &[u8],
    overlays: &[(String, Vec<u8>)],
    rules: &TableRules,
) -> (Option<Spec>, Vec<Diagnostic>) {
    let document = read_document(display, bytes);
    let mut diagnostics = document.diagnostics;
    let Some(mut root) = document.root else {
        return (None, diagnostics);
    };
    for (overlay_display, overlay_bytes) in overlays {
        let overlay_doc = read_document(overlay_display, overlay_bytes);
        diagnostics.extend(overlay_doc.diagnostics);
        if let Some(overlay_root) = overlay_doc.root {
            diagnostics.extend(overlay::apply(&mut root, &overlay_root, overlay_display));
        }
    }
    if let Some(foreign) = crate::read::detect::foreign_contract(&root) {
        diagnostics.push(foreign.file(display));
        return (None, diagnostics);
    }
    let structural = grammar::check(&root);
    let not_swagger = structural
        .iter()
        .any(|d| matches!(d.code, "swagger.not-a-document" | "swagger.version"));
    diagnostics.extend(structural.into_iter().map(|d| d.file(display)));
    if not_swagger {
        return (None, diagnostics);
    }
    diagnostics.extend(
        crate::lint::document::run(&root)
            .into_iter()
            .map(|d| d.file(display)),
    );
    (Some(swagger::read_with(display, &root, rules)), diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_inputs_give_located_errors() {
        let cases: &[(&[u8], &str, u32)] = &[
            (b"", "input.empty", 1),
            (b"swagger: '2.0'\n\x00\x01\x02", "input.binary", 2),
            (
                b"swagger: '2.0'\ninfo:\n  title: \xff\xfe\n",
                "input.encoding",
                3,
            ),
            (b"swagger: '2.0'\ninfo: [\n", "yaml.syntax", 3),
        ];
        for (bytes, code, line) in cases {
            let doc = read_document("x.yaml", bytes);
            assert!(doc.root.is_none(), "{code}");
            let d = &doc.diagnostics[0];
            assert_eq!((d.code, d.line), (*code, *line), "{d:?}");
            assert_eq!(d.file, "x.yaml");
        }
    }
}
