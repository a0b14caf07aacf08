//! Diagnostics: every defect molde finds in a spec, with a stable code and a location.

use serde::Serialize;

use crate::tree::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding, in the shape `molde check --format json` prints (DESIGN.md, "Diagnostics").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code such as `ref.dangling` or `yaml.recovered`.
    pub code: &'static str,
    pub message: String,
    /// The file as given on the command line or in molde.toml.
    pub file: String,
    /// 1-based; 0 when the finding concerns the whole file.
    pub line: u32,
    pub column: u32,
    /// Model path such as `definitions.DomicilioPeticion.properties.estado`; empty for file-level findings.
    pub path: String,
    pub hint: Option<String>,
    /// Findings of one kind that human output folds into one line after the first few (the
    /// placements one recovery rule made, say); every one is still in `--format json`.
    #[serde(skip)]
    pub group: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: String::new(),
            line: 0,
            column: 0,
            path: String::new(),
            hint: None,
            group: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.column = pos.column;
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// See [`Diagnostic::group`].
    pub fn group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }

    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.file = file.into();
        self
    }
}

/// Sorts diagnostics by file, line, column, then code, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.path)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.path))
    });
}
