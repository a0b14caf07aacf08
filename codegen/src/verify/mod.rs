//! Verification: what the model promises, checked with the engine `molde validate` uses. It runs
//! after the model is built and linted, on the JSON Schema molde emits for it:
//! - every schema compiles ([`schemas`]): whatever `molde validate` would refuse to check
//!   against, `molde check` reports as an error at the spec's line;
//! - every example fits what it exemplifies ([`examples`]);
//! - every `default` fits the schema it is the default of ([`defaults`]).

mod defaults;
mod examples;
mod schemas;

use crate::diag::Diagnostic;
use crate::emit::json_schema;
use crate::model::Spec;

/// The findings that stop a payload check: schemas that do not compile. Examples and
/// defaults that do not fit are warnings, which a payload check does not need.
pub(crate) fn run_schemas(spec: &Spec) -> Vec<Diagnostic> {
    let (document, index) = json_schema::to_json_schema_indexed(spec);
    schemas::check(spec, &document, &index)
}

/// Every verification finding for `spec`.
pub(crate) fn run(spec: &Spec) -> Vec<Diagnostic> {
    let (document, index) = json_schema::to_json_schema_indexed(spec);
    let mut found = schemas::check(spec, &document, &index);
    let extras = json_schema::ExtraDefinitions::new(spec);
    found.extend(examples::check(spec, &document, &index, &extras));
    found.extend(defaults::check(spec, &document, &index, &extras));
    found
}
