//! molde-validator: checks JSON payloads against the JSON Schemas molde emits.
//!
//! The checker itself arrives with the validation issue; this crate holds the shared
//! violation type so the CLI and codegen already speak the contract of DESIGN.md.

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
