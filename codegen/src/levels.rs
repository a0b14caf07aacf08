//! Lint levels, in clippy's spirit: `molde.toml`'s `[lints]` table and `check`'s `--allow`,
//! `--warn` and `--deny` set what a finding of a code becomes (dropped, info, warning or error),
//! and `--deny warnings` makes every warning left an error.
//!
//! ```
//! use molde_codegen::levels::{Level, Levels};
//! use molde_codegen::Diagnostic;
//! let mut levels = Levels::default();
//! levels.set("constraint.inapplicable", Level::Allow);
//! levels.deny_warnings = true;
//! let found = levels.apply(vec![
//!     Diagnostic::info("constraint.inapplicable", "maxLength on an integer"),
//!     Diagnostic::warning("required.undeclared", "`x` is required"),
//! ]);
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].severity, molde_codegen::Severity::Error);
//! ```

use serde::Deserialize;

use crate::diag::{Diagnostic, Severity};

/// What findings of a code become.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    Info,
    Warn,
    /// Reported as an error (exit 1).
    Deny,
}

impl Level {
    /// `allow`, `info`, `warn` or `deny`.
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "allow" => Some(Level::Allow),
            "info" => Some(Level::Info),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// The levels in force: per code (a later setting wins), and whether warnings are denied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Levels {
    by_code: Vec<(String, Level)>,
    /// `--deny warnings`: every warning left is an error.
    pub deny_warnings: bool,
}

impl Levels {
    /// Sets the level of one code, over any earlier setting of it.
    pub fn set(&mut self, code: &str, level: Level) {
        self.by_code.retain(|(c, _)| c != code);
        self.by_code.push((code.to_string(), level));
    }

    /// The level set for `code`, if any.
    pub fn of(&self, code: &str) -> Option<Level> {
        self.by_code
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, level)| *level)
    }

    /// The findings with the levels applied (allowed ones dropped), in the same order.
    pub fn apply(&self, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        found
            .into_iter()
            .filter_map(|mut d| {
                match self.of(d.code) {
                    Some(Level::Allow) => return None,
                    Some(Level::Info) => d.severity = Severity::Info,
                    Some(Level::Warn) => d.severity = Severity::Warning,
                    Some(Level::Deny) => d.severity = Severity::Error,
                    None => {}
                }
                if self.deny_warnings && d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
                Some(d)
            })
            .collect()
    }
}
