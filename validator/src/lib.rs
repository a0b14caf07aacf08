//! molde-validator: checks JSON payloads against the JSON Schemas molde emits.
//!
//! A schema is compiled once into a [`Validator`]; payloads are then checked straight from
//! their bytes, without building a `serde_json::Value`, and every violation comes back with
//! its RFC 6901 pointer, keyword, message, line and column (DESIGN.md, "Validation contract").
//!
//! ```
//! use molde_validator::{Options, Validator};
//!
//! let schema = serde_json::json!({
//!     "$defs": {"Persona": {
//!         "type": "object",
//!         "required": ["nombre", "CP"],
//!         "properties": {"nombre": {"type": "string", "maxLength": 5}, "CP": {"type": "string"}}
//!     }}
//! });
//! let validator = Validator::compile(&schema, "#/$defs/Persona", Options::default()).unwrap();
//! let violations = validator.validate_bytes(b"{\n  \"nombre\": \"Guadalupe\"\n}").unwrap();
//! assert_eq!(violations.len(), 2);
//! assert_eq!((violations[0].pointer.as_str(), violations[0].keyword), ("/nombre", "maxLength"));
//! assert_eq!((violations[0].line, violations[0].column), (2, 13));
//! assert_eq!((violations[1].pointer.as_str(), violations[1].keyword), ("/CP", "required"));
//! ```
//!
//! # What is checked
//! `type`, `properties`, `required`, `additionalProperties`, `items`, `prefixItems`,
//! `additionalItems` (after a draft-04 tuple `items`), `enum`, `const`, `minLength`,
//! `maxLength`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (numbers, or
//! draft-04 booleans), `multipleOf`, `pattern`, `minItems`, `maxItems`, `uniqueItems`, local
//! `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, boolean schemas, and `format` `date`, `date-time`
//! and `email`. Annotations are ignored. Any other keyword makes [`Validator::compile`] fail
//! with [`CompileError::Unsupported`]: a schema is never half-checked.
//!
//! # Order of violations
//! In payload order, except that a `required` violation comes after the object's members and
//! the violations of `$ref`-beside-keywords and `allOf` subschemas come after the value's own.
//!
//! When no branch of an `anyOf` (or `oneOf`) matches and only one branch admits the value's
//! type (`anyOf: [{$ref: Address}, {type: null}]` and an object), that branch's violations are
//! reported instead of the bare `anyOf` one: they say what is wrong.
//!
//! # Input
//! A payload that is not JSON is an [`InputError`]: bad syntax, invalid UTF-8, an unpaired
//! surrogate escape, text after the value, nesting deeper than 256 containers, and an object
//! with two members of the same name (JSON leaves their meaning open, so the payload is
//! refused rather than guessed at). A leading UTF-8 byte order mark is skipped.

mod compile;
mod format;
pub mod generated;
mod keywords;
mod report;
mod stream;
mod value;

use std::fmt;

use report::{Sink, Stop};

pub use stream::MAX_DEPTH;

/// Why `pattern` cannot be used as a JSON Schema `pattern` (an ECMA-262 regular expression),
/// with the regex engine's message; `None` when [`Validator::compile`] accepts it.
///
/// ```
/// assert!(molde_validator::pattern_error("^[A-Z]{3}$").is_none());
/// assert!(molde_validator::pattern_error("[a-").unwrap().contains("ECMA-262"));
/// ```
pub fn pattern_error(pattern: &str) -> Option<String> {
    compile::compile_pattern(pattern).err()
}

/// One violation of a schema by a payload (DESIGN.md, "Validation contract").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// RFC 6901 pointer to the offending value (for `required`, to the missing member).
    pub pointer: String,
    /// The JSON Schema keyword that failed.
    pub keyword: &'static str,
    /// A human sentence.
    pub message: String,
    /// 1-based line of the value in the payload text.
    pub line: u32,
    /// 1-based column of the value in the payload text.
    pub column: u32,
}

/// How a schema is compiled.
#[derive(Clone, Debug)]
pub struct Options {
    /// Check `format: date`, `date-time` and `email` (true by default, as DESIGN.md asks).
    pub assert_formats: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            assert_formats: true,
        }
    }
}

/// The payload is not JSON (or not JSON this validator accepts; see the crate docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub message: String,
    /// 1-based line of the offending byte.
    pub line: u32,
    /// 1-based column (in code points) of the offending byte.
    pub column: u32,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for InputError {}

/// Why a schema could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CompileError {
    /// The schema uses a keyword this validator does not check (or a `$ref` that is not local).
    Unsupported {
        keyword: String,
        /// Where in the schema document, as a JSON pointer fragment (`#/$defs/X/patternProperties`).
        pointer: String,
    },
    /// The schema is malformed (a bad regex, `minLength: -1`, a `$ref` to nothing, ...).
    Invalid { message: String, pointer: String },
    /// The schema at `pointer` refers back to itself through `$ref`, `allOf`, `anyOf`, `oneOf`
    /// or `not` without reaching a member or item: checking a value against it never ends.
    Cycle { pointer: String },
}

impl CompileError {
    /// Where in the schema document the problem is, as a JSON pointer fragment (`#/$defs/X/pattern`).
    pub fn pointer(&self) -> &str {
        match self {
            CompileError::Unsupported { pointer, .. }
            | CompileError::Invalid { pointer, .. }
            | CompileError::Cycle { pointer } => pointer,
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Unsupported { keyword, pointer } => {
                write!(
                    f,
                    "{pointer}: `{keyword}` is not supported by the molde validator"
                )
            }
            CompileError::Invalid { message, pointer } => write!(f, "{pointer}: {message}"),
            CompileError::Cycle { pointer } => write!(
                f,
                "{pointer}: this schema refers back to itself (through $ref, allOf, anyOf, oneOf or not) without reaching a member or item"
            ),
        }
    }
}

impl std::error::Error for CompileError {}

/// A compiled schema. Build it once and share it (it is `Send + Sync`).
pub struct Validator {
    tree: compile::Tree,
}

impl Validator {
    /// Compiles the schema at `entry` in `schema`.
    ///
    /// `schema` is a JSON Schema document (2020-12, or draft-04 as Swagger 2.0 uses it:
    /// `definitions`, boolean `exclusiveMaximum`, `id`); `entry` is a JSON pointer fragment
    /// into it (`#/$defs/NoAportantesPeticion`, `#/definitions/X`) or `#` / `""` for the root.
    /// Only schemas reachable from `entry` are compiled (and must be supported).
    ///
    /// ```
    /// use molde_validator::{CompileError, Options, Validator};
    ///
    /// let schema = serde_json::json!({"definitions": {
    ///     "Monto": {"type": "number", "maximum": 100, "exclusiveMaximum": true},
    ///     "Raro": {"patternProperties": {"^x": {}}}
    /// }});
    /// assert!(Validator::compile(&schema, "#/definitions/Monto", Options::default()).is_ok());
    /// let refused = Validator::compile(&schema, "#/definitions/Raro", Options::default());
    /// assert!(matches!(refused, Err(CompileError::Unsupported { keyword, .. }) if keyword == "patternProperties"));
    /// ```
    pub fn compile(
        schema: &serde_json::Value,
        entry: &str,
        options: Options,
    ) -> Result<Validator, CompileError> {
        Ok(Validator {
            tree: compile::compile(schema, entry, &options)?,
        })
    }

    /// Every problem that keeps a schema of `schema` from compiling, for every entry at once
    /// (what they share is compiled once): what [`Validator::compile`] would refuse at any of
    /// them. Empty when each compiles.
    ///
    /// ```
    /// use molde_validator::{CompileError, Options, Validator};
    ///
    /// let schema = serde_json::json!({"$defs": {
    ///     "A": {"$ref": "#/$defs/B"},
    ///     "B": {"$ref": "#/$defs/A"},
    ///     "C": {"type": "string", "pattern": "("},
    ///     "D": {"type": "string"}
    /// }});
    /// let found = Validator::problems(&schema, &["#/$defs/A", "#/$defs/C", "#/$defs/D"], Options::default());
    /// assert_eq!(found.len(), 2);
    /// assert!(found.iter().any(|e| matches!(e, CompileError::Cycle { .. })));
    /// assert!(found.iter().any(|e| e.pointer() == "#/$defs/C/pattern"));
    /// ```
    pub fn problems(
        schema: &serde_json::Value,
        entries: &[&str],
        options: Options,
    ) -> Vec<CompileError> {
        compile::problems(schema, entries, &options)
    }

    /// Every violation of one JSON document given as bytes, without building a `Value` first.
    ///
    /// ```
    /// # use molde_validator::{Options, Validator};
    /// let v = Validator::compile(&serde_json::json!({"type": "integer"}), "#", Options::default()).unwrap();
    /// assert!(v.validate_bytes(b"42").unwrap().is_empty());
    /// assert_eq!(v.validate_bytes(b"4.2").unwrap()[0].keyword, "type");
    /// assert!(v.validate_bytes(b"{").is_err());
    /// ```
    pub fn validate_bytes(&self, payload: &[u8]) -> Result<Vec<Violation>, InputError> {
        let mut out = Vec::new();
        self.validate_into(payload, &mut out)?;
        Ok(out)
    }

    /// Like [`Validator::validate_bytes`], into a reused buffer (cleared first). Returns
    /// `Ok(true)` when the payload is valid. A valid payload costs no allocation, except where
    /// a keyword needs more than the bytes: `pattern` (the regex engine allocates per search),
    /// `uniqueItems` (a list of the items), a string with escapes under `enum`, `const`,
    /// `pattern` or `format` (its decoded text), and objects of more than 48 members (a hash
    /// set of their names, so duplicate detection stays linear).
    ///
    /// ```
    /// # use molde_validator::{Options, Validator};
    /// let v = Validator::compile(&serde_json::json!({"maxLength": 2}), "", Options::default()).unwrap();
    /// let mut out = Vec::new();
    /// assert!(v.validate_into(br#""ab""#, &mut out).unwrap());
    /// assert!(!v.validate_into(br#""abc""#, &mut out).unwrap());
    /// assert_eq!(out[0].message, "expected at most 2 characters, found 3");
    /// ```
    pub fn validate_into(
        &self,
        payload: &[u8],
        out: &mut Vec<Violation>,
    ) -> Result<bool, InputError> {
        out.clear();
        let mut sink = Sink::new(out, Some(payload));
        match stream::check_payload(&self.tree, payload, &mut sink) {
            Ok(()) => {}
            Err(Stop::Input(e)) => {
                out.clear();
                return Err(*e);
            }
            Err(Stop::Fail) => {
                unreachable!("only probes stop at the first violation, and they catch it")
            }
        }
        Ok(out.is_empty())
    }

    /// Whether the payload is valid; stops checking at the first violation.
    ///
    /// ```
    /// # use molde_validator::{Options, Validator};
    /// let v = Validator::compile(&serde_json::json!({"type": "string"}), "#", Options::default()).unwrap();
    /// assert_eq!(v.is_valid_bytes(b"\"x\""), Ok(true));
    /// assert_eq!(v.is_valid_bytes(b"1"), Ok(false));
    /// assert!(v.is_valid_bytes(b"1 2").is_err());
    /// ```
    pub fn is_valid_bytes(&self, payload: &[u8]) -> Result<bool, InputError> {
        let mut unused = Vec::new();
        let mut sink = Sink::probing(&mut unused);
        match stream::check_payload(&self.tree, payload, &mut sink) {
            Ok(()) => Ok(true),
            Err(Stop::Input(e)) => Err(*e),
            // The check stopped early: the rest must still be JSON for the answer to be "invalid".
            Err(Stop::Fail) => stream::check_syntax(payload).map(|()| false),
        }
    }

    /// Every violation of an already parsed value (line and column are 0: there is no text).
    ///
    /// ```
    /// # use molde_validator::{Options, Validator};
    /// let v = Validator::compile(&serde_json::json!({"required": ["a"]}), "#", Options::default()).unwrap();
    /// let violations = v.validate_value(&serde_json::json!({"b": 1}));
    /// assert_eq!((violations[0].pointer.as_str(), violations[0].line), ("/a", 0));
    /// ```
    pub fn validate_value(&self, value: &serde_json::Value) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut sink = Sink::new(&mut out, None);
        // Collect mode reports and goes on, and a Value is JSON by construction: nothing stops it.
        let _ = value::check_value(&self.tree, value, &mut sink);
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn validator_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<super::Validator>();
    }
}
