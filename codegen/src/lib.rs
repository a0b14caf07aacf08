//! molde-codegen: reads vendor API contracts into one [`model`], lints them, and emits artefacts.
//!
//! Data flows one way: read (text -> [`tree::Node`] -> [`Spec`]) -> lints -> verification
//! (every schema compiles, every example fits) -> [`emit`].
//!
//! ```
//! let loaded = molde_codegen::check_bytes(
//!     "api.yaml",
//!     b"swagger: '2.0'\ninfo: {title: Demo, version: '1'}\npaths: {}\ndefinitions:\n  Code: {type: string, maxLength: 2, example: ABC}\n",
//!     &[],
//! );
//! let spec = loaded.spec.expect("the spec reads");
//! assert_eq!(spec.types[0].name, "Code");
//! let finding = &loaded.diagnostics[0];
//! assert_eq!((finding.code, finding.line), ("example.invalid", 5));
//! let schema = molde_codegen::emit::json_schema::to_json_schema(&spec);
//! assert_eq!(schema["$defs"]["Code"]["maxLength"], 2);
//! ```

mod builder;
pub mod config;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod levels;
mod lint;
mod load;
pub mod model;
mod overlay;
mod read;
pub mod render;
pub mod suggest;
mod switches;
pub mod tree;
mod verify;

#[cfg(test)]
#[path = "../tests/support/deadline.rs"]
mod deadline;
/// Test helpers shared with the integration tests (`tests/support/`).
#[cfg(test)]
#[path = "../tests/support/inputs.rs"]
mod testing;

pub use builder::{BuildError, Builder};
pub use diag::{Diagnostic, Severity};
pub use load::{
    Document, Loaded, MAX_FILE_BYTES, check_bytes, check_bytes_as, finish, finish_for_payloads,
    load_spec, load_spec_as, read_document, read_spec_as,
};
pub use model::Spec;
pub use read::field_table::TableRules;
pub use read::field_table::rules::TABLE_RULES_OFF_VARIABLE;
pub use read::recover::{
    RULES_OFF_VARIABLE, Recovered, RecoveryRules, recover_indentation, recover_indentation_with,
};
